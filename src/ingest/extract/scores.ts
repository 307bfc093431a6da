/**
 * Self-scores: the rows of a scorecard (评分表: indicator names, 分值, 评分标准, 自评得分) and the printed totals
 * ("进行自评，得分88.50分", "指标得分 20 分，自评得分 17.25 分"). Scorecard items are matched to a rubric's leaves by
 * name, by a leaf name the criteria text starts with, and by weight — so OCR-damaged names ("资产管") still land
 * on the right item — and the rubric that matches best is named in the evaluation.
 */
import { layoutById } from '../../core/layouts/index.ts';
import type { Rubric } from '../../core/rubric/schema.ts';
import { isLeaf } from '../../core/rubric/schema.ts';
import { compactLabel } from '../../core/text/normalize.ts';
import { toPlainString } from '../../core/exact.ts';
import type { Row, Table } from '../segment.ts';
import { type ExtractContext, getPath, put, sourceAt, sourceInParagraph } from './context.ts';

const SCORE_NUMBER = /^\d{1,3}(?:\.\d{1,2})?$/;
const HEADER_WORDS = /^(?:评价指标|一级指标|二级指标|三级指标|名称|分值|指标名称|参考评分标准|评分标准|自评得分|得分|评分要点|指标解释|备注)+$/;

interface ScoreItem {
  readonly name: string;
  readonly weight?: string;
  readonly score: string;
  readonly criteria: string;
  readonly line: number;
  readonly col: number;
}

function isScorecard(t: Table): boolean {
  const words = t.rows.slice(0, 6).flatMap((r) => r.cells.map(compactLabel));
  return words.some((w) => /^(?:自评得分|自评分|得分)$/.test(w)) && words.some((w) => /分值|权重/.test(w));
}

/** One scorecard row: the criteria text anchors it; the weight is the last number before it, the score the first after. */
function itemOf(row: Row): ScoreItem | undefined {
  const cells = row.cells.map((c) => c.trim());
  let crit = -1;
  cells.forEach((c, i) => {
    if (c.length >= 16 && !SCORE_NUMBER.test(c) && (crit < 0 || c.length > cells[crit]!.length)) crit = i;
  });
  if (crit < 0) return undefined;
  const after = cells.slice(crit + 1).find((c) => SCORE_NUMBER.test(c));
  if (after === undefined) return undefined;
  let weightAt = -1;
  for (let i = crit - 1; i >= 0; i--) if (SCORE_NUMBER.test(cells[i]!)) {
    weightAt = i;
    break;
  }
  let nameAt = -1;
  for (let i = (weightAt >= 0 ? weightAt : crit) - 1; i >= 0; i--) if (cells[i] && !SCORE_NUMBER.test(cells[i]!)) {
    nameAt = i;
    break;
  }
  if (nameAt < 0) return undefined;
  const name = compactLabel(cells[nameAt]!).replace(/[。；;]$/, '');
  if (HEADER_WORDS.test(name)) return undefined;
  return { name, ...(weightAt >= 0 ? { weight: cells[weightAt]! } : {}), score: after, criteria: cells[crit]!, line: row.cellLines[nameAt] ?? row.lines[0]!, col: nameAt };
}

interface LeafRef {
  readonly name: string;
  /** The name without whitespace, for matching. */
  readonly key: string;
  readonly weight: string;
}

const LEAVES = new WeakMap<Rubric, LeafRef[]>();

function leavesOf(r: Rubric): LeafRef[] {
  const cached = LEAVES.get(r);
  if (cached) return cached;
  const out: LeafRef[] = [];
  const walk = (items: Rubric['items']) => {
    for (const it of items) {
      if (isLeaf(it)) out.push({ name: it.name, key: compactLabel(it.name), weight: toPlainString(it.weight) });
      else walk(it.items);
    }
  };
  walk(r.items);
  LEAVES.set(r, out);
  return out;
}

const BIGRAMS = new Map<string, string[]>();

function bigrams(s: string): string[] {
  let out = BIGRAMS.get(s);
  if (out) return out;
  const t = s.replace(/[、，,。；;“”"（）()\s]/g, '');
  out = [];
  for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
  if (BIGRAMS.size > 4096) BIGRAMS.clear();
  BIGRAMS.set(s, out);
  return out;
}

function dice(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  if (!A.length || !B.length) return 0;
  const pool = [...B];
  let common = 0;
  for (const g of A) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      common++;
      pool.splice(i, 1);
    }
  }
  return (2 * common) / (A.length + B.length);
}

/** How well a scorecard row names a rubric leaf (0 = not at all). */
function affinity(item: ScoreItem & { readonly criteriaHead: string }, leaf: LeafRef): number {
  const a = item.name;
  const b = leaf.key;
  const sameWeight = item.weight !== undefined && Number(item.weight) === Number(leaf.weight) ? 1 : 0;
  if (a === b) return 3 + sameWeight;
  if (item.criteriaHead.slice(0, b.length + 2).includes(b)) return 2.5 + sameWeight;
  if (a.length >= 3 && (b.includes(a) || a.includes(b))) return 1 + sameWeight;
  const d = dice(a, b);
  return d >= 0.4 ? d + sameWeight : 0;
}

/** Greedy one-to-one matching of rows to leaves by affinity. */
function matchItems(rows: readonly ScoreItem[], leaves: readonly LeafRef[]): Map<number, LeafRef> {
  const pairs: { i: number; leaf: LeafRef; a: number }[] = [];
  const items = rows.map((it) => ({ ...it, criteriaHead: compactLabel(it.criteria.slice(0, 40)) }));
  items.forEach((it, i) => leaves.forEach((leaf) => {
    const a = affinity(it, leaf);
    if (a >= 1) pairs.push({ i, leaf, a });
  }));
  pairs.sort((x, y) => y.a - x.a);
  const out = new Map<number, LeafRef>();
  const used = new Set<string>();
  for (const p of pairs) {
    if (out.has(p.i) || used.has(p.leaf.name)) continue;
    out.set(p.i, p.leaf);
    used.add(p.leaf.name);
  }
  return out;
}

