/**
 * The batch worker: claims import jobs from the database (any server instance may; a claim is a lease that a crashed
 * instance stops renewing), reads each uploaded document on the document pool, and lands the result as a new version
 * of its department's evaluation in the task — the version, its findings, the document link, the workflow move and
 * the job's completion in one transaction, so a crash leaves either all of it or none.
 *
 * Where the document goes:
 * - uploaded by a department (preparer or head): its own evaluation, while it is a draft or returned;
 * - uploaded by the bureau (reviewer or admin): the department the document names (matched by name in the region; a
 *   department not yet known is created and added to the task's scope), then received (代为录入: draft → signed off),
 *   so the reviewer can start reviewing it. An evaluation the department already submitted is left as it is.
 */
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { parseEvaluation } from '../core/model/parse.ts';
import { type Problem, problem } from '../core/problem.ts';
import { messageOf } from '../core/messages.ts';
import type { Actor } from '../core/workflow/roles.ts';
import { isCorrection, transition } from '../core/workflow/transitions.ts';
import { EVALUATION_STATE_INFO } from '../core/workflow/states.ts';
import type { DocumentPool } from '../ingest/pool/documents.ts';
import { type Job, type JsonValue, type Repositories, type Store, historyEntryOf } from '../store/index.ts';
import { EDITABLE_STATES } from './routes/evaluations.ts';
import { checkModel, workflowTask } from './services.ts';

export const IMPORT_JOB = 'import-document';

export interface ImportJobPayload {
  readonly taskId: string;
  readonly hash: string;
  readonly fileName: string;
  readonly uploaderId: string;
  /** Who uploaded, as the actor whose rights the upload was checked against. */
  readonly actor: Actor;
  /** A department's own upload: its department; undefined for the bureau's batch. */
  readonly departmentId?: string;
}

/** What each file of a batch came to (the job's result; the batch view lists them). */
export type ImportJobResult =
  | { readonly status: 'imported'; readonly evaluationId: string; readonly departmentId: string; readonly department: string; readonly version: number; readonly createdDepartment: boolean; readonly state: string; readonly errors: number; readonly warnings: number; readonly notes: readonly ProblemText[] }
  | { readonly status: 'rejected' | 'skipped'; readonly problems: readonly ProblemText[]; readonly evaluationId?: string };

export interface ProblemText {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

const text = (p: Problem): ProblemText => ({ code: p.code, zh: messageOf(p, 'zh').text, en: messageOf(p, 'en').text });

export interface WorkerOptions {
  readonly store: Store;
  readonly pool: () => DocumentPool;
  readonly clock: () => Date;
  readonly leaseMs: number;
  /** Jobs run at once (default 2: the pool's threads on two cores). */
  readonly concurrency?: number;
  /** How often an idle worker looks for work that another instance queued (default 1 s). */
  readonly pollMs?: number;
}

export interface Worker {
  readonly id: string;
  /** Looks for work now (after an upload on this instance). */
  wake(): void;
  /** Stops claiming, waits for the jobs in hand. */
  stop(): Promise<void>;
}

const normalizeName = (s: string): string => s.replace(/[\s\u3000（）()【】「」“”"']/g, '');

export function startWorker(options: WorkerOptions): Worker {
  const { store, clock, leaseMs } = options;
  const id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wakeUp = undefined;
        resolve();
      }
      const previous = wakeUp;
      wakeUp = () => {
        previous?.();
        done();
      };
    });

  async function loop(): Promise<void> {
    while (!stopping) {
      let job: Job | undefined;
      try {
        job = await store.jobs.claim(id, { leaseMs, kinds: [IMPORT_JOB] });
      } catch (e) {
        if (stopping) return;
        console.error('[jixiao] worker: claiming a job failed:', e);
        await sleep(5000);
        continue;
      }
      if (!job) {
        await sleep(options.pollMs ?? 1000);
        continue;
      }
      await runJob(job);
    }
  }

  async function runJob(job: Job): Promise<void> {
    const renew = setInterval(() => void store.jobs.renew(job.id, id, leaseMs).catch(() => undefined), Math.max(1000, Math.floor(leaseMs / 3)));
    try {
      await processImport(store, options.pool(), clock, job, id);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!stopping) console.error(`[jixiao] worker: job ${job.id} failed:`, e);
      await store.jobs.fail(job.id, id, message.slice(0, 2000), 5000).catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }

  const loops = Array.from({ length: options.concurrency ?? 2 }, () => loop());
  return {
    id,
    wake: () => wakeUp?.(),
    stop: async () => {
      stopping = true;
      wakeUp?.();
      await Promise.all(loops);
    },
  };
}

