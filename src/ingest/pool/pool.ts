/**
 * The one worker pool that every reading of a document goes through — `import`, `audit`, `summary`, `render`, the
 * demo, and the server's uploads. A document is untrusted input read by complex code (pdf.js, ZIP and XML parsers, the
 * extractors): each job runs on a worker thread with a time limit and a heap limit, so a file that makes a parser spin
 * or swell is stopped and reported alone while the rest of a batch goes on.
 *
 * Why piscina: it owns thread start-up, replacement of a worker that died or was stopped, and aborting a task by
 * terminating its worker. What it does not do is start a task's clock when a worker takes it: `AbortSignal.timeout`
 * counts from submission, so a batch of 300 would time out in the queue. Jobs therefore pass a gate of `threads`
 * places here first, and the clock starts when a place is free — the limit is the job's own time, however long the
 * queue. Limits are generous and configurable (`--timeout`, `--memory`, JIXIAO_TIMEOUT, JIXIAO_MEMORY_MB); they stop
 * runaway files, they are never how a normal file passes or fails.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import type { Problem } from '../../core/problem.ts';

export interface PoolLimits {
  /** Most time one job may run once a worker has taken it, in ms. */
  readonly timeoutMs: number;
  /** Most heap (old generation) one worker may use, in MB. */
  readonly maxMemoryMb: number;
  /** Worker threads; one per core when absent. */
  readonly threads?: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = { timeoutMs: 30_000, maxMemoryMb: 1024 };

/** The limits of DEFAULT_POOL_LIMITS, as changed by JIXIAO_TIMEOUT (seconds) and JIXIAO_MEMORY_MB when set. */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PoolLimits {
  const seconds = Number(env['JIXIAO_TIMEOUT']);
  const mb = Number(env['JIXIAO_MEMORY_MB']);
  return {
    timeoutMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_POOL_LIMITS.timeoutMs,
    maxMemoryMb: Number.isFinite(mb) && mb >= 64 ? mb : DEFAULT_POOL_LIMITS.maxMemoryMb,
  };
}

/** A job's outcome: the worker's result, or why there is none (time or memory limit, a fault, cancelled). */
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly problem: Problem };

export interface RunOptions {
  /** Cancels the job (a server request that went away); the job's worker is stopped. */
  readonly signal?: AbortSignal;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** A worker module next to the caller: `.ts` when running from source (tests, through tsx), `.js` when built. */
export function workerUrl(name: string, base: string): URL {
  return new URL(`./${name}${FROM_SOURCE ? '.ts' : '.js'}`, base);
}

export class WorkerPool<J, R> {
  private piscina: Piscina | undefined;
  private readonly places: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The jobs in workers now, each able to fail when its worker cannot run it. */
  private starting: Promise<Piscina> | undefined;
  private readonly running = new Set<{ readonly fail: (detail: string) => void }>();

  constructor(
    private readonly worker: URL,
    readonly limits: PoolLimits,
  ) {
    this.places = Math.max(1, limits.threads ?? availableParallelism());
  }

  /** Why on first use: a command that ends up reading no document (an evaluation file) never loads piscina. */
  private threads(): Promise<Piscina> {
    // Why one promise: jobs submitted together all ask before the first import resolves; each would add a listener.
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<Piscina> {
    const { Piscina } = await import('piscina');
    // A TypeScript worker (tests) starts through tsx-boot.mjs, which loads it by the name in workerData (see there why).
    const isSource = this.worker.pathname.endsWith('.ts');
    this.piscina = new Piscina({
      filename: isSource ? new URL('./tsx-boot.mjs', import.meta.url).href : this.worker.href,
      ...(isSource ? { workerData: { worker: this.worker.href } } : {}),
      minThreads: 0,
      maxThreads: this.places,
      // Why: a worker that runs out of heap dies alone (ERR_WORKER_OUT_OF_MEMORY) instead of taking the process down.
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb, maxYoungGenerationSizeMb: Math.min(96, Math.max(16, Math.floor(this.limits.maxMemoryMb / 8))) },
      idleTimeout: 30_000,
    });
    // Why: piscina emits 'error' for a worker that fails outside a task — one that cannot even start (a missing or
    // broken worker module) — and leaves the tasks waiting for it pending for ever. Unhandled, the event would end
    // the process; ignored, the command would exit silently with nothing done. Every job in hand fails with it instead.
    this.piscina.on('error', (e: unknown) => {
      const detail = e instanceof Error ? e.message : String(e);
      for (const job of this.running) job.fail(detail);
    });
    return this.piscina;
  }

  /** Runs one job; the time limit counts from the moment a worker is free for it. Never rejects. */
  async run(job: J, options: RunOptions = {}): Promise<Settled<R>> {
    if (options.signal?.aborted) return { ok: false, problem: { code: 'job-cancelled', path: [], params: {} } };
    const piscina = await this.threads();
    await this.enter();
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    const stop = new AbortController();
    let workerFault: string | undefined;
    const running = { fail: (detail: string) => ((workerFault ??= detail), stop.abort()) };
    this.running.add(running);
    const signal = AbortSignal.any([timeout, stop.signal, ...(options.signal ? [options.signal] : [])]);
    try {
      return { ok: true, value: (await piscina.run(job, { signal })) as R };
    } catch (e) {
      if (workerFault !== undefined) return { ok: false, problem: { code: 'import-failed', path: [], params: { detail: workerFault } } };
      return { ok: false, problem: this.failure(e, timeout) };
    } finally {
      this.running.delete(running);
      this.leave();
    }
  }

  /** Runs every job (at most one per place at a time); results in job order, `onDone` in completion order. */
  async map(jobs: readonly J[], onDone?: (result: Settled<R>, index: number) => void): Promise<Settled<R>[]> {
    return Promise.all(
      jobs.map(async (job, i) => {
        const r = await this.run(job);
        onDone?.(r, i);
        return r;
      }),
    );
  }

  async destroy(): Promise<void> {
    await this.piscina?.destroy();
    this.piscina = undefined;
  }

  private failure(e: unknown, timeout: AbortSignal): Problem {
    const err = e as { name?: string; code?: string; message?: string };
    if (timeout.aborted) return { code: 'import-timeout', path: [], params: { seconds: Math.round(this.limits.timeoutMs / 1000) } };
    if (err?.name === 'AbortError') return { code: 'job-cancelled', path: [], params: {} };
    if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') return { code: 'import-out-of-memory', path: [], params: { limit: `${this.limits.maxMemoryMb} MB` } };
    return { code: 'import-failed', path: [], params: { detail: String(err?.message ?? e).split('\n')[0] ?? '' } };
  }

  private async enter(): Promise<void> {
    if (this.active < this.places) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
