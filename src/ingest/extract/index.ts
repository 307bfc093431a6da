/**
 * The extractor registry: each entry reads one kind of content from the segmented document into the draft.
 * Order matters where two extractors can fill the same field: the stronger source (a labelled form cell, a
 * table) runs before the weaker (a sentence), and a field once set is not overwritten.
 */
import { extractBudgetForm, extractBudgetNarrative, extractBudgetTable } from './budget.ts';
import type { ExtractContext } from './context.ts';
import { extractBasicExpenditure, extractEconomicClassification, extractFunctionalClassification } from './classification.ts';
import { extractFormulaTables } from './formula-table.ts';
import { extractIdentity } from './identity.ts';
import { extractManagement } from './management.ts';
import { extractFormNarratives, extractFunctions, extractIndicatorCounts, extractSectionNarratives } from './narrative.ts';
import { extractIndicatorTable } from './indicators.ts';
import { extractNarrativeProjects, extractProjectList, extractProjectTables, extractProseProjects } from './projects.ts';
import { extractProjectForm } from './project-form.ts';
import { chooseRubric, extractNarrativeScores, extractScoreCells, extractScoreTable, extractScoreTotals, extractScorecard } from './scores.ts';
import { extractFormTasks, extractPlannedTasks } from './tasks.ts';

export interface Extractor {
  readonly id: string;
  readonly run: (ctx: ExtractContext) => void;
}

export const EXTRACTORS: readonly Extractor[] = [
  { id: 'identity', run: extractIdentity },
  { id: 'budget-form', run: extractBudgetForm },
  { id: 'formula-tables', run: extractFormulaTables },
  { id: 'budget-table', run: extractBudgetTable },
  { id: 'budget-narrative', run: extractBudgetNarrative },
  { id: 'form-tasks', run: extractFormTasks },
  { id: 'planned-tasks', run: extractPlannedTasks },
  { id: 'score-cells', run: extractScoreCells },
  { id: 'indicator-table', run: extractIndicatorTable },
  { id: 'project-tables', run: extractProjectTables },
  { id: 'narrative-projects', run: extractNarrativeProjects },
  { id: 'project-list', run: extractProjectList },
  { id: 'prose-projects', run: extractProseProjects },
  { id: 'scorecard', run: extractScorecard },
  { id: 'score-table', run: extractScoreTable },
  { id: 'narrative-scores', run: extractNarrativeScores },
  { id: 'score-totals', run: extractScoreTotals },
  { id: 'basic-expenditure', run: extractBasicExpenditure },
  { id: 'economic-classification', run: extractEconomicClassification },
  { id: 'functional-classification', run: extractFunctionalClassification },
  { id: 'management', run: extractManagement },
  { id: 'form-narratives', run: extractFormNarratives },
  { id: 'section-narratives', run: extractSectionNarratives },
  { id: 'functions', run: extractFunctions },
  { id: 'indicator-counts', run: extractIndicatorCounts },
  { id: 'project-form', run: extractProjectForm },
  { id: 'rubric', run: chooseRubric },
];
