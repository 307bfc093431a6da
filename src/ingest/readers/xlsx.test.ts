import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_LIMITS, type ReadResult, type SourceLine } from '../source.ts';
import { canonicalNumber, columnIndex, fixedDecimals, formatPercent, padDecimals, percentDecimals, readXlsx } from './xlsx.ts';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;

const PACKAGE_RELS = `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK = `${HEAD}<workbook ${MAIN}><sheets><sheet name="收支表" sheetId="1" r:id="rId1"/><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/><sheet name="空表" sheetId="3" r:id="rId3"/></sheets></workbook>`;

const WORKBOOK_RELS = `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/worksheet" Target="worksheets/sheet3.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId5" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;

const SHARED_STRINGS = `${HEAD}<sst ${MAIN} count="5" uniqueCount="5"><si><t>项目</t></si><si><r><t>年初</t></r><r><rPr><b/></rPr><t>预算数</t></r><rPh sb="0" eb="2"><t>ネンショ</t></rPh><phoneticPr fontId="1"/></si><si><t>执行率</t></si><si><t>其中：财政拨款</t></si><si><t>单位_x005F_x0041_ 行_x000A_二</t></si></sst>`;

// cellXfs: 0 General, 1 custom 0.00%, 2 built-in 10 (0.00%), 3 #,##0.00, 4 built-in 9 (0%), 5 0.0"%" (a literal sign, no ×100).
const STYLES = `${HEAD}<styleSheet ${MAIN}><numFmts count="3"><numFmt numFmtId="164" formatCode="0.00%"/><numFmt numFmtId="165" formatCode="#,##0.00"/><numFmt numFmtId="166" formatCode="0.0&quot;%&quot;"/></numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="10"/><xf numFmtId="165"/><xf numFmtId="9"/><xf numFmtId="166"/></cellXfs></styleSheet>`;

const SHEET1 = `${HEAD}<worksheet ${MAIN}><dimension ref="A1:H8"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>年度资金总额</t></is></c><c r="B2"><v>3475.0900000000001</v></c><c r="C2" s="1"><v>0.9294</v></c><c r="E2" s="4"><v>0.5</v></c></row>
<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" s="3"><v>3000.5</v></c><c r="C3" s="2"><f>D3/B3</f><v>0.96658890184969202</v></c><c r="D3"><f>SUM(B2:B3)</f><v>6475.59</v></c></row>
<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4"><v>1E-3</v></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="e"><v>#DIV/0!</v></c><c r="E4" t="str"><f>"x"</f><v>文本结果</v></c><c r="F4"><f>A1</f></c></row>
<row><c><v>1</v></c><c><v>2</v></c><c t="s"><v>4</v></c></row>
<row r="6"><c r="A6" s="1"/><c r="B6" s="3"/></row>
<row r="8"><c r="G8" s="5"><v>12.5</v></c><c r="H8" s="1"><v>-0.00001</v></c><c r="ZZZZZ8"><v>9</v></c></row>
</sheetData><mergeCells count="3"><mergeCell ref="A3:A4"/><mergeCell ref="B8:C9"/><mergeCell ref="A10:XFD1048576"/></mergeCells></worksheet>`;

const SHEET2 = `${HEAD}<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden data</t></is></c></row></sheetData></worksheet>`;
const SHEET3 = `${HEAD}<worksheet ${MAIN}><sheetData/></worksheet>`;

function xlsx(parts: Record<string, string> = {}): Uint8Array {
  const all: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': PACKAGE_RELS,
    'xl/workbook.xml': WORKBOOK,
    'xl/_rels/workbook.xml.rels': WORKBOOK_RELS,
    'xl/sharedStrings.xml': SHARED_STRINGS,
    'xl/styles.xml': STYLES,
    'xl/worksheets/sheet1.xml': SHEET1,
    'xl/worksheets/sheet2.xml': SHEET2,
    'xl/worksheets/sheet3.xml': SHEET3,
    ...parts,
  };
  return zipSync(Object.fromEntries(Object.entries(all).filter(([, v]) => v !== '').map(([k, v]) => [k, strToU8(v)])));
}

