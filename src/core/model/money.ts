/**
 * Schemas for the figures of an evaluation file: money, counts, rates, printed values, and where each came from.
 *
 * What a person writes (input) is loose — 1234.56, "1,234.56", "1234567.89 元", { value, unit, source } —
 * and what the core receives (output) is exact: { value: Exact, unit, source? }. A number without a unit takes
 * the unit of the nearest enclosing table or of the file (see `propagateUnits`).
 */
import { z } from 'zod';
import { type Amount, MONEY_UNITS, type MoneyUnit, parseLooseAmount, parseMoneyUnit } from '../amount.ts';
import { type Exact, MAX_DECIMAL_DIGITS, MAX_WHOLE_DIGITS, abbreviateNumber, countDigits, fromNumberLiteral, parseExact } from '../exact.ts';

/** Where an imported value was read: file and location, with the text as it stood (出处). */
export const sourceSchema = z
  .object({
    file: z.string().optional().meta({ description: '来源文件 / source file' }),
    page: z.number().int().positive().optional(),
    line: z.number().int().positive().optional(),
    section: z.string().optional().meta({ description: '章节 / section heading' }),
    table: z.string().optional(),
    row: z.number().int().nonnegative().optional(),
    column: z.number().int().nonnegative().optional(),
    text: z.string().optional().meta({ description: '原文 / the source text as printed' }),
  })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

export const moneyUnitSchema = z
  .string()
  .transform((s, ctx): MoneyUnit => {
    const u = parseMoneyUnit(s);
    if (!u) {
      ctx.addIssue({ code: 'custom', message: 'unknown-unit', params: { code: 'unknown-unit', got: s } });
      return z.NEVER;
    }
    return u;
  })
  .meta({ description: '金额单位：元 或 万元 / money unit: 元 or 万元', examples: MONEY_UNITS as unknown as string[] });

const MAX_SAFE_DIGITS = 15;

/**
 * The params of a `number-too-long` problem when the number written in `text` has more digits than a figure may
 * (MAX_WHOLE_DIGITS before the point, MAX_DECIMAL_DIGITS after); undefined when it is within the limits.
 * Checked on the text before anything is parsed, so a 10,000-digit "amount" costs nothing.
 */
export function tooManyDigits(text: string): Record<string, string | number> | undefined {
  const { whole, decimals } = countDigits(text);
  if (whole <= MAX_WHOLE_DIGITS && decimals <= MAX_DECIMAL_DIGITS) return undefined;
  return { got: abbreviateNumber(text), whole, decimals, maxWhole: MAX_WHOLE_DIGITS, maxDecimals: MAX_DECIMAL_DIGITS };
}

/** Adds a `number-too-long` issue when `text` is over the digit limits; true when it did. */
function refuseLong(text: string, ctx: z.RefinementCtx): boolean {
  const params = tooManyDigits(text);
  if (!params) return false;
  ctx.addIssue({ code: 'custom', message: 'number-too-long', params: { code: 'number-too-long', ...params } });
  return true;
}

/** Digits before and after the point of an exact value's decimal text (d a power of ten, as read from a literal). */
function exactDigits(e: Exact): { whole: number; decimals: number } {
  const abs = e.n < 0n ? -e.n : e.n;
  const decimals = e.d.toString().length - 1;
  const whole = (abs / e.d).toString().length;
  return { whole, decimals };
}

/** Turns a JSON/YAML number into its exact decimal, refusing numbers that floats may already have damaged. */
function exactFromNumber(x: number, ctx: z.RefinementCtx): Exact | undefined {
  const e = fromNumberLiteral(x);
  const digits = String(Math.abs(x)).replace(/^0\.0*|\.|e.*$/gi, '').replace(/^0+/, '').length;
  if (!e || digits > MAX_SAFE_DIGITS) {
    ctx.addIssue({ code: 'custom', message: 'number-too-precise', params: { code: 'number-too-precise', got: String(x) } });
    return undefined;
  }
  // 1e300 is exact in a float and short to write, but is not a figure.
  const { whole, decimals } = exactDigits(e);
  if (whole > MAX_WHOLE_DIGITS || decimals > MAX_DECIMAL_DIGITS) {
    ctx.addIssue({ code: 'custom', message: 'number-too-long', params: { code: 'number-too-long', got: String(x), whole, decimals, maxWhole: MAX_WHOLE_DIGITS, maxDecimals: MAX_DECIMAL_DIGITS } });
    return undefined;
  }
  return e;
}

