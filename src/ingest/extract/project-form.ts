/**
 * The national project self-evaluation form (项目支出绩效自评表, the form attached to 财预〔2020〕10号) and the
 * provincial forms that follow it: 项目名称 / 主管部门 / 实施单位; the 项目资金 block (rows 年度资金总额 / 其中：当年财政拨款 /
 * 上年结转资金 / 其他资金 × columns 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, in any order, some
 * missing); 年度总体目标 (预期目标 | 实际完成情况); the three-level indicator table (一级 | 二级 | 三级 | 年度指标值 |
 * 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, or the system-export variant with 指标性质 | 指标值 | 度量单位); 总分 and
 * 自评等级. Everything is found by header and label words, never by position alone.
 *
 * Runs only for a layout whose subject is a project (`layoutById(kind).subject`). What it finds goes under `project`;
 * the department is the 主管部门. Figures the general extractors read from the same tables as the department's
 * (a department budget, indicator table or score total of a document that is a project form) are moved into the
 * project, so that nothing is counted twice.
 */
import { HUNDRED, abs, add, decimalsOf, div, gt, isZero, lt, mul, parseExact, sub, toFixed } from '../../core/exact.ts';
import { layoutById } from '../../core/layouts/index.ts';
import type { Source } from '../../core/model/money.ts';
import { compactLabel } from '../../core/text/normalize.ts';
import { type Line, type Row, type Table, isValueCell, rowsOnward } from '../segment.ts';
import { type ExtractContext, cellNumber, cellPercent, getPath, put, putMoney, putPrinted, sourceAt, unitFromNotes } from './context.ts';
import { LEVEL1_WORD as NATIONAL_LEVEL1, LEVEL2_WORD as NATIONAL_LEVEL2, TEMPLATE_FILLER, TEMPLATE_NUMBER, composeTarget, indicatorRowShift, isBareFigure, fillLeadingLevels, isStrayCell, isLabelPiece, level1Of, levelCells, sameLevel1, withUngluedHeader } from './indicators.ts';
import { documentStart } from './subject.ts';
import { type ColumnSpec, alignValues, findHeader, isSequenceNumber } from './table-columns.ts';

type Unit = '元' | '万元';

/** A value label in a cell: "项目名称", "项目名称：X" (the value then in the same cell). */
const LABELS: readonly (readonly [RegExp, string])[] = [
  [/^(?:项目名称|项目全称)$/, 'project.name'],
  [/^(?:主管部门|项目主管部门|主管单位|主管部门名称)(?:[（(](?:公章|盖章)[）)])?$/, 'project.department'],
  [/^(?:实施单位|项目实施单位|项目承担单位|承担单位)(?:[（(](?:公章|盖章)[）)])?$/, 'project.implementingUnit'],
];

/** Words that are labels of the form, never the value of another label. */
const FORM_WORD = /^(?:项目名称|主管部门|项目主管部门|实施单位|项目实施单位|项目资金|年度总体目标|绩效指标|预期目标|实际完成情况|一级指标)/;

// ── 项目资金 ──────────────────────────────────────────────────────────────────────────────────────────────────

type FundKey = 'initialBudget' | 'adjustedBudget' | 'actualSpending' | 'weight' | 'rate' | 'score';

/** Header words of the funds block, tested on the compacted cell with any "（万元）" removed. The first match wins. */
const FUND_COLUMNS: readonly ColumnSpec<FundKey>[] = [
  { key: 'initialBudget', re: /^年初(?:预算|安排)(?:数|金额)?$/ },
  { key: 'adjustedBudget', re: /^(?:全年(?:调整)?预算(?:数)?|全年[（(]调整[）)]预算数|调整后预算(?:数)?|调整预算(?:数)?)$/ },
  { key: 'actualSpending', re: /^(?:全年执行数|全年实际(?:执行|支出)数|(?:预算)?执行数|实际支出(?:数)?|实际执行数)$/ },
  { key: 'weight', re: /^(?:分值|权重|执行率分值|执行率权重)$/ },
  { key: 'rate', re: /^(?:执行率|预算执行率|全年执行率)$/ },
  { key: 'score', re: /^(?:得分|执行率得分)$/ },
];

type FundRowKey = 'total' | 'currentYear' | 'carriedOver' | 'other';

const FUND_ROWS: readonly (readonly [RegExp, FundRowKey])[] = [
  [/^(?:年度资金总额|资金总额|总额|合计)$/, 'total'],
  [/^(?:其中[：:]?)?(?:当年财政拨款|本年财政拨款|当年财政资金|财政资金|财政拨款)$/, 'currentYear'],
  [/^(?:其中[：:]?)?(?:上年结转资金|上年结转|上年结转结余资金)$/, 'carriedOver'],
  // The later national form's other sources (财政专户管理资金, 单位资金) are 其他资金 of the model: outside the year's
  // appropriation and the carry-over. Two of them printed are added up (putFundRow).
  [/^(?:其中[：:]?)?(?:其他资金|其他来源资金|财政专户管理资金|单位资金|自有资金|社会(?:投入)?资金)$/, 'other'],
];

const UNIT_IN_LABEL = /[（(]\s*(?:单位[：:])?\s*(万元|元)\s*[）)]/;

/**
 * A header cell without its unit or its column letter or formula: "全年预算数（万元）", "全年执行数（B）", "执行率（B/A）",
 * "预算执行率(B/A×100%)".
 */
const headerWord = (cell: string): string => compactLabel(cell).replace(UNIT_IN_LABEL, '').replace(/[（(][A-Za-z][A-Za-z/÷×*+\-－\d.%％]*[）)]$/, '');

/**
 * The unit the funds header states ("项目资金（万元）", "年初预算数（元）") — or the row above it, where a web copy put the
 * merged "项目资金（元）" cell at the end of the line before — then the table's notes, then 万元.
 */
function fundsUnit(ctx: ExtractContext, table: Table, header: Row, above?: Row): Unit {
  for (const c of header.cells) {
    const m = UNIT_IN_LABEL.exec(c.replace(/\s/g, ''));
    if (m) return m[1] as Unit;
  }
  const last = above?.cells.filter((c) => c.trim() !== '').at(-1)?.replace(/\s/g, '');
  const m = last && /^项目资金/.test(last) ? UNIT_IN_LABEL.exec(last) : undefined;
  if (m) return m[1] as Unit;
  return unitFromNotes(table.unitNotes) ?? unitBeside(table, header) ?? unitAbove(ctx, header.lines[0]!) ?? '万元';
}

/**
 * The unit of the merged "项目资金（元）" label beside the fund rows, which a text laid out with spaces prints over two
 * rows' first cells ("项目资金" ⏎ "（元）").
 */
function unitBeside(table: Table, header: Row): Unit | undefined {
  const at = table.rows.indexOf(header);
  for (const row of table.rows.slice(at + 1, at + 4)) {
    const m = /^(?:项目资金)?[（(](万元|元)[）)]/.exec((row.cells[0] ?? '').replace(/\s/g, ''));
    if (m) return m[1] as Unit;
  }
  return undefined;
}

/**
 * The unit the lines above a funds header state, where a web copy put the merged "项目资金（元）" cell one word a line
 * ("项目资金" ⏎ "（元）" ⏎ "资金来源"), or the form its "单位：元" above the first of its tables: the nearest such line
 * within a few lines above, else the form's unit line before it.
 */
function unitAbove(ctx: ExtractContext, line: number): Unit | undefined {
  const lines = ctx.seg.lines;
  for (let k = line - 1; k >= 0; k--) {
    const text = lines[k]!.cells.join('').replace(/\s/g, '');
    if (line - k <= 6) {
      const mark = /^(?:项目资金)?[（(](万元|元)[）)]$/.exec(text);
      if (mark) return mark[1] as Unit;
    }
    const note = /^(?:金额)?单位[：:](万元|元)$/.exec(text);
    if (note) return note[1] as Unit;
  }
  return undefined;
}

