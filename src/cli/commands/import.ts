/**
 * jixiao import FILE|DIR… [--out DIR] [--force] [--timeout S] [--json]: each document → an evaluation file
 * (<name>.yaml, every imported figure with its source) and an extraction report (<name>.report.txt).
 * Documents are read on worker threads, one per core, each stopped after the time limit.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { stringify } from 'yaml';
import { type Lang, formatProblem } from '../../core/messages.ts';
import { oneLine } from '../../core/text/one-line.ts';
import { IMPORTABLE_EXTENSIONS } from '../../ingest/readers/read.ts';
import type { ImportReportJson, ImportResultJson } from '../../ingest/report.ts';
import { type Context, EXIT, printJson } from '../context.ts';
import { writeOutput } from '../write.ts';
import { withDocumentPool } from '../../ingest/pool/documents.ts';
import type { PoolLimits } from '../../ingest/pool/pool.ts';

export interface ImportFlags {
  readonly out?: string;
  readonly force: boolean;
  readonly limits: PoolLimits;
}

/** Files named on the command line, and the importable files inside named folders (recursively, sorted). */
export function collectInputs(args: readonly string[], extensions: readonly string[] = IMPORTABLE_EXTENSIONS, skip: (name: string) => boolean = () => false): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name.startsWith('~$') || skip(name)) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (extensions.includes(extname(name).toLowerCase())) files.push(p);
    }
  };
  for (const a of args) {
    if (!existsSync(a)) missing.push(a);
    else if (statSync(a).isDirectory()) walk(a);
    else files.push(a);
  }
  return { files, missing };
}

/** Output names: <stem>.yaml, made unique when two inputs share a stem (a.docx and a.pdf). */
function outputStems(files: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    // A control character in a file name (a newline, say) is legal on disk but not in a name a person reads.
    const stem = basename(f, extname(f)).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '_');
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    return n === 1 ? stem : `${stem}-${n}`;
  });
}

const T = {
  zh: {
    none: '没有可导入的文件（支持 .txt .md .html .docx .pdf .xlsx）',
    missing: (f: string) => `✗ ${f}：找不到文件或文件夹`,
    progress: (i: number, n: number, f: string) => `导入 ${i}/${n} ${f}`,
    ok: (f: string, out: string, r: ImportReportJson, title: string) => `✓ ${f} → ${out}（${r.documentKindLabel} · ${title}）提取 ${r.found.length} 项${r.missing.length ? `，未找到 ${r.missing.length} 项：${r.missing.join('、')}` : ''}`,
    invalid: '  ! 未找到被评价年度，评价文件需补填 year 后才能 compute/score',
    exists: (f: string) => `✗ ${f} 已存在，未覆盖（换一个 --out 目录，或加 --force 覆盖）`,
    total: (n: number, ok: number, bad: number, out: string) => `共 ${n} 个文件：成功 ${ok}，失败 ${bad}。输出目录 ${out}；每个文件的提取报告（字段、位置、原文）见 *.report.txt`,
  },
  en: {
    none: 'no importable files (.txt .md .html .docx .pdf .xlsx)',
    missing: (f: string) => `✗ ${f}: no such file or folder`,
    progress: (i: number, n: number, f: string) => `importing ${i}/${n} ${f}`,
    ok: (f: string, out: string, r: ImportReportJson, title: string) => `✓ ${f} → ${out} (${r.documentKindLabel} · ${title}) ${r.found.length} fields${r.missing.length ? `; not found: ${r.missing.join(', ')}` : ''}`,
    invalid: '  ! no evaluation year found; add year to the file before compute/score',
    exists: (f: string) => `✗ ${f} exists and was not overwritten (choose another --out or pass --force)`,
    total: (n: number, ok: number, bad: number, out: string) => `${n} files: ${ok} imported, ${bad} failed. Output folder ${out}; each file's extraction report (fields, locations, source text) is in *.report.txt`,
  },
} as const;

function titleOf(r: Extract<ImportResultJson, { ok: true }>, lang: Lang): string {
  const dept = (r.data['department'] as { name?: string } | undefined)?.name ?? (lang === 'zh' ? '（未署名部门）' : '(unnamed department)');
  const year = r.data['year'];
  return year === undefined ? dept : lang === 'zh' ? `${dept} · ${year} 年度` : `${dept} · ${year}`;
}

