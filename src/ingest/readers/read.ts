/**
 * Any document → lines of cells: the format is decided by the content (magic bytes), not the file name, so a PDF
 * renamed .docx is still read (with a warning) and a renamed binary is refused with a clear message.
 */
import type { Problem } from '../../core/problem.ts';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, type SourceDocument, type SourceLine } from '../source.ts';
import { readPipes } from './pipes.ts';
import { readSpaceColumns } from './space-columns.ts';
import { rebuildVertical } from '../vertical-rows.ts';
import { LimitNotes } from './limits.ts';
import { joinBrokenCells, readText } from './text.ts';
import { looksLikeZip, sniffOle } from './zip.ts';

export type SniffedFormat = 'pdf' | 'docx' | 'xlsx' | 'zip' | 'ole' | 'text';

function containsAscii(bytes: Uint8Array, needle: string, limit = bytes.length): boolean {
  const n = Buffer.from(needle, 'latin1');
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(limit, bytes.length)).includes(n);
}

function sniffFormat(bytes: Uint8Array): SniffedFormat {
  // %PDF may follow a few bytes of junk that some mailers prepend.
  if (containsAscii(bytes, '%PDF-', 1024)) return 'pdf';
  if (looksLikeZip(bytes)) {
    // ZIP entry names are stored uncompressed in the local and central headers.
    if (containsAscii(bytes, 'word/document.xml') || containsAscii(bytes, 'word/document2.xml')) return 'docx';
    if (containsAscii(bytes, 'xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  return sniffOle(bytes) ? 'ole' : 'text';
}

const EXT_FORMAT: Readonly<Record<string, SniffedFormat>> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.docm': 'docx',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.html': 'text',
  '.htm': 'text',
  '.csv': 'text',
  '.tsv': 'text',
  '.doc': 'ole',
  '.xls': 'ole',
  '.wps': 'ole',
  '.et': 'ole',
};

export const IMPORTABLE_EXTENSIONS = Object.keys(EXT_FORMAT).filter((e) => EXT_FORMAT[e] !== 'ole');

const FORMAT_NAMES: Readonly<Record<SniffedFormat, string>> = { pdf: 'PDF', docx: 'DOCX', xlsx: 'XLSX', zip: 'ZIP', ole: 'OLE (.doc/.xls)', text: '文本 text' };

function extOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

export async function readDocument(bytes: Uint8Array, fileName: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, problems: [{ code: 'empty-file', path: [], params: {} }] };
  if (bytes.length > limits.maxInputBytes) {
    return { ok: false, problems: [{ code: 'file-too-large', path: [], params: { size: `${(bytes.length / 1048576).toFixed(1)} MB`, limit: `${Math.round(limits.maxInputBytes / 1048576)} MB` } }] };
  }
  const ext = extOf(fileName);
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') return { ok: false, problems: [{ code: 'already-an-evaluation', path: [], params: {} }] };
  const format = sniffFormat(bytes);
  const expected = EXT_FORMAT[ext];
  const warnings: Problem[] = [];
  if (expected && expected !== format && !(expected === 'text' && format === 'text') && format !== 'ole' && format !== 'zip') {
    warnings.push({ code: 'wrong-extension', path: [], params: { ext, actual: FORMAT_NAMES[format] } });
  }
  let result: ReadResult;
  switch (format) {
    case 'pdf': {
      const { readPdf } = await import('./pdf.ts');
      result = await readPdf(bytes, limits);
      break;
    }
    case 'docx': {
      const { readDocx } = await import('./docx.ts');
      result = readDocx(bytes, limits);
      break;
    }
    case 'xlsx': {
      const { readXlsx } = await import('./xlsx.ts');
      result = readXlsx(bytes, limits);
      break;
    }
    case 'zip':
      return { ok: false, problems: [{ code: 'not-a-document', path: [], params: {} }] };
    case 'ole':
      return { ok: false, problems: [sniffOle(bytes)!] };
    case 'text':
      if (expected && expected !== 'text' && !isMostlyText(bytes)) return { ok: false, problems: [{ code: 'not-a-document', path: [], params: {} }] };
      if (!expected && ext && !isMostlyText(bytes)) return { ok: false, problems: [{ code: 'unsupported-document-type', path: [], params: { ext } }] };
      // Why: .tsv (and text) lines are tab-separated; a .csv is read as CSV, quoted fields and all.
      result = readText(bytes, limits, ext === '.csv' ? 'csv' : 'tabs');
      break;
  }
  if (!result.ok) return result;
  const document = format === 'docx' || format === 'pdf' ? paragraphsAsText(result.document) : result.document;
  const bounded = boundLines(document, limits, format === 'text');
  return { ...result, document: bounded.document, warnings: [...warnings, ...result.warnings, ...bounded.warnings] };
}

/**
 * Tables typed in a DOCX's or PDF's paragraphs — a web page's flattened table pasted into Word (`|` cells, or one cell
 * per paragraph), a text export turned into a document, columns laid out with runs of spaces — read as the text reader
 * reads them (pipes.ts, vertical-rows.ts, space-columns.ts), so the same text gives the same rows in every format.
 * Only lines outside the tables the format declares, each one paragraph; each kept line keeps its location.
 */
export function paragraphsAsText(document: SourceDocument): SourceDocument {
  // Paragraphs parted by tabs whose header words held a line break: joined back first (text.ts).
  const lines = document.lines.some((l) => l.cells.length >= 2) ? joinBrokenCells(document.lines) : document.lines;
  const isParagraph = (l: SourceLine) => l.table === undefined && l.cells.length === 1;
  if (!lines.some(isParagraph)) return lines === document.lines ? document : { ...document, lines };
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!isParagraph(lines[i]!)) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && isParagraph(lines[end]!)) end++;
    const run = lines.slice(i, end);
    const hasPipe = run.some((l) => l.cells[0]!.includes('|') || l.cells[0]!.includes('｜'));
    // The run's lines numbered by their index in it, so each read line finds the location it came from.
    const read = hasPipe ? readPipes(run.map((l, k) => ({ cells: [...l.cells], line: k, pageStart: Boolean(l.pageStart) }))) : run.map((l, k) => ({ cells: l.cells, loc: { line: k } }));
    for (const r of readSpaceColumns(rebuildVertical(read, { pairs: false }))) {
      const from = run[r.loc.line!]!;
      out.push({ cells: r.cells, loc: from.loc, ...(from.pageStart ? { pageStart: true } : {}) });
    }
    i = end;
  }
  return { ...document, lines: out };
}

