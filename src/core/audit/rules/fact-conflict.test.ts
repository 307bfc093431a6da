/**
 * The fact-conflict rule on inputs that made it quadratic or worse: a text repeating one row thousands of times, one
 * thing said with thousands of different numbers. Its findings must stay exactly those of comparing every pair of
 * facts: the reference below is the rule as it was written before it was made linear (every pair compared), and
 * generated passages must give both the same findings.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Exact, abs, div, fromInt, gt, lte, mul, pow10, sub, sum, toPlainString } from '../../exact.ts';
import { type NarrativeFact, extractFacts } from '../../text/facts.ts';
import { type AuditContext, type FindingDraft, t, uniqueLocations } from '../context.ts';
import type { FindingLocation, Passage } from '../types.ts';
import { CROSS_REFERENCE_RULES } from './crossref.ts';
import type { RuleImpl } from './rule.ts';

// ───────────── the reference: fact-conflict as it was, every pair of facts compared ─────────────

/** Another period, a comparison or a plan: such a figure is not the year's result and is never compared. */
const NOT_THIS_YEAR = /去年|上年|同期|同比|往年|历年|以来|比\d{4}年|较\d{4}年|\d{4}年同|计划|预计|拟|力争|目标|不少于|不低于|不超过|以内|以上|以下|每年|每月|每周|每天|每日|平均|人均|户均/;
const BUDGET_WORDS = /\d{4}\s*年度?|本单位|本部门|我局|部门|单位|财政拨款|一般公共预算|政府性基金预算?|国有资本经营预算?|预算|调整|年初|初|决算|批复|收入|支出|实际|发生|执行|资金|金额|经费|数|合计|共计|总计|涉及|其中|当年度?|全年|总额|安排|基本|项目|万元|元/g;
/** Connective bigrams that say nothing about what is counted. */
const STOP = new Set(['全区', '我区', '我局', '本局', '共计', '累计', '合计', '总计', '全年', '其中', '进行', '开展', '完成', '组织', '实现', '全市', '本年', '年度', '个人', '共有', '分别', '达到', '一是', '二是', '三是', '四是', '五是']);

