/**
 * The server's behaviour through its API, on both databases: log in and out, sessions, CSRF and the login rate
 * limit; two clients editing one evaluation (the second save is a 409 that loses nothing); bad input of every kind
 * (each a 4xx with a message, nothing stored, the server still answering); the workflow end to end with return reasons
 * beside their fields; an upload imported by the worker; downloads opened again; the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { processImport } from '../src/server/worker.ts';
import { ROOT } from './helpers.ts';
import { Client, type TestServer, minimalEvaluation, testServer } from './server-helpers.ts';
import { storeTargets } from './store-targets.ts';

const { TARGETS } = await storeTargets();
const CORPUS = join(ROOT, 'test/fixtures/corpus/gz-form');
const corpusText = (name: string) => readFileSync(join(CORPUS, name), 'utf8');

/** Rows of a table in the store, to prove that a refused request wrote nothing. */
async function counts(s: TestServer): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['evaluationVersions', 'documents', 'jobs', 'findings', 'transitions', 'reviewOpinions'] as const) {
    const r = await s.store.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** Runs every queued job of the store once, as the worker would. */
async function drainJobs(s: TestServer): Promise<void> {
  for (;;) {
    const job = await s.store.jobs.claim('test-worker', { leaseMs: 600_000 });
    if (!job) return;
    await processImport(s.store, s.created.services.pool(), () => new Date(), job, 'test-worker');
  }
}

function form(files: readonly { name: string; bytes: Uint8Array | string }[]): FormData {
  const f = new FormData();
  for (const x of files) f.append('file', new Blob([typeof x.bytes === 'string' ? new TextEncoder().encode(x.bytes) : x.bytes]), x.name);
  return f;
}

for (const target of TARGETS) {
  describe(`server on ${target.name}`, { skip: target.skip ?? false }, () => {
    after(() => target.cleanup());

    test('log in, who am I, log out; wrong passwords are counted and then refused for a while', async () => {
      const s = await testServer(target, { loginMaxFailuresPerLogin: 3 });
      try {
        const c = s.anonymous();
        const none = await c.get('/api/session');
        assert.equal(none.status, 401);
        assert.equal(none.body.code, 'api-not-logged-in');
        assert.match(none.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.match(none.body.zh.title, /未登录/);
        assert.match(none.body.en.title, /not logged in/);

        const ok = await c.logIn('preparer-1');
        assert.equal(ok.status, 200);
        assert.match(ok.headers.get('set-cookie') ?? '', /jixiao_session=.+; .*HttpOnly/i);
        assert.match(ok.headers.get('set-cookie') ?? '', /SameSite=Strict/i);
        assert.deepEqual(ok.body.roles.map((r: { role: string }) => r.role), ['preparer']);
        const me = await c.get('/api/session');
        assert.equal(me.body.user.login, 'preparer-1');
        // The session row keeps the token's hash, never the token.
        const token = c.cookie.split('=')[1]!;
        assert.equal(await s.store.db.selectFrom('sessions').select('id').where('id', '=', token).executeTakeFirst(), undefined);

        const out = await c.del('/api/session');
        assert.equal(out.status, 204);
        assert.equal((await c.get('/api/session')).status, 401);

        const guesser = s.anonymous();
        for (let i = 0; i < 3; i++) assert.equal((await guesser.logIn('head-1', 'wrong-password')).status, 401);
        const limited = await guesser.logIn('head-1');
        assert.equal(limited.status, 429, 'the right password is refused too once the limit is reached');
        assert.equal(limited.body.code, 'api-too-many-logins');
        assert.ok(Number(limited.headers.get('retry-after')) > 0);
        assert.equal((await s.anonymous().logIn('preparer-2')).status, 200, 'other accounts are not locked out');
        const unknown = await s.anonymous().logIn('no-such-user');
        assert.equal(unknown.status, 401);
        assert.equal(unknown.body.code, 'api-login-failed', 'an unknown login reads like a wrong password');
      } finally {
        await s.close();
      }
    });

    test('a change needs the CSRF token and this origin; an expired or disabled session is 401', async () => {
      const s = await testServer(target, { sessionIdleMs: 60_000 });
      try {
        const p = await s.as('preparer-1');
        const path = `/api/evaluations/${s.world.e1}`;
        const body = { baseVersion: 0, data: minimalEvaluation() };
        const noToken = await p.request('PUT', path, { body, csrf: false });
        assert.equal(noToken.status, 403);
        assert.equal(noToken.body.code, 'api-csrf-token');
        const forged = await p.request('PUT', path, { body, headers: { 'x-csrf-token': 'forged' } });
        assert.equal(forged.body.code, 'api-csrf-token');
        const elsewhere = await p.request('PUT', path, { body, headers: { origin: 'https://evil.example' } });
        assert.equal(elsewhere.status, 403);
        assert.equal(elsewhere.body.code, 'api-cross-origin');
        assert.equal((await counts(s)).evaluationVersions, 0);

        // Disabling the account ends its sessions at once.
        const admin = await s.as('admin');
        assert.equal((await admin.put(`/api/users/${s.world.users['preparer-1']}/active`, { isActive: false })).status, 204);
        const gone = await p.get('/api/session');
        assert.equal(gone.status, 401);

        // A session past its expiry is refused (the row's expiry, moved back as if time had passed).
        const h = await s.as('head-1');
        await s.store.db.updateTable('sessions').set({ expiresAt: new Date(s.clock.now.getTime() - 1000) }).where('userId', '=', s.world.users['head-1']).execute();
        const expired = await h.get('/api/session');
        assert.equal(expired.status, 401);
        assert.equal(expired.body.code, 'api-session-expired');
      } finally {
        await s.close();
      }
    });

    test('two clients edit one evaluation: the second save is a 409 with both versions and loses nothing', async () => {
      const s = await testServer(target);
      try {
        const a = await s.as('preparer-1');
        const b = new Client(s.created);
        await b.logIn('head-1');
        const path = `/api/evaluations/${s.world.e1}`;
        const first = await a.put(path, { baseVersion: 0, data: minimalEvaluation('甲市某某局', '1000.00') });
        assert.equal(first.status, 200);
        assert.equal(first.body.version, 1);
        // Both open version 1.
        const [va, vb] = [await a.get(path), await b.get(path)];
        assert.equal(va.body.currentVersion, 1);
        assert.equal(vb.body.currentVersion, 1);
        const saveA = await a.put(path, { baseVersion: 1, data: minimalEvaluation('甲市某某局', '1111.11') });
        assert.equal(saveA.status, 200);
        assert.deepEqual(saveA.body.changedPaths, ['budget.actualSpending']);
        const mine = minimalEvaluation('甲市某某局（改名）', '2222.22');
        const saveB = await b.put(path, { baseVersion: 1, data: mine });
        assert.equal(saveB.status, 409);
        assert.equal(saveB.body.code, 'api-version-conflict');
        assert.equal(saveB.body.baseVersion, 1);
        assert.equal(saveB.body.currentVersion, 2);
        assert.equal(saveB.body.current.data.budget.actualSpending, '1111.11 万元', 'amounts are kept exactly, with their unit');
        assert.equal(saveB.body.base.data.budget.actualSpending, '1000.00 万元');
        assert.deepEqual(saveB.body.theirChanges.map((ch: { path: string }) => ch.path), ['budget.actualSpending']);
        assert.equal(saveB.body.yours.budget.actualSpending, '2222.22 万元', 'what B typed comes back');
        assert.equal(saveB.body.yours.department.name, '甲市某某局（改名）');
        // Nothing was overwritten; B saves again on top of version 2.
        assert.equal((await a.get(path)).body.version.data.budget.actualSpending, '1111.11 万元');
        const retry = await b.put(path, { baseVersion: 2, data: mine });
        assert.equal(retry.status, 200);
        assert.equal(retry.body.version, 3);
        const versions = await a.get(`${path}/versions`);
        assert.deepEqual(versions.body.map((v: { version: number }) => v.version), [1, 2, 3]);
        const diff = await a.get(`${path}/diff?from=1&to=3`);
        assert.deepEqual(diff.body.changedPaths.sort(), ['budget.actualSpending', 'department.name']);
        // Saves race on the database too: ten at once on the same base, exactly one wins.
        const racers = await Promise.all(Array.from({ length: 10 }, (_, i) => a.put(path, { baseVersion: 3, data: minimalEvaluation('甲市某某局', `3${i}.00`) })));
        assert.equal(racers.filter((r) => r.status === 200).length, 1);
        assert.equal(racers.filter((r) => r.status === 409).length, 9);
      } finally {
        await s.close();
      }
    });

    test('bad input: each a 4xx with a message at its field, nothing stored, the server still up', async () => {
      const s = await testServer(target, { maxJsonBytes: 64 * 1024, maxDocumentBytes: 200 * 1024, maxUploadBytes: 2 * 1024 * 1024 });
      try {
        const p = await s.as('preparer-1');
        const r = await s.as('reviewer-a');
        const path = `/api/evaluations/${s.world.e1}`;
        const before = await counts(s);

        const malformed = await p.request('PUT', path, { raw: '{"baseVersion": 0, "data": {', headers: { 'content-type': 'application/json' } });
        assert.equal(malformed.status, 400);
        assert.equal(malformed.body.code, 'api-malformed-json');

        const notNumber = await p.put(path, { baseVersion: 0, data: { ...minimalEvaluation(), budget: { initialBudget: '一千万', actualSpending: '12.5' } } });
        assert.equal(notNumber.status, 422);
        assert.equal(notNumber.body.errors[0].path, 'budget.initialBudget');
        assert.match(notNumber.body.zh.title, /[\u4e00-\u9fff]/);

        const badVersion = await p.put(path, { baseVersion: 'one', data: minimalEvaluation() });
        assert.equal(badVersion.status, 422);
        assert.equal(badVersion.body.errors[0].path, 'baseVersion');

        const wrongType = await p.request('PUT', path, { raw: 'baseVersion=0', headers: { 'content-type': 'text/plain' } });
        assert.ok(wrongType.status === 415 || wrongType.status === 400, `wrong content type → ${wrongType.status}`);
        assert.ok(wrongType.body.code?.startsWith('api-'));

        const huge = await p.put(path, { baseVersion: 0, data: { ...minimalEvaluation(), narrative: 'x'.repeat(100 * 1024) } });
        assert.equal(huge.status, 413);
        assert.equal(huge.body.code, 'api-body-too-large');

        const uploads = `/api/tasks/${s.world.taskId}/uploads`;
        const wrongUploadType = await r.request('POST', uploads, { raw: 'hello', headers: { 'content-type': 'text/plain' } });
        assert.equal(wrongUploadType.status, 415);
        const exe = await r.request('POST', uploads, { raw: form([{ name: '../../etc/passwd.exe', bytes: 'MZ' }]) });
        assert.equal(exe.status, 422);
        assert.equal(exe.body.code, 'api-file-kind');
        assert.equal(exe.body.rejected[0].fileName, 'passwd.exe', 'a path in the name is cut to its last part');
        const big = await r.request('POST', uploads, { raw: form([{ name: 'big.txt', bytes: 'x'.repeat(300 * 1024) }]) });
        assert.equal(big.body.code, 'api-file-too-large');
        // A ZIP bomb: one entry of 50 MB of zeros, a few KB packed — refused before it is inflated.
        const bomb = zipSync({ 'bomb.txt': new Uint8Array(50 * 1024 * 1024) }, { level: 9 });
        assert.ok(bomb.length < 200 * 1024);
        const bombed = await r.request('POST', uploads, { raw: form([{ name: 'bomb.zip', bytes: bomb }]) });
        assert.equal(bombed.status, 422);
        assert.ok(['api-file-too-large', 'api-archive-too-large'].includes(bombed.body.code), bombed.body.code);
        const damaged = await r.request('POST', uploads, { raw: form([{ name: 'broken.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }]) });
        assert.equal(damaged.status, 422);
        assert.equal(damaged.body.code, 'api-archive-damaged');
        const nested = await r.request('POST', uploads, { raw: form([{ name: 'outer.zip', bytes: zipSync({ 'inner.zip': zipSync({ 'a.txt': new TextEncoder().encode('a') }) }) }]) });
        assert.equal(nested.body.code, 'api-nested-archive');
        const empty = await r.request('POST', uploads, { raw: form([]) });
        assert.equal(empty.status, 422);

        const unknownRoute = await p.get('/api/no-such-thing');
        assert.equal(unknownRoute.status, 404);
        assert.equal(unknownRoute.body.code, 'api-route-not-found');
        const badId = await p.get('/api/evaluations/not-a-uuid');
        assert.ok(badId.status === 400 || badId.status === 404);

        assert.deepEqual(await counts(s), before, 'nothing was stored');
        const health = await s.anonymous().get('/api/health');
        assert.equal(health.status, 200);
        assert.equal(health.body.ok, true);
        // English when the client prefers it.
        const en = await p.request('PUT', path, { body: { baseVersion: 0, data: { year: 'x' } }, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
        assert.equal(en.status, 422);
        assert.doesNotMatch(en.body.title, /[\u4e00-\u9fff]/);
      } finally {
        await s.close();
      }
    });

    test('the workflow end to end: submit, sign off, review, return with reasons beside their fields, resubmit, approve, publish', async () => {
      const s = await testServer(target);
      try {
        const [p, h, r, t] = [await s.as('preparer-1'), await s.as('head-1'), await s.as('reviewer-a'), await s.as('third-party')];
        const path = `/api/evaluations/${s.world.e1}`;
        const act = (c: Client, action: string, body: unknown = {}) => c.post(`${path}/actions/${action}`, body);
        assert.equal((await act(p, 'submit')).body.code, 'api-nothing-to-submit');
        assert.equal((await p.put(path, { baseVersion: 0, data: minimalEvaluation() })).status, 200);
        assert.equal((await r.get(path)).status, 404, 'a reviewer does not see a draft');
        const submitted = await act(p, 'submit', { version: 1 });
        assert.equal(submitted.status, 200);
        assert.equal(submitted.body.state, 'submitted');
        const frozen = await p.put(path, { baseVersion: 1, data: minimalEvaluation('甲市某某局', '1.00') });
        assert.equal(frozen.status, 409);
        assert.equal(frozen.body.code, 'workflow-frozen');
        assert.equal((await act(p, 'sign-off')).status, 403, 'a preparer does not sign off');
        assert.equal((await act(h, 'sign-off')).body.state, 'signed-off');
        assert.equal((await act(t, 'start-review')).body.state, 'under-review');
        const noReason = await act(r, 'return', { reasons: [] });
        assert.equal(noReason.status, 422);
        const returned = await act(r, 'return', { reasons: [{ text: '实际支出与决算不符，请核对', path: 'budget.actualSpending' }, { text: '请补充绩效目标' }] });
        assert.equal(returned.status, 200);
        assert.equal(returned.body.state, 'returned');
        const seen = await p.get(path);
        assert.deepEqual(Object.keys(seen.body.returnReasons.byField), ['budget.actualSpending']);
        assert.equal(seen.body.returnReasons.general.length, 1);
        assert.ok(seen.body.editable.includes('evaluation'));
        // The correction is a new version; the reviewer sees only submitted versions.
        assert.equal((await p.put(path, { baseVersion: 1, data: minimalEvaluation('甲市某某局', '1500.00') })).body.version, 2);
        const reviewerView = await r.get(path);
        assert.equal(reviewerView.body.version.version, 1, 'the working draft stays the department’s');
        assert.equal((await r.get(`${path}/versions/2`)).status, 404);
        assert.equal((await act(p, 'submit', { version: 2 })).body.state, 'submitted');
        await act(h, 'sign-off');
        await act(r, 'start-review');
        const opinion = await r.post(`${path}/reviews`, { overallOpinion: '同意，整改后通过。', rectifications: [{ text: '加强预算编制', path: 'budget' }], itemScores: [] });
        assert.equal(opinion.status, 201, opinion.text);
        assert.equal((await t.post(`${path}/reviews`, { overallOpinion: '第三方意见' })).status, 201);
        assert.equal((await act(t, 'approve')).status, 403, 'a third party cannot give the final approval');
        assert.equal((await act(r, 'approve')).body.state, 'approved');
        assert.equal((await act(r, 'publish')).body.state, 'published');
        // Published: another department and another region's reviewer see it now.
        assert.equal((await (await s.as('preparer-2')).get(path)).status, 200);
        const history = await s.store.transitions.history(s.world.e1);
        assert.deepEqual(history.map((x) => x.action), ['submit', 'sign-off', 'start-review', 'return', 'submit', 'sign-off', 'start-review', 'approve', 'publish']);
        const log = await s.store.activity.list({ subjectId: s.world.e1, limit: 50 });
        assert.ok(log.some((e) => e.action === 'evaluation.return'));
      } finally {
        await s.close();
      }
    });

    test('uploads: a department imports its document; the bureau batch-imports a ZIP; progress and results; downloads open', async () => {
      const s = await testServer(target);
      try {
        const p = await s.as('preparer-1');
        const r = await s.as('reviewer-a');
        const doc = corpusText('county-emergency-2023.txt');
        const one = await p.request('POST', `/api/tasks/${s.world.taskId}/uploads`, { raw: form([{ name: '自评表.txt', bytes: doc }]) });
        assert.equal(one.status, 202, one.text);
        assert.equal(one.body.accepted.length, 1);
        const two = await p.request('POST', `/api/tasks/${s.world.taskId}/uploads`, { raw: form([{ name: 'a.txt', bytes: doc }, { name: 'b.txt', bytes: doc }]) });
        assert.equal(two.body.code, 'api-one-document-per-department');
        await drainJobs(s);
        const batch = await p.get(`/api/batches/${one.body.batchId}`);
        assert.equal(batch.body.progress.finished, true);
        const result = batch.body.items[0].result;
        assert.equal(result.status, 'imported', JSON.stringify(result));
        assert.equal(result.evaluationId, s.world.e1);
        assert.ok(result.notes.some((n: { code: string }) => n.code === 'api-upload-other-department-name'), 'the document names another department: said, not silently');
        const mine = await p.get(`/api/evaluations/${s.world.e1}`);
        assert.equal(mine.body.state, 'draft');
        assert.equal(mine.body.currentVersion, 1);
        const docs = await p.get(`/api/evaluations/${s.world.e1}/documents`);
        assert.equal(docs.body[0].fileName, '自评表.txt');
        const original = await p.get(`/api/evaluations/${s.world.e1}/documents/${docs.body[0].hash}`);
        assert.equal(original.text, doc);
        assert.match(original.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E8%87%AA/);

        // The bureau's batch: two documents of departments the region does not know yet, in folders of a ZIP.
        const other = corpusText('city-urban-management-2021.txt');
        const zip = zipSync({ 'a/城管.txt': new TextEncoder().encode(other), 'b/应急.txt': new TextEncoder().encode(doc.replace(/某县应急管理局/g, '某县应急管理局二')), '__MACOSX/._x': new Uint8Array([1]) });
        const batchUp = await r.request('POST', `/api/tasks/${s.world.taskId}/uploads`, { raw: form([{ name: 'batch.zip', bytes: zip }]) });
        assert.equal(batchUp.status, 202, batchUp.text);
        assert.deepEqual(batchUp.body.accepted.map((a: { fileName: string }) => a.fileName).sort(), ['应急.txt', '城管.txt'].sort());
        await drainJobs(s);
        const done = await r.get(`/api/batches/${batchUp.body.batchId}`);
        const results = done.body.items.map((i: { result: { status: string; state: string; createdDepartment: boolean } }) => i.result);
        assert.deepEqual(results.map((x: { status: string }) => x.status), ['imported', 'imported']);
        assert.ok(results.every((x: { state: string; createdDepartment: boolean }) => x.state === 'signed-off' && x.createdDepartment));
        const ranked = await r.get(`/api/tasks/${s.world.taskId}/evaluations`);
        const received = ranked.body.filter((row: { state: string }) => row.state === 'signed-off');
        assert.equal(received.length, 2);
        assert.ok(received.every((row: { summary: { errors: number } | null }) => row.summary !== null));
        assert.equal((await (await s.as('reviewer-b')).get(`/api/batches/${batchUp.body.batchId}`)).status, 404);
        // The progress stream of a finished batch: one `done` event with the counts, then the stream ends.
        const events = await r.get(`/api/batches/${batchUp.body.batchId}/events`);
        assert.match(events.headers.get('content-type') ?? '', /text\/event-stream/);
        const done1 = /event: done\ndata: (.*)\n/.exec(events.text);
        assert.ok(done1, events.text);
        assert.deepEqual(JSON.parse(done1[1]!), { queued: 0, running: 0, done: 2, failed: 0, total: 2, finished: true });

        // Downloads: the review letter as DOCX and the summary as XLSX open as the files they say they are.
        const evaluationId = received[0].evaluationId;
        const letter = await r.get(`/api/evaluations/${evaluationId}/files/review/docx`);
        assert.equal(letter.status, 200);
        const xml = strFromU8(unzipSync(letter.body as Uint8Array)['word/document.xml']!);
        assert.match(xml, /审核/);
        const summary = await r.get(`/api/tasks/${s.world.taskId}/summary/xlsx`);
        assert.equal(summary.status, 200);
        assert.ok(unzipSync(summary.body as Uint8Array)['xl/workbook.xml']);
        // A ZIP sent as the body itself (curl --data-binary @batch.zip -H 'content-type: application/zip').
        const raw = await r.request('POST', `/api/tasks/${s.world.taskId}/uploads`, { raw: zipSync({ 'x.txt': new TextEncoder().encode(other) }), headers: { 'content-type': 'application/zip', 'x-file-name': encodeURIComponent('第二批.zip') } });
        assert.equal(raw.status, 202, raw.text);
        assert.deepEqual(raw.body.accepted.map((a: { fileName: string }) => a.fileName), ['x.txt']);
        const form1 = await p.get(`/api/evaluations/${s.world.e1}/files/gz-form/html`);
        assert.equal(form1.status, 200);
        assert.match(form1.headers.get('content-security-policy') ?? '', /sandbox/);
      } finally {
        await s.close();
      }
    });

    test('tasks: the bureau drafts and issues a task, every department in scope gets its evaluation; a department sees only its own', async () => {
      const s = await testServer(target);
      try {
        const r = await s.as('reviewer-a');
        const today = new Date().toISOString().slice(0, 10);
        const created = await r.post('/api/tasks', { regionId: s.world.regionA, year: 2026, title: '2026 年度自评', layoutId: 'gz-form', rubricId: 'mof-2020', opensOn: today, closesOn: '2099-12-31', departmentIds: [s.world.d1, s.world.d2] });
        assert.equal(created.status, 201, created.text);
        const wrong = await r.post('/api/tasks', { regionId: s.world.regionA, year: 2026, title: 'x', layoutId: 'no-such', rubricId: 'no-such', opensOn: today, closesOn: today, departmentIds: [s.world.d3] });
        assert.equal(wrong.status, 422);
        assert.deepEqual(wrong.body.errors.map((e: { path: string }) => e.path), ['layoutId', 'rubricId', 'departmentIds[0]']);
        const id = created.body.id;
        assert.equal((await (await s.as('preparer-1')).get(`/api/tasks/${id}`)).status, 404, 'a draft task is the bureau’s own');
        const issued = await r.post(`/api/tasks/${id}/actions/issue`, {});
        assert.equal(issued.body.state, 'issued');
        assert.equal((await s.store.evaluations.list({ taskId: id })).length, 2);
        const p1 = await s.as('preparer-1');
        const mine = await p1.get(`/api/tasks/${id}/evaluations`);
        assert.deepEqual(mine.body.map((row: { departmentId: string }) => row.departmentId), [s.world.d1]);
        assert.equal((await r.post(`/api/tasks/${id}/actions/issue`, {})).status, 409);
        const extended = await r.post(`/api/tasks/${id}/actions/extend`, { newClosesOn: '2100-01-31' });
        assert.equal(extended.body.closesOn, '2100-01-31');
      } finally {
        await s.close();
      }
    });

    test('a task of hundreds of evaluations ranks them all, each with the summary of the version shown', async () => {
      const s = await testServer(target);
      try {
        const n = 320;
        const admin = await s.as('admin');
        await s.store.transaction(async (tx) => {
          const departments = [];
          for (let i = 0; i < n; i++) departments.push((await tx.departments.create({ regionId: s.world.regionA, name: `批量单位${i}` })).id);
          await tx.tasks.addToScope(s.world.taskId, departments);
          for (const [i, d] of departments.entries()) {
            const e = await tx.evaluations.create(s.world.taskId, d);
            const summary = { department: `批量单位${i}`, year: 2025, documentKind: 'unknown', rubric: null, selfScore: null, computedScore: `${50 + (i % 50)}.5`, maxScore: '100', grade: null, errors: i % 3, warnings: 0, infos: 0 };
            // Two versions each: the ranking must read the newest, not the first.
            await tx.evaluations.save(e.id, 0, minimalEvaluation(`批量单位${i}`), s.world.users.admin, { summary: { ...summary, computedScore: '1' } });
            await tx.evaluations.save(e.id, 1, minimalEvaluation(`批量单位${i}`, '1.00'), s.world.users.admin, { summary });
          }
        });
        const ranked = await admin.get(`/api/tasks/${s.world.taskId}/evaluations`);
        assert.equal(ranked.status, 200, ranked.text);
        const batch = ranked.body.filter((r: { department: string }) => r.department.startsWith('批量单位'));
        assert.equal(batch.length, n);
        assert.ok(batch.every((r: { version: number; summary: { computedScore: string } | null }) => r.version === 2 && r.summary !== null && r.summary.computedScore !== '1'));
        assert.equal(batch[0].summary.computedScore, '99.5', 'the highest score ranks first');
      } finally {
        await s.close();
      }
    });

    test('the OpenAPI document describes every route with its schemas', async () => {
      const s = await testServer(target);
      try {
        const doc = await s.anonymous().get('/api/openapi.json');
        assert.equal(doc.status, 200);
        assert.equal(doc.body.openapi, '3.1.0');
        assert.ok(doc.body.paths['/api/evaluations/{id}'].put.requestBody.content['application/json'].schema);
        assert.ok(doc.body.paths['/api/evaluations/{id}'].put.responses['409']);
        assert.ok(doc.body.components.schemas.Problem);
        assert.ok(Object.keys(doc.body.paths).length >= 25);
      } finally {
        await s.close();
      }
    });
  });
}

