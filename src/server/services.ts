/**
 * What the routes and the batch worker share: finding an evaluation the caller may see (or a 404 that does not say
 * whether it exists), the core's Task from a stored one, and a save — parse, audit, new version, findings, activity —
 * in one transaction.
 */
import { audit } from '../core/audit/index.ts';
import type { Finding } from '../core/audit/types.ts';
import type { Evaluation as Model } from '../core/model/evaluation.ts';
import { parseEvaluation } from '../core/model/parse.ts';
import { evaluationToData } from '../core/model/serialize.ts';
import type { Rubric } from '../core/rubric/schema.ts';
import { type Actor, type EvaluationRef, canSee, visibleVersions } from '../core/workflow/index.ts';
import type { Task as WorkflowTask } from '../core/workflow/task.ts';
import { builtInRubrics } from '../ingest/files.ts';
import type { Evaluation, EvaluationVersion, JsonValue, Repositories, Task, VersionSummary } from '../store/index.ts';
import { computeAll, departmentMetrics } from '../core/compute/compute.ts';
import { HUNDRED, mul, toFixed, toPlainString } from '../core/exact.ts';
import type { Caller } from './context.ts';
import { ApiError, apiError } from './problems.ts';

let rubricCache: Map<string, Rubric> | undefined;
/**
 * The rubrics by id: the built-in ones (rubrics/) and those imported into the store (registered on start and on
 * import). A client names a rubric by id only, never by a path on the server.
 */
export function rubricById(id: string): Rubric | undefined {
  rubricCache ??= new Map(builtInRubrics().map((r) => [r.id, r]));
  return rubricCache.get(id);
}
/** Whether the id is a built-in rubric's (an import may not take it). */
export const isBuiltInRubric = (id: string): boolean => builtInRubrics().some((r) => r.id === id);
/** Makes an imported rubric known to rubricById (and so to scoring); a built-in id is never replaced. */
export function registerRubric(r: Rubric): void {
  if (isBuiltInRubric(r.id)) return;
  rubricById(r.id);
  rubricCache!.set(r.id, r);
}
/**
 * The rubric an evaluation is scored by — one rule for the ranking, the scorecard, the review letter and the review
 * form: the rubric the evaluation names (typed in, or the default of the layout its document was recognised as) when
 * it is a built-in one; else the task's. A province's own layout scores by its own rubric even in a mixed batch.
 */
export function rubricFor(evaluation: { readonly rubric?: string | undefined } | null | undefined, taskRubricId: string | undefined): Rubric | undefined {
  const own = evaluation?.rubric;
  return (typeof own === 'string' ? rubricById(own) : undefined) ?? (taskRubricId ? rubricById(taskRubricId) : undefined);
}


/** The core's view of a stored task. */
export const workflowTask = (t: Task, departmentIds?: readonly string[]): WorkflowTask => ({
  id: t.id,
  regionId: t.regionId,
  state: t.state,
  opensOn: t.opensOn,
  closesOn: t.closesOn,
  utcOffsetMinutes: t.utcOffsetMinutes,
  rubricId: t.rubricId,
  ...(departmentIds ? { departmentIds } : {}),
});

export interface EvaluationAccess {
  readonly evaluation: Evaluation;
  readonly task: Task;
  readonly ref: EvaluationRef;
  /** The caller's actors that see it (at least one). */
  readonly actors: readonly Actor[];
  /** What the caller sees of its versions: the widest of its actors'. */
  readonly versions: 'all' | 'submitted';
}

export const refOf = (evaluation: Evaluation, task: Task): EvaluationRef => ({ taskId: task.id, departmentId: evaluation.departmentId, regionId: task.regionId, state: evaluation.state, taskState: task.state });

/** The evaluation if the caller sees it; 404 otherwise (whether it exists elsewhere is not the caller's business). */
export async function accessEvaluation(store: Repositories, caller: Caller, evaluationId: string): Promise<EvaluationAccess> {
  const evaluation = await store.evaluations.get(evaluationId);
  const task = evaluation ? await store.tasks.get(evaluation.taskId) : undefined;
  if (!evaluation || !task) throw apiError(404, 'api-evaluation-not-found', { id: evaluationId });
  const ref = refOf(evaluation, task);
  const actors = caller.actors.filter((a) => canSee(a, ref));
  if (actors.length === 0) throw apiError(404, 'api-evaluation-not-found', { id: evaluationId });
  const versions = actors.some((a) => visibleVersions(a, ref) === 'all') ? 'all' : 'submitted';
  return { evaluation, task, ref, actors, versions };
}

