/**
 * Computes every metric the data of an evaluation allows, each with its formula, its inputs (with the model path
 * they came from) and, where the document printed the value, the comparison with what it printed.
 */
import { type MoneyUnit, valueIn } from '../amount.ts';
import { type Exact, ONE, ZERO, add, div, fromInt, sum } from '../exact.ts';
import { COMPOSITION_VARIANCE, FORMULAS, FORMULAS_BY_ID, SEQUENTIAL_BENCHMARKS, compositionVarianceCore } from '../formulas/library.ts';
import { indicatorCompletion, parseIndicatorValue, withUnitOfMeasure } from '../formulas/indicator-value.ts';
import type { Basis, FormulaDef, LocalText, Outcome, OutputKind, Quantity } from '../formulas/types.ts';
import type { BasicBlock, BudgetLine, Direction, Evaluation } from '../model/evaluation.ts';
import type { Derivation, Money, PrintedMap, PrintedValue, Source } from '../model/money.ts';
import type { ProjectEvaluation } from '../model/project.ts';
import { UNKNOWN_LAYOUT, layoutById } from '../layouts/index.ts';
import { printedEntries } from '../model/printed-entries.ts';
import type { PathSegment } from '../problem.ts';
import { type Comparison, comparePrinted, comparePrintedMoney } from './printed.ts';

export interface FigureInput {
  readonly key: string;
  readonly label: LocalText;
  readonly value: Exact;
  readonly unit?: MoneyUnit;
  /** Model path the input was read from (the CLI turns it into file:line). */
  readonly path: readonly PathSegment[];
  readonly source?: Source;
  readonly derivedFrom?: Derivation;
}

export interface Alternative {
  readonly id: string;
  readonly variant: string;
  readonly name: LocalText;
  readonly outcome: Outcome;
  readonly comparison: Comparison;
}

export interface ComputedFigure {
  readonly id: string;
  readonly family: string;
  readonly variant: string;
  readonly name: LocalText;
  readonly formula: LocalText;
  readonly output: OutputKind;
  readonly subject: { readonly path: readonly PathSegment[]; readonly label: LocalText };
  /** Department-level figures feed the rubric; rows of tables do not. */
  readonly isDepartmentLevel: boolean;
  readonly inputs: readonly FigureInput[];
  readonly outcome: Outcome;
  readonly printed?: PrintedValue & { readonly path: readonly PathSegment[] };
  readonly comparison: Comparison;
  /** Other variants of the same family, shown when a printed value was compared. */
  readonly alternatives?: readonly Alternative[];
}

const t = (zh: string, en: string): LocalText => ({ zh, en });

const BY_FAMILY = new Map<string, FormulaDef[]>();
for (const f of FORMULAS) {
  const list = BY_FAMILY.get(f.family) ?? [];
  list.push(f);
  BY_FAMILY.set(f.family, list);
}

/**
 * Which rule's variants come first: the document's layout (src/core/layouts) decides; a document of no known layout
 * falls back on the rubric it names.
 */
export function preferredBasis(e: Evaluation): Basis {
  const layout = layoutById(e.documentKind);
  if (layout !== UNKNOWN_LAYOUT) return layout.formulas.basis;
  if (e.rubric?.startsWith('longgang')) return 'longgang';
  if (e.rubric?.startsWith('guangzhou')) return 'gz-form';
  if (e.rubric === 'mof-2013') return 'mof-2013';
  return 'common';
}

/** The variant id a layout names for a family, when it departs from its basis. */
function preferredVariant(e: Evaluation, family: string): string | undefined {
  return layoutById(e.documentKind).formulas.variants?.[family];
}

interface Candidate {
  readonly variantId?: string;
  readonly inputs: readonly FigureInput[];
}

/** A printed value; for money, the amount itself too, so that 元 and 万元 compare exactly. */
type PrintedRef = PrintedValue & { readonly path: readonly PathSegment[]; readonly money?: Money };

interface Request {
  readonly family: string;
  readonly subjectPath: readonly PathSegment[];
  readonly subjectLabel: LocalText;
  readonly isDepartmentLevel: boolean;
  /** Inputs per variant id; variants without complete inputs are simply absent. */
  readonly candidates: readonly Candidate[];
  readonly printed?: PrintedRef;
}

function money(key: string, label: LocalText, m: Money | undefined, path: readonly PathSegment[]): FigureInput | undefined {
  if (!m) return undefined;
  const input: { -readonly [K in keyof FigureInput]: FigureInput[K] } = { key, label, value: m.value, unit: m.unit, path };
  if (m.source) input.source = m.source;
  if (m.derivedFrom) input.derivedFrom = m.derivedFrom;
  return input;
}

function count(key: string, label: LocalText, n: number | undefined, path: readonly PathSegment[]): FigureInput | undefined {
  return n === undefined ? undefined : { key, label, value: fromInt(n), path };
}

function all(...xs: (FigureInput | undefined)[]): FigureInput[] | undefined {
  return xs.every((x): x is FigureInput => x !== undefined) ? xs : undefined;
}