export function extractScorecard(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    if (!isScorecard(table)) continue;
    const items: ScoreItem[] = [];
    let totalRow: Row | undefined;
    for (const row of table.rows) {
      if (/^(?:合计|总计|总分)/.test(compactLabel(row.cells[0] ?? ''))) {
        totalRow = row;
        continue;
      }
      const it = itemOf(row);
      if (it) items.push(it);
    }
    if (!items.length) continue;
    // The rubric whose leaves these rows name best.
    let best: { rubric: Rubric; matches: Map<number, LeafRef> } | undefined;
    for (const rubric of ctx.rubrics) {
      const matches = matchItems(items, leavesOf(rubric));
      if (!best || matches.size > best.matches.size) best = { rubric, matches };
    }
    const useRubric = best && best.matches.size >= Math.ceil(items.length * 0.6) ? best : undefined;
    const out = items.map((it, i) => ({
      item: useRubric?.matches.get(i)?.name ?? it.name,
      score: it.score,
      ...(it.weight ? { weight: it.weight } : {}),
      source: sourceAt(ctx, it.line, it.col, `${it.name} ${it.weight ?? ''} … ${it.score}`),
    }));
    const src = sourceAt(ctx, items[0]!.line, items[0]!.col, `${items.length} 个评分项`);
    put(ctx, 'selfScores.items', out, `${out.length} 项自评得分${useRubric ? `（对应评分标准 ${useRubric.rubric.id}）` : ''}`, src);
    if (useRubric) put(ctx, 'rubric', useRubric.rubric.id, useRubric.rubric.id, src);
    if (totalRow) {
      const nums = totalRow.cells.filter((c) => SCORE_NUMBER.test(c));
      if (nums.length >= 1) {
        const total = nums[nums.length - 1]!;
        const tsrc = sourceAt(ctx, totalRow.lines[0]!, totalRow.cells.lastIndexOf(total), totalRow.cells.filter(Boolean).join(' | '));
        put(ctx, 'selfScores.total', total, total, tsrc);
        if (nums.length >= 2) put(ctx, 'selfScores.max', nums[0]!, nums[0]!, tsrc);
      }
    }
    return;
  }
}

const MAX_AND_TOTAL = /(?:指标得分|满分|总分|分值)(?:为)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分\s*[，,]\s*自评(?:总)?得分(?:为)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/;
const TOTAL = /自评[^。；;]{0,8}?(?:总)?得分(?:为|是)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分|自评(?:总分|分数)(?:为|是)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/;

/** Printed totals in sentences, when no scorecard total row gave them. */
export function extractScoreTotals(ctx: ExtractContext): void {
  for (const p of ctx.seg.paragraphs) {
    if (!p.text.includes('得分') && !p.text.includes('总分')) continue;
    const both = MAX_AND_TOTAL.exec(p.text);
    if (both) {
      const src = sourceInParagraph(ctx, p, both.index, both.index + both[0].length);
      put(ctx, 'selfScores.total', both[2]!, both[2]!, src);
      put(ctx, 'selfScores.max', both[1]!, both[1]!, src);
      continue;
    }
    const t = TOTAL.exec(p.text);
    if (t) put(ctx, 'selfScores.total', t[1] ?? t[2]!, t[1] ?? t[2]!, sourceInParagraph(ctx, p, t.index, t.index + t[0].length));
  }
}

/**
 * The rubric to name when no scorecard decided it: one made for this region and year, else one declared for
 * this document kind (the latest year not after the evaluation's).
 */
export function chooseRubric(ctx: ExtractContext): void {
  if (getPath(ctx.draft, 'rubric') !== undefined || ctx.rubrics.length === 0) return;
  const region = (getPath(ctx.draft, 'department.region') as string | undefined) ?? '';
  const year = getPath(ctx.draft, 'year') as number | undefined;
  // The layout's default rubric (its registry entry) and any rubric that declares itself for the layout.
  const named = layoutById(ctx.kind).rubric;
  const forKind = ctx.rubrics.filter((r) => r.id === named || r.documentKinds?.includes(ctx.kind));
  const regional = forKind.find((r) => r.region && region.startsWith(r.region) && r.year === year);
  const byYear = forKind.filter((r) => !r.region && (year === undefined || r.year === undefined || r.year <= year)).sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0];
  const pick = regional ?? byYear;
  if (!pick) return;
  ctx.draft['rubric'] = pick.id;
  // A rubric with one top-level item whose weight is the printed maximum ("指标得分 20 分，自评得分 17.25 分"): the
  // printed self-score total is that item's self-score.
  const top = pick.items.length === 1 ? pick.items[0]! : undefined;
  const total = getPath(ctx.draft, 'selfScores.total') as string | undefined;
  const max = getPath(ctx.draft, 'selfScores.max') as string | undefined;
  if (top && total !== undefined && max !== undefined && Number(max) === Number(toPlainString(top.weight)) && getPath(ctx.draft, 'selfScores.items') === undefined) {
    const src = ctx.found.find((f) => f.path === 'selfScores.total')?.source;
    ctx.draft['selfScores'] = { ...(ctx.draft['selfScores'] as object), items: [{ item: top.name, score: total, weight: max, ...(src ? { source: src } : {}) }] };
  }
}
