import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { evaluationToData } from './serialize.ts';
import { parseEvaluation } from './parse.ts';

const examples = new URL('../../../examples/', import.meta.url);

test('writing an evaluation out and reading it back gives the same model, for every example', () => {
  for (const f of readdirSync(examples).filter((x) => x.endsWith('.yaml'))) {
    const first = parseEvaluation(parse(readFileSync(new URL(f, examples), 'utf8')));
    assert.ok(first.ok, f);
    const text = stringify(evaluationToData(first.value));
    const second = parseEvaluation(parse(text));
    assert.ok(second.ok, f);
    assert.deepEqual(evaluationToData(second.value), evaluationToData(first.value), f);
  }
});

test('money is written with its unit and percentages exactly', () => {
  const r = parseEvaluation({ department: {}, year: 2020, budget: { actualSpending: '2,566,250.00 元' }, management: { satisfaction: '96.5%' } });
  assert.ok(r.ok);
  const data = evaluationToData(r.value) as { budget: { actualSpending: string }; management: { satisfaction: string } };
  assert.equal(data.budget.actualSpending, '2566250.00 元');
  assert.equal(data.management.satisfaction, '96.5%');
});
