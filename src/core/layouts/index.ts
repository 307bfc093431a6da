/**
 * The layout registry (版式登记表). Every layout jixiao reads is one entry here; ingest, compute, audit and render
 * look a document's layout up by id and read what they need from the entry. Order matters only for ties.
 */
import { executionScoreForm } from './execution-score-form.ts';
import { BASE_FIELDS } from './fields.ts';
import { frameworkReport } from './framework-report.ts';
import { fundingStructureForm } from './funding-structure-form.ts';
import { gzForm } from './gz-form.ts';
import { gzReport } from './gz-report.ts';
import { longgangReport } from './longgang-report.ts';
import { projectForm } from './project-form.ts';
import { proseReport } from './prose-report.ts';
import { systemExport } from './system-export.ts';
import type { Layout } from './types.ts';
import { weightedSectionForm } from './weighted-section-form.ts';

export type { Layout, LayoutSubject, LocalText } from './types.ts';

export const LAYOUTS: readonly Layout[] = [
  gzForm,
  gzReport,
  frameworkReport,
  longgangReport,
  projectForm,
  fundingStructureForm,
  executionScoreForm,
  weightedSectionForm,
  systemExport,
  proseReport,
];

/** A document no entry recognises: read with the general rules, checked on the base fields. */
export const UNKNOWN_LAYOUT: Layout = {
  id: 'unknown',
  label: { zh: '其他版式', en: 'other layout' },
  region: null,
  subject: 'department',
  description: { zh: '未识别的版式：按通用规则读取。', en: 'Layout not recognised: read with the general rules.' },
  formulas: { basis: 'common' },
  expected: BASE_FIELDS,
  rules: {},
  template: 'gz-report',
  markers: [],
};

/** Every id an evaluation file may name as its documentKind (`unknown`, then the registry's). */
export const LAYOUT_IDS: readonly [string, ...string[]] = [UNKNOWN_LAYOUT.id, ...LAYOUTS.map((l) => l.id)];

export const LAYOUTS_BY_ID: ReadonlyMap<string, Layout> = new Map([...LAYOUTS, UNKNOWN_LAYOUT].map((l) => [l.id, l]));

/** The entry of a layout id as stored (an unknown or missing id reads as the other layout). */
export function layoutById(id: string | undefined): Layout {
  return (id !== undefined && LAYOUTS_BY_ID.get(id)) || UNKNOWN_LAYOUT;
}

/** The layout's name in a language, for reports in every shell. */
export function layoutLabel(id: string | undefined, lang: 'zh' | 'en'): string {
  return layoutById(id).label[lang];
}

/** The least marker weight a document must carry to be read as a layout. */
export const MIN_MARKER_SCORE = 5;

/** The layout whose markers the compacted text (no whitespace) carries most, or the unknown layout. */
export function recognizeLayout(compactText: string): { layout: Layout; score: number; scores: Record<string, number> } {
  const scores: Record<string, number> = {};
  let best: { layout: Layout; score: number } = { layout: UNKNOWN_LAYOUT, score: 0 };
  for (const l of LAYOUTS) {
    const score = l.markers.reduce((s, [re, w]) => s + (re.test(compactText) ? w : 0), 0);
    scores[l.id] = score;
    if (score > best.score) best = { layout: l, score };
  }
  return best.score >= MIN_MARKER_SCORE ? { ...best, scores } : { layout: UNKNOWN_LAYOUT, score: best.score, scores };
}
