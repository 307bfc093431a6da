import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitGluedLabels } from './glued-labels.ts';

// Invented names throughout.
test('labels run together with their values are split where the next word of the form ends each value', () => {
  assert.deepEqual(splitGluedLabels('附件:某某项目自评表主管部门某县水务局实施单位某县水务服务中心资金情况(万元)全年预算数(A)'), [
    '附件:某某项目自评表',
    '主管部门',
    '某县水务局',
    '实施单位',
    '某县水务服务中心',
    '资金情况(万元)全年预算数(A)',
  ]);
  assert.deepEqual(splitGluedLabels('部门(单位)名称某市某区发展和改革局预算编码100001报告日期:2023年5月'), ['部门(单位)名称', '某市某区发展和改革局', '预算编码100001报告日期:2023年5月']);
  assert.deepEqual(splitGluedLabels('项目名称某某水库标尺安装项目负责人及电话张某'), ['项目名称', '某某水库标尺安装', '项目负责人及电话张某']);
});

test('where a value is not certain the text stays as written', () => {
  // The value runs to the end of the text, or to a word not on the list (an OCR-damaged label).
  assert.equal(splitGluedLabels('主管部门某县水务局'), undefined);
  assert.equal(splitGluedLabels('主管部门某县教育局实施第位某县第六中学'), undefined);
  // A unit's name ends as one does; a sentence is no value.
  assert.equal(splitGluedLabels('主管部门负责组织实施单位为各乡镇资金情况良好'), undefined);
  assert.equal(splitGluedLabels('主管部门为某县水务局，实施单位为某县水务服务中心。'), undefined);
  // Two labels side by side: no value between them.
  assert.equal(splitGluedLabels('部门整体绩效自评表主管部门财政处室自评总分(分)97.6'), undefined);
  assert.equal(splitGluedLabels('一段没有表单标签的文字'), undefined);
});
