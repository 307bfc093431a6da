/**
 * XLSX → lines: each non-empty row of each sheet is a line, cells placed by column letter (column A is cell 0),
 * values as Excel displays them where that matters for figures and as stored otherwise.
 *
 * Why not the displayed text for every format: reviewers compare money to the fen; a stored 2468.10 must come
 * out as "2468.10", not "2,468.10" or "2468.1000000000001". Percent formats are the exception, because "95.50%"
 * and "0.9550" mean the same only if the reader knows the format: the text shows what the person saw. Formats with
 * fixed decimals ("0.00", "#,##0.00") pad the stored number to them as Excel shows it ("32" → "32.00"), without
 * thousands separators and without ever dropping a stored digit.
 */
import { problem, type Problem } from '../../core/problem.ts';
import { LimitNotes } from './limits.ts';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, type SourceLine } from '../source.ts';
import { type XmlElement, childElements, childrenNamed, firstChild, parseXml, streamXml, textContent } from './xml.ts';
import { type ZipArchive, hasEntry, openOfficeZip, packageMentions, readPartText, readRelationships, relatedPart } from './zip.ts';

const NAMESPACES = {
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main': 'x',
  'http://purl.oclc.org/ooxml/spreadsheetml/main': 'x',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
};

/** Excel's last column is XFD (16384); anything further is broken input and would only allocate. */
const MAX_COLUMNS = 16384;
/** Work allowed for blanking merged ranges; overlapping hostile ranges could otherwise cost rows × merges. */
const MERGE_WORK_LIMIT = 20_000_000;

type Failure = { readonly ok: false; readonly problems: readonly Problem[] };
const failure = (p: Problem): Failure => ({ ok: false, problems: [p] });

// ---- Numbers ------------------------------------------------------------------------------------------------

const NUMBER_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** sign, digits and the position of the decimal point within them (may be < 0 or > digits.length). */
interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly point: number;
}

function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER_RE.exec(text);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  // Why: "1E999999" would otherwise become a million zeros; no real cell is that far from 1.
  if (Math.abs(exp) > 400) return undefined;
  return { negative: m[1] === '-', digits: int + frac, point: int.length + exp };
}

/** Plain decimal text without exponent, leading zeros or trailing fractional zeros. */
function formatDecimal(d: Decimal): string {
  let { digits, point } = d;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  const sign = d.negative && /[1-9]/.test(digits) ? '-' : '';
  return frac === '' ? `${sign}${int}` : `${sign}${int}.${frac}`;
}

function significantDigits(d: Decimal): number {
  return d.digits.replace(/^0+/, '').replace(/0+$/, '').length;
}

/**
 * The number as Excel shows it in General: at most 15 significant digits. Written values of up to 15 digits are
 * kept as written (only an exponent is expanded); longer ones are the binary noise of a float
 * ("2468.1000000000001", "0.30000000000000004" from a SUM) and are rounded to 15 digits, which is what Excel
 * displays and what the person typed.
 */
export function canonicalNumber(text: string): string {
  const d = parseDecimal(text.trim());
  if (!d) return text;
  if (significantDigits(d) <= 15) return /[eE]/.test(text) ? formatDecimal(d) : text.trim();
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  const rounded = parseDecimal(value.toPrecision(15));
  return rounded ? formatDecimal(rounded) : text;
}

/** `text` × 100 rounded half away from zero to `decimals` places, then "%"; exact on the digit string. */
export function formatPercent(text: string, decimals: number): string {
  const d = parseDecimal(text);
  if (!d) return text;
  const shifted: Decimal = { negative: d.negative, digits: d.digits, point: d.point + 2 };
  const plain = formatDecimal(shifted);
  const [intPart = '0', fracPart = ''] = plain.replace('-', '').split('.');
  let scaled = BigInt(intPart + fracPart.padEnd(decimals, '0').slice(0, decimals));
  if ((fracPart[decimals] ?? '0') >= '5') scaled += 1n;
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const body = decimals > 0 ? `${int}.${digits.slice(digits.length - decimals)}` : int;
  return `${d.negative && scaled !== 0n ? '-' : ''}${body}%`;
}

