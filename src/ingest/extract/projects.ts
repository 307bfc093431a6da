/**
 * Projects: rows of a project table (项目名称, 年初预算, 调增, 调减, 调整后, 实际支出, 支出率), projects a key-project
 * narrative states with figures ("“X”绩效情况：全年预算数 48.30 万元，执行数 48.30 万元，完成预算的 100%"), and a
 * narrative list of project allocations ("项目分布情况主要是A30.56万元，B60万元…").
 *
 * The unit: what the table says ("金额单位：项目支出：元", "(万元)" in a header) unless the magnitudes contradict it
 * — a project table whose total is tens of times the department's whole budget is in 元 whatever its header says.
 */
import { type Exact, add, gt, mul, parseExact, ZERO } from '../../core/exact.ts';
import { compactLabel } from '../../core/text/normalize.ts';
import { percentText, scanNumbers } from '../../core/text/numbers.ts';
import type { Table } from '../segment.ts';
import { BUDGET_PART_ROW } from './budget.ts';
import { type ExtractContext, cellNumber, cellPercent, getPath, moneyOf, put, sourceAt, sourceInParagraph, unitFromNotes } from './context.ts';
import { type ColumnSpec, findHeader } from './table-columns.ts';

type Key = 'name' | 'implementingUnit' | 'initialBudget' | 'increase' | 'decrease' | 'adjustedBudget' | 'actualSpending' | 'rate' | 'seq';
const MONEY_KEYS = ['initialBudget', 'increase', 'decrease', 'adjustedBudget', 'actualSpending'] as const;

const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'name', re: /项目名称|^项目$/ },
  { key: 'implementingUnit', re: /实施单位|实施科室|责任(?:单位|科室)|主管科室/ },
  { key: 'initialBudget', re: /年初预算|年初安排/ },
  { key: 'increase', re: /调增/ },
  { key: 'decrease', re: /调减/ },
  { key: 'adjustedBudget', re: /调整后预算|全年预算|年度总预算|预算总额|调整预算|^预算(?:数|金额)?(?:[（(].*)?$|^批复(?:金额|预算)/ },
  { key: 'actualSpending', re: /实际支出|支出数|执行数|决算数|实际执行|已支出|^(?:全年)?(?:执行|支出)(?:金额)?$/ },
  { key: 'rate', re: /支出率|执行率|完成率/ },
  { key: 'seq', re: /^序号$/ },
];

interface ProjectRow {
  name: string;
  implementingUnit?: string;
  values: Partial<Record<(typeof MONEY_KEYS)[number], { text: string; line: number; col: number }>>;
  rate?: { text: string; line: number; col: number };
  line: number;
}

/** The unit a table's note gives for project figures ("金额单位：基本支出：万元，项目支出：元"). */
function declaredUnit(table: Table, headerCells: readonly string[]): { unit: '元' | '万元'; printed?: string } {
  // A note naming the project part wins; then the header's "(万元)"; then a note for the whole table.
  const forProjects = unitFromNotes(table.unitNotes, '项目(?:支出)?');
  if (forProjects) return { unit: forProjects };
  const inHeader = headerCells.map((c) => /[（(](万元|元)[）)]/.exec(c)?.[1]).find(Boolean) as '元' | '万元' | undefined;
  if (inHeader) return { unit: inHeader, printed: inHeader };
  return { unit: unitFromNotes(table.unitNotes) ?? '万元' };
}

function departmentTotal(ctx: ExtractContext): Exact | undefined {
  for (const path of ['budget.adjustedBudget', 'budget.actualSpending', 'budget.initialBudget']) {
    const m = getPath(ctx.draft, path) as { value?: string; unit?: string } | undefined;
    const v = m?.value ? parseExact(m.value) : undefined;
    if (v) return m!.unit === '元' ? { n: v.n, d: v.d * 10000n } : v;
  }
  return undefined;
}

