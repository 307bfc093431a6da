/**
 * Ruled tables: the cell grid drawn on a page. Rules that meet form a drawing; a drawing with rules in both
 * directions becomes a grid of rows and columns, with merged cells where a rule between two grid cells is missing.
 */
import type { Rules, Run } from './layout.ts';

/** Rules this close (pt) are one rule; a rule ending this close to another meets it. */
const RULE_TOLERANCE = 1.5;
/** Most vertical × horizontal rules (after joining pieces) a page is searched for tables with. */
const MAX_RULE_PAIRS = 4_000_000;
/** Pieces of one rule this far apart (pt) are one rule: a dashed or dotted rule drawn dash by dash. */
const DASH_GAP = 3;
/** No column or row is narrower (pt): boundaries closer than this (a double border, a cell's shading inset) are one. */
const MIN_STRIP = 4;

/** A straight rule: `at` across its direction, `from`..`to` along it. */
interface Segment {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/** A cell boundary: the rules within `lo`..`hi` across it (a double rule, slightly misaligned pieces) count as one. */
interface Boundary {
  readonly lo: number;
  readonly hi: number;
  readonly mid: number;
}

/**
 * One ruled table on a page: the union of its column boundaries (`xs`) and of its row boundaries (`ys`) cut it
 * into grid cells; `anchor[row * columns + column]` is the grid cell at the top left of the drawn cell it belongs
 * to — itself, unless no rule separates it from the cell to its left or above (a merged cell).
 */
export interface TableGrid {
  readonly xs: readonly Boundary[];
  readonly ys: readonly Boundary[];
  readonly anchor: Int32Array;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/**
 * The ruled tables on a page. Rules that meet (within the tolerance) form one drawing; a drawing is a table when
 * it has vertical rules at two positions at least, horizontal ones at two heights and at least two columns. Why
 * connected drawings, not all rules of the page: two tables one above the other have different columns, and a
 * stray rule (a header line, an underline) must not cut a table.
 */
export function findTables(rules: Rules): TableGrid[] {
  const vertical = mergeCollinear(rules.vertical.map((r) => ({ at: r.x, from: r.top, to: r.bottom })));
  const horizontal = mergeCollinear(rules.horizontal.map((r) => ({ at: r.y, from: r.left, to: r.right })));
  if (vertical.length === 0 || horizontal.length < 2) return [];
  // Why a limit: a technical drawing or map can hold tens of thousands of straight lines; it is no table, and
  // pairing its rules must not hold up the page.
  if (vertical.length * horizontal.length > MAX_RULE_PAIRS) return [];
  const nv = vertical.length;
  const parent = Array.from({ length: nv + horizontal.length }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    for (let k = i; parent[k] !== root; ) {
      const next = parent[k] ?? root;
      parent[k] = root;
      k = next;
    }
    return root;
  };
  // Horizontal rules by height, so each vertical rule only looks at those within its own height.
  const byY = horizontal.map((h, i) => ({ h, i })).sort((a, b) => a.h.at - b.h.at);
  const ys = byY.map((e) => e.h.at);
  for (const [vi, v] of vertical.entries()) {
    for (let k = lowerBound(ys, v.from - RULE_TOLERANCE); k < byY.length; k++) {
      const e = byY[k];
      if (!e || e.h.at > v.to + RULE_TOLERANCE) break;
      if (e.h.from - RULE_TOLERANCE <= v.at && v.at <= e.h.to + RULE_TOLERANCE) parent[find(vi)] = find(nv + e.i);
    }
  }
  const drawings = new Map<number, { v: Segment[]; h: Segment[] }>();
  for (let i = 0; i < parent.length; i++) {
    const root = find(i);
    let d = drawings.get(root);
    if (!d) drawings.set(root, (d = { v: [], h: [] }));
    if (i < nv) d.v.push(vertical[i] as Segment);
    else d.h.push(horizontal[i - nv] as Segment);
  }
  const tables: TableGrid[] = [];
  for (const d of drawings.values()) {
    const grid = d.v.length > 0 && d.h.length >= 2 ? buildGrid(d.v, d.h) : undefined;
    if (grid) tables.push(grid);
  }
  return tables;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if ((sorted[m] ?? 0) < value) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Rules on one line (within 1 pt) whose pieces overlap or nearly meet become one rule; others stay apart. */
function mergeCollinear(segments: readonly Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && (sorted[j]?.at ?? 0) - (sorted[j - 1]?.at ?? 0) <= 1) j++;
    const line = sorted.slice(i, j).sort((a, b) => a.from - b.from);
    const at = line.reduce((sum, s) => sum + s.at, 0) / line.length;
    let from = line[0]?.from ?? 0;
    let to = line[0]?.to ?? 0;
    for (const s of line.slice(1)) {
      if (s.from <= to + DASH_GAP) to = Math.max(to, s.to);
      else {
        out.push({ at, from, to });
        from = s.from;
        to = s.to;
      }
    }
    out.push({ at, from, to });
    i = j;
  }
  return out;
}

/** Positions closer than MIN_STRIP apart (in a chain) are one boundary. */
function boundaries(positions: readonly number[]): Boundary[] {
  const sorted = [...positions].sort((a, b) => a - b);
  const out: Boundary[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p - last.hi < MIN_STRIP) out[out.length - 1] = { lo: last.lo, hi: p, mid: (last.lo + p) / 2 };
    else out.push({ lo: p, hi: p, mid: p });
  }
  return out;
}

