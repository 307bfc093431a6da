/**
 * The evaluation year at import: a year printed anywhere is taken (inferred ones said to be so in the report), so
 * `jixiao summary` shows what was found; only a document that prints no year at all is refused, with a message
 * that says how to add it. Invented documents; figures and names are made up.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatProblem } from '../core/messages.ts';
import { summarize } from '../core/summary.ts';
import { loadedFromOutcome } from './document-file.ts';
import { importDocument } from './import.ts';

const bytes = (...lines: string[]) => new TextEncoder().encode(lines.join('\n'));

/** A prose report whose title prints no year; its budget sentence is one the importer reads. */
const PROSE = (opening: string) => [
  '样例县交通运输局样例资金项目绩效自评总结报告',
  opening,
  '一、绩效目标完成情况',
  '全年预算120万元，全年执行114万元，预算执行率95%。',
];

describe('import: the year', () => {
  it('a year only in the opening sentence: the evaluation is made, the figures kept, and the report says the year was inferred and from where', async () => {
    const r = await importDocument(bytes(...PROSE('为做好样例资金绩效管理工作，现将2022年样例资金项目绩效自评情况报告如下：')), '样例.txt');
    assert.ok(r.ok);
    assert.ok(r.evaluation, 'an evaluation, not a refusal');
    assert.equal(r.evaluation.year, 2022);
    assert.equal(summarize(r.evaluation).budget.actual, '114');
    const note = r.report.warnings.find((w) => w.code === 'year-inferred');
    assert.ok(note);
    assert.equal(note.line, 2);
    assert.match(formatProblem(note, 'zh'), /第 2 行“.*现将2022年.*”推定为 2022 年/);
    assert.match(formatProblem(note, 'en'), /2022 was inferred from line 2/);
    assert.ok(!r.report.warnings.some((w) => w.code === 'year-not-in-document'));
  });

  it('no year anywhere: refused as before, with a message that says how to add one (jixiao import, then year: in the YAML)', async () => {
    const r = await importDocument(bytes(...PROSE('为做好样例资金绩效管理工作，现将本年度样例资金项目绩效自评情况报告如下：')), '样例.txt');
    assert.ok(r.ok);
    assert.equal(r.evaluation, undefined);
    const loaded = loadedFromOutcome(r);
    assert.ok(!loaded.ok);
    const p = loaded.problems.find((x) => x.code === 'year-not-in-document');
    assert.ok(p, JSON.stringify(loaded.problems.map((x) => x.code)));
    assert.match(formatProblem(p, 'zh'), /jixiao import.*year: 2023/);
    assert.match(formatProblem(p, 'en'), /jixiao import.*year: 2023/);
  });
});
