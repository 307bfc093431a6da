/**
 * Arithmetic: printed rates against their formula (every named variant tried first), 调整后 = 年初 + 调增 − 调减 per
 * row, totals against the sum of their rows, shares adding to 100%, score totals against their items. Tolerances are
 * rounding-aware: a printed rate matches when the exact value rounds to it, and a sum of rounded rows may differ from
 * its total by the rounding of the rows.
 */
import { valueIn } from '../../amount.ts';
import type { ComputedFigure } from '../../compute/compute.ts';
import { preferredBasis } from '../../compute/compute.ts';
import { displayScale, readPrintedNumber } from '../../compute/printed.ts';
import { type Exact, HUNDRED, ONE, abs, add, decimalsOf, div, eq, fromInt, lte, mul, pow10, roundHalfUp, sub, sum, toFixed, toPlainString } from '../../exact.ts';
import { FORMULAS_BY_ID } from '../../formulas/library.ts';
import type { Money } from '../../model/money.ts';
import { type AuditContext, type FindingDraft, at, digitsOf, fromSource, halfUnit, isMoney, layoutRule, locationOf, moneyText, t, uniqueLocations } from '../context.ts';
import { FUND_LINES } from '../../compute/compute.ts';
import { halfScoreUnit, indicatorScore, itemRounding, projectsOf, rubricCoversItems } from './scores.ts';
import type { LocalText } from '../../formulas/types.ts';
import type { FindingLocation } from '../types.ts';
import type { RuleImpl } from './rule.ts';
import { namesOtherSubject } from './sentence-subject.ts';

const PRINTED = t('印出值', 'printed');

function inputsText(f: ComputedFigure, lang: 'zh' | 'en'): string {
  return f.inputs.map((i) => `${i.label[lang]} ${i.unit ? moneyText({ value: i.value, unit: i.unit }) : toPlainString(i.value)}`).join(lang === 'zh' ? '，' : ', ');
}

function inputLocations(ctx: AuditContext, f: ComputedFigure): FindingLocation[] {
  return f.inputs.map((i) => locationOf(ctx, i.path, i.label));
}

function printedLocation(ctx: AuditContext, f: ComputedFigure): FindingLocation[] {
  return f.printed ? [locationOf(ctx, f.printed.path, PRINTED)] : [];
}

function shown(f: ComputedFigure): string | undefined {
  if (f.outcome.kind !== 'value') return '—';
  const v = displayScale(f.outcome.value, f.output);
  const p = f.printed ? readPrintedNumber(f.printed.text) : undefined;
  const digits = typeof p === 'object' ? Math.max(p.decimals, 2) : 2;
  if (f.output === 'rate') return `${toFixed(v, digits)}%`;
  if (f.outcome.unit) return moneyText({ value: f.outcome.value, unit: f.outcome.unit });
  return toPlainString(v);
}

/** Why a printed rate differs: the usual slips, recognised so the reviewer need not work them out. */
function diagnose(f: ComputedFigure): { zh: string; en: string } | undefined {
  if (f.outcome.kind !== 'value' || !f.printed) return undefined;
  const p = readPrintedNumber(f.printed.text);
  if (typeof p !== 'object') return undefined;
  const x = f.outcome.value;
  const inv = div(ONE, x);
  if (inv && eq(roundHalfUp(mul(inv, HUNDRED), p.decimals), p.value)) return t('印出值是分母与分子颠倒后的结果', 'the printed value inverts numerator and denominator');
  if (eq(roundHalfUp(sub(HUNDRED, mul(x, HUNDRED)), p.decimals), p.value)) return t('印出值是 1 减该比率（如节约率），不是该比率本身', 'the printed value is one minus the rate (a saving rate), not the rate');
  if (lte(fromInt(1), x) && eq(p.value, HUNDRED)) return t('实际超过预算，却印为 100%', 'spending exceeds the budget, yet 100% is printed');
  return undefined;
}

/** The department's budget figures (initial, adjusted, actual) as printed. */
function departmentAmounts(ctx: AuditContext): Money[] {
  return (['initialBudget', 'adjustedBudget', 'actualSpending'] as const).map((k) => at(ctx.e, ['budget', k])).filter(isMoney);
}

