/**
 * Segmentation: a read document (lines of cells) → headings and sections by their numbering (一、（一）1.（1）①),
 * paragraphs rejoined where a page break or a line wrap cut a sentence, and tables whose rows are rejoined where
 * a page break split a row's cells ("continuation cells merged").
 *
 * Text as extraction leaves it is read as the page showed it: running page headers and footers ("— 3 —",
 * "第 2 页 共 5 页") are page breaks, not text; a table a page break split in two — two Word tables, two PDF grids,
 * or one text table with its header printed again — is one table, the repeated header dropped; a row whose cells a
 * PDF-to-text step ran together with single spaces is split into cells when the table's header gives their number,
 * and a form's label run together with its value and the next label ("主管部门某县某局实施单位某县某中心") is split at the
 * form's words (`glued-labels.ts`); a reader table whose every row is one cell (a web table converted line by line) is
 * put back into rows where the form's words make them certain, as the text reader does (`vertical-rows.ts`).
 * Figures whose reading stays uncertain are listed in `notes` for the extraction report.
 *
 * Pure: no I/O. Every piece keeps the source line it came from so each extracted figure can say where it was.
 */
import type { Problem } from '../core/problem.ts';
import { headerKind } from '../core/text/form-words.ts';
import { splitGluedLabels } from '../core/text/glued-labels.ts';
import { compactLabel, normalizeText, pageNumberLine } from '../core/text/normalize.ts';
import { MEASURE_UNITS, uncertainNumbers } from '../core/text/numbers.ts';
import type { LineLocation, SourceDocument, SourceLine } from './source.ts';
import { rebuildVertical } from './vertical-rows.ts';

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
  /**
   * Per column, the line of each piece joined into the cell and the offset where it starts — only for a cell joined
   * from several lines; a cell of one piece has none here (it is at the row's first line, offset 0).
   */
  readonly pieces: ({ line: number; offset: number }[] | undefined)[];
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
  /**
   * Lines inside the table's span that belong to no cell: text overflowing a long cell, a "续表" caption, and the
   * header printed again after a page break (left out of `rows`).
   */
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
  /** Notes for the extraction report: figures whose reading is not certain (`uncertain-number`), in line order. */
  readonly notes: readonly Problem[];
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
/** A line that only dates the form: "（2022年度）", "2023年". */
const YEAR_LINE = /^[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[）)]?$/;

