/**
 * How both dialects turn PostgreSQL's text values into JavaScript, so that a row reads the same from PGlite and from a
 * PostgreSQL server: `numeric` stays a decimal string (exact; amounts and scores are never floats), `bigint` becomes a
 * number when it is a safe integer (ids of the append-only streams and byte sizes) and is refused otherwise,
 * `date` stays "YYYY-MM-DD", `bytea` is a plain Uint8Array (node-postgres gives a Buffer by default, PGlite a Uint8Array).
 */

/** PostgreSQL type ids (pg_type.oid) of the types whose parsing differs between the two drivers. */
export const TYPE_IDS = { int8: 20, bytea: 17, numeric: 1700, date: 1082 } as const;

/** bigint as a JavaScript number. Why refuse instead of rounding: an id or a size that silently changes is worse. */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} is beyond a safe JavaScript integer`);
  return n;
}

/** date as its text "YYYY-MM-DD": a calendar day, not an instant (node-postgres would make it local midnight). */
export const parseDate = (text: string): string => text;

/** numeric as its exact decimal text. */
export const parseNumeric = (text: string): string => text;

/** A Buffer (or any Uint8Array view) as a plain Uint8Array over the same bytes. */
export const asPlainBytes = (b: Uint8Array): Uint8Array => (Object.getPrototypeOf(b) === Uint8Array.prototype ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
