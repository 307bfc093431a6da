import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Exact, eq, parseExact, toPlainString } from '../exact.ts';
import {
  type HeaderExpr,
  type Interval,
  evaluateHeaderFormula,
  evaluateHeaderInterval,
  formulaText,
  intervalsMeet,
  isRatioFormula,
  markNumber,
  parseColumnLabel,
  parseHeaderFormula,
  printedInterval,
} from './header-formula.ts';

const ex = (s: string): Exact => parseExact(s)!;

function parsed(text: string): HeaderExpr {
  const r = parseHeaderFormula(text);
  assert.ok(r.ok, `${text} should parse: ${r.ok ? '' : `${r.reason} at ${r.at}`}`);
  return r.expr;
}

function value(text: string, values: Record<string, string>): string | undefined {
  const v = evaluateHeaderFormula(parsed(text), (m) => (values[m] === undefined ? undefined : ex(values[m]!)));
  return v === undefined ? undefined : toPlainString(v);
}

describe('printed header formulas', () => {
  test('marks ① to ⑳ stand for 1 to 20, anything else for 0', () => {
    assert.equal(markNumber('①'), 1);
    assert.equal(markNumber('⑦'), 7);
    assert.equal(markNumber('⑳'), 20);
    assert.equal(markNumber('1'), 0);
    assert.equal(markNumber('㉑'), 0);
  });

  test('the funding-structure formulas, each typed several ways', () => {
    const row = { '①': '1000', '②': '200', '③': '1200', '④': '900', '⑥': '300' };
    for (const f of ['①+②', '①＋②', ' ① + ② ', '=①+②']) assert.equal(value(f, row), '1200', f);
    for (const f of ['④/③', '④÷③', '④／③']) assert.equal(value(f, row), '0.75', f);
    for (const f of ['③-④', '③−④', '③－④', '③–④']) assert.equal(value(f, row), '300', f);
    assert.equal(value('⑥/③', row), '0.25');
    assert.equal(value('④/③×100%', row), '0.75');
    assert.equal(value('④*③', { '④': '2', '③': '3' }), '6');
  });

  test('precedence and brackets: × ÷ before + −, left to right, full-width brackets', () => {
    const row = { '①': '10', '②': '4', '③': '2' };
    assert.equal(value('①-②-③', row), '4');
    assert.equal(value('①-(②-③)', row), '8');
    assert.equal(value('①-（②-③）', row), '8');
    assert.equal(value('①+②×③', row), '18');
    assert.equal(value('(①+②)×③', row), '28');
    assert.equal(value('①÷②÷③', row), '1.25');
    assert.equal(value('-①+②', row), '-6');
  });

  test('the marks are collected in order of first use', () => {
    const r = parseHeaderFormula('(③-④)÷③');
    assert.ok(r.ok);
    assert.deepEqual(r.marks, ['③', '④']);
  });

  test('a missing mark or a zero divisor gives no value, never a throw', () => {
    assert.equal(value('①+②', { '①': '1' }), undefined);
    assert.equal(value('④/③', { '④': '1', '③': '0' }), undefined);
  });

  test('bad formulas are values with the place of the fault', () => {
    assert.deepEqual(parseHeaderFormula(''), { ok: false, reason: 'empty', at: 0 });
    assert.deepEqual(parseHeaderFormula('①+'), { ok: false, reason: 'unexpected', at: 2 });
    assert.deepEqual(parseHeaderFormula('①+②)'), { ok: false, reason: 'unexpected', at: 3 });
    assert.deepEqual(parseHeaderFormula('(①+②'), { ok: false, reason: 'unclosed', at: 4 });
    assert.deepEqual(parseHeaderFormula('①+合计'), { ok: false, reason: 'unexpected', at: 2 });
    assert.deepEqual(parseHeaderFormula('①②'), { ok: false, reason: 'unexpected', at: 1 });
  });

  test('formula text is written back with the operators a reader expects and only needed brackets', () => {
    assert.equal(formulaText(parsed('①+②')), '①+②');
    assert.equal(formulaText(parsed('④/③')), '④÷③');
    assert.equal(formulaText(parsed('③-④')), '③−④');
    assert.equal(formulaText(parsed('(③-④)/③')), '(③−④)÷③');
    assert.equal(formulaText(parsed('①-(②+③)')), '①−(②+③)');
    assert.equal(formulaText(parsed('(①+②)+③')), '①+②+③');
    assert.equal(formulaText(parsed('④/③*100%')), '④÷③×100%');
  });

  test('a ratio is a formula whose last step divides, possibly scaled by 100%', () => {
    assert.equal(isRatioFormula(parsed('④/③')), true);
    assert.equal(isRatioFormula(parsed('④/③×100%')), true);
    assert.equal(isRatioFormula(parsed('(③-④)/③')), true);
    assert.equal(isRatioFormula(parsed('①+②')), false);
    assert.equal(isRatioFormula(parsed('③-④/③')), false);
  });
});

