/**
 * Aggregation (汇总下属单位): a first-level department's figures from its subordinate units — every amount the
 * sum of the units' amounts (each unit counted once), rates then recomputed by the formula library from the sums,
 * never averaged. Each summed amount records its inputs, so the total can show where it came from.
 */
import { type MoneyUnit, valueIn } from './amount.ts';
import { type Exact, sum, toDecimalString } from './exact.ts';
import type { BasicBlock, BudgetLine, BudgetSummary, Evaluation, Management, Project, SubordinateUnit } from './model/evaluation.ts';
import type { Money } from './model/money.ts';
import { type Problem, type Result, problem } from './problem.ts';

const LINE_FIELDS = ['initialBudget', 'increase', 'decrease', 'adjustment', 'adjustedBudget', 'actualSpending'] as const;

interface Named<T> {
  readonly unit: string;
  readonly value: T | undefined;
}

/** Σ of one amount across units; undefined unless every unit that has the line has the amount. */
function sumMoney(parts: readonly Named<Money>[], formula: string): Money | undefined {
  const present = parts.filter((p): p is { unit: string; value: Money } => p.value !== undefined);
  if (present.length === 0 || present.length !== parts.length) return undefined;
  // Mixed units meet in 万元, the unit the department's own tables use; 元 → 万元 is exact.
  const unit: MoneyUnit = present.every((p) => p.value.unit === present[0]!.value.unit) ? present[0]!.value.unit : '万元';
  const value: Exact = sum(present.map((p) => valueIn(p.value, unit)));
  return {
    value,
    unit,
    derivedFrom: {
      formula,
      inputs: present.map((p) => ({ label: p.unit, value: toDecimalString(p.value.value, 2), unit: p.value.unit })),
    },
  };
}

function sumLines(parts: readonly Named<BudgetLine>[], what: string): BudgetLine | undefined {
  const present = parts.filter((p) => p.value !== undefined);
  if (present.length === 0) return undefined;
  const out: Record<string, Money> = {};
  for (const f of LINE_FIELDS) {
    const m = sumMoney(present.map((p) => ({ unit: p.unit, value: p.value?.[f] })), `Σ 下属单位${what}`);
    if (m) out[f] = m;
  }
  return out as BudgetLine;
}

function sumBudget(units: readonly SubordinateUnit[]): BudgetSummary | undefined {
  const lines = units.map((u) => ({ unit: u.name, value: u.budget }));
  const base = sumLines(lines, '预算');
  if (!base) return undefined;
  const basic = sumLines(units.map((u) => ({ unit: u.name, value: u.budget?.basic })), '基本支出');
  const project = sumLines(units.map((u) => ({ unit: u.name, value: u.budget?.project })), '项目支出');
  const previousYear = sumLines(units.map((u) => ({ unit: u.name, value: u.budget?.previousYear })), '上年数');
  const sources = new Map<string, Named<BudgetLine>[]>();
  for (const u of units) for (const f of u.budget?.fundSources ?? []) sources.set(f.name, [...(sources.get(f.name) ?? []), { unit: u.name, value: f }]);
  const fundSources = [...sources.entries()].map(([name, parts]) => ({ name, ...(sumLines(parts, name) ?? {}) }));
  return {
    ...base,
    ...(fundSources.length ? { fundSources } : {}),
    ...(basic ? { basic } : {}),
    ...(project ? { project } : {}),
    ...(previousYear ? { previousYear } : {}),
  };
}

function sumBlocks(units: readonly SubordinateUnit[]): { department?: BasicBlock; byUnit: BasicBlock[] } {
  const blocks = units.flatMap((u) => (u.basicExpenditure?.department ? [{ unit: u.name, block: u.basicExpenditure.department }] : []));
  if (blocks.length === 0) return { byUnit: [] };
  const pick = (get: (b: BasicBlock) => BudgetLine | undefined, what: string) => sumLines(blocks.map((b) => ({ unit: b.unit, value: get(b.block) })), what);
  const tpe = blocks.some((b) => b.block.threePublicExpenses)
    ? {
        ...(pick((b) => b.threePublicExpenses, '“三公”经费') ?? {}),
        ...opt('overseasTravel', pick((b) => b.threePublicExpenses?.overseasTravel, '因公出国（境）经费')),
        ...opt('officialVehicles', pick((b) => b.threePublicExpenses?.officialVehicles, '公务用车购置及运行维护费')),
        ...opt('officialHospitality', pick((b) => b.threePublicExpenses?.officialHospitality, '公务接待费')),
      }
    : undefined;
  const department: BasicBlock = {
    ...opt('personnel', pick((b) => b.personnel, '人员经费')),
    ...opt('routineOperating', pick((b) => b.routineOperating, '日常公用经费')),
    ...(tpe ? { threePublicExpenses: tpe } : {}),
    ...opt('total', pick((b) => b.total, '基本支出合计')),
  };
  return { department, byUnit: blocks.map((b) => ({ ...b.block, name: b.block.name ?? b.unit })) };
}

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

