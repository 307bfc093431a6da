/** jixiao aggregate FILE: the first-level department's figures summed from its subordinate units, as a file. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { aggregateSubordinates } from '../../core/aggregate.ts';
import { formatProblem } from '../../core/messages.ts';
import { evaluationToData } from '../../core/model/serialize.ts';
import { type Context, EXIT, printJson, printProblems, problemJson } from '../context.ts';
import { loadEvaluationFile } from '../../ingest/files.ts';

export function aggregateCommand(ctx: Context, file: string, out: string | undefined): number {
  const loaded = loadEvaluationFile(file);
  if (!loaded.ok) {
    printProblems(ctx, loaded.problems);
    return EXIT.badInput;
  }
  const r = aggregateSubordinates(loaded.evaluation);
  if (!r.ok) {
    printProblems(ctx, r.problems.map((p) => ({ ...p, file })));
    return EXIT.badInput;
  }
  for (const w of r.warnings) ctx.err(`! ${formatProblem({ ...w, file }, ctx.options.lang)}`);
  const data = evaluationToData(r.value);
  const text = ctx.options.json || out?.endsWith('.json') ? JSON.stringify(data, null, 2) : stringify(data, { lineWidth: 0 });
  if (out) {
    writeFileSync(out, text.endsWith('\n') ? text : `${text}\n`);
    if (ctx.options.json) printJson(ctx, { file, out, warnings: r.warnings.map((w) => problemJson(w, ctx.options.lang)) });
    else ctx.out(ctx.options.lang === 'zh' ? `✓ 已汇总 ${r.value.department.subordinateCount} 个下属单位 → ${out}` : `✓ aggregated ${r.value.department.subordinateCount} units → ${out}`);
  } else {
    ctx.out(text);
  }
  return EXIT.ok;
}
