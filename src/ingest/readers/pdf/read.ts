/**
 * The PDF reader: bytes → a document of lines, page by page, on the calling thread. It refuses what it cannot read
 * with a problem a person can act on (encrypted, no text layer, damaged) and stops at the page and line limits;
 * it keeps no clock — a file that keeps pdf.js busy is stopped by the caller's time limit (see `pdfjs.ts`).
 */
import type { Problem } from '../../../core/problem.ts';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, type SourceLine } from '../../source.ts';
import type { PageLine } from './layout.ts';
import { readPage } from './page.ts';
import { loadPdfjs, openDocument, type PdfDocument, type PdfJs, type PdfjsSetup, type PdfLoadingTask, type PdfPage } from './pdfjs.ts';
import { TableNumbering } from './table-numbering.ts';

/** Never rejects: bad input gives `pdf-corrupt`, `pdf-encrypted` or `pdf-no-text`. */
export async function readPdf(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<ReadResult> {
  let env: PdfjsSetup;
  try {
    env = await loadPdfjs();
  } catch (e) {
    return fail('pdf-corrupt', { detail: `pdf.js could not be loaded: ${shortMessage(e)}` });
  }
  let task: PdfLoadingTask | undefined;
  try {
    // Why a copy (and not bytes.slice(), which on a Buffer is a view): pdf.js transfers the buffer it is given to
    // its worker, which would leave the caller's bytes empty.
    task = openDocument(env, new Uint8Array(bytes));
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (e) {
      return loadFailure(e);
    }
    return await readDocument(env.pdfjs, doc, limits);
  } catch (e) {
    return loadFailure(e);
  } finally {
    await task?.destroy().catch(() => undefined);
  }
}

function loadFailure(e: unknown): ReadResult {
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException') return fail('pdf-encrypted', {});
  return fail('pdf-corrupt', { detail: shortMessage(e) });
}

function fail(code: string, params: Record<string, string | number>): ReadResult {
  return { ok: false, problems: [{ code, path: [], params }] };
}

function shortMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const oneLine = message.replace(/\s+/g, ' ').trim() || 'unknown error';
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}

async function readDocument(pdfjs: PdfJs, doc: PdfDocument, limits: ReadLimits): Promise<ReadResult> {
  const total = doc.numPages;
  if (!(total > 0)) return fail('pdf-corrupt', { detail: 'the file has no pages' });
  const pageCount = Math.min(total, Math.max(1, limits.maxPages));
  const warnings: Problem[] = [];
  if (total > pageCount) warnings.push({ code: 'pdf-too-many-pages', path: [], params: { pages: total, limit: pageCount } });

  const lines: SourceLine[] = [];
  const pagesWithoutText: number[] = [];
  const failedPages: string[] = [];
  const tables = new TableNumbering();
  let truncated = false;
  for (let pageNo = 1; pageNo <= pageCount && !truncated; pageNo++) {
    let page: PdfPage | undefined;
    let pageLines: PageLine[];
    try {
      page = await doc.getPage(pageNo);
      pageLines = await readPage(pdfjs, page);
    } catch (e) {
      failedPages.push(`page ${pageNo}: ${shortMessage(e)}`);
      tables.reset();
      continue;
    } finally {
      page?.cleanup();
    }
    if (pageLines.length === 0) {
      pagesWithoutText.push(pageNo);
      tables.reset();
      continue;
    }
    for (const [i, line] of pageLines.entries()) {
      if (lines.length >= limits.maxLines) {
        truncated = true;
        break;
      }
      const table = tables.next(line, i === 0);
      lines.push({ cells: line.cells, loc: { page: pageNo, line: line.line }, ...(table === undefined ? {} : { table }), ...(i === 0 ? { pageStart: true } : {}) });
    }
  }

  if (lines.length === 0) {
    if (failedPages.length > 0) return fail('pdf-corrupt', { detail: failedPages[0] ?? '' });
    return fail('pdf-no-text', {});
  }
  if (failedPages.length > 0) warnings.push({ code: 'pdf-corrupt', path: [], params: { detail: failedPages.join('; ') } });
  if (pagesWithoutText.length > 0) warnings.push({ code: 'pdf-pages-without-text', path: [], params: { pages: pageRanges(pagesWithoutText) } });
  if (truncated) warnings.push({ code: 'too-many-lines', path: [], params: { limit: limits.maxLines } });
  return { ok: true, document: { format: 'pdf', lines, pages: total }, warnings };
}

/** 3, 5, 6, 7 → "3, 5–7". */
export function pageRanges(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    const start = pages[i] ?? 0;
    let end = start;
    while (pages[i + 1] === end + 1) {
      end++;
      i++;
    }
    parts.push(end === start ? String(start) : `${start}–${end}`);
    i++;
  }
  return parts.join(', ');
}
