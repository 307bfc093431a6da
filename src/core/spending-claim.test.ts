import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toPlainString } from './exact.ts';
import { claimsAheadOfSpending, sharePercent } from './spending-claim.ts';

test('a self-score share more than 10 points ahead of the execution rate is flagged, exactly at the edge not', () => {
  assert.equal(claimsAheadOfSpending({ selfScore: '95', maxScore: '100', executionRate: '84.99' }), true);
  assert.equal(claimsAheadOfSpending({ selfScore: '95', maxScore: '100', executionRate: '85' }), false);
  // A 20-point rubric: 18.43 / 20 = 92.15%.
  assert.equal(claimsAheadOfSpending({ selfScore: '18.43', maxScore: '20', executionRate: '82.14' }), true);
  assert.equal(claimsAheadOfSpending({ selfScore: '18.43', maxScore: '20', executionRate: '82.15' }), false);
  assert.equal(claimsAheadOfSpending({ selfScore: null, maxScore: '100', executionRate: '50' }), undefined);
  assert.equal(claimsAheadOfSpending({ selfScore: '90', maxScore: '100' }), undefined);
  assert.equal(toPlainString(sharePercent('18.43', '20')!), '92.15');
  assert.equal(sharePercent('1', '0'), undefined);
});
