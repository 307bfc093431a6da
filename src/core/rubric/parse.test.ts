import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Exact, eq, sum } from '../exact.ts';
import type { Problem } from '../problem.ts';
import { loadRubricText } from '../../ingest/rubric-file.ts';
import { parseRubric } from './parse.ts';
import { type Group, type Leaf, isLeaf } from './schema.ts';

const RUBRICS_DIR = fileURLToPath(new URL('../../../rubrics/', import.meta.url));

const ratioLeaf = (name: string, weight: number) => ({ name, weight, method: 'ratio', metric: 'executionRate' });

function rubric(items: unknown[], total: number | string = 10): Record<string, unknown> {
  return { id: 'test-rubric', name: '测试', total, items };
}

function problemsOf(raw: unknown): readonly Problem[] {
  const r = parseRubric(raw);
  if (r.ok) assert.fail('expected the rubric to be rejected');
  return r.problems;
}

function find(problems: readonly Problem[], code: string): Problem {
  const p = problems.find((x) => x.code === code);
  assert.ok(p, `expected a ${code} problem, got ${JSON.stringify(problems)}`);
  return p;
}

describe('parseRubric accepts', () => {
  test('a well-formed rubric with groups and leaves', () => {
    const r = parseRubric(rubric([{ name: '组', weight: 10, items: [ratioLeaf('a', 4), ratioLeaf('b', 6)] }]));
    assert.ok(r.ok);
    assert.equal(r.value.precision, 2);
    const g = r.value.items[0];
    assert.ok(g && !isLeaf(g));
    assert.equal(g.items.length, 2);
  });

  test('decimal weights that add up exactly (2.5 + 2.5 + 0.1 + 0.2 + 4.7)', () => {
    const r = parseRubric(rubric([ratioLeaf('a', 2.5), ratioLeaf('b', 2.5), ratioLeaf('c', 0.1), ratioLeaf('d', 0.2), ratioLeaf('e', 4.7)]));
    assert.ok(r.ok, JSON.stringify(r.ok ? [] : r.problems));
  });
});

