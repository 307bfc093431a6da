/**
 * Tables that a PDF-to-text step (`pdftotext -layout`) or a typist laid out with runs of spaces instead of tabs:
 *
 *   一级指标  二级指标    三级指标            年度指标值   实际完成值   分值   得分
 *   产出指标  数量指标    农村道路养护里程    ≥480公里     476公里      20     19.83
 *             质量指标    路面优良率          ≥85%         87%          15     15
 *
 * A run of two or more spaces (a full-width space counts as two) between two pieces of text is a cell boundary, read
 * like a tab — but only on lines that look like a table's: a line with three or more such pieces, or two where the
 * line above or below has two or more, and never a line whose pieces read as running sentences (a piece ending
 * 。；！？ or longer than a cell of a form holds). Leading indentation is not a boundary.
 *
 * Blank cells (a merged 一级指标 cell printed once, an empty 上年结转资金 row) leave no trace in the pieces; where the
 * block's widest line (its header) gives column positions, each piece is put under the header column it starts
 * nearest to — by display width, a CJK character counting two — so that a short row keeps its empty cells. Where the
 * positions do not settle it (a piece between two columns), the row keeps its pieces as they are and the extractors
 * place them by their words, as they do with a web copy that dropped empty cells.
 */
import { headerKind, isValueLabel } from '../../core/text/form-words.ts';
import { pageNumberLine } from '../../core/text/normalize.ts';
import type { SourceLine } from '../source.ts';

/** A gap of 2+ spaces (U+0020, U+00A0) or 1+ full-width spaces between two non-space characters. */
const GAP = /(?:[ \u00a0]{2,}|\u3000+)/g;

/** Longer than any cell of a form's table (an indicator's name, a reason written in a cell is longer: those end the line). */
const MAX_PIECE = 60;

interface Piece {
  readonly text: string;
  /** Display column where the piece starts (CJK characters and full-width forms count 2). */
  readonly at: number;
}

const wide = (c: number): boolean =>
  (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);

function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += wide(s.charCodeAt(i)) ? 2 : 1;
  return w;
}

/** The pieces of a one-cell line, or undefined when it has no inner gap. */
function piecesOf(cell: string): Piece[] | undefined {
  if (cell.length > 2000 || (!cell.includes('  ') && !cell.includes('\u3000') && !cell.includes('\u00a0'))) return undefined;
  const out: Piece[] = [];
  let last = 0;
  const push = (end: number) => {
    const raw = cell.slice(last, end);
    const text = raw.trim();
    if (text) out.push({ text, at: displayWidth(cell.slice(0, last)) + displayWidth(raw) - displayWidth(raw.trimStart()) });
  };
  GAP.lastIndex = 0;
  for (let m = GAP.exec(cell); m; m = GAP.exec(cell)) {
    push(m.index);
    last = m.index + m[0].length;
  }
  push(cell.length);
  const words = spacedOutWords(out);
  return words.length >= 2 ? words.flatMap(splitLabelFigure) : undefined;
}

/** A line drawn with dashes or box-drawing characters: "------", "────", "＝＝＝". */
const RULE_LINE = /^[-—–─━═=＝_－+|\s]{6,}$/;

/** The mark a table continued on the next page prints above it: "（续表）", "续表2", "(续)". */
const CONTINUED = /^[（(]?\s*续\s*表?\s*[0-9一二三四五六七八九十]{0,3}\s*[）)]?$/;

/** Two-character labels a form spaces out wider still to the width of its four-character ones ("合    计"). */
const SPACED_WORDS = new Set(['合计', '总计', '小计', '共计', '总分', '项目', '序号', '单位', '名称', '备注', '科目', '类别', '金额', '说明', '内容']);

const ONE_HANZI = /^[\u4e00-\u9fa5]$/;

/**
 * A two-character word spaced out to the width of the longer labels around it ("合  计", "单  位"): two pieces of one
 * Chinese character each, a narrow gap (at most three columns: "合  计", "合　计") between them, are one piece.
 */
