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

/** The worker modules next to this one: .ts when running from source (tests), .js when built. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
export type WorkerName = 'import-worker' | 'audit-worker';

function newWorker(name: WorkerName, options: ConstructorParameters<typeof Worker>[1]): Worker {
  const url = new URL(`./${name}${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
  if (!FROM_SOURCE) return new Worker(url, options);
  // Why: tsx's loader (registered by --import tsx in tests) does not reach worker threads on Node 20.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

export async function runImports(jobs: readonly ImportJob[], options: PoolOptions): Promise<ImportResultJson[]> {
  return runPool<ImportJob, ImportResultJson>('import-worker', jobs, {
    ...options,
    fail: (job, code, params) => ({ ok: false, file: job.file, problems: [problemToJson({ code, path: [], params, file: job.file }, job.lang)] }),
  });
}

export interface GenericPoolOptions<J, R> {
  readonly timeoutMs: number;
  readonly threads?: number;
  readonly onDone?: (result: R, index: number) => void;
  /** The result for a job whose worker timed out or died. */
  readonly fail: (job: J, code: 'import-timeout' | 'import-failed', params: Record<string, string | number>) => R;
}

/** Jobs on worker threads, one per core, each with a time limit; results in job order. */
export async function runPool<J extends { readonly file: string }, R>(name: WorkerName, jobs: readonly J[], options: GenericPoolOptions<J, R>): Promise<R[]> {
  const results: R[] = new Array(jobs.length);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), jobs.length));
  let next = 0;
  const runOne = (worker: Worker, index: number): Promise<{ worker: Worker }> =>
    new Promise((resolve) => {
      const job = jobs[index]!;
      let settled = false;
      const finish = (r: R, w: Worker) => {
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
        finish(options.fail(job, code as 'import-timeout' | 'import-failed', params), spawn());
      };
      const timer = setTimeout(() => replace('import-timeout', { seconds: Math.round(options.timeoutMs / 1000) }), options.timeoutMs);
      worker.on('message', (r: R) => finish(r, worker));
      worker.on('error', (e: Error) => replace('import-failed', { detail: e.message }));
      worker.on('exit', (code) => replace('import-failed', { detail: `worker exited (${code})` }));
      worker.postMessage(job);
    });
  const spawn = () => {
    // Why the resource limit: a worker that runs out of heap dies alone instead of taking the batch down.
    const w = newWorker(name, { resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 96 } });
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
