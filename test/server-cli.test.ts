/**
 * The server's commands as a user runs them: `jixiao backup` and `jixiao restore` between two data folders (and the
 * refusals a wrong restore gets), the first administrator made once, the demo loaded once, and the help naming serve.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { verifyPassword } from '../src/server/auth/password.ts';
import { loadDemo } from '../src/server/demo.ts';
import { ensureFirstAdmin } from '../src/server/serve.ts';
import { openStore } from '../src/store/index.ts';
import { cli } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-server-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the first start makes one administrator with a one-time password; later starts make none', async () => {
  const store = await openStore({ url: 'memory://' });
  try {
    const first = await ensureFirstAdmin(store);
    assert.equal(first?.login, 'admin');
    assert.ok(first?.password && first.password.length >= 12);
    const user = await store.users.getByLogin('admin');
    assert.ok(await verifyPassword(first.password, user?.passwordHash));
    assert.equal(await verifyPassword('wrong', user?.passwordHash), false);
    assert.deepEqual((await store.roles.actorsOf(user!.id)).map((a) => a.role), ['admin']);
    assert.equal(await ensureFirstAdmin(store), undefined);
    await assert.rejects(ensureFirstAdmin(await openStore({ url: 'memory://' }), 'short'), /api-password-too-short/);
  } finally {
    await store.close();
  }
});

test('the demo: the examples as one task in every state, an account per role', async () => {
  const store = await openStore({ url: 'memory://' });
  try {
    const demo = await loadDemo(store);
    const evaluations = await store.evaluations.list({ taskId: demo.taskId });
    assert.ok(evaluations.length >= 5);
    assert.deepEqual([...new Set(evaluations.map((e) => e.state))].sort(), ['approved', 'draft', 'signed-off', 'submitted', 'under-review']);
    assert.ok(evaluations.every((e) => e.currentVersion === 1));
    const roles = new Set(demo.accounts.map((a) => a.role.split(' / ')[1]));
    for (const r of ['admin', 'reviewer', 'third-party reviewer', 'preparer', 'department head']) assert.ok(roles.has(r), r);
  } finally {
    await store.close();
  }
});

test('jixiao backup and restore move a whole store between folders; a restore refuses a store with data', async () => {
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const file = join(dir, 'store.backup');
  const seeded = await openStore({ dataDir: a });
  await loadDemo(seeded);
  const versions = (await seeded.db.selectFrom('evaluationVersions').selectAll().orderBy('evaluationId').orderBy('version').execute()).map((v) => JSON.stringify(v.data));
  await seeded.close();

  const backup = await cli('backup', file, '--data', a);
  assert.equal(backup.code, 0, backup.err);
  assert.match(backup.out, /已备份/);
  const again = await cli('backup', file, '--data', a);
  assert.equal(again.code, 2, 'an existing file is not overwritten without --force');
  assert.match(again.err, /已存在/);

  const restored = await cli('restore', file, '--data', b);
  assert.equal(restored.code, 0, restored.err);
  const copy = await openStore({ dataDir: b });
  try {
    const copied = (await copy.db.selectFrom('evaluationVersions').selectAll().orderBy('evaluationId').orderBy('version').execute()).map((v) => JSON.stringify(v.data));
    assert.deepEqual(copied, versions);
  } finally {
    await copy.close();
  }
  const twice = await cli('restore', file, '--data', b);
  assert.equal(twice.code, 2);
  assert.match(twice.err, /已有数据/);
  writeFileSync(join(dir, 'not-a-backup'), 'hello');
  const wrong = await cli('restore', join(dir, 'not-a-backup'), '--data', join(dir, 'c'));
  assert.equal(wrong.code, 2);
  assert.match(wrong.err, /不是 jixiao 备份文件/);
});

test('the help names the server commands', async () => {
  const help = await cli('--help');
  assert.match(help.out, /serve\s+启动服务器/);
  assert.match(help.out, /backup FILE/);
});
