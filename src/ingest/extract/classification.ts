/**
 * Breakdowns of spending: basic expenditure by unit (人员经费, 日常公用经费, "三公"经费 by 局本级 and subordinate
 * units), the economic classification table (工资福利支出 …), and the functional classification a report states
 * in sentences ("社会保障和就业年初预算数为18.33万元，决算数为 18.33万元，完成年初预算的 100 %").
 */
import { type Exact, gt, mul, parseExact } from '../../core/exact.ts';
import { compactLabel } from '../../core/text/normalize.ts';
import { percentText } from '../../core/text/numbers.ts';
import type { Row, Table } from '../segment.ts';
import { type ExtractContext, cellNumber, cellPercent, getPath, moneyOf, numbersOf, put, sourceAt, sourceInParagraph, unitFromNotes } from './context.ts';

const LINE_KEYS = ['initialBudget', 'increase', 'decrease', 'adjustedBudget', 'actualSpending'] as const;
type LineKey = (typeof LINE_KEYS)[number];

const HEADER_KEYS: readonly (readonly [RegExp, LineKey])[] = [
  [/年初预算|年初安排/, 'initialBudget'],
  [/调增/, 'increase'],
  [/调减/, 'decrease'],
  [/调整后预算|全年预算|调整预算/, 'adjustedBudget'],
  [/实际支出|决算|执行数|支出数/, 'actualSpending'],
];

/** The money columns a header row names, each with its column, in column order (a key's first column wins). */
function moneyColumns(header: Row): { key: LineKey; col: number }[] {
  const out: { key: LineKey; col: number }[] = [];
  header.cells.map(compactLabel).forEach((c, col) => {
    const hit = HEADER_KEYS.find(([re]) => re.test(c));
    if (hit && !out.some((x) => x.key === hit[1])) out.push({ key: hit[1], col });
  });
  return out;
}

/**
 * A budget line from a row: each money column's figure from the cell under its header, the row's percentage as the
 * rate. Why not simply in order: a blank cell (调整后预算 not filled) would move every later figure one column left.
 * Only when the row's figures are exactly as many as the money columns but do not sit under them (a merged label
 * cell pushed the row right, as in 三公经费's sub-rows) are they taken in order.
 */
function lineFromRow(ctx: ExtractContext, row: Row, columns: readonly { key: LineKey; col: number }[], label: string): Record<string, unknown> | undefined {
  const nums: { text: string; col: number }[] = [];
  let pct: { text: string; col: number } | undefined;
  row.cells.forEach((c, col) => {
    const p = cellPercent(c);
    if (p) pct ??= { text: p, col };
    else {
      const n = cellNumber(c);
      if (n !== undefined) nums.push({ text: n, col });
    }
  });
  if (!nums.length) return undefined;
  const positional = columns.map(({ col }) => nums.find((n) => n.col === col));
  const inOrder = nums.length === columns.length && positional.filter(Boolean).length < nums.length;
  const out: Record<string, unknown> = {};
  columns.forEach(({ key }, i) => {
    const n = inOrder ? nums[i] : positional[i];
    if (n) out[key] = { value: n.text, source: sourceAt(ctx, row.cellLines[n.col] ?? row.lines[0]!, n.col, `${label} ${n.text}`) };
  });
  if (pct) out['printed'] = { executionRate: { value: pct.text, source: sourceAt(ctx, row.cellLines[pct.col] ?? row.lines[0]!, pct.col, `${label} ${pct.text}`) } };
  return out;
}

const ITEM_PATHS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^人员经费$|^人员支出$/, ['personnel']],
  [/^日常公用经费$|^公用经费$/, ['routineOperating']],
  [/因公出国/, ['threePublicExpenses', 'overseasTravel']],
  [/公务用车/, ['threePublicExpenses', 'officialVehicles']],
  [/公务接待/, ['threePublicExpenses', 'officialHospitality']],
  [/^[“"]?三公[”"]?经费(?:合计)?$/, ['threePublicExpenses']],
  [/基本支出合计|^合计$|^小计$/, ['total']],
];

