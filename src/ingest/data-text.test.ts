import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readDataText } from './data-text.ts';
import { loadEvaluationText } from './evaluation-file.ts';
import { formatProblem } from '../core/messages.ts';

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

test('an alias bomb is refused, not expanded, and named as such', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  const r = readDataText(lines.join('\n'), 'bomb.yaml');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problems.map((p) => p.code), ['yaml-too-many-aliases']);
});

test('an unquoted amount a float would change keeps its written digits: 99999999999.999999 is not 100000000000', () => {
  for (const fast of [true, false]) {
    const r = readDataText('budget:\n  initialBudget: 99999999999.999999\n', 'x.yaml', { fast });
    assert.ok(r.ok);
    assert.deepEqual(r.ok && r.value.data, { budget: { initialBudget: '99999999999.999999' } });
  }
  const e = loadEvaluationText('department: {}\nyear: 2020\nbudget:\n  initialBudget: 99999999999.999999\n', 'x.yaml');
  assert.ok(e.ok);
  assert.deepEqual(e.ok && e.evaluation.budget?.initialBudget?.value, { n: 99999999999999999n, d: 1000000n });
});

test('an unquoted number with more digits than a figure has is refused by the digit limit, with its line', () => {
  const r = loadEvaluationText(`department: {}\nyear: 2020\nbudget:\n  initialBudget: 1${'0'.repeat(400)}\n  adjustedBudget: 0.${'1'.repeat(30)}\n`, 'x.yaml');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problems.map((p) => [p.code, p.line, p.params['whole'], p.params['decimals']]), [
    ['number-too-long', 4, 401, 0],
    ['number-too-long', 5, 1, 30],
  ]);
});

test('counts, years and plain numbers stay numbers', () => {
  const r = loadEvaluationText('department:\n  subordinateCount: 3\nyear: 2022.0\nmanagement:\n  staffing:\n    authorizedPosts: 60\nbudget:\n  initialBudget: 1234.5\n', 'x.yaml');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.equal(r.ok && r.evaluation.year, 2022);
  assert.equal(r.ok && r.evaluation.management?.staffing?.authorizedPosts, 60);
  assert.deepEqual(r.ok && r.evaluation.budget?.initialBudget?.value, { n: 12345n, d: 10n });
});

test('.nan and .inf say what they are, not "wrong type, got {…}"', () => {
  const r = loadEvaluationText('department:\n  subordinateCount: .nan\nyear: 2020\nbudget:\n  initialBudget: .inf\n  adjustedBudget:\n    value: -.inf\n  printed:\n    executionRate: .NaN\n', 'x.yaml');
  assert.equal(r.ok, false);
  const problems = !r.ok ? r.problems : [];
  assert.deepEqual(problems.map((p) => [p.code, p.line, p.params['got']]), [
    ['not-a-finite-number', 2, 'NaN'],
    ['not-a-finite-number', 5, 'Infinity'],
    ['not-a-finite-number', 7, '-Infinity'],
    ['not-a-finite-number', 9, 'NaN'],
  ]);
  for (const p of problems) assert.doesNotMatch(formatProblem(p, 'zh') + formatProblem(p, 'en'), /\{…\}|\{\w+\}/);
});

test('a file read by the fast path still places each problem on its line and column', () => {
  const text = 'department:\n  name: 某局\nyear: 2020\nbudget:\n  initialBudget: abc\n  actualSpending: { value: "-5", unit: 元 }\n';
  const r = loadEvaluationText(text, 'x.yaml');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problems.map((p) => [p.code, p.line, p.column]), [
    ['not-an-amount', 5, 18],
    ['negative-amount', 6, 19],
  ]);
  const slow = readDataText(text, 'x.yaml', { fast: false });
  const fast = readDataText(text, 'x.yaml');
  assert.ok(slow.ok && fast.ok);
  assert.deepEqual(fast.ok && fast.value.locate(['budget', 'actualSpending']), slow.ok && slow.value.locate(['budget', 'actualSpending']));
});
