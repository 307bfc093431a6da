import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Unit } from './layout.ts';
import { dropPageNumbers } from './page-numbers.ts';

const unit = (text: string, y: number, table?: number): Unit => ({ cells: [text], top: y - 10, y, mid: y - 3.5, size: 10, count: 1, ...(table === undefined ? {} : { table }) });
/** The texts left on an 800 pt page after running page numbers are dropped. */
const kept = (units: Unit[]) => {
  dropPageNumbers(units, 0, 800);
  return units.map((u) => u.cells[0]);
};

test('a running page number at the foot or the head of the page is dropped', () => {
  assert.deepEqual(kept([unit('正文第一行', 100), unit('正文末行', 600), unit('- 3 -', 780)]), ['正文第一行', '正文末行']);
  assert.deepEqual(kept([unit('第 3 页', 30), unit('正文', 100)]), ['正文']);
  assert.deepEqual(kept([unit('正文', 100), unit('3 / 12', 780)]), ['正文']);
});

test('a number that ends a paragraph near the foot, or sits in a table row, or mid-page, is content', () => {
  assert.deepEqual(kept([unit('正文', 700), unit('12', 710)]), ['正文', '12']);
  assert.deepEqual(kept([unit('正文', 100), unit('3', 780, 0)]), ['正文', '3']);
  assert.deepEqual(kept([unit('正文', 100), unit('3', 400)]), ['正文', '3']);
});
