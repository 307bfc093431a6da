/**
 * The review letter (审核意见) as the template lays it out and the writers print it: what `jixiao audit --format html`
 * and `jixiao render -t review` write. Adapted from the tests of the former audit-html.ts, whose page this replaces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { AuditReportJson, FindingJson } from '../../core/audit/report.ts';
import { renderDocx } from '../docx.ts';
import { readDocument } from '../../ingest/readers/read.ts';
import { renderHtml } from '../html.ts';
import { renderXlsx } from '../xlsx.ts';
import { groupFindings, reviewDoc, scoreDifferenceText } from './review.ts';

const arithmetic: FindingJson = {
  rule: 'arith.sum',
  severity: 'error',
  category: 'arithmetic',
  title: '合计不等于各项之和',
  message: '“支出合计”印为 1,200.00 万元，各项相加为 1,180.00 万元。',
  printed: '1200.00',
  computed: '1180.00',
  formula: '支出合计 = 基本支出 + 项目支出',
  locations: [
    { section: '部门整体支出情况', table: '支出决算表', row: 3, line: 42, text: '支出合计 <script>alert("x")</script> 1,200.00', role: { zh: '印出值', en: 'printed' } },
    { page: 2, field: 'budget.expenditure.total' },
  ],
};

const plausibility: FindingJson = {
  rule: 'plaus.rate',
  severity: 'warning',
  category: 'plausibility',
  title: 'Rate & "ratio" above 100%',
  message: "执行率 120% 超过 100%，请说明原因 <b>'now'</b>。",
  printed: '120%',
  computed: null,
  formula: null,
  locations: [{ field: 'indicators[0].actual' }],
};

const report: AuditReportJson = {
  ok: true,
  file: 'examples/<dept>.docx',
  documentKind: 'self-evaluation',
  documentKindLabel: '部门整体支出绩效自评报告',
  department: '某某市教育局',
  year: 2024,
  rubric: { id: 'provincial-2024', name: '省级部门整体支出绩效评价指标' },
  selfScore: '96.5',
  computedScore: '92.72',
  maxScore: '100',
  grade: '优',
  counts: { error: 1, warning: 1, info: 0 },
  // Plausibility first on purpose: the letter orders by category, not by input order.
  findings: [plausibility, arithmetic],
  scores: [
    { path: ['决策'], weight: '20', self: '20', computed: '20', verifiable: true, basis: null, depth: 0 },
    { path: ['决策', '预算编制'], weight: '5', self: '5', computed: '5.86', verifiable: true, basis: '按执行率 <计算>', depth: 1 },
    { path: ['产出', '预算执行率'], weight: '10', self: '1.82', computed: '0', verifiable: true, basis: null, depth: 1 },
    { path: ['效益', '满意度'], weight: '10', self: '9', computed: '9', verifiable: false, basis: '依据佐证材料酌情评分', depth: 1 },
  ],
};

const html = (r: AuditReportJson, lang: 'zh' | 'en' = 'zh') => renderHtml(reviewDoc(r, { lang }).doc);

/** The `<tr>` of a table whose first cell holds `name` (after the indent). */
function rowWith(page: string, table: string, name: string): string {
  const t = page.slice(page.indexOf(`data-table="${table}"`), page.indexOf('</table>', page.indexOf(`data-table="${table}"`)));
  const row = t.split('<tr').find((r) => new RegExp(`<td[^>]*>[\\u3000]*${name}</td>`).test(r));
  assert.ok(row, `no row for ${name} in ${table}`);
  return row;
}

