/** Tables flattened one cell per line, put back into rows. All names and figures below are invented. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerKind } from '../core/text/form-words.ts';
import { rebuildVertical } from './vertical-rows.ts';

/** One-cell rows, each carrying its line (1-based), as a reader keeps them. */
const lines = (cells: readonly string[], from = 1) => cells.map((c, k) => ({ cells: [c], line: from + k }));
/** The rebuilt rows' cells. */
const rebuilt = (rows: readonly { cells: readonly string[] }[]) => rebuildVertical(rows).map((r) => [...r.cells]);

const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];

test('评价标准, 评分标准, 指标解释 and the like are free-text column words', () => {
  assert.deepEqual(
    ['评价标准', '评分标准', '评分要点', '评分细则', '评分办法', '指标解释', '指标说明', '计分方法', '评价标准（分）'].map(headerKind),
    ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', undefined],
  );
});

test('序号 and 项目名称 before a funds header: the header keeps them, each row its number and name, 合计 printed with an empty cell first', () => {
  const input = lines([
    '序号', '项目名称', '年初预算数', '全年预算数', '全年执行数', '执行率',
    '1', '某县某局办公楼维修', '30.00', '28.00', '26.60', '95.00%',
    '2', '青岚县乡村道路养护', '12.00', '12.00', '12.00', '100.00%',
    '合计', '', '42.00', '40.00', '38.60', '96.50%',
  ]);
  const out = rebuildVertical(input);
  assert.deepEqual(
    out.map((r) => [...r.cells]),
    [
      ['序号', '项目名称', '年初预算数', '全年预算数', '全年执行数', '执行率'],
      // "2" is a figure, yet it starts the next row: the row before has all its figures and no more.
      ['1', '某县某局办公楼维修', '30.00', '28.00', '26.60', '95.00%'],
      ['2', '青岚县乡村道路养护', '12.00', '12.00', '12.00', '100.00%'],
      // The merged 序号|项目名称 cell of the total: 合计 under 项目名称, the printed empty cell dropped.
      ['', '合计', '42.00', '40.00', '38.60', '96.50%'],
    ],
  );
  assert.deepEqual(out.map((r) => r.line), [1, 7, 13, 19], 'each row keeps the line of its first cell');
});

test('项目名称 alone before a funds header: rows of a name and its figures; 合计 with an empty cell first gets its figures', () => {
  const input = lines([
    '项目名称', '年初预算数', '全年预算数', '全年执行数', '执行率',
    '某县某局设备购置', '18.00', '20.00', '19.00', '95.00%',
    '合计', '', '18.00', '20.00', '19.00', '95.00%',
  ]);
  assert.deepEqual(rebuilt(input), [
    ['项目名称', '年初预算数', '全年预算数', '全年执行数', '执行率'],
    ['某县某局设备购置', '18.00', '20.00', '19.00', '95.00%'],
    ['合计', '18.00', '20.00', '19.00', '95.00%'],
  ]);
});

test('an indicator row of exactly the header’s width whose second cell is itself a first-level word (成本指标 under 产出指标)', () => {
  const input = lines([
    '一级指标', '二级指标', '三级指标', '指标值', '实际值',
    '产出指标', '成本指标', '人均培训成本', '≤200元', '186元',
    '效益指标', '社会效益指标', '群众满意度', '≥90%', '93%',
  ]);
  assert.deepEqual(rebuilt(input), [
    ['一级指标', '二级指标', '三级指标', '指标值', '实际值'],
    ['产出指标', '成本指标', '人均培训成本', '≤200元', '186元'],
    ['效益指标', '社会效益指标', '群众满意度', '≥90%', '93%'],
  ]);
});