export function extractProjectTables(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    let from = 0;
    for (;;) {
      const header = findHeader(table, COLUMNS, ['name'], from);
      if (!header) break;
      from = header.rowIndex + 1;
      const c = header.columns;
      if (!MONEY_KEYS.some((k) => c[k] !== undefined)) continue;
      const percentHeader = c.rate !== undefined && /[（(]\s*[%％]\s*[)）]/.test(table.rows[header.rowIndex]!.cells[c.rate] ?? '');
      const rows: ProjectRow[] = [];
      let total: ProjectRow | undefined;
      for (const row of table.rows.slice(header.rowIndex + 1)) {
        const name = row.cells[c.name!] ?? '';
        const labelLeft = row.cells.slice(0, c.name!).map(compactLabel).filter(Boolean);
        const isTotal = /^(?:项目(?:支出)?)?(?:合计|总计|小计)$/.test(compactLabel(name)) || (!name && labelLeft.some((l) => /合计|总计/.test(l)));
        const values: ProjectRow['values'] = {};
        for (const k of MONEY_KEYS) {
          const col = c[k];
          if (col === undefined) continue;
          const num = cellNumber(row.cells[col] ?? '');
          if (num !== undefined) values[k] = { text: num, line: row.cellLines[col] ?? row.lines[0]!, col };
        }
        // A rate column whose header says "（%）" prints bare numbers: the percentage as printed.
        const rateCell = c.rate !== undefined ? (row.cells[c.rate] ?? '').replace(/\s/g, '') : '';
        const rateText = c.rate !== undefined ? (cellPercent(rateCell) ?? (percentHeader && /^-?\d+(?:\.\d+)?$/.test(rateCell) && cellPercent(`${rateCell}%`) ? `${rateCell}%` : undefined)) : undefined;
        const rate = rateText && c.rate !== undefined ? { text: rateText, line: row.cellLines[c.rate] ?? row.lines[0]!, col: c.rate } : undefined;
        if (Object.keys(values).length === 0) {
          if (rows.length && name && findHeader({ ...table, rows: [row] }, COLUMNS, ['name']) ) break;
          continue;
        }
        const pr: ProjectRow = { name: isTotal ? '合计' : name, values, line: row.cellLines[c.name!] ?? row.lines[0]!, ...(rate ? { rate } : {}) };
        const unitText = c.implementingUnit !== undefined ? row.cells[c.implementingUnit] : undefined;
        if (unitText) pr.implementingUnit = unitText;
        if (isTotal) {
          total = pr;
          break;
        }
        // 基本支出, 项目支出, 财政拨款 … split the department's budget; they are not projects.
        if (name && !BUDGET_PART_ROW.test(compactLabel(name))) rows.push(pr);
      }
      if (rows.length === 0) continue;
      writeProjects(ctx, table, header.cells, rows, total);
      return;
    }
  }
}

function writeProjects(ctx: ExtractContext, table: Table, headerCells: readonly string[], rows: ProjectRow[], total: ProjectRow | undefined): void {
  const declared = declaredUnit(table, headerCells);
  let unit = declared.unit;
  let printedUnit = declared.printed && declared.printed !== unit ? declared.printed : undefined;
  // Why: a header may say 万元 over figures in 元 (a real mislabel); a total far above the department's budget
  // cannot be 万元.
  const sum = rows.reduce<Exact>((s, r) => add(s, parseExact(r.values.adjustedBudget?.text ?? r.values.actualSpending?.text ?? r.values.initialBudget?.text ?? '0') ?? ZERO), ZERO);
  const dept = departmentTotal(ctx);
  const implausibleWan = dept ? gt(sum, mul(dept, { n: 20n, d: 1n })) : gt(sum, { n: 10_000_000n, d: 1n });
  if (unit === '万元' && implausibleWan) {
    printedUnit = '万元';
    unit = '元';
    ctx.warnings.push({ code: 'unit-by-magnitude', path: ['projects'], params: { table: table.caption ?? headerCells.filter(Boolean).join('/').slice(0, 40), printed: '万元', actual: '元' } });
  }
  const money = (v: { text: string; line: number; col: number } | undefined, label: string, name: string) =>
    v ? { value: v.text, source: sourceAt(ctx, v.line, v.col, `${name} ${label} ${v.text}`) } : undefined;
  const LABEL: Record<(typeof MONEY_KEYS)[number], string> = { initialBudget: '年初预算', increase: '预算调增数', decrease: '预算调减数', adjustedBudget: '调整后预算', actualSpending: '实际支出' };
  const line = (r: ProjectRow) => {
    const o: Record<string, unknown> = {};
    for (const k of MONEY_KEYS) {
      const m = money(r.values[k], LABEL[k], r.name);
      if (m) o[k] = m;
    }
    if (r.rate) o['printed'] = { executionRate: { value: r.rate.text, source: sourceAt(ctx, r.rate.line, r.rate.col, `${r.name} 支出率 ${r.rate.text}`) } };
    return o;
  };
  const data = {
    unit,
    ...(printedUnit ? { printedUnit } : {}),
    rows: rows.map((r) => ({ name: r.name, ...(r.implementingUnit ? { implementingUnit: r.implementingUnit } : {}), ...line(r) })),
    ...(total ? { total: line(total) } : {}),
  };
  put(ctx, 'projects', data, `${rows.length} 个项目（${unit}${printedUnit ? `，表头印“${printedUnit}”` : ''}）`, sourceAt(ctx, rows[0]!.line, undefined, headerCells.filter(Boolean).join(' | ')));
}

