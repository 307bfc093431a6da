/**
 * The formula library's vocabulary (STYLE: hyperformula's habit): each metric is a declared entry over a small
 * pure function; "not applicable" is a value, never NaN, Infinity or a thrown error.
 */
import type { MoneyUnit } from '../amount.ts';
import type { Exact } from '../exact.ts';

/** A label in both languages: Chinese first. */
export interface LocalText {
  readonly zh: string;
  readonly en: string;
}

/** One argument of a formula: money with its unit, a count, or a rate (a fraction: 0.9550 for 95.50%). */
export interface Quantity {
  readonly value: Exact;
  readonly unit?: MoneyUnit;
}

export type OutputKind = 'rate' | 'money' | 'number' | 'score';

/** Codes for "not applicable": the closed set the message catalogues translate. */
export type NotApplicableCode = 'zero-denominator' | 'missing-input' | 'unit-mismatch' | 'qualitative' | 'not-numeric';

export type Outcome =
  | { readonly kind: 'value'; readonly value: Exact; readonly unit?: MoneyUnit; readonly grade?: string; readonly flags?: readonly string[] }
  | { readonly kind: 'not-applicable'; readonly code: NotApplicableCode };

export const notApplicable = (code: NotApplicableCode): Outcome => ({ kind: 'not-applicable', code });
export const valueOutcome = (value: Exact, extra: { unit?: MoneyUnit; grade?: string; flags?: readonly string[] } = {}): Outcome => ({
  kind: 'value',
  value,
  ...extra,
});

export interface InputSpec {
  readonly key: string;
  readonly label: LocalText;
}

/** Where a variant of a formula comes from. */
export const BASES = ['common', 'gz-form', 'gz-report', 'longgang', 'mof-2013', 'mof-2020', 'pefa'] as const;
export type Basis = (typeof BASES)[number];

export interface FormulaDef {
  /** Unique id: `family.variant`, e.g. "adjustmentRate.gzForm". */
  readonly id: string;
  /** The metric family a printed value is keyed by, e.g. "adjustmentRate". */
  readonly family: string;
  readonly variant: string;
  readonly name: LocalText;
  /** The formula as a finance officer reads it. */
  readonly formula: LocalText;
  readonly basis: readonly Basis[];
  readonly inputs: readonly InputSpec[];
  readonly output: OutputKind;
  /** Inputs arrive keyed by InputSpec.key; money is already in one common unit. */
  readonly compute: (args: Readonly<Record<string, Quantity>>) => Outcome;
}
