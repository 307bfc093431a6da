/**
 * Evaluations (one department × one task) and their immutable versions. Every save is a new version with its author,
 * time and changed field paths; a save names the version it edits (optimistic locking) and a stale one gets a
 * conflict value carrying both versions — it never throws for that and never overwrites.
 */
import { type DataChange, diffData } from '../core/model/diff.ts';
import type { EvaluationState } from '../core/workflow/states.ts';
import type { StoreContext } from './context.ts';
import { inTransaction } from './context.ts';
import type { Evaluation, EvaluationVersion, JsonValue, VersionSummary } from './database.ts';
import { isId, newId } from './ids.ts';
import { dataToJson, toJson } from './json.ts';

export type SaveResult =
  | { readonly kind: 'saved'; readonly version: EvaluationVersion }
  /**
   * Someone saved since `baseVersion`: `base` is the version the caller edited (undefined when it edited the empty
   * evaluation, version 0), `current` the newest. Nothing was written; the caller's data is still the caller's.
   */
  | { readonly kind: 'conflict'; readonly baseVersion: number; readonly base: EvaluationVersion | undefined; readonly current: EvaluationVersion }
  /** The evaluation is in a state the caller said is not editable (e.g. submitted: frozen). Nothing was written. */
  | { readonly kind: 'frozen'; readonly state: EvaluationState }
  | { readonly kind: 'not-found' };

export interface SaveOptions {
  /**
   * The states in which a save is allowed (from the core workflow). Checked in the same transaction as the save, so a
   * submission that lands between the caller's check and its save cannot be edited behind the reviewer's back.
   */
  readonly editableStates?: readonly EvaluationState[];
  /** The version's scores and finding counts, kept beside it for the task's summary. */
  readonly summary?: VersionSummary;
}

/** A version without its data: what a history list shows. */
export type VersionInfo = Omit<EvaluationVersion, 'data'>;

export interface VersionDiff {
  readonly evaluationId: string;
  readonly from: number;
  readonly to: number;
  readonly changedPaths: readonly string[];
  readonly changes: readonly DataChange[];
}

export interface EvaluationFilter {
  readonly taskId?: string;
  readonly departmentId?: string;
  readonly state?: EvaluationState;
}

