/**
 * One fuzz input through the product, in-process: import (`importDocument` with the built-in rubrics), then the
 * audit with passages as `src/ingest/audit-file.ts` builds them for a document, then cheap invariants on what came
 * out. An exception escaping import or audit is not caught here: the caller records it as a crash.
 *
 * Invariants (each break is a finding, 0 expected):
 * - a refused document has at least one problem, and every problem code has a catalogue message (no template
 *   placeholder left unfilled);
 * - no NaN, Infinity, "undefined", "[object Object]" in any message, extracted value or score, unless the
 *   document itself contains that text; no non-finite number anywhere in the data;
 * - a reader error that is really a programmer error ("Cannot read properties of undefined", …) caught and shown as
 *   a problem is a masked crash;
 * - the import's JSON and the audit report serialise (no BigInt, no cycle), the audit's counts add up and every
 *   finding names a registered rule;
 * - the evaluation file the importer would write (YAML) reads back as a valid evaluation (no data lost).
 */
import { unzipSync } from 'fflate';
import { stringify } from 'yaml';
import { keyIndicatorPassages } from '../../src/core/audit/context.ts';
import { RULES_BY_CODE } from '../../src/core/audit/index.ts';
import { type AuditReportJson, auditReport } from '../../src/core/audit/report.ts';
import { MESSAGES } from '../../src/core/messages.ts';
import type { Evaluation } from '../../src/core/model/evaluation.ts';
import type { Problem } from '../../src/core/problem.ts';
import { builtInRubrics, resolveRubric } from '../../src/ingest/document-file.ts';
import { loadEvaluationText } from '../../src/ingest/evaluation-file.ts';
import { type ImportOutcome, importDocument } from '../../src/ingest/import.ts';
import { outcomeToJson, problemToJson } from '../../src/ingest/report.ts';

export type Verdict = 'imported' | 'audited' | 'refused';

export interface CheckResult {
  /** refused: the reader or importer gave problems; imported: no evaluation to audit; audited: audit ran. */
  readonly verdict: Verdict;
  /** Problem codes (refusals, import warnings, audit refusal). */
  readonly codes: readonly string[];
  readonly findings: number;
  /** Invariant breaks, each one line. */
  readonly breaks: readonly string[];
  /** The PDF reader's own watchdog stopped pdf.js (a stall that the product survived). */
  readonly stalled: boolean;
}

export interface CheckOptions {
  /** Also write the evaluation as YAML and read it back (costs ~10–30% more per input). */
  readonly roundTrip?: boolean;
}

const SUSPICIOUS = /\bNaN\b|\bInfinity\b|\bundefined\b|\[object Object\]/g;
const PLACEHOLDER = /\{[A-Za-z]\w*\}/g;
/** What a JavaScript engine says about a programmer error (as opposed to a damaged file). */
const PROGRAMMER_ERROR = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid string length|out of memory|Cannot convert|Unexpected token|BigInt/;

export async function checkDocument(bytes: Uint8Array, name: string, options: CheckOptions = {}): Promise<CheckResult> {
  const rubrics = builtInRubrics();
  const outcome = await importDocument(bytes, name, { rubrics });
  const breaks: string[] = [];
  // Only made when a suspicious word turns up (it unzips the package).
  let text: string | undefined;
  const universe = () => (text ??= documentText(bytes, outcome));
  const scan = (label: string, v: unknown, strict: boolean) => scanValues(label, v, universe, strict, breaks);

  const problems: Problem[] = outcome.ok ? [...outcome.report.warnings] : [...outcome.problems];
  checkProblems(problems, breaks);
  const stalled = problems.some((p) => p.code === 'pdf-corrupt' && /no progress/.test(String(p.params['detail'] ?? '')));
  const codes = [...new Set(problems.map((p) => p.code))];

  if (!outcome.ok) {
    if (!outcome.problems.length) breaks.push('refused without a problem');
    return { verdict: 'refused', codes, findings: 0, breaks, stalled };
  }
  const json = serialise('import JSON', () => outcomeToJson(outcome, 'zh'), breaks);
  if (json && json.ok) {
    scan('import', json.report.found.map((f) => f.value), true);
    scan('import facts', json.report.facts.map((f) => f.value), true);
  }
  scan('data', outcome.data, false);
  if (options.roundTrip && outcome.evaluation && json?.ok) {
    const yaml = stringify(json.data, { lineWidth: 0 });
    const back = loadEvaluationText(yaml, `${name}.yaml`);
    if (!back.ok) breaks.push(`the imported evaluation does not read back: ${back.problems.slice(0, 3).map((p) => `${p.code} ${JSON.stringify(p.params)}`).join('; ')}`);
  }

  // The audit of a document, as src/ingest/audit-file.ts does it.
  const noFigures = outcome.report.warnings.some((w) => w.code === 'no-figures-found');
  let evaluation: Evaluation;
  let extra: { passages?: AuditPassages; missing?: readonly string[]; hasFigures?: false };
  if (!outcome.evaluation) {
    if (!noFigures) {
      if (!outcome.report.warnings.length) breaks.push('no evaluation and no warning that says why');
      return { verdict: 'imported', codes, findings: 0, breaks, stalled };
    }
    evaluation = { department: {}, year: 0 } as unknown as Evaluation;
    extra = { hasFigures: false };
  } else {
    evaluation = outcome.evaluation;
    extra = { passages: [...outcome.report.passages, ...keyIndicatorPassages(evaluation, name)], missing: outcome.report.missing, ...(noFigures ? { hasFigures: false as const } : {}) };
  }
  const rubric = resolveRubric(evaluation, undefined);
  if (!rubric.ok) {
    checkProblems(rubric.problems, breaks);
    return { verdict: 'imported', codes: [...codes, ...rubric.problems.map((p) => p.code)], findings: 0, breaks, stalled };
  }
  const report = auditReport({ evaluation, file: name, lang: 'zh', ...extra, ...(rubric.rubric ? { rubric: rubric.rubric } : {}) });
  checkReport(report, breaks);
  serialise('audit JSON', () => report, breaks);
  scan('audit', report.findings.map((f) => [f.message, f.printed, f.computed, f.formula, f.title]), true);
  scan('audit scores', [report.selfScore, report.computedScore, report.maxScore, report.scores.map((s) => [s.weight, s.self, s.computed])], true);
  return { verdict: 'audited', codes, findings: report.findings.length, breaks, stalled };
}