function sumManagement(units: readonly SubordinateUnit[]): Management | undefined {
  const ms = units.flatMap((u) => (u.management ? [{ unit: u.name, m: u.management }] : []));
  if (ms.length === 0) return undefined;
  const money = (get: (m: Management) => Money | undefined, what: string) => sumMoney(ms.map((x) => ({ unit: x.unit, value: get(x.m) })), `Σ 下属单位${what}`);
  const count = (get: (m: Management) => number | undefined): number | undefined => {
    const v = ms.map((x) => get(x.m));
    return v.every((x): x is number => x !== undefined) ? v.reduce((a, b) => a + b, 0) : undefined;
  };
  const procurement = { ...opt('budget', money((m) => m.procurement?.budget, '政府采购预算')), ...opt('actual', money((m) => m.procurement?.actual, '实际采购')) };
  const fixedAssets = { ...opt('total', money((m) => m.fixedAssets?.total, '固定资产')), ...opt('inUse', money((m) => m.fixedAssets?.inUse, '在用固定资产')) };
  const staffing = {
    ...opt('authorizedPosts', count((m) => m.staffing?.authorizedPosts)),
    ...opt('onEstablishment', count((m) => m.staffing?.onEstablishment)),
    ...opt('offEstablishment', count((m) => m.staffing?.offEstablishment)),
    ...opt('inPost', count((m) => m.staffing?.inPost)),
  };
  const carryOver = { ...opt('amount', money((m) => m.carryOver?.amount, '结转结余')), ...opt('previousAmount', money((m) => m.carryOver?.previousAmount, '上年结转结余')) };
  const nonEmpty = <T extends object>(o: T): T | undefined => (Object.keys(o).length ? o : undefined);
  return {
    ...opt('procurement', nonEmpty(procurement)),
    ...opt('fixedAssets', nonEmpty(fixedAssets)),
    ...opt('staffing', nonEmpty(staffing)),
    ...opt('carryOver', nonEmpty(carryOver)),
    ...opt('projectsPlanned', count((m) => m.projectsPlanned)),
    ...opt('projectsOnTime', count((m) => m.projectsOnTime)),
  };
}

/** Summed facts replace the department's own, group by group; its printed rates and other facts stay. */
function mergeManagement(own: Management | undefined, summed: Management | undefined): Management {
  const out: Record<string, unknown> = { ...own, ...summed };
  for (const group of ['procurement', 'fixedAssets', 'staffing', 'carryOver'] as const) {
    if (own?.[group] && summed?.[group]) out[group] = { ...own[group], ...summed[group] };
  }
  return out as Management;
}

/**
 * The department's evaluation with its budget, basic expenditure, projects and management facts aggregated from
 * `subordinates`. Everything else (targets, indicators, self-scores, narratives) stays the department's own.
 */
export function aggregateSubordinates(e: Evaluation): Result<Evaluation> {
  const units = e.subordinates ?? [];
  if (units.length === 0) return { ok: false, problems: [problem('no-subordinates', ['subordinates'], {})] };
  const warnings: Problem[] = [];
  const seen = new Set<string>();
  const once: SubordinateUnit[] = [];
  units.forEach((u, i) => {
    const key = u.name.trim();
    if (seen.has(key)) warnings.push(problem('duplicate-unit', ['subordinates', i, 'name'], { unit: u.name }));
    else {
      seen.add(key);
      once.push(u);
    }
  });
  const budget = sumBudget(once);
  const { department, byUnit } = sumBlocks(once);
  const projectRows: Project[] = once.flatMap((u) => (u.projects?.rows ?? []).map((p) => ({ ...p, implementingUnit: p.implementingUnit ?? u.name })));
  const management = sumManagement(once);
  const { subordinates: _units, ...rest } = e;
  // The department's own facts that are not sums (disclosure, petitions, satisfaction, printed rates …) stay.
  const aggregated: Evaluation = {
    ...rest,
    department: { ...e.department, isAggregate: true, subordinateCount: once.length },
    ...(budget || e.budget ? { budget: { ...e.budget, ...budget } } : {}),
    ...(department ? { basicExpenditure: { department, byUnit } } : {}),
    ...(projectRows.length ? { projects: { rows: projectRows } } : {}),
    ...(management || e.management ? { management: mergeManagement(e.management, management) } : {}),
  };
  return { ok: true, value: aggregated, warnings };
}
