/**
 * Gives every bare number in money position the unit of its nearest enclosing `unit:` (table, unit or file),
 * so that a finance officer writes `unit: 元` once for a 32-row project table instead of on every cell.
 *
 * It walks the raw input alongside the schema, so "money position" is decided by the schema itself and a new
 * money field needs no registration here.
 */
import type { z } from 'zod';
import { type MoneyUnit, parseMoneyUnit } from '../amount.ts';
import { figureKind } from './money.ts';
import { defOf, isPlainObject, shapeOf, unwrap } from './schema-walk.ts';

const isMoney = (s: z.ZodType): boolean => {
  const k = figureKind(s);
  return k === 'money' || k === 'signed-money';
};

function walk(schema: z.ZodType, raw: unknown, unit: MoneyUnit): unknown {
  const s = unwrap(schema, isMoney);
  if (isMoney(s)) {
    if (typeof raw === 'number' || typeof raw === 'string') return { value: raw, unit };
    if (isPlainObject(raw) && raw['unit'] === undefined) return { ...raw, unit };
    return raw;
  }
  const def = defOf(s);
  if (def.type === 'object') {
    if (!isPlainObject(raw)) return raw;
    const shape = shapeOf(s);
    const own = typeof raw['unit'] === 'string' ? parseMoneyUnit(raw['unit']) : undefined;
    const here = own ?? unit;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const child = Object.hasOwn(shape, key) ? shape[key] : undefined;
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

export { isMoney };
