/**
 * The department's budget summary (年初预算, 调整后预算, 实际支出) and its printed rates (预算完成率, 预算调整率):
 * first from labelled form cells, then from the sentences of a report. A figure qualified by a part of the budget
 * (基本支出, 项目, 三公, a functional class …) is not the department total and is skipped.
 */
import { compactLabel } from '../../core/text/normalize.ts';
import { breakBefore } from '../../core/text/reach.ts';
import { percentText } from '../../core/text/numbers.ts';
import type { Row, Table } from '../segment.ts';
import { type ExtractContext, cellNumber, cellPercent, getPath, moneyOf, numbersOf, put, putMoney, putPrinted, sourceAt, sourceInParagraph, unitFromNotes } from './context.ts';
import { type ColumnSpec, findHeader } from './table-columns.ts';

/** Form labels (spaces removed) → draft path. */
const FORM_LABELS: readonly (readonly [RegExp, string, 'money' | 'rate' | 'points'])[] = [
  [/^执行率权重(?:[（(]分[)）])?$/, 'budget.weight', 'points'],
  [/^执行率得分(?:[（(]分[)）])?$/, 'budget.score', 'points'],
  [/^(?:部门)?年初预算(?:收入|数|支出)?(?:[（(]万元[）)])?$/, 'budget.initialBudget', 'money'],
  [/^(?:年度预算调整数|调整后预算(?:数)?|全年预算(?:数)?|年度预算数)(?:[（(]万元[）)])?$/, 'budget.adjustedBudget', 'money'],
  [/^部门调整预算收入$/, 'budget.adjustedRevenue', 'money'],
  [/^(?:实际支出(?:数)?|全年执行数|执行数|决算数|实际执行数)(?:[（(]万元[）)])?$/, 'budget.actualSpending', 'money'],
  [/^(?:预算完成率|预算执行率|全年预算执行率|支出率)(?:[（(][%％][)）])?$/, 'budget.printed.executionRate', 'rate'],
  [/^预算调整率(?:[（(][%％][)）])?$/, 'budget.printed.adjustmentRate', 'rate'],
];

/** A header cell of an indicator table or a scorecard: the rows below it are not the budget form's labels. */
const INDICATOR_HEADER = /^(?:一级指标|二级指标|三级指标|指标名称|年度指标值|指标值|目标值|评分标准|评价指标)(?:名称)?$/;

/** The unit a table declares for its figures, or the document default. */
export function tableUnit(t: Table | undefined): '元' | '万元' {
  return unitFromNotes(t?.unitNotes ?? []) ?? '万元';
}

/**
 * The unit of a table whose header may say it: its notes ("单位：万元"), a "（万元）"/"（元）" in a header cell up to
 * `headerRow` or in its caption, else the document default.
 */
export function headerUnit(t: Table, headerRow: number): '元' | '万元' {
  const fromNotes = unitFromNotes(t.unitNotes);
  if (fromNotes) return fromNotes;
  for (const text of [...t.rows.slice(0, headerRow + 1).flatMap((r) => r.cells), t.caption ?? '']) {
    const m = /[（(]\s*(?:金额)?(?:单位[：:]\s*)?(万元|元)\s*[)）]/.exec(text);
    if (m) return m[1] as '元' | '万元';
  }
  return '万元';
}

