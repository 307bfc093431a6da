/**
 * The narrative parts: a form's labelled narrative cells, a report's problem and measure sections, the functions
 * list, and the indicator counts a report declares — each kept with the cell, heading or sentence it came from.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFormNarratives, extractFunctions, extractIndicatorCounts, extractSectionNarratives, splitItems } from './narrative.ts';
import { FILE, extract, foundAt, foundList, row, textDocument, valueAt } from './testing.ts';

describe('splitItems', () => {
  it('splits at 一是/二是, (1)/(2), numbered items after a sentence end, and line breaks; short fragments join the item before', () => {
    assert.deepStrictEqual(splitItems('一是加强预算执行监控；二是细化绩效指标。'), ['一是加强预算执行监控；', '二是细化绩效指标。']);
    assert.deepStrictEqual(splitItems('（1）加强预算执行监控；（2）细化绩效指标。'), ['（1）加强预算执行监控；', '（2）细化绩效指标。']);
    assert.deepStrictEqual(splitItems('1.加强预算执行监控。2.细化绩效指标。'), ['1.加强预算执行监控。', '2.细化绩效指标。']);
    assert.deepStrictEqual(splitItems('加强预算执行监控。\n细化。'), ['加强预算执行监控。细化。']);
    // A decimal is not an item number: "完成率 2.5" stays whole.
    assert.deepStrictEqual(splitItems('支出进度比序时慢 2.5 个百分点。'), ['支出进度比序时慢 2.5 个百分点。']);
  });
});

describe('form narratives: the clean case', () => {
  it('the text right of each label, or below a column header, with its cell', () => {
    const target = '全年举办公益展览12场，送戏下乡20场。';
    const result = '全年举办公益展览14场，送戏下乡24场。';
    const keyProject = '“公共文化云平台”项目全年预算数620万元，执行率98%。';
    const ctx = extract(
      textDocument(
        row('部门整体支出的预期目标', '部门整体支出的目标完成情况'),
        row(target, result),
        row('重点项目绩效情况', keyProject),
        row('存在问题', '一是部分项目支出进度偏慢；二是绩效目标设置不够细化。'),
        row('改进措施或下一步计划', '（1）加强预算执行监控；（2）细化绩效指标。'),
      ),
      extractFormNarratives,
    );
    // A text is reported by its length, a list by its number of items.
    assert.deepStrictEqual(foundList(ctx), { overallTarget: `${target.length} 字`, overallResult: `${result.length} 字`, keyProjectNarrative: `${keyProject.length} 字`, problems: '2 条', measures: '2 条' });
    assert.equal(valueAt(ctx, 'overallResult'), '全年举办公益展览14场，送戏下乡24场。');
    assert.deepStrictEqual(valueAt(ctx, 'problems'), ['一是部分项目支出进度偏慢；', '二是绩效目标设置不够细化。']);
    assert.deepStrictEqual(foundAt(ctx, 'overallResult')!.source, { file: FILE, line: 2, column: 2, text: '部门整体支出的目标完成情况：全年举办公益展览14场，送戏下乡24场。' });
    assert.deepStrictEqual(foundAt(ctx, 'measures')!.source, { file: FILE, line: 5, column: 2, text: '改进措施或下一步计划：（1）加强预算执行监控；（2）细化绩效指标。' });
  });
});

describe('form narratives: odd and faulty forms', () => {
  it('a label followed only by a short placeholder (无, /) takes nothing', () => {
    const ctx = extract(textDocument(row('存在问题', '无'), row('改进措施', '/')), extractFormNarratives);
    assert.deepStrictEqual(foundList(ctx), {});
  });

  it('two labels side by side: one label is never taken as the other’s text', () => {
    const ctx = extract(textDocument(row('存在问题', '改进措施或下一步计划'), row('部分项目支出进度偏慢。', '加强预算执行监控。')), extractFormNarratives);
    assert.deepStrictEqual(valueAt(ctx, 'problems'), ['部分项目支出进度偏慢。']);
    assert.deepStrictEqual(valueAt(ctx, 'measures'), ['加强预算执行监控。']);
  });
});

describe('section narratives: the clean case', () => {
  it('a problems section with titled sub-items, and a measures section, each found at its heading', () => {
    const ctx = extract(
      textDocument(
        '四、存在问题',
        '（一）预算执行不均衡',
        '部分项目支出进度偏慢，第四季度支出占全年四成。',
        '（二）绩效目标不够细化',
        '部分指标未量化，难以衡量。',
        '五、改进措施',
        '一是加强预算执行监控，按月通报支出进度；二是细化绩效指标，做到可衡量。',
      ),
      extractSectionNarratives,
    );
    assert.deepStrictEqual(valueAt(ctx, 'problems'), ['预算执行不均衡：部分项目支出进度偏慢，第四季度支出占全年四成。', '绩效目标不够细化：部分指标未量化，难以衡量。']);
    assert.deepStrictEqual(valueAt(ctx, 'measures'), ['一是加强预算执行监控，按月通报支出进度；', '二是细化绩效指标，做到可衡量。']);
    assert.deepStrictEqual(foundAt(ctx, 'problems')!.source, { file: FILE, line: 1, section: '四、存在问题', text: '四、存在问题' });
  });
});

describe('section narratives: odd documents', () => {
  it('an outer section naming both (问题和整改措施) leaves them to its subsections', () => {
    const ctx = extract(
      textDocument('三、存在的问题及整改措施', '（一）存在的问题', '部分项目支出进度偏慢，第四季度支出占全年四成。', '（二）整改措施', '加强预算执行监控，按月通报支出进度。'),
      extractSectionNarratives,
    );
    assert.deepStrictEqual(valueAt(ctx, 'problems'), ['部分项目支出进度偏慢，第四季度支出占全年四成。']);
    assert.deepStrictEqual(valueAt(ctx, 'measures'), ['加强预算执行监控，按月通报支出进度。']);
  });

  it('a 经验做法 or 公开 section is not a measures section', () => {
    const ctx = extract(textDocument('三、主要经验做法和改进举措', '建立月通报制度，支出进度明显加快。'), extractSectionNarratives);
    assert.equal(valueAt(ctx, 'measures'), undefined);
  });

  it('numbered one-sentence problems are all kept, as written', () => {
    const ctx = extract(textDocument('四、存在问题', '1.部分项目支出进度偏慢，第四季度支出占全年四成。', '2.绩效目标设置不够细化，部分指标未量化。'), extractSectionNarratives);
    assert.equal((valueAt(ctx, 'problems') as string[] | undefined)?.length, 2);
    assert.match((valueAt(ctx, 'problems') as string[])[0]!, /四成。$/);
    assert.deepStrictEqual(valueAt(ctx, 'problems'), ['1.部分项目支出进度偏慢，第四季度支出占全年四成。', '2.绩效目标设置不够细化，部分指标未量化。']);
  });

  it('a numbered sentence with text under it heads that text; the last one, with none, is kept as written', () => {
    const ctx = extract(
      textDocument('五、改进措施', '（1）加强学习培训，增强绩效意识。', '组织财务人员参加绩效培训，全年不少于两次。', '（2）健全内部制度。'),
      extractSectionNarratives,
    );
    assert.deepStrictEqual(valueAt(ctx, 'measures'), ['加强学习培训，增强绩效意识：组织财务人员参加绩效培训，全年不少于两次。', '（2）健全内部制度。']);
  });

  it('numbered sentences under a titled sub-item: the title leads its first sentence, nothing is lost', () => {
    const ctx = extract(
      textDocument('四、存在问题', '（一）预算执行方面', '1.部分项目支出进度偏慢，第四季度支出占全年四成。', '2.年中调整较多，调整率偏高。', '（二）绩效目标不够细化', '部分指标未量化，难以衡量。'),
      extractSectionNarratives,
    );
    assert.deepStrictEqual(valueAt(ctx, 'problems'), [
      '预算执行方面：1.部分项目支出进度偏慢，第四季度支出占全年四成。',
      '2.年中调整较多，调整率偏高。',
      '绩效目标不够细化：部分指标未量化，难以衡量。',
    ]);
  });
});

describe('functions', () => {
  it('the numbered list of the functions section, without its numbers', () => {
    const ctx = extract(
      textDocument('一、部门职能', '1.负责全区群众文化活动的组织与指导。', '2.负责非物质文化遗产的保护和传承。', '3.承办上级交办的其他事项。', '二、人员情况', '1.核定编制30人。'),
      extractFunctions,
    );
    assert.deepStrictEqual(valueAt(ctx, 'functions'), ['负责全区群众文化活动的组织与指导。', '负责非物质文化遗产的保护和传承。', '承办上级交办的其他事项。']);
    assert.deepStrictEqual(foundAt(ctx, 'functions'), { path: 'functions', value: '3 项职能', source: { file: FILE, line: 1, section: '一、部门职能', text: '一、部门职能' } });
  });

  it('a list that skips a number ends there; a single item is not a list', () => {
    const gap = extract(textDocument('一、主要职责', '1.负责群众文化活动的组织。', '2.负责非遗保护。', '4.承办其他事项。'), extractFunctions);
    assert.deepStrictEqual(valueAt(gap, 'functions'), ['负责群众文化活动的组织。', '负责非遗保护。']);
    const one = extract(textDocument('一、主要职责', '1.负责群众文化活动的组织。'), extractFunctions);
    assert.equal(valueAt(one, 'functions'), undefined);
  });
});

describe('indicator counts', () => {
  it('the counts a sentence declares, with the first clause that declares one', () => {
    const ctx = extract(textDocument('本年度共设立绩效指标12个，其中产出指标7个，效益指标3个，满意度指标2个；产出指标中数量指标4个。'), extractIndicatorCounts);
    assert.deepStrictEqual(valueAt(ctx, 'printedIndicatorCounts'), { 产出: 7, 效益: 3, 满意度: 2, 数量: 4 });
    assert.deepStrictEqual(foundAt(ctx, 'printedIndicatorCounts')!.source, { file: FILE, line: 1, text: '本年度共设立绩效指标12个，其中产出指标7个，效益指标3个，满意度指标2个；' });
  });

  it('a single count is not a declaration (two kinds at least); a kind said twice keeps its first count', () => {
    assert.equal(valueAt(extract(textDocument('设立产出指标7个。'), extractIndicatorCounts), 'printedIndicatorCounts'), undefined);
    const twice = extract(textDocument('设立产出指标7个，效益指标3个。', '其中产出指标8个。'), extractIndicatorCounts);
    assert.deepStrictEqual(valueAt(twice, 'printedIndicatorCounts'), { 产出: 7, 效益: 3 });
  });
});

describe('section narratives: one section for both problems and measures', () => {
  it('“四、存在的问题及改进措施”: sentences that say what will be done are measures, the others problems', () => {
    const ctx = extract(
      textDocument('四、存在的问题及改进措施', '部分审计整改跟踪不够及时；下一步健全整改台账，强化结果运用。', '五、自评结论', '自评得分95分。'),
      extractSectionNarratives,
    );
    assert.deepStrictEqual(valueAt(ctx, 'problems'), ['部分审计整改跟踪不够及时；']);
    assert.deepStrictEqual(valueAt(ctx, 'measures'), ['下一步健全整改台账，强化结果运用。']);
  });

  it('a combined section with subsections of its own leaves them to those', () => {
    const ctx = extract(
      textDocument('三、存在问题及改进措施', '（一）存在问题', '项目支出进度偏慢，四季度支出占比偏高。', '（二）改进措施', '加强项目前期论证，均衡支出进度。'),
      extractSectionNarratives,
    );
    assert.deepStrictEqual(valueAt(ctx, 'problems'), ['项目支出进度偏慢，四季度支出占比偏高。']);
    assert.deepStrictEqual(valueAt(ctx, 'measures'), ['加强项目前期论证，均衡支出进度。']);
  });
});
