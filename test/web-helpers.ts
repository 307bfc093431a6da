/**
 * The web app in a real browser for tests: the server (in this process, on a free port, its embedded database in
 * memory, the demo loaded) serving the built app (dist/web, rebuilt first when src/web or src/core is newer), and
 * Debian's Chromium driven by playwright-core. Pages log in through the API (the session cookie lands in the
 * browser context), so each test starts where its user would be.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { findChromium } from '../src/render/pdf.ts';
import { DEMO_PASSWORD } from '../src/server/demo.ts';
import { type RunningServer, startServer } from '../src/server/serve.ts';
import { ROOT } from './helpers.ts';

/** The built app; JIXIAO_WEB_OUT builds and serves another folder (parallel work on one checkout). */
export const WEB_ROOT = process.env.JIXIAO_WEB_OUT ?? join(ROOT, 'dist', 'web');
export const SCREENSHOTS = join(ROOT, 'docs', 'images');

function newest(dir: string): number {
  let m = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    m = Math.max(m, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return m;
}

let building: Promise<void> | undefined;
/** Builds dist/web when it is missing or older than its sources (npm install builds it; this keeps tests honest). */
export function ensureWebBuilt(): Promise<void> {
  building ??= (async () => {
    const index = join(WEB_ROOT, 'index.html');
    const sources = Math.max(newest(join(ROOT, 'src', 'web')), newest(join(ROOT, 'src', 'core')));
    if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: WEB_ROOT, emptyOutDir: true } });
  })();
  return building;
}

export interface WebWorld {
  readonly server: RunningServer;
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** The demo server with the built app, and a browser. */
export async function startWeb(): Promise<WebWorld> {
  await ensureWebBuilt();
  const server = await startServer({ url: 'memory://', port: 0, host: '127.0.0.1', demo: true, webRoot: WEB_ROOT, log: () => {} });
  const found = findChromium();
  if (!found.found) throw new Error(`no Chromium found (tried ${found.tried.join(', ')}): run scripts/install-system-deps.sh`);
  const browser = await chromium.launch({ executablePath: found.path, args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'] });
  return {
    server,
    url: server.url,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

/**
 * How long a browser step may wait: no limit by default (a loaded CI machine is slow, never wrong); set
 * JIXIAO_E2E_TIMEOUT_MS while developing to see a stuck step fail fast.
 */
export const STEP_TIMEOUT_MS = Number(process.env.JIXIAO_E2E_TIMEOUT_MS ?? 0);

/** A browser context with the app's usual settings (Chinese, a 1366×768 screen) and no step time limit. */
export async function newContext(world: WebWorld, viewport: { width: number; height: number } = VIEWPORTS.laptop): Promise<BrowserContext> {
  const context = await world.browser.newContext({ baseURL: world.url, viewport, locale: 'zh-CN', acceptDownloads: true });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return context;
}

export const VIEWPORTS = { laptop: { width: 1366, height: 768 }, wide: { width: 1920, height: 1080 } } as const;

/** A browser context logged in as `login` (a demo account), with a page open at `path`. */
export async function pageAs(world: WebWorld, login: string, path = '/', viewport: { width: number; height: number } = VIEWPORTS.laptop): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(world, viewport);
  const res = await context.request.post('/api/session', { data: { login, password: DEMO_PASSWORD }, headers: { origin: world.url } });
  if (res.status() !== 200) throw new Error(`login ${login}: ${res.status()} ${await res.text()}`);
  const page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

/** Saves a screenshot into docs/images (the README shows them). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
