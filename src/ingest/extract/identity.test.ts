/**
 * Identity: department, region and year, read only where a document states them (a labelled cell, a title or cover
 * line), each with where it was printed; never guessed from a mention in the running text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractIdentity } from './identity.ts';
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
