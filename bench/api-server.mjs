// The server for bench/api.mjs, in a process of its own (forked with an IPC channel), so the load generator
// (autocannon, in the parent) does not share the server's event loop. Not a CLI: bench/api.mjs starts it.
//
// Messages in:  { type: 'start', url?, dataDir?, departments }   → { type: 'ready', port, world, dialect }
//               { type: 'cpu' }                                  → { type: 'cpu', user, system, active, idle, rssMb }
//                 (CPU µs of the whole process, worker threads included; the main thread's event-loop busy/idle ms)
//               { type: 'close' }                                → { type: 'closed' }, then the process exits
// When the parent goes away (the channel closes), the server is closed and the process exits.
import { randomBytes } from 'node:crypto';
import { localDate } from '../dist/core/workflow/task.js';
import { hashPassword } from '../dist/server/auth/password.js';
import { startServer } from '../dist/server/serve.js';

/** The bench accounts' password: strong by the server's rules; hashed at a low scrypt cost (the hash names it). */
const PASSWORD = `Bench-${randomBytes(9).toString('base64url')}-9a`;
const CHEAP = { N: 1024, r: 8, p: 1 };

let server;
let closing;

/**
 * BENCH_API_SQL_PROFILE=1: time every statement the embedded PGlite runs (its one connection runs one at a time, so a
 * statement's time is its own), grouped by SQL text, and print the costliest on close — where a PGlite batch spends
 * its main thread. Bench instrumentation only; PostgreSQL's statements run in its own processes and are not timed.
 */
const sqlTimes = new Map();
if (process.env.BENCH_API_SQL_PROFILE === '1') {
  const { PGlite } = await import('@electric-sql/pglite');
  const query = PGlite.prototype.query;
  PGlite.prototype.query = async function (text, ...rest) {
    const t0 = performance.now();
    try {
      return await query.call(this, text, ...rest);
    } finally {
      const key = String(text).replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)*/g, '$…').slice(0, 160);
      const e = sqlTimes.get(key) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t0;
      sqlTimes.set(key, e);
    }
  };
}
function printSqlProfile() {
  if (!sqlTimes.size) return;
  const all = [...sqlTimes.values()].reduce((a, e) => ({ n: a.n + e.n, ms: a.ms + e.ms }), { n: 0, ms: 0 });
  console.error(`\n[bench api-server] PGlite statements: ${all.n} in ${(all.ms / 1000).toFixed(1)} s; the costliest:`);
  for (const [k, e] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    console.error(`  ${(e.ms / 1000).toFixed(2).padStart(7)} s ${String(e.n).padStart(6)}× ${(e.ms / e.n).toFixed(2).padStart(7)} ms  ${k}`);
  }
}

async function close() {
  closing ??= (async () => {
    try {
      await server?.close();
    } catch (e) {
      console.error('[bench api-server] close:', e);
    }
  })();
  return closing;
}

/**
 * The world: region A with `n` departments, one preparer each, a reviewer, and an issued task naming them all (an
 * empty evaluation each); region B with a reviewer and an issued task with no department yet (the batch upload
 * creates them from the names the documents carry). Invented names only.
 */
async function world(store, n) {
  const hash = await hashPassword(PASSWORD, CHEAP);
  const shift = (days) => localDate(new Date(Date.now() + days * 86_400_000));
  return store.transaction(async (tx) => {
    const a = await tx.regions.create({ name: '基准甲市财政局' });
    const b = await tx.regions.create({ name: '基准乙市财政局' });
    const reviewerA = await tx.users.create({ login: 'bench-reviewer-a', displayName: '基准审核人甲', passwordHash: hash });
    const reviewerB = await tx.users.create({ login: 'bench-reviewer-b', displayName: '基准审核人乙', passwordHash: hash });
    await tx.roles.grant(reviewerA.id, { role: 'reviewer', regionId: a.id });
    await tx.roles.grant(reviewerB.id, { role: 'reviewer', regionId: b.id });
    const departments = [];
    for (let i = 0; i < n; i++) {
      const d = await tx.departments.create({ regionId: a.id, name: `基准甲市第${String(i + 1).padStart(3, '0')}局` });
      const u = await tx.users.create({ login: `bench-preparer-${i}`, displayName: `基准填报人${i}`, passwordHash: hash });
      await tx.roles.grant(u.id, { role: 'preparer', departmentId: d.id });
      departments.push({ id: d.id, name: d.name, login: u.login });
    }
    const common = { year: 2023, subject: 'department', layoutId: 'gz-report', rubricId: 'guangzhou-2023', opensOn: shift(-10), closesOn: shift(30) };
    const taskA = await tx.tasks.create({ ...common, regionId: a.id, title: '基准 2023 年度部门整体支出绩效自评（读写）', departmentIds: departments.map((d) => d.id), createdBy: reviewerA.id });
    const taskB = await tx.tasks.create({ ...common, regionId: b.id, title: '基准 2023 年度部门整体支出绩效自评（批量导入）', departmentIds: [], createdBy: reviewerB.id });
    const at = new Date().toISOString();
    await tx.tasks.move(taskA.id, { action: 'issue', from: 'draft', to: 'issued', userId: reviewerA.id, role: 'reviewer', at });
    await tx.tasks.move(taskB.id, { action: 'issue', from: 'draft', to: 'issued', userId: reviewerB.id, role: 'reviewer', at });
    for (const d of departments) d.evaluationId = (await tx.evaluations.create(taskA.id, d.id)).id;
    return { password: PASSWORD, taskA: taskA.id, taskB: taskB.id, reviewerA: 'bench-reviewer-a', reviewerB: 'bench-reviewer-b', departments };
  });
}

process.on('message', async (m) => {
  try {
    if (m.type === 'start') {
      server = await startServer({
        ...(m.url ? { url: m.url } : {}),
        ...(m.dataDir ? { dataDir: m.dataDir } : {}),
        port: 0,
        host: '127.0.0.1',
        demo: false,
        adminPassword: `Admin-${randomBytes(12).toString('base64url')}-7Z`,
        log: () => {},
      });
      const w = await world(server.store, m.departments);
      process.send({ type: 'ready', port: server.port, dialect: server.store.capabilities.dialect, world: w });
    } else if (m.type === 'cpu') {
      const u = process.cpuUsage();
      const elu = performance.eventLoopUtilization();
      process.send({ type: 'cpu', user: u.user, system: u.system, active: elu.active, idle: elu.idle, rssMb: Math.round(process.memoryUsage().rss / 1048576) });
    } else if (m.type === 'close') {
      await close();
      printSqlProfile();
      process.send({ type: 'closed' }, () => process.exit(0));
    }
  } catch (e) {
    process.send({ type: 'error', message: String(e?.stack ?? e) });
  }
});

// Ctrl-C reaches the whole process group: the parent closes this server (or its channel closes), not the signal.
process.on('SIGINT', () => {});
process.on('disconnect', () => {
  void close().then(() => process.exit(0));
});
