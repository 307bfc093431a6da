/**
 * Header rows and columns found by the words of the header, never by position alone: a header below a title row, a
 * spaced-out header word, a missing column, and a data row whose cells a merged or extra cell shifted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segment } from '../segment.ts';
import { type ColumnSpec, alignValues, findHeader, isSequenceNumber } from './table-columns.ts';
import { row, textDocument } from './testing.ts';

type Key = 'name' | 'target' | 'actual' | 'reason';
const SPECS: readonly ColumnSpec<Key>[] = [
  { key: 'name', re: /^指标名称$/ },
  { key: 'actual', re: /完成值/ },
  // 年度指标值 would also match /指标/: the first spec that matches a cell wins it, so order is meaning.
  { key: 'target', re: /指标值/ },
  { key: 'reason', re: /原因/ },
];

const tableOf = (...lines: string[]) => segment(textDocument(...lines)).tables[0]!;

describe('findHeader: the clean case', () => {
  it('the first row naming every required key, below a title row, with a column for every spec it names', () => {
    const t = tableOf(row('绩效指标', '', '', '2024年度'), row('指标名称', '年度指标值', '实际完成值', '偏差原因'), row('送戏下乡场次', '≥20场', '24场', ''));
    const h = findHeader(t, SPECS, ['name', 'target']);
    assert.deepStrictEqual(h, { rowIndex: 1, columns: { name: 0, actual: 2, target: 1, reason: 3 }, cells: ['指标名称', '年度指标值', '实际完成值', '偏差原因'] });
  });

  it('a header word spaced out for layout (指 标 名 称) is read compacted', () => {
    const t = tableOf(row('指 标 名 称', '年度 指标值'), row('送戏下乡场次', '≥20场'));
    assert.deepStrictEqual(findHeader(t, SPECS, ['name', 'target'])?.columns, { name: 0, target: 1 });
  });

  it('searching on from a row finds the next header (a second table under the first)', () => {
    const t = tableOf(row('指标名称', '年度指标值'), row('送戏下乡场次', '≥20场'), row('指标名称', '年度指标值'), row('公益展览场次', '≥12场'));
    assert.equal(findHeader(t, SPECS, ['name'], 1)?.rowIndex, 2);
  });
});

describe('findHeader: odd tables', () => {
  it('a required column missing: no header', () => {
    const t = tableOf(row('指标名称', '实际完成值'), row('送戏下乡场次', '24场'));
    assert.equal(findHeader(t, SPECS, ['name', 'target']), undefined);
  });

  it('an optional column missing is simply absent', () => {
    const t = tableOf(row('指标名称', '年度指标值'), row('送戏下乡场次', '≥20场'));
    assert.deepStrictEqual(findHeader(t, SPECS, ['name'])?.columns, { name: 0, target: 1 });
  });

  it('one cell is never two columns', () => {
    const t = tableOf(row('指标名称', '指标值及完成值'), row('送戏下乡场次', '≥20场/24场'));
    assert.deepStrictEqual(findHeader(t, SPECS, ['name'])?.columns, { name: 0, actual: 1 });
  });
});

describe('alignValues', () => {
  const t = tableOf(row('指标名称', '年度指标值', '实际完成值', '偏差原因'), row('x', 'y', 'z', 'w'));
  const header = findHeader(t, SPECS, ['name'])!;
  const data = (...cells: string[]) => ({ cells, cellLines: cells.map(() => 0), lines: [0], pieces: cells.map(() => [{ line: 0, offset: 0 }]) });

  it('cells under their header columns are read by position, blanks left out', () => {
    assert.deepStrictEqual(alignValues(data('送戏下乡场次', '≥20场', '', '未开展'), header, ['target', 'actual', 'reason'], 0), { target: '≥20场', reason: '未开展' });
  });

  it('cells shifted by one extra empty cell, as many as the value columns, are read in order', () => {
    assert.deepStrictEqual(alignValues(data('送戏下乡场次', '', '≥20场', '24场', '无'), header, ['target', 'actual', 'reason'], 0), { target: '≥20场', actual: '24场', reason: '无' });
  });

  it('more filled cells than value columns: by position, never guessed', () => {
    assert.deepStrictEqual(alignValues(data('送戏下乡场次', '≥20场', '24场', '无', '多余'), header, ['target', 'actual', 'reason'], 0), { target: '≥20场', actual: '24场', reason: '无' });
  });
});

describe('isSequenceNumber', () => {
  it('a row number in any of the usual forms is one; a label or a figure with a unit is not', () => {
    for (const c of ['1', '12', ' 3 ', '3.', '4、', '（5）', '(6)', '一', '十二', '三、']) assert.equal(isSequenceNumber(c), true, c);
    for (const c of ['', '重点项目', '其他需完成的任务', '1234', '2.5', '12场', '任务1', '序号']) assert.equal(isSequenceNumber(c), false, c);
  });
});
