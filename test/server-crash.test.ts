/**
 * The server killed (SIGKILL, no chance to clean up) in the middle of a batch upload and in the middle of a save, and
 * started again on the same data: nothing committed is lost, nothing half-written is visible, the batch goes on to
 * its end and saves go on from the last committed version.
 *
 * The server runs as its own process (test/fixtures/server-process.ts, from source) on a PGlite data folder always,
 * and on a fresh PostgreSQL database when the server at 127.0.0.1:5432 answers. Everything goes over real HTTP.
 * No wall-clock deadline decides a result: the batch is polled until it says it is finished (a 10-minute bound only
 * guards against a hang).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import pg from 'pg';
import { PG_URL, postgresUnavailable } from './store-targets.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'server-process.ts');
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus');
const ADMIN_PASSWORD = 'Crash-Admin-passw0rd!';
const PASSWORD = 'Crash-User-passw0rd!';
/** Only a guard against a hang: a batch that never finishes. Slowness alone never fails a test. */
const HANG_GUARD_MS = 10 * 60_000;
const BATCH_SIZE = 60;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ── the server process ─────────────────────────────────────────────────────────────────────────────────────────────

class ServerProcess {
  private readonly stderr: string[];
  private readonly exited: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    stderr: string[],
    exited: Promise<void>,
  ) {
    this.stderr = stderr;
    this.exited = exited;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The last lines the server wrote to stderr (for a failure's message). */
  tail(): string {
    return this.stderr.slice(-40).join('\n');
  }

  static start(where: readonly string[]): Promise<ServerProcess> {
    const env: NodeJS.ProcessEnv = { ...process.env, JIXIAO_TIMEOUT: '600', JIXIAO_ADMIN_PASSWORD: ADMIN_PASSWORD };
    // The server is not a test file: it must not report to this run's test runner.
    delete env['NODE_TEST_CONTEXT'];
    delete env['DATABASE_URL'];
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...where, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr.push(line);
      if (stderr.length > 400) stderr.splice(0, stderr.length - 400);
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return new Promise<ServerProcess>((resolve, reject) => {
      let settled = false;
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (settled) return;
        try {
          const { port } = JSON.parse(line) as { port: number };
          settled = true;
          resolve(new ServerProcess(child, port, stderr, exited));
        } catch {
          // Not the port line: ignored.
        }
      });
      child.once('exit', (code, signal) => {
        if (settled) return;
        settled = true;
        reject(new Error(`the server exited before listening (code ${code}, signal ${signal}):\n${stderr.slice(-40).join('\n')}`));
      });
      child.once('error', (e) => {
        if (settled) return;
        settled = true;
        reject(e);
      });
    });
  }

  /** SIGKILL: the process ends at once, whatever it was doing. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

// ── a client over real HTTP ────────────────────────────────────────────────────────────────────────────────────────

interface Reply {
  readonly status: number;
  readonly body: any;
  readonly text: string;
}

class Http {
  cookie = '';
  csrf = '';
  constructor(readonly server: ServerProcess) {}

  async request(method: string, path: string, body?: unknown): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers['cookie'] = this.cookie;
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.server.url + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie?.startsWith('jixiao_session=')) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    const parsed: unknown = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: parsed, text };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown = {}) => this.request('POST', path, body);
  put = (path: string, body: unknown) => this.request('PUT', path, body);

  static async logIn(server: ServerProcess, login: string, password: string): Promise<Http> {
    const c = new Http(server);
    const r = await c.post('/api/session', { login, password });
    expect(r, 200, `login ${login}`);
    c.csrf = r.body.csrfToken;
    return c;
  }
}

/** The reply has `status`, or the failure says what the server answered and last logged. */
function expect(r: Reply, status: number, what: string): void {
  assert.equal(r.status, status, `${what}: ${r.status} ${r.text.slice(0, 2000)}`);
}