/** Whether a row's cells name the funds block's columns: an amount spent and a budget. */
function fundsHeader(table: Table, from = 0): { rowIndex: number; columns: Partial<Record<FundKey, number>> } | undefined {
  for (let r = from; r < table.rows.length; r++) {
    const cells = table.rows[r]!.cells.map(headerWord);
    const columns: Partial<Record<FundKey, number>> = {};
    const taken = new Set<number>();
    for (const spec of FUND_COLUMNS) {
      const col = cells.findIndex((c, i) => !taken.has(i) && c !== '' && spec.re.test(c));
      if (col >= 0) {
        columns[spec.key] = col;
        taken.add(col);
      }
    }
    if (columns.actualSpending !== undefined && (columns.adjustedBudget !== undefined || columns.initialBudget !== undefined)) return { rowIndex: r, columns };
  }
  return undefined;
}

const isDash = (s: string) => /^[-—–─/／\\]+$|^无$|^不适用$/.test(s.replace(/\s/g, ''));

/** A score or weight cell: "10", "9.5", "10分". */
function scoreNumber(text: string): string | undefined {
  const t = text.replace(/\s/g, '').replace(/分$/, '');
  return /^\d{1,3}(?:\.\d{1,4})?$/.test(t) ? t : undefined;
}

function extractFunds(ctx: ExtractContext): boolean {
  return extractFundsFromTables(ctx) || extractFundsFromStream(ctx);
}

const MONEY_KEYS = ['initialBudget', 'adjustedBudget', 'actualSpending'] as const;

/** A figure of the funds block as it may stand in one of its columns; undefined when it cannot. */
function figureFor(key: FundKey, text: string, isPositional: boolean): string | undefined {
  const t = text.replace(/\s/g, '');
  if (key === 'rate') {
    const p = cellPercent(t);
    if (p) return p;
    // A bare number under 执行率 ("0") only where every column holds its own cell.
    return isPositional && /^\d{1,3}(?:\.\d+)?$/.test(t) ? `${t}%` : undefined;
  }
  if (/%|％/.test(t)) return undefined;
  return key === 'weight' || key === 'score' ? scoreNumber(t) : cellNumber(t);
}

/**
 * Whether a printed 执行率 agrees with 执行数 ÷ 预算数 (the 全年预算数 where the form has that column, else 年初预算数):
 * within one unit of the rate's last printed digit, so that a rate rounded or cut off either way agrees. Undefined
 * when it cannot be told (a figure missing, a zero budget).
 */
function rateAgrees(v: Partial<Record<FundKey, string>>, keys: readonly FundKey[]): boolean | undefined {
  const budgetKey = keys.includes('adjustedBudget') ? 'adjustedBudget' : 'initialBudget';
  const budget = v[budgetKey] !== undefined ? parseExact(v[budgetKey]!) : undefined;
  const spent = v.actualSpending !== undefined ? parseExact(v.actualSpending) : undefined;
  const printedText = v.rate?.replace(/%$/, '');
  const printed = printedText !== undefined ? parseExact(printedText) : undefined;
  if (!budget || !spent || !printed || isZero(budget)) return undefined;
  const computed = div(mul(spent, HUNDRED), budget)!;
  const unit = { n: 1n, d: 10n ** BigInt(decimalsOf(printedText!)) };
  return lt(abs(sub(computed, printed)), unit);
}

/**
 * The figures of one 项目资金 row under the header's columns (`keys`, in their printed order), or undefined when their
 * places are not certain. As many figures as columns: each in its column; fewer (a text or web copy dropped the
 * empty cells): every way of leaving columns empty is tried, and the figures are taken only when exactly one way
 * puts amounts under amounts, a percentage under 执行率, scores under 分值/得分, and its 执行率 agrees with 执行数 ÷
 * 预算数 — so that 分值 is never read as 执行数. Where several ways hold, only the figures they all put in the same
 * column are taken (the amounts and the rate, say, when a lone 10 may be 分值 or 得分), and only when these include
 * 执行数 and a budget. Dashes ("—", "/") stand for an empty cell.
 */
export function placeFundFigures(keys: readonly FundKey[], values: readonly string[]): Partial<Record<FundKey, string>> | undefined {
  const n = values.length;
  const m = keys.length;
  if (n === 0 || n > m) return undefined;
  const read = (cols: readonly number[], isPositional: boolean): Partial<Record<FundKey, string>> | undefined => {
    const out: Partial<Record<FundKey, string>> = {};
    for (let i = 0; i < n; i++) {
      const text = values[i]!;
      if (isDash(text)) continue;
      const key = keys[cols[i]!]!;
      const v = figureFor(key, text, isPositional);
      if (v === undefined) return undefined;
      out[key] = v;
    }
    return out;
  };
  if (n === m) {
    const v = read(keys.map((_, i) => i), true);
    return v && rateAgrees(v, keys) !== false ? v : undefined;
  }
  const found: Partial<Record<FundKey, string>>[] = [];
  for (const cols of combinations(m, n)) {
    const v = read(cols, false);
    if (!v || rateAgrees(v, keys) !== true) continue;
    const w = v.weight !== undefined ? parseExact(v.weight) : undefined;
    const s = v.score !== undefined ? parseExact(v.score) : undefined;
    if (w && s && gt(s, w)) continue;
    found.push(v);
  }
  // What every consistent reading puts in the same column is certain; a figure they place differently (a 10 that is
  // 分值 in one and 得分 in another) is left out.
  const [first, ...rest] = found;
  if (!first) return undefined;
  const certain = Object.fromEntries(Object.entries(first).filter(([k, x]) => rest.every((f) => f[k as FundKey] === x))) as Partial<Record<FundKey, string>>;
  return certain.actualSpending !== undefined && (certain.adjustedBudget !== undefined || certain.initialBudget !== undefined) ? certain : undefined;
}

