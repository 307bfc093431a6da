/**
 * Downloads: each evaluation's form, report, scorecard and review letter (DOCX, XLSX, PDF, HTML) from the newest
 * version the caller may read, and the task's ranked summary (XLSX, DOCX, PDF). The same templates and writers as
 * `jixiao render` and `jixiao audit --summary`; PDF is printed by headless Chromium, and a missing Chromium is a 503
 * that says how to install it.
 */
import { computeAll } from '../../core/compute/compute.ts';
import { auditReport } from '../../core/audit/report.ts';
import { parseEvaluation } from '../../core/model/parse.ts';
import { withoutPrinted } from '../../core/narrative/restate.ts';
import { scoreEvaluation } from '../../core/rubric/engine.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../../render/doc.ts';
import { FORMATS } from '../../render/formats.ts';
import { TEMPLATES, TEMPLATES_BY_ID } from '../../render/templates/index.ts';
import type { TemplateInput } from '../../render/templates/types.ts';
import { type ReviewSummaryRow, reviewSummaryDoc } from '../../render/templates/review-summary.ts';
import type { Doc } from '../../render/doc.ts';
import { seesTask } from '../access.ts';
import type { Services } from '../app.ts';
import { type App, type Ctx, op, valid, z } from '../openapi.ts';
import { ApiError, apiError } from '../problems.ts';
import { accessEvaluation, activity, newestReadable, rubricFor } from '../services.ts';
import { taskSummary } from '../summary.ts';
import { contentDisposition } from './evaluations.ts';

const MEDIA: Readonly<Record<OutputFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

const FileParams = z.object({ id: z.string().uuid(), template: z.enum(TEMPLATES.map((t) => t.id) as [string, ...string[]]), format: z.enum(OUTPUT_FORMATS) });
const SummaryParams = z.object({ id: z.string().uuid(), format: z.enum(['xlsx', 'docx', 'pdf', 'html']) });

export function fileRoutes(app: App, { store }: Services): void {
  async function send(doc: Doc, format: OutputFormat, fileName: string): Promise<Response> {
    const written = await FORMATS[format].write(doc);
    if (!written.ok) throw new ApiError(503, written.problem);
    const headers: Record<string, string> = { 'content-type': MEDIA[format], 'x-content-type-options': 'nosniff' };
    // HTML is shown, never run as a page of this site: the sandbox keeps its scripts (there are none) away from the API.
    if (format === 'html') headers['content-security-policy'] = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    else headers['content-disposition'] = contentDisposition(fileName);
    return new Response(written.bytes, { headers });
  }

  op(
    app,
    {
      method: 'get',
      path: '/api/evaluations/:id/files/:template/:format',
      summary: '下载自评表、报告、评分表或审核意见书 / download the form, report, scorecard or review letter',
      tags: ['files'],
      params: FileParams,
      produces: Object.values(MEDIA),
      errors: [503],
    },
    async (c: Ctx) => {
      const { id, template: templateId, format } = valid(c, 'param', FileParams);
      const caller = c.get('caller');
      const access = await accessEvaluation(store, caller, id);
      const version = await newestReadable(store, access);
      if (!version) throw apiError(404, 'api-nothing-to-render');
      const parsed = parseEvaluation(version.data);
      if (!parsed.ok) throw new ApiError(422, parsed.problems);
      const evaluation = parsed.value;
      const template = TEMPLATES_BY_ID.get(templateId)!;
      const rubric = rubricFor(evaluation, access.task.rubricId);
      if (template.needs?.includes('rubric') && !rubric) throw apiError(422, 'template-needs-rubric', { template: template.id });
      const figures = computeAll(withoutPrinted(template.kind ? { ...evaluation, documentKind: template.kind } : evaluation));
      const input: { -readonly [K in keyof TemplateInput]: TemplateInput[K] } = { evaluation, figures };
      if (rubric) {
        input.rubric = rubric;
        input.score = scoreEvaluation(evaluation, rubric, computeAll(evaluation));
      }
      const department = (await store.departments.get(access.evaluation.departmentId))?.name ?? 'evaluation';
      if (template.needs?.includes('audit')) input.audit = auditReport({ evaluation, file: `${department} v${version.version}`, ...(rubric ? { rubric } : {}), lang: 'zh' });
      const { doc } = template.build(input);
      await activity(store, caller, 'evaluation.download', 'evaluation', id, { template: templateId, format, version: version.version });
      return send(doc, format, `${department}-${evaluation.year}-${template.label.zh}-v${version.version}${FORMATS[format].ext}`);
    },
  );

  op(
    app,
    { method: 'get', path: '/api/tasks/:id/summary/:format', summary: '任务审核汇总与排名 / the task’s ranked review summary', tags: ['files'], params: SummaryParams, produces: [MEDIA.xlsx, MEDIA.docx, MEDIA.pdf, MEDIA.html], errors: [503] },
    async (c: Ctx) => {
      const { id, format } = valid(c, 'param', SummaryParams);
      const caller = c.get('caller');
      const task = await store.tasks.get(id);
      if (!task || !seesTask(caller, task, await store.tasks.scope(id))) throw apiError(404, 'api-task-not-found', { id });
      const rows = await taskSummary(store, caller, task);
      const summaryRows: ReviewSummaryRow[] = rows.map((r, i) => ({
        rank: i + 1,
        file: `v${r.version}`,
        department: r.department || r.summary?.department || null,
        year: r.summary?.year ?? task.year,
        documentKind: r.summary?.documentKind ?? 'unknown',
        documentKindLabel: r.stateZh,
        selfScore: r.summary?.selfScore ?? null,
        computedScore: r.summary?.computedScore ?? null,
        maxScore: r.summary?.maxScore ?? null,
        grade: r.summary?.grade ?? null,
        errors: r.summary?.errors ?? 0,
        warnings: r.summary?.warnings ?? 0,
        infos: r.summary?.infos ?? 0,
        ...(r.summary ? {} : { failed: '尚无内容 / nothing saved yet' }),
      }));
      const doc = reviewSummaryDoc(summaryRows, 'zh', `${task.title}（${task.year} 年度）`);
      return send(doc, format, `${task.title}-审核汇总${FORMATS[format].ext}`);
    },
  );
}
