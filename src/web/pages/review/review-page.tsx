/**
 * 审核 (the review view) of one evaluation: the original document on the left; on the right the findings with their
 * source excerpts (a click highlights the excerpt in the document), the figures recomputed in the browser by the core,
 * the scoring of every rubric item with adjustments and the opinion, and the history of moves. The header offers the
 * moves the server says the caller may make now (start review, return with reasons, recommend, approve, publish)
 * and the review letter to download.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Dropdown, Empty, Form, Input, List, Modal, Popconfirm, Select, Skeleton, Space, Splitter, Table, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { type Finding, SEVERITY_LABELS, CATEGORY_LABELS, audit } from '../../../core/audit/index.ts';
import { formatAmount, groupThousands } from '../../../core/amount.ts';
import { type ComputedFigure, computeAll } from '../../../core/compute/compute.ts';
import { toPercent, toPlainString } from '../../../core/exact.ts';
import { messageOf } from '../../../core/messages.ts';
import type { Evaluation } from '../../../core/model/evaluation.ts';
import type { Money } from '../../../core/model/money.ts';
import { parseEvaluation } from '../../../core/model/parse.ts';
import type { Problem } from '../../../core/problem.ts';
import { parseRubric } from '../../../core/rubric/parse.ts';
import type { ScoreReport } from '../../../core/rubric/engine.ts';
import { ROLE_INFO, type Role } from '../../../core/workflow/roles.ts';
import { EVALUATION_STATE_INFO, type EvaluationState } from '../../../core/workflow/states.ts';
import { ACTION_INFO, type Action } from '../../../core/workflow/transitions.ts';
import { ApiProblem, api } from '../../lib/api.ts';
import { type Lang, pick, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import type { EvaluationView, HistoryEntry, OfferedAction, Task } from '../../lib/types.ts';
import { useLoad } from '../../lib/use-load.ts';
import { ProblemResult } from '../../lib/ui/problem-result.tsx';
import { StateTag } from '../../lib/ui/state-tag.tsx';
import { type DocumentInfo, DocumentPanel, type Highlight } from './document-panel.tsx';
import { type ReviewDraft, type ReviewOpinion, ScoringPanel } from './scoring-panel.tsx';

interface Loaded {
  readonly view: EvaluationView;
  readonly task: Task | undefined;
  readonly documents: readonly DocumentInfo[];
  readonly reviews: readonly ReviewOpinion[];
  readonly rubricData: unknown;
  readonly rubricId: string | undefined;
}

async function loadAll(id: string): Promise<Loaded> {
  const [view, documents, reviews] = await Promise.all([
    api.get<EvaluationView>(`/api/evaluations/${id}`),
    api.get<DocumentInfo[]>(`/api/evaluations/${id}/documents`),
    api.get<ReviewOpinion[]>(`/api/evaluations/${id}/reviews`),
  ]);
  const task = await api.get<Task>(`/api/tasks/${view.taskId}`).catch(() => undefined);
  const own = view.version?.data.rubric;
  // The server's rule: the rubric the evaluation names, else the task's (the summary names the one it used).
  const rubricId = view.summary?.rubric ?? (typeof own === 'string' ? own : undefined) ?? task?.rubricId ?? undefined;
  const rubricData = rubricId ? await api.get<{ data: unknown }>(`/api/rubrics/${encodeURIComponent(rubricId)}`).then((r) => r.data).catch(() => undefined) : undefined;
  return { view, task, documents, reviews, rubricData, rubricId };
}

/** The evaluation, its figures and score report, computed here by the core from the version under review. */
function useComputed(l: Loaded | undefined, lang: Lang) {
  return useMemo(() => {
    if (!l?.view.version) return { problem: undefined };
    const parsed = parseEvaluation(l.view.version.data);
    if (!parsed.ok) return { problem: parsed.problems.slice(0, 3).map((p) => messageOf(p, lang).text).join('；') };
    const evaluation = parsed.value;
    const figures = computeAll(evaluation);
    let score: ScoreReport | undefined;
    let scoreProblem: string | undefined;
    if (l.rubricData !== undefined) {
      const r = parseRubric(l.rubricData);
      if (r.ok) score = audit({ evaluation, rubric: r.value }).score;
      else scoreProblem = r.problems.slice(0, 3).map((p) => messageOf(p, lang).text).join('；');
    } else scoreProblem = l.rubricId ? (lang === 'zh' ? `找不到评分规则 ${l.rubricId}，请在“评分规则”中检查` : `rubric ${l.rubricId} not found; check Rubrics`) : lang === 'zh' ? '任务未指定评分规则，无法逐项复核' : 'the task names no rubric; items cannot be scored';
    return { evaluation, figures, score, scoreProblem, problem: undefined };
  }, [l, lang]);
}

