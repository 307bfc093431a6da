/**
 * The decisions behind the workflow's tables, where SPEC §8 leaves a choice — kept beside the code that makes them and
 * printed in docs/workflow.md.
 */
import type { LocalText } from '../formulas/types.ts';

export const DECISIONS: readonly { readonly title: LocalText; readonly text: LocalText }[] = [
  {
    title: { zh: '两个增加的状态', en: 'Two states added' },
    text: {
      zh: '“已盖章”把部门负责人的审核盖章作为一步：填报人提交后内容即冻结，负责人盖章后才报送财政局待审核。“待终审”把第三方的建议与财政局的终审分开：第三方只能建议通过，终审（通过）只属于财政局绩效科审核人，财政局也可以把第三方建议通过的评价退回。',
      en: "`signed-off` makes the department head's sign-off (盖章) a step: the preparer's submission is frozen at once, and reaches the bureau for review only once the head has signed it. `recommended` keeps a third party's recommendation apart from the final approval (终审), which belongs to the bureau's reviewer alone; the bureau may also return what a third party recommended.",
    },
  },
  {
    title: { zh: '审核发现与提交', en: 'Findings and submission' },
    text: {
      zh: '提交时检查所提交版本的审核发现：有“错误”级发现时不能提交，除非写明保留的理由（审核规则可能不了解某地口径；理由记入流转记录，审核人可见）。“警告”“提示”从不阻止提交。服务器必须传入审核发现，未传入时拒绝提交，而不是放行。',
      en: 'Submitting checks the audit of the version submitted: error findings block it unless the submitter states why they stand (the audit may not know a local rule; the reason goes into the history, where the reviewer sees it). Warnings and infos never block. The server must pass the findings; without them the submission is refused, not waved through.',
    },
  },
  {
    title: { zh: '撤回', en: 'Withdrawal' },
    text: {
      zh: '审核开始前部门可以撤回修改：负责人盖章前填报人或负责人均可撤回（负责人不同意盖章时也用撤回，可附说明）；盖章后只有负责人可以撤回。审核开始后只能由审核人退回。',
      en: 'Before review starts the department may withdraw an evaluation to draft: the preparer or the head until the head signs (a head who declines to sign withdraws it, with a note); after signing, the head only. Once review has started only a reviewer can send it back (return).',
    },
  },
  {
    title: { zh: '截止日期', en: 'The closing date' },
    text: {
      zh: '首次提交（以及盖章、撤回）须在任务已下达且处于开始与截止日期（含）之间；截止日期按任务所在时区（默认北京时间）计算到当日 24 时。退回修改的评价在截止后、归档前仍可重新提交——退回大多发生在截止之后。财政局可以延期（推迟截止日期，截止后也可重新开放）。',
      en: "First submissions (and sign-off and withdrawal) need the task issued and between its opening and closing dates, inclusive, counted in the task's time zone (China Standard Time by default) through midnight. An evaluation returned for correction may be resubmitted after the closing date until the task is archived — most returns come after the deadline. The bureau may extend the closing date, also after closing.",
    },
  },
  {
    title: { zh: '冻结', en: 'What is frozen' },
    text: {
      zh: '自提交起，填报人录入的全部内容（评价数据的每个字段与上传的原件、佐证材料）冻结；审核人只写审核意见（逐项复核得分及理由、总体意见、整改要求），从不修改填报数据。退回后部门可以再次修改：每次保存是一个新版本，提交过的版本永不改变。',
      en: "From submission on, everything the preparer entered — every field of the evaluation data and the uploaded documents — is frozen; reviewers write opinions (adjusted item scores with reasons, an overall opinion, rectification requirements) and never edit the preparer's figures. A returned evaluation is editable by its department again: every save is a new version, and a version once submitted never changes.",
    },
  },
  {
    title: { zh: '管理员', en: 'Administrators' },
    text: {
      zh: '管理员可以公开，并可在写明理由后把已通过或已公开的评价重新打开（回到审核中）；管理员不代为填报、盖章或审核通过。归档的任务一切只读。',
      en: 'An administrator may publish, and may reopen an approved or published evaluation to review with a stated reason; administrators never fill in, sign off or approve. Everything in an archived task is read-only.',
    },
  },
  {
    title: { zh: '可见范围', en: 'Who sees what' },
    text: {
      zh: '部门看得到本部门的全部评价（含草稿），看不到其他部门的，已公开的除外；财政局审核人看得到本地区已提交及之后的评价，第三方只看得到委托给它的任务中的这些评价；审核人只看提交过的版本，退回后部门修改中的版本在重新提交前仍属部门。管理员看得到全部（设有地区时为本地区）。',
      en: "A department sees all its own evaluations, drafts included, and no other department's unless published; the bureau's reviewer sees its region's from submission on, a third party those of the tasks assigned to it only; reviewers see only submitted versions — a returned evaluation's new drafts stay the department's until resubmitted. Administrators see everything (their region's, when they have one).",
    },
  },
];
