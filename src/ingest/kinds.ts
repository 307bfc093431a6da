/**
 * Document kinds (SPEC §2, §9) as ingest sees them: the layout registry of the core (src/core/layouts), recognised
 * by structure — the section and label words each layout uses — never by a department name, file name or figure.
 * Adding a kind touches its registry entry, not this file.
 */
import { type Layout, UNKNOWN_LAYOUT, layoutById, recognizeLayout } from '../core/layouts/index.ts';

export type DocumentKind = string;
export type KindSpec = Layout;
export const UNKNOWN_KIND: KindSpec = UNKNOWN_LAYOUT;

/** The kind whose markers the compacted text (no whitespace) carries most, or `unknown`. */
export function recognizeKind(compactText: string): { spec: KindSpec; score: number; scores: Record<string, number> } {
  const r = recognizeLayout(compactText);
  return { spec: r.layout, score: r.score, scores: r.scores };
}

export function kindSpec(id: DocumentKind): KindSpec {
  return layoutById(id);
}
