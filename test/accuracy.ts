/**
 * Field accuracy of `jixiao summary` against an answer file written by reading the document (test/fixtures/
 * answers). Every scalar is one field; a list item contributes each of its fields; an item the importer missed
 * counts all its fields wrong, an item it invented counts one wrong. Numbers compare exactly ("32.00" = "32");
 * text compares without whitespace and markup.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq, parseExact } from '../src/core/exact.ts';
import { type Summary, summarize } from '../src/core/summary.ts';
import { auditSource } from '../src/ingest/audit-file.ts';
import { importSourceOutcome } from '../src/ingest/document-file.ts';
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
  // A held-out answer may leave the layout unjudged (null): documents of a layout jixiao has no entry for.
  if (expected.documentKind !== null) check('documentKind', expected.documentKind, actual.documentKind);
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

// ───────────────────────────── the layout corpus (test/fixtures/corpus) ─────────────────────────────

export const CORPUS = join(ROOT, 'test/fixtures/corpus');

/** A fault planted in a corpus document's twin: found when a finding of `rule` (or of `alsoRules`) has every `includes` in its message. */
export interface PlantedFault {
  readonly rule: string;
  /** Other codes that name the same fault (a table total is `parts-sum` and `total-mismatch`). */
  readonly alsoRules?: readonly string[];
  readonly includes: readonly string[];
  readonly why: string;
}

export interface CorpusCase {
  /** `<layout>/<name>` */
  readonly id: string;
  readonly layout: string;
  readonly name: string;
  /** The clean text, and its twin with the planted faults. */
  readonly text: string;
  readonly faulty: string;
  readonly answer: Summary;
  readonly faults: readonly PlantedFault[];
}

/** Every corpus document, by layout (sub-folder) then name; `root` another folder of the same shape (a held-out set). */
export function corpusCases(root: string = CORPUS): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const layout of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join(root, layout);
    const files = new Set(readdirSync(dir));
    for (const f of [...files].filter((x) => x.endsWith('.answer.json')).sort()) {
      const name = f.slice(0, -'.answer.json'.length);
      // A document is measured with all four of its files (a folder being written may hold some of them only).
      if (!['.txt', '.faulty.txt', '.faults.json'].every((x) => files.has(`${name}${x}`))) continue;
      out.push({
        id: `${layout}/${name}`,
        layout,
        name,
        text: join(dir, `${name}.txt`),
        faulty: join(dir, `${name}.faulty.txt`),
        answer: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Summary,
        faults: (JSON.parse(readFileSync(join(dir, `${name}.faults.json`), 'utf8')) as { findings: PlantedFault[] }).findings,
      });
    }
  }
  return out;
}

/** Message text compared across full and half width, without whitespace and thousands separators ("1,234.50" ≈ "1234.50"). */
const foldMessage = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').replace(/(\d),(?=\d{3})/g, '$1');

export interface FindingLike {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
}

export function matchesFault(f: FindingLike, x: PlantedFault): boolean {
  const m = foldMessage(f.message);
  return (f.rule === x.rule || (x.alsoRules ?? []).includes(f.rule)) && x.includes.every((s) => m.includes(foldMessage(s)) || numberIn(m, foldMessage(s)));
}

/** A planted figure the message gives at another precision ("10.00" printed, "满分 10 分" said): equal as numbers. */
function numberIn(message: string, s: string): boolean {
  if (!/^-?\d+(?:\.\d+)?$/.test(s)) return false;
  const want = parseExact(s);
  if (!want) return false;
  for (const m of message.matchAll(/(?<![\d.])-?\d+(?:\.\d+)?(?![\d.])/g)) {
    const v = parseExact(m[0]);
    if (v && eq(v, want)) return true;
  }
  return false;
}

export interface AuditCheck {
  /** Planted faults, and those a finding matched. */
  readonly planted: number;
  readonly found: number;
  readonly missed: readonly PlantedFault[];
  /** Error findings that match no planted fault (on a clean document: every error finding). */
  readonly falseErrors: readonly FindingLike[];
}

/** How an audit's findings compare with the planted faults (none planted: the clean twin). */
export function checkAudit(findings: readonly FindingLike[], planted: readonly PlantedFault[]): AuditCheck {
  const missed = planted.filter((x) => !findings.some((f) => matchesFault(f, x)));
  const falseErrors = findings.filter((f) => f.severity === 'error' && !planted.some((x) => matchesFault(f, x)));
  return { planted: planted.length, found: planted.length - missed.length, missed, falseErrors };
}

/** The summary of a document the importer could make no evaluation of: every field but its layout is missing. */
function emptySummary(kind: string): Summary {
  return { department: null, year: 0, documentKind: kind, budget: { initial: null, adjusted: null, actual: null }, printedRates: { completion: null, adjustment: null }, tasks: [], indicators: [], projects: [], selfScore: null };
}

export interface DocumentMeasure {
  /** The layout the importer recognised (`unknown` when none). */
  readonly kind: string;
  readonly checks: readonly FieldCheck[];
  /** The audit against the planted faults (none planted for a clean document); absent unless asked for. */
  readonly audit?: AuditCheck;
  /** Why the document could not be read at all. */
  readonly failed?: string;
}

