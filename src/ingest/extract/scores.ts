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
import { documentStart, documentSubject } from './subject.ts';
import { type ColumnSpec, findHeader } from './table-columns.ts';

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

/** A table's rows from the document's own start on: the tail of a previous form is not this document's. */
function ownRows(ctx: ExtractContext, table: Table): Row[] {
  const start = documentStart(ctx.seg);
  return start === 0 ? table.rows : table.rows.filter((r) => r.lines[0]! >= start);
}

export function extractScorecard(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    if (!isScorecard(table)) continue;
    const items: ScoreItem[] = [];
    let totalRow: Row | undefined;
    for (const row of ownRows(ctx, table)) {
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
    const useRubric = best && best.matches.size >= Math.ceil(items.length * 0.6) && weightsAgree(items, best.matches) ? best : undefined;
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

/**
 * Whether the rows' printed weights are the matched rubric's: a scorecard that prints weights of its own (another
 * region's or year's rubric with the same item names) is scored by what it prints, not by a rubric that weighs its
 * items otherwise. Most of the matched rows that print a weight must print the leaf's.
 */
function weightsAgree(items: readonly ScoreItem[], matches: ReadonlyMap<number, LeafRef>): boolean {
  let printed = 0;
  let same = 0;
  for (const [i, leaf] of matches) {
    const w = items[i]?.weight;
    if (!w) continue;
    printed++;
    if (Number(w) === Number(leaf.weight)) same++;
  }
  return printed === 0 || same * 5 >= printed * 4;
}

type ScoreKey = 'name' | 'weight' | 'score';

/** A small score table (评价内容 | 分值 | 自评得分): no criteria column, one row per part, a 合计 row. */
const SCORE_TABLE_COLUMNS: readonly ColumnSpec<ScoreKey>[] = [
  { key: 'weight', re: /^(?:分值|权重|标准分(?:值)?|满分)(?:[（(]分[)）])?$/ },
  { key: 'score', re: /^(?:自评)?得分(?:[（(]分[)）])?$|^自评分(?:数|值)?$/ },
  { key: 'name', re: /^(?:评价内容|评价指标|评价项目|评价维度|考核内容|指标名称|一级指标|指标|项目|内容)$/ },
];
/**
 * Headers of the tables other extractors read (a scorecard's criteria, an indicator table's targets and results, a
 * budget table's amounts beside its execution score: its 合计 | 10 | 9.67 is one item's score, not the total).
 */
const NOT_A_SCORE_TABLE = /评分标准|评分要点|评分细则|评分办法|指标值|目标值|完成值|实际完成|指标解释|预算数|执行数|决算数|支出数|金额/;

/** 部门决策 | 20 | 19 rows and their 合计 | 100 | 91.5 row, as self-score items, total and maximum. */
export function extractScoreTable(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    const header = findHeader(table, SCORE_TABLE_COLUMNS, ['name', 'weight', 'score']);
    if (!header || header.cells.some((c) => NOT_A_SCORE_TABLE.test(c))) continue;
    if (table.rows[header.rowIndex]!.lines[0]! < documentStart(ctx.seg)) continue;
    // 一级指标 | 二级指标 | 分值 | 得分: the items are the rows of the lower level, the upper one merged over them.
    const lower = header.cells.findIndex((h, i) => i > header.columns.name! && i < header.columns.weight! && /^(?:二级|三级)指标$/.test(h));
    const c = lower >= 0 ? { ...header.columns, name: lower } : header.columns;
    const items: { item: string; score: string; weight: string; source: ReturnType<typeof sourceAt> }[] = [];
    let total: { score: string; weight?: string; row: Row } | undefined;
    for (const row of table.rows.slice(header.rowIndex + 1)) {
      const label = compactLabel(row.cells[header.columns.name!] ?? '');
      const isTotal = /^(?:合计|总计|总分|得分合计)$/.test(label);
      const name = isTotal ? label : compactLabel(row.cells[c.name!] ?? '');
      const weight = (row.cells[c.weight!] ?? '').trim();
      const score = (row.cells[c.score!] ?? '').trim();
      if (!name && !weight && !score) continue;
      if (!SCORE_NUMBER.test(score)) break;
      if (isTotal || /^(?:合计|总计|总分|得分合计)$/.test(name)) {
        total = { score, ...(SCORE_NUMBER.test(weight) ? { weight } : {}), row };
        break;
      }
      if (!name || !SCORE_NUMBER.test(weight)) break;
      const line = row.cellLines[c.name!] ?? row.lines[0]!;
      items.push({ item: name, score, weight, source: sourceAt(ctx, line, c.name, `${name} ${weight} ${score}`) });
    }
    if (!items.length && !total) continue;
    if (items.length) put(ctx, 'selfScores.items', items, `${items.length} 项自评得分`, items[0]!.source);
    if (total) {
      const src = sourceAt(ctx, total.row.lines[0]!, c.score, total.row.cells.filter(Boolean).join(' | '));
      put(ctx, 'selfScores.total', total.score, total.score, src);
      if (total.weight) put(ctx, 'selfScores.max', total.weight, total.weight, src);
    }
    return;
  }
}

const N = '(\\d{1,3}(?:\\.\\d{1,2})?)';
const MAX_AND_TOTAL = new RegExp(`(?:指标得分|满分|总分|分值)(?:为)?\\s*${N}\\s*分\\s*[，,]\\s*(?:自评|综合|评价)(?:总)?得分(?:为)?\\s*${N}\\s*分`);
const TOTAL_AND_MAX = new RegExp(`(?:自评|综合|评价)[^。；;\\d]{0,8}?(?:总分|(?:总)?(?:得分|评分|分数))(?:为|是)?\\s*${N}\\s*分\\s*[（(，,]?\\s*(?:满分|总分)(?:为)?\\s*${N}\\s*分`);
/** "自评得分88.50分", "综合得分93.5分", "综合评分为97分", "自评总分为92分", "绩效自评得分为 90 分". */
const TOTAL = new RegExp(`(?:自评|综合|整体|评价)[^。；;\\d]{0,8}?(?:总)?(?:得分|评分|分数|总分)(?:为|是|达到?|：|:)?\\s*${N}\\s*分`);
/** "评价等级为“优”", "自评等级：良", "等级为优秀". */
const GRADE = /(?:自评|评价|绩效|综合)?(?:等级|等次|档次)(?:为|是|评定为|：|:)?\s*[“"「『]?\s*(优秀|良好|优|良|中等|中|合格|差|较差)\s*[”"」』]?/;
const GRADE_CELL = /^(?:自评|评价|绩效|综合)?(?:等级|等次)(?:[（(].{0,6}[)）])?$/;
const TOTAL_CELL = /^(?:(?:部门整体(?:支出)?(?:绩效)?|部门|整体)?(?:自评总分|自评(?:总)?得分|总得分|总分)|综合得分|综合评分|评价得分|得分合计)(?:[（(]分[)）])?$/;
const MAX_CELL = /^(?:满分|总分值|分值合计)(?:[（(]分[)）])?$/;

/** "优秀" → 优, "良好" → 良, "中等"/"合格" → 中, "较差" → 差: the national grade words (财预〔2020〕10号). */
function gradeOf(word: string): string {
  if (word.startsWith('优')) return '优';
  if (word.startsWith('良')) return '良';
  if (word.startsWith('中') || word === '合格') return '中';
  return '差';
}

/**
 * Whether a sentence's score belongs to a project, not the department ("XX项目自评得分95分"). In a report on one
 * project, the project's score is the document's.
 */
function isProjectScore(ctx: ExtractContext, text: string, at: number): boolean {
  if (documentSubject(ctx) === 'project') return false;
  const from = Math.max(0, text.lastIndexOf('。', at) + 1);
  const before = text.slice(Math.max(from, at - 30), at);
  return /项目/.test(before) && !/部门|整体|单位/.test(before);
}

/**
 * Labelled cells of a form: 自评总分（分） | 95.6, 总分 | 100 | 96.5 (maximum then total), 满分 | 100, 自评等级 | 优.
 * A label whose next filled cell is not a figure is a column header, not a value.
 */
export function extractScoreCells(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    for (const row of ownRows(ctx, table)) {
      row.cells.forEach((cell, col) => {
        const label = compactLabel(cell);
        if (label.length > 12) return;
        const isTotal = TOTAL_CELL.test(label);
        const isMax = !isTotal && MAX_CELL.test(label);
        const isGrade = !isTotal && !isMax && GRADE_CELL.test(label);
        if (!isTotal && !isMax && !isGrade) return;
        // The figures right of the label, up to the first cell that is not one (a scan that stops there: a row of
        // thousands of labels stays linear).
        const after: { text: string; col: number }[] = [];
        for (let j = col + 1; j < row.cells.length; j++) {
          const text = row.cells[j]!.trim();
          if (text === '') continue;
          after.push({ text, col: j });
          if (!SCORE_NUMBER.test(text) || after.length >= 2) break;
        }
        if (!after.length) return;
        const src = (at: number, text: string) => sourceAt(ctx, row.cellLines[at] ?? row.lines[0]!, at, `${cell} ${text}`);
        if (isGrade) {
          const g = /^(优秀|良好|优|良|中等|中|合格|差|较差)$/.exec(after[0]!.text);
          if (g) put(ctx, 'selfScores.grade', gradeOf(g[1]!), gradeOf(g[1]!), src(after[0]!.col, after[0]!.text));
          return;
        }
        const nums: { text: string; col: number }[] = [];
        for (const a of after) {
          if (!SCORE_NUMBER.test(a.text)) break;
          nums.push(a);
        }
        if (!nums.length) return;
        if (isMax) {
          put(ctx, 'selfScores.max', nums[0]!.text, nums[0]!.text, src(nums[0]!.col, nums[0]!.text));
          return;
        }
        if (nums.length >= 2) {
          const s2 = src(nums[nums.length - 1]!.col, nums.map((n) => n.text).join(' | '));
          put(ctx, 'selfScores.total', nums[nums.length - 1]!.text, nums[nums.length - 1]!.text, s2);
          put(ctx, 'selfScores.max', nums[0]!.text, nums[0]!.text, s2);
        } else put(ctx, 'selfScores.total', nums[0]!.text, nums[0]!.text, src(nums[0]!.col, nums[0]!.text));
      });
    }
  }
}

