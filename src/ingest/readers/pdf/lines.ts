/**
 * Runs of text → visual lines, and a line's runs → cells. Outside ruled tables a cell boundary is a vertical rule
 * drawn between two runs or a gap much wider than the line's characters; everything else is concatenated, with
 * the spacing rules of Chinese and Latin text. Table cells (`tables.ts`) join their wrapped lines with `cellText`.
 */
import type { Grid, Rule, Run } from './layout.ts';

/**
 * Runs on one baseline form a line. Why 0.45 × font size: superscripts sit about a third of the size higher and
 * belong to their line, while the next line is at least one size further down.
 */
export function groupLines(runs: readonly Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.left - b.left);
  const lines: Run[][] = [];
  let current: Run[] = [];
  let refY = 0;
  let refSize = 0;
  for (const run of sorted) {
    const size = run.space ? refSize : run.size;
    if (current.length > 0 && Math.abs(run.y - refY) <= 0.45 * Math.max(refSize, size)) {
      current.push(run);
      if (refSize === 0 && !run.space) refSize = run.size;
      continue;
    }
    if (current.some((r) => !r.space)) lines.push(current);
    current = [run];
    refY = run.y;
    refSize = run.space ? 0 : run.size;
  }
  if (current.some((r) => !r.space)) lines.push(current);
  return lines;
}

const CJK_CLASS = '\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
/** Why: pdf.js itself puts a space into a run where glyphs are spread (OCR layers, justified lines). */
const CJK_SPACE_CJK = new RegExp(`([${CJK_CLASS}])\\s+(?=[${CJK_CLASS}])`, 'gu');

export interface BuiltLine {
  readonly cells: string[];
  readonly grid?: Grid;
  /** Baseline, for telling running page numbers (top or bottom margin) from content. */
  readonly y: number;
  /** Middle of the line's text height, where rules are looked for. */
  readonly mid: number;
  /** Largest font size in the line. */
  readonly size: number;
}

/** A line's runs left to right without whitespace runs and overprinted copies; `spaceBefore`: pdf.js saw a space. */
function wordsOf(group: readonly Run[]): { words: Run[]; spaceBefore: boolean[] } {
  const runs = [...group].sort((a, b) => a.left - b.left);
  const words: Run[] = [];
  const spaceBefore: boolean[] = [];
  let pendingSpace = false;
  for (const run of runs) {
    if (run.space) pendingSpace = true;
    else if (!isOverprint(words, run)) {
      words.push(run);
      spaceBefore.push(pendingSpace);
      pendingSpace = false;
    }
  }
  return { words, spaceBefore };
}

/** Within a cell: nothing between CJK characters, a single space where pdf.js saw one or the gap is ≥ 0.3 em. */
function appendWord(cell: string, left: Run, word: Run, spaceBefore: boolean, size: number): string {
  const text = word.str.trim();
  const cjkJoin = CJK.test(cell.slice(-1)) && CJK.test(text.charAt(0));
  const spaced = spaceBefore || /\s$/.test(left.str) || /^\s/.test(word.str) || word.left - left.right >= 0.3 * size;
  return !cjkJoin && spaced && cell !== '' && text !== '' ? `${cell} ${text}` : `${cell}${text}`;
}

/**
 * Joins a line's runs into cells. A new cell starts where a vertical rule lies between two runs, or where the gap
 * exceeds 1.5 × the line's average character width (about 1.5 CJK characters or 3 digits) — wider than any word
 * space, narrower than the space between columns of an unruled table. Within a cell: nothing between CJK
 * characters (an OCR layer often spaces every one), a single space where pdf.js saw one or the gap is ≥ 0.3 em.
 */
