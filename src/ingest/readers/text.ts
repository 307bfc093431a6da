/**
 * Text documents: plain text and Markdown copied from government web pages (tab-separated table rows, `<p>`
 * fragments left in), and saved HTML pages (tables as <tr>/<td>). Bytes in UTF-8, UTF-16 or GB18030/GBK.
 */
import { decodeText } from '../decode.ts';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, type SourceLine } from '../source.ts';

/** Looks like a saved web page rather than text with a few `<p>` fragments in it. */
function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).toLowerCase();
  return /<!doctype html|<html[\s>]|<body[\s>]|<table[\s>]/.test(head);
}

export function readText(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): ReadResult {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, problems: [{ code: 'not-a-document', path: [], params: {} }] };
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (text.trim() === '') return { ok: false, problems: [{ code: 'empty-file', path: [], params: {} }] };
  const html = looksLikeHtml(text);
  const { lines, truncated } = html ? htmlLines(text, limits.maxLines) : plainLines(text, limits.maxLines);
  return {
    ok: true,
    document: { format: html ? 'html' : 'text', lines, encoding: decoded.encoding },
    warnings: truncated ? [{ code: 'too-many-lines', path: [], params: { limit: limits.maxLines } }] : [],
  };
}

function plainLines(text: string, maxLines: number): { lines: SourceLine[]; truncated: boolean } {
  const lines: SourceLine[] = [];
  let start = 0;
  let no = 0;
  while (start <= text.length) {
    if (lines.length >= maxLines) return { lines, truncated: true };
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    no++;
    // Why: the form feed a PDF-to-text export puts at a page break is a page start, not text.
    const pageStart = line.includes('\f');
    if (pageStart) line = line.replace(/\f/g, '');
    lines.push({ cells: line.split('\t'), loc: { line: no }, ...(pageStart ? { pageStart } : {}) });
    start = end + 1;
  }
  return { lines, truncated: false };
}

const BLOCK_TAGS = new Set(['p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'hr', 'caption', 'title']);

/**
 * A saved HTML page → lines: each table row is a line of cells (colspan kept as empty cells so columns align),
 * each block element a line. Location is the source line of the element's start tag.
 */
function htmlLines(html: string, maxLines: number): { lines: SourceLine[]; truncated: boolean } {
  const lines: SourceLine[] = [];
  let truncated = false;
  let text = '';
  let textLine = 1;
  let row: string[] | undefined;
  let rowLine = 1;
  let cell: string | undefined;
  let span = 1;
  let tableDepth = 0;
  let tableCount = -1;
  const tableStack: number[] = [];
  let skip: string | undefined;
  let lineNo = 1;
  let pos = 0;

  const push = (l: SourceLine) => {
    if (lines.length >= maxLines) truncated = true;
    else lines.push(l);
  };
  const flushText = () => {
    if (cell !== undefined) return;
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) push({ cells: [t], loc: { line: textLine } });
    text = '';
  };
  const endCell = () => {
    if (row && cell !== undefined) {
      row.push(cell.replace(/[ \t\r\n]+/g, ' ').trim());
      for (let i = 1; i < span; i++) row.push('');
    }
    cell = undefined;
    span = 1;
  };
  const endRow = () => {
    endCell();
    if (row && row.some((c) => c !== '')) push({ cells: row, loc: { line: rowLine }, table: tableStack[tableStack.length - 1] ?? 0 });
    row = undefined;
  };

  const tagRe = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>/g;
  for (let m = tagRe.exec(html); m; m = tagRe.exec(html)) {
    const chunk = html.slice(pos, m.index);
    lineNo += countNewlines(html, pos, m.index);
    pos = m.index + m[0].length;
    if (!skip) {
      if (cell !== undefined) cell += chunk;
      else {
        if (!text.trim()) textLine = lineNo;
        text += chunk;
      }
    }
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    const tagLine = lineNo;
    lineNo += countNewlines(m[0], 0, m[0].length);
    if (!tag) continue;
    if (skip) {
      if (closing && tag === skip) skip = undefined;
      continue;
    }
    if (!closing && (tag === 'script' || tag === 'style' || tag === 'head')) {
      skip = tag;
      continue;
    }
    if (tag === 'table') {
      if (!closing) {
        flushText();
        tableDepth++;
        tableStack.push(++tableCount);
      } else if (tableDepth > 0) {
        endRow();
        tableDepth--;
        tableStack.pop();
      }
    } else if (tag === 'tr' && tableDepth > 0) {
      endRow();
      if (!closing) {
        row = [];
        rowLine = tagLine;
      }
    } else if ((tag === 'td' || tag === 'th') && tableDepth > 0) {
      endCell();
      if (!closing) {
        if (!row) {
          row = [];
          rowLine = tagLine;
        }
        cell = '';
        const cs = /colspan\s*=\s*["']?(\d{1,3})/i.exec(m[3] ?? '');
        span = cs ? Math.max(1, Math.min(50, Number(cs[1]))) : 1;
      }
    } else if (BLOCK_TAGS.has(tag)) {
      if (cell !== undefined) cell += ' ';
      else flushText();
    }
  }
  const rest = html.slice(pos);
  if (!skip) {
    if (cell !== undefined) cell += rest;
    else text += rest;
  }
  endRow();
  cell = undefined;
  flushText();
  return { lines, truncated };
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
