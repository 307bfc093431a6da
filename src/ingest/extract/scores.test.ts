/**
 * Self-scores: a scorecard's rows matched to a rubric's items (by name, by a damaged name, by weight), its total
 * row, the totals a report prints in sentences, and the rubric to name when no scorecard decides it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRubric } from '../../core/rubric/parse.ts';
import type { Rubric } from '../../core/rubric/schema.ts';
import { chooseRubric, extractNarrativeScores, extractScoreCells, extractScoreTable, extractScoreTotals, extractScorecard } from './scores.ts';
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

  it('“经自评，本部门得分 95.50 分，等级为优” gives the total and the grade', () => {
    const ctx = extract(textDocument('经自评，本部门得分95.50分，等级为优。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(ctx), { 'selfScores.total': '95.50', 'selfScores.grade': '优' });
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

describe('score cells of a form', () => {
  it('自评总分（分） | 95.6 gives the total; 总分 | 100 | 96.5 the maximum and the total; 自评等级 | 良好 the grade', () => {
    const a = extract(textDocument(row('主管部门', '样例区文化馆', '财政处室', '文化科', '自评总分（分）', '95.6')), extractScoreCells);
    assert.deepStrictEqual(foundList(a), { 'selfScores.total': '95.6' });
    assert.deepStrictEqual(foundAt(a, 'selfScores.total')!.source, { file: FILE, line: 1, column: 6, text: '自评总分（分） 95.6' });
    const b = extract(textDocument(row('总分', '100', '96.5'), row('评价等级', '良好')), extractScoreCells);
    assert.deepStrictEqual(foundList(b), { 'selfScores.total': '96.5', 'selfScores.max': '100', 'selfScores.grade': '良' });
  });

  it('a column header (自评得分 over its column) and a label with words after it give nothing', () => {
    const ctx = extract(textDocument(row('三级指标', '分值', '自评得分'), row('预算完成率', '10', '9.5'), row('自评得分', '见附表')), extractScoreCells);
    assert.deepStrictEqual(foundList(ctx), {});
  });
});

describe('score totals: the wordings of other provinces', () => {
  it('综合评分, 综合得分, 自评总分 … （满分100分）, and the grade in quotes', () => {
    const a = extract(textDocument('一、自评得分情况', '按照部门整体支出绩效评价指标体系，综合评分为97分。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(a), { 'selfScores.total': '97' });
    const b = extract(textDocument('经综合评价，本局部门整体支出绩效自评总分为99.5分（满分100分），评价等级为“优”。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(b), { 'selfScores.grade': '优', 'selfScores.total': '99.5', 'selfScores.max': '100' });
    const c = extract(textDocument('我局自评综合得分88.5分，等级为良。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(c), { 'selfScores.grade': '良', 'selfScores.total': '88.5' });
  });

  it('a project’s self-score in a department report is not the department’s total', () => {
    const ctx = extract(textDocument('其中“公共文化云平台”项目自评得分95分。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(ctx), {});
  });
});

describe('a small score table (评价内容 | 分值 | 自评得分)', () => {
  it('its rows are self-score items, its 合计 row the total and the maximum', () => {
    const ctx = extract(
      textDocument('表4 自评得分', row('评价内容', '分值', '自评得分'), row('部门决策', '20', '19'), row('部门管理', '30', '27.5'), row('部门绩效', '50', '45'), row('合计', '100', '91.5')),
      extractScoreTable,
    );
    assert.deepStrictEqual(foundList(ctx), { 'selfScores.items': '3 项自评得分', 'selfScores.total': '91.5', 'selfScores.max': '100' });
    assert.deepStrictEqual((valueAt(ctx, 'selfScores.items') as { item: string; weight: string; score: string }[]).map((i) => [i.item, i.weight, i.score]), [['部门决策', '20', '19'], ['部门管理', '30', '27.5'], ['部门绩效', '50', '45']]);
  });

  it('一级指标 | 二级指标 | 分值 | 自评得分: the items are the 二级 rows under their merged 一级 cell, 合计 in the first column', () => {
    const ctx = extract(
      textDocument(row('一级指标', '二级指标', '分值', '自评得分'), row('履职效能', '目标实现', '60', '57'), row('', '社会满意度', '10', '9.2'), row('管理效率', '预算执行', '30', '29.5'), row('合计', '', '100', '95.7')),
      extractScoreTable,
    );
    assert.deepStrictEqual((valueAt(ctx, 'selfScores.items') as { item: string; weight: string; score: string }[]).map((i) => [i.item, i.weight, i.score]), [['目标实现', '60', '57'], ['社会满意度', '10', '9.2'], ['预算执行', '30', '29.5']]);
    assert.deepStrictEqual([valueAt(ctx, 'selfScores.total'), valueAt(ctx, 'selfScores.max')], ['95.7', '100']);
  });

  it('a scorecard with criteria and an indicator table with targets are left to their own readers', () => {
    const ctx = extract(
      textDocument(row('一级指标', '分值', '评分标准', '得分'), row('决策', '20', '目标明确得满分。', '19'), '', '说明', row('指标名称', '指标值', '分值', '得分'), row('培训人次', '≥2000人次', '10', '10')),
      extractScoreTable,
    );
    assert.deepStrictEqual(foundList(ctx), {});
  });
});

describe('a budget table with its execution score (项目 | 年初预算数 | … | 分值 | 得分)', () => {
  it('its 合计 | 10 | 9.67 is the execution item, not the self-score: the sentence’s 98.65 of 100 is', () => {
    const ctx = extract(
      textDocument(
        '预算执行情况表',
        row('项目', '年初预算数', '全年预算数', '全年执行数', '执行率', '分值', '得分'),
        row('合计', '1862.40', '2035.76', '1968.53', '96.70%', '10', '9.67'),
        row('基本支出', '1023.15', '1087.62', '1085.04', '99.76%', '—', '—'),
        '经部门自评，本部门整体支出绩效自评得分98.65分（满分100分），其中预算执行得分9.67分。',
      ),
      [extractScoreTable, extractScoreTotals],
    );
    assert.deepStrictEqual([valueAt(ctx, 'selfScores.total'), valueAt(ctx, 'selfScores.max')], ['98.65', '100']);
  });
});

describe('a labelled total that names whose it is', () => {
  it('部门整体支出总分 | 100 | 97.66: the maximum then the total', () => {
    const ctx = extract(textDocument(row('部门整体支出总分', '', '100', '97.66')), extractScoreCells);
    assert.deepStrictEqual([valueAt(ctx, 'selfScores.total'), valueAt(ctx, 'selfScores.max')], ['97.66', '100']);
  });
});

describe('self-score items stated in sentences', () => {
  it('“1.预算编审管理（6分）：…自评得5.5分” per item, when the report states two or more', () => {
    const ctx = extract(
      textDocument('（一）履职完成情况', '1.预算编审管理（6分）：按评分标准自评得5.5分。', '2.结余结转管理（2分）：结转结余率低于目标值，自评得2分。'),
      extractNarrativeScores,
    );
    assert.deepStrictEqual((valueAt(ctx, 'selfScores.items') as { item: string; weight: string; score: string }[]).map((i) => [i.item, i.weight, i.score]), [['预算编审管理', '6', '5.5'], ['结余结转管理', '2', '2']]);
    assert.deepStrictEqual(foundAt(ctx, 'selfScores.items')!.source, { file: FILE, line: 2, section: '（一）履职完成情况 > 1.预算编审管理（6分）：按评分标准自评得5.5分。', text: '1.预算编审管理（6分）：按评分标准自评得5.5分。' });
  });

  it('a lone item, a heading without its score, and items a table already gave are not read', () => {
    const one = extract(textDocument('1.预算编审管理（6分）：按评分标准自评得5.5分。', '2、预算执行管理（7分）', '全年预算完成率为77.6%，计满分。'), extractNarrativeScores);
    assert.equal(valueAt(one, 'selfScores.items'), undefined);
    const earlier = extract(textDocument('1.甲（6分）：自评得5分。', '2.乙（4分）：自评得4分。'), extractNarrativeScores, { draft: { selfScores: { items: [] } } });
    assert.deepStrictEqual(valueAt(earlier, 'selfScores.items'), []);
  });
});

describe('score totals: a heading and its figure, a label without 分, a project’s report', () => {
  it('“（一）自评得分” ⏎ “100分。”, “自评得分” ⏎ “90 分”, and “95分（满分100分）” under the heading', () => {
    const a = extract(textDocument('某县某某馆2023年度项目支出绩效自评报告', '一、自评结论', '（一）自评得分', '', '100分。', '（二）绩效目标完成情况'), extractScoreTotals);
    assert.deepStrictEqual(foundList(a), { 'selfScores.total': '100' });
    assert.equal(foundAt(a, 'selfScores.total')!.source.line, 5);
    const b = extract(textDocument('自评得分', '90 分'), extractScoreTotals);
    assert.deepStrictEqual(foundList(b), { 'selfScores.total': '90' });
    const c = extract(textDocument('（一）评价得分情况', '95.5分（满分100分）'), extractScoreTotals);
    assert.deepStrictEqual(foundList(c), { 'selfScores.total': '95.5', 'selfScores.max': '100' });
  });

  it('a heading whose next line is not the figure alone gives nothing from the heading', () => {
    const ctx = extract(textDocument('（一）自评得分', '1.产出指标完成情况', '2023年完成12项。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('“自评总分: 95” without 分, and “自评总分（分）97.6” run into the text; 95% and 2023年 are no scores', () => {
    const a = extract(textDocument('某某项目绩效目标自评表 填报日期:2023 年 8 月 项目名称 项目主管单 位 自评总分: 95 项目实施单位 某县某某局'), extractScoreTotals);
    assert.deepStrictEqual(foundList(a), { 'selfScores.total': '95' });
    const b = extract(textDocument('部门整体绩效自评表主管部门某某处室自评总分（分）97.6部门联系人某某'), extractScoreTotals);
    assert.deepStrictEqual(foundList(b), { 'selfScores.total': '97.6' });
    const c = extract(textDocument('自评得分：95%的指标已完成。', '自评总分：2023年度另行公布。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(c), {});
  });

  it('in a project’s report, the project’s score behind a long leading clause is the document’s', () => {
    const text = '对照2023年度某某奖助项目年初绩效目标及项目实际完成情况，自评小组经过自评，综合评价得分为 97.5分。';
    const a = extract(textDocument('2023年度某某奖助项目自评结果', '一、自评结论', '（一）评价得分情况。', text), extractScoreTotals);
    assert.deepStrictEqual(foundList(a), { 'selfScores.total': '97.5' });
    // The same sentence in a department's report is a project's score, not the department's.
    const b = extract(textDocument('某县某某局2023年度部门整体支出绩效自评报告', text), extractScoreTotals);
    assert.deepStrictEqual(foundList(b), {});
  });

  it('a total with its maximum later in the sentence: “自评得分92分，满分100分”', () => {
    const ctx = extract(textDocument('本局部门整体支出绩效自评得分92分，满分100分。'), extractScoreTotals);
    assert.deepStrictEqual(foundList(ctx), { 'selfScores.total': '92', 'selfScores.max': '100' });
  });
});

describe('scores of a previous form at the top of a page', () => {
  it('a 合计 | 100 | 100 and a score table before this document’s title are not this document’s', () => {
    const doc = textDocument(
      row('评价内容', '分值', '自评得分'),
      row('部门决策', '20', '20'),
      row('合计', '100', '100'),
      row('评价结论', '某某图书馆免费开放成效较好。'),
      '某县某某局项目支出绩效自评表（2023年度）',
      row('项目名称', '某某执法装备购置'),
      row('自评总分', '96'),
    );
    const ctx = extract(doc, [extractScoreTable, extractScoreCells, extractScoreTotals]);
    assert.deepStrictEqual(foundList(ctx), { 'selfScores.total': '96' });
  });
});

describe('scorecard: printed weights that are not the rubric’s', () => {
  /** The SAMPLE items by name, with weights of the scorecard's own; the last row's name is not the rubric's. */
  const ownWeights = (w: readonly [string, string, string, string]) =>
    textDocument(
      '附件：部门整体支出绩效评价指标评分表',
      HEADER,
      row('决策', '目标设定', '绩效目标合理性', w[0], '目标依据充分、与部门职能相符得满分，否则酌情扣分。', '14'),
      row('', '', '绩效指标明确性', w[1], '指标清晰、细化、可衡量得满分，每发现一项不足扣1分。', '5'),
      row('过程', '预算执行', '预算执行率', w[2], '预算执行率×分值，超过100%的按100%计算得分。', '38'),
      row('', '', '政府采购执行情况', w[3], '政府采购按计划执行得满分，未按计划执行的酌情扣分。', '36'),
      row('合计', '', '', '100', '', '93'),
    );

  it('rows matching the rubric’s names but printing other weights keep their printed names and weights; no rubric is named', () => {
    const ctx = extract(ownWeights(['15', '5', '40', '40']), extractScorecard, { rubrics: [SAMPLE] });
    assert.deepStrictEqual(items(ctx).map((i) => [i.item, i.weight, i.score]), [
      ['绩效目标合理性', '15', '14'],
      ['绩效指标明确性', '5', '5'],
      ['预算执行率', '40', '38'],
      ['政府采购执行情况', '40', '36'],
    ]);
    assert.deepStrictEqual(foundList(ctx), { 'selfScores.items': '4 项自评得分', 'selfScores.total': '93', 'selfScores.max': '100' });
    assert.equal(valueAt(ctx, 'rubric'), undefined);
  });

  it('the same rows printing the rubric’s weights are mapped to it (the last row by its weight)', () => {
    const ctx = extract(ownWeights(['10', '10', '50', '30']), extractScorecard, { rubrics: [SAMPLE] });
    assert.deepStrictEqual(items(ctx).map((i) => [i.item, i.weight]), [
      ['绩效目标合理性', '10'],
      ['绩效指标明确性', '10'],
      ['预算执行率', '50'],
      ['政府采购执行率', '30'],
    ]);
    assert.equal(valueAt(ctx, 'rubric'), 'sample-2024');
  });

  it('rows that print no weight at all are mapped by their names alone', () => {
    const ctx = extract(ownWeights(['', '', '', '']), extractScorecard, { rubrics: [SAMPLE] });
    assert.deepStrictEqual(items(ctx).map((i) => [i.item, i.weight ?? null]), [
      ['绩效目标合理性', null],
      ['绩效指标明确性', null],
      ['预算执行率', null],
      // Without a weight to help, this name is too far from the rubric's to be matched.
      ['政府采购执行情况', null],
    ]);
    assert.equal(valueAt(ctx, 'rubric'), 'sample-2024');
  });
});
