import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compactLabel, decodeEntities, foldWidth, joinSpacedDecimals, normalizeText, stripMarkup } from './normalize.ts';

test('markup from web pages is removed, comparison signs survive', () => {
  assert.equal(normalizeText('<p>加强三防能力建设</p>'), '加强三防能力建设');
  assert.equal(normalizeText(' <b>基本支出合计</b> '), '基本支出合计');
  assert.equal(normalizeText('**2023**年全区党政领导干部带队开展安全生产督导检查**4100**余次'), '2023年全区党政领导干部带队开展安全生产督导检查4100余次');
  assert.equal(stripMarkup('比率<5%的，得1分；5%≤比率≤10%'), '比率<5%的，得1分；5%≤比率≤10%');
  assert.equal(normalizeText('a &lt; b &amp; c&nbsp;d &#x4E07;&#20803;'), 'a < b & c d 万元');
  assert.equal(decodeEntities('&bogus; &#xD800; &#99999999;'), '&bogus; &#xD800; &#99999999;');
});

test('full-width digits and signs fold to ASCII; Chinese punctuation stays', () => {
  assert.equal(foldWidth('３２８６．８０％'), '3286.80%');
  assert.equal(normalizeText('预算完成率：９２．９４％，（一）'), '预算完成率：92.94%，（一）');
  assert.equal(foldWidth('a\u3000b\u00a0c\u200bd'), 'a b cd');
});

test('PDF line-wrap spaces inside decimals are joined, list numbers are not', () => {
  assert.equal(joinSpacedDecimals('3286. 80'), '3286.80');
  assert.equal(joinSpacedDecimals('99. 66%'), '99.66%');
  assert.equal(joinSpacedDecimals('共计宣讲5. 1万次'), '共计宣讲5.1万次');
  assert.equal(joinSpacedDecimals('1. 比率<5%的，得1分； 2. 5%≤比率≤10%的'), '1. 比率<5%的，得1分； 2. 5%≤比率≤10%的');
});

test('any Unicode space at the ends is trimmed (found by the fuzzer: U+2028)', () => {
  for (const c of ['\u2028', '\u1680', '\u205f', '\u2029', ' ']) assert.equal(normalizeText(`${c}预算${c}`), '预算', JSON.stringify(c));
});

test('labels compact across OCR spaces', () => {
  assert.equal(compactLabel('部门年初预算 收入'), '部门年初预算收入');
  assert.equal(compactLabel('年度预算调整 数：'), '年度预算调整数');
});

test('fuzz: normalisation never throws, is idempotent and leaves no tags or tabs', () => {
  const piece = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('<p>', '</p>', '<b>', '**', '&nbsp;', '&#x4e07;', '&amp;', '３２．５％', '\t', '\n', '\u3000', '3286. 80', '1. 2', '≤', '<', '>', '&'),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const once = normalizeText(parts.join(''));
      return normalizeText(once) === once && !/<\/?p>|\t/.test(once) && once === once.trim();
    }),
    { numRuns: 5000 },
  );
});

test('markers removed can close up a tag or another marker (found by the fuzzer: "<__A>")', () => {
  for (const s of ['<__A>', '<_**_p>x', '<A<p>>']) {
    const once = normalizeText(s);
    assert.equal(normalizeText(once), once, s);
    assert.ok(!/<[a-zA-Z]/.test(once), once);
  }
});
