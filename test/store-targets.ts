/**
 * The databases every store and server suite runs on (Kysely's habit: one suite, every dialect): PGlite in memory
 * always, and the PostgreSQL server at 127.0.0.1:5432 (trust auth, database `test`; JIXIAO_TEST_DATABASE_URL
 * overrides) when it answers. Each PostgreSQL run works in schemas of its own, made for it and dropped after it, so
 * parallel runs never meet. When the server does not answer, its half is skipped with the reason printed — never
 * silently.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type Store, type StoreOptions, openStore, redactUrl } from '../src/store/index.ts';

export const PG_URL = process.env['JIXIAO_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL cannot be used, or undefined when it answers. */
export async function postgresUnavailable(): Promise<string | undefined> {
  // A bound on how long an unreachable server may keep us, not a deadline for any test: a down server refuses at once.
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 30_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL unreachable at ${redactUrl(PG_URL)} (${error instanceof Error ? error.message || error.name : String(error)}); its half of the store suite is skipped / PostgreSQL 不可用，跳过其测试`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A time the tests move by hand. */
export class TestClock {
  now = new Date('2025-03-03T01:00:00.000Z');
  readonly read = (): Date => this.now;
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export interface Target {
  readonly name: string;
  readonly skip: string | undefined;
  /** A new, empty store. */
  open(clock: TestClock): Promise<Store>;
  /** A store kept at `place` (a data folder, a schema): opening the same place again finds the same data. */
  openAt(place: string, clock: TestClock): Promise<Store>;
  cleanup(): Promise<void>;
}

function pgliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-store-'));
  return {
    name: 'PGlite',
    skip: undefined,
    open: (clock) => openStore({ url: 'memory://', clock: clock.read }),
    openAt: (place, clock) => openStore({ dataDir: join(dir, place), clock: clock.read }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(skip: string | undefined): Target {
  const prefix = `jixiao_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const schemas = new Set<string>();
  let n = 0;
  const openSchema = (schema: string, clock: TestClock) => {
    schemas.add(schema);
    const options: StoreOptions = { url: PG_URL, schema, clock: clock.read, poolSize: 4 };
    return openStore(options);
  };
  return {
    name: 'PostgreSQL',
    skip,
    open: (clock) => openSchema(`${prefix}_${++n}`, clock),
    openAt: (place, clock) => openSchema(`${prefix}_${place}`, clock),
    cleanup: async () => {
      if (schemas.size === 0) return;
      const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: PG_URL, max: 1 }) }) });
      try {
        for (const s of schemas) await db.schema.dropSchema(s).ifExists().cascade().execute();
        schemas.clear();
      } finally {
        await db.destroy();
      }
    },
  };
}

/** Both targets; the PostgreSQL one says why it is skipped when the server does not answer (printed once). */
export async function storeTargets(): Promise<{ readonly TARGETS: readonly Target[]; readonly PG_URL: string; readonly pgSkip: string | undefined }> {
  const pgSkip = await postgresUnavailable();
  if (pgSkip) console.error(`# ${pgSkip}`);
  return { TARGETS: [pgliteTarget(), postgresTarget(pgSkip)], PG_URL, pgSkip };
}