function read(r: ReadResult): readonly SourceLine[] {
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.equal(r.document.format, 'xlsx');
  return r.document.lines;
}

function code(r: ReadResult): string | undefined {
  return r.ok ? undefined : r.problems[0]?.code;
}

test('shared and inline strings, exact numbers, percent formats, merges, gaps, formulas, several sheets', () => {
  const r = readXlsx(xlsx());
  assert.ok(r.ok);
  assert.equal(r.document.pages, 3);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(read(r), [
    { cells: ['项目', '年初预算数', '执行率'], loc: { table: '收支表', row: 1 }, table: 0 },
    { cells: ['年度资金总额', '3475.09', '92.94%', '', '50%'], loc: { table: '收支表', row: 2 }, table: 0 },
    // B3 stores 3000.5 under #,##0.00: Excel shows 3,000.50, the reader the same digits without separators.
    { cells: ['其中：财政拨款', '3000.50', '96.66%', '6475.59'], loc: { table: '收支表', row: 3 }, table: 0 },
    { cells: ['', '0.001', 'TRUE', '#DIV/0!', '文本结果'], loc: { table: '收支表', row: 4 }, table: 0 },
    { cells: ['1', '2', '单位_x0041_ 行\n二'], loc: { table: '收支表', row: 5 }, table: 0 },
    { cells: ['', '', '', '', '', '', '12.5', '0.00%'], loc: { table: '收支表', row: 8 }, table: 0 },
    { cells: ['hidden data'], loc: { table: '隐藏', row: 1 }, table: 1 },
  ]);
});

test('numbers: ≤15 significant digits kept as written, float noise rounded as Excel shows it, exponents expanded', () => {
  assert.equal(canonicalNumber('3475.09'), '3475.09');
  assert.equal(canonicalNumber('3475.0900000000001'), '3475.09');
  assert.equal(canonicalNumber('0.30000000000000004'), '0.3');
  assert.equal(canonicalNumber('3600'), '3600');
  assert.equal(canonicalNumber('3600.10'), '3600.10');
  assert.equal(canonicalNumber('1E-3'), '0.001');
  assert.equal(canonicalNumber('1.5E+20'), '150000000000000000000');
  assert.equal(canonicalNumber('-2.5e-7'), '-0.00000025');
  assert.equal(canonicalNumber('1e999999'), '1e999999');
  assert.equal(canonicalNumber('abc'), 'abc');
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 8 }), (n, k) => {
      const text = fixed(n, k);
      return canonicalNumber(text) === text;
    }),
  );
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const out = canonicalNumber(String(x));
      return /^-?\d+(\.\d+)?$/.test(out) && Number(out) === Number(x.toPrecision(15));
    }),
    { numRuns: 2000 },
  );
});

/** n / 10^k as a decimal string with exactly k decimals. */
function fixed(n: bigint, k: number): string {
  const digits = (n < 0n ? -n : n).toString().padStart(k + 1, '0');
  const body = k === 0 ? digits : `${digits.slice(0, -k)}.${digits.slice(-k)}`;
  return n < 0n ? `-${body}` : body;
}

test('percent: the decimal point moves two places on the digits (no float multiply), rounded half away from zero', () => {
  assert.equal(formatPercent('0.9294', 2), '92.94%');
  assert.equal(formatPercent('0.5', 0), '50%');
  assert.equal(formatPercent('1', 2), '100.00%');
  assert.equal(formatPercent('0.07', 2), '7.00%');
  assert.equal(formatPercent('0.005', 0), '1%');
  assert.equal(formatPercent('-0.12345', 2), '-12.35%');
  assert.equal(formatPercent('0.99999', 0), '100%');
  assert.equal(formatPercent('0.0001', 0), '0%');
  // 0.07 * 100 is 7.000000000000001 in floats; the digits say 7.
  assert.equal(formatPercent(canonicalNumber('0.07000000000000001'), 1), '7.0%');
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }), (m, d) => formatPercent(fixed(m, d + 2), d) === `${fixed(m, d)}%`),
  );
  assert.equal(percentDecimals('0.00%'), 2);
  assert.equal(percentDecimals('0%'), 0);
  assert.equal(percentDecimals('#,##0.0%;[Red]-#,##0.0%'), 1);
  assert.equal(percentDecimals('0.0"%"'), undefined);
  assert.equal(percentDecimals('0.00\\%'), undefined);
  assert.equal(percentDecimals('#,##0.00'), undefined);
});