/** Every increasing choice of `k` of the indices 0…n−1. */
function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (from: number, chosen: number[]) => {
    if (chosen.length === k) {
      out.push([...chosen]);
      return;
    }
    for (let i = from; i <= n - (k - chosen.length); i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return out;
}

/** Puts one row's placed figures under `project.funds.<row>`. */
/** The label each of a document's other-funds figures was read under, for the sum of two such rows. */
const OTHER_LABELS = new WeakMap<ExtractContext, Map<string, string>>();

function putFundRow(ctx: ExtractContext, row: FundRowKey, v: Partial<Record<FundKey, string>>, unit: Unit, src: (k: FundKey) => Source, label = ''): boolean {
  const base = `project.funds.${row}`;
  let found = false;
  let labels = OTHER_LABELS.get(ctx);
  if (!labels) OTHER_LABELS.set(ctx, (labels = new Map()));
  for (const k of MONEY_KEYS) {
    if (v[k] === undefined) continue;
    const path = `${base}.${k}`;
    const before = row === 'other' ? (getPath(ctx.draft, path) as { value: string; unit: Unit; source: Source; derivedFrom?: { inputs: { label: string; value: string; unit: Unit }[] } } | undefined) : undefined;
    if (before && before.unit === unit) {
      // A second source of other funds (单位资金 after 财政专户管理资金): the model's 其他资金 is their sum, and says so.
      const sum = add(parseExact(before.value)!, parseExact(v[k]!)!);
      const value = toFixed(sum, Math.max(decimalsOf(before.value), decimalsOf(v[k]!)));
      const inputs = [...(before.derivedFrom?.inputs ?? [{ label: labels.get(path) ?? '其他资金', value: before.value, unit }]), { label: label || '其他资金', value: v[k]!, unit }];
      put(ctx, path, { value, unit, source: before.source, derivedFrom: { formula: inputs.map((x) => x.label).join(' + '), inputs } }, `${value} ${unit}`, src(k), true);
      found = true;
      continue;
    }
    if (putMoney(ctx, path, { value: v[k]!, unit }, src(k))) {
      if (row === 'other' && label) labels.set(path, label);
      found = true;
    }
  }
  for (const k of ['weight', 'score'] as const) if (v[k] !== undefined) put(ctx, `${base}.${k}`, v[k]!, v[k]!, src(k));
  if (v.rate !== undefined) putPrinted(ctx, `${base}.printed.executionRate`, v.rate, src('rate'));
  return found;
}

interface Token {
  readonly text: string;
  readonly line: number;
  readonly col?: number;
}

/** A line's pieces: a row's filled cells, a text line's words (a DOCX or XLSX text dump separates its cells by spaces). */
function tokensOf(line: Line): Token[] {
  if (line.kind === 'row') return line.cells.flatMap((c, col) => (c.trim() ? [{ text: c.trim(), line: line.index, col }] : []));
  if (line.kind !== 'text') return [];
  return line.cells[0]!.split(/\s+/).filter(Boolean).map((text) => ({ text, line: line.index }));
}

const fundRowOf = (text: string): FundRowKey | undefined => FUND_ROWS.find(([re]) => re.test(compactLabel(text)))?.[1];
const fundColumnOf = (text: string): FundKey | undefined => {
  const w = headerWord(text);
  return w ? FUND_COLUMNS.find((x) => x.re.test(w))?.key : undefined;
};
const isFigure = (text: string) => cellNumber(text) !== undefined || cellPercent(text) !== undefined || isDash(text) || scoreNumber(text) !== undefined;

/**
 * The funds block read as a stream of cells or words, where the table's grid is lost: a form flattened onto one line
 * with spaces (a DOCX or XLSX text dump: "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0
 * 0 10 0 0 其中:本年财政拨款 …"), a PDF-to-text header line with its rows below, a web copy whose row label stands on
 * one line and its figures on the next, or at the end of the line above. The header is a run of column words (any
 * subset, in the order printed); each row label is followed by its figures; a row is taken only when its figures fit
 * the columns with certainty (placeFundFigures).
 */
function extractFundsFromStream(ctx: ExtractContext): boolean {
  const lines = ctx.seg.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const words = line.kind === 'text' ? line.cells[0]!.split(/\s+/) : line.kind === 'row' ? line.cells : [];
    // One header word is enough to look: a web table flattened one cell per line prints each on a line of its own.
    if (!words.some((w) => fundColumnOf(w) !== undefined)) continue;
    // The stream: the line above (a unit printed at its end), this line, and the lines below while the block lasts.
    const tokens: Token[] = [];
    for (let j = Math.max(0, i - 1); j < Math.min(lines.length, i + 40); j++) tokens.push(...tokensOf(lines[j]!));
    let found = false;
    for (let t = 0; t < tokens.length; t++) {
      if (tokens[t]!.line < i) continue;
      const keys: FundKey[] = [];
      let u = t;
      for (; u < tokens.length; u++) {
        const k = fundColumnOf(tokens[u]!.text);
        if (k === undefined || keys.includes(k)) break;
        keys.push(k);
      }
      if (!keys.includes('actualSpending') || !(keys.includes('adjustedBudget') || keys.includes('initialBudget'))) continue;
      const unit = streamUnit(tokens, t, u) ?? '万元';
      // A last column for the reason of a low rate (原因, 偏差原因说明) holds words, not figures.
      const hasReason = u < tokens.length && REASON_COLUMN.test(compactLabel(tokens[u]!.text));
      found = readFundRows(ctx, tokens, hasReason ? u + 1 : u, keys, unit, hasReason);
      if (found) return true;
      t = u - 1;
    }
  }
  return false;
}

/** The unit a funds header states: in a header word, or in the cells just before it ("项目资金 (元)", "(万元)"). */
function streamUnit(tokens: readonly Token[], start: number, end: number): Unit | undefined {
  for (let k = Math.max(0, start - 3); k < end; k++) {
    const m = UNIT_IN_LABEL.exec(tokens[k]!.text.replace(/\s/g, ''));
    if (m) return m[1] as Unit;
  }
  return undefined;
}

/** Reads the rows after a header in a stream: a row label, then its figures up to the next label; anything else ends the block. */
const REASON_COLUMN = /^(?:原因|原因说明|偏差原因.{0,12}|未完成原因.{0,12}|情况说明|备注)$/;

function readFundRows(ctx: ExtractContext, tokens: readonly Token[], from: number, keys: readonly FundKey[], unit: Unit, hasReason = false): boolean {
  let found = false;
  let t = from;
  while (t < tokens.length) {
    const label = tokens[t]!;
    const row = fundRowOf(label.text);
    if (!row) break;
    let e = t + 1;
    while (e < tokens.length && isFigure(tokens[e]!.text) && !fundRowOf(tokens[e]!.text)) e++;
    const figures = tokens.slice(t + 1, e);
    const v = placeFundFigures(keys, figures.map((x) => x.text));
    if (v) {
      const text = `${label.text} ${figures.map((x) => x.text).join(' ')}`;
      const first = figures[0]!;
      if (putFundRow(ctx, row, v, unit, () => sourceAt(ctx, first.line, first.col, text))) found = true;
    }
    t = e;
    // The reason written in the row's last cell, before the next row's label.
    if (hasReason && t + 1 < tokens.length && !fundRowOf(tokens[t]!.text) && !isFigure(tokens[t]!.text) && fundRowOf(tokens[t + 1]!.text)) t++;
  }
  return found;
}

/** How many of the header's value columns, moved by `shift`, hold a figure (an amount, a rate, a score or a dash) in the row. */
function figuresUnder(row: Row, cols: Partial<Record<FundKey, number>>, shift: number): number {
  let n = 0;
  for (const c of Object.values(cols)) {
    if (c === undefined || c + shift < 0) continue;
    const text = (row.cells[c + shift] ?? '').trim();
    if (text && (cellNumber(text) !== undefined || cellPercent(text) || isDash(text))) n++;
  }
  return n;
}

