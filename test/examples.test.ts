/**
 * The seeds as examples: each printed rate that is right is reproduced, each wrong one is marked, and the
 * Longgang scorecard recomputes as the issue requires. Expected values were read off the seed documents.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ComputedFigure, computeAll } from '../src/core/compute/compute.ts';
import { toPercent, toPlainString } from '../src/core/exact.ts';
import { leavesOf, scoreEvaluation } from '../src/core/rubric/engine.ts';
import { cliJson, exampleFile, loadExample, loadRubric } from './helpers.ts';

function figures(prefix: string): ComputedFigure[] {
  return computeAll(loadExample(prefix));
}

/** Printed values that the computation reproduces, as "family@subject-path" → printed text. */
function matched(fs: readonly ComputedFigure[]): string[] {
  return fs.filter((f) => f.comparison === 'match' && f.printed).map((f) => f.printed!.text);
}

function find(fs: readonly ComputedFigure[], family: string, subjectPath: string): ComputedFigure {
  const f = fs.find((x) => x.family === family && x.subject.path.join('.') === subjectPath);
  assert.ok(f, `no ${family} at ${subjectPath}`);
  return f;
}

const pct = (f: ComputedFigure) => (f.outcome.kind === 'value' ? toPercent(f.outcome.value) : 'n/a');

describe('example 000 (Guangzhou form 2022)', () => {
  const fs = figures('000');
  test('reproduces the printed 预算完成率 92.94% and 预算调整率 15.74% with the Guangzhou-form variants', () => {
    const exec = find(fs, 'executionRate', 'budget');
    assert.equal(pct(exec), '92.94%');
    assert.equal(exec.comparison, 'match');
    const adj = find(fs, 'adjustmentRate', 'budget');
    assert.equal(pct(adj), '15.74%');
    assert.equal(adj.variant, 'gzForm');
    assert.equal(adj.comparison, 'match');
  });
});

describe('example 002 (Guangzhou form 2021, OCR)', () => {
  const fs = figures('002');
  test('reproduces 99.66% and 14.30% from 年度预算调整数', () => {
    assert.equal(pct(find(fs, 'executionRate', 'budget')), '99.66%');
    assert.equal(pct(find(fs, 'adjustmentRate', 'budget')), '14.30%');
    assert.deepEqual(
      fs.filter((f) => f.printed).map((f) => f.comparison),
      ['match', 'match'],
    );
  });
});

describe('example 001 (Guangzhou report 2023)', () => {
  const fs = figures('001');
  test('reproduces 97.12%, 96.98%, 25.22% and the 72.27% / 27.73% split', () => {
    assert.equal(pct(find(fs, 'executionRate', 'budget')), '97.12%');
    assert.equal(pct(find(fs, 'executionRate', 'budget.fundSources.0')), '96.98%');
    assert.equal(pct(find(fs, 'growthRate', 'budget')), '25.22%');
    assert.equal(pct(find(fs, 'share', 'budget.basic')), '72.27%');
    assert.equal(pct(find(fs, 'share', 'budget.project')), '27.73%');
    for (const p of ['97.12%', '96.98%', '25.22%', '72.27%', '27.73%']) assert.ok(matched(fs).includes(p), p);
  });
  test('reproduces every 支出率 of the 32 project rows of table 3 and its total', () => {
    const rows = fs.filter((f) => f.family === 'executionRate' && f.subject.path[0] === 'projects' && f.subject.path[1] === 'rows');
    assert.equal(rows.length, 32);
    for (const r of rows) assert.equal(r.comparison, 'match', `${r.subject.label.zh}: ${pct(r)} vs ${r.printed?.text}`);
    assert.equal(find(fs, 'executionRate', 'projects.total').comparison, 'match');
  });
  test('reproduces every shown 支出率 of the basic-expenditure blocks except 0/0 rows printed as 0%', () => {
    const basic = fs.filter((f) => f.family === 'executionRate' && f.subject.path[0] === 'basicExpenditure' && f.printed);
    assert.ok(basic.length >= 12);
    for (const f of basic) {
      if (f.outcome.kind === 'not-applicable') assert.equal(f.comparison, 'printed-not-applicable', f.subject.label.zh);
      else assert.equal(f.comparison, 'match', `${f.subject.label.zh}: ${pct(f)} vs ${f.printed?.text}`);
    }
  });
  test('reproduces every share of table 2 (economic classification)', () => {
    const shares = fs.filter((f) => f.family === 'share' && f.subject.path[0] === 'economicClassification' && f.printed);
    assert.equal(shares.length, 10);
    for (const f of shares) assert.equal(f.comparison, 'match', f.subject.label.zh);
  });
  test('marks the 森防办 total row whose 调整后 is not 年初 + 调增 − 调减', () => {
    const f = find(fs, 'adjustedBudget', 'basicExpenditure.byUnit.1.total');
    assert.equal(f.comparison, 'differs');
  });
});

