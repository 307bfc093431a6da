/**
 * The department's budget summary (年初预算, 调整后预算, 实际支出) and its printed rates (预算完成率, 预算调整率):
 * first from labelled form cells, then from the sentences of a report. A figure qualified by a part of the budget
 * (基本支出, 项目, 三公, a functional class …) is not the department total and is skipped. In the report on one
 * project or one fund (subject.ts) the project is the whole: 项目 then names it, not a part.
 */
import { type Amount, amount, valueIn } from '../../core/amount.ts';
import { HUNDRED, ZERO, abs, add, cmp, decimalsOf, div, mul, parseExact, pow10, reduce, sub } from '../../core/exact.ts';
import { compactLabel } from '../../core/text/normalize.ts';
import { breakBefore, breakFrom } from '../../core/text/reach.ts';
import { percentText } from '../../core/text/numbers.ts';
import { type Row, type Table, lineAt, rowsOnward } from '../segment.ts';
import { type ExtractContext, cellNumber, cellPercent, getPath, moneyOf, numbersOf, put, putMoney, putPrinted, sourceAt, sourceInParagraph, unitFromNotes } from './context.ts';
import { documentSubject } from './subject.ts';
import { type ColumnSpec, findHeader } from './table-columns.ts';

/** A column's letters or formula in its header: "A", "B/A", "B/A×100%", "④/③", "C=B÷A". */
const COLUMN_FORMULA = '[A-Za-z①-⑳][A-Za-z0-9①-⑳/÷×*+\\-－=.%％]{0,14}';

