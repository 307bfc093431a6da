/**
 * A table flattened one cell per line — a web table a page turned into text or a converter into a Word table whose
 * every row has one cell ("主管部门" ⏎ "某县某局" ⏎ "实施单位" ⏎ …) — put back into rows where the form's own words make
 * the rows certain. Shared by the text reader (`readers/pipes.ts`, cells typed with `|`) and the segmenter (a reader
 * table — DOCX, HTML, XLSX, PDF — whose rows are all one cell), so both read the same shape the same way.
 *
 * Pure: no I/O.
 */
import { pageNumberLine } from '../core/text/normalize.ts';
import {
  type HeaderKind,
  UNIT_MARK_RE,
  headerKind,
  isFigureCell,
  isLevel1Word,
  isMarkCell,
  isTableEndLabel,
  isValueLabel,
  textColumnsAtEnd,
} from '../core/text/form-words.ts';

/** A row as the caller keeps it: its cells, and whatever else it carries (its line), copied onto a rebuilt row. */
export interface VerticalRow {
  readonly cells: readonly string[];
}

/** A row label: a short text, not a figure or a mark. */
export function isLabelCell(cell: string): boolean {
  return cell !== '' && cell.length <= 30 && !isFigureCell(cell) && !isMarkCell(cell);
}

/** Longer than any value label or column word with its unit and marks ("部门（单位）名称（公章）", "偏差原因分析及改进措施（万元）"). */
const MAX_LABEL = 32;

/** The most cells a header run may have (a form has a dozen columns at most). */
const MAX_HEADER = 16;

/**
 * A table flattened one cell per line ("主管部门 |" ⏎ "某县某局 |" ⏎ …), put back into rows where the form's words
 * make the rows certain; the other lines stay one cell each:
 * - a value label (项目名称, 主管部门, 实施单位, 部门（单位）名称 …) and the text on the next line: a two-cell row;
 * - three or more column words in a row (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, or 一级指标 | 二级指标 |
 *   三级指标 | 指标值 | …): the header row, and after it its rows —
 *   funds: a label and the figures after it (figures, marks, empty cells), as many as the header has value columns
 *   or fewer only by the free-text columns at its right (原因: a cell merged over the rows);
 *   indicators: from a first-level word (产出指标, 效益指标 …) to the next, exactly as many cells as the header (an
 *   empty cell more at the end: a row's end mark), every row starting with its first-level word.
 *   Anything else ends the table's rows: it is not guessed at.
 */
export function rebuildVertical<T extends VerticalRow>(block: readonly T[], options: { readonly pairs?: boolean } = {}): T[] {
  const pairs = options.pairs ?? true;
  const out: T[] = [];
  const single = (r: T) => r.cells.length === 1;
  // The last indicator header typed as a row: a run of one-cell lines right after its table goes on with its rows.
  let header: string[] | undefined;
  for (let k = 0; k < block.length; ) {
    if (!single(block[k]!)) {
      const cells = block[k]!.cells;
      if (isIndicatorHeader(cells)) header = [...cells];
      out.push(block[k]!);
      k++;
      continue;
    }
    // The run of one-cell lines from k.
    let end = k;
    while (end < block.length && single(block[end]!)) end++;
    rebuildRun(block.slice(k, end), out, header, pairs);
    header = undefined;
    k = end;
  }
  return out;
}

/** A page's footer or header line ("— 3 —", "第 2 页 共 5 页") standing between two rows of a table. */
const isPageLine = (c: string): boolean => c.length <= 24 && pageNumberLine(c.trim()) === 'certain';

/** Three or more column words, among them the indicator levels. */
function isIndicatorHeader(cells: readonly string[]): boolean {
  // Cheap first: a level word (一级指标, 三级指标, 指标名称) is among the cells.
  if (cells.length < 3 || !cells.some((c) => c.length <= MAX_LABEL && (c.includes('级') || c.includes('名称')))) return false;
  const kinds = cells.map(headerKind);
  return kinds.filter(Boolean).length >= 3 && kinds.includes('indicator-level');
}

