/**
 * The web app's files (dist/web, built by Vite from src/web) served beside /api: hashed assets cached for a year,
 * index.html never cached and answered for every other path (the app routes in the browser). The server reads the
 * folder only; it never imports the web app's code.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import type { App } from './openapi.ts';

/** Where `npm run build` puts the app: dist/web under the package root (this file sits two levels below it). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Content Security Policy for the app: scripts only from this server; Ant Design writes its styles at run time
 * (inline <style>), ECharts draws on canvas; downloads and the API are same-origin.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>jixiao</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h2>网页界面尚未构建 The web app is not built</h2>
<p>服务器与接口（/api）正常运行，但找不到网页文件。请在项目目录运行 <code>npm run build</code>（<code>npm install</code> 会自动构建），然后刷新本页。</p>
<p>The server and its API (/api) are running, but the web app's files are missing. Run <code>npm run build</code> in the project folder (<code>npm install</code> builds it), then reload.</p>
</body></html>`;

export function webRoutes(app: App, root: string): void {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  let index: { body: Buffer; mtimeMs: number } | undefined;

  async function indexHtml(c: Context) {
    try {
      // Read again when it changed (a rebuild under a running server names new assets).
      const s = await stat(join(base, 'index.html'));
      if (!index || index.mtimeMs !== s.mtimeMs) index = { body: await readFile(join(base, 'index.html')), mtimeMs: s.mtimeMs };
    } catch {
      return c.html(NOT_BUILT, 503, { 'cache-control': 'no-store' });
    }
    return c.body(new Uint8Array(index.body), 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache', 'content-security-policy': CSP });
  }

  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(path);
    } catch {
      return indexHtml(c);
    }
    const file = normalize(join(base, rel));
    if (!file.startsWith(base) || rel.includes('\0')) return indexHtml(c);
    if (path.startsWith('/assets/')) {
      try {
        const s = await stat(file);
        if (s.isFile()) {
          const body = await readFile(file);
          return c.body(new Uint8Array(body), 200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' });
        }
      } catch {
        // Missing asset: a stale page after an upgrade asks for an old hash.
      }
      return c.text('Not found', 404, { 'cache-control': 'no-store' });
    }
    return indexHtml(c);
  });
}
