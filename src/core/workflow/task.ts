/**
 * A self-evaluation task (绩效自评任务) as the workflow sees it: its state, its opening and closing dates, the days left,
 * and the table of its own transitions (下达 issue, 延期 extend, 截止 close, 归档 archive).
 *
 * No clock inside: every function takes `now`. Dates are calendar dates ("2024-03-31") in the task's time zone, given as
 * a fixed offset from UTC (China: +08:00, no daylight saving), so the result never depends on the machine's zone.
 * The closing date is the last day on which departments may submit (through 23:59:59 local time).
 */
import type { LocalText } from '../formulas/types.ts';
import { type Problem, problem } from '../problem.ts';
import { type Actor, scopeProblem } from './roles.ts';
import { type EvaluationState, TASK_STATE_INFO, type TaskState } from './states.ts';
import { type Decision, type PreconditionInfo, type TransitionRow, decide } from './table.ts';

/** What the workflow reads of a task. The store's record carries more (title, layout, …); structural typing keeps it. */
export interface Task {
  readonly id: string;
  readonly regionId: string;
  readonly state: TaskState;
  /** First day of submissions, "YYYY-MM-DD" in the task's time zone. */
  readonly opensOn: string;
  /** Last day of submissions (inclusive), "YYYY-MM-DD". */
  readonly closesOn: string;
  /** Minutes east of UTC; 480 (China Standard Time) when absent. */
  readonly utcOffsetMinutes?: number;
  /** The rubric (评分标准) the task scores with; needed to issue it. */
  readonly rubricId?: string;
  /** The departments in scope (范围); needed to issue it. */
  readonly departmentIds?: readonly string[];
}

