/**
 * npm run fuzz — fuzzing at scale over real documents. Not part of `npm test` (docs/fuzz.md).
 *
 * Inputs are the seed documents (text, DOCX, PDF, XLSX) mutated byte-wise and structure-wise (scripts/fuzz/), each a
 * pure function of (--seed, index). Each runs through import and audit in-process on worker threads, one per core;
 * this thread hands out indexes, notices a worker that has not finished its input in --hang-seconds (a hang: the
 * worker is terminated and replaced), a worker that died (out of memory under its heap limit, or an uncaught
 * error) and an exception that escaped import or audit (a crash: they must return problems, never throw). At the
 * end it prints inputs per format with rates, crashes, hangs, invariant breaks and the 10 slowest inputs, and saves
 * each crashing, hanging and slowest input under fuzz-out/ with a note of how it was made.
 *
 * `--target NAME` picks what is fuzzed (TARGETS below): `document`, the default, is the above; the others run one
 * function of the project alone on inputs made for it, in this thread, with the same --seed/--count/--seconds/
 * --start/--replay/--file and the same report and saved findings.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkDocument } from './fuzz/check.ts';
import { DEFAULT_WEIGHTS, FORMATS, type Format, type FuzzInput, ROOT, loadCorpus, makeInput } from './fuzz/input.ts';
import { minimize } from './fuzz/minimize.ts';
import { type FuzzOptions, USAGE, parseOptions } from './fuzz/options.ts';
import { mutateText } from './fuzz/mutate-text.ts';
import { Rng } from './fuzz/rng.ts';
import type { FromWorker, WorkerConfig } from './fuzz/worker.ts';
import { readSpaceColumns } from '../src/ingest/readers/space-columns.ts';
import type { SourceLine } from '../src/ingest/source.ts';

type FindingKind = 'crash' | 'hang' | 'break';

interface Finding {
  readonly kind: FindingKind;
  readonly index: number;
  /** '?' when the input was never made (its generation itself did not finish: a fuzzer bug). */
  readonly format: Format | '?';
  /** The input as the worker made it (absent when it was never made), to save. */
  readonly input?: FuzzInput;
  /** What happened, one line. */
  readonly what: string;
  readonly stack?: string;
  /** Same signature = same bug (numbers and quoted text left out). */
  readonly signature: string;
  readonly ms?: number;
  /** A hang run again alone with 3× the time: still running (true), or how long it took when it finished. */
  confirmed?: true | number;
}

interface FormatStats {
  count: number;
  busyMs: number;
  refused: number;
  imported: number;
  audited: number;
  stalled: number;
  bytes: number;
  /** How often each problem code came up (refusals and import warnings). */
  codes: Map<string, number>;
}

interface Slow {
  readonly index: number;
  readonly format: Format;
  readonly ms: number;
  readonly input: FuzzInput;
}

/**
 * What a run fuzzes. `document`: whole files through import and audit (worker threads, every option). Any other: one
 * function alone on inputs made for it (`makeInput`), checked by `check` (each broken invariant a line), in this
 * thread — so --format, --weights, --threads, --memory, --round-trip do not apply, and --minimize and --self-check
 * are the document target's only. An input slower than --hang-seconds is reported as a hang when it returns.
 */
interface FunctionTarget {
  /** Input `index` of run seed `seed`: a pure function of the two, like the documents' inputs. */
  readonly makeInput: (seed: number, index: number) => FuzzInput;
  /** Runs the function on the input: the invariants it broke (one line each), its size, and its output to show. */
  readonly run: (input: FuzzInput) => { breaks: string[]; size: number; sizeUnit: string; shown: string[] };
}

/** Each target with a line for --help; a function target's code is loaded when it runs (`load`). */
const TARGETS: Readonly<Record<string, { readonly about: string; readonly load?: () => FunctionTarget }>> = {
  document: { about: 'whole files through import and audit on worker threads (all options above)' },
  'space-columns': {
    about: 'readSpaceColumns alone on forms laid out with spaces (pdftotext -layout), generated or from the text seeds',
    load: spaceColumnsTarget,
  },
};

const TARGET_USAGE = `
  --target NAME      what is fuzzed (default document):
${Object.entries(TARGETS)
  .map(([name, t]) => `                       ${name.padEnd(14)} ${t.about}`)
  .join('\n')}
                     a function target runs in this thread with --seed --count --seconds --start --hang-seconds
                     --out --replay --file (e.g. npm run fuzz -- --target space-columns --count 10000)
`;

let options: FuzzOptions;
let targetName = 'document';
try {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--target');
  if (at >= 0) {
    targetName = argv[at + 1] ?? '';
    if (!(targetName in TARGETS)) throw new Error(`--target is one of ${Object.keys(TARGETS).join(', ')}`);
    argv.splice(at, 2);
  }
  options = parseOptions(argv);
  if (TARGETS[targetName]!.load && (options.minimize !== undefined || options.selfCheck)) throw new Error(`--minimize and --self-check are for --target document only`);
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}${TARGET_USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(`${USAGE}${TARGET_USAGE}`);
  process.exit(0);
}
const corpus = loadCorpus();
const plan = { seed: options.seed, weights: options.weights };

const functionTarget = TARGETS[targetName]!.load?.();
if (functionTarget) process.exit(await fuzzFunction(targetName, functionTarget));

if (options.file !== undefined) process.exit(await runFile(options.file));
if (options.replay) process.exit(await replay(options.replay));
if (options.minimize !== undefined) process.exit(await runMinimize(options.minimize));
process.exit(await fuzz());

// ---- The run ----------------------------------------------------------------------------------------------------

