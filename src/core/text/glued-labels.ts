/**
 * Form cells a PDF-to-text or OCR step ran together without a separator: "主管部门某县水利局实施单位某县水利局资金情况（万元）…".
 * Split again only where the form's own words make it certain: a value label (项目名称, 主管部门, 实施单位, 部门（单位）名称 …),
 * then its value, then another word of the form (a label, a block's title: 资金情况, 项目资金, 预算编码, 联系电话 …). The
 * value between two known words is the label's, if it reads as one: a unit's name ends as a unit's name does (局, 中心,
 * 委员会 …), no value holds sentence punctuation. A label whose value runs on to the end of the text, or to a word that
 * is not on the list, is left as written: where that value ends is not certain.
 *
 * Pure; words only, never a document's names.
 */

/** Labels whose value follows them. `isUnit`: the value names a department or unit. */
const VALUE_LABELS: readonly { readonly re: string; readonly isUnit: boolean }[] = [
  { re: '项目名称', isUnit: false },
  { re: '(?:项目)?主管部门(?:名称)?', isUnit: true },
  { re: '主管单位', isUnit: true },
  { re: '(?:项目)?实施单位(?:名称)?', isUnit: true },
  { re: '部门[（(]单位[）)]名称', isUnit: true },
  { re: '单位名称', isUnit: true },
  { re: '部门名称', isUnit: true },
  { re: '预算单位(?:名称)?', isUnit: true },
];

/** Other words of a form that end the value before them. */
const BOUNDARY_WORDS = [
  '项目负责人', '联系人', '联系电话', '预算编码', '单位编码', '预算代码', '报告日期', '填报日期', '资金情况', '项目资金', '资金投入情况',
  '年度资金总额', '预算执行情况', '年度总体目标', '绩效指标', '自评总分', '自评得分', '财政处室', '项目类别', '项目属性', '项目类型',
];

const LABEL_RE = new RegExp(
  `(${VALUE_LABELS.map((l) => l.re).join('|')})(?:[（(](?:公章|盖章)[）)])?[：:]?|(${BOUNDARY_WORDS.join('|')})`,
  'g',
);
const QUICK_RE = /主管部门|实施单位|名称|主管单位|预算单位/;

/** How a department's or unit's name ends. */
const UNIT_NAME_END_RE = /(?:局|厅|委|委员会|办|办公室|部|部门|院|所|站|中心|馆|校|学校|园|队|处|社|会|司|政府|本级|室|团|场|台|署|社区|街道)$/;
/** Sentence and list punctuation, spaces: no value of a label holds them. */
const NOT_IN_VALUE_RE = /[，。；;：:、,？！?!\s“”"]/;

function isValueOf(value: string, isUnit: boolean): boolean {
  if (value.length < 2 || value.length > (isUnit ? 40 : 60) || NOT_IN_VALUE_RE.test(value)) return false;
  return isUnit ? UNIT_NAME_END_RE.test(value) : true;
}

/**
 * The cells a run-together text holds, where certain: the text before the first label, then each certain label and
 * its value, the rest as it was. Undefined when no label's value is certain (the text stays one cell).
 */
export function splitGluedLabels(text: string): string[] | undefined {
  if (text.length < 6 || !QUICK_RE.test(text)) return undefined;
  const marks: { start: number; end: number; label: string | undefined; isUnit: boolean }[] = [];
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(text); m; m = LABEL_RE.exec(text)) {
    const label = m[1];
    const isUnit = label !== undefined && VALUE_LABELS.find((l) => new RegExp(`^${l.re}$`).test(label))!.isUnit;
    marks.push({ start: m.index, end: m.index + m[0].length, label: label === undefined ? undefined : m[0], isUnit });
  }
  const out: string[] = [];
  let from = 0;
  let split = false;
  for (let k = 0; k + 1 < marks.length; k++) {
    const mark = marks[k]!;
    if (mark.label === undefined) continue;
    const value = text.slice(mark.end, marks[k + 1]!.start);
    if (!isValueOf(value, mark.isUnit)) continue;
    if (mark.start > from) out.push(text.slice(from, mark.start));
    out.push(mark.label.replace(/[：:]$/, ''), value);
    from = marks[k + 1]!.start;
    split = true;
  }
  if (!split) return undefined;
  if (from < text.length) out.push(text.slice(from));
  return out;
}
