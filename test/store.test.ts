/**
 * The store's one suite, run against every dialect (Kysely's habit): PGlite in memory always, and the PostgreSQL
 * server at 127.0.0.1:5432 (trust auth, database `test`; JIXIAO_TEST_DATABASE_URL overrides) when it answers. Each
 * PostgreSQL run works in schemas of its own, made for it and dropped after it, so parallel runs never meet. When the
 * server does not answer, its half is skipped with the reason printed — never silently.
 * Time is a clock the tests move (leases, retries), never a wait.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Finding } from '../src/core/audit/types.ts';
import type { ReturnReason } from '../src/core/workflow/reasons.ts';
import type { Actor, Role } from '../src/core/workflow/roles.ts';
import type { EvaluationState } from '../src/core/workflow/states.ts';
import { type TaskHistoryEntry, taskTransition } from '../src/core/workflow/task.ts';
import { type Action, type HistoryEntry, type TransitionContext, latestReturn, transition } from '../src/core/workflow/transitions.ts';
import { parseEvaluation } from '../src/core/model/parse.ts';
import { evaluationToData } from '../src/core/model/serialize.ts';
import { BACKUP_TABLES, TRANSIENT_TABLES } from '../src/store/backup.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../src/store/migrations/index.ts';
import { LEASE_EXPIRED } from '../src/store/jobs.ts';
import { historyEntryOf } from '../src/store/transitions.ts';
import { DataDirInUseError, type Store, isAppendOnlyRefusal, isCheckViolation, isForeignKeyViolation, isUniqueViolation } from '../src/store/index.ts';
import { loadExample } from './helpers.ts';
import { TestClock, storeTargets } from './store-targets.ts';

const { TARGETS, pgSkip } = await storeTargets();

let counter = 0;
const unique = (stem: string): string => `${stem}-${process.pid}-${++counter}`;

/** A bureau, a department with a subordinate unit, a preparer and a reviewer, a task over both units, an evaluation. */
async function world(store: Store) {
  const region = await store.regions.create({ name: unique('某市财政局') });
  const department = await store.departments.create({ regionId: region.id, name: '某某局', code: unique('D') });
  const unit = await store.departments.create({ regionId: region.id, name: '某某局下属中心', parentId: department.id });
  const preparer = await store.users.create({ login: unique('preparer'), displayName: '填报人甲' });
  const reviewer = await store.users.create({ login: unique('reviewer'), displayName: '审核人乙' });
  const task = await store.tasks.create({
    regionId: region.id,
    year: 2024,
    subject: 'department',
    title: '2024 年度部门整体支出绩效自评',
    layoutId: 'gz-form',
    rubricId: 'gz-2023',
    opensOn: '2025-03-01',
    closesOn: '2025-04-30',
    departmentIds: [department.id, unit.id],
  });
  const evaluation = await store.evaluations.create(task.id, department.id);
  return { region, department, unit, preparer, reviewer, task, evaluation };
}

/** A move as the core's workflow writes it (src/core/workflow/transitions.ts `transition`). */
const entry = (clock: TestClock, action: Action, from: EvaluationState, to: EvaluationState, userId: string, role: Role, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  action,
  from,
  to,
  userId,
  role,
  at: clock.now.toISOString(),
  ...extra,
});

/** Exact decimals longer than any float holds. */
const HUGE = '12345678901234567890.123456789012';

const FINDING: Finding = {
  rule: 'budget-sum',
  severity: 'error',
  category: 'arithmetic',
  message: { zh: '合计不等于各项之和', en: 'total differs from the sum of its parts' },
  printed: '100.00',
  computed: '99.99',
  locations: [{ field: 'budget.total', table: '表一', row: 3, text: '100.00' }],
};

/** Puts at least one row in every table. */
async function populate(store: Store, clock: TestClock) {
  const w = await world(store);
  const saved = await store.evaluations.save(w.evaluation.id, 0, { budget: { actualSpending: `${HUGE} 万元` }, projects: [{ name: '项目一' }] }, w.preparer.id);
  assert.equal(saved.kind, 'saved');
  await store.evaluations.save(w.evaluation.id, 1, { budget: { actualSpending: '1.00 万元' }, projects: [{ name: '项目一' }, { name: '项目二' }] }, w.preparer.id);
  await store.roles.grant(w.preparer.id, { role: 'preparer', departmentId: w.department.id });
  await store.roles.grant(w.reviewer.id, { role: 'reviewer', regionId: w.region.id });
  await store.transitions.move(w.evaluation.id, entry(clock, 'submit', 'draft', 'submitted', w.preparer.id, 'preparer'), { atVersion: 2 });
  const bytes = new Uint8Array(randomBytes(3000));
  const { document } = await store.documents.put({ bytes, fileName: '自评表.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', uploadedBy: w.preparer.id });
  await store.documents.setExtractionReport(document.hash, { fields: 12, amount: HUGE, nested: [{ a: 1.5 }] });
  await store.documents.attach(w.evaluation.id, document.hash, '自评表.docx', w.preparer.id);
  await store.findings.record(w.evaluation.id, 2, [FINDING]);
  await store.reviews.create({
    evaluationId: w.evaluation.id,
    version: 2,
    reviewerId: w.reviewer.id,
    overallOpinion: '基本符合要求',
    rectifications: [{ text: '补充项目二的绩效指标', path: 'projects[1]' }],
    itemScores: [{ rubricItemId: 'budget-execution', adjustedScore: HUGE, reason: '按决算数重算' }],
  });
  const job = await store.jobs.enqueue({ kind: unique('import'), payload: { hash: document.hash }, batchId: unique('batch') });
  await store.rubrics.create({ id: unique('rubric'), name: '测试评分规则', fileName: 'rubric.yaml', source: 'id: x\n', data: { id: 'x', total: HUGE }, createdBy: w.reviewer.id });
  await store.activity.append({ actorId: w.preparer.id, action: 'evaluation.save', subjectType: 'evaluation', subjectId: w.evaluation.id, detail: { version: 2 }, ip: '192.0.2.7', userAgent: 'test' });
  return { ...w, document, bytes, job };
}

