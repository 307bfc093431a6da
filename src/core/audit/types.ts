/**
 * The audit's vocabulary: a finding names its rule, severity and category, says what is wrong in Chinese and
 * English, shows the printed value beside the computed or conflicting one, and lists every place involved with its
 * source text. Pure types; the rules are in `rules/`, the registry in `index.ts`.
 */
import type { LocalText } from '../formulas/types.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { Rubric } from '../rubric/schema.ts';
import type { NarrativeFact } from '../text/facts.ts';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = ['arithmetic', 'cross-reference', 'rubric', 'units', 'targets', 'plausibility'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<Category, LocalText>> = {
  arithmetic: { zh: '计算核对', en: 'arithmetic' },
  'cross-reference': { zh: '前后一致性', en: 'cross-reference' },
  rubric: { zh: '评分核对', en: 'rubric' },
  units: { zh: '单位与标注', en: 'units and labels' },
  targets: { zh: '目标质量与完整性', en: 'targets and completeness' },
  plausibility: { zh: '合理性与预警', en: 'plausibility and warnings' },
};

export const SEVERITY_LABELS: Readonly<Record<Severity, LocalText>> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

/** One place a finding involves. `field` is the path in the evaluation; the rest is where the document printed it. */
export interface FindingLocation {
  readonly field?: string;
  readonly file?: string;
  readonly page?: number;
  readonly line?: number;
  readonly section?: string;
  readonly table?: string;
  readonly row?: number;
  readonly column?: number;
  /** The source text as printed there. */
  readonly text?: string;
  /** What this place contributes, e.g. "印出值" or "第 3 行". */
  readonly role?: LocalText;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly message: LocalText;
  /** The value(s) as the document printed them. */
  readonly printed?: string;
  /** The value the formula gives, or the conflicting value stated elsewhere. */
  readonly computed?: string;
  readonly formula?: LocalText;
  readonly locations: readonly FindingLocation[];
}

/**
 * A passage of the document's narrative (a paragraph or a table cell), with its numeric facts and a way to say
 * where an offset in it was printed. The importer gives these; for an evaluation file they come from its texts.
 */
export interface Passage {
  readonly text: string;
  readonly facts: readonly NarrativeFact[];
  /** Where the span start…end was printed; the clause around it as the text. */
  locate(start: number, end: number): FindingLocation;
  /** A passage stating targets (预期目标, 年度目标) rather than results; its figures are not compared with results. */
  readonly isTarget?: boolean;
}

export interface AuditInput {
  readonly evaluation: Evaluation;
  readonly file?: string;
  /** The rubric to check self-scores against (the shell resolves `--rubric` or the evaluation's own). */
  readonly rubric?: Rubric;
  /** Narrative passages; derived from the evaluation's text fields when absent. */
  readonly passages?: readonly Passage[];
  /** Fields the document kind requires that the importer did not find. */
  readonly missing?: readonly string[];
  /** False when the importer found no figures at all: one info finding replaces the rest. */
  readonly hasFigures?: boolean;
}

export interface AuditRule {
  readonly code: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly title: LocalText;
  /** What the rule checks and when it stays silent (docs/audit.md is generated from these). */
  readonly description: LocalText;
}