// ---- Styles -------------------------------------------------------------------------------------------------

/**
 * How a cell format shows a number, when that matters for the text: a percentage with its decimals (the value ×100
 * and "%"), or a fixed number of decimals ("0.00", "#,##0.00": a stored 32 is seen as "32.00").
 */
export type NumberFormat = { readonly kind: 'percent'; readonly decimals: number } | { readonly kind: 'fixed'; readonly decimals: number };

/** Per cellXfs index: how the format shows a number, or undefined when the number is read as stored. */
export type NumberFormats = readonly (NumberFormat | undefined)[];

/** Built-in number formats (ECMA-376 §18.8.30) that show a percentage or fixed decimals; the ids are the same in every locale. */
const BUILTIN_FORMATS: Readonly<Record<number, NumberFormat>> = {
  2: { kind: 'fixed', decimals: 2 }, // 0.00
  4: { kind: 'fixed', decimals: 2 }, // #,##0.00
  9: { kind: 'percent', decimals: 0 }, // 0%
  10: { kind: 'percent', decimals: 2 }, // 0.00%
  39: { kind: 'fixed', decimals: 2 }, // #,##0.00;(#,##0.00)
  40: { kind: 'fixed', decimals: 2 }, // #,##0.00;[Red](#,##0.00)
};

/** The positive section of a format code without its literal parts: quoted text, escapes, [colour]/[condition], _x padding, *x fill. */
function positiveSection(code: string): string {
  return code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '').split(';')[0] ?? '';
}

