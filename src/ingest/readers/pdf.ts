/**
 * PDF documents → visual lines of cells, read with pdf.js (pdfjs-dist, legacy build for Node) fully offline.
 *
 * A PDF has no lines or cells, only positioned runs of glyphs and drawn rules. This reader rebuilds what a person
 * sees. Inside a ruled table (rules drawn on the page that meet to form a grid) the grid gives the rows and cells:
 * one line per grid row and one cell per grid column, as a DOCX table gives them — a cell's wrapped lines joined
 * into one text, a cell merged across columns as its text then empty cells, a cell merged down as its text in its
 * top row and empty cells below. Elsewhere runs on one baseline form a line (top to bottom per page); within it a
 * cell boundary is a vertical rule drawn between two runs, or a gap much wider than the line's characters (tables
 * without rules, label–value pairs); everything else is concatenated. Running page numbers are dropped. Rows of one
 * ruled table share a `table` index, across a page break too; rejoining a row the break split is the segmenter's.
 *
 * pdf.js runs on the calling thread and pdf.js itself is loaded on first use, so importing this module stays
 * cheap. The reader keeps no clock and starts no worker: time and memory limits per file are the import pool's
 * (`src/ingest/pool/`), which runs each document read on a worker thread.
 *
 * The pieces, in `pdf/`: `read.ts` (document → pages, limits, refusals), `pdfjs.ts` (loading and opening pdf.js),
 * `page.ts` (one page → lines), `lines.ts` (runs → lines and cells), `rules.ts` (rules drawn on the page),
 * `grids.ts` (rules → table grids), `tables.ts` (a grid → table rows), `page-numbers.ts`, `table-numbering.ts`
 * (table indices across lines and pages), `geometry.ts` and `layout.ts` (the shapes they share).
 */
export { pageRanges, readPdf } from './pdf/read.ts';
