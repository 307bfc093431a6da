/**
 * A value worked out once per object of a read document (a paragraph's numbers, a row's compacted cells, a line's
 * columns by text) and kept on the object itself, under a symbol: JSON, Object.keys and a structured clone do not
 * see it.
 *
 * Why not a WeakMap: a document makes one entry per line, row and paragraph, tens of thousands in a large file, and
 * each WeakMap entry costs a hash insert and an ephemeron for the garbage collector to trace — measured at about 3%
 * of a text import. A property on the object costs neither and goes with the object.
 */
export function memo<O extends object, V>(o: O, key: symbol, make: (o: O) => V): V {
  const kept = (o as Record<symbol, V | undefined>)[key];
  if (kept !== undefined) return kept;
  const v = make(o);
  (o as Record<symbol, V>)[key] = v;
  return v;
}
