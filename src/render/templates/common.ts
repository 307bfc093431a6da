/**
 * Cells and notices the templates share: money in a table's unit (converted exactly, never rounded), rates from
 * computed figures, and the notice a restated figure gets when the evaluation had printed another value.
 */
import { type MoneyUnit, valueIn } from '../../core/amount.ts';
import type { ComputedFigure } from '../../core/compute/compute.ts';
import { valueOf } from '../../core/narrative/restate.ts';
import { type Exact, add, div, eq, isZero, sub, sum, toDecimalString, toPercent } from '../../core/exact.ts';
import type { BudgetLine } from '../../core/model/evaluation.ts';
import type { Money, PrintedValue } from '../../core/model/money.ts';
import { comparePrinted } from '../../core/compute/printed.ts';
import type { Cell, Formula, Ref } from '../doc.ts';
import { text } from '../doc.ts';
import type { Notice } from './types.ts';

export const DASH = '—';

/** Decimals that show the value exactly, at least 2 (money is never rounded for display). */
export function moneyDecimals(x: Exact): number {
  const s = toDecimalString(x, 2);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 2;
}

export function moneyValue(value: Exact, unit: MoneyUnit, extra: Omit<Cell, 'value'> = {}): Cell {
  return { value: { type: 'money', value, unit, decimals: moneyDecimals(value) }, ...extra };
}

/** An entered amount shown in the table's unit; empty when the evaluation has none. */
export function moneyCell(m: Money | undefined, unit: MoneyUnit, extra: Omit<Cell, 'value'> = {}): Cell {
  if (!m) return { value: { type: 'empty' }, ...extra };
  return moneyValue(valueIn(m, unit), unit, extra);
}

/** A rate (fraction) with 2 decimals, or "—" when there is none (a 0 denominator is not 0%). */
export function percentCell(x: Exact | undefined, extra: Omit<Cell, 'value'> = {}): Cell {
  return x === undefined ? text(DASH, { align: 'right', ...extra }) : { value: { type: 'percent', value: x, decimals: 2 }, ...extra };
}

export function numberCell(x: Exact | undefined, decimals: number, extra: Omit<Cell, 'value'> = {}): Cell {
  return x === undefined ? { value: { type: 'empty' }, ...extra } : { value: { type: 'number', value: x, decimals }, ...extra };
}

/** actual ÷ adjusted as a fraction, or undefined for a missing input or a 0 denominator. */
export function ratio(num: Exact | undefined, den: Exact | undefined): Exact | undefined {
  if (num === undefined || den === undefined || isZero(den)) return undefined;
  return div(num, den);
}

const ref = (col: string, row?: string): Ref => (row === undefined ? { col } : { col, row });

/** The budget line's five figures in `unit`, with live formulas where the data agrees with them. */
export interface LineCells {
  readonly initial: Cell;
  readonly increase: Cell;
  readonly decrease: Cell;
  readonly adjusted: Cell;
  readonly actual: Cell;
  readonly rate: Cell;
}

/**
 * 年初 / 调增 / 调减 / 调整后 / 实际 / 支出率 of a line. 调整后 gets the formula 年初 + 调增 − 调减 only when the entered
 * figure equals it; otherwise the entered figure stays, with a comment and a notice (a formula never changes data).
 */
export function lineCells(line: BudgetLine, unit: MoneyUnit, where: string, notices: Notice[]): LineCells {
  const v = (m: Money | undefined) => (m ? valueIn(m, unit) : undefined);
  const initial = v(line.initialBudget);
  const inc = v(line.increase);
  const dec = v(line.decrease);
  const adjusted = v(line.adjustedBudget);
  const actual = v(line.actualSpending);
  let adjustedCell = moneyCell(line.adjustedBudget, unit);
  if (initial !== undefined && inc !== undefined && dec !== undefined && adjusted !== undefined) {
    const expected = sub(add(initial, inc), dec);
    if (eq(expected, adjusted)) {
      adjustedCell = moneyCell(line.adjustedBudget, unit, { formula: { op: 'adjusted', initial: ref('initial'), increase: ref('increase'), decrease: ref('decrease') } });
    } else {
      const comment = `年初 + 调增 − 调减 = ${toDecimalString(expected, 2)}，与填报的调整后预算 ${toDecimalString(adjusted, 2)} 不符，未写公式`;
      adjustedCell = moneyCell(line.adjustedBudget, unit, { comment });
      notices.push({ kind: 'formula-skipped', message: { zh: `${where}：${comment}。`, en: `${where}: initial + increase − decrease = ${toDecimalString(expected, 2)} differs from the adjusted budget ${toDecimalString(adjusted, 2)}; no formula written.` } });
    }
  }
  const rate = ratio(actual, adjusted);
  const rateFormula: Formula = { op: 'ratio', num: ref('actual'), den: ref('adjusted') };
  return {
    initial: moneyCell(line.initialBudget, unit),
    increase: moneyCell(line.increase, unit),
    decrease: moneyCell(line.decrease, unit),
    adjusted: adjustedCell,
    actual: moneyCell(line.actualSpending, unit),
    rate: actual !== undefined && adjusted !== undefined ? percentCell(rate, { formula: rateFormula }) : percentCell(undefined),
  };
}

/**
 * A total row's cell. With no entered total it is the sum of its rows, with a SUM formula. An entered total stays
 * as entered (data is never changed): with the formula when it equals the sum, else with a comment and a notice.
 */
export function totalCell(values: readonly (Exact | undefined)[], entered: Money | undefined, unit: MoneyUnit, col: string, rowKeys: readonly string[], where: string, notices: Notice[]): Cell {
  const present = values.filter((x): x is Exact => x !== undefined);
  const formula: Formula = { op: 'sum', cells: rowKeys.map((row) => ref(col, row)) };
  if (!entered) return present.length ? moneyValue(sum(present), unit, { formula, bold: true }) : { value: { type: 'empty' } };
  const value = valueIn(entered, unit);
  if (present.length === values.length && present.length > 0) {
    const total = sum(present);
    if (eq(total, value)) return moneyValue(value, unit, { formula, bold: true });
    const p = toDecimalString(value, 2);
    const s = toDecimalString(total, 2);
    notices.push({ kind: 'formula-skipped', message: { zh: `${where}：合计填报 ${p}，各行之和为 ${s}，保留填报数，未写公式。`, en: `${where}: the total is ${p} but the rows add up to ${s}; the entered total is kept, without a formula.` } });
    return moneyValue(value, unit, { bold: true, comment: `各行之和为 ${s}` });
  }
  return moneyValue(value, unit, { bold: true });
}

/** A notice when a restated figure differs from what the evaluation printed. */
export function restatedNotice(f: ComputedFigure | undefined, printed: PrintedValue | undefined, notices: Notice[]): void {
  if (!f || !printed || comparePrinted(printed.text, f.outcome, f.output) !== 'differs') return;
  const value = valueOf(f);
  if (!value) return;
  const computed = f.output === 'rate' ? toPercent(value, 2) : toDecimalString(value, 2);
  notices.push({
    kind: 'restated-differs',
    message: {
      zh: `${f.subject.label.zh} · ${f.name.zh}：原填 ${printed.text}，生成文件按数据计算为 ${computed}（${f.formula.zh}）。`,
      en: `${f.subject.label.en} · ${f.name.en}: printed ${printed.text}, the generated document shows the computed ${computed} (${f.formula.en}).`,
    },
  });
}
