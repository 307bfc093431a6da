/**
 * Segmentation: a read document (lines of cells) → headings and sections by their numbering (一、（一）1.（1）①),
 * paragraphs rejoined where a page break or a line wrap cut a sentence, and tables whose rows are rejoined where
 * a page break split a row's cells ("continuation cells merged").
 *
 * Pure: no I/O. Every piece keeps the source line it came from so each extracted figure can say where it was.
 */
import { normalizeText } from '../core/text/normalize.ts';
import type { LineLocation, SourceDocument } from './source.ts';

export interface Heading {
  /** 1 一、 · 2 （一） · 3 1. / 1、 · 4 （1） · 5 ①; Markdown-only headings take their # count. */
  readonly level: number;
  readonly marker: string;
  readonly title: string;
}

export interface Line {
  readonly index: number;
  /** Normalised cell texts; a paragraph has one. */
  readonly cells: readonly string[];
  readonly loc: LineLocation;
  readonly kind: 'blank' | 'text' | 'row';
  readonly pageStart: boolean;
  readonly heading?: Heading;
}

export interface Row {
  /** Cells after rejoining continuation rows; column i is cells[i]. */
  readonly cells: string[];
  /** The line each cell's text started on, per column (for locations). */
  readonly cellLines: number[];
  /** Lines this row was made of (first is where it starts). */
  readonly lines: number[];
  /** Per column, the line of each piece joined into the cell and the offset where it starts. */
  readonly pieces: { line: number; offset: number }[][];
}

export interface Table {
  readonly index: number;
  readonly rows: Row[];
  /** The caption line above it ("表 3：2023 年部门预算情况"), if any. */
  readonly caption?: string;
  /** Unit notes above or in it ("单位：万元", "金额单位：基本支出：万元，项目支出：元"). */
  readonly unitNotes: string[];
  readonly firstLine: number;
  readonly lastLine: number;
  /** Text lines inside the table's span that belong to no cell (overflow of a long cell). */
  readonly looseLines: number[];
}

export interface Paragraph {
  readonly text: string;
  /** Line of each joined piece, with the offset in `text` where the piece starts. */
  readonly pieces: readonly { readonly line: number; readonly offset: number }[];
}

export interface Section {
  readonly heading: Heading;
  readonly line: number;
  /** Index of the last line in this section (before the next heading of the same or a higher level). */
  end: number;
  /** Titles from the top level down to this one. */
  readonly path: readonly string[];
}

export interface Segmented {
  readonly lines: readonly Line[];
  readonly tables: readonly Table[];
  readonly paragraphs: readonly Paragraph[];
  readonly sections: readonly Section[];
  /** Table index of each line, when the line is part of a table. */
  readonly tableOfLine: ReadonlyMap<number, number>;
  /** The innermost section of each line (computed once: locating thousands of facts must stay linear). */
  readonly sectionOfLine: readonly (Section | undefined)[];
}

const CN_NUM = '[一二三四五六七八九十]{1,3}';
const HEADING_PATTERNS: readonly { readonly re: RegExp; readonly level: number }[] = [
  { re: new RegExp(`^(${CN_NUM})\\s*[、.．]\\s*`), level: 1 },
  { re: new RegExp(`^[（(]\\s*(${CN_NUM})\\s*[）)]\\s*[、.．]?\\s*`), level: 2 },
  { re: /^(\d{1,2})\s*[、.．](?!\d)\s*/, level: 3 },
  { re: /^[（(]\s*(\d{1,2})\s*[）)]\s*/, level: 4 },
  { re: /^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*/, level: 5 },
];

const TERMINAL = /[。！？!?；;：:]$/;
const CLOSE_AFTER_TERMINAL = /[。！？!?；;][”’」』）)]*$/;

/**
 * A numbered line is a heading when it is short (a title), not a numbered paragraph of running text.
 * Markdown # lines are headings whatever their numbering.
 */