/**
 * The per-line limits, whatever the format: the text readers cut as they read; a DOCX table row of 100,000 cells or a
 * PDF line of megabytes is cut here, so no later step meets a line it was not built for.
 */
function boundLines(document: SourceDocument, limits: ReadLimits, alreadyCut: boolean): { document: SourceDocument; warnings: Problem[] } {
  if (alreadyCut) return { document, warnings: [] };
  const notes = new LimitNotes(limits);
  let changed = false;
  const lines = document.lines.map((l, i) => {
    const at = l.loc.line ?? l.loc.row ?? i + 1;
    let cells = l.cells;
    if (cells.length > limits.maxCellsPerLine) {
      notes.note('line-too-many-cells', at);
      cells = cells.slice(0, limits.maxCellsPerLine);
    }
    if (cells.some((c) => c.length > limits.maxCellChars)) cells = cells.map((c) => notes.cell(c, at));
    if (cells === l.cells) return l;
    changed = true;
    return { ...l, cells };
  });
  return changed ? { document: { ...document, lines }, warnings: notes.warnings() } : { document, warnings: [] };
}

/**
 * A quick look at the first 4 KB: few control bytes means text. In UTF-16 (with or without a byte-order mark)
 * every other byte of an ASCII character is NUL, so the bytes are looked at as 16-bit units when NULs gather at
 * odd or even offsets.
 */
function isMostlyText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  let nulOdd = 0;
  let nulEven = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i & 1) nulOdd++;
    else nulEven++;
  }
  const control = (u: number) => u === 0 || u < 0x09 || (u > 0x0d && u < 0x20 && u !== 0x1b);
  let bad = 0;
  if (nulOdd > 4 * (nulEven + 1) || nulEven > 4 * (nulOdd + 1)) {
    const le = nulOdd > nulEven;
    for (let i = 0; i < n; i += 2) if (control(le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!)) bad++;
    return bad <= (n / 2) * 0.01;
  }
  for (let i = 0; i < n; i++) if (control(bytes[i]!)) bad++;
  return bad <= n * 0.01;
}
