import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedPaths, diffData } from './diff.ts';

test('identical data has no changes, whatever the key order', () => {
  assert.deepEqual(diffData({ a: '1.00 万元', b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: '1.00 万元' }), []);
});

test('a changed leaf is reported at its path with both values', () => {
  const before = { budget: { actualSpending: '100.00 万元', initialBudget: '90.00 万元' } };
  const after = { budget: { actualSpending: '101.00 万元', initialBudget: '90.00 万元' } };
  assert.deepEqual(diffData(before, after), [{ path: 'budget.actualSpending', before: '100.00 万元', after: '101.00 万元' }]);
});

test('changes come in key order, whatever order the objects were written in', () => {
  assert.deepEqual(changedPaths({ b: 1, a: 1 }, { a: 2, b: 2 }), ['a', 'b']);
  assert.deepEqual(changedPaths({ a: 1, b: 1 }, { b: 2, a: 2 }), ['a', 'b']);
});

test('array elements are compared by index; an added element is one change', () => {
  const before = { projects: [{ name: '甲', amount: '1' }] };
  const after = { projects: [{ name: '乙', amount: '1' }, { name: '丙' }] };
  assert.deepEqual(changedPaths(before, after), ['projects[0].name', 'projects[1]']);
});

test('added, removed and retyped fields are changes at their own path', () => {
  const d = diffData({ a: 1, b: { x: 1 } }, { b: 'text', c: null });
  assert.deepEqual(d, [
    { path: 'a', before: 1, after: undefined },
    { path: 'b', before: { x: 1 }, after: 'text' },
    { path: 'c', before: undefined, after: null },
  ]);
});

test('from nothing, every top-level field is a change', () => {
  assert.deepEqual(changedPaths({}, { year: 2024, identity: { name: '某局' } }), ['identity', 'year']);
});
