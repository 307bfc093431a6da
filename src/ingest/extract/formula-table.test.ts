/**
 * Funding tables whose header prints its formulas (年初安排① | 年中调整② | 小计③=①+② | 拨付④ | 支出实现率⑤=④/③ …):
 * every row kept as printed with the header's marks and formulas, and the department's budget read from the total row
 * by the columns' names. Figures and names are invented.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bareName, extractFormulaTables, parseHeadCell } from './formula-table.ts';
import { FILE, extract, foundAt, foundList, row, textDocument, valueAt } from './testing.ts';

interface FormulaTable {
  title?: string;
  unit?: string;
  columns: { label: string; mark?: string; formula?: string; output?: string }[];
  rows: { name: string; cells: (string | null)[]; source: { line: number; text: string } }[];
}
const tables = (ctx: ReturnType<typeof extract>) => (valueAt(ctx, 'formulaTables') as FormulaTable[] | undefined) ?? [];

const HEAD = row('资金情况', '年初安排①', '年中调整②', '小计③=①+②', '拨付④', '支出实现率⑤=④/③', '结余⑥=③－④', '结余率⑦=⑥/③');

describe('header formulas: the clean case', () => {
  it('every column with its mark, formula and kind; every row as printed; the budget from 合计', () => {
    const ctx = extract(
      textDocument(
        '样例县文化馆2023年度部门整体支出绩效自评表',
        '金额单位：万元',
        HEAD,
        row('财政资金小计', '900.00', '100.00', '1,000.00', '950.00', '95.00%', '50.00', '5.00%'),
        row('其中：基本支出', '600.00', '20.00', '620.00', '610.00', '98.39%', '10.00', '1.61%'),
        row('项目支出', '300.00', '80.00', '380.00', '340.00', '89.47%', '40.00', '10.53%'),
        row('其他收入', '20.00', '', '20.00', '18.00', '90.00%', '2.00', '10.00%'),
        row('合计', '920.00', '100.00', '1,020.00', '968.00', '94.90%', '52.00', '5.10%'),
        row('年度绩效目标', '保障场馆正常开放，完成公益演出和培训任务。'),
      ),
      extractFormulaTables,
    );
    const [t] = tables(ctx);
    assert.equal(tables(ctx).length, 1);
    assert.equal(t!.unit, '万元');
    assert.deepStrictEqual(t!.columns, [
      { label: '年初安排', mark: '①', output: 'money' },
      { label: '年中调整', mark: '②', output: 'money' },
      { label: '小计', mark: '③', formula: '①+②', output: 'money' },
      { label: '拨付', mark: '④', output: 'money' },
      { label: '支出实现率', mark: '⑤', formula: '④/③', output: 'rate' },
      { label: '结余', mark: '⑥', formula: '③-④', output: 'money' },
      { label: '结余率', mark: '⑦', formula: '⑥/③', output: 'rate' },
    ]);
    assert.deepStrictEqual(t!.rows.map((r) => r.name), ['财政资金小计', '其中：基本支出', '项目支出', '其他收入', '合计']);
    assert.deepStrictEqual(t!.rows[3]!.cells, ['20.00', null, '20.00', '18.00', '90.00%', '2.00', '10.00%']);
    assert.deepStrictEqual(t!.rows[0]!.source, { file: FILE, line: 4, text: '财政资金小计 | 900.00 | 100.00 | 1,000.00 | 950.00 | 95.00% | 50.00 | 5.00%' });
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '920.00 万元',
      'budget.adjustedBudget': '1020.00 万元',
      'budget.actualSpending': '968.00 万元',
      'budget.printed.executionRate': '94.90%',
      formulaTables: '1 张表头带公式的资金表（5 行）',
    });
    assert.deepStrictEqual(foundAt(ctx, 'budget.actualSpending')!.source, { file: FILE, line: 8, column: 5, text: '合计 拨付④ 968.00' });
  });

  it('header cells in their printed variants', () => {
    assert.deepStrictEqual(parseHeadCell('小计③＝①＋②'), { label: '小计', mark: '③', formula: '①＋②' });
    assert.deepStrictEqual(parseHeadCell('支出实现率（⑤=④/③×100%）'), { label: '支出实现率', mark: '⑤', formula: '④/③×100%' });
    assert.deepStrictEqual(parseHeadCell('③ 小计'), { label: '小计', mark: '③' });
    assert.deepStrictEqual(parseHeadCell('结余⑥=③ - ④'), { label: '结余', mark: '⑥', formula: '③-④' });
    assert.deepStrictEqual(parseHeadCell('资金情况'), { label: '资金情况' });
  });

  it('a row name loses its numbering and 其中', () => {
    assert.equal(bareName('一、财政资金小计'), '财政资金小计');
    assert.equal(bareName('其中：基本支出'), '基本支出');
    assert.equal(bareName('（二）其他资金'), '其他资金');
  });
});

describe('header formulas: odd and faulty tables', () => {
  it('marks in a row of their own under the labels, rates without %, the unit in the title; no 合计: 财政资金小计 is the whole', () => {
    const ctx = extract(
      textDocument(
        '（单位：万元）',
        row('资金性质', '年初安排', '年中调整', '小计', '实际支出', '支出实现率', '结余', '结余率'),
        row('', '①', '②', '③=①+②', '④', '⑤=④/③×100%', '⑥=③－④', '⑦=⑥/③×100%'),
        row('一、财政资金小计', '860.4', '-35.2', '825.2', '801.3', '97.10', '23.9', '2.90'),
        row('其中：基本支出', '520.6', '12.0', '532.6', '530.1', '99.53', '2.5', '0.47'),
        row('二、其他资金', '0', '0', '0', '0', '—', '0', '—'),
      ),
      extractFormulaTables,
    );
    const [t] = tables(ctx);
    assert.deepStrictEqual(t!.columns.map((c) => `${c.label}${c.mark ?? ''}${c.formula ? `=${c.formula}` : ''}`), ['年初安排①', '年中调整②', '小计③=①+②', '实际支出④', '支出实现率⑤=④/③×100%', '结余⑥=③-④', '结余率⑦=⑥/③×100%']);
    assert.equal(t!.rows.length, 3);
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '860.4 万元',
      'budget.adjustedBudget': '825.2 万元',
      'budget.actualSpending': '801.3 万元',
      'budget.printed.executionRate': '97.10%',
      formulaTables: '1 张表头带公式的资金表（3 行）',
    });
  });

  it('labels with marks, and the formulas in a row of their own under them (小计 over ④=①+②+③); the title above the form’s year line', () => {
    const ctx = extract(
      textDocument(
        '部门整体支出绩效自评表',
        '（2022年度）',
        row('资金结构（万元）', '年初安排①', '结余结转②', '年中调整③', '小计', '拨付金额⑤', '支出实现率', '结余'),
        row('', '', '', '', '④=①+②+③', '', '⑥=⑤/④', '⑦=④-⑤'),
        row('财政资金小计', '900.00', '20.00', '80.00', '1000.00', '950.00', '95.00%', '50.00'),
        row('②市级财政资金', '', '', '', '', '', '', ''),
        row('合    计', '920.00', '20.00', '80.00', '1020.00', '968.00', '94.90%', '52.00'),
      ),
      extractFormulaTables,
    );
    const [t] = tables(ctx);
    assert.equal(t!.title, '部门整体支出绩效自评表');
    assert.deepStrictEqual(t!.columns.slice(3), [
      { label: '小计', mark: '④', formula: '①+②+③', output: 'money' },
      { label: '拨付金额', mark: '⑤', output: 'money' },
      { label: '支出实现率', mark: '⑥', formula: '⑤/④', output: 'rate' },
      { label: '结余', mark: '⑦', formula: '④-⑤', output: 'money' },
    ]);
    assert.deepStrictEqual(t!.rows.map((r) => r.name), ['财政资金小计', '②市级财政资金', '合计']);
    assert.equal(valueAt(ctx, 'budget.actualSpending') && foundList(ctx)['budget.actualSpending'], '968.00 万元');
  });

  it('marks in a row of their own over the labels', () => {
    const ctx = extract(
      textDocument(
        row('', '①', '②', '③=①+②', '④', '⑤=④/③'),
        row('资金来源', '年初预算', '调整数', '调整后预算', '执行数', '执行率'),
        row('合计', '500.00', '20.00', '520.00', '494.00', '95.00%'),
      ),
      extractFormulaTables,
    );
    assert.deepStrictEqual(tables(ctx)[0]!.columns.map((c) => `${c.label}${c.mark}`), ['年初预算①', '调整数②', '调整后预算③', '执行数④', '执行率⑤']);
    assert.deepStrictEqual(tables(ctx)[0]!.rows.map((r) => r.name), ['合计']);
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '500.00 万元',
      'budget.adjustedBudget': '520.00 万元',
      'budget.actualSpending': '494.00 万元',
      'budget.printed.executionRate': '95.00%',
      formulaTables: '1 张表头带公式的资金表（1 行）',
    });
  });

  it('a header repeated after a page break is not a row; a row of words ends the table', () => {
    const ctx = extract(
      textDocument(
        HEAD,
        row('财政资金小计', '900.00', '100.00', '1000.00', '950.00', '95.00%', '50.00', '5.00%'),
        '\f',
        HEAD,
        row('合计', '900.00', '100.00', '1000.00', '950.00', '95.00%', '50.00', '5.00%'),
        row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'),
        row('产出指标', '数量指标', '公益演出场次', '≥20场', '24场'),
      ),
      extractFormulaTables,
    );
    assert.deepStrictEqual(tables(ctx)[0]!.rows.map((r) => r.name), ['财政资金小计', '合计']);
  });

  it('a table in 元 keeps 元; a table without a total row gives no budget, but is kept', () => {
    const ctx = extract(
      textDocument('单位：元', HEAD, row('其中：基本支出', '6,000,000.00', '0', '6,000,000.00', '5,900,000.00', '98.33%', '100,000.00', '1.67%'), row('项目支出', '300,000.00', '0', '300,000.00', '300,000.00', '100.00%', '0', '0.00%')),
      extractFormulaTables,
    );
    assert.equal(tables(ctx)[0]!.unit, '元');
    assert.equal(valueAt(ctx, 'budget'), undefined);
  });

  it('年初部门预算安排金额① is the initial budget; the unit on a line just above the table (资金结构（元）) is the table’s', () => {
    const ctx = extract(
      textDocument(
        '资金结构（元）',
        '预算安排',
        row('资金情况', '年初部门预算安排金额①', '年中调整金额②', '小计③=①+②', '年度拨付金额④', '支出实现率⑤=④/③'),
        row('合  计', '1000000', '200000', '1200000', '1140000', '95.00%'),
      ),
      extractFormulaTables,
    );
    assert.deepStrictEqual([foundAt(ctx, 'budget.initialBudget')?.value, foundAt(ctx, 'budget.adjustedBudget')?.value], ['1000000 元', '1200000 元']);
  });

  it('a table with one mark is not a formula table; a budget a stronger source set is kept', () => {
    const one = extract(textDocument(row('项目', '年初预算①', '实际支出'), row('合计', '100', '90')), extractFormulaTables);
    assert.equal(valueAt(one, 'formulaTables'), undefined);
    const earlier = { budget: { initialBudget: { value: '1.00', unit: '万元' } } };
    const ctx = extract(textDocument(HEAD, row('合计', '920.00', '100.00', '1020.00', '968.00', '94.90%', '52.00', '5.10%')), extractFormulaTables, { draft: earlier });
    assert.deepStrictEqual(valueAt(ctx, 'budget.initialBudget'), { value: '1.00', unit: '万元' });
    assert.equal((valueAt(ctx, 'budget.adjustedBudget') as { value: string }).value, '1020.00');
  });
});

interface Money {
  value: string;
  unit: string;
  source: { file: string; line: number; column?: number; text: string };
}
interface Project {
  name: string;
  initialBudget?: Money;
  adjustedBudget?: Money;
  actualSpending?: Money;
  printed?: { executionRate: { value: string; source: Money['source'] } };
}
const projects = (ctx: ReturnType<typeof extract>) => valueAt(ctx, 'projects') as { unit: string; rows: Project[] } | undefined;
/** A project as “name: initial / adjusted / actual (rate)”. */
const projectLine = (p: Project) => `${p.name}: ${p.initialBudget?.value ?? '—'} / ${p.adjustedBudget?.value ?? '—'} / ${p.actualSpending?.value ?? '—'}${p.printed ? ` (${p.printed.executionRate.value})` : ''}`;

