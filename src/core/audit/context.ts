/**
 * What every rule reads: the evaluation, every computed figure, the rubric's scoring, the narrative passages, and
 * helpers that turn a model path into the place the document printed it. Built once per audit.
 */
import { type MoneyUnit, groupThousands, valueIn } from '../amount.ts';
import { type ComputedFigure, computeAll } from '../compute/compute.ts';
import { type Exact, HUNDRED, mul, pow10, toFixed } from '../exact.ts';
import type { LocalText } from '../formulas/types.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { UNKNOWN_LAYOUT, layoutById } from '../layouts/index.ts';
import type { Money, Source } from '../model/money.ts';
import { type PathSegment, formatPath } from '../problem.ts';
import { type ScoreReport, scoreEvaluation } from '../rubric/engine.ts';
import { extractFacts } from '../text/facts.ts';
import { breakBefore, breakFrom } from '../text/reach.ts';
import type { AuditInput, Finding, FindingLocation, Passage } from './types.ts';

export interface AuditContext {
  readonly input: AuditInput;
  readonly e: Evaluation;
  readonly figures: readonly ComputedFigure[];
  readonly score?: ScoreReport;
  readonly passages: readonly Passage[];
}

export type FindingDraft = Omit<Finding, 'rule' | 'category' | 'severity'> & { readonly severity?: Finding['severity'] };

export function buildContext(input: AuditInput): AuditContext {
  const e = input.evaluation;
  const figures = computeAll(e);
  const score = input.rubric ? scoreEvaluation(e, input.rubric, figures) : undefined;
  return { input, e, figures, ...(score ? { score } : {}), passages: input.passages ?? passagesOf(e, input.file) };
}

export const t = (zh: string, en: string): LocalText => ({ zh, en });

/**
 * A rule as the document's layout states it: the rule's text with the layout that prints it (from the layout
 * registry), so a finding names whose rule it applies — "执行率得分 = min(执行率, 100%) × 权重（执行率计分式整体自评表）".
 * A document of no known layout gets the rule's own source only.
 */
export function layoutRule(ctx: AuditContext, rule: LocalText): LocalText {
  const layout = layoutById(ctx.e.documentKind);
  if (layout === UNKNOWN_LAYOUT) return rule;
  return t(`${rule.zh}（${layout.label.zh}）`, `${rule.en} (${layout.label.en})`);
}

/** The value at a model path (undefined when any step is missing). */
export function at(root: unknown, path: readonly PathSegment[]): unknown {
  let o: unknown = root;
  for (const k of path) {
    if (typeof o !== 'object' || o === null) return undefined;
    o = (o as Record<string | number, unknown>)[k];
  }
  return o;
}

export function fromSource(s: Source | undefined, field?: string, role?: LocalText): FindingLocation {
  return {
    ...(field ? { field } : {}),
    ...(s?.file ? { file: s.file } : {}),
    ...(s?.page !== undefined ? { page: s.page } : {}),
    ...(s?.line !== undefined ? { line: s.line } : {}),
    ...(s?.section ? { section: s.section } : {}),
    ...(s?.table ? { table: s.table } : {}),
    ...(s?.row !== undefined ? { row: s.row } : {}),
    ...(s?.column !== undefined ? { column: s.column } : {}),
    ...(s?.text ? { text: s.text } : {}),
    ...(role ? { role } : {}),
  };
}

/**
 * Where the value at `path` was printed: its own source, or the nearest enclosing one (a table row's name cell for a
 * figure typed without a source). Always carries the field path, so an evaluation file's finding still points home.
 */
export function locationOf(ctx: AuditContext, path: readonly PathSegment[], role?: LocalText): FindingLocation {
  for (let n = path.length; n >= 0; n--) {
    const v = at(ctx.e, path.slice(0, n));
    const src = typeof v === 'object' && v !== null ? (v as { source?: Source }).source : undefined;
    if (src) return fromSource(src, formatPath(path), role);
  }
  return fromSource(undefined, formatPath(path), role);
}

/**
 * Where the value at `path` was printed; when the model keeps no place for it (a score read as a bare number beside
 * the amounts of its row), the place of the first of `near` that has one — the row it was printed on — under its own
 * field, so the finding still points at a line.
 */
export function locationsNear(ctx: AuditContext, path: readonly PathSegment[], role: LocalText, near: readonly (readonly PathSegment[])[]): FindingLocation[] {
  const own = locationOf(ctx, path, role);
  if (own.line !== undefined || own.page !== undefined) return [own];
  for (const p of near) {
    const l = locationOf(ctx, p);
    if (l.line !== undefined || l.page !== undefined) {
      const { column: _column, ...row } = l;
      return [{ ...row, ...(own.field ? { field: own.field } : {}), role }];
    }
  }
  return [own];
}

