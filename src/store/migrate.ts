/**
 * Brings a store's schema to the newest version on open (Kysely's Migrator: a migration table, and a lock so that
 * two server instances starting together migrate once). The schema version is the number of the newest migration
 * that has run.
 */
import { type Kysely, Migrator } from 'kysely';
import type { Database } from './database.ts';
import { migrationProvider, versionOf } from './migrations/index.ts';

export interface MigrationReport {
  /** Names of the migrations this call ran, in order (empty when the store was up to date). */
  readonly applied: readonly string[];
  readonly schemaVersion: number;
}

function migratorFor(db: Kysely<Database>, schema: string | undefined): Migrator {
  // Migrations write literal snake_case names: they run without the camelCase plugin.
  return new Migrator({ db: db.withoutPlugins(), provider: migrationProvider, ...(schema !== undefined ? { migrationTableSchema: schema } : {}) });
}

export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<MigrationReport> {
  const { error, results } = await migratorFor(db, schema).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const failed = results?.find((r) => r.status === 'Error');
  if (failed) throw new Error(`migration ${failed.migrationName} failed`);
  return { applied: (results ?? []).map((r) => r.migrationName), schemaVersion: await schemaVersionOf(db, schema) };
}

/** The number of the newest migration that has run; 0 for an empty store. */
export async function schemaVersionOf(db: Kysely<Database>, schema?: string): Promise<number> {
  const migrations = await migratorFor(db, schema).getMigrations();
  return Math.max(0, ...migrations.filter((m) => m.executedAt !== undefined).map((m) => versionOf(m.name)));
}
