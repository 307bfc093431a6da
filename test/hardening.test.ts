/**
 * What a hostile or careless user tried (issue "Hardening"), each as it reaches the command line: no silent overwrite,
 * no injection through a file name, and a clear message or a correct result for inputs made to hurt.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { ROOT, cli, exampleFile } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-hardening-'));
const SEED = join(ROOT, 'examples/seeds');
const seed = (prefix: string) => join(SEED, readdirSync(SEED).find((f) => f.startsWith(prefix))!);

describe('no silent overwrite', () => {
  test('aggregate -o onto an existing file — its own input even — is refused without --force, and the file is unchanged', async () => {
    const input = join(dir, 'units.yaml');
    copyFileSync(join(ROOT, 'test/fixtures/department-with-units.yaml'), input);
    const before = readFileSync(input, 'utf8');
    const r = await cli('aggregate', input, '-o', input);
    assert.equal(r.code, 2);
    assert.match(r.err, /已存在，未覆盖.*--force/s);
    assert.equal(readFileSync(input, 'utf8'), before);
    const forced = await cli('aggregate', input, '-o', join(dir, 'sum.yaml'));
    assert.equal(forced.code, 0, forced.err);
    assert.equal((await cli('aggregate', input, '-o', join(dir, 'sum.yaml'))).code, 2);
    assert.equal((await cli('aggregate', input, '-o', join(dir, 'sum.yaml'), '--force')).code, 0);
  });

  test('import and render keep an existing output unless --force is given', async () => {
    const out = join(dir, 'imported');
    assert.equal((await cli('import', seed('004'), '--out', out)).code, 0);
    const yaml = readdirSync(out).find((f) => f.endsWith('.yaml'))!;
    writeFileSync(join(out, yaml), '# mine\n');
    const again = await cli('import', seed('004'), '--out', out);
    assert.equal(again.code, 2);
    assert.match(again.out, /已存在，未覆盖/);
    assert.equal(readFileSync(join(out, yaml), 'utf8'), '# mine\n');
    assert.equal((await cli('import', seed('004'), '--out', out, '--force')).code, 0);
    assert.notEqual(readFileSync(join(out, yaml), 'utf8'), '# mine\n');

    const target = join(dir, 'form.html');
    writeFileSync(target, 'mine');
    const r = await cli('render', exampleFile('000'), '-o', target);
    assert.equal(r.code, 2);
    assert.equal(readFileSync(target, 'utf8'), 'mine');
    assert.equal((await cli('render', exampleFile('000'), '-o', target, '--force')).code, 0);
    assert.match(readFileSync(target, 'utf8'), /<html/i);
  });
});

describe('a file name is data, never structure', () => {
  test('a newline in an imported file name does not add keys to the evaluation file', async () => {
    const evil = join(dir, 'report\nmanagement:\n  staffing: { authorizedPosts: 1 }\n#.txt');
    copyFileSync(seed('000'), evil);
    const out = join(dir, 'evil-out');
    const r = await cli('import', evil, '--out', out);
    assert.equal(r.code, 0, r.out + r.err);
    const [yamlName] = readdirSync(out).filter((f) => f.endsWith('.yaml'));
    assert.ok(yamlName && !yamlName.includes('\n'), `output named ${JSON.stringify(yamlName)}`);
    const text = readFileSync(join(out, yamlName), 'utf8');
    const data = parse(text) as Record<string, unknown>;
    assert.equal((data['management'] as { staffing?: unknown } | undefined)?.staffing, undefined);
    assert.match(text.split('\n')[0]!, /report\\nmanagement:\\n {2}staffing/);
  });
});

describe('limits of the one worker pool', () => {
  test('a PDF that keeps pdf.js busy for minutes is stopped at the time limit and named', async () => {
    // broken-font.pdf takes pdf.js over 3 minutes of CPU before it gives up; 5 s is all it gets here. (That the rest
    // of a batch goes on after a stopped file is the pool's own test, src/ingest/pool/pool.test.ts.)
    const slow = join(ROOT, 'src/ingest/readers/testdata-pdf/broken-font.pdf');
    const r = await cli('import', slow, '--out', join(dir, 'limits'), '--timeout', '5', '--json');
    const [pdf] = JSON.parse(r.out) as { ok: boolean; problems?: { code: string; message: string }[] }[];
    assert.equal(pdf?.ok, false);
    assert.equal(pdf?.problems?.[0]?.code, 'import-timeout');
    assert.match(pdf?.problems?.[0]?.message ?? '', /超过 5 秒/);
    assert.equal(r.code, 2);
  });
});