export function extractBudgetForm(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    const unit = tableUnit(table);
    let inIndicators = false;
    for (const row of table.rows) {
      // Why: under an indicator header, "预算完成率 | 100% | 97.30%" is an indicator and its target, not the
      // department's printed rate. A header has two such words at least: one label cell "评分标准 | 某标准" beside the
      // rates of an identity block is no header.
      if (!inIndicators && row.cells.filter((x) => INDICATOR_HEADER.test(compactLabel(x))).length >= 2) inIndicators = true;
      if (inIndicators) continue;
      row.cells.forEach((cell, col) => {
        const label = compactLabel(cell);
        if (label.length > 14) return;
        // "其中：一般公共预算 | 1234.56" — the general-public-budget part of actual spending.
        if (/^其中[：:]?一般公共预算(?:支出)?$/.test(label)) {
          const v = nextValue(row.cells, col);
          if (v?.number) {
            const src = sourceAt(ctx, row.cellLines[v.col] ?? row.lines[0]!, v.col, `${cell} ${v.text}`);
            if (!getPath(ctx.draft, 'budget.fundSources')) {
              put(ctx, 'budget.fundSources', [{ name: '一般公共预算', actualSpending: { value: v.number, unit, source: src } }], `一般公共预算 实际支出 ${v.number} ${unit}`, src);
            }
          }
          return;
        }
        for (const [re, path, kind] of FORM_LABELS) {
          if (!re.test(label)) continue;
          const v = nextValue(row.cells, col);
          if (!v) break;
          const src = sourceAt(ctx, row.cellLines[v.col] ?? row.lines[0]!, v.col, `${cell} ${v.text}`);
          // A rate label saying "(%)" prints the bare number: the percentage as printed.
          const pct = v.percent ?? (kind === 'rate' && /[%％][)）]$/.test(label) && v.number ? `${v.number}%` : undefined);
          if (kind === 'rate' && pct) putPrinted(ctx, path, pct, src);
          if (kind === 'money' && v.number) putMoney(ctx, path, { value: v.number, unit }, src);
          if (kind === 'points' && v.number && /^\d{1,3}(?:\.\d{1,4})?$/.test(v.number)) put(ctx, path, v.number, v.number, src);
          break;
        }
      });
    }
  }
}

/** The first non-empty cell right of `col` (a label's value), read as a number or percentage. */
function nextValue(cells: readonly string[], col: number): { col: number; text: string; number?: string; percent?: string } | undefined {
  for (let j = col + 1; j < cells.length; j++) {
    const text = cells[j]!;
    if (!text) continue;
    const number = cellNumber(text);
    const percent = cellPercent(text);
    if (!number && !percent) return undefined;
    return { col: j, text, ...(number ? { number } : {}), ...(percent ? { percent } : {}) };
  }
  return undefined;
}

type BudgetKey = 'initial' | 'adjusted' | 'actual' | 'rate' | 'adjustmentRate' | 'weight' | 'score';

/** Trailing "（万元）", "(%)", "（分）" of a header cell, and column letters "(A)", "(B/A)". */
const UNIT_SUFFIX = '(?:[（(](?:万元|元|%|％|分|[A-Za-z][A-Za-z/÷×*+\\-－]{0,6})[)）]){0,2}';

/**
 * The columns of a budget-execution table, by the words of its header in any order: 年初预算数 | 全年(调整)预算数 |
 * 全年执行数 | 执行率 | 执行率权重 | 执行率得分 (the national project form and the provinces' department forms), 年初预算 |
 * 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分, 年初预算数 | 调整后预算数 | 实际支出数 | 预算完成率 | 预算调整率.
 * Order matters: a cell goes to the first spec that matches it.
 */
const BUDGET_COLUMNS: readonly ColumnSpec<BudgetKey>[] = [
  { key: 'weight', re: new RegExp(`^(?:执行率|预算执行)?(?:权重|分值)${UNIT_SUFFIX}$`) },
  { key: 'score', re: new RegExp(`^(?:执行率|预算执行)?得分${UNIT_SUFFIX}$`) },
  { key: 'adjustmentRate', re: new RegExp(`^预算调整率${UNIT_SUFFIX}$`) },
  { key: 'rate', re: new RegExp(`^(?:预算|全年)?(?:执行率|完成率|支出率)${UNIT_SUFFIX}$|^(?:预算执行率|预算完成率|支出实现率|资金执行率)${UNIT_SUFFIX}$`) },
  { key: 'initial', re: new RegExp(`^年初(?:预算|安排)(?:数|金额|资金)?${UNIT_SUFFIX}$`) },
  {
    key: 'adjusted',
    re: new RegExp(`^(?:全年[（(]?调整[)）]?预算(?:数)?|调整后(?:的)?预算(?:数)?|全年预算(?:数)?|调整预算(?:数)?|预算数|全年可用(?:预算|资金)(?:数)?)${UNIT_SUFFIX}$`),
  },
  {
    key: 'actual',
    re: new RegExp(`^(?:全年执行数|预算执行数|执行数|实际支出(?:数)?|全年支出(?:数)?|决算(?:支出)?数|实际执行数|拨付(?:数|资金)?|实际拨付(?:数)?|支出数)${UNIT_SUFFIX}$`),
  },
];

