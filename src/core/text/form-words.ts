/**
 * The words of the evaluation forms themselves — column headers, row labels, value labels — as any finance bureau
 * prints them (the national 项目支出绩效自评表 of 财预〔2020〕10号 and the provincial forms that follow it). Readers use
 * them to put a table back together where a text export took it apart (one cell per line, cells run together) and
 * the reading is certain; the extractors keep their own, richer lists for what each column means.
 *
 * Pure: words only, never a document's names or figures.
 */
import { compactLabel } from './normalize.ts';

/** "（万元）", "(元)", "(单位：万元)": the unit a header or label carries. */
export const UNIT_MARK_RE = /[（(]\s*(?:单位[：:])?\s*(?:万元|元)\s*[）)]/;

/** A header cell without spaces, its unit ("（万元）", "（%）") or its column letter ("（A）", "(B/A)"), and without "（N分）". */
export function headerWord(cell: string): string {
  return compactLabel(cell)
    .replace(UNIT_MARK_RE, '')
    .replace(/[（(][%％][）)]$/, '')
    .replace(/[（(][A-Za-z][A-Za-z/÷×*0-9%]*[）)]$/, '')
    .replace(/[（(]\d+(?:\.\d+)?分?[）)]$/, '');
}

/** Column words of a funds (预算执行) table: the amounts, the rate, the weight and the score. */
const FUND_AMOUNT_HEADER =
  /^(?:年初(?:预算|安排)(?:数|金额)?|全年(?:调整)?预算(?:数)?|全年[（(]调整[）)]预算数|调整后预算(?:数)?|调整预算(?:数)?|(?:全年|预算|实际)?执行数|全年实际(?:执行|支出)数|实际支出(?:数|金额)?|预算数|批复金额|支出金额)$/;
const FUND_OTHER_HEADER = /^(?:(?:全年|预算)?执行率|分值|权重|(?:自评)?得分|自评分|执行率(?:分值|权重|得分))$/;

/** Column words of an indicator table: the three levels, the target, the actual, the weight and the score. */
const INDICATOR_LEVEL_HEADER = /^(?:一级指标|二级指标|三级指标|指标名称)(?:名称)?$/;
const INDICATOR_OTHER_HEADER =
  /^(?:指标性质|指标方向|(?:年度|年初|全年|预期|绩效|实施周期|中长期|实施期)?(?:指标|目标)值|度量单位|计量单位|(?:实际)?完成(?:指标)?值|全年实际值|实际值|指标(?:分值|权重|得分)|得分系数)$/;

/** Columns of free text at a table's right: the reason for a deviation, remarks. */
const TEXT_COLUMN_HEADER =
  /^(?:原因|原因分析|偏差原因(?:分析)?(?:及改进措施)?|未完成原因(?:分析)?(?:[及和](?:拟采取的)?改进措施)?|主要内容|备注|说明|评价标准|评分标准|评分要点|评分细则|评分办法|指标解释|指标说明|计分方法|得分计算方法|评分方法)$/;

/** The patterns of the column words, for the test that each word ends in a character of HEADER_LAST. */
export const HEADER_PATTERNS: readonly RegExp[] = [FUND_AMOUNT_HEADER, FUND_OTHER_HEADER, INDICATOR_LEVEL_HEADER, INDICATOR_OTHER_HEADER, TEXT_COLUMN_HEADER];

export type HeaderKind = 'fund-amount' | 'fund' | 'indicator-level' | 'indicator' | 'text';

/**
 * The last character of every column word above, once its unit, letter or weight is off ("年初预算数", "执行率", "偏差原因
 * 分析及改进措施" …); a word with one of those still ends in a bracket. Kept beside the patterns: a word added to them must
 * end in one of these (a test checks it on the words of the forms).
 */
const HEADER_LAST = new Set([...'算排数额出率值重分标称质向位因析施容注明准点则法释']);

