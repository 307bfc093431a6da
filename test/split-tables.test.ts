/**
 * A table a page break split in two — two Word tables (the second without its header, or with it repeated and the
 * running page number "— 3 —" between), two PDF grids, a text table with its header printed again — reads as one
 * table: no row after the break is lost. Issue 12, "Must show": a Word file whose tables break across pages reads as
 * well as its text (≥ 95 % of its fields).
 *
 * The files are built here from text: an invented report (test/fixtures/split/invented-report.txt) and the seeds,
 * every table split at a page break (test/fixtures/split/build.ts); the PDFs are printed from the Word files by
 * LibreOffice.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type Summary, summarize } from '../src/core/summary.ts';
import { builtInRubrics } from '../src/ingest/document-file.ts';
import { importDocument } from '../src/ingest/import.ts';
import { readDocx } from '../src/ingest/readers/docx.ts';
import { accuracy, compareSummary, seedCases } from './accuracy.ts';
import { type SplitVariant, splitTablesDocx, splitTablesText } from './fixtures/split/build.ts';
import { ROOT } from './helpers.ts';

const VARIANTS: readonly SplitVariant[] = ['bare', 'repeat'];
const rubrics = builtInRubrics();
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-split-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function summaryOf(bytes: Uint8Array, name: string): Promise<Summary> {
  const r = await importDocument(bytes, name, { rubrics });
  assert.ok(r.ok && r.evaluation, `${name} did not import`);
  return summarize(r.evaluation);
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** How many tables the Word file itself holds (what the reader sees, before the segmenter joins them). */
function wordTables(bytes: Uint8Array): number {
  const r = readDocx(bytes);
  assert.ok(r.ok);
  return new Set(r.document.lines.flatMap((l) => (l.table === undefined ? [] : [l.table]))).size;
}

/** The rows a summary holds: each task with its key indicators, each indicator, each project. */
function rowsOf(s: Summary): string[] {
  return [...s.tasks.flatMap((t) => [t.name, ...t.indicators.map((k) => `${t.name}/${k.name}`)]), ...s.indicators.map((k) => k.name), ...s.projects.map((p) => p.name)].map((x) => x.replace(/\s+/g, ''));
}

/** LibreOffice prints the Word files to PDF, all in one run (it starts slowly). */
function printPdfs(files: readonly string[]): void {
  try {
    execFileSync('which', ['soffice'], { stdio: 'ignore' });
  } catch {
    assert.fail('soffice is missing: apt-get install libreoffice-writer-nogui (or bash scripts/install-system-deps.sh)');
  }
  execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, ...files], { stdio: 'ignore', timeout: 300_000 });
}

const invented = readFileSync(join(ROOT, 'test/fixtures/split/invented-report.txt'), 'utf8');

describe('an invented report whose project and indicator tables are each split at a page break', () => {
  test('the text reads its 14 projects and 11 indicators (the reference)', async () => {
    const s = await summaryOf(utf8(invented), 'invented.txt');
    assert.equal(s.projects.length, 14);
    assert.equal(s.indicators.length, 11);
    assert.deepEqual(s.projects.at(-1), { name: '公共数字文化平台运维', initial: '19.80', adjusted: '19.80', actual: '19.10', printedRate: '96.46' });
  });

  for (const variant of VARIANTS) {
    test(`Word, each table two Word tables (${variant === 'bare' ? 'the second without a header' : 'the header repeated, "— 1 —" and "第 2 页 共 7 页" between'}): read exactly as the text`, async () => {
      const text = await summaryOf(utf8(invented), 'invented.txt');
      const docx = await splitTablesDocx(invented, variant);
      assert.equal(wordTables(docx.bytes), 4, 'two tables, each split in two');
      assert.deepEqual(await summaryOf(docx.bytes, 'invented.docx'), text);
    });

    test(`text, each table split by a page footer${variant === 'repeat' ? ' with its header printed again' : ''}: read exactly as the text`, async () => {
      const text = await summaryOf(utf8(invented), 'invented.txt');
      assert.deepEqual(await summaryOf(utf8(splitTablesText(invented, variant)), 'invented-split.txt'), text);
    });
  }
});

describe('seed-like documents whose every table is split at a page break (issue 12 measurement)', () => {
  const cases = seedCases().filter((c) => c.id === '000' || c.id === '001');

  for (const c of cases) {
    const text = readFileSync(c.files['text']!, 'utf8');
    for (const variant of VARIANTS) {
      test(`seed ${c.id}, Word, every table split (${variant}): ≥ 95 % of the text's fields, every row`, async (t) => {
        const fromText = await summaryOf(utf8(text), `${c.id}.txt`);
        const docx = await splitTablesDocx(text, variant);
        assert.ok(docx.splits > 0 && wordTables(docx.bytes) === docx.tables, 'the Word file holds the split tables');
        const fromWord = await summaryOf(docx.bytes, `${c.id}-${variant}.docx`);
        const textChecks = compareSummary(c.answer, fromText);
        const wordChecks = compareSummary(c.answer, fromWord);
        t.diagnostic(`fields read: text ${textChecks.filter((x) => x.ok).length}/${textChecks.length}, Word ${wordChecks.filter((x) => x.ok).length}/${wordChecks.length} (${docx.splits} tables split)`);
        assert.ok(accuracy(wordChecks) >= 0.95 * accuracy(textChecks), wordChecks.filter((x) => !x.ok).map((x) => x.field).join('\n'));
        assert.deepEqual(rowsOf(fromWord), rowsOf(fromText));
      });
    }
  }

  test('the invented report and the seeds printed to PDF from the split Word files: every row, ≥ 95 % of the fields', async (t) => {
    const docxFiles: string[] = [];
    const write = async (name: string, text: string, variant: SplitVariant) => {
      const file = join(tmp, `${name}-${variant}.docx`);
      writeFileSync(file, (await splitTablesDocx(text, variant)).bytes);
      docxFiles.push(file);
    };
    for (const variant of VARIANTS) {
      await write('invented', invented, variant);
      for (const c of cases) await write(`seed-${c.id}`, readFileSync(c.files['text']!, 'utf8'), variant);
    }
    printPdfs(docxFiles);
    const reference = await summaryOf(utf8(invented), 'invented.txt');
    for (const variant of VARIANTS) {
      const pdf = await summaryOf(new Uint8Array(readFileSync(join(tmp, `invented-${variant}.pdf`))), `invented-${variant}.pdf`);
      // Why compareSummary: the PDF's text layer spaces figures from words ("136 场"); it compares without whitespace.
      assert.deepEqual(compareSummary(reference, pdf).filter((x) => !x.ok), [], `invented ${variant}`);
    }
    for (const c of cases) {
      const fromText = await summaryOf(utf8(readFileSync(c.files['text']!, 'utf8')), `${c.id}.txt`);
      const textAccuracy = accuracy(compareSummary(c.answer, fromText));
      for (const variant of VARIANTS) {
        const pdf = await summaryOf(new Uint8Array(readFileSync(join(tmp, `seed-${c.id}-${variant}.pdf`))), `${c.id}-${variant}.pdf`);
        const checks = compareSummary(c.answer, pdf);
        t.diagnostic(`seed ${c.id} PDF ${variant}: ${checks.filter((x) => x.ok).length}/${checks.length}`);
        assert.ok(accuracy(checks) >= 0.95 * textAccuracy, `${c.id} ${variant}: ${checks.filter((x) => !x.ok).map((x) => x.field).join(', ')}`);
        assert.equal(rowsOf(pdf).length, rowsOf(fromText).length, `${c.id} ${variant}: rows`);
      }
    }
  });
});
