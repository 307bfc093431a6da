/**
 * Breakdowns of spending: the basic-expenditure table (人员经费, 日常公用经费, 三公经费 by the department and its
 * units), the economic classification table, and the functional classes a report states in sentences.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractBasicExpenditure, extractEconomicClassification, extractFunctionalClassification } from './classification.ts';
import { FILE, extract, foundAt, row, textDocument, valueAt } from './testing.ts';

const BASIC_HEADER = row('单位', '项目', '年初预算', '调整后预算', '实际支出', '执行率');

const basicTable = (unitNote: string, ...rows: string[]) => textDocument('表3：2024年基本支出情况', unitNote, BASIC_HEADER, ...rows);

interface Line {
  readonly initialBudget?: { value: string };
  readonly adjustedBudget?: { value: string };
  readonly actualSpending?: { value: string };
  readonly printed?: { executionRate?: { value: string } };
}
/** A budget line's figures as text: "initial / adjusted / actual (rate)". */
const figures = (l: Line | undefined) => (l ? `${l.initialBudget?.value ?? '—'} / ${l.adjustedBudget?.value ?? '—'} / ${l.actualSpending?.value ?? '—'}${l.printed?.executionRate ? ` (${l.printed.executionRate.value})` : ''}` : undefined);

describe('basic expenditure: the clean case', () => {
  it('the department block and a unit’s block, each item on the header’s columns, with its cell', () => {
    const ctx = extract(
      basicTable(
        '金额单位：万元',
        row('部门基本支出', '人员经费', '500.00', '520.00', '515.00', '99.04%'),
        row('', '日常公用经费', '100.00', '90.00', '85.00', '94.44%'),
        row('', '三公经费', '10.00', '8.00', '7.50', '93.75%'),
        row('', '合计', '610.00', '618.00', '607.50', '98.30%'),
        row('馆本级基本支出', '人员经费', '300.00', '310.00', '305.00', '98.39%'),
      ),
      extractBasicExpenditure,
    );
    const dept = (k: string) => figures(valueAt(ctx, `basicExpenditure.department.${k}`) as Line);
    assert.equal(valueAt(ctx, 'basicExpenditure.unit'), '万元');
    assert.equal(dept('personnel'), '500.00 / 520.00 / 515.00 (99.04%)');
    assert.equal(dept('routineOperating'), '100.00 / 90.00 / 85.00 (94.44%)');
    assert.equal(dept('threePublicExpenses'), '10.00 / 8.00 / 7.50 (93.75%)');
    assert.equal(dept('total'), '610.00 / 618.00 / 607.50 (98.30%)');
    const units = valueAt(ctx, 'basicExpenditure.byUnit') as ({ name: string; personnel: Line })[];
    assert.deepStrictEqual(units.map((u) => [u.name, figures(u.personnel)]), [['馆本级', '300.00 / 310.00 / 305.00 (98.39%)']]);
    const actual = (valueAt(ctx, 'basicExpenditure.department.personnel') as { actualSpending: { source: { file: string; line: number; column: number; text: string } } }).actualSpending.source;
    assert.deepStrictEqual([actual.file, actual.line, actual.column], [FILE, 4, 5]);
    // The item's labels and its own figure, not the row's first figure.
    assert.equal(actual.text, '部门基本支出 人员经费 515.00');
    assert.deepStrictEqual(foundAt(ctx, 'basicExpenditure'), { path: 'basicExpenditure', value: '基本支出：部门合计，1 个单位', source: { file: FILE, line: 3, text: '表3：2024年基本支出情况' } });
  });
});

