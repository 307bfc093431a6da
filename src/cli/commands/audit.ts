/**
 * jixiao audit FILE|DIR… [--rubric ID] [--json] [--format text|html] [--summary] [--out DIR] [--force] [--lang en]:
 * every finding of every rule, sorted by where it is in the document; with --summary, a ranked table of many
 * documents reviewed on worker threads. Exit 3 when any error finding is present, so scripts can gate on it.
 * --format html lays out the `review` template (the letter `jixiao render -t review` writes) or, with --summary, the
 * `review-summary` template; --out DIR writes them as files, never over an existing one without --force.
 */
import { basename, extname, join } from 'node:path';
import { CATEGORY_LABELS, SEVERITY_LABELS } from '../../core/audit/types.ts';
import type { Lang } from '../../core/messages.ts';
import { compareRanking } from '../../core/ranking.ts';
import { IMPORTABLE_EXTENSIONS } from '../../ingest/readers/read.ts';
import { renderHtml } from '../../render/html.ts';
import { reportGrade, reviewDoc } from '../../render/templates/review.ts';
import { type ReviewSummaryRow, reviewSummaryDoc } from '../../render/templates/review-summary.ts';
import { writeOutput } from '../write.ts';
import type { AuditReportJson, AuditResultJson, FindingJson, LocationJson } from '../../ingest/audit-file.ts';
import { type Context, EXIT, printJson } from '../context.ts';
import { withDocumentPool } from '../../ingest/pool/documents.ts';
import type { PoolLimits } from '../../ingest/pool/pool.ts';
import { collectInputs } from './import.ts';
import { type Column, renderTable, truncate } from '../text-table.ts';

export const EXIT_FINDINGS_ERROR = 3;

export interface AuditFlags {
  readonly format: 'text' | 'html';
  readonly summary: boolean;
  readonly out?: string;
  readonly limits: PoolLimits;
  /** Overwrite review files that exist (--force). */
  readonly force?: boolean;
}

const AUDITABLE = [...IMPORTABLE_EXTENSIONS, '.yaml', '.yml', '.json'];

/** Files named, and the documents and evaluation files inside named folders; our own reports are skipped. */
export function collectAuditInputs(args: readonly string[]): { files: string[]; missing: string[] } {
  return collectInputs(args, AUDITABLE, (name) => name.endsWith('.report.txt') || name.endsWith('.review.html'));
}

const T = {
  zh: {
    none: '没有可审核的文件（支持 .txt .md .html .docx .pdf .xlsx 及评价文件 .yaml .json）',
    missing: (f: string) => `✗ ${f}：找不到文件或文件夹`,
    progress: (i: number, n: number, f: string) => `审核 ${i}/${n} ${f}`,
    unnamed: '（未署名部门）',
    year: (y: number) => `${y} 年度`,
    scores: (s: string, c: string, m: string) => `自评 ${s} / 复核 ${c}（满分 ${m}）`,
    counts: (e: number, w: number, i: number) => `错误 ${e} · 警告 ${w} · 提示 ${i}`,
    clean: '未发现问题。',
    printed: '印出', computed: '计算/另处',
    line: (n: number) => `第 ${n} 行`, page: (n: number) => `第 ${n} 页`, row: (n: number) => `第 ${n} 行（表内）`, col: (n: number) => `第 ${n} 列`,
    wrote: (f: string) => `已写出审核意见 ${f}`,
    exists: (f: string) => `✗ ${f} 已存在，未覆盖（换一个 --out 目录，或加 --force 覆盖）`,
    unwritable: (f: string, detail: string) => `✗ ${f}：无法写入（${detail}）`,
    total: (n: number, e: number, w: number, bad: number) => `共 ${n} 份：错误 ${e} 条，警告 ${w} 条${bad ? `，无法审核 ${bad} 份` : ''}。`,
    head: ['序号', '部门', '年度', '版式', '自评分', '复核分', '错误', '警告', '提示', '文件'],
    failed: '无法审核',
  },
  en: {
    none: 'nothing to audit (.txt .md .html .docx .pdf .xlsx, or evaluation files .yaml .json)',
    missing: (f: string) => `✗ ${f}: no such file or folder`,
    progress: (i: number, n: number, f: string) => `auditing ${i}/${n} ${f}`,
    unnamed: '(unnamed department)',
    year: (y: number) => `${y}`,
    scores: (s: string, c: string, m: string) => `self ${s} / recomputed ${c} (of ${m})`,
    counts: (e: number, w: number, i: number) => `errors ${e} · warnings ${w} · info ${i}`,
    clean: 'No findings.',
    printed: 'printed', computed: 'computed/elsewhere',
    line: (n: number) => `line ${n}`, page: (n: number) => `page ${n}`, row: (n: number) => `table row ${n}`, col: (n: number) => `column ${n}`,
    wrote: (f: string) => `wrote review ${f}`,
    exists: (f: string) => `✗ ${f} exists and was not overwritten (choose another --out folder or pass --force)`,
    unwritable: (f: string, detail: string) => `✗ ${f}: could not be written (${detail})`,
    total: (n: number, e: number, w: number, bad: number) => `${n} documents: ${e} errors, ${w} warnings${bad ? `, ${bad} could not be audited` : ''}.`,
    head: ['#', 'department', 'year', 'kind', 'self', 'recomputed', 'errors', 'warnings', 'info', 'file'],
    failed: 'could not be audited',
  },
} as const;

