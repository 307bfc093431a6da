import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPath } from '../problem.ts';
import { type ReturnReason, parsePath, placeReasons, reasonsAt, reasonsUnder, rubricItemRefs } from './reasons.ts';

/** An invented evaluation version, as stored (plain data). */
const evaluation = {
  department: { name: '示例水务局' },
  year: 2023,
  budget: { adjustedBudget: '1200.00', actualSpending: '1100.00' },
  indicators: [
    { level1: '产出', name: '管网巡查次数', target: '120', actual: '118' },
    { level1: '效益', name: '供水达标率', target: '95%', actual: '' },
  ],
  selfScores: {
    items: [
      { item: '预算执行率', score: '9' },
      { item: '产出/数量', score: '8' },
    ],
  },
};

const rubric = {
  items: [
    { name: '决策', id: 'decision', weight: 10, items: [{ name: '目标设定', weight: 10, method: 'judgement' }] },
    { name: '过程', weight: 20, items: [{ name: '预算执行率', id: 'exec-rate', weight: 10, method: 'judgement' }] },
    { name: '产出', weight: 40, items: [{ name: '数量', weight: 40, method: 'judgement' }] },
  ],
} as unknown as Parameters<typeof rubricItemRefs>[0];

test('paths read back as they print', () => {
  for (const text of ['budget.actualSpending', 'indicators[1].actual', 'selfScores.items[0]', 'subordinates[12].budget.initialBudget']) {
    assert.equal(formatPath(parsePath(text)), text);
  }
  assert.deepEqual(parsePath('indicators[3].actual'), ['indicators', 3, 'actual']);
});

test('rubric items get the ids the rubric engine gives them: their id, else their path', () => {
  assert.deepEqual(
    rubricItemRefs(rubric).map((i) => i.id),
    ['decision', '决策/目标设定', '过程', 'exec-rate', '产出', '产出/数量'],
  );
});

test('each reason lands beside its field, its rubric item and the self-score scoring it; none is lost', () => {
  const reasons: ReturnReason[] = [
    { text: '实际支出与决算报表不符', path: ['budget', 'actualSpending'] },
    { text: '完成值未填', path: ['indicators', 1, 'actual'] },
    { text: '执行率自评偏高', rubricItem: 'exec-rate' },
    { text: '数量指标扣分理由不足', rubricItem: '产出/数量' },
    { text: '请补充佐证材料' },
    { text: '目标设定未自评', rubricItem: '目标设定' },
    { text: '删去的一行', path: ['indicators', 7] },
  ];
  const placed = placeReasons(reasons, evaluation, rubricItemRefs(rubric));
  const texts = (list: readonly { reason: ReturnReason }[]) => list.map((p) => p.reason.text);

  assert.deepEqual(texts(reasonsAt(placed, ['budget', 'actualSpending'])), ['实际支出与决算报表不符']);
  assert.equal(reasonsAt(placed, ['budget', 'actualSpending'])[0]!.isPresent, true);
  const empty = reasonsAt(placed, ['indicators', 1, 'actual']);
  assert.deepEqual(texts(empty), ['完成值未填']);
  assert.equal(empty[0]!.isPresent, false, 'an empty field is still where the reason shows');
  assert.deepEqual(texts(reasonsAt(placed, ['selfScores', 'items', 0])), ['执行率自评偏高']);
  assert.deepEqual(texts(reasonsAt(placed, ['selfScores', 'items', 1])), ['数量指标扣分理由不足']);
  assert.deepEqual(texts(placed.byRubricItem.get('exec-rate') ?? []), ['执行率自评偏高']);
  assert.deepEqual(texts(placed.byRubricItem.get('产出/数量') ?? []), ['数量指标扣分理由不足']);
  // Named by name, scored by no self-score entry: it shows at the rubric item only.
  const unscored = placed.byRubricItem.get('决策/目标设定') ?? [];
  assert.deepEqual(texts(unscored), ['目标设定未自评']);
  assert.equal(unscored[0]!.at, undefined);
  assert.deepEqual(texts(placed.general), ['请补充佐证材料']);
  assert.equal(reasonsAt(placed, ['indicators', 7])[0]!.isPresent, false);

  assert.deepEqual(texts(reasonsUnder(placed, ['indicators'])), ['完成值未填', '删去的一行']);
  assert.deepEqual(texts(reasonsUnder(placed, ['selfScores'])), ['执行率自评偏高', '数量指标扣分理由不足']);
  assert.equal(reasonsUnder(placed, ['indicator']).length, 0, 'a prefix of a name is not a parent');

  const everywhere = new Set([...placed.byField.values(), ...placed.byRubricItem.values(), placed.general].flat().map((p) => p.index));
  assert.deepEqual([...everywhere].sort((a, b) => a - b), reasons.map((_, i) => i));
});

test('without a rubric, a reason names its item as the self-score entry does', () => {
  const placed = placeReasons([{ text: '偏高', rubricItem: '预算执行率' }], evaluation);
  assert.equal(reasonsAt(placed, ['selfScores', 'items', 0]).length, 1);
  assert.equal(placed.byRubricItem.get('预算执行率')?.length, 1);
  assert.equal(placeReasons([{ text: 'x', rubricItem: '无此项' }], {}).byRubricItem.get('无此项')?.[0]?.isPresent, false);
});