/** A header naming a part of the budget per row (a project, a class, a unit): its 合计 is not the department's. */
const PART_HEADER = /项目名称|科目|分类|支出内容|单位名称|^序号$|指标/;

/**
 * Rows that split the department's budget by kind or fund source (基本支出, 项目支出, 财政拨款, 其他资金 …) — parts of
 * the whole, never projects: a table of such rows under a "项目" header is the department's budget table.
 */
export const BUDGET_PART_ROW =
  /^(?:其中[：:]?)?(?:[一二三四五六七八九十]{1,3}[、.．])?(?:基本支出|项目支出|人员经费|(?:日常)?公用经费|“?三公”?经费|财政拨款(?:收入|资金|支出)?|当年财政拨款|一般公共预算(?:资金|拨款|财政拨款)?|政府性基金(?:预算)?(?:资金|拨款)?|国有资本经营预算(?:资金)?|财政专户管理资金|单位资金|自有资金|其他资金|其他收入|事业收入|上年结转(?:资金|结余)?|结转结余(?:资金)?|财政资金(?:小计|合计)?|资金(?:小计|合计|总额)|合计|总计|小计|总额|年度资金总额)$/;

/** Names of the row that holds the department's whole budget, strongest first. */
const WHOLE_ROWS: readonly RegExp[] = [
  /^(?:部门)?(?:资金|预算)?(?:合计|总计|总额)$|^年度资金总额$|^资金总额$|^预算资金总额$/,
  /^(?:部门(?:整体)?(?:预算|支出|资金)(?:合计|总额)?|部门整体)$/,
  /^财政(?:资金|拨款)(?:小计|合计)$/,
];

const isMoneyKey = (k: BudgetKey) => k === 'initial' || k === 'adjusted' || k === 'actual';

/**
 * Budget tables read by their header words (年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分 …,
 * any order): the department's row is the one named as the whole (合计, 总额, 年度资金总额, 部门预算, 财政资金小计)
 * or the table's only row of figures. Its 权重 and 得分 are the execution weight and score (budget.weight, .score).
 */
export function extractBudgetTable(ctx: ExtractContext): void {
  const isHeaderText = (cells: readonly string[]) => {
    const text = cells.join('');
    // Any of the words' first characters: a wrapped header's first row holds only pieces ("年初预", "全年执").
    return /[预执支拨决]/.test(text) && !/\d/.test(text.replace(/[（(][^）)]*[)）]/g, '').replace(/\d+年/g, ''));
  };
  for (const table of ctx.seg.tables) {
    for (let r = 0; r < table.rows.length; r++) {
      if (!isHeaderText(table.rows[r]!.cells)) continue;
      let header = findHeader(table, BUDGET_COLUMNS, [], r);
      if (!header || header.rowIndex !== r) continue;
      // A header a narrow PDF column wrapped over two rows ("年初预" over "算数"): the two rows' cells joined.
      const next = table.rows[r + 1];
      if (moneyColumns(header.columns) < 2 && next && !next.cells.some((x) => /\d/.test(x))) {
        const a = table.rows[r]!.cells;
        const joined = Array.from({ length: Math.max(a.length, next.cells.length) }, (_, i) => `${a[i] ?? ''}${next.cells[i] ?? ''}`);
        const j = findHeader({ ...table, rows: [{ ...next, cells: joined }] }, BUDGET_COLUMNS, []);
        if (j && moneyColumns(j.columns) >= 2) header = { ...j, rowIndex: r + 1 };
      }
      const h = header.rowIndex;
      const c = header.columns;
      if (moneyColumns(c) < 2) continue;
      if (header.cells.some((x) => PART_HEADER.test(x))) continue;
      // A "项目" header is the row-name column of a budget table only when its rows are parts of the budget.
      if (header.cells.some((x) => /^项目$/.test(x)) && !partsOnly(table, h, c)) continue;
      const rows = valueRowsOf(table, h, c);
      const row = wholeRow(rows);
      if (!row) continue;
      if (readBudgetRow(ctx, table, h, row.row, row.name, c)) {
        readPartRows(ctx, table, h, rows.filter((x) => x !== row), c);
        return;
      }
    }
  }
}

