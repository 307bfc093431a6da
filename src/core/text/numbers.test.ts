import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toPlainString } from '../exact.ts';
import { extractFacts } from './facts.ts';
import { asMoney, parseNumberText, percentText, scanNumbers } from './numbers.ts';

const show = (text: string) => scanNumbers(text).map((t) => `${toPlainString(t.value)}${t.unit ?? ''}${t.isApproximate ? '~' : ''}`);

test('figures with units, multipliers and separators are read exactly', () => {
  assert.deepEqual(show('全区共执法检查各类生产经营单位 1.29 万家次，实施经济处罚 552 万元'), ['12900家次', '552万元']);
  assert.deepEqual(show('27,598,182.86 元，占比 68.21%'), ['27598182.86元', '68.21%']);
  assert.deepEqual(show('组织各类应急救援队伍共 1800 余人，覆盖约 2 万余人次'), ['1800人~', '20000人次~']);
  assert.deepEqual(show('预算 1.5 亿元'), ['1.5亿元']);
  assert.equal(asMoney(scanNumbers('预算 1.5 亿元')[0]!)?.unit, '万元');
  assert.equal(toPlainString(asMoney(scanNumbers('预算 1.5 亿元')[0]!)!.value), '15000');
  assert.equal(percentText(scanNumbers('完成年初预算的 100 %')[0]!), '100');
});

test('codes and URLs are not figures', () => {
  assert.deepEqual(show('GB50016 post_6939999.html'), []);
  assert.equal(parseNumberText('3,027.78') && toPlainString(parseNumberText('3,027.78')!), '3027.78');
  assert.equal(parseNumberText('3,02.78'), undefined);
});

test('narrative facts: subject, number, unit; dates, years and titles skipped', () => {
  const facts = extractFacts('2022年，天河区三防指挥部共启动应急响应61次，全区未收报人民生命财产损失报告。9 月 29 日，举办《天河区 2022 年危险化学品事故应急救援演练》，参演 5.31 万人次。');
  assert.deepEqual(
    facts.map((f) => [f.subject, toPlainString(f.value), f.unit]),
    [
      ['天河区三防指挥部共启动应急响应', '61', '次'],
      ['参演', '53100', '人次'],
    ],
  );
  assert.match(facts[0]!.clause, /启动应急响应61次/);
});

test('fuzz: scanning never throws and tokens lie inside the text in order', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('1,234.5', ' 万元', '万', '余人次', '%', '。', '《', '》', '1.29', '2023年', '5月6日', 'GB5')), { maxLength: 15 }), (parts) => {
      const text = parts.join('');
      const tokens = scanNumbers(text);
      let last = -1;
      for (const t of tokens) {
        if (t.start < last || t.end > text.length || t.start >= t.end) return false;
        last = t.end;
      }
      extractFacts(text);
      return true;
    }),
    { numRuns: 5000 },
  );
});