function spacedOutWords(pieces: Piece[]): Piece[] {
  let out: Piece[] | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const q = pieces[i + 1];
    if (q && ONE_HANZI.test(p.text) && ONE_HANZI.test(q.text) && (q.at - (p.at + 2) <= 3 || (q.at - (p.at + 2) <= 8 && SPACED_WORDS.has(p.text + q.text)))) {
      out ??= pieces.slice(0, i);
      out.push({ text: p.text + q.text, at: p.at });
      i++;
      continue;
    }
    out?.push(p);
  }
  return out ?? pieces;
}

/** "其中：当年财政拨款 820.00": a label and a bare figure parted by one space where the gap was too narrow to show. */
function splitLabelFigure(p: Piece): Piece[] {
  const m = /^(.*[\u4e00-\u9fa5）)])[ \u00a0](-?\d[\d,]*(?:\.\d+)?%?)$/.exec(p.text);
  if (!m) return [p];
  return [{ text: m[1]!, at: p.at }, { text: m[2]!, at: p.at + displayWidth(m[1]!) + 1 }];
}

/** Pieces that read as running sentences, not cells. */
const isProse = (pieces: readonly Piece[]): boolean => pieces.some((p) => p.text.length > MAX_PIECE || /[。；！？]$/.test(p.text) || /[。！？].+/.test(p.text));

/**
 * Where the header's columns settle it, the pieces put under the columns they start at (blank cells kept); else
 * undefined. A piece belongs to the column whose start is nearest to its own, within the gap between two columns.
 */
function aligned(pieces: readonly Piece[], header: readonly Piece[]): string[] | undefined {
  if (pieces.length >= header.length) return undefined;
  const cells: string[] = header.map(() => '');
  let prev = -1;
  for (const p of pieces) {
    let best = -1;
    let dist = Infinity;
    header.forEach((h, i) => {
      const d = Math.abs(h.at - p.at);
      if (d < dist) {
        dist = d;
        best = i;
      }
    });
    // Near enough: within 3 display columns of the header cell's start, or inside the header cell's span.
    const h = header[best]!;
    const inside = p.at >= h.at && p.at < h.at + displayWidth(h.text) + 2;
    if (best <= prev || (dist > 3 && !inside)) return undefined;
    cells[best] = p.text;
    prev = best;
  }
  return cells;
}

/** Lines of one cell split at their space gaps where they form a table; every other line as it was. */
export function readSpaceColumns(lines: readonly SourceLine[]): SourceLine[] {
  const pieces = lines.map((l) => {
    if (l.cells.length !== 1) return undefined;
    const p = piecesOf(l.cells[0]!);
    return p && !isProse(p) ? p : undefined;
  });
  if (!pieces.some((p) => p && p.length >= 3)) return lines as SourceLine[];
  const blocks = headedBlocks(lines, pieces);
  const out: SourceLine[] = [];
  let header: Piece[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const block = blocks.get(i);
    if (block) {
      out.push(...block.lines);
      i = block.end - 1;
      header = undefined;
      continue;
    }
    const p = pieces[i];
    const line = lines[i]!;
    if (!p) {
      if (line.cells.length !== 1 || line.cells[0]!.trim() !== '') header = undefined;
      out.push(line);
      continue;
    }
    const neighbour = (j: number) => (pieces[j]?.length ?? 0) >= 2;
    if (p.length < 3 && !neighbour(i - 1) && !neighbour(i + 1)) {
      out.push(line);
      continue;
    }
    if (!header || p.length >= header.length) header = p;
    const cells = header !== p ? aligned(p, header) : undefined;
    out.push({ ...line, cells: cells ?? p.map((x) => x.text) });
  }
  return out;
}

// ── tables under a header of column words, with cells wrapped over lines ────────────────────────────────────────

/** Every piece of a line, a lone indented one too (a wrapped cell's second line: "                座数"). */
function allPieces(cell: string): Piece[] {
  return piecesOf(`${cell}  \u0000`)?.filter((p) => p.text !== '\u0000') ?? [];
}

