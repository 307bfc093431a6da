import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_LIMITS, type ReadResult, type SourceLine } from '../source.ts';
import { readDocument } from './read.ts';
import { readText } from './text.ts';

const page = (body: string) => Buffer.from(`<!DOCTYPE html>\n<html><head><title>标题</title><style>td { color: red }</style></head>\n<body>\n${body}\n</body></html>\n`);

function read(r: ReadResult): { format: string; lines: readonly SourceLine[]; warnings: string[] } {
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  return { format: r.document.format, lines: r.document.lines, warnings: r.warnings.map((w) => w.code) };
}

const cells = (lines: readonly SourceLine[]) => lines.map((l) => l.cells);

test('entities are decoded: &nbsp; as a space, numeric and named character references', () => {
  const { format, lines } = read(readText(page('<p>预算&nbsp;&nbsp;1,234.56&#19975;&#x5143; &lt;合计&gt; &amp; R&amp;D&quot;</p>')));
  assert.equal(format, 'html');
  assert.deepEqual(cells(lines), [['预算 1,234.56万元 <合计> & R&D"']]);
});

test('block elements are lines, inline elements are not; script, style and head are skipped', () => {
  const html = page('<h1>一、部门概况</h1><div>部门<span>名称</span>：<b>示例局</b><br>年度：2022</div><script>var x = "<p>不是正文</p>";</script><ul><li>甲</li><li>乙</li></ul><!-- 注释 -->');
  assert.deepEqual(cells(read(readText(html)).lines), [['一、部门概况'], ['部门名称：示例局'], ['年度：2022'], ['甲'], ['乙']]);
});

test('line numbers are the source lines of the text (parse5 source locations)', () => {
  const html = Buffer.from('<html>\n<body>\n<p>\n  第一段</p>\n\n<table>\n<tr>\n<td>甲</td><td>1</td></tr>\n<tr><td>乙</td><td>2</td></tr>\n</table>\n<p>末段</p>\n</body></html>');
  const { lines } = read(readText(html));
  assert.deepEqual(
    lines.map((l) => [l.cells.join('|'), l.loc.line, l.table]),
    [
      ['第一段', 4, undefined],
      ['甲|1', 7, 0],
      ['乙|2', 9, 0],
      ['末段', 11, undefined],
    ],
  );
});

test('colspan and rowspan keep columns aligned, as the DOCX reader lays out merged cells', () => {
  const html = page(`<table>
<tr><th rowspan="2">项目</th><th colspan="2">预算</th><th rowspan=2>执行率</th></tr>
<tr><th>年初</th><th>调整后</th></tr>
<tr><td rowspan="3">部门资金</td><td>4124.28</td><td>3475.09</td><td>92.94%</td></tr>
<tr><td>1.00</td><td>2.00</td><td>50%</td></tr>
<tr><td colspan="3">合计 另计</td></tr>
<tr><td>其他</td><td>3</td></tr>
</table>`);
  assert.deepEqual(cells(read(readText(html)).lines), [
    ['项目', '预算', '', '执行率'],
    ['', '年初', '调整后', ''],
    ['部门资金', '4124.28', '3475.09', '92.94%'],
    ['', '1.00', '2.00', '50%'],
    ['', '合计 另计', '', ''],
    ['其他', '3'],
  ]);
});

test('a rowspan ends with its row group; rowspan="0" spans the rest of the group', () => {
  const html = page('<table><tbody><tr><td rowspan="5">甲</td><td>1</td></tr></tbody><tbody><tr><td>乙</td><td>2</td></tr><tr><td rowspan="0">丙</td><td>3</td></tr><tr><td>4</td></tr><tr><td>5</td></tr></tbody></table>');
  assert.deepEqual(cells(read(readText(html)).lines), [['甲', '1'], ['乙', '2'], ['丙', '3'], ['', '4'], ['', '5']]);
});

test('a table inside a cell is that cell text, row by row; the outer table keeps its index', () => {
  const html = page(`<table><tr><td>指标</td><td><table><tr><td>数量</td><td>6 项</td></tr><tr><td>质量</td><td>合格</td></tr></table></td></tr>
<tr><td>说明</td><td><p>第一段</p><p>第二段</p></td></tr></table>
<table><tr><td>第二个表</td></tr></table>`);
  const { lines } = read(readText(html));
  assert.deepEqual(
    lines.map((l) => [l.cells, l.table]),
    [
      [['指标', '数量 6 项\n质量 合格'], 0],
      [['说明', '第一段\n第二段'], 0],
      [['第二个表'], 1],
    ],
  );
});

test('markup a browser repairs is repaired: implied tbody, tr and end tags, Word\'s o:p, unclosed cells', () => {
  const html = page('<table><td>甲<td>1<tr><td>乙<td>2</table><p class=MsoNormal><span lang=EN-US>3,286.80<o:p></o:p></span><p>下一段');
  assert.deepEqual(cells(read(readText(html)).lines), [['甲', '1'], ['乙', '2'], ['3,286.80'], ['下一段']]);
});

test('text with a few <p> fragments stays text; a page is HTML whatever its name', async () => {
  const seeds = join(import.meta.dirname, '../../../examples/seeds');
  for (const f of readdirSync(seeds)) {
    const r = read(readText(readFileSync(join(seeds, f))));
    assert.equal(r.format, 'text', f);
  }
  assert.equal(read(await readDocument(page('<p>a</p>'), 'saved.txt')).format, 'html');
});

test('a row of millions of cells: the first maxCellsPerLine kept, a warning with the line, the rest still read', () => {
  const row = `<tr>${'<td>1</td>'.repeat(200_000)}</tr>`;
  const html = Buffer.from(`<html><body>\n<table>\n${row}\n<tr><td>合计</td><td>9</td></tr></table>\n<p>后文</p></body></html>`);
  const r = readText(html, { ...DEFAULT_LIMITS, maxCellsPerLine: 100 });
  const { lines } = read(r);
  assert.equal(lines[0]!.cells.length, 100);
  assert.deepEqual(cells(lines.slice(1)), [['合计', '9'], ['后文']]);
  assert.ok(r.ok);
  const w = r.warnings.find((x) => x.code === 'line-too-many-cells');
  assert.equal(w?.line, 3);
  assert.equal(w?.params['limit'], 100);
});

test('limits: a long paragraph is cut with a warning; deep nesting and many lines do not crash', () => {
  const long = read(readText(page(`<p>${'长'.repeat(5000)}</p><p>后</p>`), { ...DEFAULT_LIMITS, maxLineChars: 1000, maxCellChars: 1000 }));
  assert.equal(long.lines[0]!.cells[0]!.length, 1000);
  assert.equal(long.lines[1]!.cells[0], '后');
  assert.ok(long.warnings.includes('line-too-long') || long.warnings.includes('cell-too-long'));
  const deep = read(readText(page(`${'<div>'.repeat(20_000)}深${'</div>'.repeat(20_000)}<p>浅</p>`)));
  assert.deepEqual(cells(deep.lines), [['深'], ['浅']]);
  const many = read(readText(page('<p>行</p>'.repeat(300)), { ...DEFAULT_LIMITS, maxLines: 100 }));
  assert.equal(many.lines.length, 100);
  assert.ok(many.warnings.includes('too-many-lines'));
});