const REVIEW_SIDE: readonly Action[] = ['start-review', 'return', 'recommend', 'approve', 'publish', 'reopen'];

export default function ReviewPage({ id }: { id: string }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const loaded = useLoad(() => loadAll(id), [id]);
  const computed = useComputed(loaded.data, lang);
  const [highlight, setHighlight] = useState<Highlight>();
  const [selected, setSelected] = useState<number>();
  const [busy, setBusy] = useState<string>();
  const [returnOpen, setReturnOpen] = useState(false);
  const [reopenOpen, setReopenOpen] = useState(false);
  const [tab, setTab] = useState('findings');

  if (loaded.error) return <ProblemResult problem={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  const { view, task, documents, reviews } = loaded.data;
  const findings = view.findings as Finding[];
  const latest = reviews.length ? reviews[reviews.length - 1] : undefined;
  const canWrite = view.editable.includes('review-opinions');

  const move = async (action: Action, body: Record<string, unknown> = {}): Promise<boolean> => {
    setBusy(action);
    try {
      const next = await api.post<EvaluationView>(`/api/evaluations/${id}/actions/${action}`, { version: view.currentVersion, ...body });
      loaded.set({ ...loaded.data!, view: next });
      message.success(t(`已${pick('zh', ACTION_INFO[action].label.zh, '')}：现为“${EVALUATION_STATE_INFO[next.state as EvaluationState]?.label.zh ?? next.state}”`, `${ACTION_INFO[action].label.en}: now ${EVALUATION_STATE_INFO[next.state as EvaluationState]?.label.en ?? next.state}`));
      return true;
    } catch (e) {
      message.error({ content: e instanceof ApiProblem ? e.text(lang) : String(e), duration: 8 });
      if (e instanceof ApiProblem && e.status === 409) void loaded.reload();
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const saveReview = async (d: ReviewDraft): Promise<boolean> => {
    setBusy('review');
    try {
      await api.post(`/api/evaluations/${id}/reviews`, { version: view.currentVersion, overallOpinion: d.overallOpinion, rectifications: [], itemScores: d.itemScores });
      const reviewsNow = await api.get<ReviewOpinion[]>(`/api/evaluations/${id}/reviews`);
      loaded.set({ ...loaded.data!, reviews: reviewsNow });
      message.success(t('审核意见已保存', 'The review is saved'));
      return true;
    } catch (e) {
      message.error({ content: e instanceof ApiProblem ? e.text(lang) : String(e), duration: 8 });
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const pickFinding = (i: number) => {
    const f = findings[i]!;
    setSelected(i);
    const withFile = f.locations.find((l) => l.file);
    setHighlight({
      file: withFile?.file,
      lines: f.locations.flatMap((l) => (l.line ? [l.line] : [])),
      texts: f.locations.flatMap((l) => (l.text ? [l.text] : [])),
      nonce: Date.now(),
    });
  };

  const offered = view.offeredActions.filter((o) => REVIEW_SIDE.includes(o.action as Action));
  const whyNot = canWrite
    ? ''
    : view.state === 'signed-off'
      ? t('先点“开始审核”，再填写审核意见与复核评分。', 'Start the review first, then write the opinion and adjust scores.')
      : t(`评价处于“${pick(lang, EVALUATION_STATE_INFO[view.state as EvaluationState]?.label.zh, EVALUATION_STATE_INFO[view.state as EvaluationState]?.label.en)}”状态，您现在不能修改审核意见。`, `The evaluation is ${EVALUATION_STATE_INFO[view.state as EvaluationState]?.label.en ?? view.state}; you cannot change the review now.`);

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;

  return (
    <div data-testid="review" style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 84px)', minHeight: 520 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 10, marginBottom: 8 }}>
        <Link to={`/tasks/${view.taskId}`}>{t('← 审核台', '← Desk')}</Link>
        <Typography.Title level={4} style={{ margin: 0, maxWidth: 520 }} ellipsis={{ tooltip: view.department }}>
          {view.department ?? view.summary?.department ?? t('（未写部门名称）', '(no department name)')}
        </Typography.Title>
        <span data-testid="review-state">
          <StateTag state={view.state} />
        </span>
        <Typography.Text type="secondary">
          {view.version ? t(`第 ${view.version.version} 版`, `version ${view.version.version}`) : t('尚无提交的版本', 'no submitted version')}
          {task ? `　${task.title}` : ''}
        </Typography.Text>
        {view.summary ? (
          <Space size={4}>
            {view.summary.selfScore ? <Tag>{t(`自评 ${view.summary.selfScore}`, `self ${view.summary.selfScore}`)}</Tag> : null}
            {view.summary.computedScore ? <Tag color="blue">{t(`复核 ${view.summary.computedScore}`, `recomputed ${view.summary.computedScore}`)}{view.summary.maxScore && view.summary.maxScore !== '100' ? ` / ${view.summary.maxScore}` : ''}</Tag> : null}
            {view.summary.grade ? <Tag color="green">{view.summary.grade}</Tag> : null}
          </Space>
        ) : null}
        <span style={{ flex: 1 }} />
        <Space wrap>
          {offered.map((o) => (
            <ActionButton
              key={o.action}
              offer={o}
              busy={busy === o.action}
              onClick={() => {
                if (o.action === 'return') setReturnOpen(true);
                else if (o.action === 'reopen') setReopenOpen(true);
                else void move(o.action as Action);
              }}
            />
          ))}
          <Dropdown
            disabled={!view.version}
            menu={{
              items: [
                { key: 'review-docx', label: <a href={`/api/evaluations/${id}/files/review/docx`} download data-testid="letter-docx">{t('审核意见书（Word）', 'Review letter (Word)')}</a> },
                { key: 'review-pdf', label: <a href={`/api/evaluations/${id}/files/review/pdf`} download data-testid="letter-pdf">{t('审核意见书（PDF）', 'Review letter (PDF)')}</a> },
                { key: 'scorecard', label: <a href={`/api/evaluations/${id}/files/scorecard/xlsx`} download>{t('评分表（Excel）', 'Scorecard (Excel)')}</a> },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="downloads">
              {t('下载', 'Download')}
            </Button>
          </Dropdown>
        </Space>
      </div>
      {view.state === 'returned' && view.returnReasons ? <ReturnedNotice view={view} /> : null}
      {computed.problem ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t(`这一版数据无法在浏览器中重算：${computed.problem}`, `This version cannot be recomputed here: ${computed.problem}`)} /> : null}
      <style>{'.review-tabs .ant-tabs-content-holder{overflow:auto;min-height:0}.review-tabs .ant-tabs-nav{margin-bottom:8px}'}</style>
      <Card size="small" style={{ flex: 1, minHeight: 0 }} styles={{ body: { padding: 0, height: '100%' } }}>
        <Splitter style={{ height: '100%' }}>
          <Splitter.Panel defaultSize={documents.length ? '44%' : '26%'} min="20%">
            <DocumentPanel
              evaluationId={id}
              documents={documents}
              highlight={highlight}
              onLocated={(found) => {
                if (!found && highlight) message.info(documents.length ? t('原件中未找到这段摘录（可能来自表格或经过整理），请按章节查看', 'The excerpt is not in the text as printed (a table or normalised text); look under its section') : t('本评价无原件，摘录见审核发现', 'No original document; the excerpt is in the finding'));
              }}
            />
          </Splitter.Panel>
          <Splitter.Panel min="35%">
            <Tabs
              activeKey={tab}
              onChange={setTab}
              style={{ height: '100%', padding: '0 12px' }}
              className="review-tabs"
              items={[
                {
                  key: 'findings',
                  label: (
                    <span>
                      {t('审核发现', 'Findings')} <Badge count={findings.length} showZero color={counts.error ? '#cf1322' : counts.warning ? '#d48806' : '#8c8c8c'} size="small" />
                    </span>
                  ),
                  children: <FindingsList findings={findings} selected={selected} onPick={pickFinding} />,
                },
                { key: 'figures', label: t('数据与计算', 'Figures'), children: computed.evaluation ? <FiguresPanel evaluation={computed.evaluation} figures={computed.figures!} /> : <Empty description={t('没有可显示的数据', 'No data to show')} /> },
                {
                  key: 'score',
                  label: t('评分与意见', 'Scores and opinion'),
                  children: (
                    <ScoringPanel
                      key={latest?.id ?? 'none'}
                      report={computed.score}
                      reportProblem={computed.scoreProblem}
                      latest={latest}
                      canWrite={canWrite}
                      whyNot={whyNot}
                      saving={busy === 'review'}
                      onSave={saveReview}
                    />
                  ),
                },
                { key: 'history', label: t('历史', 'History'), children: <HistoryPanel history={view.history} reviews={reviews} /> },
              ]}
            />
          </Splitter.Panel>
        </Splitter>
      </Card>
      <ReturnDialog open={returnOpen} findings={findings} score={computed.score} onCancel={() => setReturnOpen(false)} onSubmit={async (reasons) => { if (await move('return', { reasons })) setReturnOpen(false); }} busy={busy === 'return'} />
      <Modal
        open={reopenOpen}
        title={t('重新打开评价', 'Reopen the evaluation')}
        okText={t('重新打开', 'Reopen')}
        cancelText={t('取消', 'Cancel')}
        onCancel={() => setReopenOpen(false)}
        footer={null}
      >
        <Form layout="vertical" onFinish={async (v: { reason: string }) => { if (await move('reopen', { reason: v.reason })) setReopenOpen(false); }}>
          <Form.Item name="reason" label={t('理由', 'Reason')} rules={[{ required: true, whitespace: true, message: t('请写明重新打开的理由', 'Write why it is reopened') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'reopen'}>{t('重新打开', 'Reopen')}</Button>
        </Form>
      </Modal>
    </div>
  );
}

function ActionButton({ offer, busy, onClick }: { offer: OfferedAction; busy: boolean; onClick: () => void }) {
  const { t, lang } = useT();
  const info = ACTION_INFO[offer.action as Action];
  const label = info ? pick(lang, info.label.zh, info.label.en) : offer.action;
  // A return is offered with "reasons required": the dialog asks for them. Any other problem blocks the move.
  const blocked = offer.problem && !(offer.action === 'return' && offer.problem.code.startsWith('workflow-return-reason'));
  const why = offer.problem ? messageOf({ code: offer.problem.code, path: [], params: (offer.problem.params ?? {}) as Problem['params'] } as Problem, lang) : undefined;
  const type = offer.action === 'approve' || offer.action === 'recommend' || offer.action === 'start-review' ? 'primary' : 'default';
  const button = (
    <Button type={type} danger={offer.action === 'return'} disabled={!!blocked} loading={busy} data-testid={`action-${offer.action}`} onClick={offer.action === 'approve' || offer.action === 'publish' || offer.action === 'recommend' ? undefined : onClick}>
      {label}
    </Button>
  );
  if (blocked) return <Tooltip title={why ? `${why.text}${why.fix ? `（${why.fix}）` : ''}` : undefined}>{button}</Tooltip>;
  if (offer.action === 'approve' || offer.action === 'publish' || offer.action === 'recommend') {
    const confirm =
      offer.action === 'approve'
        ? t('终审通过后结果确定，部门不能再修改。确定通过？', 'After approval the result stands and the department cannot change it. Approve?')
        : offer.action === 'publish'
          ? t('公开后自评结果向社会公开。确定公开？', 'The result will be public. Publish?')
          : t('建议通过后交财政局终审。确定？', 'The bureau will give the final approval. Recommend?');
    return (
      <Popconfirm title={confirm} okText={t('确定', 'Confirm')} cancelText={t('取消', 'Cancel')} onConfirm={onClick}>
        <Tooltip title={info ? pick(lang, info.description.zh, info.description.en) : undefined}>{button}</Tooltip>
      </Popconfirm>
    );
  }
  return <Tooltip title={info ? pick(lang, info.description.zh, info.description.en) : undefined}>{button}</Tooltip>;
}

const SEVERITY_COLORS = { error: 'red', warning: 'gold', info: 'blue' } as const;

function FindingsList({ findings, selected, onPick }: { findings: readonly Finding[]; selected: number | undefined; onPick: (i: number) => void }) {
  const { t, lang } = useT();
  if (!findings.length) return <Empty description={t('没有审核发现：各项核对均一致', 'No findings: every check agrees')} />;
  return (
    <div>
      <List
        size="small"
        dataSource={findings.map((f, i) => ({ f, i }))}
        renderItem={({ f, i }) => (
          <List.Item
            data-testid="finding"
            data-rule={f.rule}
            tabIndex={0}
            role="button"
            aria-pressed={selected === i}
            onClick={() => onPick(i)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onPick(i);
              }
            }}
            style={{ cursor: 'pointer', display: 'block', background: selected === i ? '#e6f4ff' : undefined, borderLeft: selected === i ? '3px solid #1d5fbf' : '3px solid transparent', paddingLeft: 8 }}
          >
            <Space size={4} wrap style={{ marginBottom: 4 }}>
              <Tag color={SEVERITY_COLORS[f.severity]}>{pick(lang, SEVERITY_LABELS[f.severity]?.zh, SEVERITY_LABELS[f.severity]?.en)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {pick(lang, CATEGORY_LABELS[f.category]?.zh, CATEGORY_LABELS[f.category]?.en)}
              </Typography.Text>
            </Space>
            <div>{pick(lang, f.message.zh, f.message.en)}</div>
            {f.printed || f.computed ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.printed ? t(`印出 ${f.printed}`, `printed ${f.printed}`) : ''}
                {f.printed && f.computed ? '　' : ''}
                {f.computed ? t(`计算 ${f.computed}`, `computed ${f.computed}`) : ''}
              </Typography.Text>
            ) : null}
            {f.locations
              .filter((l) => l.text || l.section || l.line)
              .map((l, k) => (
                <div key={k} data-testid="finding-excerpt" style={{ marginTop: 4, padding: '2px 8px', borderLeft: '2px solid #d9d9d9', background: '#fafafa', fontSize: 12 }}>
                  <Typography.Text type="secondary">
                    {[l.role ? pick(lang, l.role.zh, l.role.en) : '', l.section ?? '', l.line ? t(`第 ${l.line} 行`, `line ${l.line}`) : ''].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  {l.text ? <div>“{l.text}”</div> : null}
                </div>
              ))}
          </List.Item>
        )}
      />
    </div>
  );
}

function moneyText(m: Money | undefined): string {
  if (!m) return '—';
  const [num, unit] = formatAmount(m).split(' ');
  return `${groupThousands(num ?? '')} ${unit ?? ''}`.trim();
}

function figureValue(f: ComputedFigure, lang: Lang): string {
  if (f.outcome.kind !== 'value') return lang === 'zh' ? '无法计算' : 'n/a';
  const v = f.outcome.value;
  if (f.output === 'rate') return toPercent(v);
  if (f.output === 'money') return f.outcome.unit ? moneyText({ value: v, unit: f.outcome.unit } as Money) : groupThousands(toPlainString(v));
  return toPlainString(v);
}

function FiguresPanel({ evaluation, figures }: { evaluation: Evaluation; figures: readonly ComputedFigure[] }) {
  const { t, lang } = useT();
  const b = evaluation.budget;
  const lines = b
    ? [
        { key: 'total', name: t('部门合计', 'Department'), line: b },
        ...(b.basic ? [{ key: 'basic', name: t('基本支出', 'Basic'), line: b.basic }] : []),
        ...(b.project ? [{ key: 'project', name: t('项目支出', 'Projects'), line: b.project }] : []),
        ...(b.fundSources ?? []).map((s, i) => ({ key: `fund-${i}`, name: s.name, line: s })),
      ]
    : [];
  const dept = figures.filter((f) => f.isDepartmentLevel);
  return (
    <div data-testid="figures">
      <Typography.Text strong>{t('预算收支（原件数据）', 'Budget (as printed)')}</Typography.Text>
      {lines.length ? (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          style={{ margin: '6px 0 12px' }}
          dataSource={lines}
          columns={[
            { title: t('项目', 'Line'), dataIndex: 'name' },
            { title: t('年初预算', 'Initial'), align: 'right', render: (_: unknown, r) => moneyText(r.line.initialBudget) },
            { title: t('调整后预算', 'Adjusted'), align: 'right', render: (_: unknown, r) => moneyText(r.line.adjustedBudget) },
            { title: t('实际支出', 'Actual'), align: 'right', render: (_: unknown, r) => moneyText(r.line.actualSpending) },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('原件中没有预算收支数', 'No budget figures in the document')} />
      )}
      <Typography.Text strong>{t('计算指标（浏览器按公式重算）', 'Computed (by the formulas, in the browser)')}</Typography.Text>
      <Table<ComputedFigure>
        size="small"
        pagination={false}
        rowKey={(f) => `${f.id}-${f.subject.path.join('.')}`}
        style={{ marginTop: 6 }}
        dataSource={dept}
        locale={{ emptyText: t('数据不足，无法计算指标', 'Not enough data to compute') }}
        columns={[
          { title: t('指标', 'Metric'), render: (_: unknown, f) => <Tooltip title={pick(lang, f.formula.zh, f.formula.en)}>{pick(lang, f.name.zh, f.name.en)}</Tooltip> },
          { title: t('计算值', 'Computed'), align: 'right', render: (_: unknown, f) => figureValue(f, lang) },
          { title: t('印出值', 'Printed'), align: 'right', render: (_: unknown, f) => f.printed?.text ?? '—' },
          {
            title: t('核对', 'Check'),
            align: 'center',
            render: (_: unknown, f) =>
              f.comparison === 'match' ? <Tag color="green">{t('一致', 'match')}</Tag> : f.comparison === 'differs' ? <Tag color="red">{t('不一致', 'differs')}</Tag> : f.comparison === 'printed-not-applicable' ? <Tag>{t('印为不适用', 'printed n/a')}</Tag> : <Typography.Text type="secondary">{t('未印出', 'not printed')}</Typography.Text>,
          },
        ]}
      />
    </div>
  );
}

function stateLabel(s: string, lang: Lang): string {
  const info = EVALUATION_STATE_INFO[s as EvaluationState];
  return info ? pick(lang, info.label.zh, info.label.en) : s;
}

function HistoryPanel({ history, reviews }: { history: readonly HistoryEntry[]; reviews: readonly ReviewOpinion[] }) {
  const { t, lang } = useT();
  const when = (s: string) => new Date(s).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
  return (
    <div data-testid="history">
      {history.length ? (
        <Timeline
          style={{ marginTop: 8 }}
          items={[...history].reverse().map((h, i) => {
            const x = h as HistoryEntry & { role?: Role; overrideReason?: string };
            const info = ACTION_INFO[h.action as Action];
            return {
              key: i,
              color: h.action === 'return' ? 'red' : h.action === 'approve' || h.action === 'publish' ? 'green' : 'blue',
              content: (
                <div>
                  <b>{info ? pick(lang, info.label.zh, info.label.en) : h.action}</b>
                  <Typography.Text type="secondary">
                    {'　'}
                    {stateLabel(h.from, lang)} → {stateLabel(h.to, lang)}　{x.role ? pick(lang, ROLE_INFO[x.role]?.label.zh, ROLE_INFO[x.role]?.label.en) : ''}　{when(h.at)}
                  </Typography.Text>
                  {h.reason ? <div>{t(`理由：${h.reason}`, `Reason: ${h.reason}`)}</div> : null}
                  {x.overrideReason ? <div>{t(`带错误提交的说明：${x.overrideReason}`, `Submitted with errors because: ${x.overrideReason}`)}</div> : null}
                  {h.reasons?.length ? (
                    <ul style={{ margin: '2px 0 0', paddingLeft: 18 }}>
                      {h.reasons.map((r, k) => (
                        <li key={k}>
                          {r.text}
                          {r.rubricItem ? <Tag style={{ marginLeft: 6 }}>{r.rubricItem}</Tag> : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ),
            };
          })}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('还没有流转记录', 'No moves yet')} />
      )}
      <Typography.Title level={5}>{t('已保存的审核意见', 'Saved reviews')}</Typography.Title>
      {reviews.length ? (
        <List
          size="small"
          dataSource={[...reviews].reverse()}
          renderItem={(r) => (
            <List.Item data-testid="saved-review" style={{ display: 'block' }}>
              <Typography.Text type="secondary">{t(`${when(r.createdAt)}　第 ${r.version} 版`, `${when(r.createdAt)} · version ${r.version}`)}</Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }}>{r.overallOpinion}</div>
              {r.itemScores.map((s, k) => (
                <div key={k} style={{ fontSize: 12, color: '#595959' }}>
                  {t(`调整 ${s.rubricItemId}：${s.adjustedScore} 分（${s.reason}）`, `adjusted ${s.rubricItemId}: ${s.adjustedScore} (${s.reason})`)}
                </div>
              ))}
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('尚未保存审核意见', 'No review saved yet')}</Typography.Text>
      )}
    </div>
  );
}

function ReturnedNotice({ view }: { view: EvaluationView }) {
  const { t } = useT();
  const r = view.returnReasons!;
  const texts = [
    ...Object.entries(r.byField).flatMap(([path, list]) => list.map((x) => `${path}：${reasonText(x)}`)),
    ...Object.entries(r.byRubricItem).flatMap(([item, list]) => list.map((x) => `${item}：${reasonText(x)}`)),
    ...r.general.map(reasonText),
  ];
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 8 }}
      title={t('已退回部门修改，退回理由：', 'Returned to the department; the reasons:')}
      description={<ul style={{ margin: 0, paddingLeft: 18 }}>{texts.map((x, i) => <li key={i}>{x}</li>)}</ul>}
    />
  );
}
const reasonText = (x: unknown): string => (typeof x === 'string' ? x : ((x as { reason?: { text?: string } }).reason?.text ?? JSON.stringify(x)));

interface ReasonRow {
  text?: string;
  path?: string;
  rubricItem?: string;
}

function ReturnDialog({ open, findings, score, onCancel, onSubmit, busy }: { open: boolean; findings: readonly Finding[]; score: ScoreReport | undefined; onCancel: () => void; onSubmit: (reasons: { text: string; path?: string; rubricItem?: string }[]) => Promise<void>; busy: boolean }) {
  const { t, lang } = useT();
  const [form] = Form.useForm<{ reasons: ReasonRow[] }>();
  const paths = useMemo(() => [...new Set(findings.flatMap((f) => f.locations.flatMap((l) => (l.field ? [l.field] : []))))].slice(0, 300), [findings]);
  const items = useMemo(() => {
    const out: { value: string; label: string }[] = [];
    const walk = (list: ScoreReport['items']) => {
      for (const i of list) {
        out.push({ value: i.id, label: i.path.join(' / ') });
        if (i.children) walk(i.children);
      }
    };
    if (score) walk(score.items);
    return out;
  }, [score]);
  const suggestions = findings.filter((f) => f.severity === 'error').slice(0, 5);
  return (
    <Modal
      open={open}
      width={760}
      title={t('退回部门修改', 'Return to the department')}
      okText={t('退回', 'Return')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'return-confirm' } as ButtonProps}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('写明每一条要部门修改的内容；可指明对应的字段或评分项，部门在填报页相应位置看到。', 'Write each thing to correct; tie it to a field or rubric item and the department sees it there.')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reasons: [{}] }}
        onFinish={(v) => void onSubmit((v.reasons ?? []).map((r) => ({ text: (r.text ?? '').trim(), ...(r.path ? { path: r.path } : {}), ...(r.rubricItem ? { rubricItem: r.rubricItem } : {}) })))}
      >
        <Form.List name="reasons" rules={[{ validator: async (_, v: unknown[]) => { if (!v?.length) throw new Error(t('至少写一条退回理由', 'Write at least one reason')); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, n) => (
                <Card key={field.key} size="small" style={{ marginBottom: 8 }} title={t(`理由 ${n + 1}`, `Reason ${n + 1}`)} extra={fields.length > 1 ? <a onClick={() => remove(field.name)}>{t('删除', 'Remove')}</a> : null}>
                  <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true, message: t('请写明退回理由', 'Write the reason') }]} style={{ marginBottom: 8 }}>
                    <Input.TextArea rows={2} placeholder={t('如：实际支出与决算不符，请核对', 'e.g. actual spending differs from the final accounts; check it')} data-testid="return-reason" aria-label={t('退回理由', 'Reason')} />
                  </Form.Item>
                  <Space wrap style={{ width: '100%' }}>
                    <Form.Item name={[field.name, 'path']} style={{ marginBottom: 0 }}>
                      <Select allowClear showSearch style={{ width: 300 }} placeholder={t('对应字段（可选）', 'Field (optional)')} options={paths.map((p) => ({ value: p, label: p }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'rubricItem']} style={{ marginBottom: 0 }}>
                      <Select allowClear showSearch optionFilterProp="label" style={{ width: 300 }} placeholder={t('对应评分项（可选）', 'Rubric item (optional)')} options={items} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Space wrap>
                <Button onClick={() => add({})}>{t('再加一条', 'Add a reason')}</Button>
                {suggestions.map((f, i) => (
                  <Button
                    key={i}
                    size="small"
                    type="dashed"
                    onClick={() => add({ text: pick(lang, f.message.zh, f.message.en), ...(f.locations[0]?.field ? { path: f.locations[0].field } : {}) })}
                  >
                    {t(`引用错误 ${i + 1}`, `Quote error ${i + 1}`)}
                  </Button>
                ))}
              </Space>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
