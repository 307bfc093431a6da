/** The format dispatcher: the per-line limits hold for every format, not only for the text readers that cut as they read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readDocument } from './read.ts';
import { DEFAULT_LIMITS } from '../source.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
function docxWithRow(cells: number, cellText: (i: number) => string): Uint8Array {
  const row = `<w:tr>${Array.from({ length: cells }, (_, i) => `<w:tc><w:p><w:r><w:t>${cellText(i)}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>部门整体支出绩效自评表</w:t></w:r></w:p><w:tbl>${row}</w:tbl></w:body></w:document>`;
  const types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
  return zipSync({ '[Content_Types].xml': strToU8(types), '_rels/.rels': strToU8(rels), 'word/document.xml': strToU8(xml) });
}

test('a DOCX table row wider than the limit is cut to it, with a warning that names the limit', async () => {
  const r = await readDocument(docxWithRow(DEFAULT_LIMITS.maxCellsPerLine + 500, (i) => String(i)), 'wide.docx');
  assert.ok(r.ok);
  const row = r.document.lines.find((l) => l.cells.length > 1)!;
  assert.equal(row.cells.length, DEFAULT_LIMITS.maxCellsPerLine);
  const w = r.warnings.find((x) => x.code === 'line-too-many-cells');
  assert.equal(w?.params['limit'], DEFAULT_LIMITS.maxCellsPerLine);
});

test('a DOCX cell longer than the limit is cut; an ordinary document is left as it is', async () => {
  const r = await readDocument(docxWithRow(2, (i) => (i ? 'x'.repeat(DEFAULT_LIMITS.maxCellChars + 10) : '合计')), 'long.docx');
  assert.ok(r.ok);
  const row = r.document.lines.find((l) => l.cells.length === 2)!;
  assert.equal(row.cells[1]!.length, DEFAULT_LIMITS.maxCellChars);
  assert.ok(r.warnings.some((x) => x.code === 'cell-too-long'));
  const plain = await readDocument(docxWithRow(3, (i) => `${i + 1}.00`), 'plain.docx');
  assert.ok(plain.ok);
  assert.deepEqual(plain.warnings, []);
});

/** A DOCX whose body is these paragraphs (then one real table row). */
function docxOfParagraphs(paragraphs: readonly string[]): Uint8Array {
  const bytes = docxWithRow(2, (i) => (i ? '1.00' : '合计'));
  const files = { ...unzipSync(bytes) };
  const xml = strFromU8(files['word/document.xml']!);
  files['word/document.xml'] = strToU8(xml.replace('<w:body>', `<w:body>${paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('')}`));
  return zipSync(files);
}

test('a `|` table typed in a DOCX’s paragraphs reads as the same text does, rows and locations; declared tables are left as they are', async () => {
  const paragraphs = ['项目支出绩效自评表', '主管部门 | 某县某局 | 实施单位 | 某县某中心 |', '年度资金总额 | 12.5 | 11.8 | 10 | 94.40% | 9 |', '说明：单价 |实际值-目标值|/目标值 不是表格'];
  const fromDocx = await readDocument(docxOfParagraphs(paragraphs), 'pipes.docx');
  const fromText = await readDocument(strToU8(paragraphs.join('\n')), 'pipes.txt');
  assert.ok(fromDocx.ok && fromText.ok);
  // The paragraphs given, before the one the helper's document already holds.
  const body = fromDocx.document.lines.filter((l) => l.table === undefined).slice(0, paragraphs.length);
  assert.deepEqual(body.map((l) => l.cells), fromText.document.lines.map((l) => l.cells));
  assert.deepEqual(body[1]!.cells, ['主管部门', '某县某局', '实施单位', '某县某中心']);
  assert.deepEqual(body.map((l) => l.loc.line), [1, 2, 3, 4], 'each row keeps the paragraph it came from');
  assert.deepEqual(fromDocx.document.lines.find((l) => l.table !== undefined)?.cells, ['合计', '1.00']);
});
