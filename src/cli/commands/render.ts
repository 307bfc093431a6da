/**
 * jixiao render FILE [--template gz-form|gz-report|scorecard|review] [--format docx|xlsx|pdf|html|all|a,b] [-o OUT]
 * [--rubric ID] [--force]: an evaluation file (or a document, imported in memory) → the finished form, report,
 * scorecard or review letter. Parses flags, calls the template and the writers, writes the files, prints notices.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { computeAll } from '../../core/compute/compute.ts';
import { withoutPrinted } from '../../core/narrative/restate.ts';
import { type Lang, messageOf } from '../../core/messages.ts';
import type { Problem } from '../../core/problem.ts';
import { scoreEvaluation } from '../../core/rubric/engine.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../../render/doc.ts';
import { FORMATS } from '../../render/formats.ts';
import { TEMPLATES, TEMPLATES_BY_ID, defaultTemplate } from '../../render/templates/index.ts';
import type { Notice, Template, TemplateInput } from '../../render/templates/types.ts';
import { type Context, EXIT, printJson, printProblems } from '../context.ts';
import { writeOutput } from '../write.ts';
import { resolveRubric } from '../../ingest/files.ts';
import { withDocumentPool } from '../../ingest/pool/documents.ts';
import type { PoolLimits } from '../../ingest/pool/pool.ts';

export interface RenderFlags {
  readonly template?: string;
  /** As given: "docx", "docx,pdf", "all"; undefined → from -o's extension, else docx. */
  readonly format?: string;
  readonly out?: string;
  readonly force: boolean;
  readonly limits?: PoolLimits;
}

function parseFormats(flag: string | undefined, out: string | undefined): OutputFormat[] | undefined {
  if (flag === undefined) {
    const ext = out ? extname(out).toLowerCase().slice(1) : '';
    return [(OUTPUT_FORMATS as readonly string[]).includes(ext) ? (ext as OutputFormat) : 'docx'];
  }
  if (flag === 'all') return [...OUTPUT_FORMATS];
  const list = flag.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (!list.length || list.some((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f))) return undefined;
  return [...new Set(list)] as OutputFormat[];
}

/** Where each format goes: -o FILE for one format; -o DIR (or the current folder) → <name>.<template>.<ext>. */
function targets(file: string, template: Template, formats: readonly OutputFormat[], out: string | undefined): { ok: true; paths: Map<OutputFormat, string> } | { ok: false; problem: Problem } {
  const stem = `${basename(file, extname(file))}.${template.id}`;
  const isDir = (p: string) => p.endsWith('/') || p.endsWith('\\') || (existsSync(p) && statSync(p).isDirectory());
  const paths = new Map<OutputFormat, string>();
  if (out && !isDir(out)) {
    if (formats.length > 1) return { ok: false, problem: { code: 'output-format-mixed', path: [], params: {} } };
    paths.set(formats[0]!, out);
    return { ok: true, paths };
  }
  for (const f of formats) paths.set(f, join(out ?? '.', `${stem}${FORMATS[f].ext}`));
  return { ok: true, paths };
}

const WORDS = {
  zh: {
    wrote: (path: string, label: string, kb: string, ms: string) => `✓ ${path}（${label}，${kb} KB，${ms} ms）`,
    notices: (n: number) => `请注意（${n} 条）：`,
    exists: (f: string) => `✗ ${f} 已存在，未覆盖（换一个 -o，或加 --force 覆盖）`,
    templates: '可用模板：',
  },
  en: {
    wrote: (path: string, label: string, kb: string, ms: string) => `✓ ${path} (${label}, ${kb} KB, ${ms} ms)`,
    notices: (n: number) => `Please note (${n}):`,
    exists: (f: string) => `✗ ${f} exists and was not overwritten (choose another -o or pass --force)`,
    templates: 'Templates:',
  },
} as const;

export function templateList(lang: Lang): string {
  return TEMPLATES.map((t) => `  ${t.id.padEnd(10)} ${t.label[lang]} —— ${t.description[lang]}`).join('\n');
}

