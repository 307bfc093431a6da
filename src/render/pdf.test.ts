/**
 * Prints through the real headless Chromium and reads the PDF back with poppler (pdftotext, pdffonts, pdfinfo,
 * pdfimages). Without those tools the tests fail with the install line; they are not skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Doc, type Row, text } from './doc.ts';
import { renderHtml } from './html.ts';
import { type PdfResult, findChromium, hasCjkFont, printPdf } from './pdf.ts';
import { SAMPLE_DOC } from './testdata/sample-doc.ts';

const INSTALL = 'apt-get install chromium poppler-utils fonts-noto-cjk';

/** Runs a poppler tool; fails the test with the install line when it is missing. */
function tool(name: string, args: readonly string[]): string {
  const r = spawnSync(name, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) {
    const code = (r.error as NodeJS.ErrnoException).code;
    assert.fail(code === 'ENOENT' ? `${name} not found: ${INSTALL}` : `${name}: ${r.error.message}`);
  }
  assert.equal(r.status, 0, `${name} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function expectPrinted(result: PdfResult | undefined): Extract<PdfResult, { ok: true }> {
  assert.ok(result !== undefined, 'not printed');
  if (!result.ok) assert.fail(`${result.problem.code}: ${result.problem.message.en} — ${INSTALL}`);
  return result;
}

function jixiaoTempDirs(): Set<string> {
  return new Set(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('jixiao-pdf-')));
}

/** A table long enough for three pages, to see its two header rows printed again on every page. */
const LONG_TABLE_DOC: Doc = {
  meta: { title: '长表', layout: 'form' },
  blocks: [
    { kind: 'title', lines: ['长表'] },
    {
      kind: 'table',
      table: {
        id: 'long',
        sheet: 'long',
        caption: '表 1：长表',
        columns: [
          { key: 'a', width: 10 },
          { key: 'b', width: 8, align: 'right' },
          { key: 'c', width: 12 },
        ],
        header: [{ cells: [text('名称', { rowSpan: 2 }), text('金额与说明', { colSpan: 2 })] }, { cells: [text('金额'), text('备注栏')] }],
        body: Array.from({ length: 90 }, (_, i): Row => ({
          cells: [text(`项目 ${i + 1}`), { value: { type: 'money', value: { n: BigInt(123456789 + i), d: 100n }, unit: '元', decimals: 2 } }, text('说明')],
        })),
      },
    },
  ],
};

describe('printPdf: the browser', () => {
  it('finds Chromium on this machine', () => {
    const found = findChromium();
    assert.ok(found.found, `Chromium not found: ${INSTALL}`);
  });

  it('has a Chinese font (fontconfig)', () => {
    assert.ok(hasCjkFont(), `no Chinese font: ${INSTALL}`);
  });

  it('takes the option, then JIXIAO_CHROMIUM, then the usual names on PATH', () => {
    assert.deepEqual(findChromium('/bin/sh', { PATH: '', JIXIAO_CHROMIUM: '/nonexistent' }), { found: true, path: '/bin/sh' });
    assert.deepEqual(findChromium(undefined, { PATH: '', JIXIAO_CHROMIUM: '/bin/sh' }), { found: true, path: '/bin/sh' });
    assert.deepEqual(findChromium(undefined, { PATH: '/nonexistent-dir' }), {
      found: false,
      tried: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    });
    // A name is looked up on PATH; a named browser that is missing is not replaced by another.
    assert.deepEqual(findChromium('sh', { PATH: `/nonexistent-dir${path.delimiter}/bin` }), { found: true, path: '/bin/sh' });
    assert.deepEqual(findChromium(undefined, { PATH: process.env['PATH'] ?? '', JIXIAO_CHROMIUM: '/nonexistent/chrome' }), {
      found: false,
      tried: ['/nonexistent/chrome'],
    });
  });

  it('returns pdf-no-chromium with the install line for a browser that is not there', async () => {
    const r = await printPdf('<p>x</p>', { chromium: '/nonexistent/bin/chromium' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problem.code, 'pdf-no-chromium');
    assert.ok(r.problem.message.zh.startsWith('未找到 Chromium 浏览器：PDF 由无头 Chromium 打印生成。请安装：apt-get install chromium fonts-noto-cjk'));
    assert.ok(r.problem.message.zh.includes('JIXIAO_CHROMIUM'));
    assert.ok(r.problem.message.en.includes('apt-get install chromium fonts-noto-cjk'));
    assert.ok(r.problem.message.en.includes('/nonexistent/bin/chromium'));
  });

  it('returns pdf-print-failed when the browser fails or writes nothing', async () => {
    const failing = await printPdf('<p>x</p>', { chromium: '/bin/false' });
    assert.ok(!failing.ok && failing.problem.code === 'pdf-print-failed', JSON.stringify(failing));
    assert.match(failing.problem.message.en, /exit code 1/);
    const silent = await printPdf('<p>x</p>', { chromium: '/bin/true' });
    assert.ok(!silent.ok && silent.problem.code === 'pdf-print-failed', JSON.stringify(silent));
    assert.match(silent.problem.message.zh, /未生成 PDF 文件/);
  });
});

/** A portrait report with the long table on landscape pages between two paragraphs. */
const LANDSCAPE_DOC: Doc = {
  meta: { title: '横表', layout: 'report' },
  blocks: [
    { kind: 'paragraph', runs: ['横表之前的正文。'] },
    ...LONG_TABLE_DOC.blocks.flatMap((b) => (b.kind === 'table' ? [{ ...b, table: { ...b.table, landscape: true } }] : [])),
    { kind: 'paragraph', runs: ['横表之后的正文。'] },
  ],
};

describe('printPdf: the sample document through Chromium', () => {
  let dir = '';
  let samplePath = '';
  let longPath = '';
  let sample: PdfResult | undefined;
  let long: PdfResult | undefined;
  let wide: PdfResult | undefined;
  let widePath = '';
  let tempBefore = new Set<string>();

  before(async () => {
    tempBefore = jixiaoTempDirs();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-pdf-test-'));
    sample = await printPdf(renderHtml(SAMPLE_DOC));
    if (sample.ok) {
      samplePath = path.join(dir, 'sample.pdf');
      fs.writeFileSync(samplePath, sample.bytes);
    }
    long = await printPdf(renderHtml(LONG_TABLE_DOC));
    if (long.ok) {
      longPath = path.join(dir, 'long.pdf');
      fs.writeFileSync(longPath, long.bytes);
    }
    wide = await printPdf(renderHtml(LANDSCAPE_DOC));
    if (wide.ok) {
      widePath = path.join(dir, 'wide.pdf');
      fs.writeFileSync(widePath, wide.bytes);
    }
  });

  after(() => {
    if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints a PDF', (t) => {
    const r = expectPrinted(sample);
    assert.equal(Buffer.from(r.bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
    t.diagnostic(`sample document printed in ${r.ms} ms (${r.bytes.length} bytes)`);
  });

  it('has the text and the figures (pdftotext -layout)', () => {
    expectPrinted(sample);
    const txt = tool('pdftotext', ['-layout', samplePath, '-']);
    for (const s of ['部门整体支出绩效自评报告', '一、部门基本情况', '3,916.29', '705,466.40', '80.86%', '表 3：项目支出情况']) {
      assert.ok(txt.includes(s), `missing ${s}`);
    }
    assert.ok(!txt.includes('基本信息'), 'the workbook-only table is not printed');
  });

  it('is A4 and runs over several pages, numbered "— n —"', () => {
    expectPrinted(sample);
    const info = tool('pdfinfo', [samplePath]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '0');
    assert.ok(pages >= 2, `pages: ${pages}`);
    assert.match(info, /^Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/m);
    assert.match(info, /^Title:\s+2023 年度某区应急管理局部门整体支出绩效自评报告$/m);
    const page2 = tool('pdftotext', ['-layout', '-f', '2', '-l', '2', samplePath, '-']);
    assert.match(page2, /—\s*2\s*—/);
  });

  it('embeds the Noto CJK fonts as outlines with a Unicode map (pdffonts)', () => {
    const r = expectPrinted(sample);
    const fonts = tool('pdffonts', [samplePath])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    assert.ok(fonts.length > 0, 'no fonts');
    for (const line of fonts) {
      // name type… encoding emb sub uni objectID gen: the three yes/no columns come before the object id.
      const cols = line.trim().split(/\s+/);
      const [emb, , uni] = cols.slice(-5, -2);
      assert.equal(emb, 'yes', `not embedded: ${line}`);
      assert.equal(uni, 'yes', `no ToUnicode (text would not copy): ${line}`);
    }
    // Skia writes OpenType/CFF fonts such as Noto CJK as Type 3 fonts (pdffonts shows "[none]"), but keeps the
    // font's name in the font descriptor; a TrueType font keeps its name in pdffonts.
    const raw = Buffer.from(r.bytes).toString('latin1');
    const names = [...raw.matchAll(/\/FontName\s*\/([A-Z]{6}\+)?([^\s/>]+)/g)].map((m) => m[2] ?? '');
    assert.ok(names.some((n) => /Noto(Serif|Sans)CJK/i.test(n)), `no Noto CJK font: ${names.join(', ')} — ${INSTALL}`);
    assert.ok(names.some((n) => /NotoSerifCJK/i.test(n)), `body text (仿宋 → Noto Serif CJK SC): ${names.join(', ')}`);
    assert.ok(names.some((n) => /NotoSansCJK/i.test(n)), `headings (黑体 → Noto Sans CJK SC): ${names.join(', ')}`);
    // No bitmap glyphs: a Type 3 font made of images would print blurred.
    const images = tool('pdfimages', ['-list', samplePath]).split('\n').slice(2).filter((l) => l.trim() !== '');
    assert.deepEqual(images, [], 'no raster images in the PDF');
  });

  it('repeats both header rows of a long table on every page', () => {
    expectPrinted(long);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(tool('pdfinfo', [longPath]))?.[1] ?? '0');
    assert.ok(pages >= 3, `pages: ${pages}`);
    for (let p = 2; p <= pages; p++) {
      const txt = tool('pdftotext', ['-layout', '-f', String(p), '-l', String(p), longPath, '-']);
      assert.ok(txt.includes('金额与说明') && txt.includes('备注栏'), `page ${p} has no header`);
      assert.match(txt, new RegExp(`—\\s*${p}\\s*—`));
    }
  });

  it('prints a landscape table on landscape pages between portrait ones, numbering on', () => {
    expectPrinted(wide);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(tool('pdfinfo', [widePath]))?.[1] ?? '0');
    assert.ok(pages >= 3, `pages: ${pages}`);
    const info = tool('pdfinfo', ['-f', '1', '-l', String(pages), widePath]);
    const sizes = [...info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ page: Number(m[1]), w: Number(m[2]), h: Number(m[3]) }));
    assert.equal(sizes.length, pages);
    const portrait = (s: { w: number; h: number }): boolean => Math.abs(s.w - 595.92) < 1.5 && Math.abs(s.h - 841.92) < 1.5;
    const landscape = (s: { w: number; h: number }): boolean => Math.abs(s.w - 841.92) < 1.5 && Math.abs(s.h - 595.92) < 1.5;
    assert.ok(portrait(sizes[0]!), `page 1 is portrait: ${JSON.stringify(sizes[0])}`);
    assert.ok(portrait(sizes[pages - 1]!), `the last page is portrait: ${JSON.stringify(sizes[pages - 1])}`);
    const wides = sizes.filter(landscape).map((s) => s.page);
    assert.ok(wides.length >= 1 && wides.length === pages - 2, `landscape pages: ${wides.join(', ')}`);
    for (const p of wides) {
      const txt = tool('pdftotext', ['-layout', '-f', String(p), '-l', String(p), widePath, '-']);
      assert.ok(txt.includes('金额与说明'), `page ${p} has the header`);
      assert.match(txt, new RegExp(`—\\s*${p}\\s*—`), `page ${p} is numbered ${p}`);
    }
    assert.ok(tool('pdftotext', ['-f', '1', '-l', '1', widePath, '-']).includes('横表之前'));
    assert.ok(tool('pdftotext', ['-f', String(pages), '-l', String(pages), widePath, '-']).includes('横表之后'));
  });

  it('stops a browser that takes too long, and leaves no temporary folder behind', async () => {
    const r = await printPdf(renderHtml(SAMPLE_DOC), { timeoutMs: 1 });
    assert.ok(!r.ok && r.problem.code === 'pdf-timeout', JSON.stringify(r));
    assert.match(r.problem.message.zh, /超时/);
    const left = [...jixiaoTempDirs()].filter((n) => !tempBefore.has(n) && !n.startsWith('jixiao-pdf-test-'));
    assert.deepEqual(left, []);
  });
});
