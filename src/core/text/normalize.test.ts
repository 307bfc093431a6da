import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compactLabel, decodeEntities, foldWidth, joinSpacedDecimals, normalizeFully, normalizeText, pageNumberLine, repairOcrDigits, repairYuan, stripMarkup } from './normalize.ts';

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
    fc.constantFrom('<p>', '</p>', '<b>', '**', '&nbsp;', '&#x4e07;', '&amp;', '３２．５％', '\t', '\n', '\u3000', '3286. 80', '1. 2', '≤', '<', '>', '&', '1O', 'l', 'O', '.', ' .', '，', '234', '兀', '万兀'),
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

test('figures an OCR step misread are repaired where the digit position is certain, and only there', () => {
  assert.equal(normalizeText('执行数1O0.5万元'), '执行数100.5万元');
  assert.equal(normalizeText('完成率2l.3%'), '完成率21.3%');
  assert.equal(normalizeText('共1I0家'), '共110家');
  assert.equal(normalizeText('为1O0.5.'), '为100.5.');
  // No digit on one side, or a code: left as written.
  for (const s of ['10O', 'O.5', 'l0', 'ISO9001', 'GB50O16', 'Word 2010', 'IOl']) assert.equal(repairOcrDigits(s), s);
});

test('兀 read for 元 in a unit position becomes 元; the word 兀 stays', () => {
  assert.equal(normalizeText('实际支出 5.2 万兀'), '实际支出 5.2 万元');
  assert.equal(normalizeText('单位：万兀'), '单位：万元');
  assert.equal(normalizeText('金额单位：兀'), '金额单位：元');
  assert.equal(normalizeText('年初预算数（兀）'), '年初预算数（元）');
  assert.equal(normalizeText('采购120兀'), '采购120元');
  assert.equal(repairYuan('山势突兀，兀自矗立'), '山势突兀，兀自矗立');
});

test('thousands separators, full-width digits and split figures are joined only when the reading is certain', () => {
  assert.equal(normalizeText('１２３．４５'), '123.45');
  assert.equal(normalizeText('合计1，234.56万元'), '合计1,234.56万元');
  assert.equal(normalizeText('全年预算数1，620万元'), '全年预算数1,620万元');
  assert.equal(normalizeText('１２，３４５，６７８元'), '12,345,678元');
  assert.equal(normalizeText('3286 .80'), '3286.80');
  assert.equal(normalizeText('1 234.56'), '1234.56');
  assert.equal(normalizeText('12 345 678.90 元'), '12345678.90 元');
  // Uncertain: a list, two cells, a label's number — left as written.
  for (const s of ['1，234', '1，234.56，789', '1 234', '任务1 234.56', '１ ２３']) assert.equal(normalizeText(s), foldWidth(s).replace(/\s+/g, ' ').trim(), s);
});

test('running page headers and footers are recognised; data lines are not', () => {
  for (const s of ['— 3 —', '- 3 -', '-3-', '－ 12 －', '第 2 页 共 5 页', '第2页', '第2页，共5页', '共5页 第2页', 'Page 3 of 12']) assert.equal(pageNumberLine(s), 'certain', s);
  for (const s of ['3/12', '3 / 12']) assert.equal(pageNumberLine(s), 'possible', s);
  for (const s of ['3', '12/3', '- 3 项', '第2页内容', '3286.80', '-3', '2023年第2页的表格说明了各项目的执行情况']) assert.equal(pageNumberLine(s), undefined, s);
});

test('radical code points a PDF font leaves (项⽬, 部⻔, ⻓期) read as the characters they stand for', async () => {
  const { foldRadicals, normalizeText } = await import('./normalize.ts');
  assert.equal(foldRadicals('项⽬名称'), '项目名称');
  assert.equal(foldRadicals('主管部⻔'), '主管部门');
  assert.equal(normalizeText('⻓期 ⻘年 ⾦额'), '长期 青年 金额');
  // Nothing to fold: the same string back.
  const plain = '年初预算数 1,580.50';
  assert.equal(foldRadicals(plain), plain);
});

test('the quick test skips only text that no step would change (property, and every line of the seeds)', async () => {
  const fc = (await import('fast-check')).default;
  const { readFileSync, readdirSync } = await import('node:fs');
  const alphabet = ['甲', '乙', '元', '兀', '万', '，', '。', ' ', '  ', '\t', '\n', '\u3000', '\u00a0', '\u200b', '\u2e94', '\u2f6c', '\u2000', '\u2028', '\u1680', '\t', '\r', 'O', 'o', 'I', 'l', '1', '2', '0', '.', '. ', '%', '<', '>', '<b>', '&', '&nbsp;', '*', '**', '_', '__', '３', '．', '，', 'a', '-', '（', '）'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 14 }), (parts) => {
      const s = parts.join('');
      assert.equal(normalizeText(s), normalizeFully(s));
    }),
    { numRuns: 20_000 },
  );
  const seeds = new URL('../../../examples/seeds/', import.meta.url);
  for (const f of readdirSync(seeds)) for (const line of readFileSync(new URL(f, seeds), 'utf8').split('\n')) for (const cell of line.split('\t')) assert.equal(normalizeText(cell), normalizeFully(cell));
});
