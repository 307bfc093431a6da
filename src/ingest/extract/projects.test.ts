/**
 * Projects: a project table by its header words (in whatever order its columns come), the projects a key-project
 * narrative states with figures, and a narrative list of allocations. The unit is what the table says unless the
 * magnitudes contradict it, and then the importer says so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractNarrativeProjects, extractProjectList, extractProjectTables, extractProseProjects } from './projects.ts';
import { FILE, extract, foundAt, row, textDocument, valueAt } from './testing.ts';

interface Money {
  value: string;
  unit?: string;
  source: { file: string; line: number; column?: number; section?: string; text: string };
}
interface Project {
  name: string;
  implementingUnit?: string;
  isKeyProject?: boolean;
  initialBudget?: Money;
  adjustedBudget?: Money;
  actualSpending?: Money;
  printed?: { executionRate: Money };
}
interface ProjectTable {
  unit: string;
  printedUnit?: string;
  rows: Project[];
  total?: Project;
}

const table = (ctx: ReturnType<typeof extract>) => valueAt(ctx, 'projects') as ProjectTable | undefined;
/** A project as “name: initial / adjusted / actual (rate)”. */
const line = (p: Project) => `${p.name}: ${p.initialBudget?.value ?? '—'} / ${p.adjustedBudget?.value ?? '—'} / ${p.actualSpending?.value ?? '—'}${p.printed ? ` (${p.printed.executionRate.value})` : ''}`;

const HEADER = row('序号', '项目名称', '实施科室', '年初预算', '调整后预算', '实际支出', '支出率');

describe('project table: the clean case', () => {
  it('each project on the header’s columns with its cell, the total row apart', () => {
    const ctx = extract(
      textDocument(
        '表5 项目支出执行情况',
        '金额单位：万元',
        HEADER,
        row('1', '公共文化云平台', '信息部', '600.00', '620.00', '607.60', '98.00%'),
        row('2', '送戏下乡', '活动部', '120.00', '110.00', '104.50', '95.00%'),
        row('', '合计', '', '720.00', '730.00', '712.10', '97.55%'),
      ),
      extractProjectTables,
    );
    const t = table(ctx)!;
    assert.equal(t.unit, '万元');
    assert.equal(t.printedUnit, undefined);
    assert.deepStrictEqual(t.rows.map(line), ['公共文化云平台: 600.00 / 620.00 / 607.60 (98.00%)', '送戏下乡: 120.00 / 110.00 / 104.50 (95.00%)']);
    assert.deepStrictEqual(t.rows.map((p) => p.implementingUnit), ['信息部', '活动部']);
    // The total row carries only its figures.
    assert.equal(line({ ...t.total!, name: '合计' }), '合计: 720.00 / 730.00 / 712.10 (97.55%)');
    assert.equal(t.total!.name, undefined);
    assert.deepStrictEqual(t.rows[1]!.actualSpending!.source, { file: FILE, line: 5, column: 6, text: '送戏下乡 实际支出 104.50' });
    assert.equal(foundAt(ctx, 'projects')!.value, '2 个项目（万元）');
    assert.deepStrictEqual(ctx.warnings, []);
  });

  it('a rate column headed 执行率（%） prints bare numbers: each is the row’s printed rate; without (%) a bare number is none', () => {
    const doc = (rate: string) => textDocument(row('序号', '项目名称', '年初预算数', '调整后预算数', '实际支出数', rate), row('1', '样例补贴发放工作经费', '180.00', '195.60', '193.40', '98.88'));
    assert.deepStrictEqual(table(extract(doc('执行率（%）'), extractProjectTables))!.rows.map(line), ['样例补贴发放工作经费: 180.00 / 195.60 / 193.40 (98.88%)']);
    assert.deepStrictEqual(table(extract(doc('执行率'), extractProjectTables))!.rows.map(line), ['样例补贴发放工作经费: 180.00 / 195.60 / 193.40']);
  });

  it('批复金额 is a project’s budget for the year (调整后), as a department form’s task table prints it', () => {
    const ctx = extract(textDocument(row('任务名称', '项目', '主要内容', '批复金额（万元）', '实际支出金额（万元）', '预算执行率'), row('森林资源管护', '天然林管护补助', '落实管护责任', '186.24', '182.54', '98.01%')), extractProjectTables);
    assert.deepStrictEqual(table(ctx)!.rows.map(line), ['天然林管护补助: — / 186.24 / 182.54 (98.01%)']);
  });

  it('columns in another order and another wording (执行数, 全年预算) land on the right fields', () => {
    const ctx = extract(textDocument(row('项目', '执行数', '全年预算'), row('送戏下乡', '104.50', '110.00')), extractProjectTables);
    assert.deepStrictEqual(table(ctx)!.rows.map(line), ['送戏下乡: — / 110.00 / 104.50']);
  });
});

