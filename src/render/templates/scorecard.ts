/**
 * scorecard: the rubric table (SPEC §5.1, the layout of seed 004's 评分表): 一级 / 二级 / 三级指标, 分值, 评分标准,
 * the department's self-score, the score the data gives (复核得分) and how it was reached. Group cells span their
 * items' rows; a rubric shallower than three levels leaves the lower columns merged into the last name.
 *
 * Above it, in every format, the identity block the forms and reports carry (部门名称, 被评价年度, 年初预算, 调整后预算,
 * 实际支出, 预算完成率, 预算调整率, the self-score total): label–value cells with the labels `jixiao import` reads, so
 * a scorecard read back keeps the department, its budget and its self-score. The rates are the computed ones (a
 * notice says where the evaluation had printed another).
 */
import { formRates, valueOf } from '../../core/narrative/restate.ts';
import { type Exact, sub, toFixed, toPlainString } from '../../core/exact.ts';
import { type ItemScore, difference } from '../../core/rubric/engine.ts';
import { type Group, type Leaf, type Rubric, isLeaf } from '../../core/rubric/schema.ts';
import type { Block, Cell, Row, Table } from '../doc.ts';
import { label, para, text } from '../doc.ts';
import { moneyCell, numberCell, percentCell, restatedNotice } from './common.ts';
import type { Notice, RenderResult, Template, TemplateInput } from './types.ts';

const LEVELS = 3;

function standardsOf(rubric: Rubric | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (items: readonly (Group | Leaf)[], prefix: string[]) => {
    for (const it of items) {
      const path = [...prefix, it.name];
      if (isLeaf(it)) {
        const criteria = it.method === 'checklist' ? it.criteria.map((c) => `${c.text}（${toPlainString(c.points)} 分）`).join('；') : '';
        out.set(path.join('/'), it.standard ?? criteria ?? '');
      } else walk(it.items, path);
    }
  };
  if (rubric) walk(rubric.items, []);
  return out;
}

const leafCount = (i: ItemScore): number => (i.children?.length ? i.children.reduce((s, c) => s + leafCount(c), 0) : 1);

function scoreText(x: Exact | undefined, precision: number): Cell {
  return numberCell(x, precision, { align: 'right' });
}

export function scorecardTable(input: TemplateInput, notices: Notice[]): Table | undefined {
  const score = input.score;
  if (!score) return undefined;
  const precision = input.rubric?.precision ?? 2;
  const standards = standardsOf(input.rubric);
  const body: Row[] = [];
  const visit = (items: readonly ItemScore[], depth: number, pending: Cell[]) => {
    items.forEach((item, idx) => {
      const lead = idx === 0 ? pending : [];
      if (item.children?.length && depth < LEVELS - 1) {
        visit(item.children, depth + 1, [...lead, text(`${item.path[item.path.length - 1] ?? item.id}（${toPlainString(item.weight)}）`, { rowSpan: leafCount(item), align: 'center' })]);
        return;
      }
      const name = item.path[item.path.length - 1] ?? item.id;
      const span = LEVELS - depth;
      const diff = difference(item);
      const note = [item.basis?.zh, item.selfReason ? `自评理由：${item.selfReason}` : '', diff && diff.n !== 0n ? `差异 ${toFixed(diff, precision)} 分` : ''].filter(Boolean).join('；');
      body.push({
        cells: [
          ...lead,
          text(name, span > 1 ? { colSpan: span } : {}),
          numberCell(item.weight, 0, { align: 'center' }),
          text(standards.get(item.path.join('/')) ?? ''),
          scoreText(item.self, precision),
          scoreText(item.computed, precision),
          text(note || (item.verifiable ? '' : '无法由数据复核，沿用自评')),
        ],
      });
    });
  };
  visit(score.items, 0, []);
  const t = score.total;
  body.push({
    kind: 'total',
    cells: [
      text('合计', { colSpan: LEVELS, bold: true, align: 'center' }),
      numberCell(t.weight, 0, { bold: true, align: 'center' }),
      text(score.grade.computed ? `复核等级：${score.grade.computed.zh}` : ''),
      scoreText(t.self ?? t.printedSelf, precision),
      scoreText(t.computed, precision),
      text(t.self !== undefined ? `差异 ${toFixed(sub(t.computed, t.self), precision)} 分` : ''),
    ],
  });
  if (t.self === undefined && t.printedSelf === undefined) notices.push({ kind: 'needs-input', message: { zh: '评价文件没有逐项自评得分，评分表“自评得分”栏为空。', en: 'The evaluation has no item self-scores: the self-score column is empty.' } });
  return {
    id: 'scorecard',
    sheet: '评分表',
    caption: `${input.evaluation.year} 年度部门整体支出绩效自评评分表（${score.rubric.name}）`,
    size: 'small',
    columns: [
      { key: 'l1', width: 6, align: 'center' },
      { key: 'l2', width: 7, align: 'center' },
      { key: 'l3', width: 8 },
      { key: 'weight', width: 3, align: 'center' },
      { key: 'standard', width: 20 },
      { key: 'self', width: 4, align: 'right' },
      { key: 'computed', width: 4, align: 'right' },
      { key: 'note', width: 14 },
    ],
    header: [{ cells: [label('一级指标'), label('二级指标'), label('三级指标'), label('分值'), label('评分标准'), label('自评得分'), label('复核得分'), label('评分说明')] }],
    body,
  };
}

