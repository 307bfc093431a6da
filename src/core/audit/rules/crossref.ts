/**
 * Cross-reference: the same quantity stated in two places with different numbers. Narrative facts are matched by
 * what they count (subject and unit, not position); the budget's parts are matched with the tables that itemise
 * them; amounts the text names (基本支出, 项目支出, a classification row) with the table rows of that name.
 */
import { type MoneyUnit, valueIn } from '../../amount.ts';
import { type Exact, abs, add, cmp, div, eq, fromInt, gt, lt, lte, max, min, mul, parseExact, pow10, reduce, roundHalfUp, sub, sum, toPlainString } from '../../exact.ts';
import type { BudgetLine, Evaluation } from '../../model/evaluation.ts';
import type { Money } from '../../model/money.ts';
import type { PathSegment } from '../../problem.ts';
import type { NarrativeFact } from '../../text/facts.ts';
import { SENTENCE_REACH, breakBefore } from '../../text/reach.ts';
import { PART_IN_SENTENCE, PROJECT_PART_IN_SENTENCE, WHOLE_PREFIX, namesOtherSubject } from './sentence-subject.ts';
import { type AuditContext, type FindingDraft, at, digitsOf, fromSource, halfUnit, isMoney, locationOf, moneyText, t, uniqueLocations } from '../context.ts';
import type { FindingLocation, Passage } from '../types.ts';
import { formulaTableTotals } from './formula-table.ts';
import { FUND_LINES } from '../../compute/compute.ts';
import { projectsOf } from './scores.ts';
import type { LocalText } from '../../formulas/types.ts';
import type { RuleImpl } from './rule.ts';

// ───────────────────────────── narrative facts ─────────────────────────────

/** Another period, a comparison or a plan: such a figure is not the year's result and is never compared. */
const NOT_THIS_YEAR = /去年|上年|同期|同比|往年|历年|以来|比\d{4}年|较\d{4}年|\d{4}年同|计划|预计|拟|力争|目标|不少于|不低于|不超过|以内|以上|以下|每年|每月|每周|每天|每日|平均|人均|户均/;
const BUDGET_WORDS = /\d{4}\s*年度?|本单位|本部门|我局|部门|单位|财政拨款|一般公共预算|政府性基金预算?|国有资本经营预算?|预算|调整|年初|初|决算|批复|收入|支出|实际|发生|执行|资金|金额|经费|数|合计|共计|总计|涉及|其中|当年度?|全年|总额|安排|基本|项目|万元|元/g;
/** Connective bigrams that say nothing about what is counted. */
const STOP = new Set(['全区', '我区', '我局', '本局', '共计', '累计', '合计', '总计', '全年', '其中', '进行', '开展', '完成', '组织', '实现', '全市', '本年', '年度', '个人', '共有', '分别', '达到', '一是', '二是', '三是', '四是', '五是']);

interface LocatedFact {
  readonly fact: NarrativeFact;
  readonly passage: Passage;
  readonly passageIndex: number;
  /** Index of the fact in its passage's facts. */
  readonly factIndex: number;
  readonly grams: ReadonlySet<string>;
  /** The subject's own words (scope and connective words removed), to tell a part from its whole. */
  readonly core: string;
  readonly unitKey: string;
  /** The value in the unit key's base (money in 元). */
  readonly value: Exact;
  /** Half the last printed digit, in the same base: a figure printed as 5.1 万 covers 50,500 ± 500. */
  readonly halfStep: Exact;
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const han = s.replace(/[^\u4e00-\u9fff]+/g, '|');
  for (const part of han.split('|')) for (let i = 0; i + 1 < part.length; i++) {
    const g = part.slice(i, i + 2);
    if (!STOP.has(g)) out.add(g);
  }
  return out;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): { score: number; shared: number } {
  if (!a.size || !b.size) return { score: 0, shared: 0 };
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return { score: (2 * shared) / (a.size + b.size), shared };
}

/**
 * Words that say where, by whom or in all, not which thing is counted: 全年开展文物安全巡查 and 我区共开展文物安全巡查
 * count the same thing.
 */
const SCOPE_WORDS = /我区|全区|本区|我市|全市|本市|我县|全县|我局|本局|我馆|本馆|我单位|本单位|本部门|共计|累计|合计|总计|全年|年内|本年度|本年|年度|今年以来|其中|进行|开展|完成|组织|实现|共有|分别|达到|已|共|均|各/g;

const coreOf = (subject: string): string => subject.replace(/[^\u4e00-\u9fff]+/g, '').replace(SCOPE_WORDS, '');

/**
 * Whether one subject names a part of what the other counts: the same words with more before them (Chinese puts the
 * qualifier first) — 夜间文物安全巡查 (其中夜间开展文物安全巡查 30 次) is a part of 文物安全巡查 (巡查 86 次), not the same
 * fact said with another number. Words after the shared ones (…演练次数) are only another way to name the count.
 */
function isPartOf(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 2 && long.length - short.length >= 2 && long.endsWith(short);
}

const isMoneyUnitOf = (u: string) => u === '万元' || u === '元' || u === '亿元';

function decimalsOfPrinted(printed: string): number {
  const i = printed.indexOf('.');
  return i < 0 ? 0 : printed.length - i - 1;
}

function locateFacts(passages: readonly Passage[]): LocatedFact[] {
  const out: LocatedFact[] = [];
  passages.forEach((p, passageIndex) => {
    if (p.isTarget) return;
    p.facts.forEach((f, factIndex) => {
      if (f.isApproximate || NOT_THIS_YEAR.test(f.clause)) return;
      // What is counted may follow the number: "制止 40 起野外违规用火".
      let e = f.end;
      while (e < p.text.length && e < f.end + 12 && !/[，,。；;、：:（）()\n]/.test(p.text[e]!)) e++;
      const after = p.text.slice(f.end, e);
      const subject = isMoneyUnitOf(f.unit) ? f.subject.replace(BUDGET_WORDS, '|') : f.subject;
      const grams = bigrams(`${subject}|${after}`);
      if (grams.size < 2) return;
      const isMoneyUnit = f.unit === '万元' || f.unit === '元' || f.unit === '亿元';
      // A budget line named only by budget words (调整预算数, 决算支出) is the budget rules' business: which fund
      // or year it belongs to is said elsewhere in the sentence.
      if (isMoneyUnit && f.subject.replace(BUDGET_WORDS, '').replace(/[^\u4e00-\u9fff]/g, '').length < 4) return;
      const scale = f.unit === '万元' ? fromInt(10000) : f.unit === '亿元' ? fromInt(100000000) : fromInt(1);
      const value = mul(f.value, scale);
      const mult = f.multiplier === '万' ? 10000n : f.multiplier === '亿' ? 100000000n : 1n;
      const halfStep = mul({ n: 5n * mult, d: pow10(decimalsOfPrinted(f.printed) + 1) }, scale);
      out.push({ fact: f, passage: p, passageIndex, factIndex, grams, core: coreOf(f.subject), unitKey: isMoneyUnit ? '元' : f.unit, value, halfStep });
    });
  });
  return out;
}

interface Valued {
  readonly value: Exact;
  readonly halfStep: Exact;
}

