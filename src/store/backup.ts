/**
 * Backup and restore of the whole store as one file, the same on both dialects (a PGlite backup restores into
 * PostgreSQL and back). The file is JSON lines:
 *
 *   {"format":"jixiao-backup","formatVersion":1,"schemaVersion":1,"createdAt":"…","dialect":"pglite","tables":[…]}
 *   {"t":"regions","r":{"id":"…","name":"…","created_at":"2026-01-02 03:04:05.123456+00",…}}
 *   …
 *   {"end":true,"counts":{"regions":3,…}}
 *
 * Every value is PostgreSQL's own text form of it (numeric, jsonb, timestamptz in UTC with microseconds), so nothing
 * passes through a JavaScript number or Date and everything comes back exactly; bytea is base64. Rows are written
 * parents first. The end line makes a cut-off file detectable. Restore runs in one transaction into an empty store of
 * the same schema version: all or nothing.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { StoreContext } from './context.ts';
import type { Database } from './database.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';

export const BACKUP_FORMAT = 'jixiao-backup';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * The tables in the order they are written and restored: every table after those it refers to. `parent` names a
 * column referring to the same table (rows are written parents first); `order` is the primary key.
 */
export const BACKUP_TABLES: readonly { readonly name: string; readonly order: readonly string[]; readonly parent?: string }[] = [
  { name: 'regions', order: ['id'], parent: 'parent_id' },
  { name: 'departments', order: ['id'], parent: 'parent_id' },
  { name: 'users', order: ['id'] },
  { name: 'rubrics', order: ['id'] },
  { name: 'tasks', order: ['id'] },
  { name: 'task_departments', order: ['task_id', 'department_id'] },
  { name: 'user_roles', order: ['id'] },
  { name: 'evaluations', order: ['id'] },
  { name: 'evaluation_versions', order: ['evaluation_id', 'version'] },
  { name: 'transitions', order: ['id'] },
  { name: 'documents', order: ['hash'] },
  { name: 'evaluation_documents', order: ['evaluation_id', 'document_hash'] },
  { name: 'findings', order: ['id'] },
  { name: 'review_opinions', order: ['id'] },
  { name: 'review_item_scores', order: ['opinion_id', 'rubric_item_id'] },
  { name: 'jobs', order: ['id'] },
  { name: 'activity_log', order: ['id'] },
];

/** What is transient rather than data: login sessions and attempts (a restored store starts with everyone logged out). */
export const TRANSIENT_TABLES: readonly string[] = ['sessions', 'login_attempts'];

/** Kysely's own bookkeeping, not data, and the transient tables. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock', ...TRANSIENT_TABLES]);

/** Rows read per query; documents carry their bytes, so their pages are small. */
const PAGE_ROWS = 500;
const DOCUMENT_PAGE_ROWS = 16;

interface Column {
  readonly name: string;
  readonly isBytes: boolean;
  readonly isIdentity: boolean;
}

type Row = Record<string, string | null>;

export interface BackupReport {
  readonly path: string;
  readonly schemaVersion: number;
  readonly counts: Readonly<Record<string, number>>;
}

export type RestoreResult =
  | { readonly kind: 'restored'; readonly counts: Readonly<Record<string, number>> }
  | {
      readonly kind: 'refused';
      /** restore-not-empty: the store already holds data; restore-not-a-backup: not a backup file; restore-schema-version: made by another schema; restore-truncated: the end line is missing or the counts disagree. */
      readonly code: 'restore-not-empty' | 'restore-not-a-backup' | 'restore-schema-version' | 'restore-truncated';
      readonly detail: string;
    };

const plain = (db: Kysely<Database>) => db.withoutPlugins();

