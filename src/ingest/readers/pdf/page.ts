/**
 * One page → its lines of cells, in reading order. The page is read in the direction most of its text runs; runs
 * inside a ruled table become the table's rows (`tables.ts`), the others visual lines split into cells at rules
 * and wide gaps (`lines.ts`); a running page number at the top or foot is dropped (`page-numbers.ts`).
 */
import { asMatrix, multiply, pageExtent, quarterTurns, readingFrame, type Matrix } from './geometry.ts';
import { findTables, tableOf, type TableGrid } from './grids.ts';
import type { PageLine, Rules, Run, Unit } from './layout.ts';
import { buildLine, groupLines } from './lines.ts';
import { dropPageNumbers } from './page-numbers.ts';
import type { PdfJs, PdfPage } from './pdfjs.ts';
import { lineRules, pageRules, ruleRuns } from './rules.ts';
import { tableRows } from './tables.ts';

/** The parts of a pdf.js text item the reader uses (the items of getTextContent also include marked content). */
interface TextItemLike {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
  readonly height: number;
}

function isTextItem(item: object): item is TextItemLike {
  return 'str' in item && typeof item.str === 'string' && 'transform' in item && Array.isArray(item.transform) && 'width' in item && typeof item.width === 'number';
}

/** The page's lines and table rows, top to bottom, each with the visual line it starts on; none for a page without text. */
export async function readPage(pdfjs: PdfJs, page: PdfPage): Promise<PageLine[]> {
  const viewport = page.getViewport({ scale: 1 });
  const toView = asMatrix(viewport.transform);
  const content = await page.getTextContent();
  const placed: { item: TextItemLike; m: Matrix }[] = [];
  const weight = new Map<number, number>();
  for (const item of content.items) {
    if (!isTextItem(item) || item.str === '') continue;
    const m = multiply(toView, asMatrix(item.transform));
    const quarter = quarterTurns(m);
    if (quarter === undefined) continue;
    placed.push({ item, m });
    if (item.str.trim() !== '') weight.set(quarter, (weight.get(quarter) ?? 0) + item.str.length);
  }
  if (weight.size === 0) return [];
  // Why one orientation: a page is read in the direction most of its text runs (a landscape table drawn rotated
  // on a portrait page reads as rows); diagonal watermarks and stray rotated labels would only interleave noise.
  const turns = [...weight.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const toReading = readingFrame(turns);

  const runs: Run[] = [];
  for (const { item, m } of placed) {
    if (quarterTurns(m) !== turns) continue;
    const [x, y] = toReading(m[4], m[5]);
    const size = item.height > 0 ? item.height : Math.hypot(m[2], m[3]);
    runs.push({ str: item.str, left: x, right: x + Math.max(0, item.width), y, size, space: item.str.trim() === '' });
  }
  if (!runs.some((r) => !r.space)) return [];

  let rules: Rules = { vertical: [], horizontal: [], fillEdges: [] };
  try {
    rules = pageRules(pdfjs, await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }), toView, toReading);
  } catch {
    // Why ignored: rules only refine cell boundaries; the text alone still gives lines.
  }
  let units: Unit[];
  try {
    units = pageUnits(runs, rules, findTables(rules));
  } catch {
    // Why: a drawing that cannot be read as tables leaves the page read line by line, as text outside tables is.
    units = pageUnits(runs, rules, []);
  }

  const [top, bottom] = pageExtent(viewport.width, viewport.height, toReading);
  dropPageNumbers(units, top, bottom);
  const lines: PageLine[] = [];
  let seen = 0;
  let above: Unit | undefined;
  for (const unit of units) {
    const line = seen + 1;
    seen += unit.count;
    if (unit.cells.every((c) => c === '')) continue;
    const { cells, grid } = unit;
    if (!grid) lines.push({ cells, line });
    else if (unit.table !== undefined) lines.push({ cells, line, grid, joinsAbove: above?.table === unit.table });
    else lines.push({ cells, line, grid, joinsAbove: above?.grid !== undefined && above.table === undefined && ruleRuns(lineRules(rules), grid.left, above.mid, unit.mid) });
    above = unit;
  }
  return lines;
}

/**
 * The page's lines and table rows in reading order: runs inside a ruled table become its rows (`tableRows`), the
 * others lines of cells (`buildLine`).
 */
function pageUnits(runs: readonly Run[], rules: Rules, grids: readonly TableGrid[]): Unit[] {
  const free: Run[] = [];
  const inTable: Run[][] = grids.map(() => []);
  for (const run of runs) {
    const t = tableOf(grids, run);
    if (t === undefined) free.push(run);
    else inTable[t]?.push(run);
  }
  const separators = lineRules(rules);
  const units: Unit[] = groupLines(free).map((group) => {
    const line = buildLine(group, separators);
    return { ...line, top: line.y - line.size, count: 1 };
  });
  grids.forEach((grid, t) => units.push(...tableRows(grid, inTable[t] ?? [], t)));
  // Why stable: lines on one baseline keep their order, and so do a table's rows.
  return units.sort((a, b) => a.top - b.top);
}

