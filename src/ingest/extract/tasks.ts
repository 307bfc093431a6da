/**
 * Key tasks (主要任务 / 年度重点工作任务) with their key indicators (关键指标, 指标完成情况) and amounts.
 */
import { compactLabel } from '../../core/text/normalize.ts';
import type { Row, Table } from '../segment.ts';
import { tableUnit } from './budget.ts';
import { type ExtractContext, cellNumber, put, sourceAt } from './context.ts';
import { type ColumnSpec, alignValues, findHeader, isSequenceNumber } from './table-columns.ts';

type FormKey = 'label' | 'content' | 'completion' | 'indicator' | 'actual' | 'amount';
const FORM_COLUMNS: readonly ColumnSpec<FormKey>[] = [
  { key: 'amount', re: /任务涉及(?:金额|资金)|涉及(?:金额|资金)|金额[（(]万元[）)]$/ },
  { key: 'indicator', re: /^关键指标$|^关键绩效指标$/ },
  { key: 'actual', re: /^指标完成(?:情况|值)$|^完成情况$|^实际完成(?:值|情况)$/ },
  { key: 'completion', re: /^(?:目标)?完成情况$/ },
  { key: 'content', re: /^预期目标$|^任务内容$|^主要内容$/ },
  { key: 'label', re: /^主要任务$|^重点任务$|^任务$/ },
];

const TASK_LABEL = /^任务\s*(\d{1,2})$|^任务\s*([一二三四五六七八九十]{1,3})$/;

interface Block {
  label: Row;
  labelText: string;
  rows: Row[];
}

/** The Guangzhou form's 主要任务 rows: 任务1…N, each with key indicators on the rows below its label. */
export function extractFormTasks(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    const header = findHeader(table, FORM_COLUMNS, ['label', 'indicator']);
    if (!header) continue;
    const c = header.columns;
    const blocks: Block[] = [];
    let pending: Row[] = [];
    for (const row of table.rows.slice(header.rowIndex + 1)) {
      const first = compactLabel(row.cells[c.label ?? 0] ?? '');
      const label = TASK_LABEL.exec(first) ?? (isNamedTask(row, first, c) ? [first] : null);
      if (label) {
        blocks.push({ label: row, labelText: first, rows: [...pending, row] });
        pending = [];
      } else if (first !== '') break; // the next part of the form (重点项目绩效情况 …)
      else if (blocks.length) blocks[blocks.length - 1]!.rows.push(row);
      else pending.push(row);
    }
    if (!blocks.length) continue;
    reassignCenteredRows(blocks, c.amount);
    const unit = tableUnit(table);
    const tasks = blocks.map((b) => taskOf(ctx, table, b, c, unit));
    const src = sourceAt(ctx, blocks[0]!.label.lines[0]!, 0, blocks[0]!.labelText);
    put(ctx, 'keyTasks', tasks, `${tasks.length} 项任务`, src);
    return;
  }
}

/** Labels of the form's other parts: a row so labelled ends the tasks. */
const OTHER_PART = /重点项目|部门整体|存在(?:的)?问题|改进措施|下一步|整改|^注$|^备注$|^说明$|年度目标|绩效目标|自评|评价结论/;

/**
 * A task named by its subject rather than numbered ("防汛抗旱能力建设" where another form prints "任务1"): a short label
 * in the task column of a row that carries a key indicator or an amount — a row of another part of the form carries
 * neither.
 */
function isNamedTask(row: Row, first: string, c: Partial<Record<FormKey, number>>): boolean {
  if (!first || first.length > 30 || OTHER_PART.test(first) || /[。；;]$/.test(first)) return false;
  const indicator = c.indicator !== undefined ? (row.cells[c.indicator] ?? '') : '';
  const amount = c.amount !== undefined ? cellNumber(row.cells[c.amount] ?? '') : undefined;
  return indicator !== '' || amount !== undefined;
}

/**
 * Why: in a PDF, a merged label cell is printed in the vertical middle of its rows, so a task's first rows can
 * sit above its "任务N" label. A task has one amount: an unlabelled row carrying an amount after a task that
 * already has one belongs to the next task when that task's label row has none.
 */
function reassignCenteredRows(blocks: Block[], amountCol: number | undefined): void {
  if (amountCol === undefined) return;
  const hasAmount = (r: Row) => cellNumber(r.cells[amountCol] ?? '') !== undefined;
  for (let i = 0; i + 1 < blocks.length; i++) {
    const b = blocks[i]!;
    const next = blocks[i + 1]!;
    const own = b.rows.indexOf(b.label);
    const movable = b.rows.slice(own + 1);
    const at = movable.findIndex(hasAmount);
    if (at < 0 || !b.rows.slice(0, own + 1).some(hasAmount) || next.rows.some(hasAmount)) continue;
    const moved = movable.slice(at);
    b.rows = b.rows.slice(0, own + 1 + at);
    next.rows = [...moved, ...next.rows];
  }
}

