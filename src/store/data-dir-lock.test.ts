import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from './data-dir-lock.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a data folder is held by one store at a time, and free again once released', () => {
  const release = lockDataDir(dir);
  assert.throws(() => lockDataDir(dir), (e: unknown) => e instanceof DataDirInUseError && e.pid === process.pid && /数据目录正由进程/.test(e.message));
  release();
  assert.equal(existsSync(join(dir, LOCK_FILE)), false);
  lockDataDir(dir)();
});

test('a lock left by a process that has died is taken over', () => {
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  assert.ok(dead);
  writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
  const release = lockDataDir(dir);
  release();
});
