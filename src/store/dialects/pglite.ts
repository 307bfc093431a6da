/**
 * A Kysely dialect over PGlite (PostgreSQL compiled to WebAssembly, in this process). PGlite speaks PostgreSQL's SQL,
 * so the query compiler, adapter (migration lock, RETURNING, transactional DDL) and introspector are Kysely's
 * PostgreSQL ones; only the driver is new.
 *
 * Why our own driver rather than a published one: the kept packages pin older PGlite majors or pull in a CLI. This one
 * is small and does the one thing that matters: PGlite is ONE connection, so a transaction must hold it from BEGIN to
 * COMMIT while every other query waits. The driver hands the connection out under a mutex; Kysely releases it after
 * each query, or after COMMIT/ROLLBACK for a transaction.
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import {
  AbortedTransactionError,
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
  createQueryId,
  sql,
} from 'kysely';
import { TYPE_IDS, parseDate, parseInt8, parseNumeric } from './type-parsers.ts';

export interface PGliteDialectConfig {
  /** A data folder (persisted), or undefined / 'memory://' for a database that lives only in this process. */
  readonly dataDir?: string;
  /** An instance made elsewhere; the dialect then leaves closing it to its owner. */
  readonly pglite?: PGlite;
}

/** Commands whose row count Kysely reports as affected rows. */
const COUNTED = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** A first-come first-served lock: `acquire()` resolves with the function that releases it. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const before = this.#tail;
    this.#tail = before.then(() => held);
    return before.then(() => release);
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #db: PGlite;

  constructor(db: PGlite) {
    this.#db = db;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#db.query<R>(query.sql, [...query.parameters], { rowMode: 'object' });
    const command = result.command?.toUpperCase();
    // Why: PostgreSQL answers COMMIT with ROLLBACK when an earlier statement aborted the transaction; the driver
    // turns that into Kysely's AbortedTransactionError (see commitTransaction).
    if (command === 'COMMIT' || command === 'ROLLBACK') return { rows: [{ command } as R] };
    return {
      rows: result.rows,
      ...(command !== undefined && COUNTED.has(command) ? { numAffectedRows: BigInt(result.affectedRows ?? 0) } : {}),
    };
  }

  /** PGlite has no cursors over its wire: the rows are read at once and handed out in chunks. */
  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new RangeError('chunkSize must be a positive integer');
    const { rows } = await this.executeQuery<R>(query);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

class PGliteDriver implements Driver {
  readonly #config: PGliteDialectConfig;
  readonly #mutex = new Mutex();
  #db: PGlite | undefined;
  #connection: PGliteConnection | undefined;
  #release: (() => void) | undefined;

  constructor(config: PGliteDialectConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const options = { parsers: { [TYPE_IDS.int8]: parseInt8, [TYPE_IDS.numeric]: parseNumeric, [TYPE_IDS.date]: parseDate } } satisfies PGliteOptions;
    this.#db = this.#config.pglite ?? (await PGlite.create(this.#config.dataDir ?? 'memory://', options));
    this.#connection = new PGliteConnection(this.#db);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.acquire();
    if (!this.#connection) {
      release();
      throw new Error('PGlite driver is not initialised or already destroyed');
    }
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // PGlite runs one transaction at a time, so every level is in effect serializable; the settings are still sent
    // so that a read-only transaction refuses writes as it would on a server. Both come from Kysely's closed lists
    // (validated before this is called), so sql.raw takes no user text.
    const parts = [sql`start transaction`];
    if (settings.isolationLevel) parts.push(sql`isolation level ${sql.raw(settings.isolationLevel)}`);
    if (settings.accessMode) parts.push(sql.raw(settings.accessMode));
    await connection.executeQuery(new PostgresQueryCompiler().compileQuery(sql.join(parts, sql` `).toOperationNode(), createQueryId()));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(sql`savepoint ${sql.id(name)}`.toOperationNode(), createQueryId()));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(sql`rollback to savepoint ${sql.id(name)}`.toOperationNode(), createQueryId()));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(sql`release savepoint ${sql.id(name)}`.toOperationNode(), createQueryId()));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    this.#connection = undefined;
    if (db && !this.#config.pglite && !db.closed) await db.close();
  }
}

export class PGliteDialect implements Dialect {
  readonly #config: PGliteDialectConfig;

  constructor(config: PGliteDialectConfig = {}) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
