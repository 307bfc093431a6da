/**
 * The budget summary: a form's labelled cells (年初预算数 | 1,234.56) and a report's sentences (年初预算数为…万元),
 * with the printed rates; each figure keeps the cell or clause it was read from. Figures of a part of the budget
 * (基本支出, a project, last year) are not the department's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractBudgetForm, extractBudgetNarrative, extractBudgetTable, headerUnit, tableUnit } from './budget.ts';
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

  it('a garbled amount (12Q0.50, a letter Q) and a rate in a money cell are skipped, not read as numbers', () => {
    const ctx = extract(
      textDocument(row('部门资金情况', '年初预算数', '1000.00', '实际支出数', '12Q0.50'), row('', '年度预算调整数', '98%', '预算完成率', '1200')),
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

describe('budget narrative: the wordings of other provinces', () => {
  it('“预算执行率（完成率）为”, 年初批复预算, 全年实际支出', () => {
    const ctx = extract(textDocument('本年年初批复预算860.00万元，调整后预算920.00万元，全年实际支出901.60万元，预算执行率（完成率）为98.00%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '860.00 万元',
      'budget.adjustedBudget': '920.00 万元',
      'budget.actualSpending': '901.60 万元',
      'budget.printed.executionRate': '98.00%',
    });
  });

  it('“全年执行X万元” without 数 is the actual spending; 基本支出执行 is a part', () => {
    const ctx = extract(textDocument('年初预算3,066.30万元，全年预算3,209.20万元，全年执行3,141.94万元，预算执行率97.90%。其中基本支出执行2,080.55万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '3066.30 万元',
      'budget.adjustedBudget': '3209.20 万元',
      'budget.actualSpending': '3141.94 万元',
      'budget.printed.executionRate': '97.90%',
    });
  });

  it('“预算数为X万元（其中年初预算…，年中追加…）” is the whole year’s budget; a bare 预算数 is not', () => {
    const a = extract(textDocument('2023年部门预算数为2,000.00万元（其中年初预算1,800.00万元，年中追加200.00万元），全年支出1,950.00万元，执行率97.50%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(a), {
      'budget.adjustedBudget': '2000.00 万元',
      'budget.initialBudget': '1800.00 万元',
      'budget.actualSpending': '1950.00 万元',
      'budget.printed.executionRate': '97.50%',
    });
    const b = extract(textDocument('2022年预算数2624.8万元，完成预算数2038.06万元，计算预算完成率为77.6%。'), extractBudgetNarrative);
    assert.equal(valueAt(b, 'budget.adjustedBudget'), undefined);
  });

  it('“预算收入合计X万元，其中年初…” is the whole year’s budget, not the initial one', () => {
    const ctx = extract(textDocument('本年度部门预算收入合计1,300.00万元，其中年初预算1,200.00万元，追加预算100.00万元；全年决算支出1,248.00万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), {
      'budget.adjustedBudget': '1300.00 万元',
      'budget.initialBudget': '1200.00 万元',
      'budget.actualSpending': '1248.00 万元',
    });
  });
});

describe('budget tables read by their header words: the clean case', () => {
  it('年初预算数 | 全年（调整）预算数 | 全年执行数 | 执行率（%） | 执行率权重 | 执行率得分: a row without a name under the header', () => {
    const ctx = extract(
      textDocument(
        row('部门预算执行情况（万元）', '年初预算数', '全年（调整）预算数', '全年执行数', '执行率（%）', '执行率权重', '执行率得分（分）'),
        row('', '5,320.00', '5,876.40', '5,640.29', '95.98', '10', '9.6'),
      ),
      extractBudgetTable,
    );
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '5320.00 万元',
      'budget.adjustedBudget': '5876.40 万元',
      'budget.actualSpending': '5640.29 万元',
      'budget.printed.executionRate': '95.98%',
      'budget.weight': '10',
      'budget.score': '9.6',
    });
    assert.deepStrictEqual(foundAt(ctx, 'budget.score')!.source, { file: FILE, line: 2, column: 7, text: '执行率得分（分） 9.6' });
  });

  it('columns in another order, named rows: 总额 is the whole, 其中 rows are parts; 权重 and 得分 are the execution weight and score', () => {
    const ctx = extract(
      textDocument(
        row('年度预算数（万元）', '调整后预算数', '年初预算', '预算执行率', '预算执行数', '权重', '得分', '原因'),
        row('其中：财政资金', '4,386.30', '4,010.00', '96.09%', '4,214.85', '/', '/'),
        row('总额', '4,586.30', '4,210.00', '96.00%', '4,402.85', '10', '9.6'),
      ),
      extractBudgetTable,
    );
    assert.deepStrictEqual(foundList(ctx), {
      'budget.adjustedBudget': '4586.30 万元',
      'budget.initialBudget': '4210.00 万元',
      'budget.printed.executionRate': '96.00%',
      'budget.actualSpending': '4402.85 万元',
      'budget.weight': '10',
      'budget.score': '9.6',
      'budget.fundSources': '1 个资金来源',
    });
    // The 其中 row is a fund source of the whole, with its own printed rate (the audit checks both).
    const [fund] = valueAt(ctx, 'budget.fundSources') as { name: string; adjustedBudget: { value: string }; printed: { executionRate: { value: string } } }[];
    assert.deepStrictEqual([fund!.name, fund!.adjustedBudget.value, fund!.printed.executionRate.value], ['财政资金', '4386.30', '96.09%']);
  });

  it('a small table of a report under a “项目” header: rows 基本支出 / 项目支出 / 合计, the 合计 row', () => {
    const ctx = extract(
      textDocument(
        '表1 部门预算执行情况',
        '单位：元',
        row('项目', '年初预算', '调整后预算', '实际支出', '执行率'),
        row('基本支出', '9,802,000.00', '10,104,500.00', '10,028,700.00', '99.25%'),
        row('项目支出', '1,700,000.00', '2,760,000.00', '2,387,600.00', '86.51%'),
        row('合计', '11,502,000.00', '12,864,500.00', '12,416,300.00', '96.52%'),
      ),
      extractBudgetTable,
    );
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '11502000.00 元',
      'budget.adjustedBudget': '12864500.00 元',
      'budget.actualSpending': '12416300.00 元',
      'budget.printed.executionRate': '96.52%',
      'budget.basic': '基本支出 9802000.00 / 10104500.00 / 10028700.00',
      'budget.project': '项目支出 1700000.00 / 2760000.00 / 2387600.00',
    });
    assert.deepStrictEqual(valueAt(ctx, 'budget.basic.actualSpending'), { value: '10028700.00', unit: '元', source: { file: FILE, line: 4, column: 4, text: '基本支出 实际支出 10,028,700.00' } });
  });

  it('a form’s budget block: parts under their group labels (按收入性质分：…, 按支出性质分：…), the unit in the corner cell, the form going on below', () => {
    const ctx = extract(
      textDocument(
        '2023年度部门整体支出绩效自评表',
        row('填报单位（盖章）：某县某局', '', '', '', '金额单位：元'),
        row('年度预算执行情况', '项目', '年初预算数', '调整后预算数', '实际支出数', '执行率'),
        row('', '合计', '3,000,000.00', '3,400,000.00', '3,300,000.00', '97.06%'),
        row('', '按收入性质分：一般公共预算', '2,800,000.00', '3,100,000.00', '3,020,000.00', '97.42%'),
        row('', '政府性基金预算', '200,000.00', '300,000.00', '280,000.00', '93.33%'),
        row('', '按支出性质分：基本支出', '1,200,000.00', '1,250,000.00', '1,240,000.00', '99.20%'),
        row('', '项目支出', '1,800,000.00', '2,150,000.00', '2,060,000.00', '95.81%'),
        row('年度主要任务', '任务名称', '主要内容'),
        row('', '农村公路养护', '开展日常养护'),
      ),
      extractBudgetTable,
    );
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '3000000.00 元',
      'budget.adjustedBudget': '3400000.00 元',
      'budget.actualSpending': '3300000.00 元',
      'budget.printed.executionRate': '97.06%',
      'budget.basic': '基本支出 1200000.00 / 1250000.00 / 1240000.00',
      'budget.project': '项目支出 1800000.00 / 2150000.00 / 2060000.00',
      'budget.fundSources': '2 个资金来源',
    });
    assert.deepStrictEqual((valueAt(ctx, 'budget.fundSources') as { name: string }[]).map((f) => f.name), ['一般公共预算', '政府性基金预算']);
  });

  it('a header a narrow PDF column wrapped over two rows (“年初预” over “算数”) is read joined', () => {
    const ctx = extract(
      textDocument(row('资金来源', '年初预', '全年预', '全年执', '执行率'), row('', '算数', '算数', '行数', ''), row('合计', '898.00', '914.00', '882.56', '96.56%')),
      extractBudgetTable,
    );
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '898.00 万元',
      'budget.adjustedBudget': '914.00 万元',
      'budget.actualSpending': '882.56 万元',
      'budget.printed.executionRate': '96.56%',
    });
  });

  it('labelled 执行率权重 and 执行率得分 cells are the execution weight and score', () => {
    const ctx = extract(textDocument(row('执行率权重', '10', '执行率得分（分）', '9.6')), extractBudgetForm);
    assert.deepStrictEqual(foundList(ctx), { 'budget.weight': '10', 'budget.score': '9.6' });
  });

  it('a labelled rate cell under “预算执行率（%）” prints the bare number', () => {
    const ctx = extract(textDocument(row('年初预算数', '1,520.00', '预算执行率（%）', '97.26')), extractBudgetForm);
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '1520.00 万元', 'budget.printed.executionRate': '97.26%' });
  });

  it('the unit from a header cell: “项目资金（元）”, else the notes, else 万元', () => {
    const doc = textDocument(row('项目资金（元）', '年初预算数', '全年预算数'), row('合计', '1', '2'));
    const ctx = extract(doc, extractBudgetTable);
    assert.equal(headerUnit(ctx.seg.tables[0]!, 0), '元');
    assert.equal((valueAt(ctx, 'budget.initialBudget') as { unit: string }).unit, '元');
  });
});

describe('budget tables read by their header words: what is not the department’s budget', () => {
  it('a project table’s 合计, a class table’s 合计 and a table of several unnamed rows give nothing', () => {
    const ctx = extract(
      textDocument(
        row('序号', '项目名称', '年初预算', '调整后预算', '实际支出'),
        row('1', '公共文化云平台', '600.00', '620.00', '607.60'),
        row('合计', '', '600.00', '620.00', '607.60'),
        '',
        '表2 按经济分类',
        row('经济分类', '年初预算', '实际支出'),
        row('合计', '800.00', '790.00'),
        '',
        '表3',
        row('', '年初预算', '全年预算', '实际支出'),
        row('', '100.00', '110.00', '105.00'),
        row('', '200.00', '210.00', '205.00'),
      ),
      extractBudgetTable,
    );
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('a “项目” table whose rows are projects is not the department’s; one column of money is not a budget table', () => {
    const ctx = extract(
      textDocument(row('项目', '年初预算', '实际支出'), row('公共文化云平台', '600.00', '607.60'), row('合计', '600.00', '607.60'), '', '说明', row('支出内容', '实际支出'), row('合计', '90')),
      extractBudgetTable,
    );
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('under an indicator header, “预算完成率 | 100% | 97.30%” is an indicator, not the printed rate', () => {
    const ctx = extract(textDocument(row('一级指标', '二级指标', '三级指标', '指标值', '实际完成值'), row('预算执行', '预算执行管理', '预算完成率', '100%', '97.30%')), extractBudgetForm);
    assert.deepStrictEqual(foundList(ctx), {});
  });
});

describe('budget form: a label cell that is also an indicator header word', () => {
  it('“评分标准 | …” beside the rates of an identity block does not turn the row into an indicator table', () => {
    const ctx = extract(
      textDocument(
        '部门整体支出绩效评分表',
        row('年初预算', '8,666.95', '调整后预算', '9,397.62', '实际支出', '9,148.92'),
        row('预算完成率', '97.35%', '预算调整率', '7.78%', '评分标准', '某区 2020 年度评分表'),
      ),
      extractBudgetForm,
    );
    const found = foundList(ctx);
    assert.equal(found['budget.printed.executionRate'], '97.35%');
    assert.equal(found['budget.printed.adjustmentRate'], '7.78%');
  });
});

/** A project's report: its title names the project, so 项目 in its sentences names the whole, not a part. */
const projectReport = (...lines: string[]) => textDocument('某县某某局2023年度某某设施维护项目支出绩效自评报告', ...lines);
/** A department's report. */
const departmentReport = (...lines: string[]) => textDocument('某县某某局2023年度部门整体支出绩效自评报告', ...lines);

