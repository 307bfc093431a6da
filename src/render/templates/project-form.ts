/**
 * project-form: the national project self-evaluation form (项目支出绩效自评表, the form attached to 财预〔2020〕10号;
 * SPEC §9) — one table of nine grid columns: 项目名称; 主管部门 and 实施单位; 项目资金 (年度资金总额, 其中：当年财政拨款,
 * 上年结转资金, 其他资金 × 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分); 年度总体目标 (预期目标 | 实际完成情况);
 * 绩效指标 (一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施); 总分.
 *
 * Written from the evaluation's `project` (a department evaluation's first `projectEvaluations` entry when it has no
 * `project`). Amounts, weights and self-scores are as entered; 执行率 is computed from the amounts beside it (a restated
 * figure never contradicts its inputs), and a score the form leaves empty is filled with the rule's score
 * (src/core/rubric/project-score.ts), each with a notice.
 */
import { type MoneyUnit, valueIn } from '../../core/amount.ts';
import { comparePrinted } from '../../core/compute/printed.ts';
import { type Exact, toFixed, toPercent, toPlainString } from '../../core/exact.ts';
import { valueOutcome } from '../../core/formulas/types.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { Indicator } from '../../core/model/indicator.ts';
import type { ProjectEvaluation, ProjectFundLine } from '../../core/model/project.ts';
import { type ProjectScore, scoreProject } from '../../core/rubric/project-score.ts';
import type { Block, Cell, Row, Table } from '../doc.ts';
import { empty, label, text } from '../doc.ts';
import { DASH, moneyCell, percentCell, ratio } from './common.ts';
import type { Notice, RenderResult, Template, TemplateInput } from './types.ts';

const COLUMNS = [
  { key: 'label', width: 6, align: 'center' as const },
  { key: 'l1', width: 6, align: 'center' as const },
  { key: 'l2', width: 7, align: 'center' as const },
  { key: 'name', width: 9 },
  { key: 'target', width: 8, align: 'center' as const },
  { key: 'actual', width: 8, align: 'center' as const },
  { key: 'weight', width: 5, align: 'center' as const },
  { key: 'score', width: 5, align: 'center' as const },
  { key: 'reason', width: 10 },
];

const FUND_ROWS: readonly (readonly [keyof NonNullable<ProjectEvaluation['funds']>, string])[] = [
  ['total', '年度资金总额'],
  ['currentYear', '其中：当年财政拨款'],
  ['carriedOver', '上年结转资金'],
  ['other', '其他资金'],
];

/** A score as entered, with the decimals it was written with (9, 18.67). */
function scoreCell(x: Exact | undefined, extra: Omit<Cell, 'value'> = {}): Cell {
  if (x === undefined) return empty(extra);
  let decimals = 0;
  for (let d = x.d; d > 1n && d % 10n === 0n; d /= 10n) decimals++;
  const isDecimal = 10n ** BigInt(decimals) === x.d;
  return { value: { type: 'number', value: x, decimals: isDecimal ? decimals : 2 }, align: 'center', ...extra };
}

function fundRow(line: ProjectFundLine | undefined, name: string, unit: MoneyUnit, isTotal: boolean, score: ProjectScore, notices: Notice[]): Row {
  const rate = line ? ratio(line.actualSpending && valueIn(line.actualSpending, unit), line.adjustedBudget && valueIn(line.adjustedBudget, unit)) : undefined;
  const printed = line?.printed?.['executionRate'];
  if (rate !== undefined && printed && comparePrinted(printed.text, valueOutcome(rate), 'rate') === 'differs') {
    notices.push({ kind: 'restated-differs', message: { zh: `${name} · 执行率：原填 ${printed.text}，生成文件按 全年执行数 ÷ 全年预算数 计算为 ${toPercent(rate, 2)}。`, en: `${name} · execution rate: printed ${printed.text}, the generated form shows the computed ${toPercent(rate, 2)} (spent ÷ full-year budget).` } });
  }
  let scoreValue = line?.score;
  if (isTotal && scoreValue === undefined && score.execution?.outcome.kind === 'value') {
    scoreValue = score.execution.outcome.value;
    notices.push({ kind: 'needs-input', message: { zh: `执行率得分未填，按 min(执行率, 100%) × 分值 计为 ${toFixed(scoreValue, 2)}。`, en: `No execution score entered: written as min(rate, 100%) × weight = ${toFixed(scoreValue, 2)}.` } });
  }
  const dash = () => text(DASH, { align: 'center' });
  return {
    cells: [
      label(name, { colSpan: 2 }),
      moneyCell(line?.initialBudget, unit),
      moneyCell(line?.adjustedBudget, unit),
      moneyCell(line?.actualSpending, unit),
      isTotal ? scoreCell(line?.weight) : dash(),
      line?.actualSpending && line.adjustedBudget ? percentCell(rate, { align: 'center' }) : dash(),
      isTotal ? scoreCell(scoreValue) : dash(),
    ],
  };
}

