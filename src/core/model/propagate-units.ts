/**
 * Gives every bare number in money position the unit of its nearest enclosing `unit:` (table, unit or file),
 * so that a finance officer writes `unit: 元` once for a 32-row project table instead of on every cell.
 *
 * It walks the raw input alongside the schema, so "money position" is decided by the schema itself and a new
 * money field needs no registration here.
 */
import type { z } from 'zod';
import { type MoneyUnit, parseMoneyUnit } from '../amount.ts';
import { moneySchema, signedMoneySchema } from './money.ts';

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly getter?: () => z.ZodType;
  readonly in?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;
const isMoney = (s: z.ZodType): boolean => s === moneySchema || s === signedMoneySchema;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 16; i++) {
    if (isMoney(s)) return s;
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

function walk(schema: z.ZodType, raw: unknown, unit: MoneyUnit): unknown {
  const s = unwrap(schema);
  if (isMoney(s)) {
    if (typeof raw === 'number' || typeof raw === 'string') return { value: raw, unit };
    if (isPlainObject(raw) && raw['unit'] === undefined) return { ...raw, unit };
    return raw;
  }
  const def = defOf(s);
  if (def.type === 'object') {
    if (!isPlainObject(raw)) return raw;
    const shape = (s as unknown as { shape: Record<string, z.ZodType> }).shape;
    const own = typeof raw['unit'] === 'string' ? parseMoneyUnit(raw['unit']) : undefined;
    const here = own ?? unit;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const child = shape[key];
      out[key] = child ? walk(child, value, here) : value;
    }
    return out;
  }
  if (def.type === 'array' && def.element) {
    if (!Array.isArray(raw)) return raw;
    const element = def.element;
    return raw.map((v) => walk(element, v, unit));
  }
  return raw;
}

/** The default unit of an evaluation file when it names none: SPEC §2, amounts are 万元 unless a table says 元. */
export const DEFAULT_MONEY_UNIT: MoneyUnit = '万元';

export function propagateUnits(schema: z.ZodType, raw: unknown, unit: MoneyUnit = DEFAULT_MONEY_UNIT): unknown {
  return walk(schema, raw, unit);
}
