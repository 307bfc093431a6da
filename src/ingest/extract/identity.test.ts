/**
 * Identity: department, region and year, read only where a document states them (a labelled cell, a title or cover
 * line), each with where it was printed; never guessed from a mention in the running text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractIdentity, nameFromValue } from './identity.ts';
import { FILE, extract, foundAt, foundList, row, textDocument, valueAt } from './testing.ts';

describe('identity: the clean cases', () => {
  it('a form’s labelled cells give the department, its region and the year, each with its cell', () => {
    const ctx = extract(
      textDocument(
        '部门整体支出绩效自评表',
        row('部门名称', '样例市样例区文化广电旅游体育局', '填报人', '李某'),
        row('被评价年度', '2024年', '联系电话', '0000-0000000'),
      ),
      extractIdentity,
    );
    assert.deepStrictEqual(foundList(ctx), { 'department.name': '样例市样例区文化广电旅游体育局', 'department.region': '样例市样例区', year: '2024' });
    assert.equal(valueAt(ctx, 'year'), 2024);
    assert.deepStrictEqual(foundAt(ctx, 'department.name')!.source, { file: FILE, line: 2, column: 2, text: '部门名称 样例市样例区文化广电旅游体育局' });
    assert.deepStrictEqual(foundAt(ctx, 'year')!.source, { file: FILE, line: 3, column: 2, text: '被评价年度 2024年' });
  });

  it('a report’s title line gives both; a “部门名称（公章）：” cover line wins over the title for the name', () => {
    const ctx = extract(
      textDocument('样例市样例区图书馆2024年度部门整体支出绩效自评报告', '', '部门名称（公章）：样例市样例区文化馆', '', '一、部门基本情况', '本馆内设办公室、展览部等。'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例区文化馆');
    assert.equal(foundAt(ctx, 'department.name')!.source.line, 3);
    assert.equal(valueAt(ctx, 'year'), 2024);
    assert.deepStrictEqual(foundAt(ctx, 'year')!.source, { file: FILE, line: 1, text: '样例市样例区图书馆2024年度部门整体支出绩效自评报告' });
  });

  it('a cover line that is a department’s name and nothing else', () => {
    const ctx = extract(textDocument('样例省样例县文化和旅游局', '2024年度部门整体支出绩效自评报告'), extractIdentity);
    assert.deepStrictEqual(foundList(ctx), { 'department.name': '样例省样例县文化和旅游局', 'department.region': '样例省样例县', year: '2024' });
  });

  it('“部门名称（汇总）” marks the figures as the aggregate of subordinate units', () => {
    const ctx = extract(textDocument(row('部门名称（汇总）', '样例市样例区文化馆')), extractIdentity);
    assert.equal(valueAt(ctx, 'department.isAggregate'), true);
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例区文化馆');
  });
});

describe('identity: odd and faulty documents', () => {
  it('a department only mentioned in the running text (我区文化馆) is not taken as the name', () => {
    const ctx = extract(textDocument('一、工作开展情况', '我区文化馆全年举办公益展览12场，参观群众2.1万人次。'), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), undefined);
    assert.equal(valueAt(ctx, 'department.region'), undefined);
  });

  it('a garbled year cell (2Q24, a letter Q) is skipped; the year the document most often writes as “20xx 年度” stands in', () => {
    const long2023 = '2023年度本馆决算支出980万元，其中基本支出620万元、项目支出360万元，全年预算执行率为百分之九十五左右，较前一年度略有提高。';
    const long2024 = '2024年度本馆共开展公益展览、讲座、培训等活动120场，服务群众2.1万人次，2024年度预算执行率96%，各项工作均按计划完成。';
    // Both sentences are longer than a title (60 characters), so only the count decides.
    assert.ok(long2023.length > 60 && long2024.length > 60);
    const ctx = extract(textDocument(row('部门名称', '样例市样例区文化馆'), row('被评价年度', '2Q24年'), '', '一、部门基本情况', long2023, long2024), extractIdentity);
    assert.equal(valueAt(ctx, 'year'), 2024);
    assert.deepStrictEqual(foundAt(ctx, 'year')!.source, { file: FILE, line: 6, section: '一、部门基本情况', text: long2024 });
  });

  it('a short sentence near the top is not a title', () => {
    const ctx = extract(
      textDocument(row('被评价年度', '2Q24年'), '一、部门基本情况', '2023年度本馆决算支出980万元。', '2024年度本馆共开展活动120场，2024年度预算执行率96%。'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'year'), 2024);
  });

  it('a line giving an amount or a rate is a statement, not a title, even without a full stop', () => {
    const ctx = extract(textDocument('2023年度决算支出980万元', '样例市样例区文化馆2024年度部门整体支出绩效自评报告'), extractIdentity);
    assert.equal(valueAt(ctx, 'year'), 2024);
    assert.equal(foundAt(ctx, 'year')!.source.line, 2);
  });

  it('no year anywhere: none is invented', () => {
    const ctx = extract(textDocument(row('部门名称', '样例市样例区文化馆'), row('被评价年度', '——')), extractIdentity);
    assert.equal(valueAt(ctx, 'year'), undefined);
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例区文化馆');
  });

  it('a year out of range (1899年) is not a year', () => {
    const ctx = extract(textDocument(row('被评价年度', '1899年')), extractIdentity);
    assert.equal(valueAt(ctx, 'year'), undefined);
  });

  it('the first labelled name is kept: a second 单位名称 further down does not overwrite it', () => {
    const ctx = extract(textDocument(row('部门名称', '样例市样例区文化馆'), row('单位名称', '样例市样例区少年宫')), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例区文化馆');
    assert.equal(ctx.found.filter((f) => f.path === 'department.name').length, 1);
  });
});

describe('identity: forms of other provinces', () => {
  it('a form that prints 主管部门 and no 部门名称: the 主管部门 is the department; the row of labels is not a title', () => {
    const ctx = extract(
      textDocument('2023年度部门整体支出绩效自评表', '', row('主管部门', '样例市统计局', '财政处室', '行政政法科', '自评总分（分）', '94.14')),
      extractIdentity,
    );
    assert.deepStrictEqual(foundList(ctx), { year: '2023', 'department.name': '样例市统计局', 'department.region': '样例市' });
    assert.deepStrictEqual(foundAt(ctx, 'department.name')!.source, { file: FILE, line: 3, column: 2, text: '主管部门 样例市统计局' });
  });

  it('“报送单位：” names the department of a report', () => {
    const ctx = extract(textDocument('2023年度部门整体支出绩效自评报告', '报送单位：样例县住房和城乡建设局'), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), '样例县住房和城乡建设局');
  });

  it('a 部门名称 wins over the 主管部门; a code before the name is not part of it', () => {
    const ctx = extract(textDocument(row('主管部门', '样例市文化广电旅游局'), row('部门名称', '305001-样例市图书馆')), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), '样例市图书馆');
  });
});

describe('identity: the year where no label gives it', () => {
  it('a title with spaces around the year, and a long first line that starts with its title', () => {
    const ctx = extract(
      textDocument('样例市样例调度中心 2022 年度部门整体支出绩效自评报告 一 基本情况。 本中心按照样例文件要求，对本单位整体支出开展了绩效自评。'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'year'), 2022);
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例调度中心');
    assert.deepStrictEqual(ctx.warnings, []);
  });

  it('a form title with its year in brackets run together with the form (OCR): the year is read, not inferred', () => {
    const ctx = extract(textDocument('1、样例市本级部门项目支出绩效自评表(2021年)项目名称样例公用经费主管部门样例市教育局实施单位样例市第九中学自评得分97'), extractIdentity);
    assert.equal(valueAt(ctx, 'year'), 2021);
    assert.equal(valueAt(ctx, 'department.name'), '样例市教育局');
    assert.deepStrictEqual(ctx.warnings, []);
  });

  it('no title: the evaluated year of the opening sentence (现将2022年…报告如下) is inferred, and the report says from where', () => {
    const ctx = extract(
      textDocument(
        '为做好2022年样例资金项目绩效管理工作，根据《样例省财政厅关于印发样例办法的通知》（样财〔2018〕99号），现将2022年样例县交通运输局样例资金项目绩效自评总结报告如下：',
        '一、绩效目标分解下达情况',
        '于2022年12月5日至7日，对该项目的各项绩效指标完成情况进行了核查。',
      ),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'year'), 2022);
    assert.equal(valueAt(ctx, 'department.name'), '样例县交通运输局');
    assert.equal(foundAt(ctx, 'department.name')!.source.line, 1);
    assert.deepStrictEqual(
      ctx.warnings.map((w) => [w.code, w.params['year'], w.line]),
      [['year-inferred', 2022, 1]],
    );
    assert.match(String(ctx.warnings[0]!.params['text']), /现将2022年/);
  });

  it('the year of the budget, not the page’s publication date nor the report date (the evaluated year + 1)', () => {
    const ctx = extract(
      textDocument(
        '【字体：大 中 小】 【发布时间：2023-03-21 09:30】 【作者：样例办】',
        '部门整体支出绩效评价报告',
        '报告日期：2023年6月12日',
        '一、基本情况',
        '2022年部门决算收支完成情况。',
        '1、收入：640.00万元。',
      ),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'year'), 2022);
    assert.equal(foundAt(ctx, 'year')!.source.line, 5);
    assert.equal(ctx.warnings[0]?.code, 'year-inferred');
  });

  it('“本局对 ⏎ 2017 年部门整体支出开展了绩效自评” across a line break; a range (2016-2025年) and a plan (2019年工作计划) are not the year', () => {
    const ctx = extract(
      textDocument('根据《样例省样例规划（2016-2025年）》要求，本局对', '2017 年部门整体支出开 展了绩效自评，得分', '92 分。', '(三)2019年工作计划'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'year'), 2017);
    assert.equal(foundAt(ctx, 'year')!.source.line, 2);
  });

  it('a bare “2021年” in the opening is the best candidate when nothing else is printed: taken, and said to be inferred', () => {
    const ctx = extract(
      textDocument('部门整体绩效自评表主管部门财政处室自评总分(分)95.3部门预算执行情况年初预算数全年预算数全年执行数执行率(%)O81%108.1当年绩效目标样例中心2021年全面完成了年度工作任务，样例工作有序开展。'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'year'), 2021);
    assert.equal(ctx.warnings[0]?.code, 'year-inferred');
    assert.equal(valueAt(ctx, 'department.name'), undefined, '主管部门 followed by another label names nobody');
  });

  it('“20xx年” and dates only: no year is invented, and no inference is reported', () => {
    const ctx = extract(textDocument('样例项目绩效自评报告', '县财政预算安排20xx年样例工程150万元。', '报告日期：2023年6月12日', '发布日期 2023-06-12'), extractIdentity);
    assert.equal(valueAt(ctx, 'year'), undefined);
    assert.deepStrictEqual(ctx.warnings, []);
  });
});

describe('identity: the department in the shapes of other provinces', () => {
  it('a title split over two lines whose name has no place word (市公路局2020年度…项目 ⏎ 自评结果)', () => {
    const ctx = extract(textDocument('市样例局2020年度样例养护类项目', '自评结果', '一、自评结论'), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), '市样例局');
    assert.equal(valueAt(ctx, 'department.region'), undefined);
    assert.equal(valueAt(ctx, 'year'), 2020);
  });

  it('a title opening with its year: 年度 is not part of the place (2023年度样例市样例局…)', () => {
    const ctx = extract(textDocument('2023年度样例市人力资源和社会保障局部门整体支出绩效自评报告', '一、部门基本情况'), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), '样例市人力资源和社会保障局');
    assert.equal(valueAt(ctx, 'year'), 2023);
  });

  it('a label glued to its name and to the next label: cut at the next label word', () => {
    const ctx = extract(
      textDocument('1、样例区2022年度部门(单位)整体支出绩效评价自评报告部门(单位)名称样例市样例区发展和改革局预算编码300001报告日期:2023年4月20日样例区财政局(制)'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例区发展和改革局');
    assert.equal(valueAt(ctx, 'year'), 2022);
  });

  it('资金使用单位 in a table whose cells a text export separates with “|”; 中央/地方主管部门 are not the 主管部门', () => {
    const ctx = extract(
      textDocument(
        '样例补助资金绩效自评表 | |||||||',
        '(2024年度) | |||||||',
        '转移支付(项目)名称 | 样例补助资金 | ||||||',
        '中央主管部门 | 样例部 | ||||||',
        '地方主管部门 | 样例省样例厅 样例市样例局 |',
        '资金使用单位 | 样例市样例区人力资源和社会保障局 | ||||',
      ),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例区人力资源和社会保障局');
    assert.equal(valueAt(ctx, 'year'), 2024);
  });

  it('a project’s form: the 主管部门 wins over the 实施单位 and over a “部门:” beside the title', () => {
    const ctx = extract(
      textDocument('2022年度项目支出绩效自评表 | 部门:样例县样例中学 |', '| 项目名称 | 样例营养改善资金 | 主管部门 | 样例县教育体育局 | 实施单位 | 样例县样例中学 |'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例县教育体育局');
  });

  it('a project’s form: the 主管部门 wins over 项目单位(盖章) printed above it', () => {
    const ctx = extract(
      textDocument('2022年度样例工程项目自评表', '项目单位(盖章):样例市图书馆 主要领导签字:', '填报日期:2023.5.16', '项目名称 | 样例工程 | ||||', '主管部门 | 样例市文化和旅游局 | 项目实施单位 | 样例市图书馆 | ||'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例市文化和旅游局');
  });

  it('a department-wide report: its 项目单位 is the department, not the 主管部门', () => {
    const ctx = extract(
      textDocument('部门整体支出绩效评价报告', '', '项目名称：部门整体支出绩效评价报告', '', '项目单位：样例县机构编制委员会办公室', '', '主管部门：样例县样例委员会', '2018年3月26日'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例县机构编制委员会办公室');
  });

  it('a table flattened one cell per line: the 主管部门 is the next line, kept as printed with its 本级', () => {
    const ctx = extract(
      textDocument('部门预算项目支出绩效自评表(2023年度) |', '项目名称 |', '00000000-样例运转经费 |', '主管部门 |', '样例县发展和改革局本级 |', '实施单位 (盖章) |', '样例县发展和改革局 |'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例县发展和改革局本级');
    assert.match(foundAt(ctx, 'department.name')!.source.text!, /主管部门 样例县发展和改革局本级/);
  });

  it('a cover label whose name wrapped onto the next line (部门（单位）名称： ⏎ 某中心)', () => {
    const ctx = extract(textDocument('样例市2018年度部门整体支出', '绩效评价自评报告', '', '部门（单位）名称：', '样例市数字化城市管理中心', '预 算 编 码：900100'), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), '样例市数字化城市管理中心');
    assert.equal(foundAt(ctx, 'department.name')!.source.line, 5);
  });

  it('a form flattened onto one line with spaces: the 主管部门 after its budget code, up to the next label', () => {
    const ctx = extract(
      textDocument('附件: 项目支出绩效自评表 (2022年度) 项目名称 样例业务项目 主管部门 305-样例市样例区样例镇人民政府 实施单位 305001-样例市样例区样例镇人民政府 项目资金 (万元) 年初预算数 全年预算数'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例区样例镇人民政府');
    assert.equal(valueAt(ctx, 'year'), 2022);
  });

  it('“我局/我单位” in the opening sentence names nobody', () => {
    const ctx = extract(textDocument('按照样例文件要求，我单位及时对样例项目开展自评，现将2022年我局样例项目绩效自评情况报告如下：'), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), undefined);
    assert.equal(valueAt(ctx, 'year'), 2022);
  });

  it('a title behind a web page’s header lines (索引号, 发布机构, 发布日期 …): found, and their year is not taken', () => {
    const header = ['[ 索引号 ] 000000000000/2021-00001 [ 发文字号 ]', '[ 主题分类 ] 其他 [ 体裁分类 ] 其他', '[ 发布机构 ] 样例区发展改革委 [ 发布日期 ] 2021-09-14', '[ 成文日期 ] 2021-09-10 [ 有效性 ]'];
    const ctx = extract(
      textDocument('您当前位置: 首页>区政府部门>政务公开', ...header, ...header, ...header, '打印 关闭', '样例市样例区发展和改革委员会2020年度部门整体支出绩效自评报告', '一、基本情况'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例市样例区发展和改革委员会');
    assert.equal(valueAt(ctx, 'year'), 2020);
  });

  it('a web page’s “• 发布机构 ⏎ • 某局” is the publisher, not a cover line naming the department', () => {
    const ctx = extract(
      textDocument('• 索引号', '• 000000-0-/2023-0000001', '• 发布机构', '• 样例市文化和旅游局', '• 发布日期', '• 2023-05-18', '样例市图书馆2022年度项目支出绩效自评报告'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '样例市图书馆');
  });

  it('“来源:某县某局” of a web page is the last resort; “来源:财务科” or “来源:办公室” names no department', () => {
    const a = extract(textDocument('发布时间:2022-03-08 15:40 来源:样例县农业农村水利局 浏览:', '样例县2021年样例工程水利发展资金绩效自评报告', '一、概述'), extractIdentity);
    assert.equal(valueAt(a, 'department.name'), '样例县农业农村水利局');
    assert.equal(valueAt(a, 'year'), 2021);
    const b = extract(textDocument('来源:财务科 2019-08-20 10:05', '样例县2018年度部门整体支出绩效自评报告'), extractIdentity);
    assert.equal(valueAt(b, 'department.name'), undefined);
    assert.equal(valueAt(b, 'year'), 2018);
    const c = extract(textDocument('来源:办公室 2019-08-20 10:05', '样例县2018年度部门整体支出绩效自评报告'), extractIdentity);
    assert.equal(valueAt(c, 'department.name'), undefined, 'an office of the site names no department');
  });

  it('a value that is no organisation’s name, or that keeps a label, is not a department', () => {
    const ctx = extract(textDocument(row('单位名称', '样例项目资金'), row('部门名称', '主管部门名称')), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), undefined);
  });
});

describe('nameFromValue', () => {
  it('drops a budget code, cuts at the next label, and keeps the budget system’s 部门 / 本级', () => {
    assert.deepStrictEqual(nameFromValue('305001-样例市图书馆'), { name: '样例市图书馆', region: '样例市' });
    assert.deepStrictEqual(nameFromValue('样例市样例区发展和改革局预算编码300001'), { name: '样例市样例区发展和改革局', region: '样例市样例区' });
    assert.deepStrictEqual(nameFromValue('样例县司法局部门'), { name: '样例县司法局部门' });
    assert.deepStrictEqual(nameFromValue(' 样例县卫生健康和体育局 年初预算 数 0'), { name: '样例县卫生健康和体育局', region: '样例县' });
    assert.equal(nameFromValue('我局'), undefined);
    assert.equal(nameFromValue('办公室'), undefined);
    assert.equal(nameFromValue('万元'), undefined);
    assert.equal(nameFromValue('财政处室自评总分'), undefined);
  });
});

describe('identity: the department as the subject of the opening sentence', () => {
  it('“根据《某县财政局…通知》要求，某县某局对…开展了绩效自评”: the evaluating department, not the finance bureau of the notice', () => {
    const ctx = extract(
      textDocument('根据《青岚县财政局关于开展2023年度部门整体支出绩效自评工作的通知》要求，青岚县林业局对2023年度部门整体支出开展了绩效自评，现将有关情况报告如下。', '一、部门基本情况'),
      extractIdentity,
    );
    assert.deepStrictEqual(foundList(ctx), { 'department.name': '青岚县林业局', 'department.region': '青岚县', year: '2023' });
    assert.deepStrictEqual(foundAt(ctx, 'department.name')!.source, { file: FILE, line: 1, text: '青岚县林业局对2023年度部门整体支出开展了绩效自评' });
  });

  it('after “按照…部署，” the clause that names the department as its subject', () => {
    const ctx = extract(textDocument('按照青岚县财政局的统一部署，青岚县林业局对2023年度部门整体支出开展了绩效自评。'), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), '青岚县林业局');
  });

  it('a department inside a clause opened by 根据 is not its subject; nor is a finance bureau; 我局 names nobody', () => {
    const a = extract(textDocument('根据青岚县林业局对2023年度部门整体支出开展绩效自评的安排，各股室报送了材料。'), extractIdentity);
    assert.equal(valueAt(a, 'department.name'), undefined);
    const b = extract(textDocument('根据《青岚县财政局关于开展绩效自评的通知》要求，青岚县财政局对2023年度部门整体支出开展了绩效自评。'), extractIdentity);
    assert.equal(valueAt(b, 'department.name'), undefined);
    const c = extract(textDocument('根据《青岚县财政局关于开展绩效自评的通知》要求，我局对2023年度部门整体支出开展了绩效自评。'), extractIdentity);
    assert.equal(valueAt(c, 'department.name'), undefined);
    assert.equal(valueAt(c, 'year'), 2023);
  });

  it('a department opening a sentence that goes on to no evaluation is not taken', () => {
    const ctx = extract(textDocument('青岚县林业局全年完成植树造林3000亩，森林覆盖率稳步提高。'), extractIdentity);
    assert.equal(valueAt(ctx, 'department.name'), undefined);
  });

  it('a title naming the department wins over the opening sentence’s subject', () => {
    const ctx = extract(
      textDocument('青岚县林业局2023年度部门整体支出绩效自评报告', '根据《青岚县财政局关于开展绩效自评的通知》要求，青岚县水利局对2023年度部门整体支出开展了绩效自评。'),
      extractIdentity,
    );
    assert.equal(valueAt(ctx, 'department.name'), '青岚县林业局');
    assert.equal(foundAt(ctx, 'department.name')!.source.line, 1);
  });
});
