/**
 * The states of a self-evaluation task (绩效自评任务) and of one department's evaluation within it (SPEC §8).
 * Pure data: ids, labels in both languages (Chinese first) and one line on what each state means.
 */
import type { LocalText } from '../formulas/types.ts';

/**
 * An evaluation's states, in the order of the normal path. Two states beyond SPEC §8's list make steps of the
 * process explicit instead of flags beside a state:
 * - `signed-off` (已盖章): the preparer's submission stamped by the department head; only now does it reach the bureau.
 * - `recommended` (待终审): a third-party reviewer recommends approval; the bureau's reviewer gives the final approval.
 */
export const EVALUATION_STATES = ['draft', 'submitted', 'signed-off', 'under-review', 'recommended', 'returned', 'approved', 'published'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

export interface StateInfo {
  readonly label: LocalText;
  readonly description: LocalText;
}

export const EVALUATION_STATE_INFO: Readonly<Record<EvaluationState, StateInfo>> = {
  draft: {
    label: { zh: '填报中', en: 'draft' },
    description: { zh: '部门填报人填写自评表与报告；每次保存为一个新版本。', en: "The department's preparer fills in the form and report; every save is a new version." },
  },
  submitted: {
    label: { zh: '已提交', en: 'submitted' },
    description: { zh: '已提交、内容冻结，待部门负责人审核盖章；部门可撤回修改。', en: 'Submitted and frozen, awaiting the department head’s sign-off (盖章); the department may withdraw it.' },
  },
  'signed-off': {
    label: { zh: '已盖章', en: 'signed off' },
    description: { zh: '部门负责人已审核盖章，报送财政部门，待审核。', en: 'Signed off by the department head and sent to the finance bureau, awaiting review.' },
  },
  'under-review': {
    label: { zh: '审核中', en: 'under review' },
    description: { zh: '财政局绩效科或受托第三方审核、复核评分、填写审核意见。', en: "The bureau's reviewer or the assigned third party reviews, re-scores and writes opinions." },
  },
  recommended: {
    label: { zh: '待终审', en: 'recommended' },
    description: { zh: '第三方评价机构建议通过，待财政局终审。', en: 'The third-party reviewer recommends approval; the bureau gives the final approval.' },
  },
  returned: {
    label: { zh: '已退回', en: 'returned' },
    description: { zh: '审核退回，附退回理由；部门按理由修改（新版本）后重新提交。', en: 'Returned with reasons; the department corrects it (new versions) and submits again.' },
  },
  approved: {
    label: { zh: '已通过', en: 'approved' },
    description: { zh: '终审通过，结果确定（等级与结果应用）。', en: 'Final approval: the result (grade and its use) stands.' },
  },
  published: {
    label: { zh: '已公开', en: 'published' },
    description: { zh: '自评结果已向社会公开。', en: 'The result is published.' },
  },
};

/** States in which the department has handed the evaluation over: what it entered is frozen. */
export const SUBMITTED_STATES: readonly EvaluationState[] = ['submitted', 'signed-off', 'under-review', 'recommended', 'approved', 'published'];

/** A task's states: 下达 opens it to the departments, 截止 ends submissions, 归档 makes it read-only. */
export const TASK_STATES = ['draft', 'issued', 'closed', 'archived'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_STATE_INFO: Readonly<Record<TaskState, StateInfo>> = {
  draft: {
    label: { zh: '草拟中', en: 'draft' },
    description: { zh: '财政局拟定任务：年度、范围、版式、评分标准、起止日期；部门尚不可见。', en: 'The bureau prepares the task: year, scope, layout, rubric, dates; departments do not see it yet.' },
  },
  issued: {
    label: { zh: '已下达', en: 'issued' },
    description: { zh: '已下达：开始日期至截止日期（含）之间部门可以提交。', en: 'Issued: departments may submit from the opening date through the closing date.' },
  },
  closed: {
    label: { zh: '已截止', en: 'closed' },
    description: { zh: '不再接受首次提交；审核继续，退回的评价仍可修改后重新提交。', en: 'No first submissions any more; review goes on, and returned evaluations may still be corrected and resubmitted.' },
  },
  archived: {
    label: { zh: '已归档', en: 'archived' },
    description: { zh: '任务归档，全部只读。', en: 'Archived: everything is read-only.' },
  },
};