export async function importCommand(ctx: Context, args: readonly string[], flags: ImportFlags): Promise<number> {
  const { lang } = ctx.options;
  const t = T[lang];
  const { files, missing } = collectInputs(args);
  for (const m of missing) ctx.err(t.missing(m));
  if (!files.length) {
    ctx.err(`✗ ${t.none}`);
    return EXIT.badInput;
  }
  const outDir = flags.out ?? '.';
  mkdirSync(outDir, { recursive: true });
  const stems = outputStems(files);
  const showProgress = !ctx.options.json && files.length > 1 && Boolean(process.stderr.isTTY);
  let done = 0;
  const results = await withDocumentPool(flags.limits, (pool) =>
    Promise.all(
      files.map(async (file) => {
        const r = await pool.import({ file }, lang);
        done++;
        if (showProgress) process.stderr.write(`\r${t.progress(done, files.length, basename(r.file))}\x1b[K`);
        return r;
      }),
    ),
  );
  if (showProgress) process.stderr.write('\r\x1b[K');

  let failed = missing.length;
  const written: { file: string; yaml?: string; report?: string }[] = [];
  results.forEach((r, i) => {
    if (!r.ok) {
      failed++;
      if (!ctx.options.json) {
        ctx.out(`✗ ${r.file}：${r.problems.map((p) => `${p.message}${p.fix ? `（${p.fix}）` : ''}`).join('；')}`);
      }
      written.push({ file: r.file });
      return;
    }
    const yamlPath = join(outDir, `${stems[i]}.yaml`);
    const reportPath = join(outDir, `${stems[i]}.report.txt`);
    if (!flags.force && (existsSync(yamlPath) || existsSync(reportPath))) {
      failed++;
      ctx.out(t.exists(existsSync(yamlPath) ? yamlPath : reportPath));
      written.push({ file: r.file });
      return;
    }
    const wrote = [writeOutput(yamlPath, evaluationYaml(r, lang), { force: true }), writeOutput(reportPath, reportText(r.report, lang), { force: true })].find((w) => !w.ok);
    if (wrote && !wrote.ok) {
      failed++;
      ctx.out(`✗ ${yamlPath}：${formatProblem({ code: 'file-unwritable', path: [], params: { detail: wrote.detail ?? '' } }, lang)}`);
      written.push({ file: r.file });
      return;
    }
    written.push({ file: r.file, yaml: yamlPath, report: reportPath });
    if (!ctx.options.json) {
      ctx.out(t.ok(r.file, yamlPath, r.report, titleOf(r, lang)));
      if (!r.valid) ctx.out(t.invalid);
      for (const w of r.report.warnings) ctx.out(`  ! ${w.message}${w.fix ? `（${w.fix}）` : ''}`);
    }
  });
  if (ctx.options.json) printJson(ctx, results.map((r, i) => ({ ...r, output: written[i] ?? null })));
  else if (files.length > 1) ctx.out(t.total(files.length + missing.length, files.length - failed + missing.length, failed, outDir));
  return failed ? EXIT.badInput : EXIT.ok;
}

function evaluationYaml(r: Extract<ImportResultJson, { ok: true }>, lang: Lang): string {
  const head =
    lang === 'zh'
      ? `# 由 jixiao import 自 ${oneLine(r.file)} 导入（${r.report.documentKindLabel}）。请核对后使用：\n# 每个导入的数字带 source（原文位置与文字）；提取报告见同名 .report.txt。\n`
      : `# Imported by jixiao import from ${oneLine(r.file)} (${r.report.documentKindLabel}). Check before use:\n# every imported figure carries its source (location and text); see the .report.txt of the same name.\n`;
  return `${head}${stringify(r.data, { lineWidth: 0 })}`;
}

/** The extraction report a reviewer reads: every field with value, location and source text; what is missing. */
export function reportText(r: ImportReportJson, lang: Lang): string {
  const zh = lang === 'zh';
  const loc = (s: ImportReportJson['found'][number]['source']) =>
    [s.page !== undefined ? (zh ? `第 ${s.page} 页` : `p. ${s.page}`) : '', s.line !== undefined ? (zh ? `第 ${s.line} 行` : `line ${s.line}`) : '', s.table ? `${s.table}` : '', s.row !== undefined ? (zh ? `第 ${s.row} 行` : `row ${s.row}`) : '', s.column !== undefined ? (zh ? `第 ${s.column} 列` : `col ${s.column}`) : '']
      .filter(Boolean)
      .join(' ');
  const out: string[] = [];
  out.push(zh ? `jixiao 提取报告 — ${oneLine(r.file)}` : `jixiao extraction report — ${oneLine(r.file)}`);
  out.push(zh ? `格式 ${r.format}${r.encoding ? `（${r.encoding}）` : ''}，${r.lines} 行；版式 ${r.documentKindLabel}（${r.documentKind}；识别得分 ${JSON.stringify(r.kindScores)}）` : `format ${r.format}${r.encoding ? ` (${r.encoding})` : ''}, ${r.lines} lines; layout ${r.documentKindLabel} (${r.documentKind}; scores ${JSON.stringify(r.kindScores)})`);
  out.push('');
  out.push(zh ? `一、已提取字段（${r.found.length} 项）：字段 = 值 · 位置 · 原文` : `1. Fields found (${r.found.length}): field = value · location · source text`);
  for (const f of r.found) out.push(`  ${f.field} = ${f.value} · ${loc(f.source) || '—'}${f.source.section ? ` · ${f.source.section}` : ''}\n      「${f.source.text ?? ''}」`);
  out.push('');
  out.push(zh ? `二、此版式应有而未找到的字段（${r.missing.length} 项）` : `2. Expected fields not found (${r.missing.length})`);
  for (const m of r.missing) out.push(`  ${m}`);
  if (!r.missing.length) out.push(zh ? '  （无）' : '  (none)');
  out.push('');
  out.push(zh ? `三、警告（${r.warnings.length} 条）` : `3. Warnings (${r.warnings.length})`);
  for (const w of r.warnings) out.push(`  ${w.path ? `${w.path}：` : ''}${w.message}${w.fix ? `（${w.fix}）` : ''}`);
  if (!r.warnings.length) out.push(zh ? '  （无）' : '  (none)');
  out.push('');
  out.push(zh ? `四、叙述中的数字事实（${r.facts.length} 条，供审核比对）` : `4. Numeric facts of the narrative (${r.facts.length}, for the review to compare)`);
  for (const f of r.facts) out.push(`  ${f.subject} ${f.printed}${f.unit}${f.approximate ? (zh ? '（约）' : ' (approx.)') : ''} · ${loc(f.source) || '—'}`);
  return `${out.join('\n')}\n`;
}


