/**
 * The national project form as copies leave it: flattened onto one line with spaces (a DOCX or XLSX text dump), rows
 * whose empty cells a web copy dropped, a row label on one line and its figures on the next, a two-row indicator
 * header flattened with its first data row glued on. Every project, department and figure here is invented, in the
 * shapes published forms take.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractProjectForm, placeFundFigures } from './project-form.ts';
import { extract, foundAt, row, textDocument, valueAt } from './testing.ts';

const FUND_KEYS = ['initialBudget', 'adjustedBudget', 'actualSpending', 'weight', 'rate', 'score'] as const;

describe('placeFundFigures: the figures of a 项目资金 row under the header’s columns', () => {
  test('as many figures as columns: each in its column', () => {
    assert.deepEqual(placeFundFigures(FUND_KEYS, ['120', '150', '135', '10', '90.00%', '9']), {
      initialBudget: '120',
      adjustedBudget: '150',
      actualSpending: '135',
      weight: '10',
      rate: '90.00%',
      score: '9',
    });
  });

  test('a bare number under 执行率 is a percentage only where every column has its cell; a zero budget is not checked', () => {
    assert.deepEqual(placeFundFigures(FUND_KEYS, ['0', '0', '0', '10', '0', '0']), { initialBudget: '0', adjustedBudget: '0', actualSpending: '0', weight: '10', rate: '0%', score: '0' });
  });

  test('a printed rate that disagrees with 执行数 ÷ 全年预算数 leaves the row unread', () => {
    assert.equal(placeFundFigures(FUND_KEYS, ['120', '150', '135', '10', '80.00%', '8']), undefined);
  });

  test('one empty cell dropped: the only placing whose rate agrees (全年预算数 and 全年执行数, not 分值 as 执行数)', () => {
    assert.deepEqual(placeFundFigures(FUND_KEYS, ['48.00', '46.50', '10', '96.88%', '9']), { adjustedBudget: '48.00', actualSpending: '46.50', weight: '10', rate: '96.88%', score: '9' });
  });

  test('a rate rounded or cut off to whole percent agrees within one unit of its last digit', () => {
    assert.equal(placeFundFigures(['adjustedBudget', 'actualSpending', 'rate'], ['3000', '2999.5', '99%'])?.actualSpending, '2999.5');
    assert.equal(placeFundFigures(['adjustedBudget', 'actualSpending', 'rate'], ['3000', '2999.5', '98%']), undefined);
  });

  test('where a lone 10 may be 分值 or 得分, the amounts and the rate are taken and the 10 is left', () => {
    const keys = ['initialBudget', 'adjustedBudget', 'actualSpending', 'rate', 'weight', 'score'] as const;
    assert.deepEqual(placeFundFigures(keys, ['60.00', '64.00', '64.00', '100.00%', '10']), { initialBudget: '60.00', adjustedBudget: '64.00', actualSpending: '64.00', rate: '100.00%' });
  });

  test('without a printed rate a short row cannot be placed; nor can more figures than columns', () => {
    assert.equal(placeFundFigures(FUND_KEYS, ['48.00', '46.50', '10']), undefined);
    assert.equal(placeFundFigures(['adjustedBudget', 'actualSpending', 'rate'], ['48', '46', '95.83%', '10']), undefined);
  });
});

/** A form a DOCX text dump flattened onto one line: file properties, then every cell separated by a space. */
const FLAT = [
  '某某 文档属性 2023-01-09T08:00:00Z 2023-02-01T08:00:00Z 15.00 False False 附件: 项目支出绩效自评表 (2023年度) 项目名称 乡村公路养护补助',
  '主管部门 305-某某县交通运输局 实施单位 305001-某某县公路养护站 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分',
  '年度资金总额: 120 150 135 10 90% 9 其中:本年财政拨款 120 150 135 上年结转资金 其他资金 年度总体目标 预期目标 实际完成情况',
  '完成县乡道路日常养护。 完成日常养护。 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施',
  '产出指标(50分) 数量指标 养护里程 ≥80公里 82 20 20 质量指标 路面合格率 ≥95% 96% 10 10 时效指标 完工及时性 按期完成 按期完成 10 10',
  '成本指标 效益指标(30分) 社会效益指标 群众出行便利度 明显改善 明显改善 30 28 满意度指标(10分) 满意度指标 群众满意度 ≥90% 93% 10 10 总分 100 97',
].join(' ');

