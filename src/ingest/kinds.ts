/**
 * Document kinds (SPEC §2), recognised by structure — the section and label words each layout uses — never by a
 * department name, file name or figure. A registry: adding a kind touches one entry here.
 */
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../core/model/evaluation.ts';

export type { DocumentKind };

export interface KindSpec {
  readonly id: DocumentKind;
  readonly label: { readonly zh: string; readonly en: string };
  /** Structural markers with weights; the kind with the highest total above `MIN_SCORE` wins. */
  readonly markers: readonly (readonly [RegExp, number])[];
  /** Fields a document of this kind prints; the report lists those not found. */
  readonly expected: readonly string[];
}

const BASE = ['department.name', 'year', 'budget.initialBudget', 'budget.adjustedBudget', 'budget.actualSpending', 'budget.printed.executionRate'];

export const KINDS: readonly KindSpec[] = [
  {
    id: 'gz-form',
    label: DOCUMENT_KIND_LABELS['gz-form'],
    markers: [
      [/部门整体支出绩效自评表/, 2],
      [/部门资金情况/, 3],
      [/部门调整预算收入/, 2],
      [/任务涉及(?:金额|资金)/, 3],
      [/关键指标/, 1],
      [/重点项目绩效情况/, 2],
      [/改进措施或下一步计划/, 2],
    ],
    expected: [...BASE, 'budget.printed.adjustmentRate', 'keyTasks', 'keyProjectNarrative', 'problems', 'measures'],
  },
  {
    id: 'gz-report',
    label: DOCUMENT_KIND_LABELS['gz-report'],
    markers: [
      [/部门整体支出绩效自评报告/, 1],
      [/部门整体收支情况/, 3],
      [/履职效能分析/, 3],
      [/部门整体绩效管理情况/, 2],
      [/完成率在\d/, 2],
      [/部门预算按经济分类执行情况/, 2],
      [/年度重点工作任务/, 1],
    ],
    expected: [...BASE, 'indicators', 'keyTasks', 'projects', 'economicClassification', 'basicExpenditure', 'selfScores.total', 'problems', 'measures'],
  },
  {
    id: 'framework-report',
    label: DOCUMENT_KIND_LABELS['framework-report'],
    markers: [
      [/预算编审管理/, 3],
      [/预算执行管理/, 3],
      [/履职完成情况/, 2],
      [/履职效果情况/, 2],
      [/(?:结余结转|结转结余)管理/, 2],
      [/部门整体支出绩效实现情况/, 2],
      [/部门概况/, 1],
    ],
    expected: [...BASE, 'functionalClassification', 'management.staffing', 'problems', 'measures'],
  },
  {
    id: 'longgang-report',
    label: DOCUMENT_KIND_LABELS['longgang-report'],
    markers: [
      [/部门整体绩效评价报告/, 2],
      [/部门主要履职绩效分析/, 3],
      [/总体评价和整改措施/, 3],
      [/部门整体支出绩效评价指标评分情况/, 3],
      [/部门决策/, 1],
      [/编外人员控制率/, 1],
      [/公用经费控制率/, 1],
    ],
    expected: [...BASE, 'budget.printed.adjustmentRate', 'projects', 'selfScores.total', 'selfScores.items', 'management.procurement', 'management.fixedAssets', 'management.staffing', 'problems', 'measures'],
  },
];

export const UNKNOWN_KIND: KindSpec = { id: 'unknown', label: DOCUMENT_KIND_LABELS.unknown, markers: [], expected: BASE };

const MIN_SCORE = 5;

/** The kind whose markers the compacted text (no whitespace) carries most, or `unknown`. */
export function recognizeKind(compactText: string): { spec: KindSpec; score: number; scores: Record<string, number> } {
  const scores: Record<string, number> = {};
  let best: { spec: KindSpec; score: number } = { spec: UNKNOWN_KIND, score: 0 };
  for (const k of KINDS) {
    const score = k.markers.reduce((s, [re, w]) => s + (re.test(compactText) ? w : 0), 0);
    scores[k.id] = score;
    if (score > best.score) best = { spec: k, score };
  }
  return best.score >= MIN_SCORE ? { ...best, scores } : { spec: UNKNOWN_KIND, score: best.score, scores };
}

export function kindSpec(id: DocumentKind): KindSpec {
  return KINDS.find((k) => k.id === id) ?? UNKNOWN_KIND;
}
