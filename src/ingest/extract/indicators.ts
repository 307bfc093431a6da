/**
 * The performance indicator table (绩效指标): 一级 / 二级 / 三级 (or 指标名称 alone), 年度指标值 / 指标值 / 目标值,
 * 实际完成值 / 完成值, 分值 / 权重, 得分, 得分系数, 偏差原因 — in any order, by the words of the header. Merged
 * level-1 and level-2 cells are filled down from the row above; placeholder rows without a level-3 name are skipped.
 *
 * What provinces add, read the same way everywhere:
 * - a target split over 指标方向/指标性质 (≥ ≤ = 定性) | 指标值 | 度量单位/计量单位 (system exports) is composed back into
 *   the text a reviewer reads ("≥" "36000" "人" → "≥36000人"), with direction and unit kept too;
 * - a header over two rows (年度指标值 spanning 指标性质 | 指标值 | 度量单位, 实际完成值 beside it) is read as one;
 * - weights printed inside the names (预算执行（30）, 产出指标（40分）) are taken out of the name into the section's
 *   weight, and each weighted section becomes a self-score item (its score: the sum of its indicators' scores, when
 *   every one prints a score);
 * - 得分系数 ("90%", "0.9") is the coefficient of 得分 = 得分系数 × 权重;
 * - a 合计/总分 row ends the table and gives the self-score total (its 得分) and maximum (its 分值).
 */
import { div, parseExact, toPlainString, add, type Exact, ZERO } from '../../core/exact.ts';
import { compactLabel } from '../../core/text/normalize.ts';
import { isLevel1Piece, isLevel1Word, isWeightPiece } from '../../core/text/form-words.ts';
import { type Row, type Table, isValueCell } from '../segment.ts';
import { type ExtractContext, put, sourceAt } from './context.ts';
import { type ColumnSpec, type HeaderMatch, alignValues, compactCells, findHeader, isSequenceNumber } from './table-columns.ts';
import { documentStart } from './subject.ts';

type Key =
  | 'level1'
  | 'level2'
  | 'name'
  | 'multiYearTarget'
  | 'adjustedTarget'
  | 'target'
  | 'actual'
  | 'coefficient'
  | 'weight'
  | 'score'
  | 'deviationReason'
  | 'direction'
  | 'sign'
  | 'unitOfMeasure';

/** Trailing "（分）", "(%)" of a header cell, and column letters "(A)", "(B)". */
const U = '(?:[（(](?:分|%|％|万元|元|[A-Za-z][A-Za-z/÷×*+\\-－]{0,6})[)）]){0,2}';

const COLUMNS: readonly ColumnSpec<Key>[] = [
  // The form's own label may share the cell, printed a space before the column word ("绩效 一级指标").
  { key: 'level1', re: /^(?:(?:年度)?绩效(?:指标)?)?一级(?:指标)?(?:名称)?$/ },
  { key: 'level2', re: /^二级(?:指标)?(?:名称)?$/ },
  { key: 'name', re: /^三级(?:指标)?(?:名称)?$|^(?:绩效)?指标名称$|^(?:具体|三级)?指标内容$/ },
  { key: 'multiYearTarget', re: /实施周期指标值|中长期指标值|实施期指标值/ },
  { key: 'adjustedTarget', re: new RegExp(`^(?:全年)?[（(]?调整[)）]?(?:后)?(?:的)?指标值${U}$|^调整后目标值${U}$`) },
  {
    key: 'actual',
    re: new RegExp(`实际完成值|^完成值${U}$|^实际值${U}$|^指标完成(?:情况|值)$|^(?:实际)?完成情况$|全年实际值|^全年(?:实际)?完成值${U}$|^(?:年度)?实际完成${U}$|^(?:实际)?完成指标值${U}$`),
  },
  {
    key: 'target',
    re: new RegExp(`年度指标值|^指标值${U}$|^目标值${U}$|年度目标值|^年度指标$|^年度(?:绩效)?目标$|^年初(?:指标|目标)值${U}$|^(?:预期|计划|绩效)(?:指标|目标)值${U}$|^年度绩效指标值${U}$`),
  },
  { key: 'coefficient', re: new RegExp(`^得分系数${U}$`) },
  { key: 'score', re: new RegExp(`^(?:自评|指标)?得分${U}$`) },
  { key: 'weight', re: new RegExp(`^(?:分值|权重|指标权重|指标分值|权重分值)${U}$`) },
  { key: 'deviationReason', re: /偏差原因|未完成原因|原因分析|偏差情况/ },
  { key: 'sign', re: /^(?:指标方向|符号|运算符|比较符号?|计算符号|指标符号)$/ },
  { key: 'direction', re: /^(?:指标性质|指标属性|指标类型)$/ },
  { key: 'unitOfMeasure', re: /^度量单位$|^计量单位$/ },
];

const VALUE_KEYS: readonly Key[] = ['multiYearTarget', 'adjustedTarget', 'target', 'actual', 'coefficient', 'weight', 'score', 'deviationReason', 'direction', 'sign', 'unitOfMeasure'];

/** Printed directions → the model's; "定量指标" says nothing about the direction. */
const DIRECTIONS: Readonly<Record<string, string>> = {
  '≥': 'gte',
  '>=': 'gte',
  '≧': 'gte',
  '＞': 'gte',
  '>': 'gte',
  '≤': 'lte',
  '<=': 'lte',
  '≦': 'lte',
  '＜': 'lte',
  '<': 'lte',
  '=': 'eq',
  '＝': 'eq',
  '﹦': 'eq',
  '==': 'eq',
  // A box-drawing double line that some system exports print for "=".
  '═': 'eq',
  定性: 'qualitative',
  定性指标: 'qualitative',
  正向: 'gte',
  正向指标: 'gte',
  反向: 'lte',
  反向指标: 'lte',
  // The direction in words, as a system export's 指标方向 column prints it.
  大于等于: 'gte',
  不低于: 'gte',
  不少于: 'gte',
  大于: 'gte',
  小于等于: 'lte',
  不高于: 'lte',
  不超过: 'lte',
  小于: 'lte',
  等于: 'eq',
};