describe('the review letter as HTML', () => {
  const page = html(report);

  it('is a complete self-contained page in Chinese', () => {
    assert.ok(page.startsWith('<!DOCTYPE html>'));
    assert.match(page, /<html lang="zh-CN">/);
    assert.match(page, /<meta charset="utf-8">/);
    assert.match(page, /@page/);
    assert.doesNotMatch(page, /<script|<link|src="http|url\(/i);
  });

  it('has the title, the document, the score line and the conclusion', () => {
    for (const s of ['部门整体支出绩效自评', '审核意见', '某某市教育局', '2024 年', '部门整体支出绩效自评报告', '省级部门整体支出绩效评价指标', '自评 96.5 ／ 复核 92.72 ／ 满分 100 ／ 相差 3.78', '错误 1 · 警告 1 · 提示 0']) assert.ok(page.includes(s), s);
    assert.ok(page.includes('共发现错误 1 条、警告 1 条；请逐条核实并修改后重新报送。自评得分 96.5 分，按评分办法复核为 92.72 分，相差 3.78 分。'));
    assert.ok(page.includes('审核单位（盖章）'));
  });

  it('groups findings by category in the fixed order, numbered on, with formula, places and source text', () => {
    const a = page.indexOf('（一）计算核对（1 条）');
    const p = page.indexOf('（二）合理性与预警（1 条）');
    assert.ok(a > 0 && p > a, 'arithmetic before plausibility');
    assert.ok(!page.includes('前后一致性'), 'empty categories are left out');
    assert.ok(page.indexOf('合计不等于各项之和') < page.indexOf('Rate &amp; &quot;ratio&quot; above 100%'));
    const first = rowWith(page, 'findings-arithmetic', '1');
    for (const s of ['公式：支出合计 = 基本支出 + 项目支出', '1200.00', '1180.00', '印出值：“部门整体支出情况”部分，表“支出决算表”，第 3 行，行号 42', '「支出合计 &lt;script&gt;', '第 2 页，字段 budget.expenditure.total']) assert.ok(first.includes(s), s);
    assert.match(first, /class="flagged"/, 'an error row is flagged');
    assert.doesNotMatch(rowWith(page, 'findings-plausibility', '2'), /flagged/);
    assert.ok(!page.includes('data-table="findings"'), 'the one-sheet list is for the workbook only');
  });

  it('escapes every text from the report', () => {
    assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(!page.includes('<script'));
    assert.ok(page.includes('&lt;b&gt;&#39;now&#39;&lt;/b&gt;'));
    assert.ok(page.includes('examples/&lt;dept&gt;.docx'));
    assert.ok(page.includes('按执行率 &lt;计算&gt;'));
  });

  it('shows every rubric item with exact differences, flagging the items that differ', () => {
    const budget = rowWith(page, 'scores', '预算编制');
    assert.match(budget, /class="flagged"/);
    assert.ok(budget.includes('>-0.86</td>'), budget);
    const rate = rowWith(page, 'scores', '预算执行率');
    assert.match(rate, /class="flagged"/);
    assert.ok(rate.includes('>1.82</td>'));
    assert.doesNotMatch(rowWith(page, 'scores', '决策'), /flagged/);
    const unverified = rowWith(page, 'scores', '满意度');
    assert.doesNotMatch(unverified, /flagged/);
    assert.ok(unverified.includes('※ 依据佐证材料酌情评分'));
    assert.ok(page.includes('※ 无法由文件数据复核的评分项，复核得分沿用自评得分。'));
    const total = rowWith(page, 'scores', '合计');
    assert.ok(total.includes('>96.5</td>') && total.includes('>92.72</td>') && total.includes('>3.78</td>'), total);
  });

  it('says so when nothing needs correcting, and marks an unnamed department', () => {
    const clean = html({ ...report, department: null, counts: { error: 0, warning: 0, info: 0 }, findings: [], scores: [], selfScore: null, computedScore: null });
    assert.ok(clean.includes('未发现须修改的问题。'));
    assert.ok(clean.includes('（未署名部门）'));
    assert.ok(clean.includes('二、审核发现') && clean.includes('无。'));
    assert.ok(!clean.includes('三、评分复核'));
    assert.ok(clean.includes('自评 — ／ 复核 — ／ 满分 100'));
  });

  it('shows the grade when it is known', () => {
    assert.ok(renderHtml(reviewDoc(report, { grade: '优' }).doc).includes('／ 复核等级 优'));
    assert.ok(renderHtml(reviewDoc(report, { grade: '优' }).doc).includes('复核等级：优'));
  });

  it('speaks English for lang en', () => {
    const en = html(report, 'en');
    assert.match(en, /<html lang="en">/);
    assert.ok(en.includes('Review of the performance self-evaluation'));
    assert.ok(en.indexOf('Arithmetic') < en.indexOf('Plausibility and warnings'));
    assert.ok(en.includes('Found 1 error and 1 warning'));
    assert.ok(en.includes('Generated by jixiao'));
    assert.ok(!/审核意见|审核结论/.test(en));
  });
});

describe('the review letter in the other formats', () => {
  const { doc } = reviewDoc(report);

  it('is a workbook with the document, every finding on one sheet, and the scores as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await renderXlsx(doc)).buffer);
    assert.deepEqual(wb.worksheets.map((s) => s.name), ['审核对象', '审核发现', '评分复核']);
    const findings = wb.getWorksheet('审核发现')!;
    assert.deepEqual((findings.getRow(2).values as unknown[]).slice(1), ['序号', '类别', '程度', '规则', '问题', '文件所载', '复核结果', '公式', '位置与原文']);
    assert.equal(findings.getCell('B3').value, '计算核对');
    assert.equal(findings.getCell('D3').value, 'arith.sum');
    assert.equal(findings.getCell('B4').value, '合理性与预警');
    const scores = wb.getWorksheet('评分复核')!;
    assert.equal(scores.getCell('D4').value, 5.86);
    assert.equal(scores.getCell('E4').value, -0.86);
    assert.equal(scores.getCell('E4').numFmt, '0.00');
  });

  it('is a DOCX whose tables read back with the findings and scores', async () => {
    const r = await readDocument(await renderDocx(doc), 'review.docx');
    assert.ok(r.ok);
    const lines = r.document.lines.map((l) => l.cells.join(' | '));
    assert.ok(lines.some((l) => l.includes('（一）计算核对（1 条）')));
    assert.ok(lines.some((l) => l.startsWith('1 | 错误 | 合计不等于各项之和')), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('预算编制 | 5 | 5 | 5.86 | -0.86')), lines.join('\n'));
  });
});

describe('exact score differences and the grouping of findings', () => {
  it('subtracts decimals exactly, at the larger number of decimals', () => {
    assert.equal(scoreDifferenceText('96.5', '92.72'), '3.78');
    assert.equal(scoreDifferenceText('5', '5.86'), '-0.86');
    assert.equal(scoreDifferenceText('1.82', '0'), '1.82');
    assert.equal(scoreDifferenceText('0.3', '0.1'), '0.2');
    assert.equal(scoreDifferenceText('9', '9.00'), null);
    assert.equal(scoreDifferenceText(null, '9'), null);
    assert.equal(scoreDifferenceText('—', '9'), null);
  });

  it('puts errors first within a category and numbers through the categories', () => {
    const warn = { ...arithmetic, severity: 'warning' as const, title: 'w' };
    const groups = groupFindings([plausibility, warn, arithmetic]);
    assert.deepEqual(groups.map((g) => [g.category, g.items.map((i) => `${i.no}:${i.f.title}`)]), [
      ['arithmetic', ['1:合计不等于各项之和', '2:w']],
      ['plausibility', ['3:Rate & "ratio" above 100%']],
    ]);
  });
});
