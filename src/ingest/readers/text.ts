/**
 * Text documents: plain text and Markdown copied from government web pages (tab-separated table rows, `<p>`
 * fragments left in), saved HTML pages (`html.ts`) and CSV files (`csv.ts`). The bytes are decoded by
 * `decode.ts` (UTF-8, UTF-16, GB18030/GBK, Big5, decided per file with evidence); its warnings (damaged bytes,
 * mixed encodings, a guessed encoding) come with the document.
 *
 * Lines are read within the limits of `ReadLimits` in one pass: at most `maxCellsPerLine` cells and
 * `maxLineChars` characters of a line, `maxCellChars` of a cell, each cut noted with its line.
 */
import type { Problem } from '../../core/problem.ts';
import { headerKind, isTableEndLabel, textColumnsAtEnd } from '../../core/text/form-words.ts';
import { type Encoding, decodeText } from '../decode.ts';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, type SourceLine } from '../source.ts';
import { csvLines } from './csv.ts';
import { htmlLines, looksLikeHtml } from './html.ts';
import { LimitNotes } from './limits.ts';
import { type PlainLine, readPipes } from './pipes.ts';
import { readSpaceColumns } from './space-columns.ts';
import { rebuildVertical } from '../vertical-rows.ts';

/** How a text file's lines are split into cells: by tabs and `|` (text, TSV, Markdown, web tables) or as CSV. */
export type TextLayout = 'tabs' | 'csv';

type Decoded = { ok: true; text: string; encoding: Encoding; warnings: readonly Problem[] } | { ok: false; result: ReadResult };

function decodeDocument(bytes: Uint8Array): Decoded {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, result: { ok: false, problems: [decoded.problem] } };
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (text.trim() === '') return { ok: false, result: { ok: false, problems: [{ code: 'empty-file', path: [], params: {} }] } };
  return { ok: true, text, encoding: decoded.encoding, warnings: decoded.warnings };
}

export function readText(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS, layout: TextLayout = 'tabs'): ReadResult {
  const decoded = decodeDocument(bytes);
  if (!decoded.ok) return decoded.result;
  const { text, encoding } = decoded;
  // Why by content: a saved page may be named .txt, and text with a few <p> fragments is still text. A CSV is a
  // page only when it starts as one (a quoted field may hold "<table>").
  if (looksLikeHtml(text) && (layout !== 'csv' || /^\s*</.test(text))) {
    const html = htmlLines(text, limits);
    return { ok: true, document: { format: 'html', lines: html.lines, encoding }, warnings: [...decoded.warnings, ...html.warnings] };
  }
  const read = layout === 'csv' ? csvLines(text, limits) : plainLines(text, limits);
  return { ok: true, document: { format: 'text', lines: read.lines, encoding }, warnings: [...decoded.warnings, ...read.warnings] };
}

/**
 * Rows of tab-separated text whose header cells held a line break ("年初" ⏎ "预算数"), as a spreadsheet or a form's
 * table copied out prints them: a row that ends with a cell which, joined to the first cell of the next tab-separated
 * line, makes one column word (年初预算数, 全年执行数) while it is none alone, goes on on that line. Only column words
 * join lines: a row's figures or names never do. In a table (a DOCX table made of such text) the same holds for two
 * rows of one table, the padding at a row's end left aside.
 */
export function joinBrokenCells(lines: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  let joined = false;
  for (const line of lines) {
    const prev = out[out.length - 1];
    // A line of one piece may be a paragraph of its own before the table's row, in a document made from such text.
    // (A line of one cell never goes on a row: looked at first, as most lines of a report are such.)
    if (prev && line.cells.length >= 2 && (prev.table === line.table || (prev.table === undefined && prev.cells.length === 1)) && !line.pageStart) {
      const a = filled(prev.cells);
      const b = line.cells;
      const tail = a[a.length - 1]?.trim() ?? '';
      const head = b[0]?.trim() ?? '';
      // A header's first cell may be broken too ("一级" ⏎ "指标 | 二级" ⏎ "指标 | 三级指标 …"): a line of one short cell
      // joins when the two pieces make a column word.
      const short = a.length === 1 && tail.length <= 4 && head.length <= 4;
      if ((a.length >= 2 || short) && filled(b).length >= 2 && tail && head && tail.length <= 12 && head.length <= 12 && headerKind(tail) === undefined && headerKind(`${tail}${head}`) !== undefined) {
        out[out.length - 1] = { ...prev, cells: [...a.slice(0, -1), `${tail}${head}`, ...b.slice(1)], ...(line.table !== undefined ? { table: line.table } : {}) };
        joined = true;
        continue;
      }
    }
    out.push(line);
  }
  const rows = joinWrappedRows(joined ? out : lines);
  const headers = joinHeaderRows(rows ?? (joined ? out : lines));
  return headers ?? rows ?? (joined ? out : (lines as SourceLine[]));
}

/**
 * A header printed over two rows with each cell's rest under it ("实施周期 | 年度 | 实际" ⏎ "指标值 | 指标值 | 完成值"): the
 * second row is put into the first, cell by cell, when every filled cell of it makes a column word with the cell
 * above, and it prints no figure. Returns undefined when nothing was joined.
 */
