/**
 * Tables whose header prints their formulas (资金结构表: 小计③=①+② | 支出实现率⑤=④/③ | 结余⑥=③−④ | 结余率⑦=⑥/③):
 * every row checked by the header's own formulas (`row-formula`), and every printed total or subtotal row against the
 * rows it adds up (reported under `parts-sum`). Tolerances are what rounding explains: each printed figure stands for
 * the values within half a unit of its last printed place, and a result is wrong only when no such values give it.
 */
import { readPrintedNumber } from '../../compute/printed.ts';
import { type Exact, HUNDRED, ZERO, add, div, mul, sum, toFixed } from '../../exact.ts';
import { groupThousands } from '../../amount.ts';
import {
  type HeaderExpr,
  type Interval,
  evaluateHeaderFormula,
  evaluateHeaderInterval,
  formulaText,
  intervalsMeet,
  isRatioFormula,
  parseColumnLabel,
  parseHeaderFormula,
  printedInterval,
} from '../../formulas/header-formula.ts';
import type { FormulaTable } from '../../model/evaluation.ts';
import { formatPath } from '../../problem.ts';
import { type AuditContext, type FindingDraft, fromSource, t, uniqueLocations } from '../context.ts';
import type { FindingLocation } from '../types.ts';
import type { RuleImpl } from './rule.ts';

/** A printed cell read as a number: percent points for a rate. */
interface Cell {
  readonly value: Exact;
  readonly decimals: number;
  readonly hasPercent: boolean;
  readonly text: string;
}

function readCell(text: string | null | undefined): Cell | undefined {
  if (text === null || text === undefined) return undefined;
  const p = readPrintedNumber(text);
  if (typeof p !== 'object') return undefined;
  return { value: p.value, decimals: p.decimals, hasPercent: /[%％]/.test(text), text: text.trim() };
}

interface Column {
  readonly index: number;
  /** The label without its mark and formula. */
  readonly name: string;
  readonly mark?: string;
  readonly expr?: HeaderExpr;
  readonly isRate: boolean;
}

const RATE_LABEL = /率|比例|占比/;

export function columnsOf(table: FormulaTable): Column[] {
  return table.columns.map((c, index) => {
    const fromLabel = parseColumnLabel(c.label);
    const mark = c.mark ?? fromLabel.mark;
    const raw = c.formula ?? fromLabel.formula;
    const parsed = raw ? parseHeaderFormula(raw) : undefined;
    const expr = parsed?.ok ? parsed.expr : undefined;
    const isRate = c.output === 'rate' || (c.output === undefined && ((expr !== undefined && isRatioFormula(expr)) || RATE_LABEL.test(c.label)));
    return { index, name: fromLabel.name || c.label, ...(mark ? { mark } : {}), ...(expr ? { expr } : {}), isRate };
  });
}

const scaleDown = (i: Interval): Interval => ({ lo: div(i.lo, HUNDRED)!, hi: div(i.hi, HUNDRED)! });

/** The interval a cell stands for: a rate as a fraction (its printed percent points ÷ 100). */
function cellInterval(cell: Cell, isRate: boolean): Interval {
  const i = printedInterval(cell.value, cell.decimals);
  return isRate ? scaleDown(i) : i;
}

function cellValue(cell: Cell, isRate: boolean): Exact {
  return isRate ? div(cell.value, HUNDRED)! : cell.value;
}

function tableName(table: FormulaTable, k: number): string {
  return table.title ?? `表头带公式的资金表 ${k + 1}`;
}

function cellLocation(table: FormulaTable, k: number, r: number, c: number | undefined, role?: ReturnType<typeof t>): FindingLocation {
  const row = table.rows[r];
  const path = c === undefined ? ['formulaTables', k, 'rows', r] : ['formulaTables', k, 'rows', r, 'cells', c];
  const source = row?.source ?? table.source;
  const l = fromSource(source, formatPath(path), role);
  return table.title && !l.table ? { ...l, table: table.title } : l;
}

function showMoney(x: Exact, decimals: number): string {
  return groupThousands(toFixed(x, decimals));
}

