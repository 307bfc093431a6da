// The server's figures (npm run bench, or alone: node bench/api.mjs after `npx tsc -p tsconfig.build.json`):
//   1. API throughput with autocannon — a reviewer reading a task's ranked summary of ~300 evaluations
//      (GET /api/tasks/:id/evaluations), and preparers saving new versions (PUT /api/evaluations/:id, each naming the
//      version it edits, so every request must succeed: non-2xx must be 0 for a valid figure);
//   2. a batch upload of 1,000 seed-sized text documents in one ZIP, end to end (accepted → every job finished).
// Both on PGlite (a temporary data folder) and on PostgreSQL (a database made for the run and dropped after it).
// The server runs in a child process (bench/api-server.mjs) so that autocannon does not share its event loop; on a
// 2-core machine the two still share the cores, and the CPU each used is printed beside the figures.
//
// Settings (environment): BENCH_API_SECONDS (autocannon run length, default 10), BENCH_API_CONNECTIONS (default 8),
// BENCH_API_EVALUATIONS (default 300), BENCH_API_DOCS (default 1000), BENCH_API_RUNS (all | api | batch),
// BENCH_API_CPU_PROF (a folder: the server process writes V8 CPU profiles there), JIXIAO_BENCH_DATABASE_URL (a PostgreSQL
// server database to CREATE DATABASE from; default postgres://postgres@127.0.0.1:5432/test), BENCH_API_PG=0 skips it.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import pg from 'pg';
import { evaluationToData } from '../dist/core/model/serialize.js';
import { builtInRubrics } from '../dist/ingest/document-file.js';
import { loadEvaluationFile } from '../dist/ingest/files.js';
import { importDocument } from '../dist/ingest/import.js';

const root = new URL('../', import.meta.url);
const env = process.env;
const SECONDS = Number(env.BENCH_API_SECONDS ?? 10);
const CONNECTIONS = Number(env.BENCH_API_CONNECTIONS ?? 8);
const EVALUATIONS = Number(env.BENCH_API_EVALUATIONS ?? 300);
const DOCS = Number(env.BENCH_API_DOCS ?? 1000);
/** `all` (default), `api` (the autocannon runs only) or `batch` (the upload only). */
const RUNS = env.BENCH_API_RUNS ?? 'all';
const RUN_API = RUNS !== 'batch';
const RUN_BATCH = RUNS !== 'api';
const PG_URL = env.JIXIAO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const W = 58;

/** What must be undone if the run is interrupted (Ctrl-C): the server closed first, then its folder or database. */
const cleanups = new Set();
function onSignal() {
  console.log('\ninterrupted — closing the server, removing the data / 中断：关闭服务器，清除数据');
  void (async () => {
    for (const c of [...cleanups].reverse()) await c().catch(() => undefined);
    process.exit(130);
  })();
}
const label = (zh, en) => `${zh} / ${en}`;
const line = (l, figures) => console.log(`  ${l.padEnd(W - (l.length - [...l].length) - countWide(l))} ${figures}`);
/** CJK characters take two columns in a terminal: pad by display width. */
function countWide(s) {
  let n = 0;
  for (const ch of s) if (/[\u3000-\u9fff\uff00-\uffef]/.test(ch)) n++;
  return n;
}
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : String(x));

// ───────────── what the runs send ─────────────