/** A backup file's rows, without its header (which names the time and the dialect). */
const backupRows = (file: string): string[] => readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);

for (const target of TARGETS) {
  describe(`store on ${target.name}`, { skip: target.skip ?? false }, () => {
    const clock = new TestClock();
    const files = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
    let store: Store;

    before(async () => {
      store = await target.open(clock);
    });

    after(async () => {
      await store?.close();
      await target.cleanup();
      rmSync(files, { recursive: true, force: true });
    });

    test('migrations run from empty to the newest schema version, once', async () => {
      const place = unique('kept').replaceAll('-', '_');
      const first = await target.openAt(place, clock);
      let regionId: string;
      try {
        assert.deepEqual(first.migration.applied, Object.keys(MIGRATIONS));
        assert.equal(first.schemaVersion, LATEST_SCHEMA_VERSION);
        const { rows } = await sql<{ table_name: string }>`
          select table_name from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely%'`.execute(first.db.withoutPlugins());
        assert.deepEqual(rows.map((r) => r.table_name).sort(), [...BACKUP_TABLES.map((t) => t.name), ...TRANSIENT_TABLES].sort());
        regionId = (await first.regions.create({ name: '持久化' })).id;
        // A PGlite folder belongs to one store at a time; PostgreSQL is made to be shared.
        if (!first.capabilities.sharedAcrossProcesses) await assert.rejects(target.openAt(place, clock), DataDirInUseError);
      } finally {
        await first.close();
      }
      const again = await target.openAt(place, clock);
      try {
        assert.deepEqual(again.migration.applied, []);
        assert.equal(again.schemaVersion, LATEST_SCHEMA_VERSION);
        assert.equal((await again.regions.get(regionId))?.name, '持久化');
      } finally {
        await again.close();
      }
    });

    test('regions, departments with subordinate units, users and roles: create, get, list', async () => {
      const w = await world(store);
      assert.deepEqual(await store.regions.get(w.region.id), w.region);
      assert.ok((await store.regions.list()).some((r) => r.id === w.region.id));
      assert.equal(await store.regions.get('not-an-id'), undefined);

      assert.deepEqual(await store.departments.get(w.unit.id), w.unit);
      assert.deepEqual((await store.departments.list({ regionId: w.region.id, parentId: null })).map((d) => d.id), [w.department.id]);
      assert.deepEqual((await store.departments.list({ parentId: w.department.id })).map((d) => d.id), [w.unit.id]);
      const other = await store.regions.create({ name: unique('另一区财政局') });
      await assert.rejects(store.departments.create({ regionId: other.id, name: '错位单位', parentId: w.department.id }), isForeignKeyViolation);

      assert.deepEqual(await store.users.getByLogin(w.preparer.login), w.preparer);
      assert.equal(w.preparer.passwordHash, null);
      assert.equal(await store.users.setPasswordHash(w.preparer.id, '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA'), true);
      assert.equal((await store.users.get(w.preparer.id))?.passwordHash, '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA');
      assert.equal(await store.users.setActive(w.preparer.id, false), true);
      assert.equal((await store.users.get(w.preparer.id))?.isActive, false);
      assert.ok((await store.users.list()).some((u) => u.id === w.reviewer.id));
      await assert.rejects(store.users.create({ login: w.preparer.login, displayName: '重名' }), isUniqueViolation);

      const head = await store.roles.grant(w.preparer.id, { role: 'department-head', departmentId: w.department.id });
      await store.roles.grant(w.preparer.id, { role: 'preparer', departmentId: w.department.id });
      await store.roles.grant(w.reviewer.id, { role: 'third-party-reviewer', taskId: w.task.id });
      await store.roles.grant(w.reviewer.id, { role: 'reviewer', regionId: w.region.id });
      assert.deepEqual((await store.roles.forUser(w.preparer.id)).map((r) => [r.role, r.departmentId]), [
        ['department-head', w.department.id],
        ['preparer', w.department.id],
      ]);
      assert.deepEqual((await store.roles.list({ taskId: w.task.id })).map((r) => r.userId), [w.reviewer.id]);
      await assert.rejects(store.roles.grant(w.preparer.id, { role: 'preparer', departmentId: w.department.id }), isUniqueViolation);
      // A role without the scope it needs is refused by the database, whatever the caller's types say.
      await assert.rejects(store.db.insertInto('userRoles').values({ id: randomUUID(), userId: w.preparer.id, role: 'reviewer', departmentId: w.department.id, regionId: null, taskId: null, grantedBy: null, createdAt: clock.now }).execute(), isCheckViolation);
      const admin = await store.users.create({ login: unique('admin'), displayName: '管理员' });
      await store.roles.grant(admin.id, { role: 'admin' });
      clock.advance(1);
      await store.roles.grant(admin.id, { role: 'admin', regionId: w.region.id });
      assert.deepEqual(await store.roles.actorsOf(admin.id), [{ role: 'admin', userId: admin.id }, { role: 'admin', userId: admin.id, regionId: w.region.id }]);
      assert.equal(await store.roles.revoke(head.id), true);
      assert.equal(await store.roles.revoke(head.id), false);
    });

    test('tasks: scope, listing by department, moves only from the state the caller saw', async () => {
      const w = await world(store);
      assert.deepEqual(await store.tasks.get(w.task.id), w.task);
      assert.equal(w.task.opensOn, '2025-03-01', 'a date column reads as a calendar date, on both dialects');
      assert.equal(w.task.utcOffsetMinutes, 480);
      assert.deepEqual(await store.tasks.scope(w.task.id), [w.department.id, w.unit.id].sort());
      assert.deepEqual((await store.tasks.list({ departmentId: w.unit.id })).map((t) => t.id), [w.task.id]);
      assert.deepEqual((await store.tasks.list({ regionId: w.region.id, year: 2024, state: 'draft' })).map((t) => t.id), [w.task.id]);
      const late = await store.departments.create({ regionId: w.region.id, name: '后加入单位' });
      await assert.rejects(store.evaluations.create(w.task.id, late.id), isForeignKeyViolation);
      await store.tasks.addToScope(w.task.id, [late.id, w.unit.id]);
      assert.equal((await store.evaluations.create(w.task.id, late.id)).state, 'draft');
      await assert.rejects(store.evaluations.create(w.task.id, w.department.id), isUniqueViolation);

      const issue: TaskHistoryEntry = { action: 'issue', from: 'draft', to: 'issued', userId: w.reviewer.id, role: 'reviewer', at: clock.now.toISOString() };
      const issued = await store.tasks.move(w.task.id, issue);
      assert.equal(issued.kind === 'moved' && issued.task.state, 'issued');
      const stale = await store.tasks.move(w.task.id, issue);
      assert.equal(stale.kind === 'conflict' && stale.task.state, 'issued');
      const extend: TaskHistoryEntry = { ...issue, action: 'extend', from: 'issued', to: 'issued', closesOn: { from: '2025-04-30', to: '2025-05-31' } };
      const extended = await store.tasks.move(w.task.id, extend);
      assert.equal(extended.kind === 'moved' && extended.task.closesOn, '2025-05-31');
      assert.equal((await store.tasks.move(w.task.id, extend)).kind, 'conflict', 'a second extension from the old date is stale');
      assert.deepEqual(await store.tasks.move(randomUUID(), issue), { kind: 'not-found' });
      await assert.rejects(
        store.tasks.create({ regionId: w.region.id, year: 2024, subject: 'project', title: '日期颠倒', layoutId: 'project-form', rubricId: 'r', opensOn: '2025-05-01', closesOn: '2025-04-01', departmentIds: [] }),
        isCheckViolation,
      );
    });

    test('every save is a new version with author, time and changed paths; any two versions compare', async () => {
      const w = await world(store);
      const v1 = await store.evaluations.save(w.evaluation.id, 0, { identity: { name: '某某局' }, budget: { initialBudget: '100.00 万元' } }, w.preparer.id);
      assert.equal(v1.kind, 'saved');
      assert.ok(v1.kind === 'saved');
      assert.deepEqual(v1.version.changedPaths, ['budget', 'identity']);
      assert.equal(v1.version.authorId, w.preparer.id);
      assert.deepEqual(v1.version.createdAt, clock.now);
      clock.advance(1000);
      const v2 = await store.evaluations.save(w.evaluation.id, 1, { identity: { name: '某某局' }, budget: { initialBudget: '120.00 万元', actualSpending: '90.00 万元' } }, w.reviewer.id);
      assert.ok(v2.kind === 'saved');
      assert.deepEqual(v2.version.changedPaths, ['budget.actualSpending', 'budget.initialBudget']);
      assert.equal((await store.evaluations.get(w.evaluation.id))?.currentVersion, 2);
      assert.deepEqual(await store.evaluations.latest(w.evaluation.id), v2.version);
      assert.deepEqual(await store.evaluations.version(w.evaluation.id, 1), v1.version);
      assert.deepEqual(
        (await store.evaluations.versions(w.evaluation.id)).map((v) => [v.version, v.authorId, v.createdAt.getTime(), v.changedPaths.length]),
        [
          [1, w.preparer.id, v1.version.createdAt.getTime(), 2],
          [2, w.reviewer.id, v1.version.createdAt.getTime() + 1000, 2],
        ],
      );
      const diff = await store.evaluations.diffVersions(w.evaluation.id, 1, 2);
      assert.deepEqual(diff?.changes, [
        { path: 'budget.actualSpending', before: undefined, after: '90.00 万元' },
        { path: 'budget.initialBudget', before: '100.00 万元', after: '120.00 万元' },
      ]);
      assert.deepEqual((await store.evaluations.diffVersions(w.evaluation.id, 2, 1))?.changedPaths, ['budget.actualSpending', 'budget.initialBudget']);
      assert.deepEqual((await store.evaluations.diffVersions(w.evaluation.id, 0, 2))?.changedPaths, ['budget', 'identity']);
      assert.equal(await store.evaluations.diffVersions(w.evaluation.id, 1, 9), undefined);
      assert.deepEqual((await store.evaluations.list({ taskId: w.task.id })).map((e) => e.id), [w.evaluation.id]);
      assert.deepEqual(await store.evaluations.getFor(w.task.id, w.department.id), await store.evaluations.get(w.evaluation.id));
      assert.deepEqual(await store.evaluations.save(randomUUID(), 0, {}, w.preparer.id), { kind: 'not-found' });
    });

    test('two saves on the same base: the second gets a conflict with both versions, and nothing is lost', async () => {
      const w = await world(store);
      const base = await store.evaluations.save(w.evaluation.id, 0, { budget: { actualSpending: '10.00 万元' } }, w.preparer.id);
      assert.ok(base.kind === 'saved');
      const first = await store.evaluations.save(w.evaluation.id, 1, { budget: { actualSpending: '11.00 万元' } }, w.preparer.id);
      const mine = { budget: { actualSpending: '12.00 万元' } };
      const second = await store.evaluations.save(w.evaluation.id, 1, mine, w.reviewer.id);
      assert.ok(first.kind === 'saved');
      assert.ok(second.kind === 'conflict');
      assert.equal(second.baseVersion, 1);
      assert.deepEqual(second.base, base.version);
      assert.deepEqual(second.current, first.version);
      // Nothing overwritten: the newest is the first save; the second author's data is still theirs to merge.
      assert.deepEqual((await store.evaluations.latest(w.evaluation.id))?.data, { budget: { actualSpending: '11.00 万元' } });
      assert.equal((await store.evaluations.versions(w.evaluation.id)).length, 2);
      const merged = await store.evaluations.save(w.evaluation.id, second.current.version, mine, w.reviewer.id);
      assert.ok(merged.kind === 'saved');
      assert.equal(merged.version.version, 3);
    });

    test('concurrent saves on one base: exactly one is saved, the other conflicts', async () => {
      const w = await world(store);
      const results = await Promise.all([1, 2, 3].map((i) => store.evaluations.save(w.evaluation.id, 0, { n: String(i) }, w.preparer.id)));
      assert.deepEqual(results.map((r) => r.kind).sort(), ['conflict', 'conflict', 'saved']);
      assert.equal((await store.evaluations.get(w.evaluation.id))?.currentVersion, 1);
    });

    test('a save in a state the caller calls frozen is refused in the same transaction', async () => {
      const w = await world(store);
      await store.evaluations.save(w.evaluation.id, 0, { a: '1' }, w.preparer.id);
      const moved = await store.transitions.move(w.evaluation.id, entry(clock, 'submit', 'draft', 'submitted', w.preparer.id, 'preparer'), { atVersion: 1 });
      assert.equal(moved.kind, 'moved');
      const frozen = await store.evaluations.save(w.evaluation.id, 1, { a: '2' }, w.preparer.id, { editableStates: ['draft', 'returned'] });
      assert.deepEqual(frozen, { kind: 'frozen', state: 'submitted' });
      assert.equal((await store.evaluations.get(w.evaluation.id))?.currentVersion, 1);
    });

    test("workflow moves: the core decides, the store records the entry only where the caller saw the evaluation", async () => {
      const w = await world(store);
      const departmentIds = await store.tasks.scope(w.task.id);
      const coreTask = async () => ({ ...(await store.tasks.get(w.task.id))!, departmentIds });
      const reviewer: Actor = { role: 'reviewer', userId: w.reviewer.id, regionId: w.region.id };
      const preparer: Actor = { role: 'preparer', userId: w.preparer.id, departmentId: w.department.id };
      const head: Actor = { role: 'department-head', userId: w.preparer.id, departmentId: w.department.id };

      const issue = taskTransition(reviewer, 'issue', await coreTask(), { now: clock.now });
      assert.ok(issue.ok, JSON.stringify(!issue.ok && issue.problem));
      assert.equal((await store.tasks.move(w.task.id, issue.entry)).kind, 'moved');
      await store.evaluations.save(w.evaluation.id, 0, { a: '1' }, w.preparer.id);

      const step = async (actor: Actor, action: Action, extra: Partial<TransitionContext> = {}, atVersion?: number) => {
        const evaluation = (await store.evaluations.get(w.evaluation.id))!;
        const r = transition(actor, action, evaluation.state, { departmentId: w.department.id, task: await coreTask(), now: clock.now, findings: [], ...extra });
        assert.ok(r.ok, `${action}: ${JSON.stringify(!r.ok && r.problem)}`);
        const moved = await store.transitions.move(w.evaluation.id, r.entry, atVersion === undefined ? {} : { atVersion });
        assert.equal(moved.kind, 'moved', action);
        return r.entry;
      };
      const submit = transition(preparer, 'submit', 'draft', { departmentId: w.department.id, task: await coreTask(), now: clock.now, findings: [] });
      assert.ok(submit.ok);
      assert.equal((await store.transitions.move(w.evaluation.id, submit.entry, { atVersion: 0 })).kind, 'conflict', 'a save came since the version submitted');
      const entries = [await step(preparer, 'submit', {}, 1)];
      assert.equal((await store.transitions.move(w.evaluation.id, submit.entry)).kind, 'conflict', 'no longer a draft');
      clock.advance(1000);
      entries.push(await step(head, 'sign-off'));
      entries.push(await step(reviewer, 'start-review'));
      const reasons: ReturnReason[] = [{ text: '与决算报表不一致', path: ['budget', 'actualSpending'] }, { text: '补充满意度调查', rubricItem: 'satisfaction' }];
      entries.push(await step(reviewer, 'return', { reasons }));

      const history = await store.transitions.history(w.evaluation.id);
      assert.deepEqual(history.map(historyEntryOf), entries);
      assert.deepEqual(history.map((t) => t.atVersion), [1, 1, 1, 1]);
      assert.deepEqual(latestReturn(history.map(historyEntryOf))?.reasons, reasons);
      assert.deepEqual((await store.transitions.lastReturn(w.evaluation.id))?.reasons, reasons);
      assert.equal((await store.evaluations.get(w.evaluation.id))?.state, 'returned');
      assert.deepEqual(await store.transitions.move(randomUUID(), submit.entry), { kind: 'not-found' });
      assert.deepEqual((await store.evaluations.list({ taskId: w.task.id, state: 'returned' })).map((e) => e.id), [w.evaluation.id]);
      assert.deepEqual(await store.roles.actorsOf(w.preparer.id), []);
      await store.roles.grant(w.preparer.id, { role: 'preparer', departmentId: w.department.id });
      await store.roles.grant(w.reviewer.id, { role: 'third-party-reviewer', taskId: w.task.id });
      assert.deepEqual(await store.roles.actorsOf(w.preparer.id), [preparer]);
      assert.deepEqual(await store.roles.actorsOf(w.reviewer.id), [{ role: 'third-party-reviewer', userId: w.reviewer.id, assignedTaskIds: [w.task.id] }]);
    });

    test('documents are kept once per content, with their bytes and extraction report, and linked to evaluations', async () => {
      const w = await world(store);
      const bytes = new Uint8Array([0, 1, 2, 255, 254, ...randomBytes(5000)]);
      const first = await store.documents.put({ bytes, fileName: '自评报告.pdf', mediaType: 'application/pdf', uploadedBy: w.preparer.id });
      assert.equal(first.isNew, true);
      assert.match(first.document.hash, /^[0-9a-f]{64}$/);
      assert.equal(first.document.sizeBytes, bytes.byteLength);
      const again = await store.documents.put({ bytes: bytes.slice(), fileName: '另一个名字.pdf' });
      assert.deepEqual(again, { document: first.document, isNew: false });
      const kept = await store.documents.get(first.document.hash);
      assert.deepEqual(kept?.bytes, bytes);
      assert.equal(await store.documents.setExtractionReport(first.document.hash, { layout: 'gz-report', figures: 42, missing: ['budget.total'] }), true);
      assert.deepEqual((await store.documents.info(first.document.hash))?.extractionReport, { layout: 'gz-report', figures: 42, missing: ['budget.total'] });
      await store.documents.attach(w.evaluation.id, first.document.hash, '自评报告.pdf', w.preparer.id);
      await store.documents.attach(w.evaluation.id, first.document.hash, '重复上传.pdf', w.preparer.id);
      assert.deepEqual((await store.documents.forEvaluation(w.evaluation.id)).map((d) => d.fileName), ['自评报告.pdf']);
      assert.ok((await store.documents.list()).some((d) => d.hash === first.document.hash && !('bytes' in d)));
    });

    test('findings belong to a version and a re-audit replaces them', async () => {
      const w = await world(store);
      await store.evaluations.save(w.evaluation.id, 0, { a: '1' }, w.preparer.id);
      const info: Finding = { ...FINDING, rule: 'a-note', severity: 'info' };
      const stored = await store.findings.record(w.evaluation.id, 1, [info, FINDING]);
      assert.equal(stored.length, 2);
      assert.deepEqual((await store.findings.list(w.evaluation.id, 1)).map((f) => [f.rule, f.severity]), [
        ['budget-sum', 'error'],
        ['a-note', 'info'],
      ]);
      assert.deepEqual((await store.findings.list(w.evaluation.id))[0]?.data, FINDING);
      await store.findings.record(w.evaluation.id, 1, [info]);
      assert.deepEqual((await store.findings.list(w.evaluation.id, 1)).map((f) => f.rule), ['a-note']);
      await assert.rejects(store.findings.record(w.evaluation.id, 7, [FINDING]), isForeignKeyViolation);
    });

    test('review opinions keep adjusted scores exactly, with reasons, an overall opinion and rectifications', async () => {
      const w = await world(store);
      await store.evaluations.save(w.evaluation.id, 0, { a: '1' }, w.preparer.id);
      const opinion = await store.reviews.create({
        evaluationId: w.evaluation.id,
        version: 1,
        reviewerId: w.reviewer.id,
        overallOpinion: '自评分偏高，需整改',
        rectifications: [{ text: '补充满意度调查' }, { text: '更正支出数', path: 'budget.actualSpending' }],
        itemScores: [
          { rubricItemId: 'satisfaction', adjustedScore: '-0.5', reason: '无调查依据' },
          { rubricItemId: 'budget-execution', adjustedScore: HUGE, reason: '按决算重算' },
        ],
      });
      assert.deepEqual(opinion.itemScores.map((s) => [s.rubricItemId, s.adjustedScore]), [
        ['budget-execution', HUGE],
        ['satisfaction', '-0.5'],
      ]);
      assert.deepEqual(await store.reviews.get(opinion.id), opinion);
      assert.deepEqual(await store.reviews.list(w.evaluation.id, 1), [opinion]);
      assert.throws(() => store.reviews.create({ evaluationId: w.evaluation.id, version: 1, reviewerId: w.reviewer.id, overallOpinion: 'x', itemScores: [{ rubricItemId: 'a', adjustedScore: '1e3', reason: 'float' }] }), RangeError);
    });

    test('amounts round-trip exactly: a real example evaluation and decimals beyond any float', async () => {
      const w = await world(store);
      const data = evaluationToData(loadExample('000'));
      const withHuge = { ...(data as Record<string, unknown>), extra: { amount: `${HUGE} 万元`, list: [HUGE, `-${HUGE}`] } };
      const saved = await store.evaluations.save(w.evaluation.id, 0, withHuge, w.preparer.id);
      assert.ok(saved.kind === 'saved');
      const read = (await store.evaluations.latest(w.evaluation.id))?.data;
      assert.deepEqual(read, JSON.parse(JSON.stringify(withHuge)));
      assert.deepEqual((read as { extra: unknown }).extra, { amount: `${HUGE} 万元`, list: [HUGE, `-${HUGE}`] });
      const { extra: _, ...model } = read as Record<string, unknown>;
      const parsed = parseEvaluation(model);
      assert.ok(parsed.ok, 'the stored data parses as an evaluation');
      assert.deepEqual(evaluationToData(parsed.value), JSON.parse(JSON.stringify(data)));
      const { rows } = await sql<{ n: string }>`select ${HUGE}::numeric * 1 as n`.execute(store.db);
      assert.deepEqual(rows, [{ n: HUGE }]);
    });

    test('a transaction rolls back everything when it fails', async () => {
      const w = await world(store);
      const name = unique('回滚的财政局');
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.regions.create({ name });
          const saved = await tx.evaluations.save(w.evaluation.id, 0, { a: '1' }, w.preparer.id);
          assert.equal(saved.kind, 'saved');
          await tx.activity.append({ action: 'test.rollback' });
          await tx.users.create({ login: w.preparer.login, displayName: '重名' });
        }),
        isUniqueViolation,
      );
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.regions.create({ name });
          throw new Error('caller gives up');
        }),
        /caller gives up/,
      );
      assert.equal((await store.regions.list()).filter((r) => r.name === name).length, 0);
      assert.equal((await store.evaluations.get(w.evaluation.id))?.currentVersion, 0);
      assert.deepEqual(await store.evaluations.versions(w.evaluation.id), []);
      const committed = await store.transaction(async (tx) => (await tx.regions.create({ name })).id);
      assert.equal((await store.regions.get(committed))?.name, name);
    });

    test('jobs: claim, complete, retry after failure, fail for good; progress per batch', async () => {
      const kind = unique('import');
      const batchId = unique('batch');
      const a = await store.jobs.enqueue({ kind, batchId, payload: { n: 1 }, maxAttempts: 2 });
      clock.advance(1);
      const b = await store.jobs.enqueue({ kind, batchId, payload: { n: 2 } });
      assert.deepEqual(await store.jobs.progress(batchId), { queued: 2, running: 0, done: 0, failed: 0, total: 2 });

      const first = await store.jobs.claim('w1', { kinds: [kind] });
      assert.equal(first?.id, a.id);
      assert.equal(first?.attempts, 1);
      assert.equal(first?.lockedBy, 'w1');
      const retry = await store.jobs.fail(a.id, 'w1', '文件损坏 / corrupt file', 60_000);
      assert.ok(retry.kind === 'retry');
      assert.equal(retry.job.status, 'queued');
      const second = await store.jobs.claim('w1', { kinds: [kind] });
      assert.equal(second?.id, b.id, 'the failed job waits for its retry time');
      assert.deepEqual(await store.jobs.complete(b.id, 'w1', { evaluationId: 'x', amount: HUGE }), { kind: 'done', job: await store.jobs.get(b.id) });
      assert.deepEqual((await store.jobs.get(b.id))?.result, { evaluationId: 'x', amount: HUGE });
      assert.equal(await store.jobs.claim('w1', { kinds: [kind] }), undefined);
      clock.advance(60_000);
      const again = await store.jobs.claim('w2', { kinds: [kind] });
      assert.equal(again?.id, a.id);
      assert.equal(again?.attempts, 2);
      const failed = await store.jobs.fail(a.id, 'w2', '仍然损坏 / still corrupt');
      assert.ok(failed.kind === 'failed');
      assert.equal(failed.job.lastError, '仍然损坏 / still corrupt');
      assert.deepEqual(await store.jobs.fail(a.id, 'w2', 'twice'), { kind: 'lost-lock' });
      assert.deepEqual(await store.jobs.progress(batchId), { queued: 0, running: 0, done: 1, failed: 1, total: 2 });
      assert.deepEqual((await store.jobs.list({ batchId, status: 'failed' })).map((j) => j.id), [a.id]);
      assert.equal(await store.jobs.claim('w1', { kinds: [] }), undefined);
    });

    test("a crashed worker's job is claimable again once its lease has passed", async () => {
      const kind = unique('import');
      const job = await store.jobs.enqueue({ kind, payload: { n: 1 }, maxAttempts: 2 });
      const crashed = await store.jobs.claim('crashed-worker', { kinds: [kind], leaseMs: 60_000 });
      assert.equal(crashed?.id, job.id);
      assert.equal(await store.jobs.claim('w2', { kinds: [kind] }), undefined, 'still leased');
      clock.advance(30_000);
      assert.equal(await store.jobs.renew(job.id, 'crashed-worker', 60_000), true, 'a live worker renews its lease');
      clock.advance(60_001);
      const resumed = await store.jobs.claim('w2', { kinds: [kind], leaseMs: 60_000 });
      assert.equal(resumed?.id, job.id);
      assert.equal(resumed?.attempts, 2);
      assert.deepEqual(await store.jobs.complete(job.id, 'crashed-worker', {}), { kind: 'lost-lock' });
      assert.equal(await store.jobs.renew(job.id, 'crashed-worker'), false);
      // The second worker crashes too: attempts are used up, so the job fails instead of running a third time.
      clock.advance(60_001);
      assert.equal(await store.jobs.claim('w3', { kinds: [kind] }), undefined);
      const dead = await store.jobs.get(job.id);
      assert.equal(dead?.status, 'failed');
      assert.equal(dead?.lastError, LEASE_EXPIRED);
    });

    test('two workers claiming one job at once: only one gets it', async () => {
      const kind = unique('import');
      const job = await store.jobs.enqueue({ kind, payload: {} });
      const claims = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => store.jobs.claim(w, { kinds: [kind] })));
      const got = claims.filter((c) => c !== undefined);
      assert.equal(got.length, 1);
      assert.equal(got[0]?.id, job.id);
      assert.equal(got[0]?.attempts, 1);
    });

    test('a claimer passes over a job another transaction holds (FOR UPDATE SKIP LOCKED)', async (t) => {
      if (!store.capabilities.skipLocked) {
        t.skip(`${target.name}: one connection, so no other transaction can hold a row (capabilities.skipLocked is false)`);
        return;
      }
      const kind = unique('import');
      const held = await store.jobs.enqueue({ kind, payload: { n: 1 } });
      clock.advance(1);
      const free = await store.jobs.enqueue({ kind, payload: { n: 2 } });
      const holder = await store.db.startTransaction().execute();
      try {
        await holder.selectFrom('jobs').select('id').where('id', '=', held.id).forUpdate().execute();
        // Without SKIP LOCKED this claim would wait for the holder; lock_timeout turns that into an error, not a hang.
        const claimed = await store.transaction(async (tx) => {
          await sql`set local lock_timeout = '60s'`.execute(tx.db);
          return tx.jobs.claim('w2', { kinds: [kind] });
        });
        assert.equal(claimed?.id, free.id);
      } finally {
        await holder.rollback().execute();
      }
      assert.equal((await store.jobs.claim('w3', { kinds: [kind] }))?.id, held.id);
    });

    test('the activity log is append-only: the database refuses update, delete and truncate', async () => {
      const w = await world(store);
      const entry = await store.activity.append({ actorId: w.preparer.id, action: 'evaluation.save', subjectType: 'evaluation', subjectId: w.evaluation.id, detail: { version: 1 }, ip: '203.0.113.9', userAgent: 'Mozilla/5.0' });
      clock.advance(1);
      const second = await store.activity.append({ action: 'worker.start' });
      assert.deepEqual(await store.activity.list({ subjectType: 'evaluation', subjectId: w.evaluation.id }), [entry]);
      assert.deepEqual((await store.activity.list({ limit: 2 })).map((a) => a.id), [second.id, entry.id]);
      assert.deepEqual((await store.activity.list({ beforeId: second.id, limit: 1 })).map((a) => a.id), [entry.id]);
      assert.deepEqual(await store.activity.list({ actorId: w.preparer.id }), [entry]);
      await assert.rejects(store.db.updateTable('activityLog').set({ action: 'rewritten' }).where('id', '=', entry.id).execute(), isAppendOnlyRefusal);
      await assert.rejects(store.db.deleteFrom('activityLog').where('id', '=', entry.id).execute(), isAppendOnlyRefusal);
      await assert.rejects(sql`truncate activity_log`.execute(store.db), isAppendOnlyRefusal);
      // Versions and moves are history too.
      await store.evaluations.save(w.evaluation.id, 0, { a: '1' }, w.preparer.id);
      await assert.rejects(store.db.updateTable('evaluationVersions').set({ authorId: w.reviewer.id }).where('evaluationId', '=', w.evaluation.id).execute(), isAppendOnlyRefusal);
      await assert.rejects(store.db.deleteFrom('evaluationVersions').where('evaluationId', '=', w.evaluation.id).execute(), isAppendOnlyRefusal);
      assert.deepEqual(await store.activity.list({ subjectId: w.evaluation.id }), [entry]);
      // The API has no path to change an entry.
      assert.deepEqual(Object.keys(store.activity).sort(), ['append', 'list']);
    });

    test('a task exports as JSON with its evaluations, versions, moves, findings, opinions and documents', async () => {
      const p = await populate(store, clock);
      const exported = await store.exportTask(p.task.id);
      assert.ok(exported);
      const json = JSON.parse(JSON.stringify(exported)) as {
        format: string;
        task: { id: string };
        scope: { id: string }[];
        evaluations: { data: { budget: { actualSpending: string } }; versions: unknown[]; transitions: unknown[]; findings: { rule: string }[]; reviewOpinions: { itemScores: { adjustedScore: string }[] }[]; documents: { documentHash: string }[] }[];
      };
      assert.equal(json.format, 'jixiao-task-export');
      assert.equal(json.task.id, p.task.id);
      assert.deepEqual(json.scope.map((d) => d.id).sort(), [p.department.id, p.unit.id].sort());
      const [e] = json.evaluations;
      assert.ok(e);
      assert.equal(e.data.budget.actualSpending, '1.00 万元');
      assert.equal(e.versions.length, 2);
      assert.equal(e.transitions.length, 1);
      assert.deepEqual(e.findings.map((f) => f.rule), ['budget-sum']);
      assert.equal(e.reviewOpinions[0]?.itemScores[0]?.adjustedScore, HUGE);
      assert.deepEqual(e.documents.map((d) => d.documentHash), [p.document.hash]);
      assert.equal(await store.exportTask(randomUUID()), undefined);
    });

    test('backup → restore into an empty store gives identical data; a cut-off file or a full store is refused', async () => {
      const p = await populate(store, clock);
      const file = join(files, 'store.jsonl');
      const report = await store.backup(file);
      for (const t of BACKUP_TABLES) assert.ok((report.counts[t.name] ?? 0) > 0, `backup holds rows of ${t.name}`);

      const fresh = await target.open(clock);
      try {
        const cut = join(files, 'cut.jsonl');
        writeFileSync(cut, readFileSync(file, 'utf8').trimEnd().split('\n').slice(0, -3).join('\n'));
        const refused = await fresh.restore(cut);
        assert.equal(refused.kind === 'refused' && refused.code, 'restore-truncated');
        assert.deepEqual(await fresh.regions.list(), [], 'a refused restore leaves nothing behind');
        const notBackup = join(files, 'not.jsonl');
        writeFileSync(notBackup, '{"hello":"world"}\n');
        const format = await fresh.restore(notBackup);
        assert.equal(format.kind === 'refused' && format.code, 'restore-not-a-backup');

        const restored = await fresh.restore(file);
        assert.ok(restored.kind === 'restored');
        assert.deepEqual(restored.counts, report.counts);
        const copy = join(files, 'copy.jsonl');
        await fresh.backup(copy);
        assert.deepEqual(backupRows(copy), backupRows(file));

        assert.deepEqual((await fresh.documents.get(p.document.hash))?.bytes, p.bytes);
        assert.deepEqual(await fresh.evaluations.versions(p.evaluation.id), await store.evaluations.versions(p.evaluation.id));
        assert.deepEqual(await fresh.evaluations.latest(p.evaluation.id), await store.evaluations.latest(p.evaluation.id));
        assert.deepEqual(await fresh.reviews.list(p.evaluation.id), await store.reviews.list(p.evaluation.id));
        assert.deepEqual(await fresh.activity.list({ limit: 1000 }), await store.activity.list({ limit: 1000 }));
        // Identity columns go on after the restored rows.
        const next = await fresh.activity.append({ action: 'after.restore' });
        assert.ok(next.id > Math.max(...(await store.activity.list({ limit: 1 })).map((a) => a.id)));

        const full = await fresh.restore(file);
        assert.equal(full.kind === 'refused' && full.code, 'restore-not-empty');
      } finally {
        await fresh.close();
      }
    });
  });
}

describe('backups cross dialects', { skip: pgSkip ?? false }, () => {
  test('a PGlite backup restores into PostgreSQL and back with every row identical', async () => {
    const clock = new TestClock();
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-cross-'));
    const [lite, server] = [TARGETS[0], TARGETS[1]];
    assert.ok(lite && server);
    const source = await lite.open(clock);
    const target = await server.open(clock);
    try {
      await populate(source, clock);
      await source.backup(join(dir, 'lite.jsonl'));
      const restored = await target.restore(join(dir, 'lite.jsonl'));
      assert.equal(restored.kind, 'restored');
      await target.backup(join(dir, 'pg.jsonl'));
      assert.deepEqual(backupRows(join(dir, 'pg.jsonl')), backupRows(join(dir, 'lite.jsonl')));
      // And back again.
      const back = await lite.open(clock);
      try {
        assert.equal((await back.restore(join(dir, 'pg.jsonl'))).kind, 'restored');
        await back.backup(join(dir, 'back.jsonl'));
        assert.deepEqual(backupRows(join(dir, 'back.jsonl')), backupRows(join(dir, 'lite.jsonl')));
      } finally {
        await back.close();
      }
    } finally {
      await source.close();
      await target.close();
      await server.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