async function fuzz(): Promise<number> {
  const started = Date.now();
  const stats = Object.fromEntries(FORMATS.map((f) => [f, { count: 0, busyMs: 0, refused: 0, imported: 0, audited: 0, stalled: 0, bytes: 0, codes: new Map<string, number>() } satisfies FormatStats])) as Record<Format, FormatStats>;
  const findings: Finding[] = [];
  const slowest: Slow[] = [];
  const end = options.start + options.count;
  let next = options.start;
  let done = 0;
  let deadStarts = 0;
  const deadline = started + options.seconds * 1000;
  const inject = options.selfCheck ? { crash: options.start + 1, hang: options.start + 3, oom: options.start + 5 } : undefined;
  const config: WorkerConfig = { ...plan, roundTripEvery: options.roundTripEvery, ...(inject ? { inject } : {}) };

  console.log(`jixiao fuzz — seed ${options.seed}, ${Number.isFinite(options.count) ? `${options.count.toLocaleString('en')} inputs` : 'no count limit'}${Number.isFinite(options.seconds) ? `, ${options.seconds} s` : ''}, ${options.threads} worker(s), formats ${options.weights.map(([f, w]) => `${f}:${w}`).join(' ')}, hang after ${options.hangMs / 1000} s, heap ${options.memoryMb} MB`);

  const record = (f: Finding) => {
    findings.push(f);
    const same = findings.filter((x) => x.signature === f.signature).length;
    if (same === 1) console.log(`  ✗ ${f.kind} #${f.index} (${f.format}): ${f.what.slice(0, 300)}`);
  };

  interface Lane {
    worker: Worker;
    ready: boolean;
    /** The input being run: its clock starts when the worker says it has made it. */
    job: { index: number; started: number; input?: FuzzInput } | undefined;
    stderr: string;
  }

  return new Promise<number>((resolveRun) => {
    const lanes: Lane[] = [];
    let finished = false;

    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      clearInterval(progress);
      for (const l of lanes) {
        l.worker.removeAllListeners();
        void l.worker.terminate();
      }
      const wall = Date.now() - started;
      void confirmHangs(findings, config).then(() => {
        const code = report(stats, findings, slowest, wall, done);
        resolveRun(inject ? selfCheckVerdict(findings, inject, code) : code);
      });
    };
    const idle = () => lanes.every((l) => !l.job);
    const more = () => next < end && Date.now() < deadline;

    const dispatch = (lane: Lane) => {
      if (!more()) {
        if (idle()) finish();
        return;
      }
      const index = next++;
      lane.job = { index, started: Date.now() };
      lane.worker.postMessage({ index });
    };

    const replace = (lane: Lane) => {
      lane.worker.removeAllListeners();
      void lane.worker.terminate();
      lane.job = undefined;
      if (!more()) {
        if (idle()) finish();
        return;
      }
      spawn(lane);
    };

    /** A job that ended without a result: counted under its format (when it was made) and its time. */
    const account = (job: NonNullable<Lane['job']>, ms: number) => {
      done++;
      if (!job.input) return;
      stats[job.input.format].count++;
      stats[job.input.format].busyMs += ms;
    };
    const noInput = (job: NonNullable<Lane['job']>) => (job.input ? { format: job.input.format, input: job.input } : { format: '?' as const });

    const spawn = (lane: Lane) => {
      const w = newWorker(config, options.memoryMb);
      lane.worker = w;
      lane.ready = false;
      lane.stderr = '';
      w.stderr.on('data', (d: Buffer) => {
        lane.stderr = (lane.stderr + d.toString()).slice(-4000);
      });
      w.stdout.on('data', () => undefined);
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          lane.ready = true;
          deadStarts = 0;
          dispatch(lane);
          return;
        }
        if (m.type === 'started') {
          if (lane.job && lane.job.index === m.input.index) Object.assign(lane.job, { input: m.input, started: Date.now() });
          return;
        }
        const job = lane.job;
        if (!job || job.index !== m.index) return;
        lane.job = undefined;
        const input = job.input ? { input: job.input } : {};
        done++;
        const s = stats[m.format];
        s.count++;
        s.busyMs += m.ms;
        s.bytes += m.size;
        if (m.error) {
          record({ kind: 'crash', index: m.index, format: m.format, ...input, what: `${m.error.name}: ${m.error.message}`, stack: m.error.stack, signature: crashSignature(m.error.name, m.error.message, m.error.stack), ms: m.ms });
        } else if (m.result) {
          s[m.result.verdict]++;
          if (m.result.stalled) s.stalled++;
          for (const c of m.result.codes) s.codes.set(c, (s.codes.get(c) ?? 0) + 1);
          for (const b of m.result.breaks) record({ kind: 'break', index: m.index, format: m.format, ...input, what: b, signature: `break: ${normalise(b)}`, ms: m.ms });
        }
        if (job.input) keepSlowest(slowest, { index: m.index, format: m.format, ms: m.ms, input: job.input });
        dispatch(lane);
      });
      w.on('error', (e: Error & { code?: string }) => {
        const job = lane.job;
        if (!lane.ready && !job) deadStarts++;
        if (job) {
          const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
          account(job, Date.now() - job.started);
          record({ kind: 'crash', index: job.index, ...noInput(job), what: oom ? `worker out of memory (heap limit ${options.memoryMb} MB)` : `worker died: ${e.name}: ${e.message}`, stack: `${e.stack ?? ''}\n--- worker stderr ---\n${lane.stderr}`, signature: oom ? 'out of memory' : crashSignature(e.name, e.message, e.stack), ms: Date.now() - job.started });
        }
        if (deadStarts >= 3) {
          console.error(`workers die before they start:\n${e.stack ?? e.message}\n${lane.stderr}`);
          process.exitCode = 2;
          finish();
          return;
        }
        replace(lane);
      });
      w.on('exit', (code) => {
        const job = lane.job;
        if (job) {
          account(job, Date.now() - job.started);
          record({ kind: 'crash', index: job.index, ...noInput(job), what: `worker exited (code ${code}) while running the input`, stack: lane.stderr, signature: `worker exit ${code}` });
        } else if (!lane.ready) deadStarts++;
        if (deadStarts >= 3) {
          console.error(`workers exit before they start:\n${lane.stderr}`);
          process.exitCode = 2;
          finish();
          return;
        }
        replace(lane);
      });
    };

    const watchdog = setInterval(() => {
      const now = Date.now();
      for (const lane of lanes) {
        if (!lane.job || now - lane.job.started <= options.hangMs) continue;
        const job = lane.job;
        const ms = now - job.started;
        account(job, ms);
        if (job.input) {
          record({ kind: 'hang', index: job.index, format: job.input.format, input: job.input, what: `no result after ${(ms / 1000).toFixed(1)} s; worker stopped and replaced`, signature: `hang ${job.input.format}`, ms });
          keepSlowest(slowest, { index: job.index, format: job.input.format, ms, input: job.input });
        } else {
          record({ kind: 'hang', index: job.index, format: '?', what: `the fuzzer's own input generation took over ${(ms / 1000).toFixed(1)} s (a bug in scripts/fuzz, not in the product)`, signature: 'input generation', ms });
        }
        replace(lane);
      }
      if (Date.now() >= deadline && idle()) finish();
    }, 500);

    let lastDone = 0;
    let lastAt = started;
    const progress = setInterval(() => {
      const now = Date.now();
      const rate = ((done - lastDone) * 1000) / (now - lastAt);
      lastDone = done;
      lastAt = now;
      const per = FORMATS.filter((f) => stats[f].count).map((f) => `${f} ${stats[f].count.toLocaleString('en')}`).join(' · ');
      const c = (k: FindingKind) => findings.filter((x) => x.kind === k).length;
      console.log(`  [${String(Math.round((now - started) / 1000)).padStart(5)} s] ${done.toLocaleString('en')} inputs (${per}) ${rate.toFixed(1)}/s · crashes ${c('crash')} · hangs ${c('hang')} · breaks ${c('break')}`);
    }, 15_000);

    for (let i = 0; i < options.threads; i++) {
      const lane = { ready: false, stderr: '', job: undefined } as unknown as Lane;
      lanes.push(lane);
      spawn(lane);
    }
  });
}

