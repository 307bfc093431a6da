/**
 * Inputs kept from fuzzing (test/fixtures/fuzz/, see its README): each once crashed, hung or broke an invariant, or
 * is a hostile shape the fuzzer makes (entity expansion, deep nesting, a page tree that loops). Each must import and
 * audit in-process to a result or a clear problem — no exception, no invariant break (scripts/fuzz/check.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkDocument } from '../scripts/fuzz/check.ts';

const DIR = fileURLToPath(new URL('./fixtures/fuzz/', import.meta.url));
const inputs = readdirSync(DIR)
  .filter((f) => f !== 'README.md' && !f.endsWith('.note.txt'))
  .sort();

test('the fuzz fixtures are there and stay under 1 MB together', () => {
  assert.ok(inputs.length >= 6, `only ${inputs.length} fixtures in ${DIR}`);
  const total = readdirSync(DIR).reduce((n, f) => n + statSync(join(DIR, f)).size, 0);
  assert.ok(total < 1024 * 1024, `test/fixtures/fuzz holds ${total} bytes`);
});

test('every fuzz fixture is described in the README', () => {
  const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
  assert.deepEqual(inputs.filter((f) => !readme.includes(f)), []);
});

test('every open fuzz bug names a fixture that exists', () => {
  assert.deepEqual(Object.keys(OPEN).filter((f) => !inputs.includes(f)), []);
});

/**
 * Fixtures whose bug is found but not yet fixed, with where it is: their tests run as todo (reported, not failing
 * the suite). Whoever fixes the bug deletes the line, and the test then guards the fix.
 */
const OPEN: Readonly<Record<string, string>> = {};

for (const name of inputs) {
  test(`${name}: import and audit give a result or a clear problem`, OPEN[name] ? { todo: OPEN[name] } : {}, async () => {
    const r = await checkDocument(new Uint8Array(readFileSync(join(DIR, name))), name, { roundTrip: true });
    assert.deepEqual(r.breaks, []);
    if (r.verdict === 'refused') assert.ok(r.codes.length > 0, 'refused without a problem');
    else assert.ok(r.verdict === 'audited' || r.codes.length > 0, `${r.verdict} without a problem that says why`);
  });
}
