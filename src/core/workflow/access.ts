/**
 * Visibility and editing as pure functions (SPEC §8): who sees an evaluation, which of its versions, what is frozen in
 * each state and who may edit what. The server asks these on every route; the web app asks them to draw a screen.
 *
 * An evaluation's record has four parts (field groups). What the preparer entered — the evaluation data and its
 * attached documents — is frozen from submission on: reviewers add opinions beside it and never edit it. A returned
 * evaluation is editable by its department again; every save is a new version, so the version that was submitted is
 * never changed.
 */
import type { LocalText } from '../formulas/types.ts';
import { type Problem, problem } from '../problem.ts';
import { type Actor, type EvaluationRef, type Role, roleParams, rolesText, scopeProblem } from './roles.ts';
import { EVALUATION_STATES, EVALUATION_STATE_INFO, type EvaluationState } from './states.ts';

export const FIELD_GROUPS = ['evaluation', 'attachments', 'review-opinions', 'result-use'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export const FIELD_GROUP_INFO: Readonly<Record<FieldGroup, { readonly label: LocalText; readonly description: LocalText }>> = {
  evaluation: {
    label: { zh: '填报内容', en: 'evaluation data' },
    description: { zh: '填报人录入或导入的全部内容：金额、指标、自评得分、文字说明（评价数据的每个字段路径）', en: 'everything the preparer entered or imported: figures, indicators, self-scores, narrative (every path in the evaluation data)' },
  },
  attachments: {
    label: { zh: '原件与佐证材料', en: 'documents and evidence' },
    description: { zh: '上传的自评表、报告原件与佐证材料', en: 'the uploaded form, report and evidence' },
  },
  'review-opinions': {
    label: { zh: '审核意见', en: 'review opinions' },
    description: { zh: '逐项复核得分及理由、总体意见、整改要求', en: 'adjusted item scores with reasons, the overall opinion, rectification (整改) requirements' },
  },
  'result-use': {
    label: { zh: '结果应用', en: 'results use' },
    description: { zh: '据等级确定的下年度预算安排意见', en: "next year's budget recommendation from the grade" },
  },
};

const DEPARTMENT: readonly Role[] = ['preparer', 'department-head'];

/** Who may edit which part in each state (declared data; a part not named is frozen in that state). */
export const EDITING: Readonly<Record<EvaluationState, Readonly<Partial<Record<FieldGroup, readonly Role[]>>>>> = {
  draft: { evaluation: DEPARTMENT, attachments: DEPARTMENT },
  submitted: {},
  'signed-off': {},
  'under-review': { 'review-opinions': ['reviewer', 'third-party-reviewer'] },
  recommended: { 'review-opinions': ['reviewer'] },
  returned: { evaluation: DEPARTMENT, attachments: DEPARTMENT },
  approved: { 'result-use': ['reviewer'] },
  published: {},
};

/** The parts nobody may change in `state`. From submission on this always includes what the preparer entered. */
export function frozenFields(state: EvaluationState): FieldGroup[] {
  return FIELD_GROUPS.filter((g) => !EDITING[state][g]?.length);
}

/** Whether the evaluation data — every path in it belongs to the `evaluation` part — is frozen in `state`. */
export function isEvaluationFrozen(state: EvaluationState): boolean {
  return frozenFields(state).includes('evaluation');
}

/** The states a reviewer or third party sees: from submission on, returned ones included. */
export const REVIEW_VISIBLE_STATES: readonly EvaluationState[] = EVALUATION_STATES.filter((s) => s !== 'draft');

/**
 * Whether the actor sees the evaluation at all:
 * - a published evaluation is public: every actor sees it;
 * - a preparer or head sees every evaluation of its own department, drafts included, and no other department's
 *   until published;
 * - a reviewer sees its region's from submission on; a third party the same, of the tasks assigned to it only;
 * - an administrator sees everything (its region's, when it has one).
 */
export function canSee(actor: Actor, evaluation: EvaluationRef): boolean {
  if (evaluation.state === 'published') return true;
  if (scopeProblem(actor, evaluation)) return false;
  switch (actor.role) {
    case 'preparer':
    case 'department-head':
    case 'admin':
      return true;
    case 'reviewer':
    case 'third-party-reviewer':
      return REVIEW_VISIBLE_STATES.includes(evaluation.state);
  }
}

/**
 * Which versions of a visible evaluation the actor sees: `all` (every saved version, working drafts included) for
 * its department and administrators; `submitted` (only the versions that were submitted) for reviewers, third parties
 * and anyone reading a published evaluation — a returned evaluation's new drafts stay the department's until
 * resubmitted; `none` when it does not see the evaluation.
 */
export function visibleVersions(actor: Actor, evaluation: EvaluationRef): 'all' | 'submitted' | 'none' {
  if (!canSee(actor, evaluation)) return 'none';
  if (scopeProblem(actor, evaluation)) return 'submitted';
  return actor.role === 'preparer' || actor.role === 'department-head' || actor.role === 'admin' ? 'all' : 'submitted';
}

/** The parts the actor may edit now: none outside its scope or in an archived task. */
export function editableBy(actor: Actor, evaluation: EvaluationRef): FieldGroup[] {
  if (evaluation.taskState === 'archived' || scopeProblem(actor, evaluation)) return [];
  return FIELD_GROUPS.filter((g) => EDITING[evaluation.state][g]?.includes(actor.role));
}

/** Whether the actor may edit `group` now, or the problem saying why not (for a save the server refuses). */
export function canEdit(actor: Actor, evaluation: EvaluationRef, group: FieldGroup): { readonly ok: true } | { readonly ok: false; readonly problem: Problem } {
  const groupParams = { group, groupZh: FIELD_GROUP_INFO[group].label.zh, groupEn: FIELD_GROUP_INFO[group].label.en };
  const stateParams = { state: evaluation.state, stateZh: EVALUATION_STATE_INFO[evaluation.state].label.zh, stateEn: EVALUATION_STATE_INFO[evaluation.state].label.en };
  const outOfScope = scopeProblem(actor, evaluation);
  if (outOfScope) return { ok: false, problem: outOfScope };
  if (evaluation.taskState === 'archived') return { ok: false, problem: problem('workflow-task-archived', [], { taskState: 'archived' }) };
  const roles = EDITING[evaluation.state][group] ?? [];
  if (!roles.length) return { ok: false, problem: problem('workflow-frozen', [], { ...groupParams, ...stateParams }) };
  if (!roles.includes(actor.role)) {
    return { ok: false, problem: problem('workflow-not-editable-by-role', [], { ...groupParams, ...stateParams, ...roleParams(actor.role), allowedZh: rolesText(roles, 'zh'), allowedEn: rolesText(roles, 'en') }) };
  }
  return { ok: true };
}
