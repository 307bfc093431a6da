/**
 * Layout document → XLSX: one worksheet per table, laid out the way a finance officer expects to find a form in
 * Excel — caption and unit on top, header rows frozen and repeated on every printed page, 宋体 10.5 pt, thin
 * borders, merged cells where the form merges them, real numbers with number formats (so sums and filters work),
 * live formulas carrying their values (so the file shows figures before any recalculation), comments as notes.
 *
 * Only tables are written: headings and paragraphs belong to the DOCX/PDF report. A table whose `formats` leaves
 * out 'xlsx' is skipped; a document without any table gets one sheet with its title.
 *
 * Text that a spreadsheet would take for a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+…`, `-…`, a leading tab or CR:
 * OWASP's CSV/formula injection list) is neutralised the way Excel does it when a user types `'=…`: the cell gets
 * the Text number format (`@`, which LibreOffice also honours) and the style's `quotePrefix="1"`, so it shows the
 * text unchanged and stays text when the cell is edited. exceljs cannot write quotePrefix: the package's styles are
 * patched after writing (`withQuotePrefix`). Formulas the writer puts in on purpose (SUM, IF …) are formula cells and
 * are not touched.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Alignment, Borders, CellValue as XlsxValue, Fill, Font, Style, Worksheet } from 'exceljs';
import { type Exact, toDecimalString } from '../core/exact.ts';
import { type Align, type CellValue, type Doc, type DocMeta, type Formula, type Grid, type PlacedCell, type Ref, type Table, BAR_COLOURS, FLAG_COLOUR, barBasisPoints, cellText, layoutGrid } from './doc.ts';

// ---- Numbers ---------------------------------------------------------------------------------------------------

/** 17 significant digits identify every double; more would not change what `Number` returns. */
const DOUBLE_DIGITS = 17;

/**
 * The exact rational as the nearest IEEE double. This is the one place a figure becomes a float, on purpose: every
 * XLSX stores a number as a double (`<v>` is read as one by Excel, Calc and WPS), so there is nothing more exact to
 * write, and a real number is what makes SUM, sorting and the status-bar total work. The conversion goes through
 * the decimal text (exact when the figure terminates, as money always does; 17 significant digits otherwise) so
 * that `Number` rounds once, correctly: 3916.29 is written as 3916.29, not as the quotient of two rounded doubles.
 */
export function toDouble(x: Exact): number {
  const n = x.n < 0n ? -x.n : x.n;
  let digits = DOUBLE_DIGITS;
  if (n !== 0n && n < x.d) {
    // |x| < 1: leading zeros after the point do not count as significant digits.
    let scaled = n;
    let zeros = 0;
    while (scaled * 10n < x.d && zeros < 400) {
      scaled *= 10n;
      zeros++;
    }
    digits += zeros;
  }
  return Number(toDecimalString(x, 0, digits));
}

const zeros = (k: number): string => (k > 0 ? `.${'0'.repeat(k)}` : '');

/** The Excel number format that shows the value as `cellText` does (thousands separators for money, "55.32%"). */
function numberFormat(v: CellValue): string | undefined {
  switch (v.type) {
    case 'money':
      return `#,##0${zeros(Math.max(2, v.decimals))}`;
    case 'percent':
      return `0${zeros(v.decimals)}%`;
    case 'number':
      return `0${zeros(v.decimals)}`;
    default:
      return undefined;
  }
}

/** Full-width units of a bar that fills its whole cell. */
const BAR_UNITS = 20;
const BAR_CHAR = '█';

/**
 * The stored value: a number for money, rates and counts (a rate as its fraction), text as text, nothing when
 * empty. A bar is drawn with block characters (U+2588) in its tone's colour: `BAR_UNITS` of them fill the cell.
 * Why not a conditional-format data bar: exceljs writes data bars that Excel repairs or drops (exceljs#3015).
 */
