/**
 * Every rule of the registry has made-up examples beside the rules: a clean case and a faulty case, declared with
 * `ruleCases('<code>', { clean, faulty })` in one of the `*.test.ts` files of this folder (the helper's types make
 * both required). A new rule without examples, or examples left behind for a rule that was renamed, fail here.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from '../index.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const MARKER = /\bruleCases\(\s*['"]([a-z0-9-]+)['"]/g;

/** Rule code → the test files declaring its cases. */
function declaredCases(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of readdirSync(HERE).filter((f) => f.endsWith('.test.ts') && f !== 'coverage.test.ts').sort()) {
    for (const m of readFileSync(new URL(file, new URL('.', import.meta.url)), 'utf8').matchAll(MARKER)) out.set(m[1]!, [...(out.get(m[1]!) ?? []), file]);
  }
  return out;
}

test('every rule of the registry has a clean and a faulty example', () => {
  const declared = declaredCases();
  assert.ok(RULES.length >= 29, `only ${RULES.length} rules in the registry`);
  assert.deepStrictEqual(RULES.map((r) => r.code).filter((code) => !declared.has(code)), [], 'rules without ruleCases(…) examples');
});

test('examples name rules of the registry, each in one place', () => {
  const codes = new Set(RULES.map((r) => r.code));
  const declared = declaredCases();
  assert.deepStrictEqual([...declared.keys()].filter((c) => !codes.has(c)), [], 'examples for rules that do not exist');
  assert.deepStrictEqual([...declared].filter(([, files]) => files.length > 1).map(([c, files]) => `${c}: ${files.join(', ')}`), [], 'rules with examples in two places');
});

test('the marker this test reads is the one the test files write', () => {
  const sample = "  ruleCases('rate-mismatch', {\n    clean: [";
  assert.deepStrictEqual([...sample.matchAll(MARKER)].map((m) => m[1]), ['rate-mismatch']);
  assert.ok(declaredCases().size >= 29);
});