/** A figure a row prints under a value column: an amount, a rate, a score, a target with its sign, a mark. */
const FIGURE = /^[≥≤<>=＞＜≧≦﹦＝]?\s?-?[\d,，]+(?:[.．]\d+)?\s?(?:%|％)?$|^[-—–/／]+$/;

/** A value with a short unit ("≥300人次", "1.86万户", "58.5公里"): a row's cell, never wrapped text. */
const VALUE_WITH_UNIT = /^[≥≤<>=＞＜≧≦﹦＝]?\s?-?\d[\d,，]*(?:[.．]\d+)?\s?(?:万|亿)?[\u4e00-\u9fa5%％‰A-Za-z/]{0,4}$/;

const isFigurePiece = (p: Piece) => FIGURE.test(p.text) || VALUE_WITH_UNIT.test(p.text);
const isHeaderPieces = (ps: readonly Piece[]) => ps.filter((p) => headerKind(p.text) !== undefined).length >= 3;
/** A heading or a closing line of the form: it ends the table. */
const TABLE_END_LINE = /^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|注[：:]|说明[：:]|填报|填表|单位负责人|项目负责人|财务负责人)/;

interface Column {
  readonly at: number;
  readonly end: number;
}

interface CoreRow {
  readonly line: number;
  /** Per column: the text printed on the row's own line, and what wrapped above and below it. */
  readonly cells: { above: string[]; own: string; below: string[] }[];
}

/**
 * The tables whose header row names its columns (three or more column words: 一级指标 … 得分, 年初预算数 … 得分), as
 * `pdftotext -layout` prints a form: cells wrapped over several lines, a merged cell's text centred between its rows,
 * a page footer inside. The header's pieces (and a wrapped header word above or below it: "偏差原因分析" ⏎ "及改进措施")
 * give the columns; a line printing two or more figures is a row; every other line of the table is wrapped text, each
 * of its pieces joined to the cell of the same column in the nearer row — before that row's text when the piece stands
 * above it, after when below; on a tie, to the row above (a merged cell's label is its first row's). Pieces left of the
 * first column are cells of their own (a row label, a merged 绩效指标). The table ends at a heading, a closing line, a
 * line whose pieces stand under no column, two lines past its total, or more than three blank lines.
 * Keyed by the header's line: the rebuilt lines and where the table ends.
 */
function headedBlocks(lines: readonly SourceLine[], pieces: readonly (Piece[] | undefined)[]): Map<number, { lines: SourceLine[]; end: number }> {
  const out = new Map<number, { lines: SourceLine[]; end: number }>();
  // The page's running head is the document's title repeated: the first few lines of text before the first table's
  // header (computed once).
  const heads = new Set<string>();
  for (let k = 0; k < lines.length && heads.size < 4; k++) {
    if (pieces[k] && isHeaderPieces(pieces[k]!)) break;
    const t = lines[k]!.cells.length === 1 ? lines[k]!.cells[0]!.trim() : '';
    if (t.length >= 6) heads.add(t);
  }
  // A page footer, a "（续表）" printed where a page break splits the table and a rule drawn with dashes under the
  // header are no cells of it.
  const all = lines.map((l) => {
    const t = l.cells.length === 1 ? l.cells[0]!.trim() : '';
    return t !== '' && pageNumberLine(t) !== 'certain' && !CONTINUED.test(t) && !RULE_LINE.test(t) ? allPieces(l.cells[0]!) : undefined;
  });
  for (let h = 0; h < lines.length; h++) {
    const hp = pieces[h];
    if (!hp || !isHeaderPieces(hp)) continue;
    const block = readBlock(lines, all, h, heads);
    if (block) {
      out.set(block.start, block);
      h = block.end - 1;
    }
  }
  return out;
}

