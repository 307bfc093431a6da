/** `npm run fuzz -- …` flags. */
import { availableParallelism } from 'node:os';
import { DEFAULT_WEIGHTS, FORMATS, type Format } from './input.ts';
import { hashText } from './rng.ts';

export interface FuzzOptions {
  readonly seed: number;
  /** Inputs to run (Infinity with --seconds alone). */
  readonly count: number;
  /** Stop starting new inputs after this many seconds. */
  readonly seconds: number;
  /** First input index (to continue a run, or to skip ahead). */
  readonly start: number;
  readonly weights: readonly (readonly [Format, number])[];
  readonly threads: number;
  /** An input still running after this long is a hang. */
  readonly hangMs: number;
  /** Heap limit per worker (old generation), MB. */
  readonly memoryMb: number;
  readonly out: string;
  /** Write the imported evaluation as YAML and read it back for every Nth input (0: never). */
  readonly roundTripEvery: number;
  /** Make a worker crash, hang and run out of memory on three inputs, to show the harness catches each. */
  readonly selfCheck: boolean;
  /** Run these indexes alone on the main thread and print what happened. */
  readonly replay?: readonly number[];
  /** Shrink this input (crash or invariant break) to a small one that still fails the same way. */
  readonly minimize?: number;
  /** Run this existing file through the same checks (a saved input, a fixture). */
  readonly file?: string;
  readonly help: boolean;
}

export const USAGE = `npm run fuzz -- [options]

Mutates the seed documents (text, DOCX, PDF, XLSX) and runs each input through import and audit on worker threads,
recording crashes (an exception or a dead worker), hangs and invariant breaks. Deterministic from --seed.

  --count N          inputs to run (default 100000; with --seconds alone: until time is up)
  --seconds S        start no new input after S seconds
  --format F         only this format: text, docx, pdf or xlsx (default: all four, weighted by cost)
  --weights t,d,p,x  relative weights of text,docx,pdf,xlsx (default ${DEFAULT_WEIGHTS.map(([, w]) => w).join(',')})
  --seed N|TEXT      run seed (default 1); input i of seed s is always the same bytes
  --start I          first input index (default 0)
  --threads N        worker threads (default: one per core, ${availableParallelism()} here)
  --hang-seconds S   an input running longer is a hang: its worker is stopped and replaced (default 20)
  --memory MB        heap limit per worker (default 1024)
  --out DIR          where findings are saved (default fuzz-out)
  --round-trip N     write every Nth imported evaluation as YAML and read it back (default 10; 1: all, 0: none)
  --self-check       make a worker throw, hang and run out of memory on three inputs: the report must show them
                     (e.g. --self-check --count 20 --format text --memory 512 --hang-seconds 30)
  --replay I[,J…]    run inputs I, J… alone in this thread, print the recipe and the result, save them
  --minimize I       shrink input I (text, DOCX, XLSX) to a small input that fails the same way
  --file PATH        run one existing file through the same checks
`;

function num(flag: string, v: string | undefined, min = 0): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number ≥ ${min}`);
  return n;
}

export function parseOptions(argv: readonly string[]): FuzzOptions {
  let seed = 1;
  let count: number | undefined;
  let seconds = Infinity;
  let start = 0;
  let weights: (readonly [Format, number])[] = [...DEFAULT_WEIGHTS];
  let format: Format | undefined;
  let threads = availableParallelism();
  let hangMs = 20_000;
  let memoryMb = 1024;
  let out = 'fuzz-out';
  let roundTripEvery = 10;
  let selfCheck = false;
  let replay: number[] | undefined;
  let minimize: number | undefined;
  let file: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = (): string | undefined => argv[++i];
    switch (a) {
      case '--count':
        count = num(a, v(), 1);
        break;
      case '--seconds':
        seconds = num(a, v());
        break;
      case '--format': {
        const f = v();
        if (!(FORMATS as readonly string[]).includes(f ?? '')) throw new Error(`--format is one of ${FORMATS.join(', ')}`);
        format = f as Format;
        break;
      }
      case '--weights': {
        const ws = (v() ?? '').split(',').map(Number);
        if (ws.length !== 4 || ws.some((w) => !Number.isFinite(w) || w < 0) || ws.every((w) => w === 0)) throw new Error('--weights needs four numbers: text,docx,pdf,xlsx');
        weights = (['text', 'docx', 'pdf', 'xlsx'] as const).map((f, k) => [f, ws[k]!] as const).filter(([, w]) => w > 0);
        break;
      }
      case '--seed': {
        const s = v() ?? '';
        seed = /^\d+$/.test(s) ? Number(s) >>> 0 : hashText(s);
        break;
      }
      case '--start':
        start = Math.floor(num(a, v()));
        break;
      case '--threads':
        threads = Math.floor(num(a, v(), 1));
        break;
      case '--hang-seconds':
        hangMs = num(a, v(), 1) * 1000;
        break;
      case '--memory':
        memoryMb = num(a, v(), 64);
        break;
      case '--out':
        out = v() ?? out;
        break;
      case '--round-trip':
        roundTripEvery = Math.floor(num(a, v()));
        break;
      case '--self-check':
        selfCheck = true;
        break;
      case '--replay':
        replay = (v() ?? '').split(',').map((x) => Math.floor(num(a, x)));
        break;
      case '--minimize':
        minimize = Math.floor(num(a, v()));
        break;
      case '--file':
        file = v();
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  if (format) weights = [[format, 1]];
  return {
    seed,
    count: count ?? (Number.isFinite(seconds) ? Infinity : 100_000),
    seconds,
    start,
    weights,
    threads,
    hangMs,
    memoryMb,
    out,
    roundTripEvery,
    selfCheck,
    ...(replay ? { replay } : {}),
    ...(minimize !== undefined ? { minimize } : {}),
    ...(file ? { file } : {}),
    help,
  };
}
