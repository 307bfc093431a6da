/**
 * PDF documents → visual lines of cells, read with pdf.js (pdfjs-dist, legacy build for Node) fully offline.
 *
 * A PDF has no lines or cells, only positioned runs of glyphs. This reader rebuilds what a person sees: runs on
 * one baseline form a line (top to bottom per page); within a line a cell boundary is a vertical table rule drawn
 * between two runs, or a gap much wider than the line's characters (tables without rules, label–value pairs);
 * everything else is concatenated. Running page numbers are dropped. It does not recognise tables beyond marking
 * lines that sit inside the same ruled grid with a common `table` index — the segmenter does the rest.
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
      lines.push({ cells: line.cells, loc: { page: pageNo, line: i + 1 }, ...(table === undefined ? {} : { table }), ...(i === 0 ? { pageStart: true } : {}) });
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

interface Rule {
  readonly x: number;
  readonly top: number;
  readonly bottom: number;
}

interface Grid {
  /** Outer left and right rules of a ruled grid of ≥ 2 columns. */
  readonly left: number;
  readonly right: number;
}

interface PageLine {
  readonly cells: string[];
  /** The ruled grid the line sits in, when it is a table row. */
  readonly grid?: Grid;
  /** The grid's left border runs without a break from the line above to this one (same table on this page). */
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

  let rules: Rule[] = [];
  try {
    rules = verticalRules(pdfjs, await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }), toView, toReading);
  } catch {
    // Why ignored: rules only refine cell boundaries; the text alone still gives lines.
  }

  const [top, bottom] = pageExtent(viewport.width, viewport.height, toReading);
  const lines = groupLines(runs).map((group) => buildLine(group, rules));
  dropPageNumbers(lines, top, bottom);
  return lines.map(({ cells, grid, mid }, i) => {
    if (!grid) return { cells };
    const above = lines[i - 1];
    return { cells, grid, joinsAbove: above?.grid !== undefined && ruleRuns(rules, grid.left, above.mid, mid) };
  });
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
function groupLines(runs: Run[]): Run[][] {
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

/**
 * Joins a line's runs into cells. A new cell starts where a vertical rule lies between two runs, or where the gap
 * exceeds 1.5 × the line's average character width (about 1.5 CJK characters or 3 digits) — wider than any word
 * space, narrower than the space between columns of an unruled table. Within a cell: nothing between CJK
 * characters (an OCR layer often spaces every one), a single space where pdf.js saw one or the gap is ≥ 0.3 em.
 */
function buildLine(group: Run[], rules: readonly Rule[]): BuiltLine {
  const runs = [...group].sort((a, b) => a.left - b.left);
  // A word is a run with text; `spaceBefore` says pdf.js saw a space between it and the word before.
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
    const text = word.str.trim();
    if (previous === undefined) {
      cell = text;
      previous = word;
      continue;
    }
    const left = previous;
    const gap = word.left - left.right;
    const ruled = crossing.some((x) => x >= left.right - 1.5 && x <= word.left + 1.5 && x > left.left && x < word.right);
    if (ruled || (gap > bigGap && !letterSpaced)) {
      if (cell !== '') cells.push(cell);
      cell = text;
    } else {
      const cjkJoin = CJK.test(cell.slice(-1)) && CJK.test(text.charAt(0));
      const spaced = spaceBefore[i] === true || /\s$/.test(left.str) || /^\s/.test(word.str) || gap >= 0.3 * size;
      cell += !cjkJoin && spaced && cell !== '' && text !== '' ? ` ${text}` : text;
    }
    previous = word.right >= left.right ? word : left;
  }
  if (cell !== '') cells.push(cell);
  for (const [i, c] of cells.entries()) cells[i] = c.replace(CJK_SPACE_CJK, '$1');

  const grid = gridAround(crossing, words);
  return grid ? { cells, grid, y, mid, size } : { cells, y, mid, size };
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
 * line heights), so a number that merely ends a paragraph at the foot of a page stays.
 */
function dropPageNumbers(lines: BuiltLine[], top: number, bottom: number): void {
  const margin = 0.12 * (bottom - top);
  const isPageNumber = (line: BuiltLine) => PAGE_NUMBER.test(line.cells.join('').replace(DASHES, ''));
  const apart = (line: BuiltLine, neighbour: BuiltLine | undefined) => neighbour === undefined || Math.abs(line.y - neighbour.y) >= 1.3 * Math.max(line.size, neighbour.size);
  const last = lines[lines.length - 1];
  if (last && last.y >= bottom - margin && isPageNumber(last) && apart(last, lines[lines.length - 2])) lines.pop();
  const first = lines[0];
  if (first && first.y <= top + margin && isPageNumber(first) && apart(first, lines[1])) lines.shift();
}

// ---------------------------------------------------------------------------------------------------------------
// Vertical rules from the operator list

/**
 * Vertical line segments drawn on the page (table borders), in the reading frame. Why: producers (Word, WPS,
 * LibreOffice) pad cells by only a few points, so the gap between two cells' text is often narrower than a CJK
 * character and gaps alone cannot separate columns; the rule drawn between them can.
 */
function verticalRules(pdfjs: PdfJs, list: { fnArray: number[]; argsArray: unknown[] }, toView: Matrix, toReading: (x: number, y: number) => [number, number]): Rule[] {
  const { OPS } = pdfjs;
  const painting = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const add = (x0: number, y0: number, x1: number, y1: number) => {
    const m = multiply(toView, ctm);
    const [ax, ay] = toReading(m[0] * x0 + m[2] * y0 + m[4], m[1] * x0 + m[3] * y0 + m[5]);
    const [bx, by] = toReading(m[0] * x1 + m[2] * y1 + m[4], m[1] * x1 + m[3] * y1 + m[5]);
    if (Math.abs(ax - bx) <= 1 && Math.abs(ay - by) >= 2) rules.push({ x: (ax + bx) / 2, top: Math.min(ay, by), bottom: Math.max(ay, by) });
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
    else if (fn === OPS.constructPath && Array.isArray(args) && painting.has(Number(args[0]))) {
      const paths: unknown = args[1];
      const path: unknown = Array.isArray(paths) ? paths[0] : undefined;
      if (path instanceof Float32Array) segments(path, add);
    }
  }
  return rules;
}

function isNumbers(value: unknown): value is number[] {
  return (Array.isArray(value) || value instanceof Float32Array) && value.length >= 6 && [...value].every((v) => typeof v === 'number');
}

/** Walks pdf.js's packed path (moveTo 0, lineTo 1, curveTo 2, closePath 3) and reports its straight segments. */
function segments(path: Float32Array, add: (x0: number, y0: number, x1: number, y1: number) => void): void {
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  for (let k = 0; k < path.length; ) {
    const op = path[k++];
    if (op === 0) {
      x = startX = path[k++] ?? 0;
      y = startY = path[k++] ?? 0;
    } else if (op === 1) {
      const nx = path[k++] ?? 0;
      const ny = path[k++] ?? 0;
      add(x, y, nx, ny);
      x = nx;
      y = ny;
    } else if (op === 2) {
      k += 4;
      x = path[k++] ?? 0;
      y = path[k++] ?? 0;
    } else if (op === 3) {
      add(x, y, startX, startY);
      x = startX;
      y = startY;
    } else return;
  }
}

if (!isMainThread && workerData === WORKER_MARK && parentPort) serve(parentPort);
