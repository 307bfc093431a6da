/** One row of the three-level indicator table (三级绩效指标), shared by department and project evaluations. */
import { z } from 'zod';
import { nonNegativeExactSchema, sourceSchema } from './money.ts';

const text = z.string();
const d = (zh: string, en: string) => ({ description: `${zh} / ${en}` });

export const DIRECTIONS = ['gte', 'lte', 'eq', 'qualitative'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const indicatorSchema = z
  .object({
    level1: text.optional().meta(d('一级指标（产出/效益/满意度）', 'level 1')),
    level2: text.optional().meta(d('二级指标（数量/质量/时效/成本…）', 'level 2')),
    name: text.meta(d('三级指标名称', 'indicator name')),
    direction: z.enum(DIRECTIONS).optional().meta(d('指标性质：gte ≥, lte ≤, eq =, qualitative 定性；不填则由指标值推断', 'direction')),
    target: text.optional().meta(d('年度指标值（原样，如“≥2000家”）', 'annual target as printed')),
    multiYearTarget: text.optional().meta(d('实施周期指标值', 'multi-year target')),
    unitOfMeasure: text.optional().meta(d('度量单位', 'unit of measure')),
    actual: text.optional().meta(d('完成值（原样）', 'actual value as printed')),
    weight: nonNegativeExactSchema.optional().meta(d('分值', 'weight')),
    coefficient: nonNegativeExactSchema.optional().meta(d('得分系数（得分 = 得分系数 × 权重），如 0.9', 'score coefficient (score = coefficient × weight)')),
    score: nonNegativeExactSchema.optional().meta(d('得分（自评）', 'self-score')),
    qualitativeResult: z.enum(['achieved', 'partly', 'not-achieved']).optional().meta(d('定性指标结果：达成/部分达成/未达成', 'qualitative result')),
    deviationReason: text.optional().meta(d('偏差原因', 'deviation reason')),
    source: sourceSchema.optional(),
  })
  .strict();
export type Indicator = z.output<typeof indicatorSchema>;
