/**
 * The budget summary: a form's labelled cells (年初预算数 | 1,234.56) and a report's sentences (年初预算数为…万元),
 * with the printed rates; each figure keeps the cell or clause it was read from. Figures of a part of the budget
 * (基本支出, a project, last year) are not the department's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractBudgetForm, extractBudgetNarrative, tableUnit } from './budget.ts';
import { FILE, extract, foundAt, foundList, row, textDocument, valueAt } from './testing.ts';

/** The money block of a Guangzhou-style form, in the unit its note declares. */
const form = (unitNote: string, ...rows: string[]) =>
  textDocument(
    '部门整体支出绩效自评表',
    unitNote,
    row('部门资金情况', '年初预算数', '1,234.56', '年度预算调整数', '1300.00'),
    row('', '部门调整预算收入', '1300.00', '实际支出数', '1200.50'),
    row('', '预算完成率', '92.35%', '预算调整率', '5.30%'),
    ...rows,
  );

describe('budget form: the clean case', () => {
  it('every labelled cell, in the note’s unit, with the cell it was read from', () => {
    const ctx = extract(form('单位：万元', row('', '其中：一般公共预算', '1100.00')), extractBudgetForm);
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '1234.56 万元',
      'budget.adjustedBudget': '1300.00 万元',
      'budget.adjustedRevenue': '1300.00 万元',
      'budget.actualSpending': '1200.50 万元',
      'budget.printed.executionRate': '92.35%',
      'budget.printed.adjustmentRate': '5.30%',
      'budget.fundSources': '一般公共预算 实际支出 1100.00 万元',
    });
    assert.deepStrictEqual(valueAt(ctx, 'budget.initialBudget'), { value: '1234.56', unit: '万元', source: { file: FILE, line: 3, column: 3, text: '年初预算数 1,234.56' } });
    assert.deepStrictEqual(valueAt(ctx, 'budget.printed.executionRate'), { value: '92.35%', source: { file: FILE, line: 5, column: 3, text: '预算完成率 92.35%' } });
    assert.deepStrictEqual(valueAt(ctx, 'budget.fundSources'), [
      { name: '一般公共预算', actualSpending: { value: '1100.00', unit: '万元', source: { file: FILE, line: 6, column: 3, text: '其中：一般公共预算 1100.00' } } },
    ]);
  });
});

describe('budget form: odd and faulty forms', () => {
  it('a note saying 元 puts every amount in 元', () => {
    const ctx = extract(form('单位：元'), extractBudgetForm);
    assert.equal((valueAt(ctx, 'budget.actualSpending') as { unit: string }).unit, '元');
    assert.equal(tableUnit(ctx.seg.tables[0]), '元');
  });

  it('no unit note: the document default, 万元', () => {
    const ctx = extract(form(''), extractBudgetForm);
    assert.equal((valueAt(ctx, 'budget.initialBudget') as { unit: string }).unit, '万元');
  });

  it('a garbled amount (12O0.50, a letter O) and a rate in a money cell are skipped, not read as numbers', () => {
    const ctx = extract(
      textDocument(row('部门资金情况', '年初预算数', '1000.00', '实际支出数', '12O0.50'), row('', '年度预算调整数', '98%', '预算完成率', '1200')),
      extractBudgetForm,
    );
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '1000.00 万元' });
  });

  it('a label with no value to its right is skipped', () => {
    const ctx = extract(textDocument(row('部门资金情况', '实际支出数', '', ''), row('', '年初预算数', '800.00')), extractBudgetForm);
    assert.equal(valueAt(ctx, 'budget.actualSpending'), undefined);
    assert.equal(valueAt(ctx, 'budget.initialBudget') !== undefined, true);
  });

  it('a figure a stronger extractor already set is kept', () => {
    const earlier = { budget: { initialBudget: { value: '999.00', unit: '万元' } } };
    const ctx = extract(form('单位：万元'), extractBudgetForm, { draft: earlier });
    assert.deepStrictEqual(valueAt(ctx, 'budget.initialBudget'), { value: '999.00', unit: '万元' });
    assert.equal(foundAt(ctx, 'budget.initialBudget'), undefined);
  });
});

describe('budget narrative: the clean case', () => {
  it('a report’s sentence gives the three amounts and the execution rate, each with its clause', () => {
    const text = '2024年度，本馆年初预算数为1,000.00万元，调整后预算数为1,100.00万元，决算数为1,045.00万元，预算执行率为95.00%。';
    const ctx = extract(textDocument('一、部门整体收支情况', text), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '1000.00 万元',
      'budget.adjustedBudget': '1100.00 万元',
      'budget.actualSpending': '1045.00 万元',
      'budget.printed.executionRate': '95.00%',
    });
    const section = '一、部门整体收支情况';
    assert.deepStrictEqual(foundAt(ctx, 'budget.actualSpending')!.source, { file: FILE, line: 2, section, text: '调整后预算数为1,100.00万元，决算数为1,045.00万元，预算执行率为95.00%。' });
    assert.deepStrictEqual(foundAt(ctx, 'budget.printed.executionRate')!.source, { file: FILE, line: 2, section, text: '决算数为1,045.00万元，预算执行率为95.00%。' });
  });

  it('亿元 is converted exactly to 万元', () => {
    const ctx = extract(textDocument('本部门年初预算为1.2亿元，实际支出11,500.5万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '12000 万元', 'budget.actualSpending': '11500.5 万元' });
  });

  it('of two execution rates, the one printed beside the actual spending is the department’s', () => {
    const ctx = extract(
      textDocument('各季度支出进度良好，第三季度执行率为70.00%。', '全年决算数为1,045.00万元，预算执行率为95.00%。'),
      extractBudgetNarrative,
    );
    assert.equal(foundAt(ctx, 'budget.printed.executionRate')!.value, '95.00%');
  });
});

describe('budget narrative: parts of the budget are not the department’s', () => {
  it('基本支出, a project, last year and a functional class are skipped', () => {
    const ctx = extract(
      textDocument(
        '基本支出年初预算数为600.00万元，决算数为590.00万元，完成年初预算的98.33%。',
        '“馆藏数字化”项目绩效情况：全年预算数48.30万元，执行数48.30万元。',
        '上年决算数为900万元。',
        '文化旅游体育与传媒支出年初预算数为800万元。',
      ),
      extractBudgetNarrative,
    );
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('a sentence without an amount unit gives nothing (年初预算数为1000, no 万元)', () => {
    const ctx = extract(textDocument('本馆年初预算数为1000，调整后预算数为1100。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), {});
  });
});
