/**
 * Tables typed with `|` in plain text: Markdown tables (`| a | b |`, with a `|---|` line under the header) and the
 * text a web page leaves when its tables are flattened — every cell followed by ` |`, rows ended by a line break
 * where the page had one:
 *
 *   主管部门 | 某县某局 | 实施单位 | 某县某中心 |        one row, four cells
 *   年度资金总额 |  ⏎  | 12.5 | 11.8 | 10 | 94.40% | 9 |   a row label on its line, its cells on the next
 *   主管部门 |  ⏎  某县某局 |  ⏎  一级指标 |  ⏎  …       one cell per line (a table flattened vertically)
 *
 * The `|` (and the full-width `｜`) are cell boundaries, as the format says, so they are read here like tabs; a
 * table flattened one cell per line is put back into rows only where the form's own words make it certain. What is
 * not certain stays as the lines were.
 *
 * Why `|` is not always a boundary: prose may hold one ("|实际值-目标值|/目标值" is an absolute value). A `|` is a
 * boundary when space, a line end or another `|` stands on both sides of it; a line is a row when it has two such
 * boundaries, or one at its start or end, or one and a neighbouring line is a row; a line that starts and ends
 * with `|` (Markdown) is split at every `|`.
 */
import { headerKind, isValueLabel } from '../../core/text/form-words.ts';
import type { SourceLine } from '../source.ts';
import { isLabelCell, rebuildVertical } from '../vertical-rows.ts';

/** A line as the text reader cut it, before its `|` are read. */
export interface PlainLine {
  /** Cells split at tabs. */
  readonly cells: string[];
  readonly line: number;
  readonly pageStart: boolean;
}

const isPipe = (c: number) => c === 0x7c || c === 0xff5c;
const isSpaceOrEdge = (c: number | undefined) => c === undefined || c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0x0c;

interface PipeShape {
  /** Offsets of the `|` that are boundaries. */
  readonly boundaries: number[];
  /** Starts and ends with a `|` (Markdown, or a web table's row whose first cell is empty). */
  readonly isFramed: boolean;
  /** A row by itself (not only because a neighbour is one). */
  readonly isRow: boolean;
  /** Has exactly one interior boundary: a row only next to another row. */
  readonly isMaybeRow: boolean;
}

/** The `|` of a line that are cell boundaries, and whether the line is a table row. Undefined: no `|` at all. */
function pipeShape(text: string): PipeShape | undefined {
  let first = -1;
  for (let k = 0; k < text.length; k++) {
    if (isPipe(text.charCodeAt(k))) {
      first = k;
      break;
    }
  }
  if (first < 0) return undefined;
  const t = text.trim();
  const offset = text.indexOf(t);
  const isFramed = t.length >= 1 && isPipe(t.charCodeAt(0)) && isPipe(t.charCodeAt(t.length - 1));
  const boundaries: number[] = [];
  for (let k = first; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (!isPipe(c)) continue;
    if (c === 0x7c && k > 0 && text.charCodeAt(k - 1) === 0x5c) continue; // "\|": a Markdown cell's own bar
    if (isFramed || c === 0xff5c) {
      boundaries.push(k);
      continue;
    }
    const before = k > 0 ? text.charCodeAt(k - 1) : undefined;
    const after = k + 1 < text.length ? text.charCodeAt(k + 1) : undefined;
    if ((isSpaceOrEdge(before) || isPipe(before!)) && (isSpaceOrEdge(after) || isPipe(after!))) boundaries.push(k);
  }
  if (boundaries.length === 0) return undefined;
  const atEdge = boundaries[0] === offset || boundaries[boundaries.length - 1] === offset + t.length - 1;
  const isRow = isFramed || boundaries.length >= 2 || atEdge;
  return { boundaries, isFramed, isRow, isMaybeRow: !isRow && boundaries.length === 1 };
}

/** A Markdown header's underline: `|---|:---:|`, `--- | ---`. */
const DELIMITER_ROW_RE = /^\s*[|｜]?\s*:?-{3,}:?\s*(?:[|｜]\s*:?-{3,}:?\s*)*[|｜]?\s*$/;

/** The cells of a row line, split at its boundaries; `framed` drops the empty piece before a leading `|` (Markdown). */
function splitAt(text: string, boundaries: readonly number[], dropLeading: boolean): string[] {
  const cells: string[] = [];
  let from = 0;
  for (const b of boundaries) {
    cells.push(text.slice(from, b));
    from = b + 1;
  }
  cells.push(text.slice(from));
  const out = cells.map((c) => c.trim().replace(/\\\|/g, '|'));
  // The `|` after the last cell ends it (both conventions); in Markdown the `|` before the first cell only frames it.
  if (out.length > 1 && out[out.length - 1] === '') out.pop();
  if (dropLeading && out.length > 1 && out[0] === '') out.shift();
  return out;
}