/** Every row of the activity log that matches `query` (paged backwards), newest first. */
async function activityOf(admin: Http, query: Record<string, string>): Promise<any[]> {
  const out: any[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const q = new URLSearchParams({ ...query, limit: '500', ...(beforeId !== undefined ? { beforeId: String(beforeId) } : {}) });
    const r = await admin.get(`/api/activity?${q}`);
    expect(r, 200, 'activity');
    out.push(...r.body);
    if (r.body.length < 500) return out;
    beforeId = r.body[r.body.length - 1].id;
  }
}

// ── where the data lives ───────────────────────────────────────────────────────────────────────────────────────────

interface Place {
  readonly name: string;
  readonly skip: string | undefined;
  /** Makes the place before the first start (a database). */
  prepare?(): Promise<void>;
  /** The fixture's arguments: --data DIR or --db URL. */
  args(): readonly string[];
  cleanup(): Promise<void>;
}

function pgliteFolder(): Place {
  let dir: string | undefined;
  return {
    name: 'PGlite data folder',
    skip: undefined,
    args: () => ['--data', join((dir ??= mkdtempSync(join(tmpdir(), 'jixiao-crash-'))), 'data')],
    cleanup: async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

/** A database of its own on the PostgreSQL server (the store uses the connection's default schema), dropped after. */
function postgresDatabase(skip: string | undefined): Place {
  const name = `jixiao_crash_${process.pid}_${randomBytes(4).toString('hex')}`;
  let created = false;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: PG_URL });
    client.on('error', () => {});
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => {});
    }
  };
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    skip,
    args: () => {
      assert.ok(created, 'the database is made before the server starts');
      return ['--db', url.href];
    },
    cleanup: async () => {
      if (!created) return;
      await admin(async (client) => {
        await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        await client.query(`drop database if exists "${name}"`);
      });
      created = false;
    },
    async prepare(): Promise<void> {
      await admin((client) => client.query(`create database "${name}"`));
      created = true;
    },
  };
}

// ── the documents of the batch ─────────────────────────────────────────────────────────────────────────────────────

/** Two-character invented place names: no name contains another, so every document lands in a department of its own. */
const PLACE_CHARS = ['青', '松', '柏', '桃', '李', '杏', '梅', '兰', '竹', '菊'];
const placeOf = (i: number): string => `${PLACE_CHARS[Math.floor(i / PLACE_CHARS.length) % PLACE_CHARS.length]}${PLACE_CHARS[i % PLACE_CHARS.length]}`;

interface BatchDocument {
  readonly fileName: string;
  readonly department: string;
  readonly text: string;
}

/** `count` documents varied from the layout corpus: each names a department of its own (某县X局 → 青松县X局). */
function batchDocuments(count: number): BatchDocument[] {
  const templates: { name: string; department: string; text: string }[] = [];
  for (const layout of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(CORPUS, layout)).filter((f) => f.endsWith('.txt') && !f.endsWith('.faulty.txt')).sort()) {
      const answer = JSON.parse(readFileSync(join(CORPUS, layout, file.replace(/\.txt$/, '.answer.json')), 'utf8')) as { department: string };
      templates.push({ name: basename(file, '.txt'), department: answer.department, text: readFileSync(join(CORPUS, layout, file), 'utf8') });
    }
  }
  assert.ok(templates.length >= 10, `the corpus holds documents (${templates.length})`);
  return Array.from({ length: count }, (_, i) => {
    const t = templates[i % templates.length]!;
    assert.ok(t.department.startsWith('某') && t.text.includes(t.department), `${t.name} names ${t.department}`);
    const department = placeOf(i) + t.department.slice(1);
    return { fileName: `${String(i).padStart(2, '0')}-${t.name}.txt`, department, text: t.text.replaceAll(t.department, department) };
  });
}

// ── the world every run starts from ────────────────────────────────────────────────────────────────────────────────

interface World {
  readonly regionId: string;
  /** The two departments made by hand (the batch creates the others). */
  readonly departments: readonly [string, string];
  readonly departmentNames: readonly [string, string];
  readonly taskId: string;
  readonly year: number;
  readonly reviewerId: string;
  readonly preparerId: string;
}

