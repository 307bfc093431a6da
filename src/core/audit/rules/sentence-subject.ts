/**
 * Whose figures a sentence of a report states: the department's own (its budget, its execution rate) or a part's — a
 * project, an expense type, a fund source, another subject named at the sentence's start. Shared by the rules that
 * compare what the text says with the department's figures (text-table-conflict, rate-mismatch on a sentence).
 *
 * Pure: no I/O.
 */

/** Words that make a sentence's figures a part's (a project, an expense type, a task, a fund, another period). */
export const PART_IN_SENTENCE = /项目|基本支出|人员|公用|三公|公务|其中|分别|专项|经费|补助|补贴|任务|采购|资产|上年|去年|同比|上级|本级|结转|结余|收入|一般公共预算|政府性基金|国有资本|财政拨款|[“"「]/;
export const PROJECT_PART_IN_SENTENCE = /基本支出|人员经费|公用经费|三公|其中|分别|上年|去年|同比|[第一二三四五]批|[“"「]/;

/** A budget term or a figure: where the subject of a clause ends. */
const TERM_OR_FIGURE = /(?:年初|全年|调整|实际|决算|执行|预算|支出|拨付|安排)|\d/;

/** A form's label at the start of a cell's text: 目标3完成情况：, 实际完成情况：, 完成情况：. */
const FORM_LABEL = /^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．])?(?:年度)?(?:总体)?(?:目标\s*\d{0,2}|实际)?完成情况[：:]/;

/** A date the sentence's figures stand at ("截至2022年12月31日，", "截至年底，"): when, not whose. */
const AS_OF = /^(?:截至|截止(?:到|至)?|到)(?:(?:19|20)\d{2}年(?:度)?)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:年底|年末|底|末)?[，,]/;

/** Whether the first clause of a sentence names a subject other than the department before its budget term. */
export function namesOtherSubject(sentence: string): boolean {
  // A cell's own label ("目标3完成情况：", "实际完成情况：") says which part of the form it is, not whose figure follows.
  const unlabelled = sentence.replace(/\s+/g, '').replace(FORM_LABEL, '').replace(AS_OF, '');
  const first = unlabelled.split(/[，,：:]/)[0]!.replace(/^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．])+/, '');
  const head = first.replace(WHOLE_PREFIX, '');
  const at = TERM_OR_FIGURE.exec(head);
  const subject = at ? head.slice(0, at.index) : head;
  return subject.replace(WHOLE_PREFIX, '').length >= 2;
}

/** What may stand before the term and still say it is the department's (or the project's) own figure. */
export const WHOLE_PREFIX = /^(?:(?:19|20)\d{2}年度?)?(?:(?:我|本)(?:局|委|办|院|中心|单位|部门|厅|所|站|馆|队)|部门|单位|本级|整体|支出|项目|资金|各类|各项|全部|全年|年度|共|合计|总计|的|，|,)*/;
