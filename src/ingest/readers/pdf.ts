/**
 * PDF documents → visual lines of cells, read with pdf.js (pdfjs-dist, legacy build for Node) fully offline.
 *
 * A PDF has no lines or cells, only positioned runs of glyphs and drawn rules. This reader rebuilds what a person
 * sees. Inside a ruled table (rules drawn on the page that meet to form a grid) the grid gives the rows and cells:
 * one line per grid row and one cell per grid column, as a DOCX table gives them — a cell's wrapped lines joined
 * into one text, a cell merged across columns as its text then empty cells, a cell merged down as its text in its
 * top row and empty cells below. Elsewhere runs on one baseline form a line (top to bottom per page); within it a
 * cell boundary is a vertical rule drawn between two runs, or a gap much wider than the line's characters (tables
 * without rules, label–value pairs); everything else is concatenated. Running page numbers are dropped. Rows of one
 * ruled table share a `table` index, across a page break too; rejoining a row the break split is the segmenter's.
 *
 * pdf.js runs in a worker thread, reused from document to document. Why: in Node pdf.js does all its parsing
 * synchronously on the thread that calls it, and a damaged file can keep it busy for minutes (one wrong Encoding
 * index in an embedded Type1 font costs ~50 s); only a worker can be stopped. It also keeps pdf.js's global
 * polyfills out of the application.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import type { Problem } from '../../core/problem.ts';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, type SourceLine } from '../source.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
type Matrix = readonly [number, number, number, number, number, number];

interface PdfjsSetup {
  readonly pdfjs: PdfJs;
  /** Folders of pdf.js's data files (CJK CMaps, the standard 14 fonts, wasm decoders, ICC profiles). */
  readonly cMapUrl: string;
  readonly standardFontDataUrl: string;
  readonly wasmUrl: string;
  readonly iccUrl: string;
}

let setup: Promise<PdfjsSetup> | undefined;

/** Why lazy and once: pdf.js is ~4 MB of JavaScript (~60 ms to load); importing this module must stay cheap. */
function loadPdfjs(): Promise<PdfjsSetup> {
  setup ??= (async () => {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const workerSrc = pathToFileURL(join(root, 'legacy', 'build', 'pdf.worker.mjs')).href;
    // Why: the legacy build bundles core-js, which replaces Array.prototype.push (2–3× slower for every array in
    // the process afterwards) and JSON.parse on Node 20; pdf.js needs neither replacement, so the natives go back.
    const push = Array.prototype.push;
    const parse = JSON.parse;
    let pdfjs: PdfJs;
    try {
      // Why the worker too: in Node pdf.js runs its "worker" on the main thread (a fake worker); importing it here
      // (it registers itself as globalThis.pdfjsWorker) keeps all the module side effects inside this window.
      const loaded = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(workerSrc) as Promise<unknown>]);
      pdfjs = loaded[0];
    } finally {
      Array.prototype.push = push;
      JSON.parse = parse;
    }
    pdfjs.GlobalWorkerOptions.workerSrc = workerSrc;
    // Why paths with a trailing slash, not URLs: in Node pdf.js reads these with fs.readFile, which rejects file://.
    const folder = (name: string) => join(root, name) + '/';
    return { pdfjs, cMapUrl: folder('cmaps'), standardFontDataUrl: folder('standard_fonts'), wasmUrl: folder('wasm'), iccUrl: folder('iccs') };
  })();
  setup.catch(() => {
    setup = undefined;
  });
  return setup;
}

/** No progress (opening the file, or one page) for this long means pdf.js is stuck on a damaged file. */
const STALL_MS = 5000;
const WORKER_MARK = 'jixiao-pdf-reader';

