/**
 * validate, compute and score: parse flags (done by main), call the core, print text or JSON.
 */
import { z } from 'zod';
import { type ComputedFigure, computeAll, uncomparedPrinted } from '../../core/compute/compute.ts';
import { sub, toDecimalString, toPlainString } from '../../core/exact.ts';
import { type Locator, displayOf, figureJson, scoreJson } from '../../core/json.ts';
import type { Lang } from '../../core/messages.ts';
import { formatProblem } from '../../core/messages.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import { type Problem, formatPath } from '../../core/problem.ts';
import { type ItemScore, type ScoreReport, difference, scoreEvaluation } from '../../core/rubric/engine.ts';
import type { Rubric } from '../../core/rubric/schema.ts';
import type { LoadedEvaluation } from '../../ingest/evaluation-file.ts';
import { type Context, EXIT, printJson, printProblems, problemJson } from '../context.ts';
import { findRubric, loadEvaluationFile } from '../../ingest/files.ts';
import { label } from '../labels.ts';
import { type Column, renderTable } from '../text-table.ts';

// Why: a command reads one or a few files and exits; zod's compiled fast path costs more to build than it saves on
// one parse (bench: start-up of compute, about a fifth of its CPU). Long-running callers keep the compiled path.
z.config({ jitless: true });

type Loaded = Extract<LoadedEvaluation, { ok: true }>;

export function locatorOf(loaded: Loaded): Locator {
  return (path) => {
    const pos = loaded.text.locate(path);
    return pos ? { file: loaded.file, line: pos.line, column: pos.column } : { file: loaded.file };
  };
}

export function title(e: Evaluation, lang: Lang): string {
  const name = e.department.name ?? label('unnamed', lang);
  return lang === 'zh' ? `${name} · ${e.year} 年度` : `${name} · ${e.year}`;
}

/**
 * The file's own problems (errors), then — when it is valid and names a rubric — how its self-scores sit with that
 * rubric (warnings: items the rubric does not know, scores above weight, totals that differ). An unknown rubric is
 * an error.
 */
function checkFile(ctx: Context, file: string): { file: string; ok: boolean; title?: string; errors: Problem[]; warnings: Problem[] } {
  const r = loadEvaluationFile(file);
  if (!r.ok) return { file, ok: false, errors: r.problems, warnings: [] };
  const name = title(r.evaluation, ctx.options.lang);
  if (!ctx.options.rubric && !r.evaluation.rubric) return { file, ok: true, title: name, errors: [], warnings: [] };
  const rubric = rubricFor(ctx, r.evaluation);
  if (!rubric.ok) return { file, ok: false, title: name, errors: placed(r, rubric.problems), warnings: [] };
  return { file, ok: true, title: name, errors: [], warnings: placed(r, scoreEvaluation(r.evaluation, rubric.rubric).problems) };
}

function placed(loaded: Loaded, problems: readonly Problem[]): Problem[] {
  const locate = locatorOf(loaded);
  return problems.map((p) => {
    if (p.file) return p;
    const loc = p.path.length ? locate(p.path) : undefined;
    return { ...p, file: loaded.file, ...(loc?.line ? { line: loc.line, column: loc.column ?? 1 } : {}) };
  });
}

export function validateCommand(ctx: Context, files: readonly string[]): number {
  const { lang } = ctx.options;
  const results = files.map((f) => checkFile(ctx, f));
  if (ctx.options.json) {
    printJson(
      ctx,
      results.map((r) => ({ file: r.file, valid: r.ok, problems: r.errors.map((p) => problemJson(p, lang)), warnings: r.warnings.map((p) => problemJson(p, lang)) })),
    );
  } else {
    for (const r of results) {
      if (lang === 'zh') {
        if (r.ok) ctx.out(`✓ ${r.file}：有效（${r.title}）`);
        else ctx.out(`✗ ${r.file}：无效，${r.errors.length} 个问题`);
      } else if (r.ok) ctx.out(`✓ ${r.file}: valid (${r.title})`);
      else ctx.out(`✗ ${r.file}: invalid, ${r.errors.length} problem(s)`);
      for (const p of r.errors) ctx.out(`    ${formatProblem(p, lang)}`);
      for (const p of r.warnings) ctx.out(`    ! ${formatProblem(p, lang)}`);
    }
  }
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.badInput;
}