/** Money inputs meet in one unit: the first input's, or 元 when they differ (conversion is exact). */
function toArgs(inputs: readonly FigureInput[]): Record<string, Quantity> {
  let common: MoneyUnit | undefined;
  for (const i of inputs) {
    if (i.unit === undefined) continue;
    if (common === undefined) common = i.unit;
    else if (common !== i.unit) {
      common = '元';
      break;
    }
  }
  const args: Record<string, Quantity> = {};
  for (const i of inputs) {
    // An input already in the common unit is its own quantity; only a converted one needs a new object.
    args[i.key] = i.unit === undefined || common === undefined || i.unit === common ? i : { value: valueIn({ value: i.value, unit: i.unit }, common), unit: common };
  }
  return args;
}

function printedOf(map: PrintedMap | undefined, family: string, path: readonly PathSegment[]): Request['printed'] {
  const p = map?.[family];
  if (!p) return undefined;
  const where = [...path, 'printed', family];
  return p.source ? { text: p.text, source: p.source, path: where } : { text: p.text, path: where };
}

function moneyAsPrinted(m: Money | undefined, path: readonly PathSegment[]): Request['printed'] {
  if (!m) return undefined;
  const text = `${decimalText(m.value)} ${m.unit}`;
  return m.source ? { text, source: m.source, path, money: m } : { text, path, money: m };
}

