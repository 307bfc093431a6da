/**
 * The worker pool: a job that never ends or swells without bound is stopped and reported as such, the others go on;
 * the time limit counts a job's own time, never its wait in the queue.
 * Why these tests cannot turn on the machine's speed: a runaway job here never finishes, so it meets its limit
 * however slow the machine; and every job that must succeed runs under a limit hundreds of times its own time.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { WorkerPool, limitsFromEnv } from './pool.ts';
import type { TestJob } from './testdata/test-worker.ts';

const worker = new URL('./testdata/test-worker.ts', import.meta.url);

describe('worker pool', () => {
  // Ten minutes: never reached by a job that ends; memory is the limit these jobs meet.
  const pool = new WorkerPool<TestJob, string>(worker, { timeoutMs: 600_000, maxMemoryMb: 128, threads: 2 });
  after(() => pool.destroy());

  test('a job that swells is stopped at the memory limit and named so; the job beside it finishes', async () => {
    const [swell, echo] = await Promise.all([pool.run({ kind: 'swell' }), pool.run({ kind: 'echo', value: '绩效' })]);
    assert.deepEqual(swell, { ok: false, problem: { code: 'import-out-of-memory', path: [], params: { limit: '128 MB' } } });
    assert.deepEqual(echo, { ok: true, value: '绩效' });
  });

  test('a fault in a job is reported, not thrown, and the pool goes on', async () => {
    const fault = await pool.run({ kind: 'fault' });
    assert.equal(fault.ok, false);
    assert.equal(!fault.ok && fault.problem.code, 'import-failed');
    assert.match(!fault.ok ? String(fault.problem.params['detail']) : '', /boom in the worker/);
    assert.deepEqual(await pool.run({ kind: 'echo', value: 'again' }), { ok: true, value: 'again' });
  });

  test('a cancelled job stops its worker and says so', async () => {
    const controller = new AbortController();
    const running = pool.run({ kind: 'spin' }, { signal: controller.signal });
    setImmediate(() => controller.abort());
    assert.deepEqual(await running, { ok: false, problem: { code: 'job-cancelled', path: [], params: {} } });
  });
});

test('many jobs submitted at once start one pool with one error listener (no MaxListenersExceededWarning)', async () => {
  const fresh = new WorkerPool<TestJob, string>(worker, { timeoutMs: 600_000, maxMemoryMb: 256, threads: 2 });
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarning);
  try {
    const jobs = Array.from({ length: 25 }, (_, i) => ({ kind: 'echo' as const, value: String(i) }));
    const results = await fresh.map(jobs);
    assert.deepEqual(results.map((r) => (r.ok ? r.value : '')), jobs.map((j) => j.value));
    // A warning is emitted on the next tick of the process: give it one.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings.filter((w) => w === 'MaxListenersExceededWarning'), []);
  } finally {
    process.off('warning', onWarning);
    await fresh.destroy();
  }
});

test('a job that never ends is stopped at the time limit; the job queued behind it gets its own full time', async () => {
  // One place: the echo waits in the queue for the whole 8 s the spin is given, then runs with a fresh 8 s (its
  // worker starts within it: far less than 8 s even on a loaded machine, where a stopped parser's clock is all that matters).
  const one = new WorkerPool<TestJob, string>(worker, { timeoutMs: 8_000, maxMemoryMb: 256, threads: 1 });
  try {
    const [spin, echo] = await one.map([{ kind: 'spin' }, { kind: 'echo', value: 'after the spin' }]);
    assert.deepEqual(spin, { ok: false, problem: { code: 'import-timeout', path: [], params: { seconds: 8 } } });
    assert.deepEqual(echo, { ok: true, value: 'after the spin' });
  } finally {
    await one.destroy();
  }
});

test('a worker that cannot even start fails its jobs with the reason, instead of leaving them pending for ever', async () => {
  const broken = new WorkerPool<TestJob, string>(new URL('./testdata/broken-worker.ts', import.meta.url), { timeoutMs: 600_000, maxMemoryMb: 256, threads: 1 });
  try {
    assert.deepEqual(await broken.run({ kind: 'echo', value: 'x' }), { ok: false, problem: { code: 'import-failed', path: [], params: { detail: 'cannot start' } } });
  } finally {
    await broken.destroy();
  }
});

test('limits come from JIXIAO_TIMEOUT and JIXIAO_MEMORY_MB, and nonsense falls back to the defaults', () => {
  assert.deepEqual(limitsFromEnv({ JIXIAO_TIMEOUT: '90', JIXIAO_MEMORY_MB: '2048' }), { timeoutMs: 90_000, maxMemoryMb: 2048 });
  assert.deepEqual(limitsFromEnv({ JIXIAO_TIMEOUT: 'soon', JIXIAO_MEMORY_MB: '1' }), { timeoutMs: 30_000, maxMemoryMb: 1024 });
});
