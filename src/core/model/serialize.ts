/**
 * The model written back as file data (the same format a person writes): exact numbers as decimal text, money
 * as "1234.56 万元" (or an object when it carries its provenance), percentages as "95.50%" exactly.
 * Parsing the output gives the same model back.
 */
import type { z } from 'zod';
import { type Exact, HUNDRED, mul, toDecimalString } from '../exact.ts';
import { evaluationSchema } from './evaluation.ts';
import { figureKind } from './money.ts';
import type { Money, PrintedValue } from './money.ts';
import { defOf, isPlainObject, shapeOf, unwrap } from './schema-walk.ts';


function isExact(v: unknown): v is Exact {
  return isPlainObject(v) && typeof v['n'] === 'bigint' && typeof v['d'] === 'bigint';
}

function write(schema: z.ZodType, value: unknown): unknown {
  const s = unwrap(schema, (x) => figureKind(x) !== undefined);
  const kind = figureKind(s);
  if (kind === 'money' || kind === 'signed-money') {
    const m = value as Money;
    const text = toDecimalString(m.value, 2);
    if (!m.source && !m.derivedFrom) return `${text} ${m.unit}`;
    return { value: text, unit: m.unit, ...(m.source ? { source: m.source } : {}), ...(m.derivedFrom ? { derivedFrom: m.derivedFrom } : {}) };
  }
  if (kind === 'percent') return isExact(value) ? `${toDecimalString(mul(value, HUNDRED))}%` : value;
  if (kind === 'exact') return isExact(value) ? toDecimalString(value) : value;
  if (kind === 'printed') {
    const p = value as PrintedValue;
    return p.source ? { value: p.text, source: p.source } : p.text;
  }
  const def = defOf(s);
  if (def.type === 'object' && isPlainObject(value)) {
    const shape = shapeOf(s);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const child = Object.hasOwn(shape, k) ? shape[k] : undefined;
      out[k] = child ? write(child, v) : v;
    }
    return out;
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    const element = def.element;
    return value.map((v) => write(element, v));
  }
  if (def.type === 'record' && def.valueType && isPlainObject(value)) {
    const vt = def.valueType;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, write(vt, v)]));
  }
  return value;
}

/** Plain data (strings, numbers, booleans, arrays, objects) ready for YAML or JSON. */
export function evaluationToData(e: z.output<typeof evaluationSchema>): unknown {
  return write(evaluationSchema, e);
}
