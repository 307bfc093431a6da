/** Every printed value in an evaluation (or in raw data of its shape), with its path: `…printed.<family>`. */
import type { PathSegment } from '../problem.ts';

export interface PrintedEntry {
  readonly path: readonly PathSegment[];
  readonly family: string;
  readonly value: unknown;
}

export function printedEntries(value: unknown, path: PathSegment[] = [], out: PrintedEntry[] = []): PrintedEntry[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => printedEntries(v, [...path, i], out));
    return out;
  }
  // Exact numbers ({ n, d }) and provenance objects hold no printed values.
  if (typeof value !== 'object' || value === null || 'n' in value) return out;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'printed' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const [family, pv] of Object.entries(v)) out.push({ path: [...path, key, family], family, value: pv });
    } else if (key !== 'source' && key !== 'derivedFrom') {
      printedEntries(v, [...path, key], out);
    }
  }
  return out;
}
