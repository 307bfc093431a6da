/**
 * What one dialect can do that the other cannot (Kysely's habit: differences are flags the code asks about, never a
 * switch on the dialect's name). Each flag names a real difference and the code path that depends on it.
 */
export interface Capabilities {
  /** For messages and docs only; code asks the flags below. */
  readonly dialect: 'pglite' | 'postgres';
  /**
   * Several transactions run at once over several connections. PGlite is one connection in this process: its
   * transactions take turns, so nothing another transaction holds can ever be met.
   */
  readonly concurrentTransactions: boolean;
  /**
   * `FOR UPDATE SKIP LOCKED` is worth asking for: job claims pass over rows another claimer holds instead of waiting
   * (jobs.ts). Without concurrent transactions there is nobody to skip, so the clause is left out.
   */
  readonly skipLocked: boolean;
  /**
   * Transaction-scoped advisory locks (`pg_advisory_xact_lock`) serialise work across server instances that share
   * the database (store.exclusive: first-start set-up, restore). With one connection a transaction already excludes.
   */
  readonly advisoryLocks: boolean;
  /**
   * Several processes may open the same store at once (server instances behind a load balancer). A PGlite data
   * folder belongs to one process.
   */
  readonly sharedAcrossProcesses: boolean;
}

export const PGLITE_CAPABILITIES: Capabilities = {
  dialect: 'pglite',
  concurrentTransactions: false,
  skipLocked: false,
  advisoryLocks: false,
  sharedAcrossProcesses: false,
};

export const POSTGRES_CAPABILITIES: Capabilities = {
  dialect: 'postgres',
  concurrentTransactions: true,
  skipLocked: true,
  advisoryLocks: true,
  sharedAcrossProcesses: true,
};
