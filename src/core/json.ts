/**
 * The documented JSON shapes of the core's results (docs/json.md): exact numbers as decimal strings, so that
 * a diff of two years' output shows real changes and no float noise.
 */
import type { ComputedFigure, FigureInput } from './compute/compute.ts';
import { type Exact, sub, toDecimalString, toPercent, toPlainString } from './exact.ts';
import type { Outcome, OutputKind } from './formulas/types.ts';
import { type ItemScore, type ScoreReport, difference, leavesOf } from './rubric/engine.ts';
import type { PathSegment } from './problem.ts';
import { formatPath } from './problem.ts';
import { provenanceOf } from './provenance.ts';

export interface Location {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}
export type Locator = (path: readonly PathSegment[]) => Location | undefined;

/** Exact as text: terminating decimals exactly, others to 10 places. */
export const exactText = (x: Exact): string => toDecimalString(x);

export function displayOf(outcome: Outcome, output: OutputKind): string {
  if (outcome.kind === 'not-applicable') return '—';
  if (output === 'rate') return toPercent(outcome.value) + (outcome.grade ? ` (${outcome.grade})` : '');
  if (output === 'money') return `${toDecimalString(outcome.value, 2)}${outcome.unit ? ` ${outcome.unit}` : ''}`;
  return toPlainString(outcome.value);
}

function inputJson(i: FigureInput, locate?: Locator) {
  const loc = locate?.(i.path);
  return {
    key: i.key,
    label: i.label,
    value: exactText(i.value),
    ...(i.unit ? { unit: i.unit } : {}),
    path: formatPath(i.path),
    provenance: provenanceOf(i, loc),
  };
}

export function figureJson(f: ComputedFigure, locate?: Locator) {
  const ploc = f.printed ? locate?.(f.printed.path) : undefined;
  return {
    id: f.id,
    family: f.family,
    variant: f.variant,
    name: f.name,
    formula: f.formula,
    subject: { path: formatPath(f.subject.path), label: f.subject.label },
    inputs: f.inputs.map((i) => inputJson(i, locate)),
    value: f.outcome.kind === 'value' ? exactText(f.outcome.value) : null,
    ...(f.outcome.kind === 'value' && f.outcome.unit ? { unit: f.outcome.unit } : {}),
    display: displayOf(f.outcome, f.output),
    ...(f.outcome.kind === 'not-applicable' ? { notApplicable: f.outcome.code } : {}),
    ...(f.outcome.kind === 'value' && f.outcome.grade ? { grade: f.outcome.grade } : {}),
    ...(f.outcome.kind === 'value' && f.outcome.flags?.length ? { flags: f.outcome.flags } : {}),
    printed: f.printed ? { text: f.printed.text, path: formatPath(f.printed.path), ...(ploc ? { location: ploc } : {}), ...(f.printed.source ? { source: f.printed.source } : {}) } : null,
    comparison: f.comparison,
    ...(f.alternatives
      ? { alternatives: f.alternatives.map((a) => ({ id: a.id, variant: a.variant, name: a.name, display: displayOf(a.outcome, f.output), comparison: a.comparison })) }
      : {}),
  };
}

const opt = (x: Exact | undefined) => (x === undefined ? null : toPlainString(x));

function itemJson(i: ItemScore) {
  const diff = difference(i);
  return {
    id: i.id,
    path: i.path,
    weight: toPlainString(i.weight),
    self: opt(i.self),
    computed: opt(i.computed),
    difference: opt(diff),
    verifiable: i.verifiable,
    ...(i.method ? { method: i.method } : {}),
    ...(i.basis ? { basis: i.basis } : {}),
    ...(i.selfReason ? { reason: i.selfReason } : {}),
    flags: i.flags,
  };
}

export function scoreJson(r: ScoreReport) {
  const groups: ItemScore[] = [];
  const walk = (items: readonly ItemScore[]) => {
    for (const i of items) if (i.children) {
      groups.push(i);
      walk(i.children);
    }
  };
  walk(r.items);
  return {
    rubric: r.rubric.id,
    rubricName: r.rubric.name,
    items: leavesOf(r.items).map(itemJson),
    groups: groups.map(itemJson),
    total: {
      weight: toPlainString(r.total.weight),
      self: opt(r.total.self),
      printedSelf: opt(r.total.printedSelf),
      computed: toPlainString(r.total.computed),
      difference: r.total.self ? toPlainString(sub(r.total.computed, r.total.self)) : null,
    },
    /** null when some items have neither data nor a self-score (see unscoredWeight). */
    grade: r.grade.computed?.zh ?? null,
    gradeId: r.grade.computed?.id ?? null,
    unscoredWeight: toPlainString(r.unscoredWeight),
    selfGrade: r.grade.self?.zh ?? null,
    vetoed: r.vetoed,
  };
}
