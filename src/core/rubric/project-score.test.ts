import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toFixed, toPlainString } from '../exact.ts';
import { type ProjectEvaluation, projectEvaluationSchema } from '../model/project.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseRubric } from './parse.ts';
import { scoreEvaluation } from './engine.ts';
import { projectScoreFigures, projectScoreReport, scoreProject } from './project-score.ts';

/** An invented project, the way an evaluation file writes it (amounts in 万元). */
function project(overrides: Record<string, unknown> = {}): ProjectEvaluation {
  return projectEvaluationSchema.parse({
    name: '青禾镇农田水利设施维修养护',
    department: '某某县农业农村局',
    unit: '万元',
    funds: {
      total: { initialBudget: '200 万元', adjustedBudget: '240.00 万元', actualSpending: '216.00 万元', weight: 10, score: '9.00', printed: { executionRate: '90.00%' } },
    },
    indicators: [
      { level1: '产出指标', level2: '数量指标', name: '渠道清淤长度', target: '≥30公里', actual: '28公里', weight: 20, score: '18.67' },
      { level1: '产出指标', level2: '数量指标', name: '泵站维修数量', target: '12座', actual: '12座', weight: 15, score: 15 },
      { level1: '产出指标', level2: '成本指标', name: '单座泵站维修成本', target: '≤5万元', actual: '4.6万元', weight: 15, score: 15 },
      { level1: '效益指标', level2: '社会效益指标', name: '保障灌溉面积', target: '5000', unitOfMeasure: '亩', actual: '5200', weight: 30, score: 30 },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '受益农户满意度', target: '≥90%', actual: '93%', weight: 10, score: 10 },
    ],
    total: '97.67',
    ...overrides,
  });
}

const plain = (x: { kind: string; value?: unknown }) => (x.kind === 'value' ? toPlainString(x.value as never) : x.kind);