interface LocatedFact {
  readonly fact: NarrativeFact;
  readonly passage: Passage;
  readonly passageIndex: number;
  readonly grams: ReadonlySet<string>;
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

const isMoneyUnitOf = (u: string) => u === '万元' || u === '元' || u === '亿元';

/** Scope and connective words, removed before two subjects are compared for a part and its whole. */
const SCOPE_WORDS = /我区|全区|本区|我市|全市|本市|我县|全县|我局|本局|我馆|本馆|我单位|本单位|本部门|共计|累计|合计|总计|全年|年内|本年度|本年|年度|今年以来|其中|进行|开展|完成|组织|实现|共有|分别|达到|已|共|均|各/g;
const coreOf = (subject: string): string => subject.replace(/[^\u4e00-\u9fff]+/g, '').replace(SCOPE_WORDS, '');
/** One subject is the other's words with a qualifier before them (夜间文物安全巡查 of 文物安全巡查): a part, not the same fact. */
function isPartOf(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 2 && long.length - short.length >= 2 && long.endsWith(short);
}

function decimalsOfPrinted(printed: string): number {
  const i = printed.indexOf('.');
  return i < 0 ? 0 : printed.length - i - 1;
}

function locateFacts(passages: readonly Passage[]): LocatedFact[] {
  const out: LocatedFact[] = [];
  passages.forEach((p, passageIndex) => {
    if (p.isTarget) return;
    for (const f of p.facts) {
      if (f.isApproximate || NOT_THIS_YEAR.test(f.clause)) continue;
      // What is counted may follow the number: "制止 40 起野外违规用火".
      let e = f.end;
      while (e < p.text.length && e < f.end + 12 && !/[，,。；;、：:（）()\n]/.test(p.text[e]!)) e++;
      const after = p.text.slice(f.end, e);
      const subject = isMoneyUnitOf(f.unit) ? f.subject.replace(BUDGET_WORDS, '|') : f.subject;
      const grams = bigrams(`${subject}|${after}`);
      if (grams.size < 2) continue;
      const isMoneyUnit = f.unit === '万元' || f.unit === '元' || f.unit === '亿元';
      // A budget line named only by budget words (调整预算数, 决算支出) is the budget rules' business: which fund
      // or year it belongs to is said elsewhere in the sentence.
      if (isMoneyUnit && f.subject.replace(BUDGET_WORDS, '').replace(/[^\u4e00-\u9fff]/g, '').length < 4) continue;
      const scale = f.unit === '万元' ? fromInt(10000) : f.unit === '亿元' ? fromInt(100000000) : fromInt(1);
      const value = mul(f.value, scale);
      const mult = f.multiplier === '万' ? 10000n : f.multiplier === '亿' ? 100000000n : 1n;
      const halfStep = mul({ n: 5n * mult, d: pow10(decimalsOfPrinted(f.printed) + 1) }, scale);
      out.push({ fact: f, passage: p, passageIndex, grams, unitKey: isMoneyUnit ? '元' : f.unit, value, halfStep });
    }
  });
  return out;
}

/** Two statements of one count agree when either, rounded as printed, covers the other. */
function sameValue(a: LocatedFact, b: LocatedFact): boolean {
  const d = abs(sub(a.value, b.value));
  return lte(d, a.halfStep) || lte(d, b.halfStep);
}

function close(a: LocatedFact, b: LocatedFact, within: number): boolean {
  const big = gt(abs(a.value), abs(b.value)) ? abs(a.value) : abs(b.value);
  const r = div(abs(sub(a.value, b.value)), big);
  return r !== undefined && lte(r, { n: BigInt(Math.round(within * 1000)), d: 1000n });
}

function related(a: LocatedFact, b: LocatedFact): boolean {
  if (a.unitKey !== b.unitKey || a.passageIndex === b.passageIndex) return false;
  // Ten times apart is another scope (the district against one office), not a slip.
  const big = gt(abs(a.value), abs(b.value)) ? abs(a.value) : abs(b.value);
  const small = gt(abs(a.value), abs(b.value)) ? abs(b.value) : abs(a.value);
  if (gt(big, mul(small, fromInt(3)))) return false;
  if (isPartOf(coreOf(a.fact.subject), coreOf(b.fact.subject))) return false;
  const { score, shared } = dice(a.grams, b.grams);
  if ((score >= 0.6 && shared >= 3) || (score >= 0.99 && shared >= 2)) return true;
  // Two different counts close together about the same thing are the usual copying slip (not for money: budget
  // lines of one size are many).
  return a.unitKey !== '元' && score >= 0.35 && shared >= 3 && close(a, b, 0.1);
}

/** Sums of the "其中" lists in a passage: fact index → sum of the items listed right after it. */
function breakdowns(p: Passage): Map<NarrativeFact, { sum: Exact; items: NarrativeFact[] }> {
  const out = new Map<NarrativeFact, { sum: Exact; items: NarrativeFact[] }>();
  p.facts.forEach((f, i) => {
    const next = p.text.slice(f.end, f.end + 8);
    if (!/^[^。；;]{0,4}其中/.test(next)) return;
    const items: NarrativeFact[] = [];
    const verb = f.subject.replace(/[^\u4e00-\u9fff]/g, '').slice(0, 2);
    for (let j = i + 1; j < p.facts.length; j++) {
      const g = p.facts[j]!;
      const between = p.text.slice(f.end, g.start);
      if (/[。；;]/.test(between)) break;
      // A clause starting with the total's own verb ("受理…") is a new statement, not an item of the list.
      if (verb.length === 2 && g.subject.startsWith(verb)) break;
      // Items inside brackets break an item down further: "在编 60 人（公务员 52 人、职员 8 人）".
      const depth = (between.match(/[（(]/g)?.length ?? 0) - (between.match(/[）)]/g)?.length ?? 0);
      if (depth > 0) continue;
      if (g.unit === f.unit) items.push(g);
    }
    if (items.length >= 2) out.set(f, { sum: sum(items.map((x) => x.value)), items });
  });
  return out;
}

function factLocation(lf: LocatedFact): FindingLocation {
  return lf.passage.locate(lf.fact.start, lf.fact.end);
}

const referenceFactConflict: RuleImpl = {
  code: 'fact-conflict',
  category: 'cross-reference',
  severity: 'warning',
  title: t('同一事项多处数字不同', 'one fact, different numbers'),
  description: t(
    '叙述与表格中的每个数字事实（主语、数值、单位）两两比较：单位相同、所述事项相同（按主语及其后的宾语用词相似度判断，而非位置）而数值不同即报，并列出每个数值出现的全部位置。同一段落内的并列数字、上年/同比/计划/平均数、约数不比较；印作“5.1 万”的数按其精度比较。',
    'Every numeric fact of the narrative and tables (subject, number, unit) is compared with every other: same unit, same thing counted (by the words around it, not by position), different number → a finding listing each number with all its places. Figures of one passage, other periods, plans, averages and approximate figures are not compared; "5.1 万" is compared at its precision.',
  ),
  run(ctx) {
    const facts = locateFacts(ctx.passages);
    const byUnit = new Map<string, LocatedFact[]>();
    for (const f of facts) byUnit.set(f.unitKey, [...(byUnit.get(f.unitKey) ?? []), f]);
    const sums = new Map<NarrativeFact, { sum: Exact; items: NarrativeFact[] }>();
    for (const p of ctx.passages) for (const [k, v] of breakdowns(p)) sums.set(k, v);
    const out: FindingDraft[] = [];
    for (const list of byUnit.values()) {
      // Statements: one figure said in several places (same value, related words), found by union–find.
      const parent = list.map((_, i) => i);
      const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
      const rel = list.map(() => [] as number[]);
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
        if (!related(list[i]!, list[j]!)) continue;
        rel[i]!.push(j);
        rel[j]!.push(i);
        if (sameValue(list[i]!, list[j]!)) parent[find(i)] = find(j);
      }
      // Conflicts: statements of different values whose words relate directly; a group of conflicting statements
      // makes one finding.
      const group = list.map((_, i) => find(i));
      const conflictParent = new Map<number, number>();
      const cfind = (i: number): number => {
        const p = conflictParent.get(i) ?? i;
        if (p === i) return i;
        const r = cfind(p);
        conflictParent.set(i, r);
        return r;
      };
      const inConflict = new Set<number>();
      // A figure that a sibling of the other (same passage, same value) matches as well is about that sibling:
      // "经济效益指标 2 个" against a list that also says "社会效益指标 4 个" is no conflict with the 4.
      const explained = (i: number, j: number) =>
        list.some((k, ki) => ki !== i && k.passageIndex === list[i]!.passageIndex && sameValue(k, list[j]!) && dice(k.grams, list[j]!.grams).score >= dice(list[i]!.grams, list[j]!.grams).score);
      rel.forEach((js, i) => js.forEach((j) => {
        if (group[i] === group[j] || sameValue(list[i]!, list[j]!)) return;
        if (explained(i, j) || explained(j, i)) return;
        inConflict.add(group[i]!).add(group[j]!);
        conflictParent.set(cfind(group[i]!), cfind(group[j]!));
      }));
      const clusters = new Map<number, LocatedFact[]>();
      list.forEach((f, i) => {
        if (!inConflict.has(group[i]!)) return;
        const root = cfind(group[i]!);
        clusters.set(root, [...(clusters.get(root) ?? []), f]);
      });
      for (const c of clusters.values()) {
        const values: { v: LocatedFact; all: LocatedFact[] }[] = [];
        for (const f of c) {
          const hit = values.find((x) => sameValue(x.v, f));
          if (hit) hit.all.push(f);
          else values.push({ v: f, all: [f] });
        }
        if (values.length < 2) continue;
        values.sort((a, b) => b.all.length - a.all.length);
        const unit = c[0]!.fact.unit;
        const part = (x: { v: LocatedFact; all: LocatedFact[] }, lang: 'zh' | 'en') => {
          const s = x.all.map((f) => sums.get(f.fact)).find(Boolean);
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


// ───────────── helpers ─────────────

const rule = CROSS_REFERENCE_RULES.find((r) => r.code === 'fact-conflict')!;

function passage(text: string, line: number, isTarget = false): Passage {
  return { text, facts: extractFacts(text), isTarget, locate: (start, end): FindingLocation => ({ file: 'x.txt', line, text: text.slice(start, end) }) };
}

const run = (r: RuleImpl, passages: readonly Passage[]): readonly FindingDraft[] => r.run({ passages, e: {} } as unknown as AuditContext);

// ───────────── tests ─────────────

const SUBJECTS = ['开展安全检查', '开展安全巡查', '夜间开展安全检查', '安全检查', '安全生产检查', '安全生产执法检查企业', '组织应急演练', '组织消防演练', '培训企业人员', '培训安全人员', '发放宣传资料', '受理投诉举报', '受理举报', '经济效益指标', '社会效益指标', '基本支出经费', '项目支出资金'];
const PREFIXES = ['', '全年', '本年度', '其中', '一是', '去年', '累计'];
const VALUES = ['40', '41', '44', '45', '86', '68', '120', '1.3', '12960', '12600', '13400', '5.1', '50500', '2', '4', '0', '300', '900', '1200', '12.5'];
const UNITS = ['次', '人次', '场', '个', '万元', '元', '亿元'];

const clause = fc
  .record({
    prefix: fc.constantFrom(...PREFIXES),
    // Mostly a few subjects and one unit, so that most cases have facts to compare and many have conflicts.
    subject: fc.oneof({ arbitrary: fc.constantFrom(...SUBJECTS.slice(0, 5)), weight: 3 }, { arbitrary: fc.constantFrom(...SUBJECTS), weight: 1 }),
    value: fc.constantFrom(...VALUES),
    space: fc.constantFrom('', ' '),
    multiplier: fc.constantFrom('', '', '', '万'),
    approx: fc.constantFrom('', '', '', '', '余'),
    unit: fc.oneof({ arbitrary: fc.constant('次'), weight: 3 }, { arbitrary: fc.constantFrom(...UNITS), weight: 2 }),
    after: fc.constantFrom('', '', '', '，其中', '（', '）', '隐患'),
  })
  .map((c) => `${c.prefix}${c.subject}${c.space}${c.value}${c.multiplier}${c.approx}${c.space}${c.unit}${c.after}`);

const text = fc.array(clause, { minLength: 1, maxLength: 4 }).chain((cs) => fc.constantFrom('，', '、', '；').map((sep) => `${cs.join(sep)}。`));

/** Passages, some of them repeated as a document repeats a row, a few of them targets. */
const passages = fc
  .record({ texts: fc.array(text, { minLength: 1, maxLength: 10 }), repeats: fc.array(fc.nat(20), { maxLength: 25 }), targets: fc.array(fc.boolean(), { maxLength: 40 }) })
  .map(({ texts, repeats, targets }) => {
    const all = [...texts, ...repeats.map((i) => texts[i % texts.length]!)];
    return all.map((s, i) => passage(s, i + 1, targets[i] === true && i % 5 === 0));
  });

describe('fact-conflict compares statements, not every pair of facts', () => {
  it('gives exactly the findings of comparing every pair, on generated passages', () => {
    fc.assert(
      fc.property(passages, (ps) => {
        assert.deepEqual(run(rule, ps), run(referenceFactConflict, ps));
      }),
      { numRuns: 1500 },
    );
  });

  it('a text repeating one row 5,000 times (every fifth with another number) gives one finding with every place', () => {
    const ps = Array.from({ length: 5000 }, (_, i) => passage(`全年开展安全检查 ${i % 5 ? 40 : 41} 次，培训企业人员 1200 人次。`, i + 1));
    const found = run(rule, ps);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.message.zh, '同一事项在不同位置数字不同：「开展安全检查」40次（4000 处）；「开展安全检查」41次（1000 处）。');
    assert.equal(found[0]!.locations.length, 5000);
  });

  it('one thing said with 3,000 different numbers is one finding listing each', () => {
    const ps = Array.from({ length: 3000 }, (_, i) => passage(`全年开展安全检查 ${1000 + i} 次。`, i + 1));
    const found = run(rule, ps);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.computed?.split('、').length, 2999);
    assert.equal(found[0]!.printed, '1000次');
  });

  it('a value said in several places shows the items of the first place that lists them', () => {
    const ps = [passage('受理投诉举报 86 件。', 1), passage('全年受理投诉举报 86 件，其中电话 50 件、网络 36 件。', 2), passage('本年度受理投诉举报 68 件。', 3)];
    const found = run(rule, ps);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message.zh, /86件（2 处，其分项之和为 86）/);
    assert.deepEqual(found, run(referenceFactConflict, ps));
  });

  it('figures agreeing only through a third printed less precisely (1.3 万 covers 12,960 and 12,600) make no finding', () => {
    const ps = [passage('全年接待参观群众 12960 人次。', 1), passage('本年度接待参观群众 1.3 万人次。', 2), passage('全年共接待参观群众 12600 人次。', 3)];
    assert.deepEqual(run(rule, ps), []);
    assert.deepEqual(run(referenceFactConflict, ps), []);
  });

  it('a part (其中夜间…) is not its whole, but the same words with scope words (我区共…) are the same fact', () => {
    const part = [passage('全年开展文物安全巡查 86 次。', 1), passage('其中夜间开展文物安全巡查 30 次。', 2)];
    assert.deepEqual(run(rule, part), []);
    assert.deepEqual(run(referenceFactConflict, part), []);
    const same = [passage('立案查处非法违法案件 426 宗。', 1), passage('我区共立案查处非法违法案件 423 宗。', 2)];
    assert.equal(run(rule, same).length, 1);
    assert.deepEqual(run(rule, same), run(referenceFactConflict, same));
    // Words after the shared ones only name the count again (演练次数): still the same fact.
    const count = [passage('完成全区综合性应急演练 1 次。', 1), passage('组织全区综合性应急演练次数 2 次。', 2)];
    assert.equal(run(rule, count).length, 1);
  });

  it('a "其中" list after a conflicting figure still adds its items, in a long sentence too', () => {
    const ps = [passage(`全年受理投诉举报 86 件，其中电话 50 件、网络 36 件${'，并持续跟进处理'.repeat(200)}。`, 1), passage('本年度受理投诉举报 68 件。', 2)];
    const found = run(rule, ps);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message.zh, /其分项之和为 86/);
    assert.deepEqual(found, run(referenceFactConflict, ps));
  });
});