/**
 * Imports a document in-process (as `jixiao summary` and `jixiao audit` do, through the same functions the worker
 * pool calls), compares its summary with the answer, and — when `planted` is given — audits it with the same import.
 */
export async function measureDocument(bytes: Uint8Array, name: string, answer: Summary, planted?: readonly PlantedFault[]): Promise<DocumentMeasure> {
  const source = { name, bytes };
  const outcome = await importSourceOutcome(source);
  if (!outcome.ok) return { kind: 'unknown', checks: compareSummary(answer, emptySummary('unknown')), failed: outcome.problems.map((p) => p.code).join(',') };
  const kind = outcome.evaluation?.documentKind ?? (typeof outcome.data['documentKind'] === 'string' ? outcome.data['documentKind'] : 'unknown');
  const checks = compareSummary(answer, outcome.evaluation ? summarize(outcome.evaluation) : emptySummary(kind));
  if (!planted) return { kind, checks };
  const report = await auditSource(source, { lang: 'zh' }, outcome);
  if (!report.ok) return { kind, checks, audit: { planted: planted.length, found: 0, missed: planted, falseErrors: [] }, failed: report.problems.map((p) => p.code).join(',') };
  return { kind, checks, audit: checkAudit(report.findings, planted) };
}

/** Audits a faulted twin (its summary is not compared: its answer is the clean document's). */
export async function auditDocument(bytes: Uint8Array, name: string, planted: readonly PlantedFault[]): Promise<AuditCheck> {
  const report = await auditSource({ name, bytes }, { lang: 'zh' });
  if (!report.ok) return { planted: planted.length, found: 0, missed: planted, falseErrors: [] };
  return checkAudit(report.findings, planted);
}

// ───────────────────────────── floors (test/fixtures/corpus/floors.json) ─────────────────────────────

export type CorpusFormat = 'text' | 'docx' | 'pdf';

/**
 * What the corpus test keeps from falling: per layout and format the share of fields read right and of documents
 * whose layout is recognised; per layout the share of planted faults the audit finds (text); and, as a ceiling, the
 * error findings on the clean documents (text). Floors are measured values rounded down to 5%.
 */
export interface CorpusLevels {
  readonly fields: Record<string, Partial<Record<CorpusFormat, number>>>;
  readonly recognition: Record<string, Partial<Record<CorpusFormat, number>>>;
  readonly auditFound: Record<string, number>;
  readonly cleanFalseErrors: number;
}

export interface Floors extends CorpusLevels {
  readonly note: string;
}

export const FLOORS_FILE = join(CORPUS, 'floors.json');

export const roundDown5 = (x: number): number => Math.floor(x * 20 + 1e-9) / 20;

/** Every level below its floor (or, for false errors, above its ceiling), as a line a person can act on. */
export function belowFloors(measured: CorpusLevels, floors: CorpusLevels, formats: readonly CorpusFormat[] = ['text', 'docx', 'pdf']): string[] {
  const out: string[] = [];
  const pc = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const what of ['fields', 'recognition'] as const) {
    for (const [layout, byFormat] of Object.entries(floors[what])) {
      for (const f of formats) {
        const floor = byFormat[f];
        if (floor === undefined) continue;
        const m = measured[what][layout]?.[f];
        if (m === undefined) out.push(`${what} ${layout} ${f}: not measured (floor ${pc(floor)})`);
        else if (m < floor) out.push(`${what} ${layout} ${f}: ${pc(m)} below the floor ${pc(floor)}`);
      }
    }
  }
  if (formats.includes('text')) {
    for (const [layout, floor] of Object.entries(floors.auditFound)) {
      const m = measured.auditFound[layout];
      if (m === undefined) out.push(`auditFound ${layout}: not measured (floor ${pc(floor)})`);
      else if (m < floor) out.push(`auditFound ${layout}: ${pc(m)} of the planted faults found, below the floor ${pc(floor)}`);
    }
    if (measured.cleanFalseErrors > floors.cleanFalseErrors) out.push(`cleanFalseErrors: ${measured.cleanFalseErrors} error findings on clean documents, above the ceiling ${floors.cleanFalseErrors}`);
  }
  return out;
}

/** Floors from measured levels: each share rounded down to 5%; the false-error ceiling as measured. */
export function floorsOf(measured: CorpusLevels, note: string): Floors {
  const down = (r: Record<string, Partial<Record<CorpusFormat, number>>>) => Object.fromEntries(Object.entries(r).map(([l, byF]) => [l, Object.fromEntries(Object.entries(byF).map(([f, v]) => [f, roundDown5(v!)]))]));
  return {
    note,
    fields: down(measured.fields),
    recognition: down(measured.recognition),
    auditFound: Object.fromEntries(Object.entries(measured.auditFound).map(([l, v]) => [l, roundDown5(v)])),
    cleanFalseErrors: measured.cleanFalseErrors,
  };
}
