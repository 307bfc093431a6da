/**
 * The units, targets and completeness rules on made-up evaluations: a header unit the magnitudes contradict,
 * unquantified indicators, declared indicator counts, missing 成本 / 满意度 indicators, fields the importer did not
 * find, the Guangzhou key-project rule, indicators without a result — and `no-figures` (the registry's last rule,
 * declared in index.ts), which replaces every other finding when the importer found no figures.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audit } from '../index.ts';
import { type RuleCases, caseTests, evaluation, fig, findingsOf, ruleCases, src } from './testing.ts';

const TABLE = { zh: '指标表', en: 'indicator table' };

/** A three-level indicator row, printed on `line` of the made-up indicator table. */
const indicator = (line: number, level1: string, level2: string, name: string, target: string, actual?: string) => ({
  level1,
  level2,
  name,
  target,
  ...(actual !== undefined ? { actual } : {}),
  source: src(line, `${level1} | ${level2} | ${name} | ${target}`, { table: '绩效指标表' }),
});

/** Four indicators with a number in every target, a 成本 and a 满意度 among them, each with a result. */
const GOOD_TABLE = [
  indicator(20, '产出指标', '数量指标', '举办公益展览场次', '≥12场', '14场'),
  indicator(21, '产出指标', '质量指标', '藏品完好率', '≥99%', '99.5%'),
  indicator(22, '产出指标', '成本指标', '单场展览成本', '≤8万元', '7.6万元'),
  indicator(23, '满意度指标', '服务对象满意度指标', '观众满意度', '≥90%', '93%'),
];

