/**
 * What every extractor receives and how it records what it found. An extractor reads the segmented document and
 * writes plain evaluation data (the file format a person writes: money as { value, unit, source }) into a
 * draft, and records each field it found with where it came from.
 */
import type { Source } from '../../core/model/money.ts';
import type { Problem } from '../../core/problem.ts';
import type { Rubric } from '../../core/rubric/schema.ts';
import { isWithinDigitLimits, toPlainString } from '../../core/exact.ts';
import { type NumberToken, asMoney, scanNumbers } from '../../core/text/numbers.ts';
import { SENTENCE_REACH } from '../../core/text/reach.ts';
import type { DocumentKind } from '../kinds.ts';
import { type Line, type Paragraph, type Section, type Segmented, lineAt } from '../segment.ts';
import type { SourceDocument } from '../source.ts';
import { memo } from '../memo.ts';

export type Draft = Record<string, unknown>;

/** One field the importer found: its path in the evaluation file, the value as written there, and its source. */
export interface Found {
  readonly path: string;
  readonly value: string;
  readonly source: Source;
}

export interface ExtractContext {
  readonly file: string;
  readonly doc: SourceDocument;
  readonly seg: Segmented;
  readonly kind: DocumentKind;
  /** Rubrics a scorecard's items may be matched to (the built-in ones, or those the caller gives). */
  readonly rubrics: readonly Rubric[];
  readonly draft: Draft;
  readonly found: Found[];
  readonly warnings: Problem[];
}

const EXCERPT = 160;

function excerpt(text: string, start = 0, end = text.length): string {
  if (text.length <= EXCERPT) return text;
  const mid = Math.floor((start + end) / 2);
  const from = Math.max(0, Math.min(text.length - EXCERPT, mid - EXCERPT / 2));
  return `${from > 0 ? '…' : ''}${text.slice(from, from + EXCERPT)}${from + EXCERPT < text.length ? '…' : ''}`;
}

const SECTION_LABEL = Symbol('section label');

/** "一、部门基本情况 > （四）部门整体收支情况", made once per section. */
function sectionLabel(s: Section): string {
  return memo(s, SECTION_LABEL, () => s.path.join(' > ').slice(0, 120));
}

/** The source of a cell (column is 0-based here, 1-based in the file) or of a whole line. */
export function sourceAt(ctx: ExtractContext, lineIndex: number, column: number | undefined, text: string, table?: string): Source {
  const line: Line | undefined = ctx.seg.lines[lineIndex];
  const loc = line?.loc ?? {};
  const section = ctx.seg.sectionOfLine[lineIndex];
  // Why assignments, in this order, and not spreads: a source is made for every figure and fact of a document.
  const out: { -readonly [K in keyof Source]: Source[K] } = { file: ctx.file };
  if (loc.page !== undefined) out.page = loc.page;
  if (loc.line !== undefined) out.line = loc.line;
  if (section) out.section = sectionLabel(section);
  if (table ?? loc.table) out.table = (table ?? loc.table)!;
  if (loc.row !== undefined) out.row = loc.row;
  if (column !== undefined) out.column = column + 1;
  out.text = excerpt(text);
  return out;
}

/** The source of a match inside a paragraph: the line the match sits on, and the clause around it. */
export function sourceInParagraph(ctx: ExtractContext, p: Paragraph, start: number, end: number): Source {
  const line = lineAt(p, start);
  const from = Math.max(0, clauseStart(p.text, start));
  const to = clauseEnd(p.text, end);
  const s = sourceAt(ctx, line, undefined, p.text.slice(from, to));
  // A paragraph made of a table cell keeps its column.
  const row = ctx.seg.lines[line];
  const col = row?.kind === 'row' ? columnOfText(row, p.text) : -1;
  return col >= 0 ? { ...s, column: col + 1 } : s;
}

const COLUMNS_BY_TEXT = Symbol('columns by text');

/**
 * The first column of a row line holding exactly `text` (-1 if none), by a map made once per line: a row of
 * thousands of cells, asked about each of them, stays linear.
 */
function columnOfText(line: Line, text: string): number {
  const byText = memo(line, COLUMNS_BY_TEXT, () => {
    const m = new Map<string, number>();
    for (let i = line.cells.length - 1; i >= 0; i--) m.set(line.cells[i]!, i);
    return m;
  });
  return byText.get(text) ?? -1;
}

/** Start of the clause around `at`: after a sentence end, or after the third comma back; at most SENTENCE_REACH back. */
function clauseStart(text: string, at: number): number {
  const stop = Math.max(0, at - SENTENCE_REACH);
  for (let i = at - 1, commas = 0; i >= stop; i--) {
    const c = text[i]!;
    if ('。；;！？\n'.includes(c)) return i + 1;
    if ((c === '，' || c === ',') && ++commas > 2) return i + 1;
  }
  return stop;
}

