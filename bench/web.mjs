// The web app's figures (npm run bench, or alone: `npm run build && node bench/web.mjs`):
//   1. bundle sizes — every file Vite wrote to dist/web/assets, raw and gzip; which of them the first screen loads
//      (index.html's script and its static imports) and which load later (the editor, the desk with ECharts …);
//   2. time to first screen — a logged-in reviewer opening the app in a fresh browser context (cold cache) until
//      "我的任务" and the task list are on screen; and the login page alone; median of BENCH_WEB_RUNS (default 7);
//   3. recompute per keystroke — the editor recomputes figures, findings and scores with the core in the browser on
//      every change; a 001-sized evaluation (the largest example) is typed into and the editor's own measurement
//      (window.__jixiaoRecompute, performance.now() around parse + compute + audit) is read: median and p95 over
//      BENCH_WEB_KEYS keystrokes (default 40), against one 60 Hz frame (16.7 ms).
// The server runs in this process on its embedded database (memory) with the demo loaded; Chromium is Debian's.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { findChromium } from '../dist/render/pdf.js';
import { DEMO_PASSWORD } from '../dist/server/demo.js';
import { startServer } from '../dist/server/serve.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEB = join(ROOT, 'dist', 'web');
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 7);
const KEYS = Number(process.env.BENCH_WEB_KEYS ?? 40);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

function bundleSizes() {
  const assets = join(WEB, 'assets');
  const index = readFileSync(join(WEB, 'index.html'), 'utf8');
  const entry = /src="\/assets\/([^"]+\.js)"/.exec(index)?.[1];
  const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const size = new Map(files.map((f) => { const b = readFileSync(join(assets, f)); return [f, { raw: b.length, gz: gzipSync(b).length, text: b.toString('utf8') }]; }));
  // The first screen: the entry and what it imports statically (import … from "./x.js" at the top level).
  const first = new Set();
  const visit = (f) => {
    if (first.has(f) || !size.has(f)) return;
    first.add(f);
    for (const m of size.get(f).text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+)["']/g)) visit(m[1]);
  };
  if (entry) visit(entry);
  console.log('bundle (dist/web/assets)                               raw         gzip   loaded');
  let firstRaw = 0, firstGz = 0, allRaw = 0, allGz = 0;
  for (const [f, s] of [...size].sort((a, b) => b[1].raw - a[1].raw)) {
    const isFirst = first.has(f);
    if (isFirst) { firstRaw += s.raw; firstGz += s.gz; }
    allRaw += s.raw; allGz += s.gz;
    console.log(`  ${f.padEnd(50)} ${kb(s.raw).padStart(10)} ${kb(s.gz).padStart(10)}   ${isFirst ? 'first screen' : 'on demand'}`);
  }
  console.log(`  ${'first screen total'.padEnd(50)} ${kb(firstRaw).padStart(10)} ${kb(firstGz).padStart(10)}`);
  console.log(`  ${'everything'.padEnd(50)} ${kb(allRaw).padStart(10)} ${kb(allGz).padStart(10)}`);
}

async function loggedIn(browser, url, login) {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const r = await context.request.post('/api/session', { data: { login, password: DEMO_PASSWORD }, headers: { origin: url } });
  if (r.status() !== 200) throw new Error(`login ${login}: ${r.status()}`);
  return context;
}

async function firstScreen(browser, url) {
  const home = [];
  const login = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await loggedIn(browser, url, 'demo-reviewer');
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto('/');
    await page.getByTestId('task-card').first().waitFor();
    home.push(performance.now() - t0);
    await context.close();
    const anon = await browser.newContext({ baseURL: url, viewport: { width: 1366, height: 768 } });
    const p2 = await anon.newPage();
    const t1 = performance.now();
    await p2.goto('/');
    await p2.getByRole('button', { name: /登\s*录/ }).waitFor();
    login.push(performance.now() - t1);
    await anon.close();
  }
  // The harness's own cost: a one-line page in a fresh context (new renderer, navigation, the wait for an element).
  const blank = [];
  for (let i = 0; i < RUNS; i++) {
    const c = await browser.newContext();
    const p = await c.newPage();
    const t = performance.now();
    await p.goto('data:text/html,<p data-testid="x">x</p>');
    await p.getByTestId('x').waitFor();
    blank.push(performance.now() - t);
    await c.close();
  }
  console.log(`first screen, cold cache (${RUNS} runs; a one-line page in the same harness takes ${median(blank).toFixed(0)} ms): logged-in task list median ${median(home).toFixed(0)} ms (best ${Math.min(...home).toFixed(0)}, worst ${Math.max(...home).toFixed(0)}); login page median ${median(login).toFixed(0)} ms`);
}

async function recompute(browser, url) {
  const context = await loggedIn(browser, url, 'demo-preparer-2');
  const tasks = await (await context.request.get('/api/tasks')).json();
  const rows = await (await context.request.get(`/api/tasks/${tasks[0].id}/evaluations`)).json();
  const id = rows[0].evaluationId;
  const csrf = (await (await context.request.get('/api/session')).json()).csrfToken;
  // The demo submitted this one: withdraw it so that it can be edited again.
  const w = await context.request.post(`/api/evaluations/${id}/actions/withdraw`, { data: {}, headers: { 'x-csrf-token': csrf, origin: url } });
  if (w.status() !== 200) throw new Error(`withdraw: ${w.status()} ${await w.text()}`);
  const page = await context.newPage();
  await page.goto(`/evaluations/${id}`);
  await page.getByTestId('editor').waitFor();
  await page.getByTestId('tab-budget').click();
  const input = page.locator('input[data-field="budget.actualSpending"]').first();
  await input.waitFor();
  const start = await page.evaluate(() => window.__jixiaoRecompute?.count ?? 0);
  const samples = [];
  await input.click();
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(i % 2 ? 'Backspace' : 'Digit7');
    await page.waitForFunction((n) => (window.__jixiaoRecompute?.count ?? 0) > n, start + i);
    samples.push(await page.evaluate(() => window.__jixiaoRecompute.last));
  }
  const size = (await (await context.request.get(`/api/evaluations/${id}`)).text()).length;
  console.log(`recompute per keystroke (001-sized evaluation, ${(size / 1024).toFixed(0)} KB of JSON; parse + compute + audit in the browser, ${KEYS} keys): median ${median(samples).toFixed(2)} ms, p95 ${pct(samples, 0.95).toFixed(2)} ms, worst ${Math.max(...samples).toFixed(2)} ms — one frame is 16.7 ms`);
  await context.close();
}

export async function webBench() {
  console.log('\n── web app ──');
  if (!existsSync(join(WEB, 'index.html'))) {
    console.log('web app: skipped — dist/web is not built (npm run build)');
    return;
  }
  bundleSizes();
  const found = findChromium();
  if (!found.found) {
    console.log('first screen / recompute: skipped — no Chromium (scripts/install-system-deps.sh)');
    return;
  }
  const server = await startServer({ url: 'memory://', port: 0, host: '127.0.0.1', demo: true, webRoot: WEB, log: () => {} });
  const browser = await chromium.launch({ executablePath: found.path, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    console.log(`(load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    await firstScreen(browser, server.url);
    await recompute(browser, server.url).catch((e) => console.log(`recompute per keystroke: failed — ${String(e.message ?? e).split('\n')[0]}`));
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await webBench();
