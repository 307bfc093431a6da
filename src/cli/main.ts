/**
 * The jixiao command line. Each command only parses flags, calls the core and prints text or JSON.
 * Exit codes: 0 done, 1 internal fault, 2 bad input, 3 the audit found errors.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { type Lang, formatProblem } from '../core/messages.ts';
import type { Problem } from '../core/problem.ts';
import { type Context, EXIT, type Io, type Options } from './context.ts';

/**
 * Why commands load on demand: docx, exceljs, pdf.js, piscina and the schemas take a second to load; `--help` needs
 * none of them and `compute` only the core and the YAML reader, so each command brings what it uses (bench: start-up).
 */
const load = {
  aggregate: () => import('./commands/aggregate.ts'),
  audit: () => import('./commands/audit.ts'),
  demo: () => import('./commands/demo.ts'),
  evaluate: () => import('./commands/evaluate.ts'),
  import: () => import('./commands/import.ts'),
  render: () => import('./commands/render.ts'),
  layouts: () => import('./commands/layouts.ts'),
  rubrics: () => import('./commands/rubrics.ts'),
  summary: () => import('./commands/summary.ts'),
  serve: () => import('./commands/serve.ts'),
};

const HELP: Record<Lang, string> = {
  zh: `jixiao 绩效 —— 部门整体支出绩效自评与审核

用法：jixiao <命令> [参数] [选项]

命令：
  import FILE|DIR…        导入自评表/自评报告（.txt .md .html .docx .pdf .xlsx）：每份写成评价文件 <名>.yaml
                          与提取报告 <名>.report.txt（字段、位置、原文、未找到的字段）
                          --out DIR 输出目录（默认当前目录）  --force 覆盖已有文件
  summary FILE            摘要：部门、年度、版式、预算、印出比率、任务、指标、项目、自评分（文档或评价文件）
  audit FILE|DIR…         审核：逐项核对计算、前后一致、评分、单位、目标质量与预警，每条问题附规则、位置与原文
                          --format text|html（html 为审核意见；多份时用 --out DIR 写出 <名>.review.html）
                          --summary 批量审核并按复核分排名（表格，--json 或 --format html）
  render FILE             生成文件：由评价文件（或导入的文档）生成自评表、自评报告、评分表、审核意见
                          --template gz-form|gz-report|project-form|scorecard|review（默认按版式，见 jixiao layouts）
                          --format docx|xlsx|pdf|html|all（可逗号分隔；默认 docx）  -o 输出文件或目录  --force 覆盖
                          PDF 需无头 Chromium 与中文字体：apt-get install chromium fonts-noto-cjk
  validate FILE…          校验评价文件（YAML/JSON），逐条列出问题及所在行
  compute FILE            计算数据所允许的全部指标：公式、输入、印出值与计算值，不符处标记（--mismatches 只列不符）
  score FILE              按评分标准评分：各项分值、自评、复核、差异、理由，合计与等级
  aggregate FILE [-o OUT] 由下属单位（subordinates）汇总出一级部门的预算、支出与管理数据，写成评价文件（--force 覆盖）
  rubrics                 列出内置评分标准
  layouts                 列出能识别的文件版式（各地自评表、自评报告、项目自评表；详见 docs/layouts.md）
  demo                    对 examples/ 中的示例逐一校验、计算、评分，并导入 examples/seeds/ 的原文复评（npm start）
  serve                   启动服务器（填报、审核、流转；接口 /api）：数据默认存于 ./jixiao-data（内嵌数据库）
                          --db postgres://…（或环境变量 DATABASE_URL）使用 PostgreSQL  --data DIR 数据目录
                          --port 端口（默认 8080）  --host 地址（默认 127.0.0.1）  --demo 载入演示任务与各角色账户
  backup FILE             把整个数据库备份为一个文件（--db/--data 同上；--force 覆盖）
  restore FILE            从备份文件恢复到空的数据库

选项：
  --rubric ID|FILE        评分标准（默认取评价文件中的 rubric 字段）
  --json                  输出 JSON（格式见 docs/json.md）
  --lang zh|en            输出语言（默认中文）
  --timeout 秒            读取一份文档的时限（默认 30，或环境变量 JIXIAO_TIMEOUT）：超时即停止并报告，其余照常
  --memory MB             读取一份文档的内存上限（默认 1024，或 JIXIAO_MEMORY_MB）
  --debug                 出错时显示堆栈
  -h, --help              帮助
  -v, --version           版本

退出码：0 成功，1 内部错误，2 输入有误，3 审核发现错误（audit）。`,
  en: `jixiao — department-wide expenditure performance self-evaluation and review

Usage: jixiao <command> [arguments] [options]

Commands:
  import FILE|DIR…        import self-evaluation forms/reports (.txt .md .html .docx .pdf .xlsx): each becomes an
                          evaluation file <name>.yaml and an extraction report <name>.report.txt
                          --out DIR (default: current folder)  --force overwrite
  summary FILE            summary: department, year, layout, budget, printed rates, tasks, indicators, projects,
                          self-score (of a document or an evaluation file)
  audit FILE|DIR…         review: arithmetic, cross-references, rubric, units, targets and warnings; every finding
                          with its rule, places and source text. --format text|html (html: the review letter;
                          several files need --out DIR → <name>.review.html). --summary: review a folder and rank it
                          (table, --json or --format html)
  render FILE             documents out: the form, report, scorecard or review letter of an evaluation file (or an
                          imported document). --template gz-form|gz-report|project-form|scorecard|review (default: the layout's)
                          --format docx|xlsx|pdf|html|all (comma list; default docx)  -o FILE|DIR  --force
                          PDF needs headless Chromium and a CJK font: apt-get install chromium fonts-noto-cjk
  validate FILE…          check evaluation files (YAML/JSON); every problem with its line
  compute FILE            every metric the data allows: formula, inputs, printed and computed value, mismatches marked
                          (--mismatches: only the figures whose printed value is wrong)
  score FILE              score against a rubric: weight, self, computed, difference, reason; totals and grade
  aggregate FILE [-o OUT] sum a first-level department's figures from its subordinate units into an evaluation file
                          (--force overwrites)
  rubrics                 list the built-in rubrics
  layouts                 list the document layouts the importer recognises (docs/layouts.md)
  demo                    validate, compute and score each example in examples/, and import and re-score the
                          original documents in examples/seeds/ (npm start)
  serve                   start the server (preparation, review, workflow; API under /api); data in ./jixiao-data
                          (embedded database) by default. --db postgres://… (or DATABASE_URL) for PostgreSQL,
                          --data DIR, --port (default 8080), --host (default 127.0.0.1), --demo: a demo task and accounts
  backup FILE             back the whole store up into one file (--db/--data as above; --force overwrites)
  restore FILE            restore a backup into an empty store

Options:
  --rubric ID|FILE        rubric to use (default: the evaluation's rubric field)
  --json                  JSON output (shapes in docs/json.md)
  --lang zh|en            output language (default Chinese)
  --timeout SECONDS       time limit for reading one document (default 30, or JIXIAO_TIMEOUT): stopped and reported
  --memory MB             memory limit for reading one document (default 1024, or JIXIAO_MEMORY_MB)
  --debug                 show stack traces on faults
  -h, --help              help
  -v, --version           version

Exit codes: 0 done, 1 internal fault, 2 bad input, 3 the audit found errors.`,
};

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function usageProblem(io: Io, lang: Lang, p: Problem): number {
  io.err(`✗ ${formatProblem(p, lang)}`);
  return EXIT.badInput;
}

