/**
 * The glue to pdf.js (pdfjs-dist, legacy build for Node): loaded on first use, then opened on the calling thread.
 *
 * In Node pdf.js runs its "worker" on the thread that calls it (a fake worker, as the legacy build does when no
 * worker is given), so parsing is synchronous work on that thread. A damaged file can keep it busy for minutes
 * (one wrong Encoding index in an embedded Type1 font costs ~50 s): stopping such a file is the caller's business
 * — the import pool (`src/ingest/pool/`) reads each document on a worker thread with time and memory limits.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfLoadingTask = ReturnType<PdfJs['getDocument']>;
export type PdfDocument = Awaited<PdfLoadingTask['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

export interface PdfjsSetup {
  readonly pdfjs: PdfJs;
  /** Folders of pdf.js's data files (CJK CMaps, the standard 14 fonts, wasm decoders, ICC profiles). */
  readonly cMapUrl: string;
  readonly standardFontDataUrl: string;
  readonly wasmUrl: string;
  readonly iccUrl: string;
}

let setup: Promise<PdfjsSetup> | undefined;

/** Why lazy and once: pdf.js is ~4 MB of JavaScript (~60 ms to load); importing the reader must stay cheap. */
export function loadPdfjs(): Promise<PdfjsSetup> {
  setup ??= (async () => {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const workerSrc = pathToFileURL(join(root, 'legacy', 'build', 'pdf.worker.mjs')).href;
    // Why: the legacy build bundles core-js, which replaces Array.prototype.push (2–3× slower for every array in
    // the process afterwards) and JSON.parse on Node 20; pdf.js needs neither replacement, so the natives go back.
    const push = Array.prototype.push;
    const parse = JSON.parse;
    // Why: pdf.js warns through console.warn while its modules load, before any `verbosity` applies (e.g. when the
    // optional @napi-rs/canvas is missing); only its own "Warning: " lines are held back, and only meanwhile.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!(typeof args[0] === 'string' && args[0].startsWith('Warning: '))) warn.apply(console, args);
    };
    let pdfjs: PdfJs;
    try {
      // Why the worker too: in Node pdf.js runs its "worker" on this thread (a fake worker); importing it here
      // (it registers itself as globalThis.pdfjsWorker) keeps all the module side effects inside this window.
      const loaded = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(workerSrc) as Promise<unknown>]);
      pdfjs = loaded[0];
    } finally {
      Array.prototype.push = push;
      JSON.parse = parse;
      console.warn = warn;
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

/** Starts opening a document. `data` is consumed: pdf.js transfers its buffer to the fake worker. */
export function openDocument(env: PdfjsSetup, data: Uint8Array): PdfLoadingTask {
  const { pdfjs } = env;
  return pdfjs.getDocument({
    data,
    cMapUrl: env.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: env.standardFontDataUrl,
    wasmUrl: env.wasmUrl,
    iccUrl: env.iccUrl,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Why errors only: pdf.js prints warnings and infos through the console, and a reader prints nothing.
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // Why 0: images are never needed (only text and rules), and skipping them keeps an OCR'd scan from
    // decoding a full-page JPEG per page when the operator list is built.
    maxImageSize: 0,
  });
}