/**
 * Column words a PDF-to-text step ran together on one line with a space between ("年初预算数 全年预算数 全年执行数",
 * "一级指标 二级指标", "分值 得分"): one line each, as the other header cells stand. Only where every part is a column word.
 */
function splitHeaderWords<T extends VerticalRow>(run: readonly T[]): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < run.length; i++) {
    const c = run[i]!.cells[0]!;
    const parts = c.length <= 60 && /\S\s+\S/.test(c) ? c.trim().split(/\s+/) : undefined;
    if (parts && parts.length >= 2 && parts.every((x) => headerKind(x) !== undefined)) {
      out ??= run.slice(0, i);
      for (const x of parts) out.push({ ...run[i]!, cells: [x] });
      continue;
    }
    out?.push(run[i]!);
  }
  return out ?? run;
}

function rebuildRun<T extends VerticalRow>(whole: readonly T[], out: T[], before?: readonly string[], pairs = true): void {
  const run = splitHeaderWords(whole);
  const cell = (i: number) => run[i]?.cells[0] ?? '';
  const row = (from: number, to: number, cells?: string[]): T => ({ ...run[from]!, cells: cells ?? run.slice(from, to).map((r) => r.cells[0]!) });
  let start = 0;
  if (before && !headerRun(run, 0)) start = tableRows(run, 0, before, out);
  for (let i = start; i < run.length; ) {
    const c = cell(i);
    // A label or a column word is short: a sentence is passed over without testing it (most lines of a report).
    if (c.length > MAX_LABEL) {
      out.push(run[i]!);
      i++;
      continue;
    }
    if (pairs && isValueLabel(c) && i + 1 < run.length) {
      const v = cell(i + 1);
      if (v !== '' && v.length <= 80 && !isFormWord(v) && !isFigureCell(v)) {
        out.push(row(i, i + 2));
        i += 2;
        continue;
      }
    }
    // A small score table: "评价内容" ⏎ "分值" ⏎ "得分", then a label and its figures per row, and its 合计.
    const scores = scoreHeader(run, i);
    if (scores) {
      out.push(row(i, scores));
      i = scoreRows(run, scores, scores - i - 1, out);
      continue;
    }
    // Column words of the rows' labels before the figures' header ("序号" ⏎ "项目名称" ⏎ "年初预算数" ⏎ …).
    const lead = leadWords(run, i);
    const header = headerRun(run, i + lead);
    if (header && lead && header.kind === 'fund') {
      const names = run.slice(i, header.end).map((r) => r.cells[0]!);
      out.push(row(i, header.end, names));
      const after = fundRows(run, header.end, names.slice(lead), out, names[0] === '序号' ? lead : 0);
      // Rows that are no label and figures (任务名称 | 项目 | 主要内容 | 批复金额 …): each cell by its column's kind.
      i = after === header.end ? tableRows(run, header.end, names, out) : after;
      continue;
    }
    if (header && !lead) {
      // A unit-bearing cell just before the header ("项目资金（万元）", "年度预算数（万元）") heads the label column;
      // else that column's header is left empty, as the rows' labels sit before the first value column.
      const prev = out[out.length - 1];
      const unitCell = prev && prev.cells.length === 1 && prev.cells[0]!.length <= 20 && UNIT_MARK_RE.test(prev.cells[0]!) && headerKind(prev.cells[0]!) === undefined;
      const names = run.slice(i, header.end).map((r) => r.cells[0]!);
      if (header.kind === 'fund') {
        if (unitCell) out.pop();
        out.push(row(i, header.end, [unitCell ? prev.cells[0]! : '', ...names]));
        i = fundRows(run, header.end, names, out);
      } else {
        out.push(row(i, header.end));
        i = tableRows(run, header.end, names, out);
      }
      continue;
    }
    out.push(run[i]!);
    i++;
  }
}

/** The label column's word of a small score table (评价内容 | 分值 | 得分). */
const SCORE_LEAD = /^(?:评价内容|评价指标|评价项目|评价维度|考核内容|评分项目|指标名称|一级指标|指标|项目|内容)$/;
const SCORE_LEAD_FIRST = new Set(['评', '考', '指', '一', '项', '内']);
/** Its figure columns: the weight and the score. */
const SCORE_COLUMN = /^(?:分值|权重|标准分值?|满分|(?:自评)?得分|自评分)(?:[（(]分[)）])?$/;