const MARK = { error: '✗', warning: '!', info: '·' } as const;

function where(l: LocationJson, lang: Lang): string {
  const t = T[lang];
  const parts: string[] = [];
  if (l.page !== undefined) parts.push(t.page(l.page));
  if (l.line !== undefined) parts.push(t.line(l.line));
  else if (l.field) parts.push(l.field);
  if (l.column !== undefined && l.line !== undefined) parts.push(t.col(l.column));
  if (l.section) parts.push(l.section);
  if (l.table) parts.push(l.table);
  return parts.join(' · ');
}

export function findingText(f: FindingJson, lang: Lang): string[] {
  const t = T[lang];
  const lines = [`${MARK[f.severity]} ${SEVERITY_LABELS[f.severity][lang]} ${f.rule}（${CATEGORY_LABELS[f.category][lang]} · ${f.title}）`.replace('（', lang === 'zh' ? '（' : ' (').replace(/）$/, lang === 'zh' ? '）' : ')'), `  ${f.message}`];
  if (f.printed !== null || f.computed !== null) lines.push(`  ${t.printed} ${f.printed ?? '—'}    ${t.computed} ${f.computed ?? '—'}`);
  for (const l of f.locations) lines.push(`  ↳ ${where(l, lang)}${l.role ? `（${l.role[lang]}）` : ''}${l.text ? `  「${truncate(l.text.replace(/\s+/g, ' '), 90)}」` : ''}`);
  return lines;
}

function titleOf(r: AuditReportJson, lang: Lang): string {
  const name = r.department ?? T[lang].unnamed;
  return r.year ? `${name} · ${T[lang].year(r.year)}` : name;
}

function printReport(ctx: Context, r: AuditReportJson): void {
  const { lang } = ctx.options;
  const t = T[lang];
  ctx.out(`${titleOf(r, lang)} — ${r.file}（${r.documentKindLabel}）`);
  const head = [t.counts(r.counts.error, r.counts.warning, r.counts.info)];
  if (r.selfScore !== null || r.computedScore !== null) head.unshift(t.scores(r.selfScore ?? '—', r.computedScore ?? '—', r.maxScore ?? '—'));
  ctx.out(head.join('    '));
  ctx.out('');
  if (!r.findings.length) ctx.out(t.clean);
  for (const f of r.findings) {
    for (const line of findingText(f, lang)) ctx.out(line);
    ctx.out('');
  }
}

function problemsText(ctx: Context, r: Extract<AuditResultJson, { ok: false }>): void {
  for (const p of r.problems) ctx.err(`✗ ${r.file}：${p.message}${p.fix ? `\n  → ${p.fix}` : ''}`);
}

async function auditAll(ctx: Context, files: readonly string[], flags: AuditFlags): Promise<AuditResultJson[]> {
  const { lang } = ctx.options;
  const options = { lang, ...(ctx.options.rubric ? { rubric: ctx.options.rubric } : {}) };
  const tty = process.stderr.isTTY === true && !ctx.options.json;
  let done = 0;
  const results = await withDocumentPool(flags.limits, (pool) =>
    Promise.all(
      files.map(async (file) => {
        const r = await pool.audit({ file }, options);
        done++;
        if (tty) process.stderr.write(`\r\x1b[K${T[lang].progress(done, files.length, truncate(r.file, 50))}`);
        return r;
      }),
    ),
  );
  if (tty) process.stderr.write('\r\x1b[K');
  return results;
}

