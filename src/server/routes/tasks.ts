/**
 * 绩效自评任务: the bureau drafts a task (year, layout, rubric, dates, departments), issues it (下达: every department
 * in scope gets an empty evaluation), extends, closes and archives it; everyone sees the tasks that concern them with
 * the days left; the task's summary ranks its evaluations.
 */
import { LAYOUTS_BY_ID } from '../../core/layouts/index.ts';
import { TASK_ACTIONS, type TaskAction, canSee, taskTransition, taskWindow, visibleVersions } from '../../core/workflow/index.ts';
import { TASK_SUBJECTS, type Task } from '../../store/index.ts';
import { runsRegion, seesTask } from '../access.ts';
import type { Services } from '../app.ts';
import type { Caller } from '../context.ts';
import { IdParam, type App, type Ctx, json, op, valid, z } from '../openapi.ts';
import { apiError, ApiError } from '../problems.ts';
import { activity, defined, refOf, rubricById, workflowTask } from '../services.ts';
import { taskSummary } from '../summary.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).openapi({ example: '2026-03-31' });
const uuid = z.string().uuid();

export const NewTaskBody = z
  .object({
    regionId: uuid,
    year: z.number().int().min(2000).max(2100),
    subject: z.enum(TASK_SUBJECTS).default('department'),
    title: z.string().trim().min(1).max(200),
    layoutId: z.string().max(60),
    rubricId: z.string().max(80),
    opensOn: date,
    closesOn: date,
    utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
    departmentIds: z.array(uuid).max(5000),
  })
  .openapi('NewTask');

const TaskSchema = z
  .object({
    id: z.string(),
    regionId: z.string(),
    year: z.number(),
    subject: z.string(),
    title: z.string(),
    layoutId: z.string(),
    rubricId: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    state: z.string(),
    window: z.object({ phase: z.string(), isOpen: z.boolean(), today: z.string(), remainingDays: z.number().optional(), label: z.object({ zh: z.string(), en: z.string() }) }),
    departmentIds: z.array(z.string()).optional(),
  })
  .openapi('Task');

const TaskActionParams = z.object({ id: uuid, action: z.enum(TASK_ACTIONS) });
const TaskActionBody = z.object({ newClosesOn: date.optional() }).openapi('TaskActionBody');
const ScopeBody = z.object({ departmentIds: z.array(uuid).min(1).max(5000) });