/** Where the header of a small score table that starts at `at` ends (exclusive), or undefined: a label word, then two or three score words. */
function scoreHeader(run: readonly VerticalRow[], at: number): number | undefined {
  const lead = run[at]?.cells[0] ?? '';
  // Why the first character first: this is asked of every short line of a document.
  if (!SCORE_LEAD_FIRST.has(lead.trimStart()[0] ?? '') || !SCORE_LEAD.test(lead.replace(/\s/g, ''))) return undefined;
  let end = at + 1;
  while (end < run.length && end - at <= 3 && SCORE_COLUMN.test(run[end]!.cells[0]!.replace(/\s/g, ''))) end++;
  return end - at - 1 >= 2 ? end : undefined;
}

/** The rows of a small score table: a label and exactly `n` figures each, the 合计 row included; where they end. */
function scoreRows<T extends VerticalRow>(run: readonly T[], from: number, n: number, out: T[]): number {
  let i = from;
  while (i + n < run.length) {
    const label = run[i]!.cells[0]!;
    if (label === '' || isPageLine(label)) {
      out.push(run[i]!);
      i++;
      continue;
    }
    const figures = run.slice(i + 1, i + 1 + n).map((r) => r.cells[0]!);
    if (!isLabelCell(label) || isFigureCell(label) || !figures.every((c) => isFigureCell(c) || isMarkCell(c))) break;
    out.push({ ...run[i]!, cells: [label, ...figures] });
    i += n + 1;
    if (/^(?:合计|总计|总分|得分合计)$/.test(label.replace(/\s/g, ''))) break;
  }
  return i;
}

/** Header words of a table's label columns: a sequence number, the item's name. */
const LEAD_WORD = /^(?:序号|项目名称|项目|名称|资金名称|项目\(单位\)名称|任务名称)$/;

const LEAD_FIRST = new Set(['序', '项', '名', '资', '任']);

/** How many label-column words (at most two) start a header at `at`. */
function leadWords(run: readonly VerticalRow[], at: number): number {
  let n = 0;
  while (n < 2 && at + n < run.length && run[at + n]!.cells[0]!.length <= 16 && LEAD_FIRST.has(run[at + n]!.cells[0]!.trim()[0] ?? '') && LEAD_WORD.test(run[at + n]!.cells[0]!.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')'))) n++;
  return n;
}

/** A word of the form itself, never the value of a label. */
const isFormWord = (c: string) => isValueLabel(c) || headerKind(c) !== undefined || isTableEndLabel(c) || isLevel1Word(c);

/** Three or more column words from `at`, among them an amount (a funds header) or a level (an indicator header). */
function headerRun(run: readonly VerticalRow[], at: number): { end: number; kind: 'fund' | 'indicator' } | undefined {
  const marked = markedRun(run, at);
  if (marked >= 3) return { end: at + marked, kind: 'fund' };
  const kinds = new Set<HeaderKind>();
  let end = at;
  while (end < run.length && end - at < MAX_HEADER) {
    const k = headerKind(run[end]!.cells[0]!);
    if (!k) break;
    kinds.add(k);
    end++;
  }
  if (end - at < 3) return undefined;
  if (kinds.has('indicator-level')) return { end, kind: 'indicator' };
  if (kinds.has('fund-amount')) return { end, kind: 'fund' };
  return undefined;
}

const MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * How many column words from `at` carry the circled marks of a table whose header prints its formulas, in order
 * (年初安排金额① ⏎ 历年结余结转② ⏎ 小计④=①+②+③ …): each short, its first mark the next one. A row label that
 * starts with a mark ("①中央财政资金") is followed by figures, not by the next mark, and makes no run.
 */