describe('scoreProject: 财预〔2020〕10号 on the form’s own figures', () => {
  test('执行率得分 = min(216 ÷ 240, 100%) × 10 = 9, matching the printed 9.00, with its inputs', () => {
    const s = scoreProject(project());
    assert.ok(s.execution);
    assert.equal(plain(s.execution.outcome), '9');
    assert.equal(s.execution.comparison, 'match');
    assert.deepEqual(s.execution.inputs.map((i) => [i.key, toPlainString(i.value), i.path.join('.')]), [
      ['actualSpending', '216', 'project.funds.total.actualSpending'],
      ['adjustedBudget', '240', 'project.funds.total.adjustedBudget'],
      ['weight', '10', 'project.funds.total.weight'],
    ]);
    assert.equal(s.execution.formula.zh, 'min(全年执行数 ÷ 全年预算数, 100%) × 分值');
  });

  test('spending above the budget earns the weight, no more (capped)', () => {
    const s = scoreProject(project({ funds: { total: { adjustedBudget: '240 万元', actualSpending: '252 万元', weight: 10, score: 10 } } }));
    assert.equal(plain(s.execution!.outcome), '10');
    assert.deepEqual(s.execution!.outcome.kind === 'value' && s.execution!.outcome.flags, ['capped']);
    assert.equal(s.execution!.comparison, 'match');
  });

  test('a missed ≥ target scores weight × actual ÷ target: 20 × 28 ÷ 30 = 18.67 (printed 18.67 matches)', () => {
    const s = scoreProject(project());
    const i = s.indicators[0]!;
    assert.equal(toFixed(i.score!, 2), '18.67');
    assert.equal(i.isComputed, true);
    assert.deepEqual(i.flags, ['missed']);
    assert.equal(i.figure?.comparison, 'match');
    assert.equal(i.figure?.id, 'indicatorScore.gte');
  });

  test('a missed ≤ target is mirrored: 10 × 5 ÷ 6.25 = 8', () => {
    const s = scoreProject(project({ indicators: [{ name: '单座泵站维修成本', target: '≤5万元', actual: '6.25万元', weight: 10, score: 10 }] }));
    const i = s.indicators[0]!;
    assert.equal(toPlainString(i.score!), '8');
    assert.equal(i.figure?.comparison, 'differs', 'full marks although the cost target was missed');
  });

  test('a zero target must be met exactly: 1 accident against 0 scores nothing', () => {
    const s = scoreProject(project({ indicators: [{ name: '安全事故', target: '0次', actual: '1次', weight: 5, score: 5 }] }));
    assert.equal(toPlainString(s.indicators[0]!.score!), '0');
  });

  test('a target split over 指标值 and 度量单位 reads as one: 5000 亩 met by 5200 亩', () => {
    const s = scoreProject(project());
    const i = s.indicators[3]!;
    assert.equal(toPlainString(i.score!), '30');
    assert.deepEqual(i.flags, ['met']);
  });

  test('a qualitative indicator keeps its self-score, flagged outside the band of its result', () => {
    const inBand = scoreProject(project({ indicators: [{ name: '管护机制', target: '健全', actual: '部分达成', weight: 10, score: 7 }] })).indicators[0]!;
    assert.equal(toPlainString(inBand.score!), '7');
    assert.equal(inBand.isComputed, false);
    assert.deepEqual(inBand.flags, ['qualitative']);
    const outside = scoreProject(project({ indicators: [{ name: '管护机制', target: '健全', actual: '部分达成', weight: 10, score: 10 }] })).indicators[0]!;
    assert.deepEqual(outside.flags, ['qualitative', 'qualitative-outside-band']);
    const stated = scoreProject(project({ indicators: [{ name: '管护机制', target: '健全', actual: '已建立', qualitativeResult: 'not-achieved', weight: 10, score: 7 }] })).indicators[0]!;
    assert.ok(stated.flags.includes('qualitative-outside-band'));
  });

  test('a self-score above its weight is flagged', () => {
    const s = scoreProject(project({ indicators: [{ name: '泵站维修数量', target: '12座', actual: '12座', weight: 15, score: 16 }] }));
    assert.ok(s.indicators[0]!.flags.includes('above-weight'));
  });

  test('总分 = 执行率得分 + Σ 指标得分 = 97.67 (rounded), grade 优, printed total matches', () => {
    const s = scoreProject(project());
    assert.equal(s.total.outcome.kind, 'value');
    assert.equal(toFixed(s.total.outcome.kind === 'value' ? s.total.outcome.value : s.max, 2), '97.67');
    assert.equal(s.total.comparison, 'match');
    assert.deepEqual([s.isComplete, s.isVerifiable], [true, true]);
    assert.equal(s.grade.self?.zh, '优');
    assert.equal(s.grade.computed?.zh, '优');
    assert.deepEqual(s.total.inputs.map((i) => i.key), ['execution', 'indicator1', 'indicator2', 'indicator3', 'indicator4', 'indicator5']);
    assert.deepEqual(projectScoreFigures(s).map((f) => f.family), ['executionScore', ...Array(5).fill('indicatorScore'), 'projectScoreTotal']);
  });

  test('a printed total that is not the rule’s sum differs; the grade follows each score (89.99 良, 90 优)', () => {
    const s = scoreProject(project({ total: '99', indicators: [{ name: '渠道清淤长度', target: '≥30公里', actual: '24公里', weight: 90, score: 89.99 }] }));
    // 9 + 90 × 24 ÷ 30 = 81.
    assert.equal(plain(s.total.outcome), '81');
    assert.equal(s.total.comparison, 'differs');
    assert.equal(s.grade.computed?.zh, '良');
    assert.equal(scoreProject(project({ total: '90' })).grade.self?.zh, '优');
    assert.equal(scoreProject(project({ total: '89.99' })).grade.self?.zh, '良');
  });

  test('a qualitative part’s self-score stands in the sum; a part without any score leaves the total incomplete', () => {
    const s = scoreProject(project({ indicators: [{ name: '管护机制', target: '健全', actual: '健全', weight: 90, score: 85 }], total: 94 }));
    assert.equal(plain(s.total.outcome), '94');
    assert.deepEqual([s.isComplete, s.isVerifiable], [true, false]);
    assert.equal(s.grade.computed?.zh, '优');
    const gap = scoreProject(project({ indicators: [{ name: '管护机制', target: '健全', actual: '健全', weight: 90 }], total: 94 }));
    assert.deepEqual([gap.isComplete, gap.isVerifiable], [false, false]);
    assert.equal(gap.grade.computed, undefined);
    assert.deepEqual(gap.total.outcome.kind === 'value' && gap.total.outcome.flags, ['incomplete', 'self-scores-stand']);
  });

  test('amounts in 元 and 万元 in one row are compared exactly', () => {
    const s = scoreProject(project({ funds: { total: { adjustedBudget: '2400000 元', actualSpending: '180 万元', weight: 10, score: '7.5' } } }));
    assert.equal(plain(s.execution!.outcome), '7.5');
  });

  test('a zero budget gives no rate, not 0 or Infinity', () => {
    const s = scoreProject(project({ funds: { total: { adjustedBudget: '0 万元', actualSpending: '0 万元', weight: 10 } } }));
    assert.deepEqual(s.execution!.outcome, { kind: 'not-applicable', code: 'zero-denominator' });
  });
});