const KEY_PROJECT_RE = /[“"「]([^”"」]{2,60})[”"」](?:项目)?(?:绩效情况|绩效评价情况|情况)[：:]?/g;
const FIELD_PATTERNS: readonly (readonly [RegExp, 'initialBudget' | 'adjustedBudget' | 'actualSpending'])[] = [
  [/年初预算(?:数|金额)?(?:为|是)?$/, 'initialBudget'],
  [/(?:全年预算(?:数)?|调整后预算(?:数)?|预算(?:数|金额|总额))(?:为|是)?$/, 'adjustedBudget'],
  [/(?:执行数|实际支出(?:数)?|支出数|决算数|已支出)(?:为|是)?$/, 'actualSpending'],
];

/** Projects a key-project narrative states with figures. */
export function extractNarrativeProjects(ctx: ExtractContext): void {
  if (getPath(ctx.draft, 'projects') !== undefined) return;
  const rows: Record<string, unknown>[] = [];
  for (const p of ctx.seg.paragraphs) {
    if (!/绩效情况|绩效评价情况/.test(p.text)) continue;
    const heads = [...p.text.matchAll(KEY_PROJECT_RE)];
    heads.forEach((h, i) => {
      const start = h.index + h[0].length;
      const end = i + 1 < heads.length ? heads[i + 1]!.index : Math.min(p.text.length, start + 160);
      const body = p.text.slice(start, end);
      const row: Record<string, unknown> = { name: h[1]!.trim(), isKeyProject: true };
      for (const t of scanNumbers(body)) {
        const m = moneyOf(t);
        const before = body.slice(Math.max(0, t.start - 12), t.start).replace(/\s+$/, '');
        if (m) {
          const f = FIELD_PATTERNS.find(([re]) => re.test(before));
          if (f && row[f[1]] === undefined) row[f[1]] = { ...m, source: sourceInParagraph(ctx, p, start + t.start, start + t.end) };
        } else if (t.unit === '%' && /完成(?:全年)?预算的|执行率(?:为)?|支出率(?:为)?/.test(before) && row['printed'] === undefined) {
          row['printed'] = { executionRate: { value: `${percentText(t)}%`, source: sourceInParagraph(ctx, p, start + t.start, start + t.end) } };
        }
      }
      if (row['adjustedBudget'] ?? row['actualSpending'] ?? row['initialBudget']) rows.push(row);
    });
  }
  if (rows.length) {
    const first = rows[0]!['adjustedBudget'] ?? rows[0]!['actualSpending'] ?? rows[0]!['initialBudget'];
    put(ctx, 'projects', { unit: '万元', rows }, `${rows.length} 个重点项目（据重点项目绩效情况）`, (first as { source: ReturnType<typeof sourceAt> }).source);
  }
}

const LIST_INTRO = /项目(?:分布|安排|构成|支出)?(?:情况)?(?:主要)?(?:是|为|有|包括)[：:]?/;

/** "项目分布情况主要是信息系统运维12.50万元，物资储备40万元，…" → projects with their (initial) amounts. */
export function extractProjectList(ctx: ExtractContext): void {
  if (getPath(ctx.draft, 'projects') !== undefined) return;
  for (const p of ctx.seg.paragraphs) {
    const intro = LIST_INTRO.exec(p.text);
    if (!intro) continue;
    const start = intro.index + intro[0].length;
    const rows: Record<string, unknown>[] = [];
    const itemRe = /([\u4e00-\u9fa5A-Za-z（）()“”]{2,30}?)\s*(\d+(?:\.\d+)?)\s*(万元|万|元)(?:等)?\s*([，,、；;。]|$)/y;
    itemRe.lastIndex = start;
    for (let m = itemRe.exec(p.text); m; m = itemRe.exec(p.text)) {
      const unit = m[3] === '元' ? '元' : '万元';
      rows.push({ name: m[1]!, initialBudget: { value: m[2]!, unit, source: sourceInParagraph(ctx, p, m.index, m.index + m[0].length) } });
      if (m[4] === '。' || m[4] === '；' || m[4] === ';') break;
    }
    if (rows.length >= 2) {
      put(ctx, 'projects', { unit: '万元', rows }, `${rows.length} 个项目（据项目分布情况）`, (rows[0]!['initialBudget'] as { source: ReturnType<typeof sourceAt> }).source);
      return;
    }
  }
}

/** What a project's name ends with when a report names it in a sentence. */
const PROJECT_NAME_END = /(?:项目|经费|资金|工程|专项|补助|补贴|工作经费|运维费|建设费|购置费|服务费)$/;
/** Names that are parts of the budget or the whole, not projects. */
const NOT_A_PROJECT = /^(?:基本支出|项目支出|部门|本部门|我局|本单位|全年|年初|合计|总计|其中|财政拨款|一般公共预算|政府性基金)|支出$|^.{0,2}项目$|^(?:其他|重点|主要|部分|各类|以下)/;
const ENUMERATOR = /^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]|[一二三四五六七八九十]是|[①-⑳])\s*/;

