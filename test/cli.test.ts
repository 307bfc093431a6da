/**
 * The CLI as a user meets it: every command, --json and --lang en, exit codes 0/1/2, and one clear message per
 * bad input naming the file, the line and what to do — never a stack trace unless --debug.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { main } from '../src/cli/main.ts';
import { ROOT, cli, cliAsync, cliJson, exampleFile } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const GOOD = `department: { name: 测试局 }
year: 2022
rubric: longgang-2020
budget:
  initialBudget: 100
  adjustedBudget: 120
  actualSpending: 108
  printed: { executionRate: 90.00% }
`;

describe('validate', () => {
  test('a valid file: exit 0 and the department named', async () => {
    const r = await cli('validate', file('good.yaml', GOOD));
    assert.equal(r.code, 0);
    assert.match(r.out, /✓ .*good\.yaml：有效（测试局 · 2022 年度）/);
  });

  test('every example validates', async () => {
    for (const p of ['000', '001', '002', '003', '004']) assert.equal((await cli('validate', exampleFile(p))).code, 0, p);
  });

  test('malformed YAML: exit 2, file:line:column and the syntax problem', async () => {
    const r = await cli('validate', file('broken.yaml', 'department: {name: x\nyear: 2020\n'));
    assert.equal(r.code, 2);
    assert.match(r.out, /broken\.yaml:\d+:\d+ YAML\/JSON 语法错误/);
  });

  test('malformed JSON: exit 2 with a position', async () => {
    const r = await cli('validate', file('broken.json', '{"department": {}, "year": 2020,'));
    assert.equal(r.code, 2);
    assert.match(r.out, /broken\.json:\d+:\d+/);
  });

  test('wrong types, negative and non-numeric amounts, unknown units and fields: each named with its line and field', async () => {
    const text = `department: { name: 测试局 }
year: 二〇二二
budget:
  initialBudget: -5
  actualSpending: 一百
  adjustedBudget: { value: 10, unit: 美元 }
  colour: red
`;
    const r = await cli('validate', file('bad.yaml', text));
    assert.equal(r.code, 2);
    assert.match(r.out, /bad\.yaml:2:7 字段 year：“二〇二二”不是年度（写成四位年份，如 2022）/);
    assert.match(r.out, /bad\.yaml:4:\d+ 字段 budget\.initialBudget：金额不能为负数：-5/);
    assert.match(r.out, /bad\.yaml:5:\d+ 字段 budget\.actualSpending：“一百”不是金额/);
    assert.match(r.out, /bad\.yaml:6:\d+ 字段 budget\.adjustedBudget：未知金额单位“美元”（金额单位只能是 元 或 万元）/);
    assert.match(r.out, /bad\.yaml:7:\d+ 字段 budget\.colour：未知字段“colour”/);
    assert.doesNotMatch(r.out + r.err, /at .*\.ts:\d+/);
  });

  test('--json lists problems with code, message, fix, line and path', async () => {
    const { code, json } = (await cliJson<{ file: string; valid: boolean; problems: { code: string; line: number; path: string; fix?: string }[] }[]>(
      'validate',
      file('bad2.yaml', 'department: {}\nyear: 2020\nbudget: { initialBudget: abc }\n'),
    ));
    assert.equal(code, 2);
    assert.equal(json[0]?.valid, false);
    assert.deepEqual(
      json[0]?.problems.map((p) => [p.code, p.line, p.path]),
      [['not-an-amount', 3, 'budget.initialBudget']],
    );
    assert.ok(json[0]?.problems[0]?.fix);
  });

  test('--lang en speaks English', async () => {
    const r = await cli('validate', file('bad3.yaml', 'department: {}\nyear: 2020\nbudget: { initialBudget: abc }\n'), '--lang', 'en');
    assert.match(r.out, /field budget\.initialBudget: "abc" is not an amount \(write a number/);
  });

  test('empty file, binary file, missing file, wrong extension: exit 2 with a clear message', async () => {
    assert.match((await cli('validate', file('empty.yaml', ''))).out, /文件为空/);
    assert.match((await cli('validate', file('bin.yaml', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff])))).out, /文件不是文本（可能是二进制文件/);
    assert.match((await cli('validate', join(dir, 'nope.yaml'))).out, /找不到文件/);
    const r = await cli('validate', file('x.docx', 'x'));
    assert.equal(r.code, 2);
    assert.match(r.out, /不支持的文件类型“\.docx”/);
  });

  test('files saved as GBK or UTF-16 by Windows editors are read', async () => {
    const gbk = new Uint8Array([...Buffer.from('department: { name: ', 'latin1'), 0xca, 0xbe, 0xc0, 0xfd, 0xbe, 0xd6, ...Buffer.from(' }\nyear: 2022\n', 'latin1')]);
    const r = await cli('validate', file('gbk.yaml', Buffer.from(gbk)));
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /有效（示例局 · 2022 年度）/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('department: { name: 示例局 }\nyear: 2022\n', 'utf16le')]);
    assert.equal((await cli('validate', file('utf16.yaml', utf16))).code, 0);
  });

  test('a YAML alias bomb is refused, not expanded', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const r = await cli('validate', file('bomb.yaml', `${bomb.join('\n')}\n`));
    assert.equal(r.code, 2);
    assert.match(r.out, /别名炸弹/);
  });
});

describe('compute', () => {
  test('shows formula, inputs, printed and computed values and marks mismatches', async () => {
    const r = await cli('compute', exampleFile('004'));
    assert.equal(r.code, 0);
    assert.match(r.out, /✗ 政府采购 · 政府采购执行率 {2}110\.12% {2}印出值 90\.81% {2}← 不符/);
    assert.match(r.out, /实际采购金额 ÷ 采购预算金额 × 100%；实际采购金额 1973\.09 万元，采购预算金额 1791\.71 万元/);
    assert.match(r.out, /✓ 部门预算 · 预算调整率（龙岗） {2}7\.78%/);
  });

  test('--json gives each figure with formula, inputs with provenance, printed and comparison', async () => {
    const { code, json } = (await cliJson<{
      figures: {
        family: string;
        display: string;
        comparison: string;
        printed: { text: string; location?: { line: number } } | null;
        inputs: { value: string; unit?: string; provenance: { kind: string; line?: number; source?: { text?: string } } }[];
      }[];
    }>('compute', exampleFile('004')));
    assert.equal(code, 0);
    const proc = json.figures.find((f) => f.family === 'procurementExecutionRate');
    assert.ok(proc);
    assert.equal(proc.display, '110.12%');
    assert.equal(proc.comparison, 'differs');
    assert.equal(proc.printed?.text, '90.81%');
    assert.ok(proc.printed?.location?.line);
    assert.deepEqual(
      proc.inputs.map((i) => [i.value, i.unit]),
      [['1973.09', '万元'], ['1791.71', '万元']],
    );
    assert.ok(proc.inputs.every((i) => i.provenance.kind === 'imported' || typeof i.provenance.line === 'number'));
  });

  test('a zero denominator shows "—", never NaN or Infinity', async () => {
    const r = await cli('compute', file('zero.yaml', 'department: {}\nyear: 2020\nbudget: { adjustedBudget: 0, actualSpending: 5 }\n'));
    assert.equal(r.code, 0);
    assert.match(r.out, /预算执行率（支出率、预算完成率） {2}—/);
    assert.doesNotMatch(r.out, /NaN|Infinity/);
  });
});

describe('score', () => {
  test('prints the rubric tree with weight, self, computed, difference and the grade', async () => {
    const r = await cli('score', exampleFile('004'));
    assert.equal(r.code, 0);
    assert.match(r.out, /政府采购执行率\s+2\s+1\.82\s+0\s+-1\.82\s+是\s+110\.12% 高于 100\.00%，得 0 分/);
    assert.match(r.out, /合计\s+100\s+95\.68\s+93\.86\s+-1\.82/);
    assert.match(r.out, /等级：自评 优，复核 优/);
  });

  test('--lang en', async () => {
    assert.match((await cli('score', exampleFile('004'), '--lang', 'en')).out, /Grade: self excellent, computed excellent/);
  });

  test('an unknown rubric: exit 2 and what to do', async () => {
    const r = await cli('score', exampleFile('004'), '--rubric', 'nowhere-1999');
    assert.equal(r.code, 2);
    assert.match(r.err, /未知评分标准“nowhere-1999”（用 jixiao rubrics 查看可用的评分标准/);
  });

  test('an evaluation without a rubric: exit 2 naming the field', async () => {
    const r = await cli('score', file('norubric.yaml', 'department: {}\nyear: 2020\n'));
    assert.equal(r.code, 2);
    assert.match(r.err, /no-rubric|未指定评分标准/);
  });

  test('a rubric file whose weights do not add up: file, line and the sums', async () => {
    const rubric = `id: bad-rubric
name: 错误示例
total: 100
items:
  - name: 甲
    weight: 60
    items:
      - { name: 子一, weight: 30, method: judgement }
      - { name: 子二, weight: 20, method: judgement }
  - { name: 乙, weight: 40, method: bogus }
`;
    const rf = file('bad-rubric.yaml', rubric);
    const r1 = await cli('score', file('e.yaml', 'department: {}\nyear: 2020\n'), '--rubric', rf);
    assert.equal(r1.code, 2);
    assert.match(r1.err, /bad-rubric\.yaml:10:\d+ 字段 items\[1\]\.method：未知评分方法“bogus”/);
    const r2 = await cli('score', file('e2.yaml', 'department: {}\nyear: 2020\n'), '--rubric', file('bad-rubric2.yaml', rubric.replace('bogus', 'judgement')));
    assert.match(r2.err, /bad-rubric2\.yaml:8:\d+ 字段 items\[0\]\.items：“甲”的下级分值合计 50，与其分值 60 不符/);
  });
});

describe('aggregate', () => {
  test('writes the department aggregated from its units, which then validates and computes', async () => {
    const out = join(dir, 'aggregated.yaml');
    const r = await cli('aggregate', join(ROOT, 'test/fixtures/department-with-units.yaml'), '-o', out);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /已汇总 2 个下属单位/);
    assert.equal((await cli('validate', out)).code, 0);
    const { json } = await cliJson<{ figures: { family: string; subject: { path: string }; display: string }[] }>('compute', out);
    const exec = json.figures.find((f) => f.family === 'executionRate' && f.subject.path === 'budget');
    assert.equal(exec?.display, '99.46%');
  });

  test('a file without subordinates: exit 2 and what to do', async () => {
    const r = await cli('aggregate', file('nosubs.yaml', 'department: {}\nyear: 2020\n'));
    assert.equal(r.code, 2);
    assert.match(r.err, /没有下属单位/);
  });
});

describe('rubrics, demo, usage', () => {
  test('rubrics lists the four built-in rubrics', async () => {
    const { code, json } = await cliJson<{ id: string; valid: boolean }[]>('rubrics');
    assert.equal(code, 0);
    assert.deepEqual(json.map((r) => r.id).sort(), ['guangzhou-2023', 'longgang-2020', 'mof-2013', 'mof-2020']);
    assert.ok(json.every((r) => r.valid));
  });

  test('demo summarises every example, then imports and re-scores the original documents', async () => {
    const r = await cliAsync('demo');
    assert.equal(r.code, 0);
    assert.match(r.out, /004-longgang-report-2020\.yaml\s+深圳市龙岗区应急管理局\s+2020.*95\.68\s+93\.86\s+优/);
    assert.equal((r.out.match(/\.yaml/g) ?? []).length, 6, 'the five seed examples and the invented project form');
    // The original 004 read from its text gives the same self and computed totals as the hand-entered example.
    assert.match(r.out, /004_\S+\.txt\s+龙岗整体绩效\S*\s+深圳市龙岗区应急管理局\s+2020\s+\d+\s+\d+\s+longgang-2020\s+95\.68\s+93\.86/);
    assert.equal((r.out.match(/_\w+\.txt/g) ?? []).length, 5);
  });

  test('unknown command or option: exit 2 with a hint; --help exit 0', async () => {
    assert.equal((await cli('frobnicate')).code, 2);
    assert.match((await cli('frobnicate')).err, /未知命令“frobnicate”/);
    assert.equal((await cli('validate', '--bogus')).code, 2);
    assert.equal((await cli('--help')).code, 0);
    assert.match((await cli('--help', '--lang', 'en')).out, /Usage: jixiao/);
    assert.equal((await cli('compute')).code, 2);
  });

  test('an internal fault exits 1 without a stack trace, and with one under --debug', async () => {
    const err: string[] = [];
    const io = { out: () => { throw new Error('disk full'); }, err: (s: string) => err.push(s) };
    assert.equal(await main(['rubrics'], io), 1);
    assert.doesNotMatch(err.join('\n'), /at .*main\.ts/);
    err.length = 0;
    assert.equal(await main(['rubrics', '--debug'], io), 1);
    assert.match(err.join('\n'), /at /);
  });
});

describe('the installed bin', () => {
  test('bin/jixiao.js runs the built CLI (npm install builds it)', { skip: !existsSync(join(ROOT, 'dist/cli/main.js')) && 'dist not built' }, () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/jixiao.js'), 'score', exampleFile('004'), '--json'], { encoding: 'utf8' });
    assert.equal((JSON.parse(out) as { total: { self: string } }).total.self, '95.68');
    const bad = spawnSync(process.execPath, [join(ROOT, 'bin/jixiao.js'), 'validate', join(dir, 'nope.yaml')], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
  });
});

describe('validate against the named rubric', () => {
  test('self-scores the rubric does not know are warnings; an unknown rubric is an error', async () => {
    const r = await cli('validate', exampleFile('003'));
    assert.equal(r.code, 0);
    assert.match(r.out, /! .*003-framework-report-2022\.yaml:\d+:\d+ 字段 selfScores\.items\[0\]\.item：自评项“预算编审管理”在评分标准 mof-2013 中找不到/);
    const bad = await cli('validate', file('badrubric.yaml', 'department: {}\nyear: 2020\nrubric: nowhere-1999\n'));
    assert.equal(bad.code, 2);
    assert.match(bad.out, /未知评分标准“nowhere-1999”/);
  });
});

describe('compute --mismatches', () => {
  test('lists only the figures whose printed value is wrong, and the printed values it could not check', async () => {
    const r = await cli('compute', exampleFile('004'), '--mismatches');
    assert.equal(r.code, 0);
    assert.equal((r.out.match(/^[✓✗!·] /gm) ?? []).length, 1);
    assert.match(r.out, /✗ 政府采购 · 政府采购执行率/);
    const { json } = await cliJson<{ figures: unknown[]; counts: { total: number } }>('compute', exampleFile('004'), '--mismatches');
    assert.equal(json.figures.length, 1);
    assert.equal(json.counts.total, 32);
  });
});

test('jixiao layouts lists every layout of the registry, with its rubric and template', async () => {
  const { LAYOUTS } = await import('../src/core/layouts/index.ts');
  const { code, json } = await cliJson<{ id: string; subject: string; template: string }[]>('layouts');
  assert.equal(code, 0);
  assert.deepEqual(json.map((l) => l.id), [...LAYOUTS.map((l) => l.id), 'unknown']);
  assert.equal(json.find((l) => l.id === 'project-form')?.subject, 'project');
  const text = await cliAsync('layouts');
  assert.match(text.out, /项目支出绩效自评表/);
  assert.match(text.out, /docs\/layouts\.md/);
});