function readAmountScalar(v: number | string, ctx: z.RefinementCtx): { value: Exact; unit?: MoneyUnit } | undefined {
  if (typeof v === 'number') {
    const e = exactFromNumber(v, ctx);
    return e ? { value: e } : undefined;
  }
  if (refuseLong(v, ctx)) return undefined;
  const loose = parseLooseAmount(v);
  if (!loose) {
    ctx.addIssue({ code: 'custom', message: 'not-an-amount', params: { code: 'not-an-amount', got: v } });
    return undefined;
  }
  return loose;
}

/** How a figure was computed from others (an aggregate, a sum): the formula and its inputs as text. */
export const derivationSchema = z
  .object({
    formula: z.string(),
    inputs: z.array(z.object({ label: z.string(), value: z.string(), unit: z.enum(MONEY_UNITS) }).strict()),
  })
  .strict()
  .meta({ description: '计算来源：公式与输入 / computed from: formula and inputs' });
export type Derivation = z.output<typeof derivationSchema>;

const moneyObjectSchema = z
  .object({
    value: z.union([z.number(), z.string()]),
    unit: z.string().optional(),
    source: sourceSchema.optional(),
    derivedFrom: derivationSchema.optional(),
  })
  .strict();

/**
 * A figure of money as it travels through the core: exact value, unit, and its provenance — `source` when it was
 * imported from a document, `derivedFrom` when computed; neither when a person entered it.
 */
export interface Money extends Amount {
  readonly source?: Source;
  readonly derivedFrom?: Derivation;
}

function makeMoneySchema(allowNegative: boolean) {
  return z
    .union([z.number(), z.string(), moneyObjectSchema])
    .transform((input, ctx): Money => {
      const obj = typeof input === 'object' ? input : { value: input };
      const scalar = readAmountScalar(obj.value, ctx);
      if (!scalar) return z.NEVER;
      let unit: MoneyUnit | undefined = scalar.unit;
      if (obj.unit !== undefined) {
        const u = parseMoneyUnit(obj.unit);
        if (!u) {
          ctx.addIssue({ code: 'custom', message: 'unknown-unit', params: { code: 'unknown-unit', got: obj.unit } });
          return z.NEVER;
        }
        unit = scalar.unit ?? u;
      }
      if (unit === undefined) {
        // propagateUnits gives every bare number the enclosing unit; reaching here means a caller skipped it.
        ctx.addIssue({ code: 'custom', message: 'missing-unit', params: { code: 'missing-unit' } });
        return z.NEVER;
      }
      if (!allowNegative && scalar.value.n < 0n) {
        ctx.addIssue({ code: 'custom', message: 'negative-amount', params: { code: 'negative-amount', got: String(obj.value) } });
        return z.NEVER;
      }
      return {
        value: scalar.value,
        unit,
        ...(typeof input === 'object' && input.source ? { source: input.source } : {}),
        ...(typeof input === 'object' && input.derivedFrom ? { derivedFrom: input.derivedFrom } : {}),
      };
    })
    .meta({
      description:
        '金额：数字、"1,234.56"、"1234567.89 元" 或 {value, unit, source}；无单位时取所在表格或文件的 unit / an amount; a bare number takes the unit of its table or file',
    });
}

/** Money that cannot be negative (budgets, spending). */
export const moneySchema = makeMoneySchema(false);
/** Money that may be negative (changes on last year, adjustments). */
export const signedMoneySchema = makeMoneySchema(true);

/** A plain exact number (counts, scores, weights). */
export const exactSchema = z
  .union([z.number(), z.string()])
  .transform((v, ctx): Exact => {
    if (typeof v === 'number') return exactFromNumber(v, ctx) ?? z.NEVER;
    if (refuseLong(v.normalize('NFKC'), ctx)) return z.NEVER;
    const e = parseExact(v.normalize('NFKC').replace(/,/g, ''));
    if (!e) {
      ctx.addIssue({ code: 'custom', message: 'not-a-number', params: { code: 'not-a-number', got: v } });
      return z.NEVER;
    }
    return e;
  })
  .meta({ description: '精确数值 / an exact number' });

export const nonNegativeExactSchema = exactSchema.refine((e) => e.n >= 0n, {
  message: 'negative-number',
  params: { code: 'negative-number' },
});