function taskOf(ctx: ExtractContext, table: Table, b: Block, c: Partial<Record<FormKey, number>>, unit: '元' | '万元') {
  const join = (col: number | undefined) => (col === undefined ? '' : b.rows.map((r) => r.cells[col] ?? '').filter(Boolean).join('\n'));
  const amountRow = c.amount === undefined ? undefined : b.rows.find((r) => cellNumber(r.cells[c.amount!] ?? '') !== undefined);
  const amountText = amountRow && c.amount !== undefined ? cellNumber(amountRow.cells[c.amount]!) : undefined;
  const keyIndicators = c.indicator === undefined
    ? []
    : b.rows.flatMap((r) => {
        const name = r.cells[c.indicator!] ?? '';
        if (!name) return [];
        const actual = c.actual !== undefined ? (r.cells[c.actual] ?? '') : '';
        const line = r.cellLines[c.indicator!] ?? r.lines[0]!;
        return [{ name, ...(actual ? { actual } : {}), source: sourceAt(ctx, line, c.indicator, `${name}${actual ? ` ${actual}` : ''}`) }];
      });
  const content = join(c.content);
  const completion = join(c.completion);
  const amountSrc = amountRow && c.amount !== undefined ? sourceAt(ctx, amountRow.cellLines[c.amount] ?? amountRow.lines[0]!, c.amount, `${b.labelText} 任务涉及金额 ${amountText}`) : undefined;
  void table;
  return {
    name: b.labelText,
    ...(content ? { content } : {}),
    ...(completion ? { completion } : {}),
    ...(amountText && amountSrc ? { amount: { value: amountText, unit, source: amountSrc } } : {}),
    ...(keyIndicators.length ? { keyIndicators } : {}),
  };
}

type PlanKey = 'name' | 'content' | 'amount' | 'goal';
const PLAN_COLUMNS: readonly ColumnSpec<PlanKey>[] = [
  { key: 'amount', re: /拟投入(?:的)?资金|计划投入|预算(?:金额|资金)[（(]万元[）)]/ },
  { key: 'content', re: /主要实施内容|实施内容|主要内容/ },
  { key: 'goal', re: /期望(?:达到的)?目标|预期目标/ },
  { key: 'name', re: /^(?:任务)?名称$/ },
];

/** A report's 年度重点工作任务 table: 名称, 主要实施内容, 拟投入的资金, 期望达到的目标. */
export function extractPlannedTasks(ctx: ExtractContext): void {
  if (ctx.draft['keyTasks'] !== undefined) return;
  for (const table of ctx.seg.tables) {
    const header = findHeader(table, PLAN_COLUMNS, ['name', 'amount']);
    if (!header) continue;
    const c = header.columns;
    const unit = /元[）)]?$/.test(header.cells[c.amount!] ?? '') && !/万元/.test(header.cells[c.amount!] ?? '') ? '元' : '万元';
    const tasks = [];
    for (const row of table.rows.slice(header.rowIndex + 1)) {
      const name = row.cells[c.name!] ?? '';
      // Cells left of 名称 other than a row number (序号): a label there starts another part of the form.
      const before = row.cells.slice(0, c.name!).filter((x) => x !== '' && !isSequenceNumber(x));
      if (before.length && !name) break;
      if (!name) continue;
      if (before.length && before.some((x) => compactLabel(x) !== compactLabel(table.rows[header.rowIndex]!.cells[0] ?? ''))) break;
      const values = alignValues(row, header, ['content', 'amount', 'goal'], c.name!);
      const amount = values.amount ? cellNumber(values.amount) : undefined;
      const line = row.cellLines[c.name!] ?? row.lines[0]!;
      const content = [values.content, values.goal ? `期望目标：${values.goal}` : ''].filter(Boolean).join('；');
      tasks.push({
        name,
        ...(content ? { content } : {}),
        ...(amount ? { plannedAmount: { value: amount, unit, source: sourceAt(ctx, row.cellLines[c.amount!] ?? line, c.amount, `${name} 拟投入资金 ${values.amount}`) } } : {}),
      });
    }
    if (tasks.length) {
      put(ctx, 'keyTasks', tasks, `${tasks.length} 项任务`, sourceAt(ctx, table.rows[header.rowIndex]!.lines[0]!, undefined, header.cells.join(' ')));
      return;
    }
  }
}
