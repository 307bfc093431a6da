/**
 * Import on inputs that were quadratic or that are not figures: a form table of 20,000 rows, each cell's passage
 * told a target or a result by its row and column (found by index, not by a search per cell); a number of thousands
 * of digits in a document, left out with a warning that says where.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importDocument } from './import.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('import', () => {
  it('a table of 20,000 rows: every cell is a passage, the targets under a target header and only those', async () => {
    const n = 20_000;
    const rows = Array.from({ length: n }, (_, i) => `执法检查${i}\t≥${2000 + i}家\t${2100 + i}家`);
    const text = `2023 年度某区应急管理局部门整体支出绩效自评表\n\n表 1：绩效指标\n指标\t年度指标值\t实际完成值\n${rows.join('\n')}\n`;
    const r = await importDocument(encode(text), 'table.txt');
    assert.ok(r.ok);
    const cells = r.report.passages.filter((p) => /^(?:执法检查\d+|≥\d+家|\d+家)$/.test(p.text));
    assert.equal(cells.length, 3 * n);
    // A target cell is one under the 年度指标值 header, within the 40 rows the header is looked for.
    const targets = cells.filter((p) => p.isTarget).map((p) => p.text);
    assert.deepEqual(targets, Array.from({ length: 40 }, (_, i) => `≥${2000 + i}家`));
    assert.equal(cells[cells.length - 1]!.text, `${2100 + n - 1}家`);
  });

  it('年度绩效目标 | 预期目标 | 实际完成情况: the 预期目标 cell is a target, the 实际完成情况 cell a result although its row is labelled 年度绩效目标', async () => {
    const text = [
      '项目支出绩效自评表',
      '（2022年度）',
      '项目名称\t某某补助资金',
      '主管部门\t某县某局\t实施单位\t某县某中心',
      '\t预期目标\t实际完成情况',
      '年度绩效目标\t完成某某任务120项，预算220.00万元。\t全年执行资金210.37万元，完成某某任务118项。',
    ].join('\n');
    const r = await importDocument(encode(text), 'goals.txt');
    assert.ok(r.ok);
    const cell = (start: string) => r.report.passages.find((p) => p.text.startsWith(start));
    assert.equal(cell('完成某某任务120项')?.isTarget, true);
    assert.equal(cell('全年执行资金')?.isTarget ?? false, false);
  });

  it('a figure of 10,000 digits is not read as a figure: left out, with a warning naming its line', async () => {
    const huge = `3${'0'.repeat(10_000)}.78`;
    const text = `2023 年度某区应急管理局部门整体支出绩效自评报告\n\n一、部门基本情况\n\n2023年本单位预算收入 ${huge} 万元，调整预算数 4171.75 万元。\n\n表 1：预算\n项目\t金额（万元）\n基本支出\t${huge}\n`;
    const r = await importDocument(encode(text), 'long.txt');
    assert.ok(r.ok);
    const warnings = r.report.warnings.filter((w) => w.code === 'import-number-too-long');
    assert.deepEqual(warnings.map((w) => [w.line, w.params['whole'], w.params['decimals']]), [
      [5, 10_001, 2],
      [9, 10_001, 2],
    ]);
    assert.ok(String(warnings[0]!.params['got']).length < 40);
    // No value holds it (a source's text, an excerpt of the sentence, may show part of it).
    const values: string[] = [];
    JSON.stringify(r.data, (k, v: unknown) => (k === 'value' && typeof v === 'string' && values.push(v), v));
    assert.ok(values.includes('4171.75'));
    assert.ok(values.every((v) => v.length < 40), values.join(' '));
    assert.ok(r.report.facts.every((f) => f.printed.length < 40));
    assert.ok(r.report.passages.every((p) => p.facts.every((f) => f.printed.length < 40)));
  });

  it('more lines of overlong numbers than warnings allowed: the last warning counts the rest', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `第${i + 1}行 ${'9'.repeat(50)} 元。`);
    const r = await importDocument(encode(`某局自评报告\n\n${lines.join('\n\n')}\n`), 'many.txt');
    assert.ok(r.ok);
    const codes = r.report.warnings.map((w) => w.code).filter((c) => c.startsWith('import-number'));
    assert.equal(codes.length, 20);
    assert.equal(codes[19], 'import-numbers-too-long');
    assert.equal(r.report.warnings.find((w) => w.code === 'import-numbers-too-long')!.params['more'], 10);
  });
});