describe('column labels', () => {
  test('a label gives its name, mark and formula', () => {
    assert.deepEqual(parseColumnLabel('小计③=①+②'), { name: '小计', mark: '③', formula: '①+②' });
    assert.deepEqual(parseColumnLabel('支出实现率⑤=④/③'), { name: '支出实现率', mark: '⑤', formula: '④/③' });
    assert.deepEqual(parseColumnLabel('结余⑥＝③－④'), { name: '结余', mark: '⑥', formula: '③－④' });
    assert.deepEqual(parseColumnLabel('支出实现率（⑤=④/③）'), { name: '支出实现率', mark: '⑤', formula: '④/③' });
    assert.deepEqual(parseColumnLabel('结余率⑦=(③-④)/③'), { name: '结余率', mark: '⑦', formula: '(③-④)/③' });
    assert.deepEqual(parseColumnLabel('年初安排①'), { name: '年初安排', mark: '①' });
    assert.deepEqual(parseColumnLabel('拨付（④）'), { name: '拨付', mark: '④' });
    assert.deepEqual(parseColumnLabel('备注'), { name: '备注' });
  });
});

describe('intervals: what rounding explains', () => {
  const iv = (v: string, d: number): Interval => printedInterval(ex(v), d);
  const run = (text: string, values: Record<string, Interval>) => evaluateHeaderInterval(parsed(text), (m) => values[m]);

  test('a printed figure stands for ± half a unit of its last place', () => {
    const i = iv('12.34', 2);
    assert.ok(eq(i.lo, ex('12.335')) && eq(i.hi, ex('12.345')));
  });

  test('1.23 + 1.23 printed as 2.47 is what rounding of 1.234 + 1.234 gives; 2.49 is not', () => {
    const sum = run('①+②', { '①': iv('1.23', 2), '②': iv('1.23', 2) })!;
    assert.ok(intervalsMeet(sum, iv('2.47', 2)));
    assert.ok(intervalsMeet(sum, iv('2.46', 2)));
    assert.equal(intervalsMeet(sum, iv('2.49', 2)), false);
  });

  test('subtraction widens by both ends; division by a range away from zero bounds the ratio', () => {
    const d = run('③-④', { '③': iv('10', 0), '④': iv('4', 0) })!;
    assert.ok(eq(d.lo, ex('5')) && eq(d.hi, ex('7')));
    const r = run('④/③', { '④': iv('900.00', 2), '③': iv('1200.00', 2) })!;
    assert.ok(intervalsMeet(r, { lo: ex('0.75'), hi: ex('0.75') }));
    assert.equal(intervalsMeet(r, iv('0.7501', 4)), false);
  });

  test('a divisor that may be zero says nothing', () => {
    assert.equal(run('④/③', { '④': iv('1', 0), '③': iv('0.00', 2) }), undefined);
  });

  test('negation and products of ranges keep their ends in order', () => {
    const n = run('-①', { '①': iv('2', 0) })!;
    assert.ok(eq(n.lo, ex('-2.5')) && eq(n.hi, ex('-1.5')));
    const p = run('①×②', { '①': iv('-1', 0), '②': iv('2', 0) })!;
    assert.ok(eq(p.lo, ex('-3.75')) && eq(p.hi, ex('-0.75')));
  });
});
