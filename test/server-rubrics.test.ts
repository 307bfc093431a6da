/**
 * Importing a rubric file through the API, on both databases: a valid file is stored, listed beside the built-in
 * rubrics, given back as its data, chosen for a task and scores that task's evaluations; an invalid one is refused
 * with each problem at its line and nothing stored; an id that is a built-in rubric's, or one already imported, is a
 * conflict; a preparer may not import; a file that is not YAML or JSON is refused by its name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localDate } from '../src/core/workflow/task.ts';
import { parseRubric } from '../src/core/rubric/parse.ts';
import { loadImportedRubrics } from '../src/server/routes/rubrics.ts';
import { rubricById } from '../src/server/services.ts';
import { type TestServer, minimalEvaluation, testServer } from './server-helpers.ts';
import { storeTargets } from './store-targets.ts';

const { TARGETS } = await storeTargets();

/** A small valid rubric: a group with one ratio leaf, and a judgement leaf (40 + 60 = 100). */
const rubricText = (id: string, name = '测试评分规则（2025 年度）') => `# 测试用评分规则
id: ${id}
name: ${name}
year: 2025
total: 100
items:
  - name: 预算执行
    id: execution
    weight: 40
    items:
      - name: 预算执行率
        id: execution-rate
        weight: 40
        method: ratio
        metric: executionRate
        standard: 预算执行率 × 40 分，最高 40 分
  - name: 综合评价
    id: overall
    weight: 60
    method: judgement
    standard: 由评价人员综合判断
`;

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const rubricRows = async (s: TestServer): Promise<number> => (await s.store.rubrics.list()).length;