export function buildLine(group: Run[], rules: readonly Rule[]): BuiltLine {
  const { words, spaceBefore } = wordsOf(group);
  const size = words.reduce((max, w) => Math.max(max, w.size), 0);
  const y = words.reduce((max, w) => Math.max(max, w.y), -Infinity);
  const mid = y - 0.35 * size;
  const crossing = rules.filter((r) => r.top - 0.5 <= mid && mid <= r.bottom + 0.5).map((r) => r.x);

  let chars = 0;
  let width = 0;
  for (const w of words) {
    chars += [...w.str.replace(/\s+/g, '')].length;
    width += w.right - w.left;
  }
  const average = Math.min(1.1 * size, Math.max(0.3 * size, chars > 0 ? width / chars : 0.5 * size));
  const bigGap = 1.5 * average;
  // Why: titles are letter-spaced with wide gaps ("目    录", "前  言"); they are one word, not cells.
  const letterSpaced = words.length >= 2 && words.every((w) => [...w.str.trim()].length === 1 && CJK.test(w.str));

  const cells: string[] = [];
  let cell = '';
  let previous: Run | undefined;
  for (const [i, word] of words.entries()) {
    if (previous === undefined) {
      cell = word.str.trim();
      previous = word;
      continue;
    }
    const left = previous;
    const gap = word.left - left.right;
    const ruled = crossing.some((x) => x >= left.right - 1.5 && x <= word.left + 1.5 && x > left.left && x < word.right);
    if (ruled || (gap > bigGap && !letterSpaced)) {
      if (cell !== '') cells.push(cell);
      cell = word.str.trim();
    } else cell = appendWord(cell, left, word, spaceBefore[i] === true, size);
    previous = word.right >= left.right ? word : left;
  }
  if (cell !== '') cells.push(cell);
  for (const [i, c] of cells.entries()) cells[i] = c.replace(CJK_SPACE_CJK, '$1');

  const grid = gridAround(crossing, words);
  return grid ? { cells, grid, y, mid, size } : { cells, y, mid, size };
}

/** A wrapped line starting with one of these follows the line before directly: no word starts with it. */
const CLOSING = /^[%)\]}>,.;:!?'"]/;

/**
 * The text of one table cell: its visual lines top to bottom, each joined as within a cell. A wrapped line follows
 * the one before directly when either side of the wrap is a CJK character (Chinese wraps anywhere and puts no
 * space between words), the line before ends in a hyphen after a letter ("mid-" "year") or the line starts with
 * a closing sign ("100" "%"); between Latin words it follows after a space.
 */
export function cellText(runs: readonly Run[]): string {
  let text = '';
  for (const group of groupLines(runs)) {
    const { words, spaceBefore } = wordsOf(group);
    const size = words.reduce((max, w) => Math.max(max, w.size), 0);
    let line = '';
    let previous: Run | undefined;
    for (const [i, word] of words.entries()) {
      line = previous === undefined ? word.str.trim() : appendWord(line, previous, word, spaceBefore[i] === true, size);
      previous = previous === undefined || word.right >= previous.right ? word : previous;
    }
    line = line.replace(CJK_SPACE_CJK, '$1');
    if (line === '') continue;
    const direct = text === '' || CJK.test(text.slice(-1)) || CJK.test(line.charAt(0)) || CLOSING.test(line) || /[A-Za-z]-$/.test(text);
    text = direct ? `${text}${line}` : `${text} ${line}`;
  }
  return text;
}

/**
 * Why: some producers fake bold by printing a run twice, slightly offset; a reader sees it once. Only the last few
 * words are compared (the copy lies within a fifth of an em), so a long line stays linear.
 */
function isOverprint(words: readonly Run[], run: Run): boolean {
  for (let i = words.length - 1; i >= 0 && i >= words.length - 8; i--) {
    const w = words[i];
    if (w && w.str === run.str && Math.abs(w.left - run.left) < 0.2 * run.size && Math.abs(w.y - run.y) < 0.2 * run.size) return true;
  }
  return false;
}

/** The ruled grid of ≥ 2 columns that encloses the whole line, if there is one. */
function gridAround(crossing: readonly number[], words: readonly Run[]): Grid | undefined {
  const xs = [...crossing].sort((a, b) => a - b).filter((x, i, all) => i === 0 || x - (all[i - 1] ?? x) > 1);
  if (xs.length < 3) return undefined;
  const left = xs[0] ?? 0;
  const right = xs[xs.length - 1] ?? 0;
  const inside = words.every((w) => w.left >= left - 2 && w.right <= right + 2);
  return inside ? { left, right } : undefined;
}

