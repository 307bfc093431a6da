/**
 * What a hostile or careless user tried (issue "Hardening"), each as it reaches the command line: no silent overwrite,
 * no injection through a file name, and a clear message or a correct result for inputs made to hurt.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { ROOT, cli, exampleFile } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-hardening-'));
after(() => rmSync(dir, { recursive: true, force: true }));
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

describe('the inputs made to hurt, each through the command a user would run', () => {
  test('a 50 MB one-line table: summary gives the figures it can read and a warning naming the cut line', async () => {
    const file = join(dir, 'one-line.txt');
    const cells = Array.from({ length: 60_000 }, (_, i) => `${i}.00`).join('\t');
    const line = `${cells}\t`.repeat(Math.ceil((50 * 1024 * 1024) / (cells.length + 1)));
    writeFileSync(file, `部门整体支出绩效自评表\n被评价年度\t2023\n${line}\n`);
    const r = await cli('import', file, '--out', join(dir, 'one-line'), '--json');
    const [res] = JSON.parse(r.out) as { ok: boolean; data?: { year?: number }; report?: { warnings: { code: string }[] } }[];
    assert.equal(res?.ok, true, r.out.slice(0, 400));
    assert.equal(res?.data?.year, 2023);
    const codes = new Set(res?.report?.warnings.map((w) => w.code));
    assert.ok(codes.has('line-too-many-cells') || codes.has('line-too-long'), [...codes].join(', '));
  });

  test('a table of 50,000 rows imports whole, every project with its figures', async () => {
    const seed001 = readFileSync(seed('001'), 'utf8').split('\n');
    const header = seed001.findIndex((l) => l.startsWith('项目支出\t项目名称'));
    assert.ok(header > 0, 'the seed has its project table');
    const rows = Array.from({ length: 50_000 }, (_, i) => `\t测试项目${i}经费\t办公室\t${1000 + i}.00\t0\t0\t${1000 + i}.00\t${900 + i}.00\t90.00%`);
    const file = join(dir, 'rows-50k.txt');
    writeFileSync(file, [...seed001.slice(0, header + 1), ...rows, ...seed001.slice(header + 1)].join('\n'));
    const r = await cli('summary', file, '--json');
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out) as { projects: { name: string; actual: string | null }[] };
    const made = s.projects.filter((p) => p.name.startsWith('测试项目'));
    assert.equal(made.length, 50_000);
    assert.equal(made[49_999]?.name, '测试项目49999经费');
  });

  test('5,000 lines repeating one row: the audit finishes and reports the conflict once', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `全年开展安全检查 ${i % 7 ? 40 : 41} 次，培训企业人员 1200 人次。`);
    const file = join(dir, 'repeated.txt');
    writeFileSync(file, `${readFileSync(seed('001'), 'utf8')}\n\n## 五、工作开展情况\n\n${lines.join('\n')}\n`);
    const r = await cli('audit', file, '--json');
    const report = JSON.parse(r.out) as { ok: boolean; findings: { rule: string; message: string }[] };
    assert.equal(report.ok, true);
    const conflicts = report.findings.filter((f) => f.rule === 'fact-conflict' && f.message.includes('安全检查'));
    assert.equal(conflicts.length, 1);
  });

  test('an amount of 128 KB of digits in an evaluation file: compute names the field and the digit limit', async () => {
    const file = join(dir, 'long-amount.yaml');
    writeFileSync(file, `department: { name: 测试局 }\nyear: 2023\nbudget:\n  initialBudget: 1${'9'.repeat(128 * 1024)}.5\n  adjustedBudget: 100\n`);
    const r = await cli('compute', file, '--json');
    assert.equal(r.code, 2);
    const json = JSON.parse(r.out) as { problems: { code: string; path: string; line?: number }[] };
    assert.deepEqual(json.problems.map((p) => [p.code, p.path, p.line]), [['number-too-long', 'budget.initialBudget', 4]]);
  });

  test('UTF-16 without a byte-order mark, UTF-8 with one bad byte, and Big5 each read as the text they are', async () => {
    const text = readFileSync(seed('004'), 'utf8');
    const le = join(dir, 'utf16-no-bom.txt');
    writeFileSync(le, Buffer.from(text, 'utf16le'));
    const damaged = Buffer.from(text, 'utf8');
    const at = damaged.indexOf(Buffer.from('预算执行', 'utf8'));
    damaged[at + 1] = 0xff;
    const bad = join(dir, 'one-bad-byte.txt');
    writeFileSync(bad, damaged);
    const plain = JSON.parse((await cli('summary', seed('004'), '--json')).out) as { budget: unknown; department: string };
    for (const f of [le, bad]) {
      const r = await cli('summary', f, '--json');
      assert.equal(r.code, 0, `${f}: ${r.err}`);
      const s = JSON.parse(r.out) as { budget: unknown; department: string };
      assert.deepEqual([s.department, s.budget], [plain.department, plain.budget], f);
    }
    const imported = JSON.parse((await cli('import', bad, '--out', join(dir, 'bad-byte'), '--json')).out) as { report: { warnings: { code: string; message: string }[] } }[];
    const w = imported[0]?.report.warnings.find((x) => x.code === 'text-invalid-bytes');
    assert.ok(w, 'the damaged byte is reported');
    const big5 = await cli('import', join(ROOT, 'test/fixtures/documents/encodings/traditional.big5.txt'), '--out', join(dir, 'big5'), '--json');
    const [b] = JSON.parse(big5.out) as { ok: boolean; report: { encoding: string | null } }[];
    assert.equal(b?.ok, true);
    assert.equal(b?.report.encoding, 'big5');
  });
});
