/**
 * The store: one query layer (Kysely) over two databases — PGlite embedded in a data folder (the default: nothing to
 * set up) and a PostgreSQL server (`postgres://…`). The schema is migrated to the newest version on open. Every
 * repository is the same code on both; where the databases really differ the code asks `capabilities`.
 *
 *   const store = await openStore({ dataDir: './jixiao-data' });       // or { url: 'postgres://…' }, { url: 'memory://' }
 *   const result = await store.evaluations.save(id, 3, data, userId);  // { kind: 'saved' | 'conflict' | … }
 *   await store.transaction(async (tx) => { …tx.evaluations…; await tx.activity.append(…); });
 *   await store.close();
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CamelCasePlugin, Kysely, sql } from 'kysely';
import { activityRepository } from './activity.ts';
import { type BackupReport, type RestoreResult, backupStore, restoreStore } from './backup.ts';
import { type Capabilities, PGLITE_CAPABILITIES, POSTGRES_CAPABILITIES } from './capabilities.ts';
import type { StoreContext } from './context.ts';
import type { Database } from './database.ts';
import { departmentsRepository } from './departments.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './dialects/pglite.ts';
import { postgresDialect, postgresPool } from './dialects/postgres.ts';
import { documentsRepository } from './documents.ts';
import { evaluationsRepository } from './evaluations.ts';
import { type TaskExport, exportTask } from './export-task.ts';
import { findingsRepository } from './findings.ts';
import { jobsRepository } from './jobs.ts';
import { type MigrationReport, migrateToLatest } from './migrate.ts';
import { regionsRepository } from './regions.ts';
import { reviewsRepository } from './reviews.ts';
import { rolesRepository } from './roles.ts';
import { rubricsRepository } from './rubrics.ts';
import { sessionsRepository } from './sessions.ts';
import { tasksRepository } from './tasks.ts';
import { transitionsRepository } from './transitions.ts';
import { usersRepository } from './users.ts';

export type { Capabilities } from './capabilities.ts';
export { DataDirInUseError } from './data-dir-lock.ts';
export type * from './database.ts';
export { isAppendOnlyRefusal, isCheckViolation, isForeignKeyViolation, isUniqueViolation } from './errors.ts';
export type { SaveResult, VersionDiff } from './evaluations.ts';
export type { JobOutcome, BatchProgress } from './jobs.ts';
export { contentHash } from './documents.ts';
export { tokenHash } from './sessions.ts';
export type { MoveResult } from './transitions.ts';
export type { RestoreResult, BackupReport } from './backup.ts';
export type { TaskExport } from './export-task.ts';
export type { NewRubric, StoredRubric } from './rubrics.ts';
export { ROLES, type Role, type RoleGrant, actorsOf } from './roles.ts';
export { historyEntryOf } from './transitions.ts';
export { TASK_SUBJECTS, JOB_STATUSES } from './database.ts';

/** The data folder used when neither a URL nor a folder is given. */
export const DEFAULT_DATA_DIR = './jixiao-data';

/** An in-memory PGlite store (tests, demos): gone when the process ends. */
export const MEMORY_URL = 'memory://';

export interface StoreOptions {
  /** `postgres://…` or `postgresql://…` for a PostgreSQL server; `memory://` for an in-memory PGlite. */
  readonly url?: string;
  /** PGlite's data folder when no URL is given (default ./jixiao-data); created if missing. */
  readonly dataDir?: string;
  /** PostgreSQL only: keep the tables in this schema (created if missing) instead of the connection's default. */
  readonly schema?: string;
  /** PostgreSQL only: connections in the pool. */
  readonly poolSize?: number;
  /** The time written on rows (default the system clock); tests move it instead of waiting. */
  readonly clock?: () => Date;
}

/** Every repository, bound to the store or to one transaction on it. */
export interface Repositories {
  readonly db: Kysely<Database>;
  readonly regions: ReturnType<typeof regionsRepository>;
  readonly departments: ReturnType<typeof departmentsRepository>;
  readonly users: ReturnType<typeof usersRepository>;
  readonly roles: ReturnType<typeof rolesRepository>;
  readonly tasks: ReturnType<typeof tasksRepository>;
  readonly evaluations: ReturnType<typeof evaluationsRepository>;
  readonly transitions: ReturnType<typeof transitionsRepository>;
  readonly documents: ReturnType<typeof documentsRepository>;
  readonly findings: ReturnType<typeof findingsRepository>;
  readonly reviews: ReturnType<typeof reviewsRepository>;
  readonly jobs: ReturnType<typeof jobsRepository>;
  readonly activity: ReturnType<typeof activityRepository>;
  readonly sessions: ReturnType<typeof sessionsRepository>;
  readonly rubrics: ReturnType<typeof rubricsRepository>;
}

