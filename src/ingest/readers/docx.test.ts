import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_LIMITS, type ReadResult, type SourceLine } from '../source.ts';
import { readDocumentXml, readDocx } from './docx.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NAMESPACES = [
  `xmlns:w="${W}"`,
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
].join(' ');

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

const rels = (target: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;

const documentXml = (body: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NAMESPACES}><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;

function docx(body: string, part = 'word/document.xml'): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(rels(part)), [part]: strToU8(documentXml(body)) });
}

const p = (text: string): string => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (content: string, pr = ''): string => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>${pr}</w:tcPr>${content}</w:tc>`;
const tr = (cells: string, pr = ''): string => `<w:tr>${pr ? `<w:trPr>${pr}</w:trPr>` : ''}${cells}</w:tr>`;
const tbl = (rows: string, cols = 4): string => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(cols)}</w:tblGrid>${rows}</w:tbl>`;

function lines(r: ReadResult): readonly SourceLine[] {
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.equal(r.document.format, 'docx');
  return r.document.lines;
}

function code(r: ReadResult): string | undefined {
  return r.ok ? undefined : r.problems[0]?.code;
}

const BODY = [
  // Tabs in paragraph properties are tab stops, not text; a run's tab parts cells (as in a text file), a break is a new line.
  `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>部门</w:t></w:r><w:r><w:t xml:space="preserve">整体 </w:t></w:r><w:r><w:tab/><w:t>支出</w:t><w:br/><w:t>绩效</w:t></w:r></w:p>`,
  '<w:p/>',
  // Tracked changes: insertions read, deletions not.
  '<w:p><w:r><w:t>预算</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>执行</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del><w:r><w:t>率</w:t></w:r></w:p>',
  '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:smartTag w:uri="u" w:element="e"><w:r><w:t>标记</w:t></w:r></w:smartTag><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>',
  // A field's displayed result, not its instruction; a nested field's result inside the outer instruction is hidden.
  '<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>',
  '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD x </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = "1" "是" "否"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>是</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
  // A text box: the modern drawing and its VML fallback hold the same text; it is read once, after the paragraph.
  '<w:p><w:r><w:t>见框</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
  '<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单位：万元</w:t></w:r></w:p></w:sdtContent></w:sdt>',
  '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>',
  tbl(
    [
      tr(tc(p('项目')) + tc(p('预算数')) + tc(p('执行数')) + tc(p('执行率'))),
      tr(tc(p('资金总额'), '<w:gridSpan w:val="2"/>') + tc(p('3475.09')) + tc(p('92.94%'))),
      tr(tc(p('其中'), '<w:vMerge w:val="restart"/>') + tc(p('财政拨款')) + tc(p('3000.50')) + `<w:sdt><w:sdtPr/><w:sdtContent>${tc(p('96.66%'))}</w:sdtContent></w:sdt>`),
      tr(tc('<w:p/>', '<w:vMerge/>') + tc(p('其他资金')) + tc(tbl(tr(tc(p('a')) + tc(p('1'))) + tr(tc(p('b')) + tc(p('2'))), 2) + '<w:p/>') + tc(p('第一段') + p('第二段') + '<w:p/>')),
      tr(tc(p('已删除')) + tc(p('x')) + tc(p('y')) + tc(p('z')), '<w:del w:id="3" w:author="a"/>'),
      tr(tc(p('x')) + tc(p('y')) + tc(p('z')), '<w:gridBefore w:val="1"/>'),
    ].join(''),
  ),
  p('结束'),
  tbl(tr(tc(p('表二')) + tc('<w:p/>')), 2),
].join('');

