/**
 * What every repository is made with: the database (or a transaction on it), the clock and the dialect's
 * capabilities. Repositories are plain functions over this, so the same code runs inside or outside a transaction.
 */
import type { Kysely } from 'kysely';
import type { Capabilities } from './capabilities.ts';
import type { Database } from './database.ts';

export interface StoreContext {
  /** The database, or the transaction the caller opened (a Kysely Transaction is a Kysely). */
  readonly db: Kysely<Database>;
  /**
   * The time every row written by the API carries (created_at, locks, leases). Injected so that tests can move time
   * instead of waiting; instances sharing a PostgreSQL server need synchronised clocks (NTP), as leases are minutes.
   */
  readonly clock: () => Date;
  readonly capabilities: Capabilities;
}

/** Runs `fn` in a transaction: the caller's, when it already has one, else a new one. */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
