/**
 * Batch work as rows (graphile-worker's and pg-boss's habit): any server instance claims the next job with
 * `FOR UPDATE SKIP LOCKED`, holds it under a lease (locked_until) and completes or fails it. A worker that crashes
 * simply stops renewing: once its lease has passed the job is claimable again, until its attempts are used up.
 * No second queue server. On PGlite (one connection, transactions take turns) the same statement runs without
 * SKIP LOCKED — there is never a lock held by someone else to skip (capabilities.ts).
 */
import type { StoreContext } from './context.ts';
import { inTransaction } from './context.ts';
import type { Job, JobStatus, JsonValue } from './database.ts';
import { toJson } from './json.ts';

export interface NewJob {
  readonly kind: string;
  readonly payload: JsonValue;
  readonly batchId?: string;
  /** Claims before the job is failed for good (default 3). */
  readonly maxAttempts?: number;
  /** Not before this time (default now). */
  readonly runAt?: Date;
}

export interface ClaimOptions {
  /** How long the claim holds without renewal (default 5 minutes). */
  readonly leaseMs?: number;
  /** Only jobs of these kinds. */
  readonly kinds?: readonly string[];
}

export type JobOutcome =
  | { readonly kind: 'done'; readonly job: Job }
  /** The job goes back to the queue for another attempt at job.runAt. */
  | { readonly kind: 'retry'; readonly job: Job }
  /** Attempts used up: the job stays failed. */
  | { readonly kind: 'failed'; readonly job: Job }
  /** This worker no longer holds the job (its lease passed and another worker claimed it, or it was finished). */
  | { readonly kind: 'lost-lock' };

export type BatchProgress = Readonly<Record<JobStatus, number>> & { readonly total: number };

export const DEFAULT_LEASE_MS = 5 * 60_000;

/** The error text kept on a job whose worker never came back. */
export const LEASE_EXPIRED = '租约过期，工作进程未完成 / lease expired before the worker finished';

