import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ZERO } from '../exact.ts';
import { GRADES, gradeOf } from '../rubric/engine.ts';
import { DEFAULT_RESULT_USE_RULE, RECOMMENDATIONS, RESULT_USE_RULES, recommendationFor, resultUseRuleById, resultUseRuleFor } from './result-use.ts';

test('every rule gives every grade a known recommendation; ids are unique; one default', () => {
  const ids = RESULT_USE_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(RESULT_USE_RULES.filter((r) => r.regionId === null).length, 1);
  for (const rule of RESULT_USE_RULES) {
    for (const g of GRADES) assert.ok(RECOMMENDATIONS.includes(rule.byGrade[g.id]), `${rule.id} ${g.id}`);
    assert.deepEqual(Object.keys(rule.byGrade).sort(), GRADES.map((g) => g.id).sort());
  }
});

test('the default: 优 优先保障, 良 保障, 中 压缩, 差 取消', () => {
  const zh = GRADES.map((g) => `${g.zh} ${recommendationFor(g.id).label.zh}`);
  assert.deepEqual(zh, ['优 优先保障', '良 保障', '中 压缩', '差 取消']);
  assert.equal(recommendationFor(gradeOf({ n: 90n, d: 1n }).id).recommendation, 'priority');
  assert.equal(recommendationFor(gradeOf({ n: 8999n, d: 100n }).id).recommendation, 'keep');
  assert.equal(recommendationFor(gradeOf(ZERO).id).label.en, 'cancel');
});

test('a region without its own rule gets the default', () => {
  assert.equal(resultUseRuleFor('region-a', 2024), DEFAULT_RESULT_USE_RULE);
  assert.equal(resultUseRuleFor(undefined), DEFAULT_RESULT_USE_RULE);
  assert.equal(resultUseRuleById('default'), DEFAULT_RESULT_USE_RULE);
  assert.equal(resultUseRuleById('none'), undefined);
});
