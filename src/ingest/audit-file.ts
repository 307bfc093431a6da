/**
 * The file-system edge of the audit: a document (imported on the fly) or an evaluation file → the audit report of
 * the core (`core/audit/report.ts`), the same in the main thread and in the worker threads of a batch review.
 */
import { extname } from 'node:path';
import { keyIndicatorPassages } from '../core/audit/context.ts';
import type { AuditInput, FindingLocation } from '../core/audit/index.ts';
import { type AuditReportJson, auditReport } from '../core/audit/report.ts';
import type { Lang } from '../core/messages.ts';
import type { Evaluation } from '../core/model/evaluation.ts';
import type { ImportOutcome } from './import.ts';
import { problemToJson, type ProblemJson } from './report.ts';
import { importSourceOutcome, resolveRubric } from './document-file.ts';
import { type DocumentSource, sourceName } from './document-source.ts';
import { loadEvaluationFile } from './files.ts';

export type { AuditReportJson, FindingJson, LocationJson } from '../core/audit/report.ts';

export type AuditResultJson = AuditReportJson | { readonly ok: false; readonly file: string; readonly problems: readonly ProblemJson[] };

export interface AuditOptions {
  readonly lang: Lang;
  /** Rubric id or file; the evaluation's own otherwise. */
  readonly rubric?: string;
}

const DATA = new Set(['.yaml', '.yml', '.json']);

export const auditFile = (file: string, options: AuditOptions): Promise<AuditResultJson> => auditSource({ file }, options);

/** Audits a document (imported on the fly, unless `imported` already holds its import) or an evaluation file. Runs in a pool worker (src/ingest/pool/), or in tests. */
export async function auditSource(source: DocumentSource, options: AuditOptions, imported?: ImportOutcome): Promise<AuditResultJson> {
  const { lang } = options;
  const file = sourceName(source);
  let input: Omit<AuditInput, 'rubric'>;
  let locate: ((f: FindingLocation) => FindingLocation) | undefined;
  if ('file' in source && DATA.has(extname(file).toLowerCase())) {
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
    const outcome = imported ?? (await importSourceOutcome(source));
    if (!outcome.ok) return { ok: false, file, problems: outcome.problems.map((p) => problemToJson(p, lang)) };
    const noFigures = outcome.report.warnings.some((w) => w.code === 'no-figures-found');
    if (!outcome.evaluation) {
      // No year: the importer could not make an evaluation. Without figures that is the one finding; else say what is missing.
      if (!noFigures) return { ok: false, file, problems: outcome.report.warnings.map((p) => problemToJson(p, lang)) };
      input = { evaluation: { department: {}, year: 0 } as unknown as Evaluation, file, hasFigures: false };
    } else {
      input = { evaluation: outcome.evaluation, file, passages: [...outcome.report.passages, ...keyIndicatorPassages(outcome.evaluation, file)], missing: outcome.report.missing, ...(noFigures ? { hasFigures: false } : {}) };
    }
  }
  const rubric = resolveRubric(input.evaluation, options.rubric);
  if (!rubric.ok) return { ok: false, file, problems: rubric.problems.map((p) => problemToJson(p, lang)) };
  return auditReport({ ...input, file, lang, ...(rubric.rubric ? { rubric: rubric.rubric } : {}), ...(locate ? { locate } : {}) });
}
