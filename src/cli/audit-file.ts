/**
 * The file-system edge of the audit: a document (imported on the fly) or an evaluation file → findings as JSON-ready
 * data, the same in the main thread and in the worker threads of a batch review.
 */
import { extname } from 'node:path';
import { keyIndicatorPassages } from '../core/audit/context.ts';
import { type AuditInput, type Finding, type FindingLocation, RULES_BY_CODE, audit } from '../core/audit/index.ts';
import { toPlainString } from '../core/exact.ts';
import type { Lang } from '../core/messages.ts';
import type { Evaluation } from '../core/model/evaluation.ts';
import { kindSpec } from '../ingest/kinds.ts';
import { problemToJson, type ProblemJson } from '../ingest/report.ts';
import { importFileOutcome, resolveRubric } from './import-file.ts';
import { loadEvaluationFile } from './files.ts';

export interface LocationJson extends FindingLocation {}

export interface FindingJson {
  readonly rule: string;
  readonly severity: Finding['severity'];
  readonly category: Finding['category'];
  readonly title: string;
  readonly message: string;
  readonly printed: string | null;
  readonly computed: string | null;
  readonly formula: string | null;
  readonly locations: readonly LocationJson[];
}

export interface AuditReportJson {
  readonly ok: true;
  readonly file: string;
  readonly documentKind: string;
  readonly documentKindLabel: string;
  readonly department: string | null;
  readonly year: number | null;
  readonly rubric: { readonly id: string; readonly name: string } | null;
  readonly selfScore: string | null;
  readonly computedScore: string | null;
  readonly maxScore: string | null;
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  readonly findings: readonly FindingJson[];
  /** Self-score and recomputed score per rubric item, for the review report. */
  readonly scores: readonly { readonly path: readonly string[]; readonly weight: string; readonly self: string | null; readonly computed: string | null; readonly verifiable: boolean; readonly basis: string | null; readonly depth: number }[];
}

export type AuditResultJson = AuditReportJson | { readonly ok: false; readonly file: string; readonly problems: readonly ProblemJson[] };

export interface AuditOptions {
  readonly lang: Lang;
  /** Rubric id or file; the evaluation's own otherwise. */
  readonly rubric?: string;
}

const DATA = new Set(['.yaml', '.yml', '.json']);

export async function auditFile(file: string, options: AuditOptions): Promise<AuditResultJson> {
  const { lang } = options;
  let input: Omit<AuditInput, 'rubric'>;
  let locate: ((f: FindingLocation) => FindingLocation) | undefined;
  if (DATA.has(extname(file).toLowerCase())) {
    const loaded = loadEvaluationFile(file);
    if (!loaded.ok) return { ok: false, file, problems: loaded.problems.map((p) => problemToJson({ ...p, file: p.file ?? file }, lang)) };
    input = { evaluation: loaded.evaluation, file };
    // A figure typed into the file has no source: point at its line in the file instead.
    locate = (l) => {
      if (l.line !== undefined || !l.field) return l;
      const path = l.field.split('.').flatMap((s) => s.split(/\[(\d+)\]/).filter(Boolean)).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const pos = loaded.text.locate(path);
      return pos ? { ...l, file, line: pos.line } : { ...l, file };
    };
  } else {
    const outcome = await importFileOutcome(file);
    if (!outcome.ok) return { ok: false, file, problems: outcome.problems.map((p) => problemToJson(p, lang)) };
    if (!outcome.evaluation) {
      // No year: the importer could not make an evaluation. Without figures that is the one finding; else say what is missing.
      const noFigures = outcome.report.warnings.some((w) => w.code === 'no-figures-found');
      if (!noFigures) return { ok: false, file, problems: outcome.report.warnings.map((p) => problemToJson(p, lang)) };
      input = { evaluation: { department: {}, year: 0 } as unknown as Evaluation, file, hasFigures: false };
    } else {
      const noFigures = outcome.report.warnings.some((w) => w.code === 'no-figures-found');
      input = { evaluation: outcome.evaluation, file, passages: [...outcome.report.passages, ...keyIndicatorPassages(outcome.evaluation, file)], missing: outcome.report.missing, ...(noFigures ? { hasFigures: false } : {}) };
    }
  }
  const rubric = resolveRubric(input.evaluation, options.rubric);
  if (!rubric.ok) return { ok: false, file, problems: rubric.problems.map((p) => problemToJson(p, lang)) };
  const result = audit({ ...input, ...(rubric.rubric ? { rubric: rubric.rubric } : {}) });
  const e = input.evaluation;
  const kind = e.documentKind ?? 'unknown';
  const s = result.score;
  const scores: AuditReportJson['scores'][number][] = [];
  const walk = (items: NonNullable<typeof s>['items'], depth: number) => {
    for (const i of items) {
      scores.push({ path: i.path, weight: toPlainString(i.weight), self: i.self ? toPlainString(i.self) : null, computed: i.computed ? toPlainString(i.computed) : null, verifiable: i.verifiable, basis: i.basis ? i.basis[lang] : null, depth });
      if (i.children) walk(i.children, depth + 1);
    }
  };
  if (s) walk(s.items, 0);
  return {
    ok: true,
    file,
    documentKind: kind,
    documentKindLabel: kindSpec(kind).label[lang],
    department: e.department?.name ?? null,
    year: input.hasFigures === false && !e.year ? null : e.year,
    rubric: s ? s.rubric : null,
    selfScore: s?.total.printedSelf ? toPlainString(s.total.printedSelf) : s?.total.self ? toPlainString(s.total.self) : null,
    computedScore: s && (s.total.self || e.selfScores) ? toPlainString(s.total.computed) : null,
    maxScore: s ? toPlainString(s.total.weight) : null,
    counts: result.counts,
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      category: f.category,
      title: RULES_BY_CODE.get(f.rule)?.title[lang] ?? f.rule,
      message: f.message[lang],
      printed: f.printed ?? null,
      computed: f.computed ?? null,
      formula: f.formula?.[lang] ?? null,
      locations: f.locations.map((l) => {
        const x = locate ? locate(l) : l;
        return x.role ? { ...x, role: x.role } : x;
      }),
    })),
    scores,
  };
}
