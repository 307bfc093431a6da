/** The template registry: `jixiao render --template ID` looks the id up here; adding a template touches this table. */
import { layoutById } from '../../core/layouts/index.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import { gzForm } from './gz-form.ts';
import { gzReport } from './gz-report.ts';
import { projectForm } from './project-form.ts';
import { review } from './review.ts';
import { scorecard } from './scorecard.ts';
import type { Template } from './types.ts';

export const TEMPLATES: readonly Template[] = [gzForm, gzReport, projectForm, scorecard, review];
export const TEMPLATES_BY_ID: ReadonlyMap<string, Template> = new Map(TEMPLATES.map((t) => [t.id, t]));

/** The template a preparer means when none is named: the one the document's layout names (src/core/layouts). */
export function defaultTemplate(e: Evaluation): Template {
  return TEMPLATES_BY_ID.get(layoutById(e.documentKind).template) ?? gzReport;
}

export type { Notice, RenderResult, Template, TemplateInput } from './types.ts';
