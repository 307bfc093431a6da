/**
 * jixiao serve [--db postgres://…] [--data DIR] [--port 8080] [--host 127.0.0.1] [--demo]: the server on its store.
 * jixiao backup FILE / jixiao restore FILE [--db …] [--data DIR]: the whole store as one file, and back.
 */
import { existsSync } from 'node:fs';
import { type Context, EXIT } from '../context.ts';

export interface StoreFlags {
  /** --db, else DATABASE_URL; undefined → the data folder. */
  readonly db?: string;
  /** --data DIR (default ./jixiao-data). */
  readonly data?: string;
}

export interface ServeFlags extends StoreFlags {
  readonly port?: string;
  readonly host?: string;
  readonly demo: boolean;
}

/**
 * A store that cannot be opened, said plainly (exit 2): the data folder in use by a running server, a database that
 * does not answer or refuses; undefined for anything else (a fault of ours, reported as one).
 */
async function storeProblem(ctx: Context, e: unknown, flags: StoreFlags): Promise<number | undefined> {
  const zh = ctx.options.lang === 'zh';
  const { DataDirInUseError, redactUrl } = await import('../../store/index.ts');
  if (e instanceof DataDirInUseError) {
    ctx.err(`✗ ${e.message}`);
    return EXIT.badInput;
  }
  const code = (e as { code?: string }).code;
  if (code && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', '3D000', '28P01', '28000', '42501'].includes(code)) {
    const url = where(flags).url;
    const shown = url ? redactUrl(url) : '';
    ctx.err(zh ? `✗ 无法连接数据库 ${shown}：${(e as Error).message}（检查 --db / DATABASE_URL 的主机、端口、库名与账户）` : `✗ cannot reach the database ${shown}: ${(e as Error).message} (check the host, port, database and account in --db / DATABASE_URL)`);
    return EXIT.badInput;
  }
  return undefined;
}

/** The store the flags name, or the exit code after saying why it cannot be opened. */
async function openFor(ctx: Context, flags: StoreFlags): Promise<import('../../store/index.ts').Store | number> {
  const { openStore } = await import('../../store/index.ts');
  try {
    return await openStore(where(flags));
  } catch (e) {
    const said = await storeProblem(ctx, e, flags);
    if (said !== undefined) return said;
    throw e;
  }
}

const where = (flags: StoreFlags) => {
  const url = flags.db ?? process.env['DATABASE_URL'];
  return { ...(url ? { url } : {}), ...(flags.data ? { dataDir: flags.data } : {}) };
};