/** The segments lying on each boundary (within the tolerance), each list in order along the boundary. */
function onBoundaries(segments: readonly Segment[], bounds: readonly Boundary[]): Segment[][] {
  const out: Segment[][] = bounds.map(() => []);
  for (const s of segments) {
    for (const [i, b] of bounds.entries()) if (s.at >= b.lo - RULE_TOLERANCE && s.at <= b.hi + RULE_TOLERANCE) out[i]?.push(s);
  }
  for (const list of out) list.sort((a, b) => a.from - b.from);
  return out;
}

/** Length of `from`..`to` covered by segments (in order along the boundary). */
function coverage(segments: readonly Segment[], from: number, to: number): number {
  let covered = 0;
  let reached = from;
  for (const s of segments) {
    if (s.from >= to) break;
    const end = Math.min(to, s.to);
    if (end <= reached) continue;
    covered += end - Math.max(s.from, reached);
    reached = end;
  }
  return covered;
}

/**
 * The cell grid of one drawing. Columns: between consecutive vertical rule positions (and the ends of the
 * horizontal rules, for a table drawn without side borders); rows: between consecutive horizontal rule positions
 * (and the ends of the vertical rules, for a table cut by a page break without a closing rule). Two neighbouring
 * grid cells are one drawn cell when no rule runs along at least half of the edge between them.
 */
function buildGrid(vertical: readonly Segment[], horizontal: readonly Segment[]): TableGrid | undefined {
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const v of vertical) {
    left = Math.min(left, v.at);
    right = Math.max(right, v.at);
    top = Math.min(top, v.from);
    bottom = Math.max(bottom, v.to);
  }
  for (const h of horizontal) {
    left = Math.min(left, h.from);
    right = Math.max(right, h.to);
    top = Math.min(top, h.at);
    bottom = Math.max(bottom, h.at);
  }
  const xs = boundaries([left, right, ...vertical.map((v) => v.at)]);
  const ys = boundaries([top, bottom, ...horizontal.map((h) => h.at)]);
  // Why two vertical rule positions at least: a table ruled only across, with one rule after its stub column (a
  // three-line table), would otherwise read as two columns with all figures in the second; its lines are better
  // split at their gaps.
  if (xs.length < 3 || boundaries(vertical.map((v) => v.at)).length < 2 || boundaries(horizontal.map((h) => h.at)).length < 2) return undefined;
  const columns = xs.length - 1;
  const rows = ys.length - 1;
  const cells = rows * columns;
  if (cells > 100_000) return undefined;

  const parent = new Int32Array(cells);
  for (let i = 0; i < cells; i++) parent[i] = i;
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    return root;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const alongX = onBoundaries(vertical, xs);
  const alongY = onBoundaries(horizontal, ys);
  for (let r = 0; r < rows; r++) {
    const from = ys[r]?.mid ?? 0;
    const to = ys[r + 1]?.mid ?? 0;
    for (let c = 1; c < columns; c++) {
      if (coverage(alongX[c] ?? [], from, to) < 0.5 * (to - from)) union(r * columns + c - 1, r * columns + c);
    }
  }
  for (let c = 0; c < columns; c++) {
    const from = xs[c]?.mid ?? 0;
    const to = xs[c + 1]?.mid ?? 0;
    for (let r = 1; r < rows; r++) {
      if (coverage(alongY[r] ?? [], from, to) < 0.5 * (to - from)) union((r - 1) * columns + c, r * columns + c);
    }
  }
  // Why the smallest index is the root: in row-major order it is the drawn cell's top row, then its left column.
  const anchor = new Int32Array(cells);
  for (let i = 0; i < cells; i++) anchor[i] = find(i);
  return { xs, ys, anchor, left: xs[0]?.mid ?? left, right: xs[columns]?.mid ?? right, top: ys[0]?.mid ?? top, bottom: ys[rows]?.mid ?? bottom };
}

/** The table whose frame holds the middle of the run (the smallest, for a table drawn inside another's cell). */
export function tableOf(grids: readonly TableGrid[], run: Run): number | undefined {
  const x = (run.left + run.right) / 2;
  const y = run.y - 0.35 * run.size;
  let best: number | undefined;
  let bestArea = Infinity;
  for (const [i, g] of grids.entries()) {
    if (x < g.left - RULE_TOLERANCE || x > g.right + RULE_TOLERANCE || y < g.top - RULE_TOLERANCE || y > g.bottom + RULE_TOLERANCE) continue;
    const area = (g.right - g.left) * (g.bottom - g.top);
    if (area < bestArea) {
      best = i;
      bestArea = area;
    }
  }
  return best;
}