function decimalText(x: Exact): string {
  // A value read from a file has d = 10^k, so this is its exact decimal.
  const digits = x.d.toString().length - 1;
  const negative = x.n < 0n;
  const s = (negative ? -x.n : x.n).toString().padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${s.slice(0, s.length - digits)}${digits ? `.${s.slice(s.length - digits)}` : ''}`;
}

const L = {
  initialBudget: t('年初预算', 'initial budget'),
  increase: t('预算调增数', 'budget increase'),
  decrease: t('预算调减数', 'budget decrease'),
  adjustedBudget: t('调整后预算', 'adjusted budget'),
  actualSpending: t('实际支出', 'actual spending'),
};

/** The requests every budget line gets: adjusted budget from its changes, and the execution rate. */
function lineRequests(line: BudgetLine, path: readonly PathSegment[], label: LocalText, isDept: boolean): Request[] {
  const out: Request[] = [];
  const ini = money('initialBudget', L.initialBudget, line.initialBudget, [...path, 'initialBudget']);
  const inc = money('increase', L.increase, line.increase, [...path, 'increase']);
  const dec = money('decrease', L.decrease, line.decrease, [...path, 'decrease']);
  const adj = money('adjustedBudget', L.adjustedBudget, line.adjustedBudget, [...path, 'adjustedBudget']);
  const act = money('actualSpending', L.actualSpending, line.actualSpending, [...path, 'actualSpending']);
  if (ini && (inc || dec)) {
    const zeroLike = (key: string, lab: LocalText, unit: MoneyUnit | undefined): FigureInput =>
      unit ? { key, label: lab, value: ZERO, unit, path: [...path, key] } : { key, label: lab, value: ZERO, path: [...path, key] };
    const candidate = all(ini, inc ?? zeroLike('increase', L.increase, ini.unit), dec ?? zeroLike('decrease', L.decrease, ini.unit));
    if (candidate) {
      const printed = moneyAsPrinted(line.adjustedBudget, [...path, 'adjustedBudget']);
      out.push({ family: 'adjustedBudget', subjectPath: path, subjectLabel: label, isDepartmentLevel: isDept, candidates: [{ inputs: candidate }], ...(printed ? { printed } : {}) });
    }
  }
  if (line.adjustment && ini && adj) {
    const printed = moneyAsPrinted(line.adjustment, [...path, 'adjustment']);
    out.push({ family: 'budgetAdjustment', subjectPath: path, subjectLabel: label, isDepartmentLevel: isDept, candidates: [{ inputs: [adj, ini] }], ...(printed ? { printed } : {}) });
  }
  const exec: Candidate[] = [];
  if (act && adj) exec.push({ variantId: 'executionRate.ofAdjusted', inputs: [act, adj] });
  if (act && ini) exec.push({ variantId: 'executionRate.ofInitial', inputs: [act, ini] });
  const printedExec = printedOf(line.printed, 'executionRate', path);
  if (exec.length > 0) out.push({ family: 'executionRate', subjectPath: path, subjectLabel: label, isDepartmentLevel: isDept, candidates: exec, ...(printedExec ? { printed: printedExec } : {}) });
  return out;
}

function sumLines(lines: readonly (BudgetLine | undefined)[], field: 'initialBudget' | 'adjustedBudget' | 'actualSpending'): Money | undefined {
  const present = lines.map((l) => l?.[field]).filter((m): m is Money => m !== undefined);
  if (present.length === 0) return undefined;
  const unit = present[0]!.unit;
  return { value: sum(present.map((m) => valueIn(m, unit))), unit };
}

function blockRequests(block: BasicBlock, path: readonly PathSegment[], unitName: string, isDept: boolean): Request[] {
  const out: Request[] = [];
  const parts: [keyof BasicBlock & string, LocalText][] = [
    ['personnel', t('人员经费', 'personnel expenses')],
    ['routineOperating', t('日常公用经费', 'routine operating expenses')],
    ['total', t('基本支出合计', 'total basic expenditure')],
  ];
  const head = isDept ? t('部门 ', 'department ') : t(`${unitName || block.name || ''} `, `${unitName || block.name || ''} `);
  const prefix = (x: LocalText): LocalText => t(`${head.zh}${x.zh}`, `${head.en}${x.en}`);
  for (const [key, label] of parts) {
    const line = block[key] as BudgetLine | undefined;
    if (line) out.push(...lineRequests(line, [...path, key], prefix(label), false));
  }
  const routine = block.routineOperating;
  if (routine) {
    const p = [...path, 'routineOperating'];
    const act = money('actualSpending', L.actualSpending, routine.actualSpending, [...p, 'actualSpending']);
    const adj = money('adjustedBudget', L.adjustedBudget, routine.adjustedBudget, [...p, 'adjustedBudget']);
    const ini = money('initialBudget', L.initialBudget, routine.initialBudget, [...p, 'initialBudget']);
    const cands: Candidate[] = [];
    if (act && adj) cands.push({ variantId: 'routineOperatingControlRate.ofAdjusted', inputs: [act, adj] });
    if (act && ini) cands.push({ variantId: 'routineOperatingControlRate.ofInitial', inputs: [act, ini] });
    const printed = printedOf(routine.printed, 'routineOperatingControlRate', p);
    if (cands.length) out.push({ family: 'routineOperatingControlRate', subjectPath: p, subjectLabel: prefix(t('日常公用经费', 'routine operating expenses')), isDepartmentLevel: isDept, candidates: cands, ...(printed ? { printed } : {}) });
  }
  const tpe = block.threePublicExpenses;
  if (tpe) {
    const p = [...path, 'threePublicExpenses'];
    const label = prefix(t('“三公”经费', 'three public expenses'));
    const partLines: [string, LocalText][] = [
      ['overseasTravel', t('因公出国（境）经费', 'overseas travel')],
      ['officialVehicles', t('公务用车购置及运行维护费', 'official vehicles')],
      ['officialHospitality', t('公务接待费', 'official hospitality')],
    ];
    out.push(...lineRequests(tpe, p, label, false));
    for (const [key, lab] of partLines) {
      const line = tpe[key as 'overseasTravel'];
      if (line) out.push(...lineRequests(line, [...p, key], prefix(lab), false));
    }
    // When only the three parts are printed, the control rate is over their sum.
    const partsOnly = !tpe.actualSpending;
    const partList = partLines.map(([k]) => tpe[k as 'overseasTravel']);
    const act = partsOnly ? sumLines(partList, 'actualSpending') : tpe.actualSpending;
    const ini = partsOnly ? sumLines(partList, 'initialBudget') : tpe.initialBudget;
    const adj = partsOnly ? sumLines(partList, 'adjustedBudget') : tpe.adjustedBudget;
    const a = money('actualSpending', L.actualSpending, act, [...p, 'actualSpending']);
    const i = money('initialBudget', t('预算安排数（年初）', 'arranged budget (initial)'), ini, [...p, 'initialBudget']);
    const j = money('adjustedBudget', L.adjustedBudget, adj, [...p, 'adjustedBudget']);
    const cands: Candidate[] = [];
    if (a && i) cands.push({ variantId: 'threePublicControlRate.ofArranged', inputs: [a, i] });
    if (a && j) cands.push({ variantId: 'threePublicControlRate.ofAdjusted', inputs: [a, j] });
    const printed = printedOf(tpe.printed, 'threePublicControlRate', p);
    if (cands.length) out.push({ family: 'threePublicControlRate', subjectPath: p, subjectLabel: label, isDepartmentLevel: isDept, candidates: cands, ...(printed ? { printed } : {}) });
  }
  return out;
}

/** Σ rows vs the printed total row, for every amount column the total row prints. */
function totalRequests(rows: readonly BudgetLine[], total: BudgetLine | undefined, path: readonly PathSegment[], label: LocalText): Request[] {
  if (!total || rows.length === 0) return [];
  const out: Request[] = [];
  for (const field of ['initialBudget', 'increase', 'decrease', 'adjustedBudget', 'actualSpending'] as const) {
    const printedMoney = total[field];
    if (!printedMoney) continue;
    const inputs: FigureInput[] = [];
    rows.forEach((r, i) => {
      const m = r[field];
      if (m) inputs.push({ key: `row${i + 1}`, label: t(`第 ${i + 1} 行`, `row ${i + 1}`), value: m.value, unit: m.unit, path: [...path, 'rows', i, field] });
    });
    if (inputs.length === 0) continue;
    const printed = moneyAsPrinted(printedMoney, [...path, 'total', field]);
    out.push({
      family: 'columnTotal',
      subjectPath: [...path, 'total', field],
      subjectLabel: t(`${label.zh}合计：${L[field as 'initialBudget']?.zh ?? field}`, `${label.en} total: ${L[field as 'initialBudget']?.en ?? field}`),
      isDepartmentLevel: false,
      candidates: [{ inputs }],
      ...(printed ? { printed } : {}),
    });
  }
  return out;
}

const COLUMN_TOTAL: FormulaDef = {
  id: 'columnTotal.sumOfRows',
  family: 'columnTotal',
  variant: 'sumOfRows',
  name: t('合计', 'column total'),
  formula: t('Σ 各行', 'sum of the rows'),
  basis: ['common'],
  inputs: [],
  output: 'money',
  compute: (args) => sumOfRows(Object.values(args)),
};

function sumOfRows(values: readonly Quantity[]): Outcome {
  const unit = values[0]?.unit;
  let total = ZERO;
  for (const q of values) total = add(total, unit && q.unit && q.unit !== unit ? valueIn({ value: q.value, unit: q.unit }, unit) : q.value);
  return unit ? { kind: 'value', value: total, unit } : { kind: 'value', value: total };
}

interface ShareRow {
  readonly name: string;
  readonly path: readonly PathSegment[];
  readonly actualSpending?: Money | undefined;
  readonly printed?: PrintedMap | undefined;
}

/** Each row's share of the whole, the whole being the sum of the rows (a wrong printed total is a finding of its own). */
function shareRequests(rows: readonly ShareRow[], wholePath: readonly PathSegment[], label: LocalText): Request[] {
  const present = rows.filter((r): r is ShareRow & { actualSpending: Money } => r.actualSpending !== undefined);
  if (present.length < 2) return [];
  const unit = present[0]!.actualSpending.unit;
  const whole = sum(present.map((r) => valueIn(r.actualSpending, unit)));
  return present.map((r) => {
    const printed = printedOf(r.printed, 'share', r.path);
    return {
      family: 'share',
      subjectPath: r.path,
      subjectLabel: t(`${label.zh}：${r.name}`, `${label.en}: ${r.name}`),
      isDepartmentLevel: false,
      candidates: [
        {
          inputs: [
            { key: 'part', label: t(`${r.name} 实际支出`, `${r.name} actual`), value: r.actualSpending.value, unit: r.actualSpending.unit, path: [...r.path, 'actualSpending'] },
            { key: 'whole', label: t('各行实际支出之和', 'sum of the rows'), value: whole, unit, path: wholePath },
          ],
        },
      ],
      ...(printed ? { printed } : {}),
    };
  });
}

function requestsOf(e: Evaluation): Request[] {
  const out: Request[] = [];
  const b = e.budget;
  const DEPT = t('部门预算', 'department budget');
  if (b) {
    out.push(...lineRequests(b, ['budget'], DEPT, true));
    const ini = money('initialBudget', L.initialBudget, b.initialBudget, ['budget', 'initialBudget']);
    const adj = money('adjustedBudget', L.adjustedBudget, b.adjustedBudget, ['budget', 'adjustedBudget']);
    const act = money('actualSpending', L.actualSpending, b.actualSpending, ['budget', 'actualSpending']);
    if (ini && adj) {
      const printed = printedOf(b.printed, 'adjustmentRate', ['budget']);
      out.push({
        family: 'adjustmentRate',
        subjectPath: ['budget'],
        subjectLabel: DEPT,
        isDepartmentLevel: true,
        candidates: (BY_FAMILY.get('adjustmentRate') ?? []).map((d) => ({ variantId: d.id, inputs: [ini, adj] })),
        ...(printed ? { printed } : {}),
      });
    }
    if (act && ini) out.push({ family: 'pefaAggregateOutturn', subjectPath: ['budget'], subjectLabel: DEPT, isDepartmentLevel: true, candidates: [{ inputs: [act, ini] }] });
    out.push(...executionScoreRequest(b, ['budget'], DEPT, true, t('执行率权重', 'execution weight')));
    const prev = money('previous', t('上年实际支出', "last year's actual spending"), b.previousYear?.actualSpending, ['budget', 'previousYear', 'actualSpending']);
    const cur = money('current', t('本年实际支出', "this year's actual spending"), b.actualSpending, ['budget', 'actualSpending']);
    if (prev && cur) {
      const printed = printedOf(b.printed, 'growthRate', ['budget']);
      out.push({ family: 'growthRate', subjectPath: ['budget'], subjectLabel: DEPT, isDepartmentLevel: true, candidates: [{ inputs: [cur, prev] }], ...(printed ? { printed } : {}) });
    }
    b.fundSources?.forEach((f, i) => out.push(...lineRequests(f, ['budget', 'fundSources', i], t(`资金来源：${f.name}`, `fund source: ${f.name}`), false)));
    if (b.basic) out.push(...lineRequests(b.basic, ['budget', 'basic'], t('基本支出', 'basic expenditure'), false));
    if (b.project) out.push(...lineRequests(b.project, ['budget', 'project'], t('项目支出', 'project expenditure'), false));
    if (b.basic && b.project) {
      const split: ShareRow[] = [
        { name: '基本支出', path: ['budget', 'basic'], actualSpending: b.basic.actualSpending, printed: b.basic.printed },
        { name: '项目支出', path: ['budget', 'project'], actualSpending: b.project.actualSpending, printed: b.project.printed },
      ];
      out.push(...shareRequests(split, ['budget'], t('支出结构', 'expenditure split')));
    }
  }
  const be = e.basicExpenditure;
  if (be?.department) out.push(...blockRequests(be.department, ['basicExpenditure', 'department'], '', true));
  be?.byUnit?.forEach((u, i) => out.push(...blockRequests(u, ['basicExpenditure', 'byUnit', i], u.name ?? `#${i + 1}`, false)));

  const pt = e.projects;
  if (pt) {
    pt.rows.forEach((p, i) => out.push(...lineRequests(p, ['projects', 'rows', i], t(`项目：${p.name}`, `project: ${p.name}`), false)));
    if (pt.total) out.push(...lineRequests(pt.total, ['projects', 'total'], t('项目合计', 'projects total'), false));
    out.push(...totalRequests(pt.rows, pt.total, ['projects'], t('项目表', 'project table')));
  }
  for (const key of ['economicClassification', 'functionalClassification'] as const) {
    const table = e[key];
    if (!table) continue;
    const label = key === 'economicClassification' ? t('经济分类', 'economic classification') : t('功能分类', 'functional classification');
    table.rows.forEach((r, i) => out.push(...lineRequests(r, [key, 'rows', i], t(`${label.zh}：${r.name}`, `${label.en}: ${r.name}`), false)));
    out.push(...shareRequests(table.rows.map((r, i) => ({ ...r, path: [key, 'rows', i] })), [key, 'rows'], label));
    out.push(...totalRequests(table.rows, table.total, [key], label));
  }
  out.push(...managementRequests(e));
  out.push(...projectEvaluationRequests(e));
  return out;
}