/** Two statements of one count agree when either, rounded as printed, covers the other. */
function sameValue(a: Valued, b: Valued): boolean {
  const d = abs(sub(a.value, b.value));
  return lte(d, a.halfStep) || lte(d, b.halfStep);
}

function close(a: Valued, b: Valued, within: number): boolean {
  const big = gt(abs(a.value), abs(b.value)) ? abs(a.value) : abs(b.value);
  const r = div(abs(sub(a.value, b.value)), big);
  return r !== undefined && lte(r, { n: BigInt(Math.round(within * 1000)), d: 1000n });
}

/**
 * How the words of two figures relate, whatever their values: 'ratio' — the same thing counted (they relate when
 * neither is over three times the other); 'close' — much the same thing (they relate when within 10%: two different
 * counts close together about one thing are the usual copying slip, but not for money: budget lines of one size are
 * many); undefined — different things.
 */
type Relation = 'ratio' | 'close';

function relationOf(score: number, shared: number, unitKey: string): Relation | undefined {
  if ((score >= 0.6 && shared >= 3) || (score >= 0.99 && shared >= 2)) return 'ratio';
  return unitKey !== '元' && score >= 0.35 && shared >= 3 ? 'close' : undefined;
}

/** Whether two values of words related by `relation` are related: ten times apart is another scope, not a slip. */
function valuesRelate(a: Valued, b: Valued, relation: Relation): boolean {
  const big = gt(abs(a.value), abs(b.value)) ? abs(a.value) : abs(b.value);
  const small = gt(abs(a.value), abs(b.value)) ? abs(b.value) : abs(a.value);
  if (gt(big, mul(small, fromInt(3)))) return false;
  return relation === 'ratio' || close(a, b, 0.1);
}

/** Sum of the "其中" list right after the fact `i` of a passage ("共 60 人，其中公务员 52 人、职员 8 人"), if it has one. */
function breakdownOf(p: Passage, i: number): { sum: Exact; items: NarrativeFact[] } | undefined {
  const f = p.facts[i]!;
  const next = p.text.slice(f.end, f.end + 8);
  if (!/^[^。；;]{0,4}其中/.test(next)) return undefined;
  const items: NarrativeFact[] = [];
  const verb = f.subject.replace(/[^\u4e00-\u9fff]/g, '').slice(0, 2);
  // The text between the total and each item, read once: sentence ends stop the list, open brackets hold sub-items.
  let at = f.end;
  let depth = 0;
  const stop = f.end + SENTENCE_REACH;
  for (let j = i + 1; j < p.facts.length; j++) {
    const g = p.facts[j]!;
    let ended = g.start > stop;
    for (; at < g.start && !ended; at++) {
      const c = p.text[at]!;
      if (c === '。' || c === '；' || c === ';') ended = true;
      else if (c === '（' || c === '(') depth++;
      else if (c === '）' || c === ')') depth--;
    }
    if (ended) break;
    // A clause starting with the total's own verb ("受理…") is a new statement, not an item of the list.
    if (verb.length === 2 && g.subject.startsWith(verb)) break;
    // Items inside brackets break an item down further: "在编 60 人（公务员 52 人、职员 8 人）".
    if (depth > 0) continue;
    if (g.unit === f.unit) items.push(g);
  }
  return items.length >= 2 ? { sum: sum(items.map((x) => x.value)), items } : undefined;
}

function factLocation(lf: LocatedFact): FindingLocation {
  return lf.passage.locate(lf.fact.start, lf.fact.end);
}

// ─────────── statements: a figure said the same way (words, value, precision), wherever it is said ───────────
//
// Why: facts are compared two by two, and a text repeating one row 5,000 times has 12.5 million pairs. Facts said
// the same way relate to everything alike, so they are compared once as one statement; statements are found by
// their words (an index of word pairs) and by their value (sorted, within the range a relation allows), and joined
// by walking from statement to statement, each visited once. The findings are exactly those of comparing every pair.

interface Statement extends Valued {
  readonly index: number;
  readonly words: number;
  /** |value|, the key statements are sorted by. */
  readonly size: Exact;
  /** Its facts, in document order, and the passages they are in (ascending, distinct). */
  readonly facts: LocatedFact[];
  readonly passages: number[];
  /** Where it sits in its bucket (the statements of its words and half-step, by size). */
  bucket?: Bucket;
  position: number;
}

/** The statements of one set of words and one half-step, sorted by size, with the ones not yet visited. */
class Bucket {
  readonly items: Statement[] = [];
  private next = new Int32Array(0);
  constructor(readonly halfStep: Exact) {}

  seal(): void {
    this.items.sort((a, b) => cmp(a.size, b.size));
    this.items.forEach((s, i) => {
      s.bucket = this;
      s.position = i;
    });
  }

  /** Every statement unvisited again. */
  reset(): void {
    this.next = Int32Array.from({ length: this.items.length + 1 }, (_, i) => i);
  }

  /** First unvisited position at or after `i` (with path halving). */
  private find(i: number): number {
    const next = this.next;
    while (next[i] !== i) {
      next[i] = next[next[i]!]!;
      i = next[i]!;
    }
    return i;
  }

  visited(position: number): void {
    this.next[position] = position + 1;
  }

  /** Calls `look` on each unvisited statement whose size is in [lo, hi]; `look` marks the ones it visits. */
  scan(lo: Exact, hi: Exact, look: (s: Statement) => void): void {
    let a = 0;
    let b = this.items.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (lt(this.items[mid]!.size, lo)) a = mid + 1;
      else b = mid;
    }
    for (let i = this.find(a); i < this.items.length && lte(this.items[i]!.size, hi); i = this.find(i + 1)) look(this.items[i]!);
  }
}

interface Words {
  readonly grams: ReadonlySet<string>;
  readonly core: string;
  readonly buckets: Map<string, Bucket>;
  /** Sets of words this one relates to (itself included), and how. */
  readonly related: { readonly words: number; readonly relation: Relation; readonly score: number }[];
}

const keyOf = (x: Exact): string => {
  const r = reduce(x);
  return `${r.n}/${r.d}`;
};

function statementsOf(list: readonly LocatedFact[], unitKey: string) {
  const words: Words[] = [];
  const wordsByKey = new Map<string, number>();
  const statements: Statement[] = [];
  const byKey = new Map<string, Statement>();
  const ofFact: Statement[] = [];
  const inPassage = new Map<number, Statement[]>();
  for (const f of list) {
    const wordKey = `${[...f.grams].sort().join(' ')}|${f.core}`;
    let w = wordsByKey.get(wordKey);
    if (w === undefined) {
      w = words.length;
      wordsByKey.set(wordKey, w);
      words.push({ grams: f.grams, core: f.core, buckets: new Map(), related: [] });
    }
    const stepKey = keyOf(f.halfStep);
    const key = `${w}|${keyOf(f.value)}|${stepKey}`;
    let s = byKey.get(key);
    if (!s) {
      s = { index: statements.length, words: w, value: f.value, halfStep: f.halfStep, size: abs(f.value), facts: [], passages: [], position: 0 };
      byKey.set(key, s);
      statements.push(s);
      const buckets = words[w]!.buckets;
      const bucket = buckets.get(stepKey) ?? new Bucket(f.halfStep);
      buckets.set(stepKey, bucket);
      bucket.items.push(s);
    }
    s.facts.push(f);
    if (s.passages[s.passages.length - 1] !== f.passageIndex) {
      s.passages.push(f.passageIndex);
      const here = inPassage.get(f.passageIndex) ?? [];
      here.push(s);
      inPassage.set(f.passageIndex, here);
    }
    ofFact.push(s);
  }
  for (const w of words) for (const b of w.buckets.values()) b.seal();
  // Related words: pairs sharing at least two word pairs (every relation needs two), counted through an index.
  const postings = new Map<string, number[]>();
  words.forEach((w, i) => {
    for (const g of w.grams) {
      const list = postings.get(g) ?? [];
      list.push(i);
      postings.set(g, list);
    }
  });
  words.forEach((a, i) => {
    a.related.push({ words: i, relation: 'ratio', score: 1 });
    const shared = new Map<number, number>();
    for (const g of a.grams) for (const j of postings.get(g)!) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    for (const [j, n] of shared) {
      const b = words[j]!;
      const score = (2 * n) / (a.grams.size + b.grams.size);
      const relation = relationOf(score, n, unitKey);
      // A part and its whole are two facts, however alike their words.
      if (!relation || isPartOf(a.core, b.core)) continue;
      a.related.push({ words: j, relation, score });
      b.related.push({ words: i, relation, score });
    }
  });
  return { words, statements, ofFact, inPassage };
}