function extractFundsFromTables(ctx: ExtractContext): boolean {
  let found = false;
  // The form's own funds block before a smaller table of the report around it (支出内容 | 全年预算数 | 全年执行数): the
  // header naming more of the block's columns first, in reading order among equals.
  const candidates: { table: Table; header: NonNullable<ReturnType<typeof fundsHeader>> }[] = [];
  for (const table of ctx.seg.tables) {
    for (let h = fundsHeader(table); h; h = fundsHeader(table, h.rowIndex + 1)) candidates.push({ table, header: h });
  }
  candidates.sort((a, b) => Object.keys(b.header.columns).length - Object.keys(a.header.columns).length);
  for (const { table, header } of candidates) {
    const headerRow = table.rows[header.rowIndex]!;
    const unit = fundsUnit(ctx, table, headerRow, table.rows[header.rowIndex - 1]);
    const cols = header.columns;
    const valueCols = Object.values(cols).filter((x): x is number => x !== undefined);
    const firstValueCol = Math.min(...valueCols);
    const keysInOrder = (Object.keys(cols) as FundKey[]).sort((a, b) => cols[a]! - cols[b]!);
    for (const row of rowsOnward(ctx.seg, table, table.rows.slice(header.rowIndex + 1), headerRow).slice(0, 11)) {
      const labelCol = row.cells.findIndex((c) => FUND_ROWS.some(([re]) => re.test(compactLabel(c))));
      if (labelCol < 0) {
        // The block ends where another part of the form begins.
        if (row.cells.some((c) => /年度总体目标|绩效指标|一级指标|预期目标/.test(compactLabel(c)))) break;
        continue;
      }
      const label = compactLabel(row.cells[labelCol]!);
      const key = FUND_ROWS.find(([re]) => re.test(label))![1];
      const src = (col: number, text: string, shift: number): Source =>
        sourceAt(ctx, row.cellLines[col] ?? row.lines[0]!, col, `${row.cells[labelCol]} | ${headerRow.cells[col - shift] ?? ''} ${text}`);
      // Why not by position when the row is short: a text or web copy drops empty cells, so a row with fewer cells
      // right of its label than the header has columns would put 分值 under 全年执行数. Its figures are placed by
      // what they are and by the printed 执行率 instead, or not read.
      const after = row.cells.slice(labelCol + 1);
      // A reason written in a last column (原因) is no figure cell.
      while (after.length && after.at(-1)!.trim() !== '' && !isFigure(after.at(-1)!.trim())) after.pop();
      if (after.length < valueCols.length) {
        const figures = after.map((c, i) => ({ text: c.trim(), col: labelCol + 1 + i })).filter((x) => x.text !== '');
        if (!figures.length || figures.some((x) => !isFigure(x.text))) continue;
        const v = placeFundFigures(keysInOrder, figures.map((x) => x.text));
        const text = figures.map((x) => x.text).join(' | ');
        if (v && putFundRow(ctx, key, v, unit, () => sourceAt(ctx, row.cellLines[figures[0]!.col] ?? row.lines[0]!, figures[0]!.col, `${row.cells[labelCol]} | ${text}`))) found = true;
        continue;
      }
      // Why a shift: a form typed as text may leave out the merged "项目资金" cell in its rows (values start right after
      // the row's label, left of the header's columns) or keep it (right of them). The reading whose cells under the
      // header's columns are figures wins; on a tie, the columns as they stand.
      const shift = [0, labelCol + 1 - firstValueCol].reduce((best, k) => (figuresUnder(row, cols, k) > figuresUnder(row, cols, best) ? k : best), 0);
      const base = `project.funds.${key}`;
      const cell = (k: FundKey): { text: string; col: number } | undefined => {
        const c = cols[k];
        if (c === undefined) return undefined;
        const text = (row.cells[c + shift] ?? '').trim();
        return text && !isDash(text) ? { text, col: c + shift } : undefined;
      };
      const amounts: Partial<Record<FundKey, string>> = {};
      for (const k of MONEY_KEYS) {
        const c = cell(k);
        const v = c && cellNumber(c.text);
        if (v !== undefined) amounts[k] = v;
      }
      if (putFundRow(ctx, key, amounts, unit, (k) => src(cell(k)!.col, cell(k)!.text, shift), label)) found = true;
      for (const k of ['weight', 'score'] as const) {
        const c = cell(k);
        const v = c && scoreNumber(c.text);
        if (c && v !== undefined) put(ctx, `${base}.${k}`, v, v, src(c.col, c.text, shift));
      }
      const r = cell('rate');
      const p = r && cellPercent(r.text);
      if (r && p) putPrinted(ctx, `${base}.printed.executionRate`, p, src(r.col, r.text, shift));
    }
    if (found) return true;
  }
  return found;
}

// ── 项目名称, 主管部门, 实施单位 ───────────────────────────────────────────────────────────────────────────────

function extractLabels(ctx: ExtractContext): void {
  for (const line of ctx.seg.lines) {
    if (line.kind === 'blank') continue;
    line.cells.forEach((cell, col) => {
      const colon = /^(.{2,12}?)[：:]\s*(.+)$/.exec(cell);
      const label = compactLabel(colon ? colon[1]! : cell);
      const hit = LABELS.find(([re]) => re.test(label));
      if (!hit) return;
      let value = colon ? colon[2]!.trim() : '';
      let valueCol = col;
      if (!colon) {
        for (let j = col + 1; j < line.cells.length; j++) {
          const c = line.cells[j]!.trim();
          if (!c) continue;
          if (!FORM_WORD.test(compactLabel(c)) && !LABELS.some(([re]) => re.test(compactLabel(c)))) {
            value = c;
            valueCol = j;
          }
          break;
        }
      }
      // "主管部门：某局    实施单位：某中心" typed on one line; "主管部门（盖章）：某局 单位：万元" with the unit after it.
      value = value.replace(/\s{2,}.*$/, '').replace(/\s*(?:实施单位|项目实施单位|主管部门)[：:].*$/, '').replace(/\s+[\u4e00-\u9fa5（）()]{1,10}[：:].*$/, '').trim();
      // A budget code before a department's or a unit's name ("403-某县卫生健康委员会", "632823014-某县交通运输局").
      if (hit[1] !== 'project.name') value = value.replace(/^\d{2,}\s*[-—－_]\s*(?=[\u4e00-\u9fa5])/, '');
      if (!value || value.length > 60) return;
      put(ctx, hit[1], value, value, sourceAt(ctx, line.index, valueCol, colon ? cell : `${cell} ${value}`));
    });
  }
}

// ── 年度总体目标 ───────────────────────────────────────────────────────────────────────────────────────────────

const TARGET_HEAD = /^(?:预期目标|年度预期目标|年初设定目标|绩效目标|项目年度目标|年度目标)$/;
const RESULT_HEAD = /^(?:实际完成情况|实际完成|完成情况|全年实际完成情况|年度总体目标完成情况|年度目标完成情况)$/;

function extractOverall(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!;
      const cells = row.cells.map(compactLabel);
      const tc = cells.findIndex((c) => TARGET_HEAD.test(c));
      const rc = cells.findIndex((c) => RESULT_HEAD.test(c));
      if (tc < 0 || rc < 0 || rc <= tc) continue;
      // The texts: the next row, by column where the cells sit under their headers, else in order.
      const next = table.rows.slice(r + 1).find((x) => x.cells.some((c) => c.trim() !== '' && !/^年度总体目标$/.test(compactLabel(c))));
      if (!next) return;
      if (next.cells.some((c) => /^一级指标$|^绩效指标$/.test(compactLabel(c)))) return;
      const texts = next.cells.map((c, i) => ({ c: c.trim(), i })).filter((x) => x.c && !/^年度总体目标$/.test(compactLabel(x.c)));
      const at = (col: number) => texts.find((x) => x.i === col);
      let target = at(tc);
      let result = at(rc);
      if ((!target || !result) && texts.length === 2) [target, result] = [texts[0], texts[1]];
      if (target) put(ctx, 'project.overallTarget', target.c, target.c, sourceAt(ctx, next.cellLines[target.i] ?? next.lines[0]!, target.i, target.c));
      if (result) put(ctx, 'project.overallResult', result.c, result.c, sourceAt(ctx, next.cellLines[result.i] ?? next.lines[0]!, result.i, result.c));
      return;
    }
  }
  // "年度总体目标：…" / "实际完成情况：…" typed as lines.
  for (const line of ctx.seg.lines) {
    const m = /^(预期目标|年度总体目标|实际完成情况)[：:]\s*(.{4,})$/.exec(line.cells[0] ?? '');
    if (!m || line.cells.length > 1) continue;
    const path = m[1] === '实际完成情况' ? 'project.overallResult' : 'project.overallTarget';
    put(ctx, path, m[2]!.trim(), m[2]!.trim(), sourceAt(ctx, line.index, undefined, line.cells[0]!));
  }
}

// ── 绩效指标, 总分, 自评等级 ──────────────────────────────────────────────────────────────────────────────────

type IndKey = 'level1' | 'level2' | 'name' | 'multiYearTarget' | 'target' | 'actual' | 'weight' | 'score' | 'deviationReason' | 'direction' | 'sign' | 'unitOfMeasure' | 'coefficient';

/** A header word, optionally followed by its column letter as some provinces print it: "指标值(A)", "全年实际值（B）". */
const word = (alternatives: string): RegExp => new RegExp(`^(?:${alternatives})(?:[（(][A-Za-z][A-Za-z/÷]*[）)])?$`);