describe('extractProjectForm: a form flattened onto one line with spaces', () => {
  const ctx = extract(textDocument(FLAT), extractProjectForm, { kind: 'project-form' });

  test('reads 项目名称, 主管部门 and 实施单位, without the budget code before a name', () => {
    assert.equal(valueAt(ctx, 'project.name'), '乡村公路养护补助');
    assert.equal(valueAt(ctx, 'project.department'), '某某县交通运输局');
    assert.equal(valueAt(ctx, 'project.implementingUnit'), '某某县公路养护站');
    assert.equal(valueAt(ctx, 'department.name'), '某某县交通运输局');
  });

  test('reads the 年度资金总额 row by the header words’ order, and not a row with fewer figures than columns', () => {
    assert.equal(foundAt(ctx, 'project.funds.total.initialBudget')?.value, '120 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '150 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '135 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '90%');
    assert.deepEqual([valueAt(ctx, 'project.funds.total.weight'), valueAt(ctx, 'project.funds.total.score')], ['10', '9']);
    assert.equal(valueAt(ctx, 'project.funds.currentYear'), undefined, 'three figures under six columns: not guessed');
    assert.match(foundAt(ctx, 'project.funds.total.actualSpending')?.source.text ?? '', /^年度资金总额: 120 150 135 10 90% 9$/);
  });

  test('reads the indicator rows, carrying the level words and passing over a level-2 word with no rows', () => {
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(
      list.map((i) => [i['level1'], i['level2'], i['name'], i['target'], i['actual'], i['weight'], i['score']]),
      [
        ['产出指标', '数量指标', '养护里程', '≥80公里', '82', '20', '20'],
        ['产出指标', '质量指标', '路面合格率', '≥95%', '96%', '10', '10'],
        ['产出指标', '时效指标', '完工及时性', '按期完成', '按期完成', '10', '10'],
        ['效益指标', '社会效益指标', '群众出行便利度', '明显改善', '明显改善', '30', '28'],
        ['满意度指标', '满意度指标', '群众满意度', '≥90%', '93%', '10', '10'],
      ],
    );
  });

  test('reads 总分 as 分值 then 得分', () => {
    assert.deepEqual([valueAt(ctx, 'project.total'), valueAt(ctx, 'project.max')], ['97', '100']);
  });

  test('a rate that disagrees leaves the row unread; a name with a space in it stops the indicators where it stands', () => {
    const broken = FLAT.replace('135 10 90% 9', '135 10 80% 8').replace('路面合格率', '路面 合格率');
    const c2 = extract(textDocument(broken), extractProjectForm, { kind: 'project-form' });
    assert.equal(valueAt(c2, 'project.funds'), undefined);
    const list = valueAt(c2, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(list.map((i) => i['name']), ['养护里程']);
  });

  test('a target split by a space is not read as the actual, nor the actual as 分值', () => {
    const c3 = extract(textDocument(FLAT.replace('≥80公里 82', '≥80 公里 82')), extractProjectForm, { kind: 'project-form' });
    assert.equal(valueAt(c3, 'project.indicators'), undefined);
  });
});

describe('extractProjectForm: 项目资金 rows whose empty cells a copy dropped', () => {
  test('a short row is placed by its printed rate, never by position (分值 is not 全年执行数)', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表（2023年度）',
        row('项目名称', '林区防火通道维修'),
        row('主管部门', '某某县林业局', '实施单位', '某某县国有林场'),
        row('项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
        row('年度资金总额', '48.00', '46.50', '10', '96.88%', '9'),
        row('其中：当年财政拨款', '48.00', '46.50', '10'),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    assert.equal(valueAt(ctx, 'project.funds.total.initialBudget'), undefined);
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '48.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '46.50 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '96.88%');
    assert.equal(valueAt(ctx, 'project.funds.currentYear'), undefined, 'no rate to tell where the cell went');
  });

  test('a short row with a reason in its last cell is placed by its figures, not by position', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表',
        row('项目名称', '林区防火通道维修'),
        row('预算执行情况', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'),
        row('总额', '64.00', '57.60', '90.00%', '10', '9', '年末结算款未支付'),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    assert.equal(valueAt(ctx, 'project.funds.total.initialBudget'), undefined);
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '64.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '57.60 万元');
    assert.deepEqual([valueAt(ctx, 'project.funds.total.weight'), valueAt(ctx, 'project.funds.total.score')], ['10', '9']);
  });

  test('a row label on one line and its figures on the next', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表',
        row('项目名称', '林区防火通道维修'),
        row('主管部门', '某某县林业局', '实施单位', '某某县国有林场'),
        '项目资金 (万元)',
        row('', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
        '年度资金总额',
        row('', '48.00', '46.50', '10', '96.88%', '9'),
        '其中:当年财政拨款',
        row('', '48.00', '46.50', '10', '96.88%', '9'),
        row('年度总体目标', '预期目标', '实际完成情况'),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '48.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '46.50 万元');
    assert.equal(foundAt(ctx, 'project.funds.currentYear.actualSpending')?.value, '46.50 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.source.line, 7);
  });

  test('a label at the end of the line above its figures, the unit at the end of the line before the header', () => {
    const ctx = extract(
      textDocument(
        row('2023年度项目支出绩效自评表', '部门：某某县第二中学'),
        row('', '公开14表', '项目名称', '学生营养餐补助', '主管部门', '某某县教育体育局', '实施单位', '某某县第二中学', '项目资金 (元)'),
        row('', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '年度资金总额'),
        row('', '256300.00', '256300.00', '10', '100%', '10', '其中:当年财政 拨款'),
        row('', '256300.00', '256300.00', '—'),
        row('', '—', '上年结转 资金'),
        row('', '—', '其他资金', '—', '—', '—', '—'),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '256300.00 元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '256300.00 元');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '100%');
    assert.equal(valueAt(ctx, 'project.funds.currentYear'), undefined, 'its figures do not tell their columns');
  });

  test('a web table flattened one cell per line, with a 原因 column after 得分', () => {
    const ctx = extract(
      textDocument(
        '部门预算项目支出绩效自评表（2023年度）',
        '项目名称', '工资性支出', '主管部门', '某某县发展和改革局本级',
        '预算执行情况（10分）', '年度预算数（万元）', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因',
        '总额', '120.50', '126.80', '126.80', '100.00%', '10', '1.预算执行率=预算执行数/调整后预算数。',
        '其中：财政资金', '120.50', '126.80', '126.80', '100.00%', '/', '/',
        '绩效指标',
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    assert.equal(foundAt(ctx, 'project.funds.total.initialBudget')?.value, '120.50 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '126.80 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '126.80 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '100.00%');
    assert.equal(valueAt(ctx, 'project.funds.total.weight'), undefined, '分值 or 得分: the lone 10 is left');
    assert.equal(foundAt(ctx, 'project.funds.currentYear.actualSpending')?.value, '126.80 万元');
  });

  test('a header with a formula after 执行率: 预算执行率(B/A×100%)', () => {
    const ctx = extract(
      textDocument(
        '转移支付绩效自评表（2023年度）',
        row('项目名称', '就业补助资金'),
        row('主管部门', '某某市人力资源和社会保障局'),
        row('全年预算数(A)', '全年执行数(B)', '预算执行率(B/A×100%)'),
        row('年度资金总额:', '600.0', '516.3', '86%'),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '516.3 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '86%');
  });
});

describe('extractProjectForm: indicator headers as copies leave them', () => {
  test('a two-row header flattened into one row with the first data row glued on; rows that lost or kept leading cells', () => {
    const ctx = extract(
      textDocument(
        '2023年度项目支出绩效自评表',
        row('项目名称', '学生营养餐补助'),
        row('主管部门', '某某县教育体育局', '实施单位', '某某县第二中学'),
        row(
          '', '年度 总体 目标', '预期目标', '实际完成情况', '保障学生营养餐。', '全年保障学生营养餐。',
          '绩效指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施',
          '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位',
          '产出指标', '数量指标', '受助学生人次', '≧', '600', '人次', '610', '20', '20',
        ),
        row('', '质量指标', '营养餐覆盖率', '═', '100', '%', '100%', '20', '20'),
        row('', '效益指标', '社会效益 指标', '政策知晓率', '≧', '90', '%', '95%', '30', '30'),
        row('', '满意度指标', '服务对象满意度指标', '学生满意度', '≧', '90', '%', '96%', '10', '10'),
        row('', '家长满意度', '≧', '90', '%', '94%', '10', '10'),
        row('', '其他需要说明事项', '无', '总分', '100', '100', '优'),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(
      list.map((i) => [i['level1'], i['level2'], i['name'], i['target'], i['actual'], i['weight'], i['score']]),
      [
        ['产出指标', '数量指标', '受助学生人次', '≥600人次', '610', '20', '20'],
        ['产出指标', '质量指标', '营养餐覆盖率', '=100%', '100%', '20', '20'],
        ['效益指标', '社会效益 指标', '政策知晓率', '≥90%', '95%', '30', '30'],
        ['满意度指标', '服务对象满意度指标', '学生满意度', '≥90%', '96%', '10', '10'],
        ['满意度指标', '服务对象满意度指标', '家长满意度', '≥90%', '94%', '10', '10'],
      ],
    );
    assert.equal(list[1]!['direction'], 'eq');
  });

  test('指标性质 (定量/定性) beside 指标方向: the sign from 指标方向, the unit from 计量单位', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表',
        row('项目名称', '河道保洁'),
        row('一级指标', '二级指标', '三级指标', '指标性质', '指标方向', '指标值', '计量单位', '实际值', '分值', '得分'),
        row('产出指标', '数量指标', '保洁河道长度', '定量', '≥', '42', '公里', '43', '30', '30'),
        row('', '', '保洁效果', '定性', '', '明显', '', '明显', '20', '20'),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(list.map((i) => [i['target'], i['direction'] ?? null]), [['≥42公里', 'gte'], ['明显', 'qualitative']]);
  });

  test('a table that never prints 一级指标 in its rows: the group from the 二级 word', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表',
        row('项目名称', '职业技能培训'),
        row('一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '分值', '得分'),
        row('', '数量指标', '培训人次', '≥500人次', '520人次', '30', '30'),
        row('', '社会效益指标', '培训后就业率', '≥80%', '85%', '30', '30'),
        row('', '服务对象满意度指标', '学员满意度', '≥90%', '92%', '20', '20'),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(list.map((i) => [i['level1'], i['target']]), [['产出指标', '≥500人次'], ['效益指标', '≥80%'], ['满意度指标', '≥90%']]);
  });
});

/**
 * A national form as a PDF-to-text step runs it together: single spaces between cells, the header words and the level
 * words a narrow cell wrapped over two or three lines, and a page break (blank lines, a footer “- 1 -”) between the
 * indicator rows.
 */
const WRAPPED = [
  '项目支出绩效自评表',
  '（2023年度）',
  '项目名称 青岚县森林防火巡护补助',
  '主管部门 青岚县林业局 实施单位 青岚县国有林场',
  '年度 总体目标 预期目标 实际完成情况',
  '完成全县林区防火巡护。 完成全县林区防火巡护。',
  '绩效指标',
  '一级',
  '指标 二级指标 三级指标 年度',
  '指标值',
  '实际',
  '完成值 分值 得分 偏差原因分析',
  '及改进措施',
  '产出',
  '指标',
  '（50分）',
  '数量指标 巡护里程 ≥3000公里 3150公里 20 20 无',
  '质量指标 火情处置率 100% 100% 15 15 无',
  '',
  '- 1 -',
  '',
  '时效指标 火情响应时间 ≤30分钟 25分钟 15 15 无',
  '效益',
  '指标',
  '（30分）',
  '社会效益指标 森林火灾发生率 ≤0.5‰ 0.3‰ 30 28 个别林区巡护频次不足',
  '满意度',
  '指标',
  '（10分）',
  '服务对象满意度指标 林区群众满意度 ≥90% 92% 10 10 无',
  '总分 100 98',
];

describe('extractProjectForm: header and level words wrapped over lines, a page break among the rows', () => {
  test('reads every indicator with its levels, target, actual, weight, score and reason, across the page break', () => {
    const ctx = extract(textDocument(...WRAPPED), extractProjectForm, { kind: 'project-form' });
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(
      list.map((i) => [i['level1'], i['level2'], i['name'], i['target'], i['actual'], i['weight'], i['score'], i['deviationReason'] ?? null]),
      [
        ['产出指标', '数量指标', '巡护里程', '≥3000公里', '3150公里', '20', '20', null],
        ['产出指标', '质量指标', '火情处置率', '100%', '100%', '15', '15', null],
        ['产出指标', '时效指标', '火情响应时间', '≤30分钟', '25分钟', '15', '15', null],
        ['效益指标', '社会效益指标', '森林火灾发生率', '≤0.5‰', '0.3‰', '30', '28', '个别林区巡护频次不足'],
        ['满意度指标', '服务对象满意度指标', '林区群众满意度', '≥90%', '92%', '10', '10', null],
      ],
    );
    // The row after the page break keeps its own line.
    assert.equal((list[2]!['source'] as { line: number }).line, 22);
    assert.equal(foundAt(ctx, 'project.indicators')?.value, '5 个三级指标');
    assert.deepEqual([valueAt(ctx, 'project.total'), valueAt(ctx, 'project.max')], ['98', '100']);
  });

  test('without the 一级 ⏎ 指标 header the wrapped rows are not read as indicators', () => {
    const headless = WRAPPED.filter((_, i) => i < 7 || i > 12);
    const ctx = extract(textDocument(...headless), extractProjectForm, { kind: 'project-form' });
    assert.equal(valueAt(ctx, 'project.indicators'), undefined);
  });
});
