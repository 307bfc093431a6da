/**
 * Tables whose header prints how its columns are computed (资金结构表): 年初安排① | 年中调整② | 小计③=①+② | 拨付④ |
 * 支出实现率⑤=④/③ | 结余⑥=③－④ | 结余率⑦=⑥/③, one row per fund (财政资金小计, 基本支出, 项目支出, 其他收入, 合计).
 * The table is kept as printed (every row, every cell) with the header's formulas, so the audit can check each row
 * by them; the department's budget is read from the total row by the columns' names.
 *
 * General by construction: a column is known by its circled mark (①…⑳) and the words of its label, never by its
 * position; the marks may stand in the label cell or in a row of their own under the labels.
 */
import { compactLabel } from '../../core/text/normalize.ts';
import type { Row, Table } from '../segment.ts';
import { headerUnit } from './budget.ts';
import { type ExtractContext, cellNumber, cellPercent, getPath, put, putMoney, putPrinted, sourceAt } from './context.ts';

const MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const MARK_RE = new RegExp(`[${MARKS}]`);
/** A formula after its mark: "=①+②", "＝④/③×100%", "=③－④". */
const FORMULA_RE = new RegExp(`^[=＝]((?:[${MARKS}()（）\\s+\\-－−—＋×*/÷]|\\d+(?:\\.\\d+)?%?)+)`);

export interface FormulaColumn {
  readonly col: number;
  readonly label: string;
  readonly mark?: string;
  readonly formula?: string;
  readonly output: 'money' | 'rate';
}

/** One header cell split into its label, its mark and the formula printed after the mark. */
export function parseHeadCell(text: string): { label: string; mark?: string; formula?: string } {
  const t = compactLabel(text);
  const m = MARK_RE.exec(t);
  if (!m) return { label: t };
  const mark = m[0];
  const after = t.slice(m.index + 1);
  const f = FORMULA_RE.exec(after);
  const formula = f ? f[1]!.replace(/^[（(]|[)）]$/g, '').trim() : undefined;
  const rest = f ? after.slice(f[0].length) : after;
  // The label is what surrounds the mark and formula ("小计③=①+②", "③小计", "小计（③=①+②）").
  const label = `${t.slice(0, m.index)}${rest}`.replace(/[（(]\s*[)）]/g, '').replace(/[（(]$/, '').replace(/^[)）]/, '').trim();
  return { label, mark, ...(formula ? { formula } : {}) };
}

const isMarked = (c: string) => MARK_RE.test(c);

/** The header: the first row with three or more marked cells (or two with a formula). */
function findMarkedHeader(table: Table): number {
  for (let r = 0; r < table.rows.length && r < 12; r++) {
    const cells = table.rows[r]!.cells;
    const marked = cells.filter(isMarked).length;
    const withFormula = cells.filter((c) => isMarked(c) && /[=＝]/.test(c)).length;
    if (marked >= 3 || withFormula >= 2) return r;
  }
  return -1;
}

const RATE_LABEL = /率|比例|占比|%|％/;
/** Columns of words, not figures (备注, 原因): their cells do not end the table. */
const TEXT_COLUMN = /备注|说明|原因/;

function columnsOf(table: Table, h: number): FormulaColumn[] {
  const head = table.rows[h]!.cells;
  const above = h > 0 ? table.rows[h - 1]!.cells : [];
  // Marks in a row of their own over the labels: the labels are the row below (when it holds no figure).
  const belowRow = table.rows[h + 1]?.cells ?? [];
  const below = belowRow.some((c) => /\d/.test(c) && !isMarked(c)) ? [] : belowRow;
  const out: FormulaColumn[] = [];
  const first = head.findIndex(isMarked);
  head.forEach((cell, col) => {
    // Every labelled column from the first marked one on: a column printed without a mark (an unmarked 备注 or
    // rate) is still a column of the table.
    if (col < first || (!isMarked(cell) && compactLabel(cell) === '' && compactLabel(above[col] ?? '') === '')) return;
    const head = parseHeadCell(cell);
    // A formula printed in the row under the labels ("小计" over "④=①+②+③"): the column's mark and formula are there.
    const under = below[col] ? parseHeadCell(below[col]!) : undefined;
    const p = !head.formula && under?.formula && under.label === '' && (!head.mark || head.mark === under.mark) ? { ...head, mark: under.mark, formula: under.formula } : head;
    // Marks in a row of their own ("①", "③=①+②") under the labels: the label is the cell above.
    const label = p.label || compactLabel(above[col] ?? '') || compactLabel(below[col] ?? '');
    const isRate = RATE_LABEL.test(label) || /[/÷]/.test(p.formula ?? '');
    out.push({ col, label, ...(p.mark ? { mark: p.mark } : {}), ...(p.formula ? { formula: p.formula } : {}), output: isRate ? 'rate' : 'money' });
  });
  return out;
}