describe('projectScoreReport: the project score in the rubric engine’s shape', () => {
  const rubric = loadMof2020();

  test('groups 预算执行 and each 一级指标 under the rubric’s ids, weights as printed, self-scores on the groups', () => {
    const r = projectScoreReport(project(), rubric);
    assert.deepEqual(r.items.map((i) => [i.id, i.path.join('/'), toPlainString(i.weight), i.self && toPlainString(i.self), i.computed && toPlainString(i.computed)]), [
      ['execution-rate', '预算执行', '10', '9', '9'],
      ['outputs', '产出指标', '50', '48.67', '48.67'],
      ['outcomes', '效益指标', '30', '30', '30'],
      ['satisfaction', '满意度指标', '10', '10', '10'],
    ]);
    const leaf = r.items[1]!.children![0]!;
    assert.deepEqual([leaf.path, leaf.self, leaf.verifiable, leaf.basis?.zh], [['产出指标', '渠道清淤长度'], undefined, true, '20 × 28 ÷ 30 = 18.67（≥30公里，完成 28公里）']);
    assert.equal(toPlainString(r.total.computed), '97.67');
    assert.equal(toPlainString(r.total.printedSelf!), '97.67');
    assert.deepEqual([r.grade.self?.zh, r.grade.computed?.zh], ['优', '优']);
    assert.deepEqual(r.problems, []);
  });

  test('scoreEvaluation scores a project form by it; a group self-score above its weight is a problem', () => {
    const p = project({ indicators: [{ level1: '产出指标', name: '泵站维修数量', target: '12座', actual: '12座', weight: 15, score: 16 }] });
    const r = scoreEvaluation({ department: {}, year: 2023, documentKind: 'project-form', project: p } as never, rubric);
    assert.equal(r.items[1]!.id, 'outputs');
    assert.deepEqual(r.problems.map((x) => [x.code, x.path.join('.')]), [['self-score-above-weight', 'project.indicators']]);
    assert.equal(r.items[1]!.self, undefined, 'the row above its weight is reported where it is printed, not again as its group');
    assert.equal(toPlainString(r.total.computed), '24');
  });

  test('an indicator without any score leaves the computed grade out', () => {
    const r = projectScoreReport(project({ indicators: [{ level1: '产出指标', name: '管护机制', target: '健全', actual: '健全', weight: 90 }] }), rubric);
    assert.equal(toPlainString(r.unscoredWeight), '90');
    assert.equal(r.grade.computed, undefined);
  });
});

function loadMof2020() {
  const r = parseRubric(parse(readFileSync(new URL('../../../rubrics/mof-2020.yaml', import.meta.url), 'utf8')));
  assert.ok(r.ok);
  return r.value;
}
