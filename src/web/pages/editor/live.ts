/**
 * The core in the browser, under every keystroke: the plain data is parsed with the same parser the server uses,
 * audited with the same rules against the same rubric, and every metric computed — so the preparer sees a broken
 * total or a changed rate while typing, before anything is saved.
 */
import { type AuditResult, type Finding, audit } from '../../../core/audit/index.ts';
import { type ComputedFigure, computeAll } from '../../../core/compute/compute.ts';
import type { Evaluation } from '../../../core/model/evaluation.ts';
import { parseEvaluation } from '../../../core/model/parse.ts';
import { type Problem, formatPath } from '../../../core/problem.ts';
import type { Rubric } from '../../../core/rubric/schema.ts';
import { within } from './paths.ts';

export interface Live {
  /** The data parsed: false while a field holds something the model refuses (then `problems` say where). */
  readonly ok: boolean;
  readonly problems: readonly Problem[];
  readonly evaluation?: Evaluation;
  readonly audit?: AuditResult;
  readonly figures?: readonly ComputedFigure[];
  /** Milliseconds parse + audit + compute took. */
  readonly ms: number;
}

declare global {
  interface Window {
    __jixiaoRecompute?: { last: number; count: number };
  }
}

/** One recompute; the time it took goes to window.__jixiaoRecompute for the benchmark. */
export function recompute(data: unknown, rubric: Rubric | undefined): Live {
  const t0 = performance.now();
  let live: Omit<Live, 'ms'>;
  const parsed = parseEvaluation(data);
  if (!parsed.ok) live = { ok: false, problems: parsed.problems };
  else {
    const evaluation = parsed.value;
    const result = audit({ evaluation, ...(rubric ? { rubric } : {}) });
    const figures = computeAll(evaluation);
    live = { ok: true, problems: [], evaluation, audit: result, figures };
  }
  const ms = performance.now() - t0;
  const prev = window.__jixiaoRecompute;
  window.__jixiaoRecompute = { last: ms, count: (prev?.count ?? 0) + 1 };
  return { ...live, ms };
}

/** Findings whose places include field `key` or a field inside it. */
export function findingsAt(findings: readonly Finding[] | undefined, key: string): Finding[] {
  if (!findings) return [];
  return findings.filter((f) => f.locations.some((l) => l.field !== undefined && within(l.field, key)));
}

/** Problems at field `key` or inside it. */
export function problemsAt<P extends { readonly path: string }>(problems: readonly P[], key: string): P[] {
  return problems.filter((p) => p.path !== '' && within(p.path, key));
}

export const problemPath = (p: Problem) => formatPath(p.path);

/** The figure of `family` computed for the line at `subjectPath` ("budget", "budget.basic", "projects.rows[0]"). */
export function figureAt(figures: readonly ComputedFigure[] | undefined, subjectPath: string, family: string): ComputedFigure | undefined {
  return figures?.find((f) => f.family === family && formatPath(f.subject.path) === subjectPath);
}

export const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function worstOf(findings: readonly Finding[]): Finding['severity'] | undefined {
  let w: Finding['severity'] | undefined;
  for (const f of findings) if (w === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[w]) w = f.severity;
  return w;
}

/** Which section of the editor shows a field, by its first path segment. */
export type SectionKey = 'basic' | 'budget' | 'indicators' | 'tasks' | 'scores' | 'problems';
const SECTION_OF: Record<string, SectionKey> = {
  department: 'basic',
  year: 'basic',
  unit: 'basic',
  preparer: 'basic',
  documentKind: 'basic',
  rubric: 'basic',
  functions: 'basic',
  overallTarget: 'basic',
  overallResult: 'basic',
  performanceNarrative: 'basic',
  notes: 'basic',
  budget: 'budget',
  basicExpenditure: 'budget',
  economicClassification: 'budget',
  functionalClassification: 'budget',
  formulaTables: 'budget',
  management: 'budget',
  indicators: 'indicators',
  printedIndicatorCounts: 'indicators',
  keyTasks: 'tasks',
  projects: 'tasks',
  keyProjectNarrative: 'tasks',
  project: 'tasks',
  projectEvaluations: 'tasks',
  selfScores: 'scores',
  problems: 'problems',
  measures: 'problems',
  resultUse: 'problems',
};
export function sectionOf(field: string | undefined): SectionKey | undefined {
  if (!field) return undefined;
  const head = /^[^.[]+/.exec(field)?.[0];
  return head ? SECTION_OF[head] : undefined;
}