describe('basic expenditure: odd and faulty tables', () => {
  it('a row pushed right by a sub-item label, with one figure per money column, is read in order', () => {
    const ctx = extract(basicTable('金额单位：万元', row('部门基本支出', '人员经费', '500.00', '520.00', '515.00', '99.04%'), row('', '三公经费', '公务接待费', '10.00', '8.00', '7.50', '93.75%')), extractBasicExpenditure);
    assert.equal(figures(valueAt(ctx, 'basicExpenditure.department.threePublicExpenses.officialHospitality') as Line), '10.00 / 8.00 / 7.50 (93.75%)');
  });

  it('a note giving the basic part its own unit (基本支出：元) is followed', () => {
    const ctx = extract(basicTable('金额单位：基本支出：元，项目支出：万元', row('部门基本支出', '人员经费', '5000000', '5200000', '5150000', '99.04%')), extractBasicExpenditure);
    assert.equal(valueAt(ctx, 'basicExpenditure.unit'), '元');
  });

  it('a table without 人员经费 is not a basic-expenditure table', () => {
    const ctx = extract(basicTable('金额单位：万元', row('部门基本支出', '办公费', '100.00', '90.00', '85.00', '94.44%')), extractBasicExpenditure);
    assert.equal(valueAt(ctx, 'basicExpenditure'), undefined);
  });

  it('the project part of the same table ends the blocks', () => {
    const ctx = extract(
      basicTable('金额单位：万元', row('部门基本支出', '人员经费', '500.00', '520.00', '515.00', '99.04%'), row('项目支出', '展览项目', '200.00', '200.00', '190.00', '95.00%')),
      extractBasicExpenditure,
    );
    assert.deepStrictEqual(Object.keys(valueAt(ctx, 'basicExpenditure.department') as object), ['personnel']);
    assert.equal(valueAt(ctx, 'basicExpenditure.byUnit'), undefined);
  });

  it('a blank cell leaves its column empty', () => {
    const ctx = extract(basicTable('金额单位：万元', row('部门基本支出', '人员经费', '500.00', '520.00', '515.00', '99.04%'), row('', '日常公用经费', '100.00', '', '85.00', '85.00%')), extractBasicExpenditure);
    assert.equal(figures(valueAt(ctx, 'basicExpenditure.department.routineOperating') as Line), '100.00 / — / 85.00 (85.00%)');
  });
});

const ECONOMIC_ROWS = [
  row('工资福利支出', '600.00', '60.00%'),
  row('商品和服务支出', '300.00', '30.00%'),
  row('对个人和家庭的补助', '50.00', '5.00%'),
  row('资本性支出', '50.00', '5.00%'),
  row('合计', '1000.00', '100.00%'),
];

describe('economic classification: the clean case', () => {
  it('each class with its spending and printed share, the total row apart', () => {
    const ctx = extract(textDocument('表2 部门预算按经济分类执行情况', '单位：万元', row('科目', '决算数', '占比'), ...ECONOMIC_ROWS), extractEconomicClassification);
    const t = valueAt(ctx, 'economicClassification') as { unit: string; rows: { name: string; actualSpending: { value: string }; printed: { share: { value: string } } }[]; total: { actualSpending: { value: string } } };
    assert.equal(t.unit, '万元');
    assert.deepStrictEqual(t.rows.map((r) => [r.name, r.actualSpending.value, r.printed.share.value]), [
      ['工资福利支出', '600.00', '60.00%'],
      ['商品和服务支出', '300.00', '30.00%'],
      ['对个人和家庭的补助', '50.00', '5.00%'],
      ['资本性支出', '50.00', '5.00%'],
    ]);
    assert.equal(t.total.actualSpending.value, '1000.00');
    assert.deepStrictEqual((t.rows[0]!.actualSpending as { source?: unknown }).source, { file: FILE, line: 4, column: 2, text: '工资福利支出 600.00' });
    assert.equal(foundAt(ctx, 'economicClassification')!.value, '4 个经济分类科目（万元）');
  });
});