function rank(results: readonly AuditResultJson[], lang: Lang): ReviewSummaryRow[] {
  const rows = results.map((r): Omit<ReviewSummaryRow, 'rank'> =>
    r.ok
      ? { file: r.file, department: r.department, year: r.year, documentKind: r.documentKind, documentKindLabel: r.documentKindLabel, selfScore: r.selfScore, computedScore: r.computedScore, maxScore: r.maxScore, ...(reportGrade(r) !== null ? { grade: reportGrade(r) } : {}), errors: r.counts.error, warnings: r.counts.warning, infos: r.counts.info }
      : { file: r.file, department: null, year: null, documentKind: 'unknown', documentKindLabel: '', selfScore: null, computedScore: null, maxScore: null, errors: 0, warnings: 0, infos: 0, failed: r.problems.map((p) => p.message).join('；') || T[lang].failed },
  );
  // The core's ranking rule (shares of full marks, exact), failures last, then by file name.
  const sorted = rows.slice().sort((a, b) => Number(!!a.failed) - Number(!!b.failed) || compareRanking(a, b) || a.file.localeCompare(b.file));
  return sorted.map((r, i) => ({ rank: i + 1, ...r }));
}

function summaryTable(rows: readonly ReviewSummaryRow[], lang: Lang): string {
  const h = T[lang].head;
  const columns: Column[] = h.map((header, i) => ({ header, align: i === 0 || (i >= 4 && i <= 8) ? 'right' : 'left', ...(i === 1 ? { max: 28 } : i === 9 ? { max: 40 } : {}) }) as Column);
  return renderTable(columns, rows.map((r) => [String(r.rank), r.department ?? (r.failed ? T[lang].failed : T[lang].unnamed), r.year ? String(r.year) : '—', r.failed ? truncate(r.failed, 30) : r.documentKindLabel, r.selfScore ?? '—', r.computedScore ?? '—', String(r.errors), String(r.warnings), String(r.infos), r.file]));
}

/** Writes one review file; an existing one only with --force (never silently replaced). False when not written. */
function writeReview(ctx: Context, file: string, html: string, flags: AuditFlags): boolean {
  const t = T[ctx.options.lang];
  const saved = writeOutput(file, html, { force: flags.force === true });
  if (saved.ok) ctx.err(t.wrote(file));
  else ctx.err(saved.reason === 'exists' ? t.exists(file) : t.unwritable(file, saved.detail ?? ''));
  return saved.ok;
}

export async function auditCommand(ctx: Context, args: readonly string[], flags: AuditFlags): Promise<number> {
  const { lang } = ctx.options;
  const t = T[lang];
  const { files, missing } = collectAuditInputs(args);
  for (const m of missing) ctx.err(t.missing(m));
  if (!files.length) {
    if (!missing.length) ctx.err(t.none);
    return EXIT.badInput;
  }
  const results = await auditAll(ctx, files, flags);
  const anyError = results.some((r) => r.ok && r.counts.error > 0);
  const anyFailed = missing.length > 0 || results.some((r) => !r.ok);
  const exit = anyError ? EXIT_FINDINGS_ERROR : anyFailed ? EXIT.badInput : EXIT.ok;

  if (flags.summary) {
    const rows = rank(results, lang);
    if (ctx.options.json) printJson(ctx, { documents: rows.length, rows });
    else if (flags.format === 'html') {
      const html = renderHtml(reviewSummaryDoc(rows, lang));
      if (flags.out) {
        if (!writeReview(ctx, join(flags.out, 'review-summary.html'), html, flags)) return Math.max(exit, EXIT.badInput);
      } else ctx.out(html);
    } else {
      ctx.out(summaryTable(rows, lang));
      const ok = results.filter((r): r is AuditReportJson => r.ok);
      ctx.out('');
      ctx.out(t.total(results.length, ok.reduce((n, r) => n + r.counts.error, 0), ok.reduce((n, r) => n + r.counts.warning, 0), results.length - ok.length));
    }
    return exit;
  }

  if (ctx.options.json) {
    printJson(ctx, results.length === 1 ? results[0] : results);
    return exit;
  }
  if (flags.format === 'html') {
    const stems = new Map<string, number>();
    let refused = false;
    for (const r of results) {
      if (!r.ok) {
        problemsText(ctx, r);
        continue;
      }
      // The review letter of `jixiao render -t review`: one template, one HTML writer.
      const html = renderHtml(reviewDoc(r, { lang }).doc);
      if (!flags.out && results.length === 1) {
        ctx.out(html);
        continue;
      }
      const stem = basename(r.file, extname(r.file));
      const n = (stems.get(stem) ?? 0) + 1;
      stems.set(stem, n);
      if (!writeReview(ctx, join(flags.out ?? '.', `${stem}${n > 1 ? `-${n}` : ''}.review.html`), html, flags)) refused = true;
    }
    return refused ? Math.max(exit, EXIT.badInput) : exit;
  }
  results.forEach((r, i) => {
    if (i) ctx.out('────────────────────────────────────────');
    if (r.ok) printReport(ctx, r);
    else problemsText(ctx, r);
  });
  return exit;
}