function showRate(fraction: Exact, decimals: number): string {
  return `${toFixed(mul(fraction, HUNDRED), Math.max(decimals, 2))}%`;
}

/** The values of a row by mark; a mark two columns carry is ambiguous and has none. */
function rowMarks(columns: readonly Column[], cells: readonly (string | null)[]): Map<string, { column: Column; cell: Cell } | null> {
  const out = new Map<string, { column: Column; cell: Cell } | null>();
  for (const column of columns) {
    if (!column.mark) continue;
    if (out.has(column.mark)) {
      out.set(column.mark, null);
      continue;
    }
    const cell = readCell(cells[column.index]);
    if (cell) out.set(column.mark, { column, cell });
  }
  return out;
}

function marksOf(e: HeaderExpr): string[] {
  if (e.kind === 'mark') return [e.mark];
  if (e.kind === 'number') return [];
  if (e.kind === 'negate') return marksOf(e.operand);
  return [...marksOf(e.left), ...marksOf(e.right)];
}

/** One header formula checked on one row. */
interface Check {
  readonly column: Column;
  readonly formula: string;
  readonly printed: Cell;
  /** The value the formula gives on the row's printed figures, as the column prints it. */
  readonly shown: string;
  readonly inputs: string;
  /** The marks the check involves: its own and its inputs'. */
  readonly marks: ReadonlySet<string>;
  readonly isOk: boolean;
}

function checksOf(columns: readonly Column[], cells: readonly (string | null)[]): Check[] {
  const byMark = rowMarks(columns, cells);
  const out: Check[] = [];
  for (const column of columns) {
    if (!column.expr || !column.mark) continue;
    const printed = readCell(cells[column.index]);
    if (!printed) continue;
    const used = marksOf(column.expr);
    // A formula over its own column, or over a column the row leaves empty, says nothing about this row.
    if (used.includes(column.mark) || used.some((m) => !byMark.get(m))) continue;
    const input = (m: string) => byMark.get(m)!;
    const computed = evaluateHeaderInterval(column.expr, (m) => cellInterval(input(m).cell, input(m).column.isRate));
    const center = evaluateHeaderFormula(column.expr, (m) => cellValue(input(m).cell, input(m).column.isRate));
    if (!computed || !center) continue;
    // A rate column may print a fraction (0.955) instead of percent points.
    const isOk =
      intervalsMeet(computed, cellInterval(printed, column.isRate)) ||
      (column.isRate && !printed.hasPercent && intervalsMeet(computed, printedInterval(printed.value, printed.decimals)));
    out.push({
      column,
      formula: `${column.mark}=${formulaText(column.expr)}`,
      printed,
      shown: column.isRate ? showRate(center, printed.decimals) : showMoney(center, printed.decimals),
      inputs: [...new Set(used)].map((m) => `${m} ${input(m).cell.text}`).join('，'),
      marks: new Set([column.mark, ...used]),
      isOk,
    });
  }
  return out;
}

/**
 * The one printed figure that every broken formula of a row involves and no formula that holds does: a 小计③ typed
 * wrong breaks ③=①+②, ⑤=④/③, ⑥=③−④ and ⑦=⑥/③ at once, and is one fault. A figure a holding formula uses is
 * borne out by it.
 */
function commonCause(checks: readonly Check[]): string | undefined {
  const broken = checks.filter((c) => !c.isOk);
  if (broken.length < 2) return undefined;
  const verified = new Set(checks.filter((c) => c.isOk).flatMap((c) => [...c.marks]));
  const shared = [...broken[0]!.marks].filter((m) => broken.every((c) => c.marks.has(m)) && !verified.has(m));
  return shared.length === 1 ? shared[0] : undefined;
}