export function extractBasicExpenditure(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    const headerIndex = table.rows.findIndex((r) => moneyColumns(r).length >= 2 && !r.cells.some((c) => /项目名称/.test(c)));
    if (headerIndex < 0) continue;
    if (!table.rows.some((r) => r.cells.some((c) => /人员经费/.test(c)))) continue;
    const columns = moneyColumns(table.rows[headerIndex]!);
    const unit = unitFromNotes(table.unitNotes, '基本支出') ?? unitFromNotes(table.unitNotes) ?? '万元';
    const blocks: { name: string; data: Record<string, unknown> }[] = [];
    let current: { name: string; data: Record<string, unknown> } | undefined;
    for (const row of table.rows.slice(headerIndex + 1)) {
      const first = compactLabel(row.cells[0] ?? '');
      if (/项目/.test(first)) break; // the project part of the same table
      if (first) {
        const m = /^(.*?)基本支出$/.exec(first);
        if (!m) break;
        current = { name: m[1] ?? '', data: {} };
        blocks.push(current);
      }
      if (!current) continue;
      // The row's labels: its first cells that are not figures (the source text names the item, not its first figure).
      const labels = row.cells.slice(0, 3).filter((c) => cellNumber(c) === undefined && cellPercent(c) === undefined).map(compactLabel).filter(Boolean);
      const item = [...labels].reverse().map((l) => ITEM_PATHS.find(([re]) => re.test(l))).find(Boolean);
      if (!item) continue;
      const line = lineFromRow(ctx, row, columns, labels.join(' '));
      if (!line) continue;
      let o = current.data;
      for (const k of item[1].slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
      o[item[1][item[1].length - 1]!] = { ...((o[item[1][item[1].length - 1]!] as object) ?? {}), ...line };
    }
    if (!blocks.length) continue;
    const dept = blocks.find((b) => b.name === '' || /^部门/.test(b.name));
    const units = blocks.filter((b) => b !== dept).map((b) => ({ name: b.name, ...b.data }));
    const data = { unit, ...(dept ? { department: dept.data } : {}), ...(units.length ? { byUnit: units } : {}) };
    put(ctx, 'basicExpenditure', data, `基本支出：${dept ? '部门合计' : ''}${units.length ? `，${units.length} 个单位` : ''}`, sourceAt(ctx, table.rows[headerIndex]!.lines[0]!, undefined, table.caption ?? '基本支出'));
    return;
  }
}

const ECONOMIC = /工资福利支出|商品和服务支出|对个人和家庭的补助|资本性支出|债务利息|对企业补助|对社会保障基金补助|其他支出/;

/**
 * The 决算/实际支出 column named by the header above the table's first economic row, with its place among the
 * header's money columns; undefined when no header names it (the row's figure is then its only figure, or its first).
 */
function actualColumn(table: Table, firstRow: number): { col: number; index: number; count: number } | undefined {
  for (let r = firstRow - 1; r >= 0; r--) {
    const columns = moneyColumns(table.rows[r]!);
    const index = columns.findIndex((c) => c.key === 'actualSpending');
    if (index >= 0) return { col: columns[index]!.col, index, count: columns.length };
  }
  return undefined;
}

