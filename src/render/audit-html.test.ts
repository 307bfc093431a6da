import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditReportJson, FindingJson } from '../core/audit/report.ts';
import { renderReviewHtml, renderSummaryHtml, type SummaryRow } from './audit-html.ts';

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
  counts: { error: 1, warning: 1, info: 0 },
  // Plausibility first on purpose: the page orders by category, not by input order.
  findings: [plausibility, arithmetic],
  scores: [
    { path: ['决策'], weight: '20', self: '20', computed: '20', verifiable: true, basis: null, depth: 0 },
    { path: ['决策', '预算编制'], weight: '5', self: '5', computed: '5.86', verifiable: true, basis: '按执行率 <计算>', depth: 1 },
    { path: ['产出', '预算执行率'], weight: '10', self: '1.82', computed: '0', verifiable: true, basis: null, depth: 1 },
    { path: ['效益', '满意度'], weight: '10', self: '9', computed: '9', verifiable: false, basis: '依据佐证材料酌情评分', depth: 1 },
  ],
};

/** The `<tr>` of the score table whose item cell holds `name`. */
function scoreRow(html: string, name: string): string {
  const row = html.split('<tr').find((r) => r.includes(`>${name}</td>`));
  assert.ok(row, `no row for ${name}`);
  return row;
}

describe('renderReviewHtml', () => {
  const html = renderReviewHtml(report, 'zh');

  it('is a complete self-contained page', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /<meta charset="utf-8">/);
    assert.match(html, /Noto Serif CJK SC/);
    assert.match(html, /@page/);
    assert.doesNotMatch(html, /<script|<link|src="http|url\(/i);
  });

  it('has the title, header and conclusion', () => {
    assert.ok(html.includes('部门整体支出绩效自评审核意见'));
    assert.ok(html.includes('某某市教育局'));
    assert.ok(html.includes('2024'));
    assert.ok(html.includes('部门整体支出绩效自评报告'));
    assert.ok(html.includes('省级部门整体支出绩效评价指标'));
    assert.ok(html.includes('共发现错误 1 条、警告 1 条；请逐条核实并修改后重新报送。'));
    assert.ok(html.includes('相差 3.78'));
  });

  it('groups findings by category in the fixed order', () => {
    const a = html.indexOf('计算核对');
    const p = html.indexOf('合理性与预警');
    assert.ok(a > 0 && p > 0, 'both headings present');
    assert.ok(a < p, 'arithmetic before plausibility');
    assert.ok(html.indexOf('合计不等于各项之和') < html.indexOf('Rate &amp; &quot;ratio&quot; above 100%'));
    assert.ok(!html.includes('前后一致性'), 'empty categories are omitted');
    assert.ok(html.includes('支出合计 = 基本支出 + 项目支出'));
    assert.ok(html.includes('1180.00'));
    assert.ok(html.includes('第 2 页'));
    assert.ok(html.includes('budget.expenditure.total'));
    assert.ok(html.includes('行号 42'));
  });

  it('escapes every text from the report', () => {
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(!html.includes('<script'));
    assert.ok(html.includes('&lt;b&gt;&#39;now&#39;&lt;/b&gt;'));
    assert.ok(!html.includes("<b>'now'</b>"));
    assert.ok(html.includes('examples/&lt;dept&gt;.docx'));
    assert.ok(html.includes('按执行率 &lt;计算&gt;'));
  });

  it('shows exact score differences and highlights those rows', () => {
    const budget = scoreRow(html, '预算编制');
    assert.match(budget, /class="[^"]*differs/);
    assert.ok(budget.includes('<td class="num diff">-0.86</td>'));
    const rate = scoreRow(html, '预算执行率');
    assert.match(rate, /class="[^"]*differs/);
    assert.ok(rate.includes('<td class="num diff">1.82</td>'));
    assert.doesNotMatch(scoreRow(html, '决策'), /differs/);
    assert.doesNotMatch(scoreRow(html, '满意度'), /differs/);
  });

  it('says so when nothing needs correcting, and marks an unnamed department', () => {
    const clean = renderReviewHtml({ ...report, department: null, counts: { error: 0, warning: 0, info: 0 }, findings: [], scores: [], selfScore: null, computedScore: null }, 'zh');
    assert.ok(clean.includes('未发现须修改的问题。'));
    assert.ok(clean.includes('（未署名部门）'));
    assert.ok(!clean.includes('评分复核表'));
    assert.ok(clean.includes('—'));
  });

  it('uses English labels for lang en', () => {
    const en = renderReviewHtml(report, 'en');
    assert.match(en, /<html lang="en">/);
    assert.ok(en.includes('Review of the performance self-evaluation'));
    assert.ok(en.indexOf('Arithmetic') < en.indexOf('Plausibility and warnings'));
    assert.ok(en.includes('Found 1 error and 1 warning'));
    assert.ok(en.includes('Generated by jixiao'));
    assert.ok(!en.includes('审核意见'));
  });
});

