/** npm start: validate, compute and score every bundled example and print one summary table. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { computeAll } from '../../core/compute/compute.ts';
import { toPlainString } from '../../core/exact.ts';
import { formatProblem } from '../../core/messages.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import { scoreEvaluation } from '../../core/rubric/engine.ts';
import { type Context, EXIT, printJson, problemJson } from '../context.ts';
import { EXAMPLES_DIR, exampleFiles, loadEvaluationFile } from '../../ingest/files.ts';
import { parseEvaluation } from '../../core/model/parse.ts';
import { withDocumentPool } from '../../ingest/pool/documents.ts';
import { label } from '../labels.ts';
import { renderTable } from '../text-table.ts';
import { counts, rubricFor } from './evaluate.ts';

export async function demoCommand(ctx: Context, files: readonly string[] = exampleFiles(), seeds: readonly string[] = seedFiles()): Promise<number> {
  const { lang } = ctx.options;
  const rows: string[][] = [];
  const json: unknown[] = [];
  let failed = false;
  for (const file of files) {
    const loaded = loadEvaluationFile(file);
    if (!loaded.ok) {
      failed = true;
      json.push({ file, valid: false, problems: loaded.problems.map((p) => problemJson(p, lang)) });
      for (const p of loaded.problems) ctx.err(`✗ ${formatProblem(p, lang)}`);
      continue;
    }
    const e = loaded.evaluation;
    const { c, report, self } = computeAndScore(ctx, e, file);
    rows.push([
      basename(file),
      e.department.name ?? label('unnamed', lang),
      String(e.year),
      String(c.total),
      `${c.match}/${c.match + c.differs + c.printedNotApplicable}`,
      String(c.differs + c.printedNotApplicable),
      report?.rubric.id ?? '—',
      self ? toPlainString(self) : '—',
      report ? `${toPlainString(report.total.computed)}${report.grade.computed ? '' : '*'}` : '—',
      report?.grade.computed?.[lang] ?? (report ? (lang === 'zh' ? '不完整' : 'incomplete') : '—'),
    ]);
    json.push({
      file,
      department: e.department.name ?? null,
      year: e.year,
      figures: c,
      rubric: report?.rubric.id ?? null,
      selfTotal: self ? toPlainString(self) : null,
      computedTotal: report ? toPlainString(report.total.computed) : null,
      grade: report?.grade.computed?.zh ?? null,
      unscoredWeight: report ? toPlainString(report.unscoredWeight) : null,
    });
  }
  const imported = await importSeeds(ctx, seeds);
  if (ctx.options.json) {
    printJson(ctx, seeds.length ? { examples: json, imported: imported.json } : json);
  } else {
    ctx.out(lang === 'zh' ? `jixiao 示例：校验、计算并评分 ${files.length} 份自评（examples/）\n` : `jixiao examples: validated, computed and scored ${files.length} self-evaluations (examples/)\n`);
    ctx.out(
      renderTable(
        [
          { header: label('file', lang), max: 36 },
          { header: label('department', lang), max: 22 },
          { header: label('year', lang) },
          { header: label('figures', lang), align: 'right' },
          { header: label('printedChecked', lang), align: 'right' },
          { header: label('mismatches', lang), align: 'right' },
          { header: label('rubric', lang) },
          { header: label('selfTotal', lang), align: 'right' },
          { header: label('computedTotal', lang), align: 'right' },
          { header: label('grade', lang) },
        ],
        rows,
      ),
    );
    if (rows.some((r) => r[8]?.endsWith('*'))) {
      ctx.out(
        lang === 'zh'
          ? '\n* 部分评分项既无数据也无自评，复核总分只计已评部分，不评定等级。'
          : '\n* Some rubric items have neither data nor a self-score: the computed total covers the scored items only, and no grade is given.',
      );
    }
    if (imported.rows.length) {
      ctx.out(lang === 'zh' ? `\n导入原始材料：逐份读取 ${seeds.length} 份原文（examples/seeds/），提取、计算并按其评分标准复评\n` : `\nImported the ${seeds.length} original documents (examples/seeds/): extracted, computed and re-scored against their rubric\n`);
      ctx.out(
        renderTable(
          [
            { header: label('file', lang), max: 28 },
            { header: lang === 'zh' ? '版式' : 'Layout', max: 14 },
            { header: label('department', lang), max: 22 },
            { header: label('year', lang) },
            { header: lang === 'zh' ? '提取' : 'Fields', align: 'right' },
            { header: label('mismatches', lang), align: 'right' },
            { header: label('rubric', lang) },
            { header: label('selfTotal', lang), align: 'right' },
            { header: label('computedTotal', lang), align: 'right' },
          ],
          imported.rows,
        ),
      );
    }
    ctx.out(
      lang === 'zh'
        ? '\n详情：npx jixiao compute <文件>（每项公式、输入与印出值核对）；npx jixiao score <文件>（评分表）；npx jixiao import <文件或文件夹>\n多人填报与审核：npx jixiao serve --demo（服务器，载入这些示例和各角色的演示账户，见 README“服务器”一节）'
        : '\nDetails: npx jixiao compute <file> (formula, inputs and printed-value check of each figure); npx jixiao score <file> (the scorecard); npx jixiao import <file or folder>\nPreparation and review by many users: npx jixiao serve --demo (the server, with these examples and a demo account per role; see the README\'s server section)',
    );
  }
  return failed ? EXIT.badInput : EXIT.ok;
}

/** Every metric of an evaluation, and its score against its rubric (a rubric problem is said on stderr). */
function computeAndScore(ctx: Context, e: Evaluation, file: string) {
  const figures = computeAll(e);
  const c = counts(figures);
  const r = rubricFor(ctx, e);
  if (!r.ok) for (const p of r.problems) ctx.err(`! ${basename(file)}: ${formatProblem(p, ctx.options.lang)}`);
  const report = r.ok ? scoreEvaluation(e, r.rubric, figures) : undefined;
  return { c, report, self: report?.total.printedSelf ?? report?.total.self };
}