describe('project table: odd and faulty tables', () => {
  it('a header saying 万元 over figures in 元: read as 元, the printed unit kept, and a warning', () => {
    const ctx = extract(
      textDocument(row('项目名称', '调整后预算（万元）', '实际支出（万元）'), row('公共文化云平台', '6200000.00', '6076000.00'), row('送戏下乡', '1100000.00', '1045000.00')),
      extractProjectTables,
      { draft: { budget: { adjustedBudget: { value: '1000.00', unit: '万元' } } } },
    );
    assert.deepStrictEqual([table(ctx)!.unit, table(ctx)!.printedUnit], ['元', '万元']);
    assert.deepStrictEqual(ctx.warnings, [{ code: 'unit-by-magnitude', path: ['projects'], params: { table: '项目名称/调整后预算（万元）/实际支出（万元）', printed: '万元', actual: '元' } }]);
    assert.equal(foundAt(ctx, 'projects')!.value, '2 个项目（元，表头印“万元”）');
  });

  it('a note giving the project part its unit (项目支出：元) is followed, with no warning', () => {
    const ctx = extract(textDocument('金额单位：基本支出：万元，项目支出：元', row('项目名称', '调整后预算', '实际支出'), row('送戏下乡', '1100000.00', '1045000.00')), extractProjectTables);
    assert.deepStrictEqual([table(ctx)!.unit, table(ctx)!.printedUnit], ['元', undefined]);
    assert.deepStrictEqual(ctx.warnings, []);
  });

  it('a garbled cell (6Q0.00) is left out; the project and its other figures are kept', () => {
    const ctx = extract(textDocument(HEADER, row('1', '公共文化云平台', '信息部', '6Q0.00', '620.00', '607.60', '98.00%')), extractProjectTables);
    assert.deepStrictEqual(table(ctx)!.rows.map(line), ['公共文化云平台: — / 620.00 / 607.60 (98.00%)']);
  });

  it('a table with 项目名称 but no money column is not a project table', () => {
    const ctx = extract(textDocument(row('序号', '项目名称', '实施科室', '完成时间'), row('1', '公共文化云平台', '信息部', '2024年12月')), extractProjectTables);
    assert.equal(table(ctx), undefined);
  });

  it('rows after the total are not projects', () => {
    const ctx = extract(textDocument(HEADER, row('1', '送戏下乡', '活动部', '120.00', '110.00', '104.50', '95.00%'), row('', '合计', '', '120.00', '110.00', '104.50', '95.00%'), row('注', '说明文字', '', '1.00', '', '', '')), extractProjectTables);
    assert.deepStrictEqual(table(ctx)!.rows.map((p) => p.name), ['送戏下乡']);
  });
});

describe('key projects stated in the narrative', () => {
  it('each quoted project with its figures and the clause they were read from, marked as a key project', () => {
    const text = '“公共文化云平台”项目绩效情况：全年预算数620.00万元，执行数607.60万元，完成预算的98%。“送戏下乡”项目绩效情况：年初预算120万元，实际支出104.5万元。';
    const ctx = extract(textDocument('（三）重点项目绩效情况', text), extractNarrativeProjects);
    const t = table(ctx)!;
    assert.deepStrictEqual(t.rows.map(line), ['公共文化云平台: — / 620.00 / 607.60 (98%)', '送戏下乡: 120 / — / 104.5']);
    assert.deepStrictEqual(t.rows.map((p) => p.isKeyProject), [true, true]);
    assert.deepStrictEqual(t.rows[0]!.adjustedBudget!.source, { file: FILE, line: 2, section: '（三）重点项目绩效情况', text: '“公共文化云平台”项目绩效情况：全年预算数620.00万元，执行数607.60万元，完成预算的98%。' });
  });

  it('a project table already read wins: the narrative does not replace it', () => {
    const ctx = extract(
      textDocument(HEADER, row('1', '送戏下乡', '活动部', '120.00', '110.00', '104.50', '95.00%'), '', '“公共文化云平台”项目绩效情况：全年预算数620.00万元，执行数607.60万元。'),
      [extractProjectTables, extractNarrativeProjects],
    );
    assert.deepStrictEqual(table(ctx)!.rows.map((p) => p.name), ['送戏下乡']);
  });

  it('a quoted name without figures is no project', () => {
    const ctx = extract(textDocument('“公共文化云平台”项目绩效情况：运行平稳，群众反映良好。'), extractNarrativeProjects);
    assert.equal(table(ctx), undefined);
  });

  it('an amount in 亿元 is converted to 万元', () => {
    const ctx = extract(textDocument('“文化中心建设”项目绩效情况：全年预算数1.2亿元，执行数1.1亿元。'), extractNarrativeProjects);
    assert.deepStrictEqual([table(ctx)!.rows[0]!.adjustedBudget!.value, table(ctx)!.rows[0]!.adjustedBudget!.unit], ['12000', '万元']);
  });
});

