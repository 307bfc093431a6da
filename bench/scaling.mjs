// Scaling: each input doubled several times — table rows, repeated rows, narrative lines, cells of a row, the length
// of a cell without a full stop, the digits of an amount — and the time ratio per doubling for import, audit and
// compute. A ratio near 2 is linear; near 4 is quadratic. Measured on this machine, never asserted in tests.
// It runs the compiled code (dist/), like bench/run.mjs: `npm run build` first.
//
//   node bench/scaling.mjs            all cases, five doublings each
//   node bench/scaling.mjs --quick    three doublings, smaller inputs (about a minute)
//   node bench/scaling.mjs rows cells only the cases named
//
// From bench/run.mjs: `const { scaling } = await import('./scaling.mjs'); await scaling({ quick: true });`
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { importDocument } from '../dist/ingest/import.js';
import { audit } from '../dist/core/audit/index.js';
import { keyIndicatorPassages } from '../dist/core/audit/context.js';
import { computeAll } from '../dist/core/compute/compute.js';
import { figureJson } from '../dist/core/json.js';
import { parseExact, toDecimalString } from '../dist/core/exact.js';
import { loadEvaluationText } from '../dist/ingest/evaluation-file.js';
import { loadRubricText } from '../dist/ingest/rubric-file.js';

const root = new URL('../', import.meta.url);
const read = (p) => readFileSync(new URL(p, root), 'utf8');

const rubrics = readdirSync(new URL('rubrics/', root))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => loadRubricText(read(`rubrics/${f}`), f))
  .filter((r) => r.ok)
  .map((r) => r.rubric);

// ───────────── inputs: the 001 seed (a real report, text) and its hand-entered evaluation file ─────────────

const seedName = readdirSync(new URL('examples/seeds/', root)).sort().find((f) => f.startsWith('001'));
const seed = read(`examples/seeds/${seedName}`);
const seedLines = seed.split('\n');
const projectHeader = seedLines.findIndex((l) => l.startsWith('项目支出\t项目名称'));
/** A results section at the end, so that the narrative below is compared (not a plan, not a target). */
const RESULTS = '\n\n## 五、工作开展情况\n\n';
const withRows = (rows) => [...seedLines.slice(0, projectHeader + 1), ...rows, ...seedLines.slice(projectHeader + 1)].join('\n');
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

const DOCUMENTS = {
  /** The project table with n more rows, each its own project and amounts. */
  rows: (n) => withRows(range(n, (i) => `\t测试项目${i}经费\t办公室\t${1000 + i}.00\t0\t0\t${1000 + i}.00\t${900 + i}.00\t90.00%`)),
  /** One narrative row said n times (every seventh with another number): the fact-conflict rule's worst friend. */
  'repeated rows': (n) =>
    seed + RESULTS + range(n, (i) => `全年开展安全检查 ${i % 7 ? 40 : 41} 次，培训企业人员 1200 人次，其中企业负责人 300 人次、安全管理人员 900 人次。`).join('\n'),
  /** n different lines about the same two things, each with its own numbers: one conflict of n values. */
  lines: (n) => seed + RESULTS + range(n, (i) => `第${i + 1}项：全年开展安全检查 ${100 + i} 次，发放宣传资料 ${(i * 7) % 1000 + 50} 份。`).join('\n'),
  /** One table row of n cells, each a counted fact. */
  cells: (n) => `${seed}${RESULTS}表 9：工作情况\n名称\t${range(n, (i) => `第${i}列`).join('\t')}\n应急工作\t${range(n, (i) => `开展检查 ${10 + (i % 9)} 次`).join('\t')}`,
  /** Forty rows of n cells each (a fuzzer's find: each cell compared the row's width with 40 rows above, n² per row). */
  'wide table': (n) => `${seed}${RESULTS}表 9：工作情况\n${range(40, (r) => `第${r}行\t${range(n, (i) => `检查 ${10 + ((i + r) % 9)} 次`).join('\t')}`).join('\n')}`,
  /** A cell of n facts (about 16 characters each) without a full stop or comma. */
  'long cell': (n) => seed + RESULTS + '开展检查12次和培训200人次及'.repeat(n),
  /** The basic-expenditure amount of the budget table with n digits (not a figure: left out with a warning). */
  'amount digits': (n) => seed.replace('3,027.78', `3${'0'.repeat(n)}.78`),
};

const exampleData = parseYaml(read('examples/001-guangzhou-report-2023.yaml'));
const EVALUATIONS = {
  /** The 001 evaluation with its 32 projects repeated to n rows. */
  'project rows': (n) => {
    const rows = exampleData.projects.rows;
    // Copies, not shared objects: the YAML writer would make shared ones anchors and aliases.
    const more = range(n, (i) => ({ ...structuredClone(rows[i % rows.length]), name: `${rows[i % rows.length].name}-${i}` }));
    return stringifyYaml({ ...exampleData, projects: { ...exampleData.projects, rows: more } }, { lineWidth: 0 });
  },
  /** The 001 evaluation with an initial budget of n digits, unquoted (refused: too many digits). */
  'amount digits': (n) => stringifyYaml({ ...exampleData, budget: { ...exampleData.budget, initialBudget: `1${'2'.repeat(n - 1)}` } }, { lineWidth: 0 }).replace(/initialBudget: "(\d+)"/, 'initialBudget: $1'),
};