const IND_COLUMNS: readonly ColumnSpec<IndKey>[] = [
  { key: 'level1', re: word('(?:(?:年度)?绩效(?:指标)?)?一级指标(?:名称)?') },
  { key: 'level2', re: word('二级指标(?:名称)?') },
  { key: 'name', re: word('三级指标(?:名称)?|指标名称') },
  { key: 'multiYearTarget', re: /实施周期指标值|中长期指标值|实施期指标值/ },
  { key: 'actual', re: word('实际完成值|完成值|实际值|指标完成(?:情况|值)|实际完成情况|全年实际值|全年完成值|实际完成|实际完成指标值') },
  { key: 'target', re: word('年度指标值|指标值|目标值|年度目标值|年度指标|预期指标值|全年指标值|年初目标值|年初指标值') },
  { key: 'score', re: word('得分|自评得分|指标得分') },
  { key: 'weight', re: word('分值|权重|指标分值|指标权重') },
  { key: 'coefficient', re: /^得分系数$/ },
  { key: 'deviationReason', re: /偏差原因|未完成原因|原因分析|改进措施/ },
  // 指标性质 may print the sign itself (≥ ≤ =) or only 定量/定性; 指标方向 / 运算符号 beside it prints the sign.
  { key: 'direction', re: /^指标性质$|^指标属性$/ },
  { key: 'sign', re: /^指标方向$|^运算符号?$|^符号$|^比较符号?$|^计算符号$|^指标符号$/ },
  { key: 'unitOfMeasure', re: /^度量单位$|^计量单位$|^单位$/ },
];
const indKeyOf = (cell: string): IndKey | undefined => IND_COLUMNS.find((x) => x.re.test(cell))?.key;
const IND_VALUES: readonly IndKey[] = ['multiYearTarget', 'target', 'actual', 'weight', 'score', 'coefficient', 'deviationReason', 'direction', 'sign', 'unitOfMeasure'];

const DIRECTIONS: Readonly<Record<string, string>> = {
  '≥': 'gte', '>=': 'gte', '＞': 'gte', '>': 'gte', 正向: 'gte', 正向指标: 'gte',
  '≤': 'lte', '<=': 'lte', '＜': 'lte', '<': 'lte', 反向: 'lte', 反向指标: 'lte',
  '=': 'eq', '＝': 'eq', '﹦': 'eq', '═': 'eq', 定性: 'qualitative', 定性指标: 'qualitative', '≧': 'gte', '≦': 'lte',
  大于等于: 'gte', 不低于: 'gte', 不少于: 'gte', 大于: 'gte', 小于等于: 'lte', 不高于: 'lte', 不超过: 'lte', 小于: 'lte', 等于: 'eq',
};

const TOTAL_LABEL = /^(?:总分|合计|总计|自评总分|总得分)$/;
const END_LABEL = /^(?:评价结论|自评结论|存在(?:的)?问题|改进措施|改进意见|项目负责人|财务负责人|单位负责人|填报人|填表人|审核人|联系人|联系电话|填报日期|填表日期|备注|说明|其他需要说明(?:的)?事项|其他说明|注[：:]?)/;
const GRADE_LABEL = /^(?:自评等级|评价等级|绩效等级|等级|自评结果)(?:[：:].{0,6})?$/;
const GRADE_VALUE = /^(优|良|中|差|优秀|良好|合格|不合格)(?:等级)?$/;

interface TotalFound {
  readonly score?: string;
  readonly max?: string;
  readonly source: Source;
}

function extractIndicators(ctx: ExtractContext): { count: number; total?: TotalFound } {
  const out: Record<string, unknown>[] = [];
  let firstSource: Source | undefined;
  let total: TotalFound | undefined;
  for (const printedTable of ctx.seg.tables) {
    const found = findHeader(printedTable, IND_COLUMNS, ['level1', 'level2', 'name']);
    if (!found) continue;
    if (printedTable.rows.slice(0, found.rowIndex + 3).some((r) => r.cells.some((x) => /评分标准|评分要点/.test(x)))) continue;
    // A two-row header flattened into one row, or the first data row glued onto it (a web copy, a text dump).
    const unglued = withUngluedHeader(printedTable, found.rowIndex, indKeyOf);
    const flat = unglued ? findHeader(unglued.table, IND_COLUMNS, ['level1', 'level2', 'name'], found.rowIndex) : undefined;
    const header = flat ?? found;
    const table = flat ? unglued!.table : printedTable;
    const c = header.columns;
    const width = table.rows[header.rowIndex]!.cells.length;
    const tableLabel = compactLabel(table.rows[header.rowIndex]!.cells[0] ?? '');
    let level1 = '';
    let level2 = '';
    const pieces: { level1Pieces?: string; level2Rest?: string | undefined } = {};
    // Whether this table has 满意度指标 as a first level of its own; an older framework has it under 效益指标.
    const satisfactionIsLevel1 = table.rows.some((row) => /^满意度指标/.test(compactLabel(row.cells[c.level1!] ?? '')));
    const rows = rowsOnward(ctx.seg, printedTable, table.rows.slice(header.rowIndex + 1), table.rows[header.rowIndex]);
    for (let ri = 0; ri < rows.length; ri++) {
      const row = rows[ri]!;
      const filled = row.cells.map((x, i) => ({ x: x.trim(), i })).filter((y) => y.x !== '');
      const first = filled[0];
      if (first && TOTAL_LABEL.test(compactLabel(first.x))) {
        // A 合计 row before this document's own title is the previous form's (subject.ts, documentStart).
        if (row.lines[0]! >= documentStart(ctx.seg)) total ??= totalOf(ctx, row, first.i, c.weight, c.score);
        continue;
      }
      if (first && GRADE_LABEL.test(compactLabel(first.x))) continue;
      // The parts of the form after the table: 评价结论, 存在问题, 改进措施, the signatures.
      if (first && END_LABEL.test(compactLabel(first.x))) break;
      if (row.cells.some((x) => /^(?:一级指标|三级指标)/.test(compactLabel(x)))) continue; // a header repeated after a page break
      const pad = leftPadding(row.cells, c, tableLabel) || indicatorRowShift(row.cells, c, width);
      // A lone cell that is no level word, left of the name column: a piece of a row a copy split; it names no group.
      if (pad === 0 && isStrayCell(row, c.name!)) continue;
      const cells = pad > 0 ? [...Array<string>(pad).fill(''), ...row.cells] : pad < 0 ? row.cells.slice(-pad) : row.cells;
      const before = cells.slice(0, c.level1!).filter((x) => x !== '' && !isSequenceNumber(x));
      if (before.length && compactLabel(before[0]!) !== tableLabel && !isLabelPiece(before[0]!, tableLabel)) {
        // A figure there is a row whose cells cannot be placed, not another part of the form.
        if (isValueCell(compactLabel(before[0]!))) continue;
        break;
      }
      const next = rows[ri + 1];
      const { level1: l1, level2: l2 } = levelCells(
        { level1: cells[c.level1!] ?? '', level2: cells[c.level2!] ?? '' },
        { level1: next?.cells[c.level1! - pad], level2: next?.cells[c.level2! - pad] },
        pieces,
      );
      // The blank form's numbering left in ("指标1：维修改造学校数量"), and its rows left unfilled ("……", "指标2：").
      const name = (cells[c.name!] ?? '').trim().replace(TEMPLATE_NUMBER, '');
      // A stray cell under 二级 with no name beside it (a row a copy split over lines) names no group.
      if (!name && !l1 && l2 && !LEVEL2_WORD.test(compactLabel(l2))) continue;
      // Values without their name (a row a copy split over lines): no indicator, and no level either.
      if (name && (isBareFigure(name) || DIRECTIONS[name.replace(/\s/g, '')]) && !LEVEL1_WORD.test(compactLabel(l1)) && !(l1 === '' && LEVEL2_WORD.test(compactLabel(l2)))) continue;
      // A weight printed inside a level name ("产出指标(50分)", "数量指标（20）") is the group's 分值, not its name.
      if (l1) {
        const word = withoutWeight(l1);
        // A merged 一级 cell printed lower than its group's first rows, whose 二级 word already told the group: the
        // group goes on.
        if (!(level2 && sameLevel1(level1Of(level2) ?? '', word))) level2 = '';
        level1 = word;
      }
      if (l2) {
        level2 = withoutWeight(l2);
        // A 二级 word of another group than the 一级 read last: a merged 一级 cell printed lower in its group.
        const group = level1Of(level2);
        if (!l1 && group && level1 && !sameLevel1(group, level1) && (group !== '满意度指标' || satisfactionIsLevel1)) level1 = group;
      }
      if (!name || TEMPLATE_FILLER.test(name)) continue;
      // A merged 一级指标 cell the copy lost: the group its 二级 word belongs to.
      const itemLevel1 = level1 || (level2 ? (level1Of(level2) ?? '') : '');
      const v = pad ? Object.fromEntries(IND_VALUES.flatMap((k) => (c[k] !== undefined && cells[c[k]!] ? [[k, cells[c[k]!]!]] : []))) as Partial<Record<IndKey, string>> : alignValues(row, header, IND_VALUES, c.name!);
      const nameCol = c.name! - pad;
      const line = row.cellLines[nameCol] ?? row.lines[0]!;
      const source = sourceAt(ctx, line, nameCol, [itemLevel1, level2, name, v.target ?? ''].filter(Boolean).join(' | '));
      firstSource ??= source;
      // The sign column (≥ ≤ =) where the form has one beside 指标性质 (定量/定性); else 指标性质 itself.
      const signText = v.sign && DIRECTIONS[v.sign.replace(/\s/g, '')] ? v.sign.replace(/\s/g, '') : undefined;
      const dirText = signText ?? v.direction?.replace(/\s/g, '');
      const direction = (signText ? DIRECTIONS[signText] : undefined) ?? (v.direction ? DIRECTIONS[v.direction.replace(/\s/g, '')] : undefined);
      // A target split over 指标性质/指标方向 | 指标值 | 度量单位 is put back together as a reviewer reads it: "≥" "42" "公里"
      // → "≥42公里".
      if (v.target && !isDash(v.target)) v.target = composeTarget(v.target, dirText, c.unitOfMeasure !== undefined ? v.unitOfMeasure : undefined);
      const weight = v.weight ? scoreNumber(v.weight) : undefined;
      const score = v.score ? scoreNumber(v.score) : undefined;
      const coefficient = v.coefficient && /^\d+(?:\.\d+)?$/.test(v.coefficient.trim()) ? v.coefficient.trim() : undefined;
      out.push({
        ...(itemLevel1 ? { level1: itemLevel1 } : {}),
        ...(level2 ? { level2 } : {}),
        name,
        ...(direction ? { direction } : {}),
        ...(v.target && !isDash(v.target) ? { target: v.target } : {}),
        ...(v.multiYearTarget && !isDash(v.multiYearTarget) ? { multiYearTarget: v.multiYearTarget } : {}),
        ...(v.unitOfMeasure && !isDash(v.unitOfMeasure) ? { unitOfMeasure: v.unitOfMeasure } : {}),
        ...(v.actual && !isDash(v.actual) ? { actual: v.actual } : {}),
        ...(weight ? { weight } : {}),
        ...(coefficient ? { coefficient } : {}),
        ...(score ? { score } : {}),
        ...(v.deviationReason && !isDash(v.deviationReason) ? { deviationReason: v.deviationReason } : {}),
        source,
      });
    }
    fillLeadingLevels(out, 0);
    if (out.length) break;
  }
  if (out.length && firstSource) put(ctx, 'project.indicators', out, `${out.length} 个三级指标`, firstSource);
  return { count: out.length, ...(total ? { total } : {}) };
}

