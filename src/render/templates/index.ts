/** The template registry: `jixiao render --template ID` looks the id up here; adding a template touches this table. */
import type { Evaluation } from '../../core/model/evaluation.ts';
import { gzForm } from './gz-form.ts';
import { gzReport } from './gz-report.ts';
import { review } from './review.ts';
import { scorecard } from './scorecard.ts';
import type { Template } from './types.ts';

export const TEMPLATES: readonly Template[] = [gzForm, gzReport, scorecard, review];
export const TEMPLATES_BY_ID: ReadonlyMap<string, Template> = new Map(TEMPLATES.map((t) => [t.id, t]));

/** The template a preparer means when none is named: the form for a form, the report otherwise. */
export function defaultTemplate(e: Evaluation): Template {
  return e.documentKind === 'gz-form' ? gzForm : gzReport;
}

export type { Notice, RenderResult, Template, TemplateInput } from './types.ts';
