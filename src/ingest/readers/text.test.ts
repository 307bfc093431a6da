import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { summarize } from '../../core/summary.ts';
import { importDocument } from '../import.ts';
import { DEFAULT_LIMITS, type ReadResult, type SourceLine } from '../source.ts';
import { readDocument } from './read.ts';
import { joinBrokenCells, plainLines, readText } from './text.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/documents');
const SEEDS = join(import.meta.dirname, '../../../examples/seeds');
const seed = (id: string) => readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(`${id}_`))!));

const rows = (lines: readonly SourceLine[]) => lines.map((l) => [l.loc.line, ...l.cells]);

test('lines of tab-separated cells; CRLF line ends; a form feed marks a page start and is not text', () => {
  const r = plainLines('部门\t示例局\r\n\f第二页\t1\n\n末行', DEFAULT_LIMITS);
  assert.deepEqual(rows(r.lines), [[1, '部门', '示例局'], [2, '第二页', '1'], [3, ''], [4, '末行']]);
  assert.deepEqual(
    r.lines.map((l) => l.pageStart ?? false),
    [false, true, false, false],
  );
  assert.deepEqual(r.warnings, []);
});

test('limits: cells per line, characters per line and per cell, each cut named with its line', () => {
  const limits = { ...DEFAULT_LIMITS, maxCellsPerLine: 3, maxLineChars: 50, maxCellChars: 5 };
  const r = plainLines(`a\tb\n${'1\t'.repeat(1000)}\nx\t${'长'.repeat(100)}\n${'y'.repeat(8)}\tz\nend`, limits);
  assert.deepEqual(rows(r.lines), [[1, 'a', 'b'], [2, '1', '1', '1'], [3, 'x', '长长长长长'], [4, 'yyyyy', 'z'], [5, 'end']]);
  assert.deepEqual(
    r.warnings.map((w) => [w.code, w.line, w.params['lines'], w.params['limit']]),
    [
      ['line-too-long', 2, '2, 3', 50],
      ['line-too-many-cells', 2, '2', 3],
      ['cell-too-long', 3, '3, 4', 5],
    ],
  );
});

test('a long line without tabs among many short ones reads in linear time (no search past each line)', () => {
  // 200 000 lines and no tab anywhere: a per-line search for the next tab would scan the rest of the text each time.
  const r = plainLines('行\n'.repeat(200_000), { ...DEFAULT_LIMITS, maxLines: 300_000 });
  assert.equal(r.lines.length, 200_001);
});

test('a 50 MB one-line table between two parts of a report: a warning naming the line and the limit, and a result', async () => {
  const report = seed('001');
  // The table's line: after the report's lines and the line feed added below.
  const lineNo = report.filter((b) => b === 0x0a).length + 2;
  const table = Buffer.alloc(50 * 1048576);
  table.fill('12.5\t');
  const r = await importDocument(Buffer.concat([report, Buffer.from('\n'), table, Buffer.from('\n合计\t9\n')]), 'big.txt');
  assert.ok(r.ok);
  const cells = r.report.warnings.find((w) => w.code === 'line-too-many-cells');
  assert.equal(cells?.line, lineNo);
  assert.equal(cells?.params['limit'], DEFAULT_LIMITS.maxCellsPerLine);
  assert.ok(r.report.warnings.some((w) => w.code === 'line-too-long' && w.line === lineNo));
  assert.equal(r.report.lines, lineNo + 2);
  assert.equal(summarize(r.evaluation!).budget.initial, '3916.29');
});

test('encoding problems come with the document: damaged bytes warn, Shift_JIS is refused with what to do', async () => {
  const damaged = Buffer.from('部门\t示例局\n年度\t2022\n', 'utf8');
  damaged[18] = 0xc0;
  const r: ReadResult = readText(damaged);
  assert.ok(r.ok);
  assert.deepEqual(r.warnings.map((w) => [w.code, w.line]), [['text-invalid-bytes', 2]]);
  const sjis = await readDocument(readFileSync(join(FIXTURES, 'encodings/japanese.sjis.txt')), 'report.txt');
  assert.ok(!sjis.ok);
  assert.deepEqual(sjis.problems.map((p) => [p.code, p.params['encoding']]), [['text-encoding-unsupported', 'Shift_JIS']]);
});