export async function serveCommand(ctx: Context, flags: ServeFlags): Promise<number> {
  const zh = ctx.options.lang === 'zh';
  const port = Number(flags.port ?? process.env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    ctx.err(zh ? `✗ --port 应为 0–65535 的整数，收到 ${flags.port}` : `✗ --port must be an integer 0–65535, got ${flags.port}`);
    return EXIT.badInput;
  }
  const host = flags.host ?? process.env['HOST'] ?? '127.0.0.1';
  const { startServer, WeakAdminPassword } = await import('../../server/serve.ts');
  let server;
  try {
    server = await startServer({
      ...where(flags),
      port,
      host,
      demo: flags.demo,
      ...(process.env['JIXIAO_ADMIN_PASSWORD'] ? { adminPassword: process.env['JIXIAO_ADMIN_PASSWORD'] } : {}),
      ...(process.env['JIXIAO_TRUST_PROXY'] === '1' ? { settings: { trustProxy: true } } : {}),
      log: ctx.out,
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      ctx.err(zh ? `✗ 端口 ${port} 已被占用或无权使用：换一个 --port，或先停止占用它的程序` : `✗ port ${port} is in use or not allowed: choose another --port or stop what uses it`);
      return EXIT.badInput;
    }
    if (e instanceof WeakAdminPassword) {
      const { formatProblem } = await import('../../core/messages.ts');
      ctx.err(`✗ JIXIAO_ADMIN_PASSWORD：${formatProblem({ code: e.code, path: [], params: {} }, ctx.options.lang)}`);
      return EXIT.badInput;
    }
    const said = await storeProblem(ctx, e, flags);
    if (said !== undefined) return said;
    throw e;
  }
  const s = server;
  ctx.out(zh ? `jixiao 已启动：${s.url}` : `jixiao is running at ${s.url}`);
  ctx.out(
    s.hasWebApp
      ? zh ? `  用浏览器打开 ${s.url} 登录使用` : `  open ${s.url} in a browser and log in`
      : zh ? '  （网页界面未构建：运行 npm run build 后重启；接口照常可用）' : '  (the web app is not built: run npm run build and restart; the API works meanwhile)',
  );
  ctx.out(zh ? `  数据：${s.store.location}（${s.store.capabilities.dialect === 'pglite' ? '内嵌 PGlite' : 'PostgreSQL'}，结构版本 ${s.store.schemaVersion}）` : `  data: ${s.store.location} (${s.store.capabilities.dialect === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}, schema ${s.store.schemaVersion})`);
  ctx.out(zh ? `  接口说明：${s.url}/api/openapi.json    健康检查：${s.url}/api/health` : `  API: ${s.url}/api/openapi.json    health: ${s.url}/api/health`);
  if (s.firstAdmin?.password) {
    ctx.out(zh ? `\n首次启动，已创建管理员账户（密码只显示这一次，请登录后修改）：` : `\nFirst start: an administrator account was created (the password is shown only now; change it after logging in):`);
    ctx.out(`  ${zh ? '登录名' : 'login'}: ${s.firstAdmin.login}    ${zh ? '密码' : 'password'}: ${s.firstAdmin.password}`);
  }
  if (s.demo) {
    ctx.out(zh ? `\n演示数据（仅供试用，勿用于正式环境）。所有演示账户的密码：${s.demo.password}` : `\nDemo data (for trying out only). Every demo account's password: ${s.demo.password}`);
    for (const a of s.demo.accounts) ctx.out(`  ${a.login.padEnd(18)} ${a.role}  —  ${a.scope}`);
  }
  ctx.out(zh ? `\n按 Ctrl+C 停止。` : `\nPress Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      ctx.out(zh ? '正在停止…' : 'stopping…');
      void s.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.ok;
}

export async function backupCommand(ctx: Context, file: string, flags: StoreFlags & { readonly force: boolean }): Promise<number> {
  const zh = ctx.options.lang === 'zh';
  if (existsSync(file) && !flags.force) {
    ctx.err(zh ? `✗ ${file} 已存在，未覆盖（换一个文件名，或加 --force 覆盖）` : `✗ ${file} exists and was not overwritten (choose another name or pass --force)`);
    return EXIT.badInput;
  }
  const store = await openFor(ctx, flags);
  if (typeof store === 'number') return store;
  try {
    const report = await store.backup(file);
    const rows = Object.values(report.counts).reduce((a, b) => a + b, 0);
    ctx.out(zh ? `✓ 已备份 ${store.location} → ${file}（${rows} 行，结构版本 ${report.schemaVersion}）` : `✓ backed up ${store.location} → ${file} (${rows} rows, schema ${report.schemaVersion})`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export async function restoreCommand(ctx: Context, file: string, flags: StoreFlags): Promise<number> {
  const zh = ctx.options.lang === 'zh';
  if (!existsSync(file)) {
    ctx.err(zh ? `✗ 找不到备份文件 ${file}` : `✗ no backup file ${file}`);
    return EXIT.badInput;
  }
  const store = await openFor(ctx, flags);
  if (typeof store === 'number') return store;
  try {
    const r = await store.restore(file);
    if (r.kind === 'refused') {
      const why: Record<string, [string, string]> = {
        'restore-not-empty': ['目标数据库已有数据：只能恢复到空的数据库（新的 --data 目录或新建的 PostgreSQL 库）', 'the target store holds data: restore into an empty one (a new --data folder or a new PostgreSQL database)'],
        'restore-not-a-backup': ['这不是 jixiao 备份文件', 'not a jixiao backup file'],
        'restore-schema-version': ['备份的结构版本与本程序不同', 'the backup was made by another schema version'],
        'restore-truncated': ['备份文件不完整（可能复制中断）', 'the backup file is incomplete (an interrupted copy?)'],
      };
      const [z, e] = why[r.code] ?? [r.code, r.code];
      ctx.err(`✗ ${zh ? z : e}（${r.detail}）`);
      return EXIT.badInput;
    }
    const rows = Object.values(r.counts).reduce((a, b) => a + b, 0);
    ctx.out(zh ? `✓ 已恢复 ${file} → ${store.location}（${rows} 行）` : `✓ restored ${file} → ${store.location} (${rows} rows)`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