/** The finding clusters of one unit: each a list of facts (document order) stating one thing with different values. */
function conflictClusters(list: readonly LocatedFact[], unitKey: string): LocatedFact[][] {
  const { words, statements, ofFact, inPassage } = statementsOf(list, unitKey);
  const buckets = words.flatMap((w) => [...w.buckets.values()]);
  const diceCache = new Map<number, number>();
  const diceOf = (a: number, b: number): number => {
    const key = a < b ? a * words.length + b : b * words.length + a;
    let d = diceCache.get(key);
    if (d === undefined) {
      d = a === b ? 1 : dice(words[a]!.grams, words[b]!.grams).score;
      diceCache.set(key, d);
    }
    return d;
  };
  /** Some fact of each is in a passage the other has no fact in: the two were said in different places. */
  const apart = (a: Statement, b: Statement) => !(a.passages.length === 1 && b.passages.length === 1 && a.passages[0] === b.passages[0]);
  /** Range of sizes a statement related to `v` by `relation` can have. */
  const window = (v: Statement, relation: Relation): [Exact, Exact] =>
    relation === 'ratio' ? [div(v.size, fromInt(3))!, mul(v.size, fromInt(3))] : [mul(v.size, { n: 9n, d: 10n }), mul(v.size, { n: 10n, d: 9n })];

  // Groups: statements of one figure said in several places (same value within precision, related words, apart).
  const group = new Int32Array(statements.length).fill(-1);
  const groups: Statement[][] = [];
  for (const b of buckets) b.reset();
  for (const first of statements) {
    if (group[first.index]! >= 0) continue;
    const id = groups.length;
    const members: Statement[] = [];
    const visit = (s: Statement) => {
      group[s.index] = id;
      s.bucket!.visited(s.position);
      members.push(s);
    };
    visit(first);
    for (let q = 0; q < members.length; q++) {
      const v = members[q]!;
      for (const r of words[v.words]!.related) {
        const [lo, hi] = window(v, r.relation);
        for (const bucket of words[r.words]!.buckets.values()) {
          const m = max(v.halfStep, bucket.halfStep);
          bucket.scan(max(lo, sub(v.size, m)), min(hi, add(v.size, m)), (u) => {
            if (sameValue(v, u) && valuesRelate(v, u, r.relation) && apart(v, u)) visit(u);
          });
        }
      }
    }
    groups.push(members);
  }

  // Whether a fact of `v` somewhere is not explained away against `u`: a figure that a sibling in its passage (same
  // value as `u`, words as close) matches as well is about that sibling — "经济效益指标 2 个" against a list that
  // also says "社会效益指标 4 个" is no conflict with the 4. A passage holding `u` itself explains `v` there (`u` is
  // its own sibling), so the passages left on the two sides are different ones, as the facts compared must be.
  const unexplained = (v: Statement, u: Statement): boolean => {
    const own = diceOf(v.words, u.words);
    return v.passages.some((p) => !inPassage.get(p)!.some((k) => sameValue(k, u) && diceOf(k.words, u.words) >= own));
  };
  const conflict = (v: Statement, u: Statement, relation: Relation): boolean =>
    !sameValue(v, u) && valuesRelate(v, u, relation) && unexplained(v, u) && unexplained(u, v);

  // Clusters: groups joined by conflicts. A cluster of one group has no conflict and makes no finding.
  const cluster = new Int32Array(statements.length).fill(-1);
  const isFinding: boolean[] = [];
  for (const b of buckets) b.reset();
  for (const first of statements) {
    if (cluster[first.index]! >= 0) continue;
    const id = isFinding.length;
    const members: Statement[] = [];
    const visit = (s: Statement) => {
      cluster[s.index] = id;
      s.bucket!.visited(s.position);
      members.push(s);
    };
    visit(first);
    for (let q = 0; q < members.length; q++) {
      const v = members[q]!;
      // Its group first: a group is in one cluster whole.
      for (const u of groups[group[v.index]!]!) if (cluster[u.index]! < 0) visit(u);
      for (const r of words[v.words]!.related) {
        const [lo, hi] = window(v, r.relation);
        for (const bucket of words[r.words]!.buckets.values()) {
          bucket.scan(lo, hi, (u) => {
            if (conflict(v, u, r.relation)) visit(u);
          });
        }
      }
    }
    isFinding.push(new Set(members.map((s) => group[s.index])).size > 1);
  }

  const clusters = new Map<number, LocatedFact[]>();
  list.forEach((f, i) => {
    const c = cluster[ofFact[i]!.index]!;
    if (!isFinding[c]) return;
    const facts = clusters.get(c) ?? [];
    facts.push(f);
    clusters.set(c, facts);
  });
  return [...clusters.values()];
}

/**
 * The facts of a cluster by value: each fact joins the first value (in order of first appearance) it agrees with.
 * A range-minimum tree per half-step finds that first value among those within reach, so a cluster of thousands
 * of different values is not compared value by value.
 */