/** The department's execution rate named in a sentence: 预算执行率 / 执行率 / 预算完成率 / 支出率, then the figure. */
const NARRATIVE_RATE = /(预算执行率|预算完成率|执行率|支出率)(?:[（(][^（()）]{0,30}[）)])?\s*(?:为|达到|达|是|：|:)?\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]/g;
/** Words that may stand before the name of the department's own rate: the year, the department, the whole. */
const OWN_RATE_WORDS = /\d{4}\s*年度?|本年度?|全年|年度|本部门|本单位|本局|我局|我单位|部门|单位|整体|总体|综合|全部|预算|支出|资金|的|\s/g;
/** A target, a plan, a comparison or another period: not the year's result. */
const NOT_A_RESULT = /上年|去年|同期|同比|较|比\d{4}|计划|预计|力争|目标|要求|不低于|不少于|不高于|应|须|序时|季度|月末|半年/;

/**
 * The department's execution rate as a sentence states it ("2022年实际支出 2,968.42 万元，预算执行率 96.12%"), where
 * the model keeps another printed value or none: each recomputed from the department's figures under every variant.
 */
function narrativeRates(ctx: AuditContext): FindingDraft[] {
  const f = ctx.figures.find((x) => x.family === 'executionRate' && x.subject.path.length === 1 && x.subject.path[0] === 'budget' && x.outcome.kind === 'value');
  if (!f) return [];
  const values = [f.outcome, ...(f.alternatives ?? []).map((a) => a.outcome)].filter((o) => o.kind === 'value').map((o) => (o as { value: Exact }).value);
  const modelPrinted = f.printed ? readPrintedNumber(f.printed.text) : undefined;
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const p of ctx.passages) {
    if (p.isTarget) continue;
    // NFKC keeps the length of full-width digits and punctuation, so offsets stay those of the passage.
    const text = p.text.normalize('NFKC');
    if (text.length !== p.text.length) continue;
    for (const m of text.matchAll(NARRATIVE_RATE)) {
      const at = m.index!;
      const clauseStart = Math.max(text.lastIndexOf(',', at), text.lastIndexOf('。', at), text.lastIndexOf(';', at), text.lastIndexOf(':', at - 1)) + 1;
      const before = text.slice(clauseStart, at);
      const after = text.slice(at + m[0].length, at + m[0].length + 4);
      if (NOT_A_RESULT.test(before) || /^(?:以上|以下|左右)/.test(after) || before.replace(OWN_RATE_WORDS, '').length > 0) continue;
      const printed = readPrintedNumber(`${m[2]}%`);
      if (typeof printed !== 'object') continue;
      if (typeof modelPrinted === 'object' && eq(modelPrinted.value, printed.value)) continue;
      const rounds = (v: Exact) => eq(roundHalfUp(mul(v, HUNDRED), printed.decimals), printed.value);
      if (values.some(rounds)) continue;
      // A rate that follows from two amounts of its own passage ("决算支出 4045.94 万元 … 执行率 96.98%" over 调整预算
      // 4171.75) is consistent where it is said; amounts that differ from the tables are the budget rules' business.
      const amounts = p.facts.filter((x) => x.unit === '万元' || x.unit === '元').slice(0, 30).map((x) => (x.unit === '元' ? div(x.value, fromInt(10000))! : x.value));
      if (amounts.some((a) => amounts.some((b) => b !== a && b.n !== 0n && rounds(div(a, b)!)))) continue;
      // The sentence is another subject's: its first clause names one ("某某专项全年预算…，执行率…"), or the amounts it
      // states before the rate are none of the department's.
      const sentenceStart = Math.max(text.lastIndexOf('。', at), text.lastIndexOf(';', at), text.lastIndexOf('；', at)) + 1;
      if (namesOtherSubject(text.slice(sentenceStart, at))) continue;
      const own = departmentAmounts(ctx);
      const stated = p.facts.filter((x) => (x.unit === '万元' || x.unit === '元') && x.start >= sentenceStart && x.start < at);
      if (own.length && stated.length && !stated.some((x) => own.some((o) => eq(roundHalfUp(valueIn(o, x.unit as '元' | '万元'), decimalsOf(x.printed)), x.value)))) continue;
      const key = `${m[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const computed = `${toFixed(mul(f.outcome.kind === 'value' ? f.outcome.value : ONE, HUNDRED), Math.max(printed.decimals, 2))}%`;
      out.push({
        message: t(
          `正文写${m[1]} ${m[2]}%，按 ${f.formula.zh} 计算为 ${computed}（${inputsText(f, 'zh')}）。`,
          `The text states ${m[1]} ${m[2]}%; ${f.formula.en} gives ${computed} (${inputsText(f, 'en')}).`,
        ),
        printed: `${m[2]}%`,
        computed,
        formula: f.formula,
        locations: uniqueLocations([p.locate(at, at + m[0].length), ...inputLocations(ctx, f)]),
      });
    }
  }
  return out;
}

/**
 * Whether a printed rate was read from a cell of a table whose header prints that column's formula (支出实现率⑥=⑤/④):
 * `row-formula` checks it there, naming the row and the header's formula, so it is not reported twice.
 */
function checkedByRowFormula(ctx: AuditContext, f: ComputedFigure): boolean {
  if (!f.printed) return false;
  const line = locationOf(ctx, f.printed.path).line;
  if (line === undefined) return false;
  const printed = f.printed.text.replace(/\s/g, '');
  return (ctx.e.formulaTables ?? []).some((table) =>
    table.rows.some((row) => fromSource(row.source).line === line && table.columns.some((c, i) => c.formula !== undefined && (row.cells[i] ?? '').replace(/\s/g, '') === printed)),
  );
}

const rateMismatch: RuleImpl = {
  code: 'rate-mismatch',
  category: 'arithmetic',
  severity: 'error',
  title: t('印出的比率与公式不符', 'printed rate differs from its formula'),
  description: t(
    '每个印出的比率（执行率、调整率、增长率、占比、控制率、采购执行率…）按公式库中该指标的全部口径重算；任一口径四舍五入后与印出值一致即不报。全部不符时报错，并指出常见原因（分子分母颠倒、印成 1 − 比率、超支印为 100%）。正文句中所写的部门预算执行率（“预算执行率 96.12%”；上年、目标、分项的执行率除外）同样核对。',
    'Every printed rate is recomputed under every named variant of its formula; any variant that rounds to the printed value clears it. Otherwise an error, with the usual slip named when recognised (inverted, one minus the rate, 100% printed for overspending). The department’s execution rate stated in a sentence (预算执行率 96.12%, not another period, a target or a part’s rate) is checked the same way.',
  ),
  run(ctx) {
    const out: FindingDraft[] = narrativeRates(ctx);
    for (const f of ctx.figures) {
      if (f.output !== 'rate' || f.comparison !== 'differs' || !f.printed) continue;
      if (checkedByRowFormula(ctx, f)) continue;
      const why = diagnose(f);
      const others = (f.alternatives ?? []).filter((a) => a.outcome.kind === 'value');
      const alt = (lang: 'zh' | 'en') =>
        others.length
          ? (lang === 'zh' ? '；其他口径：' : '; other variants: ') +
            others.map((a) => `${a.name[lang]} ${a.outcome.kind === 'value' ? `${toFixed(mul(a.outcome.value, HUNDRED), 2)}%` : '—'}`).join(lang === 'zh' ? '，' : ', ')
          : '';
      out.push({
        message: t(
          `${f.subject.label.zh}「${f.name.zh}」印出 ${f.printed.text}，按 ${f.formula.zh} 计算为 ${shown(f)}（${inputsText(f, 'zh')}）${why ? `；${why.zh}` : ''}${alt('zh')}。`,
          `${f.subject.label.en} ${f.name.en}: printed ${f.printed.text}, the formula ${f.formula.en} gives ${shown(f)} (${inputsText(f, 'en')})${why ? `; ${why.en}` : ''}${alt('en')}.`,
        ),
        printed: f.printed.text,
        ...(shown(f) ? { computed: shown(f)! } : {}),
        formula: f.formula,
        locations: uniqueLocations([...printedLocation(ctx, f), ...inputLocations(ctx, f)]),
      });
    }
    return out;
  },
};

const rateVariant: RuleImpl = {
  code: 'rate-variant',
  category: 'arithmetic',
  severity: 'info',
  title: t('比率采用了另一口径', 'rate uses another variant'),
  description: t(
    '印出的比率只与公式库中非本版式通行口径的一种相符时提示所用口径（如广州表的预算调整率按“调整后 ÷ 年初”计），便于审核人统一口径。',
    "A printed rate that matches only a variant other than the document kind's usual one: the variant is named so that reviewers compare like with like.",
  ),
  run(ctx) {
    const basis = preferredBasis(ctx.e);
    const out: FindingDraft[] = [];
    for (const f of ctx.figures) {
      if (f.comparison !== 'match' || !f.printed || !f.alternatives?.length) continue;
      const def = FORMULAS_BY_ID.get(f.id);
      if (!def || def.basis.includes(basis)) continue;
      const usual = f.alternatives.find((a) => FORMULAS_BY_ID.get(a.id)?.basis.includes(basis));
      if (!usual) continue;
      out.push({
        message: t(
          `${f.subject.label.zh}「${f.name.zh}」印出 ${f.printed.text}，采用的是“${f.formula.zh}”口径，而非本版式通行的“${usual.name.zh}”。`,
          `${f.subject.label.en} ${f.name.en}: printed ${f.printed.text} uses ${f.formula.en}, not the usual ${usual.name.en} of this document kind.`,
        ),
        printed: f.printed.text,
        ...(shown(f) ? { computed: shown(f)! } : {}),
        formula: f.formula,
        locations: uniqueLocations(printedLocation(ctx, f)),
      });
    }
    return out;
  },
};

/**
 * A rate named with its subject, the words they share said once: 政府采购 + 政府采购执行率 → 政府采购执行率, 日常公用经费 +
 * 公用经费控制率 → 日常公用经费控制率, 项目：展览 + 预算执行率 → 项目：展览预算执行率.
 */
function withSubject(subject: string, name: string): string {
  for (let k = Math.min(subject.length, name.length); k >= 2; k--) if (subject.endsWith(name.slice(0, k))) return subject + name.slice(k);
  return subject + name;
}

const notApplicablePrinted: RuleImpl = {
  code: 'rate-not-applicable',
  category: 'arithmetic',
  severity: 'info',
  title: t('分母为 0 的比率印了数值', 'a rate with a zero denominator is printed as a number'),
  description: t('分母为 0 的比率应印“—”（不适用），印成 0% 或 100% 会被误读。同一文件的此类情况合为一条。', 'A rate whose denominator is 0 should read “—”; 0% or 100% misleads. All such rates of a document make one finding.'),
  run(ctx) {
    const list = ctx.figures.filter((f) => f.comparison === 'printed-not-applicable' && f.printed);
    if (!list.length) return [];
    const names = list.map((f) => withSubject(f.subject.label.zh, f.name.zh.replace(/（.*?）/g, '')));
    return [
      {
        message: t(
          `${list.length} 个比率的分母为 0，应印“—”，却印为数值：${names.slice(0, 6).join('、')}${list.length > 6 ? ' 等' : ''}。`,
          `${list.length} rate(s) with a zero denominator are printed as numbers instead of “—”.`,
        ),
        printed: [...new Set(list.map((f) => f.printed!.text))].join('、'),
        computed: '—',
        locations: uniqueLocations(list.flatMap((f) => printedLocation(ctx, f))),
      },
    ];
  },
};


const moneyMismatch = (family: 'adjustedBudget' | 'columnTotal', code: string, title: ReturnType<typeof t>, description: ReturnType<typeof t>): RuleImpl => ({
  code,
  category: 'arithmetic',
  severity: 'error',
  title,
  description,
  run(ctx) {
    const out: FindingDraft[] = [];
    for (const f of ctx.figures) {
      if (f.family !== family || f.comparison !== 'differs' || !f.printed || f.outcome.kind !== 'value' || !f.outcome.unit) continue;
      const printed = at(ctx.e, f.printed.path);
      if (!isMoney(printed)) continue;
      // Rounding: each row and the total may each be off by half a unit of their last printed decimal.
      const rows = f.inputs.map((i) => ({ value: i.value, unit: i.unit ?? printed.unit }) as Money);
      const rowHalf = halfUnit(rows.reduce((m, row) => Math.max(m, digitsOf(row)), 0), rows[0]?.unit ?? printed.unit, printed.unit);
      const tolerance = add(mul(rowHalf, fromInt(rows.length)), halfUnit(digitsOf(printed), printed.unit));
      const diff = sub(valueIn({ value: f.outcome.value, unit: f.outcome.unit }, printed.unit), printed.value);
      if (lte(abs(diff), tolerance)) continue;
      out.push({
        message: t(
          `${f.subject.label.zh}印出 ${moneyText(printed)}，按 ${f.formula.zh} 计算为 ${moneyText({ value: f.outcome.value, unit: f.outcome.unit }, printed.unit)}，相差 ${moneyText({ value: abs(diff), unit: printed.unit })}（超出各数四舍五入所能解释的 ${toPlainString(tolerance)} ${printed.unit}）。`,
          `${f.subject.label.en}: printed ${moneyText(printed)}; ${f.formula.en} gives ${moneyText({ value: f.outcome.value, unit: f.outcome.unit }, printed.unit)}, a difference of ${moneyText({ value: abs(diff), unit: printed.unit })}, more than rounding explains.`,
        ),
        printed: moneyText(printed),
        computed: moneyText({ value: f.outcome.value, unit: f.outcome.unit }, printed.unit),
        formula: f.formula,
        locations: uniqueLocations([...printedLocation(ctx, f), ...(family === 'columnTotal' ? [] : inputLocations(ctx, f))]),
      });
    }
    return out;
  },
});

const adjustedMismatch = moneyMismatch(
  'adjustedBudget',
  'adjusted-budget-mismatch',
  t('调整后预算 ≠ 年初 + 调增 − 调减', 'adjusted budget ≠ initial + increase − decrease'),
  t('每一行（部门、资金来源、单位、项目、科目）印出的调整后预算与 年初预算 + 调增 − 调减 比较；差额超出各数四舍五入所能解释的范围即报错。', 'Every row’s printed adjusted budget against initial + increase − decrease, beyond rounding.'),
);

const totalMismatch = moneyMismatch(
  'columnTotal',
  'total-mismatch',
  t('合计 ≠ 各行之和', 'total ≠ sum of rows'),
  t('表格合计行的每一列与各行之和比较；各行与合计各自四舍五入可解释的差额（每行半个末位）不报。', 'Each column of a total row against the sum of the rows, allowing half a unit of the last decimal per row and for the total.'),
);

const shareSum: RuleImpl = {
  code: 'shares-sum',
  category: 'arithmetic',
  severity: 'warning',
  title: t('占比之和不为 100%', 'shares do not add to 100%'),
  description: t('同一表中各行印出的占比之和与 100% 比较，允许每行 0.005 个百分点的四舍五入误差。', 'The printed shares of one table against 100%, allowing half a unit of the last decimal per row.'),
  run(ctx) {
    const out: FindingDraft[] = [];
    const groups = new Map<string, ComputedFigure[]>();
    for (const f of ctx.figures) {
      if (f.family !== 'share' || !f.printed) continue;
      const key = f.subject.path.slice(0, -2).join('.');
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const nums = list.map((f) => readPrintedNumber(f.printed!.text)).filter((p): p is { value: Exact; decimals: number } => typeof p === 'object');
      if (nums.length !== list.length) continue;
      const total = sum(nums.map((n) => n.value));
      // Not Math.max(...list): a spread of a few hundred thousand rows overflows the stack, and a rule must not throw.
      const digits = nums.reduce((m, n) => Math.max(m, n.decimals), 0);
      const tolerance = mul({ n: 5n, d: pow10(digits + 1) }, fromInt(nums.length));
      if (lte(abs(sub(total, HUNDRED)), tolerance)) continue;
      out.push({
        message: t(`${list[0]!.subject.label.zh.split('：')[0]}各行占比之和为 ${toPlainString(total)}%，不等于 100%。`, `The shares add to ${toPlainString(total)}%, not 100%.`),
        printed: `${toPlainString(total)}%`,
        computed: '100%',
        locations: uniqueLocations(list.flatMap((f) => printedLocation(ctx, f))),
      });
    }
    return out;
  },
};

interface ScorePart {
  readonly label: LocalText;
  readonly score: Exact;
}

/** A printed total against its parts, allowing half a unit of the last printed decimal for the total and each part. */
function totalOff(printed: Exact, parts: readonly ScorePart[]): Exact | undefined {
  const total = sum(parts.map((p) => p.score));
  const tolerance = add(halfScoreUnit(printed), sum(parts.map((p) => itemRounding(p.score))));
  return lte(abs(sub(total, printed)), tolerance) ? undefined : total;
}

/** Weights that add up to the maximum: the parts are the whole scorecard, none missing and none counted twice. */
function weightsComplete(weights: readonly (Exact | undefined)[], max: Exact | undefined): boolean {
  return weights.length > 0 && weights.every((w) => w !== undefined) && eq(sum(weights as Exact[]), max ?? HUNDRED);
}

/** Whether one self-score item names a part of another ("产出/数量" under "产出"). */
function isNested(items: readonly { item: string }[]): boolean {
  const paths = items.map((i) => i.item.split('/').map((x) => x.trim()).filter(Boolean).join('/'));
  return paths.some((a, i) => paths.some((b, j) => i !== j && b.startsWith(`${a}/`)));
}

const scoreTotal: RuleImpl = {
  code: 'score-total-mismatch',
  category: 'arithmetic',
  severity: 'error',
  title: t('自评总分 ≠ 各项之和', 'self-score total ≠ sum of items'),
  description: t(
    '印出的自评总分与各评分项自评分之和比较（有评分标准时按其结构；无评分标准或评分项不在其中时，各项分值之和等于满分的各项直接相加；都不能时按指标表）；按指标计分的表按 执行率得分（有则计）+ 各指标得分（分值之和须等于满分）；项目自评表的总分按 执行率得分 + 各指标得分。允许总分与每个带小数的项各自四舍五入的误差（各半个末位，如 4.28 + 4.27 = 8.55 印作 8.6 不报；整数分视为精确）。',
    'The printed self-score total against its items: by the rubric’s structure where it scores every item, else the printed items added when their weights add up to the maximum, else the indicator table: forms that score indicators as the execution score (where printed) + the indicator scores (their weights adding up to the maximum); a project form’s 总分 as execution score + indicator scores. Half a unit of the last printed decimal is allowed for the total and for each item with decimals (4.28 + 4.27 = 8.55 printed as 8.6 is not reported; whole scores are exact).',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    const e = ctx.e;
    const printed = e.selfScores?.total;
    const items = e.selfScores?.items ?? [];
    const finding = (total: Exact, computed: Exact, zh: string, en: string, path: readonly (string | number)[], formula?: LocalText): FindingDraft => ({
      message: t(zh, en),
      printed: toPlainString(total),
      computed: toPlainString(computed),
      ...(formula ? { formula } : {}),
      locations: [locationOf(ctx, path, PRINTED)],
    });
    if (printed && items.length && ctx.score?.total.self && rubricCoversItems(ctx)) {
      // The rubric's own structure: group scores are not added to their items' scores.
      const s = ctx.score;
      const tolerance = add(halfScoreUnit(printed), sum(items.map((i) => itemRounding(i.score))));
      if (!eq(s.total.self!, printed) && !lte(abs(sub(s.total.self!, printed)), tolerance)) {
        out.push(finding(printed, s.total.self!, `自评总分印 ${toPlainString(printed)} 分，各项自评分之和为 ${toPlainString(s.total.self!)} 分。`, `The self-score total is printed as ${toPlainString(printed)}; the items add to ${toPlainString(s.total.self!)}.`, ['selfScores', 'total']));
      }
    } else if (printed && items.length && !isNested(items) && weightsComplete(items.map((i) => i.weight), e.selfScores?.max)) {
      const total = totalOff(printed, items.map((i) => ({ label: t(i.item, i.item), score: i.score })));
      if (total) out.push(finding(printed, total, `自评总分印 ${toPlainString(printed)} 分，各项自评分之和为 ${toPlainString(total)} 分。`, `The self-score total is printed as ${toPlainString(printed)}; the items add to ${toPlainString(total)}.`, ['selfScores', 'total']));
    } else if (printed && e.indicators?.length && (e.budget?.score !== undefined || e.budget?.weight === undefined)) {
      // A form whose total is its execution score (if it scores execution) plus its indicators' scores.
      const exec = e.budget?.score;
      const scores = e.indicators.map(indicatorScore);
      const weights = [...(exec ? [e.budget?.weight] : []), ...e.indicators.map((i) => i.weight)];
      if (scores.every((x) => x !== undefined) && weightsComplete(weights, e.selfScores?.max)) {
        const parts = [...(exec ? [{ label: t('执行率得分', 'execution score'), score: exec }] : []), ...scores.map((score, i) => ({ label: t(e.indicators![i]!.name, e.indicators![i]!.name), score: score! }))];
        const total = totalOff(printed, parts);
        const ind = sum(scores as Exact[]);
        if (total) {
          out.push(
            finding(
              printed,
              total,
              exec
                ? `自评总分印 ${toPlainString(printed)} 分，执行率得分 ${toPlainString(exec)} 分与各指标得分之和 ${toPlainString(ind)} 分合计 ${toPlainString(total)} 分。`
                : `自评总分印 ${toPlainString(printed)} 分，各指标得分之和为 ${toPlainString(total)} 分。`,
              exec
                ? `The self-score total is printed as ${toPlainString(printed)}; the execution score ${toPlainString(exec)} and the indicator scores ${toPlainString(ind)} add to ${toPlainString(total)}.`
                : `The self-score total is printed as ${toPlainString(printed)}; the indicator scores add to ${toPlainString(total)}.`,
              ['selfScores', 'total'],
              layoutRule(ctx, exec ? t('总分 = 执行率得分 + Σ 指标得分', 'total = execution score + Σ indicator scores') : t('总分 = Σ 指标得分', 'total = Σ indicator scores')),
            ),
          );
        }
      }
    }
    for (const { project: p, path, label } of projectsOf(e)) {
      const indicators = p.indicators ?? [];
      if (!p.total || !indicators.length) continue;
      const scores = indicators.map(indicatorScore);
      if (scores.some((x) => x === undefined)) continue;
      const lines = FUND_LINES.map(([key]) => p.funds?.[key]).filter((l) => l !== undefined);
      const scored = lines.filter((l) => l.score !== undefined);
      // The execution score: the total funds row's, or the one row that prints one; none when no row is weighted.
      const exec = p.funds?.total?.score ?? (scored.length === 1 ? scored[0]!.score : undefined);
      const execWeight = p.funds?.total?.weight ?? (scored.length === 1 ? scored[0]!.weight : undefined);
      if (!exec && lines.some((l) => l.weight !== undefined)) continue;
      if (!weightsComplete([...(exec ? [execWeight] : []), ...indicators.map((i) => i.weight)], p.max)) continue;
      const parts = [...(exec ? [{ label: t('执行率得分', 'execution score'), score: exec }] : []), ...scores.map((score, i) => ({ label: t(indicators[i]!.name, indicators[i]!.name), score: score! }))];
      const total = totalOff(p.total, parts);
      if (!total) continue;
      const ind = sum(scores as Exact[]);
      out.push(
        finding(
          p.total,
          total,
          `${label.zh}总分印 ${toPlainString(p.total)} 分，${exec ? `执行率得分 ${toPlainString(exec)} 分与` : ''}各指标得分之和 ${toPlainString(ind)} 分${exec ? `合计 ${toPlainString(total)} 分` : ''}。`,
          `${label.en}: the total is printed as ${toPlainString(p.total)}; ${exec ? `the execution score ${toPlainString(exec)} and ` : ''}the indicator scores ${toPlainString(ind)} add to ${toPlainString(total)}.`,
          [...path, 'total'],
          layoutRule(ctx, t('总分 = 执行率得分 + Σ 指标得分（财预〔2020〕10号）', 'total = execution score + Σ indicator scores (财预〔2020〕10号)')),
        ),
      );
    }
    return out;
  },
};

export const ARITHMETIC_RULES: readonly RuleImpl[] = [rateMismatch, rateVariant, notApplicablePrinted, adjustedMismatch, totalMismatch, shareSum, scoreTotal];