export const CAPTION_RE = /^(?:附)?表\s*[0-9一二三四五六七八九十]{1,3}\s*[：:．.、\s]/;
/** "单位：万元", "金额单位：元", "（单位：万元）". */
export const UNIT_NOTE_RE = /^[（(]?\s*(?:金额)?单位\s*[：:]/;

/** A cell holding only a figure: "1234.56", "95.50%", "785 场", "1.35 万家次", "≥2000家", "0件". */
export function isValueCell(text: string): boolean {
  return text.length > 0 && text.length <= 16 && /^[≥≤<>=＞＜约]*\s*-?\d[\d,.]*\s*(?:%|万|亿)?\s*[\u4e00-\u9fa5]{0,3}$/.test(text);
}

const DASH_ROW = /^[-—–\s]*$/;

export function segment(doc: SourceDocument): Segmented {
  const read = regroupSingleCellTables(
    doc.lines.map((src) => {
      const cells: string[] = [];
      for (const raw of src.cells) {
        const c = normalizeText(raw);
        const split = splitGluedLabels(c);
        if (split) cells.push(...split);
        else cells.push(c);
      }
      while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
      return { cells, src };
    }),
  );
  const lines: Line[] = read.map(({ cells, src: l }, index) => {
    const nonEmpty = cells.filter((c) => c !== '');
    // A line of three cells or more with only its first filled is a row left empty ("②市级财政资金" and its empty
    // cells, a blank form's "①……"): a row of the table it stands in, not a paragraph that ends the table.
    const isRow = cells.length > 1 || l.table !== undefined || l.cells.length >= 3;
    // Why: a running page number ("— 3 —", "第 2 页 共 5 页") marks a page break; it is not content, inside a table least.
    const isFurniture = nonEmpty.length === 1 && pageNumberLine(nonEmpty[0]!) === 'certain';
    const kind: Line['kind'] = nonEmpty.length === 0 || isFurniture || (isRow && nonEmpty.every((c) => DASH_ROW.test(c))) ? 'blank' : isRow ? 'row' : 'text';
    const heading = kind === 'text' ? detectHeading(cells[0]!) : undefined;
    return { index, cells, loc: l.loc, kind, pageStart: Boolean(l.pageStart), ...(heading ? { heading } : {}) };
  });
  dropPagesOfPages(lines);
  const readerTable = read.map((r) => r.src.table);
  const { tables, tableOfLine } = buildTables(lines, readerTable, readerTableWidths(lines, readerTable));
  const paragraphs = buildParagraphs(lines, tables, tableOfLine);
  const sections = buildSections(lines);
  const sectionOfLine: (Section | undefined)[] = new Array(lines.length).fill(undefined);
  // Sections are in document order and nested, so a later (inner) one overwrites its parent's lines.
  for (const sec of sections) for (let i = sec.line; i <= sec.end && i < lines.length; i++) sectionOfLine[i] = sec;
  return { lines, tables, paragraphs, sections, tableOfLine, sectionOfLine, notes: uncertainNumberNotes(lines, doc.format) };
}

/** A line's cells as the segmenter reads them, with the reader's line they came from. */
interface ReadLine {
  readonly cells: string[];
  readonly src: SourceLine;
}

/** The fewest rows a one-cell-per-row table must have to be regrouped (a shorter one holds no form). */
const MIN_SINGLE_CELL_ROWS = 6;

/**
 * A reader table (DOCX, HTML, XLSX, PDF) whose rows are all — or all but one in ten — a single cell is a table
 * flattened one cell per row (a web table converted line by line): its rows are put back together where the form's
 * words make them certain, as the text reader does for the same text typed with `|` (`vertical-rows.ts`). A rebuilt
 * row keeps the location of its first cell's line. Any other table is left exactly as read.
 */
function regroupSingleCellTables(lines: ReadLine[]): ReadLine[] {
  const stats = new Map<number, { rows: number; multi: number }>();
  for (const l of lines) {
    const t = l.src.table;
    if (t === undefined) continue;
    const st = stats.get(t) ?? { rows: 0, multi: 0 };
    st.rows++;
    if (l.cells.length > 1) st.multi++;
    stats.set(t, st);
  }
  const isFlattened = (t: number | undefined) => {
    const st = t === undefined ? undefined : stats.get(t);
    return st !== undefined && st.rows >= MIN_SINGLE_CELL_ROWS && st.multi * 10 <= st.rows;
  };
  if (![...stats.keys()].some(isFlattened)) return lines;
  const out: ReadLine[] = [];
  for (let i = 0; i < lines.length; ) {
    const t = lines[i]!.src.table;
    if (!isFlattened(t)) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.src.table === t) end++;
    out.push(...rebuildVertical(lines.slice(i, end)));
    i = end;
  }
  return out;
}

/**
 * "3/12" alone on a line is a page of pages only next to a page break (a blank line, a page start, the document's
 * edge); elsewhere it may be a date or a ratio and stays.
 */
function dropPagesOfPages(lines: Line[]): void {
  const isBreak = (l: Line | undefined) => l === undefined || l.kind === 'blank' || l.pageStart;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind !== 'text' || l.cells.length !== 1 || pageNumberLine(l.cells[0]!) !== 'possible') continue;
    if (isBreak(lines[i - 1]) || l.pageStart || isBreak(lines[i + 1])) {
      const { heading: _, ...rest } = l;
      lines[i] = { ...rest, kind: 'blank' };
    }
  }
}

/** The most notes of uncertain figures a report lists; past it, one note says how many more there were. */
const MAX_UNCERTAIN_NOTES = 12;

