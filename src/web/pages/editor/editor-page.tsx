/**
 * The preparer's editor (填报): one department's evaluation, section by section, computed and audited by the core
 * in the browser under every keystroke, saved as a new version a moment after the typing stops (optimistic locking:
 * a newer save by someone else opens the conflict dialog and nothing typed is lost), with the history of versions,
 * downloads, upload-to-prefill and submission. Read-only once submitted.
 */
import { DownloadOutlined, HistoryOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Dropdown, Input, Skeleton, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../../core/audit/index.ts';
import { messageOf } from '../../../core/messages.ts';
import { parseRubric } from '../../../core/rubric/parse.ts';
import type { Rubric } from '../../../core/rubric/schema.ts';
import { ACTION_INFO, type Action } from '../../../core/workflow/transitions.ts';
import { EVALUATION_STATE_INFO, type EvaluationState } from '../../../core/workflow/states.ts';
import { ApiProblem, type ProblemItem, api } from '../../lib/api.ts';
import { pick, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import type { EvaluationView, OfferedAction, Task } from '../../lib/types.ts';
import { ProblemResult } from '../../lib/ui/problem-result.tsx';
import { StateTag } from '../../lib/ui/state-tag.tsx';
import { BudgetSection } from './budget.tsx';
import { type ConflictBody, ConflictDialog, SubmitDialog, mergeOnto } from './dialogs.tsx';
import { EditorContext, type EditorCtx, type FieldProblem, focusField } from './fields.tsx';
import { FindingsDrawer, countsOf, fieldsOf } from './findings.tsx';
import { HistoryDrawer, when } from './history.tsx';
import { IndicatorsSection } from './indicators.tsx';
import { type Live, type SectionKey, problemPath, recompute, sectionOf } from './live.ts';
import { type Data, type PathSegment, isRecord, setIn } from './paths.ts';
import { ScoresSection, setSelfScore } from './scores.tsx';
import { BasicSection, ProblemsSection } from './sections.tsx';
import { TasksSection } from './tasks.tsx';
import { UploadDialog } from './upload.tsx';

const AUTOSAVE_MS = 1500;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const EMPTY: Data = {};

const STYLE = `
.jx-field { display: inline-flex; align-items: center; gap: 4px; flex-wrap: wrap; max-width: 100%; vertical-align: middle; }
.jx-amount { display: inline-block; }
.jx-amount input { text-align: right; font-variant-numeric: tabular-nums; }
.jx-amount .ant-input-affix-wrapper, .jx-field > .ant-input-affix-wrapper { padding-inline: 6px; }
.jx-amount .ant-input-suffix { margin-inline-start: 2px; }
.jx-suffix .jx-mark { font-size: 12px; }
.jx-suffix { display: inline-flex; gap: 3px; align-items: center; }
.jx-field > .ant-input, .jx-field > .ant-input-textarea, .jx-field > textarea { flex: 1 1 auto; min-width: 0; }
.jx-field > .ant-input-affix-wrapper { flex: 1 1 auto; }
.jx-mark { display: inline-flex; font-size: 14px; line-height: 1; }
.jx-problem { flex-basis: 100%; color: #cf1322; font-size: 12px; line-height: 1.4; }
.jx-flash { animation: jx-flash 1.6s ease-out; border-radius: 4px; }
@keyframes jx-flash { 0%, 40% { box-shadow: 0 0 0 3px rgba(250, 173, 20, .75); } 100% { box-shadow: 0 0 0 3px rgba(250, 173, 20, 0); } }
.jx-excerpt { margin-top: 6px; padding: 6px 8px; background: #fafafa; border-left: 3px solid #1d5fbf; font-size: 12px; white-space: pre-wrap; }
.jx-section-findings { margin-top: 12px; padding: 8px 12px; border: 1px solid #ffe7ba; background: #fffbf2; border-radius: 4px; }
.jx-section-findings .ant-list-item { padding: 6px 0; }
.jx-budget-table td, .jx-indicator-table td { vertical-align: top; }
.jx-editor .ant-tabs-nav { margin-bottom: 12px; }
.jx-before { color: #a8071a; word-break: break-all; }
.jx-after { color: #135200; word-break: break-all; }
`;

interface Base {
  readonly version: number;
  readonly data: Data;
}
type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; text: string };

function loadChecked(id: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(`jixiao.checked.${id}`) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** The texts of the return reasons placed at each field (the server places them; strings or placed objects). */
function reasonTexts(view: EvaluationView | undefined): { byField: Record<string, string[]>; general: string[] } {
  const rr = view?.returnReasons;
  const text = (r: unknown): string => (typeof r === 'string' ? r : isRecord(r) && isRecord(r.reason) && typeof r.reason.text === 'string' ? r.reason.text : isRecord(r) && typeof r.text === 'string' ? r.text : '');
  const byField: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(rr?.byField ?? {})) byField[k] = (list as unknown[]).map(text).filter(Boolean);
  for (const [k, list] of Object.entries(rr?.byRubricItem ?? {})) byField[`rubric:${k}`] = (list as unknown[]).map(text).filter(Boolean);
  return { byField, general: (rr?.general ?? []).map(text).filter(Boolean) };
}

const TEMPLATES = [
  ['gz-form', '自评表', 'form'],
  ['gz-report', '自评报告', 'report'],
  ['scorecard', '评分表', 'scorecard'],
] as const;
const FORMATS = ['docx', 'xlsx', 'pdf'] as const;

export default function EditorPage({ id }: { id: string }) {
  const { t, lang } = useT();
  const { message, modal } = App.useApp();
  const [view, setView] = useState<EvaluationView>();
  const [loadError, setLoadError] = useState<ApiProblem>();
  const [task, setTask] = useState<Task>();
  const [rubric, setRubric] = useState<{ value?: Rubric; problem?: string }>({});
  const [data, setData] = useState<Data>(EMPTY);
  const [base, setBase] = useState<Base>({ version: 0, data: {} });
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' });
  const [savedAt, setSavedAt] = useState<string>();
  const [serverProblems, setServerProblems] = useState<readonly ProblemItem[]>([]);
  const [conflict, setConflict] = useState<ConflictBody>();
  const [resolving, setResolving] = useState(false);
  const [tab, setTab] = useState<SectionKey>('basic');
  const [findingsOpen, setFindingsOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [uploadOpen, setUploadOpen] = useState(false);
  const [submit, setSubmit] = useState<{ open: boolean; busy: boolean; problem?: string; serverErrors?: string[] }>({ open: false, busy: false });
  const [checked, setChecked] = useState<Set<string>>(() => loadChecked(id));
  const [acting, setActing] = useState<string>();

  const dataRef = useRef(data);
  const baseRef = useRef(base);
  const savingRef = useRef(false);
  const conflictRef = useRef<ConflictBody | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);
  dataRef.current = data;
  baseRef.current = base;
  conflictRef.current = conflict;

  const setBoth = (b: Base) => {
    baseRef.current = b;
    setBase(b);
  };
  const replaceData = (d: Data) => {
    dataRef.current = d;
    setData(d);
  };

  /** Shows a view: its data becomes what the editor holds (a fresh evaluation starts with its department and year). */
  const adopt = useCallback((v: EvaluationView, tk?: Task) => {
    setView(v);
    const seeded: Data = v.version ? (v.version.data as Data) : { department: { name: v.department ?? '' }, ...(tk ? { year: tk.year } : {}) };
    const b = { version: v.version?.version ?? 0, data: seeded };
    baseRef.current = b;
    setBase(b);
    dataRef.current = seeded;
    setData(seeded);
    setSavedAt(v.version?.createdAt);
    setServerProblems([]);
    setSaveState({ kind: 'saved' });
  }, []);

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      const v = await api.get<EvaluationView>(`/api/evaluations/${id}`);
      const tk = await api.get<Task>(`/api/tasks/${v.taskId}`).catch(() => undefined);
      setTask(tk);
      adopt(v, tk);
      // The rubric: the evaluation's own when the server has it, else the task's (the server's rubricFor rule).
      const own = v.version && typeof v.version.data.rubric === 'string' ? v.version.data.rubric : undefined;
      let r: { id: string; data: unknown } | undefined;
      for (const rid of [own, tk?.rubricId].filter((x): x is string => !!x)) {
        try {
          r = await api.get<{ id: string; data: unknown }>(`/api/rubrics/${encodeURIComponent(rid)}`);
          break;
        } catch (e) {
          if (!(e instanceof ApiProblem && e.status === 404)) throw e;
        }
      }
      if (!r) setRubric({});
      else {
        const parsed = parseRubric(r.data);
        setRubric(parsed.ok ? { value: parsed.value } : { problem: t(`评分标准 ${r.id} 有误，无法计分：${parsed.problems.map((p) => messageOf(p, lang).text).join('；')}。请联系财政局。`, `Rubric ${r.id} is invalid: ${parsed.problems.map((p) => messageOf(p, lang).text).join('; ')}. Contact the finance bureau.`) });
      }
    } catch (e) {
      setLoadError(e instanceof ApiProblem ? e : new ApiProblem(0, 'client', String(e), String(e), undefined, undefined, [], {}));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, adopt]);

  useEffect(() => {
    void load();
  }, [load]);

  // ---- live computation --------------------------------------------------------------------------------------
  const deferredData = useDeferredValue(data);
  // The first render after loading computes at once (the deferred value would still be the empty start).
  const deferred = deferredData === EMPTY ? data : deferredData;
  const live = useMemo<Live>(() => recompute(deferred, rubric.value), [deferred, rubric.value]);
  const lastGood = useRef<Live | undefined>(undefined);
  if (live.ok) lastGood.current = live;
  const shown: Live = live.ok ? live : { ...(lastGood.current ?? live), ok: false, problems: live.problems };
  const findings: readonly Finding[] = shown.audit?.findings ?? [];
  const counts = countsOf(findings);

  const editable = !!view?.editable.includes('evaluation');
  const readOnly = !editable;
  const dirty = data !== base.data;

  // ---- saving ------------------------------------------------------------------------------------------------
  const save = useCallback(async (): Promise<boolean> => {
    if (savingRef.current || conflictRef.current) return false;
    const sent = dataRef.current;
    const b = baseRef.current;
    if (sent === b.data) return true;
    savingRef.current = true;
    setSaveState({ kind: 'saving' });
    try {
      const r = await api.put<{ version: number; createdAt: string }>(`/api/evaluations/${id}`, { baseVersion: b.version, data: sent });
      setBoth({ version: r.version, data: sent });
      setSavedAt(r.createdAt);
      setServerProblems([]);
      setSaveState({ kind: 'saved' });
      setView((v) => (v ? { ...v, currentVersion: r.version } : v));
      return true;
    } catch (e) {
      const p = e instanceof ApiProblem ? e : undefined;
      if (p?.code === 'api-version-conflict') {
        const body = p.body as unknown as ConflictBody;
        conflictRef.current = body;
        setConflict(body);
        setSaveState({ kind: 'error', text: t('版本冲突，请在对话框中选择如何处理', 'Version conflict: choose in the dialog how to go on') });
      } else if (p?.status === 422) {
        setServerProblems(p.errors);
        setSaveState({ kind: 'error', text: t(`未保存：${p.text('zh')}。请改正标红的字段，改正后自动保存。`, `Not saved: ${p.text('en')}. Correct the fields marked red; it saves again by itself.`) });
      } else if (p?.code === 'workflow-frozen' || p?.status === 409 || p?.status === 403) {
        setSaveState({ kind: 'error', text: t(`未保存：${p.text('zh')}。您输入的内容仍在页面上，可复制保留。`, `Not saved: ${p.text('en')}. What you typed is still on the page; copy it if you need it.`) });
      } else {
        setSaveState({ kind: 'error', text: t(`保存失败：${p ? p.text('zh') : String(e)}。内容仍在页面上，稍后点“重试”或继续编辑时自动重试。`, `Saving failed: ${p ? p.text('en') : String(e)}. Your data is still here; press “Retry” or keep editing to try again.`) });
      }
      return false;
    } finally {
      savingRef.current = false;
    }
  }, [id, t]);

  // Autosave: a moment after the last change, when the data parses (the server would refuse it otherwise).
  useEffect(() => {
    window.clearTimeout(timer.current);
    if (!editable || !dirty || conflict || !live.ok || deferred !== data) return;
    timer.current = window.setTimeout(() => {
      void save().then((ok) => {
        // Typed during the save: the effect runs again with the newer data.
        if (ok && dataRef.current !== baseRef.current.data) setData((d) => ({ ...d }));
      });
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(timer.current);
  }, [data, deferred, dirty, editable, conflict, live.ok, save]);

  /** Saves now what is not saved yet (before submitting, uploading, downloading). */
  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    for (let i = 0; i < 50 && savingRef.current; i++) await new Promise((r) => setTimeout(r, 100));
    if (dataRef.current === baseRef.current.data) return true;
    return save();
  }, [save]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    const h = (e: BeforeUnloadEvent) => {
      if (dataRef.current !== baseRef.current.data) e.preventDefault();
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, []);

  // ---- editing -----------------------------------------------------------------------------------------------
  const update = useCallback((fn: (d: Data) => Data) => {
    const next = fn(dataRef.current);
    dataRef.current = next;
    setData(next);
    setServerProblems((p) => (p.length ? [] : p));
  }, []);
  const set = useCallback(
    (path: readonly PathSegment[], value: unknown) => update((d) => (path[0] === 'selfScores' && path[1] === 'items' ? setSelfScore(d, path, value) : setIn(d, path, value))),
    [update],
  );
  const check = useCallback(
    (key: string) =>
      setChecked((s) => {
        const n = new Set(s);
        n.add(key);
        try {
          localStorage.setItem(`jixiao.checked.${id}`, JSON.stringify([...n]));
        } catch {
          // Private mode: confirmed for this page only.
        }
        return n;
      }),
    [id],
  );

  const reasons = useMemo(() => reasonTexts(view), [view]);
  const problems = useMemo<FieldProblem[]>(() => {
    const fromLive = live.problems.map((p) => {
      const m = messageOf(p, lang);
      return { path: problemPath(p), text: m.fix ? `${m.text}（${m.fix}）` : m.text };
    });
    const fromServer = serverProblems.map((p) => ({ path: p.path, text: pick(lang, p.zh + (p.fixZh ? `（${p.fixZh}）` : ''), p.en + (p.fixEn ? ` (${p.fixEn})` : '')) }));
    return [...fromLive, ...fromServer];
  }, [live.problems, serverProblems, lang]);

  const ctx = useMemo<EditorCtx>(
    () => ({ data, readOnly, lang, t, set, update, findings, problems, reasons: reasons.byField, checked, check }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, readOnly, lang, set, update, findings, problems, reasons, checked, check],
  );

  const goTo = useCallback(
    (field: string) => {
      const sec = sectionOf(field);
      setFindingsOpen(false);
      if (sec) setTab(sec);
      // After the tab has rendered.
      window.setTimeout(() => {
        if (!focusField(field)) window.scrollTo({ top: 0 });
      }, 60);
    },
    [],
  );

  // ---- conflict ----------------------------------------------------------------------------------------------
  const resolve = async (how: 'merge' | 'mine' | 'theirs') => {
    const c = conflictRef.current;
    if (!c) return;
    const theirs: Base = { version: c.currentVersion, data: c.current.data };
    setResolving(true);
    if (how === 'theirs') {
      setBoth(theirs);
      replaceData(theirs.data);
      setSavedAt(c.current.createdAt);
      setSaveState({ kind: 'saved' });
    } else {
      const mine = how === 'merge' ? mergeOnto(c.current.data, c.base?.data ?? {}, dataRef.current) : dataRef.current;
      setBoth(theirs);
      replaceData(mine);
    }
    conflictRef.current = undefined;
    setConflict(undefined);
    setView((v) => (v ? { ...v, currentVersion: c.currentVersion } : v));
    if (how !== 'theirs') await save();
    setResolving(false);
  };

  // ---- workflow ----------------------------------------------------------------------------------------------
  const errorTexts = findings.filter((f) => f.severity === 'error').map((f) => pick(lang, f.message.zh, f.message.en));

  const openSubmit = async () => {
    if (!live.ok) {
      message.error(t('有字段格式不对，改正标红的字段后再提交。', 'A field is malformed: correct the fields marked red, then submit.'));
      return;
    }
    if (!(await flush())) {
      message.error(t('最新修改尚未保存，保存成功后再提交。', 'The latest changes are not saved yet; submit once they are.'));
      return;
    }
    setSubmit({ open: true, busy: false });
  };

  const doSubmit = async (overrideReason: string | undefined) => {
    setSubmit((s) => ({ ...s, busy: true }));
    try {
      const v = await api.post<EvaluationView>(`/api/evaluations/${id}/actions/submit`, { version: baseRef.current.version, ...(overrideReason ? { overrideReason } : {}) });
      setSubmit({ open: false, busy: false });
      adopt(v, task);
      message.success(t('已提交。内容已冻结，等待部门负责人盖章和财政局审核。', 'Submitted. The content is frozen for sign-off and review.'));
    } catch (e) {
      const p = e instanceof ApiProblem ? e : undefined;
      if (p?.code === 'workflow-unresolved-errors') {
        // The server counted errors the dialog did not show: ask for the explanation.
        setSubmit({ open: true, busy: false, serverErrors: errorTexts.length ? errorTexts : [p.text(lang)] });
      } else setSubmit((s) => ({ ...s, busy: false, problem: p ? p.text(lang) : String(e) }));
    }
  };

  const doAction = (o: OfferedAction) => {
    const info = ACTION_INFO[o.action as Action];
    const label = capitalize(info ? pick(lang, info.label.zh, info.label.en) : o.action);
    let reason = '';
    modal.confirm({
      title: t(`确认${label}？`, `${label}?`),
      content: (
        <div>
          <p>{info ? pick(lang, info.description.zh, info.description.en) : ''}</p>
          {o.action === 'withdraw' ? <Input.TextArea placeholder={t('原因（可选）', 'Reason (optional)')} onChange={(e) => (reason = e.target.value)} autoSize={{ minRows: 2 }} /> : null}
        </div>
      ),
      okText: label,
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        setActing(o.action);
        try {
          if (!(await flush())) throw new Error(t('最新修改尚未保存，请稍后再试', 'the latest changes are not saved yet; try again shortly'));
          const v = await api.post<EvaluationView>(`/api/evaluations/${id}/actions/${o.action}`, { version: baseRef.current.version, ...(reason.trim() ? { reason: reason.trim() } : {}) });
          adopt(v, task);
          message.success(t(`已${label}`, `Done: ${label}`));
        } catch (e) {
          message.error(e instanceof ApiProblem ? e.text(lang) : String(e instanceof Error ? e.message : e));
        } finally {
          setActing(undefined);
        }
      },
    });
  };

  const download = async (template: string, format: string) => {
    if (!(await flush())) {
      message.error(t('最新修改尚未保存，下载的文件会是上一版；请保存成功后再下载。', 'The latest changes are not saved; save them before downloading.'));
      return;
    }
    const hide = message.loading(t('正在生成文件…', 'Generating the file…'), 0);
    try {
      const res = await fetch(`/api/evaluations/${id}/files/${template}/${format}`, { credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { zh?: { title?: string; fix?: string }; en?: { title?: string; fix?: string } };
        const m = lang === 'zh' ? body.zh : body.en;
        throw new Error(m?.title ? `${m.title}${m.fix ? (lang === 'zh' ? `。${m.fix}` : `. ${m.fix}`) : ''}` : t(`下载失败（${res.status}），请稍后再试`, `Download failed (${res.status}); try again later`));
      }
      const cd = res.headers.get('content-disposition') ?? '';
      const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
      const name = star ? decodeURIComponent(star[1]!) : `evaluation.${format}`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      hide();
    }
  };

  // ---- render ------------------------------------------------------------------------------------------------
  if (loadError) return <ProblemResult problem={loadError} retry={() => void load()} />;
  if (!view) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }

  const state = view.state as EvaluationState;
  const stateInfo = EVALUATION_STATE_INFO[state];
  const stateLabel = stateInfo ? pick(lang, stateInfo.label.zh, stateInfo.label.en) : view.state;
  const offered = view.offeredActions;
  const canWithdraw = offered.some((o) => o.action === 'withdraw' && !o.problem);
  const frozenText =
    state === 'submitted'
      ? canWithdraw
        ? t('已提交，等待审核；如需修改请撤回。', 'Submitted and awaiting review; withdraw it to make changes.')
        : t('已提交，等待部门负责人盖章和财政局审核；如需修改，请部门负责人退回或在审核开始前撤回。', 'Submitted for sign-off and review; to change it, the department head can send it back or withdraw it before review starts.')
      : state === 'signed-off'
        ? t('已盖章报送财政局，等待审核；如需修改，请部门负责人在审核开始前撤回。', 'Signed off and sent to the bureau; the department head can withdraw it before review starts.')
        : state === 'under-review' || state === 'recommended'
          ? t('审核中，填报内容已冻结；审核人退回后才能修改。', 'Under review: the content is frozen until the reviewer returns it.')
          : state === 'approved' || state === 'published'
            ? t(`评价已${stateLabel}，填报内容不再修改。`, `The evaluation is ${stateLabel}; its content no longer changes.`)
            : t(`评价处于“${stateLabel}”状态，您不能修改填报内容。`, `The evaluation is ${stateLabel}; you cannot change its content.`);

  const sectionCount = (sec: SectionKey) => findings.filter((f) => f.severity !== 'info' && fieldsOf(f).some((k) => sectionOf(k) === sec)).length;
  const sectionErrors = (sec: SectionKey) => findings.filter((f) => f.severity === 'error' && fieldsOf(f).some((k) => sectionOf(k) === sec)).length + problems.filter((p) => sectionOf(p.path) === sec).length;
  const tabLabel = (sec: SectionKey, zh: string, en: string) => {
    const errs = sectionErrors(sec);
    const n = sectionCount(sec);
    return (
      <span data-testid={`tab-${sec}`}>
        {t(zh, en)}
        {errs ? <Badge count={errs} size="small" style={{ marginLeft: 6 }} /> : n ? <Badge count={n} size="small" color="gold" style={{ marginLeft: 6 }} /> : null}
      </span>
    );
  };

  const saveStatus =
    saveState.kind === 'saving' ? (
      <Typography.Text type="secondary">{t('正在保存…', 'Saving…')}</Typography.Text>
    ) : saveState.kind === 'error' ? (
      <Space size={4}>
        <Typography.Text type="danger">{saveState.text}</Typography.Text>
        {!conflict ? (
          <Button size="small" onClick={() => void save()}>
            {t('重试', 'Retry')}
          </Button>
        ) : null}
      </Space>
    ) : dirty ? (
      <Typography.Text type="warning">
        {t('有未保存的修改', 'Unsaved changes')}
        {!live.ok ? t(`（${live.problems.length} 处格式不对，改正后自动保存）`, ` (${live.problems.length} malformed; saves once corrected)`) : ''}
      </Typography.Text>
    ) : base.version ? (
      <Typography.Text type="secondary">
        {editable ? t(`已自动保存 第 ${base.version} 版`, `Saved: version ${base.version}`) : t(`第 ${base.version} 版`, `Version ${base.version}`)}
        {savedAt ? ` · ${when(savedAt, lang)}` : ''}
      </Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('尚未保存过', 'Not saved yet')}</Typography.Text>
    );

  const downloadItems = TEMPLATES.map(([tid, zh, en]) => ({
    key: tid,
    type: 'group' as const,
    label: t(zh, en),
    children: FORMATS.map((f) => ({ key: `${tid}/${f}`, label: `${t(zh, en)} ${f.toUpperCase()}` })),
  }));

  const deptName = view.department ?? (isRecord(data.department) && typeof data.department.name === 'string' ? data.department.name : '');
  const year = typeof data.year === 'number' || typeof data.year === 'string' ? data.year : task?.year;

  return (
    <EditorContext.Provider value={ctx}>
      <style>{STYLE}</style>
      <div className="jx-editor" data-testid="editor" data-readonly={readOnly ? 'true' : 'false'} data-state={view.state}>
        <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: '10px 16px' } }}>
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 16px', justifyContent: 'space-between' }}>
            <div style={{ minWidth: 0, flex: '1 1 420px' }}>
              <Space size={8} wrap>
                <Link to="/">{t('我的任务', 'My tasks')}</Link>
                <Typography.Text type="secondary">/</Typography.Text>
                <Typography.Title level={5} style={{ margin: 0 }} data-testid="editor-title">
                  {deptName}
                </Typography.Title>
                {year !== undefined ? <Tag>{t(`${year} 年度`, `year ${year}`)}</Tag> : null}
                <span data-testid="editor-state">
                  <StateTag state={view.state} />
                </span>
                <Tag data-testid="editor-version">{t(`第 ${base.version} 版`, `v${base.version}`)}</Tag>
                {task?.window ? <Tag color={task.window.isOpen ? ((task.window.remainingDays ?? 99) <= 7 ? 'orange' : 'blue') : 'default'}>{pick(lang, task.window.label.zh, task.window.label.en)}</Tag> : null}
              </Space>
              <div data-testid="save-status" data-state={saveState.kind === 'saved' && dirty ? 'dirty' : saveState.kind} style={{ marginTop: 2, fontSize: 13 }}>
                {saveStatus}
              </div>
            </div>
            <Space wrap size={8}>
              <Button
                icon={<WarningOutlined />}
                onClick={() => setFindingsOpen(true)}
                data-testid="open-findings"
                danger={counts.error > 0}
              >
                {t('审核发现', 'Findings')}
                <span data-testid="findings-counts" data-errors={counts.error} data-warnings={counts.warning}>
                  {counts.error ? <Badge count={counts.error} size="small" style={{ marginLeft: 4 }} /> : null}
                  {counts.warning ? <Badge count={counts.warning} size="small" color="gold" style={{ marginLeft: 4 }} /> : null}
                </span>
              </Button>
              <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="open-history">
                {t('历史版本', 'Versions')}
              </Button>
              <Dropdown menu={{ items: downloadItems, onClick: ({ key }) => void download(key.split('/')[0]!, key.split('/')[1]!) }} disabled={!base.version}>
                <Button icon={<DownloadOutlined />} data-testid="download">
                  {t('下载', 'Download')}
                </Button>
              </Dropdown>
              <Tooltip title={view.editable.includes('attachments') ? '' : t('当前状态不能上传', 'Uploads are closed in this state')}>
                <Button icon={<UploadOutlined />} disabled={!view.editable.includes('attachments')} onClick={() => setUploadOpen(true)} data-testid="open-upload">
                  {t('上传文件预填', 'Upload to prefill')}
                </Button>
              </Tooltip>
              {offered.map((o) => {
                const info = ACTION_INFO[o.action as Action];
                const label = capitalize(info ? pick(lang, info.label.zh, info.label.en) : o.action);
                const why = o.problem ? messageOf({ code: o.problem.code, path: [], params: (o.problem.params ?? {}) as Record<string, string | number> }, lang) : undefined;
                const button = (
                  <Button
                    key={o.action}
                    type={o.action === 'submit' || o.action === 'sign-off' ? 'primary' : 'default'}
                    disabled={!!o.problem || acting !== undefined}
                    loading={acting === o.action || (o.action === 'submit' && submit.busy)}
                    data-testid={`action-${o.action}`}
                    onClick={() => (o.action === 'submit' ? void openSubmit() : doAction(o))}
                  >
                    {label}
                  </Button>
                );
                return why ? (
                  <Tooltip key={o.action} title={why.fix ? `${why.text}（${why.fix}）` : why.text}>
                    <span data-testid={`action-${o.action}-reason`}>{button}</span>
                  </Tooltip>
                ) : (
                  button
                );
              })}
            </Space>
          </div>
        </Card>

        {readOnly ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={frozenText} data-testid="readonly-alert" /> : null}
        {reasons.general.length || Object.keys(reasons.byField).length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="return-reasons"
            message={t('审核人退回了这份评价，请按以下理由修改后重新提交', 'The reviewer returned this evaluation: correct it as below and submit again')}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {reasons.general.map((r, i) => (
                  <li key={`g${i}`}>{r}</li>
                ))}
                {Object.entries(reasons.byField).map(([k, list]) =>
                  list.map((r, i) => (
                    <li key={`${k}${i}`}>
                      {k.startsWith('rubric:') ? (
                        <b>{t(`评分项 ${k.slice(7)}：`, `Rubric item ${k.slice(7)}: `)}</b>
                      ) : (
                        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => goTo(k)}>
                          {k}
                        </Button>
                      )}{' '}
                      {r}
                    </li>
                  )),
                )}
              </ul>
            }
          />
        ) : null}
        {!view.version && editable ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('还没有填报内容', 'Nothing entered yet')}
            description={t('可以上传本部门的自评表或自评报告自动预填，也可以在下面逐项填写；输入后自动保存。', 'Upload your form or report to prefill, or fill in the sections below; it saves as you go.')}
            action={
              <Button size="small" type="primary" onClick={() => setUploadOpen(true)}>
                {t('上传文件预填', 'Upload to prefill')}
              </Button>
            }
          />
        ) : null}
        {!live.ok ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="parse-problems"
            message={t(`有 ${live.problems.length} 处内容格式不对，已在字段旁标红；改正后自动重新核对并保存。`, `${live.problems.length} fields are malformed (marked red); once corrected they are checked and saved again.`)}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {problems.slice(0, 5).map((p, i) => (
                  <li key={i}>
                    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => goTo(p.path)}>
                      {p.path || t('全部', 'all')}
                    </Button>
                    ：{p.text}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}

        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as SectionKey)}
          destroyOnHidden
          type="card"
          items={[
            { key: 'basic', label: tabLabel('basic', '基本信息', 'Basics'), children: <BasicSection onGo={goTo} /> },
            { key: 'budget', label: tabLabel('budget', '预算执行', 'Budget'), children: <BudgetSection live={shown} onGo={goTo} /> },
            { key: 'indicators', label: tabLabel('indicators', '绩效指标', 'Indicators'), children: <IndicatorsSection live={shown} onGo={goTo} /> },
            { key: 'tasks', label: tabLabel('tasks', '重点任务与项目', 'Key tasks and projects'), children: <TasksSection live={shown} onGo={goTo} /> },
            { key: 'scores', label: tabLabel('scores', '自评打分', 'Self-scoring'), children: <ScoresSection live={shown} rubric={rubric.value} rubricProblem={rubric.problem} onGo={goTo} /> },
            { key: 'problems', label: tabLabel('problems', '问题与改进措施', 'Problems and measures'), children: <ProblemsSection onGo={goTo} /> },
          ]}
        />
      </div>

      <FindingsDrawer open={findingsOpen} onClose={() => setFindingsOpen(false)} findings={findings} onGo={goTo} stale={!live.ok} />
      <HistoryDrawer open={historyOpen} onClose={() => setHistoryOpen(false)} evaluationId={id} me={view.caller.userId} currentVersion={base.version} />
      <UploadDialog
        open={uploadOpen}
        taskId={view.taskId}
        onClose={() => setUploadOpen(false)}
        beforeUpload={async () => {
          if (dataRef.current === baseRef.current.data) return true;
          const ok = await flush();
          if (!ok) message.error(t('最新修改尚未保存，上传会生成新版本并替换当前内容；请先保存成功再上传。', 'Your latest changes are not saved; an upload makes a new version that replaces them. Save first.'));
          return ok;
        }}
        onImported={() => void load()}
      />
      <SubmitDialog
        open={submit.open}
        errors={submit.serverErrors ?? errorTexts}
        warnings={counts.warning}
        busy={submit.busy}
        problem={submit.problem}
        onCancel={() => setSubmit({ open: false, busy: false })}
        onSubmit={(r) => void doSubmit(r)}
      />
      <ConflictDialog conflict={conflict} mine={data} busy={resolving} onMerge={() => void resolve('merge')} onKeepMine={() => void resolve('mine')} onTakeTheirs={() => void resolve('theirs')} />
    </EditorContext.Provider>
  );
}