const moneyColumns = (c: Partial<Record<BudgetKey, number>>) => (['initial', 'adjusted', 'actual'] as const).filter((k) => c[k] !== undefined).length;

/** Whether every row of figures under the header is named as a part of the budget (基本支出, 项目支出, 合计 …). */
function partsOnly(table: Table, h: number, c: Partial<Record<BudgetKey, number>>): boolean {
  const first = Math.min(...(Object.values(c) as number[]));
  let n = 0;
  for (const row of table.rows.slice(h + 1)) {
    const name = row.cells.slice(0, first).map(compactLabel).filter(Boolean).join('');
    if (!name) continue;
    if (!BUDGET_PART_ROW.test(name)) return false;
    n++;
  }
  return n > 0;
}

interface ValueRow {
  readonly row: Row;
  readonly name: string;
}

/** The rows of figures under a budget header, each with its name (the cells left of the figures), to the first other row. */
function valueRowsOf(table: Table, h: number, c: Partial<Record<BudgetKey, number>>): ValueRow[] {
  const first = Math.min(...(Object.values(c) as number[]));
  const valueRows: ValueRow[] = [];
  for (const row of table.rows.slice(h + 1)) {
    const hasFigure = (['initial', 'adjusted', 'actual'] as const).some((k) => c[k] !== undefined && cellNumber(row.cells[c[k]!] ?? '') !== undefined);
    if (!hasFigure) {
      if (row.cells.every((x) => x.trim() === '' || /^[-—/／]+$/.test(x.trim()))) continue;
      break;
    }
    const name = row.cells.slice(0, first).map(compactLabel).filter(Boolean).join('');
    valueRows.push({ row, name });
  }
  return valueRows;
}

/** The row of figures that holds the department's whole budget, if one does. */
function wholeRow(valueRows: readonly ValueRow[]): ValueRow | undefined {
  if (!valueRows.length) return undefined;
  for (const re of WHOLE_ROWS) {
    const hit = valueRows.find((v) => re.test(v.name.replace(/^(?:[一二三四五六七八九十]{1,3}[、.．])/, '').replace(/^其中[：:]?/, '')));
    if (hit) return hit;
  }
  // The only row; or a first row without a name (under a header naming the whole, "部门预算执行情况") followed only
  // by its parts ("其中：财政拨款").
  if (valueRows.length === 1) return valueRows[0];
  if (valueRows[0]!.name === '' && valueRows.slice(1).every((v) => v.name !== '' && BUDGET_PART_ROW.test(v.name))) return valueRows[0];
  return undefined;
}

const bareRowName = (name: string) => name.replace(/^(?:[一二三四五六七八九十]{1,3}[、.．])/, '').replace(/^其中[：:]?/, '');

/** Fund sources as rows of a budget table: 财政拨款, 其他资金, 上年结转 … (not 基本支出/项目支出, which are kinds of spending). */
const FUND_SOURCE_ROW = /财政拨款|财政资金|一般公共预算|政府性基金|国有资本经营|财政专户|单位资金|自有资金|其他资金|其他收入|事业收入|上年结转|结转结余资金/;

/**
 * The other rows of the department's budget table: 基本支出 and 项目支出 as budget.basic / budget.project, fund sources
 * (财政拨款, 其他资金 …) as budget.fundSources — each a line of 年初 / 调整后 / 实际 and its printed rate, so that the
 * parts can be checked against the whole and against the text.
 */