function storedValue(v: CellValue): number | string | undefined {
  switch (v.type) {
    case 'money':
    case 'percent':
    case 'number':
      return toDouble(v.value);
    case 'text':
      return v.text;
    case 'bar': {
      const units = Math.round((barBasisPoints(v) * BAR_UNITS) / 10_000);
      return units > 0 ? BAR_CHAR.repeat(units) : undefined;
    }
    case 'empty':
      return undefined;
  }
}

// ---- Formula injection -----------------------------------------------------------------------------------------

/**
 * Whether a spreadsheet would read this text as a formula once the cell is edited or the sheet saved as CSV: a
 * leading = + - @ (OWASP), a leading tab or carriage return, and the full-width ＝ ＋ － ＠ a Chinese input method
 * types (cheap to include: the mark does not change what the cell shows).
 */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r＝＋－＠]/.test(text);
}

/** The Excel built-in number format id of `@` (Text); `withQuotePrefix` marks the styles that use it. */
const TEXT_FORMAT = '@';
const TEXT_FORMAT_ATTR = /\bnumFmtId="49"/;

/**
 * The workbook with `quotePrefix="1"` on every cell style (cellXfs) that has the Text format: the styles this writer
 * gives formula-like text, which exceljs has no option for. Only styles.xml changes; the other parts are copied.
 */
export function withQuotePrefix(xlsx: Uint8Array): Uint8Array {
  const files = unzipSync(xlsx);
  const part = files['xl/styles.xml'];
  if (part === undefined) return xlsx;
  const xml = strFromU8(part);
  const patched = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (xfs) =>
    xfs.replace(/<xf\b([^>]*?)(\/?)>/g, (xf, attrs: string, close: string) =>
      TEXT_FORMAT_ATTR.test(attrs) && !/\bquotePrefix=/.test(attrs) ? `<xf${attrs} quotePrefix="1"${close}>` : xf,
    ),
  );
  if (patched === xml) return xlsx;
  files['xl/styles.xml'] = strToU8(patched);
  // Parts only, in their order ([Content_Types].xml first): folder entries are not parts of a package.
  return zipSync(Object.fromEntries(Object.entries(files).filter(([name]) => !name.endsWith('/'))));
}

// ---- Text widths -----------------------------------------------------------------------------------------------

/** Characters a CJK font draws full width: CJK ideographs, kana, hangul, full-width forms, and the dash and quotes 宋体 draws wide. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    cp === 0x2014 ||
    (cp >= 0x2018 && cp <= 0x201d) ||
    cp === 0x2026 ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Width of one line in Excel column units: one per Latin character, two per CJK character. */
export function displayWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}

const lineWidths = (text: string): number[] => text.split(/\r?\n/).map(displayWidth);

/** Lines a wrapped text takes in a cell `width` units wide (each paragraph at least one line). */
function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width);
  return lineWidths(text).reduce((sum, w) => sum + Math.max(1, Math.ceil(w / usable)), 0);
}

const MAX_COLUMN_WIDTH = 60;
const LINE_HEIGHT = 14;
const CAPTION_LINE_HEIGHT = 22;
/** Excel's largest row height, in points. */
const MAX_ROW_HEIGHT = 409;

/**
 * Column widths in Excel units: the declared width (Chinese characters, 2 units each) plus a margin, widened to
 * the longest line of any cell that sits in this column alone (a cell spanning columns shares their width, so it
 * does not widen one of them), capped so a narrative wraps instead of making a column screens wide.
 */
function columnWidths(t: Table, grid: Grid): number[] {
  const widths = t.columns.map((c) => c.width * 2 + 2);
  for (const p of grid.cells) {
    if (p.colSpan !== 1) continue;
    const longest = Math.max(0, ...lineWidths(cellText(p.cell.value)));
    if (longest > 0) widths[p.col] = Math.max(widths[p.col] ?? 0, longest + 2);
  }
  return widths.map((w) => Math.min(MAX_COLUMN_WIDTH, w));
}

// ---- Sheet names -----------------------------------------------------------------------------------------------

const MAX_SHEET_NAME = 31;

/** At most `max` UTF-16 units (Excel's count), never splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Valid, unique sheet names: no []:*?/\, ≤ 31 characters, not quoted, not Excel's reserved "History"; "（2）" for a repeat. */
class SheetNames {
  // Excel compares sheet names without case.
  private readonly used = new Set<string>(['history']);