/** Indicator rows, 一级 and 二级 merged over the rows they head (as the published form prints them). */
function indicatorRows(list: readonly Indicator[], score: ProjectScore, notices: Notice[]): Row[] {
  const rows: Row[] = [];
  const span = (from: number, same: (a: Indicator, b: Indicator) => boolean) => {
    let n = 1;
    while (from + n < list.length && same(list[from]!, list[from + n]!)) n++;
    return n;
  };
  const sameL1 = (a: Indicator, b: Indicator) => (b.level1 ?? '') === '' || (b.level1 ?? '') === (a.level1 ?? '');
  let l1Left = 0;
  let l2Left = 0;
  list.forEach((ind, i) => {
    const cells: Cell[] = [];
    if (l1Left === 0) {
      l1Left = span(i, sameL1);
      cells.push(text(ind.level1 ?? '', { rowSpan: l1Left, align: 'center' }));
    }
    if (l2Left === 0) {
      // A 二级 group stays inside its 一级 group.
      l2Left = Math.min(span(i, (a, b) => (b.level2 ?? '') === (a.level2 ?? '') || (b.level2 ?? '') === ''), l1Left);
      cells.push(text(ind.level2 ?? '', { rowSpan: l2Left, align: 'center' }));
    }
    l1Left--;
    l2Left--;
    // A target split over 指标方向 | 指标值 | 度量单位 (a system export) is written as the national form prints it: "≥800辆".
    const sign = ind.direction && !/^[≥≤=<>＞＜＝]/.test(ind.target ?? '') ? { gte: '≥', lte: '≤', eq: '=', qualitative: '' }[ind.direction] : '';
    const target = ind.unitOfMeasure !== undefined && ind.target ? `${sign}${ind.target}${/\d$/.test(ind.target) ? ind.unitOfMeasure : ''}` : (ind.target ?? '');
    const actual = ind.unitOfMeasure !== undefined && ind.actual && /\d$/.test(ind.actual) ? `${ind.actual}${ind.unitOfMeasure}` : (ind.actual ?? '');
    let self = ind.score;
    const computed = score.indicators[i];
    if (self === undefined && computed?.isComputed && computed.score) {
      self = computed.score;
      notices.push({ kind: 'needs-input', message: { zh: `指标“${ind.name}”得分未填，按完成情况计为 ${toFixed(self, 2)}。`, en: `Indicator “${ind.name}” has no score: written as ${toFixed(self, 2)} by its completion.` } });
    }
    cells.push(text(ind.name), text(target, { align: 'center' }), text(actual, { align: 'center' }), scoreCell(ind.weight), scoreCell(self), text(ind.deviationReason ?? ''));
    rows.push({ cells });
  });
  return rows;
}

/** The project a document of this template shows: the evaluation's own, else the first its department lists. */
export function projectOf(e: Evaluation): ProjectEvaluation | undefined {
  return e.project ?? e.projectEvaluations?.[0];
}