export const CASES: readonly RuleCases[] = [
  ruleCases('header-unit-mismatch', {
    clean: [
      { name: 'a header unit the figures agree with', data: { projects: { unit: '万元', printedUnit: '万元', rows: [{ name: '场馆维修', adjustedBudget: 350 }] } } },
      { name: 'a table without a printed header unit', data: { projects: { unit: '元', rows: [{ name: '场馆维修', adjustedBudget: 3500000 }] } } },
    ],
    faulty: [
      {
        name: 'a project table headed 万元 whose figures are in 元',
        data: { projects: { unit: '元', printedUnit: '万元', rows: [{ name: '场馆维修', adjustedBudget: fig(3500000, 70, '场馆维修 3500000.00', { table: '表5', column: 3 }) }] } },
        expect: {
          severity: 'warning',
          printed: '万元',
          computed: '元',
          message: /^项目表表头单位印为“万元”，但数值实为元（如 3,500,000\.00 元，若按万元读则为 3,500,000\.00 万元/,
          locations: [{ field: 'projects.rows[0].adjustedBudget', line: 70, table: '表5', column: 3, role: { zh: '表中数值', en: 'a figure of the table' } }],
        },
      },
    ],
  }),

  ruleCases('target-unquantified', {
    clean: [
      { name: 'every target with a number', data: { indicators: GOOD_TABLE } },
      {
        name: 'key indicators with the number in the name or written in Chinese numerals',
        data: { keyTasks: [{ name: '任务1', keyIndicators: [{ name: '举办非遗展演12场', target: '按期完成' }, { name: '培训基层文艺骨干', target: '三百人' }] }] },
      },
    ],
    faulty: [
      {
        name: 'a target without a number and a qualitative one make one finding',
        data: {
          indicators: [
            indicator(20, '产出指标', '数量指标', '举办公益展览场次', '≥12场'),
            indicator(21, '效益指标', '社会效益指标', '公共文化服务水平', '有效提升'),
            { ...indicator(22, '效益指标', '社会效益指标', '群众文化获得感', '≥80%'), direction: 'qualitative' },
          ],
        },
        expect: {
          severity: 'warning',
          printed: '2/3',
          message: /^3 个绩效指标中有 2 个未设定量化指标值（绩效目标未量化），如：“公共文化服务水平”、“群众文化获得感”。$/,
          locations: [{ field: 'indicators[1]', line: 21, table: '绩效指标表' }, { field: 'indicators[2]', line: 22 }],
        },
      },
      {
        name: 'a key indicator with no number in its name or target',
        data: { keyTasks: [{ name: '任务1', keyIndicators: [{ name: '提升公共文化服务效能', target: '明显提升', source: src(33, '提升公共文化服务效能') }] }] },
        expect: { severity: 'warning', printed: '1/1', locations: [{ field: 'keyTasks[0].keyIndicators[0]', line: 33 }] },
      },
    ],
  }),

  ruleCases('indicator-count-mismatch', {
    clean: [
      { name: 'declared counts equal to the table (产出 3, 其中数量 1)', data: { indicators: GOOD_TABLE, printedIndicatorCounts: { 产出: 3, 数量: 1, 满意度: 1 } } },
      { name: 'declared counts without an indicator table: nothing to compare', data: { printedIndicatorCounts: { 产出: 7, 数量: 2 } } },
    ],
    faulty: [
      {
        name: 'the text declares 产出 4, 数量 2; the table has 3 and 1',
        data: { indicators: GOOD_TABLE, printedIndicatorCounts: { 产出: 4, 数量: 2, 满意度: 1 } },
        expect: {
          severity: 'warning',
          printed: '产出 4、数量 2',
          computed: '产出 3、数量 1',
          message: /^正文所述指标个数与指标表不符：产出指标文中 4 个、表中 3 个；数量指标文中 2 个、表中 1 个。$/,
          locations: [{ field: 'printedIndicatorCounts' }, { field: 'indicators[0]', line: 20, role: TABLE }],
        },
      },
    ],
  }),

  ruleCases('indicator-kind-missing', {
    clean: [
      { name: 'a table with a 成本 and a 满意度 indicator', data: { indicators: GOOD_TABLE } },
      { name: 'a table of two indicators is too small to ask', data: { indicators: GOOD_TABLE.slice(0, 2) } },
    ],
    faulty: [
      {
        name: 'three output indicators, none of cost or satisfaction',
        data: { indicators: GOOD_TABLE.slice(0, 2).concat([indicator(24, '产出指标', '时效指标', '展览按期开展率', '100%')]) },
        expect: {
          severity: 'warning',
          computed: '成本、满意度',
          message: /^绩效指标表（3 个指标）中没有成本、满意度指标。$/,
          locations: [{ field: 'indicators[0]', line: 20, role: TABLE }],
        },
      },
    ],
  }),

  ruleCases('required-missing', {
    clean: [
      { name: 'the importer found every expected field', data: {}, with: { missing: [] } },
      { name: 'an evaluation file (no importer report)', data: {} },
    ],
    faulty: [
      {
        name: 'three expected fields not found make one finding, an unknown path shown as is',
        data: {},
        with: { missing: ['budget.actualSpending', 'problems', 'management.disclosure'] },
        expect: {
          severity: 'warning',
          computed: '实际支出、存在问题、management.disclosure',
          message: /^文件中未找到此类文件应有的：实际支出、存在问题、management\.disclosure。$/,
          locations: [{ field: 'budget.actualSpending' }, { field: 'problems' }, { field: 'management.disclosure' }],
        },
      },
    ],
  }),

  ruleCases('weights-short', {
    clean: [
      {
        name: 'a project form whose execution weight and indicator weights add up to its maximum',
        data: {
          documentKind: 'project-form',
          project: { name: '某某补助资金', max: 100, total: 96, funds: { total: { weight: 10, score: 9 } }, indicators: [{ name: '培训人次', weight: 50, score: 50 }, { name: '群众满意度', weight: 40, score: 37 }] },
        },
      },
      {
        name: 'a form that prints no maximum, or an indicator without a weight: nothing to compare',
        data: { documentKind: 'project-form', project: { name: '某某补助资金', funds: { total: { weight: 10 } }, indicators: [{ name: '培训人次', weight: 50 }, { name: '群众满意度' }] } },
      },
    ],
    faulty: [
      {
        name: 'a project form read with 60 of its 100 points (two indicators not read)',
        data: {
          documentKind: 'project-form',
          project: { name: '某某补助资金', max: 100, total: '99.33', funds: { total: { weight: 10, score: '9.5' } }, indicators: [{ name: '养护里程', weight: 20, score: '19.83' }, { name: '路面优良率', weight: 30, score: 30 }] },
        },
        expect: {
          severity: 'warning',
          printed: '100',
          computed: '60',
          message: /^项目“某某补助资金”读到的分值之和为 60 分，不到满分 100 分：可能有评分项或指标未读到/,
        },
      },
      {
        name: 'a department form scored by its indicators, read with 70 of 100 points',
        data: { budget: { weight: 10, score: 10 }, indicators: [{ name: '培训人次', weight: 30, score: 30 }, { name: '群众满意度', weight: 30, score: 28 }], selfScores: { total: 98, max: 100 } },
        expect: { severity: 'warning', printed: '100', computed: '70', message: /^自评表读到的分值之和为 70 分，不到满分 100 分/ },
      },
    ],
  }),

  ruleCases('key-project-rule', {
    clean: [
      {
        name: 'a Guangzhou form with a key project evaluated',
        data: { documentKind: 'gz-form', projects: { rows: [{ name: '公共文化云平台', isKeyProject: true, adjustedBudget: 620 }, { name: '馆舍保洁', adjustedBudget: 80 }] } },
      },
      {
        name: 'a Guangzhou report whose largest non-key project is 499.99 万元',
        data: { documentKind: 'gz-report', projects: { rows: [{ name: '公共文化云平台', adjustedBudget: '499.99' }] } },
      },
      {
        name: 'the 500 万元 rule is Guangzhou’s: a Longgang report is not held to it',
        data: { documentKind: 'longgang-report', projects: { rows: [{ name: '公共文化云平台', adjustedBudget: 800 }] } },
      },
    ],
    faulty: [
      {
        name: 'a Guangzhou form listing no key project',
        data: { documentKind: 'gz-form', keyProjectNarrative: '本部门无重点项目。' },
        expect: {
          severity: 'warning',
          message: /^“重点项目绩效情况”未列出任何具体项目/,
          locations: [{ field: 'keyProjectNarrative', role: { zh: '重点项目绩效情况', en: 'key-project section' } }],
        },
      },
      {
        name: 'a Guangzhou report with a 5,200,000 元 project (520 万元) not evaluated as a key project',
        data: { documentKind: 'gz-report', projects: { unit: '元', rows: [{ name: '公共文化云平台', initialBudget: fig(5200000, 90, '公共文化云平台 5200000.00') }] } },
        expect: {
          severity: 'warning',
          printed: '520.00 万元',
          computed: '≥ 500.00 万元',
          message: /^1 个项目预算达 500 万元却未作为重点项目评价：“公共文化云平台” 520\.00 万元。$/,
          locations: [{ field: 'projects.rows[0].initialBudget', line: 90 }],
        },
      },
    ],
  }),

  ruleCases('indicator-no-actual', {
    clean: [
      { name: 'every indicator with its result', data: { indicators: GOOD_TABLE } },
      { name: 'a target table (no result at all) is not unfinished', data: { indicators: GOOD_TABLE.map(({ actual: _actual, ...rest }) => rest) } },
    ],
    faulty: [
      {
        name: 'one row without a result in a table where the others have one',
        data: { indicators: [...GOOD_TABLE.slice(0, 3), indicator(23, '满意度指标', '服务对象满意度指标', '观众满意度', '≥90%', ' ')] },
        expect: {
          severity: 'info',
          message: /^1 个指标未填完成情况：“观众满意度”。$/,
          locations: [{ field: 'indicators[3]', line: 23 }],
        },
      },
      {
        name: 'a key indicator without a result',
        data: { keyTasks: [{ name: '任务1', keyIndicators: [{ name: '举办非遗展演场次', target: '12场', source: src(35, '举办非遗展演场次') }] }] },
        expect: { severity: 'info', locations: [{ field: 'keyTasks[0].keyIndicators[0]', line: 35 }] },
      },
    ],
  }),

  ruleCases('no-figures', {
    clean: [
      { name: 'an import that found figures', data: { budget: { adjustedBudget: 100, actualSpending: 95 } }, with: { hasFigures: true } },
      { name: 'an evaluation file (hasFigures not given)', data: {} },
    ],
    faulty: [
      {
        name: 'an import that found no figures: this one finding, whatever else the data would give',
        data: { budget: { adjustedBudget: 100, actualSpending: 10 } },
        with: { hasFigures: false, missing: ['budget.actualSpending'] },
        expect: { severity: 'info', message: /^文件中未找到可核对的数字/, locations: [] },
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

describe('no-figures replaces every other finding', () => {
  it('an unspent budget and a missing field give no finding of their own when no figures were found', () => {
    const r = audit({ evaluation: evaluation({ budget: { adjustedBudget: 100, actualSpending: 10 } }), hasFigures: false, missing: ['problems'] });
    assert.deepStrictEqual(r.findings.map((f) => f.rule), ['no-figures']);
    assert.deepStrictEqual(r.counts, { error: 0, warning: 0, info: 1 });
  });
});

describe('faults found by review, fixed', () => {
  it('header-unit-mismatch reads the sample in the printed unit', () => {
    const [f] = findingsOf('header-unit-mismatch', { name: '', data: { projects: { unit: '万元', printedUnit: '元', rows: [{ name: '场馆维修', adjustedBudget: 350 }] } } });
    assert.match(f!.message.zh, /若按元读则为 350\.00 元/);
  });
});
