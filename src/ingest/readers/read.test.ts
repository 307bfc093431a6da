/** The format dispatcher: the per-line limits hold for every format, not only for the text readers that cut as they read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { paragraphsAsText, readDocument } from './read.ts';
import { DEFAULT_LIMITS, type SourceDocument, type SourceLine } from '../source.ts';

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

// ── paragraphs read as text: one cell per paragraph, space-laid-out columns ─────────────────────────────────────────

const paragraph = (text: string, line: number, pageStart = false): SourceLine => ({ cells: [text], loc: { line }, ...(pageStart ? { pageStart } : {}) });

test('a DOCX’s paragraphs one cell each: a flattened indicator table made rows, each at its first paragraph; label pairs stay at their own paragraphs; declared tables untouched', () => {
  const tableLines: SourceLine[] = ['一级指标', '二级指标', '三级指标'].map((c, k) => ({ cells: [c], loc: { line: 4 + k, table: '表1', row: 1 + k }, table: 0 }));
  const indicator = ['一级指标', '二级指标', '三级指标', '指标值', '实际值', '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '效益指标', '社会效益指标', '群众满意度', '≥90%', '93%'];
  const document: SourceDocument = {
    format: 'docx',
    lines: [
      paragraph('青岚县某局2023年度部门整体支出绩效自评报告', 1),
      paragraph('主管部门', 2),
      paragraph('青岚县某局', 3),
      ...tableLines,
      ...indicator.map((c, k) => paragraph(c, 7 + k, k === 10)),
      paragraph('', 22),
      paragraph('本年度各项指标均已完成。', 23),
    ],
  };
  assert.deepEqual(paragraphsAsText(document), {
    format: 'docx',
    lines: [
      paragraph('青岚县某局2023年度部门整体支出绩效自评报告', 1),
      // A label and its value stay two paragraphs, each at its own place (the extractors pair them, keeping where each is).
      paragraph('主管部门', 2),
      paragraph('青岚县某局', 3),
      // One cell per row here too, but the format declared the table: left as it is.
      ...tableLines,
      { cells: ['一级指标', '二级指标', '三级指标', '指标值', '实际值'], loc: { line: 7 } },
      { cells: ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次'], loc: { line: 12 } },
      // The row's first paragraph starts a page: the row does.
      { cells: ['效益指标', '社会效益指标', '群众满意度', '≥90%', '93%'], loc: { line: 17 }, pageStart: true },
      paragraph('', 22),
      paragraph('本年度各项指标均已完成。', 23),
    ],
  });
});

test('a PDF’s one-cell lines laid out with runs of spaces are split into columns, each keeping its page and line; `|` paragraphs and vertical rows in one run', () => {
  const layout = [
    '一级指标  二级指标  三级指标    指标值    实际值   分值   得分',
    '产出指标  数量指标  培训人次    ≥300人次  320人次  20     20',
    '效益指标  社会效益  群众满意度  ≥90%      93%      10     9',
  ];
  const pdf: SourceDocument = { format: 'pdf', pages: 2, lines: layout.map((c, k) => ({ cells: [c], loc: { page: 2, line: 3 + k } })) };
  assert.deepEqual(paragraphsAsText(pdf), {
    format: 'pdf',
    pages: 2,
    lines: [
      { cells: ['一级指标', '二级指标', '三级指标', '指标值', '实际值', '分值', '得分'], loc: { page: 2, line: 3 } },
      { cells: ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '20', '20'], loc: { page: 2, line: 4 } },
      { cells: ['效益指标', '社会效益', '群众满意度', '≥90%', '93%', '10', '9'], loc: { page: 2, line: 5 } },
    ],
  });
  // A run with a `|` line: read as pipes, the one-cell lines around it kept at their own paragraphs.
  const mixed: SourceDocument = {
    format: 'docx',
    lines: [paragraph('实施单位', 1), paragraph('某县某中心', 2), paragraph('年度资金总额 | 12.5 | 11.8 | 10 |', 3), paragraph('单位负责人：（签字）', 4)],
  };
  assert.deepEqual(paragraphsAsText(mixed).lines, [
    paragraph('实施单位', 1),
    paragraph('某县某中心', 2),
    { cells: ['年度资金总额', '12.5', '11.8', '10'], loc: { line: 3 } },
    paragraph('单位负责人：（签字）', 4),
  ]);
});

test('a document without paragraphs of one cell is given back as it was', () => {
  const document: SourceDocument = { format: 'docx', lines: [{ cells: ['主管部门', '某县某局'], loc: { line: 1, table: '表1', row: 1 }, table: 0 }, { cells: ['项目名称', '某项目', '金额'], loc: { line: 2 } }] };
  assert.equal(paragraphsAsText(document), document);
});

test('a real DOCX whose paragraphs are an indicator table one cell each reads as rows, after its header, the group’s later rows under their columns', async () => {
  const cells = [
    '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分',
    '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '20', '20',
    '质量指标', '合格率', '≥95%', '96%', '20', '19',
    '效益指标', '社会效益指标', '群众满意度', '≥90%', '93%', '10', '10',
  ];
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('青岚县某局项目绩效自评表'),
          ...cells.map((c) => new Paragraph(c)),
          new Table({ rows: [new TableRow({ children: ['合计', '49'].map((c) => new TableCell({ children: [new Paragraph(c)] })) })] }),
        ],
      },
    ],
  });
  const r = await readDocument(await Packer.toBuffer(doc), '青岚县某局.docx');
  assert.ok(r.ok);
  assert.deepEqual(r.document.format, 'docx');
  assert.deepEqual(r.document.lines, [
    { cells: ['青岚县某局项目绩效自评表'], loc: { line: 1 } },
    { cells: ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'], loc: { line: 2 } },
    { cells: ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '20', '20'], loc: { line: 9 } },
    { cells: ['', '质量指标', '合格率', '≥95%', '96%', '20', '19'], loc: { line: 16 } },
    { cells: ['效益指标', '社会效益指标', '群众满意度', '≥90%', '93%', '10', '10'], loc: { line: 22 } },
    { cells: ['合计', '49'], loc: { line: 29, table: '表1', row: 1 }, table: 0 },
  ]);
});

test('the last indicator row of a DOCX’s paragraphs is a row though a heading paragraph follows it', () => {
  const indicator = ['一级指标', '二级指标', '三级指标', '指标值', '实际值', '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '效益指标', '社会效益指标', '群众满意度', '≥90%', '93%'];
  const document: SourceDocument = { format: 'docx', lines: [...indicator.map((c, k) => paragraph(c, 1 + k)), paragraph('三、存在的问题及改进措施', 16)] };
  assert.deepEqual(paragraphsAsText(document).lines, [
    { cells: ['一级指标', '二级指标', '三级指标', '指标值', '实际值'], loc: { line: 1 } },
    { cells: ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次'], loc: { line: 6 } },
    { cells: ['效益指标', '社会效益指标', '群众满意度', '≥90%', '93%'], loc: { line: 11 } },
    paragraph('三、存在的问题及改进措施', 16),
  ]);
});
