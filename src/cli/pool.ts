/**
 * Runs import jobs on worker threads, one per core, each with a time limit: a document that makes a parser spin
 * (a hostile PDF, a zip bomb that slipped past the checks) is stopped after `timeoutMs`, reported, and its
 * worker replaced — the rest of the batch goes on.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../core/messages.ts';
import { type ImportResultJson, problemToJson } from '../ingest/report.ts';

export interface ImportJob {
  readonly file: string;
  readonly lang: Lang;
}

export interface PoolOptions {
  readonly timeoutMs: number;
  readonly threads?: number;
  /** Called as each job finishes, in completion order (for a progress line). */
  readonly onDone?: (result: ImportResultJson, index: number) => void;
}

/** The worker module next to this one: .ts when running from source (tests), .js when built. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./import-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

function newWorker(options: ConstructorParameters<typeof Worker>[1]): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, options);
  // Why: tsx's loader (registered by --import tsx in tests) does not reach worker threads on Node 20.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

export async function runImports(jobs: readonly ImportJob[], options: PoolOptions): Promise<ImportResultJson[]> {
  const results: ImportResultJson[] = new Array(jobs.length);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), jobs.length));
  let next = 0;
  const runOne = (worker: Worker, index: number): Promise<{ worker: Worker }> =>
    new Promise((resolve) => {
      const job = jobs[index]!;
      let settled = false;
      const finish = (r: ImportResultJson, w: Worker) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.removeAllListeners('message');
        worker.removeAllListeners('error');
        worker.removeAllListeners('exit');
        results[index] = r;
        options.onDone?.(r, index);
        resolve({ worker: w });
      };
      const replace = (code: string, params: Record<string, string | number>) => {
        void worker.terminate();
        finish({ ok: false, file: job.file, problems: [problemToJson({ code, path: [], params, file: job.file }, job.lang)] }, spawn());
      };
      const timer = setTimeout(() => replace('import-timeout', { seconds: Math.round(options.timeoutMs / 1000) }), options.timeoutMs);
      worker.on('message', (r: ImportResultJson) => finish(r, worker));
      worker.on('error', (e: Error) => replace('import-failed', { detail: e.message }));
      worker.on('exit', (code) => replace('import-failed', { detail: `worker exited (${code})` }));
      worker.postMessage(job);
    });
  const spawn = () => {
    // Why the resource limit: a worker that runs out of heap dies alone instead of taking the batch down.
    const w = newWorker({ resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    w.unref();
    return w;
  };
  const lane = async () => {
    let worker = spawn();
    while (next < jobs.length) {
      const index = next++;
      ({ worker } = await runOne(worker, index));
    }
    await worker.terminate();
  };
  await Promise.all(Array.from({ length: threads }, lane));
  return results;
}
