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
import { layoutById } from '../../core/layouts/index.ts';
import type { Source } from '../../core/model/money.ts';
import { compactLabel } from '../../core/text/normalize.ts';
import { type Row, type Table, isValueCell } from '../segment.ts';
import { type ExtractContext, cellNumber, cellPercent, getPath, put, putMoney, putPrinted, sourceAt, unitFromNotes } from './context.ts';
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

const FUND_ROWS: readonly (readonly [RegExp, 'total' | 'currentYear' | 'carriedOver' | 'other'])[] = [
  [/^(?:年度资金总额|资金总额|总额|合计)$/, 'total'],
  [/^(?:其中[：:]?)?(?:当年财政拨款|本年财政拨款|当年财政资金|财政资金|财政拨款)$/, 'currentYear'],
  [/^(?:其中[：:]?)?(?:上年结转资金|上年结转|上年结转结余资金)$/, 'carriedOver'],
  [/^(?:其中[：:]?)?(?:其他资金|其他来源资金)$/, 'other'],
];

const UNIT_IN_LABEL = /[（(]\s*(?:单位[：:])?\s*(万元|元)\s*[）)]/;

/** A header cell without its unit or its column letter: "全年预算数（万元）", "全年执行数（B）", "执行率（B/A）". */
const headerWord = (cell: string): string => compactLabel(cell).replace(UNIT_IN_LABEL, '').replace(/[（(][A-Za-z][A-Za-z/÷]*[）)]$/, '');

/** The unit the funds header states ("项目资金（万元）", "年初预算数（元）"), then the table's notes, then 万元. */
function fundsUnit(table: Table, header: Row): Unit {
  for (const c of header.cells) {
    const m = UNIT_IN_LABEL.exec(c.replace(/\s/g, ''));
    if (m) return m[1] as Unit;
  }
  return unitFromNotes(table.unitNotes) ?? '万元';
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
  return extractFundsFromTables(ctx) || extractFundsFromText(ctx);
}

/**
 * The funds block as a PDF-to-text step leaves it: a header line and rows whose cells are separated by spaces only
 * ("年度资金总额 200.00 240.00 216.00 10 90.00% 9.00"). The values of a row are taken in the header's order; a row
 * with another number of values is not guessed at.
 */
