import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { recognizeKind } from './kinds.ts';
import { readText } from './readers/text.ts';
import { detectHeading, isValueCell, lineAt, segment } from './segment.ts';
import type { SourceDocument } from './source.ts';

const SEEDS = new URL('../../examples/seeds/', import.meta.url).pathname;
const seed = (id: string) => {
  const r = readText(readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(id))!)));
  if (!r.ok) throw new Error(id);
  return r.document;
};
const doc = (text: string): SourceDocument => ({ format: 'text', lines: text.split('\n').map((l, i) => ({ cells: l.split('\t'), loc: { line: i + 1 } })) });

test('headings by their numbering; a numbered paragraph of running text is not a heading', () => {
  assert.deepEqual(detectHeading('一、部门基本情况'), { level: 1, marker: '一、', title: '部门基本情况' });
  assert.equal(detectHeading('（二）年度总体工作和重点工作任务')?.level, 2);
  assert.equal(detectHeading('#### （四）部门整体收支情况')?.level, 2);
  assert.equal(detectHeading('1、加强安委办统筹协调指导力度。')?.level, 3);
  assert.equal(detectHeading('（1）绩效目标部分未量化')?.level, 4);
  assert.equal(detectHeading('1.负责应急管理工作，指导全区各部门、各街道应对安全生产类、自然灾害类等突发事件和综合防灾减灾救灾工作。负责安全生产综合监督管理。'), undefined);
  assert.equal(detectHeading('2.5%的增长'), undefined);
});

test('value cells are figures, not text that starts with one', () => {
  for (const v of ['3229.91', '92.94%', '785 场', '1.29 万家次', '≥2000家', '0件', '3,027.78']) assert.ok(isValueCell(v), v);
  for (const v of ['2022 年以来，我局扎实开展安全生产', '加强三防能力建设', '']) assert.ok(!isValueCell(v), v);
});

test('a sentence cut by a page break is one paragraph again', () => {
  const s = segment(seed('001'));
  const p = s.paragraphs.find((x) => x.text.includes('调整预算数4171.75'));
  assert.ok(p, 'the (四) paragraph is rejoined across the blank line');
  assert.equal(p.pieces.length, 2);
});

test('a table row split by a page break is rejoined cell by cell; value rows are not', () => {
  const s = segment(seed('000'));
  const form = s.tables[0]!;
  const task2 = form.rows.find((r) => r.cells.some((c) => c.startsWith('完成全区综合减灾社区创建任务')))!;
  assert.match(task2.cells.find((c) => c.startsWith('完成全区综合减灾'))!, /“十个有”建设任务$/);
  assert.ok(task2.lines.length > 1);
  // 001 table 3: rows after a page break with their own figures stay rows.
  const t3 = segment(seed('001')).tables.find((t) => t.caption?.startsWith('表 3'))!;
  assert.equal(t3.rows.filter((r) => r.cells.some((c) => c === '三公经费')).length, 3);
  assert.match(t3.unitNotes.join(''), /项目支出：元/);
});

test('the four layouts are recognised by structure; other text is unknown', () => {
  const kinds = ['000', '001', '002', '003', '004'].map((id) => {
    const s = segment(seed(id));
    return recognizeKind(s.lines.map((l) => l.cells.join('')).join('').replace(/\s+/g, '')).spec.id;
  });
  assert.deepEqual(kinds, ['gz-form', 'gz-report', 'gz-form', 'framework-report', 'longgang-report']);
  assert.equal(recognizeKind('本单位2024年预算收入100万元，支出90万元。').spec.id, 'unknown');
});

test('fuzz: segmentation never throws, keeps every line, and every table row points at real lines', () => {
  const line = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('', '一、部门基本情况', '（一）职能', '1.负责', '任务1\t内容\t完成\t指标\t100%\t5.5', '\t\t续行文字没有结束', '\t3229.91\t92.94%', '表 2：经济分类', '单位：万元', '合计\t100', '-- \t --', '# 标题', '\f'),
  );
  let runs = 0;
  fc.assert(
    fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
      runs++;
      const d = doc(lines.join('\n'));
      const s = segment(d);
      if (s.lines.length !== d.lines.length) return false;
      return s.tables.every((t) => t.rows.every((r) => r.lines.every((i) => i >= 0 && i < s.lines.length)));
    }),
    { numRuns: 4000 },
  );
  assert.equal(runs, 4000);
});

test('a paragraph joined from 20,000 lines gives each figure its own source line', () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `开展检查 ${i} 次`);
  const seg = segment({ format: 'text', lines: lines.map((t, i) => ({ cells: [t], loc: { line: i + 1 } })) });
  assert.equal(seg.paragraphs.length, 1);
  const p = seg.paragraphs[0]!;
  assert.equal(p.pieces.length, 20_000);
  for (let i = 0; i < p.pieces.length; i += 1) {
    const piece = p.pieces[i]!;
    assert.equal(lineAt(p, piece.offset), piece.line);
    assert.equal(lineAt(p, piece.offset + 3), piece.line);
  }
  assert.equal(lineAt(p, p.text.length + 5), p.pieces[p.pieces.length - 1]!.line);
});