describe('a narrative list of project allocations', () => {
  it('each project with its amount as an initial budget, 元 kept as 元', () => {
    const ctx = extract(textDocument('项目分布情况主要是：公共文化云平台620万元，送戏下乡120万元，非遗保护305000元。'), extractProjectList);
    assert.deepStrictEqual(
      table(ctx)!.rows.map((p) => `${p.name} ${p.initialBudget!.value} ${p.initialBudget!.unit}`),
      ['公共文化云平台 620 万元', '送戏下乡 120 万元', '非遗保护 305000 元'],
    );
    assert.equal(table(ctx)!.rows[0]!.initialBudget!.source.line, 1);
  });

  it('a single allocation is not a list', () => {
    const ctx = extract(textDocument('项目分布情况主要是：公共文化云平台620万元。'), extractProjectList);
    assert.equal(table(ctx), undefined);
  });
});

describe('project table: parts of the budget are not projects', () => {
  it('rows 基本支出 / 项目支出 under a “项目” header are the budget’s parts, not projects', () => {
    const ctx = extract(
      textDocument(row('项目', '年初预算', '调整后预算', '实际支出', '执行率'), row('基本支出', '980.20', '1010.45', '1002.87', '99.25%'), row('项目支出', '170.00', '276.00', '238.76', '86.51%'), row('合计', '1150.20', '1286.45', '1241.63', '96.52%')),
      extractProjectTables,
    );
    assert.equal(valueAt(ctx, 'projects'), undefined);
  });
});

describe('projects stated in sentences (prose-projects)', () => {
  it('two or more projects, each opening its sentence with its figures and printed rate, with the clause they were read from', () => {
    const text =
      '青岚县水网改造项目，全年预算1,280.00万元，实际支出1,216.00万元，执行率95.00%；青岚县动物防疫补助，年初预算64.50万元，全年预算70.00万元，实际支出63.00万元，执行率90.00%。';
    const ctx = extract(textDocument('（二）项目支出执行情况', text), extractProseProjects);
    const t = table(ctx)!;
    assert.equal(t.unit, '万元');
    assert.deepStrictEqual(t.rows.map(line), ['青岚县水网改造项目: — / 1280.00 / 1216.00 (95.00%)', '青岚县动物防疫补助: 64.50 / 70.00 / 63.00 (90.00%)']);
    assert.deepStrictEqual(t.rows[0]!.actualSpending!.source, {
      file: FILE,
      line: 2,
      section: '（二）项目支出执行情况',
      text: '全年预算1,280.00万元，实际支出1,216.00万元，执行率95.00%；',
    });
    assert.equal(t.rows[0]!.isKeyProject, undefined);
    assert.equal(foundAt(ctx, 'projects')!.value, '2 个项目（据正文所述）');
    assert.deepStrictEqual(ctx.warnings, []);
  });

  it('the name after “项目支出主要包括：” is the project’s, not the introduction', () => {
    const ctx = extract(
      textDocument('项目支出主要包括：乡村道路养护经费，全年预算320.00万元，实际支出288.00万元；农村饮水安全工程，全年预算150.00万元，实际支出147.00万元。'),
      extractProseProjects,
    );
    assert.deepStrictEqual(table(ctx)!.rows.map(line), ['乡村道路养护经费: — / 320.00 / 288.00', '农村饮水安全工程: — / 150.00 / 147.00']);
  });

  it('one project alone is not a project list', () => {
    const ctx = extract(textDocument('青岚县水网改造项目，全年预算1,280.00万元，实际支出1,216.00万元，执行率95.00%。'), extractProseProjects);
    assert.equal(table(ctx), undefined);
    assert.equal(foundAt(ctx, 'projects'), undefined);
  });

  it('sentences about 基本支出 and 项目支出 are parts of the budget: with one project beside them, nothing is read', () => {
    const ctx = extract(
      textDocument(
        '基本支出经费，全年预算820.00万元，实际支出800.00万元；项目支出资金，全年预算400.00万元，实际支出390.00万元。',
        '青岚县水网改造项目，全年预算1,280.00万元，实际支出1,216.00万元，执行率95.00%。',
      ),
      extractProseProjects,
    );
    assert.equal(table(ctx), undefined);
  });

  it('a sentence with only one figure of its project does not count', () => {
    const ctx = extract(
      textDocument('青岚县水网改造项目，全年预算1,280.00万元，实际支出1,216.00万元。', '青岚县动物防疫补助，全年预算70.00万元，工作进展顺利。'),
      extractProseProjects,
    );
    assert.equal(table(ctx), undefined);
  });

  it('projects a table already gave are kept: the sentences do not replace them', () => {
    const ctx = extract(
      textDocument(
        HEADER,
        row('1', '送戏下乡', '活动部', '120.00', '110.00', '104.50', '95.00%'),
        '',
        '青岚县水网改造项目，全年预算1,280.00万元，实际支出1,216.00万元；青岚县动物防疫补助，全年预算70.00万元，实际支出63.00万元。',
      ),
      [extractProjectTables, extractProseProjects],
    );
    assert.deepStrictEqual(table(ctx)!.rows.map((p) => p.name), ['送戏下乡']);
  });
});
