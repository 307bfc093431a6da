/**
 * The project-form template: the national 项目支出绩效自评表 written from the invented example, then read back by the
 * importer from the generated DOCX and XLSX — the same project figures must come back (a round trip).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { computeAll } from '../../core/compute/compute.ts';
import { type Exact, toPlainString } from '../../core/exact.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { ProjectEvaluation } from '../../core/model/project.ts';
import { summarize } from '../../core/summary.ts';
import { loadEvaluationText } from '../../ingest/evaluation-file.ts';
import { importDocument } from '../../ingest/import.ts';
import { cellText, layoutGrid } from '../doc.ts';
import { renderDocx } from '../docx.ts';
import { renderHtml } from '../html.ts';
import { renderXlsx } from '../xlsx.ts';
import { TEMPLATES_BY_ID, defaultTemplate } from './index.ts';
import { projectForm } from './project-form.ts';
import type { RenderResult } from './types.ts';

const EXAMPLE = join(import.meta.dirname, '../../../examples/project-form-example.yaml');

function loadExample(): Evaluation {
  const r = loadEvaluationText(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.evaluation;
}

const ex = (x: Exact | undefined) => (x === undefined ? null : toPlainString(x));
const money = (m: { value: Exact; unit: string } | undefined) => (m ? `${toPlainString(m.value)} ${m.unit}` : null);

/** The figures of a project that a round trip must keep, as plain text. */
function figuresOf(p: ProjectEvaluation | undefined): unknown {
  assert.ok(p, 'a project');
  const line = (k: 'total' | 'currentYear' | 'carriedOver' | 'other') => {
    const l = p.funds?.[k];
    return { initial: money(l?.initialBudget), adjusted: money(l?.adjustedBudget), actual: money(l?.actualSpending), weight: ex(l?.weight), score: ex(l?.score) };
  };
  return {
    name: p.name,
    department: p.department ?? null,
    implementingUnit: p.implementingUnit ?? null,
    funds: { total: line('total'), currentYear: line('currentYear'), carriedOver: line('carriedOver'), other: line('other') },
    overallTarget: p.overallTarget ?? null,
    overallResult: p.overallResult ?? null,
    indicators: (p.indicators ?? []).map((i) => [i.level1 ?? null, i.level2 ?? null, i.name, i.target ?? null, i.actual ?? null, ex(i.weight), ex(i.score), i.deviationReason ?? null]),
    total: ex(p.total),
    max: ex(p.max),
    grade: p.grade ?? null,
  };
}

let e: Evaluation;
let built: RenderResult;

before(() => {
  e = loadExample();
  built = projectForm.build({ evaluation: e, figures: computeAll(e) });
});

describe('project-form template', () => {
  test('is registered and is the default for a project form', () => {
    assert.equal(TEMPLATES_BY_ID.get('project-form'), projectForm);
    assert.equal(defaultTemplate(e), projectForm);
  });

  test('lays out the national form: funds header, the four fund rows, indicator header, 总分; no notice for consistent data', () => {
    assert.deepEqual(built.notices, []);
    const block = built.doc.blocks.find((b) => b.kind === 'table');
    assert.ok(block && block.kind === 'table');
    const grid = layoutGrid(block.table);
    const rowText = (r: number) => grid.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col).map((c) => cellText(c.cell.value));
    const rows = [...new Set(grid.cells.map((c) => c.row))].map(rowText);
    assert.ok(grid.cells.every((c) => c.col + (c.cell.colSpan ?? 1) <= 9), 'nine grid columns');
    assert.deepEqual(rows[2], ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
    assert.deepEqual(rows[3], ['年度资金总额', '200.00', '240.00', '216.00', '10', '90.00%', '9.00']);
    assert.deepEqual(rows[4], ['其中：当年财政拨款', '200.00', '220.00', '200.00', '—', '90.91%', '—']);
    assert.deepEqual(rows[6], ['其他资金', '0.00', '0.00', '0.00', '—', '—', '—'], 'a zero budget has no rate');
    assert.deepEqual(rows.at(-1), ['总分', '100', '95.67', '自评等级：优']);
  });

  test('says where a figure is written by the rule because the evaluation left it empty', () => {
    const p = e.project!;
    const { score: _s, ...total } = p.funds!.total!;
    const gap: Evaluation = { ...e, project: { ...p, funds: { ...p.funds, total }, total: undefined as never } };
    delete (gap.project as { total?: unknown }).total;
    const r = projectForm.build({ evaluation: gap, figures: [] });
    assert.deepEqual(r.notices.map((n) => n.kind), ['needs-input', 'needs-input']);
    assert.match(r.notices[0]!.message.zh, /执行率得分未填.*9\.00/);
    assert.match(r.notices[1]!.message.zh, /总分未填.*95\.67/);
  });

  test('HTML shows the form', () => {
    const html = renderHtml(built.doc);
    for (const w of ['项目支出绩效自评表', '（2023年度）', '年度资金总额', '偏差原因分析及改进措施', '渠道清淤长度', '95.67']) assert.ok(html.includes(w), w);
  });
});

describe('project-form round trip: the importer reads the generated files back into the same project', () => {
  for (const [format, render] of [
    ['docx', renderDocx],
    ['xlsx', renderXlsx],
  ] as const) {
    test(`${format}`, async () => {
      const bytes = await render(built.doc);
      const r = await importDocument(bytes, `项目自评.${format}`);
      assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
      assert.equal(r.report.kind.id, 'project-form');
      assert.deepEqual(r.report.missing, []);
      assert.ok(r.evaluation, JSON.stringify(r.report.warnings));
      const back = r.evaluation;
      assert.equal(back.year, 2023);
      assert.equal(back.department.name, e.department.name);
      assert.deepEqual(figuresOf(back.project), figuresOf(e.project));
      // The printed rates come back as the form shows them.
      assert.equal(back.project?.funds?.total?.printed?.['executionRate']?.text, '90.00%');
      assert.equal(back.project?.funds?.carriedOver?.printed?.['executionRate']?.text, '80.00%');
      // And the summary measures it like the example.
      const a = summarize(back);
      const b = summarize(e);
      assert.deepEqual({ ...a.budget, ...a.printedRates, n: a.indicators.length, s: a.selfScore }, { ...b.budget, ...b.printedRates, n: b.indicators.length, s: b.selfScore });
    });
  }
});
