/**
 * Sentences that only restate figures, written from the data so that a generated document can never contradict
 * its own tables: the 收支 paragraph of a report's chapter (四), the split into 基本支出/项目支出 and by economic class,
 * the indicator counts of chapter (五), the self-evaluation conclusion, and the rates of the form.
 *
 * Document text is Chinese whatever the interface language. Amounts in 万元 keep every decimal they have (at least
 * two); an amount kept in 元 is restated in 万元 rounded half-up to 2 decimals, as reports do — the table beside the
 * sentence shows it exactly. Rates are the computed figures (formula variant of the document's rules), half-up to
 * 2 decimals.
 */
import { type Amount, valueIn } from '../amount.ts';
import type { ComputedFigure } from '../compute/compute.ts';
import { type Exact, abs, div, isZero, sign, sub, sum, toDecimalString, toFixed, toPercent } from '../exact.ts';
import { indicatorBreakdown } from '../indicator-counts.ts';
import type { Evaluation } from '../model/evaluation.ts';

/** A generated sentence and the ids of the computed figures it restates (empty when it restates entered amounts only). */
export interface Restatement {
  readonly text: string;
  readonly figures: readonly string[];
}

/** "3916.29": an amount in 万元 for a sentence (unlike the summary's figure, an amount in 元 is rounded to 2 decimals). */
function wanPhrase(m: Amount): string {
  return m.unit === '万元' ? toDecimalString(m.value, 2) : toFixed(valueIn(m, '万元'), 2);
}

/** The department-level or row figure of `family` whose subject is `path` ("budget", "budget.basic"). */
export function figureAt(figures: readonly ComputedFigure[], family: string, path: string): ComputedFigure | undefined {
  return figures.find((f) => f.family === family && f.subject.path.join('.') === path);
}

export function valueOf(f: ComputedFigure | undefined): Exact | undefined {
  return f && f.outcome.kind === 'value' ? f.outcome.value : undefined;
}

const pct = (x: Exact): string => toPercent(x, 2);

/**
 * The evaluation without its printed values. Why: the computation picks the formula variant that matches a printed
 * rate; a generated document states its own layout's formula instead, whatever the source printed.
 */
export function withoutPrinted<T>(x: T): T {
  if (Array.isArray(x)) return x.map((v) => withoutPrinted(v)) as T;
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (k !== 'printed') out[k] = withoutPrinted(v);
  return out as T;
}

/**
 * "2023 年本单位预算收入 3916.29 万元，调整预算数 4171.75 万元，决算数 4051.74 万元，决算数比上年增加 816.03 万元，增长率 25.22%。"
 * then the fund sources ("其中：一般公共预算年初预算 …").
 */
export function budgetOverview(e: Evaluation, figures: readonly ComputedFigure[]): Restatement | undefined {
  const b = e.budget;
  if (!b) return undefined;
  const parts: string[] = [];
  const used: string[] = [];
  if (b.initialBudget) parts.push(`预算收入 ${wanPhrase(b.initialBudget)} 万元`);
  if (b.adjustedBudget) parts.push(`调整预算数 ${wanPhrase(b.adjustedBudget)} 万元`);
  if (b.actualSpending) parts.push(`决算数 ${wanPhrase(b.actualSpending)} 万元`);
  if (!parts.length) return undefined;
  const growth = figureAt(figures, 'growthRate', 'budget');
  const previous = b.previousYear?.actualSpending;
  const rate = valueOf(growth);
  if (growth && rate && previous && b.actualSpending) {
    const diff = sub(valueIn(b.actualSpending, '万元'), valueIn(previous, '万元'));
    const up = sign(diff) >= 0;
    parts.push(`决算数比上年${up ? '增加' : '减少'} ${toDecimalString(abs(diff), 2)} 万元，${up ? '增长率' : '下降'} ${pct(abs(rate))}`);
    used.push(growth.id);
  }
  let text = `${e.year} 年本单位${parts.join('，')}。`;
  const sources = (b.fundSources ?? []).filter((s) => s.initialBudget || s.adjustedBudget || s.actualSpending);
  if (sources.length) {
    const clauses = sources.map((s) => {
      const c: string[] = [];
      if (s.initialBudget) c.push(`年初预算 ${wanPhrase(s.initialBudget)} 万元`);
      if (s.adjustedBudget) c.push(`调整预算 ${wanPhrase(s.adjustedBudget)} 万元`);
      if (s.actualSpending) c.push(`决算支出 ${wanPhrase(s.actualSpending)} 万元`);
      return `${s.name === '其他' ? '其他资金' : s.name}${c.join('，')}`;
    });
    text += `按资金来源，${clauses.join('；')}。`;
  }
  return { text, figures: used };
}

