/** The format dispatcher: the per-line limits hold for every format, not only for the text readers that cut as they read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
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
