/**
 * How many indicators of each kind the three-level indicator table holds (产出 7, 其中数量 2 …): what a report
 * declares in its text, counted from the table so the two can be compared (audit) or the sentence written (render).
 */
import type { Indicator } from './model/evaluation.ts';

/** 一级指标 keys, matched inside the level-1 name ("产出指标" contains "产出"). */
export const LEVEL1_KINDS = ['产出', '效益', '满意度'] as const;

/** The 二级指标 each 一级 has in the national framework (财预〔2020〕10号), in the order reports list them. */
export const LEVEL2_KINDS: Readonly<Record<(typeof LEVEL1_KINDS)[number], readonly string[]>> = {
  产出: ['数量', '质量', '时效', '成本'],
  效益: ['经济效益', '社会效益', '生态效益', '可持续影响'],
  满意度: ['服务对象满意度'],
};

/** Indicators whose level 1 (for 产出/效益/满意度) or level 2 name contains `key`. */
export function countIndicators(list: readonly Indicator[], key: string): number {
  if ((LEVEL1_KINDS as readonly string[]).includes(key)) return list.filter((i) => (i.level1 ?? '').includes(key)).length;
  return list.filter((i) => (i.level2 ?? '').includes(key)).length;
}

export interface KindCount {
  readonly kind: string;
  readonly count: number;
  readonly parts: readonly { readonly kind: string; readonly count: number }[];
}

/** Name of a level-2 kind as the table prints it, without the trailing 指标 ("社会效益指标" → "社会效益"). */
function level2Key(name: string): string {
  return name.replace(/\s+/g, '').replace(/指标$/, '');
}

/**
 * Counts per 一级 with their 二级 parts: the framework's parts always (a 0 is information: "成本指标0个"), then any
 * other level-2 kind the table uses, in table order.
 */
export function indicatorBreakdown(list: readonly Indicator[]): KindCount[] {
  return LEVEL1_KINDS.map((kind) => {
    const own = list.filter((i) => (i.level1 ?? '').includes(kind));
    const standard = LEVEL2_KINDS[kind];
    const extra: string[] = [];
    for (const i of own) {
      const k = level2Key(i.level2 ?? '');
      if (k && !standard.some((s) => k.includes(s)) && !extra.includes(k)) extra.push(k);
    }
    const parts = [...standard, ...extra].map((p) => ({ kind: p, count: own.filter((i) => level2Key(i.level2 ?? '').includes(p)).length }));
    return { kind, count: own.length, parts };
  });
}
