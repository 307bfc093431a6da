/**
 * PDF by printing the HTML page (html.ts) with headless Chromium. A shell: it looks for the browser, writes the page
 * to a fresh temporary folder, runs Chromium without a shell, reads the PDF back and removes the folder.
 *
 * What can go wrong (no browser, a failed print, a hung browser) comes back as a value with a message in Chinese
 * and English; nothing here throws for those.
 *
 * Fonts: Chromium's PDF backend (Skia) embeds TrueType fonts as CID TrueType but turns OpenType/CFF fonts — Noto
 * CJK among them — into Type 3 fonts: vector outlines with a ToUnicode map, so the text stays sharp, searchable and
 * copyable, but the font name is lost.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export type PdfProblemCode = 'pdf-no-chromium' | 'pdf-print-failed' | 'pdf-timeout';

export interface PdfProblem {
  readonly code: PdfProblemCode;
  readonly message: { readonly zh: string; readonly en: string };
}

export type PdfResult = { ok: true; bytes: Uint8Array; ms: number } | { ok: false; problem: PdfProblem };

export interface PrintOptions {
  /** Give up (and kill the browser) after this long; 60 s by default. */
  readonly timeoutMs?: number;
  /** The browser to run: a path, or a name looked up on PATH. Before JIXIAO_CHROMIUM and the usual names. */
  readonly chromium?: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Names tried on PATH when neither the option nor JIXIAO_CHROMIUM names a browser. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

export const INSTALL_HINT = {
  zh: 'apt-get install chromium fonts-noto-cjk（或设置环境变量 JIXIAO_CHROMIUM 指向 Chrome/Chromium 可执行文件）',
  en: 'apt-get install chromium fonts-noto-cjk (or set JIXIAO_CHROMIUM to a Chrome/Chromium executable)',
} as const;

