/**
 * Templates: an evaluation (with its computed figures, score and audit) → a layout document and notices. A
 * registry (`index.ts`): adding a template touches one entry. Pure: the CLI computes the inputs and writes the files.
 */
import type { AuditReportJson } from '../../core/audit/report.ts';
import type { ComputedFigure } from '../../core/compute/compute.ts';
import type { LocalText } from '../../core/formulas/types.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { ScoreReport } from '../../core/rubric/engine.ts';
import type { Rubric } from '../../core/rubric/schema.ts';
import type { Doc } from '../doc.ts';

export interface TemplateInput {
  readonly evaluation: Evaluation;
  /** Computed with the template's rules (a form's 预算调整率 is the form's formula). */
  readonly figures: readonly ComputedFigure[];
  readonly rubric?: Rubric;
  readonly score?: ScoreReport;
  /** The audit of the source document, for the review template. */
  readonly audit?: AuditReportJson;
}

/**
 * What the preparer should know about the generated document: a figure written from the data where the evaluation
 * had printed another value, a total that is the sum of its rows, a section left empty for lack of data.
 */
export interface Notice {
  readonly kind: 'restated-differs' | 'total-recomputed' | 'formula-skipped' | 'missing-section' | 'needs-input';
  readonly message: LocalText;
}

export interface RenderResult {
  readonly doc: Doc;
  readonly notices: readonly Notice[];
}

export interface Template {
  readonly id: string;
  readonly label: LocalText;
  readonly description: LocalText;
  /** The document kind whose formula variants the figures follow (a gz-form states the gz-form 预算调整率). */
  readonly kind?: Evaluation['documentKind'];
  /** What the template cannot do without: 'rubric' (scorecard), 'audit' (review). */
  readonly needs?: readonly ('rubric' | 'audit')[];
  build(input: TemplateInput): RenderResult;
}