/** A worker thread running scripts/fuzz/worker.ts. Why eval: tsx's loader does not reach worker threads on Node 20. */
function newWorker(config: WorkerConfig, memoryMb: number): Worker {
  const url = new URL('./fuzz/worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, {
    eval: true,
    workerData: config,
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
  });
}

/**
 * Each hang (the first five) run again alone in a fresh worker with three times the time: a loaded machine can make
 * a slow input look like a hang; one that still does not finish is a hang for sure.
 */
async function confirmHangs(findings: Finding[], config: WorkerConfig): Promise<void> {
  const hangs = findings.filter((f) => f.kind === 'hang').slice(0, 5);
  if (hangs.length) console.log(`\nrunning ${hangs.length} hang(s) again alone, up to ${(3 * options.hangMs) / 1000} s each…`);
  for (const h of hangs) {
    const limit = 3 * options.hangMs;
    const t0 = Date.now();
    const w = newWorker(config, options.memoryMb);
    w.stdout.on('data', () => undefined);
    w.stderr.on('data', () => undefined);
    const outcome = await new Promise<'finished' | 'timeout' | 'died'>((done) => {
      let started = 0;
      // Before 'ready' the worker warms up (loading pdf.js takes tens of seconds on a loaded machine).
      const timer = setTimeout(() => done('timeout'), 180_000);
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          started = Date.now();
          clearTimeout(timer);
          setTimeout(() => done('timeout'), limit).unref();
          w.postMessage({ index: h.index });
        } else if (m.type === 'done') {
          clearTimeout(timer);
          h.confirmed = Date.now() - (started || t0);
          done('finished');
        }
      });
      w.on('error', () => done('died'));
      w.on('exit', () => done('died'));
    });
    w.removeAllListeners();
    void w.terminate();
    if (outcome !== 'finished') h.confirmed = true;
    console.log(`  #${h.index}: ${outcome === 'finished' ? `finished in ${((h.confirmed as number) / 1000).toFixed(1)} s alone — slow under load` : outcome === 'timeout' ? `still running after ${limit / 1000} s alone — a hang` : 'its worker died'}`);
  }
}

/** --self-check: the injected crash, hang and heap exhaustion must each be in the findings. */
function selfCheckVerdict(findings: readonly Finding[], inject: NonNullable<WorkerConfig['inject']>, code: number): number {
  const has = (index: number, kind: FindingKind, re: RegExp) => findings.some((f) => f.index === index && f.kind === kind && re.test(f.what));
  const checks = [
    ['thrown error → crash', has(inject.crash, 'crash', /self-check/)],
    ['endless loop → hang', has(inject.hang, 'hang', /no result/)],
    ['heap exhaustion → crash (out of memory)', has(inject.oom, 'crash', /out of memory|worker (died|exited)/)],
  ] as const;
  console.log('\nself-check:');
  for (const [what, ok] of checks) console.log(`  ${ok ? '✓' : '✗'} ${what}`);
  const others = findings.filter((f) => ![inject.crash, inject.hang, inject.oom].includes(f.index));
  return checks.every(([, ok]) => ok) ? (others.length ? code : 0) : 1;
}

function keepSlowest(list: Slow[], s: Slow): void {
  if (list.length >= 10 && s.ms <= list[list.length - 1]!.ms) return;
  list.push(s);
  list.sort((a, b) => b.ms - a.ms);
  if (list.length > 10) list.pop();
}

/** Numbers, quoted text and hex left out, so one bug gives one signature whatever the input. */
function normalise(s: string): string {
  return s
    .replace(/"[^"]*"|「[^」]*」|'[^']*'/g, '"…"')
    .replace(/0x[0-9a-f]+|-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|Infinity|NaN)/gi, 'N')
    .slice(0, 200);
}

/** The error and the first frame in the project's own code: one signature per bug. */
function crashSignature(name: string, message: string, stack: string | undefined): string {
  const frame = (stack ?? '')
    .split('\n')
    .map((l) => /\((?:file:\/\/)?([^()]*?\/(?:src|scripts)\/[^():]+):(\d+):\d+\)|at (?:file:\/\/)?([^()\s]*?\/(?:src|scripts)\/[^():]+):(\d+):\d+/.exec(l))
    .find((m) => m);
  const where = frame ? `${relative(ROOT, frame[1] ?? frame[3] ?? '')}:${frame[2] ?? frame[4]}` : '?';
  return `${name}: ${normalise(message)} @ ${where}`;
}

// ---- The report and the saved inputs ----------------------------------------------------------------------------

function replayCommand(index: number): string {
  const w = options.weights;
  const isDefault = w.length === DEFAULT_WEIGHTS.length && w.every(([f, x], i) => DEFAULT_WEIGHTS[i]![0] === f && DEFAULT_WEIGHTS[i]![1] === x);
  const formats = w.length === 1 ? ` --format ${w[0]![0]}` : isDefault ? '' : ` --weights ${(['text', 'docx', 'pdf', 'xlsx'] as const).map((f) => w.find(([g]) => g === f)?.[1] ?? 0).join(',')}`;
  if (targetName !== 'document') return `npm run fuzz -- --target ${targetName} --seed ${options.seed} --replay ${index}`;
  return `npm run fuzz -- --seed ${options.seed}${formats} --replay ${index}`;
}

