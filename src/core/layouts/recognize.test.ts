/**
 * recognizeLayout and the title: a document whose title says what it evaluates — the department as a whole
 * (部门整体支出) or one project (项目支出绩效自评表) — is not read as a layout of the other subject, whatever table words
 * its body shares with it. Names and figures are invented.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LAYOUTS, recognizeLayout } from './index.ts';

/** What the text reader gives recognizeLayout: the text without whitespace. */
const compact = (...parts: string[]) => parts.join(' ').replace(/\s+/g, '');

/** The body of a project form: its head, fund rows and indicator columns. */
const PROJECT_BODY =
  '项目名称 青岚县某项目 主管部门 青岚县某局 实施单位 青岚县某中心 年度资金总额 120 其中：当年财政拨款 100 上年结转资金 20 全年执行数 115 年度指标值 实际完成值 偏差原因分析及改进措施';
/** The indicator columns of a budget system's export (a department layout). */
const EXPORT_BODY = '一级指标 二级指标 三级指标 指标性质 指标方向 指标值 度量单位 完成值 分值 得分';
/** A web page's navigation line, with no layout words, to push a title back. */
const navigation = (chars: number) => '首页信息公开栏目导航打印关闭'.repeat(Math.ceil(chars / 14)).slice(0, chars);

const departmentIds = LAYOUTS.filter((l) => l.subject === 'department').map((l) => l.id);

describe('recognizeLayout: a title naming the department as a whole rules out the project layout', () => {
  it('the project form’s body alone is the project form', () => {
    const r = recognizeLayout(compact(PROJECT_BODY));
    assert.equal(r.layout.id, 'project-form');
    assert.equal(r.scores['project-form'], 18);
  });

  it('under “部门整体支出绩效自评表” the same body is not taken for a project form (its marker score still reported)', () => {
    const r = recognizeLayout(compact('青岚县某局2023年度部门整体支出绩效自评表', PROJECT_BODY));
    assert.equal(r.scores['project-form'], 18);
    assert.equal(r.layout.id, 'unknown');
  });

  it('the wordings 部门（单位）整体支出 and 整体支出绩效 say the same', () => {
    assert.equal(recognizeLayout(compact('青岚县某局2023年度部门（单位）整体支出绩效自评表', PROJECT_BODY)).layout.id, 'unknown');
    assert.equal(recognizeLayout(compact('青岚县某局整体支出绩效评价报告', PROJECT_BODY)).layout.id, 'unknown');
  });

  it('a title behind a navigation line, within the first 240 characters, counts; one after them does not', () => {
    const near = compact(navigation(200), '部门整体支出绩效自评表', PROJECT_BODY);
    assert.equal(recognizeLayout(near).layout.id, 'unknown');
    const far = compact(navigation(240), '部门整体支出绩效自评表', PROJECT_BODY);
    assert.equal(far.indexOf('部门整体支出'), 240);
    assert.equal(recognizeLayout(far).scores['project-form'], 18);
    assert.equal(recognizeLayout(far).layout.id, 'project-form');
  });
});

describe('recognizeLayout: a title naming a project rules out the department layouts', () => {
  it('the export’s columns alone are the system export', () => {
    const r = recognizeLayout(compact(EXPORT_BODY));
    assert.equal(r.layout.id, 'system-export');
    assert.equal(r.scores['system-export'], 13);
  });

  it('under “项目支出绩效自评表” no department layout is chosen', () => {
    const r = recognizeLayout(compact('青岚县某项目支出绩效自评表', EXPORT_BODY));
    assert.ok(departmentIds.includes('system-export') && r.scores['system-export']! >= 13);
    assert.equal(r.scores['project-form'], 4);
    assert.equal(r.layout.id, 'unknown');
  });
});

describe('recognizeLayout: a title naming both, or neither, changes nothing', () => {
  it('“部门整体支出及项目支出绩效自评表”: each layout keeps what its markers give', () => {
    const title = '青岚县某局部门整体支出及项目支出绩效自评表';
    const a = recognizeLayout(compact(title, EXPORT_BODY));
    assert.equal(a.layout.id, 'system-export');
    assert.deepStrictEqual([a.scores['system-export'], a.scores['project-form']], [13, 4]);
    const b = recognizeLayout(compact(title, PROJECT_BODY));
    assert.equal(b.layout.id, 'project-form');
    assert.equal(b.scores['project-form'], 22);
  });

  it('a title naming neither: the scores are the body’s', () => {
    const r = recognizeLayout(compact('青岚县某局2023年度绩效自评材料', PROJECT_BODY));
    assert.equal(r.layout.id, 'project-form');
    assert.equal(r.scores['project-form'], 18);
  });
});

describe('recognizeLayout: the one-pass marker scan finds what each marker pattern finds', () => {
  /** Each layout's score with every marker tested as a pattern over the whole text: what the scan must equal. */
  const plainScores = (text: string) => Object.fromEntries(LAYOUTS.map((l) => [l.id, l.markers.reduce((s, [re, w]) => s + (new RegExp(re.source, re.flags).test(text) ? w : 0), 0)]));
  /** Pieces of marker patterns' text (literal heads, overlapping words), noise and digits, to build texts from. */
  const pieces = [...new Set(LAYOUTS.flatMap((l) => l.markers.map(([re]) => re.source.replace(/[\\^$.|?*+()[\]{}]/g, ' ').split(/\s+/).filter(Boolean)).flat()))];
  const piece = fc.oneof(fc.constantFrom(...pieces), fc.constantFrom('部门', '部门整体', '项目', '年度', '12.5', '分', '：', '一、'), fc.string({ maxLength: 3 }));

  it('on texts made of marker words, overlapping and broken, and noise', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(recognizeLayout(text).scores, plainScores(text));
      }),
      { numRuns: 400 },
    );
  });
});
