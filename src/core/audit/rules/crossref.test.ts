/**
 * The cross-reference rules on made-up evaluations and passages: one fact stated with two numbers, the budget summary
 * against its detail tables, basic + project against the department, an amount in the text against its table row,
 * and the Guangzhou form's adjusted revenue against its adjusted budget.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyIndicatorPassages } from '../context.ts';
import { audit } from '../index.ts';
import { FILE, type RuleCases, caseTests, evaluation, fig, findingsOf, fundingTable, passage, ruleCases, src } from './testing.ts';

export const CASES: readonly RuleCases[] = [
  ruleCases('fact-conflict', {
    clean: [
      {
        name: 'the same count said twice with the same number',
        data: { overallResult: '全年开展文物安全巡查 86 次，发现隐患 12 处。', performanceNarrative: '本年度开展文物安全巡查 86 次。' },
      },
      {
        name: 'different things counted (巡查 against 培训), whatever their numbers',
        data: { overallResult: '全年开展文物安全巡查 86 次。', performanceNarrative: '全年组织讲解员培训 90 次。' },
      },
      {
        name: 'last year’s figure is not this year’s',
        data: { overallResult: '全年开展文物安全巡查 86 次。', performanceNarrative: '去年同期开展文物安全巡查 70 次。' },
      },
      {
        name: 'a target passage (预期目标) is not compared with the result',
        data: {},
        with: { passages: [passage('开展文物安全巡查 100 次。', 3, true), passage('全年开展文物安全巡查 86 次。', 9)] },
      },
      {
        name: 'an indicator’s actual said again in the text as the table has it (41.40% at more decimals), its target in a plan, a change from last year',
        data: { indicators: [{ level1: '产出指标', level2: '质量指标', name: '家庭医生签约服务覆盖率', target: '≥45%', actual: '41.4%', source: { file: FILE, line: 26, text: '家庭医生签约服务覆盖率 | ≥45% | 41.4%' } }] },
        with: { passages: [passage('家庭医生签约服务覆盖率达到41.40%，较上年提高3个百分点。', 10), passage('家庭医生签约服务覆盖率不低于45%。', 11), passage('家庭医生签约服务覆盖率45%。', 12, true)] },
      },
      {
        name: 'a figure printed as 1.3 万 covers 12,960 at its precision',
        data: { overallResult: '全年接待参观群众 1.3 万人次。', performanceNarrative: '本年度接待参观群众 12960 人次。' },
      },
    ],
    faulty: [
      {
        name: 'one count printed as 86 in the result and 68 in the narrative',
        data: {},
        with: { passages: [passage('全年开展文物安全巡查 86 次，发现隐患 12 处。', 14), passage('本年度开展文物安全巡查 68 次，整改率 100%。', 31)] },
        expect: {
          severity: 'warning',
          printed: '86次',
          computed: '68次',
          message: /^同一事项在不同位置数字不同：「开展文物安全巡查」86次（1 处）；「本年度开展文物安全巡查」68次（1 处）。$/,
          locations: [
            { file: FILE, line: 14, text: '全年开展文物安全巡查 86 次，发现隐患 12 处。' },
            { file: FILE, line: 31, text: '本年度开展文物安全巡查 68 次，整改率 100%。' },
          ],
        },
      },
      {
        name: 'an indicator’s actual said right after its name in the text (44.1%) against the indicator table’s 41.4%',
        data: { indicators: [{ level1: '产出指标', level2: '质量指标', name: '家庭医生签约服务覆盖率', target: '≥45%', actual: '41.4%', source: { file: FILE, line: 26, text: '家庭医生签约服务覆盖率 | ≥45% | 41.4%' } }] },
        with: { passages: [passage('家庭医生签约服务覆盖率44.1%，县域医共体建设持续推进。', 10)] },
        expect: {
          severity: 'warning',
          printed: '44.1%',
          computed: '41.4%',
          message: /^指标“家庭医生签约服务覆盖率”的实际完成值，指标表中为 41\.4%，正文写 44\.1%。$/,
          locations: [{ line: 10 }, { field: 'indicators', line: 26 }],
        },
      },
      {
        name: 'the value said in two places outnumbers the third, and is printed first',
        data: {
          overallResult: '全年举办公益讲座 45 场。',
          performanceNarrative: '本年度举办公益讲座 54 场。',
          keyProjectNarrative: '全年举办公益讲座 45 场，覆盖 12 个街道。',
        },
        expect: {
          severity: 'warning',
          printed: '45场',
          computed: '54场',
          message: /45场（2 处）.*54场（1 处）/,
          locations: [{ field: 'overallResult' }, { field: 'keyProjectNarrative' }, { field: 'performanceNarrative' }],
        },
      },
    ],
  }),

  ruleCases('budget-part-conflict', {
    clean: [
      {
        name: 'basic expenditure equal in the summary and in the basic table',
        data: { budget: { basic: { actualSpending: '500.00' } }, basicExpenditure: { department: { total: { actualSpending: '500.00' } } } },
      },
      {
        name: 'the economic classification rows adding to the department budget within rounding (no total row)',
        data: { budget: { actualSpending: '100.00' }, economicClassification: { rows: [{ name: '工资福利支出', actualSpending: '33.33' }, { name: '商品和服务支出', actualSpending: '33.33' }, { name: '资本性支出', actualSpending: '33.33' }] } },
      },
      {
        name: 'the same amount in 万元 and in 元',
        data: { budget: { project: { initialBudget: '120.50' } }, projects: { unit: '元', rows: [{ name: '馆藏修复', initialBudget: 1205000 }], total: { initialBudget: 1205000 } } },
      },
    ],
    faulty: [
      {
        name: 'basic expenditure 500 in the summary, 520 in the basic table',
        data: {
          budget: { basic: { actualSpending: fig('500.00', 8, '基本支出 500.00') } },
          basicExpenditure: { department: { total: { actualSpending: fig('520.00', 44, '基本支出合计 520.00', { table: '表3' }) } } },
        },
        expect: {
          severity: 'warning',
          printed: '500.00 万元',
          computed: '520.00 万元',
          message: /^基本支出实际支出为 500\.00 万元，基本支出表部门合计为 520\.00 万元，相差 20\.00 万元。$/,
          locations: [
            { field: 'budget.basic.actualSpending', line: 8, role: { zh: '基本支出', en: 'basic expenditure' } },
            { field: 'basicExpenditure.department.total.actualSpending', line: 44, table: '表3', role: { zh: '基本支出表部门合计', en: 'the basic-expenditure table total' } },
          ],
        },
      },
      {
        name: 'the department budget against the sum of the functional classification rows',
        data: { budget: { initialBudget: '1000.00' }, functionalClassification: { rows: [{ name: '文化旅游体育与传媒支出', initialBudget: '900.00' }, { name: '社会保障和就业支出', initialBudget: '80.00' }] } },
        expect: {
          severity: 'warning',
          printed: '1,000.00 万元',
          computed: '980.00 万元',
          locations: [{ field: 'budget.initialBudget' }, { field: 'functionalClassification.rows', role: { zh: '功能分类表各行之和', en: 'the rows of the functional classification' } }],
        },
      },
    ],
  }),

  ruleCases('parts-sum', {
    clean: [
      {
        name: 'basic 600 + project 400 = department 1000',
        data: { budget: { initialBudget: 1000, basic: { initialBudget: 600 }, project: { initialBudget: 400 } } },
      },
      {
        name: 'the parts taken from the detail tables when the summary has none',
        data: { budget: { actualSpending: 950 }, basicExpenditure: { department: { total: { actualSpending: 550 } } }, projects: { rows: [{ name: '展陈提升', actualSpending: 400 }], total: { actualSpending: 400 } } },
      },
      {
        name: '600.4 + 399.6 = 1000.0 against a printed 1000.1: within the rounding of three one-decimal figures',
        data: { budget: { adjustedBudget: '1000.1', basic: { adjustedBudget: '600.4' }, project: { adjustedBudget: '399.6' } } },
      },
      {
        name: 'a funding-structure table: 财政资金小计 = 项目 + 基本, 合计 = 小计 + 其他收入, in every amount column',
        data: { documentKind: 'funding-structure-form', formulaTables: [fundingTable()] },
      },
      {
        name: 'the same table with its 合计 row first',
        data: { formulaTables: [{ ...fundingTable(), rows: [fundingTable().rows[4]!, ...fundingTable().rows.slice(0, 4)] }] },
      },
      {
        name: 'a “其中” list under a row that is no subtotal (财政拨款；其中：项目支出、基本支出)',
        data: {
          formulaTables: [
            {
              ...fundingTable(),
              rows: fundingTable().rows.map((r, i) => (i === 0 ? { ...r, name: '财政拨款' } : i === 1 ? { ...r, name: '其中：项目支出' } : r)),
            },
          ],
        },
      },
      {
        name: 'fund sources adding up to the department, a project’s fund rows adding up to its total',
        data: {
          budget: { initialBudget: 938, fundSources: [{ name: '财政拨款', initialBudget: 860 }, { name: '其他资金', initialBudget: 78 }] },
          project: { name: '全民健身设施', funds: { total: { initialBudget: 500, adjustedBudget: 520 }, currentYear: { initialBudget: 450, adjustedBudget: 470 }, carriedOver: { initialBudget: 50, adjustedBudget: 50 } } },
        },
      },
      {
        name: 'a single fund source is no breakdown of the department budget',
        data: { budget: { initialBudget: 938, fundSources: [{ name: '一般公共预算', initialBudget: 900 }] } },
      },
      {
        name: 'a subtotal whose run of rows agrees only where every figure is 0 is not taken for its parts',
        data: {
          formulaTables: [
            {
              title: '资金表',
              columns: [{ label: '年初安排', mark: '①' }, { label: '年中调整', mark: '②' }],
              rows: [
                { name: '财政资金小计', cells: ['500.00', '0.00'] },
                { name: '其他收入', cells: ['20.00', '0.00'] },
                { name: '经营收入', cells: ['10.00', '0.00'] },
                { name: '合计', cells: ['530.00', '0.00'] },
              ],
            },
          ],
        },
      },
      {
        name: 'a partial “其中” list (only 项目支出 given) is a part, not a row of its own',
        data: {
          formulaTables: [
            {
              ...fundingTable(),
              rows: fundingTable()
                .rows.filter((_, i) => i !== 2)
                .map((r, i) => (i === 0 ? { ...r, name: '财政拨款' } : i === 1 ? { ...r, name: '其中：项目支出' } : r)),
            },
          ],
        },
      },
    ],
    faulty: [
      {
        name: 'two columns that do not add up make one finding',
        data: {
          budget: {
            initialBudget: fig(1000, 5, '年初预算 1000'),
            actualSpending: fig(950, 6, '实际支出 950'),
            basic: { initialBudget: fig(600, 7, '基本支出年初 600'), actualSpending: fig(550, 8, '基本支出实际 550') },
            project: { initialBudget: fig(380, 9, '项目支出年初 380'), actualSpending: fig(420, 10, '项目支出实际 420') },
          },
        },
        expect: {
          severity: 'warning',
          printed: '1,000.00 万元、950.00 万元',
          computed: '980.00 万元、970.00 万元',
          message: /^基本支出与项目支出之和不等于部门数：年初预算：基本支出 600\.00 万元 \+ 项目支出 380\.00 万元 = 980\.00 万元，部门印 1,000\.00 万元；实际支出：.*部门印 950\.00 万元。$/,
          locations: [
            { field: 'budget.initialBudget', line: 5 },
            { field: 'budget.basic.initialBudget', line: 7 },
            { field: 'budget.project.initialBudget', line: 9 },
            { field: 'budget.actualSpending', line: 6 },
            { field: 'budget.basic.actualSpending', line: 8 },
            { field: 'budget.project.actualSpending', line: 10 },
          ],
        },
      },
      {
        name: 'a department budget above its fund sources (938.00 against 820.00 + 78.00)',
        data: { budget: { initialBudget: fig('938.00', 8, '合计 938.00'), fundSources: [{ name: '财政拨款', initialBudget: fig('820.00', 9, '财政拨款 820.00') }, { name: '其他资金', initialBudget: fig('78.00', 10, '其他资金 78.00') }] } },
        expect: {
          severity: 'warning',
          printed: '938.00 万元',
          computed: '898.00 万元',
          message: /^部门预算不等于其组成部分之和：年初预算：财政拨款 820\.00 万元 \+ 其他资金 78\.00 万元 = 898\.00 万元，部门预算印 938\.00 万元。$/,
          locations: [{ field: 'budget.initialBudget', line: 8 }, { field: 'budget.fundSources[0].initialBudget', line: 9 }, { field: 'budget.fundSources[1].initialBudget', line: 10 }],
        },
      },
      {
        name: 'a project form’s 年度资金总额 of 2,430.00 over fund rows adding to 2,460.00',
        data: {
          documentKind: 'project-form',
          project: {
            name: '城区河道综合治理',
            funds: {
              total: { initialBudget: fig('2430.00', 7, '年度资金总额 2,430.00') },
              currentYear: { initialBudget: fig('1880.00', 8, '当年财政拨款 1,880.00') },
              carriedOver: { initialBudget: fig('400.00', 9, '上年结转资金 400.00') },
              other: { initialBudget: fig('180.00', 10, '其他资金 180.00') },
            },
          },
        },
        expect: {
          severity: 'warning',
          printed: '2,430.00 万元',
          computed: '2,460.00 万元',
          message: /^项目“城区河道综合治理”年度资金总额不等于其组成部分之和：年初预算：当年财政拨款 1,880\.00 万元 \+ 上年结转资金 400\.00 万元 \+ 其他资金 180\.00 万元 = 2,460\.00 万元/,
          locations: [{ field: 'project.funds.total.initialBudget', line: 7 }, { line: 8 }, { line: 9 }, { line: 10 }],
        },
      },
      {
        name: 'a 合计 of 年初安排 10 万元 above its rows (1,290.00 against 1,200.00 + 80.00)',
        data: { formulaTables: [fundingTable({ 合计: ['1,290.00', '150.00', '1,430.00', '1,287.00', '90.00%', '143.00', '10.00%'] })] },
        expect: {
          severity: 'warning',
          printed: '1,290.00',
          computed: '1,280.00',
          message: /^“部门整体支出资金结构表”的“合计”行不等于其组成行（财政资金小计 \+ 其他收入）之和：年初安排① 印 1,290\.00 万元，各行之和 1,280\.00 万元。$/,
          locations: [
            { field: 'formulaTables[0].rows[4].cells[0]', line: 15, role: { zh: '印出值 年初安排', en: 'printed 年初安排' } },
            { field: 'formulaTables[0].rows[0]', line: 11 },
            { field: 'formulaTables[0].rows[3]', line: 14 },
          ],
        },
      },
      {
        name: 'a row with a “其中” list whose 拨付④ is not the list’s sum (财政拨款 1,225.00 against 510.00 + 705.00)',
        data: {
          formulaTables: [
            {
              ...fundingTable({ 财政资金小计: ['1,200.00', '150.00', '1,350.00', '1,225.00', '90.74%', '125.00', '9.26%'] }),
              rows: fundingTable({ 财政资金小计: ['1,200.00', '150.00', '1,350.00', '1,225.00', '90.74%', '125.00', '9.26%'] }).rows.map((r, i) => (i === 0 ? { ...r, name: '财政拨款' } : i === 1 ? { ...r, name: '其中：项目支出' } : r)),
            },
          ],
        },
        expect: { severity: 'warning', printed: '1,225.00、125.00', computed: '1,215.00、135.00', message: /^“部门整体支出资金结构表”的“财政拨款”行不等于其组成行（其中：项目支出 \+ 基本支出）之和/ },
      },
      {
        name: 'a 财政资金小计 whose 拨付④ is not 项目 + 基本 (1,225.00 against 510.00 + 705.00)',
        data: { formulaTables: [fundingTable({ 财政资金小计: ['1,200.00', '150.00', '1,350.00', '1,225.00', '90.74%', '125.00', '9.26%'] })] },
        expect: {
          severity: 'warning',
          printed: '1,225.00、125.00',
          computed: '1,215.00、135.00',
          message: /^“部门整体支出资金结构表”的“财政资金小计”行不等于其组成行（项目支出 \+ 基本支出）之和：拨付④ 印 1,225\.00 万元，各行之和 1,215\.00 万元；结余⑥ 印 125\.00 万元，各行之和 135\.00 万元。$/,
          locations: [{ field: 'formulaTables[0].rows[0].cells[3]', line: 11 }, { field: 'formulaTables[0].rows[1]', line: 12 }, { field: 'formulaTables[0].rows[2]', line: 13 }],
        },
      },
    ],
  }),

  ruleCases('text-table-conflict', {
    clean: [
      {
        name: 'the text’s 基本支出 equal to the basic table at its decimals (521.3 against 521.30)',
        data: { basicExpenditure: { department: { total: { initialBudget: '530.00', actualSpending: '521.30' } } } },
        with: { passages: [passage('全年决算支出中，基本支出 521.3 万元，项目支出 300.00 万元。', 2)] },
      },
      {
        name: 'an amount matching another column of the row (the text says 决算 but quotes the 年初 figure)',
        data: { basicExpenditure: { department: { total: { initialBudget: '530.00', actualSpending: '521.30' } } } },
        with: { passages: [passage('全年决算支出中，基本支出 530.00 万元。', 2)] },
      },
      {
        name: 'a sentence without a column word is not compared',
        data: { basicExpenditure: { department: { total: { actualSpending: '521.30' } } } },
        with: { passages: [passage('其中，基本支出 512.30 万元。', 2)] },
      },
      {
        name: 'the department’s total in the text equal to the form at the text’s decimals (18,205,000 元 and 1,932.7 万元)',
        data: { budget: { initialBudget: '1820.50', adjustedBudget: '2010.30', actualSpending: '1932.68' } },
        with: { passages: [passage('2024年本单位年初预算数18,205,000元，实际支出1,932.7万元。', 3)] },
      },
      {
        name: 'a total matching another column of the department (the text says 年初预算 but quotes the adjusted figure)',
        data: { budget: { initialBudget: '1820.50', adjustedBudget: '2010.30', actualSpending: '1932.68' } },
        with: { passages: [passage('2024年部门年初预算2,010.30万元。', 3)] },
      },
      {
        name: 'the “三公” funds’ budget and spending are a part’s, not the department’s',
        data: { budget: { initialBudget: '1820.50', adjustedBudget: '2010.30', actualSpending: '1932.68' } },
        with: { passages: [passage('“三公”经费预算12.60万元，实际支出9.84万元。', 3)] },
      },
      {
        name: 'a total under half or over twice the department’s is a part’s the sentence did not name (执行 1,651.28 against 6,958.33)',
        data: { budget: { initialBudget: '7000.00', adjustedBudget: '7214.90', actualSpending: '6958.33' } },
        with: { passages: [passage('全年执行1,651.28万元。', 3), passage('调整后预算数为15,000.00万元。', 4)] },
      },
      {
        name: 'a key project’s 全年预算数 and 执行数 are the project’s, not the department’s',
        data: { budget: { initialBudget: '1820.50', adjustedBudget: '2010.30', actualSpending: '1932.68' } },
        with: { passages: [passage('“乡村文化振兴示范项目”绩效情况：全年预算数320.00万元，执行数298.45万元。', 3)] },
      },
      {
        name: 'a bare column word after 项目支出 in an earlier clause, agreeing with the summary (执行 717.28)',
        data: { budget: { project: { initialBudget: '620.50', adjustedBudget: '750.30', actualSpending: '717.28' } } },
        with: { passages: [passage('项目支出年初预算620.50万元，全年预算750.30万元，执行717.28万元。', 3)] },
      },
    ],
    faulty: [
      {
        name: 'the text’s 基本支出 512.30 against 521.30 in the basic table',
        data: { basicExpenditure: { department: { total: { initialBudget: '530.00', actualSpending: fig('521.30', 40, '基本支出合计 521.30', { table: '表3', row: 6 }) } } } },
        with: { passages: [passage('全年决算支出中，基本支出 512.30 万元，项目支出 300.00 万元。', 2)] },
        expect: {
          severity: 'error',
          printed: '512.30 万元',
          computed: '521.30 万元',
          message: /^正文写“基本支出 512\.30 万元”，基本支出表部门合计实际支出为 521\.30 万元/,
          locations: [
            { line: 2, text: '全年决算支出中，基本支出 512.30 万元，项目支出 300.00 万元。' },
            { field: 'basicExpenditure.department.total.actualSpending', line: 40, table: '表3', row: 6 },
          ],
        },
      },
      {
        name: 'the column named after the amount (项目支出执行 1,016.39) against the project table total',
        data: { projects: { rows: [{ name: '基本公共卫生服务', actualSpending: '437.08' }, { name: '家庭医生签约服务', actualSpending: '624.31' }], total: { initialBudget: '1050.00', actualSpending: fig('1061.39', 14, '合计 1,050.00 1,110.50 1,061.39') } } },
        with: { passages: [passage('其中基本支出执行2,080.55万元；项目支出执行1,016.39万元，各项目执行情况见下表。', 7)] },
        expect: { severity: 'error', printed: '1016.39 万元', computed: '1,061.39 万元', locations: [{ line: 7 }, { field: 'projects.total.actualSpending', line: 14 }] },
      },
      {
        name: 'a classification row named in the text (工资福利支出) against its row',
        data: { economicClassification: { rows: [{ name: '工资福利支出', actualSpending: '300.00' }, { name: '商品和服务支出', actualSpending: '100.00' }] } },
        with: { passages: [passage('决算支出中，工资福利支出 310.00 万元。', 4)] },
        expect: { severity: 'error', printed: '310.00 万元', computed: '300.00 万元', locations: [{ line: 4 }, { field: 'economicClassification.rows[0].actualSpending' }] },
      },
      {
        name: 'the department’s 年初预算 1,802.50 in the text against 1,820.50 on the form (the other two agree)',
        data: { budget: { initialBudget: fig('1820.50', 12, '年初预算 1,820.50'), adjustedBudget: '2010.30', actualSpending: '1932.68' } },
        with: { passages: [passage('2024年我局年初预算1,802.50万元，全年预算2,010.30万元，实际支出1,932.68万元。', 3)] },
        expect: {
          severity: 'error',
          printed: '1802.50 万元',
          computed: '1,820.50 万元',
          message: /^正文写“2024年我局年初预算 1802\.50 万元”，部门预算年初预算为 1,820\.50 万元/,
          locations: [{ line: 3 }, { field: 'budget.initialBudget', line: 12 }],
        },
      },
      {
        name: 'the 年初 budget “批复” in words (年初部门预算批复 1,826.40) against 1,862.40 on the form',
        data: { budget: { initialBudget: fig('1862.40', 12, '合计 1,862.40'), adjustedBudget: '2035.76', actualSpending: '1968.53' } },
        with: { passages: [passage('2022年度年初部门预算批复1826.40万元。', 3)] },
        expect: { severity: 'error', printed: '1826.40 万元', computed: '1,862.40 万元', message: /^正文写“2022年度年初部门预算批复 1826\.40 万元”，部门预算年初预算为 1,862\.40 万元/, locations: [{ line: 3 }, { field: 'budget.initialBudget', line: 12 }] },
      },
      {
        name: 'a 实际完成情况 cell under its own label (目标3完成情况：…各类资金合计拨付 2,163.58) against the actual 2,179.18',
        data: { budget: { initialBudget: '1901.40', adjustedBudget: '2235.75', actualSpending: fig('2179.18', 12, '合计 2,179.18') } },
        with: { passages: [passage('目标3完成情况：全年各类资金合计拨付2163.58万元；应免畜禽免疫密度88.2%。', 15)] },
        expect: { severity: 'error', printed: '2163.58 万元', computed: '2,179.18 万元', message: /^正文写“各类资金合计拨付 2163\.58 万元”，部门预算实际支出为 2,179\.18 万元/, locations: [{ line: 15 }, { field: 'budget.actualSpending', line: 12 }] },
      },
      {
        name: 'a sentence dated first (截至2022年12月31日，全年实际支出 4,730.48) against the actual 4,370.48',
        data: { budget: { initialBudget: '4102.35', adjustedBudget: '4520.52', actualSpending: fig('4370.48', 23, '合计 4,370.48') } },
        with: { passages: [passage('截至2022年12月31日，全年实际支出4,730.48万元。', 14)] },
        expect: { severity: 'error', printed: '4730.48 万元', computed: '4,370.48 万元', locations: [{ line: 14 }, { field: 'budget.actualSpending', line: 23 }] },
      },
      {
        name: 'the adjusted budget as 调整后全年预算数 (2,053.76) against 2,035.76',
        data: { budget: { initialBudget: '1862.40', adjustedBudget: fig('2035.76', 12, '合计 2,035.76'), actualSpending: '1968.53' } },
        with: { passages: [passage('调整后全年预算数为2053.76万元，较年初增加171.36万元。', 4)] },
        expect: { severity: 'error', printed: '2053.76 万元', computed: '2,035.76 万元', locations: [{ line: 4 }, { field: 'budget.adjustedBudget', line: 12 }] },
      },
      {
        name: 'a project form’s 全年执行 2,368.60 in the text against its 年度资金总额 2,388.60',
        data: {
          documentKind: 'project-form',
          project: { name: '城区河道综合治理', funds: { total: { initialBudget: '2430.00', adjustedBudget: '2500.00', actualSpending: fig('2388.60', 9, '年度资金总额 2,430.00 2,500.00 2,388.60') } } },
        },
        with: { passages: [passage('全年执行2,368.60万元，预算执行率94.74%。', 20)] },
        expect: {
          severity: 'error',
          printed: '2368.60 万元',
          computed: '2,388.60 万元',
          message: /^正文写“执行 2368\.60 万元”，年度资金总额实际支出为 2,388\.60 万元/,
          locations: [{ line: 20 }, { field: 'project.funds.total.actualSpending', line: 9 }],
        },
      },
      {
        name: 'a project form’s 预算执行数 486.53 in a sentence against its 年度资金总额 468.53',
        data: {
          documentKind: 'project-form',
          project: { name: '农村人居环境整治', funds: { total: { initialBudget: '400.00', adjustedBudget: '486.00', actualSpending: fig('468.53', 9, '总额 400.00 486.00 468.53') } } },
        },
        with: { passages: [passage('2023年调整后预算数486.00万元，预算执行数486.53万元，未执行部分已申请结转。', 14)] },
        expect: {
          severity: 'error',
          printed: '486.53 万元',
          computed: '468.53 万元',
          message: /^正文写“预算执行数 486\.53 万元”，年度资金总额实际支出为 468\.53 万元/,
          locations: [{ line: 14 }, { field: 'project.funds.total.actualSpending', line: 9 }],
        },
      },
      {
        name: 'a bare column word after 项目支出 in an earlier clause (执行 711.28) against the summary’s 717.28',
        data: { budget: { project: { initialBudget: '620.50', adjustedBudget: '750.30', actualSpending: fig('717.28', 13, '项目支出 620.50 750.30 717.28') } } },
        with: { passages: [passage('项目支出年初预算620.50万元，全年预算750.30万元，执行711.28万元。', 3)] },
        expect: {
          severity: 'error',
          printed: '711.28 万元',
          computed: '717.28 万元',
          message: /^正文写“项目支出 711\.28 万元”，项目支出实际支出为 717\.28 万元/,
          locations: [{ line: 3 }, { field: 'budget.project.actualSpending', line: 13 }],
        },
      },
    ],
  }),

  ruleCases('revenue-budget-conflict', {
    clean: [
      {
        name: 'adjusted revenue equal to the adjusted budget',
        data: { documentKind: 'gz-form', budget: { adjustedBudget: '1500.00', adjustedRevenue: '1500.00' } },
      },
      {
        name: 'only one of the two printed',
        data: { documentKind: 'gz-form', budget: { adjustedBudget: '1500.00' } },
      },
    ],
    faulty: [
      {
        name: 'adjusted revenue 1450 beside an adjusted budget of 1500',
        data: { documentKind: 'gz-form', budget: { adjustedBudget: fig('1500.00', 6, '年度预算调整数 1500.00'), adjustedRevenue: fig('1450.00', 5, '部门调整预算收入 1450.00') } },
        expect: {
          severity: 'warning',
          printed: '1,500.00 万元',
          computed: '1,450.00 万元',
          message: /^年度预算调整数 1,500\.00 万元 与部门调整预算收入 1,450\.00 万元 不同/,
          locations: [{ field: 'budget.adjustedBudget', line: 6 }, { field: 'budget.adjustedRevenue', line: 5 }],
        },
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

describe('faults found by review, fixed', () => {
  it('fact-conflict does not compare a part (其中夜间…) with its whole in another passage', () => {
    const found = findingsOf('fact-conflict', { name: '', data: {}, with: { passages: [passage('全年开展文物安全巡查 86 次。', 1), passage('其中夜间开展文物安全巡查 30 次。', 2)] } });
    assert.deepStrictEqual(found.map((f) => f.message.zh), []);
  });
});

/**
 * A prose report (叙述式自评报告): the budget in a sentence and again in a small table (基本支出 | 年初预算 | 调整后预算 |
 * 实际支出), outputs in a sentence and again in the indicator table. As the importer gives it: the table's rows in the
 * model, the sentences as passages (each its own paragraph, located by line).
 */
