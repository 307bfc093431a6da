/**
 * Self-scores: a scorecard's rows matched to a rubric's items (by name, by a damaged name, by weight), its total
 * row, the totals a report prints in sentences, and the rubric to name when no scorecard decides it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRubric } from '../../core/rubric/parse.ts';
import type { Rubric } from '../../core/rubric/schema.ts';
import { chooseRubric, extractScoreTotals, extractScorecard } from './scores.ts';
import { FILE, extract, foundAt, foundList, row, textDocument, valueAt } from './testing.ts';

function rubric(raw: Record<string, unknown>): Rubric {
  const r = parseRubric({ name: '样例评分表', ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

/** A made-up 100-point rubric: two judgement items and two rates. */
const SAMPLE = rubric({
  id: 'sample-2024',
  total: 100,
  items: [
    { name: '决策', weight: 20, items: [{ name: '绩效目标合理性', weight: 10, method: 'judgement' }, { name: '绩效指标明确性', weight: 10, method: 'judgement' }] },
    { name: '过程', weight: 80, items: [{ name: '预算执行率', weight: 50, method: 'ratio', metric: 'executionRate' }, { name: '政府采购执行率', weight: 30, method: 'ratio', metric: 'procurementExecutionRate' }] },
  ],
});
/** Another rubric whose items these scorecards do not name. */
const OTHER = rubric({ id: 'other-2024', total: 10, items: [{ name: '信息公开', weight: 10, method: 'judgement' }] });

const HEADER = row('一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分');
const scorecard = (...rows: string[]) =>
  textDocument(
    '附件：部门整体支出绩效评价指标评分表',
    HEADER,
    row('决策', '目标设定', '绩效目标合理性', '10', '目标依据充分、与部门职能相符得满分，否则酌情扣分。', '9'),
    row('', '', '绩效指标明确性', '10', '指标清晰、细化、可衡量得满分，每发现一项不足扣2分。', '8'),
    ...rows,
    row('合计', '', '', '100', '', '95.5'),
  );
const PROCESS = [
  row('过程', '预算执行', '预算执行率', '50', '预算执行率×分值，超过100%的按100%计算得分。', '48.5'),
  row('', '', '政府采购执行率', '30', '实际采购金额÷采购预算金额×分值，超出预算不得分。', '30'),
];

interface Item {
  item: string;
  score: string;
  weight?: string;
  source: { file: string; line: number; column?: number; text: string };
}
const items = (ctx: ReturnType<typeof extract>) => (valueAt(ctx, 'selfScores.items') as Item[] | undefined) ?? [];

describe('scorecard: the clean case', () => {
  it('each row matched to the rubric’s item, with weight, score and the cell of its name; the total row gives total and maximum', () => {
    const ctx = extract(scorecard(...PROCESS), extractScorecard, { rubrics: [OTHER, SAMPLE] });
    assert.deepStrictEqual(items(ctx).map((i) => [i.item, i.weight, i.score]), [
      ['绩效目标合理性', '10', '9'],
      ['绩效指标明确性', '10', '8'],
      ['预算执行率', '50', '48.5'],
      ['政府采购执行率', '30', '30'],
    ]);
    assert.deepStrictEqual(items(ctx)[2]!.source, { file: FILE, line: 5, column: 3, text: '预算执行率 50 … 48.5' });
    assert.deepStrictEqual(foundList(ctx), {
      'selfScores.items': '4 项自评得分（对应评分标准 sample-2024）',
      rubric: 'sample-2024',
      'selfScores.total': '95.5',
      'selfScores.max': '100',
    });
    assert.deepStrictEqual(foundAt(ctx, 'selfScores.total')!.source, { file: FILE, line: 7, column: 6, text: '合计 | 100 | 95.5' });
  });
});

