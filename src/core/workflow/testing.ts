/**
 * Test fixtures for the workflow (not built into dist): an invented region, departments and task, one actor per role
 * in scope and one out of it, and a context in which every precondition holds.
 */
import type { Actor, EvaluationRef, Role } from './roles.ts';
import type { EvaluationState } from './states.ts';
import type { Task } from './task.ts';
import type { TransitionContext } from './transitions.ts';

export const REGION = 'region-a';
export const OTHER_REGION = 'region-b';
export const DEPARTMENT = 'dept-water';
export const OTHER_DEPARTMENT = 'dept-parks';
export const TASK_ID = 'task-2024';
export const OTHER_TASK_ID = 'task-2024-b';

/** Open from 2024-03-01 through 2024-03-31 (China time). */
export const TASK: Task = {
  id: TASK_ID,
  regionId: REGION,
  state: 'issued',
  opensOn: '2024-03-01',
  closesOn: '2024-03-31',
  rubricId: 'mof-2020',
  departmentIds: [DEPARTMENT, OTHER_DEPARTMENT],
};

/** 2024-03-15 10:00 in China. */
export const NOW = new Date('2024-03-15T02:00:00Z');

export const ACTORS: Readonly<Record<Role, Actor>> = {
  preparer: { role: 'preparer', userId: 'u-prep', departmentId: DEPARTMENT },
  'department-head': { role: 'department-head', userId: 'u-head', departmentId: DEPARTMENT },
  reviewer: { role: 'reviewer', userId: 'u-rev', regionId: REGION },
  'third-party-reviewer': { role: 'third-party-reviewer', userId: 'u-3p', assignedTaskIds: [TASK_ID] },
  admin: { role: 'admin', userId: 'u-admin' },
};

/** The same roles, each outside the fixture's scope (the admin bound to another region). */
export const OUTSIDERS: Readonly<Record<Role, Actor>> = {
  preparer: { role: 'preparer', userId: 'u-prep-2', departmentId: OTHER_DEPARTMENT },
  'department-head': { role: 'department-head', userId: 'u-head-2', departmentId: OTHER_DEPARTMENT },
  reviewer: { role: 'reviewer', userId: 'u-rev-2', regionId: OTHER_REGION },
  'third-party-reviewer': { role: 'third-party-reviewer', userId: 'u-3p-2', assignedTaskIds: [OTHER_TASK_ID] },
  admin: { role: 'admin', userId: 'u-admin-2', regionId: OTHER_REGION },
};

/** A context in which every precondition of every row holds. */
export function permissive(extra: Partial<TransitionContext> = {}): TransitionContext {
  return {
    departmentId: DEPARTMENT,
    task: TASK,
    now: NOW,
    findings: [{ severity: 'warning' }],
    reasons: [{ text: '支出明细与决算不符', path: ['budget', 'actualSpending'] }],
    reason: '复核发现评分有误',
    ...extra,
  };
}

export function ref(state: EvaluationState, extra: Partial<EvaluationRef> = {}): EvaluationRef {
  return { taskId: TASK_ID, departmentId: DEPARTMENT, regionId: REGION, state, ...extra };
}