/** "从支出结构看，基本支出 2923.96 万元，占 72.27%；项目支出 1121.99 万元，占 27.73%。" */
export function spendingStructure(e: Evaluation, figures: readonly ComputedFigure[]): Restatement | undefined {
  const b = e.budget;
  const basic = b?.basic?.actualSpending;
  const project = b?.project?.actualSpending;
  if (!basic || !project) return undefined;
  const sb = figureAt(figures, 'share', 'budget.basic');
  const sp = figureAt(figures, 'share', 'budget.project');
  const vb = valueOf(sb);
  const vp = valueOf(sp);
  const share = (x: Exact | undefined) => (x ? `，占 ${pct(x)}` : '');
  return {
    text: `从支出结构看，基本支出 ${wanPhrase(basic)} 万元${share(vb)}；项目支出 ${wanPhrase(project)} 万元${share(vp)}。`,
    figures: [sb, sp].flatMap((f) => (f && valueOf(f) ? [f.id] : [])),
  };
}

/** "按经济分类，工资福利支出 2759.82 万元，占 68.21%；…；其余科目无支出。" — shares of the sum of the rows. */
export function economicStructure(e: Evaluation, tableName?: string): Restatement | undefined {
  const t = e.economicClassification;
  const rows = (t?.rows ?? []).filter((r) => r.actualSpending);
  if (!t || !rows.length) return undefined;
  const amounts = rows.map((r) => ({ name: r.name.replace(/^[一二三四五六七八九十]+、/, ''), amount: r.actualSpending! }));
  const total = sum(amounts.map((a) => valueIn(a.amount, '元')));
  if (isZero(total)) return undefined;
  const spent = amounts.filter((a) => !isZero(a.amount.value));
  const clauses = spent.map((a) => `${a.name} ${wanPhrase(a.amount)} 万元，占 ${pct(div(valueIn(a.amount, '元'), total)!)}`);
  const rest = spent.length < amounts.length ? '；其余科目无支出' : '';
  return { text: `按经济分类，${clauses.join('；')}${rest}。${tableName ? `具体见${tableName}。` : ''}`, figures: [] };
}

/**
 * "部门整体共设立产出指标 7 个，其中数量指标 2 个，…；效益指标 7 个，其中…；满意度指标 1 个，其中服务对象满意度指标 1 个。"
 * Counted from the indicator table (the same count the audit compares a declared count with).
 */
export function indicatorCounts(e: Evaluation): Restatement | undefined {
  const list = e.indicators ?? [];
  if (!list.length) return undefined;
  const groups = indicatorBreakdown(list).map((g) => {
    const parts = g.parts.filter((p) => p.count > 0 || g.count > 0);
    const detail = parts.length ? `，其中${parts.map((p) => `${p.kind}指标 ${p.count} 个`).join('，')}` : '';
    return `${g.kind}指标 ${g.count} 个${detail}`;
  });
  return { text: `部门整体共设立${groups.join('；')}。`, figures: [] };
}

/** "全年预算数 4171.75 万元，执行数 4051.74 万元，完成预算的 97.12%。" */
export function completionSentence(e: Evaluation, figures: readonly ComputedFigure[]): Restatement | undefined {
  const b = e.budget;
  if (!b?.adjustedBudget || !b.actualSpending) return undefined;
  const f = figureAt(figures, 'executionRate', 'budget');
  const rate = valueOf(f);
  return {
    text: `全年预算数 ${wanPhrase(b.adjustedBudget)} 万元，执行数 ${wanPhrase(b.actualSpending)} 万元${rate ? `，完成预算的 ${pct(rate)}` : ''}。`,
    figures: f && rate ? [f.id] : [],
  };
}

/** The form's 预算完成率 and 预算调整率 (fractions), with the figures they come from. */
export function formRates(figures: readonly ComputedFigure[]): { completion?: ComputedFigure; adjustment?: ComputedFigure } {
  const completion = figureAt(figures, 'executionRate', 'budget');
  const adjustment = figureAt(figures, 'adjustmentRate', 'budget');
  return { ...(valueOf(completion) ? { completion: completion! } : {}), ...(valueOf(adjustment) ? { adjustment: adjustment! } : {}) };
}