function readPartRows(ctx: ExtractContext, table: Table, h: number, rows: readonly ValueRow[], c: Partial<Record<BudgetKey, number>>): void {
  const sources: Record<string, unknown>[] = [];
  let firstSource: ReturnType<typeof sourceAt> | undefined;
  for (const r of rows) {
    const name = bareRowName(r.name);
    const line = lineOf(ctx, table, h, r, c);
    if (!line) continue;
    const src = sourceAt(ctx, r.row.lines[0]!, undefined, [r.name, ...r.row.cells.slice(1).filter(Boolean)].join(' | '));
    if (/^基本支出$/.test(name)) put(ctx, 'budget.basic', line, `基本支出 ${summaryOf(line)}`, src);
    else if (/^项目支出$/.test(name)) put(ctx, 'budget.project', line, `项目支出 ${summaryOf(line)}`, src);
    else if (FUND_SOURCE_ROW.test(name) && !/小计|合计/.test(name)) {
      sources.push({ name, ...line });
      firstSource ??= src;
    }
  }
  if (sources.length && firstSource) put(ctx, 'budget.fundSources', sources, `${sources.length} 个资金来源`, firstSource);
}

function summaryOf(line: Record<string, unknown>): string {
  return (['initialBudget', 'adjustedBudget', 'actualSpending'] as const)
    .map((k) => (line[k] as { value?: string } | undefined)?.value ?? '—')
    .join(' / ');
}

/** One row of a budget table as a budget line: its amounts in the table's unit and its printed rate, each with its cell. */
function lineOf(ctx: ExtractContext, table: Table, h: number, r: ValueRow, c: Partial<Record<BudgetKey, number>>): Record<string, unknown> | undefined {
  const unit = headerUnit(table, h);
  const headerCells = table.rows[h]!.cells;
  const out: Record<string, unknown> = {};
  for (const k of ['initial', 'adjusted', 'actual', 'rate'] as const) {
    const col = c[k];
    if (col === undefined) continue;
    const text = (r.row.cells[col] ?? '').trim();
    if (!text) continue;
    const src = sourceAt(ctx, r.row.cellLines[col] ?? r.row.lines[0]!, col, `${r.name} ${compactLabel(headerCells[col] ?? '')} ${text}`);
    if (k === 'rate') {
      const bare = text.replace(/\s/g, '');
      const pct = cellPercent(text) ?? (/^-?\d+(?:\.\d+)?$/.test(bare) ? `${bare}%` : undefined);
      if (pct) out['printed'] = { executionRate: { value: pct, source: src } };
      continue;
    }
    const n = cellNumber(text);
    if (n === undefined) continue;
    out[k === 'initial' ? 'initialBudget' : k === 'adjusted' ? 'adjustedBudget' : 'actualSpending'] = { value: n, unit, source: src };
  }
  return Object.keys(out).some((k) => k !== 'printed') ? out : undefined;
}

function readBudgetRow(ctx: ExtractContext, table: Table, h: number, row: Row, name: string, c: Partial<Record<BudgetKey, number>>): boolean {
  const unit = headerUnit(table, h);
  const headerCells = table.rows[h]!.cells;
  const label = (k: BudgetKey) => compactLabel(headerCells[c[k]!] ?? '');
  let any = false;
  const keys = Object.keys(c) as BudgetKey[];
  for (const k of keys) {
    const col = c[k]!;
    const text = (row.cells[col] ?? '').trim();
    if (!text) continue;
    const src = sourceAt(ctx, row.cellLines[col] ?? row.lines[0]!, col, `${name ? `${name} ` : ''}${label(k)} ${text}`);
    if (isMoneyKey(k)) {
      const n = cellNumber(text);
      const path = k === 'initial' ? 'budget.initialBudget' : k === 'adjusted' ? 'budget.adjustedBudget' : 'budget.actualSpending';
      if (n !== undefined && putMoney(ctx, path, { value: n, unit }, src)) any = true;
    } else if (k === 'rate' || k === 'adjustmentRate') {
      // A rate column whose header says "(%)" prints bare numbers: the percentage as printed.
      const bare = text.replace(/\s/g, '');
      const pct = cellPercent(text) ?? (/^-?\d+(?:\.\d+)?$/.test(bare) ? `${bare}%` : undefined);
      if (pct) putPrinted(ctx, k === 'rate' ? 'budget.printed.executionRate' : 'budget.printed.adjustmentRate', pct, src);
    } else {
      const n = text.replace(/\s/g, '');
      if (/^\d{1,3}(?:\.\d{1,4})?$/.test(n)) put(ctx, k === 'weight' ? 'budget.weight' : 'budget.score', n, n, src);
    }
  }
  return any;
}