describe('header formulas: the numbered rows under 项目支出 are the department’s projects', () => {
  it('each numbered row: 年初安排 → initial, 小计 → adjusted, 拨付 → actual, 支出实现率 → printed rate; stops at the next top-level row', () => {
    const ctx = extract(
      textDocument(
        '青岚县某局2023年度部门整体支出绩效自评表',
        '金额单位：万元',
        HEAD,
        row('一、基本支出', '510.00', '12.00', '522.00', '518.00', '99.23%', '4.00', '0.77%'),
        row('二、项目支出', '240.00', '36.00', '276.00', '259.20', '93.91%', '16.80', '6.09%'),
        row('1.林区防火巡护经费', '150.00', '20.00', '170.00', '165.00', '97.06%', '5.00', '2.94%'),
        row('2.苗木培育补助', '90.00', '16.00', '106.00', '94.20', '88.87%', '11.80', '11.13%'),
        row('三、其他资金', '10.00', '', '10.00', '9.00', '90.00%', '1.00', '10.00%'),
        row('合计', '760.00', '48.00', '808.00', '786.20', '97.30%', '21.80', '2.70%'),
      ),
      extractFormulaTables,
    );
    const p = projects(ctx)!;
    assert.equal(p.unit, '万元');
    assert.deepStrictEqual(p.rows.map(projectLine), ['林区防火巡护经费: 150.00 / 170.00 / 165.00 (97.06%)', '苗木培育补助: 90.00 / 106.00 / 94.20 (88.87%)']);
    assert.deepStrictEqual(p.rows[1]!.actualSpending, { value: '94.20', unit: '万元', source: { file: FILE, line: 7, column: 5, text: '苗木培育补助 拨付④ 94.20' } });
    assert.deepStrictEqual(foundAt(ctx, 'projects'), { path: 'projects', value: '2 个项目（据资金结构表项目支出各行）', source: { file: FILE, line: 6, text: '1.林区防火巡护经费' } });
    // The department's budget is still the 合计 row's.
    assert.equal(foundAt(ctx, 'budget.adjustedBudget')!.value, '808.00 万元');
  });

  it('rows numbered （1）（2） in a table in 元, the 合计 row ending them', () => {
    const ctx = extract(
      textDocument(
        '单位：元',
        HEAD,
        row('二、项目支出', '2,400.00', '360.00', '2,760.00', '2,592.00', '93.91%', '168.00', '6.09%'),
        row('（1）林区防火巡护经费', '1,500.00', '200.00', '1,700.00', '1,650.00', '97.06%', '50.00', '2.94%'),
        row('（2）苗木培育补助', '900.00', '160.00', '1,060.00', '942.00', '88.87%', '118.00', '11.13%'),
        row('合计', '2,400.00', '360.00', '2,760.00', '2,592.00', '93.91%', '168.00', '6.09%'),
      ),
      extractFormulaTables,
    );
    const p = projects(ctx)!;
    assert.equal(p.unit, '元');
    assert.deepStrictEqual(p.rows.map(projectLine), ['林区防火巡护经费: 1500.00 / 1700.00 / 1650.00 (97.06%)', '苗木培育补助: 900.00 / 1060.00 / 942.00 (88.87%)']);
    assert.equal(p.rows[0]!.initialBudget!.unit, '元');
  });

  it('a 项目支出 row with no numbered rows under it gives no projects; projects a stronger source set are kept', () => {
    const bare = extract(
      textDocument(HEAD, row('基本支出', '510.00', '12.00', '522.00', '518.00', '99.23%', '4.00', '0.77%'), row('项目支出', '240.00', '36.00', '276.00', '259.20', '93.91%', '16.80', '6.09%'), row('合计', '750.00', '48.00', '798.00', '777.20', '97.39%', '20.80', '2.61%')),
      extractFormulaTables,
    );
    assert.equal(projects(bare), undefined);
    const earlier = { projects: { unit: '万元', rows: [{ name: '既有项目' }] } };
    const ctx = extract(
      textDocument(HEAD, row('二、项目支出', '240.00', '36.00', '276.00', '259.20', '93.91%', '16.80', '6.09%'), row('1.林区防火巡护经费', '150.00', '20.00', '170.00', '165.00', '97.06%', '5.00', '2.94%'), row('2.苗木培育补助', '90.00', '16.00', '106.00', '94.20', '88.87%', '11.80', '11.13%')),
      extractFormulaTables,
      { draft: earlier },
    );
    assert.deepStrictEqual(valueAt(ctx, 'projects'), { unit: '万元', rows: [{ name: '既有项目' }] });
    assert.equal(foundAt(ctx, 'projects'), undefined);
  });
});