/** Labels of other parts of a form: a row so named ends the funding table. */
const OTHER_PART = /绩效目标|总体目标|一级指标|绩效指标|指标名称|年度目标|自评|评价结论|存在问题|改进措施|备注|说明/;

/** A cell that belongs in a funding table: empty, a figure, a rate, or a dash. */
function isFigureCell(c: string): boolean {
  const t = c.replace(/\s/g, '');
  return t === '' || /^[-—–/／]+$/.test(t) || cellNumber(t) !== undefined || cellPercent(t) !== undefined || /^-?\d[\d,]*(?:\.\d+)?$/.test(t);
}

interface FormulaRow {
  readonly name: string;
  readonly row: Row;
}

function rowName(row: Row, firstCol: number): string {
  return row.cells
    .slice(0, firstCol)
    .map((c) => compactLabel(c))
    .filter(Boolean)
    .join('');
}

function rowsOf(table: Table, h: number, columns: readonly FormulaColumn[]): FormulaRow[] {
  const firstCol = Math.min(...columns.map((c) => c.col));
  const out: FormulaRow[] = [];
  const headKey = table.rows[h]!.cells.map(compactLabel).join('|');
  const labelsBelow = columns.every((c) => !isMarked(table.rows[h]!.cells[c.col] ?? '') || parseHeadCell(table.rows[h]!.cells[c.col]!).label === '');
  for (const row of table.rows.slice(h + 1)) {
    // The row of labels under a row of marks.
    if (labelsBelow && row === table.rows[h + 1] && columns.some((c) => compactLabel(row.cells[c.col] ?? '') === c.label && c.label !== '')) continue;
    // A header repeated after a page break, or a row of marks only.
    if (row.cells.map(compactLabel).join('|') === headKey) continue;
    const values = columns.filter((c) => !TEXT_COLUMN.test(c.label)).map((c) => row.cells[c.col] ?? '');
    if (values.some((v) => isMarked(v)) && values.every((v) => v === '' || isMarked(v) || /^[=＝]/.test(v))) continue;
    const name = rowName(row, firstCol);
    if (OTHER_PART.test(name) || !values.every(isFigureCell)) break;
    if (!name && values.every((v) => v === '')) continue;
    out.push({ name: name || '（未命名行）', row });
  }
  return out;
}

/** Total rows, strongest first: 合计/总计, then 财政资金小计 (or a lone 小计). */
const TOTAL_ROWS: readonly RegExp[] = [/^(?:资金)?(?:合计|总计|总额)$/, /^(?:部门)?(?:资金|预算)?(?:合计|总计|总额)$/, /^财政(?:资金|拨款)(?:小计|合计)$/, /^小计$/];

/** A row name without its numbering and 其中: "一、财政资金小计" → 财政资金小计, "其中：基本支出" → 基本支出. */
export function bareName(name: string): string {
  return name.replace(/^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])/, '').replace(/^其中[：:]?/, '');
}

/** Which budget field a column gives, by its label. */
function budgetRole(c: FormulaColumn): 'initialBudget' | 'adjustedBudget' | 'actualSpending' | 'executionRate' | undefined {
  const l = c.label;
  if (c.output === 'rate') return /支出实现率|执行率|完成率|支出率/.test(l) ? 'executionRate' : undefined;
  if (/结余|结转|调整数?$|年中调整|追加|调增|调减/.test(l) && !/调整后/.test(l)) return undefined;
  if (/年初(?:部门)?(?:安排|预算)|年初数/.test(l)) return 'initialBudget';
  if (/小计|调整后|全年预算|预算合计|合计|预算数/.test(l)) return 'adjustedBudget';
  if (/拨付|支出|执行|实际|决算|使用/.test(l)) return 'actualSpending';
  return undefined;
}

