/**
 * The summary of an evaluation (`jixiao summary --json`), in exactly this shape:
 * { department, year, documentKind, budget: { initial, adjusted, actual }, printedRates: { completion, adjustment },
 *   tasks: [{ name, amount, indicators: [{ name, actual }] }], indicators: [{ level1, level2, name, target, actual }],
 *   projects: [{ name, initial, adjusted, actual, printedRate }], selfScore: { total, max } }.
 * Amounts are decimal strings in 万元 (converted exactly from 元); rates are the printed percentage without "%".
 */
import { valueIn } from './amount.ts';
import { toDecimalString, toPlainString } from './exact.ts';
import type { Evaluation } from './model/evaluation.ts';
import type { Money, PrintedMap } from './model/money.ts';

export interface Summary {
  readonly department: string | null;
  readonly year: number;
  readonly documentKind: string;
  readonly budget: { readonly initial: string | null; readonly adjusted: string | null; readonly actual: string | null };
  readonly printedRates: { readonly completion: string | null; readonly adjustment: string | null };
  readonly tasks: readonly { readonly name: string; readonly amount: string | null; readonly indicators: readonly { readonly name: string; readonly actual: string | null }[] }[];
  readonly indicators: readonly { readonly level1: string | null; readonly level2: string | null; readonly name: string; readonly target: string | null; readonly actual: string | null }[];
  readonly projects: readonly { readonly name: string; readonly initial: string | null; readonly adjusted: string | null; readonly actual: string | null; readonly printedRate: string | null }[];
  readonly selfScore: { readonly total: string; readonly max: string | null } | null;
}

/**
 * An amount in 万元 as a decimal string: a 万元 figure keeps the decimals it was printed with ("1580.5"); a 元
 * figure is divided by 10 000 exactly, shown with at least 2 decimals ("1,520,300.00 元" → "152.03").
 */
export function wanText(m: Money | undefined): string | null {
  if (!m) return null;
  if (m.unit === '万元') return isPowerOfTen(m.value.d) ? decimalAsPrinted(m) : toDecimalString(m.value, 2);
  return toDecimalString(valueIn(m, '万元'), 2);
}

function isPowerOfTen(d: bigint): boolean {
  let x = d;
  while (x > 1n && x % 10n === 0n) x /= 10n;
  return x === 1n;
}

/** The decimal with the number of places the document printed (the value's denominator is 10^k as read). */
function decimalAsPrinted(m: Money): string {
  let k = 0;
  for (let d = m.value.d; d > 1n && d % 10n === 0n; d /= 10n) k++;
  return toDecimalString(m.value, k);
}

export function rateText(printed: PrintedMap | undefined, family: string): string | null {
  const t = printed?.[family]?.text;
  if (!t) return null;
  const s = t.normalize('NFKC').replace(/\s/g, '');
  return /^-?\d+(?:\.\d+)?%$/.test(s) ? s.slice(0, -1) : null;
}

export function summarize(e: Evaluation): Summary {
  // A project form (项目支出绩效自评表): its 年度资金总额 row is the budget, its indicators and 总分 are the document's.
  const form = e.project && !e.budget ? e.project : undefined;
  const b = form ? form.funds?.total : e.budget;
  return {
    department: e.department.name ?? null,
    year: e.year,
    documentKind: e.documentKind ?? 'unknown',
    budget: { initial: wanText(b?.initialBudget), adjusted: wanText(b?.adjustedBudget), actual: wanText(b?.actualSpending) },
    printedRates: { completion: rateText(b?.printed, 'executionRate'), adjustment: form ? null : rateText(e.budget?.printed, 'adjustmentRate') },
    tasks: (e.keyTasks ?? []).map((t) => ({
      name: t.name,
      amount: wanText(t.amount ?? t.plannedAmount),
      indicators: (t.keyIndicators ?? []).map((k) => ({ name: k.name, actual: k.actual ?? null })),
    })),
    indicators: ((form ? form.indicators : undefined) ?? e.indicators ?? []).map((i) => ({ level1: i.level1 ?? null, level2: i.level2 ?? null, name: i.name, target: i.target ?? null, actual: i.actual ?? null })),
    projects: (e.projects?.rows ?? []).map((p) => ({
      name: p.name,
      initial: wanText(p.initialBudget),
      adjusted: wanText(p.adjustedBudget),
      actual: wanText(p.actualSpending),
      printedRate: rateText(p.printed, 'executionRate'),
    })),
    selfScore: form?.total !== undefined ? { total: toPlainString(form.total), max: toPlainString(form.max ?? { n: 100n, d: 1n }) } : e.selfScores?.total !== undefined ? { total: toPlainString(e.selfScores.total), max: e.selfScores.max !== undefined ? toPlainString(e.selfScores.max) : null } : null,
  };
}