/** The sign a reviewer writes for a printed direction (full-width and small forms folded). */
const SIGN_OF: Readonly<Record<string, string>> = { '≥': '≥', '>=': '≥', '≧': '≥', '＞': '>', '>': '>', '≤': '≤', '<=': '≤', '≦': '≤', '＜': '<', '<': '<', '=': '=', '＝': '=', '﹦': '=', '==': '=', '═': '=', 大于等于: '≥', 不低于: '≥', 不少于: '≥', 大于: '>', 小于等于: '≤', 不高于: '≤', 不超过: '≤', 小于: '<', 等于: '=' };

const COMPARATOR_START = /^(?:≥|≤|>=|<=|＞|＜|>|<|=|＝|﹦|═|≧|≦|不低于|不少于|不高于|不超过|大于|小于|高于|低于|至少)/;

/**
 * The target as a reviewer reads it from a split row: direction, value and unit put back together ("≥" + "36000" +
 * "人" → "≥36000人"); a value that already carries its sign or unit is not given them twice; a qualitative value
 * stays as printed.
 */
export function composeTarget(value: string, directionText?: string, unit?: string): string {
  const v = value.trim();
  const u = unit && !/^[-—/／\\]+$/.test(unit.trim()) ? unit.trim() : '';
  const dir = directionText?.replace(/\s/g, '');
  if (dir && /定性/.test(dir)) return v;
  const isNumber = /^-?\d[\d,]*(?:\.\d+)?/.test(v.replace(COMPARATOR_START, ''));
  if (!isNumber) return v;
  const sign = dir && !COMPARATOR_START.test(v) ? (SIGN_OF[dir] ?? '') : '';
  const withUnit = u && !v.endsWith(u) && /\d$/.test(v) ? `${v}${u}` : v;
  return `${sign}${withUnit}`;
}

