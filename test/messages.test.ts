/** Every problem code used anywhere in src/ has a Chinese and an English message (zod's habit). */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MESSAGES, formatProblem } from '../src/core/messages.ts';
import { ROOT } from './helpers.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    // Audit rules carry their own zh/en titles and messages (checked in test/audit.test.ts), not problem codes.
    if (p.endsWith(join('core', 'audit'))) return [];
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

test('every problem code used in src/ has zh and en messages', () => {
  const codes = new Set<string>();
  for (const f of files(join(ROOT, 'src'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/problem\(\s*'([a-z-]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/\bcode: '([a-z-]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/fail\(file, '([a-z-]+)'/g)) codes.add(m[1]!);
  }
  // Codes of formula "not applicable" outcomes are values, not problems.
  for (const c of ['zero-denominator', 'missing-input', 'unit-mismatch', 'qualitative', 'not-numeric', 'custom']) codes.delete(c);
  assert.ok(codes.size > 20, `found only ${codes.size} codes`);
  const missing = [...codes].filter((c) => !MESSAGES[c]?.zh || !MESSAGES[c]?.en);
  assert.deepEqual(missing, []);
});

test('messages fill their parameters and name file, line and field', () => {
  const text = formatProblem({ code: 'unknown-unit', path: ['budget', 'initialBudget'], params: { got: '美元' }, file: 'a.yaml', line: 3, column: 5 }, 'zh');
  assert.equal(text, 'a.yaml:3:5 字段 budget.initialBudget：未知金额单位“美元”（金额单位只能是 元 或 万元）');
  assert.doesNotMatch(formatProblem({ code: 'weights-do-not-add-up', path: [], params: { item: 'x', sum: '9', weight: '10' } }, 'en'), /\{/);
});