/** Decimals of a percent format code ("0.00%" → 2), or undefined when the code does not show a percentage. */
export function percentDecimals(code: string): number | undefined {
  // Why: only the positive section counts, and quoted text, escapes and [colour]/[condition] are literal.
  const section = positiveSection(code);
  if (!section.includes('%')) return undefined;
  const m = /\.([0#?]+)/.exec(section);
  return m?.[1]?.length ?? 0;
}

/**
 * Decimals of a plain number format with a fixed number of them ("0.00", "#,##0.00", "0.000", "¥#,##0.00_);…" → 2,
 * 3…), or undefined for any other code: General, no decimals, optional decimals ("0.0#"), percentages, scientific,
 * fractions, dates, text, and a trailing comma (scaling by 1000, so the digits shown are not the stored ones).
 */
export function fixedDecimals(code: string): number | undefined {
  const section = positiveSection(code).trim();
  // Literal signs, brackets and currency symbols may stand around the number; letters are date/time/General/E+ codes.
  const m = /^[^#0?.,%/@A-Za-z]*(?:[#0,]*[#0])?\.(0+)[^#0?.,%/@A-Za-z]*$/.exec(section);
  return m?.[1]?.length;
}

function numberFormat(code: string): NumberFormat | undefined {
  const percent = percentDecimals(code);
  if (percent !== undefined) return { kind: 'percent', decimals: percent };
  const fixed = fixedDecimals(code);
  return fixed !== undefined ? { kind: 'fixed', decimals: fixed } : undefined;
}

function readNumberFormats(xml: XmlElement): NumberFormats {
  const custom = new Map<number, string>();
  const numFmts = firstChild(xml, 'x:numFmts');
  for (const f of numFmts ? childrenNamed(numFmts, 'x:numFmt') : []) custom.set(Number(f.attrs['numFmtId']), f.attrs['formatCode'] ?? '');
  const cellXfs = firstChild(xml, 'x:cellXfs');
  return (cellXfs ? childrenNamed(cellXfs, 'x:xf') : []).map((xf) => {
    const id = Number(xf.attrs['numFmtId'] ?? '0');
    const code = custom.get(id);
    return code !== undefined ? numberFormat(code) : BUILTIN_FORMATS[id];
  });
}

/**
 * Plain decimal text padded with zeros to at least `decimals` places ("32" → "32.00"); never shortened, so a stored
 * 229.6445 under "0.00" stays "229.6445" (the reader keeps every stored digit; Excel's rounding is for the eye).
 */
export function padDecimals(text: string, decimals: number): string {
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return text;
  const frac = m[2] ?? '';
  return frac.length >= decimals ? text : `${m[1] ?? ''}.${frac.padEnd(decimals, '0')}`;
}

// ---- Strings ------------------------------------------------------------------------------------------------

/** Excel escapes characters XML cannot hold as _xHHHH_ (ST_Xstring); "_x005F_" is a literal underscore. */
function unescapeXstring(text: string): string {
  return text.indexOf('_x') === -1 ? text : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Text of a shared or inline string: plain <t>, or rich-text runs <r><t>; phonetic guides (rPh) skipped. */
function richText(el: XmlElement): string {
  let out = '';
  for (const child of childElements(el)) {
    if (child.name === 'x:t') out += textContent(child);
    else if (child.name === 'x:r') {
      const t = firstChild(child, 'x:t');
      if (t) out += textContent(t);
    }
  }
  return unescapeXstring(out);
}

/**
 * What a cell's reading never looks at, left out of the rows and strings as they are built (`streamXml`'s prune): a
 * formula's text (its value is in x:v), a rich-text run's formatting, phonetic guides, extensions.
 */
const NOT_READ = new Set(['x:f', 'x:rPr', 'x:rPh', 'x:phoneticPr', 'x:extLst']);
const notRead = (name: string): boolean => NOT_READ.has(name);

function readSharedStrings(text: string, part: string): string[] | Problem {
  const strings: string[] = [];
  const error = streamXml(text, part, {
    namespaces: NAMESPACES,
    select: (name, parent) => name === 'x:si' && parent === 'x:sst',
    prune: notRead,
    onElement: (si) => {
      strings.push(richText(si));
    },
  });
  return error ?? strings;
}

// ---- Cells --------------------------------------------------------------------------------------------------

/** 0-based column of a reference like "AB12", or -1. */
export function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === 0 || col > MAX_COLUMNS ? -1 : col - 1;
}

function rowNumberOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : NaN;
}

export interface SheetContext {
  readonly strings: readonly string[];
  readonly formats: NumberFormats;
}

function cellValue(c: XmlElement, ctx: SheetContext): string {
  const type = c.attrs['t'] ?? 'n';
  if (type === 'inlineStr') {
    const is = firstChild(c, 'x:is');
    return is ? richText(is) : '';
  }
  const v = firstChild(c, 'x:v');
  if (!v) return '';
  const raw = textContent(v);
  switch (type) {
    case 's':
      return ctx.strings[Number(raw)] ?? '';
    case 'str':
      return unescapeXstring(raw);
    case 'b':
      return raw.trim() === '1' ? 'TRUE' : raw.trim() === '0' ? 'FALSE' : raw;
    case 'e':
    case 'd':
      return raw;
    default: {
      const format = ctx.formats[Number(c.attrs['s'] ?? '0')];
      const value = canonicalNumber(raw);
      if (format === undefined) return value;
      return format.kind === 'percent' ? formatPercent(value, format.decimals) : padDecimals(value, format.decimals);
    }
  }
}

export interface SheetRow {
  readonly row: number;
  readonly cells: string[];
}

function readRow(el: XmlElement, previousRow: number, ctx: SheetContext, maxCells: number, cut: (row: number) => void): SheetRow {
  const declared = Number(el.attrs['r']);
  const row = Number.isInteger(declared) && declared > 0 ? declared : previousRow + 1;
  const cells: string[] = [];
  let col = -1;
  for (const c of childrenNamed(el, 'x:c')) {
    const ref = c.attrs['r'];
    col = ref === undefined ? col + 1 : columnIndex(ref);
    if (col < 0 || col >= MAX_COLUMNS) continue;
    // Why: a value in column XFD would otherwise make every such row 16,384 cells wide (a hostile sheet's memory).
    if (col >= maxCells) {
      if (cellValue(c, ctx) !== '') cut(row);
      continue;
    }
    const value = cellValue(c, ctx);
    if (value === '') continue;
    while (cells.length < col) cells.push('');
    cells[col] = value;
  }
  return { row, cells };
}

interface Range {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

function parseRange(ref: string): Range | undefined {
  const [a = '', b = a] = ref.split(':');
  const r1 = rowNumberOf(a);
  const r2 = rowNumberOf(b);
  const c1 = columnIndex(a);
  const c2 = columnIndex(b);
  if (!(r1 > 0 && r2 >= r1 && c1 >= 0 && c2 >= c1)) return undefined;
  return { r1, c1, r2, c2 };
}

/** Empties every cell of a merged range but its top-left one, as Excel shows them. */
function blankMerged(rows: readonly SheetRow[], merges: readonly Range[]): void {
  const byRow = new Map(rows.map((r) => [r.row, r.cells]));
  let work = 0;
  for (const m of merges) {
    const span = m.r2 - m.r1 + 1;
    const targets = span <= rows.length ? Array.from({ length: span }, (_, k) => m.r1 + k) : rows.map((r) => r.row).filter((r) => r >= m.r1 && r <= m.r2);
    for (const r of targets) {
      const cells = byRow.get(r);
      if (!cells) continue;
      for (let c = m.c1; c <= m.c2 && c < cells.length; c++) if (r !== m.r1 || c !== m.c1) cells[c] = '';
      work += span + m.c2 - m.c1;
      if (work > MERGE_WORK_LIMIT) return;
    }
  }
}

function trimTrailing(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return end === cells.length ? cells : cells.slice(0, end);
}

export interface SheetRows {
  readonly rows: readonly SheetRow[];
  readonly truncated: boolean;
}

/** A worksheet's non-empty rows, at most `maxRows` of them, merged areas blanked. */
export function readSheetXml(text: string, part: string, ctx: SheetContext, maxRows: number, notes: LimitNotes = new LimitNotes(DEFAULT_LIMITS)): SheetRows | Problem {
  const rows: SheetRow[] = [];
  const merges: Range[] = [];
  let previous = 0;
  let truncated = false;
  const error = streamXml(text, part, {
    namespaces: NAMESPACES,
    select: (name, parent) => (name === 'x:row' && parent === 'x:sheetData') || name === 'x:mergeCell',
    prune: notRead,
    onElement: (el) => {
      if (el.name === 'x:mergeCell') {
        const range = parseRange(el.attrs['ref'] ?? '');
        if (range) merges.push(range);
        return;
      }
      const row = readRow(el, previous, ctx, notes.limits.maxCellsPerLine, (r) => notes.note('line-too-many-cells', r));
      previous = row.row;
      if (row.cells.length === 0) return;
      if (rows.length >= maxRows) truncated = true;
      else rows.push(row);
    },
  });
  if (error) return error;
  blankMerged(rows, merges);
  return { rows: rows.map((r) => ({ row: r.row, cells: trimTrailing(r.cells) })).filter((r) => r.cells.length > 0), truncated };
}

// ---- The workbook -------------------------------------------------------------------------------------------

interface SheetRef {
  readonly name: string;
  readonly part: string | undefined;
}

function readPart(zip: ZipArchive, name: string): string | Problem {
  const text = readPartText(zip, name);
  return text.ok ? text.text : text.problem;
}

function listSheets(zip: ZipArchive, workbook: string): SheetRef[] | Problem {
  const text = readPart(zip, workbook);
  if (typeof text !== 'string') return text;
  const xml = parseXml(text, workbook, NAMESPACES);
  if (!xml.ok) return xml.problem;
  const rels = readRelationships(zip, workbook);
  const targets = new Map(rels.ok ? rels.rels.filter((r) => !r.external).map((r) => [r.id, r.target]) : []);
  const sheets = firstChild(xml.root, 'x:sheets');
  return (sheets ? childrenNamed(sheets, 'x:sheet') : []).map((s) => {
    const id = s.attrs['r:id'];
    const fallback = `xl/worksheets/sheet${s.attrs['sheetId'] ?? ''}.xml`;
    return { name: s.attrs['name'] ?? '', part: (id !== undefined ? targets.get(id) : undefined) ?? (hasEntry(zip, fallback) ? fallback : undefined) };
  });
}

/** Shared strings and styles, each optional (a workbook of numbers only has no shared strings). */
function readContext(zip: ZipArchive, workbook: string): SheetContext | Problem {
  const rels = readRelationships(zip, workbook);
  const list = rels.ok ? rels.rels : [];
  const sstPart = relatedPart(list, '/sharedStrings') ?? 'xl/sharedStrings.xml';
  const stylesPart = relatedPart(list, '/styles') ?? 'xl/styles.xml';
  let strings: string[] = [];
  if (hasEntry(zip, sstPart)) {
    const text = readPart(zip, sstPart);
    if (typeof text !== 'string') return text;
    const sst = readSharedStrings(text, sstPart);
    if (!Array.isArray(sst)) return sst;
    strings = sst;
  }
  let formats: NumberFormats = [];
  if (hasEntry(zip, stylesPart)) {
    const text = readPart(zip, stylesPart);
    if (typeof text !== 'string') return text;
    const xml = parseXml(text, stylesPart, NAMESPACES);
    if (!xml.ok) return xml.problem;
    formats = readNumberFormats(xml.root);
  }
  return { strings, formats };
}

export function readXlsx(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): ReadResult {
  const opened = openOfficeZip(bytes, limits);
  if (!opened.ok) return opened;
  const { zip } = opened;
  if (!packageMentions(zip, 'xl/', 'spreadsheetml')) return failure(problem('not-a-document'));
  const rels = readRelationships(zip, '');
  const declared = rels.ok ? relatedPart(rels.rels, '/officeDocument') : undefined;
  const workbook = declared !== undefined && hasEntry(zip, declared) ? declared : 'xl/workbook.xml';
  if (!hasEntry(zip, workbook)) return failure(problem('xlsx-no-sheets'));
  const sheets = listSheets(zip, workbook);
  if (!Array.isArray(sheets)) return failure(sheets);
  if (sheets.length === 0) return failure(problem('xlsx-no-sheets'));
  const ctx = readContext(zip, workbook);
  if ('code' in ctx) return failure(ctx);
  const lines: SourceLine[] = [];
  const warnings: Problem[] = [];
  const notes = new LimitNotes(limits);
  for (const [index, sheet] of sheets.entries()) {
    if (sheet.part === undefined || !hasEntry(zip, sheet.part)) {
      warnings.push(problem('zip-corrupt', [], { detail: `缺少工作表“${sheet.name}” / the sheet "${sheet.name}" is missing` }));
      continue;
    }
    const text = readPart(zip, sheet.part);
    if (typeof text !== 'string') return failure(text);
    const read = readSheetXml(text, sheet.part, ctx, limits.maxLines - lines.length, notes);
    if ('code' in read) return failure(read);
    for (const r of read.rows) lines.push({ cells: r.cells, loc: { table: sheet.name, row: r.row }, table: index });
    if (read.truncated) {
      warnings.push(problem('too-many-lines', [], { limit: limits.maxLines }));
      break;
    }
  }
  return { ok: true, document: { format: 'xlsx', lines, pages: sheets.length }, warnings: [...warnings, ...notes.warnings()] };
}
