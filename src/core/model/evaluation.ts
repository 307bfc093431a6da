/**
 * The evaluation model (SPEC §3): one department or unit × one year, as a schema with inferred types.
 * Names follow ../GLOSSARY.md; the Chinese term stands in each description so the JSON Schema an editor shows
 * speaks the finance officer's language.
 */
import { z } from 'zod';
import { LAYOUT_IDS, layoutLabel } from '../layouts/index.ts';
import { indicatorSchema } from './indicator.ts';
import { projectEvaluationSchema } from './project.ts';
import {
  countSchema,
  exactSchema,
  moneySchema,
  moneyUnitSchema,
  nonNegativeExactSchema,
  percentSchema,
  printedMapSchema,
  printedSchema,
  signedMoneySchema,
  sourceSchema,
  yearSchema,
} from './money.ts';

const text = z.string();
const d = (zh: string, en: string) => ({ description: `${zh} / ${en}` });

/** 年初预算 → 调增/调减 → 调整后预算 → 实际支出: the line every budget table is made of. */
export const budgetLineFields = {
  initialBudget: moneySchema.optional().meta(d('年初预算', 'initial budget')),
  increase: moneySchema.optional().meta(d('预算调增数', 'budget increase')),
  decrease: moneySchema.optional().meta(d('预算调减数（含二次分配）', 'budget decrease, incl. secondary allocation')),
  /** 年度预算调整数 as a signed change, when a document states the change rather than the adjusted total. */
  adjustment: signedMoneySchema
    .optional()
    .meta(d('预算调整资金，即调整的差额（调整后 − 年初）；广州自评表的“年度预算调整数”是调整后的总额，应填 adjustedBudget', 'adjustment amount (adjusted − initial); the Guangzhou form\'s 年度预算调整数 is the adjusted total: write it as adjustedBudget')),
  adjustedBudget: moneySchema.optional().meta(d('调整后预算数（全年预算数）', 'adjusted budget')),
  actualSpending: moneySchema.optional().meta(d('实际支出（决算数）', 'actual spending (final accounts)')),
  printed: printedMapSchema.optional(),
  note: text.optional().meta(d('说明、偏差原因', 'note or deviation reason')),
};
export const budgetLineSchema = z.object(budgetLineFields).strict();
export type BudgetLine = z.output<typeof budgetLineSchema>;

export const FUND_SOURCES = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '单位资金', '其他'] as const;

export const fundSourceSchema = z
  .object({ name: text.meta(d('资金来源名称（一般公共预算、政府性基金预算…）', 'fund source name')), ...budgetLineFields })
  .strict();

export const budgetSummarySchema = z
  .object({
    ...budgetLineFields,
    adjustedRevenue: moneySchema
      .optional()
      .meta(d('部门调整预算收入（收入口径；广州自评表与“年度预算调整数”并列）', 'adjusted budget revenue (the Guangzhou form prints it beside the adjusted budget)')),
    fundSources: z.array(fundSourceSchema).optional().meta(d('按资金来源', 'by fund source')),
    basic: budgetLineSchema.optional().meta(d('基本支出', 'basic expenditure')),
    project: budgetLineSchema.optional().meta(d('项目支出', 'project expenditure')),
    previousYear: budgetLineSchema.optional().meta(d('上年数', "previous year's figures")),
    weight: nonNegativeExactSchema.optional().meta(d('执行率权重（分值），如 10', 'weight of budget execution (points)')),
    score: nonNegativeExactSchema.optional().meta(d('执行率得分（自评，= 权重 × 执行率，不超过权重）', 'execution score as self-assessed (weight × rate, capped)')),
  })
  .strict()
  .meta(d('部门预算总体情况（部门合计）', 'budget summary of the department'));
export type BudgetSummary = z.output<typeof budgetSummarySchema>;

