/**
 * Roles and their scope (SPEC §8): who an actor is, and which evaluations and tasks a role reaches at all. What a role
 * may do in each state is the transition table's business (`transitions.ts`); this file only says "whose".
 */
import type { LocalText } from '../formulas/types.ts';
import { type Problem, problem } from '../problem.ts';
import type { EvaluationState, TaskState } from './states.ts';

export const ROLES = ['preparer', 'department-head', 'reviewer', 'third-party-reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleInfo {
  readonly label: LocalText;
  /** Whose evaluations the role reaches. */
  readonly scope: LocalText;
}

export const ROLE_INFO: Readonly<Record<Role, RoleInfo>> = {
  preparer: {
    label: { zh: '填报人', en: 'preparer' },
    scope: { zh: '本部门的评价', en: "its own department's evaluations" },
  },
  'department-head': {
    label: { zh: '部门负责人', en: 'department head' },
    scope: { zh: '本部门的评价（审核盖章）', en: "its own department's evaluations (sign-off, 盖章)" },
  },
  reviewer: {
    label: { zh: '绩效科审核人', en: 'reviewer' },
    scope: { zh: '本地区（本级财政）的任务与评价', en: "its region's tasks and evaluations (its finance bureau)" },
  },
  'third-party-reviewer': {
    label: { zh: '第三方评价机构', en: 'third-party reviewer' },
    scope: { zh: '仅委托给它的任务', en: 'only the tasks assigned to it' },
  },
  admin: {
    label: { zh: '系统管理员', en: 'administrator' },
    scope: { zh: '全部（设有地区时为本地区）', en: 'everything (its region, when it has one)' },
  },
};

/** Who acts. The server builds it from the session; `userId` goes into history entries. */
export type Actor =
  | { readonly role: 'preparer'; readonly userId: string; readonly departmentId: string }
  | { readonly role: 'department-head'; readonly userId: string; readonly departmentId: string }
  | { readonly role: 'reviewer'; readonly userId: string; readonly regionId: string }
  | { readonly role: 'third-party-reviewer'; readonly userId: string; readonly assignedTaskIds: readonly string[] }
  | { readonly role: 'admin'; readonly userId: string; readonly regionId?: string };

/** Where an evaluation belongs: one department × one task, in the task's region. */
export interface EvaluationRef {
  readonly taskId: string;
  readonly departmentId: string;
  readonly regionId: string;
  readonly state: EvaluationState;
  /** The task's state where known: an archived task's evaluations are read-only. */
  readonly taskState?: TaskState;
}

/**
 * Whether the evaluation lies in the actor's scope, or the problem saying why not. Scope only: a preparer reaches
 * every evaluation of its department, whatever the state; the table and `canSee` narrow it further.
 */
export function scopeProblem(actor: Actor, where: { readonly taskId: string; readonly regionId: string; readonly departmentId?: string }): Problem | undefined {
  switch (actor.role) {
    case 'preparer':
    case 'department-head':
      return where.departmentId === actor.departmentId ? undefined : problem('workflow-other-department', [], roleParams(actor.role));
    case 'reviewer':
      return where.regionId === actor.regionId ? undefined : problem('workflow-other-region', [], roleParams(actor.role));
    case 'third-party-reviewer':
      return actor.assignedTaskIds.includes(where.taskId) ? undefined : problem('workflow-task-not-assigned', [], roleParams(actor.role));
    case 'admin':
      return actor.regionId === undefined || where.regionId === actor.regionId ? undefined : problem('workflow-other-region', [], roleParams(actor.role));
  }
}

/** The role's label as message parameters (`{roleZh}`, `{roleEn}`). */
export function roleParams(role: Role): Record<string, string> {
  return { role, roleZh: ROLE_INFO[role].label.zh, roleEn: ROLE_INFO[role].label.en };
}

export function rolesText(roles: readonly Role[], lang: 'zh' | 'en'): string {
  return roles.map((r) => ROLE_INFO[r].label[lang]).join(lang === 'zh' ? '、' : ', ');
}