function byValue(facts: readonly LocatedFact[]): { v: LocatedFact; all: LocatedFact[] }[] {
  const values: { v: LocatedFact; all: LocatedFact[] }[] = [];
  const statementKey = (f: LocatedFact) => `${keyOf(f.value)}|${keyOf(f.halfStep)}`;
  const distinct = new Map<string, LocatedFact>();
  for (const f of facts) if (!distinct.has(statementKey(f))) distinct.set(statementKey(f), f);
  // Per half-step: the distinct values sorted, and a tree of the earliest value (index in `values`) at each.
  interface Step {
    readonly halfStep: Exact;
    readonly sorted: LocatedFact[];
    readonly position: Map<LocatedFact, number>;
    tree: Int32Array;
    size: number;
  }
  const steps = new Map<string, Step>();
  for (const f of distinct.values()) {
    const k = keyOf(f.halfStep);
    const s: Step = steps.get(k) ?? { halfStep: f.halfStep, sorted: [], position: new Map(), tree: new Int32Array(0), size: 0 };
    s.sorted.push(f);
    steps.set(k, s);
  }
  const NONE = 0x7fffffff;
  for (const s of steps.values()) {
    s.sorted.sort((a, b) => cmp(a.value, b.value));
    s.sorted.forEach((f, i) => s.position.set(f, i));
    s.size = 1;
    while (s.size < s.sorted.length) s.size *= 2;
    s.tree = new Int32Array(2 * s.size).fill(NONE);
  }
  const query = (s: Step, from: number, to: number): number => {
    let best = NONE;
    for (let a = from + s.size, b = to + s.size; a < b; a >>= 1, b >>= 1) {
      if (a & 1) best = Math.min(best, s.tree[a++]!);
      if (b & 1) best = Math.min(best, s.tree[--b]!);
    }
    return best;
  };
  const lowerBound = (sorted: readonly LocatedFact[], x: Exact, strict: boolean): number => {
    let a = 0;
    let b = sorted.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      const c = cmp(sorted[mid]!.value, x);
      if (c < 0 || (strict && c === 0)) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  const valueOf = new Map<string, number>();
  for (const f of facts) {
    const key = statementKey(f);
    let at = valueOf.get(key);
    if (at === undefined) {
      at = NONE;
      for (const s of steps.values()) {
        const m = max(f.halfStep, s.halfStep);
        at = Math.min(at, query(s, lowerBound(s.sorted, sub(f.value, m), false), lowerBound(s.sorted, add(f.value, m), true)));
      }
      if (at === NONE) {
        at = values.length;
        values.push({ v: f, all: [] });
        const own = distinct.get(key)!;
        const s = steps.get(keyOf(f.halfStep))!;
        for (let i = s.position.get(own)! + s.size; i >= 1; i >>= 1) s.tree[i] = Math.min(s.tree[i]!, at);
      }
      valueOf.set(key, at);
    }
    values[at]!.all.push(f);
  }
  return values;
}

/** An indicator's actual as its cell prints it: a number and its unit ("41.4%", "123.6公里"). */
const ACTUAL_FIGURE = /^\s*(\d+(?:\.\d+)?)\s*([%％]|[\u4e00-\u9fa5]{1,4})?\s*$/;
/** Right after the indicator's name in a sentence: its figure, with at most a verb between ("为", "达到"). */
const RESTATED = /^\s*(?:为|是|达|达到|实际(?:完成|为|达到?)?|完成|[：:])?\s*(\d+(?:\.\d+)?)\s*([%％]|[\u4e00-\u9fa5]{1,4})/;

/**
 * An indicator's actual that the text states again, right after the indicator's full name ("家庭医生签约服务覆盖率44.1%"),
 * with another number than the indicator table's (41.4%): the same fact in two places. Only where the name (four
 * characters or more) is followed at once by a figure in the same unit, outside passages of targets, and the figure is
 * neither the actual at the text's decimals nor the target's number.
 */
function indicatorActualsInText(ctx: AuditContext): FindingDraft[] {
  const indicators = [...(ctx.e.indicators ?? []), ...(ctx.e.project?.indicators ?? [])];
  const out: FindingDraft[] = [];
  for (const ind of indicators) {
    const name = ind.name.replace(/\s+/g, '');
    const a = ACTUAL_FIGURE.exec(ind.actual ?? '');
    if (name.length < 4 || !a) continue;
    const actual = parseExact(a[1]!);
    const unit = (a[2] ?? '').replace('％', '%');
    if (!actual || unit === '') continue;
    const targetNumber = /(\d+(?:\.\d+)?)/.exec(ind.target ?? '')?.[1];
    for (const p of ctx.passages) {
      if (p.isTarget) continue;
      for (let at = p.text.indexOf(name); at >= 0; at = p.text.indexOf(name, at + name.length)) {
        const m = RESTATED.exec(p.text.slice(at + name.length, at + name.length + 16));
        if (!m || m[2]!.replace('％', '%') !== unit) continue;
        const said = parseExact(m[1]!);
        if (!said) continue;
        const digits = m[1]!.includes('.') ? m[1]!.split('.')[1]!.length : 0;
        if (eq(roundHalfUp(actual, digits), said) || m[1] === targetNumber) continue;
        const start = at + name.length + m.index + m[0].indexOf(m[1]!);
        out.push({
          message: t(
            `指标“${ind.name}”的实际完成值，指标表中为 ${ind.actual!.trim()}，正文写 ${m[1]}${m[2]}。`,
            `The actual of “${ind.name}” is ${ind.actual!.trim()} in the indicator table, ${m[1]}${m[2]} in the text.`,
          ),
          printed: `${m[1]}${m[2]}`,
          computed: ind.actual!.trim(),
          locations: uniqueLocations([p.locate(start, start + m[1]!.length + m[2]!.length), ...(ind.source ? [fromSource(ind.source, 'indicators', t('指标表', 'indicator table'))] : [])]),
        });
      }
    }
  }
  return out;
}

const factConflict: RuleImpl = {
  code: 'fact-conflict',
  category: 'cross-reference',
  severity: 'warning',
  title: t('同一事项多处数字不同', 'one fact, different numbers'),
  description: t(
    '叙述与表格中的每个数字事实（主语、数值、单位）两两比较：单位相同、所述事项相同（按主语及其后的宾语用词相似度判断，而非位置）而数值不同即报，并列出每个数值出现的全部位置。同一段落内的并列数字、上年/同比/计划/平均数、约数不比较；一方的主语是另一方的主语前加限定词（“其中夜间开展文物安全巡查”之于“开展文物安全巡查”）时是部分与整体，不比较；印作“5.1 万”的数按其精度比较。正文紧跟指标全称写出的完成值（“家庭医生签约服务覆盖率44.1%”，单位相同，目标段落除外）与指标表的实际完成值不同（按正文小数位比较，也不等于指标值）时亦报。',
    'Every numeric fact of the narrative and tables (subject, number, unit) is compared with every other: same unit, same thing counted (by the words around it, not by position), different number → a finding listing each number with all its places. Figures of one passage, other periods, plans, averages and approximate figures are not compared, nor is a part with its whole (one subject is the other with a qualifier before it: 其中夜间开展文物安全巡查 against 开展文物安全巡查); "5.1 万" is compared at its precision. An indicator’s actual the text states right after the indicator’s full name (家庭医生签约服务覆盖率44.1%, same unit, outside passages of targets) that differs from the indicator table’s actual (at the text’s decimals, and is not the target’s number) is reported too.',
  ),
  run(ctx) {
    const out: FindingDraft[] = indicatorActualsInText(ctx);
    const facts = locateFacts(ctx.passages);
    const byUnit = new Map<string, LocatedFact[]>();
    for (const f of facts) {
      const list = byUnit.get(f.unitKey) ?? [];
      list.push(f);
      byUnit.set(f.unitKey, list);
    }
    for (const [unitKey, list] of byUnit) {
      for (const c of conflictClusters(list, unitKey)) {
        const values = byValue(c);
        if (values.length < 2) continue;
        values.sort((a, b) => b.all.length - a.all.length);
        const unit = c[0]!.fact.unit;
        const part = (x: { v: LocatedFact; all: LocatedFact[] }, lang: 'zh' | 'en') => {
          let s: { sum: Exact } | undefined;
          for (const f of x.all) if ((s = breakdownOf(f.passage, f.factIndex))) break;
          const extra = s ? (lang === 'zh' ? `，其分项之和为 ${toPlainString(s.sum)}` : `, whose items add to ${toPlainString(s.sum)}`) : '';
          return lang === 'zh'
            ? `「${x.v.fact.subject}」${x.v.fact.printed}${x.v.fact.multiplier ?? ''}${unit}（${x.all.length} 处${extra}）`
            : `“${x.v.fact.subject}” ${x.v.fact.printed}${x.v.fact.multiplier ?? ''} ${unit} (${x.all.length} place(s)${extra})`;
        };
        out.push({
          message: t(`同一事项在不同位置数字不同：${values.map((v) => part(v, 'zh')).join('；')}。`, `One fact stated with different numbers: ${values.map((v) => part(v, 'en')).join('; ')}.`),
          printed: `${values[0]!.v.fact.printed}${values[0]!.v.fact.multiplier ?? ''}${unit}`,
          computed: values.slice(1).map((v) => `${v.v.fact.printed}${v.v.fact.multiplier ?? ''}${unit}`).join('、'),
          locations: uniqueLocations(values.flatMap((v) => v.all.map(factLocation))),
        });
      }
    }
    return out;
  },
};

// ───────────────────────────── budget parts ─────────────────────────────

type Column = 'initialBudget' | 'adjustedBudget' | 'actualSpending';
const COLUMNS: readonly Column[] = ['initialBudget', 'adjustedBudget', 'actualSpending'];
const COLUMN_LABEL: Record<Column, { zh: string; en: string }> = {
  initialBudget: t('年初预算', 'initial budget'),
  adjustedBudget: t('调整后预算', 'adjusted budget'),
  actualSpending: t('实际支出', 'actual spending'),
};

interface Stated {
  readonly money: Money;
  readonly path: readonly PathSegment[];
  readonly label: { zh: string; en: string };
  /** Half a unit of the last printed decimal, times the number of rounded figures added. */
  readonly tolerance: Exact;
}


function stated(e: Evaluation, path: readonly PathSegment[], label: { zh: string; en: string }): Stated | undefined {
  const m = at(e, path);
  return isMoney(m) ? { money: m, path, label, tolerance: halfUnit(digitsOf(m), m.unit) } : undefined;
}

/** The sum of a table's rows in one column, when every row has it. */
function rowsSum(e: Evaluation, tablePath: readonly PathSegment[], column: Column, label: { zh: string; en: string }): Stated | undefined {
  const rows = at(e, [...tablePath, 'rows']) as readonly BudgetLine[] | undefined;
  if (!rows?.length || !rows.every((r) => r[column])) return undefined;
  const ms = rows.map((r) => r[column]!);
  const unit = ms[0]!.unit;
  const total = sum(ms.map((m) => valueIn(m, unit)));
  const digits = ms.reduce((d, m) => Math.max(d, digitsOf(m)), 0);
  return {
    money: { value: total, unit },
    path: [...tablePath, 'rows'],
    label,
    tolerance: mul(halfUnit(digits, unit), fromInt(ms.length)),
  };
}

function agree(a: Stated, b: Stated): boolean {
  const unit: MoneyUnit = a.money.unit;
  const d = abs(sub(valueIn(a.money, unit), valueIn(b.money, unit)));
  return lte(d, add(a.tolerance, valueIn({ value: b.tolerance, unit: b.money.unit }, unit)));
}

function pairFinding(ctx: AuditContext, a: Stated, b: Stated, column: Column): FindingDraft {
  const unit = a.money.unit;
  const diff = abs(sub(valueIn(a.money, unit), valueIn(b.money, unit)));
  return {
    message: t(
      `${a.label.zh}${COLUMN_LABEL[column].zh}为 ${moneyText(a.money)}，${b.label.zh}为 ${moneyText(b.money, unit)}，相差 ${moneyText({ value: diff, unit })}。`,
      `${a.label.en} ${COLUMN_LABEL[column].en} is ${moneyText(a.money)}; ${b.label.en} gives ${moneyText(b.money, unit)}, ${moneyText({ value: diff, unit })} apart.`,
    ),
    printed: moneyText(a.money),
    computed: moneyText(b.money, unit),
    locations: uniqueLocations([locationOf(ctx, a.path, a.label), locationOf(ctx, b.path, b.label)]),
  };
}

const L = {
  budget: t('部门预算', 'the department budget'),
  basic: t('基本支出', 'basic expenditure'),
  project: t('项目支出', 'project expenditure'),
  basicTable: t('基本支出表部门合计', 'the basic-expenditure table total'),
  projectTable: t('项目表合计', 'the project table total'),
  projectRows: t('项目表各项目之和', 'the project rows'),
  econ: t('经济分类表', 'the economic classification'),
  func: t('功能分类表', 'the functional classification'),
};

function basicPart(e: Evaluation, c: Column): Stated | undefined {
  return stated(e, ['budget', 'basic', c], L.basic) ?? stated(e, ['basicExpenditure', 'department', 'total', c], L.basicTable);
}
function projectPart(e: Evaluation, c: Column): Stated | undefined {
  return stated(e, ['budget', 'project', c], L.project) ?? stated(e, ['projects', 'total', c], L.projectTable);
}

const partConflict: RuleImpl = {
  code: 'budget-part-conflict',
  category: 'cross-reference',
  severity: 'warning',
  title: t('预算总表与明细表数字不同', 'budget summary and detail tables disagree'),
  description: t(
    '同一数额在总表与明细表中比较：基本支出与基本支出表部门合计、项目支出与项目表合计、部门预算与经济分类/功能分类表合计（无合计行时用各行之和），按年初、调整后、实际三列；允许四舍五入误差。',
    'The same amount in the summary and in its detail table: basic expenditure and the basic table total, project expenditure and the project table total, the department budget and the economic or functional classification (their total row, or the sum of rows) — for the initial, adjusted and actual columns, allowing for rounding.',
  ),
  run(ctx) {
    const e = ctx.e;
    const out: FindingDraft[] = [];
    for (const c of COLUMNS) {
      const pairs: [Stated | undefined, Stated | undefined][] = [
        [stated(e, ['budget', 'basic', c], L.basic), stated(e, ['basicExpenditure', 'department', 'total', c], L.basicTable)],
        [stated(e, ['budget', 'project', c], L.project), stated(e, ['projects', 'total', c], L.projectTable)],
      ];
      for (const key of ['economicClassification', 'functionalClassification'] as const) {
        const label = key === 'economicClassification' ? L.econ : L.func;
        const whole = stated(e, ['budget', c], L.budget);
        const table = stated(e, [key, 'total', c], t(`${label.zh}合计`, `${label.en} total`)) ?? rowsSum(e, [key], c, t(`${label.zh}各行之和`, `the rows of ${label.en}`));
        pairs.push([whole, table]);
      }
      for (const [a, b] of pairs) if (a && b && !agree(a, b)) out.push(pairFinding(ctx, a, b, c));
    }
    return out;
  },
};

const partsSum: RuleImpl = {
  code: 'parts-sum',
  category: 'cross-reference',
  severity: 'warning',
  title: t('组成部分之和 ≠ 合计', 'parts do not add up to their total'),
  description: t(
    '部门的年初预算、调整后预算、实际支出分别与 基本支出 + 项目支出 比较（两部分取总表数，无则取明细表合计），并与两个以上资金来源之和比较；项目自评表的年度资金总额与 当年财政拨款 + 上年结转资金 + 其他资金（印出的各行）比较；表头带公式的资金表中，每个印出的合计/总计/小计行逐列与其组成行之和比较（小计取紧随其后或其前、逐列相加相符的各行，“其中”所列为上一行的组成部分，二者在两列以上相符而某列不符时报该列；合计取未计入其他小计的各行，或全部非小计行，任一相符即不报）。允许各数四舍五入误差（每个数半个末位）。不符的列合为一条。',
    "The department's initial, adjusted and actual amounts against basic + project expenditure (from the summary, else the detail tables) and against two or more fund sources; a project form's total funds against 当年财政拨款 + 上年结转资金 + 其他资金 (the rows printed); in a table whose header prints its formulas, every printed total (合计/总计) and subtotal (小计) row, column by column, against the rows it adds up (a subtotal's run of rows right after or before it that adds up in the other columns, a \"其中\" list being part of the row above — reported in a column where they do not add up while two or more others do; a total against the rows not counted in a subtotal, or against every row that is not a sum — either one matching clears it). Rounding of each figure (half a unit of its last place) is allowed. The columns that differ make one finding per row.",
  ),
  run(ctx) {
    return [...departmentParts(ctx), ...lineParts(ctx), ...formulaTableTotals(ctx)];
  },
};

/**
 * A total line against the lines that make it up, per column: the department budget against its fund sources (two or
 * more), a project form's 年度资金总额 against 当年财政拨款 + 上年结转资金 + 其他资金 (the ones printed).
 */
function lineParts(ctx: AuditContext): FindingDraft[] {
  const e = ctx.e;
  const groups: { whole: readonly PathSegment[]; label: LocalText; parts: { path: readonly PathSegment[]; label: LocalText }[]; min: number }[] = [];
  const sources = e.budget?.fundSources ?? [];
  groups.push({ whole: ['budget'], label: L.budget, parts: sources.map((f, i) => ({ path: ['budget', 'fundSources', i], label: t(f.name, f.name) })), min: 2 });
  for (const { project, path, label } of projectsOf(e)) {
    const parts = FUND_LINES.filter(([key]) => key !== 'total' && project.funds?.[key]).map(([key, name]) => ({ path: [...path, 'funds', key], label: name }));
    groups.push({ whole: [...path, 'funds', 'total'], label: t(`${label.zh}年度资金总额`, `${label.en} total funds`), parts, min: 1 });
  }
  const out: FindingDraft[] = [];
  for (const g of groups) {
    const bad: { c: Column; whole: Stated; parts: Stated[]; sum: Money }[] = [];
    for (const c of COLUMNS) {
      const whole = stated(e, [...g.whole, c], g.label);
      const parts = g.parts.map((p) => stated(e, [...p.path, c], p.label)).filter((x): x is Stated => x !== undefined);
      if (!whole || parts.length < g.min) continue;
      const unit = whole.money.unit;
      const total: Stated = {
        money: { value: sum(parts.map((p) => valueIn(p.money, unit))), unit },
        path: [],
        label: t('各项之和', 'the sum of the parts'),
        tolerance: sum(parts.map((p) => valueIn({ value: p.tolerance, unit: p.money.unit }, unit))),
      };
      if (!agree(whole, total)) bad.push({ c, whole, parts, sum: total.money });
    }
    if (!bad.length) continue;
    const line = (b: (typeof bad)[number], lang: 'zh' | 'en') =>
      `${COLUMN_LABEL[b.c][lang]}${lang === 'zh' ? '：' : ': '}${b.parts.map((p) => `${p.label[lang]} ${moneyText(p.money)}`).join(' + ')} = ${moneyText(b.sum)}${lang === 'zh' ? `，${g.label.zh}印 ${moneyText(b.whole.money)}` : `, ${g.label.en} prints ${moneyText(b.whole.money)}`}`;
    out.push({
      message: t(`${g.label.zh}不等于其组成部分之和：${bad.map((b) => line(b, 'zh')).join('；')}。`, `${g.label.en} differs from the sum of its parts: ${bad.map((b) => line(b, 'en')).join('; ')}.`),
      printed: bad.map((b) => moneyText(b.whole.money)).join('、'),
      computed: bad.map((b) => moneyText(b.sum)).join('、'),
      locations: uniqueLocations(bad.flatMap((b) => [locationOf(ctx, b.whole.path, b.whole.label), ...b.parts.map((p) => locationOf(ctx, p.path, p.label))])),
    });
  }
  return out;
}

function departmentParts(ctx: AuditContext): FindingDraft[] {
  const e = ctx.e;
  const bad: { c: Column; whole: Stated; basic: Stated; project: Stated; sum: Money }[] = [];
  for (const c of COLUMNS) {
    const whole = stated(e, ['budget', c], L.budget);
    const basic = basicPart(e, c);
    const project = projectPart(e, c);
    if (!whole || !basic || !project) continue;
    const unit = whole.money.unit;
    const s: Stated = { money: { value: add(valueIn(basic.money, unit), valueIn(project.money, unit)), unit }, path: [], label: t('两者之和', 'their sum'), tolerance: add(valueIn({ value: basic.tolerance, unit: basic.money.unit }, unit), valueIn({ value: project.tolerance, unit: project.money.unit }, unit)) };
    if (!agree(whole, s)) bad.push({ c, whole, basic, project, sum: s.money });
  }
  if (!bad.length) return [];
  const line = (b: (typeof bad)[number], lang: 'zh' | 'en') =>
    lang === 'zh'
      ? `${COLUMN_LABEL[b.c].zh}：${b.basic.label.zh} ${moneyText(b.basic.money)} + ${b.project.label.zh} ${moneyText(b.project.money)} = ${moneyText(b.sum)}，部门印 ${moneyText(b.whole.money)}`
      : `${COLUMN_LABEL[b.c].en}: ${b.basic.label.en} ${moneyText(b.basic.money)} + ${b.project.label.en} ${moneyText(b.project.money)} = ${moneyText(b.sum)}, the department prints ${moneyText(b.whole.money)}`;
  return [
    {
      message: t(`基本支出与项目支出之和不等于部门数：${bad.map((b) => line(b, 'zh')).join('；')}。`, `Basic plus project expenditure differs from the department figure: ${bad.map((b) => line(b, 'en')).join('; ')}.`),
      printed: bad.map((b) => moneyText(b.whole.money)).join('、'),
      computed: bad.map((b) => moneyText(b.sum)).join('、'),
      locations: uniqueLocations(bad.flatMap((b) => [locationOf(ctx, b.whole.path, b.whole.label), locationOf(ctx, b.basic.path, b.basic.label), locationOf(ctx, b.project.path, b.project.label)])),
    },
  ];
}

// ───────────────────────────── amounts named in the text ─────────────────────────────

const COLUMN_WORDS: readonly [RegExp, Column][] = [
  [/决算|实际|执行|支出数/g, 'actualSpending'],
  [/调整/g, 'adjustedBudget'],
  [/年初|初预算|预算收入|预算安排|预算数/g, 'initialBudget'],
];

/**
 * The column a sentence speaks of: the last column word before `at` in the same sentence (at most SENTENCE_REACH
 * back). A sentence that only breaks down the one before ("全年实际支出 1932.68 万元。其中：基本支出…") speaks of that
 * sentence's column.
 */
function columnBefore(text: string, at: number): Column | undefined {
  const from = breakBefore(text, at, (c) => c === '。');
  const found = lastColumnWord(text.slice(from, at));
  if (found || !/^\s*(?:其中|包括)/.test(text.slice(from, at)) || from === 0) return found;
  const prev = breakBefore(text, from - 1, (c) => c === '。');
  return lastColumnWord(text.slice(prev, from));
}

function lastColumnWord(head: string): Column | undefined {
  let best: { i: number; c: Column } | undefined;
  for (const [re, c] of COLUMN_WORDS) for (const m of head.matchAll(re)) if (!best || m.index! > best.i) best = { i: m.index!, c };
  return best?.c;
}

/** Column words that may follow an amount's name ("项目支出执行", "基本支出决算数", "项目支出年初预算"). */
const COLUMN_AFTER = /(?:全年)?(?:执行数?|决算数?|实际支出数?|支出数|年初预算数?|调整后预算数?|全年预算数?|调整预算数?|预算数)$/;

interface Named {
  readonly name: string;
  readonly get: (c: Column) => Stated | undefined;
}

/**
 * "项目支出年初预算4,521.15万元，全年预算7,172.16万元，执行6,752.46万元": a figure whose clause holds only the column word
 * belongs to the 基本支出 or 项目支出 that opens an earlier clause of its sentence (the last one before it).
 */
function nameEarlier(text: string, at: number, named: readonly Named[]): Named | undefined {
  const sentence = text.slice(breakBefore(text, at, (c) => '。；;'.includes(c)), at);
  let best: { i: number; n: Named } | undefined;
  for (const n of named.slice(0, 2)) {
    const re = new RegExp(`(?:^|[，,：:])\\s*(?:其中\\s*[：:]?\\s*)?${n.name}`, 'g');
    for (const m of sentence.matchAll(re)) if (!best || m.index! > best.i) best = { i: m.index!, n };
  }
  return best?.n;
}

/**
 * The first named amount (in list order) whose name ends `subject`: names are looked up by each ending of the
 * subject instead of each name tried against it, so a classification table of thousands of rows stays linear.
 */
function namedLookup(named: readonly Named[]): (subject: string) => Named | undefined {
  const first = new Map<string, number>();
  named.forEach((n, i) => first.has(n.name) || first.set(n.name, i));
  const lengths = [...new Set(named.map((n) => n.name.length))];
  return (subject) => {
    let best = -1;
    for (const len of lengths) {
      if (len > subject.length) continue;
      const i = first.get(subject.slice(subject.length - len));
      if (i !== undefined && (best < 0 || i < best)) best = i;
    }
    return best < 0 ? undefined : named[best];
  };
}

function namedAmounts(e: Evaluation): Named[] {
  const out: Named[] = [
    { name: '基本支出', get: (c) => stated(e, ['basicExpenditure', 'department', 'total', c], L.basicTable) ?? stated(e, ['budget', 'basic', c], L.basic) },
    // The department's own 项目支出 (its budget table's row) first: a project table may list the key projects only.
    { name: '项目支出', get: (c) => stated(e, ['budget', 'project', c], L.project) ?? stated(e, ['projects', 'total', c], L.projectTable) },
  ];
  for (const key of ['economicClassification', 'functionalClassification'] as const) {
    e[key]?.rows.forEach((r, i) => {
      const name = r.name.replace(/\s+/g, '');
      if (name.length >= 4) out.push({ name, get: (c) => stated(e, [key, 'rows', i, c], t(`${key === 'economicClassification' ? '经济分类' : '功能分类'}表“${r.name}”`, `${key} row “${r.name}”`)) });
    });
  }
  return out;
}

const namedAmountConflict: RuleImpl = {
  code: 'text-table-conflict',
  category: 'cross-reference',
  severity: 'error',
  title: t('正文金额与表格不符', 'an amount in the text differs from the table'),
  description: t(
    '正文中“基本支出 N 万元”“项目支出（执行）N 万元”或经济/功能分类科目名后的金额，与表格中同名行比较；比较哪一列由同一句中此前的“年初/调整/决算、实际”等词决定（或紧跟名称的“执行、决算数”等词；以“其中”起首、只分解上一句的句子按上一句的词）；分句只有列词的金额（“项目支出年初预算 A 万元，全年预算 B 万元，执行 C 万元”）归同句此前分句起首的基本支出或项目支出。主语只是预算用语的句子（“年初预算数、全年预算、调整后预算数、实际支出、执行数”等，前面至多有年度及“我局、本单位、部门、整体、支出”等词）所写金额，与部门预算（项目表为年度资金总额）同列比较；同句金额前指明某一部分的（项目、基本支出、“三公”、经费、任务、“其中”、一般公共预算等资金来源、引号等；项目表上只看基本支出、人员/公用经费、“三公”、“其中”、引号等），或句首分句另有主语的（“1.社会保障和就业年初预算数为…，决算数为…”），不比较。正文的“项目支出”先与部门预算表的项目支出行比较，没有时才与项目表合计比较（项目表可能只列重点项目）。与该行（或整体）任一列相符即不报，按正文印出的小数位四舍五入比较。',
    'An amount the text gives after 基本支出, 项目支出 or a classification row name against the table row of that name, in the column the sentence speaks of (年初 / 调整 / 决算, 实际 before it, or 执行 / 决算数 right after the name; a sentence opening with 其中 that breaks down the one before speaks of that one’s column); an amount whose clause holds only a column word (项目支出年初预算 A 万元，全年预算 B 万元，执行 C 万元) belongs to the 基本支出 or 项目支出 opening an earlier clause of its sentence. A sentence whose subject is a budget term alone (年初预算数, 全年预算, 调整后预算数, 实际支出, 执行数 …, after at most a year and 我局 / 本单位 / 部门 / 整体 / 支出 and the like) states the department budget (on a project form, the 年度资金总额) and is compared in that column; one naming a part before the amount (项目, 基本支出, 三公, 经费, 任务, 其中, a fund source such as 一般公共预算, quotation marks …; on a project form only 基本支出, 人员/公用经费, 三公, 其中, quotation marks and the like), or whose first clause has another subject (1.社会保障和就业年初预算数为…，决算数为…), is skipped. A 项目支出 in the text is compared with the 项目支出 row of the budget table first, the project table total only without one (a project table may list the key projects only). Matching any column of the row (or the whole) clears it; compared at the text’s decimals.',
  ),
  run(ctx) {
    const named = namedAmounts(ctx.e);
    const nameEnding = namedLookup(named);
    const out: FindingDraft[] = [];
    for (const p of ctx.passages) {
      if (p.isTarget) continue;
      for (const f of p.facts) {
        if (f.unit !== '万元' && f.unit !== '元') continue;
        const subject = f.subject.replace(/\s+/g, '');
        // The column may follow the name: "项目支出执行 1,061.39 万元", "基本支出决算数 …".
        const tail = COLUMN_AFTER.exec(subject);
        const n = nameEnding(subject) ?? (tail ? nameEnding(subject.slice(0, tail.index)) : undefined) ?? (tail && tail.index === 0 ? nameEarlier(p.text, f.start, named) : undefined);
        if (!n) continue;
        const column = (tail && !n.name.endsWith(tail[0]) ? lastColumnWord(tail[0]) : undefined) ?? columnBefore(p.text, f.start - f.subject.length);
        if (!column) continue;
        const target = n.get(column);
        if (!target) continue;
        const unit = f.unit as MoneyUnit;
        const digits = decimalsOfPrinted(f.printed);
        const matches = (s: Stated | undefined) => s !== undefined && eq(roundHalfUp(valueIn(s.money, unit), digits), f.value);
        if (COLUMNS.some((c) => matches(n.get(c)))) continue;
        const tableValue = moneyText(target.money, unit);
        out.push({
          message: t(
            `正文写“${n.name} ${f.printed} ${unit}”，${target.label.zh}${COLUMN_LABEL[column].zh}为 ${moneyText(target.money)}（${tableValue}）。`,
            `The text says ${n.name} ${f.printed} ${unit}; ${target.label.en} ${COLUMN_LABEL[column].en} is ${moneyText(target.money)} (${tableValue}).`,
          ),
          printed: `${f.printed} ${unit}`,
          computed: tableValue,
          locations: uniqueLocations([p.locate(f.start, f.end), locationOf(ctx, target.path, target.label)]),
        });
      }
    }
    out.push(...totalsInText(ctx));
    return out;
  },
};

const HALF: Exact = { n: 1n, d: 2n };
const TWO_X: Exact = { n: 2n, d: 1n };

/** The whole budget's terms as a sentence names them, by column ("年初预算数", "全年预算", "实际支出", "全年执行数"). */
const TOTAL_TERMS: readonly [RegExp, Column][] = [
  [/^(?:年初(?:部门)?(?:批复)?预算(?:批复)?(?:数|金额|总额)?|年初安排(?:资金)?)$/, 'initialBudget'],
  [/^(?:全年(?:调整)?预算(?:数|总额)?|调整(?:后)?(?:全年)?预算(?:数|总额)?)$/, 'adjustedBudget'],
  [/^(?:全年)?(?:实际支出(?:数|金额)?|(?:预算)?执行(?:数|资金|金额)?|实际执行(?:数|金额)?|决算(?:支出)?数?|全年支出|累计支出|(?:各类资金)?(?:合计|共|累计)?拨付(?:资金|金额)?)$/, 'actualSpending'],
];


/**
 * A total of the budget that the text states in words ("年初预算3,456.78万元", "全年执行数509.88万元") against the
 * figure of the department (or, on a project form, of the project's 年度资金总额) in the same column: a sentence whose
 * subject is the term alone — after a year, 我局/本单位/部门 and the like — names the whole. Matching any column of
 * the whole clears it (a sentence may use another word for the same figure); compared at the text's decimals.
 */
function totalsInText(ctx: AuditContext): FindingDraft[] {
  const e = ctx.e;
  const whole = (c: Column): Stated | undefined => stated(e, ['budget', c], L.budget) ?? stated(e, ['project', 'funds', 'total', c], t('年度资金总额', 'the total funds'));
  if (!COLUMNS.some((c) => whole(c))) return [];
  const out: FindingDraft[] = [];
  for (const p of ctx.passages) {
    if (p.isTarget) continue;
    for (const f of p.facts) {
      if (f.unit !== '万元' && f.unit !== '元') continue;
      const subject = f.subject.replace(/\s+/g, '').replace(WHOLE_PREFIX, '');
      const column = TOTAL_TERMS.find(([re]) => re.test(subject))?.[1];
      if (!column) continue;
      const target = whole(column);
      if (!target) continue;
      // The sentence's subject may stand in an earlier clause ("“三公”经费预算12.60万元，实际支出9.84万元"): a part named
      // anywhere before the figure in its sentence makes it that part's.
      const sentence = p.text.slice(breakBefore(p.text, f.start, (c) => '。；;\n'.includes(c)), f.start);
      if ((target.path[0] === 'project' ? PROJECT_PART_IN_SENTENCE : PART_IN_SENTENCE).test(sentence)) continue;
      // "1.社会保障和就业年初预算数为18.33万元，决算数为18.33万元": the sentence's first clause names what it is about.
      if (target.path[0] !== 'project' && namesOtherSubject(sentence)) continue;
      // A figure under half or over twice the whole is some part's the sentence did not name as such, not a slip.
      const ratio = div(valueIn({ value: f.value, unit: f.unit as MoneyUnit }, target.money.unit), target.money.value);
      if (!ratio || lt(ratio, HALF) || gt(ratio, TWO_X)) continue;
      // The whole's own printing (a form's cell read as a passage) is no second statement of it.
      const unit = f.unit as MoneyUnit;
      const digits = decimalsOfPrinted(f.printed);
      const matches = (s: Stated | undefined) => s !== undefined && eq(roundHalfUp(valueIn(s.money, unit), digits), f.value);
      if (COLUMNS.some((c) => matches(whole(c)))) continue;
      const tableValue = moneyText(target.money, unit);
      out.push({
        message: t(
          `正文写“${f.subject.replace(/\s+/g, '')} ${f.printed} ${unit}”，${target.label.zh}${COLUMN_LABEL[column].zh}为 ${moneyText(target.money)}（${tableValue}）。`,
          `The text says ${f.subject.replace(/\s+/g, '')} ${f.printed} ${unit}; ${target.label.en} ${COLUMN_LABEL[column].en} is ${moneyText(target.money)} (${tableValue}).`,
        ),
        printed: `${f.printed} ${unit}`,
        computed: tableValue,
        locations: uniqueLocations([p.locate(f.start, f.end), locationOf(ctx, target.path, target.label)]),
      });
    }
  }
  return out;
}

const revenueVsBudget: RuleImpl = {
  code: 'revenue-budget-conflict',
  category: 'cross-reference',
  severity: 'warning',
  title: t('调整预算收入与年度预算调整数不同', 'adjusted revenue differs from the adjusted budget'),
  description: t('广州自评表并列印出“部门调整预算收入”与“年度预算调整数”，二者应为同一数；不同时，预算完成率用哪一个会得出不同结果。', 'The Guangzhou form prints the adjusted budget revenue beside the adjusted budget; they should agree, and the completion rate depends on which is used.'),
  run(ctx) {
    const a = stated(ctx.e, ['budget', 'adjustedBudget'], t('年度预算调整数', 'the adjusted budget'));
    const b = stated(ctx.e, ['budget', 'adjustedRevenue'], t('部门调整预算收入', 'the adjusted budget revenue'));
    if (!a || !b || agree(a, b)) return [];
    const d = pairFinding(ctx, a, b, 'adjustedBudget');
    return [{ ...d, message: t(`年度预算调整数 ${moneyText(a.money)} 与部门调整预算收入 ${moneyText(b.money, a.money.unit)} 不同；预算完成率按前者与按后者计算结果不同。`, `The adjusted budget ${moneyText(a.money)} differs from the adjusted revenue ${moneyText(b.money, a.money.unit)}; the completion rate differs with each.`) }];
  },
};

export const CROSS_REFERENCE_RULES: readonly RuleImpl[] = [factConflict, partConflict, partsSum, namedAmountConflict, revenueVsBudget];