function readBlock(lines: readonly SourceLine[], all: readonly (Piece[] | undefined)[], h: number, heads: ReadonlySet<string>): { lines: SourceLine[]; start: number; end: number } | undefined {
  const head = all[h]!;
  const isPlain = (k: number) => all[k] !== undefined && !all[k]!.some(isFigurePiece) && !isHeaderPieces(all[k]!) && !TABLE_END_LINE.test(lines[k]!.cells[0]!);
  // Header words wrapped above or below the header line that stand where no header word does — past a blank line
  // where the text is printed double-spaced.
  const blank = (k: number) => all[k] === undefined && (lines[k]?.cells.join('').trim() ?? '') === '';
  // A piece under a header word continues it when the two make one column word ("年度" ⏎ "指标值", "实际" ⏎ "完成值").
  // A piece that only touches a header word's edge (a column printed tight beside it) stands where none does.
  const continues = (p: Piece, k: number) => {
    const q = head.find((x) => overlapsMostly(p, x));
    return !q || headerKind(k < h ? `${p.text}${q.text}` : `${q.text}${p.text}`) !== undefined;
  };
  const above = blank(h - 1) ? h - 2 : h - 1;
  // A form's label and its value above the header ("部门名称    某区某局") are a row of their own, not header words.
  const extra = above >= 0 && isPlain(above) && all[above]!.every((p) => continues(p, above)) && !all[above]!.some((p) => isValueLabel(p.text)) ? [above] : [];
  // Below: the header's other lines — a header printed over three lines ("一级 二级 年度指标值" ⏎ "三级指标 分值 得分" ⏎
  // "指标 指标 （A） （B）") has column words on each; none prints a figure.
  for (let k = blank(h + 1) ? h + 2 : h + 1; k < lines.length && k <= h + 3 && extra.filter((x) => x > h).length < 2; k++) {
    const ps = all[k];
    if (!ps || ps.some(isFigurePiece) || TABLE_END_LINE.test(lines[k]!.cells[0]!) || !ps.every((p) => continues(p, k))) break;
    if (!isPlain(k) && !isHeaderPieces(ps)) break;
    extra.push(k);
  }
  const columns: Column[] = [];
  // One column per position: a header word wrapped above and below its line ("偏差原因分析" ⏎ "及改进措施") is one.
  for (const c of [...head, ...extra.flatMap((k) => all[k]!)].map((p) => ({ at: p.at, end: p.at + displayWidth(p.text) })).sort((a, b) => a.at - b.at)) {
    const last = columns.at(-1);
    if (last && c.at - last.at <= 3) columns[columns.length - 1] = { at: last.at, end: Math.max(last.end, c.end) };
    else columns.push(c);
  }
  const first = columns[0]!.at;
  const columnOf = (p: Piece): number | undefined => {
    if (p.at + displayWidth(p.text) <= first - 1) return -1;
    let best: number | undefined;
    let dist = Infinity;
    columns.forEach((c, i) => {
      const inside = p.at >= c.at - 2 && p.at < c.end - 1;
      const d = inside ? 0 : Math.min(Math.abs(p.at - c.at), Math.abs(p.at + displayWidth(p.text) - c.end));
      if (d < dist) {
        dist = d;
        best = i;
      }
    });
    return dist <= 4 ? best : undefined;
  };
  /** A column whose header names text (偏差原因分析及改进措施, 备注, 说明): its cells are sentences. */
  const isTextColumn = (i: number | undefined): boolean => {
    if (i === undefined || i < 0) return false;
    const c = columns[i]!;
    const words = [...extra.filter((k) => k < h), h, ...extra.filter((k) => k > h)].flatMap((k) => all[k]!.filter((p) => p.at < c.end && c.at < p.at + displayWidth(p.text)).map((p) => p.text));
    return headerKind(words.join('')) === 'text';
  };
  // The table's lines: rows, wrapped text, page breaks; where it ends. Two passes: the rows first (lines printing
  // figures), whose labels left of the table give the left columns; then the wrapped text, which must stand under a
  // column or a left column the rows have (a line that does not is past the table's end).
  type Kind = 'row' | 'text' | 'gap';
  const scan = (leftOk: (p: Piece) => boolean): { kinds: Kind[]; end: number } => {
    const kinds: Kind[] = [];
    let end = h + 1;
    let blanks = 0;
    let afterTotal = -1;
    for (let k = h + 1; k < lines.length; k++) {
      if (extra.includes(k)) {
        kinds.push('gap');
        end = k + 1;
        continue;
      }
      const ps = all[k];
      // A blank line, a page footer, or the page's running head (a line printed before the table already). Only blank
      // lines count towards the end: a page break prints a footer between blank lines.
      if (!ps || (ps.length === 1 && heads.has(ps[0]!.text))) {
        if (lines[k]!.cells.join('').trim() === '' && ++blanks > 3) break;
        kinds.push('gap');
        continue;
      }
      const cols = ps.map(columnOf);
      // A sentence ends the table, but not a wrapped cell's last line ending with 。 under a column of text
      // (偏差原因分析及改进措施 … "已落实场地。").
      if (isHeaderPieces(ps) || ps.some((p, i) => p.text.length > MAX_PIECE || (/[。！？]$/.test(p.text) && !isTextColumn(cols[i])))) break;
      const figures = ps.filter(isFigurePiece).length;
      // A line printing figures is a row, though its label reads like a heading ("一、基本支出").
      // Labels awaiting their parts ("按收入性质分：    按支出性质分：") are a row of their own, not wrapped text.
      // So is one such label alone on its line ("按收入性质分：" over its parts): it is no wrapped piece of the row above.
      const colonLabels = figures === 0 ? ps.filter((p) => /[：:]$/.test(p.text)).length : 0;
      const isRow = (figures >= 2 || colonLabels >= 2 || (colonLabels === 1 && ps.length === 1 && ps[0]!.text.length >= 5)) && cols.filter((c) => c === -1).length <= 3;
      if (!isRow && (TABLE_END_LINE.test(lines[k]!.cells[0]!) || ps.some((p) => FORM_PART.test(p.text.replace(/\s/g, ''))))) break;
      // A total closes the table (unless it is its first row, as in a funding table): what follows is not its text.
      if (afterTotal >= 0 && (k - afterTotal > 1 || !isRow)) break;
      if (isRow) {
        if (TOTAL_LABEL.test(ps[0]!.text.replace(/\s/g, '')) && kinds.includes('row')) afterTotal = k;
        kinds.push('row');
      } else if (figures === 0 && ps.every((p, i) => cols[i] !== undefined && (cols[i] !== -1 || leftOk(p)))) kinds.push('text');
      else break;
      blanks = 0;
      end = k + 1;
    }
    kinds.length = end - h - 1;
    // A wrapped cell never has a blank line inside it: text after a blank line belongs to a row below it, and where
    // no row follows before the next blank line, the table ended at that blank line.
    for (let i = 0; i < kinds.length; i++) {
      if (kinds[i] !== 'gap' || kinds[i + 1] !== 'text') continue;
      let j = i + 1;
      while (j < kinds.length && kinds[j] === 'text') j++;
      if (kinds[j] !== 'row') {
        kinds.length = i;
        return { kinds, end: h + 1 + i };
      }
      // Before a total (which takes no wrapped text) the lines are left as they are.
      if (TOTAL_LABEL.test((all[h + 1 + j]?.[0]?.text ?? '').replace(/\s/g, ''))) for (let x = i + 1; x < j; x++) kinds[x] = 'gap';
    }
    return { kinds, end };
  };
  const firstPass = scan(() => true);
  const rowLines0 = firstPass.kinds.map((x, i) => (x === 'row' ? h + 1 + i : -1)).filter((x) => x >= 0);
  if (rowLines0.length < 1) return undefined;
  // Row labels between the first two columns, under no header word: a column of their own, the header's first word
  // being the merged label of a group ("项目资金" over "年度资金总额", "其中：当年财政拨款" …; "（元）" below it).
  if (columns.length >= 2) {
    const inner: Column[] = [];
    for (const k of rowLines0) {
      for (const p of all[k]!) {
        const end = p.at + displayWidth(p.text);
        if (isFigurePiece(p) || columnOf(p) !== undefined || p.at < columns[0]!.end - 1 || end > columns[1]!.at + 1) continue;
        const i = inner.findIndex((c) => p.at < c.end && c.at < end);
        if (i >= 0) inner[i] = { at: Math.min(inner[i]!.at, p.at), end: Math.max(inner[i]!.end, end) };
        else inner.push({ at: p.at, end });
      }
    }
    if (inner.length) columns.splice(1, 0, ...inner.sort((a, b) => a.at - b.at));
  }
  // Left-of-table label columns: the distinct starts of row labels printed before the first column. One character
  // is a merged label printed downwards (绩 ⏎ 效 ⏎ 指 ⏎ 标), not a row's label.
  const leftStarts: number[] = [];
  for (const k of rowLines0) for (const p of all[k]!) if (columnOf(p) === -1 && [...p.text].length > 1 && !leftStarts.some((x) => Math.abs(x - p.at) <= 3)) leftStarts.push(p.at);
  leftStarts.sort((a, b) => a - b);
  // Without row labels there, wrapped text left of the table is a merged label (绩效指标) of one column.
  const textLeft = leftStarts.length ? undefined : all.slice(h + 1, firstPass.end).flatMap((ps) => ps?.filter((p) => columnOf(p) === -1) ?? [])[0]?.at;
  const { kinds, end } = scan((p) => (leftStarts.length ? leftStarts.some((x) => Math.abs(x - p.at) <= 3) : textLeft !== undefined && Math.abs(textLeft - p.at) <= 3));
  const rowLines = kinds.map((x, i) => (x === 'row' ? h + 1 + i : -1)).filter((x) => x >= 0);
  const lefts = leftStarts.length;
  const leftOf = (p: Piece) => {
    let best = 0;
    leftStarts.forEach((x, i) => {
      if (Math.abs(x - p.at) <= 3) best = i;
    });
    return best;
  };
  const width = lefts + columns.length;
  const slot = (p: Piece) => {
    const c = columnOf(p);
    return c === undefined ? undefined : c === -1 ? leftOf(p) : lefts + c;
  };
  const newCells = () => Array.from({ length: width }, () => ({ above: [] as string[], own: '', below: [] as string[] }));
  /** A row's piece under no column within reach: the column nearest its middle (a row's cell is never dropped). */
  const nearest = (p: Piece): number => {
    const mid = p.at + displayWidth(p.text) / 2;
    let best = 0;
    columns.forEach((c, i) => {
      if (Math.abs((c.at + c.end) / 2 - mid) < Math.abs((columns[best]!.at + columns[best]!.end) / 2 - mid)) best = i;
    });
    return lefts + best;
  };
  const rows: CoreRow[] = rowLines.map((k) => {
    const cells = newCells();
    for (const p of all[k]!) {
      // A character of a merged label printed downwards beside the rows.
      if (columnOf(p) === -1 && !leftStarts.some((x) => Math.abs(x - p.at) <= 3)) continue;
      const s = slot(p) ?? nearest(p);
      if (s !== undefined) cells[s]!.own = cells[s]!.own ? `${cells[s]!.own}${p.text}` : p.text;
    }
    return { line: k, cells };
  });
  const headCells = newCells();
  for (const k of [h, ...extra]) for (const p of all[k]!) {
    const s = slot(p);
    if (s === undefined) continue;
    if (k === h) headCells[s]!.own = p.text;
    else (k < h ? headCells[s]!.above : headCells[s]!.below).push(p.text);
  }
  // Wrapped text to the nearer row — before its text when above it, after when below; a total row takes none. A
  // piece as near to both is placed last, where it keeps its cell's text centred on its row (a merged or wrapped
  // cell is printed around its row's line), and on a tie with the row above.
  const isTotal = (r: CoreRow) => r.cells.some((c) => TOTAL_LABEL.test(c.own.replace(/\s/g, '')));
  // Cells aligned to the top (no wrapped text before the first row, none nearer the row below it than the row above):
  // wrapped text is always the continuation of the row above it.
  // Per column too: a form may print its names at the top of their cells and its reasons centred.
  const textLines = kinds.map((x, i) => (x === 'text' ? h + 1 + i : -1)).filter((k) => k >= 0);
  const nearerUp = (k: number) => {
    const down = rows.find((r) => r.line > k);
    const up = [...rows].reverse().find((r) => r.line < k);
    return up !== undefined && (!down || k - up.line <= down.line - k);
  };
  const topAligned = rows.length > 0 && textLines.every(nearerUp);
  const columnTop = new Map<number, boolean>();
  for (const k of textLines) {
    for (const p of all[k]!) {
      const s = slot(p);
      if (s !== undefined) columnTop.set(s, (columnTop.get(s) ?? true) && nearerUp(k));
    }
  }
  const ties: { k: number; p: Piece; s: number; up: CoreRow; down: CoreRow }[] = [];
  kinds.forEach((x, i) => {
    if (x !== 'text') return;
    const k = h + 1 + i;
    let up: CoreRow | undefined;
    let down: CoreRow | undefined;
    for (const r of rows) {
      if (r.line < k) up = r;
      else if (!down) down = r;
    }
    if (up && isTotal(up)) up = undefined;
    if (down && isTotal(down)) down = undefined;
    for (const p of all[k]!) {
      const s = slot(p);
      // A label of the whole table printed beside its rows (绩效指标, 项目资金) where no row has a label of its own there.
      if (s === undefined || (!leftStarts.length && columnOf(p) === -1)) continue;
      if ((topAligned || columnTop.get(s)) && up) {
        up.cells[s]!.below.push(p.text);
        continue;
      }
      if (up && down && k - up.line === down.line - k) {
        ties.push({ k, p, s, up, down });
        continue;
      }
      const row = !down || (up && k - up.line < down.line - k) ? up : down;
      if (row) (k < row.line ? row.cells[s]!.above : row.cells[s]!.below).push(p.text);
    }
  });
  for (const { p, s, up, down } of ties) {
    const a = up.cells[s]!;
    const b = down.cells[s]!;
    const offUp = Math.abs(a.above.length - (a.below.length + 1));
    const offDown = Math.abs(b.above.length + 1 - b.below.length);
    if (offDown < offUp) b.above.push(p.text);
    else a.below.push(p.text);
  }
  const text = (c: { above: string[]; own: string; below: string[] }) => `${c.above.join('')}${c.own}${c.below.join('')}`;
  const header = headCells.map(text);
  const rowCells = rows.map((row) => row.cells.map(text));
  // A column of labels with no header word of its own beside an empty column headed by one (names printed left of a
  // centred 项目名称): the labels are that column's.
  for (let s = header.length - 2; s >= 0; s--) {
    if (header[s] !== '' || header[s + 1] === '' || !rowCells.every((r) => (r[s + 1] ?? '') === '') || !rowCells.some((r) => (r[s] ?? '') !== '')) continue;
    header[s] = header[s + 1]!;
    header.splice(s + 1, 1);
    for (const r of rowCells) r.splice(s + 1, 1);
  }
  const rebuilt: SourceLine[] = [{ ...lines[h]!, cells: header }];
  let r = 0;
  for (let k = h + 1; k < end; k++) {
    if (rows[r]?.line === k) {
      rebuilt.push({ ...lines[k]!, cells: rowCells[r]! });
      r++;
    } else if (kinds[k - h - 1] === 'gap' && !extra.includes(k)) rebuilt.push(lines[k]!);
  }
  return { lines: rebuilt, start: Math.min(h, ...extra), end };
}

const TOTAL_LABEL = /^(?:合计|总计|总分|得分合计)/;
/** The next part of a form (the national project form's 年度总体目标 block under its funds): it ends the table above. */
const FORM_PART = /^(?:年度总体目标|总体目标|预期目标|实际完成情况|年度绩效目标)$/;

/** Two pieces overlapping by half the narrower one's width or more. */
const overlapsMostly = (a: Piece, b: Piece): boolean => {
  const wa = displayWidth(a.text);
  const wb = displayWidth(b.text);
  return Math.min(a.at + wa, b.at + wb) - Math.max(a.at, b.at) >= Math.min(wa, wb) / 2;
};