/** A count of people, projects, items: a whole number ≥ 0, written 60 or "60". */
export const countSchema = z
  .union([z.number(), z.string()])
  .transform((v, ctx): number => {
    const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: 'not-a-count', params: { code: 'not-a-count', got: String(v) } });
      return z.NEVER;
    }
    return n;
  })
  .meta({ description: '个数（非负整数）/ a count (whole number ≥ 0)' });

/** The evaluation year: 2022, "2022", "2022年" or "2022 年度", between 1990 and 2100. */
export const yearSchema = z
  .union([z.number(), z.string()])
  .transform((v, ctx): number => {
    const m = typeof v === 'string' ? /^\s*(\d{4})\s*(年度|年)?\s*$/.exec(v.normalize('NFKC')) : undefined;
    const n = typeof v === 'number' ? v : m ? Number(m[1]) : Number.NaN;
    if (!Number.isInteger(n) || n < 1990 || n > 2100) {
      ctx.addIssue({ code: 'custom', message: 'not-a-year', params: { code: 'not-a-year', got: String(v) } });
      return z.NEVER;
    }
    return n;
  })
  .meta({ description: '被评价年度，如 2022 / evaluation year, e.g. 2022' });

/**
 * A percentage as written, with its sign: "95.50%". Why the sign is required: a bare 0.95 could mean 95% or 0.95%,
 * and guessing would silently move a score band.
 */
export const percentSchema = z
  .union([z.number(), z.string()])
  .transform((v, ctx): Exact => {
    const raw = typeof v === 'number' ? String(v) : v.normalize('NFKC').trim();
    if (refuseLong(raw, ctx)) return z.NEVER;
    const e = raw.endsWith('%') ? parseExact(raw.slice(0, -1).trim()) : undefined;
    if (!e) {
      ctx.addIssue({ code: 'custom', message: 'not-a-percent', params: { code: 'not-a-percent', got: String(v) } });
      return z.NEVER;
    }
    // Stored as a fraction: 95.50% → 0.9550.
    return { n: e.n, d: e.d * 100n };
  })
  .meta({ description: '百分比："95.50%" / a percentage' });

/**
 * A value as the document printed it, kept beside the computed one: "95.50%", "110.12", "—".
 * Kept as text so its number of decimals (the rounding the document used) is not lost.
 */
export const printedSchema = z
  .union([
    z.string(),
    z.number().transform((n) => String(n)),
    z.object({ value: z.union([z.string(), z.number().transform((n) => String(n))]), source: sourceSchema.optional() }).strict(),
  ])
  .transform((v, ctx): PrintedValue => {
    const text = typeof v === 'string' ? v : v.value;
    // A printed value is compared at its own number of decimals: a 10,000-decimal "rate" would cost that much.
    if (/\d/.test(text) && refuseLong(text.normalize('NFKC'), ctx)) return z.NEVER;
    return typeof v === 'string' ? { text: v } : v.source ? { text: v.value, source: v.source } : { text: v.value };
  })
  .meta({ description: '文件印出的值（原样）/ a value as the document printed it' });

export interface PrintedValue {
  readonly text: string;
  readonly source?: Source;
}

/** Printed values by metric family id (see the formula library): { executionRate: "97.35%" }. */
export const printedMapSchema = z.record(z.string(), printedSchema).meta({
  description: '文件印出的比率，键为指标族 id / printed values keyed by formula family id (executionRate, adjustmentRate …)',
});
export type PrintedMap = Record<string, PrintedValue>;

/**
 * Which figure schema a (possibly cloned) schema is. Why: `.meta()` and `.refine()` clone a schema, so identity
 * fails; the clones share the transform at the end of the pipe, which identifies them.
 */
export type FigureKind = 'money' | 'signed-money' | 'percent' | 'exact' | 'printed';

const outOf = (s: z.ZodType): unknown => (s as unknown as { def: { type: string; out?: unknown } }).def.out;

const KIND_BY_OUT = new Map<unknown, FigureKind>([
  [outOf(moneySchema), 'money'],
  [outOf(signedMoneySchema), 'signed-money'],
  [outOf(percentSchema), 'percent'],
  [outOf(exactSchema), 'exact'],
  [outOf(printedSchema), 'printed'],
]);

export function figureKind(s: z.ZodType): FigureKind | undefined {
  const def = (s as unknown as { def: { type: string } }).def;
  return def.type === 'pipe' ? KIND_BY_OUT.get(outOf(s)) : undefined;
}
