/**
 * The header-formula rule on a made-up funding-structure table (资金结构表) whose header prints ③=①+②, ⑤=④/③,
 * ⑥=③−④ and ⑦=⑥/③. Every figure is invented and adds up: 项目支出 510 of 600 = 85%, 基本支出 705 of 750 = 94%,
 * 财政资金小计 = 项目 + 基本, 合计 = 小计 + 其他收入. The totals check of the same table is a case of `parts-sum`
 * (crossref.test.ts); here, the rows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audit } from '../index.ts';
import { columnsOf, formulaTableTotals } from './formula-table.ts';
import { buildContext } from '../context.ts';
import { CLEAN_ROWS, COLUMNS, type Cells, type RuleCases, caseTests, evaluation, findingsOf, fundingTable, ruleCases } from './testing.ts';

const replace = (name: string, i: number, value: string | null): Cells => CLEAN_ROWS.find(([n]) => n === name)![1].map((c, j) => (j === i ? value : c));
const PRINTED_RATE = { zh: '印出值 支出实现率⑤', en: 'printed 支出实现率 ⑤' };

export const CASES: readonly RuleCases[] = [
  ruleCases('row-formula', {
    clean: [
      { name: 'every row of the table by its header formulas', data: { documentKind: 'funding-structure-form', formulaTables: [fundingTable()] } },
      {
        name: 'formulas read from labels as printed (小计③=①+②, 结余⑥＝③－④, 结余率（⑦=⑥/③）), without separate marks',
        data: {
          formulaTables: [
            fundingTable({}, [
              { label: '年初安排①' },
              { label: '年中调整②' },
              { label: '小计③=①+②' },
              { label: '拨付④' },
              { label: '支出实现率⑤=④÷③' },
              { label: '结余⑥＝③－④' },
              { label: '结余率（⑦=⑥/③）' },
            ]),
          ],
        },
      },
      {
        name: 'rounding the printed figures explains: 1/3 of 300.00 printed 33.33%, a rate printed as a fraction, one decimal',
        data: {
          formulaTables: [
            fundingTable({
              项目支出: ['200.00', '100.00', '300.00', '100.00', '33.33%', '200.00', '66.7%'],
              基本支出: ['700.00', '50.00', '750.00', '705.00', '0.94', '45.00', '6.00%'],
              其他收入: ['80.00', '0.00', '80.00', '72.00', '90', '8.00', '10.00%'],
            }),
          ],
        },
      },
      {
        name: 'a row that leaves an input empty or prints “—” for a rate of a zero budget is not checked',
        data: { formulaTables: [fundingTable({ 其他收入: ['0.00', '0.00', '0.00', '0.00', '—', '0.00', null], 项目支出: replace('项目支出', 3, null) })] },
      },
    ],
    faulty: [
      {
        name: 'a rate of 86.00% where ④ ÷ ③ = 510 ÷ 600 = 85.00%',
        data: { documentKind: 'funding-structure-form', formulaTables: [fundingTable({ 项目支出: replace('项目支出', 4, '86.00%') })] },
        expect: {
          severity: 'error',
          printed: '86.00%',
          computed: '85.00%',
          message: /^“部门整体支出资金结构表”的“项目支出”行，支出实现率⑤ 印 86\.00%，按表头公式 ⑤=④÷③ 以本行数字计算为 85\.00%（④ 510\.00，③ 600\.00）。$/,
          locations: [{ field: 'formulaTables[0].rows[1].cells[4]', line: 12, table: '部门整体支出资金结构表', role: PRINTED_RATE }],
        },
      },
      {
        name: 'a subtotal ③ typed 610.00 breaks four formulas: one finding naming ③',
        data: { formulaTables: [fundingTable({ 项目支出: replace('项目支出', 2, '610.00') })] },
        expect: {
          severity: 'error',
          printed: '610.00 万元',
          computed: '600.00 万元',
          message: /^“部门整体支出资金结构表”的“项目支出”行，小计③ 印 610\.00 万元，按表头公式 ③=①\+② 以本行数字计算为 600\.00 万元（① 500\.00，② 100\.00）；支出实现率⑤ .*；这些公式都用到 小计③（印 610\.00），多半是它印错。$/,
          locations: [{ field: 'formulaTables[0].rows[1].cells[2]', line: 12 }],
        },
      },
      {
        name: 'an amount with no formula of its own (拨付④ 520.00) named by the formulas it breaks',
        data: { formulaTables: [fundingTable({ 基本支出: replace('基本支出', 3, '715.00') })] },
        expect: {
          severity: 'error',
          printed: '94.00%',
          computed: '95.33%',
          message: /⑤=④÷③.*⑥=③−④.*这些公式都用到 拨付④（印 715\.00）/,
          locations: [{ field: 'formulaTables[0].rows[2].cells[3]', line: 13 }],
        },
      },
      {
        name: 'two unrelated slips in one row (① and ⑤) make two findings: ③ is borne out by ⑥ and ⑦',
        data: { formulaTables: [fundingTable({ 项目支出: ['510.00', '100.00', '600.00', '510.00', '86.00%', '90.00', '15.00%'] })] },
        expect: [
          { severity: 'error', printed: '600.00 万元', computed: '610.00 万元', message: /小计③ 印 600\.00 万元，按表头公式 ③=①\+② 以本行数字计算为 610\.00 万元（① 510\.00，② 100\.00）。$/ },
          { severity: 'error', printed: '86.00%', computed: '85.00%' },
        ],
      },
      {
        name: 'a 结余⑥ typed 95.00 also breaks ⑦ = ⑥ ÷ ③: one finding naming ⑥',
        data: { formulaTables: [fundingTable({ 项目支出: replace('项目支出', 5, '95.00') })] },
        expect: { severity: 'error', printed: '95.00 万元', computed: '90.00 万元', message: /这些公式都用到 结余⑥（印 95\.00）/ },
      },
    ],
  }),
];

for (const c of CASES) {
  describe(c.rule, () => {
    for (const t of caseTests(c)) {
      it(t.name, () => {
        const { actual, expected } = t.run();
        assert.deepStrictEqual(actual, expected);
      });
    }
  });
}

describe('formula tables', () => {
  it('columns: marks and formulas from the fields or the labels, rates from the output, the formula or the label', () => {
    const cols = columnsOf(evaluation({ formulaTables: [fundingTable({}, [{ label: '小计③=①+②' }, { label: '支出实现率⑤=④/③' }, { label: '结余率⑦' }, { label: '备注' }])] }).formulaTables![0]!);
    assert.deepEqual(
      cols.map((c) => [c.name, c.mark ?? '', c.expr ? 'formula' : '', c.isRate]),
      [
        ['小计', '③', 'formula', false],
        ['支出实现率', '⑤', 'formula', true],
        ['结余率', '⑦', '', true],
        ['备注', '', '', false],
      ],
    );
  });

  it('a faulty row is reported by row-formula only; the totals stay silent when the rows still add up', () => {
    const found = audit({ evaluation: evaluation({ formulaTables: [fundingTable({ 项目支出: replace('项目支出', 4, '86.00%') })] }) }).findings;
    assert.deepEqual([...new Set(found.map((f) => f.rule))], ['row-formula']);
  });

  it('the totals helper sees nothing wrong in the clean table', () => {
    assert.deepEqual(formulaTableTotals(buildContext({ evaluation: evaluation({ formulaTables: [fundingTable()] }) })), []);
  });

  it('a rule over a table of a thousand rows stays linear in practice', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ name: `项目${i + 1}`, cells: ['1.00', '1.00', '2.00', '1.00', '50.00%', '1.00', '50.00%'] }));
    const e = evaluation({ formulaTables: [{ title: '大表', columns: COLUMNS, rows: [...rows, { name: '合计', cells: ['1000.00', '1000.00', '2000.00', '1000.00', '50.00%', '1000.00', '50.00%'] }] }] });
    assert.deepEqual(findingsOf('row-formula', { name: '', data: { formulaTables: e.formulaTables } }).length, 0);
    assert.deepEqual(findingsOf('parts-sum', { name: '', data: { formulaTables: e.formulaTables } }).length, 0);
  });
});

describe('a printed rate the budget was read from a header-formula table', () => {
  const table = fundingTable({ 合计: ['1,280.00', '150.00', '1,430.00', '1,287.00', '91.00%', '143.00', '10.00%'] });
  const budget = (line: number, text: string) => ({
    initialBudget: '1280.00',
    adjustedBudget: '1430.00',
    actualSpending: '1287.00',
    printed: { executionRate: { value: '91.00%', source: { file: 'x.txt', line, text } } },
  });
  const rules = (data: Record<string, unknown>) => audit({ evaluation: evaluation(data), file: 'x.txt' }).findings.map((f) => f.rule).filter((r) => r === 'row-formula' || r === 'rate-mismatch');

  it('is reported once, by row-formula (which names the row and the header formula), when it is that table’s cell', () => {
    assert.deepEqual(rules({ documentKind: 'funding-structure-form', formulaTables: [table], budget: budget(15, '合计 支出实现率⑤ 91.00%') }), ['row-formula']);
  });

  it('is still a rate-mismatch when the budget’s rate was printed elsewhere (a sentence on another line)', () => {
    assert.deepEqual(rules({ documentKind: 'funding-structure-form', formulaTables: [table], budget: budget(30, '预算执行率91.00%') }).sort(), ['rate-mismatch', 'row-formula']);
  });
});
