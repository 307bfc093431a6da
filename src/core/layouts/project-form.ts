import type { Layout } from './types.ts';

/**
 * The national 项目支出绩效自评表 attached to 财预〔2020〕10号, which every province's project self-evaluation follows:
 * 项目资金 rows × 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, 年度总体目标, the three-level indicator table
 * with 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, and 总分.
 */
export const projectForm: Layout = {
  id: 'project-form',
  label: { zh: '项目支出绩效自评表', en: 'project self-evaluation form' },
  region: null,
  years: { from: 2020 },
  subject: 'project',
  description: {
    zh: '财预〔2020〕10号附件式样：项目名称、主管部门、实施单位；项目资金（年度资金总额、当年财政拨款、上年结转资金、其他资金）× 年初预算数、全年预算数、全年执行数、分值、执行率、得分；年度总体目标；三级指标表（年度指标值、实际完成值、分值、得分、偏差原因）；总分。',
    en: 'The form of 财预〔2020〕10号: project, department, implementing unit; funds × initial, full-year budget, spent, points, execution rate, score; overall target; three-level indicators with target, actual, points, score, deviation; total.',
  },
  formulas: { basis: 'mof-2020' },
  rubric: 'mof-2020',
  expected: ['department.name', 'year', 'project.name', 'project.funds.total.adjustedBudget', 'project.funds.total.actualSpending', 'project.funds.total.printed.executionRate', 'project.indicators', 'project.total'],
  rules: {},
  template: 'project-form',
  markers: [
    [/项目支出绩效自评表/, 4],
    [/年度资金总额/, 3],
    [/当年财政拨款/, 2],
    [/上年结转资金/, 1],
    [/全年执行数/, 1],
    [/实施单位/, 1],
    [/年度指标值/, 1],
    [/实际完成值/, 1],
    [/偏差原因分析及改进措施/, 2],
    // The head of every project form, whatever its indicator columns (a province's system export prints 指标性质 |
    // 指标值 | 度量单位 in it): the project, its 主管部门 and its 实施单位, and its fund rows.
    [/项目名称.{2,80}?主管部门.{2,80}?实施单位/, 4],
    [/(?:年度资金总额|总额).{0,80}?其中[：:]?(?:当年)?财政(?:拨款|资金)/, 2],
  ],
};
