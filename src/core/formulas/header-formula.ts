/**
 * Formulas printed in a table header (SPEC §9, funding-structure forms): 小计③=①+② | 支出实现率⑤=④/③ | 结余⑥=③−④ |
 * 结余率⑦=⑥/③. A column is named by a circled mark (①–⑳); its formula is an expression over the marks of other
 * columns with + − × ÷ (in any of the ways they are typed: - − － ＋ * × / ÷ ／), parentheses and number literals
 * (100, 100%). Parsing returns a value, never throws; evaluation is exact, and an interval evaluation says what the
 * rounding of printed figures can explain.
 */
import { type Exact, add, cmp, div, fromInt, mul, parseExact, sub } from '../exact.ts';

/** The circled marks ①–⑳, in order: the mark's number is its index + 1. */
export const MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

export type HeaderOp = '+' | '-' | '*' | '/';

export type HeaderExpr =
  | { readonly kind: 'mark'; readonly mark: string }
  | { readonly kind: 'number'; readonly value: Exact; readonly text: string }
  | { readonly kind: 'negate'; readonly operand: HeaderExpr }
  | { readonly kind: 'binary'; readonly op: HeaderOp; readonly left: HeaderExpr; readonly right: HeaderExpr };

export type HeaderFormulaResult =
  | { readonly ok: true; readonly expr: HeaderExpr; readonly marks: readonly string[] }
  | { readonly ok: false; readonly reason: 'empty' | 'unexpected' | 'unclosed'; readonly at: number };

/** The number a circled mark stands for (① → 1), or 0 for any other character. */
export function markNumber(c: string): number {
  const i = MARKS.indexOf(c);
  return c.length === 1 && i >= 0 ? i + 1 : 0;
}

const OPS: Readonly<Record<string, HeaderOp>> = {
  '+': '+',
  '＋': '+',
  '-': '-',
  '−': '-',
  '－': '-',
  '–': '-',
  '—': '-',
  '*': '*',
  '×': '*',
  '＊': '*',
  '·': '*',
  '/': '/',
  '÷': '/',
  '／': '/',
};
const OPEN = new Set(['(', '（']);
const CLOSE = new Set([')', '）']);

type Token =
  | { readonly kind: 'mark'; readonly mark: string; readonly at: number }
  | { readonly kind: 'number'; readonly value: Exact; readonly text: string; readonly at: number }
  | { readonly kind: 'op'; readonly op: HeaderOp; readonly at: number }
  | { readonly kind: 'open' | 'close'; readonly at: number };

function tokenize(text: string): Token[] | { at: number } {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (markNumber(c)) {
      out.push({ kind: 'mark', mark: c, at: i });
      i++;
    } else if (OPS[c]) {
      out.push({ kind: 'op', op: OPS[c]!, at: i });
      i++;
    } else if (OPEN.has(c)) {
      out.push({ kind: 'open', at: i });
      i++;
    } else if (CLOSE.has(c)) {
      out.push({ kind: 'close', at: i });
      i++;
    } else {
      const m = /^[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?/.exec(text.slice(i));
      if (!m) return { at: i };
      const raw = m[0].normalize('NFKC');
      const isPercent = raw.endsWith('%');
      const n = parseExact(isPercent ? raw.slice(0, -1) : raw);
      if (!n) return { at: i };
      out.push({ kind: 'number', value: isPercent ? { n: n.n, d: n.d * 100n } : n, text: raw, at: i });
      i += m[0].length;
    }
  }
  return out;
}

/**
 * Parses a printed formula ("①+②", "④/③", "(③－④)÷③×100%"); marks are collected in order of first use. A leading
 * "=" (as cut from "⑤=④/③") is allowed.
 */
