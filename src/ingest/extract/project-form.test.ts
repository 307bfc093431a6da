/**
 * The national project self-evaluation form (项目支出绩效自评表, 财预〔2020〕10号) read by header and label words.
 * Every project, department and figure here is invented, in the shapes published forms take.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractBudgetForm } from './budget.ts';
import { extractIdentity } from './identity.ts';
import { extractIndicatorTable } from './indicators.ts';
import { extractProjectForm } from './project-form.ts';
import { extract, foundAt, row, textDocument, valueAt } from './testing.ts';

/** The national form as typed from the published layout: merged label cells left empty below their first row. */
const NATIONAL = [
  '项目支出绩效自评表',
  '（2023年度）',
  row('项目名称', '青禾镇农田水利设施维修养护'),
  row('主管部门', '某某县农业农村局', '实施单位', '某某县水利服务中心'),
  row('项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
  row('', '年度资金总额', '200.00', '240.00', '216.00', '10', '90.00%', '9.00'),
  row('', '其中：当年财政拨款', '200.00', '220.00', '200.00', '—', '90.91%', '—'),
  row('', '上年结转资金', '0.00', '20.00', '16.00', '—', '80.00%', '—'),
  row('', '其他资金', '0.00', '0.00', '0.00', '—', '—', '—'),
  row('年度总体目标', '预期目标', '', '实际完成情况'),
  row('', '完成 30 公里渠道清淤和 12 座泵站维修，保障 5000 亩农田灌溉。', '', '完成渠道清淤 28 公里、泵站维修 12 座，保障农田灌溉 5200 亩。'),
  row('绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
  row('', '产出指标', '数量指标', '渠道清淤长度', '≥30公里', '28公里', '20', '18.67', '汛期延误，次年补足'),
  row('', '', '', '泵站维修数量', '12座', '12座', '15', '15', ''),
  row('', '', '质量指标', '维修验收合格率', '≥95%', '100%', '15', '15', ''),
  row('', '效益指标', '社会效益指标', '保障灌溉面积', '≥5000亩', '5200亩', '30', '30', ''),
  row('', '满意度指标', '服务对象满意度指标', '受益农户满意度', '≥90%', '93%', '10', '10', ''),
  row('总分', '', '', '', '', '', '100', '97.67', ''),
];

const ALL = [extractIdentity, extractBudgetForm, extractIndicatorTable, extractProjectForm];

describe('extractProjectForm: the national form', () => {
  const ctx = extract(textDocument(...NATIONAL), ALL);

  test('is recognised as the project form and names the project, its department and implementing unit', () => {
    assert.equal(ctx.kind, 'project-form');
    assert.equal(valueAt(ctx, 'project.name'), '青禾镇农田水利设施维修养护');
    assert.equal(valueAt(ctx, 'project.department'), '某某县农业农村局');
    assert.equal(valueAt(ctx, 'project.implementingUnit'), '某某县水利服务中心');
    assert.equal(valueAt(ctx, 'department.name'), '某某县农业农村局', 'the department of a project form is its 主管部门');
    assert.equal(valueAt(ctx, 'year'), 2023);
  });

  test('reads every 项目资金 row by its label and every column by its header, each figure with its cell', () => {
    assert.deepEqual(valueAt(ctx, 'project.funds.total.adjustedBudget'), { value: '240.00', unit: '万元', source: foundAt(ctx, 'project.funds.total.adjustedBudget')!.source });
    assert.equal(foundAt(ctx, 'project.funds.total.initialBudget')?.value, '200.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '216.00 万元');
    assert.equal(valueAt(ctx, 'project.funds.total.weight'), '10');
    assert.equal(valueAt(ctx, 'project.funds.total.score'), '9.00');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '90.00%');
    assert.equal(foundAt(ctx, 'project.funds.currentYear.adjustedBudget')?.value, '220.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.carriedOver.actualSpending')?.value, '16.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.currentYear.printed.executionRate')?.value, '90.91%');
    assert.equal(valueAt(ctx, 'project.funds.currentYear.weight'), undefined, 'a dash is no figure');
    const src = foundAt(ctx, 'project.funds.total.actualSpending')!.source;
    assert.equal(src.line, 6);
    assert.equal(src.column, 5);
    assert.match(src.text ?? '', /年度资金总额 \| 全年执行数 216\.00/);
  });

  test('reads the overall target and its result', () => {
    assert.equal(valueAt(ctx, 'project.overallTarget'), '完成 30 公里渠道清淤和 12 座泵站维修，保障 5000 亩农田灌溉。');
    assert.equal(valueAt(ctx, 'project.overallResult'), '完成渠道清淤 28 公里、泵站维修 12 座，保障农田灌溉 5200 亩。');
    assert.equal(foundAt(ctx, 'project.overallResult')?.source.line, 11);
  });

  test('reads the indicators, filling 一级/二级 down, with weights, scores and deviation reasons', () => {
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.equal(list.length, 5);
    const { source, ...first } = list[0]!;
    assert.deepEqual(first, { level1: '产出指标', level2: '数量指标', name: '渠道清淤长度', target: '≥30公里', actual: '28公里', weight: '20', score: '18.67', deviationReason: '汛期延误，次年补足' });
    assert.equal((source as { line: number }).line, 13);
    assert.deepEqual([list[1]!['level1'], list[1]!['level2']], ['产出指标', '数量指标']);
    assert.deepEqual([list[2]!['level1'], list[2]!['level2']], ['产出指标', '质量指标']);
    assert.equal(list[4]!['name'], '受益农户满意度');
  });

  test('reads 总分 from the 得分 column and the maximum from the 分值 column', () => {
    assert.equal(valueAt(ctx, 'project.total'), '97.67');
    assert.equal(valueAt(ctx, 'project.max'), '100');
    assert.equal(foundAt(ctx, 'project.total')?.source.line, 18);
  });

  test('moves what the general extractors read from the project’s tables into the project', () => {
    assert.equal(valueAt(ctx, 'indicators'), undefined);
    assert.equal(valueAt(ctx, 'budget'), undefined);
    assert.ok(!ctx.found.some((f) => f.path === 'indicators' || f.path.startsWith('budget.')));
  });
});