export function taskRoutes(app: App, services: Services): void {
  const { store, clock } = services;

  const taskOut = (t: Task, departmentIds?: readonly string[]) => {
    const w = taskWindow(workflowTask(t), clock());
    return {
      id: t.id, regionId: t.regionId, year: t.year, subject: t.subject, title: t.title, layoutId: t.layoutId, rubricId: t.rubricId, opensOn: t.opensOn, closesOn: t.closesOn, state: t.state,
      window: { phase: w.phase, isOpen: w.isOpen, today: w.today, ...(w.remainingDays !== undefined ? { remainingDays: w.remainingDays } : {}), label: w.label },
      ...(departmentIds ? { departmentIds: [...departmentIds] } : {}),
    };
  };

  /** The task if the caller sees it, else 404. */
  async function visibleTask(caller: Caller, id: string): Promise<{ task: Task; scope: string[] }> {
    const task = await store.tasks.get(id);
    const scope = task ? await store.tasks.scope(id) : [];
    if (!task || !seesTask(caller, task, scope)) throw apiError(404, 'api-task-not-found', { id });
    return { task, scope };
  }

  op(app, { method: 'get', path: '/api/tasks', summary: '我能看到的任务 / the tasks that concern me', tags: ['tasks'], response: z.array(TaskSchema) }, async (c: Ctx) => {
    const caller = c.get('caller');
    const out = [];
    for (const t of await store.tasks.list()) {
      const scope = await store.tasks.scope(t.id);
      if (seesTask(caller, t, scope)) out.push(taskOut(t));
    }
    return json(c, out);
  });

  op(app, { method: 'post', path: '/api/tasks', summary: '拟定任务 / draft a task', tags: ['tasks'], roles: '本地区绩效科审核人、系统管理员 / the region’s reviewer or admin', body: NewTaskBody, response: TaskSchema, status: 201 }, async (c: Ctx) => {
    const caller = c.get('caller');
    const body = valid(c, 'json', NewTaskBody);
    if (!runsRegion(caller, body.regionId)) throw apiError(403, 'api-not-your-region');
    const problems = [];
    if (!LAYOUTS_BY_ID.has(body.layoutId)) problems.push({ code: 'api-unknown-layout', path: ['layoutId'], params: { layout: body.layoutId, known: [...LAYOUTS_BY_ID.keys()].join(', ') } });
    if (!rubricById(body.rubricId)) problems.push({ code: 'api-unknown-rubric', path: ['rubricId'], params: { rubric: body.rubricId } });
    const departments = await store.departments.list({ regionId: body.regionId });
    const inRegion = new Set(departments.map((d) => d.id));
    body.departmentIds.forEach((d, i) => {
      if (!inRegion.has(d)) problems.push({ code: 'api-department-not-in-region', path: ['departmentIds', i], params: { id: d } });
    });
    if (problems.length) throw new ApiError(422, problems);
    const task = await store.transaction(async (tx) => {
      const t = await tx.tasks.create({ ...defined(body), createdBy: caller.user.id });
      await activity(tx, caller, 'task.create', 'task', t.id, { title: t.title, year: t.year });
      return t;
    });
    return json(c, taskOut(task, await store.tasks.scope(task.id)), 201);
  });

  op(app, { method: 'get', path: '/api/tasks/:id', summary: '任务详情 / a task', tags: ['tasks'], params: IdParam, response: TaskSchema }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    const { task, scope } = await visibleTask(c.get('caller'), id);
    return json(c, taskOut(task, runsRegion(c.get('caller'), task.regionId) ? scope : undefined));
  });

  op(app, { method: 'post', path: '/api/tasks/:id/departments', summary: '扩大任务范围 / add departments to the scope', tags: ['tasks'], roles: '本地区绩效科审核人、系统管理员 / the region’s reviewer or admin', params: IdParam, body: ScopeBody, response: TaskSchema }, async (c: Ctx) => {
    const caller = c.get('caller');
    const { id } = valid(c, 'param', IdParam);
    const { departmentIds } = valid(c, 'json', ScopeBody);
    const { task } = await visibleTask(caller, id);
    if (!runsRegion(caller, task.regionId)) throw apiError(403, 'api-not-your-region');
    if (task.state === 'archived') throw apiError(409, 'workflow-task-archived');
    const inRegion = new Set((await store.departments.list({ regionId: task.regionId })).map((d) => d.id));
    const bad = departmentIds.findIndex((d) => !inRegion.has(d));
    if (bad >= 0) throw apiError(422, 'api-department-not-in-region', { id: departmentIds[bad]! }, ['departmentIds', bad]);
    await store.transaction(async (tx) => {
      await tx.tasks.addToScope(id, departmentIds);
      // Once issued, a department added to the scope gets its empty evaluation at once, like the others did.
      if (task.state !== 'draft') await createEvaluations(tx, id, departmentIds);
      await activity(tx, caller, 'task.scope-add', 'task', id, { departmentIds });
    });
    return json(c, taskOut(task, await store.tasks.scope(id)));
  });

  op(app, { method: 'post', path: '/api/tasks/:id/actions/:action', summary: '下达、延期、截止、归档 / issue, extend, close, archive', tags: ['tasks'], roles: '本地区绩效科审核人、系统管理员 / the region’s reviewer or admin', params: TaskActionParams, body: TaskActionBody, response: TaskSchema, errors: [409] }, async (c: Ctx) => {
    const caller = c.get('caller');
    const { id, action } = valid(c, 'param', TaskActionParams);
    const body = valid(c, 'json', TaskActionBody);
    const { task, scope } = await visibleTask(caller, id);
    const evaluationStates = (await store.evaluations.list({ taskId: id })).map((e) => e.state);
    const context = { now: clock(), evaluationStates, ...(body.newClosesOn ? { newClosesOn: body.newClosesOn } : {}) };
    let problem;
    for (const actor of caller.actors) {
      const r = taskTransition(actor, action as TaskAction, workflowTask(task, scope), context);
      if (!r.ok) {
        problem ??= r.problem;
        continue;
      }
      const moved = await store.transaction(async (tx) => {
        const m = await tx.tasks.move(id, r.entry);
        if (m.kind !== 'moved') return m;
        if (action === 'issue') await createEvaluations(tx, id, scope);
        await activity(tx, caller, `task.${action}`, 'task', id, { from: r.entry.from, to: r.entry.to, ...(r.entry.closesOn ? { closesOn: { ...r.entry.closesOn } } : {}) });
        return m;
      });
      if (moved.kind === 'not-found') throw apiError(404, 'api-task-not-found', { id });
      if (moved.kind === 'conflict') throw apiError(409, 'api-task-changed');
      return json(c, taskOut(moved.task, scope));
    }
    throw new ApiError(problem?.code.startsWith('workflow-other') || problem?.code === 'workflow-role-not-allowed' ? 403 : 409, problem ? [problem] : []);
  });

  op(app, { method: 'get', path: '/api/tasks/:id/evaluations', summary: '任务中的评价及排名 / the task’s evaluations, ranked', tags: ['tasks'], params: IdParam, response: z.array(z.unknown()) }, async (c: Ctx) => {
    const caller = c.get('caller');
    const { id } = valid(c, 'param', IdParam);
    const { task } = await visibleTask(caller, id);
    return json(c, await taskSummary(store, caller, task, clock()));
  });

  op(app, { method: 'get', path: '/api/tasks/:id/export', summary: '导出任务（JSON）/ export the task as JSON', tags: ['tasks'], roles: '本地区绩效科审核人、系统管理员 / the region’s reviewer or admin', params: IdParam, response: z.unknown() }, async (c: Ctx) => {
    const caller = c.get('caller');
    const { id } = valid(c, 'param', IdParam);
    const { task } = await visibleTask(caller, id);
    if (!runsRegion(caller, task.regionId)) throw apiError(403, 'api-not-your-region');
    const exported = await store.exportTask(id);
    if (!exported) throw apiError(404, 'api-task-not-found', { id });
    // The export shows no more than the screens do: a reviewer gets no department's draft, and of a returned
    // evaluation only what was submitted — the versions, data and findings of the newest submitted version.
    const evaluations = [];
    for (const x of exported.evaluations) {
      const ref = refOf(x.evaluation, task);
      const seeing = caller.actors.filter((a) => canSee(a, ref));
      if (seeing.length === 0) continue;
      if (seeing.some((a) => visibleVersions(a, ref) === 'all')) {
        evaluations.push(x);
        continue;
      }
      const submitted = new Set(x.transitions.filter((t) => t.action === 'submit' || t.action === 'receive').map((t) => t.atVersion));
      const newest = Math.max(0, ...submitted);
      const version = newest > 0 ? await store.evaluations.version(x.evaluation.id, newest) : undefined;
      evaluations.push({
        ...x,
        evaluation: { ...x.evaluation, currentVersion: newest },
        data: version?.data ?? null,
        versions: x.versions.filter((v) => submitted.has(v.version)),
        findings: newest > 0 ? await store.findings.list(x.evaluation.id, newest) : [],
      });
    }
    await activity(store, caller, 'task.export', 'task', id, { evaluations: evaluations.length });
    c.header('content-disposition', `attachment; filename="task-${id}.json"`);
    return json(c, { ...exported, evaluations });
  });

  async function createEvaluations(tx: Parameters<Parameters<typeof store.transaction>[0]>[0], taskId: string, departmentIds: readonly string[]): Promise<void> {
    const existing = new Set((await tx.evaluations.list({ taskId })).map((e) => e.departmentId));
    for (const d of departmentIds) if (!existing.has(d)) await tx.evaluations.create(taskId, d);
  }
}
