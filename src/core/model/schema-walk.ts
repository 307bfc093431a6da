/**
 * Walking raw data alongside a zod schema: used to give bare numbers their unit and to write a model back out
 * as a file. Only what the evaluation and rubric schemas use is handled: objects, arrays, records, and the
 * wrappers optional/default/nullable/readonly/lazy/pipe.
 */
import type { z } from 'zod';

export interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly getter?: () => z.ZodType;
  readonly in?: z.ZodType;
}

export const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

export const shapeOf = (s: z.ZodType): Record<string, z.ZodType> => (s as unknown as { shape: Record<string, z.ZodType> }).shape;

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strips wrappers until `stopAt` says a schema is a leaf of interest, or no wrapper is left. */
export function unwrap(s: z.ZodType, stopAt: (s: z.ZodType) => boolean): z.ZodType {
  for (let i = 0; i < 16; i++) {
    if (stopAt(s)) return s;
    const def = defOf(s);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly') && def.innerType) {
      s = def.innerType;
    } else if (def.type === 'lazy' && def.getter) {
      s = def.getter();
    } else if (def.type === 'pipe' && def.in) {
      s = def.in;
    } else {
      return s;
    }
  }
  return s;
}
