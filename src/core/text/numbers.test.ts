import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toPlainString } from '../exact.ts';
import { extractFacts } from './facts.ts';
import { asMoney, parseNumberText, percentText, scanNumbers, uncertainNumbers } from './numbers.ts';
import { SENTENCE_REACH } from './reach.ts';

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

test('a run of digits longer than any figure (20 before the point, 12 after) is not read as a number', () => {
  assert.deepEqual(show(`预算 ${'9'.repeat(30)} 元，另开展检查 12 次，比例 0.${'1'.repeat(20)}%，0.${'2'.repeat(13)}%`), ['12次']);
  assert.equal(parseNumberText('9'.repeat(21)), undefined);
  assert.equal(toPlainString(parseNumberText('99,999,999,999,999,999,999.5')!), '99999999999999999999.5');
});

test('a clause of 40,000 characters without a break: every figure is a fact, each subject at most SENTENCE_REACH long', () => {
  const text = '开展检查12次和'.repeat(5000);
  const facts = extractFacts(text);
  assert.equal(facts.length, 5000);
  assert.ok(facts.every((f) => f.subject.length <= SENTENCE_REACH && f.clause.length <= 2 * SENTENCE_REACH + 10));
  assert.equal(facts[0]!.subject, '开展检查');
  assert.equal(facts[1]!.subject, '开展检查12次和开展检查');
});

test('figures in a title 《…》 are not facts, before or after other figures', () => {
  const facts = extractFacts('全年开展检查 40 次，印发《关于开展检查 12 次的通知》，组织演练 3 场，《未闭合标题 5 次');
  assert.deepEqual(facts.map((f) => `${f.subject}${f.printed}${f.unit}`), ['开展检查40次', '组织演练3场', '《未闭合标题5次']);
});

test('extractFacts in one pass finds what a search from each figure finds (texts shorter than SENTENCE_REACH)', () => {
  // The reference: the clause start, end and open title searched again from each figure, as before.
  const BREAK = /[，,。；;！？、：:\n（）()]/;
  const LEADING = /^(?:[一二三四五六七八九十]是|其中|同时|另外|此外|以及|并且|并|且|共计|共|累计|合计|总计|全年|全区|全市|今年以来|年内|已|达到?|为|是|有|约|近|超过|均)+/;
  const TRAILING = /(?:共计|共|累计|合计|总计|达到?|为|是|约|近|超过|逾|了|有)+$/;
  const reference = (text: string) =>
    scanNumbers(text).flatMap((t) => {
      if (!t.unit || t.unit === '%' || ['年', '月', '日', '天', '周', '个月', '小时', '分', '级'].includes(t.unit)) return [];
      if (/^[月日号]/.test(text.slice(t.end, t.end + 2))) return [];
      const open = text.lastIndexOf('《', t.start);
      if (open >= 0 && text.indexOf('》', open) > t.start) return [];
      let s = t.start;
      while (s > 0 && !BREAK.test(text[s - 1]!)) s--;
      const subject = text.slice(s, t.start).replace(/\s+/g, '').replace(LEADING, '').replace(TRAILING, '');
      if (subject.length < 2 || /^[\d.]+$/.test(subject) || subject === '第') return [];
      let e = t.end;
      while (e < text.length && !BREAK.test(text[e]!)) e++;
      return [{ subject, start: t.start, clause: text.slice(s, e) }];
    });
  const piece = fc.constantFrom('开展检查', ' 12 ', '40', '次', '人次', '万元', '，', '。', '、', '《', '》', '（', '）', '2022年', '3月', '组织', '\n', '余', '约', '共', '第');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(
        extractFacts(text).map((f) => ({ subject: f.subject, start: f.start, clause: f.clause })),
        reference(text),
      );
    }),
    { numRuns: 3000 },
  );
});

test('figures whose reading is uncertain are named, certain ones and ordinary text are not', () => {
  assert.deepEqual(uncertainNumbers('全年执行数1 234万元'), ['1 234']);
  assert.deepEqual(uncertainNumbers('任务1 234.56万元'), ['1 234.56']);
  assert.deepEqual(uncertainNumbers('共检查1，234家'), ['1，234']);
  assert.deepEqual(uncertainNumbers('完成10O次，l0月'), ['10O', 'l0']);
  assert.deepEqual(uncertainNumbers('1 23'), ['1 23']);
  for (const s of ['1234.56', '1,234.56', '2023 年 12 月', '预算执行率 10 100% 10', '执行率 92.59% 9.26', 'ISO9001', 'GB50016', '1、2、3', '第1，2项']) assert.deepEqual(uncertainNumbers(s), [], s);
});
