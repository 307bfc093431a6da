/**
 * Management facts stated in sentences: “三公”经费, 日常公用经费, 政府采购, 固定资产, staffing and 结转结余 — each
 * figure taken only in a sentence that names its subject, right after the words that say what it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractManagement } from './management.ts';
import { FILE, extract, foundAt, foundList, textDocument, valueAt } from './testing.ts';

const SECTION = '（三）部门整体绩效管理情况';

describe('management: the clean case', () => {
  it('every fact of a management section, with the clause it was read from', () => {
    const ctx = extract(
      textDocument(
        SECTION,
        '“三公”经费年初预算数为12.00万元，实际支出10.50万元，“三公”经费控制率为87.50%。',
        '日常公用经费年初预算为80.00万元，决算数为85.00万元，公用经费控制率为106.25%。',
        '政府采购预算金额为200.00万元，实际采购金额为150.00万元，政府采购执行率为75.00%。',
        '固定资产总额为500.00万元，在用固定资产为480.00万元，固定资产利用率为96.00%。',
        '核定编制数为30人，年底实际在职人数为28人，编外人员5人，在职人员控制率为93.33%。',
        '年末结转结余总额为0。',
      ),
      extractManagement,
    );
    assert.deepStrictEqual(foundList(ctx), {
      'basicExpenditure.department.threePublicExpenses.initialBudget': '12.00 万元',
      'basicExpenditure.department.threePublicExpenses.actualSpending': '10.50 万元',
      'basicExpenditure.department.threePublicExpenses.printed.threePublicControlRate': '87.50%',
      'basicExpenditure.department.routineOperating.initialBudget': '80.00 万元',
      'basicExpenditure.department.routineOperating.actualSpending': '85.00 万元',
      'basicExpenditure.department.routineOperating.printed.routineOperatingControlRate': '106.25%',
      'management.procurement.budget': '200.00 万元',
      'management.procurement.actual': '150.00 万元',
      'management.procurement.printed.procurementExecutionRate': '75.00%',
      'management.fixedAssets.total': '500.00 万元',
      'management.fixedAssets.inUse': '480.00 万元',
      'management.fixedAssets.printed.fixedAssetUtilizationRate': '96.00%',
      'management.staffing.authorizedPosts': '30 人',
      'management.staffing.onEstablishment': '28 人',
      'management.staffing.offEstablishment': '5 人',
      'management.staffing.printed.staffControlRate': '93.33%',
      'management.carryOver.amount': '0 万元',
    });
    assert.equal(valueAt(ctx, 'management.staffing.authorizedPosts'), 30);
    assert.deepStrictEqual(valueAt(ctx, 'management.procurement.actual'), {
      value: '150.00',
      unit: '万元',
      source: { file: FILE, line: 4, section: SECTION, text: '政府采购预算金额为200.00万元，实际采购金额为150.00万元，政府采购执行率为75.00%。' },
    });
    assert.deepStrictEqual(foundAt(ctx, 'management.carryOver.amount')!.source, { file: FILE, line: 7, section: SECTION, text: '年末结转结余总额为0。' });
  });
});

describe('management: odd and faulty sentences', () => {
  it('a figure in the next sentence, which does not name the subject, is not taken', () => {
    const ctx = extract(textDocument('“三公”经费管理严格，无超标准接待。全年实际支出10.50万元。'), extractManagement);
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('a figure of the wrong kind for its field is skipped: a rate where money is due, a count without 人', () => {
    const ctx = extract(textDocument('政府采购预算金额为95%。', '核定编制数为30个，编外人员若干。'), extractManagement);
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('the first statement of a fact is kept; a later one does not overwrite it', () => {
    const ctx = extract(textDocument('固定资产总额为500.00万元。', '年末固定资产总额为520.00万元。'), extractManagement);
    assert.equal(foundAt(ctx, 'management.fixedAssets.total')!.value, '500.00 万元');
    assert.equal(ctx.found.length, 1);
  });

  it('a carry-over with its unit is read as money in that unit', () => {
    const ctx = extract(textDocument('年末结转结余资金为1,200元。'), extractManagement);
    assert.equal(foundAt(ctx, 'management.carryOver.amount')!.value, '1200 元');
  });

  it('text with the trigger words but no figures gives nothing', () => {
    const ctx = extract(textDocument('严格执行政府采购制度，加强固定资产管理，编外人员管理规范。'), extractManagement);
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('an amount in 亿元 is converted to 万元', () => {
    const ctx = extract(textDocument('固定资产总额为1.5亿元。'), extractManagement);
    assert.equal(foundAt(ctx, 'management.fixedAssets.total')!.value, '15000 万元');
  });
});