function uncertainNumberNotes(lines: readonly Line[], format: SourceDocument['format']): Problem[] {
  const out: Problem[] = [];
  let more = 0;
  for (const line of lines) {
    if (line.kind === 'blank') continue;
    for (const cell of line.cells) {
      for (const got of uncertainNumbers(cell)) {
        if (out.length >= MAX_UNCERTAIN_NOTES) {
          more++;
          continue;
        }
        const at = line.loc.line ?? line.loc.row ?? line.index + 1;
        if (format === 'pdf' && line.loc.page !== undefined) out.push({ code: 'uncertain-number-pdf', path: [], params: { page: line.loc.page, line: at, got } });
        else out.push({ code: 'uncertain-number', path: [], params: { line: at, got }, line: at });
      }
    }
  }
  if (more) out.push({ code: 'uncertain-numbers-more', path: [], params: { more } });
  return out;
}

/** Per table the format declares: its width, the last filled column of its widest row (empty ones after it aside). */
function readerTableWidths(lines: readonly Line[], readerTable: readonly (number | undefined)[]): Map<number, number> {
  const widths = new Map<number, number>();
  lines.forEach((l, i) => {
    const t = readerTable[i];
    if (t === undefined) return;
    let w = l.cells.length;
    while (w > 0 && l.cells[w - 1] === '') w--;
    if (w > (widths.get(t) ?? 0)) widths.set(t, w);
  });
  return widths;
}

function isOpenText(text: string): boolean {
  return text !== '' && !isValueCell(text) && !CLOSE_AFTER_TERMINAL.test(text);
}

/** Labels that start a new row of a form even after a page break ("任务3", "3", "合计"). */
const ROW_LABEL_RE = /^(?:任务\s*\d+|\d{1,3}|合计|小计|总计|[一二三四五六七八九十]{1,3}[、.．])/;

interface OpenTable {
  rows: Row[];
  first: number;
  last: number;
  loose: number[];
  caption?: string;
  unitNotes: string[];
  readerTable: number | undefined;
  /** The first row and header-like rows, by `rowSignature`: one of them after a page break is the header again. */
  readonly headers: Set<string>;
  /** The cells of those rows, compacted: the words a header row of this table is made of. */
  readonly headerWords: Set<string>;
  /** Cells of the table's header (its first row of two or more filled cells): how many columns a row should have. */
  width: number;
}