/** One job: read the document, check it, land it. Exported for tests that run a job without a loop. */
export async function processImport(store: Store, pool: DocumentPool, clock: () => Date, job: Job, workerId: string): Promise<void> {
  const payload = job.payload as unknown as ImportJobPayload;
  /** Completes the job in the caller's transaction; if this worker lost it meanwhile, rolls everything back. */
  const finish = async (tx: Repositories, result: ImportJobResult) => {
    const outcome = await tx.jobs.complete(job.id, workerId, result as unknown as JsonValue);
    if (outcome.kind === 'lost-lock') throw new Error(`job ${job.id} was taken over by another worker; nothing written here`);
  };
  const reject = async (problems: readonly Problem[], status: 'rejected' | 'skipped' = 'rejected', evaluationId?: string) => {
    await store.transaction((tx) => finish(tx, { status, problems: problems.map(text), ...(evaluationId ? { evaluationId } : {}) }));
  };
  const doc = await store.documents.get(payload.hash);
  const task = await store.tasks.get(payload.taskId);
  if (!doc || !task) return reject([problem('api-upload-lost')]);
  if (task.state === 'archived') return reject([problem('workflow-task-archived', [], { taskState: 'archived' })], 'skipped');

  const imported = await pool.import({ name: payload.fileName, bytes: doc.bytes }, 'zh');
  if (!imported.ok) return reject(imported.problems.map((p) => problem(p.code, [], p.params as Record<string, string | number>)));
  await store.documents.setExtractionReport(payload.hash, imported.report as unknown as JsonValue);
  const warnings = imported.report.warnings.map((w) => problem(w.code, [], w.params as Record<string, string | number>));
  if (!imported.valid || warnings.some((w) => w.code === 'no-figures-found')) return reject(warnings.length ? warnings : [problem('api-no-evaluation-in-document')]);
  const parsed = parseEvaluation(imported.data);
  if (!parsed.ok) return reject(parsed.problems);
  const checked = checkModel(parsed.value, task.rubricId, { missing: imported.report.missing });
  const named = parsed.value.department?.name?.trim();

  await store.transaction(async (tx) => {
    // The department: the uploader's own, or the one the document names.
    let departmentId = payload.departmentId;
    let createdDepartment = false;
    const notes: Problem[] = [];
    if (departmentId) {
      const own = await tx.departments.get(departmentId);
      if (named && own && normalizeName(named) !== normalizeName(own.name)) notes.push(problem('api-upload-other-department-name', [], { named, department: own.name }));
    } else {
      // Two instances importing documents of the same new department must not both create it: on PostgreSQL the
      // region's department list is taken under a lock held to the end of this (short) transaction.
      if (store.capabilities.advisoryLocks) await sql`select pg_advisory_xact_lock(hashtext(${`jixiao:departments:${task.regionId}`}))`.execute(tx.db);
      const departments = await tx.db.selectFrom('departments').select(['id', 'name']).where('regionId', '=', task.regionId).execute();
      const key = normalizeName(named ?? '');
      const exact = departments.filter((d) => normalizeName(d.name) === key);
      const near = key.length >= 4 ? departments.filter((d) => normalizeName(d.name).includes(key) || key.includes(normalizeName(d.name))) : [];
      const match = exact.length === 1 ? exact[0] : exact.length === 0 && near.length === 1 ? near[0] : undefined;
      if (match) departmentId = match.id;
      else {
        const name = named || payload.fileName.replace(/\.[^.]+$/, '');
        if (!named) notes.push(problem('api-upload-no-department-name', [], { name }));
        const created = await tx.departments.create({ regionId: task.regionId, name });
        departmentId = created.id;
        createdDepartment = true;
        notes.push(problem('api-upload-department-created', [], { name }));
      }
      await tx.tasks.addToScope(task.id, [departmentId]);
    }
    let evaluation = await tx.evaluations.getFor(task.id, departmentId);
    evaluation ??= await tx.evaluations.create(task.id, departmentId);
    // A department re-imports while it holds its evaluation (draft or returned); the bureau only fills a draft —
    // what the department is correcting after a return stays the department's.
    const editable = payload.departmentId ? EDITABLE_STATES : (['draft'] as const);
    if (!(editable as readonly string[]).includes(evaluation.state)) {
      await finish(tx, { status: 'skipped', evaluationId: evaluation.id, problems: [text(problem('api-upload-evaluation-not-editable', [], { state: evaluation.state, stateZh: EVALUATION_STATE_INFO[evaluation.state].label.zh, stateEn: EVALUATION_STATE_INFO[evaluation.state].label.en }))] });
      return;
    }
    const saved = await tx.evaluations.save(evaluation.id, evaluation.currentVersion, checked.data, payload.uploaderId, { editableStates: [...editable], summary: checked.summary });
    if (saved.kind !== 'saved') throw new Error(`evaluation ${evaluation.id} changed while importing (${saved.kind}); retrying`);
    await tx.findings.record(evaluation.id, saved.version.version, checked.findings);
    await tx.documents.attach(evaluation.id, payload.hash, payload.fileName, payload.uploaderId);
    let state: string = evaluation.state;
    if (!payload.departmentId && evaluation.state === 'draft') {
      const history = (await tx.transitions.history(evaluation.id)).map(historyEntryOf);
      const moved = transition(payload.actor, 'receive', 'draft', { departmentId, task: workflowTask(task), now: clock(), isCorrection: isCorrection(history) });
      if (moved.ok) {
        const m = await tx.transitions.move(evaluation.id, moved.entry, { atVersion: saved.version.version });
        if (m.kind === 'moved') state = m.evaluation.state;
      } else notes.push(moved.problem);
    }
    const department = (await tx.departments.get(departmentId))?.name ?? '';
    await tx.activity.append({ actorId: payload.uploaderId, action: 'evaluation.import', subjectType: 'evaluation', subjectId: evaluation.id, detail: { fileName: payload.fileName, hash: payload.hash, version: saved.version.version, jobId: job.id } });
    await finish(tx, {
      status: 'imported',
      evaluationId: evaluation.id,
      departmentId,
      department,
      version: saved.version.version,
      createdDepartment,
      state,
      errors: checked.counts.error,
      warnings: checked.counts.warning,
      notes: notes.map(text),
    });
  });
}

