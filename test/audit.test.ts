/**
 * The audit: on each seed exactly the reviewed findings (test/fixtures/findings/), the --json shape, exit codes,
 * a document without figures, bad input, evaluation files located by line, the batch summary; and the rules
 * themselves on small made-up evaluations, so that each can be seen to fail.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { audit } from '../src/core/audit/index.ts';
import { passagesOf } from '../src/core/audit/context.ts';
import type { Evaluation } from '../src/core/model/evaluation.ts';
import { parseEvaluation } from '../src/core/model/parse.ts';
import { type AuditReportJson, auditFile } from '../src/ingest/audit-file.ts';
import { ROOT, cliAsync, exampleFile, loadRubric } from './helpers.ts';

const SEEDS = join(ROOT, 'examples', 'seeds');
const seedFile = (n: string) => join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(n))!);

interface Expected {
  readonly rule: string;
  readonly includes: readonly string[];
}

function matches(f: { rule: string; message: string; printed: string | null; computed: string | null }, x: Expected): boolean {
  const text = `${f.message} ${f.printed ?? ''} ${f.computed ?? ''}`;
  return f.rule === x.rule && x.includes.every((s) => text.includes(s));
}

describe('audit on the seeds: the reviewed findings, no more', () => {
  for (const n of ['000', '001', '002', '003', '004']) {
    it(`seed ${n}`, async () => {
      const fixture = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'findings', `${n}.json`), 'utf8')) as { findings: Expected[] };
      const r = await auditFile(seedFile(n), { lang: 'zh' });
      assert.ok(r.ok);
      const found = r.findings;
      for (const x of fixture.findings) assert.ok(found.some((f) => matches(f, x)), `${n}: expected ${x.rule} ${x.includes.join(' ')} not found`);
      const unexpected = found.filter((f) => !fixture.findings.some((x) => matches(f, x)));
      assert.deepEqual(unexpected.map((f) => `${f.rule}: ${f.message}`), [], `${n}: findings nobody reviewed`);
      // Every finding names where it is.
      for (const f of found) if (f.rule !== 'required-missing' && f.rule !== 'key-project-rule') assert.ok(f.locations.some((l) => l.line !== undefined && l.text), `${n}: ${f.rule} has no located source text`);
    });
  }

  it('the DOCX rendering of a seed gives the same rules as its text', async () => {
    const docx = join(ROOT, 'test', 'fixtures', 'documents', 'seed-004.docx');
    const a = await auditFile(docx, { lang: 'zh' });
    const b = await auditFile(seedFile('004'), { lang: 'zh' });
    assert.ok(a.ok && b.ok);
    assert.deepEqual(a.findings.map((f) => f.rule).sort(), b.findings.map((f) => f.rule).sort());
  });
});

describe('jixiao audit (CLI)', () => {
  it('--json has the documented shape and exit code 3 on errors', async () => {
    const r = await cliAsync('audit', seedFile('004'), '--json');
    assert.equal(r.code, 3);
    const j = JSON.parse(r.out) as AuditReportJson;
    assert.equal(j.documentKind, 'longgang-report');
    assert.equal(j.file, seedFile('004'));
    const f = j.findings.find((x) => x.rule === 'rate-mismatch')!;
    assert.deepEqual(Object.keys(f).sort(), ['category', 'computed', 'formula', 'locations', 'message', 'printed', 'rule', 'severity', 'title'].sort());
    assert.equal(f.severity, 'error');
    assert.equal(f.category, 'arithmetic');
    assert.equal(f.printed, '90.81%');
    assert.equal(f.computed, '110.12%');
    assert.ok(f.locations[0]!.section?.includes('政府采购'));
    assert.ok(f.locations[0]!.text?.includes('90.81'));
  });

  it('--lang en speaks English', async () => {
    const r = await cliAsync('audit', seedFile('004'), '--lang', 'en');
    assert.equal(r.code, 3);
    assert.match(r.out, /the printed value inverts numerator and denominator/);
  });

  it('exit 0 without error findings; a document with no figures gives one info finding', async () => {
    const r = await cliAsync('audit', join(ROOT, 'test', 'fixtures', 'documents', 'bad', 'no-figures.txt'), '--json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as AuditReportJson;
    assert.deepEqual(j.findings.map((f) => [f.rule, f.severity]), [['no-figures', 'info']]);
  });

  it('bad input: a clear message and exit 2, never a crash', async () => {
    const r = await cliAsync('audit', join(ROOT, 'test', 'fixtures', 'documents', 'bad', 'empty.txt'));
    assert.equal(r.code, 2);
    assert.match(r.err, /empty\.txt/);
    const missing = await cliAsync('audit', 'no/such/file.docx');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /找不到/);
  });

  it('an evaluation file: findings point at its lines', async () => {
    const r = await cliAsync('audit', exampleFile('004'), '--json');
    assert.equal(r.code, 3);
    const j = JSON.parse(r.out) as AuditReportJson;
    const f = j.findings.find((x) => x.rule === 'score-not-allowed')!;
    assert.ok(f.locations[0]!.line! > 0);
  });

  it('--summary ranks a folder (table, JSON and HTML)', async () => {
    const r = await cliAsync('audit', SEEDS, '--summary', '--json');
    assert.equal(r.code, 3);
    const j = JSON.parse(r.out) as { documents: number; rows: { rank: number; department: string | null; errors: number; computedScore: string | null }[] };
    assert.equal(j.documents, 5);
    assert.deepEqual(j.rows.map((x) => x.rank), [1, 2, 3, 4, 5]);
    assert.equal(j.rows[0]!.computedScore, '93.86');
    const table = await cliAsync('audit', SEEDS, '--summary');
    assert.match(table.out, /深圳市龙岗区应急管理局/);
    assert.match(table.out, /共 5 份/);
    const html = await cliAsync('audit', SEEDS, '--summary', '--format', 'html');
    assert.match(html.out, /^<!DOCTYPE html>/);
  });

  it('--format html: the review letter of one document', async () => {
    const r = await cliAsync('audit', seedFile('000'), '--format', 'html');
    assert.equal(r.code, 0);
    assert.match(r.out, /^<!DOCTYPE html>/);
    assert.ok(r.out.includes('启动应急响应'));
  });
});

function evaluation(data: Record<string, unknown>): Evaluation {
  const r = parseEvaluation({ department: { name: '测试局' }, year: 2024, ...data });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const rules = (e: Evaluation, extra: Partial<Parameters<typeof audit>[0]> = {}) => audit({ evaluation: e, ...extra }).findings.map((f) => f.rule);

describe('audit rules on made-up evaluations', () => {
  it('rate-mismatch: a wrong rate is an error, any variant that matches clears it', () => {
    const base = { budget: { initialBudget: 1000, adjustedBudget: 800, actualSpending: 760 } };
    assert.deepEqual(rules(evaluation({ ...base, budget: { ...base.budget, printed: { executionRate: '95.00%' } } })), []);
    const wrong = audit({ evaluation: evaluation({ ...base, budget: { ...base.budget, printed: { executionRate: '105.26%' } } }) }).findings;
    assert.equal(wrong[0]?.rule, 'rate-mismatch');
    assert.match(wrong[0]!.message.zh, /颠倒/);
    // Initial 800, adjusted 1000: the Guangzhou rule gives 25%, the Longgang one 20%.
    const gz = (rate: string) =>
      rules(evaluation({ documentKind: 'gz-form', budget: { initialBudget: 800, adjustedBudget: 1000, actualSpending: 950, printed: { adjustmentRate: rate } } })).filter((r) => r !== 'key-project-rule');
    assert.deepEqual(gz('25.00%'), []);
    assert.deepEqual(gz('20.00%'), ['rate-variant']);
    assert.deepEqual(gz('22.00%'), ['rate-mismatch']);
  });

  it('total-mismatch allows the rounding of the rows, not more', () => {
    const rows = [{ name: 'a', actualSpending: '1.01' }, { name: 'b', actualSpending: '1.01' }, { name: 'c', actualSpending: '1.01' }];
    const ok = evaluation({ economicClassification: { unit: '万元', rows, total: { actualSpending: '3.04' } } });
    assert.ok(!rules(ok).includes('total-mismatch'));
    const bad = evaluation({ economicClassification: { unit: '万元', rows, total: { actualSpending: '3.10' } } });
    assert.ok(rules(bad).includes('total-mismatch'));
  });

  it('fact-conflict: the same count in two places, not siblings of one list nor different things', () => {
    const e = evaluation({ overallResult: '全区共启动应急响应 61 次，处置警情 120 宗。', performanceNarrative: '本年度全区共启动应急响应 62 次。' });
    const f = audit({ evaluation: e }).findings.filter((x) => x.rule === 'fact-conflict');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.locations.length, 2);
    assert.deepEqual(rules(evaluation({ overallResult: '全区共启动应急响应 61 次。', performanceNarrative: '全区共启动应急响应 61 次。' })), []);
    assert.deepEqual(rules(evaluation({ overallResult: '经济效益指标 2 个、社会效益指标 4 个。', performanceNarrative: '其中经济效益指标 2 个，社会效益指标 4 个。' })), []);
    assert.deepEqual(rules(evaluation({ overallResult: '检查企业 500 家次。', performanceNarrative: '培训人员 510 人次。' })), []);
    // Other periods are not this year's figure.
    assert.deepEqual(rules(evaluation({ overallResult: '全区共启动应急响应 61 次。', performanceNarrative: '去年同期全区共启动应急响应 40 次。' })), []);
  });

  it('change-rate-mismatch: a stated change against the two counts', () => {
    assert.deepEqual(rules(evaluation({ overallResult: '全年共接火警 18 起，同比下降 25.0%（去年同期 24 起）。' })), []);
    assert.deepEqual(rules(evaluation({ overallResult: '全年共接火警 18 起，同比下降 29.2%（去年同期 24 起）。' })), ['change-rate-mismatch']);
  });

  it('rubric: above the weight, and above what the data allows', () => {
    const rubric = loadRubric('longgang-2020');
    const e = evaluation({
      rubric: 'longgang-2020',
      management: { procurement: { budget: 100, actual: 120 } },
      selfScores: { items: [{ item: '政府采购执行率', score: '1.5' }, { item: '固定资产利用率', score: '3' }] },
    });
    const found = rules(e, { rubric });
    assert.ok(found.includes('score-not-allowed'));
    assert.ok(found.includes('score-above-weight'));
  });

  it('national warnings: unspent over 20%, adjustment over 30%', () => {
    const found = rules(evaluation({ budget: { initialBudget: 1000, adjustedBudget: 1400, actualSpending: 1000 } }));
    assert.ok(found.includes('unspent-share'));
    assert.ok(found.includes('adjustment-over-30'));
    assert.deepEqual(rules(evaluation({ budget: { initialBudget: 1000, adjustedBudget: 1000, actualSpending: 980 } })), []);
  });

  it('an evaluation file without imported passages still has its narrative compared', () => {
    const e = evaluation({ overallResult: '全区共启动应急响应 61 次。' });
    assert.equal(passagesOf(e).length, 1);
  });
});

describe('audit rules are documented', () => {
  it('every rule has Chinese and English titles and descriptions, and docs/audit.md lists it', async () => {
    const { RULES } = await import('../src/core/audit/index.ts');
    const doc = readFileSync(join(ROOT, 'docs', 'audit.md'), 'utf8');
    assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
    for (const r of RULES) {
      assert.ok(r.title.zh && r.title.en && r.description.zh && r.description.en, r.code);
      assert.ok(doc.includes(`\`${r.code}\``), `docs/audit.md lacks ${r.code} (run npm run docs)`);
    }
  });
});