/** 基本支出 of one unit (or of the department), split the way table 3 of the Guangzhou report splits it. */
export const basicBlockSchema = z
  .object({
    name: text.optional().meta(d('单位名称（局本级、下属单位…）', 'unit name')),
    personnel: budgetLineSchema.optional().meta(d('人员经费', 'personnel expenses')),
    routineOperating: budgetLineSchema.optional().meta(d('日常公用经费', 'routine operating expenses')),
    threePublicExpenses: z
      .object({
        ...budgetLineFields,
        overseasTravel: budgetLineSchema.optional().meta(d('因公出国（境）经费', 'overseas travel')),
        officialVehicles: budgetLineSchema.optional().meta(d('公务用车购置及运行维护费', 'official vehicles')),
        officialHospitality: budgetLineSchema.optional().meta(d('公务接待费', 'official hospitality')),
      })
      .strict()
      .optional()
      .meta(d('“三公”经费（合计与三项）', 'the three public expenses: total and parts')),
    total: budgetLineSchema.optional().meta(d('基本支出合计', 'total basic expenditure')),
  })
  .strict();
export type BasicBlock = z.output<typeof basicBlockSchema>;

export const basicExpenditureSchema = z
  .object({
    unit: moneyUnitSchema.optional(),
    printedUnit: text.optional().meta(d('表头印的单位（如与实际不符）', 'unit printed in the header, if it differs')),
    department: basicBlockSchema.optional().meta(d('部门合计', 'department total')),
    byUnit: z.array(basicBlockSchema).optional().meta(d('按单位（局本级、下属单位）', 'by unit')),
  })
  .strict()
  .meta(d('基本支出明细', 'basic expenditure detail'));

export const classificationRowSchema = z
  .object({
    name: text.meta(d('科目名称', 'class name')),
    code: text.optional().meta(d('科目编码', 'class code')),
    ...budgetLineFields,
  })
  .strict();

export const classificationTableSchema = z
  .object({
    unit: moneyUnitSchema.optional(),
    printedUnit: text.optional(),
    rows: z.array(classificationRowSchema),
    total: budgetLineSchema.optional().meta(d('合计行（文件印出）', 'total row as printed')),
  })
  .strict();

export const PROJECT_LEVELS = ['一级', '二级'] as const;

export const projectSchema = z
  .object({
    name: text.meta(d('项目名称', 'project name')),
    implementingUnit: text.optional().meta(d('实施单位（科室）', 'implementing unit')),
    level: z.enum(PROJECT_LEVELS).optional().meta(d('项目级次', 'project level')),
    isKeyProject: z.boolean().optional().meta(d('是否重点项目', 'key project')),
    ...budgetLineFields,
    quarterlySpending: z
      .array(moneySchema)
      .max(4)
      .optional()
      .meta(d('各季度末累计支出（3、6、9、12 月末）', 'cumulative spending at each quarter end')),
    plannedCompletion: text.optional().meta(d('计划完成时间', 'planned completion')),
    actualCompletion: text.optional().meta(d('实际完成时间', 'actual completion')),
    isCompletedOnTime: z.boolean().optional().meta(d('是否按时完成', 'completed on time')),
    indicators: z.array(z.lazy(() => indicatorSchema)).optional(),
    narrative: text.optional().meta(d('项目绩效情况', 'project performance narrative')),
  })
  .strict();
export type Project = z.output<typeof projectSchema>;

export const projectTableSchema = z
  .object({
    unit: moneyUnitSchema.optional(),
    printedUnit: text.optional().meta(d('表头印的单位（如“万元”而数值实为元）', 'unit printed in the header')),
    rows: z.array(projectSchema),
    total: budgetLineSchema.optional().meta(d('合计行（文件印出）', 'total row as printed')),
  })
  .strict()
  .meta(d('项目支出表', 'project table'));

export { DIRECTIONS, type Direction, type Indicator, indicatorSchema } from './indicator.ts';

export const keyIndicatorSchema = z
  .object({
    name: text.meta(d('关键指标', 'key indicator')),
    target: text.optional().meta(d('指标值', 'target')),
    actual: text.optional().meta(d('指标完成情况', 'actual')),
    source: sourceSchema.optional(),
  })
  .strict();

