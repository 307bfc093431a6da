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
import { headerKind } from '../../core/text/form-words.ts';
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
  // A row's cells without the empty ones a table pads it with at its end.
  const filled = (cells: readonly string[]) => {
    let n = cells.length;
    while (n > 0 && cells[n - 1]!.trim() === '') n--;
    return cells.slice(0, n);
  };
  let joined = false;
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev && prev.table === line.table && !line.pageStart) {
      const a = filled(prev.cells);
      const b = line.cells;
      const tail = a[a.length - 1]?.trim() ?? '';
      const head = b[0]?.trim() ?? '';
      if (a.length >= 2 && filled(b).length >= 2 && tail && head && tail.length <= 12 && head.length <= 12 && headerKind(tail) === undefined && headerKind(`${tail}${head}`) !== undefined) {
        out[out.length - 1] = { ...prev, cells: [...a.slice(0, -1), `${tail}${head}`, ...b.slice(1)] };
        joined = true;
        continue;
      }
    }
    out.push(line);
  }
  return joined ? out : (lines as SourceLine[]);
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