describe('scorecard: odd and faulty scorecards', () => {
  it('a name damaged in OCR (预算执衍率) still lands on its item, helped by its weight', () => {
    const ctx = extract(scorecard(row('过程', '预算执行', '预算执衍率', '50', '预算执行率×分值，超过100%的按100%计算得分。', '48.5'), PROCESS[1]!), extractScorecard, { rubrics: [SAMPLE] });
    assert.deepStrictEqual(items(ctx).map((i) => i.item), ['绩效目标合理性', '绩效指标明确性', '预算执行率', '政府采购执行率']);
  });

  it('no rubric that matches most rows: the names are kept as printed and no rubric is named', () => {
    const ctx = extract(scorecard(...PROCESS), extractScorecard, { rubrics: [OTHER] });
    assert.deepStrictEqual(items(ctx).map((i) => i.item), ['绩效目标合理性', '绩效指标明确性', '预算执行率', '政府采购执行率']);
    assert.equal(valueAt(ctx, 'rubric'), undefined);
    assert.equal(foundAt(ctx, 'selfScores.items')!.value, '4 项自评得分');
  });

  it('a row whose score is not a number (满分) is left out, the others kept', () => {
    const ctx = extract(scorecard(row('过程', '预算执行', '预算执行率', '50', '预算执行率×分值，超过100%的按100%计算得分。', '满分'), PROCESS[1]!), extractScorecard, { rubrics: [SAMPLE] });
    assert.deepStrictEqual(items(ctx).map((i) => i.item), ['绩效目标合理性', '绩效指标明确性', '政府采购执行率']);
  });

  it('a table with 分值 but no 得分 column is not a scorecard', () => {
    const ctx = extract(textDocument(row('指标', '分值', '评分标准'), row('预算执行率', '50', '预算执行率×分值，超过100%的按100%计算得分。')), extractScorecard, { rubrics: [SAMPLE] });
    assert.equal(valueAt(ctx, 'selfScores'), undefined);
  });
});

describe('score totals printed in sentences', () => {
  it('“指标得分 20 分，自评得分 17.25 分” gives the maximum and the total, with the clause', () => {
    const ctx = extract(textDocument('履职效能指标得分20分，自评得分17.25分。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(ctx), { 'selfScores.total': '17.25', 'selfScores.max': '20' });
    assert.deepStrictEqual(foundAt(ctx, 'selfScores.total')!.source, { file: FILE, line: 1, text: '履职效能指标得分20分，自评得分17.25分。' });
  });

  it('“经自评，本部门得分 95.50 分” gives the total', () => {
    const ctx = extract(textDocument('经自评，本部门得分95.50分，等级为优。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(ctx), { 'selfScores.total': '95.50' });
  });

  it('a score of something else (满意度得分, a rubric’s weight) is not the self-score total', () => {
    const ctx = extract(textDocument('问卷调查满意度得分92分。', '该项分值为10分。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('a total from the scorecard is kept over a sentence', () => {
    const ctx = extract(textDocument('经自评，本部门得分95.50分。'), extractScoreTotals, { draft: { selfScores: { total: '95.5' } } });
    assert.equal(valueAt(ctx, 'selfScores.total'), '95.5');
  });
});

describe('choosing the rubric', () => {
  const REGIONAL = rubric({ id: 'region-2024', region: '样例市', year: 2024, documentKinds: ['gz-report'], total: 10, items: [{ name: '履职效能', weight: 10, method: 'judgement' }] });
  const NATIONAL_OLD = rubric({ id: 'national-2020', year: 2020, documentKinds: ['gz-report'], total: 10, items: [{ name: '履职效能', weight: 10, method: 'judgement' }] });
  const NATIONAL_LATER = rubric({ id: 'national-2030', year: 2030, documentKinds: ['gz-report'], total: 10, items: [{ name: '履职效能', weight: 10, method: 'judgement' }] });
  const rubrics = [NATIONAL_LATER, NATIONAL_OLD, REGIONAL];

  it('the rubric made for the document’s region and year', () => {
    const ctx = extract(textDocument('报告'), chooseRubric, { kind: 'gz-report', rubrics, draft: { department: { region: '样例市样例区' }, year: 2024 } });
    assert.equal(valueAt(ctx, 'rubric'), 'region-2024');
  });

  it('another region: the latest rubric for the kind not after the year', () => {
    const ctx = extract(textDocument('报告'), chooseRubric, { kind: 'gz-report', rubrics, draft: { department: { region: '别处市' }, year: 2024 } });
    assert.equal(valueAt(ctx, 'rubric'), 'national-2020');
  });

  it('a one-item rubric whose weight is the printed maximum takes the printed total as that item’s self-score', () => {
    const ctx = extract(textDocument('报告'), chooseRubric, { kind: 'gz-report', rubrics, draft: { department: { region: '样例市样例区' }, year: 2024, selfScores: { total: '8.5', max: '10' } } });
    assert.deepStrictEqual(valueAt(ctx, 'selfScores.items'), [{ item: '履职效能', score: '8.5', weight: '10' }]);
  });

  it('no rubric declared for the kind: none is named', () => {
    const ctx = extract(textDocument('报告'), chooseRubric, { kind: 'longgang-report', rubrics, draft: { year: 2024 } });
    assert.equal(valueAt(ctx, 'rubric'), undefined);
  });

  it('a rubric a scorecard already chose stands', () => {
    const ctx = extract(textDocument('报告'), chooseRubric, { kind: 'gz-report', rubrics, draft: { rubric: 'sample-2024', year: 2024 } });
    assert.equal(valueAt(ctx, 'rubric'), 'sample-2024');
  });
});