test('fixed-decimal formats: which codes show a fixed number of decimals, and padding never drops a digit', () => {
  assert.equal(fixedDecimals('0.00'), 2);
  assert.equal(fixedDecimals('#,##0.00'), 2);
  assert.equal(fixedDecimals('0.000'), 3);
  assert.equal(fixedDecimals('0.0'), 1);
  assert.equal(fixedDecimals('#,##0.00_);[Red]\\(#,##0.00\\)'), 2);
  assert.equal(fixedDecimals('[$¥-804]#,##0.00;-#,##0.00'), 2);
  assert.equal(fixedDecimals('#,##0.00"元"'), 2);
  assert.equal(fixedDecimals('¥#,##0.00'), 2);
  for (const code of ['General', '0', '#,##0', '0.0#', '0.00%', '0.00E+00', '# ?/?', 'yyyy-mm-dd', '@', '#,##0.00,', 'hh:mm:ss.00', '']) {
    assert.equal(fixedDecimals(code), undefined, code);
  }
  assert.equal(padDecimals('32', 2), '32.00');
  assert.equal(padDecimals('2630700', 2), '2630700.00');
  assert.equal(padDecimals('3000.5', 2), '3000.50');
  assert.equal(padDecimals('229.6445', 2), '229.6445');
  assert.equal(padDecimals('-0.5', 3), '-0.500');
  assert.equal(padDecimals('0.001', 2), '0.001');
  assert.equal(padDecimals('1e999999', 2), '1e999999');
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (n, k, want) => {
      const text = fixed(n, k);
      const out = padDecimals(text, want);
      return out.startsWith(text) && (out.split('.')[1] ?? '').length === Math.max(k, want) && Number(out) === Number(text);
    }),
  );
});

test('numbers under fixed-decimal formats come out padded as Excel shows them, without separators', () => {
  // cellXfs: 0 General, 1 custom 0.00, 2 custom #,##0.00, 3 built-in 2 (0.00), 4 built-in 4 (#,##0.00), 5 custom 0.000,
  // 6 custom #,##0 (no decimals), 7 custom 0.00% (percent wins), 8 custom 0.0# (optional decimals: as stored).
  const styles = `${HEAD}<styleSheet ${MAIN}><numFmts count="6"><numFmt numFmtId="164" formatCode="0.00"/><numFmt numFmtId="165" formatCode="#,##0.00"/><numFmt numFmtId="166" formatCode="0.000"/><numFmt numFmtId="167" formatCode="#,##0"/><numFmt numFmtId="168" formatCode="0.00%"/><numFmt numFmtId="169" formatCode="0.0#"/></numFmts><cellXfs count="9"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="2"/><xf numFmtId="4"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/><xf numFmtId="169"/></cellXfs></styleSheet>`;
  const cells = [
    ['A1', 1, '32'],
    ['B1', 2, '2630700'],
    ['C1', 1, '229.6445'],
    ['D1', 3, '5'],
    ['E1', 4, '-1234.5'],
    ['F1', 5, '0.1'],
    ['G1', 0, '32'],
    ['H1', 6, '1234'],
    ['I1', 7, '0.5'],
    ['J1', 8, '7'],
    ['K1', 2, '3475.0900000000001'],
    ['L1', 1, '1E-3'],
  ] as const;
  const row = cells.map(([ref, s, v]) => `<c r="${ref}" s="${s}"><v>${v}</v></c>`).join('');
  const sheet = `${HEAD}<worksheet ${MAIN}><sheetData><row r="1">${row}<c r="M1" s="1" t="s"><v>0</v></c><c r="N1" s="1"><f>A1*2</f><v>64</v></c></row></sheetData></worksheet>`;
  const lines = read(readXlsx(xlsx({ 'xl/styles.xml': styles, 'xl/worksheets/sheet1.xml': sheet })));
  assert.deepEqual(lines[0]?.cells, ['32.00', '2630700.00', '229.6445', '5.00', '-1234.50', '0.100', '32', '1234', '50.00%', '7', '3475.09', '0.001', '项目', '64.00']);
});