describe('renderSummaryHtml', () => {
  const base = { documentKind: 'self-evaluation', documentKindLabel: '自评报告', maxScore: '100', infos: 0 } as const;
  const rows: SummaryRow[] = [
    { ...base, rank: 1, file: 'a/教育局.docx', department: '教育局', year: 2024, selfScore: '98', computedScore: '90.5', errors: 2, warnings: 1 },
    { ...base, rank: 2, file: 'a/卫健委.pdf', department: '卫健委', year: 2024, selfScore: '95', computedScore: null, errors: 0, warnings: 3, infos: 1 },
    { ...base, rank: 3, file: 'a/broken.pdf', department: null, year: null, selfScore: null, computedScore: null, errors: 0, warnings: 0, failed: '无法读取：文件已加密 <encrypted>' },
  ];
  const html = renderSummaryHtml(rows, 'zh');

  it('is a complete page with the heading', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.includes('<h1>审核汇总</h1>'));
    assert.ok(renderSummaryHtml(rows, 'zh', '2024 年 <批次>').includes('<h1>2024 年 &lt;批次&gt;</h1>'));
  });

  it('lists the rows in order with their ranks', () => {
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    const trs = body.split('<tr').slice(1);
    assert.equal(trs.length, 3);
    trs.forEach((tr, i) => assert.ok(tr.includes(`<td class="num">${i + 1}</td>`), `rank ${i + 1}`));
    assert.ok(trs[0]!.includes('教育局') && trs[1]!.includes('卫健委') && trs[2]!.includes('broken.pdf'));
    assert.match(trs[0]!, /class="has-errors"/);
    assert.doesNotMatch(trs[1]!, /has-errors/);
    assert.ok(trs[0]!.includes('>Δ +7.5</span>'), 'self − recomputed = 7.5');
  });

  it('shows the failure message across the score columns', () => {
    const failed = html.split('<tr').find((r) => r.includes('broken.pdf'))!;
    assert.match(failed, /class="failed"/);
    assert.ok(failed.includes('<td colspan="5" class="failure">无法读取：文件已加密 &lt;encrypted&gt;</td>'));
  });

  it('counts the totals', () => {
    const total = (key: string) => Number(new RegExp(`data-total="${key}"><span class="n">(\\d+)<`).exec(html)?.[1]);
    assert.equal(total('documents'), 3);
    assert.equal(total('with-errors'), 1);
    assert.equal(total('failed'), 1);
    assert.equal(total('errors'), 2);
    assert.equal(total('warnings'), 4);
  });

  it('draws a bar per scored document', () => {
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    assert.equal((svg.match(/<g>/g) ?? []).length, 2);
    assert.ok(svg.includes('>90.5<') && svg.includes('>95<'));
    assert.ok(svg.includes('fill-opacity'), 'self-score bar is pale');
  });

  it('uses English labels for lang en', () => {
    const en = renderSummaryHtml(rows, 'en');
    assert.ok(en.includes('<h1>Review summary</h1>'));
    assert.ok(en.includes('Recomputed') && en.includes('Warnings'));
  });
});
