import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { summarize } from '../../core/summary.ts';
import { importDocument } from '../import.ts';
import { DEFAULT_LIMITS } from '../source.ts';
import { plainLines } from './text.ts';

/** Lines of a text as [line, ...cells]. All names and figures below are invented. */
const read = (text: string) => plainLines(text, DEFAULT_LIMITS).lines.map((l) => [l.loc.line, ...l.cells]);

test('a web table typed with " | ": each cell followed by |, empty cells between || kept, full-width ｜ too', () => {
  assert.deepEqual(read('主管部门 | 某县某某局 | 实施单位 | 某县某某中心 |\n总额 | 0.00 | 5.20 | 5.20 | 100.00% | 10 | 10 |\n合计 | 100 | ||\n项目名称｜某某补助资金｜'), [
    [1, '主管部门', '某县某某局', '实施单位', '某县某某中心'],
    [2, '总额', '0.00', '5.20', '5.20', '100.00%', '10', '10'],
    [3, '合计', '100', '', ''],
    [4, '项目名称', '某某补助资金'],
  ]);
});

test('a Markdown table: the framing | dropped, the underline line left out, an escaped \\| kept in its cell', () => {
  assert.deepEqual(read('| 一级指标 | 二级指标 | 指标值 |\n| --- | :---: | ---: |\n| 产出指标 | 数量指标 | ≥5\\|6个 |\n|效益指标|社会效益指标|提高|'), [
    [1, '一级指标', '二级指标', '指标值'],
    [3, '产出指标', '数量指标', '≥5|6个'],
    [4, '效益指标', '社会效益指标', '提高'],
  ]);
});

test('a | in prose is not a table: one alone, or bars without space around them (an absolute value)', () => {
  assert.deepEqual(read('本单位 | 本年度工作概述如下。\n偏差率=|实际值-目标值|/目标值×100%。\n其余照常。'), [
    [1, '本单位 | 本年度工作概述如下。'],
    [2, '偏差率=|实际值-目标值|/目标值×100%。'],
    [3, '其余照常。'],
  ]);
  // One boundary next to a row is a row too: a two-cell line of the same table.
  assert.deepEqual(read('项目名称 | 某某工程 | 主管部门 | 某县某局 |\n项目类别 | 部门预算项目'), [
    [1, '项目名称', '某某工程', '主管部门', '某县某局'],
    [2, '项目类别', '部门预算项目'],
  ]);
});

test('tab-separated lines keep their tabs; a | inside a tab cell stays text', () => {
  assert.deepEqual(read('年度资金总额\t12.5 | 注\t11.8'), [[1, '年度资金总额', '12.5 | 注', '11.8']]);
});