export async function renderCommand(ctx: Context, file: string, flags: RenderFlags): Promise<number> {
  const { lang } = ctx.options;
  const w = WORDS[lang];
  const bad = (p: Problem): number => {
    if (ctx.options.json) printJson(ctx, { file, problems: [p] });
    else printProblems(ctx, [p]);
    return EXIT.badInput;
  };
  if (!existsSync(file)) return bad({ code: 'file-not-found', path: [], params: {}, file });
  const formats = parseFormats(flags.format, flags.out);
  if (!formats) return bad({ code: 'bad-option-value', path: [], params: { option: '--format', value: String(flags.format) } });
  let template: Template | undefined;
  if (flags.template !== undefined) {
    template = TEMPLATES_BY_ID.get(flags.template);
    if (!template) return bad({ code: 'unknown-template', path: [], params: { template: flags.template, allowed: TEMPLATES.map((t) => t.id).join(', ') } });
  }

  // The review letter needs the audit too: the document is read once, on a pool worker, for both.
  const needsAudit = (template ?? undefined)?.needs?.includes('audit') === true;
  const auditOptions = { lang: 'zh' as const, ...(ctx.options.rubric ? { rubric: ctx.options.rubric } : {}) };
  const loaded = await withDocumentPool(flags.limits, (pool) => pool.load({ file }, needsAudit ? auditOptions : undefined));
  if (!loaded.ok) return printAll(ctx, file, loaded.problems);
  // A document without figures makes an evaluation with a year only: nothing to lay out.
  if (loaded.warnings.some((w) => w.code === 'no-figures-found')) {
    const detail = loaded.warnings.map((w) => messageOf(w, 'zh').text).join('；');
    return printAll(ctx, file, [{ code: 'template-needs-evaluation', path: [], params: { detail }, file }]);
  }
  const evaluation = loaded.evaluation;
  template ??= defaultTemplate(evaluation);
  const rubric = resolveRubric(evaluation, ctx.options.rubric);
  if (!rubric.ok) return printAll(ctx, file, rubric.problems.map((p) => ({ ...p, file: p.file ?? file })));
  if (template.needs?.includes('rubric') && !rubric.rubric) return bad({ code: 'template-needs-rubric', path: [], params: { template: template.id }, file });
  // Figures follow the template's rules: a form states the form's 预算调整率 whatever layout the data came from.
  const figures = computeAll(withoutPrinted(template.kind ? { ...evaluation, documentKind: template.kind } : evaluation));
  const input: { -readonly [K in keyof TemplateInput]: TemplateInput[K] } = { evaluation, figures };
  if (rubric.rubric) {
    input.rubric = rubric.rubric;
    input.score = scoreEvaluation(evaluation, rubric.rubric, computeAll(evaluation));
  }
  if (template.needs?.includes('audit')) {
    const a = loaded.audit;
    if (!a?.ok) {
      const problems = a?.ok === false ? a.problems : [];
      if (ctx.options.json) printJson(ctx, { file, problems });
      else for (const p of problems) ctx.err(`✗ ${file}：${p.message}${p.fix ? `（${p.fix}）` : ''}`);
      return EXIT.badInput;
    }
    input.audit = a;
  }
  const { doc, notices } = template.build(input);

  const where = targets(file, template, formats, flags.out);
  if (!where.ok) return bad(where.problem);
  const outputs: { format: OutputFormat; file: string; bytes: number; ms: number }[] = [];
  const problems: Problem[] = [];
  for (const [format, path] of where.paths) {
    if (!flags.force && existsSync(path)) {
      if (ctx.options.json) problems.push({ code: 'output-exists', path: [], params: {}, file: path });
      else ctx.out(w.exists(path));
      continue;
    }
    const started = performance.now();
    const written = await FORMATS[format].write(doc);
    const ms = performance.now() - started;
    if (!written.ok) {
      problems.push({ ...written.problem, file: path });
      continue;
    }
    const saved = writeOutput(path, written.bytes, { force: flags.force });
    if (!saved.ok) {
      problems.push(saved.reason === 'exists' ? { code: 'output-exists', path: [], params: {}, file: path } : { code: 'file-unwritable', path: [], params: { detail: saved.detail ?? '' }, file: path });
      continue;
    }
    outputs.push({ format, file: path, bytes: written.bytes.length, ms: Math.round(ms) });
    if (!ctx.options.json) ctx.out(w.wrote(path, FORMATS[format].label, (written.bytes.length / 1024).toFixed(1), ms.toFixed(0)));
  }
  if (ctx.options.json) {
    printJson(ctx, { file, template: template.id, outputs, notices: notices.map((n) => ({ kind: n.kind, message: n.message[lang] })), problems });
  } else {
    if (problems.length) printProblems(ctx, problems);
    printNotices(ctx, notices, lang);
  }
  return problems.length || outputs.length < where.paths.size ? EXIT.badInput : EXIT.ok;
}

function printNotices(ctx: Context, notices: readonly Notice[], lang: Lang): void {
  if (!notices.length) return;
  ctx.out(WORDS[lang].notices(notices.length));
  for (const n of notices) ctx.out(`  ! ${n.message[lang]}`);
}

function printAll(ctx: Context, file: string, problems: readonly Problem[]): number {
  if (ctx.options.json) printJson(ctx, { file, problems });
  else printProblems(ctx, problems);
  return EXIT.badInput;
}
