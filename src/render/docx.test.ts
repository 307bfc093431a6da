import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { readDocument } from '../ingest/readers/read.ts';
import type { SourceLine } from '../ingest/source.ts';
import { type Doc, type Table, inlineText, text } from './doc.ts';
import { buildDocx, columnTwips, renderDocx } from './docx.ts';
import { SAMPLE_DOC } from './testdata/sample-doc.ts';

let bytes: Uint8Array;
let lines: readonly SourceLine[];
let parts: Record<string, Uint8Array>;

before(async () => {
  bytes = await renderDocx(SAMPLE_DOC);
  const read = await readDocument(bytes, 'x.docx');
  assert.ok(read.ok, `the DOCX reader refused the output: ${JSON.stringify(read)}`);
  lines = read.document.lines;
  parts = unzipSync(bytes);
});

const part = (name: string): string => {
  const data = parts[name];
  assert.ok(data, `${name} missing from the package`);
  return strFromU8(data);
};

/** The table line whose first non-empty cell is `first`. */
function row(first: string): readonly string[] {
  const line = lines.find((l) => l.table !== undefined && l.cells.find((c) => c !== '') === first);
  assert.ok(line, `no table row starting with ${first}`);
  return line.cells;
}

/** Table lines in order, with the table index they belong to. */
const tableLines = (): readonly SourceLine[] => lines.filter((l) => l.table !== undefined);

describe('renderDocx: read back with the project DOCX reader', () => {
  it('has the title, headings and paragraphs in order', () => {
    const expected: string[] = [];
    for (const b of SAMPLE_DOC.blocks) {
      if (b.kind === 'title') expected.push(b.lines.join('\n'));
      else if (b.kind === 'heading') expected.push(b.text);
      else if (b.kind === 'paragraph') expected.push(inlineText(b.runs));
    }
    const paragraphs = lines.filter((l) => l.table === undefined).map((l) => l.cells[0] ?? '');
    let at = 0;
    for (const text of expected) {
      const found = paragraphs.indexOf(text, at);
      assert.ok(found >= 0, `missing or out of order: ${text.slice(0, 40)}`);
      at = found + 1;
    }
    // The title's lines are one under the other.
    assert.ok(paragraphs.includes('2023 年度某区应急管理局\n部门整体支出绩效自评报告'));
    // Caption and unit note print above their tables.
    assert.ok(paragraphs.includes('部门整体支出绩效自评表'));
    assert.ok(paragraphs.includes('表 3：项目支出情况'));
    assert.ok(paragraphs.includes('单位：元'));
  });

  it('keeps figures in their grid columns through row and column spans', () => {
    const funds = row('部门资金情况');
    assert.deepEqual(funds, ['部门资金情况', '年初预算', '3,916.29', '调整后预算', '4,171.75']);
    const idx = lines.findIndex((l) => l.cells === funds);
    const next = lines[idx + 1]?.cells;
    assert.ok(next);
    assert.equal(next[0], '', 'the row under 部门资金情况 continues the vertical merge');
    assert.deepEqual(next.slice(1), ['实际支出', '4,051.74', '其中：一般公共预算', '4,045.94']);
    assert.deepEqual(lines[idx + 2]?.cells, ['', '预算完成率', '97.12%', '预算调整率', '6.52%']);
    assert.deepEqual(row('部门名称'), ['部门名称', '某区应急管理局', '', '被评价年度', '2023 年']);
    const narrative = row('部门整体绩效');
    assert.equal(narrative.length, 5);
    assert.ok(narrative[1]?.startsWith('（1）加强应急救援队伍建设'));
    assert.deepEqual(narrative.slice(2), ['', '', '']);
  });

  it('writes the project table: header spans, totals, the 0/0 rate', () => {
    assert.deepEqual(row('项目名称'), ['项目名称', '预算', '', '', '', '实际支出', '支出率']);
    assert.deepEqual(row('年初预算'), ['', '年初预算', '预算调增数', '预算调减数', '调整后预算数', '', '']);
    assert.deepEqual(row('合计'), ['合计', '820,000.00', '422,921.00', '370,441.00', '872,480.00', '705,466.40', '80.86%']);
    assert.deepEqual(row('应急指挥救援业务经费'), ['应急指挥救援业务经费', '320,000.00', '422,921.00', '369,121.00', '373,800.00', '206,786.40', '55.32%']);
    assert.equal(row('未启用项目')[6], '—');
  });

  it('leaves out the table only a workbook shows', () => {
    const all = lines.flatMap((l) => l.cells).join('\n');
    assert.ok(!all.includes('基本信息'));
    assert.ok(!all.includes('年初预算（万元）'));
    assert.equal(new Set(tableLines().map((l) => l.table)).size, 2, 'two tables: the form and the projects');
  });
});