export const keyTaskSchema = z
  .object({
    name: text.meta(d('任务名称（如“任务1”或项目名）', 'key task name')),
    content: text.optional().meta(d('主要实施内容 / 预期目标', 'content or expected result')),
    completion: text.optional().meta(d('目标完成情况', 'completion narrative')),
    plannedAmount: moneySchema.optional().meta(d('拟投入资金', 'planned amount')),
    amount: moneySchema.optional().meta(d('任务涉及金额', 'amount')),
    keyIndicators: z.array(keyIndicatorSchema).optional(),
  })
  .strict();
export type KeyTask = z.output<typeof keyTaskSchema>;

export const managementSchema = z
  .object({
    procurement: z
      .object({
        budget: moneySchema.optional().meta(d('政府采购预算（计划）金额', 'procurement budget')),
        actual: moneySchema.optional().meta(d('实际采购金额', 'actual procurement')),
        printed: printedMapSchema.optional(),
      })
      .strict()
      .optional()
      .meta(d('政府采购', 'government procurement')),
    fixedAssets: z
      .object({
        total: moneySchema.optional().meta(d('固定资产总额', 'fixed assets total')),
        inUse: moneySchema.optional().meta(d('在用固定资产', 'fixed assets in use')),
        printed: printedMapSchema.optional(),
      })
      .strict()
      .optional(),
    staffing: z
      .object({
        authorizedPosts: countSchema.optional().meta(d('核定编制数', 'authorized posts')),
        onEstablishment: countSchema.optional().meta(d('在编人数', 'staff on establishment')),
        offEstablishment: countSchema.optional().meta(d('编外人数（含劳务派遣）', 'staff off establishment')),
        inPost: countSchema.optional().meta(d('实际在职人员总数', 'staff in post')),
        printed: printedMapSchema.optional(),
      })
      .strict()
      .optional(),
    carryOver: z
      .object({
        amount: moneySchema.optional().meta(d('结转结余总额', 'carry-over and balance')),
        previousAmount: moneySchema.optional().meta(d('上年结转结余', "previous year's carry-over")),
        printed: printedMapSchema.optional(),
      })
      .strict()
      .optional(),
    threePublicPrevious: moneySchema.optional().meta(d('上年“三公”经费', "previous year's three public expenses")),
    keySpending: z
      .object({
        keyAmount: moneySchema.optional().meta(d('重点项目支出', 'key spending')),
        totalProjectAmount: moneySchema.optional().meta(d('项目总支出', 'total project spending')),
        printed: printedMapSchema.optional(),
      })
      .strict()
      .optional(),
    quarterlyProgress: z
      .array(percentSchema)
      .max(4)
      .optional()
      .meta(d('各季度末累计支出进度（占全年预算）', 'cumulative spending progress at quarter ends')),
    projectsPlanned: countSchema.optional().meta(d('计划完成项目数', 'projects planned')),
    projectsOnTime: countSchema.optional().meta(d('按时完成项目数', 'projects done on time')),
    keyWorkUndone: countSchema.optional().meta(d('未完成的重点工作项数', 'key work items not done')),
    disclosure: z
      .object({
        budget: z.enum(['complete', 'partial', 'none', 'exempt']).optional().meta(d('预算公开：按要求/有缺陷/未公开/涉密免公开', 'budget disclosure')),
        finalAccounts: z.enum(['complete', 'partial', 'none', 'exempt']).optional().meta(d('决算公开', 'final accounts disclosure')),
        budgetPublishedOn: text.optional(),
        finalAccountsPublishedOn: text.optional(),
        urls: z.array(text).optional(),
      })
      .strict()
      .optional()
      .meta(d('预决算信息公开', 'disclosure')),
    petitions: z
      .object({
        hasChannel: z.boolean().optional().meta(d('建立群众意见反馈渠道', 'feedback channel exists')),
        count: countSchema.optional().meta(d('信访件数', 'petitions received')),
        replied: countSchema.optional().meta(d('已回复件数', 'replied')),
        overdue: countSchema.optional().meta(d('超期件数', 'overdue')),
      })
      .strict()
      .optional()
      .meta(d('群众信访', 'petitions')),
    satisfaction: percentSchema.optional().meta(d('公众或服务对象满意度', 'beneficiary satisfaction')),
    systems: z.array(text).optional().meta(d('管理制度', 'management systems')),
    violations: z.boolean().optional().meta(d('是否存在截留挤占挪用、虚列支出等违规', 'financial violations found')),
  })
  .strict()
  .meta(d('管理情况', 'management facts'));