/** Locations without repeats (the same printed line can hold two inputs). */
export function uniqueLocations(list: readonly FindingLocation[]): FindingLocation[] {
  const seen = new Set<string>();
  const out: FindingLocation[] = [];
  for (const l of list) {
    const key = l.line !== undefined || l.page !== undefined ? `${l.file}|${l.page}|${l.line}|${l.column}|${l.text}` : `field|${l.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l);
  }
  return out;
}

export function moneyText(m: { value: Exact; unit: MoneyUnit }, unit: MoneyUnit = m.unit, digits = 2): string {
  return `${groupThousands(toFixed(valueIn(m, unit), digits))} ${unit}`;
}

/** Decimals of an exact amount as printed (trailing zeros are not kept, so "2568.20" counts as 1). */
export function digitsOf(m: { value: Exact }): number {
  return m.value.d === 1n ? 0 : m.value.d.toString().length - 1;
}

/** Half a unit in the last of `digits` decimals of an amount in `from`, expressed in `to`: what rounding may move it. */
export function halfUnit(digits: number, from: MoneyUnit, to: MoneyUnit = from): Exact {
  return valueIn({ value: { n: 5n, d: pow10(digits + 1) }, unit: from }, to);
}

export function pct(rate: Exact, digits = 2): string {
  return `${toFixed(mul(rate, HUNDRED), digits)}%`;
}

export function isMoney(x: unknown): x is Money {
  return typeof x === 'object' && x !== null && 'value' in x && 'unit' in x && typeof (x as Money).value === 'object';
}

type Add = (text: string | undefined, path: readonly PathSegment[], isTarget?: boolean, source?: Source) => void;

function passageAdder(out: Passage[], file?: string): Add {
  return (text, path, isTarget = false, source) => {
    if (!text) return;
    const field = formatPath(path);
    out.push({
      text,
      facts: extractFacts(text),
      isTarget,
      locate: (start, end) => {
        // The sentence around the figure, at most SENTENCE_REACH either side (a text without full stops is not
        // searched whole for each figure in it).
        const isStop = (c: string) => c === '。';
        const from = breakBefore(text, start, isStop);
        const stop = breakFrom(text, end, isStop);
        const clause = text.slice(from, stop < text.length && text[stop] === '。' ? stop + 1 : stop).trim();
        return fromSource({ ...(source ?? {}), ...(file && !source?.file ? { file } : {}), text: clause.length > 160 ? `${clause.slice(0, 157)}…` : clause }, field);
      },
    });
  };
}

/** Every indicator row with its path: the department's table and each project's (a project form's included). */
function indicatorRows(e: Evaluation): { name: string; actual?: string | undefined; source?: Source | undefined; path: PathSegment[] }[] {
  return [
    ...(e.indicators ?? []).map((ind, i) => ({ ...ind, path: ['indicators', i] as PathSegment[] })),
    ...(e.project?.indicators ?? []).map((ind, i) => ({ ...ind, path: ['project', 'indicators', i] as PathSegment[] })),
    ...(e.projectEvaluations ?? []).flatMap((p, j) => (p.indicators ?? []).map((ind, i) => ({ ...ind, path: ['projectEvaluations', j, 'indicators', i] as PathSegment[] }))),
  ];
}

/**
 * Indicators whose result cell holds only a number ("2次", "126场") — key indicators of a form and the rows of an
 * indicator table: the name and the result read together, so that the importer's cell-by-cell passages do not lose
 * what the number counts, and a sentence stating the same count with another number is found (fact-conflict).
 */
export function keyIndicatorPassages(e: Evaluation, file?: string): Passage[] {
  const out: Passage[] = [];
  const add = passageAdder(out, file);
  e.keyTasks?.forEach((k, i) =>
    k.keyIndicators?.forEach((ki, j) => {
      if (ki.actual && extractFacts(ki.actual).length === 0) add(`${ki.name} ${ki.actual}`, ['keyTasks', i, 'keyIndicators', j], false, ki.source);
    }),
  );
  for (const ind of indicatorRows(e)) {
    if (ind.actual && /\d/.test(ind.actual) && extractFacts(ind.actual).length === 0) add(`${ind.name} ${ind.actual}`, [...ind.path, 'actual'], false, ind.source);
  }
  return out;
}

/**
 * The narrative of an evaluation file, passage by passage, each located by its field path: what the importer's
 * paragraphs are for a document.
 */
export function passagesOf(e: Evaluation, file?: string): Passage[] {
  const out: Passage[] = [];
  const add = passageAdder(out, file);
  add(e.overallTarget, ['overallTarget'], true);
  add(e.overallResult, ['overallResult']);
  e.keyTasks?.forEach((k, i) => {
    add(k.content, ['keyTasks', i, 'content'], true);
    add(k.completion, ['keyTasks', i, 'completion']);
    k.keyIndicators?.forEach((ki, j) => add([ki.name, ki.actual].filter(Boolean).join(' '), ['keyTasks', i, 'keyIndicators', j], false, ki.source));
  });
  add(e.keyProjectNarrative, ['keyProjectNarrative']);
  add(e.performanceNarrative, ['performanceNarrative']);
  e.projects?.rows.forEach((p, i) => add(p.narrative, ['projects', 'rows', i, 'narrative']));
  for (const ind of indicatorRows(e)) if (ind.actual && /\d/.test(ind.actual)) add(`${ind.name} ${ind.actual}`, [...ind.path, 'actual'], false, ind.source);
  return out;
}
