/**
 * gz-form: the Guangzhou 部门整体支出绩效自评表 (SPEC §2.1) — one form of six columns: 部门名称 and 被评价年度,
 * 部门资金情况 (four rows under one merged label), 年度目标, 主要任务 with their 关键指标 rows, 重点项目绩效情况, 部门整体绩效,
 * 存在问题, 改进措施或下一步计划, and the form's 注.
 *
 * Restated figures come from the data: 预算完成率 and 预算调整率 are the computed figures (the form's formulas), so
 * they cannot contradict the amounts beside them. Narratives stay as the preparer wrote them.
 */
import { valueOf, formRates } from '../../core/narrative/restate.ts';
import type { Evaluation, KeyTask } from '../../core/model/evaluation.ts';
import type { Block, Cell, Row, Table } from '../doc.ts';
import { empty, label, text } from '../doc.ts';
import { moneyCell, percentCell, restatedNotice } from './common.ts';
import type { Notice, RenderResult, Template, TemplateInput } from './types.ts';

/** The form's own notes (part of the published layout, the same for every department). */
export const GZ_FORM_NOTES = [
  '注：1.每个部门至少开展一个重点项目绩效评价。重点项目是指预算金额 500 万元以上项目；如果部门没 500 万元以上项目，则根据部门职能自选一个重点项目。',
  '2.各业务主管部门应以一级预算部门为单位，汇总下属单位信息后，由一级预算部门汇总报送。',
];

const COLUMNS = [
  { key: 'label', width: 9, align: 'center' as const },
  { key: 'a', width: 12 },
  { key: 'b', width: 11 },
  { key: 'c', width: 11 },
  { key: 'd', width: 9 },
  { key: 'e', width: 7, align: 'right' as const },
];

const paragraphs = (list: readonly string[] | undefined): string => (list ?? []).join('\n');

function taskRows(tasks: readonly KeyTask[]): Row[] {
  const rows: Row[] = [];
  for (const t of tasks) {
    const kis = t.keyIndicators?.length ? t.keyIndicators : [undefined];
    const span = kis.length;
    kis.forEach((k, i) => {
      const ind: Cell[] = [text(k?.name ?? ''), text(k?.actual ?? '')];
      if (i === 0) {
        rows.push({
          cells: [
            label(t.name, { rowSpan: span }),
            text(t.content ?? '', { rowSpan: span }),
            text(t.completion ?? '', { rowSpan: span }),
            ...ind,
            moneyCell(t.amount ?? t.plannedAmount, '万元', { rowSpan: span }),
          ],
        });
      } else rows.push({ cells: ind });
    });
  }
  return rows;
}

export function gzFormTable(e: Evaluation, input: TemplateInput, notices: Notice[]): Table {
  const b = e.budget;
  const { completion, adjustment } = formRates(input.figures);
  restatedNotice(completion, b?.printed?.['executionRate'], notices);
  restatedNotice(adjustment, b?.printed?.['adjustmentRate'], notices);
  const general = b?.fundSources?.find((s) => s.name.includes('一般公共预算'));
  const wide = (s: string) => text(s, { colSpan: 5, align: 'justify' });
  const rows: Row[] = [
    {
      cells: [
        label(`部门名称${e.department.isAggregate ? '（汇总）' : ''}`),
        text(e.department.name ?? '', { colSpan: 2 }),
        label('被评价年度'),
        text(`${e.year} 年`, { colSpan: 2 }),
      ],
    },
    {
      cells: [
        label('部门资金情况', { rowSpan: 4 }),
        label('部门调整预算收入'),
        moneyCell(b?.adjustedRevenue, '万元'),
        label('部门年初预算收入'),
        moneyCell(b?.initialBudget, '万元', { colSpan: 2 }),
      ],
    },
    { cells: [label('实际支出数'), moneyCell(b?.actualSpending, '万元'), label('年度预算调整数'), moneyCell(b?.adjustedBudget, '万元', { colSpan: 2 })] },
    { cells: [label('其中：一般公共预算'), moneyCell(general?.actualSpending, '万元'), empty({ colSpan: 3 })] },
    { cells: [label('预算完成率'), percentCell(valueOf(completion)), label('预算调整率'), percentCell(valueOf(adjustment), { colSpan: 2 })] },
    { cells: [label('年度目标', { rowSpan: 2 }), label('部门整体支出的预期目标', { colSpan: 2 }), label('部门整体支出的目标完成情况', { colSpan: 3 })] },
    { cells: [text(e.overallTarget ?? '', { colSpan: 2, align: 'justify' }), text(e.overallResult ?? '', { colSpan: 3, align: 'justify' })] },
    { cells: [label('主要任务'), label('预期目标'), label('目标完成情况'), label('关键指标'), label('指标完成情况'), label('任务涉及金额')] },
    ...taskRows(e.keyTasks ?? []),
    { cells: [label('重点项目绩效情况'), wide(e.keyProjectNarrative ?? '')] },
    { cells: [label('部门整体绩效'), wide(e.performanceNarrative ?? '')] },
    { cells: [label('存在问题'), wide(paragraphs(e.problems))] },
    { cells: [label('改进措施或下一步计划'), wide(paragraphs(e.measures))] },
  ];
  if (!e.keyTasks?.length) notices.push({ kind: 'missing-section', message: { zh: '没有主要任务（keyTasks），自评表的“主要任务”栏为空。', en: 'No key tasks: the form\'s 主要任务 rows are empty.' } });
  if (!b?.actualSpending || !b.adjustedBudget) notices.push({ kind: 'needs-input', message: { zh: '缺少实际支出数或年度预算调整数，预算完成率无法计算。', en: 'Actual spending or the adjusted budget is missing: the completion rate cannot be computed.' } });
  return { id: 'form', sheet: '部门整体支出绩效自评表', unitNote: '单位：万元', columns: COLUMNS, header: [], body: rows };
}

export const gzForm: Template = {
  id: 'gz-form',
  label: { zh: '广州部门整体支出绩效自评表', en: 'Guangzhou self-evaluation form' },
  description: { zh: '部门资金情况、年度目标、主要任务及关键指标、重点项目绩效情况、部门整体绩效、存在问题、改进措施', en: 'funds, targets, key tasks with key indicators, key projects, overall performance, problems, measures' },
  kind: 'gz-form',
  build(input: TemplateInput): RenderResult {
    const e = input.evaluation;
    const notices: Notice[] = [];
    const table = gzFormTable(e, input, notices);
    const blocks: Block[] = [
      { kind: 'title', lines: ['部门整体支出绩效自评表'] },
      { kind: 'table', table },
      ...GZ_FORM_NOTES.map((n): Block => ({ kind: 'note', text: n, align: 'left' })),
    ];
    const title = `${e.department.name ?? ''} ${e.year} 年度部门整体支出绩效自评表`.trim();
    return { doc: { meta: { title, subject: '部门整体支出绩效自评表', creator: 'jixiao', layout: 'form' }, blocks }, notices };
  },
};