export function projectFormTable(e: Evaluation, notices: Notice[]): Table {
  const p = projectOf(e) ?? { name: '' };
  const unit: MoneyUnit = p.unit ?? e.unit ?? '万元';
  const score = scoreProject(p);
  const indicators = p.indicators ?? [];
  const wide = (s: string, span: number) => text(s, { colSpan: span, align: 'justify' });
  const rows: Row[] = [
    { cells: [label('项目名称'), text(p.name, { colSpan: 8 })] },
    { cells: [label('主管部门'), text(p.department ?? e.department.name ?? '', { colSpan: 4 }), label('实施单位', { colSpan: 1 }), text(p.implementingUnit ?? '', { colSpan: 3 })] },
    {
      cells: [
        label(`项目资金（${unit}）`, { rowSpan: 5 }),
        empty({ colSpan: 2 }),
        label('年初预算数'),
        label('全年预算数'),
        label('全年执行数'),
        label('分值'),
        label('执行率'),
        label('得分'),
      ],
    },
    ...FUND_ROWS.map(([key, name]) => fundRow(p.funds?.[key], name, unit, key === 'total', score, notices)),
    { cells: [label('年度总体目标', { rowSpan: 2 }), label('预期目标', { colSpan: 4 }), label('实际完成情况', { colSpan: 4 })] },
    { cells: [wide(p.overallTarget ?? '', 4), wide(p.overallResult ?? '', 4)] },
    {
      cells: [
        label('绩效指标', { rowSpan: indicators.length + 1 }),
        label('一级指标'),
        label('二级指标'),
        label('三级指标'),
        label('年度指标值'),
        label('实际完成值'),
        label('分值'),
        label('得分'),
        label('偏差原因分析及改进措施'),
      ],
    },
    ...indicatorRows(indicators, score, notices),
  ];
  let total = p.total;
  if (total === undefined && score.total.outcome.kind === 'value') {
    total = score.total.outcome.value;
    notices.push({ kind: 'needs-input', message: { zh: `总分未填，按 执行率得分 + Σ 指标得分 计为 ${toFixed(total, 2)}。`, en: `No total entered: written as execution score + Σ indicator scores = ${toFixed(total, 2)}.` } });
  }
  rows.push({ kind: 'total', cells: [label('总分', { colSpan: 6 }), scoreCell(p.max ?? { n: 100n, d: 1n }, { bold: true }), scoreCell(total, { bold: true }), text(p.grade ? `自评等级：${p.grade}` : '')] });
  if (!projectOf(e)) notices.push({ kind: 'missing-section', message: { zh: '评价中没有项目自评（project），生成的是空白项目支出绩效自评表。', en: 'The evaluation has no project self-evaluation: the form is blank.' } });
  if (!indicators.length) notices.push({ kind: 'missing-section', message: { zh: '没有绩效指标，自评表的“绩效指标”栏为空。', en: 'No indicators: the form’s 绩效指标 rows are empty.' } });
  if (p.total !== undefined && score.total.comparison === 'differs' && score.total.outcome.kind === 'value') {
    notices.push({ kind: 'restated-differs', message: { zh: `总分填报 ${toPlainString(p.total)}，执行率得分与各指标得分之和为 ${toFixed(score.total.outcome.value, 2)}：生成文件保留填报数。`, en: `The total is ${toPlainString(p.total)} but the execution and indicator scores add up to ${toFixed(score.total.outcome.value, 2)}: the entered total is kept.` } });
  }
  return { id: 'project-form', sheet: '项目支出绩效自评表', columns: COLUMNS, header: [], body: rows };
}

export const projectForm: Template = {
  id: 'project-form',
  label: { zh: '项目支出绩效自评表', en: 'project self-evaluation form' },
  description: { zh: '财预〔2020〕10号附件式样：项目资金、年度总体目标、三级绩效指标、总分', en: 'the form of 财预〔2020〕10号: funds, overall target, three-level indicators, total' },
  kind: 'project-form',
  build(input: TemplateInput): RenderResult {
    const e = input.evaluation;
    const notices: Notice[] = [];
    const table = projectFormTable(e, notices);
    const blocks: Block[] = [
      { kind: 'title', lines: ['项目支出绩效自评表'] },
      { kind: 'paragraph', runs: [`（${e.year}年度）`], align: 'center', indent: false },
      { kind: 'table', table },
    ];
    const name = projectOf(e)?.name ?? '';
    const title = `${name} ${e.year} 年度项目支出绩效自评表`.trim();
    return { doc: { meta: { title, subject: '项目支出绩效自评表', creator: 'jixiao', layout: 'form' }, blocks }, notices };
  },
};