const rowFormula: RuleImpl = {
  code: 'row-formula',
  category: 'arithmetic',
  severity: 'error',
  title: t('表中数字与表头公式不符', 'a row breaks its header formula'),
  description: t(
    '表头印有公式的资金表（小计③=①+②、支出实现率⑤=④/③、结余⑥=③−④、结余率⑦=⑥/③…），逐行逐列按表头公式以该行印出的数字重算：金额按印出的小数位、比率按印出的小数位比较，各数四舍五入所能解释的差额（每个数半个末位）不报。一行中几个公式因同一个数而不符时合为一条，指出该数。公式支持 ①–⑳、+ − × ÷ 与括号。',
    'A table whose header prints its formulas (③=①+②, ⑤=④/③, ⑥=③−④, ⑦=⑥/③ …): every row recomputed by them from its own printed cells; amounts and rates compared at their printed decimals, and a difference the rounding of the printed figures explains (half a unit of each last place) is not reported. Formulas of a row broken by one figure make one finding naming it. Marks ①–⑳, + − × ÷ and brackets.',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    (ctx.e.formulaTables ?? []).forEach((table, k) => {
      const columns = columnsOf(table);
      const name = tableName(table, k);
      const unitOf = (c: Column) => (!c.isRate && table.unit ? ` ${table.unit}` : '');
      table.rows.forEach((row, r) => {
        const checks = checksOf(columns, row.cells);
        const broken = checks.filter((c) => !c.isOk);
        if (!broken.length) return;
        const at = (c: Column) => cellLocation(table, k, r, c.index, t(`印出值 ${c.name}${c.mark ?? ''}`, `printed ${c.name} ${c.mark ?? ''}`));
        const cause = commonCause(checks);
        const groups: { checks: Check[]; cause?: Column }[] = cause
          ? [{ checks: broken, cause: columns.find((c) => c.mark === cause)! }]
          : broken.map((c) => ({ checks: [c] }));
        for (const g of groups) {
          const lead = g.checks.find((c) => c.column === g.cause) ?? g.checks[0]!;
          const each = (lang: 'zh' | 'en') =>
            g.checks
              .map((c) =>
                lang === 'zh'
                  ? `${c.column.name}${c.column.mark} 印 ${c.printed.text}${unitOf(c.column)}，按表头公式 ${c.formula} 以本行数字计算为 ${c.shown}${unitOf(c.column)}（${c.inputs}）`
                  : `${c.column.name} ${c.column.mark} is printed as ${c.printed.text}${unitOf(c.column)}; the header formula ${c.formula} on the row’s own figures gives ${c.shown}${unitOf(c.column)} (${c.inputs.replace(/，/g, ', ')})`,
              )
              .join(lang === 'zh' ? '；' : '; ');
          const cell = g.cause ? readCell(row.cells[g.cause.index]) : undefined;
          const blame = g.cause
            ? t(`；这些公式都用到 ${g.cause.name}${g.cause.mark}（印 ${cell?.text ?? ''}），多半是它印错`, `; every one of them uses ${g.cause.name} ${g.cause.mark} (printed ${cell?.text ?? ''}), the likely slip`)
            : t('', '');
          out.push({
            message: t(`“${name}”的“${row.name}”行，${each('zh')}${blame.zh}。`, `“${name}”, row “${row.name}”: ${each('en')}${blame.en}.`),
            printed: `${lead.printed.text}${unitOf(lead.column)}`,
            computed: `${lead.shown}${unitOf(lead.column)}`,
            formula: t(`${g.checks.map((c) => c.formula).join('、')}（表头公式）`, `${g.checks.map((c) => c.formula).join(', ')} (the header’s formulas)`),
            locations: uniqueLocations([...(g.cause && g.cause !== lead.column ? [at(g.cause)] : []), ...g.checks.map((c) => at(c.column))]),
          });
        }
      });
    });
    return out;
  },
};

export const FORMULA_TABLE_RULES: readonly RuleImpl[] = [rowFormula];

// ───────────────────────────── totals and subtotals ─────────────────────────────

const TOTAL_ROW = /合计|总计/;
const SUBTOTAL_ROW = /小计/;
const PART_ROW = /^(?:其中|含)/;

type Kind = 'total' | 'subtotal' | 'part' | 'row';

function kindOf(name: string): Kind {
  const n = name.replace(/\s+/g, '');
  if (PART_ROW.test(n)) return SUBTOTAL_ROW.test(n) || TOTAL_ROW.test(n) ? 'subtotal' : 'part';
  if (TOTAL_ROW.test(n)) return 'total';
  if (SUBTOTAL_ROW.test(n)) return 'subtotal';
  return 'row';
}

