/**
 * The migrations, in order. Each is a TypeScript module (up/down) listed here by hand rather than found on disk, so
 * that the bundled CLI carries them. The number before the underscore is the schema version it brings the store to.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial.ts';
import * as sessions from './0002_sessions.ts';
import * as rubrics from './0003_rubrics.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0002_sessions': sessions,
  '0003_rubrics': rubrics,
};

/** The schema version a migration name brings the store to: "0001_initial" → 1. */
export function versionOf(name: string): number {
  const m = /^(\d+)_/.exec(name);
  if (!m?.[1]) throw new Error(`migration name without a version number: ${name}`);
  return Number(m[1]);
}

/** The schema version of the newest migration this code knows. */
export const LATEST_SCHEMA_VERSION = Math.max(...Object.keys(MIGRATIONS).map(versionOf));

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