/** What kind of column a header cell names, or undefined when it is no column word of these forms. */
export function headerKind(cell: string): HeaderKind | undefined {
  // Why a look at the last character first: readers ask this of most cells of a document, and most are no column word.
  let end = cell.length - 1;
  while (end >= 0 && (cell[end] === ':' || cell[end] === '：' || /\s/.test(cell[end]!))) end--;
  const last = end >= 0 ? cell[end]! : '';
  if (last !== ')' && last !== '）' && !HEADER_LAST.has(last)) return undefined;
  return headerKindOfWord(headerWord(cell));
}

/** What kind of column a header word (`headerWord`) names. */
export function headerKindOfWord(w: string): HeaderKind | undefined {
  if (w === '' || w.length > 24) return undefined;
  if (FUND_AMOUNT_HEADER.test(w)) return 'fund-amount';
  if (FUND_OTHER_HEADER.test(w)) return 'fund';
  if (INDICATOR_LEVEL_HEADER.test(w)) return 'indicator-level';
  if (INDICATOR_OTHER_HEADER.test(w)) return 'indicator';
  if (TEXT_COLUMN_HEADER.test(w)) return 'text';
  return undefined;
}

/** How many columns of free text (原因, 备注 …) end a header: a row may leave them empty or out. */
export function textColumnsAtEnd(header: readonly string[]): number {
  let n = 0;
  for (let k = header.length - 1; k >= 0 && headerKind(header[k]!) === 'text'; k--) n++;
  return n;
}

/**
 * A label whose value is the next cell of the form: 项目名称, 主管部门, 实施单位, 部门（单位）名称 … optionally with
 * "（盖章）"/"（公章）".
 */
const VALUE_LABEL_RE =
  /^(?:项目名称|项目全称|(?:项目)?主管部门(?:名称)?|主管单位|(?:项目)?实施单位|项目承担单位|部门(?:[（(]单位[）)])?名称|单位名称|预算单位(?:名称)?|填报单位)(?:[（(](?:公章|盖章|汇总)[）)])?$/;

export function isValueLabel(cell: string): boolean {
  return VALUE_LABEL_RE.test(compactLabel(cell));
}

/** The first-level indicator words (产出指标, 效益指标, 满意度指标 …), with a weight perhaps ("产出指标(50分)"). */
const LEVEL1_RE = /^(?:产出|效益|满意度|成本|效果|影响|过程|决策|管理|投入)指标(?:[（(]\d+(?:\.\d+)?分?[）)])?$/;

export function isLevel1Word(cell: string): boolean {
  return LEVEL1_RE.test(compactLabel(cell));
}

const LEVEL1_WORDS = ['产出指标', '效益指标', '满意度指标', '成本指标', '效果指标', '影响指标', '过程指标', '决策指标', '管理指标', '投入指标'];

/**
 * The start of a first-level word and no more ("产出", "满意"): a piece of a merged 一级指标 cell that a text laid out
 * with spaces printed a piece on each of its group's rows ("产出" ⏎ "指标" ⏎ "（50分）").
 */
export function isLevel1Piece(text: string): boolean {
  const t = compactLabel(text);
  return t.length > 0 && LEVEL1_WORDS.some((w) => w.length > t.length && w.startsWith(t));
}

/** A weight printed alone where a first-level word's cell goes on: "（50分）", "(30)". */
export function isWeightPiece(text: string): boolean {
  return /^[（(]\d+(?:\.\d+)?分?[）)]$/.test(compactLabel(text));
}

/** Labels that close a table's rows: its total and the parts of the form after it. */
const TABLE_END_RE = /^(?:合计|总计|总分|自评总分|总得分|评价结论|自评结论|存在(?:的)?问题|改进措施|项目负责人|财务负责人|填报人)/;

export function isTableEndLabel(cell: string): boolean {
  return TABLE_END_RE.test(compactLabel(cell));
}

/** A figure as a table cell holds it: "238.93", "1,234.50", "100.00%", "10", "-2.5". */
const FIGURE_CELL_RE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?%?$/;
/** An empty value a form prints as a mark: "/", "—", "-". */
const MARK_CELL_RE = /^(?:[-—–─/／\\]+|无)$/;

export function isFigureCell(cell: string): boolean {
  return FIGURE_CELL_RE.test(cell.trim());
}

export function isMarkCell(cell: string): boolean {
  return MARK_CELL_RE.test(cell.trim());
}