interface Grid {
  readonly table: FormulaTable;
  readonly k: number;
  /** Additive columns (amounts, not rates). */
  readonly columns: readonly Column[];
  readonly cells: readonly (readonly (Cell | undefined)[])[];
  readonly kinds: readonly Kind[];
}

/** The sum of rows in one column as the interval their rounding allows; undefined when a row has no figure there. */
function sumInterval(g: Grid, rows: readonly number[], c: number): Interval | undefined {
  let lo = ZERO;
  let hi = ZERO;
  for (const r of rows) {
    const cell = g.cells[r]?.[c];
    if (!cell) return undefined;
    const i = printedInterval(cell.value, cell.decimals);
    lo = add(lo, i.lo);
    hi = add(hi, i.hi);
  }
  return rows.length ? { lo, hi } : undefined;
}

/** How many columns a run of rows adds up to row `p` in, and in how many it does not (columns with every figure). */
function agreement(g: Grid, p: number, run: readonly number[]): { agree: number; differ: number[] } {
  let agree = 0;
  const differ: number[] = [];
  g.columns.forEach((_, c) => {
    const whole = g.cells[p]?.[c];
    const parts = sumInterval(g, run, c);
    if (!whole || !parts) return;
    // 0 = 0 + 0 says nothing about which rows make up the whole.
    if (intervalsMeet(parts, printedInterval(whole.value, whole.decimals))) agree += whole.value.n === 0n ? 0 : 1;
    else differ.push(c);
  });
  return { agree, differ };
}

interface Claim {
  readonly parent: number;
  readonly parts: readonly number[];
  /** Whether the parts add up to the parent (in the columns that decide it). */
  readonly isFull: boolean;
  /** Columns where the parts do not add up although other columns say they are its parts. */
  readonly differ: readonly number[];
}

/**
 * The rows a subtotal or a row with a "其中" list adds up: of the runs of rows right after it (and, for a subtotal,
 * right before it), the one that adds up to it in the most columns. A "其中" list that adds up to nothing is a partial
 * breakdown: its first row is still a part, never a row of its own.
 */
function claimOf(g: Grid, p: number): Claim | undefined {
  const n = g.kinds.length;
  const isSubtotal = g.kinds[p] === 'subtotal';
  const startsList = p + 1 < n && g.kinds[p + 1] === 'part';
  if (!isSubtotal && !startsList) return undefined;
  const runs: number[][] = [];
  const stop = (r: number) => g.kinds[r] === 'total' || g.kinds[r] === 'subtotal';
  for (let e = p + 1, run: number[] = []; e < n && !stop(e); e++) {
    run = [...run, e];
    if (run.length >= (isSubtotal ? 2 : 1)) runs.push(run);
  }
  if (isSubtotal) for (let s = p - 1, run: number[] = []; s >= 0 && !stop(s) && g.kinds[s] !== 'part'; s--) {
    run = [s, ...run];
    if (run.length >= 2) runs.push(run);
  }
  let best: { run: number[]; agree: number; differ: number[] } | undefined;
  for (const run of runs) {
    const a = agreement(g, p, run);
    if (a.agree > 0 && (!best || a.agree > best.agree || (a.agree === best.agree && a.differ.length < best.differ.length))) best = { run, ...a };
  }
  if (best) return { parent: p, parts: best.run, isFull: true, differ: best.differ };
  return startsList ? { parent: p, parts: [p + 1], isFull: false, differ: [] } : undefined;
}

