/**
 * jixiao audit --format html: the review letter and the batch page are the review templates laid out by the HTML
 * writer (the letter `jixiao render -t review` writes), and review files are never replaced without --force.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT, cliAsync } from './helpers.ts';

const SEEDS = join(ROOT, 'examples', 'seeds');
const seedFile = (n: string) => join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(n))!);
const OUT = mkdtempSync(join(tmpdir(), 'jixiao-audit-review-'));
after(() => rmSync(OUT, { recursive: true, force: true }));

describe('jixiao audit --format html', () => {
  it('prints the review letter of the review template: document, conclusion, findings by category with source text', async () => {
    const r = await cliAsync('audit', seedFile('000'), '--format', 'html');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^<!DOCTYPE html>/);
    for (const s of ['data-table="document"', '审核意见', '一、审核结论', '（一）前后一致性（3 条）', 'data-table="findings-cross-reference"', '启动应急响应', '广州市天河区应急管理局']) assert.ok(r.out.includes(s), s);
    const en = await cliAsync('audit', seedFile('000'), '--format', 'html', '--lang', 'en');
    assert.match(en.out, /<html lang="en">/);
    assert.ok(en.out.includes('Cross-reference'));
  });

  it('writes <name>.review.html with --out, refuses to replace it without --force, replaces it with --force', async () => {
    const dir = join(OUT, 'letters');
    const file = join(dir, `${basename(seedFile('000'), '.txt')}.review.html`);
    const first = await cliAsync('audit', seedFile('000'), '--format', 'html', '--out', dir);
    assert.equal(first.code, 0, first.err);
    assert.ok(readFileSync(file, 'utf8').includes('data-table="findings-cross-reference"'));
    writeFileSync(file, 'mine');
    const again = await cliAsync('audit', seedFile('000'), '--format', 'html', '--out', dir);
    assert.equal(again.code, 2);
    assert.ok(again.err.includes(`✗ ${file} 已存在，未覆盖（换一个 --out 目录，或加 --force 覆盖）`), again.err);
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    const forced = await cliAsync('audit', seedFile('000'), '--format', 'html', '--out', dir, '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.ok(readFileSync(file, 'utf8').startsWith('<!DOCTYPE html>'));
  });

  it('--summary writes the batch page (ranking, chart) and does not replace it without --force', async () => {
    const dir = join(OUT, 'batch');
    const file = join(dir, 'review-summary.html');
    const first = await cliAsync('audit', SEEDS, '--summary', '--format', 'html', '--out', dir);
    assert.equal(first.code, 3, first.err);
    const page = readFileSync(file, 'utf8');
    for (const s of ['审核汇总', 'data-table="totals"', 'data-table="ranking"', 'data-table="chart"', '深圳市龙岗区应急管理局', '93.86', 'class="fill alert"']) assert.ok(page.includes(s), s);
    writeFileSync(file, 'mine');
    const again = await cliAsync('audit', SEEDS, '--summary', '--format', 'html', '--out', dir);
    assert.equal(again.code, 3, 'the findings still decide the exit code');
    assert.match(again.err, /review-summary\.html 已存在，未覆盖/);
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    assert.equal((await cliAsync('audit', SEEDS, '--summary', '--format', 'html', '--out', dir, '--force')).code, 3);
    assert.ok(readFileSync(file, 'utf8').includes('data-table="ranking"'));
    assert.ok(!existsSync(join(dir, 'review-summary-2.html')));
  });
});
