/**
 * jixiao render end to end: every example in all four formats, the files opened again (our DOCX and XLSX readers,
 * exceljs, pdftotext, LibreOffice), the round trip through import, and the generated sentences agreeing with the
 * tables they restate.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { readDocument } from '../src/ingest/readers/read.ts';
import { ROOT, cliAsync, exampleFile } from './helpers.ts';

const OUT = mkdtempSync(join(tmpdir(), 'jixiao-render-'));
const EXAMPLES = ['000', '001', '002', '003', '004'] as const;
const TEMPLATE_OF: Record<(typeof EXAMPLES)[number], string> = { '000': 'gz-form', '001': 'gz-report', '002': 'gz-form', '003': 'gz-report', '004': 'gz-report' };
const FORMATS = ['docx', 'xlsx', 'pdf', 'html'] as const;

const outFile = (prefix: string, template: string, ext: string) => join(OUT, `${basename(exampleFile(prefix), '.yaml')}.${template}.${ext}`);

function tool(name: string, pkg: string): void {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
  } catch {
    assert.fail(`${name} is missing: apt-get install ${pkg} (or bash scripts/install-system-deps.sh)`);
  }
}

function pdfText(file: string): string {
  tool('pdftotext', 'poppler-utils');
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function lines(file: string): Promise<string[][]> {
  const r = await readDocument(new Uint8Array(readFileSync(file)), file);
  assert.ok(r.ok, `${file} reads back`);
  return r.document.lines.map((l) => [...l.cells]);
}

async function summaryJson(file: string): Promise<Record<string, unknown>> {
  const r = await cliAsync('summary', file, '--json');
  assert.equal(r.code, 0, r.out + r.err);
  return JSON.parse(r.out) as Record<string, unknown>;
}

before(async () => {
  for (const p of EXAMPLES) {
    const r = await cliAsync('render', exampleFile(p), '--format', 'all', '-o', `${OUT}/`);
    assert.equal(r.code, 0, `render ${p}: ${r.out}\n${r.err}`);
  }
  for (const t of ['scorecard', 'review']) {
    const r = await cliAsync('render', exampleFile('004'), '--template', t, '--format', 'all', '-o', `${OUT}/`);
    assert.equal(r.code, 0, `render 004 ${t}: ${r.out}\n${r.err}`);
  }
});
after(() => rmSync(OUT, { recursive: true, force: true }));

describe('every example renders in every format', () => {
  for (const p of EXAMPLES) {
    test(`${p} → ${TEMPLATE_OF[p]} as DOCX, XLSX, PDF and HTML`, () => {
      for (const f of FORMATS) {
        const file = outFile(p, TEMPLATE_OF[p], f);
        assert.ok(existsSync(file) && statSync(file).size > 2000, `${file} written`);
      }
      assert.equal(readFileSync(outFile(p, TEMPLATE_OF[p], 'pdf')).subarray(0, 5).toString('latin1'), '%PDF-');
    });
  }
});

describe('round trip: import of a rendered document gives the summary of the evaluation it came from', () => {
  for (const p of ['000', '001', '002'] as const) {
    for (const f of ['docx', 'xlsx'] as const) {
      test(`${p} ${f}`, async () => {
        assert.deepEqual(await summaryJson(outFile(p, TEMPLATE_OF[p], f)), await summaryJson(exampleFile(p)));
      });
    }
  }
  test('004 as a scorecard keeps its department, year, budget, printed rates and self-score (DOCX, XLSX, HTML)', async () => {
    const source = await summaryJson(exampleFile('004'));
    for (const f of ['docx', 'xlsx', 'html'] as const) {
      const back = await summaryJson(outFile('004', 'scorecard', f));
      for (const k of ['department', 'year', 'budget', 'printedRates', 'selfScore'] as const) assert.deepEqual(back[k], source[k], `${f}: ${k}`);
    }
  });
  test('004 laid out as a Guangzhou report keeps its budget, projects and self-score (only the layout changes)', async () => {
    const source = await summaryJson(exampleFile('004'));
    const back = await summaryJson(outFile('004', 'gz-report', 'docx'));
    assert.equal(back['documentKind'], 'gz-report');
    for (const k of ['department', 'year', 'budget', 'projects', 'selfScore', 'indicators'] as const) assert.deepEqual(back[k], source[k], k);
  });
});

describe('the DOCX form', () => {
  test('has the Guangzhou form grid: merged 部门资金情况 label, figures in their columns, tasks with key indicators', async () => {
    const rows = await lines(outFile('000', 'gz-form', 'docx'));
    const i = rows.findIndex((r) => r[0] === '部门资金情况');
    assert.ok(i > 0, 'the 部门资金情况 row');
    assert.deepEqual(rows[i], ['部门资金情况', '部门调整预算收入', '3,475.09', '部门年初预算收入', '4,124.28', '']);
    assert.deepEqual(rows[i + 1], ['', '实际支出数', '3,229.91', '年度预算调整数', '3,475.09', '']);
    assert.deepEqual(rows[i + 3], ['', '预算完成率', '92.94%', '预算调整率', '15.74%', '']);
    const task1 = rows.findIndex((r) => r[0] === '任务1');
    assert.equal(rows[task1]![5], '59.12');
    assert.equal(rows[task1 + 1]![0], '', 'the task label spans its key indicator rows');
    assert.equal(rows[task1 + 1]![3], '防汛物资采购完成率');
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(outFile('000', 'gz-form', 'docx'))))['word/document.xml']!);
    assert.match(xml, /<w:vMerge w:val="restart"\/>/);
    assert.match(xml, /<w:gridSpan w:val="5"\/>/, 'narratives span the five value columns');
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4');
  });

  test('opens in LibreOffice (soffice --convert-to pdf) with its Chinese headings and figures', () => {
    tool('soffice', 'libreoffice-writer-nogui');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-soffice-'));
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, outFile('001', 'gz-report', 'docx')], { stdio: 'ignore', timeout: 180_000 });
      const text = pdfText(join(dir, `${basename(outFile('001', 'gz-report', 'docx'), '.docx')}.pdf`));
      for (const s of ['部门整体支出绩效自评报告', '（四）部门整体收支情况', '表 2：部门预算按经济分类执行情况', '2,630,700.00', '97.12%']) assert.ok(text.includes(s), s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the XLSX workbook', () => {
  test('one sheet per table, live formulas where the data agrees with them, frozen headers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(outFile('001', 'gz-report', 'xlsx')) as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((s) => s.name), ['部门整体收支情况', '绩效目标表', '表2 经济分类', '表3-1 基本支出', '表3-2 项目支出']);
    const projects = wb.getWorksheet('表3-2 项目支出')!;
    const header = projects.getRow(3).values as unknown[];
    assert.ok(header.includes('调整后预算数') && header.includes('支出率'), 'header row');
    const first = projects.getRow(4);
    assert.equal((first.getCell(6).value as { formula: string }).formula, 'C4+D4-E4');
    assert.equal((first.getCell(8).value as { formula: string }).formula, 'IF(F4=0,"—",G4/F4)');
    const total = projects.getRow(4 + 32);
    assert.equal(total.getCell(1).value, '项目支出合计');
    assert.equal((total.getCell(7).value as { formula: string; result: number }).formula, 'SUM(G4:G35)');
    assert.equal((total.getCell(7).value as { formula: string; result: number }).result, 11259991.55);
    assert.equal(projects.views[0]?.state, 'frozen');
    // 森防办 total row: 年初 + 调增 − 调减 ≠ the entered 调整后; the entered figure stays, without a formula, with a note.
    const basic = wb.getWorksheet('表3-1 基本支出')!;
    const notes: string[] = [];
    basic.eachRow((row) => row.eachCell((c) => {
      if (c.note) notes.push(String(typeof c.note === 'string' ? c.note : JSON.stringify(c.note)));
    }));
    assert.ok(notes.some((n) => n.includes('256.69')), 'a note explains the skipped formula');
  });

  test('the form sheet keeps the merged cells of the form', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(outFile('000', 'gz-form', 'xlsx')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, '部门整体支出绩效自评表');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    const label = merges.find((m) => { const c = ws.getCell(m.split(':')[0]!); return c.value === '部门资金情况'; });
    assert.ok(label, '部门资金情况 is merged');
    const [a, b] = label!.split(':').map((x) => Number(/\d+/.exec(x)![0]));
    assert.equal(b! - a! + 1, 4, 'over its four rows');
  });
});

describe('the PDF', () => {
  test('holds the Chinese headings and the figures (pdftotext)', () => {
    const report = pdfText(outFile('001', 'gz-report', 'pdf'));
    for (const s of ['部门整体支出绩效自评报告', '一、部门基本情况', '（四）部门整体收支情况', '4051.74', '97.12%', '2,630,700.00']) assert.ok(report.includes(s), s);
    assert.match(report, /—\s*2\s*—/, 'page numbers');
    const form = pdfText(outFile('000', 'gz-form', 'pdf'));
    for (const s of ['部门整体支出绩效自评表', '部门资金情况', '92.94%', '15.74%', '任务涉及金额']) assert.ok(form.includes(s), s);
    const card = pdfText(outFile('004', 'scorecard', 'pdf'));
    for (const s of ['评分标准', '自评得分', '复核得分', '95.68', '部门名称', '年初预算', '8,666.95', '预算调整率', '7.78%', '满分 100 分，自评得分 95.68 分']) assert.ok(card.includes(s), s);
    const review = pdfText(outFile('004', 'review', 'pdf'));
    for (const s of ['审核意见', '审核结论', '（一）计算核对', '政府采购执行率', '110.12%', '三、评分复核', '复核等级']) assert.ok(review.includes(s), s);
  });
});

describe('generated sentences never contradict the tables', () => {
  test('the audit of a rendered report finds no count or rate of its own sentences wrong', async () => {
    const r = await cliAsync('audit', outFile('001', 'gz-report', 'docx'), '--json');
    const findings = (JSON.parse(r.out) as { findings: { rule: string; message: string }[] }).findings;
    const rules = new Set(findings.map((f) => f.rule));
    assert.ok(!rules.has('indicator-count-mismatch'), 'the counts sentence agrees with the indicator table');
    assert.ok(!findings.some((f) => f.rule === 'rate-mismatch' && /完成|增长/.test(f.message)), 'restated rates agree with the amounts');
    // The source evaluation has the declared-count mismatch the generated sentence fixes.
    const source = await cliAsync('audit', exampleFile('001'), '--json');
    assert.ok((JSON.parse(source.out) as { findings: { rule: string }[] }).findings.some((f) => f.rule === 'indicator-count-mismatch'));
  });

  test('a printed rate that disagrees with the data is replaced by the computed one, and the preparer is told', async () => {
    const r = await cliAsync('render', exampleFile('004'), '--template', 'gz-form', '--format', 'html', '-o', join(OUT, 'lg-form.html'));
    assert.equal(r.code, 0);
    assert.match(r.out, /预算调整率（广州自评表）：原填 7\.78%，生成文件按数据计算为 8\.43%/);
    assert.match(readFileSync(join(OUT, 'lg-form.html'), 'utf8'), /8\.43%/);
  });
});

describe('bad input', () => {
  test('an unknown template names the ones there are', async () => {
    const r = await cliAsync('render', exampleFile('001'), '--template', 'nope', '-o', join(OUT, 'x.docx'));
    assert.equal(r.code, 2);
    assert.match(r.err + r.out, /未知模板“nope”，可选：gz-form, gz-report, project-form, scorecard, review/);
  });

  test('a scorecard without a rubric says how to name one', async () => {
    const file = join(OUT, 'bare.yaml');
    writeFileSync(file, 'department: { name: 某局 }\nyear: 2023\nbudget: { initialBudget: "10", adjustedBudget: "12", actualSpending: "11" }\n');
    const r = await cliAsync('render', file, '--template', 'scorecard', '-o', join(OUT, 'bare.docx'));
    assert.equal(r.code, 2);
    assert.match(r.err + r.out, /需要评分标准.*--rubric/s);
  });

  test('an existing file is not overwritten without --force', async () => {
    const target = join(OUT, 'keep.html');
    writeFileSync(target, 'mine');
    const r = await cliAsync('render', exampleFile('000'), '--format', 'html', '-o', target);
    assert.equal(r.code, 2);
    assert.equal(readFileSync(target, 'utf8'), 'mine');
    assert.equal((await cliAsync('render', exampleFile('000'), '--format', 'html', '-o', target, '--force')).code, 0);
  });

  test('no Chromium: the PDF is refused with the install command, other formats still written', async () => {
    const saved = process.env['JIXIAO_CHROMIUM'];
    process.env['JIXIAO_CHROMIUM'] = join(OUT, 'no-such-chromium');
    try {
      const r = await cliAsync('render', exampleFile('000'), '--format', 'html,pdf', '-o', join(OUT, 'nochrome/'));
      assert.equal(r.code, 2);
      assert.match(r.err + r.out, /apt-get install chromium fonts-noto-cjk/);
      assert.ok(existsSync(join(OUT, 'nochrome', `${basename(exampleFile('000'), '.yaml')}.gz-form.html`)));
    } finally {
      if (saved === undefined) delete process.env['JIXIAO_CHROMIUM'];
      else process.env['JIXIAO_CHROMIUM'] = saved;
    }
  });

  test('a document that is no evaluation gets the importer\'s message', async () => {
    const r = await cliAsync('render', join(ROOT, 'test/fixtures/documents/bad/no-figures.txt'), '-o', join(OUT, 'n.docx'));
    assert.equal(r.code, 2);
    assert.ok(!existsSync(join(OUT, 'n.docx')));
  });
});
