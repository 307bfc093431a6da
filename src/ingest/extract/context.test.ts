/**
 * What every extractor relies on: reading a cell as a number or a rate (and refusing what is not one), the unit a
 * table's note declares, where a cell or a clause was printed, and a field once set not being overwritten.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellNumber, cellPercent, moneyText, put, putMoney, sourceAt, sourceInParagraph, unitFromNotes } from './context.ts';
import { FILE, extract, foundList, row, textDocument, valueAt } from './testing.ts';

describe('reading cells', () => {
  it('a number cell as the file format writes it', () => {
    assert.equal(cellNumber('1,234.56'), '1234.56');
    assert.equal(cellNumber(' 1 234.56 '), '1234.56');
    assert.equal(cellNumber('（12.00）'), '12.00');
    assert.equal(cellNumber('-3.5'), '-3.5');
    assert.equal(cellNumber('860.00万元'), '860.00');
  });

  it('what is not one number is refused, not half-read', () => {
    for (const cell of ['12O0.50', '约100', '100-200', '95%', '—', '', '1,23,4', '2024年']) assert.equal(cellNumber(cell), undefined, cell);
  });

  it('a percentage cell, spaces dropped; anything else refused', () => {
    assert.equal(cellPercent('95.50%'), '95.50%');
    assert.equal(cellPercent('100 %'), '100%');
    assert.equal(cellPercent('-2.1%'), '-2.1%');
    for (const cell of ['95.50', '约95%', '95%以上', '九成']) assert.equal(cellPercent(cell), undefined, cell);
  });

  it('moneyText keeps the decimal digits and drops separators (a 亿 multiplier is the caller’s business)', () => {
    assert.equal(moneyText('12,345,678.90万元'), '12345678.90');
    assert.equal(moneyText('1.2亿元'), '1.2');
  });
});

describe('unit notes', () => {
  it('the table’s unit, or the unit a note gives one part', () => {
    assert.equal(unitFromNotes(['单位：万元']), '万元');
    assert.equal(unitFromNotes(['（金额单位：元）']), '元');
    assert.equal(unitFromNotes(['金额单位：基本支出：万元，项目支出：元'], '项目支出'), '元');
    assert.equal(unitFromNotes(['金额单位：基本支出：万元，项目支出：元'], '基本支出'), '万元');
  });

  it('a note that names no money unit (单位：个) says nothing', () => {
    assert.equal(unitFromNotes(['单位：个']), undefined);
    assert.equal(unitFromNotes([]), undefined);
  });
});

describe('sources', () => {
  it('a cell’s source: the line, a 1-based column, the section and the text', () => {
    const ctx = extract(textDocument('一、部门资金情况', row('年初预算数', '1,234.56')), () => {});
    assert.deepStrictEqual(sourceAt(ctx, 1, 1, '年初预算数 1,234.56'), { file: FILE, line: 2, section: '一、部门资金情况', column: 2, text: '年初预算数 1,234.56' });
  });

  it('a clause of a long paragraph: the clause, not the paragraph', () => {
    const long = `${'本馆持续开展公共文化服务。'.repeat(12)}全年决算数为1,045.00万元，预算执行率为95.00%。`;
    const ctx = extract(textDocument(long), () => {});
    const p = ctx.seg.paragraphs[0]!;
    const at = long.indexOf('1,045.00');
    assert.deepStrictEqual(sourceInParagraph(ctx, p, at, at + 8), { file: FILE, line: 1, text: '全年决算数为1,045.00万元，预算执行率为95.00%。' });
  });

  it('an over-long source text is cut to an excerpt around its middle', () => {
    const ctx = extract(textDocument('x'), () => {});
    const text = sourceAt(ctx, 0, undefined, '甲'.repeat(400)).text!;
    assert.ok(text.length <= 162 && text.startsWith('…') && text.endsWith('…'), text);
  });
});

describe('put', () => {
  it('a field once set is kept, and the report lists it once', () => {
    const ctx = extract(textDocument('x'), (c) => {
      putMoney(c, 'budget.initialBudget', { value: '100.00', unit: '万元' }, { file: FILE, line: 1 });
      assert.equal(putMoney(c, 'budget.initialBudget', { value: '200.00', unit: '万元' }, { file: FILE, line: 2 }), false);
    });
    assert.deepStrictEqual(valueAt(ctx, 'budget.initialBudget'), { value: '100.00', unit: '万元', source: { file: FILE, line: 1 } });
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '100.00 万元' });
  });

  it('overwrite replaces the value and its report entry', () => {
    const ctx = extract(textDocument('x'), (c) => {
      put(c, 'year', 2023, '2023', { file: FILE, line: 1 });
      put(c, 'year', 2024, '2024', { file: FILE, line: 5 }, true);
    });
    assert.equal(valueAt(ctx, 'year'), 2024);
    assert.deepStrictEqual(ctx.found, [{ path: 'year', value: '2024', source: { file: FILE, line: 5 } }]);
  });
});