export function detectHeading(text: string): Heading | undefined {
  let t = text;
  let hashes = 0;
  const md = /^(#{1,6})\s*/.exec(t);
  if (md) {
    hashes = md[1]!.length;
    t = t.slice(md[0].length).replace(/\*\*/g, '').trim();
  }
  if (!t) return undefined;
  for (const p of HEADING_PATTERNS) {
    const m = p.re.exec(t);
    if (!m) continue;
    const title = t.slice(m[0].length).trim();
    const sentenceEnds = (title.match(/[。！？]/g) ?? []).length;
    const isTitle = title.length > 0 && title.length <= 40 && (sentenceEnds === 0 || (sentenceEnds === 1 && /[。！？]$/.test(title)));
    if (hashes > 0 || isTitle) return { level: p.level, marker: m[0].trim(), title };
    return undefined;
  }
  return hashes > 0 && t.length <= 80 ? { level: hashes, marker: '', title: t } : undefined;
}

/** "表 3：2023 年部门预算情况", "表2 部门预算按经济分类执行情况". */
export const CAPTION_RE = /^(?:附)?表\s*[0-9一二三四五六七八九十]{1,3}\s*[：:．.、\s]/;
/** "单位：万元", "金额单位：元", "（单位：万元）". */
export const UNIT_NOTE_RE = /^[（(]?\s*(?:金额)?单位\s*[：:]/;

/** A cell holding only a figure: "1234.56", "95.50%", "785 场", "1.35 万家次", "≥2000家", "0件". */
export function isValueCell(text: string): boolean {
  return text.length > 0 && text.length <= 16 && /^[≥≤<>=＞＜约]*\s*-?\d[\d,.]*\s*(?:%|万|亿)?\s*[\u4e00-\u9fa5]{0,3}$/.test(text);
}

const DASH_ROW = /^[-—–\s]*$/;

export function segment(doc: SourceDocument): Segmented {
  const lines: Line[] = doc.lines.map((l, index) => {
    const cells = l.cells.map(normalizeText);
    while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
    const nonEmpty = cells.filter((c) => c !== '');
    const isRow = cells.length > 1 || l.table !== undefined;
    const kind: Line['kind'] = nonEmpty.length === 0 || (isRow && nonEmpty.every((c) => DASH_ROW.test(c))) ? 'blank' : isRow ? 'row' : 'text';
    const heading = kind === 'text' ? detectHeading(cells[0]!) : undefined;
    return { index, cells, loc: l.loc, kind, pageStart: Boolean(l.pageStart), ...(heading ? { heading } : {}) };
  });
  const readerTable = doc.lines.map((l) => l.table);
  const { tables, tableOfLine } = buildTables(lines, readerTable);
  const paragraphs = buildParagraphs(lines, tables, tableOfLine);
  const sections = buildSections(lines);
  const sectionOfLine: (Section | undefined)[] = new Array(lines.length).fill(undefined);
  // Sections are in document order and nested, so a later (inner) one overwrites its parent's lines.
  for (const sec of sections) for (let i = sec.line; i <= sec.end && i < lines.length; i++) sectionOfLine[i] = sec;
  return { lines, tables, paragraphs, sections, tableOfLine, sectionOfLine };
}

function isOpenText(text: string): boolean {
  return text !== '' && !isValueCell(text) && !CLOSE_AFTER_TERMINAL.test(text);
}

/** Labels that start a new row of a form even after a page break ("任务3", "3", "合计"). */
const ROW_LABEL_RE = /^(?:任务\s*\d+|\d{1,3}|合计|小计|总计|[一二三四五六七八九十]{1,3}[、.．])/;

function buildTables(lines: readonly Line[], readerTable: readonly (number | undefined)[]): { tables: Table[]; tableOfLine: Map<number, number> } {
  const tables: Table[] = [];
  const tableOfLine = new Map<number, number>();
  let current: { rows: Row[]; first: number; last: number; loose: number[]; caption?: string; unitNotes: string[]; readerTable: number | undefined } | undefined;
  let brokeSince = false;

  const close = () => {
    if (current && current.rows.length > 0) {
      const index = tables.length;
      tables.push({ index, rows: current.rows, unitNotes: current.unitNotes, firstLine: current.first, lastLine: current.last, looseLines: current.loose, ...(current.caption ? { caption: current.caption } : {}) });
      for (const r of current.rows) for (const l of r.lines) tableOfLine.set(l, index);
      for (const l of current.loose) tableOfLine.set(l, index);
    }
    current = undefined;
  };

  /** Caption and unit notes in the few text lines just above a table. */
  const context = (start: number): { caption?: string; unitNotes: string[] } => {
    const unitNotes: string[] = [];
    let caption: string | undefined;
    for (let i = start - 1, seen = 0; i >= 0 && seen < 4; i--) {
      const l = lines[i]!;
      if (l.kind === 'blank') continue;
      if (l.kind !== 'text') break;
      seen++;
      const t = l.cells[0]!;
      if (UNIT_NOTE_RE.test(t) || /单位[：:]\s*(万元|元)/.test(t)) unitNotes.push(t);
      else if (!caption && (CAPTION_RE.test(t) || (t.length <= 40 && !TERMINAL.test(t)))) caption = t;
      else break;
    }
    return { ...(caption ? { caption } : {}), unitNotes };
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank') {
      if (current) brokeSince = true;
      continue;
    }
    if (line.kind === 'row') {
      const rt = readerTable[i];
      if (current && rt !== undefined && current.readerTable !== undefined && rt !== current.readerTable) close();
      if (!current) {
        current = { rows: [], first: i, last: i, loose: [], readerTable: rt, ...context(i) };
        brokeSince = false;
      }
      const unitNote = line.cells.find((c) => UNIT_NOTE_RE.test(c) || /^单位[：:]/.test(c));
      if (unitNote && line.cells.filter((c) => c !== '').length === 1) {
        current.unitNotes.push(unitNote);
        current.last = i;
        continue;
      }
      // Why reader tables too: a DOCX or sheet converted from a PDF keeps the page-split halves as two rows.
      const afterBreak = brokeSince || line.pageStart || rt !== undefined;
      brokeSince = false;
      const prev = current.rows[current.rows.length - 1];
      if (afterBreak && prev && isContinuationRow(line, current.rows)) mergeInto(current.rows, line);
      else current.rows.push({ cells: [...line.cells], cellLines: line.cells.map(() => i), lines: [i], pieces: line.cells.map(() => [{ line: i, offset: 0 }]) });
      current.last = i;
      continue;
    }
    // A text line: inside a table it is overflow of a long cell when the table goes on after it.
    if (current) {
      if (!line.heading && !CAPTION_RE.test(line.cells[0]!) && !UNIT_NOTE_RE.test(line.cells[0]!) && nextRowFollows(lines, i)) {
        current.loose.push(i);
        current.last = i;
        brokeSince = true;
        continue;
      }
      close();
    }
  }
  close();
  return { tables, tableOfLine };
}

/** Is a row (not a heading or caption) the next non-blank line after `i`, within the few lines that overflow? */
function nextRowFollows(lines: readonly Line[], i: number): boolean {
  for (let j = i + 1, texts = 0; j < lines.length; j++) {
    const l = lines[j]!;
    if (l.kind === 'blank') continue;
    if (l.kind === 'row') return true;
    if (l.heading || CAPTION_RE.test(l.cells[0]!) || UNIT_NOTE_RE.test(l.cells[0]!)) return false;
    if (++texts > 40) return false;
  }
  return false;
}

/**
 * After a page break, a row whose every filled cell continues the open text above it in the same column (the
 * text above does not end a sentence and is not a figure) and which holds no figure of its own is the rest of
 * the row the break cut, not a new row.
 */
function isContinuationRow(line: Line, rows: readonly Row[]): boolean {
  const filled = line.cells.map((c, col) => ({ c, col })).filter((x) => x.c !== '');
  if (filled.length === 0) return false;
  const first = line.cells[0] ?? '';
  // Why: a short text in the first column is the label of a new row ("重点项目绩效情况"), not the rest of a cell.
  if (ROW_LABEL_RE.test(first) || (first !== '' && first.length <= 12)) return false;
  if (filled.some((x) => isValueCell(x.c))) return false;
  return filled.every((x) => {
    const above = lastFilled(rows, x.col);
    return above !== undefined && above.length >= 8 && isOpenText(above);
  });
}

function lastFilled(rows: readonly Row[], col: number): string | undefined {
  for (let r = rows.length - 1; r >= 0; r--) {
    const c = rows[r]!.cells[col];
    if (c) return c;
  }
  return undefined;
}

function mergeInto(rows: Row[], line: Line): void {
  const last = rows[rows.length - 1]!;
  last.lines.push(line.index);
  line.cells.forEach((c, col) => {
    if (!c) return;
    for (let r = rows.length - 1; r >= 0; r--) {
      const row = rows[r]!;
      if (row.cells[col]) {
        (row.pieces[col] ??= []).push({ line: line.index, offset: row.cells[col]!.length });
        row.cells[col] = `${row.cells[col]}${c}`;
        return;
      }
    }
  });
}

/**
 * Text lines outside tables, joined into paragraphs: a line that does not end a sentence continues on the next
 * text line (across blank lines — a page break — too), unless the next line starts a numbered item or heading.
 * Each table cell is a paragraph of its own.
 */
function buildParagraphs(lines: readonly Line[], tables: readonly Table[], tableOfLine: ReadonlyMap<number, number>): Paragraph[] {
  const out: Paragraph[] = [];
  const rowAt = new Map<number, Row>();
  for (const t of tables) for (const r of t.rows) rowAt.set(r.lines[0]!, r);
  let text = '';
  let pieces: { line: number; offset: number }[] = [];
  const flush = () => {
    if (text) out.push({ text, pieces });
    text = '';
    pieces = [];
  };
  for (const line of lines) {
    if (line.kind === 'blank') continue;
    if (line.kind === 'row' || tableOfLine.has(line.index)) {
      flush();
      const row = rowAt.get(line.index);
      if (row) row.cells.forEach((c, col) => c && out.push({ text: c, pieces: row.pieces[col] ?? [{ line: line.index, offset: 0 }] }));
      else if (line.kind === 'text') out.push({ text: line.cells[0]!, pieces: [{ line: line.index, offset: 0 }] });
      continue;
    }
    const t = line.cells[0]!;
    const startsItem = Boolean(line.heading) || HEADING_PATTERNS.some((p) => p.re.test(t)) || /^[#一二三四五六七八九十]+是/.test(t);
    if (text && (startsItem || CLOSE_AFTER_TERMINAL.test(text) || /[:：]$/.test(text))) flush();
    if (line.heading) {
      flush();
      out.push({ text: t, pieces: [{ line: line.index, offset: 0 }] });
      continue;
    }
    pieces.push({ line: line.index, offset: text.length });
    text += t;
  }
  flush();
  return out;
}

function buildSections(lines: readonly Line[]): Section[] {
  const sections: Section[] = [];
  const open: Section[] = [];
  for (const line of lines) {
    if (!line.heading) continue;
    while (open.length && open[open.length - 1]!.heading.level >= line.heading.level) open.pop()!.end = line.index - 1;
    const title = `${line.heading.marker}${line.heading.title}`;
    const s: Section = { heading: line.heading, line: line.index, end: lines.length - 1, path: [...open.map((o) => `${o.heading.marker}${o.heading.title}`), title] };
    sections.push(s);
    open.push(s);
  }
  return sections;
}

/**
 * The source line of a character offset in a paragraph: the last piece starting at or before it. Binary search:
 * a paragraph joined from thousands of lines is asked once per figure in it.
 */
export function lineAt(p: Paragraph, offset: number): number {
  const pieces = p.pieces;
  let line = pieces[0]?.line ?? 0;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const piece = pieces[mid]!;
    if (piece.offset > offset) hi = mid - 1;
    else {
      line = piece.line;
      lo = mid + 1;
    }
  }
  return line;
}
