/** The audit runner: findings in document order, and a rule that faults costs only its own findings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES, RULES_BY_CODE, audit } from './index.ts';
import { evaluation } from './rules/testing.ts';
import type { RuleImpl } from './rules/rule.ts';

const faulty: RuleImpl = {
  code: 'always-faults',
  category: 'arithmetic',
  severity: 'error',
  title: { zh: '总出错', en: 'always faults' },
  description: { zh: '测试用', en: 'for the test' },
  run: () => {
    throw new RangeError('a bug in the rule');
  },
};

test('a rule that throws leaves one rule-failed finding naming it; every other rule still runs', () => {
  const e = evaluation({ unit: '万元', budget: { initialBudget: 100, adjustedBudget: 120, actualSpending: 150, printed: { executionRate: '80.00%' } } });
  const plain = audit({ evaluation: e });
  const r = audit({ evaluation: e }, [faulty, ...RULES]);
  const failed = r.findings.filter((f) => f.rule === 'rule-failed');
  assert.equal(failed.length, 1);
  assert.match(failed[0]!.message.zh, /规则 always-faults 未能核对这份文件（a bug in the rule）/);
  assert.equal(failed[0]!.severity, 'warning');
  assert.deepEqual(r.findings.filter((f) => f.rule !== 'rule-failed'), plain.findings);
  assert.ok(plain.findings.length > 0, 'the other rules found something to compare');
  assert.equal(RULES_BY_CODE.get('rule-failed')?.title.zh, '规则未能运行');
});
