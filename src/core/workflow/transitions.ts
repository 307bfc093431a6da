/**
 * The evaluation's workflow (SPEC §8: 填报 → 提交 → 盖章 → 审核 → 退回 / 通过·终审 → 公开) as one declared table:
 * one row per transition — from, action, to, the roles that may take it, its preconditions by id. `can` looks a move
 * up; `transition` makes it and returns the history entry. A forbidden move is a Problem value, never a throw.
 *
 * Where SPEC §8 leaves a choice, the decision is written in `decisions.ts` (and docs/workflow.md).
 */
import type { LocalText } from '../formulas/types.ts';
import { type Problem, problem } from '../problem.ts';
import type { ReturnReason } from './reasons.ts';
import { type Actor, type Role, scopeProblem } from './roles.ts';
import { EVALUATION_STATE_INFO, type EvaluationState } from './states.ts';
import { type Decision, type PreconditionInfo, type TransitionRow, decide, hasText } from './table.ts';
import { type Task, taskWindow } from './task.ts';

export const ACTIONS = ['submit', 'withdraw', 'sign-off', 'receive', 'start-review', 'return', 'recommend', 'approve', 'publish', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_INFO: Readonly<Record<Action, { readonly label: LocalText; readonly description: LocalText }>> = {
  submit: { label: { zh: '提交', en: 'submit' }, description: { zh: '填报完成，提交本版本；内容随即冻结', en: 'hand in this version; it is frozen from then on' } },
  withdraw: { label: { zh: '撤回', en: 'withdraw' }, description: { zh: '审核开始前收回修改', en: 'take it back for changes before review starts' } },
  'sign-off': { label: { zh: '审核盖章', en: 'sign off' }, description: { zh: '部门负责人审核并盖章，报送财政部门', en: 'the department head approves and stamps it; it goes to the bureau' } },
  receive: {
    label: { zh: '代为录入', en: 'receive' },
    description: { zh: '部门在系统外报送的自评材料由财政局导入，视同部门已提交并盖章', en: 'the bureau imports a self-evaluation the department handed in outside the system; it counts as submitted and signed off' },
  },
  'start-review': { label: { zh: '开始审核', en: 'start review' }, description: { zh: '审核人接手审核', en: 'a reviewer takes it up' } },
  return: { label: { zh: '退回', en: 'return' }, description: { zh: '附理由退回部门修改', en: 'send it back to the department with reasons' } },
  recommend: { label: { zh: '建议通过', en: 'recommend approval' }, description: { zh: '第三方审核完毕，建议通过，交财政局终审', en: 'the third party has reviewed it and recommends approval to the bureau' } },
  approve: { label: { zh: '终审通过', en: 'approve' }, description: { zh: '财政局终审通过', en: "the bureau's final approval" } },
  publish: { label: { zh: '公开', en: 'publish' }, description: { zh: '向社会公开自评结果', en: 'publish the result' } },
  reopen: { label: { zh: '重新打开', en: 'reopen' }, description: { zh: '管理员说明理由后撤销通过或公开，重回审核', en: 'an administrator undoes an approval or publication, with a reason, back to review' } },
};

/** A finding as the workflow needs it (the audit's Finding has more). */
export interface FindingSeverity {
  readonly severity: 'error' | 'warning' | 'info';
}

/** What a move is decided on besides actor, action and state. */
export interface TransitionContext {
  /** The evaluation's department; its task gives the region and the dates. */
  readonly departmentId: string;
  readonly task: Task;
  readonly now: Date;
  /** submit: the audit's findings on the version submitted. */
  readonly findings?: readonly FindingSeverity[];
  /** submit: why error findings stand, when there are any. */
  readonly overrideReason?: string;
  /** return: the reasons, at least one. */
  readonly reasons?: readonly ReturnReason[];
  /** reopen (required), withdraw (optional): why. */
  readonly reason?: string;
  /** The evaluation has been returned before (see `isCorrection`): it may be resubmitted after the closing date. */
  readonly isCorrection?: boolean;
}

export const PRECONDITION_IDS = ['task-open-or-correction', 'task-active', 'audited', 'no-errors-or-reason', 'return-reasons', 'reason-given'] as const;
export type Precondition = (typeof PRECONDITION_IDS)[number];

const taskState = (t: Task) => ({ taskState: t.state });

export const PRECONDITIONS: Readonly<Record<Precondition, PreconditionInfo<TransitionContext>>> = {
  'task-open-or-correction': {
    description: {
      zh: '任务已下达且在开始与截止日期之间；退回修改的评价在截止后、归档前也可',
      en: 'the task is issued and between its opening and closing dates; a returned evaluation being corrected also after closing, until archived',
    },
    check: ({ task, now, isCorrection }) => {
      if (task.state === 'archived') return problem('workflow-task-archived', [], taskState(task));
      if (task.state === 'draft') return problem('workflow-task-not-issued', [], taskState(task));
      if (isCorrection) return undefined;
      const w = taskWindow(task, now);
      if (w.isOpen) return undefined;
      if (w.phase === 'not-yet-open') return problem('workflow-task-not-yet-open', [], { opensOn: task.opensOn, today: w.today });
      if (w.phase === 'bad-dates') return problem('workflow-task-dates-reversed', [], { opensOn: task.opensOn, closesOn: task.closesOn });
      if (w.phase === 'closed') return problem('workflow-task-closed-early', [], { closesOn: task.closesOn });
      return problem('workflow-task-closed', [], { closesOn: task.closesOn, today: w.today });
    },
  },
  'task-active': {
    description: { zh: '任务已下达，未归档', en: 'the task is issued and not archived' },
    check: ({ task }) => (task.state === 'archived' ? problem('workflow-task-archived', [], taskState(task)) : task.state === 'draft' ? problem('workflow-task-not-issued', [], taskState(task)) : undefined),
  },
  audited: {
    description: { zh: '已对所提交的版本运行审核（服务器须传入审核发现）', en: 'the version submitted has been audited (the server passes the findings)' },
    check: ({ findings }) => (findings === undefined ? problem('workflow-not-audited', ['findings']) : undefined),
  },
  'no-errors-or-reason': {
    description: { zh: '没有“错误”级审核发现，或写明了保留的理由（“警告”“提示”不阻止提交）', en: 'no error-severity finding, or a stated reason why they stand (warnings and infos never block)' },
    check: ({ findings = [], overrideReason }) => {
      const errors = findings.filter((f) => f.severity === 'error').length;
      return errors === 0 || hasText(overrideReason) ? undefined : problem('workflow-unresolved-errors', ['overrideReason'], { count: errors });
    },
  },
  'return-reasons': {
    description: { zh: '至少一条退回理由，每条有内容（可指向字段或评分项）', en: 'at least one reason, each with text (optionally at a field or rubric item)' },
    check: ({ reasons }) => {
      if (!reasons?.length) return problem('workflow-return-reason-required', ['reasons']);
      const empty = reasons.findIndex((r) => !hasText(r.text));
      return empty < 0 ? undefined : problem('workflow-return-reason-empty', ['reasons', empty, 'text'], { number: empty + 1 });
    },
  },
  'reason-given': {
    description: { zh: '写明理由', en: 'a reason is stated' },
    check: ({ reason }) => (hasText(reason) ? undefined : problem('workflow-reason-required', ['reason'])),
  },
};

export type Row = TransitionRow<EvaluationState, Action, Precondition>;

const DEPARTMENT: readonly Role[] = ['preparer', 'department-head'];
const REVIEWERS: readonly Role[] = ['reviewer', 'third-party-reviewer'];

/** The evaluation's transition table: one row per transition; (from, action) is unique. */
export const TRANSITIONS: readonly Row[] = [
  { from: 'draft', action: 'submit', to: 'submitted', roles: DEPARTMENT, preconditions: ['task-open-or-correction', 'audited', 'no-errors-or-reason'] },
  {
    from: 'returned',
    action: 'submit',
    to: 'submitted',
    roles: DEPARTMENT,
    preconditions: ['task-active', 'audited', 'no-errors-or-reason'],
    note: { zh: '修改后重新提交；截止后也可', en: 'resubmission after correction; also after the closing date' },
  },
  { from: 'submitted', action: 'withdraw', to: 'draft', roles: DEPARTMENT, preconditions: ['task-open-or-correction'], note: { zh: '负责人拒绝盖章时也用它退给填报人', en: 'also how a head declines to sign, back to the preparer' } },
  { from: 'submitted', action: 'sign-off', to: 'signed-off', roles: ['department-head'], preconditions: ['task-open-or-correction'] },
  { from: 'signed-off', action: 'withdraw', to: 'draft', roles: ['department-head'], preconditions: ['task-open-or-correction'], note: { zh: '审核开始前；盖章后只有部门负责人可以', en: 'before review starts; once signed, only the department head' } },
  {
    from: 'draft',
    action: 'receive',
    to: 'signed-off',
    roles: ['reviewer', 'admin'],
    preconditions: ['task-active'],
    note: { zh: '批量导入部门报送的文件（纸质或邮件报送）', en: 'a batch upload of documents departments handed in on paper or by mail' },
  },
  { from: 'signed-off', action: 'start-review', to: 'under-review', roles: REVIEWERS, preconditions: ['task-active'] },
  { from: 'under-review', action: 'return', to: 'returned', roles: REVIEWERS, preconditions: ['task-active', 'return-reasons'] },
  { from: 'under-review', action: 'recommend', to: 'recommended', roles: ['third-party-reviewer'], preconditions: ['task-active'], note: { zh: '第三方不能终审', en: 'a third party cannot give the final approval' } },
  { from: 'under-review', action: 'approve', to: 'approved', roles: ['reviewer'], preconditions: ['task-active'] },
  { from: 'recommended', action: 'approve', to: 'approved', roles: ['reviewer'], preconditions: ['task-active'], note: { zh: '终审', en: 'final approval' } },
  { from: 'recommended', action: 'return', to: 'returned', roles: ['reviewer'], preconditions: ['task-active', 'return-reasons'], note: { zh: '财政局不同意第三方意见', en: "the bureau disagrees with the third party" } },
  { from: 'approved', action: 'publish', to: 'published', roles: ['reviewer', 'admin'], preconditions: ['task-active'] },
  { from: 'approved', action: 'reopen', to: 'under-review', roles: ['admin'], preconditions: ['task-active', 'reason-given'] },
  { from: 'published', action: 'reopen', to: 'under-review', roles: ['admin'], preconditions: ['task-active', 'reason-given'], note: { zh: '撤下公开的结果', en: 'withdraws the published result' } },
];

export interface HistoryEntry {
  readonly action: Action;
  readonly from: EvaluationState;
  readonly to: EvaluationState;
  readonly userId: string;
  readonly role: Role;
  /** ISO 8601 instant, from the caller's `now`. */
  readonly at: string;
  /** return: the reasons (placed beside the fields by `placeReasons`). */
  readonly reasons?: readonly ReturnReason[];
  /** reopen, withdraw: why. */
  readonly reason?: string;
  /** submit: the number of error findings that stood, and why. */
  readonly errorCount?: number;
  readonly overrideReason?: string;
}

const scopeOf = (actor: Actor, c: TransitionContext): Problem | undefined => scopeProblem(actor, { taskId: c.task.id, regionId: c.task.regionId, departmentId: c.departmentId });

const LABELS = { subject: { zh: '评价', en: 'evaluation' }, states: EVALUATION_STATE_INFO, actions: ACTION_INFO };

/** Whether `actor` may take `action` on an evaluation in `state`, or the problem saying why not. */
export function can(actor: Actor, action: Action, state: EvaluationState, context: TransitionContext): Decision<Row> {
  return decide(TRANSITIONS, LABELS, PRECONDITIONS, actor, action, state, () => scopeOf(actor, context), context);
}

export type TransitionResult = { readonly ok: true; readonly state: EvaluationState; readonly entry: HistoryEntry } | { readonly ok: false; readonly problem: Problem };

/** The state after `action` and its history entry, or the problem. */
export function transition(actor: Actor, action: Action, state: EvaluationState, context: TransitionContext): TransitionResult {
  const d = can(actor, action, state, context);
  if (!d.ok) return d;
  const errors = (context.findings ?? []).filter((f) => f.severity === 'error').length;
  const entry: HistoryEntry = {
    action,
    from: state,
    to: d.row.to,
    userId: actor.userId,
    role: actor.role,
    at: context.now.toISOString(),
    ...(action === 'return' && context.reasons ? { reasons: context.reasons.map((r) => ({ ...r, text: r.text.trim() })) } : {}),
    ...((action === 'reopen' || action === 'withdraw') && hasText(context.reason) ? { reason: context.reason.trim() } : {}),
    ...(action === 'submit' && errors > 0 ? { errorCount: errors, ...(hasText(context.overrideReason) ? { overrideReason: context.overrideReason.trim() } : {}) } : {}),
  };
  return { ok: true, state: d.row.to, entry };
}

/** Whether an evaluation's history holds a return: it is then a correction (see TransitionContext.isCorrection). */
export function isCorrection(history: readonly Pick<HistoryEntry, 'action'>[]): boolean {
  return history.some((h) => h.action === 'return');
}

/** The reasons of the latest return, to show beside the fields (undefined when it was never returned). */
export function latestReturn(history: readonly HistoryEntry[]): HistoryEntry | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.action === 'return') return history[i];
  return undefined;
}

export interface OfferedAction {
  readonly action: Action;
  readonly to: EvaluationState;
  /** Set when a precondition fails now (a button shown disabled, with this message). */
  readonly problem?: Problem;
}

/**
 * The moves from `state` that the actor's role may make within its scope — the buttons a screen shows — each with the
 * precondition that fails now, if one does. Moves of other roles are not offered at all.
 */
export function offeredActions(actor: Actor, state: EvaluationState, context: TransitionContext): OfferedAction[] {
  if (scopeOf(actor, context)) return [];
  return TRANSITIONS.filter((r) => r.from === state && r.roles.includes(actor.role)).map((r) => {
    const d = can(actor, r.action, state, context);
    return d.ok ? { action: r.action, to: r.to } : { action: r.action, to: r.to, problem: d.problem };
  });
}
