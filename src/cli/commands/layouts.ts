/** jixiao layouts: the layouts (版式) the importer recognises, from the registry in src/core/layouts. */
import { LAYOUTS, UNKNOWN_LAYOUT } from '../../core/layouts/index.ts';
import { type Context, EXIT, printJson } from '../context.ts';
import { label } from '../labels.ts';
import { renderTable } from '../text-table.ts';

export function layoutsCommand(ctx: Context): number {
  const { lang } = ctx.options;
  const all = [...LAYOUTS, UNKNOWN_LAYOUT];
  const national = lang === 'zh' ? '全国' : 'national';
  if (ctx.options.json) {
    printJson(
      ctx,
      all.map((l) => ({
        id: l.id,
        label: l.label[lang],
        region: l.region?.[lang] ?? null,
        years: l.years ?? null,
        subject: l.subject,
        basis: l.formulas.basis,
        rubric: l.rubric ?? null,
        template: l.template,
        expected: l.expected,
        description: l.description[lang],
      })),
    );
    return EXIT.ok;
  }
  const subject = (s: string) => (s === 'project' ? (lang === 'zh' ? '项目' : 'project') : lang === 'zh' ? '部门整体' : 'department');
  const rows = all.map((l) => [l.id, l.label[lang], l.region?.[lang] ?? national, subject(l.subject), l.rubric ?? '—', l.template]);
  ctx.out(
    renderTable(
      [{ header: 'id' }, { header: label('kind', lang), max: 30 }, { header: label('region', lang), max: 24 }, { header: lang === 'zh' ? '对象' : 'Subject' }, { header: label('rubric', lang) }, { header: lang === 'zh' ? '默认模板' : 'Template' }],
      rows,
    ),
  );
  ctx.out(lang === 'zh' ? '各版式的栏目、公式口径与识别标记见 docs/layouts.md。' : 'Sections, formula variants and markers of each layout: docs/layouts.md.');
  return EXIT.ok;
}