for (const target of TARGETS) {
  describe(`rubric import on ${target.name}`, { skip: target.skip ?? false }, () => {
    // The scoring's rubric cache is one per process: each database's run imports ids of its own.
    const prefix = `test-${target.name.toLowerCase()}`;
    let s: TestServer;
    before(async () => {
      s = await testServer(target);
    });
    after(async () => {
      await s?.close();
      await target.cleanup();
    });

    test('a valid file is stored, listed, given back, chosen for a task, and scores its evaluations', async () => {
      const id = `${prefix}-valid`;
      const text = rubricText(id);
      const reviewer = await s.as('reviewer-a');
      const r = await reviewer.post('/api/rubrics', { fileName: `${id}.yaml`, text });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.id, id);
      assert.equal(r.body.builtIn, false);
      assert.equal(r.body.total, '100');
      assert.equal(r.body.items, 3, 'a group, its item and one more item');

      const stored = await s.store.rubrics.get(id);
      assert.equal(stored?.source, text, 'the file is kept as uploaded, comments included');
      assert.equal(stored?.fileName, `${id}.yaml`);

      const list = await (await s.as('preparer-1')).get('/api/rubrics');
      assert.equal(list.status, 200);
      const listed = (list.body as { id: string; builtIn: boolean }[]).find((x) => x.id === id);
      assert.deepEqual(listed && { id: listed.id, builtIn: listed.builtIn }, { id, builtIn: false });
      assert.ok((list.body as { id: string; builtIn: boolean }[]).some((x) => x.id === 'mof-2020' && x.builtIn), 'the built-in ones are still listed');

      const one = await reviewer.get(`/api/rubrics/${id}`);
      assert.equal(one.status, 200, one.text);
      assert.equal(one.body.builtIn, false);
      const parsed = parseRubric(one.body.data);
      assert.ok(parsed.ok, 'the data parses with the core, as the web app parses it');
      assert.equal(parsed.value.items.length, 2);

      // Chosen for a task: the task's evaluations score by it.
      const today = localDate(new Date());
      const made = await reviewer.post('/api/tasks', { regionId: s.world.regionA, year: 2025, title: '导入规则测试任务', layoutId: 'gz-report', rubricId: id, opensOn: today, closesOn: localDate(new Date(Date.now() + 20 * 86_400_000)), departmentIds: [s.world.d1] });
      assert.equal(made.status, 201, made.text);
      assert.equal(made.body.rubricId, id);
      const issued = await reviewer.post(`/api/tasks/${made.body.id}/actions/issue`, {});
      assert.equal(issued.status, 200, issued.text);
      // A draft is the department's own: its preparer lists it (a reviewer sees it once submitted).
      const preparer = await s.as('preparer-1');
      const rows = await preparer.get(`/api/tasks/${made.body.id}/evaluations`);
      const evaluationId = (rows.body as { evaluationId: string }[])[0]?.evaluationId;
      assert.ok(evaluationId, rows.text);
      const saved = await preparer.put(`/api/evaluations/${evaluationId}`, { baseVersion: 0, data: minimalEvaluation() });
      assert.equal(saved.status, 200, saved.text);
      const after = await preparer.get(`/api/tasks/${made.body.id}/evaluations`);
      const summary = (after.body as { summary: { rubric: string | null; maxScore: string | null } | null }[])[0]?.summary;
      assert.equal(summary?.rubric, id, after.text);
      assert.equal(summary?.maxScore, '100');

      // On a server's start the stored rubrics are registered again.
      const loaded = await loadImportedRubrics(s.store);
      assert.ok(loaded.loaded >= 1);
      assert.deepEqual(loaded.failed, []);
      assert.equal(rubricById(id)?.name, '测试评分规则（2025 年度）');
    });

    test('an invalid file is refused with each problem at its line, and nothing is stored', async () => {
      const admin = await s.as('admin');
      const before = await rubricRows(s);
      const text = rubricText(`${prefix}-invalid`).replace('method: judgement', 'method: guess');
      const r = await admin.post('/api/rubrics', { fileName: 'invalid.yaml', text });
      assert.equal(r.status, 422, r.text);
      assert.equal(r.body.code, 'api-rubric-invalid');
      assert.match(r.body.zh.title, /invalid\.yaml.*1 处问题/);
      assert.match(r.body.zh.fix, /行/);
      const errors = r.body.errors as { code: string; path: string; line?: number; zh: string }[];
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.code, 'unknown-method');
      assert.equal(errors[0]?.path, 'items[1].method');
      assert.equal(errors[0]?.line, lineOf(text, 'method: guess'));
      assert.match(errors[0]?.zh ?? '', /guess/);

      const weights = rubricText(`${prefix}-weights`).replace('        weight: 40\n        method: ratio', '        weight: 30\n        method: ratio');
      const w = await admin.post('/api/rubrics', { fileName: 'weights.yml', text: weights });
      assert.equal(w.status, 422, w.text);
      const wErrors = w.body.errors as { code: string; line?: number }[];
      assert.ok(wErrors.some((e) => e.code === 'weights-do-not-add-up' && typeof e.line === 'number' && e.line > 1), w.text);

      const syntax = await admin.post('/api/rubrics', { fileName: 'broken.json', text: '{"id": "x", "name": "未闭合",\n  "items": [\n' });
      assert.equal(syntax.status, 422, syntax.text);
      assert.equal((syntax.body.errors as { code: string }[])[0]?.code, 'syntax-error');
      assert.ok(typeof (syntax.body.errors as { line?: number }[])[0]?.line === 'number');

      const kind = await admin.post('/api/rubrics', { fileName: 'rubric.xlsx', text: 'whatever' });
      assert.equal(kind.status, 422, kind.text);
      assert.equal(kind.body.code, 'api-rubric-file-type');
      assert.equal(await rubricRows(s), before, 'nothing stored');
    });

    test('an id of a built-in rubric, or of one imported before, is a conflict', async () => {
      const admin = await s.as('admin');
      const builtIn = await admin.post('/api/rubrics', { fileName: 'mine.yaml', text: rubricText('mof-2020', '冒名的规则') });
      assert.equal(builtIn.status, 409, builtIn.text);
      assert.equal(builtIn.body.code, 'api-rubric-builtin-id');
      assert.match(builtIn.body.zh.fix, /id/);
      assert.notEqual(rubricById('mof-2020')?.name, '冒名的规则', 'the built-in rubric is untouched');

      const id = `${prefix}-twice`;
      assert.equal((await admin.post('/api/rubrics', { fileName: 'a.yaml', text: rubricText(id, '第一份') })).status, 201);
      const again = await admin.post('/api/rubrics', { fileName: 'b.yaml', text: rubricText(id, '第二份') });
      assert.equal(again.status, 409, again.text);
      assert.equal(again.body.code, 'api-rubric-exists');
      assert.equal((await s.store.rubrics.get(id))?.name, '第一份', 'the first one is kept');
    });

    test('a preparer may not import a rubric', async () => {
      const before = await rubricRows(s);
      const r = await (await s.as('preparer-1')).post('/api/rubrics', { fileName: 'p.yaml', text: rubricText(`${prefix}-preparer`) });
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.code, 'api-rubric-import-forbidden');
      assert.equal(await rubricRows(s), before);
      assert.equal((await (await s.as('preparer-1')).get(`/api/rubrics/${prefix}-preparer`)).status, 404);
    });
  });
}