/** The versions the caller may read: all, or those that were submitted (a reviewer never sees working drafts). */
export async function readableVersions(store: Repositories, access: EvaluationAccess): Promise<Set<number> | 'all'> {
  if (access.versions === 'all') return 'all';
  const history = await store.transitions.history(access.evaluation.id);
  return new Set(history.filter((h) => h.action === 'submit' || h.action === 'receive').map((h) => h.atVersion));
}

/** The newest version the caller may read, or undefined. */
export async function newestReadable(store: Repositories, access: EvaluationAccess): Promise<EvaluationVersion | undefined> {
  const readable = await readableVersions(store, access);
  if (readable === 'all') return store.evaluations.latest(access.evaluation.id);
  const newest = Math.max(0, ...readable);
  return newest > 0 ? store.evaluations.version(access.evaluation.id, newest) : undefined;
}

export interface Checked {
  readonly model: Model;
  /** The evaluation as stored: serialize.ts's plain data, amounts as decimal strings. */
  readonly data: JsonValue;
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<'error' | 'warning' | 'info', number>>;
  /** What the task's summary lists of this version. */
  readonly summary: VersionSummary;
}

/** Validates evaluation data (422 with every problem at its field otherwise) and audits it against the rubric. */
export function checkEvaluationData(raw: unknown, rubricId: string | undefined): Checked {
  const parsed = parseEvaluation(raw);
  if (!parsed.ok) throw new ApiError(422, parsed.problems);
  return checkModel(parsed.value, rubricId);
}

export function checkModel(model: Model, rubricId: string | undefined, extra: { readonly passages?: Parameters<typeof audit>[0]['passages']; readonly missing?: readonly string[] } = {}): Checked {
  const rubric = rubricFor(model, rubricId);
  const result = audit({ evaluation: model, ...(rubric ? { rubric } : {}), ...(extra.passages ? { passages: extra.passages } : {}), ...(extra.missing ? { missing: extra.missing } : {}) });
  const sc = result.score;
  const scored = sc !== undefined && (sc.total.self !== undefined || model.selfScores !== undefined);
  const summary: VersionSummary = {
    department: model.department?.name ?? null,
    year: model.year ?? null,
    documentKind: model.documentKind ?? 'unknown',
    rubric: sc?.rubric.id ?? null,
    selfScore: sc?.total.printedSelf ? toPlainString(sc.total.printedSelf) : sc?.total.self ? toPlainString(sc.total.self) : null,
    computedScore: sc && scored ? toPlainString(sc.total.computed) : null,
    maxScore: sc ? toPlainString(sc.total.weight) : null,
    grade: sc && scored ? (sc.grade.computed?.zh ?? null) : null,
    errors: result.counts.error,
    warnings: result.counts.warning,
    infos: result.counts.info,
    executionRate: executionRateOf(model),
  };
  return { model, data: evaluationToData(model) as JsonValue, findings: result.findings, counts: result.counts, summary };
}


/** 预算执行率 in percent (two decimals) by the layout's formula, or null when the inputs are missing. */
function executionRateOf(model: Model): string | null {
  const f = departmentMetrics(computeAll(model)).get('executionRate');
  return f?.outcome.kind === 'value' ? toFixed(mul(f.outcome.value, HUNDRED), 2) : null;
}

/** Writes an activity entry with the caller's address. */
export function activity(tx: Repositories, caller: Caller | undefined, action: string, subjectType: string, subjectId: string, detail: JsonValue = {}) {
  return tx.activity.append({
    ...(caller ? { actorId: caller.user.id } : {}),
    action,
    subjectType,
    subjectId,
    detail,
    ...(caller?.ip ? { ip: caller.ip } : {}),
    ...(caller?.userAgent ? { userAgent: caller.userAgent } : {}),
  });
}

/** The object without its undefined members (for options typed with exactOptionalPropertyTypes). */
export function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