function buildTables(lines: Line[], readerTable: readonly (number | undefined)[], readerWidths: ReadonlyMap<number, number>): { tables: Table[]; tableOfLine: Map<number, number> } {
  const tables: Table[] = [];
  const tableOfLine = new Map<number, number>();
  let current: OpenTable | undefined;
  let brokeSince = false;
  /** A text line that is not page furniture stood between the last row and this one. */
  let textSince = false;
  /** A continuation caption ("续表", "表 3（续）") stood between the last row and this one. */
  let continuedSince = false;

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
      // "（2022年度）" under a form's title dates it; the title above is the caption.
      if (YEAR_LINE.test(t)) continue;
      if (UNIT_NOTE_RE.test(t) || /单位[：:]\s*(万元|元)/.test(t)) unitNotes.push(t);
      else if (!caption && (CAPTION_RE.test(t) || (t.length <= 40 && !TERMINAL.test(t)))) caption = t;
      else break;
    }
    return { ...(caption ? { caption } : {}), unitNotes };
  };

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.kind === 'blank') {
      if (current) brokeSince = true;
      continue;
    }
    if (current && current.width >= 2) {
      // Why: a PDF-to-text step runs a row's cells together with single spaces; the header says how many there are.
      const split = line.kind === 'text' || line.cells.length < current.width ? splitRunTogether(line.cells, current.width) : undefined;
      if (split) {
        const { heading: _heading, ...rest } = line;
        line = lines[i] = { ...rest, kind: 'row', cells: split };
      }
    }
    if (line.kind === 'row') {
      const rt = readerTable[i];
      const isSameGridAcrossPage = line.pageStart && rt !== undefined && current !== undefined && rt === current.readerTable;
      let joined = false;
      if (current && rt !== undefined && current.readerTable !== undefined && rt !== current.readerTable) {
        // Why: a page break splits a table into two Word tables or two PDF grids; the second goes on with the first.
        if (!textSince && continuesTable(current, line.cells, readerWidths.get(current.readerTable) ?? 0, readerWidths.get(rt) ?? 0, continuedSince)) {
          current.readerTable = rt;
          joined = true;
        } else close();
      }
      if (!current) {
        current = { rows: [], first: i, last: i, loose: [], readerTable: rt, headers: new Set(), headerWords: new Set(), width: 0, ...context(i) };
        brokeSince = false;
      }
      textSince = false;
      continuedSince = false;
      const unitNote = line.cells.find((c) => UNIT_NOTE_RE.test(c) || /^单位[：:]/.test(c));
      if (unitNote && line.cells.filter((c) => c !== '').length === 1) {
        current.unitNotes.push(unitNote);
        current.last = i;
        continue;
      }
      if ((brokeSince || line.pageStart || joined) && current.rows.length > 0 && isRepeatedHeader(lines, readerTable, i, current)) {
        // The header printed again at the top of the next page: not a row. The rows after it still follow a break.
        current.loose.push(i);
        current.last = i;
        brokeSince = true;
        continue;
      }
      // Why reader tables too: a DOCX or sheet converted from a PDF keeps the page-split halves as two rows.
      const afterBreak = brokeSince || line.pageStart || rt !== undefined;
      brokeSince = false;
      const prev = current.rows[current.rows.length - 1];
      if (afterBreak && prev && isContinuationRow(line, current.rows, isSameGridAcrossPage)) mergeInto(current.rows, line);
      else {
        current.rows.push({ cells: [...line.cells], cellLines: line.cells.map(() => i), lines: [i], pieces: [] });
        if ((current.rows.length === 1 && countFilled(line.cells) >= 2) || isHeaderLike(line.cells)) {
          current.headers.add(rowSignature(line.cells));
          for (const c of line.cells) if (c !== '') current.headerWords.add(compactLabel(c));
        }
        if (current.width < 2 && countFilled(line.cells) >= 2) current.width = line.cells.length;
      }
      current.last = i;
      continue;
    }
    // A text line: inside a table it is overflow of a long cell when the table goes on after it.
    if (current) {
      const text = line.cells[0]!;
      if (CONTINUED_CAPTION_RE.test(text)) {
        // "续表", "表 3（续）": the table goes on after a page break.
        current.loose.push(i);
        current.last = i;
        brokeSince = true;
        continuedSince = true;
        continue;
      }
      if (!line.heading && !CAPTION_RE.test(text) && !UNIT_NOTE_RE.test(text) && nextRowFollows(lines, i, current.width)) {
        current.loose.push(i);
        current.last = i;
        brokeSince = true;
        textSince = true;
        continue;
      }
      close();
    }
  }
  close();
  return { tables, tableOfLine };
}

/** "续表", "续表 3", "表 3（续）", "（续）", "部门整体支出绩效自评表（续）". */
const CONTINUED_CAPTION_RE = /^(?:续表\s*[0-9一二三四五六七八九十]{0,3}\s*[：:]?|.{0,36}[（(]\s*续(?:表)?\s*[0-9一二三四五六七八九十]{0,2}\s*[）)])$/;

function countFilled(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c !== '') n++;
  return n;
}

/**
 * A row compared for "the same header again": its filled cells without whitespace (a reprint may wrap them
 * differently, and a text copy may shift a merged cell by a column).
 */
function rowSignature(cells: readonly string[]): string {
  let out = '';
  for (const c of cells) if (c !== '') out += `${compactLabel(c)}\u0001`;
  return out;
}

/**
 * Is the row at `at` the table's header printed again — it and every header row right after it (a header of two or
 * three rows: header-like, half its cells holding words of the table's header) equal to header rows already read?
 * Why all of them: a block that repeats only in part is not a reprint of the header (a form may print a different
 * sub-header on its next page); it is left as rows.
 */