export type Management = z.output<typeof managementSchema>;

/**
 * A table whose header prints how its columns are computed (年初安排① | 年中调整② | 小计③=①+② | 拨付④ |
 * 支出实现率⑤=④/③ …): kept as printed so that every row can be checked by the header's own formulas.
 */
export const formulaTableSchema = z
  .object({
    title: text.optional().meta(d('表名', 'table title')),
    unit: moneyUnitSchema.optional().meta(d('金额单位', 'money unit')),
    columns: z
      .array(
        z
          .object({
            label: text.meta(d('列名（原样，如“小计③=①+②”）', 'column label as printed')),
            mark: text.optional().meta(d('列号（①、②…）', 'column mark')),
            formula: text.optional().meta(d('表头印出的公式（如“①+②”“④/③”）', 'formula as printed in the header')),
            output: z.enum(['money', 'rate']).optional().meta(d('列的性质：金额 / 比率', 'money or rate column')),
          })
          .strict(),
      )
      .meta(d('列（不含行名列）', 'columns, without the row-name column')),
    rows: z
      .array(
        z
          .object({
            name: text.meta(d('行名（财政资金小计、项目支出…）', 'row name')),
            cells: z.array(z.string().nullable()).meta(d('各列原文（空格为 null）', 'cells as printed, null when empty')),
            source: sourceSchema.optional(),
          })
          .strict(),
      )
      .meta(d('行', 'rows')),
    source: sourceSchema.optional(),
  })
  .strict();
export type FormulaTable = z.output<typeof formulaTableSchema>;

export const selfScoreItemSchema = z
  .object({
    item: text.meta(d('评分项：评分标准中的 id、名称或“一级/二级/三级”路径', 'rubric item: id, name or path')),
    score: nonNegativeExactSchema.meta(d('自评得分', 'self-score')),
    weight: nonNegativeExactSchema.optional().meta(d('文件印出的分值', 'weight as printed')),
    reason: text.optional().meta(d('评分理由', 'reason')),
    checks: z.record(z.string(), z.boolean()).optional().meta(d('各评分要点是否满足（键为要点 id）', 'criteria met, by criterion id')),
    source: sourceSchema.optional(),
  })
  .strict();

export const selfScoresSchema = z
  .object({
    total: nonNegativeExactSchema.optional().meta(d('自评总分（文件印出）', 'self-score total as printed')),
    max: nonNegativeExactSchema.optional().meta(d('满分', 'maximum')),
    grade: text.optional().meta(d('自评等级', 'self-assessed grade')),
    items: z.array(selfScoreItemSchema).optional(),
  })
  .strict();

/** Layout ids (版式) an evaluation may name: the registry's entries (src/core/layouts), then `unknown`. */
export const DOCUMENT_KINDS = LAYOUT_IDS;
export type DocumentKind = string;

/** The label of a kind id as stored (an unknown id reads as the other layout). */
export function documentKindLabel(id: string, lang: 'zh' | 'en'): string {
  return layoutLabel(id, lang);
}
export const LEVELS = ['first-level', 'subordinate', 'own-level'] as const;

export const departmentSchema = z
  .object({
    name: text.optional().meta(d('部门（单位）名称', 'department name')),
    region: text.optional().meta(d('地区', 'region')),
    level: z.enum(LEVELS).optional().meta(d('一级预算部门 / 下属单位 / 局本级', 'level')),
    parent: text.optional().meta(d('上级部门', 'parent department')),
    isAggregate: z.boolean().optional().meta(d('是否为汇总数', 'figures aggregate subordinate units')),
    subordinateCount: countSchema.optional().meta(d('下属单位数', 'number of subordinate units')),
  })
  .strict();