/** A score as printed: its exact decimal (a value read from a file keeps its printed decimals). */
function scoreAsPrinted(score: Exact | undefined, path: readonly PathSegment[], source?: Source): Request['printed'] {
  if (!score) return undefined;
  const text = decimalText(score);
  return source ? { text, source, path } : { text, path };
}

/**
 * 执行率得分 = min(执行数 ÷ 预算数, 100%) × 权重 on a line that prints a weight (执行率权重 / 分值), against the printed
 * score. The budget is the adjusted one (全年预算数), else the initial one.
 */
/** Whether a fund line's printed execution rate is its spending over its initial budget, at the printed decimals. */
function ratesByInitial(line: { readonly initialBudget?: Money | undefined; readonly actualSpending?: Money | undefined; readonly printed?: PrintedMap | undefined }): boolean {
  const printed = line.printed?.['executionRate'];
  if (!printed || !line.initialBudget || !line.actualSpending || line.initialBudget.unit !== line.actualSpending.unit) return false;
  const rate = div(line.actualSpending.value, line.initialBudget.value);
  return rate !== undefined && comparePrinted(printed.text, { kind: 'value', value: rate }, 'rate') === 'match';
}

function executionScoreRequest(
  line: { readonly initialBudget?: Money | undefined; readonly adjustedBudget?: Money | undefined; readonly actualSpending?: Money | undefined; readonly weight?: Exact | undefined; readonly score?: Exact | undefined; readonly source?: Source | undefined },
  path: readonly PathSegment[],
  label: LocalText,
  isDept: boolean,
  weightLabel: LocalText,
): Request[] {
  if (!line.weight) return [];
  const act = money('actualSpending', L.actualSpending, line.actualSpending, [...path, 'actualSpending']);
  const base = line.adjustedBudget
    ? money('adjustedBudget', t('全年预算数（调整后）', 'full-year budget'), line.adjustedBudget, [...path, 'adjustedBudget'])
    : money('adjustedBudget', L.initialBudget, line.initialBudget, [...path, 'initialBudget']);
  if (!act || !base) return [];
  const weight: FigureInput = { key: 'weight', label: weightLabel, value: line.weight, path: [...path, 'weight'] };
  const printed = scoreAsPrinted(line.score, [...path, 'score'], line.source);
  return [{ family: 'executionScore', subjectPath: path, subjectLabel: label, isDepartmentLevel: isDept, candidates: [{ inputs: [act, base, weight] }], ...(printed ? { printed } : {}) }];
}