const dateIn = (days: number): string => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function makeWorld(server: ServerProcess): Promise<World> {
  const admin = await Http.logIn(server, 'admin', ADMIN_PASSWORD);
  const region = await admin.post('/api/regions', { name: '试点市财政局' });
  expect(region, 201, 'region');
  const departmentNames = ['试点市机关事务管理局', '试点市档案馆'] as const;
  const departments: string[] = [];
  for (const name of departmentNames) {
    const d = await admin.post('/api/departments', { regionId: region.body.id, name });
    expect(d, 201, `department ${name}`);
    departments.push(d.body.id);
  }
  const account = async (login: string, grant: Record<string, string>) => {
    const u = await admin.post('/api/users', { login, displayName: login, password: PASSWORD });
    expect(u, 201, `user ${login}`);
    expect(await admin.post(`/api/users/${u.body.id}/roles`, grant), 201, `grant ${login}`);
    return u.body.id as string;
  };
  const reviewerId = await account('crash-reviewer', { role: 'reviewer', regionId: region.body.id });
  const preparerId = await account('crash-preparer', { role: 'preparer', departmentId: departments[1]! });

  const reviewer = await Http.logIn(server, 'crash-reviewer', PASSWORD);
  const year = new Date().getFullYear() - 1;
  const task = await reviewer.post('/api/tasks', {
    regionId: region.body.id,
    year,
    subject: 'department',
    title: `${year} 年度部门整体支出绩效自评（断电测试）`,
    layoutId: 'gz-report',
    rubricId: 'mof-2020',
    opensOn: dateIn(-10),
    closesOn: dateIn(30),
    departmentIds: departments,
  });
  expect(task, 201, 'task');
  expect(await reviewer.post(`/api/tasks/${task.body.id}/actions/issue`, {}), 200, 'issue');
  return { regionId: region.body.id, departments: [departments[0]!, departments[1]!], departmentNames, taskId: task.body.id, year, reviewerId, preparerId };
}

// ── the invariants ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Nothing half-written is visible, at any moment: read the task's evaluations and the region's departments FIRST and
 * the batch's jobs AFTER — an import commits its version, its department and its job's completion together, so
 * whatever the first reads show must already be a done job in the second.
 */
async function checkNoHalfWrittenImport(admin: Http, reviewer: Http, world: World, batchId: string): Promise<void> {
  const evaluations = await admin.get(`/api/tasks/${world.taskId}/evaluations`);
  expect(evaluations, 200, 'task evaluations');
  const departments = await admin.get(`/api/departments?regionId=${world.regionId}`);
  expect(departments, 200, 'departments');
  const batch = await reviewer.get(`/api/batches/${batchId}`);
  expect(batch, 200, 'batch');
  const imported = new Map<string, any>();
  for (const item of batch.body.items) if (item.status === 'done' && item.result?.status === 'imported') imported.set(item.result.evaluationId, item.result);
  for (const row of evaluations.body) {
    if (world.departments.includes(row.departmentId) || row.version === 0) continue;
    const result = imported.get(row.evaluationId);
    assert.ok(result, `evaluation ${row.evaluationId} (${row.department}) has version ${row.version} but no done job imported it`);
    assert.equal(row.version, result.version, `${row.department}: the version shown is the one its job imported`);
  }
  const created = new Set([...imported.values()].filter((r) => r.createdDepartment).map((r) => r.departmentId));
  for (const d of departments.body) {
    if (world.departments.includes(d.id)) continue;
    assert.ok(created.has(d.id), `department ${d.name} exists but no done job created it`);
  }
}

// ── the runs ───────────────────────────────────────────────────────────────────────────────────────────────────────

const pgSkip = await postgresUnavailable();
if (pgSkip) console.error(`# ${pgSkip}`);
const PLACES: Place[] = [pgliteFolder(), postgresDatabase(pgSkip)];