describe('extractProjectForm: other shapes of the same form', () => {
  test('the later form’s other sources (财政专户管理资金, 单位资金) are 其他资金; two of them printed are added up and say so', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表',
        row('项目名称', '城区公共自行车运维补助'),
        row('年度预算数（万元）', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分'),
        row('总额', '100.00', '120.00', '114.00', '95.00%', '10', '9.5'),
        row('其中：财政资金', '80.00', '90.00', '85.50', '95.00%', '/', '/'),
        row('财政专户管理资金', '15.00', '20.00', '19.00', '95.00%', '/', '/'),
        row('单位资金', '5.00', '10.00', '9.50', '95.00%', '/', '/'),
      ),
      ALL,
    );
    assert.equal(foundAt(ctx, 'project.funds.other.actualSpending')?.value, '28.50 万元');
    const { value, derivedFrom } = valueAt(ctx, 'project.funds.other.actualSpending') as { value: string; derivedFrom: unknown };
    assert.deepStrictEqual({ value, derivedFrom }, {
      value: '28.50',
      derivedFrom: { formula: '财政专户管理资金 + 单位资金', inputs: [{ label: '财政专户管理资金', value: '19.00', unit: '万元' }, { label: '单位资金', value: '9.50', unit: '万元' }] },
    });
  });

  test('a value label typed with the next label after it on one line ("主管部门（盖章）：某局 单位：万元") keeps the value only', () => {
    const ctx = extract(textDocument('项目支出绩效自评表', '主管部门（盖章）：某县样例局 单位：万元', row('项目名称', '样例项目')), ALL, { kind: 'project-form' });
    assert.equal(valueAt(ctx, 'project.department'), '某县样例局');
  });

  test('the unit in the merged label beside the fund rows (项目资金 ⏎ （元）), as a text laid out with spaces prints it', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表',
        row('项目名称', '城区公共自行车运维补助'),
        row('', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
        row('项目资金', '年度资金总额', '1,500,000.00', '1,500,000.00', '1,350,000.00', '10', '90.00%', '9'),
        row('（元）', '其中：当年财政拨款', '1,500,000.00', '1,500,000.00', '1,350,000.00', '—', '', ''),
      ),
      ALL,
    );
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '1500000.00 元');
  });

  test('columns in another order, one missing, amounts in 元, labels with colons, a system-export indicator table', () => {
    const ctx = extract(
      textDocument(
        '2022年度项目支出绩效自评表',
        '项目名称：城区公共自行车运维补助',
        row('主管部门', '某某市交通运输局', '实施单位', '某某市公共交通服务中心'),
        row('项目资金（元）', '全年预算数', '全年执行数', '执行率', '分值', '得分'),
        row('年度资金总额', '1,500,000.00', '1,350,000.00', '90.00%', '10', '9'),
        row('其中：当年财政拨款', '1,500,000.00', '1,350,000.00', '90.00%', '/', '/'),
        row('年度总体目标', '预期目标', '实际完成情况'),
        row('', '保障 800 辆公共自行车正常运营。', '全年保障 820 辆公共自行车运营。'),
        row('一级指标', '二级指标', '三级指标', '指标方向', '指标值', '度量单位', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
        row('产出指标', '数量指标', '运营车辆数', '≥', '800', '辆', '820', '25', '25', ''),
        row('', '', '站点数量', '≥', '60', '个', '58', '25', '24.17', '两处站点因道路施工暂停'),
        row('', '时效指标', '故障车辆修复时限', '≤', '48', '小时', '36', '10', '10', ''),
        row('效益指标', '社会效益指标', '市民出行便利程度', '定性', '明显提升', '', '明显提升', '20', '18', ''),
        row('满意度指标', '服务对象满意度指标', '使用者满意度', '≥', '85', '%', '88', '10', '10', ''),
        row('自评等级', '优'),
        '总分：96.17',
      ),
      ALL,
    );
    assert.equal(ctx.kind, 'project-form');
    assert.equal(valueAt(ctx, 'project.name'), '城区公共自行车运维补助');
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '1500000.00 元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '1350000.00 元');
    assert.equal(valueAt(ctx, 'project.funds.total.initialBudget'), undefined, 'no 年初预算数 column, no figure');
    assert.equal(valueAt(ctx, 'project.funds.total.score'), '9');
    assert.equal(valueAt(ctx, 'project.funds.currentYear.score'), undefined);
    assert.equal(valueAt(ctx, 'project.overallTarget'), '保障 800 辆公共自行车正常运营。');
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(
      list.map((i) => [i['level1'], i['level2'], i['name'], i['direction'], i['target'], i['unitOfMeasure'] ?? null, i['actual'], i['score']]),
      [
        ['产出指标', '数量指标', '运营车辆数', 'gte', '≥800辆', '辆', '820', '25'],
        ['产出指标', '数量指标', '站点数量', 'gte', '≥60个', '个', '58', '24.17'],
        ['产出指标', '时效指标', '故障车辆修复时限', 'lte', '≤48小时', '小时', '36', '10'],
        ['效益指标', '社会效益指标', '市民出行便利程度', 'qualitative', '明显提升', null, '明显提升', '18'],
        ['满意度指标', '服务对象满意度指标', '使用者满意度', 'gte', '≥85%', '%', '88', '10'],
      ],
    );
    assert.equal(valueAt(ctx, 'project.total'), '96.17');
    assert.equal(valueAt(ctx, 'project.grade'), '优');
  });

  test('a funds block and a total row whose cells a PDF-to-text step separated by spaces only', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表（2024年度）',
        row('项目名称', '社区老年食堂运营补贴'),
        row('主管部门', '某某区民政局', '实施单位', '某某区养老服务指导中心'),
        '项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分',
        '年度资金总额 80.00 80.00 76.00 10 95.00% 9.50',
        '其中：当年财政拨款 80.00 80.00 76.00 — 95.00% —',
        '总分 100 93.50',
      ),
      [extractIdentity, extractProjectForm],
    );
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '76.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '95.00%');
    assert.equal(valueAt(ctx, 'project.funds.total.score'), '9.50');
    assert.equal(foundAt(ctx, 'project.funds.currentYear.adjustedBudget')?.value, '80.00 万元');
    assert.equal(valueAt(ctx, 'project.funds.currentYear.weight'), undefined);
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.source.line, 5);
    assert.equal(valueAt(ctx, 'project.total'), '93.50');
    assert.equal(valueAt(ctx, 'project.max'), '100');
  });

  test('a provincial variant saved as a web page: merged cells left out of the rows below them, weights inside level names, other header words', () => {
    const ctx = extract(
      textDocument(
        '部门预算项目支出绩效自评表（2023年度）',
        row('项目名称', '示例县农村饮水工程维修补助'),
        row('主管部门', '示例县水务局', '实施单位', '示例县农村供水站'),
        row('项目基本情况', '项目年度目标', '年度目标完成情况'),
        row('保障 26 处集中供水工程正常运行。', '26 处供水工程全年正常运行。'),
        row('预算执行情况（10分）', '年度预算数（万元）', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'),
        row('总额', '60.00', '64.00', '57.60', '90.00%', '10', '9', '年末结算款未支付'),
        row('其中：财政资金', '60.00', '64.00', '57.60', '90.00%', '/', '/'),
        row('绩效指标（90分）', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'),
        row('产出指标(60分)', '数量指标', '维修供水工程数', '≥', '26', '处', '26', '40', '40'),
        row('质量指标', '水质检测合格率', '≥', '95', '%', '97', '20', '20'),
        row('效益指标（20分）', '社会效益指标', '受益人口', '≥', '1.2', '万人', '1.1', '20', '18.33', '部分村庄人口外出'),
        row('满意度指标', '服务对象满意度指标', '群众满意度', '≥', '90', '%', '92', '10', '10'),
        row('合计', '100', '97.33'),
        row('评价结论', '项目总体完成年度目标。'),
      ),
      [extractIdentity, extractProjectForm],
    );
    assert.equal(valueAt(ctx, 'department.name'), '示例县水务局');
    assert.equal(valueAt(ctx, 'project.overallTarget'), '保障 26 处集中供水工程正常运行。');
    assert.equal(valueAt(ctx, 'project.overallResult'), '26 处供水工程全年正常运行。');
    assert.equal(foundAt(ctx, 'project.funds.total.initialBudget')?.value, '60.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '64.00 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.actualSpending')?.value, '57.60 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '90.00%');
    assert.deepEqual([valueAt(ctx, 'project.funds.total.weight'), valueAt(ctx, 'project.funds.total.score')], ['10', '9']);
    assert.equal(foundAt(ctx, 'project.funds.currentYear.actualSpending')?.value, '57.60 万元');
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(
      list.map((i) => [i['level1'], i['level2'], i['name'], i['direction'], i['target'], i['unitOfMeasure'], i['actual'], i['weight'], i['score']]),
      [
        ['产出指标', '数量指标', '维修供水工程数', 'gte', '≥26处', '处', '26', '40', '40'],
        ['产出指标', '质量指标', '水质检测合格率', 'gte', '≥95%', '%', '97', '20', '20'],
        ['效益指标', '社会效益指标', '受益人口', 'gte', '≥1.2万人', '万人', '1.1', '20', '18.33'],
        ['满意度指标', '服务对象满意度指标', '群众满意度', 'gte', '≥90%', '%', '92', '10', '10'],
      ],
    );
    assert.equal(list[2]!['deviationReason'], '部分村庄人口外出');
    assert.equal((list[1]!['source'] as { column: number }).column, 2, 'the name’s own cell');
    assert.deepEqual([valueAt(ctx, 'project.total'), valueAt(ctx, 'project.max')], ['97.33', '100']);
  });

  test('column letters after the header words: 调整预算数(A) | 全年执行数(B) | 执行率(B/A), 指标值(A) | 全年实际值(B)', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表',
        row('项目名称', '草场围栏补助'),
        row('主管部门', '示例旗农牧局', '实施单位', '示例旗草原工作站'),
        row('项目资金（万元）', '', '年初预算数', '调整预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'),
        row('', '年度资金总额', '300', '320', '304', '10', '95.00%', '9.5'),
        row('一级指标', '二级指标', '三级指标', '指标值(A)', '全年实际值(B)', '分值', '得分', '未完成原因分析'),
        row('产出指标', '数量指标', '围栏建设', '≥8000亩', '8000亩', '20', '20', ''),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    assert.equal(foundAt(ctx, 'project.funds.total.adjustedBudget')?.value, '320 万元');
    assert.equal(foundAt(ctx, 'project.funds.total.printed.executionRate')?.value, '95.00%');
    const [ind] = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual([ind!['target'], ind!['actual'], ind!['weight'], ind!['score']], ['≥8000亩', '8000亩', '20', '20']);
  });

  test('a header repeated after a page break and a blank form’s "指标1：" rows are not indicators', () => {
    const ctx = extract(
      textDocument(
        '项目支出绩效自评表',
        row('项目名称', '乡村道路养护'),
        row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
        row('产出指标', '数量指标', '养护里程', '≥120公里', '126公里', '50', '50', ''),
        row('', '', '指标1：', '', '', '', '', ''),
        row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
        row('', '', '路面完好率', '≥90%', '92%', '10', '10', ''),
      ),
      extractProjectForm,
      { kind: 'project-form' },
    );
    const list = valueAt(ctx, 'project.indicators') as Record<string, unknown>[];
    assert.deepEqual(list.map((i) => [i['level1'], i['name']]), [['产出指标', '养护里程'], ['产出指标', '路面完好率']]);
  });

  test('does nothing on a department-wide document', () => {
    const ctx = extract(textDocument(...NATIONAL), ALL, { kind: 'gz-form' });
    assert.equal(valueAt(ctx, 'project'), undefined);
    assert.ok(Array.isArray(valueAt(ctx, 'indicators')), 'the department’s extractors keep what they read');
  });
});