/** `value` (a decimal string) moved by `fen` hundredths, exactly (money is never a float). */
function moveDecimal(value, fen) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return value;
  const places = Math.max(2, (m[3] ?? '').length);
  const scale = 10n ** BigInt(places);
  let n = BigInt(m[2]) * scale + BigInt((m[3] ?? '').padEnd(places, '0'));
  if (m[1]) n = -n;
  n += BigInt(fen) * 10n ** BigInt(places - 2);
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? '-' : ''}${a / scale}.${(a % scale).toString().padStart(places, '0')}`;
}

/** The 001 example as the JSON a preparer's save sends, renamed for one department and its spending moved by `fen`. */
function evaluationBody(base, name, fen) {
  const data = structuredClone(base);
  data.department = { ...data.department, name };
  const spent = data.budget?.actualSpending;
  if (spent && typeof spent === 'object' && typeof spent.value === 'string') spent.value = moveDecimal(spent.value, -fen);
  else if (typeof spent === 'string') data.budget.actualSpending = moveDecimal(spent, -fen);
  return JSON.stringify(data);
}

/** Four digits as four characters (甲…癸): names stay Chinese (digits end a name when it is read) and none contains another. */
const code = (i) => [...String(i).padStart(4, '0')].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('');

/**
 * `n` text documents, variants of examples/seeds/*.txt round-robin, each naming a department of its own: the name each
 * seed carries is found by importing it (nothing here knows the seeds), and a code is put before its last character.
 * A seed whose name is not read keeps its text; the server names that department after the file.
 */
async function batchDocuments(n) {
  const dir = new URL('examples/seeds/', root);
  const rubrics = builtInRubrics();
  const seeds = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const r = await importDocument(new TextEncoder().encode(text), f, { rubrics });
    seeds.push({ file: f, text, name: r.ok ? r.data?.department?.name : undefined });
  }
  const files = {};
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const s = seeds[i % seeds.length];
    const text = s.name ? s.text.split(s.name).join(`${s.name.slice(0, -1)}${code(i)}${s.name.slice(-1)}`) : s.text;
    const b = new TextEncoder().encode(text);
    bytes += b.length;
    files[`bench-${String(i).padStart(4, '0')}.txt`] = [b, { level: 6 }];
  }
  const zip = zipSync(files);
  return { zip, bytes, seeds: seeds.map((s) => ({ file: s.file, named: Boolean(s.name) })) };
}

// ───────────── the server process and HTTP helpers ─────────────

function startChild(target, departments) {
  const execArgv = env.BENCH_API_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${env.BENCH_API_CPU_PROF}`] : [];
  const child = fork(fileURLToPath(new URL('api-server.mjs', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  const waiting = new Map();
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.on('message', (m) => {
    const w = waiting.get(m.type) ?? (m.type === 'error' ? [...waiting.values()][0] : undefined);
    if (!w) return;
    waiting.delete(m.type === 'error' ? [...waiting.keys()][0] : m.type);
    if (m.type === 'error') w.reject(new Error(`server process: ${m.message}`));
    else w.resolve(m);
  });
  const ask = (message, reply) =>
    new Promise((resolve, reject) => {
      waiting.set(reply, { resolve, reject });
      exited.then(({ code, signal }) => reject(new Error(`server process exited (${code ?? signal}) before answering ${message.type}`)));
      child.send(message);
    });
  return {
    child,
    exited,
    start: () => ask({ type: 'start', ...target, departments }, 'ready'),
    cpu: () => ask({ type: 'cpu' }, 'cpu'),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await ask({ type: 'close' }, 'closed').catch(() => undefined);
      const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(t);
    },
  };
}

class Session {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }
  headers(extra = {}) {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}), ...extra };
  }
  async request(method, path, body) {
    const init = { method, headers: this.headers(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) };
    if (body !== undefined) init.body = body instanceof FormData ? body : typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(this.base + path, init);
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json, text, headers: res.headers };
  }
  async logIn(login, password) {
    const r = await this.request('POST', '/api/session', { login, password });
    if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${r.text.slice(0, 300)}`);
    this.cookie = r.headers.getSetCookie().find((c) => c.startsWith('jixiao_session='))?.split(';')[0] ?? '';
    this.csrf = r.body.csrfToken;
    return this;
  }
}

/** Runs `fn` over `items`, `n` at a time. */
async function inParallel(items, n, fn) {
  let next = 0;
  const out = new Array(items.length);
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** The share of the time the server's main thread (HTTP, and on PGlite the database too) was busy between two readings. */
const busy = (a, b) => (b.active - a.active) / (b.active - a.active + (b.idle - a.idle));

/** autocannon, with the CPU the server process and this one used meanwhile. */
async function cannon(server, options) {
  const s0 = await server.cpu();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await autocannon({ timeout: 60, ...options });
  const wall = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  const s1 = await server.cpu();
  const serverCores = (s1.user + s1.system - s0.user - s0.system) / 1e6 / wall;
  const clientCores = (c1.user + c1.system) / 1e6 / wall;
  const mainBusy = busy(s0, s1);
  const serverMsPerRequest = result.requests.total ? ((s1.user + s1.system - s0.user - s0.system) / 1e3) / result.requests.total : NaN;
  return { result, serverCores, clientCores, serverMsPerRequest, mainBusy, serverRssMb: s1.rssMb };
}

function cannonLine(l, r, extra = '') {
  const { result } = r;
  const non2xx = result.non2xx;
  const bad = non2xx + result.errors + result.timeouts;
  const codes = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, v]) => `${code}×${v.count}`).join(' ');
  line(
    l,
    `${fmt(result.requests.average, 1)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${fmt(result.requests.total)} requests, non-2xx ${non2xx}${codes ? ` (${codes})` : ''}, errors ${result.errors}, timeouts ${result.timeouts}${bad ? '  ✗ 无效 INVALID' : ''}; CPU server ${r.serverCores.toFixed(2)} + client ${r.clientCores.toFixed(2)} cores (server main thread busy ${fmt(100 * r.mainBusy)}%), server ${fmt(r.serverMsPerRequest, 1)} ms CPU/request${extra}`,
  );
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx, errors: result.errors + result.timeouts, valid: bad === 0, cpuMs: r.serverMsPerRequest };
}

// ───────────── one target: the runs ─────────────

async function benchTarget(name, target, docs) {
  const figures = { name };
  const saveSlots = Math.max(1, CONNECTIONS);
  const server = startChild(target, EVALUATIONS + saveSlots);
  cleanups.add(server.close);
  try {
    const t0 = performance.now();
    const ready = await server.start();
    const base = `http://127.0.0.1:${ready.port}`;
    const { world } = ready;
    console.log(`\n${name} (${ready.dialect}) — ${label('服务器进程已启动', 'server process started')}, ${EVALUATIONS + saveSlots} departments and accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    if (RUN_API) {
      // The task's evaluations, saved over HTTP by their preparers (the server computes, scores and audits each and keeps
      // its summary) and submitted, so the reviewer's summary shows them.
      const t1 = performance.now();
      const sample = loadEvaluationFile(fileURLToPath(new URL('examples/001-guangzhou-report-2023.yaml', root)));
      if (!sample.ok) throw new Error('examples/001-guangzhou-report-2023.yaml does not load');
      const baseData = evaluationToData(sample.evaluation);
      const preparers = await inParallel(world.departments, 4, (d) => new Session(base).logIn(d.login, world.password));
      const reviewer = await new Session(base).logIn(world.reviewerA, world.password);
      const readDepartments = world.departments.slice(0, EVALUATIONS);
      await inParallel(readDepartments, 4, async (d, i) => {
        const s = preparers[i];
        const r = await s.request('PUT', `/api/evaluations/${d.evaluationId}`, `{"baseVersion":0,"data":${evaluationBody(baseData, d.name, i * 37)}}`);
        if (r.status !== 200) throw new Error(`setup save ${d.name}: ${r.status} ${r.text.slice(0, 300)}`);
        // Submitted (with the reason error findings need): the reviewer sees an evaluation from submission on.
        const m = await s.request('POST', `/api/evaluations/${d.evaluationId}/actions/submit`, { version: r.body.version, overrideReason: '基准测试数据 / bench data' });
        if (m.status !== 200) throw new Error(`setup submit ${d.name}: ${m.status} ${m.text.slice(0, 300)}`);
      });
      const setupSecs = (performance.now() - t1) / 1000;
      const check = await reviewer.request('GET', `/api/tasks/${world.taskA}/evaluations`);
      const withSummary = Array.isArray(check.body) ? check.body.filter((r) => r.summary).length : 0;
      if (check.status !== 200 || withSummary !== EVALUATIONS) throw new Error(`the reviewer's summary shows ${withSummary} of ${EVALUATIONS} evaluations with a summary (${check.status})`);
      line(label('准备：逐份保存并提交', 'setup: save + submit each over HTTP'), `${EVALUATIONS} evaluations in ${setupSecs.toFixed(1)} s (${fmt((EVALUATIONS * 2) / setupSecs, 1)} requests/s at 4 at a time); summary ${fmt(check.text.length / 1024)} KB, ${withSummary} rows with scores`);

      // a. reads of the task's summary.
      const url = base;
      const reads = await cannon(server, { url, connections: CONNECTIONS, duration: SECONDS, requests: [{ method: 'GET', path: `/api/tasks/${world.taskA}/evaluations`, headers: reviewer.headers() }] });
      figures.reads = cannonLine(label(`读取任务汇总（${EVALUATIONS} 份，${CONNECTIONS} 连接）`, `GET task summary (${EVALUATIONS}, ${CONNECTIONS} conn)`), reads);
      const reads1 = await cannon(server, { url, connections: 1, duration: Math.max(3, SECONDS / 2), requests: [{ method: 'GET', path: `/api/tasks/${world.taskA}/evaluations`, headers: reviewer.headers() }] });
      figures.reads1 = cannonLine(label('读取任务汇总（1 连接）', 'GET task summary (1 conn)'), reads1);

      // b. saves: one evaluation per connection, each request naming the version the previous one made.
      const slots = world.departments.slice(EVALUATIONS).map((d, k) => ({
        ...d,
        session: preparers[EVALUATIONS + k],
        version: 0,
        conflicts: 0,
        bodies: [0, 1].map((v) => evaluationBody(baseData, d.name, 1000 + k * 10 + v)),
      }));
      const refresh = async () => {
        for (const s of slots) {
          const r = await s.session.request('GET', `/api/evaluations/${s.evaluationId}`);
          if (r.status !== 200) throw new Error(`GET evaluation: ${r.status}`);
          s.version = r.body.currentVersion;
        }
      };
      const saveRun = async (connections) => {
        await refresh();
        let next = 0;
        const versions0 = slots.slice(0, connections).reduce((n, s) => n + s.version, 0);
        const run = await cannon(server, {
          url,
          connections,
          pipelining: 1,
          duration: SECONDS,
          setupClient: (client) => {
            const s = slots[next++ % connections];
            client.setRequests([
              {
                method: 'PUT',
                path: `/api/evaluations/${s.evaluationId}`,
                headers: s.session.headers({ 'content-type': 'application/json' }),
                setupRequest: (req) => ({ ...req, body: `{"baseVersion":${s.version},"data":${s.bodies[s.version % 2]}}` }),
                onResponse: (status, body) => {
                  // Only the number is read: the body's text may arrive cut between multi-byte characters.
                  if (status === 200) s.version = Number(/^\{"version":(\d+)/.exec(body)?.[1] ?? s.version + 1);
                  else if (status === 409) {
                    s.conflicts++;
                    s.version = Number(/"currentVersion":(\d+)/.exec(body)?.[1] ?? s.version);
                  }
                },
              },
            ]);
          },
        });
        await refresh();
        const made = slots.slice(0, connections).reduce((n, s) => n + s.version, 0) - versions0;
        return { run, made };
      };
      const one = await saveRun(1);
      figures.saves1 = cannonLine(label('保存新版本（1 连接，逐个）', 'PUT evaluation (1 conn, in sequence)'), one.run, `; ${one.made} versions made`);
      const many = await saveRun(saveSlots);
      figures.savesN = cannonLine(label(`保存新版本（${saveSlots} 连接，各一份评价）`, `PUT evaluation (${saveSlots} conn, one evaluation each)`), many.run, `; ${many.made} versions made`);
    }

    if (RUN_BATCH) {
      // 2. the batch: one ZIP of DOCS documents uploaded by region B's reviewer into its task.
      const bureau = await new Session(base).logIn(world.reviewerB, world.password);
      const form = new FormData();
      form.append('file', new Blob([docs.zip], { type: 'application/zip' }), `bench-${DOCS}.zip`);
      const cpu0 = await server.cpu();
      const tUp = performance.now();
      const up = await bureau.request('POST', `/api/tasks/${world.taskB}/uploads`, form);
      const tAccepted = performance.now();
      if (up.status !== 202) throw new Error(`upload: ${up.status} ${up.text.slice(0, 500)}`);
      let batch;
      let polls = 0;
      for (;;) {
        const r = await bureau.request('GET', `/api/batches/${up.body.batchId}`);
        polls++;
        if (r.status !== 200) throw new Error(`batch progress: ${r.status} ${r.text.slice(0, 300)}`);
        batch = r.body;
        if (batch.progress.finished) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const tDone = performance.now();
      const cpu1 = await server.cpu();
      const secs = (tDone - tAccepted) / 1000;
      const count = (f) => batch.items.filter(f).length;
      const imported = count((i) => i.result?.status === 'imported');
      const rejected = count((i) => i.result?.status === 'rejected');
      const skipped = count((i) => i.result?.status === 'skipped');
      const failed = count((i) => i.status === 'failed');
      const departments = new Set(batch.items.filter((i) => i.result?.status === 'imported').map((i) => i.result.departmentId)).size;
      const created = count((i) => i.result?.createdDepartment);
      const serverCpuSecs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1e6;
      const serverCores = serverCpuSecs / ((tDone - tUp) / 1000);
      figures.batch = { secs, mainBusy: busy(cpu0, cpu1), cpuMsPerDoc: (serverCpuSecs * 1000) / DOCS, docsPerSec: DOCS / secs, uploadSecs: (tAccepted - tUp) / 1000, imported, rejected, skipped, failed, departments, accepted: up.body.accepted.length, uploadRejected: up.body.rejected.length };
      line(
        label(`批量导入 ${DOCS} 份（ZIP ${fmt(docs.zip.length / 1048576, 1)} MB）`, `batch upload of ${DOCS} docs (ZIP)`),
        `${secs.toFixed(1)} s accepted → done (target < 60 s), ${fmt(DOCS / secs, 1)} docs/s; upload request ${figures.batch.uploadSecs.toFixed(2)} s, ${up.body.accepted.length} accepted, ${up.body.rejected.length} refused at upload`,
      );
      const reasons = new Map();
      for (const i of batch.items) if (i.result?.status === 'rejected' || i.result?.status === 'skipped') for (const p of i.result.problems ?? []) reasons.set(p.code, (reasons.get(p.code) ?? 0) + 1);
      line(
        label('批量导入结果', 'batch outcome'),
        `imported ${imported}, rejected ${rejected}, skipped ${skipped}, failed ${failed}; ${departments} distinct departments (${created} created); server CPU ${serverCores.toFixed(2)} cores, ${fmt(figures.batch.cpuMsPerDoc)} ms CPU/doc (all threads), main thread busy ${fmt(100 * busy(cpu0, cpu1))}%; ${polls} progress polls${reasons.size ? `; reasons: ${[...reasons].map(([c, n]) => `${c}×${n}`).join(', ')}` : ''}`,
      );
    }
    return figures;
  } finally {
    await server.close();
    cleanups.delete(server.close);
  }
}

// ───────────── the two targets, cleaned up whatever happens ─────────────

async function pglite(docs) {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-api-bench-'));
  const remove = async () => rmSync(dir, { recursive: true, force: true });
  cleanups.add(remove);
  try {
    return await benchTarget('PGlite', { dataDir: join(dir, 'data') }, docs);
  } finally {
    await remove();
    cleanups.delete(remove);
  }
}

async function postgres(docs) {
  if (env.BENCH_API_PG === '0') return { name: 'PostgreSQL', skipped: 'BENCH_API_PG=0' };
  const dbName = `jixiao_bench_${randomBytes(6).toString('hex')}`;
  const adminClient = async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
    c.on('error', () => {});
    await c.connect();
    return c;
  };
  let admin;
  try {
    admin = await adminClient();
    await admin.query(`create database ${dbName}`);
  } catch (e) {
    await admin?.end().catch(() => {});
    const reason = `PostgreSQL ${PG_URL.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@')} — ${e instanceof Error ? e.message || e.name : String(e)}`;
    console.log(`\nPostgreSQL — ${label('跳过', 'skipped')}: ${reason}`);
    return { name: 'PostgreSQL', skipped: reason };
  }
  await admin.end().catch(() => {});
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  const drop = async () => {
    const c = await adminClient();
    try {
      // WITH (FORCE) (PostgreSQL 13+) ends any connection left behind; older servers drop it plainly.
      await c.query(`drop database if exists ${dbName} with (force)`).catch(() => c.query(`drop database if exists ${dbName}`));
    } finally {
      await c.end().catch(() => {});
    }
  };
  cleanups.add(drop);
  try {
    return await benchTarget('PostgreSQL', { url: url.toString() }, docs);
  } finally {
    await drop();
    cleanups.delete(drop);
  }
}

export async function apiBench() {
  const cores = availableParallelism();
  const load0 = loadavg();
  console.log(`\nAPI — ${label('服务器吞吐', 'server throughput')}: Node ${process.version}, ${cores} CPUs (${cpus()[0]?.model?.trim() ?? '?'}), load average ${load0.map((x) => x.toFixed(1)).join(' ')}, autocannon ${SECONDS} s runs, server in a child process`);
  const tDocs = performance.now();
  const docs = await batchDocuments(DOCS);
  const unnamed = docs.seeds.filter((s) => !s.named).map((s) => s.file);
  console.log(
    `  ${DOCS} documents from ${docs.seeds.length} seeds (${fmt(docs.bytes / 1048576, 1)} MB, ZIP ${fmt(docs.zip.length / 1048576, 1)} MB, built in ${((performance.now() - tDocs) / 1000).toFixed(1)} s)` +
      (unnamed.length ? `; ${unnamed.length} seed(s) name no department when read, so the server names those after the file: ${unnamed.join(', ')}` : ''),
  );
  const results = [];
  process.on('SIGINT', onSignal);
  try {
    results.push(await pglite(docs));
    results.push(await postgres(docs));
  } finally {
    process.off('SIGINT', onSignal);
  }

  const row = (f) => (f ? `${fmt(f.rps, 1)} req/s (p50 ${f.p50} ms, p99 ${f.p99} ms, ${fmt(f.cpuMs, 1)} ms CPU/req${f.valid ? '' : `, ${f.non2xx} non-2xx, ${f.errors} errors — INVALID`})` : '—');
  const load = (l) => l.map((x) => x.toFixed(1)).join(' ');
  console.log(`\n  ${label('汇总', 'summary')} (${cores} CPUs; load average at start ${load(load0)}, now ${load(loadavg())}${loadavg()[1] > cores ? ' — other work shared the cores: wall-clock figures are low, CPU per request/document is the steadier figure' : ''})`);
  for (const r of results) {
    if (r.skipped) {
      line(`${r.name}`, `skipped — ${r.skipped}`);
      continue;
    }
    if (r.reads) line(`${r.name} ${label('读取任务汇总', 'GET task summary')}`, `${row(r.reads)}; 1 conn ${row(r.reads1)}`);
    if (r.saves1) line(`${r.name} ${label('保存新版本', 'PUT evaluation')}`, `1 conn ${row(r.saves1)}; ${CONNECTIONS} conn ${row(r.savesN)}`);
    const b = r.batch;
    if (b) line(`${r.name} ${label(`批量导入 ${DOCS} 份`, `batch of ${DOCS}`)}`, `${b.secs.toFixed(1)} s, ${fmt(b.docsPerSec, 1)} docs/s, ${fmt(b.cpuMsPerDoc)} ms server CPU/doc, main thread busy ${fmt(100 * b.mainBusy)}%, imported ${b.imported}, rejected ${b.rejected}, skipped ${b.skipped}, failed ${b.failed} ${b.secs < 60 ? '(< 60 s ✓)' : '(target < 60 s ✗)'}`);
  }
  return results;
}

// Alone: node bench/api.mjs (after building dist/). Ctrl-C still closes the server and drops the database: the child
// goes with its channel, and the finally blocks run.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await apiBench();
}