describe('a prose report: one figure in a sentence and in a small table', () => {
  const SENTENCE = '全年实际支出1,932.68万元，预算执行率96.14%。其中：基本支出1,215.40万元，项目支出717.28万元。';
  const OUTPUTS = '全年组织文化下乡演出126场，开展全民阅读活动48场次。';
  const report = (basicActual: string, indicatorActual: string) => ({
    documentKind: 'prose-report',
    budget: {
      initialBudget: '1820.50',
      adjustedBudget: '2010.30',
      actualSpending: '1932.68',
      basic: { initialBudget: fig('1200.00', 12, '基本支出\t1,200.00\t1,260.00\t' + basicActual), adjustedBudget: '1260.00', actualSpending: fig(basicActual, 12, '基本支出\t1,200.00\t1,260.00\t' + basicActual, { column: 4 }) },
      project: { initialBudget: '620.50', adjustedBudget: '750.30', actualSpending: fig('717.28', 13, '项目支出\t620.50\t750.30\t717.28', { column: 4 }) },
    },
    indicators: [{ level1: '产出', level2: '数量', name: '文化下乡演出场次', target: '≥120场', actual: indicatorActual, source: src(30, `文化下乡演出场次\t≥120场\t${indicatorActual}`) }],
  });
  const passages = [passage(SENTENCE, 8), passage(OUTPUTS, 20)];

  it('agreeing figures make no finding', () => {
    for (const rule of ['text-table-conflict', 'fact-conflict', 'parts-sum']) {
      assert.deepStrictEqual(findingsOf(rule, { name: '', data: report('1,215.40', '126场'), with: { passages } }).map((f) => f.message.zh), [], rule);
    }
  });

  it('the sentence’s 基本支出 1,215.40 against 1,225.40 in the table is a text-table conflict, located in both', () => {
    const [f, more] = findingsOf('text-table-conflict', { name: '', data: report('1,225.40', '126场'), with: { passages } });
    assert.equal(more, undefined);
    assert.equal(f?.severity, 'error');
    assert.equal(f?.printed, '1215.40 万元');
    assert.equal(f?.computed, '1,225.40 万元');
    assert.deepStrictEqual(f?.locations.map((l) => [l.field, l.line]), [[undefined, 8], ['budget.basic.actualSpending', 12]]);
  });

  it('the sentence’s 126 场 against 124 场 in the indicator table is a fact conflict (the table row read with its name)', () => {
    const found = audit({ evaluation: evaluation(report('1,215.40', '124场')), file: FILE, passages: [...passages, ...keyIndicatorPassages(evaluation(report('1,215.40', '124场')), FILE)] }).findings.filter((f) => f.rule === 'fact-conflict');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message.zh, /126场.*124场|124场.*126场/);
    assert.deepStrictEqual(found[0]!.locations.map((l) => l.line).sort(), [20, 30]);
  });

  it('an evaluation file’s own passages read the indicator table too', () => {
    const e = evaluation({ ...report('1,215.40', '124场'), performanceNarrative: OUTPUTS });
    const found = audit({ evaluation: e }).findings.filter((f) => f.rule === 'fact-conflict');
    assert.equal(found.length, 1);
    assert.deepStrictEqual(found[0]!.locations.map((l) => l.field).sort(), ['indicators[0].actual', 'performanceNarrative']);
  });
});