test('paragraphs, runs, tracked changes, fields, text boxes, content controls and tables', () => {
  const got = lines(readDocx(docx(BODY)));
  assert.deepEqual(got, [
    { cells: ['部门整体 ', '支出\n绩效'], loc: { line: 1 } },
    { cells: [''], loc: { line: 2 } },
    { cells: ['预算执行率'], loc: { line: 3 } },
    { cells: ['链接标记3'], loc: { line: 4 } },
    { cells: ['第7页'], loc: { line: 5 } },
    { cells: ['是'], loc: { line: 6 } },
    { cells: ['见框'], loc: { line: 7 } },
    { cells: ['框内文字'], loc: { line: 8 } },
    { cells: ['单位：万元'], loc: { line: 9 } },
    { cells: ['项目', '预算数', '执行数', '执行率'], loc: { line: 10, table: '表1', row: 1 }, table: 0 },
    { cells: ['资金总额', '', '3475.09', '92.94%'], loc: { line: 11, table: '表1', row: 2 }, table: 0 },
    { cells: ['其中', '财政拨款', '3000.50', '96.66%'], loc: { line: 12, table: '表1', row: 3 }, table: 0 },
    { cells: ['', '其他资金', 'a 1\nb 2', '第一段\n第二段'], loc: { line: 13, table: '表1', row: 4 }, table: 0 },
    { cells: ['', 'x', 'y', 'z'], loc: { line: 14, table: '表1', row: 5 }, table: 0 },
    { cells: ['结束'], loc: { line: 15 } },
    { cells: ['表二', ''], loc: { line: 16, table: '表2', row: 1 }, table: 1 },
  ]);
});

test('any namespace prefix, and a main part named by the package relationships', () => {
  const xml = documentXml(p('正文') + tbl(tr(tc(p('甲')) + tc(p('乙'))), 2)).replaceAll('w:', 'ns0:').replace('xmlns:w=', 'xmlns:ns0=');
  const bytes = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(rels('/word/document2.xml')), 'word/document2.xml': strToU8(xml) });
  assert.deepEqual(
    lines(readDocx(bytes)).map((l) => l.cells),
    [['正文'], ['甲', '乙']],
  );
  const strict = documentXml(p('严格')).replace(W, 'http://purl.oclc.org/ooxml/wordprocessingml/main');
  assert.deepEqual(lines(readDocumentXml(strict, 'word/document.xml')).map((l) => l.cells), [['严格']]);
});

test('ruby: the base text is read, the pinyin guide above it is not', () => {
  const ruby = '<w:p><w:r><w:t>绩效</w:t></w:r><w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr><w:rt><w:r><w:t>píng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>评</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>价</w:t></w:r></w:p>';
  assert.deepEqual(lines(readDocumentXml(documentXml(ruby), 'word/document.xml')), [{ cells: ['绩效评价'], loc: { line: 1 } }]);
});

test('a DOCX written by LibreOffice', () => {
  const bytes = readFileSync(new URL('./testdata/libreoffice-sample.docx', import.meta.url));
  assert.deepEqual(lines(readDocx(bytes)), [
    { cells: ['2023年度部门整体支出绩效自评报告'], loc: { line: 1 } },
    { cells: ['一、部门基本情况：示例区应急管理局。'], loc: { line: 2 } },
    { cells: ['项目', '年初预算数', '全年预算数', '全年执行数', '执行率'], loc: { line: 3, table: '表1', row: 1 }, table: 0 },
    { cells: ['年度资金总额', '3475.09', '3600.00', '3346.04', '92.94%'], loc: { line: 4, table: '表1', row: 2 }, table: 0 },
    { cells: ['其中：财政拨款', '3000.5', '', '2900.25', '96.66%'], loc: { line: 5, table: '表1', row: 3 }, table: 0 },
    { cells: ['', '0.1', '0.2', '0.3', '100%'], loc: { line: 6, table: '表1', row: 4 }, table: 0 },
    { cells: ['二、绩效目标完成情况：良好。'], loc: { line: 7 } },
  ]);
});