async function columnsOf(db: Kysely<Database>, table: string): Promise<Column[]> {
  const { rows } = await sql<{ column_name: string; data_type: string; is_identity: string }>`
    select column_name, data_type, is_identity from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(plain(db));
  return rows.map((r) => ({ name: r.column_name, isBytes: r.data_type === 'bytea', isIdentity: r.is_identity === 'YES' }));
}

async function tablesInSchema(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(plain(db));
  return rows.map((r) => r.table_name).filter((t) => !MIGRATION_TABLES.has(t));
}

/** Why: a table added by a later migration but not listed above would silently be left out of every backup. */
async function assertEveryTableListed(db: Kysely<Database>): Promise<void> {
  const listed = new Set(BACKUP_TABLES.map((t) => t.name));
  const missing = (await tablesInSchema(db)).filter((t) => !listed.has(t));
  if (missing.length > 0) throw new Error(`tables missing from BACKUP_TABLES: ${missing.join(', ')}`);
}

/** Each column as PostgreSQL's text form, bytea as bytes. */
const selectList = (columns: readonly Column[]): RawBuilder<unknown> =>
  sql.join(columns.map((c) => (c.isBytes ? sql.ref(c.name) : sql`${sql.ref(c.name)}::text as ${sql.id(c.name)}`)));

const encodeRow = (columns: readonly Column[], row: Record<string, unknown>): Row =>
  Object.fromEntries(
    columns.map((c) => {
      const v = row[c.name];
      if (v === null || v === undefined) return [c.name, null];
      if (v instanceof Uint8Array) return [c.name, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')];
      return [c.name, String(v)];
    }),
  );

/** Orders a self-referencing table's rows so that every row comes after its parent. */
function parentsFirst(rows: readonly Row[], parent: string): Row[] {
  const byId = new Map(rows.map((r) => [r['id'], r]));
  const depth = new Map<Row, number>();
  const depthOf = (r: Row, seen: Set<Row>): number => {
    const known = depth.get(r);
    if (known !== undefined) return known;
    const p = r[parent] ? byId.get(r[parent]) : undefined;
    const d = p && !seen.has(p) ? depthOf(p, seen.add(r)) + 1 : 0;
    depth.set(r, d);
    return d;
  };
  return rows.map((r, i) => ({ r, i, d: depthOf(r, new Set()) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.r);
}

async function writeLine(out: NodeJS.WritableStream, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
}

/** Writes the whole store to `path` (via a temporary file, so `path` is either the old file or the whole new one). */
export async function backupStore(ctx: StoreContext, path: string): Promise<BackupReport> {
  const temporary = `${path}.partial`;
  const out = createWriteStream(temporary);
  const closed = once(out, 'close');
  const counts: Record<string, number> = {};
  try {
    // One snapshot for the whole file: on PostgreSQL a repeatable-read read-only transaction; PGlite's transactions
    // take turns anyway.
    await ctx.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await sql`set local time zone 'UTC'`.execute(trx);
        await assertEveryTableListed(trx);
        await writeLine(out, {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          schemaVersion: LATEST_SCHEMA_VERSION,
          createdAt: ctx.clock().toISOString(),
          dialect: ctx.capabilities.dialect,
          tables: BACKUP_TABLES.map((t) => t.name),
        });
        for (const table of BACKUP_TABLES) {
          const columns = await columnsOf(trx, table.name);
          const page = table.name === 'documents' ? DOCUMENT_PAGE_ROWS : PAGE_ROWS;
          const order = sql.join(table.order.map((c) => sql.ref(c)));
          const pending: Row[] = [];
          let count = 0;
          for (let offset = 0; ; offset += page) {
            const { rows } = await sql<Record<string, unknown>>`
              select ${selectList(columns)} from ${sql.table(table.name)} order by ${order} limit ${page} offset ${offset}`.execute(plain(trx));
            for (const row of rows) {
              const encoded = encodeRow(columns, row);
              if (table.parent) pending.push(encoded);
              else await writeLine(out, { t: table.name, r: encoded });
            }
            count += rows.length;
            if (rows.length < page) break;
          }
          counts[table.name] = count;
          if (table.parent) for (const r of parentsFirst(pending, table.parent)) await writeLine(out, { t: table.name, r });
        }
        await writeLine(out, { end: true, counts });
      });
    out.end();
    await closed;
    await rename(temporary, path);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  return { path, schemaVersion: LATEST_SCHEMA_VERSION, counts };
}

class Refusal extends Error {
  constructor(readonly result: Extract<RestoreResult, { kind: 'refused' }>) {
    super(result.detail);
  }
}

const refuse = (code: Extract<RestoreResult, { kind: 'refused' }>['code'], detail: string): never => {
  throw new Refusal({ kind: 'refused', code, detail });
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Restores a backup into this store, which must be empty and at the backup's schema version. All or nothing. */
export async function restoreStore(ctx: StoreContext, path: string): Promise<RestoreResult> {
  let lines: ReturnType<typeof createInterface> | undefined;
  try {
    return await ctx.db.transaction().execute(async (trx): Promise<RestoreResult> => {
      // Two instances restoring into one server at once would each see an empty store.
      if (ctx.capabilities.advisoryLocks) await sql`select pg_advisory_xact_lock(hashtext('jixiao:restore'))`.execute(trx);
      await sql`set local time zone 'UTC'`.execute(trx);
      await assertEveryTableListed(trx);
      for (const table of BACKUP_TABLES) {
        const { rows } = await sql<{ present: number }>`select 1 as present from ${sql.table(table.name)} limit 1`.execute(plain(trx));
        if (rows.length > 0) refuse('restore-not-empty', `table ${table.name} already holds rows`);
      }
      const known = new Map(BACKUP_TABLES.map((t) => [t.name, t]));
      const columns = new Map<string, Column[]>();
      for (const t of BACKUP_TABLES) columns.set(t.name, await columnsOf(trx, t.name));
      const counts: Record<string, number> = Object.fromEntries(BACKUP_TABLES.map((t) => [t.name, 0]));
      let batch: { table: string; rows: Row[]; bytes: number } | undefined;

      const flush = async (): Promise<void> => {
        if (!batch || batch.rows.length === 0) return;
        const cols = columns.get(batch.table) ?? [];
        const values = batch.rows.map(
          (r) => sql`(${sql.join(cols.map((c) => { const v = r[c.name] ?? null; return c.isBytes && v !== null ? sql`${new Uint8Array(Buffer.from(v, 'base64'))}` : sql`${v}`; }))})`,
        );
        await sql`insert into ${sql.table(batch.table)} (${sql.join(cols.map((c) => sql.ref(c.name)))}) values ${sql.join(values)}`.execute(plain(trx));
        batch = undefined;
      };

      let header: Record<string, unknown> | undefined;
      let end: Record<string, unknown> | undefined;
      let lineNo = 0;
      // Why opened only here: readline starts reading at once, and lines it reads before the loop begins are lost.
      lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        lineNo++;
        if (line.trim() === '') continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          return refuse(lineNo === 1 ? 'restore-not-a-backup' : 'restore-truncated', `line ${lineNo} is not JSON`);
        }
        if (!isRecord(parsed)) return refuse('restore-not-a-backup', `line ${lineNo} is not an object`);
        if (!header) {
          if (parsed['format'] !== BACKUP_FORMAT || parsed['formatVersion'] !== BACKUP_FORMAT_VERSION) refuse('restore-not-a-backup', 'not a jixiao backup (format line missing)');
          if (parsed['schemaVersion'] !== LATEST_SCHEMA_VERSION) refuse('restore-schema-version', `backup has schema version ${String(parsed['schemaVersion'])}, this store ${LATEST_SCHEMA_VERSION}`);
          header = parsed;
          continue;
        }
        if (end) refuse('restore-not-a-backup', `line ${lineNo} follows the end line`);
        if (parsed['end'] === true) {
          end = parsed;
          continue;
        }
        const table = parsed['t'];
        const row = parsed['r'];
        if (typeof table !== 'string' || !known.has(table) || !isRecord(row)) return refuse('restore-not-a-backup', `line ${lineNo} is not a row of a known table`);
        const text = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v : null]));
        if (batch && batch.table !== table) await flush();
        batch ??= { table, rows: [], bytes: 0 };
        batch.rows.push(text);
        batch.bytes += line.length;
        counts[table] = (counts[table] ?? 0) + 1;
        if (batch.rows.length >= PAGE_ROWS || batch.bytes > 8 << 20) await flush();
      }
      await flush();
      if (!header) return refuse('restore-not-a-backup', 'empty file');
      const expected = end?.['counts'];
      if (!isRecord(expected)) return refuse('restore-truncated', 'the end line is missing: the file was cut off');
      for (const t of BACKUP_TABLES) {
        if (expected[t.name] !== counts[t.name]) refuse('restore-truncated', `table ${t.name}: ${counts[t.name]} rows read, the end line says ${String(expected[t.name])}`);
      }
      // Identity columns continue after the restored rows.
      for (const t of BACKUP_TABLES) {
        for (const c of (columns.get(t.name) ?? []).filter((x) => x.isIdentity)) {
          await sql`select setval(pg_get_serial_sequence(${t.name}, ${c.name}), coalesce(max(${sql.ref(c.name)}), 0) + 1, false) from ${sql.table(t.name)}`.execute(plain(trx));
        }
      }
      return { kind: 'restored', counts };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    throw error;
  } finally {
    lines?.close();
  }
}