/**
 * Projects a report states in sentences: "高标准农田建设项目，全年预算1,500.00万元，实际支出1,450.30万元，执行率
 * 96.69%" — a clause that opens with a project's name (or its name in quotes) and goes on, within its sentence, to at
 * least two of its figures by their words (年初预算, 全年预算 / 调整后预算, 实际支出 / 执行数, 执行率). Read only
 * where two or more such projects are stated, so that one sentence about one fund is not taken for a project list.
 */
export function extractProseProjects(ctx: ExtractContext): void {
  if (getPath(ctx.draft, 'projects') !== undefined) return;
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const p of ctx.seg.paragraphs) {
    if (!p.text.includes('万') && !p.text.includes('元')) continue;
    for (const sm of p.text.matchAll(/[^。；;]+/g)) {
      const sentence = sm[0];
      // The name opens the sentence, or follows its introduction ("项目支出主要包括：").
      const colon = /[：:]/.exec(sentence);
      const bodyStart = colon && !/\d/.test(sentence.slice(0, colon.index)) && colon.index < 30 ? colon.index + 1 : 0;
      const rest = sentence.slice(bodyStart);
      const lead = ENUMERATOR.exec(rest)?.[0].length ?? 0;
      const head = /^([^，,\d]{3,40}?)(?:[，,]|(?=(?:年初|全年|调整后)?预算|实际支出|支出|执行))/.exec(rest.slice(lead));
      if (!head) continue;
      const name = head[1]!.trim().replace(/^[“"「]|[”"」]$/g, '');
      if (name.length < 3 || NOT_A_PROJECT.test(name) || (!PROJECT_NAME_END.test(name) && !/^[“"「]/.test(head[1]!.trim()))) continue;
      const offset = sm.index + bodyStart + lead + head[0].length;
      const body = p.text.slice(offset, sm.index + sentence.length);
      const row: Record<string, unknown> = { name };
      let figures = 0;
      for (const t of scanNumbers(body)) {
        const before = body.slice(Math.max(0, t.start - 12), t.start).replace(/\s+$/, '');
        const m = moneyOf(t);
        if (m) {
          const f = FIELD_PATTERNS.find(([re]) => re.test(before)) ?? (/(?:实际|已)?支出(?:了)?$|执行(?:了)?$/.test(before) ? ([/./, 'actualSpending'] as const) : undefined);
          if (f && row[f[1]] === undefined) {
            row[f[1]] = { ...m, source: sourceInParagraph(ctx, p, offset + t.start, offset + t.end) };
            figures++;
          }
        } else if (t.unit === '%' && /执行率(?:为|达)?$|支出率(?:为|达)?$|完成率(?:为|达)?$|完成(?:全年)?预算的$/.test(before) && row['printed'] === undefined) {
          row['printed'] = { executionRate: { value: `${percentText(t)}%`, source: sourceInParagraph(ctx, p, offset + t.start, offset + t.end) } };
          figures++;
        }
      }
      if (figures < 2 || seen.has(name)) continue;
      seen.add(name);
      rows.push(row);
    }
  }
  if (rows.length < 2) return;
  const first = rows[0]!['adjustedBudget'] ?? rows[0]!['actualSpending'] ?? rows[0]!['initialBudget'];
  put(ctx, 'projects', { unit: '万元', rows }, `${rows.length} 个项目（据正文所述）`, (first as { source: ReturnType<typeof sourceAt> }).source);
}