  take(wanted: string): string {
    const cleaned = wanted
      .replace(/[[\]:*?\/\\\u0000-\u001f]/g, '')
      .trim()
      .replace(/^'+|'+$/g, '');
    const base = truncate(cleaned, MAX_SHEET_NAME) || 'Sheet';
    let name = base;
    for (let k = 2; this.used.has(name.toLowerCase()); k++) {
      const suffix = `（${k}）`;
      name = truncate(base, MAX_SHEET_NAME - suffix.length) + suffix;
    }
    this.used.add(name.toLowerCase());
    return name;
  }
}

// ---- Cell addresses and formulas -------------------------------------------------------------------------------

/** "A", "B", … "Z", "AA" for a 0-based column. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Placement {
  readonly table: Table;
  readonly grid: Grid;
  /** Sheet rows above the first grid row (caption, unit note). */
  readonly offset: number;
}

/** 1-based sheet row of a grid row. */
const sheetRow = (p: Placement, gridRow: number): number => p.offset + gridRow + 1;

function address(p: Placement, ref: Ref, gridRow: number): { col: number; row: number; a1: string } {
  const col = p.grid.colIndex.get(ref.col);
  if (col === undefined) throw new Error(`table ${p.table.id}: a formula refers to the unknown column "${ref.col}"`);
  const r = ref.row === undefined ? gridRow : p.grid.rowIndex.get(ref.row);
  if (r === undefined) throw new Error(`table ${p.table.id}: a formula refers to the unknown row "${ref.row ?? ''}"`);
  const row = sheetRow(p, r);
  return { col, row, a1: `${columnLetter(col)}${row}` };
}

/** The Excel formula (without "=") for a cell in grid row `gridRow`. */
function formulaText(p: Placement, f: Formula, gridRow: number): string {
  const at = (ref: Ref) => address(p, ref, gridRow);
  switch (f.op) {
    case 'sum': {
      const cells = f.cells.map(at);
      const first = cells[0];
      if (first === undefined) return '0';
      const rows = cells.map((c) => c.row).sort((a, b) => a - b);
      const vertical = cells.every((c) => c.col === first.col) && rows.every((r, i) => i === 0 || r === (rows[i - 1] ?? 0) + 1);
      if (vertical) {
        const letter = columnLetter(first.col);
        const top = rows[0] ?? first.row;
        const bottom = rows[rows.length - 1] ?? first.row;
        return top === bottom ? `SUM(${letter}${top})` : `SUM(${letter}${top}:${letter}${bottom})`;
      }
      return cells.map((c) => c.a1).join('+');
    }
    case 'adjusted':
      return `${at(f.initial).a1}+${at(f.increase).a1}-${at(f.decrease).a1}`;
    case 'ratio': {
      const den = at(f.den).a1;
      return `IF(${den}=0,"—",${at(f.num).a1}/${den})`;
    }
    case 'difference':
      return `${at(f.a).a1}-${at(f.b).a1}`;
  }
}

// ---- Styles ----------------------------------------------------------------------------------------------------

const FONT_NAME = '宋体';
const FONT_SIZE = 10.5;
const CAPTION_SIZE = 14;
const GREY = 'FFF2F2F2';

const font = (bold: boolean, size = FONT_SIZE): Partial<Font> => ({ name: FONT_NAME, size, bold });
const greyFill = (): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } });
const solidFill = (rgb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } });
const thinBorders = (): Partial<Borders> => ({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });

const HORIZONTAL: Readonly<Record<Align, Alignment['horizontal']>> = { left: 'left', center: 'center', right: 'right', justify: 'justify' };