/** The 项目资金 rows of the national project form, in the form's order. */
export const FUND_LINES: readonly (readonly [keyof NonNullable<ProjectEvaluation['funds']>, LocalText])[] = [
  ['total', t('年度资金总额', 'total funds')],
  ['currentYear', t('当年财政拨款', 'appropriation of the year')],
  ['carriedOver', t('上年结转资金', 'carried over')],
  ['other', t('其他资金', 'other funds')],
];

/** Each 项目资金 row of the document's project evaluation and of the projects it lists: 执行率 and 执行率得分, over the full-year budget. */
function projectEvaluationRequests(e: Evaluation): Request[] {
  const out: Request[] = [];
  const one = (p: ProjectEvaluation, base: readonly PathSegment[]) => {
    for (const [key, lineLabel] of FUND_LINES) {
      const line = p.funds?.[key];
      if (!line) continue;
      const path = [...base, 'funds', key];
      const label = t(`项目“${p.name}”${lineLabel.zh}`, `project “${p.name}” ${lineLabel.en}`);
      const act = money('actualSpending', t('全年执行数', 'spent in the year'), line.actualSpending, [...path, 'actualSpending']);
      const adj = money('adjustedBudget', t('全年预算数', 'full-year budget'), line.adjustedBudget, [...path, 'adjustedBudget']);
      // The form defines 执行率 = 全年执行数 ÷ 全年预算数. Without a full-year budget, the initial one only where the
      // printed rate says the form rates spending by it (年初预算数（A） | 全年执行数（B） | 执行率（B/A）): a full-year
      // column not read would otherwise make a rate against the initial budget look wrong.
      const ini = adj || !ratesByInitial(line) ? undefined : money('initialBudget', L.initialBudget, line.initialBudget, [...path, 'initialBudget']);
      if (!act || !(adj ?? ini)) continue;
      const printed = printedOf(line.printed, 'executionRate', path);
      const candidate = adj ? { variantId: 'executionRate.ofAdjusted', inputs: [act, adj] } : { variantId: 'executionRate.ofInitial', inputs: [act, ini!] };
      out.push({ family: 'executionRate', subjectPath: path, subjectLabel: label, isDepartmentLevel: false, candidates: [candidate], ...(printed ? { printed } : {}) });
      out.push(...executionScoreRequest(line, path, label, false, t('分值', 'weight')));
    }
  };
  if (e.project) one(e.project, ['project']);
  e.projectEvaluations?.forEach((p, i) => one(p, ['projectEvaluations', i]));
  return out;
}

