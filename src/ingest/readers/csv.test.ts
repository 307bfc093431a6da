import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, type SourceLine } from '../source.ts';
import { csvLines, detectDelimiter } from './csv.ts';
import { readDocument } from './read.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/documents');

function read(r: ReadResult): { lines: readonly SourceLine[]; warnings: string[]; encoding: string | undefined } {
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  return { lines: r.document.lines, warnings: r.warnings.map((w) => w.code), encoding: r.document.encoding };
}

const rows = (lines: readonly SourceLine[]) => lines.map((l) => [l.loc.line, ...l.cells]);
const csv = (text: string, limits: ReadLimits = DEFAULT_LIMITS) => readDocument(Buffer.from(text, 'utf8'), 'table.csv', limits);

test('quoted fields keep their commas, line breaks and doubled quotes; each record is located at its first line', async () => {
  const { lines } = read(await csv('项目,金额,说明\n"防汛物资, 仓库","1,234.56","两行\n说明"\n合计,"""9""",\n'));
  assert.deepEqual(rows(lines), [
    [1, '项目', '金额', '说明'],
    [2, '防汛物资, 仓库', '1,234.56', '两行\n说明'],
    [4, '合计', '"9"', ''],
  ]);
});

test('the delimiter is detected: semicolon, tab, comma; Excel\'s sep= line names it', async () => {
  assert.equal(detectDelimiter('项目;金额\n甲;"1,5"\n乙;2,5\n'), ';');
  assert.equal(detectDelimiter('项目\t金额\n甲\t1,234\n'), '\t');
  assert.equal(detectDelimiter('a,b,c\n1,2,3\n'), ',');
  assert.deepEqual(rows(read(await csv('项目;金额;执行率\n甲;"1.234,56";98,5%\n')).lines), [
    [1, '项目', '金额', '执行率'],
    [2, '甲', '1.234,56', '98,5%'],
  ]);
  assert.deepEqual(rows(read(await csv('sep=|\r\na|b,c\r\n')).lines), [[2, 'a', 'b,c']]);
});

test('a CSV saved by Excel in GBK, with CRLF and a quoted line break, reads as GB18030', async () => {
  const r = read(await readDocument(readFileSync(join(FIXTURES, 'encodings/table.gbk.csv')), 'table.csv'));
  assert.equal(r.encoding, 'gb18030');
  assert.deepEqual(rows(r.lines), [
    [1, '项目名称', '年初预算', '调整后预算', '实际支出', '执行率', '备注'],
    [2, '防汛物资采购（含仓库装修、运输）', '1,234.56', '1300.00', '1,287.45', '99.03%', '分两批完成：\r\n第一批 5 月，第二批 8 月'],
    [4, '应急值守系统建设', '420.00', '380.00', '365.10', '96.08%', ''],
    [5, '合计', '', '', '"见附表"', '', ''],
  ]);
});

test('.tsv and .txt stay tab-separated: a quoted field is not CSV there', async () => {
  const text = '"a\tb",c\n"d\te",f\n';
  assert.deepEqual(rows(read(await readDocument(Buffer.from(text), 'x.tsv')).lines)[0], [1, '"a', 'b",c']);
  assert.deepEqual(rows(read(await readDocument(Buffer.from(text), 'x.txt')).lines)[0], [1, '"a', 'b",c']);
  assert.deepEqual(rows(read(await csv(text)).lines)[0], [1, 'a\tb', 'c']);
});

test('blank lines are kept as blank lines (they separate tables and paragraphs)', async () => {
  assert.deepEqual(rows(read(await csv('a,b\n\nc,d\n')).lines), [[1, 'a', 'b'], [2, ''], [3, 'c', 'd']]);
});

test('an unclosed quote: a warning naming its line, and the rest read with quotes as plain characters', () => {
  const r = csvLines('a,b\n"c,d\ne,f\n', DEFAULT_LIMITS);
  assert.deepEqual(rows(r.lines), [[1, 'a', 'b'], [2, '"c', 'd'], [3, 'e', 'f']]);
  assert.deepEqual(r.warnings.map((w) => [w.code, w.line]), [['csv-quote-not-closed', 2]]);
});

test('limits: a record of too many cells or characters is cut with a warning; the records after it are read', () => {
  const limits = { ...DEFAULT_LIMITS, maxCellsPerLine: 5, maxLineChars: 100, maxCellChars: 10 };
  const r = csvLines(`a,b\n${'1,'.repeat(100_000)}2\n"${'长'.repeat(50)}",x\n${'x'.repeat(500)}\nc,d\n`, limits);
  assert.deepEqual(rows(r.lines), [
    [1, 'a', 'b'],
    [2, '1', '1', '1', '1', '1'],
    [3, '长'.repeat(10), 'x'],
    [4, 'x'.repeat(10)],
    [5, 'c', 'd'],
  ]);
  assert.deepEqual(
    r.warnings.map((w) => [w.code, w.params['lines']]),
    [
      ['line-too-long', '2, 4'],
      ['line-too-many-cells', '2'],
      ['cell-too-long', '3, 4'],
    ],
  );
});

test('most lines: the records past maxLines are dropped with a warning', () => {
  const r = csvLines('a\n'.repeat(50), { ...DEFAULT_LIMITS, maxLines: 10 });
  assert.equal(r.lines.length, 10);
  assert.deepEqual(r.warnings.map((w) => w.code), ['too-many-lines']);
});