export async function readPdf(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<ReadResult> {
  // Why a copy (and not bytes.slice(), which on a Buffer is a view): the copy's buffer is transferred to the worker.
  const data: Uint8Array<ArrayBuffer> = new Uint8Array(bytes);
  try {
    return await pool.read(data, limits);
  } catch (e) {
    return fail('pdf-corrupt', { detail: shortMessage(e) });
  }
}

type ToWorker = { readonly id: number; readonly data: Uint8Array; readonly limits: ReadLimits };
type FromWorker = { readonly type: 'ready' } | { readonly type: 'progress'; readonly id: number } | { readonly type: 'done'; readonly id: number; readonly result: ReadResult };

function isFromWorker(message: unknown): message is FromWorker {
  return typeof message === 'object' && message !== null && 'type' in message && typeof message.type === 'string';
}

/**
 * Worker threads running pdf.js, one document each at a time, at most one per core (up to 4). An idle worker is
 * kept (unref'd, so it never holds the process open) because starting one and loading pdf.js costs ~100 ms. A
 * worker that stalls is terminated and the document refused; if no worker can start (e.g. a bundled build), the
 * document is read on this thread instead.
 */
class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: (() => void)[] = [];
  private readonly size = Math.max(1, Math.min(4, availableParallelism()));
  private busy = 0;
  private nextId = 0;
  private unavailable = false;

  async read(data: Uint8Array<ArrayBuffer>, limits: ReadLimits): Promise<ReadResult> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.busy++;
    try {
      const worker = this.idle.pop() ?? (this.unavailable ? undefined : await this.spawn());
      if (!worker) return await readInProcess(data, limits, () => undefined);
      return await this.run(worker, data, limits);
    } finally {
      this.busy--;
      this.queue.shift()?.();
    }
  }

  private spawn(): Promise<Worker | undefined> {
    return new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(workerBootstrap(), { eval: true, workerData: WORKER_MARK });
      } catch {
        this.unavailable = true;
        resolve(undefined);
        return;
      }
      // Why a listener that does nothing: an 'error' event without one would throw on this thread; the 'exit'
      // that follows drops the worker.
      worker.on('error', () => undefined);
      worker.once('exit', () => {
        const at = this.idle.indexOf(worker);
        if (at >= 0) this.idle.splice(at, 1);
      });
      const settle = (ready: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        if (!ready) {
          this.unavailable = true;
          void worker.terminate();
        }
        resolve(ready ? worker : undefined);
      };
      const onMessage = (message: unknown) => {
        if (isFromWorker(message) && message.type === 'ready') settle(true);
      };
      const onFailure = () => settle(false);
      const timer = setTimeout(onFailure, STALL_MS);
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', onFailure);
    });
  }

  private run(worker: Worker, data: Uint8Array<ArrayBuffer>, limits: ReadLimits): Promise<ReadResult> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      let timer = setTimeout(() => finish(fail('pdf-corrupt', { detail: `reading stopped: no progress for ${STALL_MS / 1000} s` }), false), STALL_MS);
      const finish = (result: ReadResult, reusable: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) {
          worker.unref();
          this.idle.push(worker);
        } else {
          void worker.terminate();
        }
        resolve(result);
      };
      const onMessage = (message: unknown) => {
        if (!isFromWorker(message) || message.type === 'ready' || message.id !== id) return;
        if (message.type === 'done') {
          finish(message.result, true);
          return;
        }
        timer.refresh();
      };
      const onError = (e: unknown) => finish(fail('pdf-corrupt', { detail: shortMessage(e) }), false);
      const onExit = (code: number) => finish(fail('pdf-corrupt', { detail: `the PDF reader stopped (exit code ${code})` }), false);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.ref();
      const request: ToWorker = { id, data, limits };
      worker.postMessage(request, [data.buffer]);
    });
  }
}

const pool = new WorkerPool();

/**
 * The worker's entry: imports this module, which then serves requests. Why through `eval`: under tsx (tests,
 * development) a worker thread does not inherit tsx's loader in Node 20, so it registers it before importing this
 * module's TypeScript source; built JavaScript is imported directly.
 */
function workerBootstrap(): string {
  const self = import.meta.url;
  let tsx: string | undefined;
  if (self.endsWith('.ts')) {
    try {
      tsx = import.meta.resolve('tsx/esm/api');
    } catch {
      tsx = undefined;
    }
  }
  const load = `() => import(${JSON.stringify(self)})`;
  return tsx ? `import(${JSON.stringify(tsx)}).then((tsx) => tsx.register()).then(${load});` : `(${load})();`;
}