/** A fresh style object per cell: exceljs shares a style object it is given, and a later change would reach every cell holding it. */
function gridStyle(t: Table, placed: PlacedCell | undefined, header: boolean, total: boolean, flagged: boolean): Partial<Style> {
  const style: Partial<Style> = { font: font(header || total), border: thinBorders(), alignment: { vertical: 'middle' } };
  if (header) style.fill = greyFill();
  else if (flagged) style.fill = solidFill(FLAG_COLOUR);
  if (!placed) return style;
  const { cell } = placed;
  const value = cell.value;
  const numeric = value.type === 'money' || value.type === 'percent' || value.type === 'number';
  const shaded = header || (cell.label === true && value.type !== 'bar');
  const align: Align = value.type === 'bar' ? 'left' : header ? 'center' : (cell.align ?? (cell.label ? 'center' : (t.columns[placed.col]?.align ?? (numeric ? 'right' : 'left'))));
  style.font = font(shaded || total || cell.bold === true);
  if (value.type === 'bar') style.font = { ...style.font, color: { argb: `FF${BAR_COLOURS[value.tone ?? 'normal']}` } };
  style.alignment = { vertical: 'middle', horizontal: HORIZONTAL[align], wrapText: value.type === 'text' };
  if (shaded) style.fill = greyFill();
  const fmt = numberFormat(value);
  if (fmt !== undefined) style.numFmt = fmt;
  if (value.type === 'text' && cell.formula === undefined && looksLikeFormula(value.text)) style.numFmt = TEXT_FORMAT;
  return style;
}

// ---- Sheets ----------------------------------------------------------------------------------------------------

function pageSetup(meta: DocMeta, headerRows: string | undefined, landscape = false): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    // A table marked landscape (a wide table in a portrait report) prints its sheet landscape too.
    orientation: landscape ? 'landscape' : (meta.orientation ?? 'portrait'),
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    ...(headerRows !== undefined ? { printTitlesRow: headerRows } : {}),
  };
}

/** A caption-like line merged across `columns` columns: the value, the font, the alignment, a height for its wrapped lines. */
function bannerRow(ws: Worksheet, row: number, columns: number, text: string, style: Partial<Style>, width: number, lineHeight: number): void {
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.style = looksLikeFormula(text) ? { ...style, numFmt: TEXT_FORMAT } : style;
  if (columns > 1) ws.mergeCells(row, 1, row, columns);
  const lines = wrappedLines(text, width);
  if (lines > 1) ws.getRow(row).height = Math.min(MAX_ROW_HEIGHT, lines * lineHeight);
}