test('a scorecard whose level cells stand on a group’s first row only: each row under the header’s right-hand columns, the total under the last score columns', () => {
  const input = lines([
    '一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '评价标准', '得分',
    '决策指标', '20', '项目立项', '8', '立项依据充分性', '4', '项目立项符合部门职责，依据充分。', '4',
    '立项程序规范性', '4', '按规定程序申请设立，审批文件齐全。', '3.5',
    '绩效目标', '12', '绩效目标合理性', '12', '目标明确、细化、量化。', '11',
    '合计', '100', '90',
  ]);
  const out = rebuildVertical(input);
  assert.deepEqual(
    out.map((r) => [...r.cells]),
    [
      ['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '评价标准', '得分'],
      ['决策指标', '20', '项目立项', '8', '立项依据充分性', '4', '项目立项符合部门职责，依据充分。', '4'],
      ['', '', '', '', '立项程序规范性', '4', '按规定程序申请设立，审批文件齐全。', '3.5'],
      ['', '', '绩效目标', '12', '绩效目标合理性', '12', '目标明确、细化、量化。', '11'],
      ['合计', '', '', '', '', '100', '', '90'],
    ],
  );
  assert.deepEqual(out.map((r) => r.line), [1, 9, 17, 21, 27]);
});

test('an indicator table whose rows start at 二级 or at the name, the reason left out or given, and its 总分', () => {
  const input = lines([
    ...INDICATOR_HEADER,
    '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10',
    '质量指标', '培训合格率', '≥95%', '96%', '10', '9', '个别学员未按期参加考核，下年度加强组织。',
    '达标率', '≥90%', '92%', '10', '10',
    '总分', '30', '29',
  ]);
  assert.deepEqual(rebuilt(input), [
    INDICATOR_HEADER,
    ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', ''],
    ['', '质量指标', '培训合格率', '≥95%', '96%', '10', '9', '个别学员未按期参加考核，下年度加强组织。'],
    ['', '', '达标率', '≥90%', '92%', '10', '10', ''],
    ['总分', '', '', '', '', '30', '29', ''],
  ]);
});

test('an empty line between the rows of an indicator table (a blank reason) does not end it', () => {
  const input = lines([
    ...INDICATOR_HEADER,
    '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', '',
    '培训场次', '≥6场', '7场', '10', '9.5', '',
    '时效指标', '完成及时率', '100%', '100%', '10', '10', '',
  ]);
  assert.deepEqual(rebuilt(input), [
    INDICATOR_HEADER,
    ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', ''],
    ['', '', '培训场次', '≥6场', '7场', '10', '9.5', ''],
    ['', '时效指标', '完成及时率', '100%', '100%', '10', '10', ''],
  ]);
});

test('one-cell lines right after an indicator header typed as a row continue its table; each row keeps its first line', () => {
  const input = [
    { cells: INDICATOR_HEADER, line: 1 },
    ...lines(['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', '培训场次', '≥6场', '7场', '10', '9', '因天气原因延后一场，下年度提前安排。'], 2),
  ];
  assert.deepEqual(rebuildVertical(input), [
    { cells: INDICATOR_HEADER, line: 1 },
    { cells: ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', ''], line: 2 },
    { cells: ['', '', '培训场次', '≥6场', '7场', '10', '9', '因天气原因延后一场，下年度提前安排。'], line: 9 },
  ]);
  // A row typed with tabs between the header and the run: the run still goes on with the header's rows.
  const typedRow = ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', ''];
  assert.deepEqual(rebuilt([{ cells: INDICATOR_HEADER }, { cells: typedRow }, ...lines(['培训场次', '≥6场', '7场', '10', '9'])]), [
    INDICATOR_HEADER,
    typedRow,
    ['', '', '培训场次', '≥6场', '7场', '10', '9', ''],
  ]);
  // A header of whole rows (no score column): each row from its first-level word.
  assert.deepEqual(
    rebuilt([{ cells: ['一级指标', '二级指标', '三级指标', '指标值', '实际值'] }, ...lines(['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '效益指标', '社会效益指标', '群众满意度', '≥90%', '93%'])]),
    [
      ['一级指标', '二级指标', '三级指标', '指标值', '实际值'],
      ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次'],
      ['效益指标', '社会效益指标', '群众满意度', '≥90%', '93%'],
    ],
  );
});

test('one-cell lines after a typed row are left one a line: prose, a row that is no indicator header, a run after the table’s end', () => {
  const prose = ['本年度培训工作总体完成较好。', '下一步将继续加强管理。'];
  assert.deepEqual(rebuilt([{ cells: INDICATOR_HEADER }, ...lines(prose)]), [INDICATOR_HEADER, ...prose.map((c) => [c])]);
  const cells = ['培训场次', '≥6场', '7场', '10', '9'];
  // No level word among the columns: no indicator header.
  assert.deepEqual(rebuilt([{ cells: ['年度指标值', '实际完成值', '分值', '得分'] }, ...lines(cells)]), [['年度指标值', '实际完成值', '分值', '得分'], ...cells.map((c) => [c])]);
  // A funds header typed as a row is no indicator header either.
  assert.deepEqual(rebuilt([{ cells: ['项目', '年初预算数', '全年预算数', '全年执行数', '分值', '得分'] }, ...lines(cells)]), [
    ['项目', '年初预算数', '全年预算数', '全年执行数', '分值', '得分'],
    ...cells.map((c) => [c]),
  ]);
  // The header's table ended at the first run: a later run, after another typed row, is not its rows.
  const HEADER = INDICATOR_HEADER.slice(0, 7);
  assert.deepEqual(
    rebuilt([{ cells: HEADER }, ...lines(['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '20', '20']), { cells: ['说明', '无'] }, ...lines(cells)]),
    [HEADER, ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '20', '20'], ['说明', '无'], ...cells.map((c) => [c])],
  );
});

test('rows that fit no tail of the header stay one cell a line', () => {
  // The second row has no score: it fits neither a whole row nor a tail ending in 分值.
  const a = ['一级指标', '二级指标', '三级指标', '指标值', '分值', '产出指标', '数量指标', '培训人次', '300', '10', '质量指标', '合格率', '95%'];
  assert.deepEqual(rebuilt(lines(a)), [['一级指标', '二级指标', '三级指标', '指标值', '分值'], ['产出指标', '数量指标', '培训人次', '300', '10'], ['质量指标'], ['合格率'], ['95%']]);
  // A header without a score column does not tell rows apart: rows that omit cells are not guessed at.
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因分析及改进措施'];
  const rows = ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '质量指标', '合格率', '≥95%', '96%'];
  assert.deepEqual(rebuilt(lines([...header, ...rows])), [header, ...rows.map((c) => [c])]);
  // A total with more figures than the header has score columns is left as it was.
  const total = ['总分', '20', '8', '4', '4', '4'];
  assert.deepEqual(
    rebuilt(lines(['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '评价标准', '得分', '决策指标', '20', '项目立项', '8', '立项依据充分性', '4', '项目立项符合部门职责，依据充分。', '4', ...total])).slice(2),
    total.map((c) => [c]),
  );
});

test('a run of prose lines is untouched; a line longer than 32 characters is passed over, never a column word', () => {
  const prose = ['青岚县某局2023年度部门整体支出绩效自评工作已按要求完成。', '一、部门基本情况', '某县某局内设股室5个。', '二、绩效目标完成情况'];
  const input = lines(prose);
  const out = rebuildVertical(input);
  assert.deepEqual(out, input);
  // A long sentence before a label and its value: the sentence stays, the pair is made.
  assert.deepEqual(rebuilt(lines(['青岚县某局2023年度部门整体支出绩效自评工作已按要求完成，现报告如下。', '主管部门', '青岚县某局'])), [
    ['青岚县某局2023年度部门整体支出绩效自评工作已按要求完成，现报告如下。'],
    ['主管部门', '青岚县某局'],
  ]);
  // The same column words, spaced out past 32 characters, are no header; closer together they are.
  const spaced = (w: string) => w.split('').join(' '.repeat(8));
  const wide = [spaced('年初预算数'), spaced('全年预算数'), spaced('全年执行数'), '某县某局', '1.00', '2.00', '3.00'];
  assert.ok(wide.slice(0, 3).every((c) => c.length > 32));
  assert.deepEqual(rebuilt(lines(wide)), wide.map((c) => [c]));
  assert.deepEqual(rebuilt(lines(['年 初 预 算 数', '全年预算数', '全年执行数', '某县某局', '1.00', '2.00', '3.00'])), [
    ['', '年 初 预 算 数', '全年预算数', '全年执行数'],
    ['某县某局', '1.00', '2.00', '3.00'],
  ]);
});

test('a reason printed as a mark (无, /) is the row’s reason, not the end of the table', () => {
  const input = lines([
    ...INDICATOR_HEADER,
    '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', '无',
    '培训场次', '≥6场', '7场', '10', '10', '/',
  ]);
  assert.deepEqual(rebuilt(input), [
    INDICATOR_HEADER,
    ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', '无'],
    ['', '', '培训场次', '≥6场', '7场', '10', '10', '/'],
  ]);
});

test('a short reason without punctuation stays the row’s reason, not the next row’s 一级指标', () => {
  const input = lines([
    ...INDICATOR_HEADER,
    '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10',
    '培训场次', '≥6场', '7场', '10', '9', '天气影响',
    '质量指标', '合格率', '≥95%', '96%', '10', '10',
  ]);
  const got = rebuilt(input);
  assert.ok(!got.some((r) => r[0] === '天气影响'), 'a reason is never a first-level cell');
  assert.deepEqual(got, [
    INDICATOR_HEADER,
    ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10', ''],
    ['', '', '培训场次', '≥6场', '7场', '10', '9', '天气影响'],
    ['', '质量指标', '合格率', '≥95%', '96%', '10', '10', ''],
  ]);
});

test('a page footer between the rows of an indicator table does not end it', () => {
  const input = lines([
    ...INDICATOR_HEADER.slice(0, 7),
    '产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10',
    '第 1 页 共 2 页',
    '效益指标', '社会效益指标', '受益人数', '≥50人', '48人', '10', '9.6',
    '— 2 —',
    '满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '93%', '10', '10',
  ]);
  assert.deepEqual(rebuilt(input), [
    INDICATOR_HEADER.slice(0, 7),
    ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', '10', '10'],
    ['第 1 页 共 2 页'],
    ['效益指标', '社会效益指标', '受益人数', '≥50人', '48人', '10', '9.6'],
    ['— 2 —'],
    ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '93%', '10', '10'],
  ]);
});

test('a small score table (评价内容 ⏎ 分值 ⏎ 得分): a label and its two figures a row, through its 合计; what follows stays one a line', () => {
  const input = lines(['评价内容', '分值', '得分', '预算执行率', '10', '9.62', '产出指标', '45', '44', '合计', '100', '98.62', '六、存在的问题', '10']);
  assert.deepEqual(rebuilt(input), [
    ['评价内容', '分值', '得分'],
    ['预算执行率', '10', '9.62'],
    ['产出指标', '45', '44'],
    ['合计', '100', '98.62'],
    ['六、存在的问题'],
    ['10'],
  ]);
  // Two column words are a header only after a label word; a row that is no label and figures ends the rows.
  assert.deepEqual(rebuilt(lines(['分值', '得分', '10'])), [['分值'], ['得分'], ['10']]);
  assert.deepEqual(rebuilt(lines(['评价内容', '分值', '得分', '预算执行率', '10', '较好'])), [['评价内容', '分值', '得分'], ['预算执行率'], ['10'], ['较好']]);
});

test('a score sheet 一级指标 | 二级指标 | 分值 | 自评得分: its 合计 under the two score columns', () => {
  const input = lines(['一级指标', '二级指标', '分值', '自评得分', '履职效能', '履职目标实现', '30', '28.60', '履职效果', '20', '18.50', '合计', '50', '47.10']);
  assert.deepEqual(rebuilt(input), [
    ['一级指标', '二级指标', '分值', '自评得分'],
    ['履职效能', '履职目标实现', '30', '28.60'],
    ['', '履职效果', '20', '18.50'],
    ['合计', '', '50', '47.10'],
  ]);
});

test('a funding table whose header prints its formulas (年初安排金额① … 小计④=①+②+③ …), one cell a line: its header by the marks in order, then a label and its figures a row', () => {
  const input = lines([
    '资金结构（元）',
    '年初安排金额①', '历年结余结转②', '年中调整③', '小计④=①+②+③', '拨付金额⑤', '支出实现率⑥=⑤/④',
    '①中央财政资金', '100', '0', '50', '150', '140', '93.33%',
    '合计', '100', '0', '50', '150', '140', '93.33%',
  ]);
  // The unit-bearing cell just before the header heads the label column.
  assert.deepEqual(rebuilt(input), [
    ['资金结构（元）', '年初安排金额①', '历年结余结转②', '年中调整③', '小计④=①+②+③', '拨付金额⑤', '支出实现率⑥=⑤/④'],
    ['①中央财政资金', '100', '0', '50', '150', '140', '93.33%'],
    ['合计', '100', '0', '50', '150', '140', '93.33%'],
  ]);
  // Marks out of order, or a row label that starts with a mark followed by figures, make no header.
  assert.deepEqual(rebuilt(lines(['年初安排①', '拨付③', '结余②'])), [['年初安排①'], ['拨付③'], ['结余②']]);
  assert.deepEqual(rebuilt(lines(['①中央财政资金', '100', '②市级财政资金', '50'])), [['①中央财政资金'], ['100'], ['②市级财政资金'], ['50']]);
});

test('an indicator table without 分值/得分 whose target is split over 指标性质 | 指标值 | 度量单位, one cell a line: rows by the kind of each cell', () => {
  const head = ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值', '偏差原因分析及改进措施'];
  const input = lines([...head, '产出指标', '数量指标', '管护面积', '≥', '42.6', '万亩', '42.6', '无', '营造林面积', '≥', '3200', '亩', '3050', '春旱推迟造林', '质量指标', '造林成活率', '≥', '85', '%', '88.2', '无', '四、自评结论']);
  assert.deepEqual(rebuilt(input), [
    head,
    ['产出指标', '数量指标', '管护面积', '≥', '42.6', '万亩', '42.6', '无'],
    ['', '', '营造林面积', '≥', '3200', '亩', '3050', '春旱推迟造林'],
    ['', '质量指标', '造林成活率', '≥', '85', '%', '88.2', '无'],
    ['四、自评结论'],
  ]);
});

test('a task table (任务名称 | 项目 | 主要内容 | 批复金额 | 实际支出金额 | 预算执行率 | 原因), one cell a line: rows of names, a sentence and figures', () => {
  const head = ['任务名称', '项目', '主要内容', '批复金额（元）', '实际支出金额（元）', '预算执行率', '未完成原因和改进措施'];
  const input = lines([...head, '森林资源管护', '天然林管护补助', '落实天然林管护责任', '1862400.00', '1825351.20', '98.01%', '无', '国土绿化', '营造林项目', '完成人工造林', '1045820.00', '982463.80', '93.94%', '部分地块推迟造林']);
  assert.deepEqual(rebuilt(input), [
    head,
    ['森林资源管护', '天然林管护补助', '落实天然林管护责任', '1862400.00', '1825351.20', '98.01%', '无'],
    ['国土绿化', '营造林项目', '完成人工造林', '1045820.00', '982463.80', '93.94%', '部分地块推迟造林'],
  ]);
});

test('column words a PDF-to-text step ran together on one line ("年初预算数 全年预算数 全年执行数", "一级指标 二级指标", "分值 得分") are cells of their own', () => {
  const out = rebuilt(
    lines([
      '项目资金（万元）',
      '年初预算数 全年预算数 全年执行数',
      '分值',
      '执行率',
      '得分',
      '年度资金总额',
      '680.00',
      '742.50',
      '701.36',
      '10',
      '94.46%',
      '9.45',
      '一级指标 二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值 得分',
      '偏差原因分析及改进措施',
      '产出指标（50分）',
      '数量指标',
      '新增监控点位',
      '≥420个',
      '436个',
      '10',
      '10',
      '配备报警装置学校数',
      '=38所',
      '38所',
      '10',
      '10',
      '三、存在的问题',
    ]),
  );
  assert.deepEqual(out.at(-1), ['三、存在的问题']);
  // Words that are not all column words stay one line.
  assert.deepEqual(rebuilt(lines(['全年 执行 情况'])), [['全年 执行 情况']]);
  assert.deepEqual(out[0], ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
  assert.deepEqual(out[1], ['年度资金总额', '680.00', '742.50', '701.36', '10', '94.46%', '9.45']);
  assert.deepEqual(out[2], INDICATOR_HEADER);
  assert.deepEqual(out[3], ['产出指标（50分）', '数量指标', '新增监控点位', '≥420个', '436个', '10', '10', '']);
  assert.deepEqual(out[4], ['', '', '配备报警装置学校数', '=38所', '38所', '10', '10', '']);
});

test('a funds header whose rate carries its unit ("执行率（%）"), one cell a line: the whole header, then a label and its figures a row', () => {
  assert.deepEqual(['执行率（%）', '预算执行率(%)', '执行率（％）', '执行率（%）说明'].map(headerKind), ['fund', 'fund', 'fund', undefined]);
  const input = lines([
    '年度预算资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率（%）', '得分',
    '年度资金总额', '120.00', '130.00', '126.10', '10', '97.00', '9.70',
    '其中：基本支出', '50.00', '52.00', '52.00', '——', '100.00', '——',
  ]);
  assert.deepEqual(rebuilt(input), [
    ['年度预算资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率（%）', '得分'],
    ['年度资金总额', '120.00', '130.00', '126.10', '10', '97.00', '9.70'],
    ['其中：基本支出', '50.00', '52.00', '52.00', '——', '100.00', '——'],
  ]);
});