/** "3.结余结转管理（2分）：…自评得2.5分": an item of the rubric with its weight, and the score the sentence gives it. */
const NARRATIVE_ITEM = /(?:^|[。；;\n])\s*(?:[（(]?[\d一二三四五六七八九十]{1,2}[)）.、．]\s*)?([\u4e00-\u9fa5“”"、]{2,24}?)\s*[（(]\s*(\d{1,3}(?:\.\d{1,2})?)\s*分\s*[)）]\s*[：:]([^。；;\n]{0,160}?)(?:自评)?(?:得分为?|得|计)\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/g;

/**
 * Self-score items a report states in sentences, one per item: "1.预算编审管理（6分）：…按评分标准自评得5.5分。" —
 * read when the document states two or more, so that a lone mention is not taken for a rubric.
 */
export function extractNarrativeScores(ctx: ExtractContext): void {
  if (getPath(ctx.draft, 'selfScores.items') !== undefined) return;
  const items: { item: string; score: string; weight: string; source: ReturnType<typeof sourceAt> }[] = [];
  for (const p of ctx.seg.paragraphs) {
    if (!p.text.includes('分')) continue;
    NARRATIVE_ITEM.lastIndex = 0;
    for (let m = NARRATIVE_ITEM.exec(p.text); m; m = NARRATIVE_ITEM.exec(p.text)) {
      const start = m.index + m[0].indexOf(m[1]!);
      items.push({ item: m[1]!, weight: m[2]!, score: m[4]!, source: sourceInParagraph(ctx, p, start, m.index + m[0].length) });
    }
  }
  if (items.length < 2) return;
  put(ctx, 'selfScores.items', items, `${items.length} 项自评得分（据正文）`, items[0]!.source);
}

/**
 * A total printed after its label without 分: "自评总分：95", "自评总分（分）97.6" (a form's cell run into the text). The
 * number is the score only where nothing makes it another quantity (95%, 2022年, 3个, 12.5万元).
 */
const LABELLED_TOTAL = new RegExp(
  `(?:自评总分|自评(?:总)?得分|综合得分|综合评分|总得分|评价得分)\\s*(?:[（(]\\s*分\\s*[)）]\\s*[：:]?|[：:])\\s*${N}(?![\\d.．%％]|\\s*(?:年|月|日|个|项(?!目)|万|元|人次?(?!员)|次|条|家|天|分之))`,
);
/** The maximum in the sentence of a total: "（满分100分）", "总分100分". */
const MAX_IN_SENTENCE = new RegExp(`(?:满分|总分)(?:为|是)?\\s*${N}\\s*分`);
/** A heading or a label line that the score follows on the next line: "（一）自评得分", "评价得分情况", "自评总分：". */
const SCORE_HEADING = /^(?:部门|单位|项目)?(?:整体)?(?:绩效)?(?:自评|综合|评价)(?:总)?(?:得分|评分|分数|总分)(?:情况)?[：:。]?$/;
/** The line under it: "100分。", "90 分", "95分（满分100分）", "98.5". */
const SCORE_LINE = new RegExp(`^${N}\\s*分?\\s*(?:[（(]\\s*(?:满分|总分)(?:为)?\\s*${N}\\s*分\\s*[)）])?\\s*[。.；;]?$`);

const isScore = (n: string) => Number(n) <= 100;

/** "（一）自评得分" ⏎ "100分。": a heading (or label line) of the score with the figure alone on the next line. */
/** More than 16 characters that are not whitespace. */
const LONGER_THAN_HEADING = /^\s*(?:\S\s*){17}/;

function headingTotals(ctx: ExtractContext): void {
  const lines = ctx.seg.lines;
  const start = documentStart(ctx.seg);
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind !== 'text') continue;
    const raw = line.heading?.title ?? line.cells[0] ?? '';
    // A line of prose (more than 16 characters that are not spaces) is no score heading: not compacted to find out.
    if (raw.length > 16 && LONGER_THAN_HEADING.test(raw)) continue;
    const title = raw.replace(/\s+/g, '');
    if (title.length > 16 || !SCORE_HEADING.test(title)) continue;
    let k = i + 1;
    while (k < lines.length && lines[k]!.kind === 'blank') k++;
    const next = lines[k];
    if (!next || next.kind !== 'text') continue;
    const m = SCORE_LINE.exec((next.cells[0] ?? '').trim());
    if (!m || !isScore(m[1]!)) continue;
    const src = sourceAt(ctx, next.index, undefined, `${line.cells[0]!.trim()} ${next.cells[0]!.trim()}`);
    put(ctx, 'selfScores.total', m[1]!, m[1]!, src);
    if (m[2]) put(ctx, 'selfScores.max', m[2], m[2], src);
    return;
  }
}

