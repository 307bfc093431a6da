/** jixiao rubrics: the built-in rubrics, each validated as it is listed. */
import { formatProblem } from '../../core/messages.ts';
import { toPlainString } from '../../core/exact.ts';
import { isLeaf, type Group, type Leaf } from '../../core/rubric/schema.ts';
import { type Context, EXIT, printJson, problemJson } from '../context.ts';
import { builtInRubricFiles, loadRubricFile } from '../../ingest/files.ts';
import { label } from '../labels.ts';
import { renderTable } from '../text-table.ts';

const countLeaves = (items: readonly (Group | Leaf)[]): number => items.reduce((n, i) => n + (isLeaf(i) ? 1 : countLeaves(i.items)), 0);

export function rubricsCommand(ctx: Context): number {
  const { lang } = ctx.options;
  const loaded = builtInRubricFiles().map((f) => loadRubricFile(f));
  if (ctx.options.json) {
    printJson(
      ctx,
      loaded.map((r) =>
        r.ok
          ? { id: r.rubric.id, name: r.rubric.name, region: r.rubric.region ?? null, year: r.rubric.year ?? null, total: toPlainString(r.rubric.total), items: countLeaves(r.rubric.items), file: r.file, valid: true }
          : { file: r.file, valid: false, problems: r.problems.map((p) => problemJson(p, lang)) },
      ),
    );
  } else {
    const rows = loaded.filter((r) => r.ok).map((r) => [r.rubric.id, r.rubric.name, r.rubric.region ?? '', String(r.rubric.year ?? ''), toPlainString(r.rubric.total), String(countLeaves(r.rubric.items))]);
    ctx.out(renderTable([{ header: 'id' }, { header: label('rubric', lang), max: 40 }, { header: label('region', lang) }, { header: label('year', lang) }, { header: label('weight', lang), align: 'right' }, { header: label('items', lang), align: 'right' }], rows));
    for (const r of loaded) if (!r.ok) for (const p of r.problems) ctx.err(`✗ ${formatProblem(p, lang)}`);
  }
  return loaded.every((r) => r.ok) ? EXIT.ok : EXIT.badInput;
}