describe('economic classification: odd and faulty tables', () => {
  it('no unit note and figures ~10 000 times the department’s spending: 元', () => {
    const rows = [row('工资福利支出', '6000000.00'), row('商品和服务支出', '3000000.00'), row('资本性支出', '1000000.00')];
    const ctx = extract(textDocument(row('科目', '决算数'), ...rows), extractEconomicClassification, { draft: { budget: { actualSpending: { value: '1000.00', unit: '万元' } } } });
    assert.equal(valueAt(ctx, 'economicClassification.unit'), '元');
  });

  it('the same figures beside a department of that size in 万元 stay 万元', () => {
    const rows = [row('工资福利支出', '600.00'), row('商品和服务支出', '300.00'), row('资本性支出', '100.00')];
    const ctx = extract(textDocument(row('科目', '决算数'), ...rows), extractEconomicClassification, { draft: { budget: { actualSpending: { value: '1000.00', unit: '万元' } } } });
    assert.equal(valueAt(ctx, 'economicClassification.unit'), '万元');
  });

  it('fewer than three economic classes is not the table', () => {
    const ctx = extract(textDocument(row('科目', '决算数'), row('工资福利支出', '600.00'), row('合计', '600.00')), extractEconomicClassification);
    assert.equal(valueAt(ctx, 'economicClassification'), undefined);
  });

  it('a row whose figure is garbled is left out, not read as 0', () => {
    const ctx = extract(textDocument('单位：万元', row('科目', '决算数'), row('工资福利支出', '600.00'), row('商品和服务支出', '3Q0.00'), row('资本性支出', '50.00'), row('其他支出', '10.00')), extractEconomicClassification);
    assert.deepStrictEqual((valueAt(ctx, 'economicClassification.rows') as { name: string }[]).map((r) => r.name), ['工资福利支出', '资本性支出', '其他支出']);
  });

  it('the 决算 column is read whatever its place', () => {
    const ctx = extract(
      textDocument('单位：万元', row('科目', '年初预算', '决算数'), row('工资福利支出', '580.00', '600.00'), row('商品和服务支出', '320.00', '300.00'), row('资本性支出', '50.00', '50.00')),
      extractEconomicClassification,
    );
    assert.equal(valueAt(ctx, 'economicClassification.rows.0.actualSpending.value'), '600.00');
  });
});

describe('functional classification: sentences', () => {
  it('two classes stated in sentences, with their amounts, rate and reason', () => {
    const first = '1.文化旅游体育与传媒支出年初预算数为800.00万元，决算数为780.00万元，完成年初预算的97.50%，主要原因是：部分活动延期。';
    const ctx = extract(
      textDocument('（二）按功能分类', first, '2.社会保障和就业支出年初预算数为18.00万元，决算数为18.00万元，完成年初预算的100%。'),
      extractFunctionalClassification,
    );
    const rows = valueAt(ctx, 'functionalClassification.rows') as (Line & { name: string; note?: string })[];
    assert.deepStrictEqual(rows.map((r) => [r.name, figures(r), r.note]), [
      ['文化旅游体育与传媒支出', '800.00 / — / 780.00 (97.50%)', '部分活动延期'],
      ['社会保障和就业支出', '18.00 / — / 18.00 (100%)', undefined],
    ]);
    assert.deepStrictEqual((rows[0]!.initialBudget as { source?: unknown }).source, { file: FILE, line: 2, section: '（二）按功能分类', text: first });
  });

  it('a single class is not a classification (two at least)', () => {
    const ctx = extract(textDocument('文化旅游体育与传媒支出年初预算数为800.00万元，决算数为780.00万元。'), extractFunctionalClassification);
    assert.equal(valueAt(ctx, 'functionalClassification'), undefined);
  });

  it('a class named without 年初预算 or 决算 is not a budget statement', () => {
    const ctx = extract(textDocument('文化旅游体育与传媒支出主要用于群众文化活动。', '社会保障和就业支出主要用于离退休人员。'), extractFunctionalClassification);
    assert.equal(valueAt(ctx, 'functionalClassification'), undefined);
  });

  it('an amount in 亿元 is converted to 万元', () => {
    const ctx = extract(
      textDocument('文化旅游体育与传媒支出年初预算数为1.2亿元，决算数为1.1亿元。', '社会保障和就业支出年初预算数为18.00万元，决算数为18.00万元。'),
      extractFunctionalClassification,
    );
    assert.equal(valueAt(ctx, 'functionalClassification.rows.0.initialBudget.value'), '12000');
  });
});
