/**
 * A document as any reader delivers it: an ordered list of lines, each a list of cell texts with its location.
 *
 * Why lines of cells: the documents reviewers receive are forms and reports whose figures sit in tables, in
 * label–value cells, and in sentences. Text copied from a web page gives tab-separated lines; a DOCX gives
 * paragraphs and table rows; a PDF gives visual lines whose gaps separate cells; a spreadsheet gives rows. One
 * shape for all four lets every extractor work on every format. A paragraph is a line with one cell.
 *
 * Readers do not normalise or interpret text (that is `normalize.ts` and the segmenter); they only keep what the
 * format says: cell boundaries, table membership, page starts and where each line came from. So a table a page break
 * split in two stays two tables here (two Word tables, two PDF grids), a running page number a converter typed into
 * the body stays a line, and cells a PDF-to-text step ran together stay one cell: the segmenter reads them as the
 * page showed them (one table, no page number, one cell per column), where the reading is certain.
 */
import type { Problem } from '../core/problem.ts';

export const DOCUMENT_FORMATS = ['text', 'html', 'docx', 'pdf', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/**
 * Where a line came from, in the words a person uses to find it again:
 * - text/html: `line` (1-based line of the file);
 * - docx: `line` (1-based paragraph or table-row number in body order), `table` ("表1"…) and `row` (1-based) for rows;
 * - pdf: `page` (1-based) and `line` (1-based visual line on that page);
 * - xlsx: `table` (the sheet name) and `row` (the spreadsheet's own row number).
 * A cell's column is its index in `cells` plus one.
 */
export interface LineLocation {
  readonly line?: number;
  readonly page?: number;
  readonly table?: string;
  readonly row?: number;
}

export interface SourceLine {
  /** Cell texts as read. A paragraph is one cell. A DOCX cell's paragraphs are joined with "\n". */
  readonly cells: readonly string[];
  readonly loc: LineLocation;
  /**
   * Index (0-based, in document order) of the table the format itself declares (DOCX/XLSX table, a PDF block
   * of aligned cells); absent for lines whose table membership only the segmenter can infer (text input).
   */
  readonly table?: number;
  /** This line is the first of a new page (PDF), so a table row or sentence may continue across it. */
  readonly pageStart?: boolean;
}

export interface SourceDocument {
  readonly format: DocumentFormat;
  readonly lines: readonly SourceLine[];
  /** Pages (PDF), sheets (XLSX); absent where the format has none. */
  readonly pages?: number;
  /** Text encoding detected for text input (utf-8, utf-16le, utf-16be, gb18030, big5). */
  readonly encoding?: string;
}

/**
 * A reader either gives a document (perhaps with warnings: an image-only page, a truncated table) or refuses the
 * input with problems a person can act on (which file, what is wrong, how to fix). It never throws for bad input.
 */
export type ReadResult =
  | { readonly ok: true; readonly document: SourceDocument; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Limits every reader honours, so a hostile or broken file gives a clear problem, not a crash or a hang. */
export interface ReadLimits {
  /** Largest input accepted, bytes. */
  readonly maxInputBytes: number;
  /** Largest total of uncompressed bytes a ZIP (DOCX/XLSX) may expand to. */
  readonly maxUnzippedBytes: number;
  /** Most lines a document may produce before the rest is dropped with a warning. */
  readonly maxLines: number;
  /** Most PDF pages read. */
  readonly maxPages: number;
  /**
   * Most cells one line keeps (a text or CSV line, an HTML table row, spans included); the rest of the line is
   * dropped with a warning. Why: a hostile one-line table of millions of cells must not become millions of strings.
   */
  readonly maxCellsPerLine: number;
  /** Most characters one cell keeps; the rest of the cell is dropped with a warning. */
  readonly maxCellChars: number;
  /**
   * Most characters of one line read: of a text or CSV line as written, of an HTML paragraph's text. The rest of
   * the line is dropped with a warning; the lines after it are read.
   */
  readonly maxLineChars: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxInputBytes: 100 * 1024 * 1024,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxLines: 100_000,
  maxPages: 500,
  // Word allows 63 columns; a real paragraph is a few thousand characters.
  maxCellsPerLine: 1000,
  maxCellChars: 100_000,
  maxLineChars: 200_000,
};
