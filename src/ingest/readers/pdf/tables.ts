/**
 * A ruled table's rows, rebuilt from its grid: one unit per grid row with one cell per grid column, as a DOCX
 * table gives them; a grid row that holds several table rows drawn without rules between them, one per line.
 */
import type { TableGrid } from './grids.ts';
import type { Grid, Run, Unit } from './layout.ts';
import { cellText, groupLines } from './lines.ts';

/**
 * One unit per grid row, with one cell per grid column, as a DOCX table gives them: a drawn cell's text (all runs
 * inside it, in reading order) sits in its top row and left column; the grid cells it covers besides are empty.
 * A run belongs to the row its middle lies in and to the column it overlaps most (text overflowing a cell stays
 * with the cell it starts in when most of it is there). Rows without text are left out. A grid row that is
 * several table rows drawn without rules between them (see `looksStacked`) gives one unit per visual line.
 */
export function tableRows(grid: TableGrid, runs: readonly Run[], table: number): Unit[] {
  const { xs, ys, anchor } = grid;
  const columns = xs.length - 1;
  const rows = ys.length - 1;
  const inCell = new Map<number, Run[]>();
  const cellOfRun = new Map<Run, number>();
  const inRow: Run[][] = Array.from({ length: rows }, () => []);
  for (const run of runs) {
    const y = run.y - 0.35 * run.size;
    let r = 0;
    while (r < rows - 1 && (ys[r + 1]?.mid ?? Infinity) <= y) r++;
    let c = 0;
    let most = -Infinity;
    for (let k = 0; k < columns; k++) {
      const overlap = Math.min(run.right, xs[k + 1]?.mid ?? 0) - Math.max(run.left, xs[k]?.mid ?? 0);
      if (overlap > most + 1e-6) {
        most = overlap;
        c = k;
      }
    }
    const cell = anchor[r * columns + c] ?? r * columns + c;
    let list = inCell.get(cell);
    if (!list) inCell.set(cell, (list = []));
    list.push(run);
    cellOfRun.set(run, cell);
    inRow[r]?.push(run);
  }
  const frame: Grid = { left: grid.left, right: grid.right };
  const units: Unit[] = [];
  const unit = (cells: string[], here: readonly Run[], top: number, count: number): Unit => {
    let size = 0;
    let y = top;
    for (const w of here) {
      if (w.space) continue;
      size = Math.max(size, w.size);
      y = Math.max(y, w.y);
    }
    return { cells, top, y, mid: top, size, count, grid: frame, table };
  };
  for (let r = 0; r < rows; r++) {
    const here = inRow[r] ?? [];
    const lines = groupLines(here);
    const top = ys[r]?.mid ?? 0;
    if (lines.length >= 3 && looksStacked(grid, r, lines, inCell, cellOfRun)) {
      for (const [k, line] of lines.entries()) {
        const byCell = new Map<number, Run[]>();
        for (const run of line) {
          const cell = cellOfRun.get(run) ?? 0;
          let list = byCell.get(cell);
          if (!list) byCell.set(cell, (list = []));
          list.push(run);
        }
        const cells = new Array<string>(columns).fill('');
        for (const [cell, list] of byCell) cells[cell % columns] = cellText(list);
        const lineTop = line.reduce((min, w) => Math.min(min, w.y - w.size), Infinity);
        units.push(unit(cells, line, k === 0 ? top : Math.max(top, lineTop), 1));
      }
      continue;
    }
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      const list = anchor[i] === i ? inCell.get(i) : undefined;
      cells.push(list ? cellText(list) : '');
    }
    units.push(unit(cells, here, top, lines.length));
  }
  return units;
}

/**
 * Whether a grid row holds several table rows whose separating rules are missing (a table drawn with column
 * rules only, or only some row rules): it has ≥ 3 visual lines, most of them with text in ≥ 2 cells; at least two
 * cells, and at least half of the cells with text, have several lines; and none of those reads as text wrapped
 * inside its cell (most of its lines but the last reaching the cell's right rule). Why so careful: a genuine row
 * whose cells wrap looks the same except for the wrapping, and splitting it would cut every cell into fragments.
 * A row with a cell merged into the row above or below is never split.
 */
function looksStacked(grid: TableGrid, r: number, lines: readonly Run[][], inCell: ReadonlyMap<number, readonly Run[]>, cellOfRun: ReadonlyMap<Run, number>): boolean {
  const { xs, anchor } = grid;
  const columns = xs.length - 1;
  for (let c = 0; c < columns; c++) {
    const a = anchor[r * columns + c] ?? 0;
    if (Math.floor(a / columns) !== r || anchor[(r + 1) * columns + c] === a) return false;
  }
  let spread = 0;
  for (const line of lines) {
    const cells = new Set<number>();
    for (const run of line) if (!run.space) cells.add(cellOfRun.get(run) ?? -1);
    if (cells.size >= 2) spread++;
  }
  if (2 * spread <= lines.length) return false;
  let filled = 0;
  let multi = 0;
  for (let c = 0; c < columns; c++) {
    const a = r * columns + c;
    const list = anchor[a] === a ? inCell.get(a) : undefined;
    if (!list?.some((w) => !w.space)) continue;
    filled++;
    const cellLines = groupLines(list);
    if (cellLines.length < 2) continue;
    multi++;
    let last = c;
    while (last + 1 < columns && anchor[r * columns + last + 1] === a) last++;
    if (wrapsInside(cellLines, xs[last + 1]?.lo ?? 0)) return false;
  }
  return multi >= 2 && 2 * multi >= filled;
}

const FIGURE_LINE = /^[-+−(（]?[\d.,，]+[)）]?[%％]?$/;

/** Most lines but the last end within 2.5 em (plus padding) of the cell's right rule; lines of figures do not count. */
function wrapsInside(lines: readonly Run[][], border: number): boolean {
  const body = lines.slice(0, -1);
  let full = 0;
  for (const line of body) {
    let right = -Infinity;
    let size = 0;
    let text = '';
    for (const w of line) {
      if (w.space) continue;
      right = Math.max(right, w.right);
      size = Math.max(size, w.size);
      text += w.str.replace(/\s+/g, '');
    }
    if (!FIGURE_LINE.test(text) && border - right <= 2.5 * size + 6) full++;
  }
  return full > 0 && 2 * full >= body.length;
}