function loadOrReport(ctx: Context, file: string): Loaded | undefined {
  const r = loadEvaluationFile(file);
  if (r.ok) return r;
  if (ctx.options.json) printJson(ctx, { file, valid: false, problems: r.problems.map((p) => problemJson(p, ctx.options.lang)) });
  else printProblems(ctx, r.problems);
  return undefined;
}

const MARK: Record<ComputedFigure['comparison'], string> = { match: '✓', differs: '✗', 'printed-not-applicable': '!', 'not-printed': '·' };

function inputsText(f: ComputedFigure, lang: Lang): string {
  if (f.inputs.length > 4) return lang === 'zh' ? `Σ ${f.inputs.length} 项` : `Σ of ${f.inputs.length}`;
  const fmt = (i: ComputedFigure['inputs'][number]) => `${i.label[lang]} ${i.unit ? `${toDecimalString(i.value, 2)} ${i.unit}` : toPlainString(i.value)}`;
  return f.inputs.map(fmt).join(lang === 'zh' ? '，' : ', ');
}

export function computeCommand(ctx: Context, file: string): number {
  const loaded = loadOrReport(ctx, file);
  if (!loaded) return EXIT.badInput;
  const figures = computeAll(loaded.evaluation);
  const { lang } = ctx.options;
  if (ctx.options.json) {
    const locate = locatorOf(loaded);
    printJson(ctx, {
      file,
      department: loaded.evaluation.department.name ?? null,
      year: loaded.evaluation.year,
      figures: (ctx.options.mismatchesOnly ? figures.filter((f) => f.comparison === 'differs' || f.comparison === 'printed-not-applicable') : figures).map((f) => figureJson(f, locate)),
      counts: counts(figures),
      uncompared: uncomparedPrinted(loaded.evaluation, figures).map((u) => ({ path: formatPath(u.path), text: u.text, location: locate(u.path) ?? null })),
    });
    return EXIT.ok;
  }
  ctx.out(`${title(loaded.evaluation, lang)} — ${file}`);
  ctx.out('');
  const wrong = (f: ComputedFigure) => f.comparison === 'differs' || f.comparison === 'printed-not-applicable';
  for (const f of ctx.options.mismatchesOnly ? figures.filter(wrong) : figures) {
    const printed = f.printed ? `  ${label('printed', lang)} ${f.printed.text}` : '';
    const flag = f.comparison === 'differs' || f.comparison === 'printed-not-applicable' ? `  ← ${label(f.comparison, lang)}` : '';
    ctx.out(`${MARK[f.comparison]} ${f.subject.label[lang]} · ${f.name[lang]}  ${displayOf(f.outcome, f.output)}${printed}${flag}`);
    const sep = lang === 'zh' ? '；' : '; ';
    ctx.out(`    ${f.formula[lang]}${f.inputs.length ? `${sep}${inputsText(f, lang)}` : ''}`);
    if (f.comparison === 'differs' && f.alternatives?.length) {
      ctx.out(`    ${label('otherVariants', lang)}${lang === 'zh' ? '：' : ': '}${f.alternatives.map((a) => `${a.name[lang]} ${displayOf(a.outcome, f.output)}`).join(sep)}`);
    }
  }
  const c = counts(figures);
  const unchecked = uncomparedPrinted(loaded.evaluation, figures);
  if (unchecked.length) {
    ctx.out('');
    ctx.out(lang === 'zh' ? `另有 ${unchecked.length} 个印出值未能核对（该处不计算此指标，或缺少输入）：` : `${unchecked.length} printed values could not be checked (not computed there, or an input is missing):`);
    for (const u of unchecked) ctx.out(`  ? ${formatPath(u.path)} = ${u.text}`);
  }
  ctx.out('');
  ctx.out(
    lang === 'zh'
      ? `共 ${c.total} 项计算：印出值一致 ${c.match}，不符 ${c.differs}，不适用却印出数值 ${c.printedNotApplicable}，未印出 ${c.notPrinted}`
      : `${c.total} figures: ${c.match} match what was printed, ${c.differs} differ, ${c.printedNotApplicable} printed where not applicable, ${c.notPrinted} not printed`,
  );
  return EXIT.ok;
}

export function counts(figures: readonly ComputedFigure[]) {
  return {
    total: figures.length,
    match: figures.filter((f) => f.comparison === 'match').length,
    differs: figures.filter((f) => f.comparison === 'differs').length,
    printedNotApplicable: figures.filter((f) => f.comparison === 'printed-not-applicable').length,
    notPrinted: figures.filter((f) => f.comparison === 'not-printed').length,
  };
}