function clauseEnd(text: string, at: number): number {
  const stop = Math.min(text.length, at + SENTENCE_REACH);
  for (let i = at; i < stop; i++) if ('。；;！？\n'.includes(text[i]!)) return i + 1;
  return stop;
}

/**
 * The money unit a table's notes declare: with `part`, the unit the note gives that part ("金额单位：基本支出：万元，
 * 项目支出：元"); without, the unit of the whole table ("单位：万元"). Undefined when the notes do not say.
 */
export function unitFromNotes(notes: readonly string[], part?: string): '元' | '万元' | undefined {
  const m = new RegExp(`${part ?? '单位'}[：:]\\s*(万元|元)`).exec(notes.join(' '));
  return m ? (m[1] as '元' | '万元') : undefined;
}

/** Sets `value` at a dotted path in the draft ("budget.printed.executionRate"), creating objects on the way. */
function setPath(draft: Draft, path: string, value: unknown): void {
  const keys = path.split('.');
  let o: Record<string, unknown> = draft;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}

export function getPath(draft: Draft, path: string): unknown {
  let o: unknown = draft;
  for (const k of path.split('.')) {
    if (typeof o !== 'object' || o === null) return undefined;
    o = (o as Record<string, unknown>)[k];
  }
  return o;
}

/** Records a found scalar field (sets it unless already set by a stronger extractor). */
export function put(ctx: ExtractContext, path: string, value: unknown, shown: string, source: Source, overwrite = false): boolean {
  if (!overwrite && getPath(ctx.draft, path) !== undefined) return false;
  setPath(ctx.draft, path, value);
  const i = ctx.found.findIndex((f) => f.path === path);
  if (i >= 0) ctx.found.splice(i, 1);
  ctx.found.push({ path, value: shown, source });
  return true;
}

/** Money field: `{ value, unit, source }`, shown as "2345.67 万元". */
export function putMoney(ctx: ExtractContext, path: string, m: { value: string; unit: '元' | '万元' }, source: Source, overwrite = false): boolean {
  return put(ctx, path, { value: m.value, unit: m.unit, source }, `${m.value} ${m.unit}`, source, overwrite);
}

/** A printed rate (kept as the document printed it, "95.50%"). */
export function putPrinted(ctx: ExtractContext, path: string, text: string, source: Source, overwrite = false): boolean {
  return put(ctx, path, { value: text, source }, text, source, overwrite);
}

/** The decimal text of a money token, without separators: "12,345,678.90" → "12345678.90". */
export function moneyText(raw: string): string {
  const m = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/.exec(raw);
  return m ? m[0].replace(/,/g, '') : raw;
}

/**
 * A money figure of running text as the file format writes it: 元 and 万元 keep their printed digits ("1,234.56 万元"
 * → 1234.56 万元); 亿元 is converted exactly to 万元 ("1.2亿元" → 12000 万元). Undefined when the figure is not money.
 * Every extractor reading money from sentences goes through this, so none takes the digits of 亿元 as 万元.
 */
export function moneyOf(t: NumberToken): { value: string; unit: '元' | '万元' } | undefined {
  const m = asMoney(t);
  if (!m) return undefined;
  return { value: t.unit === '亿元' ? toPlainString(m.value) : moneyText(t.raw), unit: m.unit };
}

/**
 * First number in a cell, as the file format writes it ("1,234.56" → "1234.56"), or undefined — also for a number
 * with more digits than a figure has (the import reports those once, `import-number-too-long`).
 */
export function cellNumber(text: string): string | undefined {
  const t = text.replace(/\s/g, '');
  const m = /^[（(]?(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)[）)]?(?:万元|元)?$/.exec(t);
  return m && isWithinDigitLimits(m[1]!) ? m[1]!.replace(/,/g, '') : undefined;
}

/** A percentage cell "95.50%" / "100 %" → "95.50%"; undefined otherwise (and for one with too many digits). */
export function cellPercent(text: string): string | undefined {
  const t = text.replace(/\s/g, '');
  return /^-?\d+(?:\.\d+)?%$/.test(t) && isWithinDigitLimits(t) ? t : undefined;
}

const NUMBERS = Symbol('numbers');

/** The numbers of a paragraph, scanned once however many extractors ask. */
export function numbersOf(p: Paragraph): readonly NumberToken[] {
  return memo(p, NUMBERS, () => scanNumbers(p.text));
}

