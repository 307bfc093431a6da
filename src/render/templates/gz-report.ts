/**
 * gz-report: the Guangzhou 部门整体支出绩效自评报告 (SPEC §2.2): 一、部门基本情况 with its five sections (职能, 年度工作,
 * 绩效目标 with the 绩效目标表, 收支情况 with 表 2 and 表 3, 绩效管理情况), 二、绩效自评情况, 三、存在的主要问题,
 * 四、下一步改进措施.
 *
 * Generated from the figures: the 收支 paragraph of (四) (收入, 调整预算数, 决算数, change on last year and its rate,
 * fund sources, 基本/项目 shares, economic-class shares), the indicator counts of (五) and the conclusion's
 * 完成预算的 N% sentence. Everything else is the preparer's text.
 */
import type { MoneyUnit } from '../../core/amount.ts';
import { valueIn } from '../../core/amount.ts';
import { type Exact, toPlainString } from '../../core/exact.ts';
import type { BasicBlock, BudgetLine, Evaluation, Indicator } from '../../core/model/evaluation.ts';
import { budgetOverview, completionSentence, economicStructure, figureAt, indicatorCounts, spendingStructure } from '../../core/narrative/restate.ts';
import type { Block, Cell, Row, Table } from '../doc.ts';
import { label, para, text } from '../doc.ts';
import { lineCells, moneyCell, percentCell, ratio, restatedNotice, totalCell } from './common.ts';
import type { Notice, RenderResult, Template, TemplateInput } from './types.ts';

const h = (level: 1 | 2 | 3 | 4, s: string): Block => ({ kind: 'heading', level, text: s });
const NUMBERED = /^\s*(?:\d+[.、．]|[（(]\d+[）)]|[一二三四五六七八九十]+、)/;

/** Paragraphs of a free text: one per line, kept as written. */
function freeText(s: string | undefined): Block[] {
  return (s ?? '').split(/\n+/).map((x) => x.trim()).filter(Boolean).map((x) => para(x));
}

/** Why: the preparer's conclusion often opens with the sentence the template now writes from the figures. */
function withoutRestatedCompletion(s: string | undefined): string | undefined {
  return s?.replace(/[^。]*全年预算数[^。]*完成预算的[^。]*。/g, '').trim() || undefined;
}

// ---- 绩效目标表 -------------------------------------------------------------------------------------------------

const TARGET_COLUMNS = [
  { key: 's', width: 6, align: 'center' as const },
  { key: 'a', width: 8 },
  { key: 'b', width: 9 },
  { key: 'c', width: 13 },
  { key: 'd', width: 9 },
  { key: 'e', width: 9 },
  { key: 'f', width: 9 },
];

/** Runs of equal keys as (start, length), for merged 一级/二级 cells. */
function runs<T>(items: readonly T[], key: (x: T) => string): number[] {
  const spans = new Array<number>(items.length).fill(0);
  let start = 0;
  for (let i = 1; i <= items.length; i++) {
    if (i === items.length || key(items[i]!) !== key(items[start]!)) {
      spans[start] = i - start;
      start = i;
    }
  }
  return spans;
}

function indicatorRows(list: readonly Indicator[], withActual: boolean): Row[] {
  const l1 = runs(list, (i) => i.level1 ?? '');
  const l2 = runs(list, (i) => `${i.level1 ?? ''}/${i.level2 ?? ''}`);
  return list.map((ind, i) => {
    const cells: Cell[] = [];
    if (l1[i]) cells.push(text(ind.level1 ?? '', { rowSpan: l1[i]!, align: 'center' }));
    if (l2[i]) cells.push(text(ind.level2 ?? '', { rowSpan: l2[i]!, align: 'center' }));
    cells.push(text(ind.name), text(ind.multiYearTarget ?? ''));
    if (withActual) cells.push(text(ind.target ?? ''), text(ind.actual ?? ''));
    else cells.push(text(ind.target ?? '', { colSpan: 2 }));
    return { cells };
  });
}