/** A name followed by a target that starts with its sign, one space between: "合格率 ≥98%", "平均成本 ≤1800元/批次". */
const GLUED_TARGET = /^(.*[\u4e00-\u9fa5）)”"])\s+((?:≥|≤|>=|<=|≧|≦|＞|＜|>|<|=|＝|﹦)\s*[\d.]+\S{0,12})$/;

/** The blank national form's numbering of a name: "指标1：", "指标 2:". */
export const TEMPLATE_NUMBER = /^\s*指标\s*\d{1,2}\s*[：:]\s*/;
/** A row the blank form left unfilled: its dots ("……", "…", "...") in place of a name. */
export const TEMPLATE_FILLER = /^(?:…+|\.{3,}|。{3,})$/;

/** A weight printed inside a name: "预算执行（30）", "产出指标(40分)", "效益指标（权重30%）" → name and weight. */
export function splitWeight(text: string): { name: string; weight?: string } {
  const m = /^(.+?)\s*[（(]\s*(?:权重|分值)?[:：]?\s*(\d{1,3}(?:\.\d{1,2})?)\s*(?:分|%|％)?\s*[)）]$/.exec(text.trim());
  return m ? { name: m[1]!.trim(), weight: m[2]! } : { name: text };
}

/**
 * Level words of the national framework (财预〔2020〕10号 and the provincial forms after it), tested on the compacted
 * cell: 一级 产出/效益/满意度, 二级 数量/质量/时效/成本, 经济/社会/生态(环境)效益, 可持续影响, 服务对象满意度 — each with
 * or without "指标" and a weight "(20分)". 成本 and 满意度 are printed at either level, so they are in both.
 */
export const LEVEL1_WORD = /^(?:产出|效益|满意度|成本|效果)(?:指标)?(?:[（(]\d+(?:\.\d+)?分?[）)])?$/;
const LEVEL2_STEMS = '(?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|环境效益|可持续影响|服务对象满意度|满意度)';
export const LEVEL2_WORD = new RegExp(`^${LEVEL2_STEMS}(?:指标)?(?:[（(]\\d+(?:\\.\\d+)?分?[）)])?$`);
/** A 二级 word, with 指标, then one space and a name: "可持续影响指标 县域内就诊率". */
const LEVEL2_AND_NAME = new RegExp(`^(${LEVEL2_STEMS}指标)\\s+([^\\s\\d≥≤><=＝﹦][^\\s]{1,39})$`);

/**
 * The level-1 group a level-2 word belongs to in the national framework, for a table whose merged 一级指标 cell was
 * lost: 数量/质量/时效/成本 → 产出指标, 经济/社会/生态/环境效益 and 可持续影响 → 效益指标, 满意度 → 满意度指标.
 */
export function level1Of(level2: string): string | undefined {
  const w = compactLabel(level2);
  if (/^(?:数量|质量|时效|成本)(?:指标)?$/.test(w)) return '产出指标';
  if (/^(?:经济效益|社会效益|生态效益|环境效益|可持续影响)(?:指标)?$/.test(w)) return '效益指标';
  if (/^(?:服务对象)?满意度(?:指标)?$/.test(w)) return '满意度指标';
  return undefined;
}

/** Columns an indicator row's cells are checked against when its leading cells may be missing. */
export interface IndicatorColumns {
  readonly level1?: number | undefined;
  readonly level2?: number | undefined;
  readonly name?: number | undefined;
  readonly target?: number | undefined;
  readonly actual?: number | undefined;
  readonly weight?: number | undefined;
  readonly score?: number | undefined;
  readonly direction?: number | undefined;
  readonly sign?: number | undefined;
  readonly unitOfMeasure?: number | undefined;
}

const SIGN_CELL = /^(?:≥|≤|>=|<=|≧|≦|＞|＜|>|<|=|＝|﹦|═|==|定性|定量|正向|反向|正向指标|反向指标|定性指标|定量指标)$/;
const END_OF_TABLE = /^(?:合计|总计|总分|自评总分|评价结论|自评结论|存在(?:的)?问题|改进措施|其他需要说明(?:的)?事项|其他说明|备注|说明|注[：:]?)/;
/** A figure with nothing but a comparator or a percent sign: "10", "≥95%", "1,200" — never an indicator's name. */
export const isBareFigure = (x: string) => /^[≥≤<>=＞＜≧≦]?-?\d[\d,]*(?:\.\d+)?[%％]?$/.test(x.replace(/\s/g, ''));
const isScoreCell = (x: string) => /^\d{1,3}(?:\.\d{1,4})?分?$/.test(x.replace(/\s/g, ''));
const isDashCell = (x: string) => /^[-—–─/／\\]+$/.test(x.replace(/\s/g, ''));

/**
 * How many empty cells to put before an indicator row whose leading cells are missing (negative: how many empty
 * leading cells to drop) — a web copy or a text dump
 * leaves out the cells of merged columns (绩效指标, 一级, 二级) in the rows below their first, and a header may carry a
 * merged label cell (年度绩效目标1 (80分)) the rows do not — so that every cell stands under its header. The first
 * filled cell says where the row starts: a level-1 word under 一级, a level-2 word under 二级, anything else under the
 * name. The reading is taken only when its cells fit their columns: a name that is no figure and no level word, figures
 * under 分值/得分, a sign under 指标性质/方向, a short unit, no cell past the header's last column, and — for a row
 * that starts at its name — at least two values (a name with its target and actual). 0 when no such reading holds.
 */
export function indicatorRowShift(cells: readonly string[], c: IndicatorColumns, width: number): number {
  const first = cells.findIndex((x) => x.trim() !== '' && !isSequenceNumber(x));
  if (first < 0) return 0;
  const lead = compactLabel(cells[first]!);
  if (END_OF_TABLE.test(lead) || /^(?:一级指标|二级指标|三级指标|指标名称)/.test(lead)) return 0;
  const isL1 = LEVEL1_WORD.test(lead);
  const isL2 = LEVEL2_WORD.test(lead);
  const starts: (readonly [number | undefined, 'level1' | 'level2' | 'name'])[] = isL1 && isL2
    ? [[c.level1, 'level1'], [c.level2, 'level2']]
    : isL1
      ? [[c.level1, 'level1']]
      : isL2
        ? [[c.level2, 'level2']]
        : [[c.name, 'name'], [c.level2, 'level2']];
  // The row as it stands first, where its first cell is in a column of its kind; then the other readings in order.
  const ordered = [...starts.filter(([col]) => col === first), ...starts.filter(([col]) => col !== first)];
  for (const [col, kind] of ordered) {
    if (col === undefined) continue;
    const shift = col - first;
    // A negative shift drops empty leading cells only (a copy that kept one more empty cell than the header has).
    if (fits(shift < 0 ? cells.slice(-shift) : cells, c, width, Math.max(shift, 0), kind)) return shift;
  }
  return 0;
}

function fits(cells: readonly string[], c: IndicatorColumns, width: number, shift: number, kind: 'level1' | 'level2' | 'name'): boolean {
  const last = cells.reduce((m, x, i) => (x.trim() !== '' ? i : m), -1);
  if (last + shift >= width) return false;
  // A level word alone: a group with no indicator of its own (生态效益指标 with nothing under it).
  const lone = cells.filter((x) => x.trim() !== '');
  if (kind !== 'name' && lone.length === 1) return (kind === 'level1' ? LEVEL1_WORD : LEVEL2_WORD).test(compactLabel(lone[0]!));
  const at = (col: number | undefined) => (col === undefined || col - shift < 0 ? '' : (cells[col - shift] ?? '').trim());
  const name = at(c.name);
  if (!name || isValueCell(name) || SIGN_CELL.test(name) || LEVEL1_WORD.test(compactLabel(name)) || LEVEL2_WORD.test(compactLabel(name))) return false;
  if (kind === 'level2' && !LEVEL2_WORD.test(compactLabel(at(c.level2))) && !(at(c.weight) && isScoreCell(at(c.weight))) && !(at(c.score) && isScoreCell(at(c.score)))) return false;
  for (const col of [c.weight, c.score]) {
    const x = at(col);
    if (x && !isScoreCell(x) && !isDashCell(x)) return false;
  }
  for (const col of [c.direction, c.sign]) {
    const x = at(col);
    if (x && !SIGN_CELL.test(x.replace(/\s/g, '')) && !isDashCell(x)) return false;
  }
  const unit = at(c.unitOfMeasure);
  if (unit && (/\d/.test(unit) || unit.length > 6)) return false;
  if (kind === 'name') {
    const values = [c.target, c.actual, c.weight, c.score].filter((col) => at(col) !== '').length;
    if (values < 2) return false;
    // A short row ending in two bare figures may as well be 完成值 | 分值 | 得分 as a name with its target and actual.
    const lastScoreCol = Math.max(c.weight ?? -1, c.score ?? -1);
    const filled = cells.filter((x) => x.trim() !== '');
    if (lastScoreCol >= 0 && last + shift < lastScoreCol && filled.length >= 3 && filled.slice(-2).every(isScoreCell)) return false;
  }
  return true;
}

/**
 * An indicator header as a web copy or a text dump leaves it: a two-row header flattened into one row (the upper row
 * first: 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…, then the lower: 一级指标 | 二级指标 | 三级指标 |
 * 指标性质 | 指标值 | 度量单位) and the first data row glued on after it. Returns the header in the order of the columns
 * (the lower row's cells in place of the upper-row group they sit under: the level columns under 绩效指标, the split
 * target under 年度指标值) and the glued data row; undefined when the row is no such header or its order is not certain.
 */
export function unglueHeader(cells: readonly string[], keyOf: (cell: string) => string | undefined): { header: string[]; firstRowAt?: number } | undefined {
  const c = cells.map(compactLabel);
  const i1 = c.findIndex((x) => keyOf(x) === 'level1');
  if (i1 < 0) return undefined;
  let j = i1;
  while (j < c.length && c[j] !== '' && keyOf(c[j]!) !== undefined) j++;
  const lower = c.slice(i1, j);
  if (lower.slice(0, 3).map(keyOf).join() !== 'level1,level2,name') return undefined;
  const firstRowAt = j < c.length && LEVEL1_WORD.test(c[j]!) ? j : undefined;
  const glued = firstRowAt !== undefined ? { firstRowAt } : {};
  // The upper row: value words right before the level words, after a 绩效指标 cell.
  let k = i1;
  while (k > 0 && c[k - 1] !== '' && keyOf(c[k - 1]!) !== undefined) k--;
  const upper = c.slice(k, i1);
  if (!upper.length) return firstRowAt !== undefined ? { header: lower, ...glued } : undefined;
  if (k === 0 || !/^(?:绩效指标|指标)$/.test(c[k - 1]!)) return undefined;
  const sub = lower.slice(3);
  const targetAt = upper.findIndex((x) => keyOf(x) === 'target');
  // The split target's parts (指标性质 | 指标值 | 度量单位) sit under the upper row's target word; without one, the
  // order is not certain.
  if (sub.length && targetAt < 0) return undefined;
  const header = [...lower.slice(0, 3), ...upper.flatMap((x, i) => (i === targetAt && sub.length ? sub : [x]))];
  return { header, ...glued };
}

/**
 * The table with a flattened or glued indicator header (unglueHeader) at `rowIndex` replaced by the header in column
 * order and, after it, the data row that was glued on; `added` rows were put in. Undefined when the row is no such header.
 */
export function withUngluedHeader(table: Table, rowIndex: number, keyOf: (cell: string) => string | undefined): { table: Table; added: number } | undefined {
  const row = table.rows[rowIndex]!;
  const u = unglueHeader(row.cells, keyOf);
  if (!u) return undefined;
  const line = row.lines[0]!;
  const header: Row = { cells: u.header, cellLines: u.header.map(() => line), lines: row.lines, pieces: u.header.map(() => []) };
  const rows: Row[] = [header];
  if (u.firstRowAt !== undefined) {
    const at = u.firstRowAt;
    rows.push({ cells: row.cells.slice(at), cellLines: row.cellLines.slice(at), lines: row.lines, pieces: row.pieces.slice(at) });
  }
  return { table: { ...table, rows: [...table.rows.slice(0, rowIndex), ...rows, ...table.rows.slice(rowIndex + 1)] }, added: rows.length - 1 };
}

const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;

/** 得分系数 as a fraction: "90%" → 0.9, "0.9" → 0.9, "90" under a "(%)" header → 0.9. */
function coefficientOf(text: string, headerSaysPercent: boolean): string | undefined {
  const t = text.replace(/\s/g, '').replace(/％/g, '%');
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  const raw = pct?.[1] ?? (PLAIN_NUMBER.test(t) ? t : undefined);
  if (raw === undefined) return undefined;
  const x = parseExact(raw);
  if (!x) return undefined;
  const asPercent = Boolean(pct) || headerSaysPercent || x.n > x.d * 2n;
  const v = asPercent ? div(x, { n: 100n, d: 1n }) : x;
  return v ? toPlainString(v) : undefined;
}

/** Rows that total the table (合计, 总分, 自评得分 …): they end it and print the self-score. */
/** A total row's label; a form may name whose total it is (部门整体支出总分). */
const TOTAL_ROW = /^(?:合计|总计|总分|得分合计|分值合计|自评(?:总)?得分|自评总分|综合得分|评价得分|(?:部门整体(?:支出)?(?:绩效)?|部门|整体)(?:自评)?(?:总分|总得分))/;

/** A scorecard (评分表) has 一级/二级/三级 too, but scores a rubric, not the department's own indicators. */
const SCORECARD_WORDS = /评分标准|评分要点|评分细则|指标解释|评分办法|计分方法|评价标准/;

const keyOf = (cell: string): Key | undefined => COLUMNS.find((s) => s.re.test(cell))?.key;

function acceptHeader(h: HeaderMatch<Key>): boolean {
  const c = h.columns;
  if (c.level1 !== undefined && c.level2 !== undefined) return true;
  return c.target !== undefined && (c.actual !== undefined || c.direction !== undefined || c.sign !== undefined || c.weight !== undefined);
}

/** Adds the keys a header row over two lines names in the row above, where this row's cell is empty. */
function withRowAbove(table: Table, h: HeaderMatch<Key>): HeaderMatch<Key> {
  const above = table.rows[h.rowIndex - 1];
  if (!above) return h;
  const columns = { ...h.columns };
  const taken = new Set(Object.values(columns) as number[]);
  above.cells.forEach((raw, col) => {
    const cell = compactLabel(raw);
    if (!cell || taken.has(col) || (h.cells[col] ?? '') !== '') return;
    const spec = COLUMNS.find((s) => columns[s.key] === undefined && s.re.test(cell));
    if (spec) {
      columns[spec.key] = col;
      taken.add(col);
    }
  });
  return { ...h, columns };
}

interface Section {
  readonly name: string;
  readonly weight: string;
  readonly line: number;
  readonly col: number;
  readonly scores: (string | undefined)[];
}

/** What carries from one row to the next, and across a page break into a table without a header. */
interface ReadState {
  level1: string;
  level2: string;
  section1?: Section | undefined;
  section2?: Section | undefined;
  /** The last indicator read, and whether its row printed any value (a row of name pieces then continues it). */
  last?: { readonly item: Record<string, unknown>; readonly hadValues: boolean };
  /** Pieces of a merged 一级 cell printed a piece a row, until they make the word ("产出" ⏎ "指标"). */
  level1Pieces?: string;
  /** The rest of a 二级 word read with the row above ("质量" ⏎ "指标"): passed over on its own row. */
  level2Rest?: string | undefined;
}

/** A first-level word printed short, without 指标: 产出, 效益, 满意度 … (a whole 一级 name in many forms). */
const SHORT_LEVEL1 = /^(?:产出|效益|满意度|成本|效果|影响|过程|决策|管理|投入)$/;

/**
 * The 一级 cell of a row as its group's word: a piece of a merged cell printed a piece on each row ("产出" ⏎ "指标" ⏎
 * "（50分）") is held until the pieces make a first-level word, given on the row that completes it; a piece alone, or a
 * weight alone after it, gives none. A short word the next row does not go on ("投入" ⏎ "（15分）") is the whole word,
 * given at once. Any other cell is as printed. `next` is the next row's cell in the same column.
 */
export function level1Cell(raw: string, state: { level1Pieces?: string | undefined }, next?: string): string {
  const piece = compactLabel(raw);
  if (!piece) return raw;
  const held = state.level1Pieces ?? '';
  if (isLevel1Word(piece)) {
    state.level1Pieces = undefined;
    return raw;
  }
  if (held && isLevel1Word(held + piece)) {
    state.level1Pieces = undefined;
    return held + piece;
  }
  if (isLevel1Piece(held + piece)) {
    const after = compactLabel(next ?? '');
    const goesOn = after !== '' && (isLevel1Word(held + piece + after) || isLevel1Piece(held + piece + after));
    if (!goesOn && SHORT_LEVEL1.test(held + piece)) {
      state.level1Pieces = undefined;
      return held + piece;
    }
    state.level1Pieces = held + piece;
    return '';
  }
  if (isWeightPiece(piece)) return '';
  state.level1Pieces = undefined;
  return raw;
}

/**
 * A piece of the form's label of the indicator rows, printed down the merged cell left of them a piece a row ("绩效" ⏎
 * "指标", "绩" ⏎ "效" …): part of 年度绩效指标 or of the header's first cell.
 */
export function isLabelPiece(cell: string, headerFirst: string): boolean {
  const t = compactLabel(cell);
  return t !== '' && ('年度绩效指标'.includes(t) || (headerFirst !== '' && headerFirst.includes(t)));
}

/**
 * A first-level and a second-level word printed in one cell with a space between ("满意度指标 服务对象满意度指标（10分）")
 * while the 二级 cell beside it is empty: the two words, the weight going with the first level. Otherwise undefined.
 */
export function levelPair(level1: string, level2: string): { level1: string; level2: string } | undefined {
  if (level2.trim() !== '' || !/\s/.test(level1.trim())) return undefined;
  const parts = level1.trim().split(/\s+/);
  if (parts.length !== 2) return undefined;
  const weight = splitWeight(parts[1]!);
  if (!LEVEL1_WORD.test(compactLabel(parts[0]!)) || !LEVEL2_WORD.test(compactLabel(weight.name))) return undefined;
  return { level1: weight.weight ? `${parts[0]!}（${weight.weight}分）` : parts[0]!, level2: weight.name };
}

/**
 * The 二级 cell of a row, with the rest of its word where a centred cell printed it on the next row ("质量" ⏎ "指标"):
 * the two joined on this row, and the piece on the next row taken as read (it names no group of its own).
 */
export function level2Cell(raw: string, state: { level2Rest?: string | undefined }, next?: string): string {
  const piece = compactLabel(raw);
  const rest = state.level2Rest;
  state.level2Rest = undefined;
  if (!piece) return raw;
  if (rest !== undefined && piece === rest) return '';
  const after = compactLabel(next ?? '');
  if (after && after.length <= 3 && /^指?标$|^指标$/.test(after) && !piece.endsWith('指标') && LEVEL2_WORD.test(piece + after)) {
    state.level2Rest = after;
    return piece + after;
  }
  return raw;
}

/**
 * A row's 一级 and 二级 cells as the group words they print, with the next row's cells to see pieces go on: a 一级
 * word held or completed (level1Cell), a piece of the form's label printed down the 一级 column ("绩效" ⏎ "指标" where the
 * header reads "绩效 一级指标") taken for none, the two words run together in the 一级 cell with one space between
 * ("满意度指标 服务对象满意度指标", as a narrow column leaves them) parted, a 二级 word finished on the next row (level2Cell).
 * A column the table does not have is undefined and gives ''.
 */
export function levelCells(
  cells: { readonly level1: string | undefined; readonly level2: string | undefined },
  next: { readonly level1: string | undefined; readonly level2: string | undefined },
  state: { level1Pieces?: string | undefined; level2Rest?: string | undefined },
): { level1: string; level2: string } {
  const raw1 = cells.level1 ?? '';
  const word1 = cells.level1 !== undefined ? level1Cell(raw1, state, next.level1) : '';
  const level1 = word1 === raw1 && isLabelPiece(raw1, '') ? '' : word1;
  const pair = cells.level2 !== undefined ? levelPair(level1, cells.level2) : undefined;
  if (pair) return pair;
  return { level1, level2: cells.level2 !== undefined ? level2Cell(cells.level2, state, next.level2) : '' };
}

/** Whether two first-level names are the same group, printed with or without 指标 ("产出" and "产出指标"). */
export const sameLevel1 = (a: string, b: string): boolean => compactLabel(a).replace(/指标$/, '') === compactLabel(b).replace(/指标$/, '');

export function extractIndicatorTable(ctx: ExtractContext): void {
  const out: Record<string, unknown>[] = [];
  const sections: { level1: Section[]; level2: Section[] } = { level1: [], level2: [] };
  // The header of the last table read to its end: a next table with no header of its own and rows of the same shape is
  // its continuation after a page break (a table split in two, the header not repeated or wrapped past recognition).
  let open: { header: HeaderMatch<Key>; state: ReadState; lastLine: number } | undefined;
  for (const table of ctx.seg.tables) {
    let from = 0;
    let readAny = false;
    for (;;) {
      const found = headerOf(table, from);
      if (!found) break;
      from = found.rowIndex + 1;
      if (!acceptHeader(found)) continue;
      // A scorecard's rubric rows are no indicators — unless it prints each row's 指标值 and 实际完成值 beside its
      // 评价标准 (a score sheet that is also the indicator table).
      const hasTargets = found.columns.target !== undefined && found.columns.actual !== undefined;
      if (!hasTargets && table.rows.slice(0, found.rowIndex + 3).some((r) => r.cells.some((x) => SCORECARD_WORDS.test(x)))) continue;
      // A two-row header flattened into one row, or the first data row glued onto it (a web copy, a text dump).
      const unglued = withUngluedHeader(table, found.rowIndex, keyOf);
      const flat = unglued ? findHeader(unglued.table, COLUMNS, ['name'], found.rowIndex) : undefined;
      const header = flat ?? withRowAbove(table, found);
      const state: ReadState = { level1: '', level2: '' };
      const first = out.length;
      const before = { level1: sections.level1.length, level2: sections.level2.length, items: out.length };
      const end = readRows(ctx, flat ? unglued!.table : table, header, header.rowIndex + 1, state, out, sections) - (flat ? unglued!.added : 0);
      // Groups whose 一级 word the page printed lower than their first row (centred in a merged cell): which rows each
      // weight in a level name ("投入（20分）") covers is not certain, so those weights make no sections to check.
      if (out.length > before.items && out[before.items]!['level1'] === undefined && out.slice(before.items).some((x) => x['level1'] !== undefined)) {
        sections.level1.length = before.level1;
        sections.level2.length = before.level2;
      }
      fillLeadingLevels(out, first);
      readAny = true;
      open = end >= table.rows.length ? { header, state, lastLine: table.lastLine } : undefined;
      from = Math.max(from, end);
    }
    if (readAny) continue;
    // Only a page break's worth of lines between (blank lines, a running header or footer).
    if (open && table.firstLine - open.lastLine <= 4 && continues(table, open.header)) {
      const end = readRows(ctx, table, open.header, 0, open.state, out, sections);
      open = end < table.rows.length ? undefined : { ...open, lastLine: table.lastLine };
    } else open = undefined;
  }
  const first = out[0]?.['source'] as ReturnType<typeof sourceAt> | undefined;
  if (out.length && first) put(ctx, 'indicators', out, `${out.length} 个三级指标`, first);
  putSections(ctx, sections.level1.length ? sections.level1 : sections.level2);
}

/** A cell of a header row a narrow PDF column wrapped ("一级指" over "标"). */
const WRAPPED_HEADER_WORD = /指$|指标$|^一级|^三级/;

/**
 * The header from row `from` on; also one a narrow PDF column wrapped over two rows ("一级指" over "标"), read as the
 * two rows' cells joined.
 */
function headerOf(table: Table, from: number): HeaderMatch<Key> | undefined {
  const found = findHeader(table, COLUMNS, ['name'], from);
  const limit = Math.min(table.rows.length - 1, found ? found.rowIndex : table.rows.length - 1, from + 40);
  for (let r = from; r < limit; r++) {
    const a = table.rows[r]!.cells;
    const b = table.rows[r + 1]!.cells;
    if (!compactCells(a).some((x) => WRAPPED_HEADER_WORD.test(x))) continue;
    const joined = Array.from({ length: Math.max(a.length, b.length) }, (_, i) => `${a[i] ?? ''}${b[i] ?? ''}`);
    const one = findHeader({ ...table, rows: [{ ...table.rows[r + 1]!, cells: joined }] }, COLUMNS, ['name']);
    if (found && acceptHeader(found) && found.rowIndex <= r + 1) break;
    if (one && acceptHeader(one)) return { ...one, rowIndex: r + 1 };
  }
  return found;
}

/** Whether a table without a header of its own continues the indicator table above (rows of the same width). */
function continues(table: Table, header: HeaderMatch<Key>): boolean {
  const width = Object.values(header.columns).reduce((m, c) => Math.max(m, (c as number) + 1), 0);
  const first = table.rows.find((r) => r.cells.some((x) => x !== ''));
  if (!first) return false;
  const name = first.cells[header.columns.name!] ?? '';
  // Its first row is an indicator: a figure or a sign under the header's value columns, not a header of its own.
  const valueCols = VALUE_KEYS.filter((k) => k !== 'deviationReason').map((k) => header.columns[k]).filter((c): c is number => c !== undefined);
  if (!valueCols.some((c) => /\d|^[≥≤=＝﹦<>＜＞]$/.test(first.cells[c] ?? ''))) return false;
  return first.cells.length >= width - 1 && first.cells.length <= Math.max(width, header.cells.length) + 1 && name !== '' && !TOTAL_ROW.test(compactLabel(first.cells[0] ?? ''));
}

/** Reads the rows from `start` under a header into `out`; returns the index of the row after the table part. */
function readRows(
  ctx: ExtractContext,
  table: Table,
  header: HeaderMatch<Key>,
  start: number,
  state: ReadState,
  out: Record<string, unknown>[],
  sections: { level1: Section[]; level2: Section[] },
): number {
  const c = header.columns;
  const nameCol = c.name!;
  const firstCol = Math.min(...([c.level1, c.level2, nameCol].filter((x) => x !== undefined) as number[]));
  const headerFirst = compactLabel(header.cells[0] ?? '');
  const coefficientPercent = c.coefficient !== undefined && /%|％/.test(header.cells[c.coefficient] ?? '');
  const width = Math.max(header.cells.length, start > 0 ? (table.rows[header.rowIndex - 1]?.cells.length ?? 0) : 0);
  // Whether this table has 满意度指标 as a first level of its own; an older framework has it under 效益指标.
  const satisfactionIsLevel1 = c.level1 !== undefined && table.rows.some((row) => /^满意度指标/.test(compactLabel(row.cells[c.level1!] ?? '')));
  let r = start;
  for (; r < table.rows.length; r++) {
    const printed = table.rows[r]!;
    const lead = printed.cells.slice(0, nameCol + 1).map(compactLabel).find((x) => x !== '' && !isSequenceNumber(x)) ?? '';
    if (TOTAL_ROW.test(lead)) {
      totalRow(ctx, printed, c);
      r++;
      break;
    }
    // A row that lost the cells of merged columns on its left is read with its cells under their headers.
    const shift = indicatorRowShift(printed.cells, c, width);
    const row = shiftRow(printed, shift);
    // A lone cell that is no level word, left of the name column, with the table going on after it: a piece of a row
    // a copy split (a target on a line of its own, a second name whose values were merged above). It names no group
    // and is no indicator of certain shape; passed over.
    if (shift === 0 && isStrayCell(printed, nameCol) && continuesAt(table.rows[r + 1], c, width)) continue;
    const before = row.cells.slice(0, firstCol).filter((x) => x !== '' && !isSequenceNumber(x));
    // A filled cell left of the indicator columns that is neither the table's own label nor a row number (序号)
    // starts another part of the form — unless it is a figure: a row whose cells cannot be placed (a name that reads
    // as a figure, values without their name) is passed over, not taken for the end of the table.
    if (before.length && compactLabel(before[0]!) !== headerFirst && !isLabelPiece(before[0]!, headerFirst)) {
      if (isValueCell(compactLabel(before[0]!))) continue;
      break;
    }
    const next = table.rows[r + 1];
    const levels = levelCells(
      { level1: c.level1 !== undefined ? (row.cells[c.level1] ?? '') : undefined, level2: c.level2 !== undefined ? (row.cells[c.level2] ?? '') : undefined },
      { level1: c.level1 !== undefined ? next?.cells[c.level1] : undefined, level2: c.level2 !== undefined ? next?.cells[c.level2] : undefined },
      state,
    );
    const l1raw = levels.level1;
    let l2raw = levels.level2;
    // The blank form's numbering left in ("指标1：维修改造学校数量"), and its rows left unfilled ("……", "指标2：").
    let nameRaw = (row.cells[nameCol] ?? '').replace(TEMPLATE_NUMBER, '');
    // A 二级 word and the name a narrow column ran together with one space ("可持续影响指标 县域内就诊率"), the name's own
    // cell left empty: the two apart.
    const pair = nameRaw.trim() === '' ? LEVEL2_AND_NAME.exec(l2raw.trim()) : null;
    if (pair) {
      l2raw = pair[1]!;
      nameRaw = pair[2]!;
    }
    if (TEMPLATE_FILLER.test(nameRaw.trim())) continue;
    // A header repeated after a page break.
    if (/^(?:一级指标|二级指标|三级指标|指标名称|一级$|三级$)/.test(compactLabel(l1raw || nameRaw))) continue;
    // Figures without their name (a row a copy split over lines): no indicator, and no level either.
    if (nameRaw && (isBareFigure(nameRaw) || SIGN_CELL.test(compactLabel(nameRaw))) && !LEVEL1_WORD.test(compactLabel(l1raw)) && !LEVEL2_WORD.test(compactLabel(l2raw))) continue;
    const v = valuesOf(row, header, nameCol, width);
    const hasValues = Object.keys(v).length > 0;
    // A tree of indicators printed in one name column: a row naming a group (产出指标, 数量指标 …) with no target and no
    // actual of its own — its 分值 and 得分 are the group's subtotals — opens that group; it is no indicator.
    if (c.level1 === undefined && c.level2 === undefined && nameRaw && !v.target && !v.actual && groupRow(nameRaw, state)) continue;
    // A row of name pieces only, under an indicator that printed its values: the rest of cells a narrow column wrapped
    // (a PDF prints "群众出行满意" and, on the next line, "度").
    const startsGroup = LEVEL1_WORD.test(compactLabel(l1raw)) || LEVEL2_WORD.test(compactLabel(l2raw));
    if (!hasValues && nameRaw && state.last?.hadValues && !isSequenceNumber(nameRaw) && !startsGroup) {
      appendPieces(state.last.item, { level1: l1raw, level2: l2raw, name: nameRaw }, state);
      continue;
    }
    if (l1raw) {
      const s = splitWeight(l1raw);
      // A merged 一级 cell printed lower than its group's first rows, whose 二级 word already told the group: the group
      // goes on.
      if (!(state.level2 && sameLevel1(level1Of(state.level2) ?? '', s.name))) state.level2 = '';
      state.level1 = s.name;
      state.section2 = undefined;
      state.section1 = s.weight ? { name: s.name, weight: s.weight, line: row.cellLines[c.level1!] ?? row.lines[0]!, col: c.level1!, scores: [] } : undefined;
      if (state.section1) sections.level1.push(state.section1);
    }
    if (l2raw) {
      const s = splitWeight(l2raw);
      state.level2 = s.name;
      // A 二级 word of another group than the 一级 read last: a merged 一级 cell printed lower in its group (centred)
      // has not been met yet; the group is the one the 二级 word belongs to.
      const group = level1Of(s.name);
      if (!l1raw && group && state.level1 && !sameLevel1(group, state.level1) && (group !== '满意度指标' || satisfactionIsLevel1)) {
        state.level1 = group;
        state.section1 = undefined;
      }
      state.section2 = s.weight ? { name: s.name, weight: s.weight, line: row.cellLines[c.level2!] ?? row.lines[0]!, col: c.level2!, scores: [] } : undefined;
      if (state.section2) sections.level2.push(state.section2);
    }
    if (!nameRaw) continue;
    // A name and its target a narrow column ran together with one space ("计量器具强制检定合格率 ≥98%"), the target's own
    // cell left empty: the two apart.
    const glued = !v.target && c.target !== undefined ? GLUED_TARGET.exec(nameRaw.trim()) : null;
    if (glued) v.target = glued[2]!;
    const named = splitWeight(glued ? glued[1]! : nameRaw);
    const line = row.cellLines[nameCol] ?? row.lines[0]!;
    // The sign column (≥ ≤ =) when the form has one beside 指标性质 (定量/定性); else 指标性质 itself.
    const signText = v.sign?.trim() && DIRECTIONS[v.sign.replace(/\s/g, '')] ? v.sign.trim() : undefined;
    const directionText = signText ?? v.direction?.trim();
    const direction = (signText ? DIRECTIONS[signText.replace(/\s/g, '')] : undefined) ?? (v.direction ? DIRECTIONS[v.direction.replace(/\s/g, '')] : undefined);
    const targetText = v.adjustedTarget && !/^[-—/／]+$/.test(v.adjustedTarget) ? v.adjustedTarget : v.target;
    const target = targetText ? composeTarget(targetText, directionText, c.unitOfMeasure !== undefined ? v.unitOfMeasure : undefined) : undefined;
    const weight = v.weight && PLAIN_NUMBER.test(v.weight.trim()) ? v.weight.trim() : named.weight;
    const score = v.score && PLAIN_NUMBER.test(v.score.trim()) ? v.score.trim() : undefined;
    const coefficient = v.coefficient ? coefficientOf(v.coefficient, coefficientPercent) : undefined;
    const unitOfMeasure = v.unitOfMeasure && !/^[-—/／\\]+$/.test(v.unitOfMeasure.trim()) ? v.unitOfMeasure.trim() : undefined;
    // A merged 一级指标 cell lost with the rows above (a table continued after a page break, a copy that dropped it):
    // the group its 二级 word belongs to.
    const level1 = state.level1 || (state.level2 ? (level1Of(state.level2) ?? '') : '');
    const source = sourceAt(ctx, line, nameCol - shift, [level1, state.level2, named.name, target ?? ''].filter(Boolean).join(' | '));
    state.section1?.scores.push(score);
    state.section2?.scores.push(score);
    const item: Record<string, unknown> = {
      ...(level1 ? { level1 } : {}),
      ...(state.level2 ? { level2: state.level2 } : {}),
      name: named.name,
      ...(target ? { target } : {}),
      ...(v.multiYearTarget ? { multiYearTarget: v.multiYearTarget } : {}),
      ...(v.actual ? { actual: v.actual } : {}),
      ...(unitOfMeasure ? { unitOfMeasure } : {}),
      ...(direction ? { direction } : {}),
      ...(weight ? { weight } : {}),
      ...(coefficient ? { coefficient } : {}),
      ...(score ? { score } : {}),
      ...(v.deviationReason ? { deviationReason: v.deviationReason } : {}),
      source,
    };
    out.push(item);
    state.last = { item, hadValues: hasValues };
  }
  return r;
}

/**
 * A group's row of an indicator tree (one name column; the groups as rows of their own): a first-level word opens a
 * first-level group, a second-level word a group within it (and moves the first level on when it belongs to another).
 * 成本指标 and 满意度指标 are words of both levels: a second level within the group they belong to, else a first.
 */
function groupRow(nameRaw: string, state: ReadState): boolean {
  const name = splitWeight(nameRaw.trim()).name;
  const w = compactLabel(name);
  const one = LEVEL1_WORD.test(w);
  const two = LEVEL2_WORD.test(w);
  if (!one && !two) return false;
  const group = level1Of(w);
  if (one && (!two || !state.level1 || !group || !sameLevel1(group, state.level1))) {
    state.level1 = name;
    state.level2 = '';
  } else {
    state.level2 = name;
    if (group && !sameLevel1(group, state.level1)) state.level1 = group;
  }
  state.section1 = undefined;
  state.section2 = undefined;
  delete state.last;
  return true;
}

/**
 * The first rows of a table whose merged 一级 and 二级 cells the page printed centred lower in their group: they have
 * no level of their own, and take those of the first row that has them (the group they open).
 */
export function fillLeadingLevels(items: Record<string, unknown>[], from: number): void {
  let k = from;
  while (k < items.length && items[k]!['level1'] === undefined && items[k]!['level2'] === undefined) k++;
  const first = items[k];
  if (k === from || !first || first['level2'] === undefined) return;
  for (let i = from; i < k; i++) {
    const { source, ...rest } = items[i]!;
    items[i] = { ...(first['level1'] !== undefined ? { level1: first['level1'] } : {}), level2: first['level2'], ...rest, source };
  }
}

/** A row with one filled cell, left of the name column, that is no level word, no row number and no closing label. */
export function isStrayCell(row: Row, nameCol: number): boolean {
  const filled = row.cells.map((x, i) => ({ x: compactLabel(x), i })).filter((y) => y.x !== '');
  if (filled.length !== 1) return false;
  const { x, i } = filled[0]!;
  return i < nameCol && !LEVEL1_WORD.test(x) && !LEVEL2_WORD.test(x) && !isSequenceNumber(x) && !END_OF_TABLE.test(x) && !/[：:]/.test(x);
}

/** Whether a row reads as an indicator row of the table: it starts with a level word, or its cells place with certainty. */
function continuesAt(row: Row | undefined, c: IndicatorColumns, width: number): boolean {
  const first = row?.cells.map(compactLabel).find((x) => x !== '' && !isSequenceNumber(x));
  if (!row || !first) return false;
  return LEVEL1_WORD.test(first) || LEVEL2_WORD.test(first) || indicatorRowShift(row.cells, c, width) !== 0;
}

/** The row with `shift` empty cells put before it (their locations those of the row's first line); negative: dropped. */
export function shiftRow(row: Row, shift: number): Row {
  if (shift < 0) return { ...row, cells: row.cells.slice(-shift), cellLines: row.cellLines.slice(-shift), pieces: row.pieces.slice(-shift) };
  if (shift === 0) return row;
  return {
    ...row,
    cells: [...Array<string>(shift).fill(''), ...row.cells],
    cellLines: [...Array<number>(shift).fill(row.lines[0]!), ...row.cellLines],
    pieces: [...Array.from({ length: shift }, () => []), ...row.pieces],
  };
}

/** Joins wrapped pieces of the level and name cells to the indicator above (and to the levels carried on). */
function appendPieces(item: Record<string, unknown>, pieces: { level1: string; level2: string; name: string }, state: ReadState): void {
  for (const k of ['level1', 'level2', 'name'] as const) {
    const piece = pieces[k];
    if (!piece || item[k] === undefined) continue;
    item[k] = `${item[k] as string}${piece}`;
    if (k !== 'name') state[k] = item[k] as string;
  }
}

/**
 * The values of a row under their header columns. Only a row wider than its header (one extra empty cell that an
 * export put in) is read in order instead of by position: a wide form with an empty column (调整指标值) must not
 * slide its values left.
 */
function valuesOf(row: Row, header: HeaderMatch<Key>, nameCol: number, width: number): Partial<Record<Key, string>> {
  if (row.cells.length > width) return alignValues(row, header, VALUE_KEYS, nameCol);
  const out: Partial<Record<Key, string>> = {};
  for (const k of VALUE_KEYS) {
    const col = header.columns[k];
    const v = col !== undefined ? (row.cells[col] ?? '') : '';
    if (v) out[k] = v;
  }
  return out;
}

/** A 合计/总分 row: its 得分 is the self-score total, its 分值 the maximum (figures under their columns, else in order). */
function totalRow(ctx: ExtractContext, row: Row, c: Partial<Record<Key, number>>): void {
  // A 合计 row before this document's own title is the previous form's (subject.ts, documentStart).
  if (row.lines[0]! < documentStart(ctx.seg)) return;
  const at = (col: number | undefined) => (col !== undefined ? (row.cells[col] ?? '').trim() : '');
  const nums = row.cells.map((x) => x.trim()).filter((x) => PLAIN_NUMBER.test(x));
  let total: string | undefined;
  let max: string | undefined;
  if (PLAIN_NUMBER.test(at(c.score))) {
    total = at(c.score);
    max = PLAIN_NUMBER.test(at(c.weight)) ? at(c.weight) : undefined;
  } else if (nums.length >= 2) {
    // Merged cells moved the figures: in order, the maximum (分值) then the total (得分).
    max = nums[0];
    total = nums[nums.length - 1];
  } else if (nums.length === 1) {
    if (PLAIN_NUMBER.test(at(c.weight))) max = nums[0];
    else total = nums[0];
  }
  // A 合计 of the indicators worth less than the whole (90 of 100, the execution score counted apart) is their
  // subtotal, not the self-score; 总分 is always the whole.
  const label = row.cells.map(compactLabel).find((x) => x !== '') ?? '';
  if (max !== undefined && /^(?:合计|小计|得分合计|分值合计)$/.test(label) && Number(max) < 100) return;
  const src = sourceAt(ctx, row.lines[0]!, undefined, row.cells.filter(Boolean).join(' | '));
  if (total !== undefined) put(ctx, 'selfScores.total', total, total, src);
  if (max !== undefined) put(ctx, 'selfScores.max', max, max, src);
}

/** Weighted sections as self-score items: the weight from the name, the score the sum of its indicators' scores. */
function putSections(ctx: ExtractContext, sections: readonly Section[]): void {
  const items = sections.flatMap((s) => {
    if (!s.scores.length || s.scores.some((x) => x === undefined)) return [];
    const total = s.scores.reduce<Exact>((acc, x) => add(acc, parseExact(x!) ?? ZERO), ZERO);
    const score = toPlainString(total);
    return [{ item: s.name, score, weight: s.weight, source: sourceAt(ctx, s.line, s.col, `${s.name}（${s.weight}）：各指标得分合计 ${score}`) }];
  });
  if (!items.length) return;
  put(ctx, 'selfScores.items', items, `${items.length} 个分项（权重印在名称中）`, items[0]!.source);
}