const withoutWeight = (level: string): string => level.replace(/\s*[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)]\s*$/, '');

const LEVEL1_WORD = /^(?:产出|效益|满意度|效果|影响|成本|过程|决策|管理)(?:指标)?(?:[（(]\d+(?:\.\d+)?分?[）)])?$/;
const LEVEL2_WORD = NATIONAL_LEVEL2;

/**
 * How many leading cells an indicator row lost: a form saved as text or a web page leaves out the cells of the merged
 * 绩效指标, 一级 and 二级 columns in the rows below their first ("| 站点数量 | ≥ | 60 | 个 | …"), so every cell sits left
 * of its header. The padding whose cells read most like the header's columns (a name, figures under 分值 and 得分,
 * a sign under 指标性质, a unit under 度量单位, level words under 一级/二级) wins; on a tie, none.
 */
function leftPadding(cells: readonly string[], c: Partial<Record<IndKey, number>>, tableLabel: string): number {
  const fit = (pad: number): number => {
    const at = (k: IndKey) => (c[k] === undefined ? undefined : (c[k]! - pad >= 0 ? (cells[c[k]! - pad] ?? '') : '').trim());
    let n = 0;
    const name = at('name') ?? '';
    if (!name || isValueCell(name) || DIRECTIONS[name] || LEVEL1_WORD.test(compactLabel(name)) || LEVEL2_WORD.test(compactLabel(name))) return -10;
    n += 2;
    for (const k of ['weight', 'score'] as const) {
      const x = at(k);
      if (x) n += scoreNumber(x) !== undefined ? 1 : -1;
    }
    const dir = at('sign') || at('direction');
    if (dir) n += DIRECTIONS[dir.replace(/\s/g, '')] ? 1 : -1;
    const unit = at('unitOfMeasure');
    if (unit) n += /\d/.test(unit) || unit.length > 6 ? -1 : 1;
    const l1 = at('level1');
    if (l1 && compactLabel(l1) !== tableLabel) n += LEVEL1_WORD.test(compactLabel(l1)) ? 1 : -1;
    const l2 = at('level2');
    if (l2) n += LEVEL2_WORD.test(compactLabel(l2)) ? 1 : -1;
    return n;
  };
  let best = 0;
  let bestFit = fit(0);
  for (let pad = 1; pad <= (c.name ?? 0); pad++) {
    const f = fit(pad);
    // A padding needs evidence beyond a name: a figure or a sign where the header has its column.
    if (f > bestFit && f >= 3) {
      best = pad;
      bestFit = f;
    }
  }
  return best;
}

/** A 总分 row: the score under 得分 (else the last number), the maximum under 分值 (else the number before it). */
function totalOf(ctx: ExtractContext, row: Row, labelCol: number, weightCol: number | undefined, scoreCol: number | undefined): TotalFound | undefined {
  const nums = row.cells.map((x, i) => ({ v: scoreNumber(x), i })).filter((y): y is { v: string; i: number } => y.v !== undefined && y.i > labelCol);
  if (!nums.length) return undefined;
  const byCol = (col: number | undefined) => (col === undefined ? undefined : nums.find((n) => n.i === col));
  const score = byCol(scoreCol) ?? nums[nums.length - 1]!;
  const max = byCol(weightCol) ?? (nums.length >= 2 ? nums[nums.length - 2] : undefined);
  const src = sourceAt(ctx, row.cellLines[score.i] ?? row.lines[0]!, score.i, row.cells.filter(Boolean).join(' | '));
  return { score: score.v, ...(max && max !== score ? { max: max.v } : {}), source: src };
}