/** Form labels (spaces removed) → draft path. */
const FORM_LABELS: readonly (readonly [RegExp, string, 'money' | 'rate' | 'points'])[] = [
  [/^执行率权重(?:[（(]分[)）])?$/, 'budget.weight', 'points'],
  [/^执行率得分(?:[（(]分[)）])?$/, 'budget.score', 'points'],
  [/^(?:部门)?年初预算(?:收入|数|支出)?(?:[（(]万元[）)])?$/, 'budget.initialBudget', 'money'],
  [/^(?:年度预算调整数|调整后预算(?:数)?|全年预算(?:数)?|年度预算数)(?:[（(]万元[）)])?$/, 'budget.adjustedBudget', 'money'],
  [/^部门调整预算收入$/, 'budget.adjustedRevenue', 'money'],
  [/^(?:实际支出(?:数)?|全年执行数|执行数|决算数|实际执行数)(?:[（(]万元[）)])?$/, 'budget.actualSpending', 'money'],
  [new RegExp(`^(?:预算完成率|预算执行率|全年预算执行率|支出率|资金执行率)(?:[（(](?:[%％]|${COLUMN_FORMULA})[)）])?$`), 'budget.printed.executionRate', 'rate'],
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
 * `headerRow`, in its caption or on the lines just above it (`above`, nearest last), else the document default.
 */
export function headerUnit(t: Table, headerRow: number, above: readonly string[] = []): '元' | '万元' {
  const fromNotes = unitFromNotes(t.unitNotes);
  if (fromNotes) return fromNotes;
  for (const text of [...t.rows.slice(0, headerRow + 1).flatMap((r) => r.cells), t.caption ?? '', ...[...above].reverse()]) {
    // "（万元）", "（单位：元）", or a form's corner cell "金额单位：元" unbracketed.
    const m = /[（(]\s*(?:金额)?(?:单位[：:]\s*)?(万元|元)\s*[)）]|(?:金额)?单位[：:]\s*(万元|元)(?![\u4e00-\u9fa5/／])/.exec(text);
    if (m) return (m[1] ?? m[2]) as '元' | '万元';
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
        if (label.length > 24) return;
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

/** Trailing "（万元）", "(%)", "（分）" of a header cell, and column letters or formulas "(A)", "(B/A)", "(B/A×100%)". */
const UNIT_SUFFIX = `(?:[（(](?:万元|元|%|％|分|${COLUMN_FORMULA})[)）]){0,2}`;

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
  { key: 'rate', re: new RegExp(`^(?:预算|全年|资金)?(?:执行率|完成率|支出率|使用率)${UNIT_SUFFIX}$|^(?:预算执行率|预算完成率|支出实现率|资金执行率)${UNIT_SUFFIX}$`) },
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
  /^(?:按[\u4e00-\u9fa5]{1,6}分[：:])?(?:其中[：:]?)?(?:[一二三四五六七八九十]{1,3}[、.．])?(?:基本支出|项目支出|人员经费|(?:日常)?公用经费|“?三公”?经费|财政拨款(?:收入|资金|支出)?|当年财政拨款|一般公共预算(?:资金|拨款|财政拨款)?|政府性基金(?:预算)?(?:资金|拨款)?|国有资本经营预算(?:资金)?|财政专户管理资金|单位资金|自有资金|其他资金|其他收入|事业收入|上年结转(?:资金|结余)?|结转结余(?:资金)?|财政资金(?:小计|合计)?|资金(?:小计|合计|总额)|合计|总计|小计|总额|年度资金总额)$/;

/** Names of the row that holds the department's whole budget, strongest first. */
const WHOLE_ROWS: readonly RegExp[] = [
  /^(?:部门)?(?:整体)?(?:资金|预算|支出){0,2}(?:合计|总计|总额)$|^年度资金总额$|^(?:年度)?总支出$/,
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
      const rows = valueRowsOf(ctx, table, h, c);
      const row = wholeRow(rows);
      if (!row) continue;
      if (readBudgetRow(ctx, table, h, row.row, row.name, c)) {
        const sideBySide = readSideBySideParts(ctx, table, h, rows.filter((x) => x !== row));
        readPartRows(ctx, table, h, rows.filter((x) => x !== row && !sideBySide.has(x.row)), c);
        return;
      }
    }
  }
}

const moneyColumns = (c: Partial<Record<BudgetKey, number>>) => (['initial', 'adjusted', 'actual'] as const).filter((k) => c[k] !== undefined).length;

/** A cell of a row that does not end the budget rows: empty, a dash, a label awaiting its parts ("按收入性质分："), a unit. */
const awaitsParts = (x: string): boolean => x.trim() === '' || /^[-—/／]+$/.test(x.trim()) || /[：:]$/.test(x.trim()) || /^[（(](?:万元|元)[)）]$/.test(x.trim());

/** Whether every row of figures under the header is named as a part of the budget (基本支出, 项目支出, 合计 …). */
function partsOnly(table: Table, h: number, c: Partial<Record<BudgetKey, number>>): boolean {
  const first = Math.min(...(Object.values(c) as number[]));
  let n = 0;
  for (const row of table.rows.slice(h + 1)) {
    // The budget rows end at the first row without a figure under the amounts (the form's next block: 年度主要任务 …).
    const hasFigure = (['initial', 'adjusted', 'actual'] as const).some((k) => c[k] !== undefined && cellNumber(row.cells[c[k]!] ?? '') !== undefined);
    if (!hasFigure && !row.cells.every(awaitsParts)) break;
    const names = row.cells.slice(0, first).map(compactLabel).filter(Boolean);
    if (!names.length) continue;
    // The row's own label is the last cell before its figures; a cell before it is a group label printed beside the
    // rows ("年度预算" ⏎ "执行情况").
    if (!BUDGET_PART_ROW.test(names.join('')) && !BUDGET_PART_ROW.test(names.at(-1)!)) return false;
    n++;
  }
  return n > 0;
}

interface ValueRow {
  readonly row: Row;
  readonly name: string;
  /** The last cell before the figures, without a trailing colon. */
  readonly label?: string;
}

/** The rows of figures under a budget header, each with its name (the cells left of the figures), to the first other row. */
function valueRowsOf(ctx: ExtractContext, table: Table, h: number, c: Partial<Record<BudgetKey, number>>): ValueRow[] {
  const first = Math.min(...(Object.values(c) as number[]));
  const valueRows: ValueRow[] = [];
  for (const printed of rowsOnward(ctx.seg, table, table.rows.slice(h + 1), table.rows[h])) {
    const row = alignedRow(printed, c);
    const hasFigure = (['initial', 'adjusted', 'actual'] as const).some((k) => c[k] !== undefined && cellNumber(row.cells[c[k]!] ?? '') !== undefined);
    if (!hasFigure) {
      // An empty row, or one of labels awaiting their parts ("按收入性质分： | 按支出性质分："), does not end the rows.
      if (row.cells.every(awaitsParts)) continue;
      break;
    }
    const names = row.cells.slice(0, first).map(compactLabel).filter(Boolean);
    // The row's own label is the last cell before its figures; cells before it are a merged group label printed
    // beside the rows ("年度预算" ⏎ "申请" ⏎ "（万元）"). A colon after it is the form's ("年度资金总额：").
    valueRows.push({ row, name: names.join(''), label: (names.at(-1) ?? '').replace(/[：:]$/, '') });
  }
  return valueRows;
}

/**
 * A row whose cells a text laid out with spaces set one column off its header (a label cell fewer or more on the left):
 * moved by the shift that puts the most figures under the header's amount columns; as printed on a tie.
 */
function alignedRow(row: Row, c: Partial<Record<BudgetKey, number>>): Row {
  const money = (['initial', 'adjusted', 'actual'] as const).map((k) => c[k]).filter((x): x is number => x !== undefined);
  const under = (shift: number) => money.filter((col) => cellNumber(row.cells[col - shift] ?? '') !== undefined).length;
  let best = 0;
  for (const shift of [-1, 1]) if (under(shift) > under(best)) best = shift;
  if (best === 0) return row;
  const pad = <T>(xs: readonly T[], fill: T): T[] => (best > 0 ? [...Array<T>(best).fill(fill), ...xs] : xs.slice(-best));
  return { ...row, cells: pad(row.cells, ''), cellLines: pad(row.cellLines, row.lines[0]!), pieces: pad(row.pieces, undefined) };
}

/** The row of figures that holds the department's whole budget, if one does. */
function wholeRow(valueRows: readonly ValueRow[]): ValueRow | undefined {
  if (!valueRows.length) return undefined;
  const bare = (n: string) => n.replace(/^(?:[一二三四五六七八九十]{1,3}[、.．])/, '').replace(/^其中[：:]?/, '');
  for (const re of WHOLE_ROWS) {
    const hit = valueRows.find((v) => re.test(bare(v.name)) || (v.label !== undefined && v.label !== v.name && re.test(bare(v.label))));
    if (hit) return hit;
  }
  // The only row; or a first row without a name (under a header naming the whole, "部门预算执行情况") followed only
  // by its parts ("其中：财政拨款").
  if (valueRows.length === 1) return valueRows[0];
  if (valueRows[0]!.name === '' && valueRows.slice(1).every((v) => v.name !== '' && BUDGET_PART_ROW.test(v.name))) return valueRows[0];
  return undefined;
}

/** A row's name without its numbering, its group label ("按收入性质分：") and 其中. */
const bareRowName = (name: string) => name.replace(/^(?:[一二三四五六七八九十]{1,3}[、.．])/, '').replace(/^按[\u4e00-\u9fa5]{1,6}分[：:]/, '').replace(/^其中[：:]?/, '');

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
    // The row's name, or its own label where a group label printed beside the rows comes before it ("（万元） | 项目支出").
    const whole = bareRowName(r.name);
    const own = bareRowName(r.label ?? r.name);
    const name = /^(?:基本支出|项目支出)$/.test(own) || (FUND_SOURCE_ROW.test(own) && !FUND_SOURCE_ROW.test(whole)) ? own : whole;
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

/** A part's label in the national department form's breakdown: "按支出性质分：其中：基本支出：" → 基本支出. */
const sideLabel = (cell: string): string =>
  compactLabel(cell)
    .replace(/^(?:[（(](?:万元|元)[)）])?(?:按(?:收入|支出)性质分[：:]?)?(?:其中[：:]?)?/, '')
    .replace(/[：:]$/, '');

/**
 * The national department form's breakdown printed side by side under its 年度资金总额 row: "按收入性质分：" on the
 * left (一般公共预算, 政府性基金 …), "按支出性质分：" on the right (基本支出, 项目支出), each label followed by its
 * figures. Three figures are 年初 / 全年 / 执行. One figure is placed in the column of the department's row that the
 * parts of one side add up to (the income side, else the spending side) — and left out where neither side tells it.
 * Returns the rows of the breakdown, which the column reading of the other rows leaves alone.
 */
function readSideBySideParts(ctx: ExtractContext, table: Table, h: number, rows: readonly ValueRow[]): Set<Row> {
  type Part = { label: string; figures: string[]; row: Row; col: number };
  const parts: Part[] = [];
  let sideBySide = false;
  for (const r of rows) {
    const segments: Part[] = [];
    r.row.cells.forEach((cell, col) => {
      const t = cell.trim();
      if (!t) return;
      const n = cellNumber(t);
      if (n !== undefined) segments.at(-1)?.figures.push(n);
      // A label is words: a rate, a score or a mark printed after the figures starts no part.
      else if (/[\u4e00-\u9fa5]/.test(t)) segments.push({ label: sideLabel(t), figures: [], row: r.row, col });
    });
    const named = segments.filter((x) => x.label !== '');
    // Two parts side by side, each with its figures: a label with none after it is a group label printed beside the
    // rows ("执行情况 | 其中：基本支出 | …"), not a part.
    const withFigures = named.filter((x) => x.figures.length > 0);
    if (withFigures.length >= 2 && withFigures.some((x) => /^(?:基本支出|项目支出)$/.test(x.label))) sideBySide = true;
    parts.push(...named);
  }
  if (!sideBySide) return new Set();
  const unit = headerUnit(table, h);
  const whole = (['initialBudget', 'adjustedBudget', 'actualSpending'] as const).map((k) => (getPath(ctx.draft, `budget.${k}`) as { value?: string } | undefined)?.value);
  const spending = parts.filter((x) => /^(?:基本支出|项目支出)$/.test(x.label));
  const income = parts.filter((x) => FUND_SOURCE_ROW.test(x.label) && !/小计|合计/.test(x.label));
  const sumOf = (side: readonly Part[]) => side.reduce((t, x) => (t && x.figures.length === 1 ? add(t, parseExact(x.figures[0]!) ?? ZERO) : undefined), side.length ? ZERO : undefined);
  const columnOf = (side: readonly Part[]) => {
    const sum = sumOf(side.filter((x) => x.figures.length === 1));
    return sum && side.every((x) => x.figures.length <= 1) ? whole.findIndex((w) => w !== undefined && cmp(parseExact(w) ?? ZERO, sum) === 0) : -1;
  };
  const single = columnOf(income) >= 0 ? columnOf(income) : columnOf(spending);
  const keys = ['initialBudget', 'adjustedBudget', 'actualSpending'] as const;
  const lineOfPart = (x: Part): Record<string, unknown> | undefined => {
    const src = sourceAt(ctx, x.row.lines[0]!, x.col, `${x.label} ${x.figures.join(' ')}`);
    if (x.figures.length === 3) return Object.fromEntries(x.figures.map((v, i) => [keys[i], { value: v, unit, source: src }]));
    if (x.figures.length === 1 && single >= 0) return { [keys[single]!]: { value: x.figures[0], unit, source: src } };
    return undefined;
  };
  for (const x of spending) {
    const line = lineOfPart(x);
    if (line) put(ctx, x.label === '基本支出' ? 'budget.basic' : 'budget.project', line, `${x.label} ${summaryOf(line)}`, sourceAt(ctx, x.row.lines[0]!, x.col, x.label));
  }
  const sources = income.flatMap((x) => {
    const line = lineOfPart(x);
    return line ? [{ name: x.label, ...line }] : [];
  });
  if (sources.length) put(ctx, 'budget.fundSources', sources, `${sources.length} 个资金来源`, sourceAt(ctx, income[0]!.row.lines[0]!, income[0]!.col, income[0]!.label));
  // Its rows are read here only: by the columns above them they would be misread.
  return new Set(parts.map((x) => x.row));
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
 * type, a fund source other than the whole (and anything after "按资金来源" in its sentence), a functional class
 * (政府收支分类科目 类级), a project.
 */
const PART_QUALIFIER =
  /基本支出|项目|人员经费|公用经费|三公|采购|资产|政府性基金|国有资本|按资金(?:来源|性质)|分资金来源|其他资金|其他收入|单位资金|自有资金|财政专户|事业收入|社会保障|卫生健康|住房保障|灾害防治|一般公共服务|公共安全|教育|科学技术|文化旅游|节能环保|城乡社区|农林水|交通运输|资源勘探|商业服务|金融|援助其他|自然资源|粮油物资|债务|工资福利|商品和服务|对个人和家庭|资本性|专项|上年|去年|同比|比上年|结转|结余|季度|月末|月底/;

/**
 * In a report on one project or one fund, the project is the whole: only these make a figure a part of it — an
 * expense type, last year, a period of the year, one batch of several (第一批, 二批项目).
 */
const PROJECT_PART_QUALIFIER = /基本支出|人员经费|公用经费|三公|上年|去年|上一年|同比|比上年|较上年|季度|月末|月底/;
/** "一批项目批复X万元", "第二批下达Y万元": one batch, by the clause that names the figure. */
const BATCH = /^(?:第)?[一二三四五六七八九十\d]{1,2}批/;

/** A government body's name ("某县交通运输局", "卫生健康委员会"): a functional class word inside it names no part of the budget. */
const ORG_NAME = /[\u4e00-\u9fa5]{0,12}?(?:局|厅|委员会|委|办公室|中心|学校|医院|院|馆|站|所|大队|队)(?=[^\u4e00-\u9fa5]|$|年|本级|机关|部门|单位|整体|的|预算|全年|[（(])/g;

type Field = 'budget.initialBudget' | 'budget.adjustedBudget' | 'budget.actualSpending';

/** Budget terms right before a figure (after 为/是/：/共计 …), tier 1: the term names the figure. */
const KEYWORDS: readonly (readonly [RegExp, Field])[] = [
  [/(?:年初(?:支出)?(?:批复)?预算(?:批复)?(?:数|金额|收入|支出)?|初预算支出|预算收入)$/, 'budget.initialBudget'],
  [
    /(?:调整(?:后)?预算(?:数|收入|支出|总额)?|全年度?预算(?:数|总额|合计)?|预算资金总额|年度预算总额|预算(?:收入)?(?:合计|总计)|预算总(?:金)?额|总预算(?:数|资金)?|(?:资金|经费)预算(?:数|总额)?)$/,
    'budget.adjustedBudget',
  ],
  [
    /(?:决算(?:数|支出)?|实际支出(?:数|金额)?|执行数|支出决算(?:数)?|完成预算数|财政拨款支出|实际完成数|全年度?(?:实际|累计)?支出(?:数|金额)?|(?:实际)?总支出(?:数|金额)?|累计支出|实际拨付(?:资金)?|支出(?:合计|总额|总计)|(?:全年|实际|累计|预算)执行(?:数|金额|资金)?)$/,
    'budget.actualSpending',
  ],
];

/** A bare 预算数 (the approved budget of the 2013 framework, the whole year's in the national project form). */
const BARE_BUDGET = /(?<!年初|调整|调整后|全年|完成|执行|追加|决算)预算(?:总)?(?:数|金额)$/;

/** "2、支出：799.12万元" — spending as the whole subject of its sentence. */
const BARE_SPENDING = /^(?:[（(]?[\d一二三四五六七八九十]{1,2}[)）、.．]\s*)?(?:本年度?|全年度?|年度)?(?:实际)?(?:总)?支出(?:合计|总额|总计)?$/;

/**
 * Tier 2: a verb of budgeting that names the figure from a distance in its clause ("年初批复预算8个项目X万元",
 * "下达我局某某经费X万元", "已完成拨付X万元"). `filler` says what may stand between the verb and the figure.
 */
const VERBS: readonly { readonly re: RegExp; readonly path: Field; readonly filler: 'any' | 'named' | 'none' }[] = [
  { re: /年初(?:预算)?(?:批复|安排|下达)(?:预算)?(?:资金|经费)?/g, path: 'budget.initialBudget', filler: 'any' },
  { re: /调整(?:后)?预算/g, path: 'budget.adjustedBudget', filler: 'named' },
  { re: /下达(?:预算)?(?:资金|经费|指标)?|批复(?:总投资|预算|资金|经费)|预算安排|安排预算/g, path: 'budget.adjustedBudget', filler: 'named' },
  { re: /(?:项目|专项)?资金(?:总额)?(?=(?:共计|共|合计|总计)\s*$)/g, path: 'budget.adjustedBudget', filler: 'none' },
  { re: /(?:已|累计|实际|共)(?:完成)?(?:拨付|支付|使用)(?:资金|经费)?|拨付(?:资金|经费)/g, path: 'budget.actualSpending', filler: 'none' },
];
/** What a verb's object may end with before its figure: the money named ("…经费", "…项目"). */
const NAMED_END = /(?:资金|经费|预算|指标|投资|项目|款项?)$/;
/** Connectors between a term and its figure. */
const CONNECTOR = /(?:为|是|达到?|共计|合计|总计|共|计|约|：|:)+$/;
const TOTAL_WORD = /(?:共计|合计|总计|共)$/;

const isSentenceEnd = (c: string) => '。；;！？\n'.includes(c);
const isClauseBreak = (c: string) => '，,：:（(）)'.includes(c);

/**
 * A sentence's text from its start (after 。；) to `at`, and from the last comma to `at` — at most SENTENCE_REACH
 * characters back, so that a text of thousands of figures without a full stop is not read again for each.
 */
function prefixes(text: string, at: number): { sentence: string; clause: string; sentenceStart: number } {
  const s = breakBefore(text, at, isSentenceEnd);
  const c = Math.max(s, breakBefore(text, at, isClauseBreak, at - s));
  return { sentence: text.slice(s, at), clause: text.slice(c, at), sentenceStart: s };
}

/** The text without its closed parentheses ("（含上年结转50万元）"): an aside names no part of what follows it. */
const withoutAsides = (s: string) => s.replace(/[（(][^（）()]*[)）]/g, '');

function isWholeBudget(ctx: ExtractContext, text: string, keywordStart: number, keywordText: string): boolean {
  const { sentence, clause } = prefixes(text, keywordStart);
  const bare = withoutAsides(sentence);
  if (documentSubject(ctx) === 'project') return !PROJECT_PART_QUALIFIER.test(bare + keywordText) && !BATCH.test(clause.trim());
  // Why the whole sentence: the subject of "社会保障和就业年初预算数为18.33万元，决算数为 18.33万元" is named once.
  // A clause that only tells when ("年中追加上级专项资金后，") names no part of what follows it.
  // A breakdown the sentence closed before the term's own clause ("X万元，其中基本支出A万元，项目支出B万元，预算完成率为")
  // names the parts of what came before it, not the term.
  // Nor does a clause telling of an adjustment on its own ("年中追加文物保护等专项资金165.67万元，全年预算…").
  let clauses = bare;
  if (clauses.includes('后')) clauses = clauses.replace(/[^，,。；;]*(?:后|之后|以后)[，,]/g, '');
  if (/追加|调增|调减|追减|收回/.test(clauses)) clauses = clauses.replace(/(?:^|[，,])\s*(?:年中|年内|其后)?(?:追加|调增|调减|追减|收回)[^，,。；;]*[，,]/g, '，');
  if (clauses.includes('其中') || clauses.includes('包括')) clauses = clauses.replace(/(?:其中|包括)[^。；;]*[，,]/, '');
  const named = clauses + keywordText.replace(/预算收入$|预算$/, '');
  // The body's name is stripped only when a qualifier is there to be explained ("某县交通运输局年初预算…").
  if (PART_QUALIFIER.test(named) && PART_QUALIFIER.test(named.replace(ORG_NAME, ''))) return false;
  // "“XX项目”绩效情况：全年预算数…" — a project's figures.
  if (/[”"」]\s*(?:项目)?(?:绩效情况|情况)?[：:]/.test(sentence) || /项目[^。]{0,12}[：:]/.test(sentence)) return false;
  return true;
}

/**
 * Whether a figure stands in the "其中/含/包括" part of its sentence ("总额X万元，其中基本支出Y万元"): a part,
 * unless a total word (合计, 共计) comes after the marker. An aside closed before the figure ended its own "含".
 */
function inBreakdown(sentence: string): boolean {
  const bare = withoutAsides(sentence);
  const m = /(?:其中|包括|分别(?:为|是)?|^含|[（(]含)(?!.*(?:其中|包括|分别|[（(]含))/.exec(bare);
  if (!m) return false;
  return !/合计|共计|总计|共/.test(bare.slice(m.index + m[0].length));
}

/** Whether the rest of the sentence after `at` goes on with the adjustment (追加, 调增, 年中…) of a whole year's budget. */
function splitsWholeYear(text: string, at: number): boolean {
  return /追加|调增|调减|调整|年中/.test(text.slice(at, breakFrom(text, at, isSentenceEnd, 120)));
}

/** Whether a year printed right before the term ("2022年年初预算", "2024年度部门预算") is not the evaluation's. */
function otherYear(text: string, keywordStart: number, year: number): boolean {
  const m = /((?:19|20)\d{2})\s*年度?[^\d，,。；;：:（()）]{0,8}$/.exec(text.slice(Math.max(0, keywordStart - 16), keywordStart));
  return m !== null && Number(m[1]) !== year;
}

/** Words by which a department's report names the department itself: 部门, 单位, 本局, 我委, 本级 … */
const NAMES_DEPARTMENT = /部门|单位|整体|本级|(?:本|我|全)(?:局|委|办|院|中心|馆|站|所|厅|队|校|处|会)/;

/** A section that reports the budget and its execution ("资金投入情况", "预算执行情况", "部门整体收支情况"). */
const BUDGET_SECTION = /预算(?:执行|安排|下达|情况)|执行率|执行情况|资金(?:投入|使用|执行|到位|安排|下达|情况|管理)|收支|决算|支出(?:情况|概况)/;

interface Candidate {
  readonly path: Field;
  readonly money: { value: string; unit: '元' | '万元' };
  /** 1: a budget term names the figure; 2: a verb of budgeting does. */
  readonly tier: 1 | 2;
  /** The figure is a total of the sentence's enumeration ("合计批复X万元", "共计下达X万元"). */
  readonly isTotal: boolean;
  /** A bare 预算数: the whole year's budget only in a project's report or beside a separate 年初预算. */
  readonly isBare: boolean;
  readonly inBudgetSection: boolean;
  /** Paragraph and sentence start: candidates of one sentence. */
  readonly sentence: string;
  readonly source: ReturnType<typeof sourceInParagraph>;
}

/** The budget term or verb that names a money figure at `t.start` in `text`, if any. */
function termOf(text: string, start: number): { path: Field; keywordStart: number; keyword: string; tier: 1 | 2; isTotal: boolean; isBare: boolean } | undefined {
  const back = Math.max(0, start - 24);
  const raw = text.slice(back, start).replace(/\s+$/, '');
  // "预算收入合计X万元，其中年初…": the whole year's total, not the initial budget the bare 预算收入 names.
  const whole = /预算(?:收入|资金)?(?:合计|总计)(?:为|是|：|:)?$/.test(raw) && !/年初[^，,。；;]{0,8}$/.test(raw.replace(/预算(?:收入|资金)?(?:合计|总计)(?:为|是|：|:)?$/, ''));
  const connector = whole ? /(?:为|是|：|:)$/.exec(raw) : CONNECTOR.exec(raw);
  const before = connector ? raw.slice(0, connector.index).replace(/\s+$/, '') : raw;
  const isTotal = Boolean(connector && /共计|合计|总计|共/.test(connector[0]));
  // "部门预算数为2,000万元（其中年初预算1,800万元，年中追加200万元）": a 预算数 broken down into 年初 and an
  // addition is the whole year's budget. (A bare "预算数" is the approved, initial budget in the 2013 framework.)
  const brokenDown =
    /预算(?:总)?数$/.test(before) &&
    !/(?:年初|调整|追加|完成|执行)[^，,。；;]{0,4}预算(?:总)?数$/.test(before) &&
    /^\s*(?:[（(]\s*(?:其中|含)?[^。；;)）]{0,12}(?:年初|追加|调增|调减)|[，,]\s*其中[^。；;]{0,8}年初)/.test(text.slice(start, start + 60).replace(/^[\d,.\s]*(?:万元|元|亿元)/, ''));
  const at = (k: RegExpExecArray, tier: 1 | 2, path: Field, isBare = false) => {
    const keywordStart = back + k.index;
    const lead = text.slice(Math.max(0, keywordStart - 2), keywordStart);
    return { path, keywordStart, keyword: k[0], tier, isBare, isTotal: isTotal || TOTAL_WORD.test(lead) };
  };
  if (brokenDown) {
    const k = /预算(?:总)?数$/.exec(before);
    if (k) return at(k, 1, 'budget.adjustedBudget');
  }
  for (const [re, path] of KEYWORDS) {
    const k = re.exec(before);
    if (k) return at(k, 1, path);
  }
  const bare = BARE_BUDGET.exec(before);
  if (bare) return at(bare, 1, 'budget.adjustedBudget', true);
  // "2、支出：799.12万元": the sentence's start up to the figure is the term.
  const sentence = text.slice(breakBefore(text, start, isSentenceEnd, 40), start);
  // [\s\S]: a line or paragraph separator a text may hold (U+2028) is no end of the term.
  const s = /^([\s\S]*?)(?:为|是|共计|合计|共|：|:)?\s*$/.exec(sentence)!;
  if (BARE_SPENDING.test(s[1]!.trim())) {
    const k = /(?:总)?支出(?:合计|总额|总计)?/.exec(s[1]!)!;
    return { path: 'budget.actualSpending', keywordStart: start - sentence.length + k.index, keyword: k[0], tier: 1, isBare: false, isTotal };
  }
  return verbOf(text, start, isTotal);
}

/** Tier 2: the last verb of budgeting in the figure's clause, with what stands between them. */
const VERB_REACH = 64;

function verbOf(text: string, start: number, isTotal: boolean): ReturnType<typeof termOf> {
  const clauseStart = breakBefore(text, start, (c) => isSentenceEnd(c) || isClauseBreak(c), VERB_REACH);
  const clause = text.slice(clauseStart, start).replace(/\s+$/, '');
  if (!clause || start - clauseStart >= VERB_REACH) return undefined;
  let best: { path: Field; index: number; end: number; text: string } | undefined;
  for (const v of VERBS) {
    v.re.lastIndex = 0;
    for (let m = v.re.exec(clause); m; m = v.re.exec(clause)) {
      if (!m[0]) {
        v.re.lastIndex++;
        continue;
      }
      const after = clause.slice(m.index + m[0].length);
      const filler = after.replace(CONNECTOR, '').replace(/\s+/g, '');
      if (v.filler === 'none' && filler) continue;
      if (v.filler === 'named' && filler && !NAMED_END.test(filler)) continue;
      // Nothing of another kind between the verb and its figure: no spending word before a budget, no budget word
      // before spending.
      if (v.path !== 'budget.actualSpending' && /支出|执行|拨付|支付|结余|结转|到位/.test(filler)) continue;
      // The verb nearest the figure; of two ending together ("年初批复预算" and its "批复预算"), the longer.
      const end = m.index + m[0].length;
      if (!best || end > best.end || (end === best.end && m.index < best.index)) best = { path: v.path, index: m.index, end, text: m[0] };
    }
  }
  if (!best) return undefined;
  const keywordStart = clauseStart + best.index;
  const lead = text.slice(Math.max(0, keywordStart - 2), keywordStart);
  return { path: best.path, keywordStart, keyword: best.text, tier: 2, isBare: false, isTotal: isTotal || TOTAL_WORD.test(lead) };
}

/**
 * The budget figures of a report's sentences: each money figure named by a budget term right before it (年初预算数为,
 * 调整后预算, 决算数, 实际总支出, "2、支出：") or by a verb of budgeting in its clause (年初批复预算…, 下达…经费,
 * 批复总投资, 项目资金共, 已完成拨付), unless it is a part (其中…, 基本支出, a batch, last year); then per field the
 * figure the candidates agree on (resolveCandidates), and the printed rates beside them.
 */
export function extractBudgetNarrative(ctx: ExtractContext): void {
  const candidates: Candidate[] = [];
  const year = getPath(ctx.draft, 'year') as number | undefined;
  ctx.seg.paragraphs.forEach((p, pi) => {
    if (!/预算|决算|支出|执行|资金|经费|拨付|下达|批复/.test(p.text)) return;
    const tokens = numbersOf(p);
    if (!tokens.some((t) => t.unit === '万元' || t.unit === '元' || t.unit === '亿元')) return;
    for (const t of tokens) {
      const m = moneyOf(t);
      if (!m) continue;
      const term = termOf(p.text, t.start);
      if (!term) continue;
      const { sentence, sentenceStart } = prefixes(p.text, t.start);
      // "其中：基本支出X万元" is a part; "（其中年初预算X万元，年中追加Y万元）" — the whole split into the initial
      // budget and its adjustment — still names the initial budget.
      if (!term.isTotal && inBreakdown(sentence) && !(term.path === 'budget.initialBudget' && splitsWholeYear(p.text, t.end))) continue;
      if (!isWholeBudget(ctx, p.text, term.keywordStart, term.keyword)) continue;
      // "2022年年初预算X万元" in a report on 2023: another year's budget.
      if (year !== undefined && otherYear(p.text, term.keywordStart, year)) continue;
      // A verb of budgeting in a department's report ("已实际支付X万元", "共计下达X万元") is the department's only
      // where the sentence names it: such sentences mostly tell of one project or one payment.
      if (term.tier === 2 && documentSubject(ctx) === 'department' && !NAMES_DEPARTMENT.test(sentence)) continue;
      const line = lineAt(p, t.start);
      const section = ctx.seg.sectionOfLine[line];
      candidates.push({
        path: term.path,
        money: m,
        tier: term.tier,
        isTotal: term.isTotal,
        isBare: term.isBare,
        inBudgetSection: Boolean(section && BUDGET_SECTION.test(section.path.join(' '))),
        sentence: `${pi}:${sentenceStart}`,
        source: sourceInParagraph(ctx, p, term.keywordStart, t.end),
      });
    }
  });
  const rates = collectRates(ctx, candidates);
  resolveCandidates(ctx, candidates, rates);
  chooseRate(ctx, rates);
}

/** A money figure as an exact amount, for comparing figures printed in different units. */
function amountOf(m: Candidate['money']): Amount | undefined {
  const v = parseExact(m.value);
  return v === undefined ? undefined : amount(v, m.unit);
}


/** The amount in 万元 as a key: equal amounts in any unit share it. */
function amountKey(m: Candidate['money']): string {
  const a = amountOf(m);
  if (!a) return `?${m.value}`;
  const v = reduce(valueIn(a, '万元'));
  return `${v.n}/${v.d}`;
}

/** The first candidate of each different amount (a map: a text of thousands of figures stays linear). */
function distinct(list: readonly Candidate[]): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const c of list) {
    const k = amountKey(c.money);
    if (!seen.has(k)) seen.set(k, c);
  }
  return [...seen.values()];
}

/** Whether spent ÷ budget, as a percentage, is the printed rate to within one unit of its last printed digit. */
function agreesWithRate(spent: Candidate['money'], budget: Candidate['money'], rate: string): boolean {
  const a = amountOf(spent);
  const b = amountOf(budget);
  const r = parseExact(rate.replace(/[%％]$/, ''));
  if (!a || !b || !r) return false;
  const q = div(mul(valueIn(a, '万元'), HUNDRED), valueIn(b, '万元'));
  if (!q) return false;
  const digits = decimalsOf(rate.replace(/[%％]$/, ''));
  return cmp(abs(sub(q, r)), { n: 1n, d: pow10(digits) }) < 0;
}

/**
 * Per field, the figure the sentences agree on: the strongest tier's candidates, a sentence's total over the items it
 * sums. Of several different figures: the one that agrees with the printed execution rate and the other figure
 * (spent ÷ budget), else the one the budget-execution section gives — said in the extraction report; when neither
 * decides, none: a wrong budget is worse than a missing one.
 */
function resolveCandidates(ctx: ExtractContext, all: readonly Candidate[], rates: readonly RateCandidate[]): void {
  const project = documentSubject(ctx) === 'project';
  const draftMoney = (path: Field) => getPath(ctx.draft, path) as Candidate['money'] | undefined;
  const initials = [...all.filter((c) => c.path === 'budget.initialBudget').map((c) => c.money), ...(draftMoney('budget.initialBudget') ? [draftMoney('budget.initialBudget')!] : [])];
  // A bare 预算数 is the whole year's budget in a project's report; in a department's, only beside a different 年初预算
  // (the same figure is the approved, initial budget of the 2013 framework).
  const initialKeys = new Set(initials.map(amountKey));
  const keep = (c: Candidate) => !c.isBare || project || (initialKeys.size > 0 && !initialKeys.has(amountKey(c.money)));
  const lists = new Map<Field, Candidate[]>();
  for (const path of FIELDS) {
    let list = all.filter((c) => c.path === path && keep(c));
    if (!list.length) continue;
    const tier = Math.min(...list.map((c) => c.tier));
    list = list.filter((c) => c.tier === tier);
    // "一批项目批复X万元，二批项目批复Y万元，合计批复Z万元": the total stands for the items before it.
    const totals = new Set(list.filter((c) => c.isTotal).map((c) => c.sentence));
    list = list.filter((c) => c.isTotal || !totals.has(c.sentence));
    lists.set(path, list);
  }
  const rateTexts = [...new Set(rates.filter((r) => r.kind === 'completion').map((r) => r.text))].slice(0, MAX_CHOICES);
  /** The figures the other side of spent ÷ budget may take: the draft's, else this text's candidates. */
  const others = (path: Field): Candidate['money'][] => {
    const other: Field = path === 'budget.actualSpending' ? 'budget.adjustedBudget' : 'budget.actualSpending';
    const d = draftMoney(other);
    return d ? [d] : distinct(lists.get(other) ?? []).slice(0, MAX_CHOICES).map((c) => c.money);
  };
  for (const path of FIELDS) {
    const list = lists.get(path);
    if (!list) continue;
    const values = distinct(list);
    let pick: Candidate | undefined;
    if (values.length === 1) pick = list[0];
    else {
      // More than a few different figures for one field: the text is a list of parts, not a statement of the whole.
      const byRate =
        path === 'budget.initialBudget' || values.length > MAX_CHOICES
          ? []
          : values.filter((v) => others(path).some((o) => rateTexts.some((r) => (path === 'budget.actualSpending' ? agreesWithRate(v.money, o, r) : agreesWithRate(o, v.money, r)))));
      const inSection = list.filter((c) => c.inBudgetSection);
      if (byRate.length === 1) pick = byRate[0];
      else if (values.length <= MAX_CHOICES && distinct(inSection).length === 1) pick = inSection[0];
      ctx.warnings.push({
        code: pick ? 'import-budget-conflict-chosen' : 'import-budget-conflict',
        path: path.split('.'),
        params: {
          field: FIELD_NAMES[path],
          values: values.slice(0, MAX_CHOICES).map((c) => `${c.money.value} ${c.money.unit}`).join('、') + (values.length > MAX_CHOICES ? ' …' : ''),
          ...(pick ? { chosen: `${pick.money.value} ${pick.money.unit}`, reason: byRate.length === 1 ? '与印出的执行率相符' : '预算执行部分所写' } : {}),
        },
        ...(values[0]!.source.line !== undefined ? { line: values[0]!.source.line } : {}),
      });
    }
    if (pick) putMoney(ctx, path, pick.money, pick.source);
  }
}

/** How many different figures of one field are weighed against each other at most. */
const MAX_CHOICES = 8;

const FIELDS = ['budget.initialBudget', 'budget.adjustedBudget', 'budget.actualSpending'] as const;
const FIELD_NAMES: Record<Field, string> = { 'budget.initialBudget': '年初预算', 'budget.adjustedBudget': '全年（调整后）预算', 'budget.actualSpending': '实际支出' };

/**
 * A rate word and what may follow it before the figure: "预算执行率为", "完成率均达到", "执行率（%）：". A bare
 * 执行率/完成率/支出率/使用率 is the budget's only when the word before it names the budget (资金执行率, 经费使用率) or
 * nothing does and the sentence, or the one before, speaks of the budget.
 */
const COMPLETION_RE =
  /(预算完成率|预算执行率|完成预算的|完成年初预算的|完成全年预算的|支出实现率|执行率|支出率|完成率|使用率)(?:[（(][^（）()]{1,12}[)）])?(?:均|已|全部)?(?:为|是|达到?|：|:)?\s*$/;
const BARE_RATE = /^(?:执行率|支出率|完成率|使用率)$/;
/** Words that make a bare rate the budget's: 资金执行率, 经费使用率, 支出执行率, 全年执行率 … */
const BUDGET_NOUN = /(?:预算|资金|经费|支出|财政|整体|部门|全年|年度|本年|总体)$/;
const ADJUSTMENT_RE = /(?:预算调整率(?:为|是|：|:)?|调整(?:资金|数|金额)?占(?:调整后?|年初)?预算(?:数|总额)?(?:的)?(?:比例)?(?:为)?)\s*$/;

interface RateCandidate {
  readonly kind: 'completion' | 'adjustment';
  readonly text: string;
  readonly source: ReturnType<typeof sourceInParagraph>;
  readonly sentence: string;
  /** The sentence's text up to the rate. */
  readonly sentenceText: string;
  /** Beside a budget figure (same or previous sentence) or in the budget-execution section. */
  readonly nearBudget: boolean;
}

/** The printed rates of the department's (the project's) budget in the text. */
function collectRates(ctx: ExtractContext, candidates: readonly Candidate[]): RateCandidate[] {
  const project = documentSubject(ctx) === 'project';
  // Sentences that state a budget figure of the department (or the project): a bare rate beside them is its rate.
  const budgetSentences = new Set(candidates.map((c) => c.sentence));
  const out: RateCandidate[] = [];
  ctx.seg.paragraphs.forEach((p, pi) => {
    if (!p.text.includes('%') && !p.text.includes('％')) return;
    for (const t of numbersOf(p)) {
      const pct = percentText(t);
      if (pct === undefined) continue;
      const before = p.text.slice(Math.max(0, t.start - 24), t.start);
      // Every rate word ends in 率, 的 or holds 占: a cheap test first (a table of figures has many percentages).
      if (!before.includes('率') && !before.includes('的') && !before.includes('占')) continue;
      const k = COMPLETION_RE.exec(before);
      const a = ADJUSTMENT_RE.exec(before);
      if (!k && !a) continue;
      const kwStart = t.start - before.length + (k?.index ?? a?.index ?? 0);
      if (!isWholeBudget(ctx, p.text, kwStart, (k ?? a)![0])) continue;
      const { sentence, sentenceStart } = prefixes(p.text, t.start);
      const key = `${pi}:${sentenceStart}`;
      const src = sourceInParagraph(ctx, p, kwStart, t.end);
      const nearFigure = budgetSentences.has(key) || budgetSentences.has(`${pi}:${previousSentenceStart(p.text, sentenceStart)}`);
      if (a) {
        out.push({ kind: 'adjustment', text: `${pct}%`, source: src, sentence: key, sentenceText: sentence, nearBudget: nearFigure });
        continue;
      }
      const word = k![1]!;
      const head = sentence.slice(0, sentence.length - (t.start - kwStart)).replace(/\s+$/, '');
      if (BARE_RATE.test(word)) {
        // "指标完成率100%", "任务完成率": another thing's rate. "资金执行率", "项目预算执行率" (a project's report): the budget's.
        const named = /[\u4e00-\u9fa5]$/.test(head);
        if (named && !(BUDGET_NOUN.test(head) || (project && /项目$/.test(head)))) continue;
        if (!named && !nearFigure && !/预算|资金|经费|支出|拨付/.test(head)) continue;
      }
      const section = ctx.seg.sectionOfLine[lineAt(p, t.start)];
      const inSection = Boolean(section && BUDGET_SECTION.test(section.path.join(' ')));
      out.push({ kind: 'completion', text: `${pct}%`, source: src, sentence: key, sentenceText: sentence, nearBudget: nearFigure || inSection });
    }
  });
  return out;
}

/**
 * The printed rates: the adjustment rate as first printed; of the execution rates, the one printed beside the actual
 * spending figure, then one beside a budget figure or in the budget-execution section, otherwise the first.
 */
function chooseRate(ctx: ExtractContext, rates: readonly RateCandidate[]): void {
  const adjustment = rates.find((r) => r.kind === 'adjustment');
  if (adjustment) putPrinted(ctx, 'budget.printed.adjustmentRate', adjustment.text, adjustment.source);
  const actual = getPath(ctx.draft, 'budget.actualSpending') as { value?: string } | undefined;
  const rank = (r: RateCandidate) => (actual?.value && r.sentenceText.includes(actual.value) ? 0 : r.nearBudget ? 1 : 2);
  const best = rates.filter((r) => r.kind === 'completion').sort((x, y) => rank(x) - rank(y))[0];
  if (best) putPrinted(ctx, 'budget.printed.executionRate', best.text, best.source);
}

/** Where the sentence before the one starting at `sentenceStart` starts (-1 when there is none). */
function previousSentenceStart(text: string, sentenceStart: number): number {
  return sentenceStart === 0 ? -1 : breakBefore(text, sentenceStart - 1, isSentenceEnd);
}