export function parseHeaderFormula(text: string): HeaderFormulaResult {
  const body = text.replace(/^\s*[=＝]/, '');
  const offset = text.length - body.length;
  const tokenized = tokenize(body);
  if (!Array.isArray(tokenized)) return { ok: false, reason: 'unexpected', at: tokenized.at + offset };
  const tokens: readonly Token[] = tokenized;
  if (tokens.length === 0) return { ok: false, reason: 'empty', at: offset };
  let pos = 0;
  const marks: string[] = [];
  interface Failure {
    readonly error: 'unexpected' | 'unclosed';
    readonly at: number;
  }
  type Parsed = HeaderExpr | Failure;
  const isError = (x: Parsed): x is Failure => 'error' in x;
  const here = () => (tokens[pos]?.at ?? body.length) + offset;

  const factor = (): Parsed => {
    const tok = tokens[pos];
    if (!tok) return { error: 'unexpected', at: here() };
    if (tok.kind === 'op' && (tok.op === '-' || tok.op === '+')) {
      pos++;
      const inner = factor();
      if (isError(inner)) return inner;
      return tok.op === '-' ? { kind: 'negate', operand: inner } : inner;
    }
    if (tok.kind === 'mark') {
      pos++;
      if (!marks.includes(tok.mark)) marks.push(tok.mark);
      return { kind: 'mark', mark: tok.mark };
    }
    if (tok.kind === 'number') {
      pos++;
      return { kind: 'number', value: tok.value, text: tok.text };
    }
    if (tok.kind === 'open') {
      pos++;
      const inner = expr();
      if (isError(inner)) return inner;
      if (tokens[pos]?.kind !== 'close') return { error: 'unclosed', at: here() };
      pos++;
      return inner;
    }
    return { error: 'unexpected', at: here() };
  };
  /** Operands joined left to right by the operators of one precedence level. */
  const chain = (operand: () => Parsed, ops: readonly HeaderOp[]): Parsed => {
    const first = operand();
    if (isError(first)) return first;
    let left: HeaderExpr = first;
    for (;;) {
      const tok = tokens[pos];
      if (tok?.kind !== 'op' || !ops.includes(tok.op)) return left;
      pos++;
      const right = operand();
      if (isError(right)) return right;
      left = { kind: 'binary', op: tok.op, left, right };
    }
  };
  const term = (): Parsed => chain(factor, ['*', '/']);
  function expr(): Parsed {
    return chain(term, ['+', '-']);
  }

  const e = expr();
  if (isError(e)) return { ok: false, reason: e.error, at: e.at };
  if (pos < tokens.length) return { ok: false, reason: 'unexpected', at: here() };
  return { ok: true, expr: e, marks };
}

/** What a column label says of itself: its mark and, when the header prints one, its formula. */
export interface ColumnHeader {
  /** The label without its mark and formula ("小计③=①+②" → "小计"). */
  readonly name: string;
  readonly mark?: string;
  /** The formula as printed after "=", e.g. "①+②". */
  readonly formula?: string;
}

const FORMULA_CHARS = '[①-⑳0-9０-９.．%％+＋\\-−－–×*＊·/÷／()（）\\s]';
const LABEL_FORMULA = new RegExp(`([①-⑳])\\s*[=＝]\\s*(${FORMULA_CHARS}+)`);

/**
 * Reads a header cell: "小计③=①+②" → { name 小计, mark ③, formula ①+② }; "年初安排①" → { mark ① }; "支出实现率
 * （⑤=④/③）" → { mark ⑤, formula ④/③ }. A label with no mark gives only its name.
 */
export function parseColumnLabel(label: string): ColumnHeader {
  const m = LABEL_FORMULA.exec(label);
  if (m) {
    // Brackets around the whole formula ("（⑤=④/③）") are not part of it: keep only balanced ones.
    let formula = m[2]!.trim();
    const balance = (s: string) => [...s].reduce((b, c) => b + (OPEN.has(c) ? 1 : CLOSE.has(c) ? -1 : 0), 0);
    for (;;) {
      const last = formula[formula.length - 1] ?? '';
      const b = balance(formula);
      if ((b < 0 && CLOSE.has(last)) || (b > 0 && OPEN.has(last))) formula = formula.slice(0, -1).trim();
      else break;
    }
    const name = (label.slice(0, m.index) + label.slice(m.index + m[1]!.length + m[0].slice(m[1]!.length).indexOf(formula) + formula.length))
      .replace(/[(（]\s*[)）]/g, '')
      .trim();
    return { name, mark: m[1]!, formula };
  }
  const mark = [...label].find((c) => markNumber(c) > 0);
  const name = mark ? label.replace(mark, '').replace(/[()（）]/g, '').trim() : label.trim();
  return mark ? { name, mark } : { name };
}

/** The formula as a reader writes it: ① + ②, ④ ÷ ③, with brackets only where they are needed. */
export function formulaText(e: HeaderExpr): string {
  const prec = (x: HeaderExpr) => (x.kind === 'binary' ? (x.op === '+' || x.op === '-' ? 1 : 2) : 3);
  const sym: Record<HeaderOp, string> = { '+': '+', '-': '−', '*': '×', '/': '÷' };
  const go = (x: HeaderExpr): string => {
    if (x.kind === 'mark') return x.mark;
    if (x.kind === 'number') return x.text;
    if (x.kind === 'negate') return `−${prec(x.operand) < 3 ? `(${go(x.operand)})` : go(x.operand)}`;
    const p = prec(x);
    const l = prec(x.left) < p ? `(${go(x.left)})` : go(x.left);
    // Right operand of − and ÷ needs brackets at equal precedence: ① − (② + ③).
    const r = prec(x.right) < p || (prec(x.right) === p && (x.op === '-' || x.op === '/')) ? `(${go(x.right)})` : go(x.right);
    return `${l}${sym[x.op]}${r}`;
  };
  return go(e);
}