export function extractFormulaTables(ctx: ExtractContext): void {
  const tables: Record<string, unknown>[] = [];
  let budgetDone = false;
  for (const table of ctx.seg.tables) {
    const h = findMarkedHeader(table);
    if (h < 0) continue;
    const columns = columnsOf(table, h);
    if (columns.length < 2) continue;
    const rows = rowsOf(table, h, columns);
    if (!rows.length) continue;
    // The unit in the header, its notes or caption, else on the lines just above the table (资金结构（元） ⏎ 预算安排 ⏎ …).
    const first = table.rows[0]!.lines[0]!;
    const above = ctx.seg.lines.slice(Math.max(0, first - 5), first).flatMap((l) => l.cells);
    const unit = headerUnit(table, h, above);
    const headRow = table.rows[h]!;
    const tableSource = sourceAt(ctx, headRow.lines[0]!, undefined, headRow.cells.filter(Boolean).join(' | '));
    const title = table.caption ?? (compactLabel(headRow.cells[0] ?? '') || undefined);
    tables.push({
      ...(title ? { title } : {}),
      unit,
      columns: columns.map((c) => ({ label: c.label, ...(c.mark ? { mark: c.mark } : {}), ...(c.formula ? { formula: c.formula } : {}), output: c.output })),
      rows: rows.map((r) => ({
        name: r.name,
        cells: columns.map((c) => {
          const v = (r.row.cells[c.col] ?? '').trim();
          return v === '' ? null : v;
        }),
        source: sourceAt(ctx, r.row.lines[0]!, undefined, [r.name, ...columns.map((c) => r.row.cells[c.col] ?? '')].filter(Boolean).join(' | ')),
      })),
      source: tableSource,
    });
    if (!budgetDone) budgetDone = budgetFromTotal(ctx, rows, columns, unit);
    if (getPath(ctx.draft, 'projects') === undefined) projectsUnder(ctx, rows, columns, unit);
  }
  if (tables.length) {
    const first = tables[0]!;
    put(ctx, 'formulaTables', tables, `${tables.length} 张表头带公式的资金表（${(first['rows'] as unknown[]).length} 行）`, first['source'] as ReturnType<typeof sourceAt>);
  }
}

/** A row of the table's top level ("二、项目支出", "合计") and a numbered row under it ("1.某某经费", "（1）某某"). */
const TOP_ROW = /^(?:[一二三四五六七八九十]{1,3}[、.．]|合计|总计|小计)/;
const SUB_ROW = /^\s*(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[)）])\s*/;

/**
 * The numbered rows under the table's 项目支出 row ("二、项目支出" ⏎ "1.某某经费 …") as the department's projects:
 * 年初安排 → initial, the adjusted column (小计, 调整后) → adjusted, 拨付/支出 → actual, 支出实现率 → the printed rate.
 */
function projectsUnder(ctx: ExtractContext, rows: readonly FormulaRow[], columns: readonly FormulaColumn[], unit: '元' | '万元'): void {
  const at = rows.findIndex((r) => /^(?:[一二三四五六七八九十]{1,3}[、.．])?项目支出(?:小计|合计)?$/.test(compactLabel(r.name)));
  if (at < 0) return;
  const out: Record<string, unknown>[] = [];
  for (const r of rows.slice(at + 1)) {
    if (TOP_ROW.test(compactLabel(r.name)) || !SUB_ROW.test(r.name)) break;
    const name = r.name.replace(SUB_ROW, '').trim();
    const item: Record<string, unknown> = { name };
    const seen = new Set<string>();
    for (const c of columns) {
      const role = budgetRole(c);
      const text = (r.row.cells[c.col] ?? '').trim();
      if (!role || seen.has(role) || !text) continue;
      seen.add(role);
      const src = sourceAt(ctx, r.row.cellLines[c.col] ?? r.row.lines[0]!, c.col, `${name} ${c.label}${c.mark ?? ''} ${text}`);
      if (role === 'executionRate') {
        const pct = cellPercent(text);
        if (pct) item['printed'] = { executionRate: { value: pct, source: src } };
      } else {
        const n = cellNumber(text);
        if (n !== undefined) item[role] = { value: n, unit, source: src };
      }
    }
    out.push(item);
  }
  if (out.length) put(ctx, 'projects', { unit, rows: out }, `${out.length} 个项目（据资金结构表项目支出各行）`, sourceAt(ctx, rows[at + 1]!.row.lines[0]!, undefined, rows[at + 1]!.name));
}

/** Fills the department's budget from the total row (合计/总计, else 财政资金小计) by the columns' names. */
function budgetFromTotal(ctx: ExtractContext, rows: readonly FormulaRow[], columns: readonly FormulaColumn[], unit: '元' | '万元'): boolean {
  const total = TOTAL_ROWS.map((re) => rows.find((r) => re.test(bareName(r.name)))).find(Boolean) ?? (rows.length === 1 ? rows[0] : undefined);
  if (!total) return false;
  let any = false;
  const seen = new Set<string>();
  for (const c of columns) {
    const role = budgetRole(c);
    if (!role || seen.has(role)) continue;
    const text = (total.row.cells[c.col] ?? '').trim();
    if (!text) continue;
    const src = sourceAt(ctx, total.row.cellLines[c.col] ?? total.row.lines[0]!, c.col, `${total.name} ${c.label}${c.mark ?? ''} ${text}`);
    if (role === 'executionRate') {
      const pct = cellPercent(text) ?? (/^\d+(?:\.\d+)?$/.test(text.replace(/\s/g, '')) ? `${text.replace(/\s/g, '')}%` : undefined);
      if (pct && putPrinted(ctx, 'budget.printed.executionRate', pct, src)) any = true;
    } else {
      const n = cellNumber(text);
      if (n !== undefined && putMoney(ctx, `budget.${role}`, { value: n, unit }, src)) any = true;
    }
    seen.add(role);
  }
  return any;
}
