import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRanking } from './ranking.ts';

const row = (computedScore: string | null, maxScore: string | null, errors = 0, warnings = 0, selfScore: string | null = null) => ({ computedScore, selfScore, maxScore, errors, warnings });

test('shares of different full marks compare exactly; self-score stands in; no score last; ties to fewer errors, then warnings', () => {
  const rows = [row(null, null, 0), row('18.43', '20'), row('93.86', '100'), row('90', '100', 2), row('90', '100', 1, 5), row('90', '100', 1, 1), row(null, '100', 0, 0, '95'), row('0.1', '0.3')];
  const sorted = [...rows].sort(compareRanking);
  assert.deepEqual(sorted.map((r) => `${r.computedScore ?? r.selfScore}/${r.maxScore}:${r.errors}/${r.warnings}`), [
    '95/100:0/0',
    '93.86/100:0/0',
    '18.43/20:0/0',
    '90/100:1/1',
    '90/100:1/5',
    '90/100:2/0',
    '0.1/0.3:0/0',
    'null/null:0/0',
  ]);
  // 1/3 and 33.3333333333333333/100 differ by less than a float can tell at this size? Exact fractions still order them.
  assert.ok(compareRanking(row('1', '3'), row('33.3333333333333333', '100')) < 0);
});