function joinHeaderRows(lines: readonly SourceLine[]): SourceLine[] | undefined {
  let out: SourceLine[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1];
    // The rest first: a row of figures under a header says no at its first figure.
    if (b && b.table === a.table && !b.pageStart && a.cells.length >= 4 && restOfHeader(a.cells, b.cells) && isHeaderLine(filled(a.cells))) {
      out ??= lines.slice(0, i);
      out.push({ ...a, cells: a.cells.map((x, j) => `${x.trim()}${(b.cells[j] ?? '').trim()}`) });
      i++;
      continue;
    }
    out?.push(a);
  }
  return out;
}

/** Whether `below` holds the rest of the header cells of `above`: two filled cells or more, each making a column word. */
function restOfHeader(above: readonly string[], below: readonly string[]): boolean {
  if (below.length > above.length) return false;
  let n = 0;
  for (let j = 0; j < below.length; j++) {
    const x = below[j]!.trim();
    if (x === '') continue;
    if (/\d/.test(x) || x.length > 12) return false;
    const top = (above[j] ?? '').trim();
    if (top === '' || headerKind(`${top}${x}`) === undefined) return false;
    n++;
  }
  return n >= 2;
}

/** A row's cells without the empty ones a table pads it with at its end. */
function filled(cells: readonly string[]): readonly string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1]!.trim() === '') n--;
  return n === cells.length ? cells : cells.slice(0, n);
}

/**
 * How many cells a line of tab-separated text reaches, its empty ones at the end included (a row whose last cells are
 * empty still has them); a table row of a document made from such text is padded to the table's width, so there
 * only its filled cells count.
 */
function reach(line: SourceLine, filledCells: readonly string[]): number {
  return line.table === undefined ? line.cells.length : filledCells.length;
}

/** A header line: two column words or more. */
function isHeaderLine(cells: readonly string[]): boolean {
  if (cells.length < 2) return false;
  let words = 0;
  // Why the pre-check: a column word is short and has no figure; most cells of a document are neither.
  for (const c of cells) if (c.length <= 30 && !/\d/.test(c) && headerKind(c) !== undefined && ++words >= 2) return true;
  return false;
}

/**
 * A cell that may be one piece of a cell whose text a copy broke over lines: short text without a figure — but for a
 * weight starting the next line ("产出指标" ⏎ "（50分）").
 */
const wrapPiece = (cell: string, isHead: boolean): boolean => {
  const t = cell.trim();
  if (t === '' || t.length > 30) return false;
  // A piece that ends a sentence ends its cell; a total or a closing label (合计, 总分) starts a row of its own.
  if (isHead ? isTableEndLabel(t) : /[。；;！!？?]$/.test(t)) return false;
  return !/[\d０-９]/.test(t) || (isHead && /^[（(][\d０-９]+(?:[.．][\d０-９]+)?分?[）)]$/.test(t));
};

/** A heading or a caption: 一、 （二） 表3 … */
const PART_START = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|(?:附)?表\s*[\d一二三四五六七八九十])/;

/** A header cell over figures only: scores, weights, amounts, rates. */
const FIGURE_COLUMN = /^(?:分值|得分|权重|自评得分|指标分值|指标得分|执行率|预算执行率|年初预算数?|全年预算数?|全年执行数?|调整后预算数?|实际支出数?|.{0,6}金额|.{0,6}(?:预算|执行|支出|决算)数)(?:[（(][^）)]*[）)])?$/;

/** Whether a row put together from broken lines has a figure (or nothing) under each header cell that heads figures. */
function fitsHeader(cells: readonly string[], header: readonly string[]): boolean {
  for (let i = 0; i < header.length; i++) {
    if (!FIGURE_COLUMN.test(header[i]!.replace(/\s/g, ''))) continue;
    const x = (cells[i] ?? '').trim();
    if (x !== '' && !/^(?:[-+]?[\d,.]+%?分?|[-—–/／]+)$/.test(x)) return false;
  }
  return true;
}

/**
 * Rows of a table copied out of a Word document as tab-separated text, whose cells held line breaks: each line break
 * of a cell starts a new line, so one row comes out as several lines whose cells add up to the table's width once each
 * line's last cell and the next line's first are joined ("产出指标" ⏎ "（50分）\t数量指标\t…", "（30分）\t经济效益" ⏎
 * "指标\t社会消费品零售总额增长率\t…"). Under a header of W columns, consecutive lines with fewer than W cells that make
 * exactly W that way — every joined piece short text, no figure — are one row. Lines that do not add up exactly stay
 * as they are. Returns undefined when nothing was joined.
 */
