/** Ids of stored entities: random UUIDs made here, so a backup restores with the same ids and no sequence to reset. */
import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why: a uuid column refuses other text with an error; a lookup of a malformed id simply finds nothing. */
export const isId = (text: string): boolean => UUID.test(text);
