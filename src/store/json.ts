/**
 * Values for jsonb columns. Why JSON text rather than the object: node-postgres sends a JavaScript array as a
 * PostgreSQL array literal, not as JSON, so a jsonb value is always handed over as its JSON text, on both dialects.
 * Amounts inside are decimal strings already (src/core/model/serialize.ts); a number here would be a float.
 */
import type { JsonText, JsonValue } from './database.ts';

export function toJson<T>(value: T): JsonText<T> {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** The JSON text of data of unchecked type: what JSON.stringify writes is JSON by definition. */
export const dataToJson = (value: unknown): JsonText<JsonValue> => toJson(value) as JsonText<JsonValue>;