/** Fields a subordinate unit can carry for aggregation into its first-level department. */
const unitFields = {
  budget: budgetSummarySchema.optional(),
  basicExpenditure: basicExpenditureSchema.optional(),
  projects: projectTableSchema.optional(),
  management: managementSchema.optional(),
};

export const subordinateUnitSchema = z
  .object({
    name: text.meta(d('单位名称', 'unit name')),
    unit: moneyUnitSchema.optional(),
    ...unitFields,
  })
  .strict();
export type SubordinateUnit = z.output<typeof subordinateUnitSchema>;

export const EVALUATION_SCHEMA_ID = 'jixiao/evaluation@1';

export const evaluationSchema = z
  .object({
    $schema: z.string().optional(),
    schema: z.literal(EVALUATION_SCHEMA_ID).optional().meta(d('文件格式版本', 'file format version')),
    department: departmentSchema,
    year: yearSchema,
    documentKind: z.enum(DOCUMENT_KINDS).optional().meta(d('文件版式', 'document kind')),
    rubric: text.optional().meta(d('评分标准 id（jixiao rubrics 列出）', 'rubric id')),
    unit: moneyUnitSchema.optional().meta(d('全文件默认金额单位，默认 万元', 'default money unit, 万元 if omitted')),
    preparer: z
      .object({ name: text.optional(), phone: text.optional(), date: text.optional() })
      .strict()
      .optional()
      .meta(d('填报人', 'preparer')),
    functions: z.array(text).optional().meta(d('部门职能', 'functions')),
    overallTarget: text.optional().meta(d('总体绩效目标 / 预期目标', 'overall target')),
    overallResult: text.optional().meta(d('目标完成情况', 'overall result')),
    ...unitFields,
    project: projectEvaluationSchema.optional().meta(d('项目支出绩效自评（文件为项目自评表时）', 'project self-evaluation, when the document is a project form')),
    projectEvaluations: z.array(projectEvaluationSchema).optional().meta(d('本部门各项目的绩效自评', "the department's project self-evaluations")),
    formulaTables: z.array(formulaTableSchema).optional().meta(d('表头带公式的资金表（按表头公式逐行复核）', 'tables whose header prints their formulas')),
    economicClassification: classificationTableSchema.optional().meta(d('按经济分类', 'economic classification')),
    functionalClassification: classificationTableSchema.optional().meta(d('按功能分类', 'functional classification')),
    keyTasks: z.array(keyTaskSchema).optional().meta(d('年度重点工作任务 / 主要任务', 'key tasks')),
    indicators: z.array(indicatorSchema).optional().meta(d('绩效指标表（三级）', 'three-level indicator table')),
    printedIndicatorCounts: z
      .record(z.string(), countSchema)
      .optional()
      .meta(d('文中声明的指标个数（如 产出: 7, 数量: 1）', 'indicator counts the text declares')),
    selfScores: selfScoresSchema.optional(),
    keyProjectNarrative: text.optional().meta(d('重点项目绩效情况', 'key project narrative')),
    performanceNarrative: text.optional().meta(d('部门整体绩效', 'overall performance narrative')),
    problems: z.array(text).optional().meta(d('存在问题', 'problems')),
    measures: z.array(text).optional().meta(d('改进措施', 'improvement measures')),
    resultUse: text.optional().meta(d('结果应用', 'use of results')),
    subordinates: z.array(subordinateUnitSchema).optional().meta(d('下属单位（用于汇总）', 'subordinate units, for aggregation')),
    notes: z.array(text).optional().meta(d('录入说明', "data entry notes")),
  })
  .strict();

export type Evaluation = z.output<typeof evaluationSchema>;
export type EvaluationInput = z.input<typeof evaluationSchema>;
export { exactSchema };
export const printedValueSchema = printedSchema;