export const NO_CJK_FONT_WARNING = {
  zh: '未找到中文字体，PDF 中的汉字会显示为方框：apt-get install fonts-noto-cjk',
  en: 'No Chinese font found; Chinese text in the PDF will print as boxes: apt-get install fonts-noto-cjk',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Finding the browser

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` on PATH (a name with a slash is taken as a path); null when there is none. */
function onPath(name: string, envPath: string): string | null {
  if (name.includes('/') || name.includes(path.sep)) return isExecutableFile(name) ? path.resolve(name) : null;
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

export type ChromiumLookup = { found: true; path: string } | { found: false; tried: readonly string[] };

/**
 * The browser to print with: `explicit` (the option), else $JIXIAO_CHROMIUM, else the usual names on PATH. A browser
 * named explicitly (option or variable) that is not there is not replaced by another: the lookup fails.
 */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const envPath = env['PATH'] ?? '';
  const named = explicit !== undefined && explicit !== '' ? explicit : env['JIXIAO_CHROMIUM'];
  if (named !== undefined && named !== '') {
    const found = onPath(named, envPath);
    return found !== null ? { found: true, path: found } : { found: false, tried: [named] };
  }
  for (const name of CHROMIUM_NAMES) {
    const found = onPath(name, envPath);
    if (found !== null) return { found: true, path: found };
  }
  return { found: false, tried: [...CHROMIUM_NAMES] };
}

// ---------------------------------------------------------------------------------------------------------------
// Problems

function noChromium(tried: readonly string[]): PdfProblem {
  return {
    code: 'pdf-no-chromium',
    message: {
      zh: `未找到 Chromium 浏览器：PDF 由无头 Chromium 打印生成。请安装：${INSTALL_HINT.zh}。已查找：${tried.join('、')}`,
      en: `Chromium not found: the PDF is printed by headless Chromium. Install it: ${INSTALL_HINT.en}. Looked for: ${tried.join(', ')}`,
    },
  };
}

function printFailed(zhDetail: string, enDetail: string): PdfProblem {
  return {
    code: 'pdf-print-failed',
    message: { zh: `Chromium 打印 PDF 失败：${zhDetail}`, en: `Chromium failed to print the PDF: ${enDetail}` },
  };
}

function timedOut(ms: number): PdfProblem {
  const s = Math.round(ms / 100) / 10;
  return {
    code: 'pdf-timeout',
    message: {
      zh: `Chromium 打印 PDF 超时（${s} 秒），已终止浏览器进程。`,
      en: `Chromium did not finish printing the PDF within ${s} s; the browser was stopped.`,
    },
  };
}

/** The last lines of Chromium's stderr that are not its usual noise (D-Bus, GPU, sandbox chatter). */
function stderrTail(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/dbus|gpu|sandbox|unexpected operator|fontconfig/i.test(l));
  const tail = lines.slice(-3).join(' | ');
  return tail.length > 600 ? `…${tail.slice(-600)}` : tail;
}

// ---------------------------------------------------------------------------------------------------------------
// Printing

export function chromiumArgs(dir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    `--user-data-dir=${path.join(dir, 'profile')}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${path.join(dir, 'out.pdf')}`,
    pathToFileURL(path.join(dir, 'in.html')).href,
  ];
}

interface RunOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly spawnError: Error | null;
  readonly stderr: string;
}

const STDERR_LIMIT = 64 * 1024;

/** Runs the browser in its own process group, so that a timeout stops its helpers too. */
function run(file: string, args: readonly string[], timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    let stderr = '';
    let timedOutFlag = false;
    let settled = false;
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    const killAll = (): void => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const finish = (outcome: Omit<RunOutcome, 'stderr' | 'timedOut'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Helpers left behind (crash handler, zygote) must not outlive the print or hold the temporary folder.
      if (outcome.spawnError === null) killAll();
      resolve({ ...outcome, timedOut: timedOutFlag, stderr });
    };
    const timer = setTimeout(() => {
      timedOutFlag = true;
      killAll();
    }, timeoutMs);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk;
      else stderr = (stderr + chunk).slice(-STDERR_LIMIT);
    });
    child.on('error', (err) => finish({ code: null, signal: null, spawnError: err }));
    // 'exit', not 'close': a helper process may keep stderr open after the browser itself has finished.
    child.on('exit', (code, signal) => finish({ code, signal, spawnError: null }));
  });
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d; // %PDF-
}

/** Prints the page to PDF with headless Chromium. Problems are values; it does not throw for them. */
export async function printPdf(html: string, opts: PrintOptions = {}): Promise<PdfResult> {
  const lookup = findChromium(opts.chromium);
  if (!lookup.found) return { ok: false, problem: noChromium(lookup.tried) };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let dir: string | null = null;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-pdf-'));
    fs.writeFileSync(path.join(dir, 'in.html'), html, 'utf8');
    const started = performance.now();
    const outcome = await run(lookup.path, chromiumArgs(dir), timeoutMs);
    const ms = Math.round(performance.now() - started);

    if (outcome.timedOut) return { ok: false, problem: timedOut(timeoutMs) };
    if (outcome.spawnError !== null) {
      const msg = outcome.spawnError.message;
      return { ok: false, problem: printFailed(`无法启动 ${lookup.path}（${msg}）`, `could not start ${lookup.path} (${msg})`) };
    }
    const outFile = path.join(dir, 'out.pdf');
    const detail = stderrTail(outcome.stderr);
    if (outcome.code !== 0) {
      const how = outcome.signal !== null ? `signal ${outcome.signal}` : `exit code ${String(outcome.code)}`;
      return { ok: false, problem: printFailed(`进程异常结束（${how}）${detail ? `：${detail}` : ''}`, `${how}${detail ? `: ${detail}` : ''}`) };
    }
    if (!fs.existsSync(outFile)) {
      return { ok: false, problem: printFailed(`未生成 PDF 文件${detail ? `：${detail}` : ''}`, `no PDF was written${detail ? `: ${detail}` : ''}`) };
    }
    const bytes = new Uint8Array(fs.readFileSync(outFile));
    if (!isPdf(bytes)) {
      return { ok: false, problem: printFailed('输出文件不是 PDF', 'the output is not a PDF file') };
    }
    return { ok: true, bytes, ms };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: printFailed(msg, msg) };
  } finally {
    if (dir !== null) {
      try {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      } catch {
        // best effort: a temporary folder left behind is not worth failing the print for
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fonts

/** Whether fontconfig knows a font with Chinese glyphs (false when fc-list is missing or finds none). */
export function hasCjkFont(): boolean {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
    return out.trim() !== '';
  } catch {
    return false;
  }
}
