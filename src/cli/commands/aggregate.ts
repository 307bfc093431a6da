/** jixiao aggregate FILE: the first-level department's figures summed from its subordinate units, as a file. */
import { stringify } from 'yaml';
import { aggregateSubordinates } from '../../core/aggregate.ts';
import { formatProblem } from '../../core/messages.ts';
import { evaluationToData } from '../../core/model/serialize.ts';
import { type Context, EXIT, printJson, printProblems, problemJson } from '../context.ts';
import { loadEvaluationFile } from '../../ingest/files.ts';
import { writeOutput } from '../write.ts';

export function aggregateCommand(ctx: Context, file: string, flags: { readonly out?: string; readonly force: boolean }): number {
  const { out } = flags;
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
    const written = writeOutput(out, text.endsWith('\n') ? text : `${text}\n`, { force: flags.force });
    if (!written.ok) {
      printProblems(ctx, [written.reason === 'exists' ? { code: 'output-exists', path: [], params: {}, file: out } : { code: 'file-unwritable', path: [], params: { detail: written.detail ?? '' }, file: out }]);
      return EXIT.badInput;
    }
    if (ctx.options.json) printJson(ctx, { file, out, warnings: r.warnings.map((w) => problemJson(w, ctx.options.lang)) });
    else ctx.out(ctx.options.lang === 'zh' ? `✓ 已汇总 ${r.value.department.subordinateCount} 个下属单位 → ${out}` : `✓ aggregated ${r.value.department.subordinateCount} units → ${out}`);
  } else {
    ctx.out(text);
  }
  return EXIT.ok;
}