describe('example 004 (Longgang report 2020)', () => {
  const fs = figures('004');
  test('reproduces 97.35%, 7.78%, 71.62%, 96.83%, 28.57% and 95.55%', () => {
    assert.equal(pct(find(fs, 'executionRate', 'budget')), '97.35%');
    const adj = find(fs, 'adjustmentRate', 'budget');
    assert.equal(pct(adj), '7.78%');
    assert.equal(adj.variant, 'longgang');
    assert.equal(pct(find(fs, 'threePublicControlRate', 'basicExpenditure.department.threePublicExpenses')), '71.62%');
    assert.equal(pct(find(fs, 'routineOperatingControlRate', 'basicExpenditure.department.routineOperating')), '96.83%');
    assert.equal(pct(find(fs, 'offEstablishmentControlRate', 'management.staffing')), '28.57%');
    assert.equal(pct(find(fs, 'executionRate', 'projects.total')), '95.55%');
    for (const p of ['97.35%', '7.78%', '71.62%', '96.83%', '28.57%', '95.55%']) assert.ok(matched(fs).includes(p), p);
  });
  test('marks the wrong 政府采购执行率: printed 90.81%, computed 110.12%', () => {
    const f = find(fs, 'procurementExecutionRate', 'management.procurement');
    assert.equal(f.comparison, 'differs');
    assert.equal(f.printed?.text, '90.81%');
    assert.equal(pct(f), '110.12%');
  });
  test('finds no other printed value wrong', () => {
    assert.deepEqual(
      fs.filter((f) => f.comparison === 'differs').map((f) => f.family),
      ['procurementExecutionRate'],
    );
  });

  test('scores 95.68 self and 93.86 computed, procurement 0 against 1.82, tier items equal to self', () => {
    const report = scoreEvaluation(loadExample('004'), loadRubric('longgang-2020'));
    assert.equal(toPlainString(report.total.self!), '95.68');
    assert.equal(toPlainString(report.total.computed), '93.86');
    const leaves = leavesOf(report.items);
    const byName = (n: string) => {
      const l = leaves.find((x) => x.path[x.path.length - 1] === n);
      assert.ok(l, n);
      return l;
    };
    const proc = byName('政府采购执行率');
    assert.equal(toPlainString(proc.self!), '1.82');
    assert.equal(toPlainString(proc.computed!), '0');
    assert.equal(proc.verifiable, true);
    for (const n of ['固定资产利用率', '财政供养人员控制率', '编外人员控制率', '公用经费控制率']) {
      const l = byName(n);
      assert.equal(l.verifiable, true, n);
      assert.equal(toPlainString(l.computed!), toPlainString(l.self!), n);
    }
    assert.equal(report.grade.computed?.zh, '优');
    assert.deepEqual(report.problems, []);
  });

  test('score --json has the documented shape', async () => {
    const { code, json } = (await cliJson<{
      rubric: string;
      items: { path: string[]; weight: string; self: string | null; computed: string | null; verifiable: boolean }[];
      total: { weight: string; self: string; computed: string };
      grade: string;
    }>('score', exampleFile('004')));
    assert.equal(code, 0);
    assert.equal(json.rubric, 'longgang-2020');
    assert.equal(json.total.weight, '100');
    assert.equal(json.total.self, '95.68');
    assert.ok(Number(json.total.computed) <= 93.86);
    assert.equal(json.grade, '优');
    const proc = json.items.find((i) => i.path.at(-1) === '政府采购执行率');
    assert.deepEqual(proc, { ...proc, path: ['部门管理', '资金管理', '政府采购执行率'], weight: '2', self: '1.82', computed: '0', verifiable: true });
    assert.equal(json.items.length, 21);
  });
});

describe('every example', () => {
  for (const prefix of ['000', '001', '002', '003', '004']) {
    test(`${prefix} validates, computes and scores against its own rubric`, () => {
      const e = loadExample(prefix);
      assert.ok(e.rubric);
      const report = scoreEvaluation(e, loadRubric(e.rubric));
      assert.ok(report.items.length > 0);
      assert.ok(computeAll(e).length > 0);
    });
  }
});