export function run(argv: readonly string[], io: Io): number | Promise<number> {
  const langGuess: Lang = argv.includes('en') && argv.some((a) => a === '--lang' || a === '--lang=en') ? 'en' : 'zh';
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'zh' },
        rubric: { type: 'string' },
        out: { type: 'string', short: 'o' },
        mismatches: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        memory: { type: 'string' },
        format: { type: 'string' },
        template: { type: 'string', short: 't' },
        summary: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        db: { type: 'string' },
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    const option = /'([^']+)'/.exec((e as Error).message)?.[1] ?? String(e);
    return usageProblem(io, langGuess, { code: 'unknown-option', path: [], params: { option } });
  }
  const { values, positionals } = parsed;
  const lang = values.lang === 'en' ? 'en' : values.lang === 'zh' ? 'zh' : undefined;
  if (!lang) return usageProblem(io, 'zh', { code: 'bad-option-value', path: [], params: { option: '--lang', value: String(values.lang) } });
  const options: Options = { lang, json: values.json, debug: values.debug, mismatchesOnly: values.mismatches, ...(values.rubric ? { rubric: values.rubric } : {}) };
  const ctx: Context = { ...io, options };
  if (values.version) {
    io.out(version());
    return EXIT.ok;
  }
  const [command, ...args] = positionals;
  if (values.help || !command || command === 'help') {
    io.out(HELP[lang]);
    return command || values.help ? EXIT.ok : EXIT.badInput;
  }
  const needFile = (what: string): number | undefined =>
    args.length === 0 ? usageProblem(io, lang, { code: 'missing-argument', path: [], params: { what } }) : undefined;
  const limits = async () => {
    const { limitsFromEnv } = await import('../ingest/pool/pool.ts');
    const base = limitsFromEnv();
    const seconds = values.timeout === undefined ? base.timeoutMs / 1000 : Number(values.timeout);
    const mb = values.memory === undefined ? base.maxMemoryMb : Number(values.memory);
    if (!Number.isFinite(seconds) || seconds <= 0) return usageProblem(io, lang, { code: 'bad-option-value', path: [], params: { option: '--timeout', value: String(values.timeout) } });
    if (!Number.isInteger(mb) || mb < 64) return usageProblem(io, lang, { code: 'bad-option-value', path: [], params: { option: '--memory', value: String(values.memory) } });
    return { timeoutMs: seconds * 1000, maxMemoryMb: mb };
  };
  switch (command) {
    case 'validate':
      return needFile('FILE') ?? load.evaluate().then((m) => m.validateCommand(ctx, args));
    case 'compute':
      return needFile('FILE') ?? load.evaluate().then((m) => args.reduce((code, f) => Math.max(code, m.computeCommand(ctx, f)), 0));
    case 'score':
      return needFile('FILE') ?? load.evaluate().then((m) => args.reduce((code, f) => Math.max(code, m.scoreCommand(ctx, f)), 0));
    case 'rubrics':
      return load.rubrics().then((m) => m.rubricsCommand(ctx));
    case 'layouts':
      return load.layouts().then((m) => m.layoutsCommand(ctx));
    case 'aggregate':
      return needFile('FILE') ?? load.aggregate().then((m) => m.aggregateCommand(ctx, args[0]!, { force: values.force, ...(values.out ? { out: values.out } : {}) }));
    case 'import':
      return (
        needFile('FILE') ??
        limits().then(async (l) => (typeof l === 'number' ? l : (await load.import()).importCommand(ctx, args, { force: values.force, limits: l, ...(values.out ? { out: values.out } : {}) })))
      );
    case 'summary':
      return needFile('FILE') ?? limits().then(async (l) => (typeof l === 'number' ? l : (await load.summary()).summaryCommand(ctx, args[0]!, l)));
    case 'audit': {
      values.format ??= 'text';
      if (values.format !== 'text' && values.format !== 'html') return usageProblem(io, lang, { code: 'bad-option-value', path: [], params: { option: '--format', value: String(values.format) } });
      const format = values.format;
      return (
        needFile('FILE') ??
        limits().then(async (l) => (typeof l === 'number' ? l : (await load.audit()).auditCommand(ctx, args, { format, summary: values.summary, force: values.force, limits: l, ...(values.out ? { out: values.out } : {}) })))
      );
    }
    case 'render':
      return (
        needFile('FILE') ??
        limits().then(async (l) =>
          typeof l === 'number'
            ? l
            : (await load.render()).renderCommand(ctx, args[0]!, { force: values.force, limits: l, ...(values.template !== undefined ? { template: values.template } : {}), ...(values.format !== undefined ? { format: values.format } : {}), ...(values.out ? { out: values.out } : {}) }),
        )
      );
    case 'serve': {
      const flags = { demo: values.demo, ...(values.db ? { db: values.db } : {}), ...(values.data ? { data: values.data } : {}), ...(values.port ? { port: values.port } : {}), ...(values.host ? { host: values.host } : {}) };
      return load.serve().then((m) => m.serveCommand(ctx, flags));
    }
    case 'backup':
    case 'restore': {
      const missing = needFile('FILE');
      if (missing !== undefined) return missing;
      const flags = { ...(values.db ? { db: values.db } : {}), ...(values.data ? { data: values.data } : {}) };
      return load.serve().then((m) => (command === 'backup' ? m.backupCommand(ctx, args[0]!, { ...flags, force: values.force }) : m.restoreCommand(ctx, args[0]!, flags)));
    }
    case 'demo':
      return load.demo().then((m) => (args.length ? m.demoCommand(ctx, args, []) : m.demoCommand(ctx)));
    default:
      return usageProblem(io, lang, { code: 'unknown-command', path: [], params: { command } });
  }
}

/** Runs the CLI; any fault is reported in one line (with the stack only under --debug) and exits 1. */
export async function main(argv: readonly string[], io: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) }): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    const debug = argv.includes('--debug');
    io.err(`✗ 内部错误 / internal fault: ${(e as Error).message ?? String(e)}`);
    if (debug && e instanceof Error && e.stack) io.err(e.stack);
    else io.err('  请带 --debug 重试并报告此问题 / rerun with --debug and report it');
    return EXIT.internal;
  }
}
