/**
 * One task as a JSON document: the task and its scope, and for every evaluation its newest data, its history of
 * versions and moves, its findings, review opinions and documents (without their bytes). Plain data: dates as ISO
 * text, amounts and scores as decimal strings, ready for JSON.stringify.
 */
import type { StoreContext } from './context.ts';
import type { Department, Evaluation, EvaluationDocument, Region, StoredFinding, Task, Transition } from './database.ts';
import { documentsRepository } from './documents.ts';
import { evaluationsRepository, type VersionInfo } from './evaluations.ts';
import { findingsRepository } from './findings.ts';
import { isId } from './ids.ts';
import { type ReviewOpinionWithScores, reviewsRepository } from './reviews.ts';
import { transitionsRepository } from './transitions.ts';

export const TASK_EXPORT_FORMAT = 'jixiao-task-export';

export interface EvaluationExport {
  readonly evaluation: Evaluation;
  readonly department: Department | undefined;
  /** The newest version's data (the serialized evaluation model), null before the first save. */
  readonly data: unknown;
  readonly versions: readonly VersionInfo[];
  readonly transitions: readonly Transition[];
  /** Findings of the newest version. */
  readonly findings: readonly StoredFinding[];
  readonly reviewOpinions: readonly ReviewOpinionWithScores[];
  readonly documents: readonly EvaluationDocument[];
}

export interface TaskExport {
  readonly format: typeof TASK_EXPORT_FORMAT;
  readonly formatVersion: 1;
  readonly exportedAt: Date;
  readonly task: Task;
  readonly region: Region | undefined;
  readonly scope: readonly Department[];
  readonly evaluations: readonly EvaluationExport[];
}

/** The task as one JSON-ready object, or undefined when there is no such task. */
export async function exportTask(ctx: StoreContext, taskId: string): Promise<TaskExport | undefined> {
  if (!isId(taskId)) return undefined;
  const { db } = ctx;
  // One snapshot: what a reviewer saves during the export is either wholly in it or wholly not.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx): Promise<TaskExport | undefined> => {
      const tx = { ...ctx, db: trx };
      const task = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
      if (!task) return undefined;
      const region = await trx.selectFrom('regions').selectAll().where('id', '=', task.regionId).executeTakeFirst();
      const scope = await trx
        .selectFrom('departments')
        .selectAll('departments')
        .innerJoin('taskDepartments', 'taskDepartments.departmentId', 'departments.id')
        .where('taskDepartments.taskId', '=', taskId)
        .orderBy('departments.name')
        .orderBy('departments.id')
        .execute();
      const evaluations = evaluationsRepository(tx);
      const transitions = transitionsRepository(tx);
      const findings = findingsRepository(tx);
      const reviews = reviewsRepository(tx);
      const documents = documentsRepository(tx);
      const out: EvaluationExport[] = [];
      for (const evaluation of await evaluations.list({ taskId })) {
        out.push({
          evaluation,
          department: scope.find((d) => d.id === evaluation.departmentId),
          data: (await evaluations.latest(evaluation.id))?.data ?? null,
          versions: await evaluations.versions(evaluation.id),
          transitions: await transitions.history(evaluation.id),
          findings: evaluation.currentVersion > 0 ? await findings.list(evaluation.id, evaluation.currentVersion) : [],
          reviewOpinions: await reviews.list(evaluation.id),
          documents: await documents.forEvaluation(evaluation.id),
        });
      }
      return { format: TASK_EXPORT_FORMAT, formatVersion: 1, exportedAt: ctx.clock(), task, region, scope, evaluations: out };
    });
}