function isRepeatedHeader(lines: readonly Line[], readerTable: readonly (number | undefined)[], at: number, open: OpenTable): boolean {
  if (!open.headers.has(rowSignature(lines[at]!.cells))) return false;
  for (let j = at + 1; j < lines.length; j++) {
    const next = lines[j]!;
    if (next.kind !== 'row' || readerTable[j] !== readerTable[at] || !isHeaderLike(next.cells)) return true;
    if (open.headers.has(rowSignature(next.cells))) continue;
    const filled = next.cells.filter((c) => c !== '').map(compactLabel);
    const isHeaderWord = (c: string) => open.headerWords.has(c) || [...open.headerWords].some((w) => w.length >= 2 && c.includes(w));
    // A row of other words (a qualitative data row: "服务质量 | 提升 | 提升") ends the header block.
    return 2 * filled.filter(isHeaderWord).length < filled.length;
  }
  return true;
}

/** Two or more filled cells, each short, and no figure among them: column names, not data. */
function isHeaderLike(cells: readonly string[]): boolean {
  return cells.every((c) => c.length <= HEADER_CELL_CHARS) && countFilled(cells) >= 2 && !cells.some(isValueCell);
}

/** The longest header cell: "预算调减数（括号内为二次分配）", "期望达到的目标（概述）" — longer is content. */
const HEADER_CELL_CHARS = 30;

/**
 * Does the next table (the first row of which is `cells`) go on with the open one? When it starts with the open
 * one's header again (the header repeated on the next page); else when its columns are the same as the open
 * table's (the widest row's last filled column) and its first row does not start a table of its own — a title
 * ("…情况表", "表 4 …", "单位：万元") or a header (short labels, no figures, the first column named) — unless a
 * "续表" caption says it goes on.
 */
function continuesTable(open: OpenTable, cells: readonly string[], openWidth: number, nextWidth: number, isContinued: boolean): boolean {
  if (countFilled(cells) >= 2 && open.headers.has(rowSignature(cells))) return true;
  if (openWidth !== nextWidth || openWidth === 0) return false;
  return isContinued || !startsTable(cells);
}