/** The rubric for an evaluation: --rubric, else the file's own rubric field. */
export function rubricFor(ctx: Context, e: Evaluation): { ok: true; rubric: Rubric } | { ok: false; problems: Problem[] } {
  const id = ctx.options.rubric ?? e.rubric;
  if (!id) return { ok: false, problems: [{ code: 'no-rubric', path: ['rubric'], params: {} }] };
  const r = findRubric(id);
  if (r.ok) return { ok: true, rubric: r.rubric };
  // An unknown id named by the file points at its rubric field; one given with --rubric has no place in the file.
  const fromFile = !ctx.options.rubric;
  return { ok: false, problems: r.problems.map((p) => (p.code === 'unknown-rubric' && fromFile ? { ...p, path: ['rubric'] } : p)) };
}

const fmt = (x: ItemScore['self']) => (x === undefined ? '—' : toPlainString(x));

function scoreRows(items: readonly ItemScore[], lang: Lang, depth = 0): string[][] {
  return items.flatMap((i) => {
    const d = difference(i);
    const row = [
      `${'  '.repeat(depth)}${i.path[i.path.length - 1] ?? ''}`,
      toPlainString(i.weight),
      fmt(i.self),
      fmt(i.computed),
      d && d.n !== 0n ? toPlainString(d) : '',
      i.children ? '' : i.verifiable ? label('yes', lang) : label('no', lang),
      i.children ? '' : (i.basis?.[lang] ?? ''),
    ];
    return [row, ...(i.children ? scoreRows(i.children, lang, depth + 1) : [])];
  });
}

export function renderScore(report: ScoreReport, lang: Lang): string {
  const columns: Column[] = [
    { header: label('item', lang), max: 34 },
    { header: label('weight', lang), align: 'right' },
    { header: label('self', lang), align: 'right' },
    { header: label('review', lang), align: 'right' },
    { header: label('diff', lang), align: 'right' },
    { header: label('verifiable', lang) },
    { header: label('basis', lang), max: 46 },
  ];
  const rows = scoreRows(report.items, lang);
  const t = report.total;
  const td = t.self ? toPlainString(sub(t.computed, t.self)) : '';
  rows.push([label('total', lang), toPlainString(t.weight), fmt(t.self), toPlainString(t.computed), td === '0' ? '' : td, '', '']);
  const g = report.grade;
  const gradeLine =
    lang === 'zh'
      ? `${label('grade', lang)}：自评 ${g.self?.zh ?? '—'}，复核 ${g.computed?.zh ?? `无法评定（${toPlainString(report.unscoredWeight)} 分的评分项既无数据也无自评）`}${report.vetoed ? '（一票否决）' : ''}`
      : `${label('grade', lang)}: self ${g.self?.en ?? '—'}, computed ${g.computed?.en ?? `not gradable (${toPlainString(report.unscoredWeight)} points have neither data nor a self-score)`}${report.vetoed ? ' (vetoed)' : ''}`;
  const head = lang === 'zh' ? `${label('rubric', lang)}：${report.rubric.name}（${report.rubric.id}）` : `${label('rubric', lang)}: ${report.rubric.name} (${report.rubric.id})`;
  return `${head}\n\n${renderTable(columns, rows)}\n\n${gradeLine}`;
}

export function scoreCommand(ctx: Context, file: string): number {
  const loaded = loadOrReport(ctx, file);
  if (!loaded) return EXIT.badInput;
  const r = rubricFor(ctx, loaded.evaluation);
  if (!r.ok) {
    const problems = placed(loaded, r.problems);
    if (ctx.options.json) printJson(ctx, { file, problems: problems.map((p) => problemJson(p, ctx.options.lang)) });
    else printProblems(ctx, problems);
    return EXIT.badInput;
  }
  const report = scoreEvaluation(loaded.evaluation, r.rubric);
  const notes = placed(loaded, report.problems);
  if (ctx.options.json) {
    printJson(ctx, { file, ...scoreJson(report), problems: notes.map((p) => problemJson(p, ctx.options.lang)) });
    return EXIT.ok;
  }
  ctx.out(`${title(loaded.evaluation, ctx.options.lang)} — ${file}`);
  ctx.out(renderScore(report, ctx.options.lang));
  if (notes.length) {
    ctx.out('');
    ctx.out(`${label('notes', ctx.options.lang)}${ctx.options.lang === 'zh' ? '：' : ':'}`);
    for (const p of notes) ctx.out(`  ! ${formatProblem(p, ctx.options.lang)}`);
  }
  return EXIT.ok;
}