test('column letters', () => {
  assert.equal(columnIndex('A1'), 0);
  assert.equal(columnIndex('Z9'), 25);
  assert.equal(columnIndex('AA10'), 26);
  assert.equal(columnIndex('XFD1'), 16383);
  assert.equal(columnIndex('XFE1'), -1);
  assert.equal(columnIndex('ZZZZZ1'), -1);
  assert.equal(columnIndex('12'), -1);
});

test('a workbook written by exceljs (numbers and formats the way Excel writes them)', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收支表');
  ws.getCell('A1').value = '项目';
  ws.getCell('B1').value = '全年执行数';
  ws.getCell('C1').value = '执行率';
  ws.getCell('A2').value = '年度资金总额';
  ws.getCell('B2').value = 3475.09;
  ws.getCell('B2').numFmt = '#,##0.00';
  ws.getCell('C2').value = 0.9294;
  ws.getCell('C2').numFmt = '0.00%';
  ws.getCell('A3').value = '其中';
  ws.getCell('B3').value = 0.1 + 0.2;
  ws.getCell('C3').value = { formula: 'B3/B2', result: 0.3 / 3475.09 };
  ws.getCell('C3').numFmt = '0.0000%';
  ws.mergeCells('A3:A4');
  ws.getCell('B4').value = { formula: 'B2*2', result: 6950.18 };
  wb.addWorksheet('说明').getCell('A1').value = '单位：万元';
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const r = readXlsx(bytes);
  assert.ok(r.ok);
  assert.equal(r.document.pages, 2);
  assert.deepEqual(
    r.document.lines.map((l) => [l.loc.table, l.loc.row, ...l.cells]),
    [
      ['收支表', 1, '项目', '全年执行数', '执行率'],
      ['收支表', 2, '年度资金总额', '3475.09', '92.94%'],
      ['收支表', 3, '其中', '0.3', '0.0086%'],
      ['收支表', 4, '', '6950.18'],
      ['说明', 1, '单位：万元'],
    ],
  );
});

test('a workbook written by LibreOffice Calc', () => {
  const bytes = readFileSync(new URL('./testdata/libreoffice-sample.xlsx', import.meta.url));
  const r = readXlsx(bytes);
  assert.ok(r.ok);
  assert.equal(r.document.pages, 2);
  assert.deepEqual(read(r), [
    { cells: ['项目', '年初预算数', '全年预算数', '全年执行数', '执行率'], loc: { table: '收支表', row: 1 }, table: 0 },
    // C2 stores 3600 under #,##0.00: Calc shows 3,600.00.
    { cells: ['年度资金总额', '3475.09', '3600.00', '3346.04', '92.94%'], loc: { table: '收支表', row: 2 }, table: 0 },
    { cells: ['其中：财政拨款', '3000.5', '', '2900.25', '96.66%'], loc: { table: '收支表', row: 3 }, table: 0 },
    { cells: ['', '0.1', '0.2', '0.3', '100.00%'], loc: { table: '收支表', row: 4 }, table: 0 },
    { cells: ['合计', '6475.59'], loc: { table: '收支表', row: 5 }, table: 0 },
    { cells: ['单位：万元'], loc: { table: '说明', row: 1 }, table: 1 },
    { cells: ['', '', '填报人：张三'], loc: { table: '说明', row: 2 }, table: 1 },
  ]);
});