function targetTable(e: Evaluation): Table {
  const b = e.budget;
  const rows: Row[] = [{ cells: [label('部门名称'), text(e.department.name ?? '', { colSpan: 6 })] }];
  const spend: [string, Cell][] = [];
  if (b?.basic?.initialBudget) spend.push(['基本支出', moneyCell(b.basic.initialBudget, '万元')]);
  if (b?.project?.initialBudget) spend.push(['项目支出', moneyCell(b.project.initialBudget, '万元')]);
  const sources = (b?.fundSources ?? []).filter((s) => s.initialBudget).map((s): [string, Cell] => [s.name, moneyCell(s.initialBudget, '万元', { colSpan: 2 })]);
  const n = Math.max(spend.length, sources.length);
  if (n > 0) {
    rows.push({ cells: [label('预算整体情况', { rowSpan: n + 1 }), label('部门预算支出'), label('预算金额（万元）'), label('收入来源', { colSpan: 2 }), label('预算金额（万元）', { colSpan: 2 })] });
    for (let i = 0; i < n; i++) {
      const sp = spend[i];
      const so = sources[i];
      rows.push({ cells: [text(sp?.[0] ?? ''), sp?.[1] ?? text(''), text(so?.[0] ?? '', { colSpan: 2 }), so?.[1] ?? text('', { colSpan: 2 })] });
    }
  }
  rows.push({ cells: [label('总体绩效目标'), text(e.overallTarget ?? '', { colSpan: 6, align: 'justify' })] });
  const tasks = e.keyTasks ?? [];
  if (tasks.length) {
    rows.push({ cells: [label('年度重点工作任务', { rowSpan: tasks.length + 1 }), label('名称'), label('主要实施内容', { colSpan: 2 }), label('拟投入的资金（万元）'), label('期望达到的目标（概述）', { colSpan: 2 })] });
    for (const t of tasks) {
      const [content = '', goal = ''] = (t.content ?? '').split('；期望目标：');
      rows.push({ cells: [text(t.name), text(content, { colSpan: 2 }), moneyCell(t.plannedAmount ?? t.amount, '万元'), text(goal, { colSpan: 2 })] });
    }
  }
  const list = e.indicators ?? [];
  if (list.length) {
    const withActual = list.some((i) => i.actual);
    const head = withActual
      ? [label('一级指标'), label('二级指标'), label('三级指标'), label('实施周期指标值'), label('年度指标值'), label('实际完成值')]
      : [label('一级指标'), label('二级指标'), label('三级指标'), label('实施周期指标值'), label('年度指标值', { colSpan: 2 })];
    rows.push({ cells: [label('绩效指标', { rowSpan: list.length + 1 }), ...head] });
    rows.push(...indicatorRows(list, withActual));
  }
  return { id: 'targets', sheet: '绩效目标表', caption: `${e.year} 年部门整体支出绩效目标表`, columns: TARGET_COLUMNS, header: [], body: rows };
}

// ---- 表 2 经济分类 ---------------------------------------------------------------------------------------------

function economicTable(e: Evaluation, notices: Notice[]): Table | undefined {
  const t = e.economicClassification;
  if (!t?.rows.length) return undefined;
  const unit: MoneyUnit = t.unit ?? e.unit ?? '万元';
  const keys = t.rows.map((_, i) => `r${i}`);
  const values = t.rows.map((r) => (r.actualSpending ? valueIn(r.actualSpending, unit) : undefined));
  const total = totalCell(values, t.total?.actualSpending, unit, 'actual', keys, '表 2 合计', notices);
  const totalValue = total.value.type === 'money' ? total.value.value : undefined;
  const share = (x: Exact | undefined) => percentCell(ratio(x, totalValue), { formula: { op: 'ratio', num: { col: 'actual' }, den: { col: 'actual', row: 'total' } } });
  return {
    id: 'economic',
    sheet: '表2 经济分类',
    caption: '表 2：部门预算按经济分类执行情况',
    unitNote: `单位：${unit}`,
    columns: [
      { key: 'name', width: 16 },
      { key: 'actual', width: 12, align: 'right' },
      { key: 'share', width: 8, align: 'right' },
    ],
    header: [{ cells: [text('经济分类科目'), text('实际支出数'), text('占比')] }],
    body: [
      ...t.rows.map((r, i): Row => ({ key: keys[i]!, cells: [text(r.name), moneyCell(r.actualSpending, unit), share(values[i])] })),
      { key: 'total', kind: 'total', cells: [text('合计', { bold: true }), total, share(totalValue)] },
    ],
  };
}