function markedRun(run: readonly VerticalRow[], at: number): number {
  // The marks ①…⑳ are the code points U+2460…U+2473, in order.
  const first = (c: string) => {
    for (let i = 0; i < c.length; i++) {
      const k = c.charCodeAt(i) - 0x2460;
      if (k >= 0 && k < MARKS.length) return k;
    }
    return -1;
  };
  let n = 0;
  let last = -1;
  for (let i = at; i < run.length && n < MAX_HEADER; i++) {
    const c = run[i]!.cells[0]!;
    const k = c.length <= 40 ? first(c) : -1;
    if (k < 0 || (n > 0 && k !== last + 1)) break;
    last = k;
    n++;
  }
  return n;
}

const isValueOrEmpty = (c: string) => c === '' || isFigureCell(c) || isMarkCell(c);

/** The funds rows after their header: each a label and its figures. Returns where they end. */
function fundRows<T extends VerticalRow>(run: readonly T[], from: number, names: readonly string[], out: T[], seqColumns = 0): number {
  const max = names.length;
  const min = max - textColumnsAtEnd(names);
  let i = from;
  let skipped = 0;
  while (i < run.length) {
    const c = run[i]!.cells[0]!;
    if (c === '' || isPageLine(c)) {
      out.push(run[i]!);
      i++;
      continue;
    }
    // "1" ⏎ "某项目" ⏎ figures: a row of a table whose first column is 序号.
    const seq = seqColumns && /^\d{1,3}$/.test(c.trim()) && isLabelCell(run[i + 1]?.cells[0] ?? '') ? 1 : 0;
    const label = seq ? run[i + 1]!.cells[0]! : c;
    if (isLabelCell(label) && headerKind(label) === undefined) {
      const at = i + seq;
      let j = at + 1;
      while (j < run.length && j - at - 1 < max + 1 && isValueOrEmpty(run[j]!.cells[0]!)) j++;
      let values = run.slice(at + 1, j).map((r) => r.cells[0]!);
      // A row the page printed with an empty cell first (a merged cell beside 合计): the figures after it are the row's.
      if (values.length === max + 1 && values[0] === '') values = values.slice(1);
      else if (values.length > max) {
        values = values.slice(0, max);
        j = at + 1 + max;
      }
      // Empty cells at the end may be the next rows' separators: only those the header has room for are the row's.
      const filled = values.filter((v) => v !== '').length;
      const next = run[j]?.cells[0];
      const overflows = values.length === max && next !== undefined && isValueOrEmpty(next) && next !== '' && !(seqColumns && /^\d{1,3}$/.test(next.trim()));
      if (filled >= 2 && values.length >= min && !overflows) {
        const lead = seqColumns ? (seq ? [c, label] : ['', label]) : [label];
        out.push({ ...run[i]!, cells: [...lead, ...values] });
        i = j;
        skipped = 0;
        continue;
      }
    }
    // One cell of text between rows: the free-text column (原因) of the row above, printed once.
    if (c.length > 30 && skipped === 0 && !isTableEndLabel(c)) {
      out.push(run[i]!);
      skipped++;
      i++;
      continue;
    }
    break;
  }
  return i;
}

/** An indicator table's rows from `from`, each read whole (indicatorRows) or as a tail of the header (suffixRows), as long as either reads one. */
function tableRows<T extends VerticalRow>(run: readonly T[], from: number, names: readonly string[], out: T[]): number {
  let i = from;
  for (;;) {
    const next = indicatorRows(run, i, names.length, out);
    const after = suffixRows(run, next, names, out);
    if (after === i) return i;
    i = after;
  }
}

/** What a column holds, by its header word: a score or weight, a sentence (评价标准, 原因), a value, or a name. */
type CellClass = 'number' | 'long' | 'value' | 'name';

function classOf(headerCell: string): CellClass {
  const k = headerKind(headerCell);
  if (k === 'text') return 'long';
  if (/^(?:分值|权重|(?:自评)?得分|自评分|指标(?:分值|权重|得分))$/.test(headerCell.replace(/\s/g, '').replace(/[（(].*[）)]$/, ''))) return 'number';
  return k === 'indicator' || k === 'fund' || k === 'fund-amount' ? 'value' : 'name';
}

/** Second-level words of the national framework, which never stand for a reason. */
const LEVEL2_CELL = /^(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)(?:指标)?$/;

