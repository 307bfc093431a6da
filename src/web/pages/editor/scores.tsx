/**
 * 自评打分: every item of the rubric with the score the data allows (computed by the core's rubric engine as the
 * figures change) beside the self-score the department types and its reason. Self-scores live in
 * `selfScores.items` of the data, matched to rubric items the way the engine matches them (id, name or path).
 */
import { Alert, Card, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import { difference, type ItemScore } from '../../../core/rubric/engine.ts';
import { type Group, type Leaf, type Rubric, isLeaf } from '../../../core/rubric/schema.ts';
import { toPlainString } from '../../../core/exact.ts';
import { pick } from '../../lib/i18n.tsx';
import { TextField, useEditor } from './fields.tsx';
import { SectionFindings } from './findings.tsx';
import type { Live } from './live.ts';
import { type Data, getIn, isRecord, setIn } from './paths.ts';

interface Line {
  readonly key: string;
  readonly depth: number;
  readonly item: ItemScore;
  readonly node?: Group | Leaf;
}

function flatten(items: readonly ItemScore[], nodes: readonly (Group | Leaf)[] | undefined, depth: number, out: Line[]): void {
  items.forEach((item, i) => {
    const node = nodes?.[i];
    out.push({ key: item.id, depth, item, ...(node ? { node } : {}) });
    if (item.children) flatten(item.children, node && !isLeaf(node) ? node.items : undefined, depth + 1, out);
  });
}

/** The index of the self-score entry for a rubric item, matched as the engine matches (id, name, path suffix). */
export function selfEntryIndex(data: Data, item: ItemScore): number {
  const list = getIn(data, ['selfScores', 'items']);
  if (!Array.isArray(list)) return -1;
  const name = item.path[item.path.length - 1];
  return list.findIndex((e) => {
    if (!isRecord(e) || typeof e.item !== 'string') return false;
    const key = e.item.trim();
    const segs = key.split('/').map((x) => x.trim()).filter(Boolean);
    return key === item.id || key === name || (segs.length > 1 && item.path.slice(-segs.length).join('/') === segs.join('/'));
  });
}

const FLAG_TEXT: Record<string, [string, string]> = {
  'self-above-weight': ['自评分超过分值', 'self-score above the weight'],
  'reason-missing': ['扣分未写理由', 'points deducted without a reason'],
  'self-differs-from-items': ['与下级得分之和不符', 'differs from the sum of its items'],
  incomplete: ['部分下级无法计分', 'some items cannot be scored'],
};

function SelfCell({ item, field }: { item: ItemScore; field: 'score' | 'reason' }) {
  const ed = useEditor();
  const idx = selfEntryIndex(ed.data, item);
  const path = ['selfScores', 'items', idx < 0 ? 'new' : idx, field];
  if (idx < 0) {
    // No entry yet: typing creates one for this item (by its id).
    return (
      <TextField
        path={['selfScores', 'items', `+${item.id}`, field]}
        {...(field === 'score' ? { placeholder: item.children ? t2(ed, item) : '' } : {})}
        area={field === 'reason'}
        rows={1}
      />
    );
  }
  return <TextField path={path} area={field === 'reason'} rows={1} required={field === 'score'} />;
}
const t2 = (ed: ReturnType<typeof useEditor>, item: ItemScore) => (item.self !== undefined ? toPlainString(item.self) : ed.t('按下级合计', 'sum of items'));

/**
 * Self-score edits: a path with "+id" in place of the index creates the item's entry; an entry left with neither
 * score nor reason is removed.
 */
export function setSelfScore(data: Data, path: readonly (string | number)[], value: unknown): Data {
  const seg = path[2];
  if (typeof seg === 'string' && seg.startsWith('+')) {
    if (value === undefined) return data;
    const list = getIn(data, ['selfScores', 'items']);
    const items = Array.isArray(list) ? list : [];
    return setIn(data, ['selfScores', 'items'], [...items, { item: seg.slice(1), ...(path[3] === 'score' ? { score: value } : { reason: value }) }]);
  }
  let next = setIn(data, path, value);
  const idx = path[2];
  const entry = typeof idx === 'number' ? getIn(next, ['selfScores', 'items', idx]) : undefined;
  if (isRecord(entry) && (entry.score === undefined || entry.score === '') && !entry.reason) {
    const list = getIn(next, ['selfScores', 'items']) as unknown[];
    const rest = list.filter((_, i) => i !== idx);
    next = setIn(next, ['selfScores', 'items'], rest.length ? rest : undefined);
  }
  return next;
}

export function ScoresSection({ live, rubric, rubricProblem, onGo }: { live: Live; rubric: Rubric | undefined; rubricProblem: string | undefined; onGo: (field: string) => void }) {
  const ed = useEditor();
  const { t, lang } = ed;
  const score = live.audit?.score;
  if (!rubric) {
    return (
      <Card size="small" title={t('自评打分', 'Self-scoring')}>
        <Empty description={rubricProblem ?? t('任务未选定评分标准，无法逐项打分。请联系财政局在任务中选定评分标准。', 'The task has no rubric, so there is nothing to score against. Ask the finance bureau to choose one for the task.')} />
      </Card>
    );
  }
  if (!score) {
    return (
      <Card size="small" title={t('自评打分', 'Self-scoring')}>
        <Alert type="warning" showIcon message={t('有字段格式不对，暂时无法计分。改正标红的字段后，这里会重新计算。', 'A field is malformed, so nothing can be scored yet. Correct the red field and scores are computed again.')} />
      </Card>
    );
  }
  const lines: Line[] = [];
  flatten(score.items, rubric.items, 0, lines);
  const columns = [
    {
      title: t('评分项', 'Item'),
      key: 'name',
      width: 220,
      render: (_: unknown, l: Line) => {
        const standard = l.node && 'standard' in l.node ? l.node.standard : undefined;
        const name = <span style={{ paddingLeft: l.depth * 16, fontWeight: l.item.children ? 600 : 400 }}>{l.item.path[l.item.path.length - 1]}</span>;
        return standard ? <Tooltip title={standard}>{name}</Tooltip> : name;
      },
    },
    { title: t('分值', 'Weight'), key: 'weight', width: 64, render: (_: unknown, l: Line) => toPlainString(l.item.weight) },
    {
      title: t('数据可算得分', 'Score the data gives'),
      key: 'computed',
      width: 150,
      render: (_: unknown, l: Line) => {
        const basis = l.item.basis ? pick(lang, l.item.basis.zh, l.item.basis.en) : undefined;
        const content =
          l.item.verifiable && l.item.computed !== undefined ? (
            <span data-testid={`computed-${l.item.id}`} style={{ fontWeight: 500 }}>
              {toPlainString(l.item.computed)}
            </span>
          ) : (
            <Typography.Text type="secondary">{t('需人工判断', 'judged by hand')}</Typography.Text>
          );
        return basis ? (
          <Tooltip title={basis}>
            <span style={{ cursor: 'help' }}>{content}</span>
          </Tooltip>
        ) : (
          content
        );
      },
    },
    { title: t('自评得分', 'Self-score'), key: 'self', width: 120, render: (_: unknown, l: Line) => <SelfCell item={l.item} field="score" /> },
    {
      title: t('差额', 'Difference'),
      key: 'diff',
      width: 80,
      render: (_: unknown, l: Line) => {
        const d = l.item.verifiable ? difference(l.item) : undefined;
        if (!d || d.n === 0n) return null;
        return <Typography.Text type={d.n < 0n ? 'danger' : 'success'}>{`${d.n > 0n ? '+' : ''}${toPlainString(d)}`}</Typography.Text>;
      },
    },
    { title: t('评分理由', 'Reason'), key: 'reason', render: (_: unknown, l: Line) => <SelfCell item={l.item} field="reason" /> },
    {
      title: '',
      key: 'flags',
      width: 130,
      render: (_: unknown, l: Line) =>
        l.item.flags
          .filter((f) => FLAG_TEXT[f])
          .map((f) => (
            <Tag key={f} color="orange" style={{ marginBottom: 2 }}>
              {t(FLAG_TEXT[f]![0], FLAG_TEXT[f]![1])}
            </Tag>
          )),
    },
  ];
  const total = score.total;
  return (
    <Card
      size="small"
      title={t(`自评打分 · ${score.rubric.name}`, `Self-scoring · ${score.rubric.name}`)}
      extra={
        <span data-testid="score-total">
          {t('数据可算 ', 'From the data ')}
          <b>{toPlainString(total.computed)}</b>
          {total.self !== undefined ? t(` · 自评 ${toPlainString(total.self)}`, ` · self ${toPlainString(total.self)}`) : ''}
          {t(` / 满分 ${toPlainString(total.weight)}`, ` / ${toPlainString(total.weight)}`)}
          {score.grade.computed ? <Tag style={{ marginLeft: 8 }}>{pick(lang, score.grade.computed.zh, score.grade.computed.en)}</Tag> : null}
        </span>
      }
    >
      {score.unscoredWeight.n !== 0n ? (
        <Alert
          style={{ marginBottom: 8 }}
          type="info"
          showIcon
          message={t(
            `还有 ${toPlainString(score.unscoredWeight)} 分的评分项既无法由数据计算、也没有自评分：请填写自评得分（扣分须写理由），或补齐计算所需的数据。`,
            `${toPlainString(score.unscoredWeight)} points have neither a score from the data nor a self-score: type the self-score (with a reason for any deduction) or fill in the data they need.`,
          )}
        />
      ) : null}
      <Table<Line> size="small" rowKey="key" pagination={false} columns={columns} dataSource={lines} scroll={{ x: 960 }} data-testid="rubric-table" />
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 }}>
        <Typography.Text type="secondary">{t('文件印出的自评总分（可选）', 'Self-score total as printed (optional)')}</Typography.Text>
        <TextField path={['selfScores', 'total']} width={120} />
      </div>
      <SectionFindings prefixes={['selfScores']} onGo={onGo} />
    </Card>
  );
}
