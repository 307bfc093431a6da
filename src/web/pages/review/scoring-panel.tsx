/**
 * 评分复核: every item of the rubric (the core's score report, computed in the browser from the version under review)
 * with its weight, the self-score and the recomputed score; the reviewer may set an adjusted score, which needs a
 * reason, and writes the review opinion. Saving stores one review opinion with the adjusted item scores.
 */
import { Alert, Button, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { type Exact, ZERO, add, cmp, parseExact, sub, toPlainString } from '../../../core/exact.ts';
import { type ItemScore, type ScoreReport, leavesOf } from '../../../core/rubric/engine.ts';
import { pick, useT } from '../../lib/i18n.tsx';

export interface ReviewOpinion {
  readonly id: string;
  readonly version: number;
  readonly reviewerId: string;
  readonly overallOpinion: string;
  readonly rectifications: readonly { text: string; path?: string }[];
  readonly createdAt: string;
  readonly itemScores: readonly { rubricItemId: string; adjustedScore: string; reason: string }[];
}

export interface ReviewDraft {
  readonly overallOpinion: string;
  readonly itemScores: { rubricItemId: string; adjustedScore: string; reason: string }[];
}

const DECIMAL = /^\d{1,6}(\.\d{1,6})?$/;
const show = (x: Exact | undefined) => (x === undefined ? '—' : toPlainString(x));

interface Adjust {
  score: string;
  reason: string;
}

export function ScoringPanel({
  report,
  reportProblem,
  latest,
  canWrite,
  whyNot,
  saving,
  onSave,
}: {
  report: ScoreReport | undefined;
  reportProblem: string | undefined;
  latest: ReviewOpinion | undefined;
  canWrite: boolean;
  whyNot: string;
  saving: boolean;
  onSave: (d: ReviewDraft) => Promise<boolean>;
}) {
  const { t, lang } = useT();
  const leaves = useMemo(() => (report ? leavesOf(report.items) : []), [report]);
  const [adjust, setAdjust] = useState<Record<string, Adjust>>(() => Object.fromEntries((latest?.itemScores ?? []).map((s) => [s.rubricItemId, { score: s.adjustedScore, reason: s.reason }])));
  const [opinion, setOpinion] = useState(latest?.overallOpinion ?? '');
  const [tried, setTried] = useState(false);

  const errorOf = (item: ItemScore): { score?: string; reason?: string } => {
    const a = adjust[item.id];
    if (!a || (!a.score.trim() && !a.reason.trim())) return {};
    const out: { score?: string; reason?: string } = {};
    const v = parseExact(a.score.trim());
    if (!a.score.trim()) out.score = t('请填写调整后的得分，或清空理由', 'Enter the adjusted score, or clear the reason');
    else if (!DECIMAL.test(a.score.trim()) || !v) out.score = t('请填写不带单位的数字，如 8.5', 'Enter a plain number such as 8.5');
    else if (cmp(v, item.weight) > 0) out.score = t(`不能超过分值 ${toPlainString(item.weight)}`, `At most the weight ${toPlainString(item.weight)}`);
    if (!a.reason.trim()) out.reason = t('调整得分须写明理由', 'An adjusted score needs a reason');
    return out;
  };
  const errors = leaves.map((l) => ({ id: l.id, ...errorOf(l) })).filter((e) => e.score || e.reason);
  const adjusted = leaves.filter((l) => adjust[l.id]?.score.trim() && parseExact(adjust[l.id]!.score.trim()));

  /** The recomputed total with the adjusted items' scores in place of their computed ones. */
  const adjustedTotal = useMemo(() => {
    if (!report || !adjusted.length) return undefined;
    let total = report.total.computed;
    for (const l of adjusted) total = add(sub(total, l.computed ?? ZERO), parseExact(adjust[l.id]!.score.trim())!);
    return total;
  }, [report, adjust]);

  const save = async () => {
    setTried(true);
    if (errors.length || !opinion.trim()) return;
    const ok = await onSave({
      overallOpinion: opinion.trim(),
      itemScores: adjusted.map((l) => ({ rubricItemId: l.id, adjustedScore: adjust[l.id]!.score.trim(), reason: adjust[l.id]!.reason.trim() })),
    });
    if (ok) setTried(false);
  };

  const set = (id: string, patch: Partial<Adjust>) => setAdjust((a) => ({ ...a, [id]: { score: a[id]?.score ?? '', reason: a[id]?.reason ?? '', ...patch } }));

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="scoring-panel">
      {!canWrite ? <Alert type="info" showIcon title={whyNot} /> : null}
      {reportProblem ? <Alert type="warning" showIcon title={reportProblem} /> : null}
      {report ? (
        <>
          <Typography.Text type="secondary">
            {t(`评分规则：${report.rubric.name}（${report.rubric.id}）`, `Rubric: ${report.rubric.name} (${report.rubric.id})`)}
          </Typography.Text>
          <Table<ItemScore>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={leaves}
            scroll={{ x: 760 }}
            onRow={(r) => ({ 'data-testid': 'score-row', 'data-item': r.id }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('评分项', 'Item'),
                key: 'item',
                width: 220,
                render: (_: unknown, r) => (
                  <span>
                    {r.path.length > 1 ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.path.slice(0, -1).join(' / ')} / </Typography.Text> : null}
                    {r.path[r.path.length - 1]}
                  </span>
                ),
              },
              { title: t('分值', 'Weight'), key: 'w', width: 56, align: 'right', render: (_: unknown, r) => show(r.weight) },
              { title: t('自评', 'Self'), key: 's', width: 56, align: 'right', render: (_: unknown, r) => show(r.self) },
              {
                title: t('复核', 'Recomputed'),
                key: 'c',
                width: 76,
                align: 'right',
                render: (_: unknown, r) => {
                  const text = show(r.computed);
                  const differs = r.self !== undefined && r.computed !== undefined && cmp(r.self, r.computed) !== 0;
                  const basis = r.basis ? pick(lang, r.basis.zh, r.basis.en) : undefined;
                  const body = <span style={differs ? { color: '#cf1322', fontWeight: 600 } : undefined}>{text}</span>;
                  return (
                    <Tooltip title={basis}>
                      {r.verifiable ? body : <span>{body} <Tag style={{ marginInlineEnd: 0 }}>{t('未核', 'n/v')}</Tag></span>}
                    </Tooltip>
                  );
                },
              },
              {
                title: t('调整得分', 'Adjusted'),
                key: 'a',
                width: 96,
                render: (_: unknown, r) => {
                  const e = tried || adjust[r.id]?.score ? errorOf(r) : {};
                  return (
                    <Tooltip title={e.score} open={e.score ? undefined : false}>
                      <Input
                        size="small"
                        inputMode="decimal"
                        disabled={!canWrite}
                        status={e.score ? 'error' : ''}
                        aria-label={t(`${r.path.join('/')} 调整得分`, `${r.path.join('/')} adjusted score`)}
                        data-testid="adjust-score"
                        value={adjust[r.id]?.score ?? ''}
                        onChange={(ev) => set(r.id, { score: ev.target.value })}
                      />
                    </Tooltip>
                  );
                },
              },
              {
                title: t('调整理由', 'Reason'),
                key: 'r',
                render: (_: unknown, r) => {
                  const e = tried || adjust[r.id]?.score ? errorOf(r) : {};
                  return (
                    <Input
                      size="small"
                      disabled={!canWrite}
                      status={e.reason ? 'error' : ''}
                      placeholder={adjust[r.id]?.score ? t('必填', 'required') : ''}
                      aria-label={t(`${r.path.join('/')} 调整理由`, `${r.path.join('/')} reason`)}
                      data-testid="adjust-reason"
                      value={adjust[r.id]?.reason ?? ''}
                      onChange={(ev) => set(r.id, { reason: ev.target.value })}
                    />
                  );
                },
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>{t('合计', 'Total')}</b>
                  {report.vetoed ? <Tag color="red" style={{ marginLeft: 8 }}>{t('一票否决', 'vetoed')}</Tag> : null}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{show(report.total.weight)}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{show(report.total.printedSelf ?? report.total.self)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right"><b>{show(report.total.computed)}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={4} colSpan={2}>
                  {adjustedTotal ? <span data-testid="adjusted-total">{t(`调整后合计 ${toPlainString(adjustedTotal)}`, `adjusted total ${toPlainString(adjustedTotal)}`)}</span> : null}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </>
      ) : null}
      <Typography.Text strong>{t('审核意见', 'Review opinion')}</Typography.Text>
      <Input.TextArea
        rows={4}
        disabled={!canWrite}
        value={opinion}
        onChange={(e) => setOpinion(e.target.value)}
        status={tried && !opinion.trim() ? 'error' : ''}
        placeholder={t('写明审核结论、主要问题与整改要求', 'The conclusion, the main problems and what to correct')}
        aria-label={t('审核意见', 'Review opinion')}
        data-testid="opinion"
        maxLength={20000}
      />
      {tried && (errors.length || !opinion.trim()) ? (
        <Alert
          type="error"
          showIcon
          data-testid="review-form-error"
          title={!opinion.trim() ? t('请填写审核意见后再保存', 'Write the review opinion before saving') : t(`有 ${errors.length} 个评分项的调整不完整：每个调整得分须是不超过分值的数字并写明理由`, `${errors.length} adjustment(s) are incomplete: each needs a number within the weight and a reason`)}
        />
      ) : null}
      <Space>
        <Button type="primary" disabled={!canWrite} loading={saving} onClick={() => void save()} data-testid="save-review">
          {t('保存审核意见', 'Save the review')}
        </Button>
        {latest ? <Typography.Text type="secondary">{t(`上次保存：${new Date(latest.createdAt).toLocaleString('zh-CN')}（第 ${latest.version} 版）`, `Last saved ${new Date(latest.createdAt).toLocaleString('en-GB')} (version ${latest.version})`)}</Typography.Text> : null}
      </Space>
    </Space>
  );
}