/**
 * Words that make a figure a part of the budget rather than the department's total: a budget block, an expense
 * type, a fund source other than the whole, a functional class (政府收支分类科目 类级), a project.
 */
const PART_QUALIFIER =
  /基本支出|项目|人员经费|公用经费|三公|采购|资产|政府性基金|国有资本|社会保障|卫生健康|住房保障|灾害防治|一般公共服务|公共安全|教育|科学技术|文化旅游|节能环保|城乡社区|农林水|交通运输|资源勘探|商业服务|金融|援助其他|自然资源|粮油物资|债务|工资福利|商品和服务|对个人和家庭|资本性|专项|上年|去年|同比|比上年|结转|结余|季度|月末|月底/;

const KEYWORDS: readonly (readonly [RegExp, string])[] = [
  [/(?:年初(?:支出)?(?:批复)?预算(?:批复)?(?:数|金额|收入|支出)?|初预算支出|预算收入)$/, 'budget.initialBudget'],
  [/(?:调整(?:后)?预算(?:数|收入|支出|总额)?|全年预算(?:数|总额|合计)?|预算资金总额|年度预算总额|预算(?:收入)?(?:合计|总计))$/, 'budget.adjustedBudget'],
  [/(?:决算(?:数|支出)?|实际支出(?:数|金额)?|执行数|支出决算(?:数)?|完成预算数|财政拨款支出|实际完成数|全年(?:实际|累计)?支出(?:数|金额)?|累计支出|实际拨付(?:资金)?|支出(?:合计|总额|总计)|(?:全年|实际|累计|预算)执行(?:数|金额|资金)?)$/, 'budget.actualSpending'],
];

const isSentenceEnd = (c: string) => '。；;！？\n'.includes(c);
const isClauseBreak = (c: string) => '，,：:（('.includes(c);

/**
 * A sentence's text from its start (after 。；) to `at`, and from the last comma to `at` — at most SENTENCE_REACH
 * characters back, so that a text of thousands of figures without a full stop is not read again for each.
 */
function prefixes(text: string, at: number): { sentence: string; clause: string } {
  const s = breakBefore(text, at, isSentenceEnd);
  const c = Math.max(s, breakBefore(text, at, isClauseBreak, at - s));
  return { sentence: text.slice(s, at), clause: text.slice(c, at) };
}