/**
 * The identity block: label–value pairs three to a row. The self-score is a sentence in its cell ("满分 100 分，自评得分
 * 95.68 分") because that is how documents state it and how the importer reads it; the recomputed score and grade
 * follow it.
 */
export function identityTable(input: TemplateInput, notices: Notice[]): Table {
  const e = input.evaluation;
  const b = e.budget;
  const { completion, adjustment } = formRates(input.figures);
  restatedNotice(completion, b?.printed?.['executionRate'], notices);
  restatedNotice(adjustment, b?.printed?.['adjustmentRate'], notices);
  const s = e.selfScores;
  const precision = input.rubric?.precision ?? 2;
  const total = input.score?.total;
  const grade = input.score?.grade.computed?.zh;
  const selfText = s?.total !== undefined ? (s.max !== undefined ? `满分 ${toPlainString(s.max)} 分，自评得分 ${toPlainString(s.total)} 分` : `自评得分 ${toPlainString(s.total)} 分`) : '';
  const computedText = total ? `复核得分 ${toFixed(total.computed, precision)} 分${grade ? `，复核等级“${grade}”` : ''}` : '';
  const scoreText = [selfText, computedText].filter(Boolean).join('；');
  const rows: Row[] = [
    { cells: [label(`部门名称${e.department.isAggregate ? '（汇总）' : ''}`), text(e.department.name ?? '', { colSpan: 3, align: 'left' }), label('被评价年度'), text(`${e.year} 年`, { align: 'left' })] },
    { cells: [label('年初预算'), moneyCell(b?.initialBudget, '万元'), label('调整后预算'), moneyCell(b?.adjustedBudget, '万元'), label('实际支出'), moneyCell(b?.actualSpending, '万元')] },
    { cells: [label('预算完成率'), percentCell(valueOf(completion)), label('预算调整率'), percentCell(valueOf(adjustment)), label('评分标准'), text(input.rubric?.name ?? input.score?.rubric.name ?? '', { align: 'left' })] },
    { cells: [label('得分'), text(scoreText || '—', { colSpan: 5, align: 'left' })] },
  ];
  return {
    id: 'identity',
    sheet: '基本情况',
    unitNote: '单位：万元',
    columns: [
      { key: 'l1', width: 6, align: 'center' },
      { key: 'v1', width: 12, align: 'right' },
      { key: 'l2', width: 6, align: 'center' },
      { key: 'v2', width: 12, align: 'right' },
      { key: 'l3', width: 6, align: 'center' },
      { key: 'v3', width: 18, align: 'right' },
    ],
    header: [],
    body: rows,
  };
}

export const scorecard: Template = {
  id: 'scorecard',
  label: { zh: '绩效自评评分表', en: 'scorecard' },
  description: { zh: '评分标准逐项：分值、评分标准、自评得分、按数据复核的得分及说明', en: 'rubric items: weight, standard, self-score, recomputed score and reason' },
  needs: ['rubric'],
  build(input: TemplateInput): RenderResult {
    const e = input.evaluation;
    const notices: Notice[] = [];
    const identity = identityTable(input, notices);
    const table = scorecardTable(input, notices);
    const title = `${e.department.name ?? ''}${e.year} 年度部门整体支出绩效自评评分表`;
    const blocks: Block[] = table
      ? [{ kind: 'title', lines: [`${e.department.name ?? ''}`, `${e.year} 年度部门整体支出绩效自评评分表`] }, { kind: 'table', table: identity }, { kind: 'table', table }]
      : [{ kind: 'title', lines: [title] }, { kind: 'table', table: identity }, para('未指定评分标准，无法生成评分表。')];
    return { doc: { meta: { title, subject: '部门整体支出绩效自评评分表', creator: 'jixiao', layout: 'form', orientation: 'landscape' }, blocks }, notices };
  },
};