function columnsText(g: Grid, list: readonly { c: number; printed: Cell; sum: Exact }[], lang: 'zh' | 'en'): string {
  const unit = g.table.unit ? ` ${g.table.unit}` : '';
  return list
    .map(({ c, printed, sum }) => {
      const col = g.columns[c]!;
      const label = `${col.name}${col.mark ?? ''}`;
      return lang === 'zh'
        ? `${label} 印 ${printed.text}${unit}，各行之和 ${showMoney(sum, printed.decimals)}${unit}`
        : `${label} printed ${printed.text}${unit}, the rows add to ${showMoney(sum, printed.decimals)}${unit}`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

function exactSum(g: Grid, rows: readonly number[], c: number): Exact {
  return sum(rows.map((r) => g.cells[r]![c]!.value));
}

function totalFinding(g: Grid, row: number, parts: readonly number[], differ: readonly number[]): FindingDraft {
  const name = tableName(g.table, g.k);
  const rowName = g.table.rows[row]!.name;
  const list = differ.map((c) => ({ c, printed: g.cells[row]![c]!, sum: exactSum(g, parts, c) }));
  const partNames = parts.map((r) => g.table.rows[r]!.name);
  const partsText = partNames.length > 6 ? `${partNames.slice(0, 6).join(' + ')} 等 ${partNames.length} 行` : partNames.join(' + ');
  return {
    message: t(
      `“${name}”的“${rowName}”行不等于其组成行（${partsText}）之和：${columnsText(g, list, 'zh')}。`,
      `“${name}”: row “${rowName}” differs from the sum of its rows (${partNames.join(' + ')}): ${columnsText(g, list, 'en')}.`,
    ),
    printed: list.map((x) => x.printed.text).join('、'),
    computed: list.map((x) => showMoney(x.sum, x.printed.decimals)).join('、'),
    formula: t(`${rowName} = ${partNames.join(' + ')}`, `${rowName} = ${partNames.join(' + ')}`),
    locations: uniqueLocations([
      ...list.map((x) => cellLocation(g.table, g.k, row, g.columns[x.c]!.index, t(`印出值 ${g.columns[x.c]!.name}`, `printed ${g.columns[x.c]!.name}`))),
      ...parts.map((r) => cellLocation(g.table, g.k, r, undefined, t(`组成行 ${g.table.rows[r]!.name}`, `row ${g.table.rows[r]!.name}`))),
    ]),
  };
}

/**
 * Printed totals (合计/总计) and subtotals (小计) of the tables with header formulas against the rows they add up, per
 * amount column. The rows a total adds up are the rows of the table not counted in another (a subtotal's or a "其中"
 * list's parts), or else every row that is not itself a sum; a total that matches either is right.
 */
export function formulaTableTotals(ctx: AuditContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  (ctx.e.formulaTables ?? []).forEach((table, k) => {
    const columns = columnsOf(table).filter((c) => !c.isRate);
    if (!columns.length || table.rows.length < 3) return;
    const g: Grid = {
      table,
      k,
      columns,
      cells: table.rows.map((row) => columns.map((c) => readCell(row.cells[c.index]))),
      kinds: table.rows.map((row) => kindOf(row.name)),
    };
    const claims = g.kinds.map((_, p) => claimOf(g, p)).filter((c): c is Claim => c !== undefined);
    // A whole whose rows add up in two columns or more, and not in another: that column's figure is wrong.
    for (const c of claims) if (c.differ.length && c.isFull && agreement(g, c.parent, c.parts).agree >= 2) out.push(totalFinding(g, c.parent, c.parts, c.differ));
    const counted = new Set(claims.flatMap((c) => c.parts));
    const others = g.kinds.map((kind, r) => (kind === 'total' ? -1 : r)).filter((r) => r >= 0);
    const top = others.filter((r) => !counted.has(r));
    const leaves = others.filter((r) => {
      const claim = claims.find((c) => c.parent === r);
      if (g.kinds[r] === 'subtotal' || claim?.isFull) return false;
      return !claims.some((c) => !c.isFull && c.parts.includes(r));
    });
    g.kinds.forEach((kind, row) => {
      if (kind !== 'total' || top.length < 2) return;
      const differ: number[] = [];
      columns.forEach((_, c) => {
        const printed = g.cells[row]![c];
        if (!printed) return;
        const whole = printedInterval(printed.value, printed.decimals);
        const sums = [sumInterval(g, top, c), sumInterval(g, leaves, c)].filter((x): x is Interval => x !== undefined);
        if (!sums.length || sums.some((s) => intervalsMeet(s, whole))) return;
        if (sumInterval(g, top, c)) differ.push(c);
      });
      if (differ.length) out.push(totalFinding(g, row, top, differ));
    });
  });
  return out;
}
