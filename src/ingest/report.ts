/**
 * The extraction report as plain JSON (docs/json.md "import"): what the importer found, where, and what it did
 * not find. Also what crosses from an import worker thread to the main thread.
 */
import { toPlainString } from '../core/exact.ts';
import type { Lang } from '../core/messages.ts';
import { messageOf } from '../core/messages.ts';
import type { Source } from '../core/model/money.ts';
import { type Problem, formatPath } from '../core/problem.ts';
import type { ImportOutcome, ImportReport } from './import.ts';

export interface ProblemJson {
  readonly code: string;
  readonly message: string;
  readonly fix?: string;
  readonly path?: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface ImportReportJson {
  readonly file: string;
  readonly format: string;
  readonly encoding: string | null;
  readonly documentKind: string;
  readonly documentKindLabel: string;
  readonly kindScores: Readonly<Record<string, number>>;
  readonly lines: number;
  readonly found: readonly { readonly field: string; readonly value: string; readonly source: Source }[];
  readonly missing: readonly string[];
  readonly warnings: readonly ProblemJson[];
  readonly facts: readonly { readonly subject: string; readonly value: string; readonly printed: string; readonly unit: string; readonly approximate: boolean; readonly source: Source }[];
}

export type ImportResultJson =
  | { readonly ok: true; readonly file: string; readonly data: Record<string, unknown>; readonly valid: boolean; readonly report: ImportReportJson }
  | { readonly ok: false; readonly file: string; readonly problems: readonly ProblemJson[] };

export function problemToJson(p: Problem, lang: Lang): ProblemJson {
  const m = messageOf(p, lang);
  return { code: p.code, message: m.text, ...(m.fix ? { fix: m.fix } : {}), ...(p.path.length ? { path: formatPath(p.path) } : {}), params: p.params };
}

export function reportToJson(r: ImportReport, lang: Lang): ImportReportJson {
  return {
    file: r.file,
    format: r.format,
    encoding: r.encoding ?? null,
    documentKind: r.kind.id,
    documentKindLabel: r.kind.label[lang],
    kindScores: r.kindScores,
    lines: r.lines,
    found: r.found.map((f) => ({ field: f.path, value: f.value, source: f.source })),
    missing: r.missing,
    warnings: r.warnings.map((w) => problemToJson(w, lang)),
    facts: r.facts.map((f) => ({ subject: f.subject, value: toPlainString(f.value), printed: f.printed, unit: f.unit, approximate: f.isApproximate, source: f.source })),
  };
}

export function outcomeToJson(o: ImportOutcome, lang: Lang): ImportResultJson {
  if (!o.ok) return { ok: false, file: o.file, problems: o.problems.map((p) => problemToJson(p, lang)) };
  return { ok: true, file: o.report.file, data: o.data, valid: o.evaluation !== undefined, report: reportToJson(o.report, lang) };
}