const TOTAL_LINE = /(?:总分|自评总分|自评得分|总得分)\s*[：:]?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?/;
const GRADE_LINE = /(?:自评等级|评价等级|绩效等级)\s*[：:]?\s*[“"]?(优秀|良好|优|良|中|差|合格|不合格)/;

function extractTotals(ctx: ExtractContext, fromTable: TotalFound | undefined): void {
  if (fromTable?.score) {
    put(ctx, 'project.total', fromTable.score, fromTable.score, fromTable.source);
    if (fromTable.max) put(ctx, 'project.max', fromTable.max, fromTable.max, fromTable.source);
  }
  for (const line of ctx.seg.lines) {
    if (line.kind === 'blank' || line.index < documentStart(ctx.seg)) continue;
    line.cells.forEach((cell, col) => {
      const label = compactLabel(cell);
      if (GRADE_LABEL.test(label)) {
        const next = line.cells.slice(col + 1).find((x) => x.trim() !== '');
        // "自评等级：优" in one cell, else the next filled cell.
        const own = GRADE_LINE.exec(cell);
        if (own) {
          put(ctx, 'project.grade', own[1]!, own[1]!, sourceAt(ctx, line.index, line.kind === 'row' ? col : undefined, cell));
          return;
        }
        const g = next && GRADE_VALUE.exec(compactLabel(next));
        if (g) put(ctx, 'project.grade', g[1]!, g[1]!, sourceAt(ctx, line.index, line.cells.indexOf(next!), `${cell} ${next}`));
        return;
      }
      if (TOTAL_LABEL.test(label) && getPath(ctx.draft, 'project.total') === undefined && line.kind === 'row') {
        const nums = line.cells.slice(col + 1).map(scoreNumber).filter((x): x is string => x !== undefined);
        if (nums.length) put(ctx, 'project.total', nums[nums.length - 1]!, nums[nums.length - 1]!, sourceAt(ctx, line.index, undefined, line.cells.filter(Boolean).join(' | ')));
        return;
      }
      const g = GRADE_LINE.exec(cell);
      if (g && cell.length <= 40) put(ctx, 'project.grade', g[1]!, g[1]!, sourceAt(ctx, line.index, line.kind === 'row' ? col : undefined, cell));
      if (line.kind !== 'text') return;
      // "总分 100 92.50" (分值 then 得分) as a PDF-to-text step leaves the total row; "总分：92.50".
      const row = /^(?:总分|合计|自评总分)\s*[：:]?\s*((?:\d{1,3}(?:\.\d{1,2})?\s*分?\s*){1,2})$/.exec(cell.trim());
      if (row) {
        const nums = row[1]!.trim().split(/\s+|分/).filter(Boolean);
        const src = sourceAt(ctx, line.index, undefined, cell);
        put(ctx, 'project.total', nums[nums.length - 1]!, nums[nums.length - 1]!, src);
        if (nums.length === 2) put(ctx, 'project.max', nums[0]!, nums[0]!, src);
        return;
      }
      const t = TOTAL_LINE.exec(cell);
      if (t && cell.length <= 80) put(ctx, 'project.total', t[1]!, t[1]!, sourceAt(ctx, line.index, undefined, cell));
    });
  }
}

// ── a form flattened onto a line ────────────────────────────────────────────────────────────────────────────

const RUN_END = /^(?:总分|合计|自评总分|总计|评价结论|自评结论|存在(?:的)?问题|其他需要说明|注[：:]|说明|备注|项目负责人|填报人)/;
const isLevel1Word = (t: string) => NATIONAL_LEVEL1.test(compactLabel(t));
const isLevel2Word = (t: string) => NATIONAL_LEVEL2.test(compactLabel(t));
const isNoneCell = (t: string) => isDash(t) || /^(?:无|没有|无偏差)$/.test(t);

/**
 * The indicator rows of a form a DOCX or XLSX text dump flattened onto a line with spaces: the header words
 * (一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 [偏差原因分析及改进措施], the value words in any order)
 * then `一级(NN分) 二级 三级名 指标值 完成值 分值 得分` rows, the level words printed only where their merged cell starts.
 * A row is taken only where its shape is certain: a name that is no figure and no level word, one word per value
 * column, figures under 分值 and 得分 (得分 not above 分值), and after it a level word, the next such row, the end of
 * the table or of the text. A name, target or actual with a space inside breaks that shape, and the reading stops
 * there. The 总分 that follows gives 分值 then 得分.
 */
function extractIndicatorRun(ctx: ExtractContext): { count: number; total?: TotalFound } {
  const lines = ctx.seg.lines;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.kind !== 'text' || !joinWrapped([...tokensOf(lines[i]!), ...tokensOf(lines[i + 1] ?? lines[i]!)]).some((w) => indKeyOf(compactLabel(w.text)) === 'level1')) continue;
    const raw: Token[] = [];
    // The words of the text lines from here, across a page break (blank lines and a page footer between them).
    for (let j = i, blanks = 0; j < Math.min(lines.length, i + 60) && blanks <= 3; j++) {
      const kind = lines[j]!.kind;
      if (kind === 'blank') {
        blanks++;
        continue;
      }
      if (kind !== 'text') break;
      blanks = 0;
      raw.push(...tokensOf(lines[j]!));
    }
    const words = joinWrapped(raw);
    if (!words.some((w) => indKeyOf(compactLabel(w.text)) === 'level1')) continue;
    for (let h = 0; h < words.length; h++) {
      if (indKeyOf(compactLabel(words[h]!.text)) !== 'level1') continue;
      const read = readIndicatorRun(ctx, words, h);
      if (read.count) return read;
    }
  }
  return { count: 0 };
}

/** A word the form prints whole: a column word of the indicator table, or a level word (with its weight). */
const formWordOf = (t: string): string | undefined => {
  const c = compactLabel(t);
  return indKeyOf(c) ?? (isLevel1Word(c) ? 'l1' : isLevel2Word(c) ? 'l2' : undefined);
};

/**
 * Words a narrow cell wrapped over two or three lines, put back together where together they make a word of the form
 * and the first alone does not: "一级" ⏎ "指标" → 一级指标, "年度" ⏎ "指标值", "产出" ⏎ "指标" ⏎ "（50分）" → 产出指标（50分）,
 * "服务对象" ⏎ "满意度指标". Only across lines (a PDF-to-text step keeps a cell's lines in order), never within one.
 */
function joinWrapped(words: readonly Token[]): Token[] {
  const out: Token[] = [];
  const WEIGHT = /^[（(]\d+(?:\.\d+)?分?[）)]$/;
  for (let k = 0; k < words.length; k++) {
    const a = words[k]!;
    const b = words[k + 1];
    const alone = formWordOf(a.text);
    let text = a.text;
    const whole = b && b.line !== a.line ? formWordOf(a.text + b.text) : undefined;
    // "偏差原因分析" ⏎ "及改进措施": a word of the form that the next line only lengthens is lengthened too.
    if (whole !== undefined && (alone === undefined || alone === whole)) {
      text += b!.text;
      k++;
    }
    // A weight on the line below a level word ("产出" ⏎ "指标" ⏎ "（50分）") belongs to it.
    const c = words[k + 1];
    const kind = formWordOf(text);
    if ((kind === 'l1' || kind === 'l2') && c && c.line !== words[k]!.line && WEIGHT.test(c.text)) {
      text += c.text;
      k++;
    }
    out.push(text === a.text ? a : { ...a, text });
  }
  return out;
}

