/**
 * The extractor registry: every extractor has examples in a test beside it (a clean and an odd document), ids are
 * unique, and a stronger source runs before the weaker one that could fill the same field.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { EXTRACTORS } from './index.ts';

const HERE = new URL('.', import.meta.url);
const tests = readdirSync(HERE)
  .filter((f) => f.endsWith('.test.ts') && f !== 'index.test.ts')
  .map((f) => readFileSync(new URL(f, HERE), 'utf8'))
  .join('\n');

test('every extractor of the registry is exercised by a test beside it', () => {
  const untested = EXTRACTORS.filter((x) => !new RegExp(`\\b${x.run.name}\\b`).test(tests)).map((x) => `${x.id} (${x.run.name})`);
  assert.deepStrictEqual(untested, []);
});

test('extractor ids are unique', () => {
  assert.equal(new Set(EXTRACTORS.map((x) => x.id)).size, EXTRACTORS.length);
});

test('the stronger source runs first: a labelled cell or a table before a sentence', () => {
  const at = (id: string) => EXTRACTORS.findIndex((x) => x.id === id);
  for (const [strong, weak] of [
    ['budget-form', 'budget-narrative'],
    ['formula-tables', 'budget-narrative'],
    ['budget-table', 'budget-narrative'],
    ['score-cells', 'score-totals'],
    ['scorecard', 'score-table'],
    ['score-table', 'narrative-scores'],
    ['narrative-scores', 'score-totals'],
    ['form-tasks', 'planned-tasks'],
    ['project-tables', 'narrative-projects'],
    ['narrative-projects', 'project-list'],
    ['scorecard', 'score-totals'],
    ['score-totals', 'rubric'],
    ['form-narratives', 'section-narratives'],
  ] as const) {
    assert.ok(at(strong) >= 0 && at(weak) >= 0, `${strong} / ${weak} registered`);
    assert.ok(at(strong) < at(weak), `${strong} before ${weak}`);
  }
});