function extractFundsFromText(ctx: ExtractContext): boolean {
  const lines = ctx.seg.lines;
  let found = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind !== 'text') continue;
    const words = line.cells[0]!.split(/\s+/).map(headerWord).filter(Boolean);
    const keys: FundKey[] = [];
    for (const w of words) {
      const spec = FUND_COLUMNS.find((x) => x.re.test(w) && !keys.includes(x.key));
      if (spec) keys.push(spec.key);
    }
    if (!keys.includes('actualSpending') || !(keys.includes('adjustedBudget') || keys.includes('initialBudget'))) continue;
    const unitMatch = UNIT_IN_LABEL.exec(line.cells[0]!.replace(/\s/g, ''));
    const unit: Unit = (unitMatch?.[1] as Unit | undefined) ?? '万元';
    for (const next of lines.slice(i + 1, i + 12)) {
      if (next.kind === 'blank') continue;
      const text = next.cells.join(' ').trim();
      const m = /^(\S+)\s+(.+)$/.exec(text);
      const key = m && FUND_ROWS.find(([re]) => re.test(compactLabel(m[1]!)))?.[1];
      if (!m || !key) {
        if (/年度总体目标|绩效指标|一级指标|预期目标/.test(text)) break;
        continue;
      }
      const values = m[2]!.split(/\s+/);
      if (values.length !== keys.length) continue;
      const base = `project.funds.${key}`;
      keys.forEach((k, j) => {
        const v = values[j]!;
        if (isDash(v)) return;
        const src = sourceAt(ctx, next.index, undefined, text);
        if (k === 'rate') {
          const p = cellPercent(v);
          if (p) putPrinted(ctx, `${base}.printed.executionRate`, p, src);
        } else if (k === 'weight' || k === 'score') {
          const n = scoreNumber(v);
          if (n) put(ctx, `${base}.${k}`, n, n, src);
        } else {
          const n = cellNumber(v);
          if (n !== undefined && putMoney(ctx, `${base}.${k}`, { value: n, unit }, src)) found = true;
        }
      });
    }
    if (found) return true;
  }
  return false;
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
  for (const table of ctx.seg.tables) {
    const header = fundsHeader(table);
    if (!header) continue;
    const headerRow = table.rows[header.rowIndex]!;
    const unit = fundsUnit(table, headerRow);
    const cols = header.columns;
    const firstValueCol = Math.min(...Object.values(cols).filter((x): x is number => x !== undefined));
    for (const row of table.rows.slice(header.rowIndex + 1, header.rowIndex + 12)) {
      const labelCol = row.cells.findIndex((c) => FUND_ROWS.some(([re]) => re.test(compactLabel(c))));
      if (labelCol < 0) {
        // The block ends where another part of the form begins.
        if (row.cells.some((c) => /年度总体目标|绩效指标|一级指标|预期目标/.test(compactLabel(c)))) break;
        continue;
      }
      const label = compactLabel(row.cells[labelCol]!);
      const key = FUND_ROWS.find(([re]) => re.test(label))![1];
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
      const src = (col: number, text: string): Source => sourceAt(ctx, row.cellLines[col] ?? row.lines[0]!, col, `${row.cells[labelCol]} | ${headerRow.cells[col - shift] ?? ''} ${text}`);
      for (const k of ['initialBudget', 'adjustedBudget', 'actualSpending'] as const) {
        const c = cell(k);
        const v = c && cellNumber(c.text);
        if (c && v !== undefined && putMoney(ctx, `${base}.${k}`, { value: v, unit }, src(c.col, c.text))) found = true;
      }
      for (const k of ['weight', 'score'] as const) {
        const c = cell(k);
        const v = c && scoreNumber(c.text);
        if (c && v !== undefined) put(ctx, `${base}.${k}`, v, v, src(c.col, c.text));
      }
      const r = cell('rate');
      const p = r && cellPercent(r.text);
      if (r && p) putPrinted(ctx, `${base}.printed.executionRate`, p, src(r.col, r.text));
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
      // "主管部门：某局    实施单位：某中心" typed on one line.
      value = value.replace(/\s{2,}.*$/, '').replace(/\s*(?:实施单位|项目实施单位|主管部门)[：:].*$/, '').trim();
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

type IndKey = 'level1' | 'level2' | 'name' | 'multiYearTarget' | 'target' | 'actual' | 'weight' | 'score' | 'deviationReason' | 'direction' | 'unitOfMeasure' | 'coefficient';

/** A header word, optionally followed by its column letter as some provinces print it: "指标值(A)", "全年实际值（B）". */
const word = (alternatives: string): RegExp => new RegExp(`^(?:${alternatives})(?:[（(][A-Za-z][A-Za-z/÷]*[）)])?$`);

const IND_COLUMNS: readonly ColumnSpec<IndKey>[] = [
  { key: 'level1', re: word('一级指标(?:名称)?') },
  { key: 'level2', re: word('二级指标(?:名称)?') },
  { key: 'name', re: word('三级指标(?:名称)?|指标名称') },
  { key: 'multiYearTarget', re: /实施周期指标值|中长期指标值|实施期指标值/ },
  { key: 'actual', re: word('实际完成值|完成值|实际值|指标完成(?:情况|值)|实际完成情况|全年实际值|全年完成值|实际完成') },
  { key: 'target', re: word('年度指标值|指标值|目标值|年度目标值|年度指标|预期指标值|全年指标值') },
  { key: 'score', re: word('得分|自评得分|指标得分') },
  { key: 'weight', re: word('分值|权重|指标分值|指标权重') },
  { key: 'coefficient', re: /^得分系数$/ },
  { key: 'deviationReason', re: /偏差原因|未完成原因|原因分析|改进措施/ },
  { key: 'direction', re: /^指标性质$|^指标方向$|^运算符号$|^符号$/ },
  { key: 'unitOfMeasure', re: /^度量单位$|^计量单位$|^单位$/ },
];
const IND_VALUES: readonly IndKey[] = ['multiYearTarget', 'target', 'actual', 'weight', 'score', 'coefficient', 'deviationReason', 'direction', 'unitOfMeasure'];

const DIRECTIONS: Readonly<Record<string, string>> = {
  '≥': 'gte', '>=': 'gte', '＞': 'gte', '>': 'gte', 正向: 'gte', 正向指标: 'gte',
  '≤': 'lte', '<=': 'lte', '＜': 'lte', '<': 'lte', 反向: 'lte', 反向指标: 'lte',
  '=': 'eq', '＝': 'eq', '﹦': 'eq', 定性: 'qualitative', 定性指标: 'qualitative',
};

const TOTAL_LABEL = /^(?:总分|合计|总计|自评总分|总得分)$/;
const END_LABEL = /^(?:评价结论|自评结论|存在(?:的)?问题|改进措施|改进意见|项目负责人|财务负责人|填报人|备注|说明|注[：:]?)/;
const GRADE_LABEL = /^(?:自评等级|评价等级|绩效等级|等级|自评结果)$/;
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
  for (const table of ctx.seg.tables) {
    const header = findHeader(table, IND_COLUMNS, ['level1', 'level2', 'name']);
    if (!header) continue;
    if (table.rows.slice(0, header.rowIndex + 3).some((r) => r.cells.some((x) => /评分标准|评分要点/.test(x)))) continue;
    const c = header.columns;
    const tableLabel = compactLabel(table.rows[header.rowIndex]!.cells[0] ?? '');
    let level1 = '';
    let level2 = '';
    for (const row of table.rows.slice(header.rowIndex + 1)) {
      const filled = row.cells.map((x, i) => ({ x: x.trim(), i })).filter((y) => y.x !== '');
      const first = filled[0];
      if (first && TOTAL_LABEL.test(compactLabel(first.x))) {
        total ??= totalOf(ctx, row, first.i, c.weight, c.score);
        continue;
      }
      if (first && GRADE_LABEL.test(compactLabel(first.x))) continue;
      // The parts of the form after the table: 评价结论, 存在问题, 改进措施, the signatures.
      if (first && END_LABEL.test(compactLabel(first.x))) break;
      if (row.cells.some((x) => /^(?:一级指标|三级指标)/.test(compactLabel(x)))) continue; // a header repeated after a page break
      const pad = leftPadding(row.cells, c, tableLabel);
      const cells = pad ? [...Array<string>(pad).fill(''), ...row.cells] : row.cells;
      const before = cells.slice(0, c.level1!).filter((x) => x !== '' && !isSequenceNumber(x));
      if (before.length && compactLabel(before[0]!) !== tableLabel) break;
      const l1 = cells[c.level1!] ?? '';
      const l2 = cells[c.level2!] ?? '';
      const name = (cells[c.name!] ?? '').trim();
      // A weight printed inside a level name ("产出指标(50分)", "数量指标（20）") is the group's 分值, not its name.
      if (l1) {
        level1 = withoutWeight(l1);
        level2 = '';
      }
      if (l2) level2 = withoutWeight(l2);
      // "指标1：" left as printed in a blank form: no indicator.
      if (!name || /^指标\s*\d+\s*[：:]?$/.test(name)) continue;
      const v = pad ? Object.fromEntries(IND_VALUES.flatMap((k) => (c[k] !== undefined && cells[c[k]!] ? [[k, cells[c[k]!]!]] : []))) as Partial<Record<IndKey, string>> : alignValues(row, header, IND_VALUES, c.name!);
      const nameCol = c.name! - pad;
      const line = row.cellLines[nameCol] ?? row.lines[0]!;
      const source = sourceAt(ctx, line, nameCol, [level1, level2, name, v.target ?? ''].filter(Boolean).join(' | '));
      firstSource ??= source;
      const dirText = v.direction?.replace(/\s/g, '');
      const direction = dirText ? DIRECTIONS[dirText] : undefined;
      // A target split over 指标性质 | 指标值 | 度量单位 is put back together as a reviewer reads it: "≥" "42" "公里" → "≥42公里".
      if (v.target && !isDash(v.target) && (direction === 'gte' || direction === 'lte' || direction === 'eq')) {
        const sign = { gte: '≥', lte: '≤', eq: '=' }[direction];
        const unit = v.unitOfMeasure && !isDash(v.unitOfMeasure) && /\d$/.test(v.target.trim()) ? v.unitOfMeasure.trim() : '';
        v.target = `${/^[≥≤=<>＞＜＝﹦]/.test(v.target.trim()) ? '' : sign}${v.target.trim()}${unit}`;
      }
      const weight = v.weight ? scoreNumber(v.weight) : undefined;
      const score = v.score ? scoreNumber(v.score) : undefined;
      const coefficient = v.coefficient && /^\d+(?:\.\d+)?$/.test(v.coefficient.trim()) ? v.coefficient.trim() : undefined;
      out.push({
        ...(level1 ? { level1 } : {}),
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
    if (out.length) break;
  }
  if (out.length && firstSource) put(ctx, 'project.indicators', out, `${out.length} 个三级指标`, firstSource);
  return { count: out.length, ...(total ? { total } : {}) };
}

const withoutWeight = (level: string): string => level.replace(/\s*[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)]\s*$/, '');

const LEVEL1_WORD = /^(?:产出|效益|满意度|效果|影响|成本|过程|决策|管理)(?:指标)?(?:[（(]\d+(?:\.\d+)?分?[）)])?$/;
const LEVEL2_WORD =
  /^(?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)(?:指标)?(?:[（(]\d+(?:\.\d+)?分?[）)])?$/;

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
    const dir = at('direction');
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
    if (line.kind === 'blank') continue;
    line.cells.forEach((cell, col) => {
      const label = compactLabel(cell);
      if (GRADE_LABEL.test(label)) {
        const next = line.cells.slice(col + 1).find((x) => x.trim() !== '');
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
  const hasFunds = extractFunds(ctx);
  extractOverall(ctx);
  const ind = extractIndicators(ctx);
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
