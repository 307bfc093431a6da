/**
 * How far the readers of running text look for the start or the end of a sentence or clause around a figure.
 *
 * Why a bound: a "sentence" of 100,000 characters without a full stop (a pasted table, a hostile file) would make
 * every figure in it walk the whole of it, and give every fact a subject as long as the text: quadratic time and
 * memory. The seeds' longest sentence is 254 characters and their longest clause 92; a real sentence is never
 * near this bound, so nothing a reviewer reads changes.
 */
export const SENTENCE_REACH = 1000;

/** Index just after the last character before `at` that `isBreak` accepts, looking back at most `reach`. */
export function breakBefore(text: string, at: number, isBreak: (c: string) => boolean, reach = SENTENCE_REACH): number {
  const stop = Math.max(0, at - reach);
  let s = at;
  while (s > stop && !isBreak(text[s - 1]!)) s--;
  return s;
}

/** Index of the first character at or after `at` that `isBreak` accepts (or the text's end), at most `reach` on. */
export function breakFrom(text: string, at: number, isBreak: (c: string) => boolean, reach = SENTENCE_REACH): number {
  const stop = Math.min(text.length, at + reach);
  let e = at;
  while (e < stop && !isBreak(text[e]!)) e++;
  return e;
}