function managementRequests(e: Evaluation): Request[] {
  const out: Request[] = [];
  const m = e.management;
  const dept = (family: string, path: readonly PathSegment[], label: LocalText, inputs: FigureInput[] | undefined, printedMap?: PrintedMap, variantId?: string) => {
    if (!inputs) return;
    const printed = printedOf(printedMap, family, path);
    out.push({ family, subjectPath: path, subjectLabel: label, isDepartmentLevel: true, candidates: [variantId ? { variantId, inputs } : { inputs }], ...(printed ? { printed } : {}) });
  };
  if (m?.procurement) {
    const p = ['management', 'procurement'];
    dept('procurementExecutionRate', p, t('政府采购', 'government procurement'),
      all(money('actual', t('实际采购金额', 'actual procurement'), m.procurement.actual, [...p, 'actual']), money('budget', t('采购预算金额', 'procurement budget'), m.procurement.budget, [...p, 'budget'])),
      m.procurement.printed);
  }
  if (m?.fixedAssets) {
    const p = ['management', 'fixedAssets'];
    dept('fixedAssetUtilizationRate', p, t('固定资产', 'fixed assets'),
      all(money('inUse', t('在用固定资产', 'in use'), m.fixedAssets.inUse, [...p, 'inUse']), money('total', t('固定资产总额', 'total'), m.fixedAssets.total, [...p, 'total'])),
      m.fixedAssets.printed);
  }
  const s = m?.staffing;
  if (s) {
    const p = ['management', 'staffing'];
    dept('staffControlRate', p, t('人员编制', 'staffing'),
      all(count('onEstablishment', t('在编人数', 'on establishment'), s.onEstablishment, [...p, 'onEstablishment']), count('authorizedPosts', t('核定编制数', 'authorized posts'), s.authorizedPosts, [...p, 'authorizedPosts'])),
      s.printed);
    const inPost = s.inPost ?? (s.onEstablishment !== undefined && s.offEstablishment !== undefined ? s.onEstablishment + s.offEstablishment : undefined);
    dept('offEstablishmentControlRate', p, t('人员编制', 'staffing'),
      all(count('offEstablishment', t('编外人数', 'off establishment'), s.offEstablishment, [...p, 'offEstablishment']), count('inPost', t('实际在职人员总数', 'staff in post'), inPost, [...p, 'inPost'])),
      s.printed);
  }
  const budgetBase = e.budget?.adjustedBudget ?? e.budget?.initialBudget;
  const baseKey = e.budget?.adjustedBudget ? 'adjustedBudget' : 'initialBudget';
  if (m?.carryOver) {
    const p = ['management', 'carryOver'];
    dept('carryOverRate', p, t('结转结余', 'carry-over'),
      all(money('carryOver', t('结转结余总额', 'carry-over'), m.carryOver.amount, [...p, 'amount']), money('budget', t('支出预算数', 'expenditure budget'), budgetBase, ['budget', baseKey])),
      m.carryOver.printed);
    dept('carryOverChangeRate', p, t('结转结余', 'carry-over'),
      all(money('current', t('本年结转结余', 'this year'), m.carryOver.amount, [...p, 'amount']), money('previous', t('上年结转结余', 'last year'), m.carryOver.previousAmount, [...p, 'previousAmount'])),
      m.carryOver.printed);
  }
  const tpe = e.basicExpenditure?.department?.threePublicExpenses;
  if (m?.threePublicPrevious && tpe?.actualSpending) {
    dept('threePublicChangeRate', ['management', 'threePublicPrevious'], t('“三公”经费', 'three public expenses'),
      all(money('current', t('本年“三公”经费', 'this year'), tpe.actualSpending, ['basicExpenditure', 'department', 'threePublicExpenses', 'actualSpending']), money('previous', t('上年“三公”经费', 'last year'), m.threePublicPrevious, ['management', 'threePublicPrevious'])));
  }
  if (m?.keySpending) {
    const p = ['management', 'keySpending'];
    dept('keySpendingRate', p, t('重点支出', 'key spending'),
      all(money('key', t('重点项目支出', 'key spending'), m.keySpending.keyAmount, [...p, 'keyAmount']), money('total', t('项目总支出', 'total project spending'), m.keySpending.totalProjectAmount, [...p, 'totalProjectAmount'])),
      m.keySpending.printed);
  }
  m?.quarterlyProgress?.forEach((progress, q) => {
    const p = ['management', 'quarterlyProgress', q];
    dept('quarterlyProgress', p, t(`第${q + 1}季度`, `quarter ${q + 1}`),
      [{ key: 'progress', label: t('季末累计支出进度', 'cumulative progress'), value: progress, path: p }, { key: 'benchmark', label: t('序时进度', 'benchmark'), value: SEQUENTIAL_BENCHMARKS[q] ?? ONE, path: p }]);
  });
  const rows = e.projects?.rows ?? [];
  const flagged = rows.filter((r) => r.isCompletedOnTime !== undefined);
  const planned = m?.projectsPlanned ?? (flagged.length ? flagged.length : undefined);
  const onTime = m?.projectsOnTime ?? (flagged.length ? flagged.filter((r) => r.isCompletedOnTime).length : undefined);
  dept('projectTimelinessRate', ['management'], t('项目完成及时性', 'project timeliness'),
    all(count('onTime', t('按时完成项目数', 'done on time'), onTime, ['management', 'projectsOnTime']), count('planned', t('计划完成项目数', 'planned'), planned, ['management', 'projectsPlanned'])));
  return out;
}

