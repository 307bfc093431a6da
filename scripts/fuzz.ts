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
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkDocument } from './fuzz/check.ts';
import { DEFAULT_WEIGHTS, FORMATS, type Format, type FuzzInput, ROOT, loadCorpus, makeInput } from './fuzz/input.ts';
import { minimize } from './fuzz/minimize.ts';
import { type FuzzOptions, USAGE, parseOptions } from './fuzz/options.ts';
import type { FromWorker, WorkerConfig } from './fuzz/worker.ts';

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

let options: FuzzOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const corpus = loadCorpus();
const plan = { seed: options.seed, weights: options.weights };

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
  const bySignature = new Map<string, Finding[]>();
  for (const f of findings) bySignature.set(f.signature, [...(bySignature.get(f.signature) ?? []), f]);
  if (bySignature.size) {
    out();
    out(`distinct findings (${bySignature.size}):`);
  }
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

