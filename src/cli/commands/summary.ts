/**
 * jixiao summary FILE [--json]: the summary of an importable document (imported in memory) or of an evaluation
 * file — department, year, kind, budget, printed rates, tasks, indicators, projects, self-score.
 */
import type { Lang } from '../../core/messages.ts';
import { formatProblem } from '../../core/messages.ts';
import { type Summary, summarize } from '../../core/summary.ts';
import { type Context, EXIT, printJson, printProblems, problemJson } from '../context.ts';
import { documentKindLabel } from '../../core/model/evaluation.ts';
import { withDocumentPool } from '../../ingest/pool/documents.ts';
import type { PoolLimits } from '../../ingest/pool/pool.ts';

export async function summaryCommand(ctx: Context, file: string, limits?: PoolLimits): Promise<number> {
  const { lang } = ctx.options;
  const r = await withDocumentPool(limits, (pool) => pool.load({ file }));
  if (!r.ok) return fail(ctx, file, r.problems);
  const summary: Summary = summarize(r.evaluation);
  if (ctx.options.json) printJson(ctx, summary);
  else ctx.out(summaryText(summary, file, lang));
  return EXIT.ok;
}

function fail(ctx: Context, file: string, problems: readonly Parameters<typeof formatProblem>[0][]): number {
  const placed = problems.map((p) => ({ ...p, file: p.file ?? file }));
  if (ctx.options.json) printJson(ctx, { file, problems: placed.map((p) => problemJson(p, ctx.options.lang)) });
  else printProblems(ctx, placed);
  return EXIT.badInput;
}

export function summaryText(s: Summary, file: string, lang: Lang): string {
  const zh = lang === 'zh';
  const none = '—';
  const v = (x: string | null, unit = '') => (x === null ? none : `${x}${unit}`);
  const out: string[] = [];
  out.push(`${s.department ?? (zh ? '（未署名部门）' : '(unnamed department)')} · ${s.year}${zh ? ' 年度' : ''} · ${documentKindLabel(s.documentKind, lang)} — ${file}`);
  out.push('');
  out.push(zh ? `预算（万元）  年初 ${v(s.budget.initial)}  调整后 ${v(s.budget.adjusted)}  实际支出 ${v(s.budget.actual)}` : `Budget (万元)  initial ${v(s.budget.initial)}  adjusted ${v(s.budget.adjusted)}  actual ${v(s.budget.actual)}`);
  out.push(zh ? `印出比率      预算完成率 ${v(s.printedRates.completion, '%')}  预算调整率 ${v(s.printedRates.adjustment, '%')}` : `Printed rates completion ${v(s.printedRates.completion, '%')}  adjustment ${v(s.printedRates.adjustment, '%')}`);
  out.push(zh ? `自评得分      ${s.selfScore ? `${s.selfScore.total}${s.selfScore.max ? ` / ${s.selfScore.max}` : ''}` : none}` : `Self-score    ${s.selfScore ? `${s.selfScore.total}${s.selfScore.max ? ` / ${s.selfScore.max}` : ''}` : none}`);
  if (s.tasks.length) {
    out.push('');
    out.push(zh ? `重点任务 ${s.tasks.length} 项` : `Key tasks: ${s.tasks.length}`);
    for (const t of s.tasks) {
      out.push(`  ${t.name}  ${v(t.amount, zh ? ' 万元' : ' 万元')}`);
      for (const k of t.indicators) out.push(`    · ${k.name}：${k.actual ?? none}`);
    }
  }
  if (s.indicators.length) {
    out.push('');
    out.push(zh ? `绩效指标 ${s.indicators.length} 个（一级 / 二级 / 三级：指标值 → 完成值）` : `Indicators: ${s.indicators.length} (level 1 / 2 / 3: target → actual)`);
    for (const i of s.indicators) out.push(`  ${i.level1 ?? none} / ${i.level2 ?? none} / ${i.name}：${i.target ?? none} → ${i.actual ?? none}`);
  }
  if (s.projects.length) {
    out.push('');
    out.push(zh ? `项目 ${s.projects.length} 个（万元：年初 / 调整后 / 实际，印出支出率）` : `Projects: ${s.projects.length} (万元: initial / adjusted / actual, printed rate)`);
    for (const p of s.projects) out.push(`  ${p.name}  ${v(p.initial)} / ${v(p.adjusted)} / ${v(p.actual)}  ${v(p.printedRate, '%')}`);
  }
  return out.join('\n');
}