test('too many lines: the first maxLines are kept, with a warning', () => {
  const r = readDocx(docx(p('一') + tbl(tr(tc(p('a'))).repeat(10), 1) + p('二')), { ...DEFAULT_LIMITS, maxLines: 4 });
  assert.ok(r.ok);
  assert.equal(r.document.lines.length, 4);
  assert.deepEqual(r.warnings, [{ code: 'too-many-lines', path: [], params: { limit: 4 } }]);
});

test('refusals: no body, not Word, not a ZIP, legacy and encrypted Office, damage, zip bomb', () => {
  const noBody = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), 'word/styles.xml': strToU8('<w:styles/>') });
  assert.equal(code(readDocx(noBody)), 'docx-no-body');
  assert.equal(code(readDocx(zipSync({ 'word/document.xml': strToU8(`<w:document xmlns:w="${W}"/>`) }))), 'docx-no-body');
  assert.equal(code(readDocx(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }))), 'not-a-document');
  assert.equal(code(readDocx(zipSync({ 'hello.txt': strToU8('hi') }))), 'not-a-document');
  assert.equal(code(readDocx(strToU8('%PDF-1.7\n'))), 'not-a-document');
  assert.equal(code(readDocx(new Uint8Array(0))), 'not-a-document');
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  assert.equal(code(readDocx(new Uint8Array(Buffer.concat([ole, Buffer.alloc(600)])))), 'legacy-office-format');
  assert.equal(code(readDocx(new Uint8Array(Buffer.concat([ole, Buffer.alloc(600), Buffer.from('EncryptionInfo', 'utf16le')])))), 'office-encrypted');
  const good = docx(BODY);
  assert.equal(code(readDocx(good.subarray(0, good.length - 40))), 'zip-corrupt');
  const broken = readDocx(docx('<w:p><w:r><w:t>未闭合</w:r></w:p>'));
  assert.deepEqual(!broken.ok && { code: broken.problems[0]?.code, part: broken.problems[0]?.params['part'] }, { code: 'xml-corrupt', part: 'word/document.xml' });
  const big = docx(p('很长的段落'.repeat(1000)).repeat(1000));
  assert.equal(code(readDocx(big, { ...DEFAULT_LIMITS, maxUnzippedBytes: 2 * 1024 * 1024 })), 'zip-bomb');
});

test('fuzz: damaged DOCX files and random bytes never throw', () => {
  const good = docx(BODY);
  const check = (bytes: Uint8Array): boolean => typeof readDocx(bytes).ok === 'boolean';
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), check), { numRuns: 2000 });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
      const bytes = new Uint8Array(good);
      for (const [at, value] of edits) bytes[at] = value;
      return check(bytes);
    }),
    { numRuns: 2000 },
  );
  // Damaged XML inside a sound ZIP: cut the document anywhere.
  const xml = documentXml(BODY);
  fc.assert(
    fc.property(fc.nat(xml.length), (cut) => {
      const r = readDocumentXml(xml.slice(0, cut), 'word/document.xml');
      return typeof r.ok === 'boolean';
    }),
    { numRuns: 1000 },
  );
});

// Speed of the DOCX reader is measured in `npm run bench` (import throughput per format), not asserted here.
test('a 1 MB document.xml reads whole: every paragraph and every table row', () => {
  const para = p('本部门2023年度整体支出预算执行率为92.94%，较上年提高3.5个百分点，绩效目标基本完成。');
  const row = tr(tc(p('项目支出')) + tc(p('3475.09'), '<w:gridSpan w:val="2"/>') + tc(p('92.94%')));
  let body = '';
  let blocks = 0;
  while (body.length < 1_000_000) {
    body += para.repeat(20) + tbl(row.repeat(20));
    blocks++;
  }
  const result: ReadResult = readDocx(docx(body));
  assert.ok(result.ok);
  assert.equal(result.document.lines.length, blocks * 40);
  assert.deepEqual(result.document.lines[20]?.cells, ['项目支出', '3475.09', '', '92.94%']);
});