// ---- 表 3 基本支出与项目支出 -------------------------------------------------------------------------------------

const LINE_COLUMNS = [
  { key: 'initial', width: 7, align: 'right' as const },
  { key: 'increase', width: 7, align: 'right' as const },
  { key: 'decrease', width: 7, align: 'right' as const },
  { key: 'adjusted', width: 7, align: 'right' as const },
  { key: 'actual', width: 7, align: 'right' as const },
  { key: 'rate', width: 6, align: 'right' as const },
];
const LINE_HEADER = ['年初预算', '预算调增数', '预算调减数', '调整后预算数', '实际支出', '支出率'];

function lineRow(c: ReturnType<typeof lineCells>): Cell[] {
  return [c.initial, c.increase, c.decrease, c.adjusted, c.actual, c.rate];
}

function basicTable(e: Evaluation, notices: Notice[]): Table | undefined {
  const be = e.basicExpenditure;
  const blocks: { name: string; block: BasicBlock }[] = [];
  if (be?.department) blocks.push({ name: '基本支出', block: be.department });
  for (const u of be?.byUnit ?? []) blocks.push({ name: `${u.name ?? ''}基本支出`, block: u });
  if (!be || !blocks.length) return undefined;
  const unit: MoneyUnit = be.unit ?? e.unit ?? '万元';
  const body: Row[] = [];
  for (const { name, block } of blocks) {
    const lines: { cells: Cell[]; kind?: 'total' }[] = [];
    const add = (labels: Cell[], line: BudgetLine | undefined, where: string, kind?: 'total') => {
      if (!line) return;
      lines.push({ cells: [...labels, ...lineRow(lineCells(line, unit, `表 3-1 ${where}`, notices))], ...(kind ? { kind } : {}) });
    };
    add([text('人员经费', { colSpan: 2 })], block.personnel, `${name} 人员经费`);
    add([text('日常公用经费', { colSpan: 2 })], block.routineOperating, `${name} 日常公用经费`);
    const tp = block.threePublicExpenses;
    const parts = ([['因公出国（境）经费', tp?.overseasTravel], ['公务用车购置及运行维护费', tp?.officialVehicles], ['公务接待费', tp?.officialHospitality]] as const).filter(([, l]) => l);
    parts.forEach(([n, l], i) => add([...(i === 0 ? [text('三公经费', { rowSpan: parts.length })] : []), text(n)], l, `${name} ${n}`));
    add([text('基本支出合计', { colSpan: 2, bold: true })], block.total, `${name} 合计`, 'total');
    lines.forEach((l, i) => body.push({ cells: i === 0 ? [text(name, { rowSpan: lines.length, align: 'center' }), ...l.cells] : l.cells, ...(l.kind ? { kind: l.kind } : {}) }));
  }
  return {
    id: 'basic',
    sheet: '表3-1 基本支出',
    caption: `表 3-1：${e.year} 年基本支出预算情况`,
    unitNote: `单位：${unit}`,
    size: 'small',
    columns: [{ key: 'block', width: 6, align: 'center' }, { key: 'item', width: 6 }, { key: 'sub', width: 10 }, ...LINE_COLUMNS],
    header: [{ cells: [text('支出内容', { colSpan: 3 }), ...LINE_HEADER.map((x) => text(x))] }],
    body,
  };
}

