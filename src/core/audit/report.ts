/**
 * The audit report (docs/audit.md "JSON"): one reviewed document's findings, counts and score per rubric item, in the
 * plain shape the CLI prints, the review letter lays out and the server stores. Pure: the shells load the evaluation
 * and say where its figures came from; this turns the audit's result into that shape.
 */
import { toPlainString } from '../exact.ts';
import type { Lang } from '../messages.ts';
import { type Evaluation, documentKindLabel } from '../model/evaluation.ts';
import type { Rubric } from '../rubric/schema.ts';
import { type AuditInput, type Finding, type FindingLocation, RULES_BY_CODE, audit } from './index.ts';

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

export interface ScoreItemJson {
  readonly path: readonly string[];
  readonly weight: string;
  readonly self: string | null;
  readonly computed: string | null;
  readonly verifiable: boolean;
  readonly basis: string | null;
  readonly depth: number;
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
  /** The grade of the recomputed score (优/良/中/差, in the report's language); null where it is withheld or absent. */
  readonly grade: string | null;
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  readonly findings: readonly FindingJson[];
  /** Self-score and recomputed score per rubric item, for the review report. */
  readonly scores: readonly ScoreItemJson[];
}

export interface AuditReportInput extends Omit<AuditInput, 'rubric' | 'file'> {
  readonly file: string;
  readonly rubric?: Rubric;
  readonly lang: Lang;
  /** Where a finding without a source line points instead (an evaluation file: the field's line in it). */
  readonly locate?: (l: FindingLocation) => FindingLocation;
}

/** Audits one evaluation and reports it in the JSON shape. */
export function auditReport(input: AuditReportInput): AuditReportJson {
  const { lang, locate, ...auditInput } = input;
  const result = audit(auditInput);
  const e: Evaluation = input.evaluation;
  const s = result.score;
  const scores: ScoreItemJson[] = [];
  const walk = (items: NonNullable<typeof s>['items'], depth: number) => {
    for (const i of items) {
      scores.push({ path: i.path, weight: toPlainString(i.weight), self: i.self ? toPlainString(i.self) : null, computed: i.computed ? toPlainString(i.computed) : null, verifiable: i.verifiable, basis: i.basis ? i.basis[lang] : null, depth });
      if (i.children) walk(i.children, depth + 1);
    }
  };
  if (s) walk(s.items, 0);
  const kind = e.documentKind ?? 'unknown';
  return {
    ok: true,
    file: input.file,
    documentKind: kind,
    documentKindLabel: documentKindLabel(kind, lang),
    department: e.department?.name ?? null,
    year: input.hasFigures === false && !e.year ? null : e.year,
    rubric: s ? s.rubric : null,
    selfScore: s?.total.printedSelf ? toPlainString(s.total.printedSelf) : s?.total.self ? toPlainString(s.total.self) : null,
    computedScore: s && (s.total.self || e.selfScores) ? toPlainString(s.total.computed) : null,
    maxScore: s ? toPlainString(s.total.weight) : null,
    grade: s && (s.total.self || e.selfScores) ? (s.grade.computed?.[lang] ?? null) : null,
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