function recipe(input: FuzzInput): string {
  return [
    `input #${input.index} of seed ${options.seed} (${input.format}, ${input.bytes.length.toLocaleString('en')} bytes, named ${input.name})`,
    `made from ${input.base} by:`,
    ...input.mutations.map((m, i) => `  ${i + 1}. ${m}`),
    `again: ${replayCommand(input.index)}`,
  ].join('\n');
}

function save(dir: string, stem: string, input: FuzzInput, note: string): string {
  mkdirSync(dir, { recursive: true });
  const ext = input.name.slice(input.name.lastIndexOf('.'));
  const file = join(dir, `${stem}${ext}`);
  writeFileSync(file, input.bytes);
  writeFileSync(join(dir, `${stem}.note.txt`), `${note}\n\n${recipe(input)}\n`);
  return file;
}

function report(stats: Record<Format, FormatStats>, findings: readonly Finding[], slowest: readonly Slow[], wallMs: number, done: number): number {
  const lines: string[] = [];
  const out = (s = '') => {
    lines.push(s);
    console.log(s);
  };
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  out();
  out(`${done.toLocaleString('en')} inputs in ${(wallMs / 1000).toFixed(0)} s (${((done * 1000) / wallMs).toFixed(1)} inputs/s on ${options.threads} worker(s)), seed ${options.seed}`);
  out();
  const stalls = FORMATS.some((f) => stats[f].stalled > 0);
  out(`${'format'.padEnd(8)}${pad('inputs', 9)}${pad('per core/s', 12)}${pad('wall share', 12)}${pad('avg ms', 9)}${pad('refused', 9)}${pad('no eval', 9)}${pad('audited', 9)}${stalls ? pad('pdf stall', 11) : ''}`);
  const busy = FORMATS.reduce((n, f) => n + stats[f].busyMs, 0) || 1;
  for (const f of FORMATS) {
    const s = stats[f];
    if (!s.count) continue;
    out(`${f.padEnd(8)}${pad(s.count.toLocaleString('en'), 9)}${pad(((s.count * 1000) / (s.busyMs || 1)).toFixed(1), 12)}${pad(`${((100 * s.busyMs) / busy).toFixed(0)}%`, 12)}${pad((s.busyMs / s.count).toFixed(1), 9)}${pad(s.refused, 9)}${pad(s.imported, 9)}${pad(s.audited, 9)}${stalls ? pad(s.stalled, 11) : ''}`);
  }
  out();
  out('most frequent problems (refusals and warnings) per format:');
  for (const f of FORMATS) {
    if (!stats[f].count) continue;
    const top = [...stats[f].codes].sort((a, b) => b[1] - a[1]).slice(0, 6);
    out(`  ${f.padEnd(6)}${top.map(([c, k]) => `${c} ${k}`).join(' · ') || '—'}`);
  }
  const count = (k: FindingKind) => findings.filter((f) => f.kind === k).length;
  out();
  const hangs = findings.filter((f) => f.kind === 'hang');
  const cleared = hangs.filter((f) => typeof f.confirmed === 'number').length;
  out(`crashes ${count('crash')} · hangs ${hangs.length}${cleared ? ` (${cleared} finished when run again alone: slow under load)` : ''} · invariant breaks ${count('break')} (0 expected)`);

  const dir = resolve(ROOT, options.out, `seed-${options.seed}-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`);
  const bySignature = distinctFindings(findings, out);
  let n = 0;
  for (const [sig, list] of bySignature) {
    n++;
    const first = list[0]!;
    out(`  ${n}. ${first.kind} ×${list.length} [${[...new Set(list.map((f) => f.format))].join(', ')}] ${sig}`);
    out(`     e.g. #${list.slice(0, 5).map((f) => f.index).join(', #')} — ${first.what.slice(0, 300)}${first.confirmed === true ? ' (still running when run again alone)' : typeof first.confirmed === 'number' ? ` (finished in ${(first.confirmed / 1000).toFixed(1)} s when run again alone)` : ''}`);
    if (first.stack) out(`     ${first.stack.split('\n').slice(0, 6).join('\n     ')}`);
    // The first three inputs of each kind of finding are saved, with the note.
    for (const f of list.slice(0, 3)) {
      const input = f.input;
      if (!input) continue;
      const file = save(dir, `${f.kind}-${n}-${f.index}`, input, `${f.kind}: ${f.what}${f.ms !== undefined ? `\ntime: ${f.ms.toFixed(0)} ms` : ''}\nsignature: ${sig}${f.stack ? `\n\n${f.stack}` : ''}`);
      if (f === first) out(`     saved ${relative(process.cwd(), file)}`);
    }
  }
  out();
  out('10 slowest inputs:');
  slowest.forEach((s, i) => {
    const input = s.input;
    const file = save(dir, `slow-${String(i + 1).padStart(2, '0')}-${s.index}`, input, `slow: ${s.ms.toFixed(0)} ms (import + audit)`);
    out(`  ${pad(i + 1, 2)}. ${pad(s.ms.toFixed(0), 6)} ms  #${s.index} ${s.format} ${input.base} — ${input.mutations.join(' | ').slice(0, 160)}`);
    if (i === 0) out(`      saved ${relative(process.cwd(), file)}`);
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.txt'), `${lines.join('\n')}\n`);
  console.log(`\nreport and inputs in ${relative(process.cwd(), dir)}`);
  return findings.some((f) => f.kind !== 'hang' || f.confirmed === true) ? 1 : 0;
}

// ---- One input alone --------------------------------------------------------------------------------------------

async function runOne(bytes: Uint8Array, name: string): Promise<number> {
  const t0 = performance.now();
  try {
    const r = await checkDocument(bytes, name, { roundTrip: options.roundTripEvery > 0 });
    const ms = performance.now() - t0;
    console.log(`${r.verdict} in ${ms.toFixed(0)} ms; findings ${r.findings}; problems ${r.codes.join(', ') || 'none'}${r.stalled ? '; the PDF reader stalled' : ''}`);
    for (const b of r.breaks) console.log(`  invariant break: ${b}`);
    return r.breaks.length ? 1 : 0;
  } catch (e) {
    console.log(`CRASH after ${(performance.now() - t0).toFixed(0)} ms: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}

async function runFile(file: string): Promise<number> {
  console.log(file);
  return runOne(new Uint8Array(readFileSync(file)), file);
}

async function replay(indexes: readonly number[]): Promise<number> {
  let code = 0;
  for (const i of indexes) {
    const input = makeInput(corpus, plan, i);
    console.log(recipe(input));
    const file = save(resolve(ROOT, options.out, 'replay'), `seed-${options.seed}-${i}`, input, 'replayed');
    console.log(`saved ${relative(process.cwd(), file)}`);
    code = Math.max(code, await runOne(input.bytes, input.name));
    console.log();
  }
  return code;
}

async function runMinimize(index: number): Promise<number> {
  const input = makeInput(corpus, plan, index);
  console.log(recipe(input));
  const r = await minimize(input, { roundTrip: options.roundTripEvery > 0 }, (m) => console.log(`  ${m}`));
  if (!r) {
    console.log('the input does not fail: nothing to minimize');
    return 1;
  }
  const file = save(resolve(ROOT, options.out, 'minimized'), `seed-${options.seed}-${index}`, { ...input, bytes: r.bytes }, `minimized from ${input.bytes.length} to ${r.bytes.length} bytes; fails as: ${r.signature}`);
  console.log(`${input.bytes.length} → ${r.bytes.length} bytes, still: ${r.signature}\nsaved ${relative(process.cwd(), file)}`);
  return 0;
}

// ---- Function targets: one function alone, in this thread ----------------------------------------------------------

async function fuzzFunction(name: string, target: FunctionTarget): Promise<number> {
  if (options.file !== undefined) {
    const bytes = new Uint8Array(readFileSync(options.file));
    return runFunctionOnce(target, { index: -1, format: 'text', name: options.file, bytes, base: options.file, mutations: [] });
  }
  if (options.replay) {
    let code = 0;
    for (const i of options.replay) {
      const input = target.makeInput(options.seed, i);
      console.log(recipe(input));
      const file = save(resolve(ROOT, options.out, 'replay'), `${name}-seed-${options.seed}-${i}`, input, 'replayed');
      console.log(`saved ${relative(process.cwd(), file)}`);
      code = Math.max(code, runFunctionOnce(target, input));
      console.log();
    }
    return code;
  }
  const started = Date.now();
  const end = options.start + options.count;
  const deadline = started + options.seconds * 1000;
  console.log(`jixiao fuzz --target ${name} — seed ${options.seed}, ${Number.isFinite(options.count) ? `${options.count.toLocaleString('en')} inputs` : 'no count limit'}${Number.isFinite(options.seconds) ? `, ${options.seconds} s` : ''}, in this thread, slow (a hang) after ${options.hangMs / 1000} s`);
  const findings: Finding[] = [];
  const slowest: Slow[] = [];
  let done = 0;
  let busyMs = 0;
  let size = 0;
  let unit = '';
  let lastReport = started;
  const record = (f: Finding) => {
    findings.push(f);
    if (findings.filter((x) => x.signature === f.signature).length === 1) console.log(`  ✗ ${f.kind} #${f.index}: ${f.what.slice(0, 300)}`);
  };
  for (let index = options.start; index < end && Date.now() < deadline; index++) {
    const input = target.makeInput(options.seed, index);
    const t0 = performance.now();
    try {
      const r = target.run(input);
      const ms = performance.now() - t0;
      size += r.size;
      unit = r.sizeUnit;
      busyMs += ms;
      for (const b of r.breaks) record({ kind: 'break', index, format: 'text', input, what: b, signature: `break: ${normalise(b)}`, ms });
      if (ms > options.hangMs) record({ kind: 'hang', index, format: 'text', input, what: `took ${(ms / 1000).toFixed(1)} s (${r.size} ${r.sizeUnit})`, signature: 'slow', ms, confirmed: true });
      keepSlowest(slowest, { index, format: 'text', ms, input });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      busyMs += performance.now() - t0;
      record({ kind: 'crash', index, format: 'text', input, what: `${err.name}: ${err.message}`, stack: err.stack ?? String(err), signature: crashSignature(err.name, err.message, err.stack) });
    }
    done++;
    if (Date.now() - lastReport >= 15_000) {
      lastReport = Date.now();
      console.log(`  [${String(Math.round((lastReport - started) / 1000)).padStart(5)} s] ${done.toLocaleString('en')} inputs · crashes ${findings.filter((f) => f.kind === 'crash').length} · breaks ${findings.filter((f) => f.kind === 'break').length} · slow ${findings.filter((f) => f.kind === 'hang').length}`);
    }
  }
  const wall = Date.now() - started;
  const lines: string[] = [];
  const out = (x = '') => {
    lines.push(x);
    console.log(x);
  };
  out();
  out(`${done.toLocaleString('en')} inputs in ${(wall / 1000).toFixed(0)} s (${((done * 1000) / (busyMs || 1)).toFixed(0)} inputs/s busy), ${size.toLocaleString('en')} ${unit}, ${((size * 1000) / (busyMs || 1)).toFixed(0)} ${unit}/s, seed ${options.seed}`);
  const count = (k: FindingKind) => findings.filter((f) => f.kind === k).length;
  out(`crashes ${count('crash')} · slow inputs (over ${options.hangMs / 1000} s) ${count('hang')} · invariant breaks ${count('break')} (0 expected)`);
  const dir = resolve(ROOT, options.out, `${name}-seed-${options.seed}-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`);
  const bySignature = distinctFindings(findings, out);
  let n = 0;
  for (const [sig, list] of bySignature) {
    n++;
    const first = list[0]!;
    out(`  ${n}. ${first.kind} ×${list.length} ${sig}`);
    out(`     e.g. #${list.slice(0, 5).map((f) => f.index).join(', #')} — ${first.what.slice(0, 300)}`);
    if (first.stack) out(`     ${first.stack.split('\n').slice(0, 6).join('\n     ')}`);
    for (const f of list.slice(0, 3)) {
      if (!f.input) continue;
      const file = save(dir, `${f.kind}-${n}-${f.index}`, f.input, `${f.kind}: ${f.what}${f.ms !== undefined ? `\ntime: ${f.ms.toFixed(0)} ms` : ''}\nsignature: ${sig}${f.stack ? `\n\n${f.stack}` : ''}`);
      if (f === first) out(`     saved ${relative(process.cwd(), file)}`);
    }
  }
  out();
  out('10 slowest inputs:');
  slowest.forEach((s, i) => {
    const file = save(dir, `slow-${String(i + 1).padStart(2, '0')}-${s.index}`, s.input, `slow: ${s.ms.toFixed(0)} ms (${name})`);
    out(`  ${String(i + 1).padStart(2)}. ${s.ms.toFixed(0).padStart(6)} ms  #${s.index} ${(s.input.bytes.length / 1024).toFixed(0)} KB ${s.input.base} — ${s.input.mutations.join(' | ').slice(0, 160)}`);
    if (i === 0) out(`      saved ${relative(process.cwd(), file)}`);
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.txt'), `${lines.join('\n')}\n`);
  console.log(`\nreport and inputs in ${relative(process.cwd(), dir)}`);
  return findings.length ? 1 : 0;
}

/** One input alone: what the function made of it (the first lines), its invariant breaks or its stack. */
function runFunctionOnce(target: FunctionTarget, input: FuzzInput): number {
  const t0 = performance.now();
  try {
    const r = target.run(input);
    console.log(`done in ${(performance.now() - t0).toFixed(0)} ms (${r.size} ${r.sizeUnit}); invariant breaks ${r.breaks.length}`);
    for (const l of r.shown.slice(0, 80)) console.log(`  ${l}`);
    if (r.shown.length > 80) console.log(`  … ${r.shown.length - 80} more`);
    for (const b of r.breaks) console.log(`  invariant break: ${b}`);
    return r.breaks.length ? 1 : 0;
  } catch (e) {
    console.log(`CRASH after ${(performance.now() - t0).toFixed(0)} ms: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}

/** The findings grouped by signature (one line of the report each), announced with their count. */
function distinctFindings<F extends { signature: string }>(findings: readonly F[], out: (line?: string) => void): Map<string, F[]> {
  const bySignature = new Map<string, F[]>();
  for (const f of findings) bySignature.set(f.signature, [...(bySignature.get(f.signature) ?? []), f]);
  if (bySignature.size) {
    out();
    out(`distinct findings (${bySignature.size}):`);
  }
  return bySignature;
}

// ---- --target space-columns ---------------------------------------------------------------------------------------

/** readSpaceColumns alone: its inputs (generated forms and laid-out seeds, mutated) and its invariants. */
function spaceColumnsTarget(): FunctionTarget {
  const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
  /** Display width as the reader counts it: a CJK or full-width character takes two columns. */
  const displayWidth = (s: string) => [...s].reduce((w, c) => w + (WIDE_CHAR.test(c) ? 2 : 1), 0);

  /** A line with each text at (at least) its display column, two spaces between texts at the least. */
  function layLine(pieces: readonly (readonly [number, string])[]): string {
    let s = '';
    for (const [col, text] of [...pieces].sort((a, b) => a[0] - b[0])) s += ' '.repeat(Math.max(s ? 2 : 0, col - displayWidth(s))) + text;
    return s;
  }

  /** Form words only (the forms' own vocabulary and invented 某某 names): no document's names or figures. */
  const SC = {
    title: ['项目支出绩效自评表', '部门整体支出绩效自评表', '某县某局2024年度项目支出绩效自评表'],
    heads: {
      indicator: ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      funds: ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      department: ['项目', '年初预算数', '全年预算数', '全年执行数', '执行率'],
    },
    level1: ['产出指标', '效益指标', '满意度指标', '成本指标'],
    level2: ['数量指标', '质量指标', '时效指标', '经济效益指标', '社会效益指标', '可持续影响指标', '服务对象满意度指标'],
    names: ['某某培训人次', '某某设施座数', '乡村道路养护里程', '资金到位率', '群众满意度', '项目完成及时率', '带动务工人数', '设备完好率'],
    reasons: ['受天气影响部分工程延期', '已整改', '无', '资金未及时拨付', '按计划完成'],
    labels: ['年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金', '基本支出', '项目支出', '其中：人员经费', '公用经费'],
    left: ['项目资金', '（万元）', '绩效指标', '部门资金'],
    totals: ['合计', '总计', '总分'],
    footers: ['- 1 -', '— 12 —', '第 2 页 共 5 页', '第 3 页'],
    ends: ['二、其他说明', '（三）某某情况', '注：某某', '填报人：某某', '单位负责人：某某', '本项目已按期完成。', '说明：某某'],
    units: ['人次', '座', '公里', '户', '%', '万元', ''],
  };

  function scFigure(rng: Rng): string {
    return rng.pick([
      () => `${rng.int(2000)}.${String(rng.int(100)).padStart(2, '0')}`,
      () => `${rng.range(1, 9)},${String(rng.int(1000)).padStart(3, '0')}.${String(rng.int(100)).padStart(2, '0')}`,
      () => `${rng.range(50, 100)}.${String(rng.int(100)).padStart(2, '0')}%`,
      () => String(rng.range(0, 30)),
      () => `${rng.pick(['≥', '≤', '＞', ''])}${rng.range(1, 500)}${rng.pick(SC.units)}`,
      () => rng.pick(['—', '/', '-', '0']),
    ])();
  }

  /** A text cell cut into parts printed on consecutive lines (a wrapped cell), or whole. */
  function scWrap(rng: Rng, text: string): string[] {
    if (text.length < 4 || !rng.chance(0.3)) return [text];
    const parts = rng.chance(0.2) ? 3 : 2;
    const out: string[] = [];
    let rest = text;
    for (let k = parts; k > 1 && rest.length > 1; k--) {
      const cut = rng.range(1, rest.length - 1);
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    return [...out, rest];
  }

  /** A form's table as pdftotext -layout prints it: header, rows with wrapped and merged cells, page breaks, total. */
  function scForm(rng: Rng, notes: string[]): string[] {
    const kind = rng.pick(['indicator', 'funds', 'department'] as const);
    const words = SC.heads[kind];
    const leftWidth = kind === 'indicator' ? rng.pick([0, 10]) : rng.range(0, 2) * rng.range(10, 16);
    const cols: number[] = [];
    let x = leftWidth + rng.range(0, 6);
    for (const w of words) {
      cols.push(x);
      x += displayWidth(w) + rng.range(2, 8);
    }
    const title = rng.pick(SC.title);
    const out: string[] = [layLine([[rng.range(10, 40), title]])];
    if (rng.chance(0.5)) out.push(layLine([[2, '项目名称'], [16, '某县某局某某项目']]), layLine([[2, '主管部门'], [16, '某县某局'], [40, '实施单位'], [52, '某县某中心']]));
    // The header, its last word perhaps wrapped over the lines above and below.
    const head: [number, string][] = words.map((w, i) => [cols[i]! + rng.range(0, 1), w]);
    const last = head[head.length - 1]!;
    if (rng.chance(0.3) && last[1].length >= 4) {
      const cut = rng.range(2, last[1].length - 2);
      head.pop();
      out.push(layLine([[last[0], last[1].slice(0, cut)]]), layLine(head), layLine([[last[0] + rng.range(0, 2), last[1].slice(cut)]]));
      notes.push('header word wrapped above and below');
    } else out.push(layLine(head));
    const rows = rng.range(1, 12);
    notes.push(`${kind} table, ${rows} row(s)`);
    for (let r = 0; r < rows; r++) {
      const cells: string[] = words.map((_, i) => {
        if (kind === 'indicator') return i === 0 ? (rng.chance(0.4) ? rng.pick(SC.level1) : '') : i === 1 ? rng.pick(SC.level2) : i === 2 ? rng.pick(SC.names) : i === 7 ? (rng.chance(0.5) ? rng.pick(SC.reasons) : '') : scFigure(rng);
        if (kind === 'department' && i === 0) return rng.pick(SC.labels);
        return rng.chance(0.9) ? scFigure(rng) : '';
      });
      const total = r === rows - 1 && rng.chance(0.4);
      if (total) cells[0] = rng.pick(SC.totals);
      const above: [number, string][] = [];
      const own: [number, string][] = [];
      const below: [number, string][] = [];
      if (kind !== 'indicator' && leftWidth > 0) own.push([rng.pick([0, 2, 4, 6]), total ? rng.pick(SC.totals) : rng.pick(SC.labels)]);
      cells.forEach((c, i) => {
        if (!c) return;
        const parts = /\d/.test(c) || total ? [c] : scWrap(rng, c);
        const col = cols[i]! + (rng.chance(0.2) ? rng.range(-2, 3) : 0);
        const at = Math.max(0, /\d/.test(c) && rng.chance(0.5) ? col + displayWidth(words[i]!) - displayWidth(c) : col);
        const centred = parts.length > 1 && rng.chance(0.6);
        parts.forEach((p, k) => (centred ? (k < parts.length / 2 - 0.5 ? above : k === Math.floor(parts.length / 2) ? own : below) : k === 0 ? own : below).push([at, p]));
      });
      if (above.length) out.push(layLine(above));
      out.push(layLine(own));
      if (below.length) out.push(layLine(below));
      if (rng.chance(0.1)) out.push(layLine([[rng.range(0, leftWidth + 4), rng.pick([...SC.left, ...SC.level1])]]));
      if (rng.chance(0.08)) {
        out.push(...Array.from({ length: rng.range(0, 2) }, () => ''), layLine([[30, rng.pick(SC.footers)]]), `\f${out[0]}`);
        notes.push('page break');
      }
    }
    if (rng.chance(0.5)) out.push(...(rng.chance(0.5) ? [''] : []), layLine([[rng.range(0, 4), rng.pick(SC.ends)]]));
    return out;
  }

  /** A text seed laid out with spaces: each run of tab-separated lines gets columns as wide as their widest cell. */
  function scLaySeed(rng: Rng, text: string, notes: string[]): string[] {
    const all = text.split('\n').map((l) => l.replace(/\r$/, ''));
    const from = rng.int(Math.max(1, all.length - 40));
    const lines = all.slice(from, from + rng.range(20, 300));
    notes.push(`seed lines ${from + 1}–${from + lines.length} laid out with spaces`);
    const out: string[] = [];
    for (let i = 0; i < lines.length; ) {
      if (!lines[i]!.includes('\t')) {
        out.push(lines[i]!);
        i++;
        continue;
      }
      let j = i;
      while (j < lines.length && lines[j]!.includes('\t')) j++;
      const block = lines.slice(i, j).map((l) => l.split('\t').map((c) => c.trim().slice(0, 60)));
      const widths: number[] = [];
      for (const cells of block) cells.forEach((c, k) => (widths[k] = Math.max(widths[k] ?? 0, displayWidth(c))));
      const starts: number[] = [];
      widths.reduce((at, w, k) => ((starts[k] = at), at + w + rng.range(2, 5)), rng.range(0, 4));
      for (const cells of block) {
        const own: [number, string][] = [];
        const below: [number, string][] = [];
        cells.forEach((c, k) => {
          if (!c) return;
          const parts = displayWidth(c) > 16 && rng.chance(0.3) ? [c.slice(0, Math.ceil(c.length / 2)), c.slice(Math.ceil(c.length / 2))] : [c];
          const at = /^[\d.,%-]+$/.test(c) && rng.chance(0.5) ? starts[k]! + widths[k]! - displayWidth(c) : starts[k]!;
          own.push([at, parts[0]!]);
          if (parts[1]) below.push([at, parts[1]]);
        });
        out.push(layLine(own));
        if (below.length) out.push(layLine(below));
      }
      i = j;
    }
    return out;
  }

  /** Mutations of a laid-out text's lines that a PDF-to-text step or a typist could make; each noted. */
  function scMutate(rng: Rng, lines: string[], other: string, notes: string[]): string[] {
    const ls = [...lines];
    const k = rng.int(Math.max(1, ls.length));
    const gapAt = (l: string) => [...l.matchAll(/ {2,}/g)].map((m) => m.index!);
    const op = rng.weighted<string>([
      ['shift', 4],
      ['narrow', 2],
      ['blank', 2],
      ['footer', 1],
      ['end', 1],
      ['swap', 1],
      ['drop', 1],
      ['wide', 1],
      ['text', 3],
      ['repeat', 0.3],
    ]);
    switch (op) {
      case 'shift':
      case 'narrow':
      case 'wide': {
        const line = ls[k] ?? '';
        const gaps = gapAt(line);
        if (!gaps.length) return ls;
        const g = rng.pick(gaps);
        const run = /^ +/.exec(line.slice(g))![0].length;
        const by = op === 'narrow' ? ' ' : op === 'wide' ? rng.pick(['\u3000', '\u00a0\u00a0', ' \u3000']) : ' '.repeat(Math.max(0, run + rng.range(-3, 4)));
        ls[k] = line.slice(0, g) + by + line.slice(g + run);
        notes.push(`${op}: line ${k + 1}, gap at ${g} (${run} spaces) → ${JSON.stringify(by)}`);
        return ls;
      }
      case 'blank': {
        const n = rng.range(1, 5);
        ls.splice(k, 0, ...Array.from({ length: n }, () => ''));
        notes.push(`${n} blank line(s) before line ${k + 1}`);
        return ls;
      }
      case 'footer':
      case 'end': {
        const line = layLine([[rng.range(0, 40), rng.pick(op === 'footer' ? SC.footers : SC.ends)]]);
        ls.splice(k, 0, line);
        notes.push(`${op} line ${JSON.stringify(line.trim())} before line ${k + 1}`);
        return ls;
      }
      case 'swap':
        if (k + 1 < ls.length) [ls[k], ls[k + 1]] = [ls[k + 1]!, ls[k]!];
        notes.push(`lines ${k + 1} and ${k + 2} swapped`);
        return ls;
      case 'drop':
        ls.splice(k, 1);
        notes.push(`line ${k + 1} dropped`);
        return ls;
      case 'repeat': {
        const n = rng.small(300);
        notes.push(`the whole text ×${n}`);
        return Array.from({ length: n }, () => ls).flat();
      }
      default: {
        const r = mutateText(rng, ls.join('\n'), other);
        notes.push(r.note);
        return r.value.split('\n');
      }
    }
  }

  function spaceColumnsInput(seed: number, index: number): FuzzInput {
    const rng = new Rng(seed, index);
    const mutations: string[] = [];
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    const other = decode(rng.pick(corpus.text).bytes);
    let base = 'generated form';
    let lines: string[];
    const kind = rng.weighted<string>([
      ['form', 6],
      ['seed', 3],
      ['forms', 1],
    ]);
    if (kind === 'seed') {
      const s = rng.pick(corpus.text);
      base = s.path;
      lines = scLaySeed(rng, decode(s.bytes), mutations);
    } else if (kind === 'forms') {
      lines = Array.from({ length: rng.range(2, 6) }, () => scForm(rng, mutations)).flat();
      base = 'generated forms';
    } else lines = scForm(rng, mutations);
    const n = rng.int(5);
    for (let i = 0; i < n; i++) lines = scMutate(rng, lines, other, mutations);
    return { index, format: 'text', name: `space-columns-${index}.txt`, bytes: new TextEncoder().encode(lines.join('\n')), base, mutations };
  }

  /** Non-space characters of a text with their counts. */
  function charCounts(s: string): Map<string, number> {
    const m = new Map<string, number>();
    for (const c of s) if (/\S/.test(c)) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  }
  const countsWithin = (part: Map<string, number>, whole: Map<string, number>) => [...part].every(([c, n]) => (whole.get(c) ?? 0) >= n);

  /**
   * readSpaceColumns on the input's lines (as the plain-text reader gives them: tab-separated cells, a form feed a page
   * start), and its invariants: lines in order and no more than read; a line either as read or rebuilt from the text
   * of the lines between the rebuilt lines before and after it (text never crosses a row); no character added.
   */
  function runSpaceColumns(input: FuzzInput): { breaks: string[]; size: number; sizeUnit: string; shown: string[] } {
    const text = new TextDecoder().decode(input.bytes);
    const lines: SourceLine[] = text.split('\n').map((t, i) => {
      const l = t.replace(/\r$/, '');
      return { cells: l.replace(/\f/g, '').split('\t'), loc: { line: i + 1 }, ...(l.includes('\f') ? { pageStart: true } : {}) };
    });
    const out = readSpaceColumns(lines);
    const breaks: string[] = [];
    if (out.length > lines.length) breaks.push(`${out.length} lines out of ${lines.length} read`);
    const numbers = out.map((l) => l.loc.line ?? NaN);
    const disorder = numbers.findIndex((n, i) => !(n >= 1 && n <= lines.length) || (i > 0 && n <= numbers[i - 1]!));
    if (disorder >= 0) breaks.push(`line ${numbers[disorder]} out of order after line ${numbers[disorder - 1]}`);
    const asRead = (l: SourceLine) => JSON.stringify(l) === JSON.stringify(lines[(l.loc.line ?? 0) - 1]);
    const rebuilt = out.filter((l) => !asRead(l)).map((l) => l.loc.line!);
    const textOf = (ls: readonly SourceLine[]) => ls.map((l) => l.cells.join('')).join('');
    for (const l of out) {
      if (!l.cells.length || l.cells.some((c) => typeof c !== 'string')) breaks.push(`line ${l.loc.line}: cells ${JSON.stringify(l.cells)}`);
      else if (l.cells.length === 1 && !asRead(l)) breaks.push(`line ${l.loc.line}: one cell, not as read`);
      if (asRead(l) || disorder >= 0) continue;
      const i = rebuilt.indexOf(l.loc.line!);
      const from = i === 0 ? 1 : rebuilt[i - 1]! + 1;
      const to = i === rebuilt.length - 1 ? lines.length : rebuilt[i + 1]! - 1;
      if (!countsWithin(charCounts(l.cells.join('')), charCounts(textOf(lines.slice(from - 1, to))))) breaks.push(`line ${l.loc.line}: text from outside lines ${from}–${to}: ${JSON.stringify(l.cells).slice(0, 200)}`);
    }
    if (!countsWithin(charCounts(textOf(out)), charCounts(textOf(lines)))) breaks.push('characters added to the text');
    return { breaks, size: lines.length, sizeUnit: 'lines', shown: out.map((l) => `${l.loc.line}: ${JSON.stringify(l.cells)}`) };
  }

  return { makeInput: spaceColumnsInput, run: runSpaceColumns };
}