export interface Store extends Repositories {
  readonly capabilities: Capabilities;
  /** Where the data is: the data folder, "memory://", or the server URL without its password. */
  readonly location: string;
  /** The schema version after migrating on open. */
  readonly schemaVersion: number;
  /** What migrating on open did. */
  readonly migration: MigrationReport;
  /**
   * Runs `fn` in one transaction: everything it writes through `tx` commits together or not at all (an error thrown
   * in `fn` rolls it back and is rethrown). Inside, use only `tx` — on PGlite the store itself waits for `fn` to end.
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Like transaction, and no other server instance runs `fn` for the same `name` at the same time (first-start
   * set-up, restore): an advisory lock on PostgreSQL; on PGlite the transaction alone excludes.
   */
  exclusive<T>(name: string, fn: (tx: Repositories) => Promise<T>): Promise<T>;
  exportTask(taskId: string): Promise<TaskExport | undefined>;
  backup(path: string): Promise<BackupReport>;
  restore(path: string): Promise<RestoreResult>;
  close(): Promise<void>;
}

function repositories(ctx: StoreContext): Repositories {
  return {
    db: ctx.db,
    regions: regionsRepository(ctx),
    departments: departmentsRepository(ctx),
    users: usersRepository(ctx),
    roles: rolesRepository(ctx),
    tasks: tasksRepository(ctx),
    evaluations: evaluationsRepository(ctx),
    transitions: transitionsRepository(ctx),
    documents: documentsRepository(ctx),
    findings: findingsRepository(ctx),
    reviews: reviewsRepository(ctx),
    jobs: jobsRepository(ctx),
    activity: activityRepository(ctx),
    sessions: sessionsRepository(ctx),
    rubrics: rubricsRepository(ctx),
  };
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** Opens (and migrates) the store the options name. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? (() => new Date());
  const plugins = [new CamelCasePlugin()];
  let db: Kysely<Database>;
  let capabilities: Capabilities;
  let location: string;
  let unlock = (): void => {};
  if (options.url !== undefined && isPostgresUrl(options.url)) {
    db = new Kysely<Database>({ dialect: postgresDialect(postgresPool({ url: options.url, ...(options.schema !== undefined ? { schema: options.schema } : {}), ...(options.poolSize !== undefined ? { poolSize: options.poolSize } : {}) })), plugins });
    capabilities = POSTGRES_CAPABILITIES;
    location = redactUrl(options.url);
    if (options.schema !== undefined) await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db);
  } else if (options.url === MEMORY_URL || options.dataDir === MEMORY_URL) {
    db = new Kysely<Database>({ dialect: new PGliteDialect({ dataDir: MEMORY_URL }), plugins });
    capabilities = PGLITE_CAPABILITIES;
    location = MEMORY_URL;
  } else {
    if (options.url !== undefined) throw new Error(`not a store URL (postgres://… or memory://): ${redactUrl(options.url)}`);
    const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
    db = new Kysely<Database>({ dialect: new PGliteDialect({ dataDir }), plugins });
    capabilities = PGLITE_CAPABILITIES;
    location = dataDir;
  }

  let migration: MigrationReport;
  try {
    migration = await migrateToLatest(db, options.schema);
  } catch (error) {
    await db.destroy();
    unlock();
    throw error;
  }

  const ctx: StoreContext = { db, clock, capabilities };
  const inTx = <T>(trx: Kysely<Database>, fn: (tx: Repositories) => Promise<T>) => fn(repositories({ ...ctx, db: trx }));
  return {
    ...repositories(ctx),
    capabilities,
    location,
    schemaVersion: migration.schemaVersion,
    migration,
    transaction: (fn) => db.transaction().execute((trx) => inTx(trx, fn)),
    exclusive: (name, fn) =>
      db.transaction().execute(async (trx) => {
        if (capabilities.advisoryLocks) await sql`select pg_advisory_xact_lock(hashtext(${`jixiao:${name}`}))`.execute(trx);
        return inTx(trx, fn);
      }),
    exportTask: (taskId) => exportTask(ctx, taskId),
    backup: (path) => backupStore(ctx, path),
    restore: (path) => restoreStore(ctx, path),
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}