function writeTable(wb: ExcelJS.Workbook, name: string, t: Table, meta: DocMeta): void {
  const grid = layoutGrid(t);
  const columns = Math.max(1, grid.columns);
  const widths = columnWidths(t, grid);
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const offset = t.unitNote !== undefined ? 2 : 1;
  const p: Placement = { table: t, grid, offset };
  const frozen = offset + grid.headerRows;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: frozen, topLeftCell: `A${frozen + 1}`, activeCell: `A${frozen + 1}` }],
    pageSetup: pageSetup(meta, grid.headerRows > 0 ? `${offset + 1}:${offset + grid.headerRows}` : undefined, t.landscape === true),
  });
  ws.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });

  bannerRow(ws, 1, columns, t.caption ?? meta.title, { font: font(true, CAPTION_SIZE), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }, totalWidth, CAPTION_LINE_HEIGHT);
  if (t.unitNote !== undefined) bannerRow(ws, 2, columns, t.unitNote, { font: font(false), alignment: { horizontal: 'right', vertical: 'middle' } }, totalWidth, LINE_HEIGHT);

  const rows = [...t.header, ...t.body];
  // Every grid position gets font, borders and fill — the covered positions of a merged range too, or Excel and
  // Calc draw the range's border only around its first cell.
  for (let r = 0; r < grid.rows; r++) {
    const header = r < grid.headerRows;
    const total = rows[r]?.kind === 'total';
    const flagged = rows[r]?.flagged === true;
    for (let c = 0; c < grid.columns; c++) {
      const placed = grid.at[r]?.[c];
      const cell = ws.getCell(sheetRow(p, r), c + 1);
      cell.style = gridStyle(t, placed, header, total, flagged);
      if (!placed || placed.row !== r || placed.col !== c) continue;
      const stored = storedValue(placed.cell.value);
      const formula = placed.cell.formula;
      let value: XlsxValue | undefined = stored;
      // The cached result is the cell's own value, so the file shows figures without a recalculation (and readers
      // that never calculate, like our importer, see them).
      if (formula !== undefined) value = stored === undefined ? { formula: formulaText(p, formula, r) } : { formula: formulaText(p, formula, r), result: stored };
      if (value !== undefined) cell.value = value;
      if (placed.cell.comment !== undefined) cell.note = placed.cell.comment;
    }
  }
  // Merge without style: each covered position keeps the fresh style given above.
  for (const placed of grid.cells) {
    if (placed.rowSpan > 1 || placed.colSpan > 1) {
      ws.mergeCellsWithoutStyle(sheetRow(p, placed.row), placed.col + 1, sheetRow(p, placed.row + placed.rowSpan - 1), placed.col + placed.colSpan);
    }
  }

  // Row heights: wrapped text needs as many lines as its width over the width of the column(s) it spans; a cell
  // spanning rows shares the lines among them. Excel does not grow rows on open, so without this a narrative
  // shows one line until clicked.
  const lines = new Array<number>(grid.rows).fill(1);
  for (const placed of grid.cells) {
    if (placed.cell.value.type !== 'text') continue;
    let width = 0;
    for (let c = placed.col; c < placed.col + placed.colSpan; c++) width += widths[c] ?? 0;
    const perRow = Math.ceil(wrappedLines(placed.cell.value.text, width) / placed.rowSpan);
    for (let r = placed.row; r < placed.row + placed.rowSpan; r++) lines[r] = Math.max(lines[r] ?? 1, perRow);
    if (perRow * LINE_HEIGHT > MAX_ROW_HEIGHT) {
      // Taller than Excel allows: the text is cut, so show its beginning rather than its middle.
      const cell = ws.getCell(sheetRow(p, placed.row), placed.col + 1);
      cell.alignment = { ...cell.alignment, vertical: 'top' };
    }
  }
  lines.forEach((n, r) => {
    if (n > 1) ws.getRow(sheetRow(p, r)).height = Math.min(MAX_ROW_HEIGHT, n * LINE_HEIGHT);
  });
}

function tableHasFormulaText(t: Table): boolean {
  if ((t.caption !== undefined && looksLikeFormula(t.caption)) || (t.unitNote !== undefined && looksLikeFormula(t.unitNote))) return true;
  return [...t.header, ...t.body].some((row) => row.cells.some((c) => c.value.type === 'text' && c.formula === undefined && looksLikeFormula(c.value.text)));
}

/** A document without tables still opens as a workbook: one sheet with its title. */
function writeTitleOnly(wb: ExcelJS.Workbook, name: string, meta: DocMeta): void {
  const ws = wb.addWorksheet(name, { pageSetup: pageSetup(meta, undefined) });
  const width = Math.min(MAX_COLUMN_WIDTH, displayWidth(meta.title) + 2);
  ws.getColumn(1).width = width;
  bannerRow(ws, 1, 1, meta.title, { font: font(true, CAPTION_SIZE), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }, width, CAPTION_LINE_HEIGHT);
}

/** The document as an XLSX workbook: one worksheet per table (see the module comment). */
export async function renderXlsx(doc: Doc): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.lastModifiedBy = 'jixiao';
  wb.title = doc.meta.title;
  if (doc.meta.subject !== undefined) wb.subject = doc.meta.subject;
  const names = new SheetNames();
  // Whether any text was given the Text format (then the styles need their quotePrefix).
  const neutralised = looksLikeFormula(doc.meta.title) || doc.blocks.some((b) => b.kind === 'table' && tableHasFormulaText(b.table));
  const tables = doc.blocks.flatMap((b) => (b.kind === 'table' && (b.formats === undefined || b.formats.includes('xlsx')) ? [b.table] : []));
  if (tables.length === 0) writeTitleOnly(wb, names.take(doc.meta.title), doc.meta);
  for (const t of tables) writeTable(wb, names.take(t.sheet), t, doc.meta);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return neutralised ? withQuotePrefix(bytes) : bytes;
}