function readIndicatorRun(ctx: ExtractContext, words: readonly Token[], h: number): { count: number; total?: TotalFound } {
  const keys: IndKey[] = [];
  let p = h;
  for (; p < words.length; p++) {
    const k = indKeyOf(compactLabel(words[p]!.text));
    if (!k || keys.includes(k)) break;
    keys.push(k);
  }
  if (keys.slice(0, 3).join() !== 'level1,level2,name') return { count: 0 };
  const hasDeviation = keys.at(-1) === 'deviationReason';
  const valueKeys = keys.slice(3, hasDeviation ? -1 : undefined);
  if (!valueKeys.length || valueKeys.some((k) => !['target', 'actual', 'weight', 'score'].includes(k))) return { count: 0 };
  if (!valueKeys.includes('weight') && !valueKeys.includes('score')) return { count: 0 };
  const text = (q: number) => words[q]?.text ?? '';
  const isName = (t: string) => t !== '' && !isValueCell(t) && !DIRECTIONS[t] && !isLevel1Word(t) && !isLevel2Word(t) && !RUN_END.test(t) && !indKeyOf(compactLabel(t));
  /** The values of a row whose name is at q, or undefined when the words there do not have a row's shape. */
  const rowAt = (q: number): Partial<Record<IndKey, string>> | undefined => {
    if (!isName(text(q)) || q + valueKeys.length >= words.length) return undefined;
    const v: Partial<Record<IndKey, string>> = {};
    for (let j = 0; j < valueKeys.length; j++) {
      const t = text(q + 1 + j);
      const k = valueKeys[j]!;
      if (isLevel1Word(t) || isLevel2Word(t) || RUN_END.test(t)) return undefined;
      if ((k === 'weight' || k === 'score') && scoreNumber(t) === undefined) return undefined;
      v[k] = t;
    }
    const w = v.weight !== undefined ? parseExact(scoreNumber(v.weight)!) : undefined;
    const sc = v.score !== undefined ? parseExact(scoreNumber(v.score)!) : undefined;
    if (w && sc && gt(sc, w)) return undefined;
    return v;
  };
  const isBoundary = (q: number) => q >= words.length || isLevel1Word(text(q)) || isLevel2Word(text(q)) || RUN_END.test(text(q)) || rowAt(q) !== undefined;
  const out: Record<string, unknown>[] = [];
  let level1 = '';
  let level2 = '';
  let afterLevel1 = false;
  let total: TotalFound | undefined;
  while (p < words.length) {
    const t = text(p);
    if (RUN_END.test(t)) {
      const a = scoreNumber(text(p + 1));
      const b = scoreNumber(text(p + 2));
      if (/^(?:总分|合计|自评总分|总计)$/.test(compactLabel(t)) && a !== undefined && b !== undefined && scoreNumber(text(p + 3)) === undefined) {
        const src = sourceAt(ctx, words[p]!.line, undefined, `${t} ${text(p + 1)} ${text(p + 2)}`);
        total = { score: b, max: a, source: src };
      }
      break;
    }
    // 成本 and 满意度 are printed at either level: a level-1 word only where a level-2 word follows it.
    const l1 = isLevel1Word(t) && (!isLevel2Word(t) || (!afterLevel1 && isLevel2Word(text(p + 1))));
    if (l1) {
      level1 = withoutWeight(compactLabel(t));
      level2 = '';
      afterLevel1 = true;
      p++;
      continue;
    }
    if (isLevel2Word(t)) {
      level2 = withoutWeight(compactLabel(t));
      afterLevel1 = false;
      p++;
      continue;
    }
    const v = rowAt(p);
    if (!v) break;
    let q = p + 1 + valueKeys.length;
    let deviation: string | undefined;
    // A deviation reason is words, never a figure (a figure there means the row's words were miscounted).
    if (hasDeviation && q < words.length && (isNoneCell(text(q)) || (!isValueCell(text(q)) && !isBoundary(q) && isBoundary(q + 1)))) {
      deviation = isNoneCell(text(q)) ? undefined : text(q);
      q++;
    }
    if (!isBoundary(q)) break;
    const name = text(p);
    const itemLevel1 = level1 || (level2 ? (level1Of(level2) ?? '') : '');
    const weight = v.weight !== undefined ? scoreNumber(v.weight) : undefined;
    const score = v.score !== undefined ? scoreNumber(v.score) : undefined;
    out.push({
      ...(itemLevel1 ? { level1: itemLevel1 } : {}),
      ...(level2 ? { level2 } : {}),
      name,
      ...(v.target && !isDash(v.target) ? { target: v.target } : {}),
      ...(v.actual && !isDash(v.actual) ? { actual: v.actual } : {}),
      ...(weight ? { weight } : {}),
      ...(score ? { score } : {}),
      ...(deviation ? { deviationReason: deviation } : {}),
      source: sourceAt(ctx, words[p]!.line, undefined, [itemLevel1, level2, name, v.target ?? ''].filter(Boolean).join(' | ')),
    });
    afterLevel1 = false;
    p = q;
  }
  if (!out.length) return { count: 0 };
  put(ctx, 'project.indicators', out, `${out.length} 个三级指标`, out[0]!['source'] as Source);
  return { count: out.length, ...(total ? { total } : {}) };
}

/**
 * 项目名称 / 主管部门 / 实施单位 in a form flattened onto a line with spaces: the one word after the label, where the next
 * word is another label of the form or the word reads as an organisation's name; a budget code before a name
 * ("219-某某镇人民政府", a system export's) is not part of it.
 */
function extractFlatLabels(ctx: ExtractContext): void {
  const NEXT = /^(?:项目名称|主管部门|项目主管部门|实施单位|项目实施单位|项目资金|项目负责人|资金情况|年初预算|全年预算)/;
  const ORG = /(?:局|委|办|院|中心|政府|所|站|厅|部|会|校|学|馆|队|社|处|室|公司|街道|镇|乡)$/;
  for (const line of ctx.seg.lines) {
    if (line.kind !== 'text') continue;
    const words = line.cells[0]!.split(/\s+/).filter(Boolean);
    if (words.length < 4) continue;
    words.forEach((w, i) => {
      const hit = LABELS.find(([re]) => re.test(compactLabel(w)));
      const value = words[i + 1];
      if (!hit || !value || LABELS.some(([re]) => re.test(compactLabel(value)))) return;
      const next = words[i + 2] ?? '';
      const name = hit[1] === 'project.name' ? value : value.replace(/^\d{2,}\s*[-－—_]\s*/, '');
      const certain = NEXT.test(compactLabel(next)) || (hit[1] !== 'project.name' && ORG.test(name));
      if (!certain || name.length < 2 || name.length > 60 || isValueCell(name)) return;
      put(ctx, hit[1], name, name, sourceAt(ctx, line.index, undefined, `${w} ${value}`));
    });
  }
}

// ── the extractor ─────────────────────────────────────────────────────────────────────────────────────────────

/** Drops a department-level field the general extractors filled from the project's own tables, with its report entries. */
function dropDepartmentCopy(ctx: ExtractContext, key: string): void {
  if (ctx.draft[key] === undefined) return;
  delete ctx.draft[key];
  for (let i = ctx.found.length - 1; i >= 0; i--) {
    const p = ctx.found[i]!.path;
    if (p === key || p.startsWith(`${key}.`)) ctx.found.splice(i, 1);
  }
}

export function extractProjectForm(ctx: ExtractContext): void {
  if (layoutById(ctx.kind).subject !== 'project') return;
  extractLabels(ctx);
  extractFlatLabels(ctx);
  const hasFunds = extractFunds(ctx);
  extractOverall(ctx);
  const inTables = extractIndicators(ctx);
  const ind = inTables.count ? inTables : extractIndicatorRun(ctx);
  extractTotals(ctx, ind.total);
  const project = ctx.draft['project'] as Record<string, unknown> | undefined;
  if (!project) return;
  // A project form names its project; one whose name was not found is still the project's (the import report lists
  // project.name as missing for the person to complete).
  if (project['name'] === undefined) project['name'] = '';
  // The department of a project form is its 主管部门.
  const dept = project['department'];
  if (typeof dept === 'string' && dept) {
    const f = ctx.found.find((x) => x.path === 'project.department');
    if (f) put(ctx, 'department.name', dept, dept, f.source, true);
  }
  // The general extractors read the project's tables as the department's: the project holds them now.
  if (hasFunds) dropDepartmentCopy(ctx, 'budget');
  if (ind.count) dropDepartmentCopy(ctx, 'indicators');
  if (project['total'] !== undefined) dropDepartmentCopy(ctx, 'selfScores');
}