const NUMBERED_HEADING = /^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])/;

/** A heading or a sentence after a table ("三、存在的问题", a paragraph): where the table's last row ends. */
const isHeadingLine = (t: string): boolean => NUMBERED_HEADING.test(t) || /[。；]$/.test(t.trim());

const fitsClass = (cell: string, c: CellClass): boolean => {
  const t = cell.trim();
  if (c === 'number') return /^\d{1,3}(?:\.\d{1,4})?分?$/.test(t) || isMarkCell(t);
  // A sentence, a short reason ("天气影响"), or a mark for none ("无", "/") — never a figure, a level or a column word.
  // Nor a numbered heading after the table ("三、存在的问题").
  if (c === 'long') return t !== '' && !isFigureCell(t) && !isLevel1Word(t) && !LEVEL2_CELL.test(t) && headerKind(t) === undefined && !isTableEndLabel(t) && !NUMBERED_HEADING.test(t);
  if (c === 'value') return t !== '' && t.length <= 40 && !/[。；]/.test(t);
  return t !== '' && t.length <= 30 && !isFigureCell(t) && !isMarkCell(t) && !/[。；]/.test(t) && !VALUE_LIKE.test(t) && headerKind(t) === undefined && !isTableEndLabel(t);
};

/** A target or an actual, never a name: "≥6场", "7场", "95.2%", "1.5万册". */
const VALUE_LIKE = /^[≥≤<>=＞＜≧≦﹦＝]|^-?\d[\d.,]*\s*(?:万|亿)?[\u4e00-\u9fa5%‰％A-Za-z/]{0,4}$/;

/**
 * Rows of a table flattened one cell per line whose merged leading cells the page printed once (a scorecard:
 * 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 评价标准 | 得分, or an indicator table whose 一级/二级 cells stand on a
 * group's first row only): each row is the longest tail of the header whose cells fit their columns by kind — a score
 * under 分值/得分, a sentence under 评价标准/原因, a value under 指标值/完成值, a name elsewhere — followed by another
 * row's start, an empty line, the total or the run's end. A trailing sentence column may be left out (an empty 原因).
 * The row is put under the header's right-hand columns, its missing leading cells left empty. Anything that fits no
 * tail ends the rows.
 */
function suffixRows<T extends VerticalRow>(run: readonly T[], from: number, names: readonly string[], out: T[]): number {
  const classes = names.map(classOf);
  // Only a header whose classes tell rows apart: a name column, and a score column or three value columns (a target
  // split over 指标性质 | 指标值 | 度量单位 beside 实际完成值).
  if (!classes.includes('name') || !(classes.includes('number') || classes.filter((c) => c === 'value').length >= 3)) return from;
  const width = names.length;
  let textTail = 0;
  while (textTail < width && classes[width - 1 - textTail] === 'long') textTail++;
  const cellAt = (k: number) => run[k]?.cells[0] ?? '';
  const startsRow = (k: number) => k >= run.length || cellAt(k) === '' || isTableEndLabel(cellAt(k)) || isHeadingLine(cellAt(k)) || fitsClass(cellAt(k), 'name');
  let i = from;
  let rows = 0;
  while (i < run.length && !isTableEndLabel(cellAt(i)) && !isHeadingLine(cellAt(i))) {
    // An empty line between rows: an empty cell of the page (原因 left blank), not a break in the table; so is a
    // page's footer.
    if (cellAt(i) === '' || (rows && isPageLine(cellAt(i)))) {
      if (!rows) break;
      i++;
      continue;
    }
    let taken = 0;
    let span = 0;
    for (let k = width; k >= 2 && !taken; k--) {
      const tail = classes.slice(width - k);
      if (tail[0] !== 'name') continue;
      // With its sentence columns, or without them (left empty at the row's end).
      for (const drop of textTail && textTail < k ? [0, textTail] : [0]) {
        const n = k - drop;
        if (i + n > run.length || !tail.slice(0, n).every((c, j) => fitsClass(cellAt(i + j), c)) || !startsRow(i + n)) continue;
        taken = k;
        span = n;
        break;
      }
    }
    if (!taken) break;
    const cells = [...names.slice(0, width - taken).map(() => ''), ...run.slice(i, i + span).map((r) => r.cells[0]!), ...names.slice(0, taken - span).map(() => '')];
    out.push({ ...run[i]!, cells });
    i += span;
    rows++;
  }
  if (!rows) return from;
  // The total row: 合计 and its figures (分值, 得分), under the header's last number columns.
  if (i < run.length && /^(?:合计|总计|总分)$/.test(cellAt(i).replace(/\s/g, ''))) {
    let j = i + 1;
    while (j < run.length && j - i <= width && isFigureCell(cellAt(j))) j++;
    const values = run.slice(i + 1, j).map((r) => r.cells[0]!);
    const numberCols = classes.map((c, k) => (c === 'number' ? k : -1)).filter((k) => k >= 0);
    if (values.length >= 1 && values.length <= numberCols.length) {
      const cells = names.map(() => '');
      cells[0] = cellAt(i);
      numberCols.slice(-values.length).forEach((col, k) => (cells[col] = values[k]!));
      out.push({ ...run[i]!, cells });
      i = j;
    }
  }
  return i;
}

