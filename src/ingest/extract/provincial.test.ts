/**
 * Department-wide forms of other provinces, end to end through the importer: each made-up document (invented
 * departments and figures, in the shapes of published forms) must give the summary a reviewer reads from it — the
 * layout, department, year, budget, printed rates, indicators and self-score. One document per family of SPEC §9.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toPlainString } from '../../core/exact.ts';
import { summarize } from '../../core/summary.ts';
import { importSource } from '../import.ts';
import { row, textDocument } from './testing.ts';

function summaryOf(...lines: string[]) {
  const r = importSource(textDocument(...lines), '样例.txt');
  assert.ok(r.ok && r.evaluation, 'imports to a valid evaluation');
  return { s: summarize(r.evaluation), e: r.evaluation };
}

const head = (s: ReturnType<typeof summarize>) => ({ department: s.department, year: s.year, documentKind: s.documentKind, budget: s.budget, printedRates: s.printedRates, selfScore: s.selfScore });
const targets = (s: ReturnType<typeof summarize>) => s.indicators.map((i) => `${i.level1 ?? ''}/${i.level2 ?? ''}/${i.name}: ${i.target} → ${i.actual}`);

describe('department-wide forms of other provinces, read end to end', () => {
  it('a funding-structure form: the budget from its 合计 row, every row kept with the header formulas', () => {
    const { s, e } = summaryOf(
      '样例省青川县自然资源局2023年度部门整体支出绩效自评表',
      '金额单位：万元',
      row('资金情况', '年初安排①', '年中调整②', '小计③=①+②', '拨付④', '支出实现率⑤=④/③', '结余⑥=③－④', '结余率⑦=⑥/③'),
      row('财政资金小计', '1,860.00', '240.50', '2,100.50', '2,016.48', '96.00%', '84.02', '4.00%'),
      row('其中：基本支出', '1,200.00', '35.20', '1,235.20', '1,230.10', '99.59%', '5.10', '0.41%'),
      row('项目支出', '660.00', '205.30', '865.30', '786.38', '90.88%', '78.92', '9.12%'),
      row('其他收入', '50.00', '0.00', '50.00', '42.00', '84.00%', '8.00', '16.00%'),
      row('合计', '1,910.00', '240.50', '2,150.50', '2,058.48', '95.72%', '92.02', '4.28%'),
      row('年度绩效目标', '完成不动产登记、耕地保护和地质灾害防治年度任务。'),
      row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因'),
      row('产出指标', '数量指标', '不动产登记办件量', '≥12000件', '13250件', '50', '50'),
      row('效益指标', '社会效益指标', '地质灾害隐患点监测覆盖率', '100%', '100%', '40', '40'),
      row('满意度指标', '服务对象满意度指标', '办事群众满意度', '≥90%', '94%', '10', '10'),
      row('自评得分', '100'),
    );
    assert.deepStrictEqual(head(s), {
      department: '样例省青川县自然资源局',
      year: 2023,
      documentKind: 'funding-structure-form',
      budget: { initial: '1910.00', adjusted: '2150.50', actual: '2058.48' },
      printedRates: { completion: '95.72', adjustment: null },
      selfScore: { total: '100', max: null },
    });
    assert.equal(s.indicators.length, 3);
    assert.deepStrictEqual(e.formulaTables?.[0]?.rows.map((r) => r.name), ['财政资金小计', '其中：基本支出', '项目支出', '其他收入', '合计']);
    assert.deepStrictEqual(s.projects, []);
  });

  it('an execution-score form: 主管部门, 自评总分, the budget row with 执行率权重 and 执行率得分, indicators by 指标名称 with 得分系数', () => {
    const { s, e } = summaryOf(
      '部门整体绩效自评表',
      '（2023年度）',
      row('主管部门', '样例市云岭区城市管理局', '财政处室', '经济建设科', '自评总分（分）', '95.6'),
      row('部门预算执行情况（万元）', '年初预算数', '全年（调整）预算数', '全年执行数', '执行率（%）', '执行率权重', '执行率得分（分）'),
      row('', '5,320.00', '5,876.40', '5,640.29', '95.98', '10', '9.6'),
      row('指标名称', '计量单位', '指标性质', '年初指标值', '调整指标值', '全年完成值', '得分系数（%）', '指标权重（分）', '指标得分（分）', '是否核心指标'),
      row('预算完成率', '%', '定量指标', '≥95%', '', '95.98%', '100%', '10', '10', '是'),
      row('市政设施维修及时率', '%', '定量指标', '≥95%', '', '93%', '90%', '10', '9', '否'),
      row('数字城管平台运行', '—', '定性指标', '稳定运行', '', '稳定运行', '100%', '10', '10', '否'),
    );
    assert.deepStrictEqual(head(s), {
      department: '样例市云岭区城市管理局',
      year: 2023,
      documentKind: 'execution-score-form',
      budget: { initial: '5320.00', adjusted: '5876.40', actual: '5640.29' },
      printedRates: { completion: '95.98', adjustment: null },
      selfScore: { total: '95.6', max: null },
    });
    assert.deepStrictEqual([e.budget?.weight, e.budget?.score].map((x) => x && toPlainString(x)), ['10', '9.6']);
    assert.deepStrictEqual(e.indicators?.map((i) => i.coefficient && toPlainString(i.coefficient)), ['1', '0.9', '1']);
    assert.deepStrictEqual(targets(s), ['//预算完成率: ≥95% → 95.98%', '//市政设施维修及时率: ≥95% → 93%', '//数字城管平台运行: 稳定运行 → 稳定运行']);
    assert.deepStrictEqual(e.indicators?.map((i) => i.direction ?? null), [null, null, 'qualitative']);
  });

  it('a weighted-section form: weights out of the names, the budget from its head block, 合计 as total and maximum', () => {
    const { s, e } = summaryOf(
      '样例省湘川县水利局2022年度部门整体支出绩效自评表',
      '单位：万元',
      row('部门预算执行情况', '年初预算数', '调整后预算数', '实际支出数', '预算完成率', '预算调整率'),
      row('部门预算', '3,180.60', '3,402.80', '3,310.88', '97.30%', '6.99%'),
      row('一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '分值', '自评得分'),
      row('预算执行（30分）', '预算执行管理', '预算完成率', '100%', '97.30%', '20', '19.5'),
      row('', '', '结转结余率', '≤5%', '2.70%', '10', '10'),
      row('产出指标（40分）', '数量指标', '河道清淤疏浚长度', '≥42公里', '45公里', '40', '40'),
      row('效益指标（30分）', '社会效益指标', '防洪保护人口', '≥12万人', '12.4万人', '30', '30'),
      row('合计', '', '', '', '', '100', '99.5'),
    );
    assert.deepStrictEqual(head(s), {
      department: '样例省湘川县水利局',
      year: 2022,
      documentKind: 'weighted-section-form',
      budget: { initial: '3180.60', adjusted: '3402.80', actual: '3310.88' },
      printedRates: { completion: '97.30', adjustment: '6.99' },
      selfScore: { total: '99.5', max: '100' },
    });
    assert.deepStrictEqual(s.indicators.map((i) => i.level1), ['预算执行', '预算执行', '产出指标', '效益指标']);
    assert.deepStrictEqual(e.selfScores?.items?.map((i) => i.item), ['预算执行', '产出指标', '效益指标']);
  });

  it('a system export: the target over 指标性质 | 指标值 | 度量单位 with its header over two rows, 总分 | 90 | 87.2', () => {
    const { s } = summaryOf(
      '样例省澜川州文化和旅游局部门整体支出绩效自评表',
      '（2023年度）',
      row('部门预算执行情况（万元）', '年初预算数', '全年预算数', '全年执行数', '执行率'),
      row('', '2,318.66', '2,540.12', '2,466.05', '97.08%'),
      '部门整体支出绩效指标',
      row('绩效指标', '', '', '年度指标值', '', '', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
      row('一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'),
      row('产出指标', '数量指标', '送戏下乡场次', '≥', '120', '场', '135', '30', '30'),
      row('', '质量指标', '文物安全事故', '﹦', '0', '起', '0', '30', '30'),
      row('效益指标', '可持续影响指标', '非遗传承人队伍', '定性', '稳定', '', '稳定', '30', '27.2'),
      row('总分', '', '90', '87.2'),
    );
    assert.deepStrictEqual(head(s), {
      department: '样例省澜川州文化和旅游局',
      year: 2023,
      documentKind: 'system-export',
      budget: { initial: '2318.66', adjusted: '2540.12', actual: '2466.05' },
      printedRates: { completion: '97.08', adjustment: null },
      selfScore: { total: '87.2', max: '90' },
    });
    assert.deepStrictEqual(targets(s), ['产出指标/数量指标/送戏下乡场次: ≥120场 → 135', '产出指标/质量指标/文物安全事故: =0起 → 0', '效益指标/可持续影响指标/非遗传承人队伍: 稳定 → 稳定']);
  });

  it('a prose report: figures in sentences, a small table of budget parts (not projects), the score and grade in the conclusion', () => {
    const { s, e } = summaryOf(
      '样例省祁川县财政局',
      '2022年度部门整体支出绩效自评报告',
      '一、部门概况',
      '县财政局负责全县财政收支管理、预算编制与执行等工作。',
      '二、部门整体支出管理及使用情况',
      '2022年全年预算总额为1,286.45万元，其中年初预算1,150.20万元，年中追加136.25万元；截至12月31日，全年实际支出1,241.63万元，预算执行率（完成率）为96.52%。',
      '表1 2022年度部门预算执行情况',
      '单位：万元',
      row('项目', '年初预算', '调整后预算', '实际支出', '执行率'),
      row('基本支出', '980.20', '1,010.45', '1,002.87', '99.25%'),
      row('项目支出', '170.00', '276.00', '238.76', '86.51%'),
      row('合计', '1,150.20', '1,286.45', '1,241.63', '96.52%'),
      '三、部门整体支出绩效情况',
      '全年组织财政业务培训12期。',
      '四、存在的问题',
      '部分项目预算编制不够精准。',
      '五、自评结论',
      '按照部门整体支出绩效评价指标体系，我局自评得分为92.6分，自评等级为“优”。',
    );
    assert.deepStrictEqual(head(s), {
      department: '样例省祁川县财政局',
      year: 2022,
      documentKind: 'prose-report',
      budget: { initial: '1150.20', adjusted: '1286.45', actual: '1241.63' },
      printedRates: { completion: '96.52', adjustment: null },
      selfScore: { total: '92.6', max: null },
    });
    assert.deepStrictEqual(s.projects, []);
    assert.equal(e.selfScores?.grade, '优');
  });
});