test('Strict OOXML namespaces and a prefixed SpreadsheetML (x:) read the same', () => {
  const strict = (xml: string): string => xml.replaceAll('http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main').replaceAll('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships');
  const prefixed = `${HEAD}<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="3"><x:c r="B3"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const r = readXlsx(xlsx({ 'xl/workbook.xml': strict(WORKBOOK), 'xl/worksheets/sheet1.xml': prefixed, 'xl/sharedStrings.xml': strict(SHARED_STRINGS), 'xl/styles.xml': strict(STYLES) }));
  assert.deepEqual(read(r)[0], { cells: ['', '42'], loc: { table: '收支表', row: 3 }, table: 0 });
});

test('too many lines: rows beyond maxLines are dropped with a warning', () => {
  const r = readXlsx(xlsx(), { ...DEFAULT_LIMITS, maxLines: 3 });
  assert.ok(r.ok);
  assert.equal(r.document.lines.length, 3);
  assert.deepEqual(r.warnings, [{ code: 'too-many-lines', path: [], params: { limit: 3 } }]);
  const exact = readXlsx(xlsx(), { ...DEFAULT_LIMITS, maxLines: 7 });
  assert.deepEqual(exact.ok && exact.warnings, []);
});

test('refusals and warnings: not a workbook, no sheets, missing sheet part, damaged XML', () => {
  assert.equal(code(readXlsx(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))), 'not-a-document');
  assert.equal(code(readXlsx(strToU8('项目,金额\n'))), 'not-a-document');
  assert.equal(code(readXlsx(xlsx({ 'xl/workbook.xml': `<workbook ${MAIN}><sheets/></workbook>` }))), 'xlsx-no-sheets');
  assert.equal(code(readXlsx(xlsx({ 'xl/workbook.xml': '', '_rels/.rels': '' }))), 'xlsx-no-sheets');
  const missing = readXlsx(xlsx({ 'xl/worksheets/sheet2.xml': '' }));
  assert.ok(missing.ok);
  assert.equal(missing.warnings[0]?.code, 'zip-corrupt');
  assert.match(String(missing.warnings[0]?.params['detail']), /隐藏/);
  const broken = readXlsx(xlsx({ 'xl/worksheets/sheet1.xml': `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>` }));
  assert.deepEqual(!broken.ok && [broken.problems[0]?.code, broken.problems[0]?.params['part']], ['xml-corrupt', 'xl/worksheets/sheet1.xml']);
  const ole = new Uint8Array(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
  assert.equal(code(readXlsx(ole)), 'legacy-office-format');
  const good = xlsx();
  assert.equal(code(readXlsx(good.subarray(0, good.length - 10))), 'zip-corrupt');
  const bomb = xlsx({ 'xl/worksheets/sheet3.xml': `<worksheet ${MAIN}><sheetData>${'<row/>'.repeat(2_000_000)}</sheetData></worksheet>` });
  assert.equal(code(readXlsx(bomb, { ...DEFAULT_LIMITS, maxUnzippedBytes: 4 * 1024 * 1024 })), 'zip-bomb');
});

// Their speed is measured by the fuzzer and the bench, not asserted here (a loaded CI machine is no stopwatch).
test('hostile merges and sparse columns read: the figures are there, the merges do not multiply them', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
  const merges = Array.from({ length: 5000 }, () => '<mergeCell ref="A1:XFD1048576"/>').join('');
  const r = readXlsx(xlsx({ 'xl/worksheets/sheet1.xml': `<worksheet ${MAIN}><sheetData>${rows}</sheetData><mergeCells>${merges}</mergeCells></worksheet>` }));
  assert.ok(r.ok);
  // At most one line per row, and rows of at most the limit's cells: a merge over the whole sheet copies nothing.
  assert.ok(r.document.lines.length > 0 && r.document.lines.length <= 2000, `${r.document.lines.length} lines`);
  assert.ok(r.document.lines.every((l) => l.cells.length <= DEFAULT_LIMITS.maxCellsPerLine), 'no line wider than the limit');
  assert.ok(r.warnings.some((w) => w.code === 'line-too-many-cells'), 'the cut columns are named in a warning');
});

test('fuzz: damaged XLSX files and random bytes never throw', () => {
  const good = xlsx();
  const check = (bytes: Uint8Array): boolean => typeof readXlsx(bytes).ok === 'boolean';
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), check), { numRuns: 2000 });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
      const bytes = new Uint8Array(good);
      for (const [at, value] of edits) bytes[at] = value;
      return check(bytes);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.nat(SHEET1.length), (cut) => check(xlsx({ 'xl/worksheets/sheet1.xml': SHEET1.slice(0, cut) || ' ' }))),
    { numRuns: 300 },
  );
});
