/** Running page numbers ("- 3 -", "第 3 页", "3 / 12") are page furniture, not content. */
import type { Unit } from './layout.ts';

const DASHES = /[\s\-‐‑‒–—―~～_·•]/g;
const PAGE_NUMBER = /^(?:\d{1,4}|[ivxlc]{1,7}|第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?|共\d{1,4}页[,，/／]?第\d{1,4}页|\d{1,4}[/／]\d{1,4}|page\d{1,4}(?:of\d{1,4})?)$/i;

/**
 * Drops a running page number ("- 3 -", "第 3 页", "3 / 12") when it is the first or last line, lies in the top or
 * bottom 12 % of the page and stands apart from the text next to it by more than running text's line spacing (1.3
 * line heights), so a number that merely ends a paragraph at the foot of a page stays. A table row is never one.
 */
export function dropPageNumbers(units: Unit[], top: number, bottom: number): void {
  const margin = 0.12 * (bottom - top);
  const filled = (u: Unit) => u.cells.some((c) => c !== '');
  const isPageNumber = (u: Unit) => u.table === undefined && PAGE_NUMBER.test(u.cells.join('').replace(DASHES, ''));
  const apart = (u: Unit, neighbour: Unit | undefined) => neighbour === undefined || Math.abs(u.y - neighbour.y) >= 1.3 * Math.max(u.size, neighbour.size);
  const lastAt = units.findLastIndex(filled);
  const last = units[lastAt];
  if (last && last.y >= bottom - margin && isPageNumber(last) && apart(last, units.slice(0, lastAt).findLast(filled))) units.splice(lastAt, 1);
  const firstAt = units.findIndex(filled);
  const first = units[firstAt];
  if (first && first.y <= top + margin && isPageNumber(first) && apart(first, units.slice(firstAt + 1).find(filled))) units.splice(firstAt, 1);
}