/** The original documents bundled with the examples (examples/seeds/). */
function seedFiles(): string[] {
  const dir = join(EXAMPLES_DIR, 'seeds');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f)) : [];
}

/** Each original document imported, computed and scored against the rubric the import chose. */
async function importSeeds(ctx: Context, seeds: readonly string[]): Promise<{ rows: string[][]; json: unknown[] }> {
  const { lang } = ctx.options;
  const rows: string[][] = [];
  const json: unknown[] = [];
  // Read on the document pool's workers like every other document (and two at a time on two cores).
  const results = await withDocumentPool(undefined, (pool) => Promise.all(seeds.map((file) => pool.import({ file }, lang))));
  results.forEach((r, i) => {
    const file = seeds[i]!;
    const parsed = r.ok && r.valid ? parseEvaluation(r.data) : undefined;
    if (!r.ok || !parsed?.ok) {
      rows.push([basename(file), '—', '—', '—', '—', '—', '—', '—', '—']);
      json.push({ file, ok: false });
      return;
    }
    const e = parsed.value;
    const { c, report, self } = computeAndScore(ctx, e, file);
    rows.push([
      basename(file),
      r.report.documentKindLabel,
      e.department.name ?? label('unnamed', lang),
      String(e.year),
      String(r.report.found.length),
      String(c.differs + c.printedNotApplicable),
      report?.rubric.id ?? '—',
      self ? toPlainString(self) : '—',
      report ? `${toPlainString(report.total.computed)}${report.grade.computed ? '' : '*'}` : '—',
    ]);
    json.push({ file, ok: true, documentKind: e.documentKind, department: e.department.name ?? null, year: e.year, fields: r.report.found.length, mismatches: c.differs + c.printedNotApplicable, rubric: report?.rubric.id ?? null, selfTotal: self ? toPlainString(self) : null, computedTotal: report ? toPlainString(report.total.computed) : null });
  });
  return { rows, json };
}