describe('parseRubric rejects', () => {
  test('weights that do not add up at the root, with the root path', () => {
    const p = find(problemsOf(rubric([ratioLeaf('a', 4), ratioLeaf('b', 5)])), 'weights-do-not-add-up');
    assert.deepEqual(p.path, ['items']);
    assert.equal(p.params['sum'], '9');
    assert.equal(p.params['weight'], '10');
  });

  test('weights that do not add up inside a group, with the group’s path', () => {
    const problems = problemsOf(
      rubric([
        ratioLeaf('a', 4),
        { name: '组', weight: 6, items: [ratioLeaf('b', 3), ratioLeaf('c', 2)] },
      ]),
    );
    assert.equal(problems.length, 1);
    const p = find(problems, 'weights-do-not-add-up');
    assert.deepEqual(p.path, ['items', 1, 'items']);
    assert.equal(p.params['item'], '组');
    assert.equal(p.params['sum'], '5');
    assert.equal(p.params['weight'], '6');
  });

  test('an unknown method, at a path ending in method', () => {
    const problems = problemsOf(rubric([ratioLeaf('a', 4), { name: '组', weight: 6, items: [{ name: 'b', weight: 6, method: 'magic' }] }]));
    const p = find(problems, 'unknown-method');
    assert.deepEqual(p.path, ['items', 1, 'items', 0, 'method']);
    assert.equal(p.path[p.path.length - 1], 'method');
    assert.equal(p.params['method'], 'magic');
  });

  test('an unknown method inside the parts of a sum', () => {
    const p = find(
      problemsOf(rubric([{ name: 's', weight: 10, method: 'sum', parts: [ratioLeaf('a', 5), { name: 'b', weight: 5, method: 'guess' }] }])),
      'unknown-method',
    );
    assert.deepEqual(p.path, ['items', 0, 'parts', 1, 'method']);
  });

  test('an unknown metric', () => {
    const p = find(problemsOf(rubric([{ name: 'a', weight: 10, method: 'ratio', metric: 'noSuchRate' }])), 'unknown-metric');
    assert.deepEqual(p.path, ['items', 0, 'metric']);
    assert.equal(p.params['metric'], 'noSuchRate');
  });

  test('a non-rate fact is not accepted as a metric', () => {
    const p = find(problemsOf(rubric([{ name: 'a', weight: 10, method: 'ratio', metric: 'keyWorkUndone' }])), 'unknown-metric');
    assert.deepEqual(p.path, ['items', 0, 'metric']);
  });

  test('an unknown fact on a leaf and on a checklist criterion', () => {
    const leafFact = find(
      problemsOf(rubric([{ name: 'a', weight: 10, method: 'deduct-per-failure', fact: 'noSuchFact', perFailure: 1 }])),
      'unknown-fact',
    );
    assert.deepEqual(leafFact.path, ['items', 0, 'fact']);
    const criterionFact = find(
      problemsOf(rubric([{ name: 'a', weight: 10, method: 'checklist', criteria: [{ id: 'c', text: 't', points: 10, fact: 'nope' }] }])),
      'unknown-fact',
    );
    assert.deepEqual(criterionFact.path, ['items', 0, 'criteria', 0, 'fact']);
  });

  test('checklist points that do not add up to the weight', () => {
    const p = find(
      problemsOf(
        rubric([
          {
            name: '制度',
            weight: 10,
            method: 'checklist',
            criteria: [
              { id: 'a', text: 'a', points: 4 },
              { id: 'b', text: 'b', points: 4 },
            ],
          },
        ]),
      ),
      'weights-do-not-add-up',
    );
    assert.deepEqual(p.path, ['items', 0, 'criteria']);
    assert.equal(p.params['sum'], '8');
  });

  test('sum parts that do not add up to the weight', () => {
    const p = find(problemsOf(rubric([{ name: 's', weight: 10, method: 'sum', parts: [ratioLeaf('a', 3), ratioLeaf('b', 3)] }])), 'weights-do-not-add-up');
    assert.deepEqual(p.path, ['items', 0, 'parts']);
  });

  test('tier points above the weight', () => {
    const p = find(
      problemsOf(
        rubric([
          {
            name: 't',
            weight: 10,
            method: 'tiers',
            metric: 'executionRate',
            tiers: [
              { gte: '90%', points: 10 },
              { lt: '90%', points: 12 },
            ],
          },
        ]),
      ),
      'points-above-weight',
    );
    assert.deepEqual(p.path, ['items', 0, 'tiers', 1, 'points']);
  });

  test('duplicate item names at the same level', () => {
    const p = find(problemsOf(rubric([ratioLeaf('同名', 5), ratioLeaf('同名', 5)])), 'duplicate-item');
    assert.deepEqual(p.path, ['items', 1, 'name']);
    assert.equal(p.params['item'], '同名');
  });

  test('a veto with a weight', () => {
    const p = find(problemsOf(rubric([ratioLeaf('a', 10), { name: 'v', weight: 1, method: 'veto', fact: 'violations', effect: 'zero-total' }], 11)), 'veto-has-weight');
    assert.deepEqual(p.path, ['items', 1, 'weight']);
  });

  test('schema errors: unknown fields, a bad id, a non-object', () => {
    const unknownField = find(problemsOf({ ...rubric([ratioLeaf('a', 10)]), colour: 'red' }), 'unknown-field');
    assert.deepEqual(unknownField.path, ['colour']);
    assert.ok(problemsOf({ ...rubric([ratioLeaf('a', 10)]), id: 'Bad Id' }).length > 0);
    assert.deepEqual(problemsOf('not a rubric').map((x) => x.code), ['not-a-rubric']);
    assert.deepEqual(problemsOf(null).map((x) => x.code), ['not-a-rubric']);
  });

  test('every problem is collected, not only the first', () => {
    const problems = problemsOf(
      rubric([
        { name: 'x', weight: 5, method: 'ratio', metric: 'nope' },
        { name: 'x', weight: 4, method: 'tiers', metric: 'executionRate', tiers: [{ points: 9 }] },
      ]),
    );
    assert.deepEqual(problems.map((p) => p.code).sort(), ['duplicate-item', 'points-above-weight', 'unknown-metric', 'weights-do-not-add-up']);
  });
});

describe('built-in rubric files', () => {
  const files = readdirSync(RUBRICS_DIR).filter((f) => f.endsWith('.yaml'));

  test('there are built-in rubric files', () => {
    assert.ok(files.length >= 4, `found ${files.join(', ')}`);
  });

  const checkWeights = (items: readonly (Group | Leaf)[], weight: Exact, where: string) => {
    assert.ok(eq(sum(items.map((i) => i.weight)), weight), `${where}: weights do not add up`);
    for (const it of items) if (!isLeaf(it)) checkWeights(it.items, it.weight, `${where}/${it.name}`);
  };

  for (const file of files) {
    test(`${file} loads without problems and its id matches its file name`, () => {
      const text = readFileSync(join(RUBRICS_DIR, file), 'utf8');
      const r = loadRubricText(text, file);
      if (!r.ok) assert.fail(`${file}: ${JSON.stringify(r.problems)}`);
      assert.equal(r.file, file);
      assert.equal(`${r.rubric.id}.yaml`, file);
      checkWeights(r.rubric.items, r.rubric.total, r.rubric.id);
    });
  }

  test('a broken rubric file reports its problem with a line number', () => {
    const text = ['id: broken', 'name: 坏的', 'total: 10', 'items:', '  - name: a', '    weight: 10', '    method: ratio', '    metric: nope', ''].join('\n');
    const r = loadRubricText(text, 'broken.yaml');
    assert.ok(!r.ok);
    const p = r.problems.find((x) => x.code === 'unknown-metric');
    assert.ok(p);
    assert.equal(p.file, 'broken.yaml');
    assert.equal(p.line, 8);
  });
});
