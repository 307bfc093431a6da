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
import type { Row, Table } from '../segment.ts';
import { type ExtractContext, put, sourceAt } from './context.ts';
import { type ColumnSpec, type HeaderMatch, alignValues, findHeader, isSequenceNumber } from './table-columns.ts';

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
  { key: 'level1', re: /^一级(?:指标)?(?:名称)?$/ },
  { key: 'level2', re: /^二级(?:指标)?(?:名称)?$/ },
  { key: 'name', re: /^三级(?:指标)?(?:名称)?$|^(?:绩效)?指标名称$|^(?:具体|三级)?指标内容$/ },
  { key: 'multiYearTarget', re: /实施周期指标值|中长期指标值|实施期指标值/ },
  { key: 'adjustedTarget', re: new RegExp(`^(?:全年)?[（(]?调整[)）]?(?:后)?(?:的)?指标值${U}$|^调整后目标值${U}$`) },
  {
    key: 'actual',
    re: new RegExp(`实际完成值|^完成值${U}$|^实际值${U}$|^指标完成(?:情况|值)$|^(?:实际)?完成情况$|全年实际值|^全年(?:实际)?完成值${U}$|^(?:年度)?实际完成${U}$|^完成指标值${U}$`),
  },
  {
    key: 'target',
    re: new RegExp(`年度指标值|^指标值${U}$|^目标值${U}$|年度目标值|^年度指标$|^年度(?:绩效)?目标$|^年初指标值${U}$|^(?:预期|计划|绩效)(?:指标|目标)值${U}$|^年度绩效指标值${U}$`),
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
  定性: 'qualitative',
  定性指标: 'qualitative',
  正向: 'gte',
  正向指标: 'gte',
  反向: 'lte',
  反向指标: 'lte',
};

/** The sign a reviewer writes for a printed direction (full-width and small forms folded). */
const SIGN_OF: Readonly<Record<string, string>> = { '≥': '≥', '>=': '≥', '≧': '≥', '＞': '>', '>': '>', '≤': '≤', '<=': '≤', '≦': '≤', '＜': '<', '<': '<', '=': '=', '＝': '=', '﹦': '=', '==': '=' };

const COMPARATOR_START = /^(?:≥|≤|>=|<=|＞|＜|>|<|=|＝|﹦|≧|≦|不低于|不少于|不高于|不超过|大于|小于|高于|低于|至少)/;

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

/** A weight printed inside a name: "预算执行（30）", "产出指标(40分)", "效益指标（权重30%）" → name and weight. */
export function splitWeight(text: string): { name: string; weight?: string } {
  const m = /^(.+?)\s*[（(]\s*(?:权重|分值)?[:：]?\s*(\d{1,3}(?:\.\d{1,2})?)\s*(?:分|%|％)?\s*[)）]$/.exec(text.trim());
  return m ? { name: m[1]!.trim(), weight: m[2]! } : { name: text };
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
const TOTAL_ROW = /^(?:合计|总计|总分|得分合计|分值合计|自评(?:总)?得分|自评总分|综合得分|评价得分)/;

/** A scorecard (评分表) has 一级/二级/三级 too, but scores a rubric, not the department's own indicators. */
const SCORECARD_WORDS = /评分标准|评分要点|评分细则|指标解释|评分办法|计分方法|评价标准/;

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
}

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
      if (table.rows.slice(0, found.rowIndex + 3).some((r) => r.cells.some((x) => SCORECARD_WORDS.test(x)))) continue;
      const header = withRowAbove(table, found);
      const state: ReadState = { level1: '', level2: '' };
      const end = readRows(ctx, table, header, header.rowIndex + 1, state, out, sections);
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
    if (!a.some((x) => /指$|指标$|^一级|^三级/.test(compactLabel(x)))) continue;
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
  let r = start;
  for (; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    const lead = row.cells.slice(0, nameCol + 1).map(compactLabel).find((x) => x !== '' && !isSequenceNumber(x)) ?? '';
    if (TOTAL_ROW.test(lead)) {
      totalRow(ctx, row, c);
      r++;
      break;
    }
    const before = row.cells.slice(0, firstCol).filter((x) => x !== '' && !isSequenceNumber(x));
    // A filled cell left of the indicator columns that is neither the table's own label nor a row number (序号)
    // starts another part of the form.
    if (before.length && compactLabel(before[0]!) !== headerFirst) break;
    const l1raw = c.level1 !== undefined ? (row.cells[c.level1] ?? '') : '';
    const l2raw = c.level2 !== undefined ? (row.cells[c.level2] ?? '') : '';
    const nameRaw = row.cells[nameCol] ?? '';
    // A header repeated after a page break.
    if (/^(?:一级指标|二级指标|三级指标|指标名称|一级$|三级$)/.test(compactLabel(l1raw || nameRaw))) continue;
    const v = valuesOf(row, header, nameCol, width);
    const hasValues = Object.keys(v).length > 0;
    // A row of name pieces only, under an indicator that printed its values: the rest of cells a narrow column wrapped
    // (a PDF prints "群众出行满意" and, on the next line, "度").
    if (!hasValues && nameRaw && state.last?.hadValues && !isSequenceNumber(nameRaw)) {
      appendPieces(state.last.item, { level1: l1raw, level2: l2raw, name: nameRaw }, state);
      continue;
    }
    if (l1raw) {
      const s = splitWeight(l1raw);
      state.level1 = s.name;
      state.level2 = '';
      state.section2 = undefined;
      state.section1 = s.weight ? { name: s.name, weight: s.weight, line: row.cellLines[c.level1!] ?? row.lines[0]!, col: c.level1!, scores: [] } : undefined;
      if (state.section1) sections.level1.push(state.section1);
    }
    if (l2raw) {
      const s = splitWeight(l2raw);
      state.level2 = s.name;
      state.section2 = s.weight ? { name: s.name, weight: s.weight, line: row.cellLines[c.level2!] ?? row.lines[0]!, col: c.level2!, scores: [] } : undefined;
      if (state.section2) sections.level2.push(state.section2);
    }
    if (!nameRaw) continue;
    const named = splitWeight(nameRaw);
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
    const source = sourceAt(ctx, line, nameCol, [state.level1, state.level2, named.name, target ?? ''].filter(Boolean).join(' | '));
    state.section1?.scores.push(score);
    state.section2?.scores.push(score);
    const item: Record<string, unknown> = {
      ...(state.level1 ? { level1: state.level1 } : {}),
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
