/** Every printed value in an evaluation (or in raw data of its shape), with its path: `…printed.<family>`. */
import type { PathSegment } from '../problem.ts';

export interface PrintedEntry {
  readonly path: readonly PathSegment[];
  readonly family: string;
  readonly value: unknown;
}

export function printedEntries(value: unknown, path: PathSegment[] = [], out: PrintedEntry[] = []): PrintedEntry[] {
  // One path stack, copied only for an entry found. Why: copying it at every key made this walk cost as much as
  // reading the file.
  const stack = [...path];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        stack.push(i);
        walk(v[i]);
        stack.pop();
      }
      return;
    }
    // Exact numbers ({ n, d }) and provenance objects hold no printed values.
    if (typeof v !== 'object' || v === null || 'n' in v) return;
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      const child = (v as Record<string, unknown>)[key];
      if (key === 'printed' && typeof child === 'object' && child !== null && !Array.isArray(child)) {
        for (const family in child) {
          if (Object.hasOwn(child, family)) out.push({ path: [...stack, key, family], family, value: (child as Record<string, unknown>)[family] });
        }
      } else if (key !== 'source' && key !== 'derivedFrom' && typeof child === 'object' && child !== null) {
        stack.push(key);
        walk(child);
        stack.pop();
      }
    }
  };
  walk(value);
  return out;
}