test('a row label alone on its line and its cells on the next (starting with |): one row, the empty cell kept', () => {
  const text = ['项目资金（万元） |', '| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |', '年度资金总额 |', '| 12.5 | 11.8 | 10 | 94.40% | 9 |', '项目支出绩效自评表 |', '| （2023年度） |'].join('\n');
  assert.deepEqual(read(text), [
    [1, '项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    // The block's title (项目资金) is merged down its rows and printed once: the row gets it back as an empty cell,
    // so 12.5 stands under 全年预算数 and 10 under 分值.
    [3, '', '年度资金总额', '', '12.5', '11.8', '10', '94.40%', '9'],
    // One filled cell on the next line is not a row's cells: the two lines stay apart.
    [5, '项目支出绩效自评表'],
    [6, '', '（2023年度）'],
  ]);
});

test('a label and the cells on its next line, without a titled header above: joined as they stand', () => {
  assert.deepEqual(read('年初预算数 | 全年预算数 | 全年执行数 |\n年度资金总额 |\n| 12.5 | 11.8 |'), [
    [1, '年初预算数', '全年预算数', '全年执行数'],
    [2, '年度资金总额', '', '12.5', '11.8'],
  ]);
});

test('a national project form typed as a web table with a row label on its own line reads its figures under their columns', async () => {
  const text = [
    '项目支出绩效自评表 |', '| （2023年度） |', '项目名称 | 某某林场围栏项目 |', '主管部门 | 某县林业局 | 实施单位 | 某县某林场 |',
    '项目资金 (万元) |', '| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |',
    '年度资金总额 |', '| 20.5 | 19.47 | 10 | 94.98% | 9 |',
  ].join('\n');
  const r = await importDocument(Buffer.from(text), 'form.txt');
  assert.ok(r.ok && r.evaluation);
  const s = summarize(r.evaluation);
  // 年初预算数 is empty: 20.5 is the 全年预算数 and 10 the 分值, not the 全年执行数.
  assert.deepEqual(s.budget, { initial: null, adjusted: '20.5', actual: '19.47' });
  assert.equal(s.printedRates.completion, '94.98');
});

test('a table flattened one cell per line: label and value pairs, the funds header and its rows put back together', () => {
  const cells = [
    '项目名称', '某某工资性支出', '主管部门', '某县某某局本级', '实施单位（盖章）', '某县某某局',
    '预算执行情况（10分）', '年度预算数（万元）', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因',
    '总额', '120.50', '130.00', '126.10', '97.00%', '10', '', '1.预算执行率=预算执行数/调整后预算数，未达到90%的需说明原因（100字以内）。',
    '其中：财政资金', '120.50', '130.00', '126.10', '97.00%', '/', '/',
    '其他资金', '', '', '', '', '/', '/',
  ];
  assert.deepEqual(
    read(cells.map((c) => `${c} |`).join('\n')).map((r) => r.slice(1)),
    [
      ['项目名称', '某某工资性支出'],
      ['主管部门', '某县某某局本级'],
      ['实施单位（盖章）', '某县某某局'],
      ['预算执行情况（10分）'],
      ['年度预算数（万元）', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'],
      ['总额', '120.50', '130.00', '126.10', '97.00%', '10', ''],
      ['1.预算执行率=预算执行数/调整后预算数，未达到90%的需说明原因（100字以内）。'],
      ['其中：财政资金', '120.50', '130.00', '126.10', '97.00%', '/', '/'],
      ['其他资金', '', '', '', '', '/', '/'],
    ],
  );
});

test('one cell per line: indicator rows from each first-level word, exactly as many cells as the header', () => {
  const cells = [
    '一级指标', '二级指标', '指标名称', '目标值', '实际完成值', '',
    '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '',
    '产出指标', '质量指标', '合格率', '95%', '96%',
    '效益指标', '社会效益指标', '群众知晓率', '90%', '92%',
  ];
  assert.deepEqual(
    read(cells.map((c) => `${c} |`).join('\n')).map((r) => r.slice(1)),
    [
      ['一级指标', '二级指标', '指标名称', '目标值', '实际完成值'],
      [''],
      ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次'],
      ['产出指标', '质量指标', '合格率', '95%', '96%'],
      ['效益指标', '社会效益指标', '群众知晓率', '90%', '92%'],
    ],
  );
});

test('one cell per line where the rows are not certain: left one cell a line', () => {
  // The second row lost its first-level word (a merged cell): where the first row ends is not certain, so no row is made.
  const cells = ['一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '培训人次', '300', '质量指标', '合格率', '95%', '效益指标'];
  const got = read(cells.map((c) => `${c} |`).join('\n')).map((r) => r.slice(1));
  assert.deepEqual(got[0], ['一级指标', '二级指标', '三级指标', '指标值']);
  assert.deepEqual(got.slice(1), cells.slice(4).map((c) => [c]));
  // A label whose next line is a figure or another label is no pair; a lone total with one figure is left as it is.
  assert.deepEqual(read('主管部门 |\n实施单位 |\n合计 |\n100 |').map((r) => r.slice(1)), [['主管部门'], ['实施单位'], ['合计'], ['100']]);
});

test('a pipe line of more cells than the limit is cut, with a warning naming it', () => {
  const r = plainLines(`标题\n${'1 | '.repeat(20)}`, { ...DEFAULT_LIMITS, maxCellsPerLine: 5 });
  assert.equal(r.lines[1]!.cells.length, 5);
  assert.deepEqual(r.warnings.map((w) => [w.code, w.line]), [['line-too-many-cells', 2]]);
});

test('a national project form typed as a web table, one cell per line, imports: department, budget and indicators', async () => {
  const cells = [
    '项目支出绩效自评表（2023年度）', '项目名称', '某某设备购置项目', '主管部门', '某县某某局', '实施单位', '某县某某中心',
    '项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分',
    '年度资金总额', '40.00', '50.00', '45.00', '10', '90.00%', '9',
    '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分',
    '产出指标', '数量指标', '购置设备台数', '≥10台', '12台', '50', '50',
    '效益指标', '社会效益指标', '服务群众满意度', '≥90%', '95%', '40', '40',
  ];
  const r = await importDocument(Buffer.from(cells.map((c) => `${c} |`).join('\n')), 'form.txt');
  assert.ok(r.ok && r.evaluation);
  const s = summarize(r.evaluation);
  assert.equal(s.department, '某县某某局');
  assert.deepEqual(s.budget, { initial: '40.00', adjusted: '50.00', actual: '45.00' });
  assert.deepEqual(
    s.indicators.map((i) => [i.level1, i.name, i.target, i.actual]),
    [
      ['产出指标', '购置设备台数', '≥10台', '12台'],
      ['效益指标', '服务群众满意度', '≥90%', '95%'],
    ],
  );
});

test('any text: lines in order, within the limits, and text without a | read exactly as before (tabs only)', () => {
  const piece = fc.constantFrom('|', '｜', ' | ', '||', '\\|', ' ', '\t', '-', '---', ':', 'a', '1', '12.5', '95%', '/', '主管部门', '某县某局', '年初预算数', '全年执行数', '执行率', '一级指标', '三级指标', '产出指标', '合计');
  const line = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 40 }), (ls) => {
      const text = ls.join('\n');
      const limits = { ...DEFAULT_LIMITS, maxCellsPerLine: 6 };
      const got = plainLines(text, limits).lines;
      const numbers = got.map((l) => l.loc.line!);
      assert.ok(numbers.every((n, i) => n >= 1 && n <= ls.length + 1 && (i === 0 || n > numbers[i - 1]!)));
      assert.ok(got.every((l) => l.cells.length >= 1 && l.cells.length <= 6));
      if (!/[|｜]/.test(text)) assert.deepEqual(got.map((l) => l.cells), (ls.length ? ls : ['']).map((l) => l.split('\t').slice(0, 6)));
    }),
    { numRuns: 300, seed: 12 },
  );
});
