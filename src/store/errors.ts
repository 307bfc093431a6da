/**
 * Database errors the callers act on, told apart by SQLSTATE (the same on PGlite and PostgreSQL). Expected outcomes
 * (a stale save, a lost job lock) are values returned by the repositories, not errors; these are what is left: a
 * unique key taken, a reference to nothing, an append-only row someone tried to change.
 */
import { APPEND_ONLY_SQLSTATE } from './migrations/0001_initial.ts';

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
};

/** 23505: a unique key (a login, a department code, an evaluation of the same department in the task) is taken. */
export const isUniqueViolation = (error: unknown): boolean => codeOf(error) === '23505';

/** 23503: a reference to a row that does not exist (or a department outside the task's scope). */
export const isForeignKeyViolation = (error: unknown): boolean => codeOf(error) === '23503';

/** 23514: a check constraint (a role without its scope, closing before opening). */
export const isCheckViolation = (error: unknown): boolean => codeOf(error) === '23514';

/** The trigger on an append-only table refused an UPDATE, DELETE or TRUNCATE. */
export const isAppendOnlyRefusal = (error: unknown): boolean => codeOf(error) === APPEND_ONLY_SQLSTATE;