const TITLE_RE = /表$|表\s*[（(]|^[（(]?\s*\d{4}\s*年度?\s*[）)]?$/;

function startsTable(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  if (filled.length === 1) {
    const t = compactLabel(filled[0]!);
    return CAPTION_RE.test(t) || UNIT_NOTE_RE.test(t) || TITLE_RE.test(t);
  }
  const first = cells[0] ?? '';
  return first !== '' && !ROW_LABEL_RE.test(first) && !cells.some(isValueCell) && filled.every((c) => compactLabel(c).length <= 20);
}

/** A figure as a cell holds it: "1580.50", "3,916.29", "-2.5", "92.59%", "100 %". */
const FIGURE_TOKEN_RE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?%?$/;
/** A short label of Chinese words, without sentence punctuation: "预算执行率", "年初预算数", "其中（财政拨款）". */
const LABEL_TOKEN_RE = /^[\u3400-\u9fff（）()]{1,16}$/;
/** An empty value a form prints as a mark. */
const PLACEHOLDER_RE = /^[-—–/／]$/;
const UNIT_TOKENS = new Set<string>([...MEASURE_UNITS, ...MEASURE_UNITS.map((u) => `万${u}`), ...MEASURE_UNITS.map((u) => `亿${u}`)]);
/** A token's pieces where Chinese words and figures are glued: "年初预算数1580.50全年预算数1620.00". */
const GLUED_RE = /[\u3400-\u9fff（）()]+|[-+]?\d[\d,]*(?:\.\d+)?%?/g;

/**
 * Could the cells hold `width` cells run together: a figure, and enough spaces, or a Chinese word glued to a figure?
 * (The quick test before tokenising: most rows with fewer cells than their header just have empty cells.)
 */
function mayHoldMoreCells(cells: readonly string[], width: number): boolean {
  let spaces = 0;
  let digit = false;
  for (const c of cells) {
    if (c.length > 200) return false;
    for (let k = c.indexOf(' '); k >= 0; k = c.indexOf(' ', k + 1)) spaces++;
    digit ||= /\d/.test(c);
  }
  return digit && (cells.length + spaces >= width || cells.some((c) => GLUED_FIGURE_RE.test(c)));
}

const GLUED_FIGURE_RE = /[\u3400-\u9fff（）()]\d|\d[\u3400-\u9fff（）()]/;

/**
 * Cells a PDF-to-text step ran together, split again where the reading is certain: the tokens of the line (its cells
 * split at single spaces, Chinese words and figures glued together split apart, a measure word kept with its figure)
 * are exactly `width` — the header's count; each token is a figure, a short label or an empty mark; there is a figure;
 * and no two labels stand side by side (that is running text, or a label an OCR space cut: "部门 预算 执行率"). Otherwise
 * undefined: the line stays as it is.
 */
export function splitRunTogether(cells: readonly string[], width: number): string[] | undefined {
  const filled = countFilled(cells);
  if (filled === 0 || filled >= width || filled !== cells.length || !mayHoldMoreCells(cells, width)) return undefined;
  const tokens: { text: string; kind: 'figure' | 'label' | 'mark' }[] = [];
  for (const cell of cells) {
    for (const word of cell.split(' ')) {
      GLUED_RE.lastIndex = 0;
      const parts = word.match(GLUED_RE) ?? [];
      const glued = parts.length > 1 && parts.join('') === word;
      for (const [k, part] of (glued ? parts : [word]).entries()) {
        const prev = tokens[tokens.length - 1];
        if (prev?.kind === 'figure' && (UNIT_TOKENS.has(part) || part === '%')) {
          prev.text += glued && k > 0 ? part : ` ${part}`;
          continue;
        }
        const kind = FIGURE_TOKEN_RE.test(part) ? 'figure' : PLACEHOLDER_RE.test(part) ? 'mark' : LABEL_TOKEN_RE.test(part) ? 'label' : undefined;
        if (!kind) return undefined;
        tokens.push({ text: part, kind });
      }
    }
  }
  if (tokens.length !== width || !tokens.some((t) => t.kind === 'figure')) return undefined;
  for (let k = 1; k < tokens.length; k++) if (tokens[k]!.kind === 'label' && tokens[k - 1]!.kind === 'label') return undefined;
  return tokens.map((t) => t.text);
}

/**
 * Is a row (not a heading or caption) the next non-blank line after `i`, within the few lines that overflow? A line
 * of cells run together that the table's header splits (`width`) counts as a row.
 */
function nextRowFollows(lines: readonly Line[], i: number, width: number): boolean {
  for (let j = i + 1, texts = 0; j < lines.length; j++) {
    const l = lines[j]!;
    if (l.kind === 'blank') continue;
    if (l.kind === 'row') return true;
    if (l.heading || CAPTION_RE.test(l.cells[0]!) || UNIT_NOTE_RE.test(l.cells[0]!)) return false;
    if (width >= 2 && splitRunTogether(l.cells, width)) return true;
    if (++texts > 40) return false;
  }
  return false;
}

/**
 * After a page break, a row whose every filled cell continues the open text above it in the same column (the
 * text above does not end a sentence and is not a figure) and which holds no figure of its own is the rest of
 * the row the break cut, not a new row.
 */
/** What the blank national form prints in a row left unfilled: its dots, or a numbered name with nothing after it. */
const BLANK_FORM_CELL = /^(?:…+|\.{3,}|指标\s*\d{1,2}\s*[：:])$/;

function isContinuationRow(line: Line, rows: readonly Row[], isSameGridAcrossPage: boolean): boolean {
  const filled = line.cells.map((c, col) => ({ c, col })).filter((x) => x.c !== '');
  if (filled.length === 0) return false;
  const first = line.cells[0] ?? '';
  // Why: a short text in the first column is the label of a new row ("重点项目绩效情况"), not the rest of a cell.
  if (ROW_LABEL_RE.test(first) || (first !== '' && first.length <= 12)) return false;
  // A row the blank form left unfilled ("……", "指标2：") is a row of its own, never the rest of the one above.
  if (filled.every((x) => BLANK_FORM_CELL.test(x.c.trim()))) return false;
  if (isCutRow(filled, rows[rows.length - 1]!, isSameGridAcrossPage)) return true;
  if (filled.some((x) => isValueCell(x.c))) return false;
  return filled.every((x) => {
    const above = lastFilled(rows, x.col);
    return above !== undefined && (above.length >= 8 || hasUnclosedBracket(above)) && isOpenText(above);
  });
}

/** "(穗天政数函", "项目（一期": a bracket opened and not closed — the cell's text goes on. */
function hasUnclosedBracket(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '（' || ch === '【' || ch === '[') depth++;
    else if ((ch === ')' || ch === '）' || ch === '】' || ch === ']') && depth > 0) depth--;
  }
  return depth > 0;
}

