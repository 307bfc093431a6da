import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readDataText } from './data-text.ts';
import { loadEvaluationText } from './evaluation-file.ts';

test('fuzz: any text gives data or problems with a position, never a throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('{', '[', '- - -', ': :', '&a *a', '!!binary x', '\t\t', '"\\u')), (text) => {
      const r = readDataText(text, 'fuzz.yaml');
      return r.ok || r.problems.every((p) => p.file === 'fuzz.yaml');
    }),
    { numRuns: 3000 },
  );
});

test('fuzz: any text as an evaluation file loads or reports problems, never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      const r = loadEvaluationText(`department: {}\nyear: 2020\n${text}`, 'fuzz.yaml');
      return r.ok || r.problems.length > 0;
    }),
    { numRuns: 2000 },
  );
});

test('a byte-order mark is ignored; an empty file is a problem', () => {
  assert.equal(readDataText('\ufeffa: 1\n', 'x.yaml').ok, true);
  const r = readDataText('  \n', 'x.yaml');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problems.map((p) => p.code), ['empty-file']);
});

test('duplicate keys are an error, not a silent overwrite', () => {
  const r = readDataText('year: 2020\nyear: 2021\n', 'x.yaml');
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.problems[0]?.line, 2);
});

test('an alias bomb is refused quickly', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  const t0 = Date.now();
  const r = readDataText(lines.join('\n'), 'bomb.yaml');
  assert.equal(r.ok, false);
  assert.ok(Date.now() - t0 < 2000);
});
