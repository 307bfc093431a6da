/**
 * The rubric file format (docs/rubric-format.md): a tree of 一级 → 二级 → 三级 items with weights; each leaf
 * names a scoring method from the registry and its parameters. Rubrics are data a finance bureau edits yearly.
 */
import { DOCUMENT_KINDS } from '../model/evaluation.ts';
import { z } from 'zod';
import { nonNegativeExactSchema, percentSchema } from '../model/money.ts';

const d = (zh: string, en: string) => ({ description: `${zh} / ${en}` });
const text = z.string();
const points = nonNegativeExactSchema;

/** One band of a tier table: the first band whose bounds hold gives its points. Bounds are rates ("90%"). */
export const tierSchema = z
  .object({
    gte: percentSchema.optional(),
    gt: percentSchema.optional(),
    lte: percentSchema.optional(),
    lt: percentSchema.optional(),
    points,
    label: text.optional(),
  })
  .strict();
export type Tier = z.output<typeof tierSchema>;

export const criterionSchema = z
  .object({
    id: text.meta(d('要点 id（自评中 checks 用它）', 'criterion id')),
    text: text.meta(d('评分要点', 'criterion')),
    points,
    fact: text.optional().meta(d('可由数据判断时的事实 id', 'fact that decides it')),
  })
  .strict();

const methodBase = {
  name: text.meta(d('指标名称', 'item name')),
  id: text.optional(),
  weight: points.meta(d('分值', 'weight')),
  standard: text.optional().meta(d('评分标准原文', 'scoring standard as published')),
  note: text.optional().meta(d('说明、假设', 'note or assumption')),
};

const ratio = z
  .object({
    ...methodBase,
    method: z.literal('ratio'),
    metric: text.meta(d('指标族 id（公式库）或事实 id', 'formula family or fact id')),
    factor: points.optional().meta(d('乘数，默认为分值', 'multiplier, default the weight')),
    zeroWhenAbove: percentSchema.optional().meta(d('比率高于此值得 0 分', 'zero when the rate is above')),
    zeroWhenBelow: percentSchema.optional().meta(d('比率低于此值得 0 分', 'zero when the rate is below')),
  })
  .strict();

const tiers = z
  .object({ ...methodBase, method: z.literal('tiers'), metric: text, tiers: z.array(tierSchema).min(1) })
  .strict();

const deductPerPoint = z
  .object({
    ...methodBase,
    method: z.literal('deduct-per-point'),
    metric: text,
    limit: percentSchema.meta(d('限值', 'limit')),
    direction: z.enum(['above', 'below']).default('above').meta(d('超出方向', 'which side of the limit is penalised')),
    perPoint: points.meta(d('每个百分点扣分', 'points deducted per percentage point')),
    wholePoints: z.boolean().default(false).meta(d('不足 1 个百分点按 1 个计', 'count part of a point as a whole point')),
    floor: points.optional().meta(d('最低得分，默认 0', 'floor, default 0')),
  })
  .strict();

const checklist = z
  .object({ ...methodBase, method: z.literal('checklist'), criteria: z.array(criterionSchema).min(1) })
  .strict();

const deductPerFailure = z
  .object({
    ...methodBase,
    method: z.literal('deduct-per-failure'),
    fact: text.meta(d('失败项数的事实 id', 'fact giving the number of failures')),
    perFailure: points,
    floor: points.optional(),
  })
  .strict();

const enumPoints = z
  .object({
    ...methodBase,
    method: z.literal('enum-points'),
    fact: text,
    points: z.record(z.string(), points).meta(d('各取值的得分', 'points for each value')),
  })
  .strict();

const quarterlyProgress = z
  .object({
    ...methodBase,
    method: z.literal('quarterly-progress'),
    quarterPoints: points.meta(d('每季度得分上限', 'points per quarter')),
    averagePoints: points.meta(d('全年平均执行率乘数', 'points for the yearly average')),
  })
  .strict();

const indicators = z
  .object({
    ...methodBase,
    method: z.literal('indicators'),
    level1: z.array(text).optional().meta(d('只计这些一级指标（如 产出、效益）', 'only these level-1 groups')),
    qualitativeBands: z
      .object({ achieved: percentSchema, partly: percentSchema, 'not-achieved': percentSchema })
      .strict()
      .optional()
      .meta(d('定性指标各档得分率（取档内上限）', 'share of points per qualitative result')),
  })
  .strict();

const judgement = z.object({ ...methodBase, method: z.literal('judgement') }).strict();

const veto = z
  .object({
    ...methodBase,
    method: z.literal('veto'),
    fact: text.meta(d('为真时否决的事实 id', 'fact that triggers the veto')),
    effect: z.enum(['zero-total', 'not-excellent']).meta(d('一票否决 / 不得评为优', 'zero the total / cannot be 优')),
  })
  .strict();

export type LeafInput = z.input<typeof leafSchema>;

const simpleLeaf = z.discriminatedUnion('method', [ratio, tiers, deductPerPoint, checklist, deductPerFailure, enumPoints, quarterlyProgress, indicators, judgement, veto]);

const sum = z
  .object({ ...methodBase, method: z.literal('sum'), parts: z.array(simpleLeaf).min(1).meta(d('各组成部分', 'parts')) })
  .strict();

export const leafSchema = z.discriminatedUnion('method', [ratio, tiers, deductPerPoint, checklist, deductPerFailure, enumPoints, quarterlyProgress, indicators, judgement, veto, sum]);
export type Leaf = z.output<typeof leafSchema>;
export type SimpleLeaf = z.output<typeof simpleLeaf>;
export const METHOD_IDS = leafSchema.options.map((o) => o.shape.method.value);

export interface GroupInput {
  name: string;
  id?: string;
  weight: number | string;
  note?: string;
  items: (GroupInput | LeafInput)[];
}

const groupSchema: z.ZodType = z.lazy(() =>
  z
    .object({
      name: text,
      id: text.optional(),
      weight: points,
      note: text.optional(),
      items: z.array(z.union([groupSchema, leafSchema])).min(1),
    })
    .strict(),
);

export interface Group {
  readonly name: string;
  readonly id?: string;
  readonly weight: z.output<typeof points>;
  readonly note?: string;
  readonly items: readonly (Group | Leaf)[];
}

export const rubricSchema = z
  .object({
    id: text.regex(/^[a-z0-9][a-z0-9-]*$/, 'rubric-id').meta(d('评分标准 id，如 longgang-2020', 'rubric id')),
    name: text.meta(d('名称', 'name')),
    region: text.optional(),
    year: z.number().int().optional(),
    documentKinds: z
      .array(z.enum(DOCUMENT_KINDS))
      .optional()
      .meta(d('适用的文件版式（导入时据此为评价文件选定评分标准）', 'document layouts this rubric is meant for (import picks a rubric by it)')),
    total: points.meta(d('满分', 'maximum')),
    source: text.optional().meta(d('依据文件', 'published source')),
    assumptions: z.array(text).optional().meta(d('规则未公开处所作假设', 'assumptions where the rule is not public')),
    precision: z.number().int().min(0).max(4).default(2).meta(d('得分保留小数位（四舍五入）', 'decimals of item scores')),
    items: z.array(z.union([groupSchema, leafSchema])).min(1),
  })
  .strict();

export type Rubric = Omit<z.output<typeof rubricSchema>, 'items'> & { readonly items: readonly (Group | Leaf)[] };

export const isLeaf = (x: Group | Leaf): x is Leaf => 'method' in x;