export function extractEconomicClassification(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    const isEconomic = (r: Row) => ECONOMIC.test(compactLabel(r.cells.find(Boolean) ?? ''));
    const rows = table.rows.filter(isEconomic);
    if (rows.length < 3) continue;
    const actualCol = actualColumn(table, table.rows.findIndex(isEconomic));
    const out: Record<string, unknown>[] = [];
    let total: Record<string, unknown> | undefined;
    const sum: Exact[] = [];
    for (const row of table.rows) {
      const label = compactLabel(row.cells.find(Boolean) ?? '');
      const isTotal = /^(?:合计|总计)$/.test(label);
      if (!isTotal && !ECONOMIC.test(label)) continue;
      const labelCell = row.cells.find(Boolean);
      const nums = row.cells.map((c, col) => ({ n: cellNumber(c), col })).filter((x) => x.n !== undefined && row.cells[x.col] !== labelCell);
      const pct = row.cells.map((c, col) => ({ p: cellPercent(c), col })).find((x) => x.p);
      // The figure under the header's 决算 column; in order when a shifted row has one figure per money column.
      const first = actualCol ? (nums.find((x) => x.col === actualCol.col) ?? (nums.length === actualCol.count ? nums[actualCol.index] : undefined)) : nums[0];
      if (!first) continue;
      const name = label.replace(/^[一二三四五六七八九十]{1,3}[、.．]/, '');
      const line: Record<string, unknown> = { actualSpending: { value: first.n!, source: sourceAt(ctx, row.cellLines[first.col] ?? row.lines[0]!, first.col, `${name} ${first.n}`) } };
      if (pct) line['printed'] = { share: { value: pct.p!, source: sourceAt(ctx, row.cellLines[pct.col] ?? row.lines[0]!, pct.col, `${name} ${pct.p}`) } };
      if (isTotal) total = line;
      else {
        out.push({ name, ...line });
        const v = parseExact(first.n!);
        if (v) sum.push(v);
      }
    }
    if (!out.length) continue;
    const unit = unitByMagnitude(ctx, table, sum);
    put(ctx, 'economicClassification', { unit, rows: out, ...(total ? { total } : {}) }, `${out.length} 个经济分类科目（${unit}）`, sourceAt(ctx, table.firstLine, undefined, table.caption ?? '经济分类'));
    return;
  }
}

/** A table without a stated unit whose total is ~10 000 × the department's spending in 万元 is in 元. */
function unitByMagnitude(ctx: ExtractContext, table: Table, values: readonly Exact[]): '元' | '万元' {
  const declared = unitFromNotes(table.unitNotes);
  if (declared) return declared;
  const total = values.reduce((a, b) => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d }), { n: 0n, d: 1n } as Exact);
  const actual = getPath(ctx.draft, 'budget.actualSpending') as { value?: string } | undefined;
  const dept = actual?.value ? parseExact(actual.value) : undefined;
  if (dept) return gt(total, mul(dept, { n: 100n, d: 1n })) ? '元' : '万元';
  return gt(total, { n: 100_000_000n, d: 1n }) ? '元' : '万元';
}

const FUNCTIONAL =
  /^(?:\d{1,2}[、.．])?((?:一般公共服务|外交|国防|公共安全|教育|科学技术|文化旅游体育与传媒|社会保障和就业|卫生健康|节能环保|城乡社区|农林水|交通运输|资源勘探工业信息等|商业服务业等|金融|援助其他地区|自然资源海洋气象等|住房保障|粮油物资储备|灾害防治及应急管理|其他)(?:支出)?)/;

export function extractFunctionalClassification(ctx: ExtractContext): void {
  const rows: Record<string, unknown>[] = [];
  for (const p of ctx.seg.paragraphs) {
    const m = FUNCTIONAL.exec(p.text);
    if (!m || !/年初预算|决算/.test(p.text)) continue;
    const row: Record<string, unknown> = { name: m[1]! };
    for (const t of numbersOf(p)) {
      const before = p.text.slice(Math.max(0, t.start - 12), t.start).replace(/\s+$/, '');
      const money = moneyOf(t);
      if (money && /年初预算(?:数)?(?:为)?$/.test(before)) row['initialBudget'] = { ...money, source: sourceInParagraph(ctx, p, t.start, t.end) };
      else if (money && /(?:决算|实际支出|执行)(?:数)?(?:为)?$/.test(before)) row['actualSpending'] = { ...money, source: sourceInParagraph(ctx, p, t.start, t.end) };
      else if (t.unit === '%' && /完成(?:年初)?预算的$|完成率(?:为)?$/.test(before)) row['printed'] = { executionRate: { value: `${percentText(t)}%`, source: sourceInParagraph(ctx, p, t.start, t.end) } };
    }
    const reason = /(?:主要)?原因(?:是)?[：:]\s*([^。]+)/.exec(p.text);
    if (reason) row['note'] = reason[1]!.trim();
    if (row['initialBudget'] ?? row['actualSpending']) rows.push(row);
  }
  if (rows.length >= 2) {
    const first = (rows[0]!['initialBudget'] ?? rows[0]!['actualSpending']) as { source: ReturnType<typeof sourceAt> };
    put(ctx, 'functionalClassification', { unit: '万元', rows }, `${rows.length} 个功能分类科目`, first.source);
  }
}
