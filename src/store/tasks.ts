/**
 * 绩效自评任务: what a finance bureau issues — year, subject (部门整体 or 项目), layout, rubric, opening and closing
 * dates, and its scope (the departments it is issued to). Whether a move (下达, 延期, 截止, 归档) is allowed is the core
 * workflow's rule (`taskTransition`); the store applies its entry only if the task is still as the caller saw it.
 */
import type { StoreContext } from './context.ts';
import { inTransaction } from './context.ts';
import type { Task, TaskSubject } from './database.ts';
import type { TaskState } from '../core/workflow/states.ts';
import type { TaskHistoryEntry } from '../core/workflow/task.ts';
import { isId, newId } from './ids.ts';

export interface NewTask {
  readonly regionId: string;
  readonly year: number;
  readonly subject: TaskSubject;
  readonly title: string;
  readonly layoutId: string;
  readonly rubricId: string;
  /** "YYYY-MM-DD" in the task's zone. */
  readonly opensOn: string;
  /** The last day to submit, "YYYY-MM-DD". */
  readonly closesOn: string;
  /** Minutes east of UTC (default 480, China Standard Time). */
  readonly utcOffsetMinutes?: number;
  /** The scope: departments the task is issued to. */
  readonly departmentIds: readonly string[];
  readonly createdBy?: string;
}

export interface TaskFilter {
  readonly regionId?: string;
  readonly year?: number;
  readonly state?: TaskState;
  /** Tasks whose scope includes this department. */
  readonly departmentId?: string;
}

export type TaskMoveResult =
  | { readonly kind: 'moved'; readonly task: Task }
  | { readonly kind: 'conflict'; readonly task: Task }
  | { readonly kind: 'not-found' };

export function tasksRepository({ db, clock }: StoreContext) {
  return {
    create(input: NewTask): Promise<Task> {
      return inTransaction(db, async (trx) => {
        const task = await trx
          .insertInto('tasks')
          .values({
            id: newId(),
            regionId: input.regionId,
            year: input.year,
            subject: input.subject,
            title: input.title,
            layoutId: input.layoutId,
            rubricId: input.rubricId,
            opensOn: input.opensOn,
            closesOn: input.closesOn,
            utcOffsetMinutes: input.utcOffsetMinutes ?? 480,
            state: 'draft',
            createdBy: input.createdBy ?? null,
            createdAt: clock(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const ids = [...new Set(input.departmentIds)];
        if (ids.length > 0) await trx.insertInto('taskDepartments').values(ids.map((departmentId) => ({ taskId: task.id, departmentId }))).execute();
        return task;
      });
    },

    async get(id: string): Promise<Task | undefined> {
      if (!isId(id)) return undefined;
      return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    },

    list(filter: TaskFilter = {}): Promise<Task[]> {
      const { regionId, year, state, departmentId } = filter;
      let q = db.selectFrom('tasks').selectAll('tasks');
      if (regionId !== undefined) q = q.where('regionId', '=', regionId);
      if (year !== undefined) q = q.where('year', '=', year);
      if (state !== undefined) q = q.where('state', '=', state);
      if (departmentId !== undefined) {
        q = q.where(({ exists, selectFrom }) =>
          exists(selectFrom('taskDepartments').select('taskDepartments.taskId').whereRef('taskDepartments.taskId', '=', 'tasks.id').where('taskDepartments.departmentId', '=', departmentId)),
        );
      }
      return q.orderBy('year', 'desc').orderBy('createdAt', 'desc').orderBy('id').execute();
    },

    /** The departments in the task's scope. */
    async scope(taskId: string): Promise<string[]> {
      if (!isId(taskId)) return [];
      const rows = await db.selectFrom('taskDepartments').select('departmentId').where('taskId', '=', taskId).orderBy('departmentId').execute();
      return rows.map((r) => r.departmentId);
    },

    /** Adds departments to the scope (those already in it are left as they are). */
    async addToScope(taskId: string, departmentIds: readonly string[]): Promise<void> {
      const ids = [...new Set(departmentIds)];
      if (ids.length === 0) return;
      await db
        .insertInto('taskDepartments')
        .values(ids.map((departmentId) => ({ taskId, departmentId })))
        .onConflict((oc) => oc.columns(['taskId', 'departmentId']).doNothing())
        .execute();
    },

    /**
     * Applies the core's task move (`taskTransition(...).entry`): the new state, and for 延期 the new closing date —
     * only if the task is still in `entry.from` (and, for 延期, still closes on the date the entry moves it from).
     */
    move(taskId: string, entry: TaskHistoryEntry): Promise<TaskMoveResult> {
      return inTransaction(db, async (trx): Promise<TaskMoveResult> => {
        if (!isId(taskId)) return { kind: 'not-found' };
        const current = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst();
        if (!current) return { kind: 'not-found' };
        if (current.state !== entry.from || (entry.closesOn && current.closesOn !== entry.closesOn.from)) return { kind: 'conflict', task: current };
        const task = await trx
          .updateTable('tasks')
          .set({ state: entry.to, ...(entry.closesOn ? { closesOn: entry.closesOn.to } : {}) })
          .where('id', '=', taskId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { kind: 'moved', task };
      });
    },
  };
}

export type TasksRepository = ReturnType<typeof tasksRepository>;
