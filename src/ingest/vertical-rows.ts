/**
 * A table flattened one cell per line — a web table a page turned into text or a converter into a Word table whose
 * every row has one cell ("主管部门" ⏎ "某县某局" ⏎ "实施单位" ⏎ …) — put back into rows where the form's own words make
 * the rows certain. Shared by the text reader (`readers/pipes.ts`, cells typed with `|`) and the segmenter (a reader
 * table — DOCX, HTML, XLSX, PDF — whose rows are all one cell), so both read the same shape the same way.
 *
 * Pure: no I/O.
 */
import {
  type HeaderKind,
  UNIT_MARK_RE,
  headerKind,
  isFigureCell,
  isLevel1Word,
  isMarkCell,
  isTableEndLabel,
  isValueLabel,
} from '../core/text/form-words.ts';

/** A row as the caller keeps it: its cells, and whatever else it carries (its line), copied onto a rebuilt row. */
export interface VerticalRow {
  readonly cells: readonly string[];
}

/** A row label: a short text, not a figure or a mark. */
export function isLabelCell(cell: string): boolean {
  return cell !== '' && cell.length <= 30 && !isFigureCell(cell) && !isMarkCell(cell);
}

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
export function rebuildVertical<T extends VerticalRow>(block: readonly T[]): T[] {
  const out: T[] = [];
  const single = (r: T) => r.cells.length === 1;
  for (let k = 0; k < block.length; ) {
    if (!single(block[k]!)) {
      out.push(block[k]!);
      k++;
      continue;
    }
    // The run of one-cell lines from k.
    let end = k;
    while (end < block.length && single(block[end]!)) end++;
    rebuildRun(block.slice(k, end), out);
    k = end;
  }
  return out;
}

function rebuildRun<T extends VerticalRow>(run: readonly T[], out: T[]): void {
  const cell = (i: number) => run[i]?.cells[0] ?? '';
  const row = (from: number, to: number, cells?: string[]): T => ({ ...run[from]!, cells: cells ?? run.slice(from, to).map((r) => r.cells[0]!) });
  for (let i = 0; i < run.length; ) {
    const c = cell(i);
    if (isValueLabel(c) && i + 1 < run.length) {
      const v = cell(i + 1);
      if (v !== '' && v.length <= 80 && !isFormWord(v) && !isFigureCell(v)) {
        out.push(row(i, i + 2));
        i += 2;
        continue;
      }
    }
    const header = headerRun(run, i);
    if (header) {
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
        i = indicatorRows(run, header.end, names.length, out);
      }
      continue;
    }
    out.push(run[i]!);
    i++;
  }
}

/** A word of the form itself, never the value of a label. */
const isFormWord = (c: string) => isValueLabel(c) || headerKind(c) !== undefined || isTableEndLabel(c) || isLevel1Word(c);

/** Three or more column words from `at`, among them an amount (a funds header) or a level (an indicator header). */
function headerRun(run: readonly VerticalRow[], at: number): { end: number; kind: 'fund' | 'indicator' } | undefined {
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

/** Trailing free-text columns of a header (原因, 备注): rows may leave them out where the page merged them. */
function textColumnsAtEnd(names: readonly string[]): number {
  let n = 0;
  for (let k = names.length - 1; k >= 0 && headerKind(names[k]!) === 'text'; k--) n++;
  return n;
}

const isValueOrEmpty = (c: string) => c === '' || isFigureCell(c) || isMarkCell(c);

/** The funds rows after their header: each a label and its figures. Returns where they end. */
function fundRows<T extends VerticalRow>(run: readonly T[], from: number, names: readonly string[], out: T[]): number {
  const max = names.length;
  const min = max - textColumnsAtEnd(names);
  let i = from;
  let skipped = 0;
  while (i < run.length) {
    const c = run[i]!.cells[0]!;
    if (c === '') {
      out.push(run[i]!);
      i++;
      continue;
    }
    if (isLabelCell(c) && headerKind(c) === undefined) {
      let j = i + 1;
      while (j < run.length && j - i - 1 < max && isValueOrEmpty(run[j]!.cells[0]!)) j++;
      const values = run.slice(i + 1, j).map((r) => r.cells[0]!);
      // Empty cells at the end may be the next rows' separators: only those the header has room for are the row's.
      const filled = values.filter((v) => v !== '').length;
      const next = run[j]?.cells[0];
      const overflows = j - i - 1 === max && next !== undefined && isValueOrEmpty(next) && next !== '';
      if (filled >= 2 && values.length >= min && !overflows) {
        out.push({ ...run[i]!, cells: [c, ...values] });
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

/** The indicator rows after their header: each from a first-level word, exactly `width` cells. */
function indicatorRows<T extends VerticalRow>(run: readonly T[], from: number, width: number, out: T[]): number {
  let i = from;
  while (i < run.length) {
    const c = run[i]!.cells[0]!;
    if (c === '') {
      out.push(run[i]!);
      i++;
      continue;
    }
    if (!isLevel1Word(c)) break;
    let j = i + 1;
    while (j < run.length && !isLevel1Word(run[j]!.cells[0]!) && !isTableEndLabel(run[j]!.cells[0]!) && j - i <= width) j++;
    let cells = run.slice(i, j).map((r) => r.cells[0]!);
    if (cells.length === width + 1 && cells[width] === '') cells = cells.slice(0, width);
    if (cells.length !== width) break;
    // The row's cells must end where the next row (or the table's end, or the run's) begins.
    const next = run[j]?.cells[0];
    if (next !== undefined && !isLevel1Word(next) && !isTableEndLabel(next) && next !== '') break;
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
