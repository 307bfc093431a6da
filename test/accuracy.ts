/**
 * Field accuracy of `jixiao summary` against an answer file written by reading the document (test/fixtures/
 * answers). Every scalar is one field; a list item contributes each of its fields; an item the importer missed
 * counts all its fields wrong, an item it invented counts one wrong. Numbers compare exactly ("32.00" = "32");
 * text compares without whitespace and markup.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq, parseExact } from '../src/core/exact.ts';
import type { Summary } from '../src/core/summary.ts';
import { ROOT } from './helpers.ts';

export interface FieldCheck {
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly ok: boolean;
}

const norm = (s: string) => s.normalize('NFKC').replace(/<\/?[a-z][^>]*>/gi, '').replace(/\s+/g, '');

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' || typeof b === 'number') return String(a) === String(b);
  const x = String(a);
  const y = String(b);
  const nx = parseExact(x.replace(/,/g, '').trim());
  const ny = parseExact(y.replace(/,/g, '').trim());
  if (nx && ny) return eq(nx, ny);
  return norm(x) === norm(y);
}

function pairByName<T extends { name: string }>(expected: readonly T[], actual: readonly T[]): { pairs: [T, T | undefined][]; extra: T[] } {
  const left = [...actual];
  const pairs: [T, T | undefined][] = expected.map((e) => {
    const i = left.findIndex((a) => norm(a.name) === norm(e.name));
    return [e, i >= 0 ? left.splice(i, 1)[0] : undefined];
  });
  // Unmatched by name: pair in order with what is left (a renamed item still counts its other fields).
  for (const p of pairs) if (!p[1] && left.length) p[1] = left.shift();
  return { pairs, extra: left };
}

export function compareSummary(expected: Summary, actual: Summary): FieldCheck[] {
  const out: FieldCheck[] = [];
  const check = (field: string, e: unknown, a: unknown) => out.push({ field, expected: e ?? null, actual: a ?? null, ok: sameValue(e, a) });
  check('department', expected.department, actual.department);
  check('year', expected.year, actual.year);
  check('documentKind', expected.documentKind, actual.documentKind);
  for (const k of ['initial', 'adjusted', 'actual'] as const) check(`budget.${k}`, expected.budget[k], actual.budget[k]);
  for (const k of ['completion', 'adjustment'] as const) check(`printedRates.${k}`, expected.printedRates[k], actual.printedRates[k]);
  if (expected.selfScore === null || actual.selfScore === null) check('selfScore', expected.selfScore === null ? null : 'present', actual.selfScore === null ? null : 'present');
  if (expected.selfScore && actual.selfScore) {
    check('selfScore.total', expected.selfScore.total, actual.selfScore.total);
    check('selfScore.max', expected.selfScore.max, actual.selfScore.max);
  }
  const tasks = pairByName(expected.tasks, actual.tasks);
  for (const [e, a] of tasks.pairs) {
    check(`tasks[${e.name}].name`, e.name, a?.name);
    check(`tasks[${e.name}].amount`, e.amount, a?.amount);
    const ki = pairByName(e.indicators, a?.indicators ?? []);
    for (const [ei, ai] of ki.pairs) {
      check(`tasks[${e.name}].indicators[${ei.name}].name`, ei.name, ai?.name);
      check(`tasks[${e.name}].indicators[${ei.name}].actual`, ei.actual, ai?.actual);
    }
    for (const x of ki.extra) out.push({ field: `tasks[${e.name}].indicators (extra)`, expected: null, actual: x.name, ok: false });
  }
  for (const x of tasks.extra) out.push({ field: 'tasks (extra)', expected: null, actual: x.name, ok: false });
  const ind = pairByName(expected.indicators, actual.indicators);
  for (const [e, a] of ind.pairs) for (const k of ['level1', 'level2', 'name', 'target', 'actual'] as const) check(`indicators[${e.name}].${k}`, e[k], a?.[k]);
  for (const x of ind.extra) out.push({ field: 'indicators (extra)', expected: null, actual: x.name, ok: false });
  const pro = pairByName(expected.projects, actual.projects);
  for (const [e, a] of pro.pairs) for (const k of ['name', 'initial', 'adjusted', 'actual', 'printedRate'] as const) check(`projects[${e.name}].${k}`, e[k], a?.[k]);
  for (const x of pro.extra) out.push({ field: 'projects (extra)', expected: null, actual: x.name, ok: false });
  return out;
}

export const ANSWERS = join(ROOT, 'test/fixtures/answers');
export const SEEDS = join(ROOT, 'examples/seeds');
export const DOCUMENTS = join(ROOT, 'test/fixtures/documents');

/** Seed number → its answer, its text file, and its DOCX/PDF/XLSX renderings when present. */
export function seedCases(): { id: string; answer: Summary; files: Record<string, string> }[] {
  return readdirSync(ANSWERS)
    .filter((f) => /^\d{3}\.json$/.test(f))
    .sort()
    .map((f) => {
      const id = f.slice(0, 3);
      const files: Record<string, string> = {};
      const seed = readdirSync(SEEDS).find((s) => s.startsWith(`${id}_`));
      if (seed) files['text'] = join(SEEDS, seed);
      for (const ext of ['docx', 'pdf', 'xlsx']) {
        const p = join(DOCUMENTS, `seed-${id}.${ext}`);
        if (readdirSync(DOCUMENTS).includes(`seed-${id}.${ext}`)) files[ext] = p;
      }
      return { id, answer: JSON.parse(readFileSync(join(ANSWERS, f), 'utf8')) as Summary, files };
    });
}

export function accuracy(checks: readonly FieldCheck[]): number {
  return checks.length ? checks.filter((c) => c.ok).length / checks.length : 1;
}