describe('renderDocx: package XML', () => {
  it('repeats the projects header rows and merges cells', () => {
    const xml = part('word/document.xml');
    const tables = xml.split('<w:tbl>').slice(1);
    assert.equal(tables.length, 2);
    const projectRows = tables[1]!.split('<w:tr>').slice(1);
    assert.equal(projectRows.length, 6);
    assert.ok(projectRows[0]!.includes('<w:tblHeader/>') && projectRows[1]!.includes('<w:tblHeader/>'), 'both header rows repeat');
    assert.ok(projectRows.slice(2).every((r) => !r.includes('w:tblHeader')), 'body rows do not repeat');
    assert.ok(projectRows.every((r) => !r.includes('w:cantSplit')), 'rows may split across pages');
    assert.ok(!tables[0]!.includes('w:tblHeader'), 'the form table has no header rows');
    assert.match(projectRows[0]!, /<w:gridSpan w:val="4"\/>/);
    assert.match(xml, /<w:vMerge w:val="restart"\/>/);
    assert.match(xml, /<w:vMerge w:val="continue"\/>/);
    assert.match(xml, /<w:tblLayout w:type="fixed"\/>/);
    assert.match(xml, /<w:tblW w:type="dxa" w:w="8845"\/>/);
  });

  it('sets A4, GB/T 9704 margins and the Chinese faces', () => {
    const xml = part('word/document.xml');
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // The faces live in the paragraph styles; runs carry only what differs (bold).
    const styles = part('word/styles.xml');
    for (const face of ['仿宋', '黑体', '楷体', '宋体']) assert.ok(styles.includes(`w:eastAsia="${face}"`), `eastAsia ${face}`);
    assert.match(styles, /w:ascii="Times New Roman"/);
    const style = (id: string): string => styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`))?.[0] ?? '';
    // Body text: 仿宋 三号, fixed 28 pt, first line indented two characters.
    assert.match(style('JxBody'), /<w:spacing w:after="0" w:before="0" w:line="560" w:lineRule="exact"\/><w:ind w:firstLine="640"\/>/);
    assert.match(style('JxBody'), /w:eastAsia="仿宋".*<w:sz w:val="32"\/>/);
    assert.match(xml, /<w:pStyle w:val="JxBody"\/>/);
    // Table text: 宋体 五号 and 小五; tables take their rules and cell margins from the table, not from each cell.
    assert.match(style('JxTable'), /w:eastAsia="宋体".*<w:sz w:val="21"\/>/);
    assert.match(style('JxTableSmall'), /w:eastAsia="宋体".*<w:sz w:val="18"\/>/);
    assert.match(xml, /<w:pStyle w:val="JxTableSmall"\/>/);
    assert.match(xml, /<w:tblBorders>.*?<w:insideV [^>]*w:val="single"/);
    assert.match(xml, /<w:tblCellMar>/);
    assert.ok(!xml.includes('<w:tcBorders>') && !xml.includes('<w:tcMar>'), 'no per-cell borders or margins');
    assert.ok(!/<w:rFonts /.test(xml.slice(xml.indexOf('<w:tbl>'))), 'no per-run fonts in the tables');
    assert.match(styles, /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋"/);
    for (let level = 1; level <= 4; level++) assert.match(styles, new RegExp(`w:styleId="Heading${level}">.*?<w:outlineLvl w:val="${level - 1}"/>`));
    assert.match(xml, /<w:pStyle w:val="Heading1"\/>/);
  });

  it('numbers pages in the footer and fills the core properties', () => {
    const footerName = Object.keys(parts).find((n) => /^word\/footer\d*\.xml$/.test(n));
    assert.ok(footerName);
    const footer = part(footerName);
    assert.match(footer, /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    assert.ok(footer.includes('— '));
    const core = part('docProps/core.xml');
    assert.ok(core.includes('<dc:title>2023 年度某区应急管理局部门整体支出绩效自评报告</dc:title>'));
    assert.ok(core.includes('<dc:subject>部门整体支出绩效自评</dc:subject>'));
    assert.ok(core.includes('<dc:creator>jixiao</dc:creator>'));
    assert.ok(core.includes('<cp:lastModifiedBy>jixiao</cp:lastModifiedBy>'));
  });

  it('lays out a landscape form with 20 mm margins and 五号 body text', async () => {
    const form: Doc = {
      meta: { title: '表', layout: 'form', orientation: 'landscape' },
      blocks: [{ kind: 'paragraph', runs: ['说明'] }],
    };
    const files = unzipSync(await renderDocx(form));
    const xml = strFromU8(files['word/document.xml']!);
    assert.match(xml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    assert.match(xml, /<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/);
    const body = strFromU8(files['word/styles.xml']!).match(/<w:style [^>]*w:styleId="JxBody">.*?<\/w:style>/)?.[0] ?? '';
    assert.match(body, /<w:sz w:val="21"\/>/);
    assert.match(body, /<w:ind w:firstLine="420"\/>/);
  });

  it('prints a landscape table on landscape pages of its own, numbering on', async () => {
    const wide: Doc = {
      ...SAMPLE_DOC,
      blocks: SAMPLE_DOC.blocks.map((b) => (b.kind === 'table' && b.table.id === 'projects' ? { ...b, table: { ...b.table, landscape: true } } : b)),
    };
    const files = unzipSync(await renderDocx(wide));
    const xml = strFromU8(files['word/document.xml']!);
    const sections = xml.split('<w:sectPr').slice(1);
    assert.ok(sections.length >= 2, `${sections.length} sections`);
    const landscape = sections.filter((s) => /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/.test(s));
    assert.equal(landscape.length, 1);
    assert.match(landscape[0]!, /<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/);
    assert.ok(sections.filter((s) => s.includes('w:orient="portrait"')).length >= 1, 'portrait before and after');
    assert.ok(sections.every((s) => s.includes('<w:footerReference') && !s.includes('w:pgNumType w:start')), 'every section numbers on');
    // The landscape section holds the caption and the table, laid out to the landscape text width (297 − 40 mm).
    const before = xml.slice(0, xml.indexOf('w:orient="landscape"'));
    const landscapePart = before.slice(before.lastIndexOf('</w:sectPr>'));
    assert.ok(landscapePart.includes('表 3：项目支出情况'), 'the caption goes with the table');
    assert.match(landscapePart, /<w:tblW w:type="dxa" w:w="14570"\/>/);
  });

  it('splits column widths in proportion, widening columns whose figures would not fit', () => {
    const plain: Table = { id: 't', sheet: 't', columns: [{ key: 'a', width: 1 }, { key: 'b', width: 3 }], header: [], body: [{ cells: [text('x'), text('y')] }] };
    const even = columnTwips(plain, 8845);
    assert.equal(even.reduce((a, b) => a + b, 0), 8845);
    assert.ok(Math.abs(even[0]! - 170 - (8845 - 340) / 4) <= 1);

    const t = SAMPLE_DOC.blocks.find((b) => b.kind === 'table' && b.table.id === 'projects');
    assert.ok(t && t.kind === 'table');
    const widths = columnTwips(t.table, 8845);
    assert.equal(widths.length, 7);
    assert.equal(widths.reduce((a, b) => a + b, 0), 8845);
    // 小五 is 180 twips an em; "705,466.40" (bold) needs about 6.3 em in the widest serif a viewer may substitute.
    for (const w of widths.slice(1, 6)) assert.ok(w - 114 >= 6.3 * 180, `money column ${w} too narrow`);
    assert.ok(widths[0]! - 114 >= 5 * 180, 'the name column keeps room for five characters');
    assert.ok(buildDocx(SAMPLE_DOC));
  });
});

describe('renderDocx: LibreOffice prints it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-docx-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('converts to PDF with the title and the total', () => {
    for (const tool of ['/usr/bin/soffice', '/usr/bin/pdftotext']) {
      assert.ok(existsSync(tool), `${tool} is missing: apt-get install libreoffice-writer-nogui poppler-utils`);
    }
    const file = join(dir, 'sample.docx');
    writeFileSync(file, bytes);
    // Why a profile of its own: a soffice already running (or a stale lock) would otherwise take the job and exit 0.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    execFileSync('/usr/bin/soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000, stdio: 'pipe' });
    const pdf = join(dir, 'sample.pdf');
    assert.ok(existsSync(pdf), 'soffice wrote no PDF');
    execFileSync('/usr/bin/pdftotext', ['-layout', pdf, join(dir, 'sample.txt')], { timeout: 30_000, stdio: 'pipe' });
    const text = readFileSync(join(dir, 'sample.txt'), 'utf8');
    assert.ok(text.includes('部门整体支出绩效自评报告'), 'title in the PDF');
    assert.ok(text.includes('705,466.40'), 'total in the PDF');
    assert.ok(!text.includes('基本信息'));
  });
});

describe('renderDocx: speed', () => {
  it('renders the sample 20 times', async (t) => {
    const start = performance.now();
    for (let i = 0; i < 20; i++) await renderDocx(SAMPLE_DOC);
    t.diagnostic(`20 renders of SAMPLE_DOC: ${Math.round(performance.now() - start)} ms`);
  });
});
