/**
 * A project evaluation (项目支出绩效自评): the second subject of the model, kept apart from the department-wide one as
 * the national system keeps them (SPEC §9, the 项目支出绩效自评表 attached to 财预〔2020〕10号). A document of a project
 * layout carries one as `project`; a department evaluation can list its projects' evaluations as `projectEvaluations`.
 */
import { z } from 'zod';
import { indicatorSchema } from './indicator.ts';
import { moneySchema, moneyUnitSchema, nonNegativeExactSchema, printedMapSchema, sourceSchema } from './money.ts';

const text = z.string();
const d = (zh: string, en: string) => ({ description: `${zh} / ${en}` });

/** One 项目资金 row: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分. */
export const projectFundLineSchema = z
  .object({
    initialBudget: moneySchema.optional().meta(d('年初预算数', 'initial budget')),
    adjustedBudget: moneySchema.optional().meta(d('全年预算数（调整后）', 'full-year budget')),
    actualSpending: moneySchema.optional().meta(d('全年执行数', 'spent in the year')),
    weight: nonNegativeExactSchema.optional().meta(d('分值（执行率的分值，通常 10）', 'points for execution, usually 10')),
    score: nonNegativeExactSchema.optional().meta(d('得分（自评，= min(执行率, 100%) × 分值）', 'score as self-assessed')),
    printed: printedMapSchema.optional().meta(d('印出的执行率等（原样）', 'printed rates, as printed')),
    source: sourceSchema.optional(),
  })
  .strict();
export type ProjectFundLine = z.output<typeof projectFundLineSchema>;

export const projectEvaluationSchema = z
  .object({
    name: text.meta(d('项目名称', 'project name')),
    department: text.optional().meta(d('主管部门', 'supervising department')),
    implementingUnit: text.optional().meta(d('实施单位', 'implementing unit')),
    unit: moneyUnitSchema.optional().meta(d('金额单位，默认随评价文件', 'money unit')),
    funds: z
      .object({
        total: projectFundLineSchema.optional().meta(d('年度资金总额', 'total funds of the year')),
        currentYear: projectFundLineSchema.optional().meta(d('其中：当年财政拨款', 'of which: appropriation of the year')),
        carriedOver: projectFundLineSchema.optional().meta(d('上年结转资金', 'carried over from last year')),
        other: projectFundLineSchema.optional().meta(d('其他资金', 'other funds')),
      })
      .strict()
      .optional()
      .meta(d('项目资金', 'project funds')),
    overallTarget: text.optional().meta(d('年度总体目标：预期目标', 'overall target: expected')),
    overallResult: text.optional().meta(d('年度总体目标：实际完成情况', 'overall target: result')),
    indicators: z.array(indicatorSchema).optional().meta(d('绩效指标（一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因）', 'indicators')),
    total: nonNegativeExactSchema.optional().meta(d('总分（自评，印出）', 'total score as printed')),
    max: nonNegativeExactSchema.optional().meta(d('满分，通常 100', 'maximum, usually 100')),
    grade: text.optional().meta(d('自评等级', 'self-assessed grade')),
    source: sourceSchema.optional(),
  })
  .strict();
export type ProjectEvaluation = z.output<typeof projectEvaluationSchema>;
