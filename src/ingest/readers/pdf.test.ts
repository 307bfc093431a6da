import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_LIMITS, type ReadResult, type SourceDocument, type SourceLine } from '../source.ts';
import { segment } from '../segment.ts';
import { pageRanges, readPdf } from './pdf.ts';

// Why captured before any PDF is read: importing pdf.ts must not load pdf.js, and reading must leave built-ins alone.
const pdfjsLoadedAtImport = 'pdfjsLib' in globalThis;
const nativePush = Array.prototype.push;
const nativeParse = JSON.parse;

// Why counted from the start: the reader must start no worker thread (the import pool runs it on one); a Worker
// constructed by any module in this process, for any read below, shows here.
const workerThreads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
const NativeWorker = workerThreads.Worker;
let workersStarted = 0;
workerThreads.Worker = class extends NativeWorker {
  constructor(...args: ConstructorParameters<typeof NativeWorker>) {
    workersStarted++;
    super(...args);
  }
};
syncBuiltinESMExports();

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./testdata-pdf/${name}`, import.meta.url)));

function document(r: ReadResult): SourceDocument {
  if (!r.ok) assert.fail(`expected a document, got ${JSON.stringify(r.problems)}`);
  return r.document;
}

function problemCodes(r: ReadResult): string[] {
  if (r.ok) assert.fail(`expected a refusal, got ${r.document.lines.length} lines`);
  return r.problems.map((p) => p.code);
}

const find = (lines: readonly SourceLine[], text: string) => lines.find((l) => l.cells.some((c) => c.includes(text)));

test('importing the reader does not load pdf.js', () => {
  assert.equal(pdfjsLoadedAtImport, false);
});

test('a Chinese report: heading, paragraph and figures come out as text, table cells as cells of one line', async () => {
  const doc = document(await readPdf(fixture('report.pdf')));
  assert.equal(doc.format, 'pdf');
  assert.equal(doc.pages, 1);
  const [heading, paragraph] = doc.lines;
  assert.deepEqual(heading, { cells: ['示例区应急管理局部门整体支出绩效自评报告'], loc: { page: 1, line: 1 }, pageStart: true });
  assert.match(paragraph?.cells[0] ?? '', /^根据区财政局要求.*自评得分为 ?92\.5 ?分，评价等级为优。$/);
  const row = find(doc.lines, '部门年初预算收入');
  assert.deepEqual(row?.cells, ['部门年初预算收入', '4124.28', '预算完成率', '92.94%']);
  assert.deepEqual(row?.loc, { page: 1, line: 3 });
  assert.deepEqual(find(doc.lines, '基本支出')?.cells, ['基本支出', '3020.15', '项目支出', '1173.87']);
  assert.deepEqual(doc.lines[5]?.cells, ['自评得分', '92.5', '评价等级', '优']);
  // The three ruled rows are one table; the table of the same width below it (an empty paragraph between) is
  // another; prose is in none.
  assert.deepEqual(
    doc.lines.map((l) => l.table),
    [undefined, undefined, 0, 0, 0, 1, undefined],
  );
  // Latin words keep their single spaces.
  assert.deepEqual(doc.lines.at(-1)?.cells, ['Budget execution rate: 92.94% (see table above).']);
  // The "- 1 -" footer is a running page number, not content.
  assert.equal(doc.lines.length, 7);
});

test('a table running on to page 2: locations, page start, one table index across the break', async () => {
  const doc = document(await readPdf(fixture('two-pages.pdf')));
  assert.equal(doc.pages, 2);
  const page2 = doc.lines.filter((l) => l.loc.page === 2);
  assert.ok(page2.length > 5);
  assert.equal(page2[0]?.pageStart, true);
  assert.equal(page2[0]?.loc.line, 1);
  assert.ok(page2.slice(1).every((l, i) => l.pageStart === undefined && l.loc.line === i + 2));
  assert.equal(doc.lines.filter((l) => l.pageStart).length, 2);
  assert.deepEqual(page2[0]?.cells.length, 5);
  const lastOnPage1 = doc.lines.filter((l) => l.loc.page === 1).at(-1);
  assert.ok(lastOnPage1?.table !== undefined && lastOnPage1.table === page2[0]?.table);
  assert.deepEqual(find(doc.lines, '应急物资储备项目 48')?.cells, ['48', '应急物资储备项目 48', '436.50', '378.25', '98.10%']);
  assert.deepEqual(doc.lines.at(-1)?.cells, ['合计执行率为 93.18%。']);
  assert.ok(!doc.lines.some((l) => /^-\s*\d\s*-$/.test(l.cells.join(''))), 'running page numbers are dropped');
});

test('non-embedded CJK font through a predefined CMap; header, footer and watermark dropped; gaps split cells', async () => {
  // Why this fixture matters: without cMapUrl as a filesystem path pdf.js silently drops all of this CJK text.
  const doc = document(await readPdf(fixture('cid-font.pdf')));
  assert.deepEqual(
    doc.lines.map((l) => l.cells),
    [['目录'], ['部门年初预算收入', '4124.28'], ['自评得分 92.5']],
  );
});

test('ruled table rows rebuilt from the grid: one line per row, merged cells as DOCX gives them, wrapped text joined', async () => {
  const doc = document(await readPdf(fixture('table-rows.pdf')));
  const compact = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');
  const table0 = doc.lines.filter((l) => l.table === 0);
  assert.deepEqual(table0[0]?.cells, ['主要任务', '预期目标', '目标完成情况', '关键指标', '指标值', '金额']);
  // The row of 任务1: its label (vertically centred beside three indicator rows), goal and outcome (merged down
  // over those rows) sit in its first grid row; each wrapped over several visual lines, read as one cell.
  const task1 = table0[1];
  assert.equal(task1?.cells.length, 6);
  assert.equal(compact(task1?.cells[0]), '任务1');
  assert.equal(compact(task1?.cells[1]), '加强三防能力建设，认真落实防汛责任制，落实汛期督导检查，完善三防预案，组织应急抢险，加强汛期24小时值班值守，及时启动防暴雨防台风应急响应。');
  assert.equal(compact(task1?.cells[2]), '全区共出动2582人次，巡查2565处，发现问题239处，均已落实整改措施，修编三防预案和规范工作制度，全区实现了零伤亡少损失目标。');
  assert.ok(!/[\n\u4e00-\u9fff] [\u4e00-\u9fff]/.test(task1?.cells[1] ?? ''), 'no space where a CJK line wraps');
  assert.deepEqual(task1?.cells.slice(3), ['防汛物资采购完成率', '100%', '59.12']);
  // Rows below a merged cell: empty cells under it.
  assert.deepEqual(table0[2]?.cells, ['', '', '', '启动响应保证率', '100%', '']);
  assert.deepEqual(table0[3]?.cells, ['', '', '', '人员伤亡数', '0', '']);
  // A cell merged across two columns: its text in the first, an empty cell after it; Latin words keep one space
  // at each wrap, and a wrap after a hyphen joins directly.
  assert.deepEqual(
    table0[4]?.cells.map((c, i) => (i === 0 || i === 4 ? compact(c) : c)),
    ['任务2', 'Budget execution was reviewed against the annual plan and the mid-year adjustment approved by the district government in July.', '', '开展应急演练场次', '785场', '39.66'],
  );
  assert.deepEqual(table0[5]?.cells, ['合计', '', '', '', '—', '98.78']);
  assert.equal(table0.length, 6);
  // Locations: the visual line each row starts on, increasing down the page.
  assert.deepEqual(table0[0]?.loc, { page: 1, line: 2 });
  assert.ok(table0.every((l, i) => i === 0 || (l.loc.line ?? 0) > (table0[i - 1]?.loc.line ?? 0)));
  assert.deepEqual(find(doc.lines, '以上为重点任务情况')?.cells, ['以上为重点任务情况。']);
  assert.equal(find(doc.lines, '以上为重点任务情况')?.table, undefined);

  // A second table whose long row the page break splits: the row goes on as the first line of page 2, in the same
  // table, and the segmenter joins the two parts into one row.
  const table1 = doc.lines.filter((l) => l.table === 1);
  assert.deepEqual(table1[0]?.cells, ['序号', '完成情况', '备注']);
  const [before, after] = [table1[1], table1[2]];
  assert.equal(before?.cells[0], '1');
  assert.equal(before?.cells[2], '按期完成');
  assert.equal(after?.pageStart, true);
  assert.deepEqual(after?.loc, { page: 2, line: 1 });
  assert.deepEqual([after?.cells[0], after?.cells[2]], ['', '']);
  assert.deepEqual(table1[3]?.cells, ['2', '完成全区综合减灾示范社区创建任务。', '已验收']);
  const rows = segment(doc).tables[1]?.rows ?? [];
  assert.equal(rows.length, 3);
  const joined = compact(rows[1]?.cells[1]);
  assert.ok(joined.startsWith('第1项：') && joined.endsWith('第40项：组织开展安全生产检查，排查整改隐患，落实整改责任。'));
  assert.equal(joined.match(/组织开展安全生产检查/g)?.length, 40);
  // The running page numbers are not content.
  assert.ok(!doc.lines.some((l) => /^-\s*\d\s*-$/.test(l.cells.join(''))));
});

test('rules drawn as thin filled bars, misaligned or doubled; a table without rules between its rows; a three-line table', async () => {
  const doc = document(await readPdf(fixture('ruled-bars.pdf')));
  assert.deepEqual(
    doc.lines.map((l) => [l.cells, l.table]),
    [
      [['Ruled tables drawn with bars'], undefined],
      // Every edge its own bar, shifted by up to 0.7 pt; a double rule at the bottom adds no row.
      [['Item', 'Description', 'Target', 'Actual'], 0],
      // "Task A" is printed in the lower of its two merged rows: its text goes to the top one.
      [['Task A', 'Budget execution reviewed monthly', '100%', '98.5%'], 0],
      [['', 'Staff trained', '200', '215'], 0],
      // "Total" straddles the place of a missing column rule: merged across, so in the first column.
      [['Total', '', '300', '313.5'], 0],
      // Text running past its cell's rule stays in the cell it mostly lies in.
      [['Note', 'A remark that runs on past the rule of its cell', '', ''], 0],
      [['Below table A.'], undefined],
      // Column rules but none between the body rows: each visual line is a row.
      [['Project', 'Budget', 'Spent'], 1],
      [['Rescue supplies', '436.50', '378.25'], 1],
      [['Training', '80.00', '80.00'], 1],
      [['Forest patrol', '182.00', '182.00'], 1],
      [['Total', '698.50', '640.25'], 1],
      // Ruled only across, one rule after the stub: read line by line, cells split at the gaps.
      [['Item', '2022', '2023'], undefined],
      [['Rescue supplies', '436.50', '378.25'], undefined],
      [['Training', '80.00', '80.00'], undefined],
      [['Forest patrol', '182.00', '182.00'], undefined],
    ],
  );
  assert.deepEqual(
    doc.lines.map((l) => l.loc.line),
    [1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
  );
});

test('limits: first maxPages pages with a warning; maxLines with a warning', async () => {
  const pages = await readPdf(fixture('two-pages.pdf'), { ...DEFAULT_LIMITS, maxPages: 1 });
  const doc = document(pages);
  assert.ok(doc.lines.every((l) => l.loc.page === 1));
  assert.equal(doc.pages, 2);
  assert.deepEqual(pages.ok && pages.warnings, [{ code: 'pdf-too-many-pages', path: [], params: { pages: 2, limit: 1 } }]);

  const lines = await readPdf(fixture('two-pages.pdf'), { ...DEFAULT_LIMITS, maxLines: 5 });
  assert.equal(document(lines).lines.length, 5);
  assert.deepEqual(lines.ok && lines.warnings, [{ code: 'too-many-lines', path: [], params: { limit: 5 } }]);
});

test('encrypted → pdf-encrypted; image only → pdf-no-text; a scanned page among text pages → warning', async () => {
  assert.deepEqual(problemCodes(await readPdf(fixture('encrypted.pdf'))), ['pdf-encrypted']);
  assert.deepEqual(problemCodes(await readPdf(fixture('image-only.pdf'))), ['pdf-no-text']);
  const mixed = await readPdf(fixture('mixed.pdf'));
  assert.ok(document(mixed).lines.every((l) => l.loc.page === 1));
  assert.deepEqual(mixed.ok && mixed.warnings, [{ code: 'pdf-pages-without-text', path: [], params: { pages: '2' } }]);
});

test('garbage, empty and truncated input → pdf-corrupt', async () => {
  const report = fixture('report.pdf');
  for (const bytes of [new Uint8Array(0), new TextEncoder().encode('not a pdf at all'), new TextEncoder().encode('%PDF-1.7\n%%EOF\n'), report.subarray(0, 4000), report.subarray(0, report.length - 2000)]) {
    const r = await readPdf(bytes);
    assert.deepEqual(problemCodes(r), ['pdf-corrupt']);
    const detail = r.ok ? undefined : r.problems[0]?.params.detail;
    assert.ok(typeof detail === 'string' && detail.length > 0 && detail.length <= 120);
  }
});

test('fuzz: random bytes, "%PDF-1.7" plus noise, damaged fixtures resolve (never reject) with a document or a refusal', async () => {
  const report = fixture('report.pdf');
  const header = new TextEncoder().encode('%PDF-1.7\n');
  const input = fc.oneof(
    fc.uint8Array({ maxLength: 2000 }),
    fc.uint8Array({ maxLength: 4000 }).map((noise) => new Uint8Array([...header, ...noise])),
    fc.nat({ max: report.length }).map((n) => report.subarray(0, n)),
    fc.array(fc.tuple(fc.nat({ max: report.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }).map((edits) => {
      const damaged = new Uint8Array(report);
      for (const [at, value] of edits) damaged[at] = value;
      return damaged;
    }),
  );
  await fc.assert(
    fc.asyncProperty(input, async (bytes) => {
      const r = await readPdf(bytes);
      assert.equal(typeof r.ok, 'boolean');
      if (!r.ok) assert.ok(r.problems.length > 0 && r.problems.every((p) => ['pdf-corrupt', 'pdf-encrypted', 'pdf-no-text'].includes(p.code)));
    }),
    { numRuns: 300 },
  );
});

test('the caller keeps its bytes; Buffers work; documents read concurrently', async () => {
  const bytes = fixture('report.pdf');
  const buffer = readFileSync(new URL('./testdata-pdf/two-pages.pdf', import.meta.url));
  const before = [bytes.length, buffer.length];
  const results = await Promise.all([readPdf(bytes), readPdf(buffer), readPdf(fixture('cid-font.pdf'))]);
  assert.deepEqual([bytes.length, buffer.length], before);
  assert.equal(String.fromCharCode(...bytes.subarray(0, 5)), '%PDF-');
  assert.deepEqual(
    results.map((r) => document(r).lines.length),
    [7, 52, 3],
  );
});

test('nothing is printed, and this thread keeps its native Array.prototype.push and JSON.parse', async (t) => {
  const printed: unknown[][] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) t.mock.method(console, method, (...args: unknown[]) => printed.push(args));
  for (const name of ['report.pdf', 'cid-font.pdf', 'encrypted.pdf', 'image-only.pdf', 'mixed.pdf']) await readPdf(fixture(name));
  await readPdf(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>'));
  assert.deepEqual(printed, []);
  assert.equal(Array.prototype.push, nativePush);
  assert.equal(JSON.parse, nativeParse);
});

test('a 10-page Chinese report with ruled tables: every page, table and header row (time as a diagnostic only)', async (t) => {
  const bytes = fixture('report-10p.pdf');
  await readPdf(bytes);
  const started = performance.now();
  const doc = document(await readPdf(bytes));
  const ms = performance.now() - started;
  t.diagnostic(`${ms.toFixed(0)} ms for ${doc.pages} pages (${(ms / (doc.pages ?? 1)).toFixed(1)} ms/page)`);
  assert.equal(doc.pages, 10);
  assert.equal(doc.lines.filter((l) => l.pageStart).length, 10);
  assert.equal(doc.lines.filter((l) => l.cells[0] === '指标名称').length, 21);
  assert.equal(new Set(doc.lines.map((l) => l.table).filter((i) => i !== undefined)).size, 21);
  assert.ok(!doc.lines.some((l) => /^-\s*\d+\s*-$/.test(l.cells.join(''))), 'running page numbers are dropped');
});

test('every read above ran on this thread: no worker thread was started', () => {
  workerThreads.Worker = NativeWorker;
  syncBuiltinESMExports();
  assert.equal(workersStarted, 0);
});

test('page ranges for the warning', () => {
  assert.equal(pageRanges([3, 5, 6, 7]), '3, 5–7');
  assert.equal(pageRanges([1, 2, 4, 9, 10]), '1–2, 4, 9–10');
  assert.equal(pageRanges([]), '');
});