describe('budget narrative: a project’s report (项目 names the whole)', () => {
  it('“预算数为X万元，执行数为Y万元，预算执行率Z%”: a bare 预算数 is the whole year’s budget of a project', () => {
    const ctx = extract(projectReport('一、自评结论', '1.执行率情况。', '2023年度某某类项目预算数为1,250.00万元，执行数为1,200.00万元，预算执行率96%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.adjustedBudget': '1250.00 万元', 'budget.actualSpending': '1200.00 万元', 'budget.printed.executionRate': '96%' });
  });

  it('“年初批复预算N个项目X万元（含…）”, “调整预算后项目预算Y万元”; 到位资金 is neither budget nor spending', () => {
    const ctx = extract(
      projectReport('一、基本情况', '2023年，某某中心实施项目共9个（含上年转列项目2个），年初批复预算6个项目512.00万元（含1个年初结转项目30.00万元），调整预算后项目预算468.50万元，年中增加3个项目，实际到位资金201.30万元。'),
      extractBudgetNarrative,
    );
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '512.00 万元', 'budget.adjustedBudget': '468.50 万元' });
  });

  it('“项目资金共X万元，截止某日，已完成拨付Y万元，执行率Z%”', () => {
    const ctx = extract(projectReport('（一）资金投入情况分析', '2、项目资金执行情况分析。项目资金共860万元，截止2023年12月10日，已完成拨付812.40万元，执行率94%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.adjustedBudget': '860 万元', 'budget.actualSpending': '812.40 万元', 'budget.printed.executionRate': '94%' });
  });

  it('“实际下达预算X万元，全年度实际总支出Y 万元，项目预算执行率Z%”', () => {
    const ctx = extract(projectReport('1、执行率情况。', '2023年某某补助项目实际下达预算1,480万元，全年度实际总支出1,478.2150 万元，项目预算执行率99%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.adjustedBudget': '1480 万元', 'budget.actualSpending': '1478.2150 万元', 'budget.printed.executionRate': '99%' });
  });

  it('“年初预算安排…某某工程项目X万元，实际实施并下达预算指标Y万元”; “使用率100%” beside a budget figure', () => {
    const ctx = extract(
      projectReport('（一）专项资金概况', '根据有关文件精神，年初预算安排我某某中心某某道路提质工程项目96万元，实际实施并下达预算指标95.40万元。', '该项目资金来源为本级财政预算96万元，全部到位，使用率100%。'),
      extractBudgetNarrative,
    );
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '96 万元', 'budget.adjustedBudget': '95.40 万元', 'budget.printed.executionRate': '100%' });
  });

  it('下达 and 批复 with what is named between: “下达我局某某经费X万元”, “共计下达X万元”, “批复总投资X万元”, “资金预算X万元”', () => {
    const a = extract(projectReport('1.项目资金到位情况。某市财政局下达我局某某补助经费42.30万元，全部到位。', '2.项目资金执行情况。某某经费执行率为100%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(a), { 'budget.adjustedBudget': '42.30 万元', 'budget.printed.executionRate': '100%' });
    const b = extract(projectReport('本项目批复总投资88.6万元。其中：下达中央财政资金44.3万元，县财政资金44.3万元，共计下达88.6万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(b), { 'budget.adjustedBudget': '88.6 万元' });
    const c = extract(projectReport('2023年某某医院某某发展专项资金预算730万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(c), { 'budget.adjustedBudget': '730 万元' });
  });

  it('batches and their total: “一批项目批复总投资X万元…，合计批复总投资Z万元” is Z', () => {
    const ctx = extract(
      projectReport('该项目分两批实施，一批项目县级批复总投资1,200.5万元（其中建筑工程1,100万元），二批项目县级批复总投资800万元，合计批复总投资2,000.5万元。'),
      extractBudgetNarrative,
    );
    assert.deepStrictEqual(foundList(ctx), { 'budget.adjustedBudget': '2000.5 万元' });
  });

  it('a plan, a cost target and a breakdown (其中…) are not the budget; 计划投资 gives nothing', () => {
    const ctx = extract(
      projectReport('我县2023年某某道路建设项目计划投资500万元。', '成本指标：计划资金500万元。', '项目资金总预算为620万元，其中部门预算项目支出20万元，专项预算支出600万元。'),
      extractBudgetNarrative,
    );
    assert.deepStrictEqual(foundList(ctx), { 'budget.adjustedBudget': '620 万元' });
  });
});

describe('budget narrative: a department’s report', () => {
  it('“2、支出：X万元。其中：人员经费…”, “部门预算总金额 X 万元其中：…” and “完成率均达到 100%” in the next sentence', () => {
    const a = extract(departmentReport('（一）部门整体支出概况。', '2023年部门决算收支完成情况。', '1、收入：650.20万元。', '2、支出：648.75万元。其中：人员经费支出400.10万元，项目支出120.00万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(a), { 'budget.actualSpending': '648.75 万元' });
    const b = extract(departmentReport('保障单位正常运转。部门预算总金额 520.40 万元其中：基本支出 480.40 万元，项目支出 40.00 万元。 完成率均达到 100%；部门目标实现率 100%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(b), { 'budget.adjustedBudget': '520.40 万元', 'budget.printed.executionRate': '100%' });
  });

  it('a project’s sentence, a verb without the department named, and a bare 完成率 of something else are not the department’s', () => {
    const ctx = extract(
      departmentReport('1、某某维修项目：预算30万元，2023年全年实际支付30万元，使用率100%。', '共支出成本30万元，2023年全年已实际支付30万元。', '各项工作指标完成率100%，任务完成率98%。'),
      extractBudgetNarrative,
    );
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('a class word inside the department’s name (某县交通运输局) names no part of the budget', () => {
    const ctx = extract(departmentReport('2023年某县交通运输局年初预算数为300.00万元，决算数为290.00万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '300.00 万元', 'budget.actualSpending': '290.00 万元' });
  });

  it('a bare 预算数 equal to the initial budget is that budget, not a second one', () => {
    const ctx = extract(departmentReport('本单位2023年度年初支出预算为900万元。', '（1）预算完成率 2023年预算数900万元，完成预算数850.5万元，计算预算完成率为94.5%。'), extractBudgetNarrative);
    assert.equal(valueAt(ctx, 'budget.adjustedBudget'), undefined);
    assert.equal(foundAt(ctx, 'budget.initialBudget')!.value, '900 万元');
  });
});

describe('budget narrative: figures that disagree', () => {
  it('of two actual figures, the one that agrees with the printed rate is read, and the report says so', () => {
    const ctx = extract(
      departmentReport(
        '一、部门整体收支情况',
        '2023年本单位预算收入 1,000.00 万元，调整预算数1,200.00 万元，决算数 1,150.00 万元。',
        '2023 年，本单位年初预算支出 1,000.00 万元，调整预算支出 1,200.00 万元，决算支出 1,140.00 万元。',
        '二、自评综述',
        '全年预算数 1,200.00 万元，执行数 1,150.00 万元，完成预算的 95.83%。',
      ),
      extractBudgetNarrative,
    );
    assert.equal(foundAt(ctx, 'budget.actualSpending')!.value, '1150.00 万元');
    assert.deepStrictEqual(ctx.warnings.map((w) => [w.code, w.params['chosen']]), [['import-budget-conflict-chosen', '1150.00 万元']]);
  });

  it('of two budgets in different sections, the budget-execution section’s; when nothing decides, none and a warning', () => {
    const a = extract(
      projectReport('一、项目概况', '本项目下达预算资金300万元。', '二、资金使用情况', '（一）资金到位情况', '本项目共计下达资金280万元。'),
      extractBudgetNarrative,
    );
    assert.equal(foundAt(a, 'budget.adjustedBudget')!.value, '280 万元');
    assert.equal(a.warnings[0]!.code, 'import-budget-conflict-chosen');
    const b = extract(projectReport('本项目下达预算资金300万元。', '本项目共计下达资金280万元。'), extractBudgetNarrative);
    assert.equal(valueAt(b, 'budget.adjustedBudget'), undefined);
    assert.deepStrictEqual(b.warnings.map((w) => [w.code, w.params['values']]), [['import-budget-conflict', '300 万元、280 万元']]);
  });
});

describe('budget narrative: punctuation, units and a bare 预算数', () => {
  it('full-width colons, thousands separators, 元, 合计/共计 before the figure', () => {
    const ctx = extract(departmentReport('本局年初预算：12,345,678.90元；调整后预算合计13,000,000.00元；全年支出共计12,800,000.50元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '12345678.90 元', 'budget.adjustedBudget': '13000000.00 元', 'budget.actualSpending': '12800000.50 元' });
  });

  it('a bare 预算数 beside a different 年初预算 is the whole year’s budget in a department’s report', () => {
    const ctx = extract(departmentReport('本局年初预算数为1,000.00万元，经追加后预算数为1,100.00万元，执行数为1,078.00万元，预算执行率98.00%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), {
      'budget.initialBudget': '1000.00 万元',
      'budget.adjustedBudget': '1100.00 万元',
      'budget.actualSpending': '1078.00 万元',
      'budget.printed.executionRate': '98.00%',
    });
  });
});

describe('budget narrative: another year, a sub-project', () => {
  it('“2022年年初预算X万元” in a report on 2023 is another year’s; the evaluation’s year is kept', () => {
    const ctx = extract(departmentReport('2022年年初预算数为800.00万元。2023年年初预算数为900.00万元，决算数为880.00万元。'), extractBudgetNarrative, { draft: { year: 2023 } });
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '900.00 万元', 'budget.actualSpending': '880.00 万元' });
  });

  it('in a project’s report, “其中：子项目年初预算X万元” is a part; “（其中年初预算X万元，追加Y万元）” is the whole’s initial', () => {
    const a = extract(projectReport('本项目年初预算数为300万元，其中：某某子项目年初预算120万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(a), { 'budget.initialBudget': '300 万元' });
    const b = extract(projectReport('本项目全年预算数为320万元（其中年初预算300万元，年中追加20万元）。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(b), { 'budget.adjustedBudget': '320 万元', 'budget.initialBudget': '300 万元' });
  });
});

describe('budget narrative: a list of many payments', () => {
  it('many different figures for one field are parts, not the whole: none is read, one warning says so', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `第${i + 1}笔由本局实际拨付${i + 10}.50万元。`).join('');
    const ctx = extract(departmentReport('二、预算执行情况', sentences), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), {});
    assert.deepStrictEqual(ctx.warnings.map((w) => w.code), ['import-budget-conflict']);
  });
});

describe('budget tables: rate headers that carry their formula', () => {
  it('预算执行率(B/A×100%), 执行率（%）, 支出率, 完成率 and 使用率 headers are the execution rate', () => {
    for (const [header, cell, want] of [
      ['预算执行率(B/A×100%)', '86%', '86%'],
      ['执行率（%）', '97.5', '97.5%'],
      ['支出率(C=B/A)', '91.20%', '91.20%'],
      ['完成率', '100%', '100%'],
      ['资金使用率', '99%', '99%'],
    ] as const) {
      const ctx = extract(textDocument(row('资金投入情况（万元）', '全年预算数(A)', '全年执行数(B)', header), row('年度资金总额：', '808.10', '692.98', cell)), extractBudgetTable);
      assert.equal(foundAt(ctx, 'budget.printed.executionRate')?.value, want, header);
      assert.equal(foundAt(ctx, 'budget.actualSpending')?.value, '692.98 万元', header);
    }
  });

  it('a labelled cell “预算执行率(B/A×100%) | 88.5” prints the percentage', () => {
    const ctx = extract(textDocument(row('预算执行率(B/A×100%)', '88.5')), extractBudgetForm);
    assert.deepStrictEqual(foundList(ctx), { 'budget.printed.executionRate': '88.5%' });
  });
});

describe('budget narrative: figures by fund source are parts', () => {
  it('after “按资金来源” the fund sources’ 年初预算 (one of them 0.00) neither conflict with nor replace the whole', () => {
    const ctx = extract(
      textDocument(
        '某区某局2023年度部门整体支出绩效自评报告',
        '2023 年本单位预算收入 1200.50 万元，调整预算数 1300.00 万元，决算数 1250.00 万元。按资金来源，一般公共预算年初预算 1200.50 万元，调整预算 1300.00 万元，决算支出 1249.00 万元；政府性基金预算年初预算 0.00 万元；其他资金年初预算 0.00 万元。',
      ),
      extractBudgetNarrative,
    );
    const found = foundList(ctx);
    assert.equal(found['budget.adjustedBudget'], '1300.00 万元');
    assert.equal(found['budget.actualSpending'], '1250.00 万元');
    assert.equal(found['budget.initialBudget'], '1200.50 万元');
  });
});

describe('budget narrative: an adjustment or a breakdown told in its own clause', () => {
  it('“年中追加上级专项资金后，全年预算数为X万元”: a clause telling when names no part; X is the whole year’s budget', () => {
    const ctx = extract(departmentReport('本局年初预算数为820.00万元，年中追加上级专项资金后，全年预算数为905.40万元，全年支出880.10万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '820.00 万元', 'budget.adjustedBudget': '905.40 万元', 'budget.actualSpending': '880.10 万元' });
    assert.equal(foundAt(ctx, 'budget.adjustedBudget')!.source.line, 2);
  });

  it('“年中追加某某等专项资金Y万元，调整后预算数为X万元”: the adjustment’s clause does not make X a part', () => {
    const ctx = extract(departmentReport('本局年初预算数为820.00万元，年中追加水土保持等专项资金85.40万元，调整后预算数为905.40万元，全年支出880.10万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.initialBudget': '820.00 万元', 'budget.adjustedBudget': '905.40 万元', 'budget.actualSpending': '880.10 万元' });
  });

  it('a breakdown “其中基本支出A万元，项目支出B万元，” closed before “预算完成率为” leaves the rate the department’s', () => {
    const ctx = extract(departmentReport('本局全年支出880.10万元，其中基本支出610.30万元，项目支出269.80万元，预算完成率为97.21%。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), { 'budget.actualSpending': '880.10 万元', 'budget.printed.executionRate': '97.21%' });
  });

  it('a sentence opened by 基本支出 is still a part, whatever adjustment it tells of', () => {
    const ctx = extract(departmentReport('基本支出年初预算数为600.00万元，年中追加50.00万元，全年预算数为650.00万元。'), extractBudgetNarrative);
    assert.deepStrictEqual(foundList(ctx), {});
  });
});

describe('budget tables: the national department form’s breakdown printed side by side', () => {
  const header = row('年度预算申请（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分');
  const total = row('', '年度资金总额：', '1,500.00', '1,620.00', '1,560.00', '10', '96.30%', '9.63');
  const money = (ctx: ReturnType<typeof extract>, path: string) => {
    const line = valueAt(ctx, path) as Record<string, { value: string } | undefined> | undefined;
    return line ? [line['initialBudget']?.value, line['adjustedBudget']?.value, line['actualSpending']?.value] : undefined;
  };

  it('three figures a part are 年初 / 全年 / 执行, on the income side and the spending side; the row of labels between does not end the table', () => {
    const ctx = extract(
      textDocument(
        header,
        total,
        row('', '按收入性质分：', '', '', '', '按支出性质分：'),
        row('', '其中：一般公共预算：', '1,400.00', '1,500.00', '1,450.00', '其中：基本支出：', '900.00', '920.00', '915.00'),
        row('', '政府性基金拨款：', '100.00', '120.00', '110.00', '项目支出：', '600.00', '700.00', '645.00'),
      ),
      extractBudgetTable,
    );
    assert.deepStrictEqual(money(ctx, 'budget.basic'), ['900.00', '920.00', '915.00']);
    assert.deepStrictEqual(money(ctx, 'budget.project'), ['600.00', '700.00', '645.00']);
    assert.deepStrictEqual((valueAt(ctx, 'budget.fundSources') as { name: string }[]).map((x) => x.name), ['一般公共预算', '政府性基金拨款']);
  });

  it('one figure a part goes in the column the income side adds up to, even where the spending side does not', () => {
    const ctx = extract(
      textDocument(
        header,
        total,
        row('（万元）', '按收入性质分：', '', '', '按支出性质分：'),
        row('', '其中：一般公共预算：', '', '1,480.00', '其中：基本支出：', '', '950.00'),
        row('', '政府性基金：', '', '80.00', '项目支出：', '', '590.00'),
      ),
      extractBudgetTable,
    );
    // 1,480.00 + 80.00 = 1,560.00, the 全年执行数: the parts are spending.
    assert.deepStrictEqual(money(ctx, 'budget.basic'), [undefined, undefined, '950.00']);
    assert.deepStrictEqual(money(ctx, 'budget.project'), [undefined, undefined, '590.00']);
  });

  it('one figure a part that neither side tells the column of is not placed; a rate after a part’s figures starts no part', () => {
    const unplaced = extract(
      textDocument(header, total, row('', '其中：一般公共预算：', '', '1,400.00', '其中：基本支出：', '', '950.00'), row('', '政府性基金：', '', '70.00', '项目支出：', '', '590.00')),
      extractBudgetTable,
    );
    assert.equal(valueAt(unplaced, 'budget.basic'), undefined);
    assert.equal(valueAt(unplaced, 'budget.fundSources'), undefined);
    const rows = extract(
      textDocument(header, total, row('', '其中：基本支出', '900.00', '920.00', '915.00', '—', '99.46%', '—'), row('', '项目支出', '600.00', '700.00', '645.00', '—', '92.14%', '—')),
      extractBudgetTable,
    );
    assert.deepStrictEqual((valueAt(rows, 'budget.project') as { printed?: { executionRate?: { value: string } } }).printed?.executionRate?.value, '92.14%');
  });
});

describe('budget tables: a group label printed down the rows beside their names', () => {
  it('a 项目 column with 年度预算 ⏎ 执行情况 left of it: the rows are the budget’s parts by their own labels', () => {
    const ctx = extract(
      textDocument(
        row('年度预算', '项目', '年初预算数', '全年预算数', '全年执行数', '执行率'),
        row('执行情况', '年度资金总额', '1,200.00', '1,350.00', '1,296.00', '96.00%'),
        row('', '其中：基本支出', '700.00', '720.00', '720.00', '100.00%'),
        row('', '项目支出', '500.00', '630.00', '576.00', '91.43%'),
      ),
      extractBudgetTable,
    );
    assert.deepStrictEqual([valueAt(ctx, 'budget.initialBudget'), valueAt(ctx, 'budget.adjustedBudget'), valueAt(ctx, 'budget.actualSpending')].map((x) => (x as { value: string }).value), ['1200.00', '1350.00', '1296.00']);
  });

  it('the parts beside a group label (执行情况 | 其中：基本支出, （万元） | | 项目支出) are read by their columns, their printed rates with them', () => {
    const ctx = extract(
      textDocument(
        row('', '', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
        row('年度预算', '年度资金总额', '', '1200.00', '1350.00', '1296.00', '10', '96.00%', '9.6'),
        row('执行情况', '其中：基本支出', '', '700.00', '720.00', '720.00', '—', '100.00%', '—'),
        row('（万元）', '', '项目支出', '500.00', '630.00', '576.00', '—', '91.43%', '—'),
      ),
      extractBudgetTable,
    );
    const rate = (path: string) => (valueAt(ctx, path) as { printed?: { executionRate?: { value: string } } } | undefined)?.printed?.executionRate?.value;
    assert.deepStrictEqual([rate('budget.basic'), rate('budget.project')], ['100.00%', '91.43%']);
  });

  it('a 项目 column whose rows are not the budget’s parts (a project list) is still no budget table', () => {
    const ctx = extract(
      textDocument(row('重点项目', '项目', '年初预算数', '全年预算数', '全年执行数', '执行率'), row('执行情况', '城区道路养护', '200.00', '230.00', '220.00', '95.65%'), row('', '路灯改造', '100.00', '100.00', '90.00', '90.00%')),
      extractBudgetTable,
    );
    assert.equal(valueAt(ctx, 'budget.initialBudget'), undefined);
  });
});

describe('budget tables: the whole named by its words in any order', () => {
  it('部门预算资金合计, 部门支出合计 and 资金合计 are the department’s row', () => {
    for (const name of ['部门预算资金合计', '部门支出合计', '资金合计']) {
      const ctx = extract(
        textDocument(row('预算资金情况', '年初预算数', '全年预算数', '全年执行数', '执行率'), row(name, '2,808.40', '2,983.88', '2,855.25', '95.69%'), row('其中：基本支出', '1,862.40', '1,915.36', '1,903.18', '99.36%')),
        extractBudgetTable,
      );
      assert.equal((valueAt(ctx, 'budget.actualSpending') as { value: string } | undefined)?.value, '2855.25', name);
    }
  });
});

describe('budget tables: rows a space layout set a column off their header', () => {
  it('年度总支出 is the whole; a part row whose figures start a column early is read under its header', () => {
    const ctx = extract(
      textDocument(
        row('', '', '年初预算数', '全年预算数', '全年执行数', '执行率'),
        row('年度总支出', '', '3,862.40', '4,127.95', '3,986.18', '96.57%'),
        row('其中：基本支出', '2,415.60', '2,498.32', '2,498.32', '100.00%'),
        row('项目支出', '1,446.80', '1,629.63', '1,487.86', '91.30%'),
      ),
      extractBudgetTable,
    );
    assert.equal((valueAt(ctx, 'budget.actualSpending') as { value: string } | undefined)?.value, '3986.18');
    const project = valueAt(ctx, 'budget.project') as { actualSpending?: { value: string }; printed?: { executionRate?: { value: string } } } | undefined;
    assert.deepStrictEqual([project?.actualSpending?.value, project?.printed?.executionRate?.value], ['1487.86', '91.30%']);
  });
});

describe('budget narrative: odd characters in a sentence', () => {
  it('a line separator (U+2028) in the words before a figure is read past, not a crash', () => {
    assert.doesNotThrow(() => extract(textDocument('二、预算执行情况', '2、本年\u2028支出：799.12万元。'), extractBudgetNarrative));
  });
});
