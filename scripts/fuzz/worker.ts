/**
 * A fuzz worker thread: makes input `index` (from the run seed, as the main thread would), runs it through import
 * and audit in-process, and posts back what happened and how long it took. An exception is reported with its stack;
 * a hang or an out-of-memory death is the main thread's to notice.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckResult, checkDocument } from './check.ts';
import { type Format, type FuzzInput, type InputPlan, loadCorpus, makeInput } from './input.ts';
import { parsePdf, writePdf } from './mutate-pdf.ts';
import { builtInRubrics } from '../../src/ingest/document-file.ts';

export interface WorkerConfig extends InputPlan {
  /** Round-trip the imported evaluation through YAML for every Nth input (0: never). */
  readonly roundTripEvery: number;
  /** --self-check: the inputs at which this worker throws, spins and exhausts its heap on purpose. */
  readonly inject?: { readonly crash: number; readonly hang: number; readonly oom: number };
}

export type ToWorker = { readonly index: number };

export type FromWorker =
  | { readonly type: 'ready' }
  /** The input is made and about to run: the main thread keeps it (to save it) and starts its clock. */
  | { readonly type: 'started'; readonly input: FuzzInput }
  | {
      readonly type: 'done';
      readonly index: number;
      readonly format: Format;
      /** Import and audit, ms (input generation not included). */
      readonly ms: number;
      readonly size: number;
      readonly result?: CheckResult;
      readonly error?: { readonly name: string; readonly message: string; readonly stack: string };
    };

const config = workerData as WorkerConfig;
const corpus = loadCorpus();
builtInRubrics();
// Why warm up before 'ready': the first PDF loads pdf.js (seconds on a loaded machine) and the first document of
// each format compiles its reader; that start-up cost must not count against an input's time.
await checkDocument(tinyPdf(), 'warm-up.pdf');
for (const f of [corpus.text[0], corpus.docx[0], corpus.xlsx[0]]) if (f) await checkDocument(f.bytes, f.path);

parentPort?.on('message', (job: ToWorker) => {
  void run(job.index);
});

async function run(index: number): Promise<void> {
  const input = makeInput(corpus, config, index);
  parentPort?.postMessage({ type: 'started', input } satisfies FromWorker);
  const t0 = performance.now();
  let message: FromWorker;
  try {
    if (config.inject) selfCheck(index, config.inject);
    const roundTrip = config.roundTripEvery > 0 && index % config.roundTripEvery === 0;
    const result = await checkDocument(input.bytes, input.name, { roundTrip });
    message = { type: 'done', index, format: input.format, ms: performance.now() - t0, size: input.bytes.length, result };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    message = { type: 'done', index, format: input.format, ms: performance.now() - t0, size: input.bytes.length, error: { name: err.name, message: err.message, stack: err.stack ?? String(err) } };
  }
  parentPort?.postMessage(message);
}

parentPort?.postMessage({ type: 'ready' } satisfies FromWorker);

/** A one-page PDF with a line of text (a standard font), written with a correct cross-reference table. */
function tinyPdf(): Uint8Array {
  const content = 'BT /F1 12 Tf 20 100 Td (2022 100.00) Tj ET';
  const text = [
    '%PDF-1.4',
    '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj',
    '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj',
    '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj',
    `4 0 obj <</Length ${content.length}>> stream\n${content}\nendstream endobj`,
    '5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj',
    'trailer <</Root 1 0 R>>',
    'startxref',
    '0',
    '%%EOF',
  ].join('\n');
  const pdf = parsePdf(new TextEncoder().encode(text));
  return pdf ? writePdf(pdf, false) : new TextEncoder().encode(text);
}

/** Misbehaves on purpose (--self-check), so a run shows that a crash, a hang and a heap exhaustion are each caught. */
function selfCheck(index: number, inject: NonNullable<WorkerConfig['inject']>): void {
  if (index === inject.crash) throw new TypeError('self-check: a thrown error');
  if (index === inject.hang) for (;;);
  if (index === inject.oom) {
    // Many small objects (not one big array, which lives outside the limited heap).
    const hoard: unknown[] = [];
    for (;;) hoard.push(new Array(100_000).fill(index).map((x: number) => ({ x })));
  }
}