function joinWrappedRows(lines: readonly SourceLine[]): SourceLine[] | undefined {
  let out: SourceLine[] | undefined;
  let header: readonly string[] = [];
  let width = 0;
  // Whether each line is a header, worked out once (the next line's verdict is asked again when rows are joined).
  const heads = new Map<number, boolean>();
  const isHeader = (k: number, cells: readonly string[]) => {
    let v = heads.get(k);
    if (v === undefined) heads.set(k, (v = isHeaderLine(cells)));
    return v;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const a = filled(line.cells);
    if (isHeader(i, a)) {
      header = a;
      width = a.length;
    } else if (a.length === 1 && width > 0) {
      // A paragraph, a heading, a caption: the table has ended.
      const t = a[0]!.trim();
      if (t.length > 40 || PART_START.test(t)) width = 0;
    }
    if (width > 0 && a.length >= 1 && reach(line, a) < width) {
      let cells = a;
      let far = reach(line, a);
      let j = i;
      while (far < width && j + 1 < lines.length) {
        const next = lines[j + 1]!;
        // Lines of one table; in a document made from such text (a DOCX), a line of one piece may be a paragraph
        // of its own between the table's rows.
        if ((next.table !== line.table && next.table !== undefined && line.table !== undefined) || next.pageStart) break;
        const b = filled(next.cells);
        if (!b.length || !wrapPiece(cells[cells.length - 1]!, false) || !wrapPiece(b[0]!, true) || isHeader(j + 1, b)) break;
        cells = [...cells.slice(0, -1), `${cells[cells.length - 1]!.trim()}${b[0]!.trim()}`, ...b.slice(1)];
        far = cells.length - b.length + reach(next, b);
        j++;
      }
      // The row's last cells may be empty: typed as empty cells (text), or free-text columns (原因) a table left empty.
      const complete = cells.length === width || (cells.length < width && (far >= width || width - cells.length <= textColumnsAtEnd(header)));
      if (j > i && complete && filled(lines[j]!.cells).length >= 2 && fitsHeader(cells, header)) {
        out ??= lines.slice(0, i);
        const table = line.table ?? lines[j]!.table;
        const row = cells.length < width ? [...cells, ...new Array<string>(width - cells.length).fill('')] : cells;
        out.push({ ...line, cells: row, ...(table !== undefined ? { table } : {}) });
        i = j;
        continue;
      }
    }
    out?.push(line);
  }
  return out;
}

/**
 * Each line of the text a line of tab-separated cells. Linear in the text whatever its shape: the next tab and
 * form feed are found once and reused (never searched for again per line), and a line past a limit is cut.
 * A line without tabs whose `|` are cell boundaries (a Markdown table, a web table's text) is split at them
 * (`pipes.ts`); a web table flattened one cell per line is put back into rows where its words make them certain
 * (`vertical-rows.ts`); a table laid out with runs of spaces (`pdftotext -layout`) at its gaps (`space-columns.ts`).
 */
export function plainLines(text: string, limits: ReadLimits): { lines: SourceLine[]; warnings: Problem[] } {
  const notes = new LimitNotes(limits);
  const lines: SourceLine[] = [];
  const n = text.length;
  let nextTab = text.indexOf('\t');
  let nextFormFeed = text.indexOf('\f');
  let start = 0;
  let no = 0;
  while (start <= n) {
    if (lines.length >= limits.maxLines) {
      notes.note('too-many-lines', no + 1);
      break;
    }
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    no++;
    let stop = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    if (stop - start > limits.maxLineChars) {
      notes.note('line-too-long', no);
      stop = start + limits.maxLineChars;
    }
    if (nextFormFeed >= 0 && nextFormFeed < start) nextFormFeed = text.indexOf('\f', start);
    // Why: the form feed a PDF-to-text export puts at a page break is a page start, not text.
    const pageStart = nextFormFeed >= 0 && nextFormFeed < stop;
    const cells: string[] = [];
    for (let p = start; ; ) {
      if (nextTab >= 0 && nextTab < p) nextTab = text.indexOf('\t', p);
      const cellEnd = nextTab >= 0 && nextTab < stop ? nextTab : stop;
      if (cells.length === limits.maxCellsPerLine) {
        notes.note('line-too-many-cells', no);
        break;
      }
      const cell = text.slice(p, cellEnd);
      cells.push(notes.cell(pageStart ? cell.replace(/\f/g, '') : cell, no));
      if (cellEnd >= stop) break;
      p = cellEnd + 1;
    }
    lines.push({ cells, loc: { line: no }, ...(pageStart ? { pageStart } : {}) });
    start = end + 1;
  }
  const joined = n > 0 && text.indexOf('\t') >= 0 ? joinBrokenCells(lines) : lines;
  if (!hasPipe(text)) return { lines: readSpaceColumns(rebuildVertical(joined, { pairs: false })), warnings: notes.warnings() };
  const plain: PlainLine[] = joined.map((l) => ({ cells: l.cells as string[], line: l.loc.line!, pageStart: Boolean(l.pageStart) }));
  const piped = readPipes(plain).map((l) => {
    if (l.cells.length <= limits.maxCellsPerLine) return l;
    notes.note('line-too-many-cells', l.loc.line!);
    return { ...l, cells: l.cells.slice(0, limits.maxCellsPerLine) };
  });
  return { lines: readSpaceColumns(rebuildVertical(piped, { pairs: false })), warnings: notes.warnings() };
}

const hasPipe = (text: string) => text.includes('|') || text.includes('｜');