/** Whether the formula gives a ratio (its last step is a division, possibly times a percent or 100): ⑤=④/③. */
export function isRatioFormula(e: HeaderExpr): boolean {
  if (e.kind === 'binary' && e.op === '/') return true;
  if (e.kind === 'binary' && e.op === '*') {
    const isScale = (x: HeaderExpr) => x.kind === 'number';
    return (isScale(e.right) && isRatioFormula(e.left)) || (isScale(e.left) && isRatioFormula(e.right));
  }
  return false;
}

/** Exact value of the formula; undefined when a mark has no value or a divisor is zero. */
export function evaluateHeaderFormula(e: HeaderExpr, value: (mark: string) => Exact | undefined): Exact | undefined {
  switch (e.kind) {
    case 'mark':
      return value(e.mark);
    case 'number':
      return e.value;
    case 'negate': {
      const x = evaluateHeaderFormula(e.operand, value);
      return x === undefined ? undefined : sub(fromInt(0), x);
    }
    case 'binary': {
      const a = evaluateHeaderFormula(e.left, value);
      const b = evaluateHeaderFormula(e.right, value);
      if (a === undefined || b === undefined) return undefined;
      if (e.op === '+') return add(a, b);
      if (e.op === '-') return sub(a, b);
      if (e.op === '*') return mul(a, b);
      return div(a, b);
    }
  }
}

/** A closed range of exact values: a printed figure stands for every value that rounds to it. */
export interface Interval {
  readonly lo: Exact;
  readonly hi: Exact;
}

const minOf = (xs: readonly Exact[]) => xs.reduce((m, x) => (cmp(x, m) < 0 ? x : m));
const maxOf = (xs: readonly Exact[]) => xs.reduce((m, x) => (cmp(x, m) > 0 ? x : m));

/**
 * The range of values the formula can take when each mark may be anywhere in its interval: what the rounding of the
 * printed inputs can explain. Undefined when a mark has no value or a divisor's range holds zero.
 */
export function evaluateHeaderInterval(e: HeaderExpr, value: (mark: string) => Interval | undefined): Interval | undefined {
  switch (e.kind) {
    case 'mark':
      return value(e.mark);
    case 'number':
      return { lo: e.value, hi: e.value };
    case 'negate': {
      const x = evaluateHeaderInterval(e.operand, value);
      return x === undefined ? undefined : { lo: sub(fromInt(0), x.hi), hi: sub(fromInt(0), x.lo) };
    }
    case 'binary': {
      const a = evaluateHeaderInterval(e.left, value);
      const b = evaluateHeaderInterval(e.right, value);
      if (a === undefined || b === undefined) return undefined;
      if (e.op === '+') return { lo: add(a.lo, b.lo), hi: add(a.hi, b.hi) };
      if (e.op === '-') return { lo: sub(a.lo, b.hi), hi: sub(a.hi, b.lo) };
      if (e.op === '*') {
        const ps = [mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)];
        return { lo: minOf(ps), hi: maxOf(ps) };
      }
      // A divisor whose range reaches zero can give any value: nothing can be said.
      if (cmp(b.lo, fromInt(0)) <= 0 && cmp(b.hi, fromInt(0)) >= 0) return undefined;
      const qs = [div(a.lo, b.lo)!, div(a.lo, b.hi)!, div(a.hi, b.lo)!, div(a.hi, b.hi)!];
      return { lo: minOf(qs), hi: maxOf(qs) };
    }
  }
}

/** Whether two intervals share a value. */
export function intervalsMeet(a: Interval, b: Interval): boolean {
  return cmp(a.lo, b.hi) <= 0 && cmp(b.lo, a.hi) <= 0;
}

/** The interval a figure printed with `decimals` decimals stands for: value ± half a unit of its last place. */
export function printedInterval(value: Exact, decimals: number): Interval {
  const half: Exact = { n: 5n, d: 10n ** BigInt(decimals + 1) };
  return { lo: sub(value, half), hi: add(value, half) };
}