function isDepartmentTotal(text: string, keywordStart: number, keywordText: string): boolean {
  const { sentence } = prefixes(text, keywordStart);
  // Why the whole sentence: the subject of "社会保障和就业年初预算数为18.33万元，决算数为 18.33万元" is named once.
  if (PART_QUALIFIER.test(sentence + keywordText.replace(/预算收入$|预算$/, ''))) return false;
  // "“XX项目”绩效情况：全年预算数…" — a project's figures.
  if (/[”"」]\s*(?:项目)?(?:绩效情况|情况)?[：:]/.test(sentence) || /项目[^。]{0,12}[：:]/.test(sentence)) return false;
  return true;
}

export function extractBudgetNarrative(ctx: ExtractContext): void {
  for (const p of ctx.seg.paragraphs) {
    if (!/预算|决算|支出|执行/.test(p.text)) continue;
    const tokens = numbersOf(p);
    if (!tokens.some((t) => t.unit === '万元' || t.unit === '元' || t.unit === '亿元' || t.unit === '%')) continue;
    for (const t of tokens) {
      const m = moneyOf(t);
      if (!m) continue;
      const raw = p.text.slice(Math.max(0, t.start - 24), t.start).replace(/\s+$/, '');
      // "预算收入合计X万元，其中年初…": the whole year's total, not the initial budget the bare 预算收入 names.
      const whole = /预算(?:收入|资金)?(?:合计|总计)(?:为|是|：|:)?$/.test(raw) && !/年初[^，,。；;]{0,8}$/.test(raw.replace(/预算(?:收入|资金)?(?:合计|总计)(?:为|是|：|:)?$/, ''));
      const before = whole ? raw.replace(/(?:为|是|：|:)$/, '') : raw.replace(/(?:为|是|达到?|共计|合计|总计|共|计|：|:)$/, '').replace(/\s+$/, '');
      // "部门预算数为2,000万元（其中年初预算1,800万元，年中追加200万元）": a 预算数 broken down into 年初 and an
      // addition is the whole year's budget. (A bare "预算数" is the approved, initial budget in the 2013 framework.)
      const brokenDown =
        /预算(?:总)?数$/.test(before) &&
        !/(?:年初|调整|追加|完成|执行)[^，,。；;]{0,4}预算(?:总)?数$/.test(before) &&
        /^\s*(?:[（(]\s*(?:其中|含)?[^。；;)）]{0,12}(?:年初|追加|调增|调减)|[，,]\s*其中[^。；;]{0,8}年初)/.test(p.text.slice(t.end, t.end + 30));
      for (const [re, path] of brokenDown ? ([[/预算(?:总)?数$/, 'budget.adjustedBudget']] as const) : KEYWORDS) {
        const k = re.exec(before);
        if (!k) continue;
        const keywordStart = t.start - (p.text.slice(Math.max(0, t.start - 24), t.start).length - k.index);
        if (!isDepartmentTotal(p.text, keywordStart, k[0])) break;
        putMoney(ctx, path, m, sourceInParagraph(ctx, p, keywordStart, t.end));
        break;
      }
    }
  }
  extractRates(ctx);
}

const COMPLETION_RE = /(?:预算完成率|预算执行率|完成预算的|完成年初预算的|完成全年预算的|执行率|支出率|完成率|支出实现率)(?:[（(][^（）()]{1,8}[)）])?(?:为|是|达到?|：|:)?\s*$/;
const ADJUSTMENT_RE = /(?:预算调整率(?:为|是|：|:)?|调整(?:资金|数|金额)?占(?:调整后?|年初)?预算(?:数|总额)?(?:的)?(?:比例)?(?:为)?)\s*$/;

function extractRates(ctx: ExtractContext): void {
  const actual = getPath(ctx.draft, 'budget.actualSpending') as { value?: string } | undefined;
  const completion: { text: string; src: ReturnType<typeof sourceInParagraph>; nearActual: boolean }[] = [];
  for (const p of ctx.seg.paragraphs) {
    if (!p.text.includes('%')) continue;
    for (const t of numbersOf(p)) {
      const pct = percentText(t);
      if (pct === undefined) continue;
      const before = p.text.slice(Math.max(0, t.start - 20), t.start);
      const k = COMPLETION_RE.exec(before);
      const a = ADJUSTMENT_RE.exec(before);
      const kwStart = t.start - before.length + (k?.index ?? a?.index ?? 0);
      if (!k && !a) continue;
      if (!isDepartmentTotal(p.text, kwStart, (k ?? a)![0])) continue;
      const src = sourceInParagraph(ctx, p, kwStart, t.end);
      if (a) putPrinted(ctx, 'budget.printed.adjustmentRate', `${pct}%`, src);
      else {
        const { sentence } = prefixes(p.text, t.start);
        completion.push({ text: `${pct}%`, src, nearActual: Boolean(actual?.value && sentence.includes(actual.value)) });
      }
    }
  }
  // The rate printed beside the actual spending figure is the department's; otherwise the first one.
  const best = completion.find((c) => c.nearActual) ?? completion[0];
  if (best) putPrinted(ctx, 'budget.printed.executionRate', best.text, best.src);
}