export const CHINA_UTC_OFFSET_MINUTES = 480;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date, or undefined when it is not a real calendar date. */
export function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** The calendar date at instant `now` in a zone `offsetMinutes` east of UTC. */
export function localDate(now: Date, offsetMinutes: number = CHINA_UTC_OFFSET_MINUTES): string {
  return new Date(now.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function today(task: Pick<Task, 'utcOffsetMinutes'>, now: Date): number {
  return Math.floor((now.getTime() + (task.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES) * 60_000) / DAY_MS);
}

/**
 * Calendar days from today (in the task's zone) to the closing date: 0 on the closing day itself (今日截止), negative
 * once it has passed (−2: closed two days ago). undefined when the closing date is not a date.
 */
export function remainingDays(task: Pick<Task, 'closesOn' | 'utcOffsetMinutes'>, now: Date): number | undefined {
  const close = dayNumber(task.closesOn);
  return close === undefined ? undefined : close - today(task, now);
}

export const TASK_PHASES = ['not-issued', 'not-yet-open', 'open', 'past-closing-date', 'closed', 'archived', 'bad-dates'] as const;
export type TaskPhase = (typeof TASK_PHASES)[number];

export interface TaskWindow {
  readonly phase: TaskPhase;
  /** Whether a department may make a first submission now. */
  readonly isOpen: boolean;
  /** Today's date in the task's zone. */
  readonly today: string;
  /** See `remainingDays`. */
  readonly remainingDays?: number;
  /** Days until the opening date, while it is ahead. */
  readonly daysToOpening?: number;
  /** What a list of tasks shows: "剩余 3 天", "今日截止", "已截止", … */
  readonly label: LocalText;
}

/** Where the task stands at `now`: its state and its dates together. */
export function taskWindow(task: Task, now: Date): TaskWindow {
  const offset = task.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
  const base = { today: localDate(now, offset) };
  const open = dayNumber(task.opensOn);
  const close = dayNumber(task.closesOn);
  const day = today(task, now);
  if (task.state === 'draft') return { ...base, phase: 'not-issued', isOpen: false, label: TASK_STATE_INFO.draft.label };
  if (task.state === 'archived') return { ...base, phase: 'archived', isOpen: false, label: TASK_STATE_INFO.archived.label };
  if (open === undefined || close === undefined || open > close) return { ...base, phase: 'bad-dates', isOpen: false, label: { zh: '起止日期有误', en: 'invalid dates' } };
  const left = close - day;
  if (task.state === 'closed') return { ...base, phase: 'closed', isOpen: false, remainingDays: left, label: TASK_STATE_INFO.closed.label };
  if (day < open) {
    const n = open - day;
    return { ...base, phase: 'not-yet-open', isOpen: false, remainingDays: left, daysToOpening: n, label: { zh: `${n} 天后开始（${task.opensOn}）`, en: `opens in ${n} day${n === 1 ? '' : 's'} (${task.opensOn})` } };
  }
  if (left < 0) return { ...base, phase: 'past-closing-date', isOpen: false, remainingDays: left, label: { zh: `已截止（${task.closesOn}）`, en: `closed (${task.closesOn})` } };
  const label = left === 0 ? { zh: '今日截止', en: 'closes today' } : { zh: `剩余 ${left} 天`, en: `${left} day${left === 1 ? '' : 's'} left` };
  return { ...base, phase: 'open', isOpen: true, remainingDays: left, label };
}

// ——— The task's own transitions ———

export const TASK_ACTIONS = ['issue', 'extend', 'close', 'archive'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TASK_ACTION_INFO: Readonly<Record<TaskAction, { readonly label: LocalText }>> = {
  issue: { label: { zh: '下达', en: 'issue' } },
  extend: { label: { zh: '延期', en: 'extend' } },
  close: { label: { zh: '截止', en: 'close' } },
  archive: { label: { zh: '归档', en: 'archive' } },
};

export interface TaskContext {
  readonly now: Date;
  /** extend: the new closing date. */
  readonly newClosesOn?: string;
  /** archive: the states of the task's evaluations. */
  readonly evaluationStates?: readonly EvaluationState[];
}

export const TASK_PRECONDITION_IDS = ['dates-valid', 'has-rubric', 'has-departments', 'new-closing-date', 'no-review-pending'] as const;
export type TaskPrecondition = (typeof TASK_PRECONDITION_IDS)[number];

/** States in which the bureau still owes work on an evaluation: a task holding one cannot be archived. */
export const REVIEW_PENDING_STATES: readonly EvaluationState[] = ['signed-off', 'under-review', 'recommended'];

/** What a task precondition reads: the task and the call's context. */
interface TaskCheck extends TaskContext {
  readonly task: Task;
}

/** The task preconditions by id: a description for the docs and a check. */
export const TASK_PRECONDITIONS: Readonly<Record<TaskPrecondition, PreconditionInfo<TaskCheck>>> = {
  'dates-valid': {
    description: { zh: '开始与截止日期为有效日期，且开始不晚于截止', en: 'the opening and closing dates are real dates, opening not after closing' },
    check: ({ task }) => {
      const open = dayNumber(task.opensOn);
      const close = dayNumber(task.closesOn);
      if (open === undefined) return problem('workflow-not-a-date', ['opensOn'], { got: task.opensOn });
      if (close === undefined) return problem('workflow-not-a-date', ['closesOn'], { got: task.closesOn });
      return open <= close ? undefined : problem('workflow-task-dates-reversed', ['closesOn'], { opensOn: task.opensOn, closesOn: task.closesOn });
    },
  },
  'has-rubric': {
    description: { zh: '已选定评分标准', en: 'a rubric is chosen' },
    check: ({ task }) => (task.rubricId?.trim() ? undefined : problem('workflow-task-no-rubric', ['rubricId'])),
  },
  'has-departments': {
    description: { zh: '范围内至少有一个部门', en: 'at least one department is in scope' },
    check: ({ task }) => (task.departmentIds?.length ? undefined : problem('workflow-task-no-departments', ['departmentIds'])),
  },
  'new-closing-date': {
    description: { zh: '新截止日期为有效日期，晚于原截止日期且不早于今天', en: 'the new closing date is a real date, later than the old one and not before today' },
    check: (c) => {
      const { task } = c;
      if (c.newClosesOn === undefined) return problem('workflow-context-missing', ['newClosesOn'], { what: 'newClosesOn' });
      const next = dayNumber(c.newClosesOn);
      if (next === undefined) return problem('workflow-not-a-date', ['newClosesOn'], { got: c.newClosesOn });
      const old = dayNumber(task.closesOn);
      if (old !== undefined && next <= old) return problem('workflow-task-not-later', ['newClosesOn'], { got: c.newClosesOn, closesOn: task.closesOn });
      const now = today(task, c.now);
      return next < now ? problem('workflow-task-date-past', ['newClosesOn'], { got: c.newClosesOn, today: localDate(c.now, task.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES) }) : undefined;
    },
  },
  'no-review-pending': {
    description: { zh: '没有待审核、审核中或待终审的评价', en: 'no evaluation awaits review, is under review or awaits final approval' },
    check: (c) => {
      if (c.evaluationStates === undefined) return problem('workflow-context-missing', ['evaluationStates'], { what: 'evaluationStates' });
      const pending = c.evaluationStates.filter((s) => REVIEW_PENDING_STATES.includes(s)).length;
      return pending ? problem('workflow-task-review-pending', [], { count: pending }) : undefined;
    },
  },
};

export type TaskRow = TransitionRow<TaskState, TaskAction, TaskPrecondition>;

/** The task's transition table: one row per transition. The bureau's reviewer runs its region's tasks. */
export const TASK_TRANSITIONS: readonly TaskRow[] = [
  { from: 'draft', action: 'issue', to: 'issued', roles: ['reviewer', 'admin'], preconditions: ['dates-valid', 'has-rubric', 'has-departments'] },
  {
    from: 'issued',
    action: 'extend',
    to: 'issued',
    roles: ['reviewer', 'admin'],
    preconditions: ['new-closing-date'],
    note: { zh: '推迟截止日期', en: 'moves the closing date later' },
  },
  { from: 'issued', action: 'close', to: 'closed', roles: ['reviewer', 'admin'], preconditions: [], note: { zh: '可提前截止；到截止日期后也自动不再接受首次提交', en: 'may close early; past the closing date first submissions stop anyway' } },
  { from: 'closed', action: 'extend', to: 'issued', roles: ['reviewer', 'admin'], preconditions: ['new-closing-date'], note: { zh: '截止后重新开放，定新的截止日期', en: 'opens it again with a new closing date' } },
  { from: 'closed', action: 'archive', to: 'archived', roles: ['reviewer', 'admin'], preconditions: ['no-review-pending'], note: { zh: '归档后只读，不可撤销', en: 'read-only from then on; one way' } },
];

export interface TaskHistoryEntry {
  readonly action: TaskAction;
  readonly from: TaskState;
  readonly to: TaskState;
  readonly userId: string;
  readonly role: Actor['role'];
  /** ISO 8601 instant. */
  readonly at: string;
  readonly closesOn?: { readonly from: string; readonly to: string };
}

const TASK_LABELS = { subject: { zh: '任务', en: 'task' }, states: TASK_STATE_INFO, actions: TASK_ACTION_INFO };

/** Whether `actor` may take `action` on the task now, or the problem saying why not. */
export function canTask(actor: Actor, action: TaskAction, task: Task, context: TaskContext): Decision<TaskRow> {
  return decide(TASK_TRANSITIONS, TASK_LABELS, TASK_PRECONDITIONS, actor, action, task.state, () => taskScopeProblem(actor, task), { ...context, task });
}

/** Preparers and heads have no part in running a task; reviewers and admins their region's; third parties none. */
function taskScopeProblem(actor: Actor, task: Task): Problem | undefined {
  return scopeProblem(actor, { taskId: task.id, regionId: task.regionId });
}

export type TaskTransitionResult = { readonly ok: true; readonly task: Task; readonly entry: TaskHistoryEntry } | { readonly ok: false; readonly problem: Problem };

/** The task after `action`, with its history entry, or the problem. */
export function taskTransition(actor: Actor, action: TaskAction, task: Task, context: TaskContext): TaskTransitionResult {
  const d = canTask(actor, action, task, context);
  if (!d.ok) return d;
  const moved = d.row.action === 'extend' && context.newClosesOn !== undefined;
  const next: Task = { ...task, state: d.row.to, ...(moved ? { closesOn: context.newClosesOn } : {}) };
  const entry: TaskHistoryEntry = {
    action,
    from: task.state,
    to: d.row.to,
    userId: actor.userId,
    role: actor.role,
    at: context.now.toISOString(),
    ...(moved ? { closesOn: { from: task.closesOn, to: context.newClosesOn } } : {}),
  };
  return { ok: true, task: next, entry };
}
