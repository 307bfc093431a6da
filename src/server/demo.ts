/**
 * `jixiao serve --demo`: the bundled examples as one task of a demo finance bureau, each example its own department,
 * moved along the workflow so that every screen has something to show (a draft, a submission, a signed-off one, one
 * under review, one approved), and a demo account for each role. Only into an empty store.
 */
import { basename } from 'node:path';
import { localDate } from '../core/workflow/task.ts';
import { transition } from '../core/workflow/transitions.ts';
import type { Action } from '../core/workflow/transitions.ts';
import type { Actor } from '../core/workflow/roles.ts';
import { exampleFiles, loadEvaluationFile } from '../ingest/files.ts';
import type { Store } from '../store/index.ts';
import { hashPassword } from './auth/password.ts';
import { checkModel, workflowTask } from './services.ts';

export const DEMO_PASSWORD = 'Jixiao-demo-2026';

export interface DemoAccount {
  readonly login: string;
  readonly role: string;
  readonly scope: string;
}

export interface DemoResult {
  readonly taskId: string;
  readonly accounts: readonly DemoAccount[];
  readonly password: string;
}

const PATHS: readonly (readonly Action[])[] = [[], ['submit'], ['submit', 'sign-off'], ['submit', 'sign-off', 'start-review'], ['submit', 'sign-off', 'start-review', 'approve']];

export async function loadDemo(store: Store, clock: () => Date = () => new Date(), files: readonly string[] = exampleFiles()): Promise<DemoResult> {
  const loaded = files.map((f) => ({ file: f, r: loadEvaluationFile(f) })).flatMap((x) => (x.r.ok && x.r.evaluation.documentKind !== 'project-form' ? [{ file: x.file, e: x.r.evaluation }] : []));
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = clock();
  const today = localDate(now);
  const shift = (days: number) => localDate(new Date(now.getTime() + days * 86_400_000));
  const accounts: DemoAccount[] = [];

  return store.exclusive('demo', async (tx) => {
    const region = await tx.regions.create({ name: '示例区财政局（演示）' });
    const departments = [];
    for (const [i, { file, e }] of loaded.entries()) {
      // The same bureau appears in several examples (different years): the example's number keeps the names apart.
      const name = `${e.department.name ?? '示例部门'}（示例 ${basename(file).match(/^\d+/)?.[0] ?? i + 1}·${e.year} 年度）`;
      departments.push(await tx.departments.create({ regionId: region.id, name, code: `DEMO${String(i + 1).padStart(2, '0')}` }));
    }
    const user = async (login: string, displayName: string) => tx.users.create({ login, displayName, passwordHash: hash });
    const admin = await user('demo-admin', '演示管理员');
    await tx.roles.grant(admin.id, { role: 'admin' });
    accounts.push({ login: admin.login, role: '系统管理员 / admin', scope: '全部 / everything' });
    const reviewer = await user('demo-reviewer', '演示绩效科审核人');
    await tx.roles.grant(reviewer.id, { role: 'reviewer', regionId: region.id });
    accounts.push({ login: reviewer.login, role: '绩效科审核人 / reviewer', scope: region.name });

    const years = loaded.map((x) => x.e.year);
    const task = await tx.tasks.create({
      regionId: region.id,
      year: Math.max(...years),
      subject: 'department',
      title: '部门整体支出绩效自评（演示任务）',
      layoutId: 'gz-report',
      rubricId: 'mof-2020',
      opensOn: shift(-20),
      closesOn: shift(25),
      departmentIds: departments.map((d) => d.id),
      createdBy: reviewer.id,
    });
    const third = await user('demo-thirdparty', '演示第三方评价机构');
    await tx.roles.grant(third.id, { role: 'third-party-reviewer', taskId: task.id });
    accounts.push({ login: third.login, role: '第三方评价机构 / third-party reviewer', scope: task.title });

    const reviewerActor: Actor = { role: 'reviewer', userId: reviewer.id, regionId: region.id };
    const issued = await tx.tasks.move(task.id, { action: 'issue', from: 'draft', to: 'issued', userId: reviewer.id, role: 'reviewer', at: now.toISOString() });
    if (issued.kind !== 'moved') throw new Error('demo: the task could not be issued');
    const liveTask = workflowTask(issued.task, departments.map((d) => d.id));

    for (const [i, { e }] of loaded.entries()) {
      const d = departments[i]!;
      const preparer = await user(`demo-preparer-${i + 1}`, `演示填报人 ${i + 1}`);
      await tx.roles.grant(preparer.id, { role: 'preparer', departmentId: d.id });
      const head = await user(`demo-head-${i + 1}`, `演示部门负责人 ${i + 1}`);
      await tx.roles.grant(head.id, { role: 'department-head', departmentId: d.id });
      accounts.push({ login: preparer.login, role: '填报人 / preparer', scope: d.name }, { login: head.login, role: '部门负责人 / department head', scope: d.name });

      const evaluation = await tx.evaluations.create(task.id, d.id);
      const checked = checkModel(e, task.rubricId);
      const saved = await tx.evaluations.save(evaluation.id, 0, checked.data, preparer.id, { summary: checked.summary });
      if (saved.kind !== 'saved') throw new Error('demo: save failed');
      await tx.findings.record(evaluation.id, 1, checked.findings);
      const actors: Record<string, Actor> = {
        preparer: { role: 'preparer', userId: preparer.id, departmentId: d.id },
        'department-head': { role: 'department-head', userId: head.id, departmentId: d.id },
        reviewer: reviewerActor,
      };
      let state = evaluation.state;
      for (const action of PATHS[i % PATHS.length]!) {
        const actor = action === 'submit' ? actors['preparer']! : action === 'sign-off' ? actors['department-head']! : actors['reviewer']!;
        const r = transition(actor, action, state, {
          departmentId: d.id,
          task: liveTask,
          now,
          findings: checked.findings,
          ...(action === 'submit' && checked.counts.error > 0 ? { overrideReason: '演示：原文如此，保留（demo: kept as printed）' } : {}),
        });
        if (!r.ok) throw new Error(`demo: ${action} refused: ${r.problem.code}`);
        const moved = await tx.transitions.move(evaluation.id, r.entry);
        if (moved.kind !== 'moved') throw new Error(`demo: ${action} did not move`);
        state = moved.evaluation.state;
      }
    }
    await tx.activity.append({ action: 'demo.load', subjectType: 'task', subjectId: task.id, detail: { examples: loaded.length, today, accounts: accounts.map((a) => ({ ...a })) } });
    return { taskId: task.id, accounts, password: DEMO_PASSWORD };
  });
}

/**
 * The demo as loaded at an earlier start of the same data folder (its accounts are kept in the activity log), so
 * that every `serve --demo` prints the logins — or undefined when this store never had the demo.
 */
export async function loadedDemo(store: Store): Promise<DemoResult | undefined> {
  const row = await store.db.selectFrom('activityLog').select(['subjectId', 'detail']).where('action', '=', 'demo.load').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const accounts = (row?.detail as { accounts?: DemoAccount[] } | undefined)?.accounts;
  if (!row?.subjectId || !Array.isArray(accounts)) return undefined;
  return { taskId: row.subjectId, accounts, password: DEMO_PASSWORD };
}