// ───────────── measuring ─────────────

/** Best of a few runs (one for slow ones): the machine is shared and its speed drifts. */
async function best(fn) {
  let min = Infinity;
  let result;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    result = await fn();
    const ms = performance.now() - t0;
    min = Math.min(min, ms);
    if (ms > 1500) break;
  }
  return { ms: min, result };
}

async function importAndAudit(text) {
  const bytes = new TextEncoder().encode(text);
  const imp = await best(() => importDocument(bytes, 'scaling.txt', { rubrics }));
  const r = imp.result;
  if (!r.ok || !r.evaluation) return { importMs: imp.ms, auditMs: NaN, note: 'no evaluation' };
  const rubric = rubrics.find((x) => x.id === r.evaluation.rubric);
  const input = { evaluation: r.evaluation, file: 'scaling.txt', passages: [...r.report.passages, ...keyIndicatorPassages(r.evaluation, 'scaling.txt')], missing: r.report.missing, ...(rubric ? { rubric } : {}) };
  const au = await best(() => audit(input));
  return { importMs: imp.ms, auditMs: au.ms, note: `${au.result.findings.length} findings, ${r.report.warnings.length} warnings` };
}

/** What `jixiao compute --json` does past reading the file: load and check, compute, every figure with its line. */
async function computeJson(text) {
  const r = await best(() => {
    const loaded = loadEvaluationText(text, 'scaling.yaml');
    if (!loaded.ok) return { problems: loaded.problems.map((p) => p.code) };
    const figures = computeAll(loaded.evaluation);
    return { figures: JSON.stringify(figures.map((f) => figureJson(f, (path) => loaded.text.locate(path)))).length };
  });
  return { computeMs: r.ms, note: r.result.problems ? `refused: ${[...new Set(r.result.problems)].join(', ')}` : `${r.result.figures} bytes of JSON` };
}

const fmt = (ms) => (Number.isNaN(ms) ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const ratio = (ms, prev) => (prev === undefined || Number.isNaN(ms) || Number.isNaN(prev) ? '' : `×${(ms / Math.max(prev, 0.01)).toFixed(2)}`);

function row(cells, widths) {
  console.log(cells.map((c, i) => String(c).padStart(widths[i])).join('  '));
}

export async function scaling({ quick = false, only = [] } = {}) {
  const steps = quick ? 3 : 5;
  const pick = (name) => only.length === 0 || only.some((o) => name.includes(o));
  console.log(`scaling — Node ${process.version}; each input doubled ${steps - 1} times; the ratio per doubling is ≈2 when linear, ≈4 when quadratic\n`);
  const docStart = { rows: quick ? 1000 : 2000, 'repeated rows': quick ? 1000 : 2500, lines: quick ? 500 : 1000, cells: quick ? 500 : 1000, 'wide table': quick ? 60 : 120, 'long cell': quick ? 1000 : 2000, 'amount digits': quick ? 2000 : 8000 };
  for (const [name, make] of Object.entries(DOCUMENTS)) {
    if (!pick(name)) continue;
    console.log(`import + audit — ${name}`);
    const w = [10, 10, 7, 10, 7, 0];
    row(['n', 'import ms', '', 'audit ms', '', ''], w);
    let prev;
    for (let k = 0, n = docStart[name]; k < steps; k++, n *= 2) {
      const r = await importAndAudit(make(n));
      row([n, fmt(r.importMs), ratio(r.importMs, prev?.importMs), fmt(r.auditMs), ratio(r.auditMs, prev?.auditMs), `  ${r.note}`], w);
      prev = r;
    }
    console.log('');
  }
  const evalStart = { 'project rows': quick ? 500 : 1000, 'amount digits': quick ? 8000 : 16000 };
  for (const [name, make] of Object.entries(EVALUATIONS)) {
    if (!pick(name)) continue;
    console.log(`compute --json — ${name}`);
    const w = [10, 11, 7, 0];
    row(['n', 'compute ms', '', ''], w);
    let prev;
    for (let k = 0, n = evalStart[name]; k < steps; k++, n *= 2) {
      const r = await computeJson(make(n));
      row([n, fmt(r.computeMs), ratio(r.computeMs, prev?.computeMs), `  ${r.note}`], w);
      prev = r;
    }
    console.log('');
  }
  if (pick('exact')) {
    // The exact decimal text of a value of n digits (what compute --json prints for every amount and rate).
    console.log('exact — toDecimalString of a decimal with n digits after the point');
    const w = [10, 11, 7];
    row(['n', 'ms', ''], w);
    let prev;
    for (let k = 0, n = quick ? 16000 : 16000; k < steps; k++, n *= 2) {
      const x = parseExact(`0.${'3'.repeat(n)}`);
      const r = await best(() => toDecimalString(x));
      row([n, fmt(r.ms), ratio(r.ms, prev)], w);
      prev = r.ms;
    }
    console.log('');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  await scaling({ quick: args.includes('--quick'), only: args.filter((a) => !a.startsWith('--')) });
}
