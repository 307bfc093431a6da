/**
 * PostgreSQL through Kysely's own dialect over a node-postgres pool, with the same type parsing as the PGlite driver
 * (type-parsers.ts) so that rows read the same on both.
 */
import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { TYPE_IDS, asPlainBytes, parseDate, parseInt8, parseNumeric } from './type-parsers.ts';

export interface PostgresDialectOptions {
  /** postgres://user@host:port/database */
  readonly url: string;
  /**
   * A schema to keep every table in (it becomes the connections' search_path and is created on open). Tests use one
   * fresh schema per run so that parallel runs on one server do not meet; a deployment leaves it unset (public).
   */
  readonly schema?: string;
  /** Connections in the pool (node-postgres default 10). */
  readonly poolSize?: number;
}

/** A plain identifier: what PostgreSQL accepts unquoted, so it is safe inside a connection option. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const byteaParser = pg.types.getTypeParser(TYPE_IDS.bytea, 'text') as (text: string) => Uint8Array;

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TYPE_IDS.int8) return parseInt8;
    if (oid === TYPE_IDS.numeric) return parseNumeric;
    if (oid === TYPE_IDS.date) return parseDate;
    if (oid === TYPE_IDS.bytea) return (text: string) => asPlainBytes(byteaParser(text));
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function postgresPool(options: PostgresDialectOptions): pg.Pool {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`not a plain schema name: ${options.schema}`);
  return new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: typeParsers,
    // Why a connection option rather than SET: every pooled connection gets it before its first query.
    ...(options.schema !== undefined ? { options: `-c search_path=${options.schema}` } : {}),
  });
}

export function postgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}
