/** Generated docs are current: docs/formulas.md is written from the formula library table. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formulasMarkdown } from '../scripts/formulas-doc.ts';
import { FORMULAS } from '../src/core/formulas/library.ts';
import { ROOT } from './helpers.ts';

test('docs/formulas.md matches the formula library (run npm run docs)', () => {
  assert.equal(readFileSync(join(ROOT, 'docs/formulas.md'), 'utf8'), formulasMarkdown());
});

test('docs/formulas.md names every formula id', () => {
  const doc = formulasMarkdown();
  for (const f of FORMULAS) assert.ok(doc.includes(`\`${f.family}\` | \`${f.variant}\``), f.id);
});

test('the minimal evaluation file shown in the README validates and reproduces its printed rates', async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(yaml, 'README has a yaml example');
  const { loadEvaluationText } = await import('../src/ingest/evaluation-file.ts');
  const { computeAll } = await import('../src/core/compute/compute.ts');
  const r = loadEvaluationText(yaml, 'README.md');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  const printed = computeAll(r.evaluation).filter((f) => f.printed);
  assert.equal(printed.length, 2);
  assert.ok(printed.every((f) => f.comparison === 'match'));
});
