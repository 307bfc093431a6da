/**
 * Rules drawn on a page (table borders), read from pdf.js's operator list, and the questions lines ask of them.
 */
import { asMatrix, multiply, type Matrix } from './geometry.ts';
import { FRAME_TOLERANCE, type HorizontalRule, type Rule, type Rules } from './layout.ts';
import type { PdfJs } from './pdfjs.ts';

/**
 * Line segments drawn on the page (table borders), in the reading frame. Why: producers (Word, WPS, LibreOffice)
 * pad cells by only a few points, so the gap between two cells' text is often narrower than a CJK character and
 * gaps alone cannot separate columns; the rule drawn between them can, and the horizontal rules tell a row whose
 * cells wrap onto several lines from several rows. A stroked path gives each of its straight segments; a filled
 * one its thin rectangles (borders drawn as bars) as rules, and the vertical edges of wider areas (shading) apart:
 * they still separate the cells of a line, as they always did, but build no table.
 */
export function pageRules(pdfjs: PdfJs, list: { fnArray: number[]; argsArray: unknown[] }, toView: Matrix, toReading: (x: number, y: number) => [number, number]): Rules {
  const { OPS } = pdfjs;
  const stroking = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const filling = new Set<number>([OPS.fill, OPS.eoFill]);
  const vertical: Rule[] = [];
  const horizontal: HorizontalRule[] = [];
  const fillEdges: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const addSegment = (ax: number, ay: number, bx: number, by: number) => {
    if (Math.abs(ax - bx) <= 1 && Math.abs(ay - by) >= 2) vertical.push({ x: (ax + bx) / 2, top: Math.min(ay, by), bottom: Math.max(ay, by) });
    else if (Math.abs(ay - by) <= 1 && Math.abs(ax - bx) >= 2) horizontal.push({ y: (ay + by) / 2, left: Math.min(ax, bx), right: Math.max(ax, bx) });
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && isNumbers(args)) ctm = multiply(ctm, asMatrix(args));
    else if (fn === OPS.paintFormXObjectBegin && Array.isArray(args)) {
      stack.push(ctm);
      const matrix: unknown = args[0];
      if (isNumbers(matrix)) ctm = multiply(ctm, asMatrix(matrix));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && Array.isArray(args)) {
      const op = Number(args[0]);
      const stroked = stroking.has(op);
      if (!stroked && !filling.has(op)) continue;
      const paths: unknown = args[1];
      const path: unknown = Array.isArray(paths) ? paths[0] : undefined;
      if (!(path instanceof Float32Array)) continue;
      const m = multiply(toView, ctm);
      const point = (x: number, y: number) => toReading(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
      for (const sub of subpaths(path, point)) {
        if (stroked) for (const [ax, ay, bx, by] of sub.segments) addSegment(ax, ay, bx, by);
        else if (sub.curved || !thinBar(sub.segments, vertical, horizontal)) {
          for (const [ax, ay, bx, by] of sub.segments) if (Math.abs(ax - bx) <= 1 && Math.abs(ay - by) >= 2) fillEdges.push({ x: (ax + bx) / 2, top: Math.min(ay, by), bottom: Math.max(ay, by) });
        }
      }
    }
  }
  return { vertical, horizontal, fillEdges };
}

/** A filled subpath that is a thin bar (≤ 4 pt across, ≥ 3× as long) is a rule along its middle; says if it was. */
function thinBar(segments: readonly (readonly [number, number, number, number])[], vertical: Rule[], horizontal: HorizontalRule[]): boolean {
  if (segments.length === 0) return false;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const [ax, ay, bx, by] of segments) {
    if (Math.abs(ax - bx) > 1 && Math.abs(ay - by) > 1) return false;
    x0 = Math.min(x0, ax, bx);
    x1 = Math.max(x1, ax, bx);
    y0 = Math.min(y0, ay, by);
    y1 = Math.max(y1, ay, by);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 4 && h >= Math.max(2, 3 * w)) vertical.push({ x: (x0 + x1) / 2, top: y0, bottom: y1 });
  else if (h <= 4 && w >= Math.max(2, 3 * h)) horizontal.push({ y: (y0 + y1) / 2, left: x0, right: x1 });
  else return false;
  return true;
}

function isNumbers(value: unknown): value is number[] {
  return (Array.isArray(value) || value instanceof Float32Array) && value.length >= 6 && [...value].every((v) => typeof v === 'number');
}

/**
 * Walks pdf.js's packed path (moveTo 0, lineTo 1, curveTo 2, closePath 3) and gives each subpath's straight
 * segments, mapped by `point`, and whether it has curves.
 */
function subpaths(path: Float32Array, point: (x: number, y: number) => [number, number]): { segments: [number, number, number, number][]; curved: boolean }[] {
  const out: { segments: [number, number, number, number][]; curved: boolean }[] = [];
  let current: { segments: [number, number, number, number][]; curved: boolean } | undefined;
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const segment = (nx: number, ny: number) => {
    const [ax, ay] = point(x, y);
    const [bx, by] = point(nx, ny);
    if (!current) out.push((current = { segments: [], curved: false }));
    current.segments.push([ax, ay, bx, by]);
  };
  for (let k = 0; k < path.length; ) {
    const op = path[k++];
    if (op === 0) {
      x = startX = path[k++] ?? 0;
      y = startY = path[k++] ?? 0;
      out.push((current = { segments: [], curved: false }));
    } else if (op === 1) {
      const nx = path[k++] ?? 0;
      const ny = path[k++] ?? 0;
      segment(nx, ny);
      x = nx;
      y = ny;
    } else if (op === 2) {
      k += 4;
      x = path[k++] ?? 0;
      y = path[k++] ?? 0;
      if (current) current.curved = true;
    } else if (op === 3) {
      if (x !== startX || y !== startY) segment(startX, startY);
      x = startX;
      y = startY;
    } else break;
  }
  return out;
}

/** The vertical rules that separate cells of lines outside tables. */
export function lineRules(rules: Rules): Rule[] {
  return rules.fillEdges.length === 0 ? rules.vertical : [...rules.vertical, ...rules.fillEdges];
}

/** Whether rules at `x` cover `from`..`to` without a gap: two rows of one table, not two tables one above the other. */
export function ruleRuns(rules: readonly Rule[], x: number, from: number, to: number): boolean {
  const along = rules.filter((r) => Math.abs(r.x - x) <= FRAME_TOLERANCE).sort((a, b) => a.top - b.top);
  let reached = from;
  for (const r of along) {
    if (r.top > reached + 1) break;
    reached = Math.max(reached, r.bottom);
    if (reached >= to) return true;
  }
  return false;
}