describe('extractProjectForm: a form whose table a page break split into several (DOCX)', () => {
  // Word tables as the DOCX reader gives them: each row a line of its table; a paragraph between has no table.
  let n = 0;
  const t = (table: number | undefined, ...cells: string[]) => ({ cells, loc: { line: ++n }, ...(table !== undefined ? { table } : {}) });
  const doc = {
    format: 'docx' as const,
    lines: [
      t(undefined, '项目支出绩效自评表'),
      t(0, '项目名称', '乡村道路养护补助'),
      t(0, '主管部门', '某县交通运输局', '实施单位', '某县公路所'),
      t(0, '项目资金', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
      t(undefined, '（万元）'),
      t(1, '', '年度资金总额', '300.00', '320.00', '304.00', '10', '95.00%', '9.5'),
      t(1, '', '其中：当年财政拨款', '300.00', '320.00', '304.00', '—', '—', '—'),
      t(1, '绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
      t(1, '', '产出指标', '数量指标', '养护里程', '≥100公里', '104公里', '50', '50'),
      t(undefined, '第 1 页 共 2 页'),
      t(2, '绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
      t(2, '', '效益指标', '社会效益指标', '通行条件改善', '明显改善', '明显改善', '30', '30'),
      t(2, '总分', '', '', '', '', '', '100', '99.5'),
      t(undefined, '表2 其他情况'),
      t(3, '项目名称', '年初预算数', '全年预算数', '全年执行数'),
      t(3, '另一项目', '10.00', '10.00', '10.00'),
    ],
  };
  const ctx = extract(doc, ALL, { kind: 'project-form' });

  test('the fund rows after the unit paragraph are the funds of the header above it', () => {
    assert.deepStrictEqual(['initialBudget', 'adjustedBudget', 'actualSpending'].map((k) => (valueAt(ctx, `project.funds.total.${k}`) as { value: string } | undefined)?.value), ['300.00', '320.00', '304.00']);
  });

  test('the indicator rows go on in the next table past its repeated header, and stop at a table with a caption of its own', () => {
    assert.deepStrictEqual((valueAt(ctx, 'project.indicators') as { name: string }[]).map((x) => x.name), ['养护里程', '通行条件改善']);
  });
});

test('extractProjectForm: the 绩效指标 label printed down the left of the rows (绩效 ⏎ 指标) does not end the table; 自评等级：优 after the total is no indicator', () => {
  const ctx = extract(
    textDocument(
      '项目支出绩效自评表',
      row('项目名称', '社区养老服务补助'),
      row('主管部门', '某市民政局', '实施单位', '某市福利中心'),
      row('', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
      row('绩效', '产出指标', '数量指标', '补助人数', '≥400人', '420人', '50', '50'),
      row('指标', '', '质量指标', '发放准确率', '=100%', '100%', '40', '40'),
      row('', '满意度指标', '服务对象满意度指标', '老人满意度', '≥90%', '93%', '10', '10'),
      row('总分', '', '', '', '', '', '100', '100'),
      row('自评等级：优', '项目负责人：（略）', '财务负责人：（略）'),
    ),
    ALL,
    { kind: 'project-form' },
  );
  assert.deepStrictEqual((valueAt(ctx, 'project.indicators') as { level1?: string; name: string }[]).map((x) => [x.level1, x.name]), [
    ['产出指标', '补助人数'],
    ['产出指标', '发放准确率'],
    ['满意度指标', '老人满意度'],
  ]);
});

test('extractProjectForm: a budget code before the department’s and the unit’s names is no part of them; the signature row after the total is no indicator', () => {
  const ctx = extract(
    textDocument(
      '项目支出绩效自评表',
      row('项目名称', '乡村公路养护'),
      row('主管部门', '632823014-某县交通运输局', '实施单位', '632823014001-某县公路养护站'),
      row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
      row('产出指标', '数量指标', '养护里程', '≥100公里', '104公里', '90', '90'),
      row('总分', '', '', '', '', '100', '99'),
      row('填表人：', '联系电话：', '填报日期：2024年3月26日'),
    ),
    ALL,
    { kind: 'project-form' },
  );
  assert.deepStrictEqual([valueAt(ctx, 'project.department'), valueAt(ctx, 'project.implementingUnit')], ['某县交通运输局', '某县公路养护站']);
  assert.deepStrictEqual((valueAt(ctx, 'project.indicators') as { name: string }[]).map((x) => x.name), ['养护里程']);
});

test('extractProjectForm: the form’s funds block is read before a smaller table of the report above it (支出内容 | 全年预算数 | 全年执行数)', () => {
  const ctx = extract(
    textDocument(
      '项目支出绩效自评报告',
      '表1 资金使用情况',
      row('支出内容', '全年预算数', '全年执行数', '执行率'),
      row('合计', '400.00', '380.00', '95.00%'),
      '',
      '项目支出绩效自评表',
      row('项目名称', '养老服务设施建设'),
      row('项目资金', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
      row('', '年度资金总额', '420.00', '400.00', '380.00', '10', '95.00%', '9.5'),
      row('', '其中：当年财政拨款', '420.00', '400.00', '380.00', '—', '—', '—'),
    ),
    ALL,
    { kind: 'project-form' },
  );
  assert.deepStrictEqual(['initialBudget', 'adjustedBudget', 'actualSpending'].map((k) => (valueAt(ctx, `project.funds.total.${k}`) as { value: string } | undefined)?.value), ['420.00', '400.00', '380.00']);
  assert.equal((valueAt(ctx, 'project.funds.currentYear.initialBudget') as { value: string } | undefined)?.value, '420.00');
});
