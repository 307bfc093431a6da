import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTables, tableOf } from './grids.ts';
import type { HorizontalRule, Rule, Rules, Run } from './layout.ts';

const v = (x: number, top: number, bottom: number): Rule => ({ x, top, bottom });
const h = (y: number, left: number, right: number): HorizontalRule => ({ y, left, right });
const rules = (vertical: Rule[], horizontal: HorizontalRule[]): Rules => ({ vertical, horizontal, fillEdges: [] });
const mids = (bounds: readonly { mid: number }[]) => bounds.map((b) => b.mid);

/** Two rows of three columns; the rule between columns 2 and 3 is drawn in the second row only. */
const merged = [v(0, 0, 40), v(100, 0, 40), v(200, 20, 40), v(300, 0, 40)];

test('rules that meet form a grid; a cell without a rule on its edge is merged into its left neighbour', () => {
  const [grid, ...more] = findTables(rules(merged, [h(0, 0, 300), h(20, 0, 300), h(40, 0, 300)]));
  assert.equal(more.length, 0);
  assert.deepEqual(mids(grid?.xs ?? []), [0, 100, 200, 300]);
  assert.deepEqual(mids(grid?.ys ?? []), [0, 20, 40]);
  assert.deepEqual([...(grid?.anchor ?? [])], [0, 1, 1, 3, 4, 5]);
});

test('a rule drawn dash by dash is one rule, though its dashes cover less than half of each edge', () => {
  const dashes = Array.from({ length: 61 }, (_, i) => h(20, i * 5, i * 5 + 2));
  const [grid] = findTables(rules(merged, [h(0, 0, 300), ...dashes, h(40, 0, 300)]));
  assert.deepEqual(mids(grid?.ys ?? []), [0, 20, 40]);
  assert.deepEqual([...(grid?.anchor ?? [])], [0, 1, 1, 3, 4, 5]);
});

test('a table ruled only across, with one rule after its stub column (a three-line table), is no grid', () => {
  assert.deepEqual(findTables(rules([v(100, 0, 40)], [h(0, 0, 300), h(20, 0, 300), h(40, 0, 300)])), []);
});

test('two tables one above the other are two grids; a run belongs to the table whose frame holds its middle', () => {
  const upper = rules([v(0, 0, 40), v(100, 0, 40), v(300, 0, 40)], [h(0, 0, 300), h(40, 0, 300)]);
  const lower = rules([v(0, 100, 140), v(150, 100, 140), v(300, 100, 140)], [h(100, 0, 300), h(140, 0, 300)]);
  const grids = findTables(rules([...upper.vertical, ...lower.vertical], [...upper.horizontal, ...lower.horizontal]));
  assert.deepEqual(
    grids.map((g) => mids(g.xs)),
    [
      [0, 100, 300],
      [0, 150, 300],
    ],
  );
  const at = (y: number): Run => ({ str: '金额', left: 160, right: 180, y, size: 10, space: false });
  assert.equal(tableOf(grids, at(125)), 1);
  assert.equal(tableOf(grids, at(25)), 0);
  assert.equal(tableOf(grids, at(80)), undefined);
});