export function evaluationsRepository({ db, clock }: StoreContext) {
  const versionRow = (trx: typeof db, evaluationId: string, version: number) =>
    trx.selectFrom('evaluationVersions').selectAll().where('evaluationId', '=', evaluationId).where('version', '=', version).executeTakeFirst();

  return {
    /** A new, empty evaluation (version 0, draft) of a department in the task's scope (the database refuses others). */
    create(taskId: string, departmentId: string): Promise<Evaluation> {
      const now = clock();
      return db
        .insertInto('evaluations')
        .values({ id: newId(), taskId, departmentId, state: 'draft', currentVersion: 0, createdAt: now, updatedAt: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async get(id: string): Promise<Evaluation | undefined> {
      if (!isId(id)) return undefined;
      return db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async getFor(taskId: string, departmentId: string): Promise<Evaluation | undefined> {
      if (!isId(taskId) || !isId(departmentId)) return undefined;
      return db.selectFrom('evaluations').selectAll().where('taskId', '=', taskId).where('departmentId', '=', departmentId).executeTakeFirst();
    },

    list(filter: EvaluationFilter = {}): Promise<Evaluation[]> {
      const { taskId, departmentId, state } = filter;
      let q = db.selectFrom('evaluations').selectAll();
      if (taskId !== undefined) q = q.where('taskId', '=', taskId);
      if (departmentId !== undefined) q = q.where('departmentId', '=', departmentId);
      if (state !== undefined) q = q.where('state', '=', state);
      return q.orderBy('createdAt').orderBy('id').execute();
    },

    /**
     * Saves `data` (the evaluation as src/core/model/serialize.ts writes it: JSON with amounts as decimal strings) as
     * version baseVersion + 1, if baseVersion is still the newest. The row lock on the evaluation makes concurrent
     * saves on PostgreSQL take turns, so the second sees the first's version and gets the conflict.
     */
    save(evaluationId: string, baseVersion: number, data: unknown, authorId: string, options: SaveOptions = {}): Promise<SaveResult> {
      const json = dataToJson(data);
      return inTransaction(db, async (trx): Promise<SaveResult> => {
        if (!isId(evaluationId)) return { kind: 'not-found' };
        const evaluation = await trx.selectFrom('evaluations').select(['currentVersion', 'state']).where('id', '=', evaluationId).forUpdate().executeTakeFirst();
        if (!evaluation) return { kind: 'not-found' };
        if (options.editableStates && !options.editableStates.includes(evaluation.state)) return { kind: 'frozen', state: evaluation.state };
        if (evaluation.currentVersion !== baseVersion) {
          const current = await versionRow(trx, evaluationId, evaluation.currentVersion);
          if (!current) throw new Error(`evaluation ${evaluationId} lacks its current version ${evaluation.currentVersion}`);
          const base = baseVersion >= 1 ? await versionRow(trx, evaluationId, baseVersion) : undefined;
          return { kind: 'conflict', baseVersion, base, current };
        }
        const before = baseVersion >= 1 ? (await versionRow(trx, evaluationId, baseVersion))?.data : {};
        const now = clock();
        const version = await trx
          .insertInto('evaluationVersions')
          .values({
            evaluationId,
            version: baseVersion + 1,
            authorId,
            createdAt: now,
            data: json,
            // Compared as stored (parsed JSON) on both sides, so a number written as 1.50 and read as 1.5 is no change.
            changedPaths: toJson(diffData(before ?? {}, JSON.parse(json) as JsonValue).map((c) => c.path)),
            summary: options.summary ? toJson(options.summary) : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('evaluations').set({ currentVersion: version.version, updatedAt: now }).where('id', '=', evaluationId).execute();
        return { kind: 'saved', version };
      });
    },

    async version(evaluationId: string, version: number): Promise<EvaluationVersion | undefined> {
      if (!isId(evaluationId)) return undefined;
      return versionRow(db, evaluationId, version);
    },

    /** The newest version, or undefined before the first save. */
    async latest(evaluationId: string): Promise<EvaluationVersion | undefined> {
      if (!isId(evaluationId)) return undefined;
      return db
        .selectFrom('evaluationVersions')
        .selectAll('evaluationVersions')
        .innerJoin('evaluations', (j) => j.onRef('evaluations.id', '=', 'evaluationVersions.evaluationId').onRef('evaluations.currentVersion', '=', 'evaluationVersions.version'))
        .where('evaluations.id', '=', evaluationId)
        .executeTakeFirst();
    },

    /** The history: every version without its data, oldest first. */
    async versions(evaluationId: string): Promise<VersionInfo[]> {
      if (!isId(evaluationId)) return [];
      return db
        .selectFrom('evaluationVersions')
        .select(['evaluationId', 'version', 'authorId', 'createdAt', 'changedPaths', 'summary'])
        .where('evaluationId', '=', evaluationId)
        .orderBy('version')
        .execute();
    },

    /** What changed from version `a` to version `b` (either order; 0 is the empty evaluation). */
    async diffVersions(evaluationId: string, a: number, b: number): Promise<VersionDiff | undefined> {
      if (!isId(evaluationId)) return undefined;
      const dataOf = async (v: number): Promise<{ readonly data: unknown } | undefined> => (v === 0 ? { data: {} } : versionRow(db, evaluationId, v));
      const [from, to] = [await dataOf(a), await dataOf(b)];
      if (!from || !to) return undefined;
      const changes = diffData(from.data, to.data);
      return { evaluationId, from: a, to: b, changedPaths: changes.map((c) => c.path), changes };
    },
  };
}

export type EvaluationsRepository = ReturnType<typeof evaluationsRepository>;