type AuditPassages = NonNullable<Parameters<typeof auditReport>[0]['passages']>;

function checkProblems(problems: readonly Problem[], breaks: string[]): void {
  for (const p of problems) {
    if (!MESSAGES[p.code]) {
      breaks.push(`problem code without a message: ${p.code}`);
      continue;
    }
    for (const lang of ['zh', 'en'] as const) {
      const j = problemToJson(p, lang);
      const left = [...`${j.message} ${j.fix ?? ''}`.matchAll(PLACEHOLDER)].map((m) => m[0]);
      if (left.length) breaks.push(`${p.code} (${lang}): placeholder ${left.join(' ')} left unfilled`);
    }
    const detail = String(p.params['detail'] ?? '');
    if (PROGRAMMER_ERROR.test(detail)) breaks.push(`${p.code}: a programmer error shown as a problem: ${detail.slice(0, 200)}`);
  }
}

function checkReport(r: AuditReportJson, breaks: string[]): void {
  const sum = r.counts.error + r.counts.warning + r.counts.info;
  if (sum !== r.findings.length) breaks.push(`audit counts add up to ${sum}, findings ${r.findings.length}`);
  for (const f of r.findings) if (!RULES_BY_CODE.has(f.rule)) breaks.push(`finding of an unregistered rule ${f.rule}`);
}

function serialise<T>(label: string, make: () => T, breaks: string[]): T | undefined {
  try {
    const v = make();
    JSON.stringify(v);
    return v;
  } catch (e) {
    breaks.push(`${label} does not serialise: ${(e as Error).message}`);
    return undefined;
  }
}

/**
 * Walks a value: a non-finite number anywhere is a break; a suspicious word in a string is one when `strict` (the
 * text is the product's own: messages, values, scores) and the document does not contain that word itself.
 */
function scanValues(label: string, v: unknown, universe: () => string, strict: boolean, breaks: string[]): void {
  const seen = new Set<unknown>();
  const walk = (x: unknown, path: string, depth: number) => {
    if (depth > 40 || breaks.length > 20) return;
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) breaks.push(`${label} ${path}: ${x}`);
    } else if (typeof x === 'string') {
      if (!strict) return;
      for (const m of x.matchAll(SUSPICIOUS)) {
        if (!universe().includes(m[0])) {
          breaks.push(`${label} ${path}: "${m[0]}" in ${JSON.stringify(x.length > 120 ? `${x.slice(0, 117)}…` : x)}`);
          break;
        }
      }
    } else if (x && typeof x === 'object') {
      if (seen.has(x)) return;
      seen.add(x);
      if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${path}[${i}]`, depth + 1));
      else for (const [k, y] of Object.entries(x)) if (typeof y !== 'function') walk(y, path ? `${path}.${k}` : k, depth + 1);
    }
  };
  walk(v, '', 0);
}

/** Text the document itself contains (so "NaN" typed in the document is not the product's fault). */
function documentText(bytes: Uint8Array, outcome: ImportOutcome): string {
  const parts: string[] = [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')];
  try {
    for (const part of Object.values(unzipSync(bytes))) parts.push(new TextDecoder().decode(part));
  } catch {
    // Not a ZIP.
  }
  if (outcome.ok) {
    for (const p of outcome.report.passages) parts.push(p.text);
    for (const f of outcome.report.found) parts.push(f.source.text ?? '');
  }
  return parts.join('\n');
}