export function jobsRepository({ db, clock, capabilities }: StoreContext) {
  /** The job if `worker` still holds it, locked for this transaction. */
  const held = (trx: typeof db, jobId: number, worker: string) =>
    trx.selectFrom('jobs').selectAll().where('id', '=', jobId).where('status', '=', 'running').where('lockedBy', '=', worker).forUpdate().executeTakeFirst();

  return {
    enqueue(job: NewJob): Promise<Job> {
      const now = clock();
      return db
        .insertInto('jobs')
        .values({
          kind: job.kind,
          batchId: job.batchId ?? null,
          payload: toJson(job.payload),
          status: 'queued',
          attempts: 0,
          maxAttempts: job.maxAttempts ?? 3,
          runAt: job.runAt ?? now,
          lockedBy: null,
          lockedUntil: null,
          result: null,
          lastError: null,
          createdAt: now,
          updatedAt: now,
          finishedAt: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * The next due job, now held by `worker` for the lease; undefined when there is none. Jobs whose worker's lease
     * passed are due again; those that have used up their attempts are failed instead.
     */
    async claim(worker: string, options: ClaimOptions = {}): Promise<Job | undefined> {
      if (options.kinds?.length === 0) return undefined;
      const now = clock();
      const until = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
      return inTransaction(db, async (trx) => {
        const expiredForGood = trx
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'running')
          .where('lockedUntil', '<', now)
          .whereRef('attempts', '>=', 'maxAttempts')
          .forUpdate()
          .$if(capabilities.skipLocked, (q) => q.skipLocked());
        await trx
          .updateTable('jobs')
          .set({ status: 'failed', lastError: LEASE_EXPIRED, lockedBy: null, lockedUntil: null, updatedAt: now, finishedAt: now })
          .where('id', 'in', expiredForGood)
          .execute();

        let next = trx
          .selectFrom('jobs')
          .select('id')
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'queued'), eb('runAt', '<=', now)]),
              eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', now), eb('attempts', '<', eb.ref('maxAttempts'))]),
            ]),
          );
        if (options.kinds) next = next.where('kind', 'in', [...options.kinds]);
        const nextDue = next.orderBy('runAt').orderBy('id').limit(1).forUpdate().$if(capabilities.skipLocked, (q) => q.skipLocked());

        return trx
          .updateTable('jobs')
          .set((eb) => ({ status: 'running', lockedBy: worker, lockedUntil: until, attempts: eb('attempts', '+', 1), updatedAt: now }))
          .where('id', '=', nextDue)
          .returningAll()
          .executeTakeFirst();
      });
    },

    /** Renews the lease of a job this worker holds (a long job calls it before the lease runs out). */
    async renew(jobId: number, worker: string, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
      const now = clock();
      const r = await db
        .updateTable('jobs')
        .set({ lockedUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
        .where('id', '=', jobId)
        .where('status', '=', 'running')
        .where('lockedBy', '=', worker)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    complete(jobId: number, worker: string, result: JsonValue): Promise<JobOutcome> {
      return inTransaction(db, async (trx): Promise<JobOutcome> => {
        if (!(await held(trx, jobId, worker))) return { kind: 'lost-lock' };
        const now = clock();
        const job = await trx
          .updateTable('jobs')
          .set({ status: 'done', result: toJson(result), lockedBy: null, lockedUntil: null, updatedAt: now, finishedAt: now })
          .where('id', '=', jobId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { kind: 'done', job };
      });
    },

    /** Gives the job back for another attempt after `retryAfterMs`, or fails it for good when attempts are used up. */
    fail(jobId: number, worker: string, error: string, retryAfterMs = 0): Promise<JobOutcome> {
      return inTransaction(db, async (trx): Promise<JobOutcome> => {
        const job = await held(trx, jobId, worker);
        if (!job) return { kind: 'lost-lock' };
        const now = clock();
        const isFinal = job.attempts >= job.maxAttempts;
        const updated = await trx
          .updateTable('jobs')
          .set({
            status: isFinal ? 'failed' : 'queued',
            lastError: error,
            lockedBy: null,
            lockedUntil: null,
            runAt: isFinal ? job.runAt : new Date(now.getTime() + retryAfterMs),
            updatedAt: now,
            finishedAt: isFinal ? now : null,
          })
          .where('id', '=', jobId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { kind: isFinal ? 'failed' : 'retry', job: updated };
      });
    },

    /**
     * Makes every running job due now (its lease ended): for a store only one process can open (PGlite's data
     * folder), whatever was running belonged to a process that is gone. Returns how many.
     */
    async releaseAll(): Promise<number> {
      const now = clock();
      const r = await db.updateTable('jobs').set({ lockedUntil: new Date(now.getTime() - 1), updatedAt: now }).where('status', '=', 'running').executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    get(jobId: number): Promise<Job | undefined> {
      return db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    },

    list(filter: { readonly batchId?: string; readonly status?: JobStatus } = {}): Promise<Job[]> {
      let q = db.selectFrom('jobs').selectAll();
      if (filter.batchId !== undefined) q = q.where('batchId', '=', filter.batchId);
      if (filter.status !== undefined) q = q.where('status', '=', filter.status);
      return q.orderBy('id').execute();
    },

    /** How many jobs of a batch are in each status (what the upload's progress stream reports). */
    async progress(batchId: string): Promise<BatchProgress> {
      const rows = await db
        .selectFrom('jobs')
        .select((eb) => ['status', eb.cast<number>(eb.fn.countAll(), 'integer').as('count')])
        .where('batchId', '=', batchId)
        .groupBy('status')
        .execute();
      const count = (status: JobStatus): number => rows.find((r) => r.status === status)?.count ?? 0;
      return { queued: count('queued'), running: count('running'), done: count('done'), failed: count('failed'), total: rows.reduce((n, r) => n + r.count, 0) };
    },
  };
}

export type JobsRepository = ReturnType<typeof jobsRepository>;