function projectTable(e: Evaluation, notices: Notice[]): Table | undefined {
  const p = e.projects;
  if (!p?.rows.length) return undefined;
  const unit: MoneyUnit = p.unit ?? e.unit ?? '万元';
  const keys = p.rows.map((_, i) => `p${i}`);
  const body: Row[] = p.rows.map((r, i) => ({ key: keys[i]!, cells: [text(r.name), text(r.implementingUnit ?? ''), ...lineRow(lineCells(r, unit, `表 3-2 ${r.name}`, notices))] }));
  type MoneyKey = 'initialBudget' | 'increase' | 'decrease' | 'adjustedBudget' | 'actualSpending';
  const col = (k: MoneyKey) => p.rows.map((r) => (r[k] ? valueIn(r[k], unit) : undefined));
  const t = p.total ?? {};
  const cells = {
    initial: totalCell(col('initialBudget'), t.initialBudget, unit, 'initial', keys, '表 3-2 项目支出合计 年初预算', notices),
    increase: totalCell(col('increase'), t.increase, unit, 'increase', keys, '表 3-2 项目支出合计 调增', notices),
    decrease: totalCell(col('decrease'), t.decrease, unit, 'decrease', keys, '表 3-2 项目支出合计 调减', notices),
    adjusted: totalCell(col('adjustedBudget'), t.adjustedBudget, unit, 'adjusted', keys, '表 3-2 项目支出合计 调整后预算', notices),
    actual: totalCell(col('actualSpending'), t.actualSpending, unit, 'actual', keys, '表 3-2 项目支出合计 实际支出', notices),
  };
  const v = (c: Cell) => (c.value.type === 'money' ? c.value.value : undefined);
  const rate = percentCell(ratio(v(cells.actual), v(cells.adjusted)), { formula: { op: 'ratio', num: { col: 'actual' }, den: { col: 'adjusted' } }, bold: true });
  body.push({ key: 'total', kind: 'total', cells: [text('项目支出合计', { colSpan: 2, bold: true }), cells.initial, cells.increase, cells.decrease, cells.adjusted, cells.actual, rate] });
  return {
    id: 'projects',
    sheet: '表3-2 项目支出',
    caption: `表 3-2：${e.year} 年项目支出预算情况`,
    unitNote: `单位：${unit}`,
    size: 'small',
    landscape: true,
    columns: [{ key: 'name', width: 16 }, { key: 'unit', width: 7 }, ...LINE_COLUMNS],
    header: [{ cells: [text('项目名称'), text('实施单位（科室）'), ...LINE_HEADER.map((x) => text(x))] }],
    body,
  };
}

/** Key figures as a form: the workbook's first sheet, so a spreadsheet user sees the totals without the report text. */
function keyFiguresTable(e: Evaluation, input: TemplateInput): Table {
  const b = e.budget;
  const completion = figureAt(input.figures, 'executionRate', 'budget');
  const rows: Row[] = [
    { cells: [label('部门名称'), text(e.department.name ?? '')] },
    { cells: [label('被评价年度'), text(`${e.year} 年`)] },
    { cells: [label('年初预算'), moneyCell(b?.initialBudget, '万元')] },
    { cells: [label('调整后预算数'), moneyCell(b?.adjustedBudget, '万元')] },
    { cells: [label('决算数'), moneyCell(b?.actualSpending, '万元')] },
    { cells: [label('预算完成率'), percentCell(completion?.outcome.kind === 'value' ? completion.outcome.value : undefined)] },
  ];
  const s = e.selfScores;
  if (s?.total !== undefined) rows.push({ cells: [label('自评总分'), text(`${toPlainString(s.total)}${s.max !== undefined ? ` / ${toPlainString(s.max)}` : ''}`)] });
  return {
    id: 'key-figures',
    sheet: '部门整体收支情况',
    caption: `部门整体收支情况（${e.year} 年度${e.department.name ?? ''}部门整体支出绩效自评报告）`,
    unitNote: '单位：万元',
    columns: [{ key: 'k', width: 10, align: 'center' }, { key: 'v', width: 16, align: 'right' }],
    header: [],
    body: rows,
  };
}

