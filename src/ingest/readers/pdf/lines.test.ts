import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule, Run } from './layout.ts';
import { buildLine, cellText, groupLines } from './lines.ts';

/** A run in the reading frame: `y` is its baseline; a CJK character is `size` wide unless told. */
const run = (str: string, left: number, y: number, size = 10, width = [...str].length * size): Run => ({ str, left, right: left + width, y, size, space: str.trim() === '' });
const cells = (runs: Run[], rules: Rule[] = []) => buildLine(runs, rules).cells;

test('runs on one baseline form a line, a superscript with it; the next line starts a font size further down', () => {
  const lines = groupLines([run('下一行', 0, 114), run('正文', 0, 100), run('1', 20, 96.5, 6), run('续', 26, 100)]);
  assert.equal(lines.length, 2);
  assert.deepEqual(lines.map((l) => cells(l)), [['正文1续'], ['下一行']]);
});

test('a gap wider than about 1.5 characters starts a cell; a narrower one joins: CJK directly, Latin words with a space', () => {
  assert.deepEqual(cells([run('部门年初预算收入', 0, 100), run('4124.28', 150, 100, 10, 35)]), ['部门年初预算收入', '4124.28']);
  assert.deepEqual(cells([run('预算', 0, 100), run('执行', 22, 100)]), ['预算执行']);
  assert.deepEqual(cells([run('Budget', 0, 100, 10, 30), run('rate', 33, 100, 10, 20)]), ['Budget rate']);
});

test('a vertical rule between two runs separates cells even where the gap is narrow', () => {
  const rule: Rule = { x: 20.5, top: 80, bottom: 110 };
  assert.deepEqual(cells([run('项目', 0, 100), run('金额', 21, 100)], [rule]), ['项目', '金额']);
  assert.deepEqual(cells([run('项目', 0, 100), run('金额', 21, 100)]), ['项目金额']);
});

test('a letter-spaced title is one word; a run printed twice (fake bold) is read once', () => {
  assert.deepEqual(cells([run('目', 0, 100), run('录', 40, 100)]), ['目录']);
  assert.deepEqual(cells([run('合计', 0, 100), run('合计', 0.5, 100.5)]), ['合计']);
});

test('a table cell joins its wrapped lines: directly at CJK, after a hyphen or before a closing sign, else with a space', () => {
  assert.equal(cellText([run('加强三防', 0, 100), run('能力建设', 0, 114)]), '加强三防能力建设');
  assert.equal(cellText([run('Budget was', 0, 100, 10, 50), run('reviewed', 0, 114, 10, 40)]), 'Budget was reviewed');
  assert.equal(cellText([run('mid-', 0, 100, 10, 20), run('year plan', 0, 114, 10, 45)]), 'mid-year plan');
  assert.equal(cellText([run('100', 0, 100, 10, 15), run('%', 0, 114, 10, 5)]), '100%');
});