/** The indicator rows after their header: each from a first-level word, exactly `width` cells. */
function indicatorRows<T extends VerticalRow>(run: readonly T[], from: number, width: number, out: T[]): number {
  let i = from;
  while (i < run.length) {
    const c = run[i]!.cells[0]!;
    // An empty line, or a page's footer between two rows ("第 1 页 共 2 页"): the rows go on after it.
    if (c === '' || isPageLine(c)) {
      out.push(run[i]!);
      i++;
      continue;
    }
    if (!isLevel1Word(c)) break;
    // A row of exactly `width` cells that ends where another row, the table's end or the run's begins — its second
    // cell may itself be a first-level word of another framework (成本指标 under 产出指标).
    const exact = run[i + width]?.cells[0];
    if (i + width <= run.length && (exact === undefined || exact === '' || isPageLine(exact) || isLevel1Word(exact) || isTableEndLabel(exact) || isHeadingLine(exact)) && run.slice(i + 1, i + width).every((r) => !isTableEndLabel(r.cells[0]!))) {
      out.push({ ...run[i]!, cells: run.slice(i, i + width).map((r) => r.cells[0]!) });
      // An empty cell right after the row: its end mark (a web copy's empty last cell), not a line of its own.
      i += exact === '' && (i + width + 1 >= run.length || isLevel1Word(run[i + width + 1]!.cells[0]!) || isTableEndLabel(run[i + width + 1]!.cells[0]!)) ? width + 1 : width;
      continue;
    }
    let j = i + 1;
    while (j < run.length && !isLevel1Word(run[j]!.cells[0]!) && !isTableEndLabel(run[j]!.cells[0]!) && !isPageLine(run[j]!.cells[0]!) && j - i <= width) j++;
    let cells = run.slice(i, j).map((r) => r.cells[0]!);
    if (cells.length === width + 1 && cells[width] === '') cells = cells.slice(0, width);
    if (cells.length !== width) break;
    // The row's cells must end where the next row (or the table's end, or the run's) begins.
    const next = run[j]?.cells[0];
    if (next !== undefined && !isLevel1Word(next) && !isTableEndLabel(next) && next !== '' && !isPageLine(next)) break;
    out.push({ ...run[i]!, cells });
    i = j;
  }
  // The total row: "总分" and two figures (分值 and 得分). One figure alone may be either: it is left as it was.
  if (i < run.length && /^(?:合计|总计|总分)$/.test(run[i]!.cells[0]!.replace(/\s/g, ''))) {
    let j = i + 1;
    while (j < run.length && j - i <= width && isValueOrEmpty(run[j]!.cells[0]!)) j++;
    const values = run.slice(i + 1, j).map((r) => r.cells[0]!);
    if (values.filter(isFigureCell).length === 2) {
      out.push({ ...run[i]!, cells: [run[i]!.cells[0]!, ...values] });
      i = j;
    }
  }
  return i;
}