test('UTF-16 without a byte-order mark is text, whatever the file is named', async () => {
  const r = await readDocument(Buffer.from(seed('004').toString('utf8'), 'utf16le'), 'report');
  assert.ok(r.ok);
  assert.equal(r.document.encoding, 'utf-16le');
});

test('plain text without `|`: an indicator table one cell per line reads as rows, each at its first line; prose around it untouched', async () => {
  const text = [
    '青岚县某局项目绩效自评表',
    '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施',
    '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '20', '20',
    '质量指标', '合格率', '≥95%', '96%', '20', '18', '部分学员未按期参加考核，下年度加强组织。',
    '时效指标', '完成及时率', '100%', '100%', '10', '10',
    '总分', '50', '48',
    '本年度各项指标基本完成。',
  ].join('\n');
  const expected = [
    [1, '青岚县某局项目绩效自评表'],
    [2, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [10, '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '20', '20', ''],
    [17, '', '质量指标', '合格率', '≥95%', '96%', '20', '18', '部分学员未按期参加考核，下年度加强组织。'],
    [24, '', '时效指标', '完成及时率', '100%', '100%', '10', '10', ''],
    [30, '总分', '', '', '', '', '50', '48', ''],
    [33, '本年度各项指标基本完成。'],
  ];
  const r = plainLines(text, DEFAULT_LIMITS);
  assert.deepEqual(rows(r.lines), expected);
  assert.deepEqual(r.warnings, []);
  // The same through the dispatcher, as a .txt file.
  const read = await readDocument(Buffer.from(text), '青岚县某局.txt');
  assert.ok(read.ok);
  assert.deepEqual(rows(read.document.lines), expected);
});

const SPACED_FUNDS = ['项目      年初预算数   全年预算数   全年执行数', '基本支出  120.00       130.00       126.10', '项目支出  40.00        45.00        44.00'];

test('plain text without `|`: columns laid out with runs of spaces are split; the sentence before them is not', () => {
  const text = ['预算执行情况如下。', ...SPACED_FUNDS].join('\n');
  assert.deepEqual(rows(plainLines(text, DEFAULT_LIMITS).lines), [
    [1, '预算执行情况如下。'],
    [2, '项目', '年初预算数', '全年预算数', '全年执行数'],
    [3, '基本支出', '120.00', '130.00', '126.10'],
    [4, '项目支出', '40.00', '45.00', '44.00'],
  ]);
});

test('a sentence with gaps right after a space-laid-out table is not run into its last row', () => {
  const text = [...SPACED_FUNDS, '以上数据  均已  核实。'].join('\n');
  assert.deepEqual(rows(plainLines(text, DEFAULT_LIMITS).lines).slice(1), [
    [2, '基本支出', '120.00', '130.00', '126.10'],
    [3, '项目支出', '40.00', '45.00', '44.00'],
    [4, '以上数据  均已  核实。'],
  ]);
});

test('space-laid-out indicator rows whose cells carry units stay one row a line', () => {
  const text = ['一级指标  二级指标  三级指标    指标值    实际值', '产出指标  数量指标  培训人次    ≥300人次  320人次', '效益指标  社会效益  群众满意度  ≥90%      93%'].join('\n');
  assert.deepEqual(rows(plainLines(text, DEFAULT_LIMITS).lines), [
    [1, '一级指标', '二级指标', '三级指标', '指标值', '实际值'],
    [2, '产出指标', '数量指标', '培训人次', '≥300人次', '320人次'],
    [3, '效益指标', '社会效益', '群众满意度', '≥90%', '93%'],
  ]);
});

test('a header whose cells held a line break ("年初" ⏎ "预算数") is joined back where the two pieces make a column word; figures and names never join', () => {
  const text = ['项目资金', '（万元）\t\t年初', '预算数\t全年', '预算数\t全年', '执行数\t分值\t执行率\t得分', '\t年度资金总额\t520.00\t586.40\t561.25\t10\t95.71%\t9.57', '某项目\t全年', '执行\t12'].join('\n');
  const lines = plainLines(text, DEFAULT_LIMITS).lines.map((l) => [l.loc.line, ...l.cells]);
  assert.deepEqual(lines, [
    [1, '项目资金'],
    [2, '（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [6, '', '年度资金总额', '520.00', '586.40', '561.25', '10', '95.71%', '9.57'],
    // "全年执行" is no column word: the lines stay apart.
    [7, '某项目', '全年'],
    [8, '执行', '12'],
  ]);
});

test('joinBrokenCells: rows of one DOCX table padded at their ends join the same way; rows of two tables do not', () => {
  const row = (table: number, line: number, ...cells: string[]): SourceLine => ({ cells, loc: { line, table: `表${table + 1}` }, table });
  const joined = joinBrokenCells([row(0, 1, '（万元）', '', '年初', '', ''), row(0, 2, '预算数', '全年', '', ''), row(0, 3, '预算数', '分值', '', '')]);
  assert.deepEqual(joined.map((l) => l.cells), [['（万元）', '', '年初预算数', '全年预算数', '分值', '', '']]);
  const apart = [row(0, 1, '某某', '年初'), row(1, 2, '预算数', '全年')];
  assert.equal(joinBrokenCells(apart), apart);
});

test('a Word table copied as text, whose cells held line breaks: the lines of one row are put back together when they make the header’s width exactly', () => {
  const text = [
    '一级',
    '指标\t二级',
    '指标\t三级指标\t指标值\t实际完成值\t分值\t得分',
    '产出指标',
    '（60分）\t数量指标\t新建站点\t≥12个\t12个\t60\t60',
    '效益指标',
    '（30分）\t社会效益',
    '指标\t受益人数\t≥5000人\t5200人\t30\t30',
    '满意度',
    '指标\t服务对象',
    '满意度指标\t居民满意度\t≥90%\t93%\t10\t10',
    '总分\t\t\t\t100\t100',
  ].join('\n');
  assert.deepEqual(plainLines(text, DEFAULT_LIMITS).lines.map((l) => [l.loc.line, ...l.cells]), [
    [1, '一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '分值', '得分'],
    [4, '产出指标（60分）', '数量指标', '新建站点', '≥12个', '12个', '60', '60'],
    [6, '效益指标（30分）', '社会效益指标', '受益人数', '≥5000人', '5200人', '30', '30'],
    [9, '满意度指标', '服务对象满意度指标', '居民满意度', '≥90%', '93%', '10', '10'],
    [12, '总分', '', '', '', '100', '100'],
  ]);
});

test('a copied row whose last cells are empty, or whose reason was left empty, is put back together too; a sentence’s end and 总分 start rows of their own', () => {
  const text = [
    '\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
    '\t\t成本指标\t每公里',
    '补助标准\t≤20万元/公里\t19.8万元/公里\t5\t5\t',
    '\t效益指标',
    '（30分）\t社会效益指标\t群众出行',
    '条件改善情况\t明显改善\t明显改善\t10\t10\t',
    '\t满意度指标\t满意度指标\t群众满意度\t≥90%\t88%\t10\t9.78\t部分路段施工期间出行不便，',
    '今后加强施工组织。',
    '总分\t\t\t\t\t\t100\t98.78\t',
  ].join('\n');
  assert.deepEqual(plainLines(text, DEFAULT_LIMITS).lines.map((l) => [l.loc.line, ...l.cells]), [
    [1, '', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [2, '', '', '成本指标', '每公里补助标准', '≤20万元/公里', '19.8万元/公里', '5', '5', ''],
    [4, '', '效益指标（30分）', '社会效益指标', '群众出行条件改善情况', '明显改善', '明显改善', '10', '10', ''],
    [7, '', '满意度指标', '满意度指标', '群众满意度', '≥90%', '88%', '10', '9.78', '部分路段施工期间出行不便，'],
    [8, '今后加强施工组织。'],
    [9, '总分', '', '', '', '', '', '100', '98.78', ''],
  ]);
  // Rows of a document made from such text are padded to the table's width: only the free-text columns may be missing.
  let n = 0;
  const row = (...cells: string[]): SourceLine => ({ cells: [...cells, ...new Array<string>(5 - cells.length).fill('')], loc: { line: ++n }, table: 0 });
  const joined = joinBrokenCells([row('三级指标', '指标值', '分值', '得分', '原因'), row('每公里'), row('补助标准', '≤20', '5', '5'), row('新建', '≥3'), row('站点', '≥3', '5')]);
  assert.deepEqual(joined.map((l) => l.cells), [
    ['三级指标', '指标值', '分值', '得分', '原因'],
    ['每公里补助标准', '≤20', '5', '5', ''],
    // The 得分 column is no free text: a row that would leave it empty is not put together.
    ['新建', '≥3', '', '', ''],
    ['站点', '≥3', '5', '', ''],
  ]);
});

test('rows that lost their merged cells are not run together, even where their cells add up to the header’s width', () => {
  const text = [
    '一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分',
    '产出指标\t数量指标\t新建站点\t≥12个\t12个\t30\t30',
    '网络覆盖\t100%覆盖\t100%覆盖',
    '质量指标\t验收合格率\t100%\t100%\t30',
    // A name piece under 分值 would put text where a figure goes: no join.
    '制度建设\t健全\t健全',
    '时效指标\t完成时间\t年底前\t按时\t10',
  ].join('\n');
  const lines = plainLines(text, DEFAULT_LIMITS).lines;
  assert.deepEqual(lines.map((l) => l.loc.line), [1, 2, 3, 4, 5, 6]);
  // Rows of an amount table whose last cells are empty: a name under 批复金额 is no amount, so they stay apart.
  const amounts = ['项目名称\t主要内容\t批复金额\t备注', '基本支出\t人员经费', '日常公用\t办公费\t12.00', '合计\t\t12.00\t'].join('\n');
  assert.deepEqual(plainLines(amounts, DEFAULT_LIMITS).lines.map((l) => l.loc.line), [1, 2, 3, 4]);
});

test('joinBrokenCells: in a document made from such text, a broken cell’s piece may be a paragraph between the table’s rows', () => {
  let n = 0;
  const line = (table: number | undefined, ...cells: string[]): SourceLine => ({ cells, loc: { line: ++n }, ...(table !== undefined ? { table } : {}) });
  const joined = joinBrokenCells([
    line(undefined, '一级'),
    line(0, '指标', '二级', '', '', '', ''),
    line(0, '指标', '三级指标', '指标值', '实际完成值', '分值', '得分'),
    line(undefined, '产出指标'),
    line(1, '（60分）', '数量指标', '新建站点', '≥12个', '12个', '60', '60'),
    line(undefined, '— ５ —'),
    line(2, '效益指标', '社会效益指标', '受益人数', '≥5000人', '5200人', '40', '40'),
  ]);
  assert.deepEqual(joined.map((l) => [l.table ?? null, ...l.cells]), [
    [0, '一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '分值', '得分'],
    [1, '产出指标（60分）', '数量指标', '新建站点', '≥12个', '12个', '60', '60'],
    // A page footer is no piece of a cell.
    [null, '— ５ —'],
    [2, '效益指标', '社会效益指标', '受益人数', '≥5000人', '5200人', '40', '40'],
  ]);
});

test('a header printed over two rows with each cell’s rest under it is one header row; a row of figures under a header is no rest of it', () => {
  const text = [
    '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期\t年度\t实际\t分值\t得分',
    '\t\t\t\t指标值\t指标值\t完成值\t\t',
    '\t产出指标\t数量指标\t新增床位\t≥1200张\t≥400张\t412张\t10\t10',
  ].join('\n');
  assert.deepEqual(plainLines(text, DEFAULT_LIMITS).lines.map((l) => [l.loc.line, ...l.cells]), [
    [1, '绩效指标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值', '实际完成值', '分值', '得分'],
    [3, '', '产出指标', '数量指标', '新增床位', '≥1200张', '≥400张', '412张', '10', '10'],
  ]);
});
