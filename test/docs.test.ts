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