function variantsFor(req: Request, basis: Basis, preferred?: string): { def: FormulaDef; inputs: readonly FigureInput[] }[] {
  const family = req.family === 'columnTotal' ? [COLUMN_TOTAL] : (BY_FAMILY.get(req.family) ?? []);
  const list: { def: FormulaDef; inputs: readonly FigureInput[] }[] = [];
  for (const c of req.candidates) {
    const d = c.variantId ? FORMULAS_BY_ID.get(c.variantId) : family[0];
    if (d) list.push({ def: d, inputs: c.inputs });
  }
  // The variant the layout names first, then variants of the document's own rule, then the library's order.
  const rank = (d: FormulaDef) => (d.id === preferred ? 2 : d.basis.includes(basis) ? 1 : 0);
  return list.length < 2 ? list : list.sort((a, b) => rank(b.def) - rank(a.def));
}

function evaluateRequest(req: Request, basis: Basis, preferred?: (family: string) => string | undefined): ComputedFigure | undefined {
  const variants: { def: FormulaDef; inputs: readonly FigureInput[]; outcome: Outcome; comparison: Comparison }[] = [];
  for (const { def, inputs } of variantsFor(req, basis, preferred?.(req.family))) {
    // Why the fast path: a column total has one input per row; keyed arguments would cost more than the sum.
    const outcome = def === COLUMN_TOTAL ? sumOfRows(inputs) : def.compute(toArgs(inputs));
    const money = req.printed?.money;
    const comparison = money && outcome.kind === 'value' && outcome.unit ? comparePrintedMoney(money, outcome.value, outcome.unit) : comparePrinted(req.printed?.text, outcome, def.output);
    variants.push({ def, inputs, outcome, comparison });
    // Nothing printed: the first variant with a value is the answer; the others need not be computed.
    if (!req.printed && outcome.kind === 'value') break;
  }
  if (variants.length === 0) return undefined;
  const chosen = variants.find((x) => x.comparison === 'match') ?? variants.find((x) => x.outcome.kind === 'value') ?? variants[0]!;
  const figure: { -readonly [K in keyof ComputedFigure]: ComputedFigure[K] } = {
    id: chosen.def.id,
    family: chosen.def.family,
    variant: chosen.def.variant,
    name: chosen.def.name,
    formula: chosen.def.formula,
    output: chosen.def.output,
    subject: { path: req.subjectPath, label: req.subjectLabel },
    isDepartmentLevel: req.isDepartmentLevel,
    inputs: chosen.inputs,
    outcome: chosen.outcome,
    comparison: chosen.comparison,
  };
  if (req.printed) {
    const { money: _money, ...printed } = req.printed;
    figure.printed = printed;
    const others = variants.filter((x) => x !== chosen);
    if (others.length) figure.alternatives = others.map((o) => ({ id: o.def.id, variant: o.def.variant, name: o.def.name, outcome: o.outcome, comparison: o.comparison }));
  }
  return figure;
}