interface RowLine {
  cells: string[];
  readonly line: number;
  readonly pageStart: boolean;
  /** The line started with a `|`: its first cell is empty (a web table's convention), or Markdown framed it. */
  readonly leadingPipe: boolean;
}

/**
 * The lines of a text with their `|` read as cell boundaries, web tables flattened one cell per line put back into
 * rows where certain (`rebuildVertical`), and a row label alone on its line joined with the cells on the next.
 * Linear in the text.
 */
export function readPipes(lines: readonly PlainLine[]): SourceLine[] {
  const shapes = lines.map((l) => (l.cells.length === 1 ? pipeShape(l.cells[0]!) : undefined));
  const isRowAt = (i: number) => shapes[i]?.isRow === true;
  const rows: (RowLine | undefined)[] = lines.map((l, i) => {
    const s = shapes[i];
    if (!s || !(s.isRow || (s.isMaybeRow && (isRowAt(i - 1) || isRowAt(i + 1))))) return undefined;
    return { cells: [], line: l.line, pageStart: l.pageStart, leadingPipe: /^\s*[|｜]/.test(l.cells[0]!) };
  });
  // Blocks of consecutive `|` rows: Markdown when every line of the block is framed (the `|` before the first cell
  // frames it), a web table's text otherwise (a leading `|` is an empty first cell).
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!rows[i]) {
      const l = lines[i]!;
      out.push({ cells: l.cells, loc: { line: l.line }, ...(l.pageStart ? { pageStart: true } : {}) });
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && rows[end]) end++;
    let isMarkdown = true;
    for (let k = i; k < end && isMarkdown; k++) isMarkdown = shapes[k]!.isFramed && lines[k]!.cells[0]!.trim() !== '|' && lines[k]!.cells[0]!.trim() !== '｜';
    const block: RowLine[] = [];
    for (let k = i; k < end; k++) {
      const text = lines[k]!.cells[0]!;
      if (isMarkdown && DELIMITER_ROW_RE.test(text)) continue;
      const r = rows[k]!;
      r.cells = splitAt(text, shapes[k]!.boundaries, isMarkdown);
      block.push(r);
    }
    for (const r of isMarkdown ? block : joinLabelLines(rebuildVertical(block))) {
      out.push({ cells: r.cells, loc: { line: r.line }, ...(r.pageStart ? { pageStart: true } : {}) });
    }
    i = end;
  }
  return out;
}


/**
 * "年度资金总额 |" ⏎ "| 12.5 | 11.8 | 10 | 94.40% | 9 |": a row label alone on a line, then a line starting with `|`
 * that carries two or more filled cells — one row. The empty first cell of the second line is kept: it is the column
 * (年初预算数 here) the row left empty, so every later cell stays under its header.
 *
 * The header of such a block is typed the same way: "项目资金（万元） |" ⏎ "| 年初预算数 | 全年预算数 | … |" — the block's
 * title, the empty header of the row labels' column, the column words. The title is a cell merged down the block's
 * rows, which the page prints once: so a row one cell shorter than that header lacks it, and gets it back as an empty
 * cell in front — every figure then stands under its column word.
 */
function joinLabelLines(block: RowLine[]): RowLine[] {
  const out: RowLine[] = [];
  /** Cells of the last joined header whose first cell is a block title merged down its rows. */
  let titledWidth = 0;
  for (let k = 0; k < block.length; k++) {
    const r = block[k]!;
    const next = block[k + 1];
    if (
      next &&
      r.cells.length === 1 &&
      !r.leadingPipe &&
      isLabelCell(r.cells[0]!) &&
      next.leadingPipe &&
      next.cells[0] === '' &&
      next.cells.filter((c) => c !== '').length >= 2
    ) {
      const cells = [r.cells[0]!, ...next.cells];
      if (isTitledHeader(cells)) titledWidth = cells.length;
      else if (titledWidth > 0 && cells.length === titledWidth - 1 && !isFormWordOrHeader(cells[0]!)) cells.unshift('');
      else titledWidth = 0;
      out.push({ ...r, cells });
      k++;
      continue;
    }
    titledWidth = 0;
    out.push(r);
  }
  return out;
}

/** A block title (no column word), the empty header of the labels' column, then three or more column words. */
function isTitledHeader(cells: readonly string[]): boolean {
  return cells.length >= 5 && headerKind(cells[0]!) === undefined && cells[1] === '' && cells.slice(2).filter((c) => headerKind(c) !== undefined).length >= 3;
}

const isFormWordOrHeader = (c: string) => headerKind(c) !== undefined || isValueLabel(c);