/** Printed totals in sentences, when no scorecard total row gave them. */
export function extractScoreTotals(ctx: ExtractContext): void {
  headingTotals(ctx);
  const start = documentStart(ctx.seg);
  for (const p of ctx.seg.paragraphs) {
    if (start > 0 && p.pieces[p.pieces.length - 1]!.line < start) continue;
    if (/等级|等次|档次/.test(p.text)) {
      const g = GRADE.exec(p.text);
      if (g && (g[0].includes('等级') || /评|绩效/.test(p.text.slice(Math.max(0, g.index - 20), g.index)))) {
        put(ctx, 'selfScores.grade', gradeOf(g[1]!), gradeOf(g[1]!), sourceInParagraph(ctx, p, g.index, g.index + g[0].length));
      }
    }
    // One scan for 分 first: most paragraphs have none.
    if (!p.text.includes('分') || (!p.text.includes('得分') && !p.text.includes('总分') && !p.text.includes('评分') && !p.text.includes('分数'))) continue;
    const both = MAX_AND_TOTAL.exec(p.text);
    if (both) {
      const src = sourceInParagraph(ctx, p, both.index, both.index + both[0].length);
      put(ctx, 'selfScores.total', both[2]!, both[2]!, src);
      put(ctx, 'selfScores.max', both[1]!, both[1]!, src);
      continue;
    }
    const rev = TOTAL_AND_MAX.exec(p.text);
    if (rev && !isProjectScore(ctx, p.text, rev.index)) {
      const src = sourceInParagraph(ctx, p, rev.index, rev.index + rev[0].length);
      put(ctx, 'selfScores.total', rev[1]!, rev[1]!, src);
      put(ctx, 'selfScores.max', rev[2]!, rev[2]!, src);
      continue;
    }
    const t = TOTAL.exec(p.text);
    if (t && !isProjectScore(ctx, p.text, t.index)) {
      const src = sourceInParagraph(ctx, p, t.index, t.index + t[0].length);
      if (put(ctx, 'selfScores.total', t[1]!, t[1]!, src)) {
        // "自评得分95分，满分100分。": the maximum printed in the same sentence.
        const end = p.text.slice(t.index).search(/[。；;！？\n]/);
        const sentence = p.text.slice(t.index, end < 0 ? undefined : t.index + end);
        const max = MAX_IN_SENTENCE.exec(sentence.slice(t[0].length));
        if (max && Number(max[1]) >= Number(t[1])) put(ctx, 'selfScores.max', max[1]!, max[1]!, src);
      }
      continue;
    }
    const l = LABELLED_TOTAL.exec(p.text);
    if (l && isScore(l[1]!) && !isProjectScore(ctx, p.text, l.index)) put(ctx, 'selfScores.total', l[1]!, l[1]!, sourceInParagraph(ctx, p, l.index, l.index + l[0].length));
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