function serve(port: MessagePort): void {
  // Why: pdf.js prints through console.log, some of it before `verbosity` applies (e.g. a warning at import when
  // the optional @napi-rs/canvas is missing); this thread runs nothing else, so its console is silenced.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => undefined;
  port.on('message', (message: ToWorker) => {
    const { id, data, limits } = message;
    const progress = () => port.postMessage({ type: 'progress', id } satisfies FromWorker);
    void readInProcess(data, limits, progress)
      .catch((e: unknown) => fail('pdf-corrupt', { detail: shortMessage(e) }))
      .then((result) => port.postMessage({ type: 'done', id, result } satisfies FromWorker));
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

/**
 * Reads a PDF with pdf.js on the calling thread. `data` is consumed: pdf.js transfers its buffer to the fake worker.
 * `progress` is called after the file is opened and after each page, for the watchdog.
 */
async function readInProcess(data: Uint8Array, limits: ReadLimits, progress: () => void): Promise<ReadResult> {
  let env: PdfjsSetup;
  try {
    env = await loadPdfjs();
  } catch (e) {
    return fail('pdf-corrupt', { detail: `pdf.js could not be loaded: ${shortMessage(e)}` });
  }
  const { pdfjs } = env;
  const task = pdfjs.getDocument({
    data,
    cMapUrl: env.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: env.standardFontDataUrl,
    wasmUrl: env.wasmUrl,
    iccUrl: env.iccUrl,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // Why 0: images are never needed (only text and rules), and skipping them keeps an OCR'd scan from
    // decoding a full-page JPEG per page when the operator list is built.
    maxImageSize: 0,
  });
  try {
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (e) {
      return loadFailure(e);
    }
    progress();
    return await readDocument(pdfjs, doc, limits, progress);
  } catch (e) {
    return loadFailure(e);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

function loadFailure(e: unknown): ReadResult {
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException') return fail('pdf-encrypted', {});
  return fail('pdf-corrupt', { detail: shortMessage(e) });
}

function fail(code: string, params: Record<string, string | number>): ReadResult {
  return { ok: false, problems: [{ code, path: [], params }] };
}

function shortMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const oneLine = message.replace(/\s+/g, ' ').trim() || 'unknown error';
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}

async function readDocument(pdfjs: PdfJs, doc: PdfDocument, limits: ReadLimits, progress: () => void): Promise<ReadResult> {
  const total = doc.numPages;
  if (!(total > 0)) return fail('pdf-corrupt', { detail: 'the file has no pages' });
  const pageCount = Math.min(total, Math.max(1, limits.maxPages));
  const warnings: Problem[] = [];
  if (total > pageCount) warnings.push({ code: 'pdf-too-many-pages', path: [], params: { pages: total, limit: pageCount } });

  const lines: SourceLine[] = [];
  const pagesWithoutText: number[] = [];
  const failedPages: string[] = [];
  const tables = new TableNumbering();
  let truncated = false;
  for (let pageNo = 1; pageNo <= pageCount && !truncated; pageNo++) {
    let page: PdfPage | undefined;
    let pageLines: PageLine[];
    try {
      page = await doc.getPage(pageNo);
      pageLines = await readPage(pdfjs, page);
    } catch (e) {
      failedPages.push(`page ${pageNo}: ${shortMessage(e)}`);
      tables.reset();
      continue;
    } finally {
      page?.cleanup();
      progress();
    }
    if (pageLines.length === 0) {
      pagesWithoutText.push(pageNo);
      tables.reset();
      continue;
    }
    for (const [i, line] of pageLines.entries()) {
      if (lines.length >= limits.maxLines) {
        truncated = true;
        break;
      }
      const table = tables.next(line, i === 0);
      lines.push({ cells: line.cells, loc: { page: pageNo, line: line.line }, ...(table === undefined ? {} : { table }), ...(i === 0 ? { pageStart: true } : {}) });
    }
  }

  if (lines.length === 0) {
    if (failedPages.length > 0) return fail('pdf-corrupt', { detail: failedPages[0] ?? '' });
    return fail('pdf-no-text', {});
  }
  if (failedPages.length > 0) warnings.push({ code: 'pdf-corrupt', path: [], params: { detail: failedPages.join('; ') } });
  if (pagesWithoutText.length > 0) warnings.push({ code: 'pdf-pages-without-text', path: [], params: { pages: pageRanges(pagesWithoutText) } });
  if (truncated) warnings.push({ code: 'too-many-lines', path: [], params: { limit: limits.maxLines } });
  return { ok: true, document: { format: 'pdf', lines, pages: total }, warnings };
}

/** 3, 5, 6, 7 → "3, 5–7". */
export function pageRanges(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    const start = pages[i] ?? 0;
    let end = start;
    while (pages[i + 1] === end + 1) {
      end++;
      i++;
    }
    parts.push(end === start ? String(start) : `${start}–${end}`);
    i++;
  }
  return parts.join(', ');
}

/**
 * Consecutive lines inside one ruled grid share a table index: on a page, when the grid's left border runs on from
 * the row above; across a page break, when the first line of the page sits in a grid with the same outer borders as
 * the last line of the page before (the running page number between them is dropped). Why the outer borders only:
 * inner rules change from row to row with merged cells, the outer frame does not.
 */
class TableNumbering {
  private count = 0;
  private last: (Grid & { readonly index: number }) | undefined;

  next(line: PageLine, pageStart: boolean): number | undefined {
    const { grid } = line;
    const previous = this.last;
    if (!grid) {
      this.last = undefined;
      return undefined;
    }
    const sameFrame = previous !== undefined && Math.abs(previous.left - grid.left) <= FRAME_TOLERANCE && Math.abs(previous.right - grid.right) <= FRAME_TOLERANCE;
    if (sameFrame && (pageStart || line.joinsAbove === true)) return previous.index;
    this.last = { index: this.count++, left: grid.left, right: grid.right };
    return this.last.index;
  }

  /** A page without text between two table rows means they are not known to be one table. */
  reset(): void {
    this.last = undefined;
  }
}

const FRAME_TOLERANCE = 2;

// ---------------------------------------------------------------------------------------------------------------
// One page

/** A run of text from getTextContent, in the page's reading frame: x to the right, y (baseline) downwards. */
interface Run {
  readonly str: string;
  readonly left: number;
  readonly right: number;
  readonly y: number;
  /** Font size along y; the height of a line of this text. */
  readonly size: number;
  /** Whitespace-only runs are where pdf.js saw a space; they separate words but are not text. */
  readonly space: boolean;
}

/** A vertical rule drawn on the page, in the reading frame. */
interface Rule {
  readonly x: number;
  readonly top: number;
  readonly bottom: number;
}

/** A horizontal rule drawn on the page, in the reading frame. */
interface HorizontalRule {
  readonly y: number;
  readonly left: number;
  readonly right: number;
}

interface Rules {
  /** Vertical strokes and thin filled bars: the rules tables are built from. */
  readonly vertical: Rule[];
  readonly horizontal: HorizontalRule[];
  /** Vertical edges of wider filled areas (shading); with `vertical`, they separate cells of lines outside tables. */
  readonly fillEdges: Rule[];
}

interface Grid {
  /** Outer left and right rules of a ruled grid of ≥ 2 columns. */
  readonly left: number;
  readonly right: number;
}

interface PageLine {
  readonly cells: string[];
  /** 1-based visual line of the page where the line (a table row: its first visual line) starts. */
  readonly line: number;
  /** The ruled grid the line sits in, when it is a table row. */
  readonly grid?: Grid;
  /** The line is the next row of the same table as the line above (same table on this page). */
  readonly joinsAbove?: boolean;
}

interface TextItemLike {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
  readonly height: number;
}

function isTextItem(item: object): item is TextItemLike {
  return 'str' in item && typeof item.str === 'string' && 'transform' in item && Array.isArray(item.transform) && 'width' in item && typeof item.width === 'number';
}

/**
 * What the page shows, in reading order: a line of text or a table row. Why one shape for both: rows and lines
 * interleave on a page, and page numbers and line numbering treat them alike.
 */
interface Unit {
  readonly cells: string[];
  /** Where it starts (y, downwards): the order on the page. */
  readonly top: number;
  /** Lowest baseline, for telling running page numbers (top or bottom margin) from content. */
  readonly y: number;
  /** Middle of the (first) line's text height, where rules are looked for. */
  readonly mid: number;
  /** Largest font size. */
  readonly size: number;
  /** Visual lines it takes on the page. */
  readonly count: number;
  readonly grid?: Grid;
  /** The ruled table (index among the page's tables) it is a row of. */
  readonly table?: number;
}

async function readPage(pdfjs: PdfJs, page: PdfPage): Promise<PageLine[]> {
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

/** The vertical rules that separate cells of lines outside tables. */
function lineRules(rules: Rules): Rule[] {
  return rules.fillEdges.length === 0 ? rules.vertical : [...rules.vertical, ...rules.fillEdges];
}

function asMatrix(values: readonly number[]): Matrix {
  return [values[0] ?? 1, values[1] ?? 0, values[2] ?? 0, values[3] ?? 1, values[4] ?? 0, values[5] ?? 0];
}

function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** The text direction in whole quarter turns (0 = left to right in the viewport), or undefined when diagonal. */
function quarterTurns(m: Matrix): number | undefined {
  const angle = Math.atan2(m[1], m[0]);
  const quarters = Math.round(angle / (Math.PI / 2));
  if (Math.abs(angle - quarters * (Math.PI / 2)) > 0.05) return undefined;
  return ((quarters % 4) + 4) % 4;
}

/** Maps a viewport point to the frame in which text turned `turns` quarter turns runs left to right. */
function readingFrame(turns: number): (x: number, y: number) => [number, number] {
  const cos = [1, 0, -1, 0][turns] ?? 1;
  const sin = [0, 1, 0, -1][turns] ?? 0;
  return (x, y) => [x * cos + y * sin, -x * sin + y * cos];
}

function pageExtent(width: number, height: number, toReading: (x: number, y: number) => [number, number]): [number, number] {
  const ys = [toReading(0, 0), toReading(width, 0), toReading(0, height), toReading(width, height)].map((p) => p[1]);
  return [Math.min(...ys), Math.max(...ys)];
}

/**
 * Runs on one baseline form a line. Why 0.45 × font size: superscripts sit about a third of the size higher and
 * belong to their line, while the next line is at least one size further down.
 */
function groupLines(runs: readonly Run[]): Run[][] {
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

interface BuiltLine {
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
function buildLine(group: Run[], rules: readonly Rule[]): BuiltLine {
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
function cellText(runs: readonly Run[]): string {
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

/** Whether rules at `x` cover `from`..`to` without a gap: two rows of one table, not two tables one above the other. */
function ruleRuns(rules: readonly Rule[], x: number, from: number, to: number): boolean {
  const along = rules.filter((r) => Math.abs(r.x - x) <= FRAME_TOLERANCE).sort((a, b) => a.top - b.top);
  let reached = from;
  for (const r of along) {
    if (r.top > reached + 1) break;
    reached = Math.max(reached, r.bottom);
    if (reached >= to) return true;
  }
  return false;
}

const DASHES = /[\s\-‐‑‒–—―~～_·•]/g;
const PAGE_NUMBER = /^(?:\d{1,4}|[ivxlc]{1,7}|第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?|共\d{1,4}页[,，/／]?第\d{1,4}页|\d{1,4}[/／]\d{1,4}|page\d{1,4}(?:of\d{1,4})?)$/i;

/**
 * Drops a running page number ("- 3 -", "第 3 页", "3 / 12") when it is the first or last line, lies in the top or
 * bottom 12 % of the page and stands apart from the text next to it by more than running text's line spacing (1.3
 * line heights), so a number that merely ends a paragraph at the foot of a page stays. A table row is never one.
 */
function dropPageNumbers(units: Unit[], top: number, bottom: number): void {
  const margin = 0.12 * (bottom - top);
  const filled = (u: Unit) => u.cells.some((c) => c !== '');
  const isPageNumber = (u: Unit) => u.table === undefined && PAGE_NUMBER.test(u.cells.join('').replace(DASHES, ''));
  const apart = (u: Unit, neighbour: Unit | undefined) => neighbour === undefined || Math.abs(u.y - neighbour.y) >= 1.3 * Math.max(u.size, neighbour.size);
  const lastAt = units.findLastIndex(filled);
  const last = units[lastAt];
  if (last && last.y >= bottom - margin && isPageNumber(last) && apart(last, units.slice(0, lastAt).findLast(filled))) units.splice(lastAt, 1);
  const firstAt = units.findIndex(filled);
  const first = units[firstAt];
  if (first && first.y <= top + margin && isPageNumber(first) && apart(first, units.slice(firstAt + 1).find(filled))) units.splice(firstAt, 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Ruled tables: the cell grid drawn on the page

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
interface TableGrid {
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
function findTables(rules: Rules): TableGrid[] {
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
function tableOf(grids: readonly TableGrid[], run: Run): number | undefined {
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

/**
 * One unit per grid row, with one cell per grid column, as a DOCX table gives them: a drawn cell's text (all runs
 * inside it, in reading order) sits in its top row and left column; the grid cells it covers besides are empty.
 * A run belongs to the row its middle lies in and to the column it overlaps most (text overflowing a cell stays
 * with the cell it starts in when most of it is there). Rows without text are left out. A grid row that is
 * several table rows drawn without rules between them (see `looksStacked`) gives one unit per visual line.
 */
function tableRows(grid: TableGrid, runs: readonly Run[], table: number): Unit[] {
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

// ---------------------------------------------------------------------------------------------------------------
// Rules from the operator list

/**
 * Line segments drawn on the page (table borders), in the reading frame. Why: producers (Word, WPS, LibreOffice)
 * pad cells by only a few points, so the gap between two cells' text is often narrower than a CJK character and
 * gaps alone cannot separate columns; the rule drawn between them can, and the horizontal rules tell a row whose
 * cells wrap onto several lines from several rows. A stroked path gives each of its straight segments; a filled
 * one its thin rectangles (borders drawn as bars) as rules, and the vertical edges of wider areas (shading) apart:
 * they still separate the cells of a line, as they always did, but build no table.
 */
function pageRules(pdfjs: PdfJs, list: { fnArray: number[]; argsArray: unknown[] }, toView: Matrix, toReading: (x: number, y: number) => [number, number]): Rules {
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

if (!isMainThread && workerData === WORKER_MARK && parentPort) serve(parentPort);
