/**
 * A layout document that uses every feature the writers must handle: title, four heading levels, generated and
 * free paragraphs, notes, a form table with row and column spans (a label spanning rows, a narrative spanning
 * columns), a data table with formulas (调整后 = 年初 + 调增 − 调减, 支出率, totals), a 0/0 rate, a page break, a table
 * only a workbook shows, and a narrative long enough to flow over pages. Figures are made up.
 */
import type { Exact } from '../../core/exact.ts';
import type { Block, Cell, Doc, Row } from '../doc.ts';
import { empty, label, para, text } from '../doc.ts';

const x = (s: string): Exact => {
  const [i = '0', f = ''] = s.split('.');
  const d = 10n ** BigInt(f.length);
  return { n: BigInt(i + f), d };
};
const money = (s: string, unit: '元' | '万元' = '万元', extra: Omit<Cell, 'value'> = {}): Cell => ({
  value: { type: 'money', value: x(s), unit, decimals: Math.max(2, s.split('.')[1]?.length ?? 0) },
  ...extra,
});
const pct = (s: string, extra: Omit<Cell, 'value'> = {}): Cell => ({ value: { type: 'percent', value: x(s), decimals: 2 }, ...extra });

export const LONG_NARRATIVE = Array.from(
  { length: 40 },
  (_, i) => `（${i + 1}）加强应急救援队伍建设，开展应急演练 ${i + 3} 次，组织安全生产执法检查 ${1200 + i} 家次，排查整改隐患 ${300 + i} 项，确保全年安全形势稳定。`,
).join('');

const formRows: Row[] = [
  { cells: [label('部门名称'), text('某区应急管理局', { colSpan: 2 }), label('被评价年度'), text('2023 年')] },
  { cells: [label('部门资金情况', { rowSpan: 3 }), label('年初预算'), money('3916.29'), label('调整后预算'), money('4171.75')] },
  { cells: [label('实际支出'), money('4051.74'), label('其中：一般公共预算'), money('4045.94')] },
  { cells: [label('预算完成率'), pct('0.9712'), label('预算调整率'), pct('0.0652')] },
  { cells: [label('部门整体绩效'), text(LONG_NARRATIVE, { colSpan: 4, align: 'justify' })] },
];

const cols = ['name', 'initial', 'increase', 'decrease', 'adjusted', 'actual', 'rate'] as const;
const line = (key: string, name: string, initial: string, inc: string, dec: string, adj: string, act: string, rate: string | null): Row => ({
  key,
  cells: [
    text(name),
    money(initial, '元'),
    money(inc, '元'),
    money(dec, '元'),
    money(adj, '元', { formula: { op: 'adjusted', initial: { col: 'initial' }, increase: { col: 'increase' }, decrease: { col: 'decrease' } } }),
    money(act, '元'),
    rate === null ? text('—', { formula: { op: 'ratio', num: { col: 'actual' }, den: { col: 'adjusted' } } }) : pct(rate, { formula: { op: 'ratio', num: { col: 'actual' }, den: { col: 'adjusted' } } }),
  ],
});
const sum = (col: string) => ({ op: 'sum' as const, cells: ['p1', 'p2', 'p3'].map((row) => ({ col, row })) });

const blocks: Block[] = [
  { kind: 'title', lines: ['2023 年度某区应急管理局', '部门整体支出绩效自评报告'] },
  { kind: 'heading', level: 1, text: '一、部门基本情况' },
  { kind: 'heading', level: 2, text: '（一）部门职能' },
  para('负责应急管理工作，指导全区各部门应对安全生产类、自然灾害类等突发事件。'),
  { kind: 'heading', level: 3, text: '1.整体效能' },
  { kind: 'heading', level: 4, text: '（1）产出指标完成情况' },
  para(['2023 年本单位预算收入 ', { text: '3,916.29', bold: true }, ' 万元，调整预算数 4,171.75 万元，决算数 4,051.74 万元。'], { generated: true }),
  { kind: 'note', text: '单位：万元', align: 'right' },
  {
    kind: 'table',
    table: {
      id: 'form',
      sheet: '部门整体支出绩效自评表',
      caption: '部门整体支出绩效自评表',
      unitNote: '单位：万元',
      columns: [
        { key: 'a', width: 6, align: 'center' },
        { key: 'b', width: 8 },
        { key: 'c', width: 8, align: 'right' },
        { key: 'd', width: 8 },
        { key: 'e', width: 8, align: 'right' },
      ],
      header: [],
      body: formRows,
    },
  },
  { kind: 'pageBreak' },
  {
    kind: 'table',
    table: {
      id: 'projects',
      sheet: '表3 项目支出',
      caption: '表 3：项目支出情况',
      unitNote: '单位：元',
      size: 'small',
      columns: [
        { key: cols[0], width: 14 },
        { key: cols[1], width: 8, align: 'right' },
        { key: cols[2], width: 8, align: 'right' },
        { key: cols[3], width: 8, align: 'right' },
        { key: cols[4], width: 8, align: 'right' },
        { key: cols[5], width: 8, align: 'right' },
        { key: cols[6], width: 6, align: 'right' },
      ],
      header: [
        {
          cells: [
            text('项目名称', { rowSpan: 2 }),
            text('预算', { colSpan: 4 }),
            text('实际支出', { rowSpan: 2 }),
            text('支出率', { rowSpan: 2 }),
          ],
        },
        { cells: [text('年初预算'), text('预算调增数'), text('预算调减数'), text('调整后预算数')] },
      ],
      body: [
        line('p1', '应急指挥救援业务经费', '320000.00', '422921.00', '369121.00', '373800.00', '206786.40', '0.5532'),
        line('p2', '三防办购置经费', '500000.00', '0', '1320.00', '498680.00', '498680.00', '1'),
        line('p3', '未启用项目', '0', '0', '0', '0', '0', null),
        {
          key: 'total',
          kind: 'total',
          cells: [
            text('合计', { bold: true }),
            money('820000.00', '元', { formula: sum('initial') }),
            money('422921.00', '元', { formula: sum('increase') }),
            money('370441.00', '元', { formula: sum('decrease') }),
            money('872480.00', '元', { formula: sum('adjusted') }),
            money('705466.40', '元', { formula: sum('actual'), comment: '合计行印出 705,466.41，按各行之和为 705,466.40' }),
            pct('0.808576', { formula: { op: 'ratio', num: { col: 'actual' }, den: { col: 'adjusted' } } }),
          ],
        },
      ],
    },
  },
  {
    kind: 'table',
    formats: ['xlsx'],
    table: {
      id: 'key-figures',
      sheet: '基本信息',
      columns: [
        { key: 'k', width: 12 },
        { key: 'v', width: 12, align: 'right' },
      ],
      header: [{ cells: [text('项目'), text('数值')] }],
      body: [
        { cells: [label('年初预算（万元）'), money('3916.29')] },
        { cells: [label('备注'), empty()] },
      ],
    },
  },
  { kind: 'heading', level: 1, text: '三、存在的主要问题' },
  para(LONG_NARRATIVE),
];

export const SAMPLE_DOC: Doc = {
  meta: { title: '2023 年度某区应急管理局部门整体支出绩效自评报告', subject: '部门整体支出绩效自评', creator: 'jixiao', layout: 'report' },
  blocks,
};
