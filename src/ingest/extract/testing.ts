/**
 * Test helpers for the extractors, imported only by the `*.test.ts` files beside it (not shipped logic; pure: no
 * file system). A made-up document is written as lines — a table row as its cells joined by tabs, the way government
 * sites publish forms as text — and read through the real text reader and segmenter, so an extractor sees what
 * `importSource` would give it. Figures and names are invented; none is a seed's.
 */
import type { Rubric } from '../../core/rubric/schema.ts';
import type { DocumentKind } from '../kinds.ts';
import { recognizeKind } from '../kinds.ts';
import { readText } from '../readers/text.ts';
import { segment } from '../segment.ts';
import type { SourceDocument } from '../source.ts';
import { type Draft, type ExtractContext, type Found, getPath } from './context.ts';

export const FILE = '样例文化馆-自评.txt';

/** A table row of a text document: cells joined by tabs. */
export const row = (...cells: string[]): string => cells.join('\t');

/** A made-up text document, one string per line (line numbers start at 1), through the real text reader. */
export function textDocument(...lines: string[]): SourceDocument {
  const r = readText(new TextEncoder().encode(lines.join('\n')));
  if (!r.ok) throw new Error(`made-up document does not read: ${JSON.stringify(r.problems)}`);
  return r.document;
}

export interface ExtractOptions {
  /** The document kind; by default recognised from the text as `importSource` does. */
  readonly kind?: DocumentKind;
  readonly rubrics?: readonly Rubric[];
  /** What earlier extractors already put in the draft (a department total a unit check reads). */
  readonly draft?: Draft;
}

/** Runs extractors, in the order given, over a document; the context holds the draft, what was found and warnings. */
export function extract(doc: SourceDocument, run: ((ctx: ExtractContext) => void) | readonly ((ctx: ExtractContext) => void)[], options: ExtractOptions = {}): ExtractContext {
  const seg = segment(doc);
  const kind = options.kind ?? recognizeKind(seg.lines.map((l) => l.cells.join('')).join('').replace(/\s+/g, '')).spec.id;
  const ctx: ExtractContext = { file: FILE, doc, seg, kind, rubrics: options.rubrics ?? [], draft: structuredClone(options.draft ?? {}), found: [], warnings: [] };
  for (const f of Array.isArray(run) ? run : [run as (ctx: ExtractContext) => void]) f(ctx);
  return ctx;
}

/** The value the draft holds at a dotted path ("budget.initialBudget"). */
export const valueAt = (ctx: ExtractContext, path: string): unknown => getPath(ctx.draft, path);

/** A found field by its path, as the extraction report lists it (shown value and source). */
export function foundAt(ctx: ExtractContext, path: string): Found | undefined {
  return ctx.found.find((f) => f.path === path);
}

/** The found fields as `path → shown value`, for a whole-report comparison. */
export function foundList(ctx: ExtractContext): Record<string, string> {
  return Object.fromEntries(ctx.found.map((f) => [f.path, f.value]));
}