for (const place of PLACES) {
  describe(`server killed and restarted (${place.name})`, { skip: place.skip }, () => {
    let server: ServerProcess | undefined;
    let world: World;

    const restart = async (): Promise<ServerProcess> => {
      await server?.kill();
      server = await ServerProcess.start(place.args());
      return server;
    };

    before(async () => {
      await place.prepare?.();
      server = await ServerProcess.start(place.args());
      world = await makeWorld(server);
    });

    after(async () => {
      await server?.kill();
      await place.cleanup();
    });

    test('a batch upload killed half-way finishes after the restart: every committed import kept, none half-written, none twice', async () => {
      let s = server!;
      const documents = batchDocuments(BATCH_SIZE);
      const byFile = new Map(documents.map((d) => [d.fileName, d]));
      const zip = zipSync(Object.fromEntries(documents.map((d) => [d.fileName, strToU8(d.text)])));
      let reviewer = await Http.logIn(s, 'crash-reviewer', PASSWORD);
      let admin = await Http.logIn(s, 'admin', ADMIN_PASSWORD);
      const form = new FormData();
      form.append('file', new Blob([zip], { type: 'application/zip' }), '批量-batch.zip');
      const upload = await reviewer.post(`/api/tasks/${world.taskId}/uploads`, form);
      expect(upload, 202, 'upload');
      assert.equal(upload.body.accepted.length, BATCH_SIZE);
      assert.deepEqual(upload.body.rejected, []);
      const batchId: string = upload.body.batchId;
      const oldReviewerCookie = reviewer.cookie;

      // Poll until a few are done but not all, then kill the process where it stands.
      let beforeKill: any;
      const started = Date.now();
      for (;;) {
        assert.ok(Date.now() - started < HANG_GUARD_MS, `hang guard: the batch made no progress to kill in (${s.tail()})`);
        const b = await reviewer.get(`/api/batches/${batchId}`);
        expect(b, 200, 'batch');
        assert.ok(!b.body.progress.finished, 'the batch finished before the test could kill the server half-way: make it larger');
        if (b.body.progress.done >= 3) {
          await s.kill();
          beforeKill = b.body;
          break;
        }
        await checkNoHalfWrittenImport(admin, reviewer, world, batchId);
        await pause(50);
      }
      assert.equal(beforeKill.progress.failed, 0, JSON.stringify(beforeKill.items.filter((i: any) => i.status === 'failed')));
      const doneBeforeKill = beforeKill.items.filter((i: any) => i.status === 'done');
      const runningBeforeKill = beforeKill.items.filter((i: any) => i.status === 'running').length;

      // Restart on the same data.
      s = await restart();
      // A committed login is not lost either: the session made before the kill still works.
      const oldSession = new Http(s);
      oldSession.cookie = oldReviewerCookie;
      expect(await oldSession.get('/api/session'), 200, 'the session made before the kill');
      reviewer = await Http.logIn(s, 'crash-reviewer', PASSWORD);
      admin = await Http.logIn(s, 'admin', ADMIN_PASSWORD);

      let batch: any;
      const resumed = Date.now();
      for (;;) {
        assert.ok(Date.now() - resumed < HANG_GUARD_MS, `hang guard: the batch did not finish after the restart (${JSON.stringify(batch?.progress)}):\n${s.tail()}`);
        await checkNoHalfWrittenImport(admin, reviewer, world, batchId);
        const b = await reviewer.get(`/api/batches/${batchId}`);
        expect(b, 200, 'batch');
        batch = b.body;
        if (batch.progress.finished) break;
        await pause(200);
      }

      // Every job done, none failed, each with its result.
      assert.equal(batch.progress.total, BATCH_SIZE);
      assert.equal(batch.progress.failed, 0, JSON.stringify(batch.items.filter((i: any) => i.status === 'failed').map((i: any) => [i.fileName, i.lastError])));
      assert.equal(batch.progress.done, BATCH_SIZE);
      for (const item of batch.items) {
        assert.equal(item.status, 'done', item.fileName);
        assert.ok(item.result, `${item.fileName} has a result`);
        assert.ok(item.attempts >= 1 && item.attempts <= 3, `${item.fileName}: ${item.attempts} attempts`);
      }
      const retried = batch.items.filter((i: any) => i.attempts > 1).length;
      console.error(`# ${place.name}: killed with ${doneBeforeKill.length} of ${BATCH_SIZE} done and ${runningBeforeKill} running; ${retried} job(s) claimed again after the restart`);
      // What was done before the kill is still there, word for word.
      const after = new Map(batch.items.map((i: any) => [i.jobId, i]));
      for (const i of doneBeforeKill) assert.deepEqual((after.get(i.jobId) as any)?.result, i.result, `${i.fileName}: its result before the kill is kept`);

      // Every document imported once, into a department of its own, as version 1 of its evaluation.
      const notImported = batch.items.filter((i: any) => i.result.status !== 'imported');
      assert.deepEqual(notImported.map((i: any) => [i.fileName, i.result.status, i.result.problems?.map((p: any) => p.code)]), [], 'every document imports');
      const results = batch.items.map((i: any) => ({ ...i.result, fileName: i.fileName, jobId: i.jobId }));
      assert.equal(new Set(results.map((r: any) => r.evaluationId)).size, BATCH_SIZE, 'one evaluation per document');
      for (const r of results) {
        const doc = byFile.get(r.fileName)!;
        assert.equal(r.department, doc.department, `${r.fileName} lands in the department it names`);
        assert.equal(r.createdDepartment, true, `${r.fileName}: its department is new`);
        assert.equal(r.version, 1, `${r.fileName}: imported once (a retried import after the kill is still version 1)`);

        const e = await admin.get(`/api/evaluations/${r.evaluationId}`);
        expect(e, 200, `evaluation of ${r.fileName}`);
        assert.equal(e.body.currentVersion, r.version, `${r.fileName}: the evaluation is at the version its job names`);
        assert.equal(e.body.departmentId, r.departmentId);
        assert.equal(e.body.state, r.state);
        const versions = await admin.get(`/api/evaluations/${r.evaluationId}/versions`);
        expect(versions, 200, 'versions');
        assert.deepEqual(versions.body.map((v: any) => v.version), [1], `${r.fileName}: exactly one version`);
        const summary = versions.body[0].summary;
        assert.ok(summary, `${r.fileName}: the version has its summary`);
        assert.equal(summary.department, doc.department);
        assert.equal(summary.errors, r.errors);
        assert.equal(summary.warnings, r.warnings);
        const findings = await admin.get(`/api/evaluations/${r.evaluationId}/findings?version=${r.version}`);
        expect(findings, 200, 'findings');
        const count = (severity: string) => findings.body.filter((f: any) => f.severity === severity).length;
        assert.equal(count('error'), r.errors, `${r.fileName}: the error findings were recorded`);
        assert.equal(count('warning'), r.warnings, `${r.fileName}: the warning findings were recorded`);
        const docs = await admin.get(`/api/evaluations/${r.evaluationId}/documents`);
        expect(docs, 200, 'documents');
        assert.deepEqual(docs.body.map((d: any) => d.fileName), [r.fileName], `${r.fileName}: the document is attached once`);
      }

      // Nothing else: the evaluations with a version are exactly the imported ones, the departments exactly the two
      // made by hand and those the jobs created, the task's scope likewise.
      const evaluations = await admin.get(`/api/tasks/${world.taskId}/evaluations`);
      expect(evaluations, 200, 'task evaluations');
      const withVersion = evaluations.body.filter((row: any) => row.version > 0 && !world.departments.includes(row.departmentId));
      assert.deepEqual(withVersion.map((row: any) => row.evaluationId).sort(), results.map((r: any) => r.evaluationId).sort());
      const departments = await admin.get(`/api/departments?regionId=${world.regionId}`);
      expect(departments, 200, 'departments');
      assert.deepEqual(departments.body.map((d: any) => d.id).sort(), [...world.departments, ...results.map((r: any) => r.departmentId)].sort());
      const task = await admin.get(`/api/tasks/${world.taskId}`);
      expect(task, 200, 'task');
      assert.deepEqual([...task.body.departmentIds].sort(), [...world.departments, ...results.map((r: any) => r.departmentId)].sort());

      // The activity log agrees with the jobs: one import entry per job, for its evaluation and version; one upload.
      const log = (await activityOf(admin, { actorId: world.reviewerId, subjectType: 'evaluation' })).filter((a) => a.action === 'evaluation.import');
      const jobIds = new Set(results.map((r: any) => r.jobId));
      const entries = log.filter((a) => jobIds.has(a.detail.jobId));
      assert.equal(entries.length, BATCH_SIZE, 'one evaluation.import entry per job, none from an attempt the kill cut short');
      for (const r of results) {
        const mine = entries.filter((a) => a.detail.jobId === r.jobId);
        assert.equal(mine.length, 1, `${r.fileName}: one activity entry`);
        assert.equal(mine[0].subjectId, r.evaluationId);
        assert.equal(mine[0].detail.version, r.version);
      }
      const uploads = (await activityOf(admin, { subjectType: 'task', subjectId: world.taskId })).filter((a) => a.action === 'task.upload');
      assert.equal(uploads.length, 1);
      assert.equal(uploads[0].detail.batchId, batchId);
      assert.equal(uploads[0].detail.files, BATCH_SIZE);
    });

    test('a save killed in flight is committed whole or not at all; every acknowledged version is kept', async () => {
      const evaluationRow = async (admin: Http) => {
        const rows = await admin.get(`/api/tasks/${world.taskId}/evaluations`);
        expect(rows, 200, 'task evaluations');
        const row = rows.body.find((r: any) => r.departmentId === world.departments[1]);
        assert.ok(row, 'the department has its evaluation in the task');
        return row;
      };
      const name = world.departmentNames[1];
      /** The evaluation as the store writes it back (money as "1234.56 万元"), so what is stored is what was sent. */
      const dataOf = (spending: string) => ({ department: { name }, year: world.year, budget: { initialBudget: '2000.00 万元', adjustedBudget: '2100.00 万元', actualSpending: `${spending} 万元` } });
      /** Distinct decimal text for the k-th save (never a float). */
      const spendingOf = (k: number) => `${1500 + k}.${String((k * 37) % 100).padStart(2, '0')}`;

      let s = server!;
      let preparer = await Http.logIn(s, 'crash-preparer', PASSWORD);
      let admin = await Http.logIn(s, 'admin', ADMIN_PASSWORD);
      const evaluationId: string = (await evaluationRow(admin)).evaluationId;
      const start = await preparer.get(`/api/evaluations/${evaluationId}`);
      expect(start, 200, 'evaluation');
      assert.equal(start.body.currentVersion, 0);

      /** Every version known committed: acknowledged, or found whole after a restart. Its data as stored. */
      const committed = new Map<number, any>();
      let last = 0;
      let k = 0;
      const outcomes: string[] = [];

      // The kill lands at a different point of the save each round: at once, and at fractions of how long a save
      // took this round (measured, not a deadline) — before the transaction, inside it, around its commit.
      for (const fraction of [0, 0.4, 0.7, 0.95]) {
        // A few sequential saves, each acknowledged and read back as stored.
        const took: number[] = [];
        for (let i = 0; i < 5; i++) {
          const sent = dataOf(spendingOf(++k));
          const t0 = performance.now();
          const r = await preparer.put(`/api/evaluations/${evaluationId}`, { baseVersion: last, data: sent });
          took.push(performance.now() - t0);
          expect(r, 200, `save over version ${last}`);
          assert.equal(r.body.version, last + 1, 'versions follow one another');
          last = r.body.version;
          const stored = await preparer.get(`/api/evaluations/${evaluationId}/versions/${last}`);
          expect(stored, 200, `version ${last}`);
          assert.deepEqual(stored.body.data, sent, `version ${last} holds what was sent`);
          committed.set(last, stored.body.data);
        }

        // One more save, and the process killed as soon as its request has left this side.
        const sent = dataOf(spendingOf(++k));
        const median = [...took].sort((a, b) => a - b)[Math.floor(took.length / 2)]!;
        const answer = await saveAndKill(s, preparer, `/api/evaluations/${evaluationId}`, { baseVersion: last, data: sent }, Math.floor(fraction * median));
        if (answer?.status === 200) {
          // It was acknowledged before the kill: then it is committed like any other.
          assert.equal(answer.body.version, last + 1);
        }

        s = await restart();
        preparer = await Http.logIn(s, 'crash-preparer', PASSWORD);
        admin = await Http.logIn(s, 'admin', ADMIN_PASSWORD);

        const e = await preparer.get(`/api/evaluations/${evaluationId}`);
        expect(e, 200, 'evaluation after the restart');
        const n: number = e.body.currentVersion;
        if (answer?.status === 200) assert.equal(n, last + 1, 'an acknowledged save is kept');
        else assert.ok(n === last || n === last + 1, `the current version is ${n}: neither the last acknowledged (${last}) nor the one in flight`);
        outcomes.push(`${Math.floor(fraction * median)} ms: ${answer?.status === 200 ? 'acknowledged' : n === last ? 'not committed' : 'committed'}`);

        const versions = await preparer.get(`/api/evaluations/${evaluationId}/versions`);
        expect(versions, 200, 'versions');
        assert.deepEqual(versions.body.map((v: any) => v.version).sort((a: number, b: number) => a - b), Array.from({ length: n }, (_, i) => i + 1), 'versions are 1..n, none missing, none extra');
        for (const v of versions.body) assert.ok(v.summary, `version ${v.version} has its summary`);
        for (const [v, data] of committed) {
          const stored = await preparer.get(`/api/evaluations/${evaluationId}/versions/${v}`);
          expect(stored, 200, `committed version ${v} after the restart`);
          assert.deepEqual(stored.body.data, data, `version ${v} is kept exactly`);
        }
        if (n === last + 1) {
          const stored = await preparer.get(`/api/evaluations/${evaluationId}/versions/${n}`);
          expect(stored, 200, `version ${n}`);
          assert.deepEqual(stored.body.data, sent, 'the save in flight is committed whole, with what was sent');
          committed.set(n, stored.body.data);
          last = n;
        }
        assert.equal(e.body.version.version, n);
        assert.deepEqual(e.body.version.data, committed.get(n));

        // Its findings and its activity entries came with each version, and none without one.
        const findings = await preparer.get(`/api/evaluations/${evaluationId}/findings?version=${n}`);
        expect(findings, 200, 'findings');
        const saves = (await activityOf(admin, { subjectType: 'evaluation', subjectId: evaluationId })).filter((a) => a.action === 'evaluation.save');
        assert.deepEqual(saves.map((a) => a.detail.version).sort((a: number, b: number) => a - b), Array.from({ length: n }, (_, i) => i + 1), 'one evaluation.save entry per version');
      }
      // Saves go on from the last committed version.
      const more = await preparer.put(`/api/evaluations/${evaluationId}`, { baseVersion: last, data: dataOf(spendingOf(++k)) });
      expect(more, 200, 'a save after the last restart');
      assert.equal(more.body.version, last + 1);
      const stale = await preparer.put(`/api/evaluations/${evaluationId}`, { baseVersion: last, data: dataOf(spendingOf(++k)) });
      expect(stale, 409, 'a save over a version no longer current');
      console.error(`# ${place.name}: saves in flight at the kill: ${outcomes.join(', ')}`);
    });
  });
}

/**
 * Sends a save and kills the server `delayMs` after the request has been handed to the operating system, without
 * waiting for the answer. Returns the answer if it came before the kill (then the save was acknowledged).
 */
async function saveAndKill(server: ServerProcess, client: Http, path: string, body: unknown, delayMs: number): Promise<Reply | undefined> {
  const payload = Buffer.from(JSON.stringify(body));
  let answer: Reply | undefined;
  let killed: Promise<void> | undefined;
  const sentThenKilled = new Promise<void>((resolve) => {
    const kill = () => {
      killed ??= server.kill();
      void killed.then(resolve);
    };
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'PUT',
        path,
        headers: { 'content-type': 'application/json', 'content-length': String(payload.byteLength), cookie: client.cookie, 'x-csrf-token': client.csrf, connection: 'close' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          answer = { status: res.statusCode ?? 0, body: text && res.headers['content-type']?.includes('json') ? JSON.parse(text) : text, text };
        });
        res.on('error', () => {});
      },
    );
    // The kill cuts the connection: the error is what this test expects.
    req.on('error', kill);
    req.end(payload, () => {
      if (delayMs === 0) kill();
      else setTimeout(kill, delayMs);
    });
  });
  await sentThenKilled;
  return answer;
}
