/**
 * The batch review page (`jixiao audit DIR --summary --format html`) as a template: totals, the ranked rows, the
 * chart of bar cells — in HTML (and so the PDF), DOCX and XLSX. Adapted from the tests of the former audit-html.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { renderDocx } from '../docx.ts';
import { renderHtml } from '../html.ts';
import { renderXlsx } from '../xlsx.ts';
import { type ReviewSummaryRow, reviewSummaryDoc } from './review-summary.ts';

const base = { documentKind: 'self-evaluation', documentKindLabel: '自评报告', maxScore: '100', infos: 0 } as const;
const rows: ReviewSummaryRow[] = [
  { ...base, rank: 1, file: 'a/教育局.docx', department: '教育局', year: 2024, selfScore: '98', computedScore: '90.5', grade: '优', errors: 2, warnings: 1 },
  { ...base, rank: 2, file: 'a/卫健委.pdf', department: '卫健委', year: 2024, selfScore: '95', computedScore: null, errors: 0, warnings: 3, infos: 1 },
  { ...base, rank: 3, file: 'a/form.txt', department: null, year: 2023, selfScore: '18.43', computedScore: '17.2', maxScore: '20', errors: 0, warnings: 0 },
  { ...base, rank: 4, file: 'a/broken.pdf', department: null, year: null, selfScore: null, computedScore: null, maxScore: null, errors: 0, warnings: 0, failed: '无法读取：文件已加密 <encrypted>' },
];

const page = renderHtml(reviewSummaryDoc(rows, 'zh'));

function table(id: string): string {
  const start = page.indexOf(`data-table="${id}"`);
  assert.ok(start > 0, `no table ${id}`);
  return page.slice(start, page.indexOf('</table>', start));
}
const bodyRows = (id: string): string[] => {
  const t = table(id);
  return t.slice(t.indexOf('<tbody>')).split('<tr').slice(1);
};

describe('the batch review page', () => {
  it('is a complete landscape page with the heading', () => {
    assert.ok(page.startsWith('<!DOCTYPE html>'));
    assert.match(page, /size: A4 landscape/);
    assert.ok(page.includes('<header class="doc-title"><p>审核汇总</p></header>'));
    assert.ok(renderHtml(reviewSummaryDoc(rows, 'zh', '2024 年 <批次>')).includes('<p>2024 年 &lt;批次&gt;</p>'));
  });

  it('lists the rows in the order given with their rank, scores, difference, grade and counts', () => {
    const trs = bodyRows('ranking');
    assert.equal(trs.length, 4);
    trs.forEach((tr, i) => assert.ok(tr.includes(`>${i + 1}</td>`), `rank ${i + 1}`));
    assert.ok(trs[0]!.includes('教育局') && trs[1]!.includes('卫健委') && trs[2]!.includes('（未署名部门）') && trs[3]!.includes('broken.pdf'));
    assert.match(trs[0]!, /class="flagged"/, 'a document with errors is flagged');
    assert.doesNotMatch(trs[1]!, /flagged/);
    assert.ok(trs[0]!.includes('>7.5</td>'), 'self − recomputed = 7.5');
    assert.ok(trs[2]!.includes('>1.23</td>'), '18.43 − 17.2 = 1.23');
    assert.ok(trs[0]!.includes('>优</td>'));
    assert.ok(trs[1]!.includes('>—</td>'), 'no grade');
  });

  it('shows the failure message across the score columns', () => {
    const failed = bodyRows('ranking')[3]!;
    assert.ok(failed.includes('colspan="7">无法读取：文件已加密 &lt;encrypted&gt;</td>'), failed);
  });

  it('counts the totals', () => {
    const cells = [...table('totals').slice(table('totals').indexOf('<tbody>')).matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    assert.deepEqual(cells, [4, 1, 1, 2, 4]);
  });

  it('draws a bar per scored document as a share of its full marks', () => {
    const trs = bodyRows('chart');
    assert.equal(trs.length, 3, 'the failed file has no bar');
    assert.match(trs[0]!, /<div class="fill alert" style="width: 90.50%">/, 'errors: red');
    assert.match(trs[1]!, /<div class="fill muted" style="width: 95.00%">/, 'only a self-score: pale');
    assert.match(trs[2]!, /<div class="fill normal" style="width: 86.00%">/, '17.2 of 20');
    assert.ok(trs[2]!.includes('>17.2 / 20</td>'), 'full marks differ: shown with the score');
    const same = renderHtml(reviewSummaryDoc(rows.slice(0, 2), 'zh'));
    assert.ok(same.includes('>90.5</td>') && !same.includes('90.5 / 100'), 'one full mark: the score alone');
  });

  it('uses English labels for lang en', () => {
    const en = renderHtml(reviewSummaryDoc(rows, 'en'));
    assert.match(en, /<html lang="en">/);
    assert.ok(en.includes('Review summary') && en.includes('Recomputed') && en.includes('Warnings'));
    assert.ok(!en.includes('审核汇总'));
  });
});

describe('the batch review in a workbook and a DOCX', () => {
  const doc = reviewSummaryDoc(rows, 'zh');

  it('has a sheet each for totals, ranking and scores; figures are numbers; bars are drawn in their colour', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await renderXlsx(doc)).buffer);
    assert.deepEqual(wb.worksheets.map((s) => s.name), ['汇总', '排名', '得分一览']);
    const ranking = wb.getWorksheet('排名')!;
    assert.equal(ranking.getCell('F3').value, 90.5);
    assert.equal(ranking.getCell('G3').value, 7.5);
    const chart = wb.getWorksheet('得分一览')!;
    assert.equal(chart.getCell('D3').value, '█'.repeat(18), '90.5% of 20 units');
    assert.equal(chart.getCell('D3').font.color?.argb, 'FFC62828');
    assert.equal(chart.getCell('D5').value, '█'.repeat(17), '86% of 20 units');
  });

  it('draws each bar in the DOCX as a shaded cell of a nested table, as wide as its share', async () => {
    const xml = strFromU8(unzipSync(await renderDocx(doc))['word/document.xml']!);
    const nested = [...xml.matchAll(/<w:tc>(?:(?!<\/w:tc>)[\s\S])*?<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]!);
    assert.equal(nested.length, 3);
    const widths = nested.map((t) => [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1])));
    const share = (w: number[]) => w[0]! / (w[0]! + (w[1] ?? 0));
    assert.ok(Math.abs(share(widths[0]!) - 0.905) < 0.001, JSON.stringify(widths));
    assert.ok(Math.abs(share(widths[2]!) - 0.86) < 0.001);
    assert.match(nested[0]!, /w:fill="C62828"/);
    assert.match(nested[1]!, /w:fill="A9C1E0"/);
  });
});