/** A figure whole: "180,000.00", "100.00%", "0". */
const WHOLE_FIGURE_RE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

/** The page break cut a figure: "180,00" + "0.00", "100.00" + "%" — whole together, not each alone. */
function completesFigure(above: string, piece: string): boolean {
  return WHOLE_FIGURE_RE.test(above + piece) && !(WHOLE_FIGURE_RE.test(above) && WHOLE_FIGURE_RE.test(piece));
}

/**
 * A row a page break cut through its figures, as a PDF printer does with a tall row: every filled cell sits under a
 * filled cell of the row above and completes it — a figure cut in two ("180,00" | "0.00", "100.00" | "%"), or text
 * that did not end ("公务用" | "车购置经费") — and at least one figure is completed. Why the figure: a new row's text
 * can also follow open text, but a new row's figures are whole. When the format says the grid runs on across the page
 * (`isSameGridAcrossPage`), text of any length continues; else only text of 8 characters or more (a label is shorter).
 */
function isCutRow(filled: readonly { c: string; col: number }[], above: Row, isSameGridAcrossPage: boolean): boolean {
  let figures = 0;
  for (const { c, col } of filled) {
    const cell = above.cells[col] ?? '';
    if (cell === '') return false;
    if (completesFigure(cell, c)) figures++;
    else if (isValueCell(c) || !isOpenText(cell) || (!isSameGridAcrossPage && cell.length < 8)) return false;
  }
  return figures > 0;
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
        (row.pieces[col] ??= [{ line: row.lines[0]!, offset: 0 }]).push({ line: line.index, offset: row.cells[col]!.length });
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

/** Lines between two tables that still make one table split by a page break: a footer, a blank line, a label. */
const PAGE_GAP = 4;

/**
 * The rows of a table from `rows` (its rows after `header`) on across page breaks: a table that starts within a few
 * lines of the end of the one before — a DOCX or PDF table a page break split, a label printed between — goes on with
 * its rows, its first row left out where it repeats the header. A table with a caption or a header of its own, or one
 * after a heading, is another table. The readers end the rows where another part of the form begins.
 */
export function rowsOnward(seg: Segmented, table: Table, rows: readonly Row[], header?: Row): Row[] {
  const out = [...rows];
  const headerText = header ? compactCells(header.cells) : undefined;
  let last = table;
  for (let k = table.index + 1; k < seg.tables.length; k++) {
    const next = seg.tables[k]!;
    // A numbered caption (表3 …) names another table; other text left between (a unit, a cell's overflow) does not.
    if (next.firstLine - last.lastLine > PAGE_GAP || (next.caption && CAPTION_RE.test(next.caption))) break;
    let between = false;
    for (let i = last.lastLine + 1; i < next.firstLine; i++) if (seg.lines[i]?.heading || CAPTION_RE.test(seg.lines[i]?.cells[0] ?? '')) between = true;
    if (between) break;
    const first = next.rows[0];
    const repeated = first !== undefined && headerText !== undefined && compactCells(first.cells) === headerText;
    if (first && !repeated && isHeaderRow(first.cells)) break;
    out.push(...(repeated ? next.rows.slice(1) : next.rows));
    last = next;
  }
  return out;
}

const compactCells = (cells: readonly string[]): string => cells.map(compactLabel).join('|').replace(/\|+$/, '');

/** A row of column words: two or more cells name a column of these forms. */
function isHeaderRow(cells: readonly string[]): boolean {
  let n = 0;
  for (const c of cells) if (headerKind(c) !== undefined && ++n >= 2) return true;
  return false;
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