export const gzReport: Template = {
  id: 'gz-report',
  label: { zh: '广州部门整体支出绩效自评报告', en: 'Guangzhou self-evaluation report' },
  description: { zh: '部门基本情况（职能、年度工作、绩效目标表、收支情况及表 2、表 3、绩效管理）、自评情况、问题与改进措施', en: 'department, targets table, revenue and spending with tables 2 and 3, self-evaluation, problems and measures' },
  kind: 'gz-report',
  build(input: TemplateInput): RenderResult {
    const e = input.evaluation;
    const f = input.figures;
    const notices: Notice[] = [];
    const blocks: Block[] = [];
    const generated = (r: { text: string } | undefined) => (r ? [para(r.text, { generated: true })] : []);
    blocks.push({ kind: 'title', lines: [`${e.year} 年度${e.department.name ?? ''}`, '部门整体支出绩效自评报告'] });
    blocks.push({ kind: 'table', table: keyFiguresTable(e, input), formats: ['xlsx'] });

    blocks.push(h(1, '一、部门基本情况'), h(2, '（一）部门职能'));
    blocks.push(...(e.functions ?? []).map((fn, i) => para(NUMBERED.test(fn) ? fn : `${i + 1}.${fn}`)));
    blocks.push(h(2, '（二）年度总体工作和重点工作任务'), ...freeText(e.performanceNarrative));
    blocks.push(h(2, '（三）部门整体支出绩效目标'), ...freeText(e.overallTarget));
    blocks.push(para('具体绩效指标如下表：'), { kind: 'table', table: targetTable(e) });

    blocks.push(h(2, '（四）部门整体收支情况'));
    restatedNotice(figureAt(f, 'growthRate', 'budget'), e.budget?.printed?.['growthRate'], notices);
    blocks.push(...generated(budgetOverview(e, f)), ...generated(spendingStructure(e, f)));
    const t2 = economicTable(e, notices);
    blocks.push(...generated(economicStructure(e, t2 ? '表 2' : undefined)));
    if (t2) blocks.push({ kind: 'table', table: t2 });
    const t31 = basicTable(e, notices);
    const t32 = projectTable(e, notices);
    if (t31) blocks.push({ kind: 'table', table: t31 });
    if (t32) blocks.push({ kind: 'table', table: t32 });

    blocks.push(h(2, '（五）部门整体绩效管理情况'), ...generated(indicatorCounts(e)), ...freeText(e.keyProjectNarrative));

    blocks.push(h(1, '二、绩效自评情况'), h(2, '（一）自评结论'));
    restatedNotice(figureAt(f, 'executionRate', 'budget'), e.budget?.printed?.['executionRate'], notices);
    blocks.push(...generated(completionSentence(e, f)), ...freeText(withoutRestatedCompletion(e.overallResult)));
    const s = e.selfScores;
    if (s?.total !== undefined) {
      blocks.push(para(s.max !== undefined ? `满分 ${toPlainString(s.max)} 分，自评得分 ${toPlainString(s.total)} 分${s.grade ? `，自评等级为“${s.grade}”` : ''}。` : `自评总分 ${toPlainString(s.total)} 分。`, { generated: true }));
    }
    if (s?.items?.length) {
      blocks.push(h(2, '（二）履职效能分析'));
      s.items.forEach((it, i) => {
        blocks.push(h(3, `${i + 1}.${it.item}`));
        blocks.push(para(`${it.item}指标分值 ${it.weight !== undefined ? toPlainString(it.weight) : '—'} 分，自评 ${toPlainString(it.score)} 分。`, { generated: true }), ...freeText(it.reason));
      });
    }
    blocks.push(h(1, '三、存在的主要问题'), ...(e.problems ?? []).map((x) => para(x)));
    blocks.push(h(1, '四、下一步改进措施'), ...(e.measures ?? []).map((x) => para(x)));
    if (!e.budget?.actualSpending) notices.push({ kind: 'needs-input', message: { zh: '缺少决算数（budget.actualSpending），收支情况一段不完整。', en: 'No actual spending: the revenue and spending paragraph is incomplete.' } });
    const title = `${e.year} 年度${e.department.name ?? ''}部门整体支出绩效自评报告`;
    return { doc: { meta: { title, subject: '部门整体支出绩效自评报告', creator: 'jixiao', layout: 'report' }, blocks }, notices };
  },
};
