/**
 * What a document evaluates (a department as a whole, or one project or fund), by the words of its top; and where it
 * begins when a page opens with the tail of a previous form. Invented titles and figures in the shapes of published
 * reports.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segment } from '../segment.ts';
import { documentStart, documentSubject, subjectFromText } from './subject.ts';
import { extract, row, textDocument } from './testing.ts';

const subjectOf = (...lines: string[]) => subjectFromText(segment(textDocument(...lines)));

describe('document subject: a project or fund report', () => {
  it('a title naming a project, a fund or 项目支出 — also split over two lines, or under a web page’s frame', () => {
    assert.equal(subjectOf('某县某某中心2023年度项目支出绩效自评报告', '一、基本情况'), 'project');
    assert.equal(subjectOf('某市某某局2021年度道路养护类项目', '自评结果', '一、自评结论'), 'project');
    assert.equal(subjectOf('- 索引号: 0000-2024-001', '- 发布机构: 某县某某局', '某县2022年农村供水工程维修养护资金绩效自评报告', '一、概述'), 'project');
    assert.equal(subjectOf('某区某某局2022年衔接资金项目绩效自评报告', '一、绩效目标分解下达情况'), 'project');
  });

  it('no title: the opening sentence (现将…项目绩效自评…如下), or the first heading (项目概况, 绩效目标分解下达情况)', () => {
    assert.equal(subjectOf('为做好2022年资金管理工作，现将2022年某县某某局道路建设项目绩效自评报告如下：', '一、绩效目标分解下达情况'), 'project');
    assert.equal(subjectOf('一、绩效目标分解下达情况', '（一）中央下达资金预算情况。'), 'project');
    assert.equal(subjectOf('一、项目概况', '某某项目用于……。'), 'project');
  });

  it('the layout decides first: a project form is a project’s', () => {
    const ctx = extract(textDocument('某某情况说明', row('年初预算数', '100.00')), [], { kind: 'project-form' });
    assert.equal(documentSubject(ctx), 'project');
  });
});

describe('document subject: a department report', () => {
  it('整体 in the title wins over 项目; a summary report over several projects is no one project’s', () => {
    assert.equal(subjectOf('某县某某局2022年度部门整体支出绩效自评报告', '一、部门基本情况'), 'department');
    assert.equal(subjectOf('某市某某中心2022年整体和项目支出绩效自评总结报告', '一、绩效管理工作开展情况'), 'department');
    assert.equal(subjectOf('某某管理处2022年度项目支出绩效自评总报告', '一、本部门项目绩效目标情况'), 'department');
  });

  it('a form’s rows (项目支出 | 120.00) and a document without title or headings are the department’s', () => {
    assert.equal(subjectOf(row('部门名称', '某县某某局'), row('项目支出', '120.00'), row('项目名称', '某某项目')), 'department');
    assert.equal(subjectOf('本年度完成各项工作任务。'), 'department');
  });
});

describe('document start: the tail of a previous form', () => {
  it('rows before this form’s title (an indicator row, 合计 | 100 | 100) are not this document’s', () => {
    const seg = segment(
      textDocument(
        row('满意度指标', '服务对象满意度', '≥', '95', '%', '96', '10', '10'),
        row('合计', '100', '100'),
        row('评价结论', '较好完成年度目标。'),
        '某县某某局项目支出绩效自评表（2023年度）',
        row('项目名称', '某某设备购置项目'),
        row('主管部门', '某县某某局', '实施单位', '某县某某局'),
      ),
    );
    assert.equal(documentStart(seg), 3);
  });

  it('a document that opens with its own title, or whose first rows name the form (项目名称), starts at 0', () => {
    assert.equal(documentStart(segment(textDocument('某县某某局项目支出绩效自评表', row('项目名称', '某某项目'), row('合计', '100', '98')))), 0);
    assert.equal(documentStart(segment(textDocument(row('项目名称', '某某项目'), row('合计', '100', '98'), '附件：某某项目支出绩效自评表'))), 0);
  });
});
