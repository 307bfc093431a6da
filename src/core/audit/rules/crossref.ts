/**
 * Cross-reference: the same quantity stated in two places with different numbers. Narrative facts are matched by
 * what they count (subject and unit, not position); the budget's parts are matched with the tables that itemise
 * them; amounts the text names (基本支出, 项目支出, a classification row) with the table rows of that name.
 */
import { type MoneyUnit, valueIn } from '../../amount.ts';
import { type Exact, abs, add, div, eq, fromInt, gt, lte, mul, pow10, roundHalfUp, sub, sum, toPlainString } from '../../exact.ts';
import type { BudgetLine, Evaluation } from '../../model/evaluation.ts';
import type { Money } from '../../model/money.ts';
import type { PathSegment } from '../../problem.ts';
import type { NarrativeFact } from '../../text/facts.ts';
import { type AuditContext, type FindingDraft, at, digitsOf, halfUnit, isMoney, locationOf, moneyText, t, uniqueLocations } from '../context.ts';
import type { FindingLocation, Passage } from '../types.ts';
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

const factConflict: RuleImpl = {
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
  const digits = Math.max(...ms.map(digitsOf));
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
  title: t('基本支出 + 项目支出 ≠ 部门合计', 'basic + project ≠ department total'),
  description: t('部门的年初预算、调整后预算、实际支出分别与 基本支出 + 项目支出 比较（两部分取总表数，无则取明细表合计）；允许四舍五入误差。不符的列合为一条。', "The department's initial, adjusted and actual amounts against basic + project expenditure (from the summary, else the detail tables), allowing for rounding; the columns that differ make one finding."),
  run(ctx) {
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
  },
};

// ───────────────────────────── amounts named in the text ─────────────────────────────

const COLUMN_WORDS: readonly [RegExp, Column][] = [
  [/决算|实际|执行|支出数/g, 'actualSpending'],
  [/调整/g, 'adjustedBudget'],
  [/年初|初预算|预算收入|预算安排|预算数/g, 'initialBudget'],
];

/** The column a sentence speaks of: the last column word before `at` in the same sentence. */
function columnBefore(text: string, at: number): Column | undefined {
  const from = Math.max(text.lastIndexOf('。', at - 1) + 1, 0);
  const head = text.slice(from, at);
  let best: { i: number; c: Column } | undefined;
  for (const [re, c] of COLUMN_WORDS) for (const m of head.matchAll(re)) if (!best || m.index! > best.i) best = { i: m.index!, c };
  return best?.c;
}

interface Named {
  readonly name: string;
  readonly get: (c: Column) => Stated | undefined;
}

function namedAmounts(e: Evaluation): Named[] {
  const out: Named[] = [
    { name: '基本支出', get: (c) => stated(e, ['basicExpenditure', 'department', 'total', c], L.basicTable) ?? stated(e, ['budget', 'basic', c], L.basic) },
    { name: '项目支出', get: (c) => stated(e, ['projects', 'total', c], L.projectTable) ?? stated(e, ['budget', 'project', c], L.project) },
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
    '正文中“基本支出 N 万元”“项目支出 N 万元”或经济/功能分类科目名后的金额，与表格中同名行比较；比较哪一列由同一句中此前的“年初/调整/决算、实际”等词决定；与该行任一列相符即不报，按正文印出的小数位四舍五入比较。',
    'An amount the text gives after 基本支出, 项目支出 or a classification row name against the table row of that name, in the column the sentence speaks of (年初 / 调整 / 决算, 实际 before it); matching any column of the row clears it; compared at the text’s decimals.',
  ),
  run(ctx) {
    const named = namedAmounts(ctx.e);
    const out: FindingDraft[] = [];
    for (const p of ctx.passages) {
      if (p.isTarget) continue;
      for (const f of p.facts) {
        if (f.unit !== '万元' && f.unit !== '元') continue;
        const subject = f.subject.replace(/\s+/g, '');
        const n = named.find((x) => subject.endsWith(x.name));
        if (!n) continue;
        const column = columnBefore(p.text, f.start - f.subject.length);
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
    return out;
  },
};

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