function indicatorFigures(e: Evaluation): ComputedFigure[] {
  const out: ComputedFigure[] = [];
  const push = (path: readonly PathSegment[], name: string, target: string | undefined, actual: string | undefined, direction?: Direction, unitOfMeasure?: string) => {
    if (target === undefined || actual === undefined) return;
    // A system export prints the unit in a column of its own (度量单位): "90" and "%" are 90%.
    const tv = parseIndicatorValue(withUnitOfMeasure(target, unitOfMeasure), direction);
    const av = parseIndicatorValue(withUnitOfMeasure(actual, unitOfMeasure));
    const outcome = indicatorCompletion(tv, av);
    out.push({
      id: 'indicatorCompletion.directionAware',
      family: 'indicatorCompletion',
      variant: tv.direction,
      name: t('指标完成率', 'indicator completion rate'),
      formula: {
        gte: t('≥ 指标：完成值 ÷ 指标值', '≥ target: actual ÷ target'),
        lte: t('≤ 指标：指标值 ÷ 完成值（完成值为 0 时 100%）', '≤ target: target ÷ actual (100% when actual is 0)'),
        eq: t('= 指标或指标值为 0：达到 100%，未达到 0%', '= target or zero target: met 100%, else 0%'),
        qualitative: t('定性指标：依据佐证材料判断', 'qualitative: judged on evidence'),
      }[tv.direction],
      output: 'rate',
      subject: { path, label: t(`指标：${name}`, `indicator: ${name}`) },
      isDepartmentLevel: false,
      inputs: [
        ...(av.value !== undefined ? [{ key: 'actual', label: t(`完成值 ${actual}`, `actual ${actual}`), value: av.value, path: [...path, 'actual'] }] : []),
        ...(tv.value !== undefined ? [{ key: 'target', label: t(`指标值 ${target}`, `target ${target}`), value: tv.value, path: [...path, 'target'] }] : []),
      ],
      outcome,
      comparison: 'not-printed',
    });
  };
  e.indicators?.forEach((ind, i) => push(['indicators', i], ind.name, ind.target, ind.actual, ind.direction, ind.unitOfMeasure));
  e.keyTasks?.forEach((task, i) => task.keyIndicators?.forEach((k, j) => push(['keyTasks', i, 'keyIndicators', j], k.name, k.target, k.actual)));
  return out;
}

function compositionFigures(e: Evaluation): ComputedFigure[] {
  const out: ComputedFigure[] = [];
  const tables: [string, { name: string; initialBudget?: Money | undefined; actualSpending?: Money | undefined }[] | undefined, LocalText][] = [
    ['projects', e.projects?.rows, t('按项目', 'by project')],
    ['economicClassification', e.economicClassification?.rows, t('按经济分类', 'by economic class')],
    ['functionalClassification', e.functionalClassification?.rows, t('按功能分类', 'by functional class')],
  ];
  for (const [key, rows, label] of tables) {
    const usable = (rows ?? []).map((r, i) => ({ r, i })).filter(({ r }) => r.initialBudget && r.actualSpending);
    if (usable.length < 2) continue;
    const unit = usable[0]!.r.initialBudget!.unit;
    const inputs: FigureInput[] = usable.flatMap(({ r, i }) => [
      { key: `initial${i}`, label: t(`${r.name} 年初预算`, `${r.name} initial`), value: r.initialBudget!.value, unit: r.initialBudget!.unit, path: [key, 'rows', i, 'initialBudget'] },
      { key: `actual${i}`, label: t(`${r.name} 实际支出`, `${r.name} actual`), value: r.actualSpending!.value, unit: r.actualSpending!.unit, path: [key, 'rows', i, 'actualSpending'] },
    ]);
    const outcome = compositionVarianceCore(usable.map(({ r }) => ({ initial: valueIn(r.initialBudget!, unit), actual: valueIn(r.actualSpending!, unit) })));
    out.push({
      id: `${COMPOSITION_VARIANCE.family}.pi2`,
      family: COMPOSITION_VARIANCE.family,
      variant: 'pi2',
      name: COMPOSITION_VARIANCE.name,
      formula: COMPOSITION_VARIANCE.formula,
      output: 'rate',
      subject: { path: [key], label },
      isDepartmentLevel: key === 'projects',
      inputs,
      outcome,
      comparison: 'not-printed',
    });
  }
  return out;
}

/** Every metric the data allows, in document order. Pure: the same evaluation gives the same figures. */
export function computeAll(e: Evaluation): ComputedFigure[] {
  const basis = preferredBasis(e);
  const figures: ComputedFigure[] = [];
  for (const req of requestsOf(e)) {
    const f = evaluateRequest(req, basis, (family) => preferredVariant(e, family));
    if (f) figures.push(f);
  }
  figures.push(...indicatorFigures(e), ...compositionFigures(e));
  return figures;
}

/**
 * Printed values no figure compared: printed where the metric is not computed (a growth rate on a fund source
 * without last year's figure) or where an input is missing. A reviewer should know they went unchecked.
 */
export function uncomparedPrinted(e: Evaluation, figures: readonly ComputedFigure[]): { path: readonly PathSegment[]; text: string }[] {
  const compared = new Set(figures.flatMap((f) => (f.printed ? [f.printed.path.join('.')] : [])));
  return printedEntries(e)
    .filter((p) => !compared.has(p.path.join('.')))
    .map((p) => ({ path: p.path, text: (p.value as PrintedValue).text }));
}

/** Department-level values by family (what the rubric reads): the first figure of each family. */
export function departmentMetrics(figures: readonly ComputedFigure[]): ReadonlyMap<string, ComputedFigure> {
  const map = new Map<string, ComputedFigure>();
  for (const f of figures) if (f.isDepartmentLevel && !map.has(f.family)) map.set(f.family, f);
  return map;
}

