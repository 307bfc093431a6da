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

/**
 * What the walk needs of one schema, worked out once per schema rather than once per value: whether it is money,
 * its fields or elements, and whether any money lies below it at all (a `source`, a printed value or a name has
 * none, so their values are passed through without a walk).
 */
interface Plan {
  readonly money: boolean;
  readonly fields?: ReadonlyMap<string, z.ZodType>;
  readonly element?: z.ZodType;
}

const PLANS = new WeakMap<z.ZodType, Plan>();
const HAS_MONEY = new WeakMap<z.ZodType, boolean>();

function planOf(schema: z.ZodType): Plan {
  let plan = PLANS.get(schema);
  if (plan) return plan;
  const s = unwrap(schema, isMoney);
  const def = defOf(s);
  if (isMoney(s)) plan = { money: true };
  else if (def.type === 'object') plan = { money: false, fields: new Map(Object.entries(shapeOf(s))) };
  else if (def.type === 'array' && def.element) plan = { money: false, element: def.element };
  else plan = { money: false };
  PLANS.set(schema, plan);
  return plan;
}

/** Whether a money field lies at or below `schema` (a schema met again while being looked at counts as holding some). */
function hasMoney(schema: z.ZodType): boolean {
  const known = HAS_MONEY.get(schema);
  if (known !== undefined) return known;
  HAS_MONEY.set(schema, true);
  const plan = planOf(schema);
  let found = plan.money;
  if (!found && plan.fields) for (const child of plan.fields.values()) if ((found = hasMoney(child))) break;
  if (!found && plan.element) found = hasMoney(plan.element);
  HAS_MONEY.set(schema, found);
  return found;
}

function walk(schema: z.ZodType, raw: unknown, unit: MoneyUnit): unknown {
  const plan = planOf(schema);
  if (plan.money) {
    if (typeof raw === 'number' || typeof raw === 'string') return { value: raw, unit };
    if (isPlainObject(raw) && raw['unit'] === undefined) return { ...raw, unit };
    return raw;
  }
  if (plan.fields) {
    if (!isPlainObject(raw)) return raw;
    const own = typeof raw['unit'] === 'string' ? parseMoneyUnit(raw['unit']) : undefined;
    const here = own ?? unit;
    const out: Record<string, unknown> = {};
    for (const key in raw) {
      if (!Object.hasOwn(raw, key)) continue;
      const value = raw[key];
      const child = plan.fields.get(key);
      out[key] = child && hasMoney(child) ? walk(child, value, here) : value;
    }
    return out;
  }
  if (plan.element) {
    if (!Array.isArray(raw)) return raw;
    const element = plan.element;
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
