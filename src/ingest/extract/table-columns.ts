/**
 * Finding a table's header row and what each column holds, by the words of the header — never by position
 * alone, since real forms add, drop and merge columns.
 */
import { compactLabel } from '../../core/text/normalize.ts';
import type { Row, Table } from '../segment.ts';
import { memo } from '../memo.ts';

export interface ColumnSpec<K extends string> {
  readonly key: K;
  /** Tested against the compacted header cell (no whitespace); the first spec that matches a cell wins it. */
  readonly re: RegExp;
}

export interface HeaderMatch<K extends string> {
  readonly rowIndex: number;
  /** Column of each key found in the header. */
  readonly columns: Partial<Record<K, number>>;
  /** The header cells, compacted. */
  readonly cells: readonly string[];
}

const COMPACT_CELLS = Symbol('compact cells');

/** A row's cells, compacted — once per row however many extractors look for a header in it. */
export function compactCells(cells: readonly string[]): readonly string[] {
  return memo(cells, COMPACT_CELLS, () => cells.map(compactLabel));
}

function columnsOf<K extends string>(cells: readonly string[], specs: readonly ColumnSpec<K>[]): Partial<Record<K, number>> {
  const columns: Partial<Record<K, number>> = {};
  const taken = new Set<number>();
  for (const spec of specs) {
    if (columns[spec.key] !== undefined) continue;
    const col = cells.findIndex((c, i) => !taken.has(i) && c !== '' && spec.re.test(c));
    if (col >= 0) {
      columns[spec.key] = col;
      taken.add(col);
    }
  }
  return columns;
}

/**
 * Whether some cell could be named `key` by one of its specs, no cell taken: a row where none is cannot name it when
 * cells are taken either, so it is passed over without matching every spec against it (most rows are no header).
 */
function mayName<K extends string>(cells: readonly string[], specs: readonly ColumnSpec<K>[], key: K): boolean {
  for (const spec of specs) if (spec.key === key && cells.some((c) => c !== '' && spec.re.test(c))) return true;
  return false;
}

/** The first row (from `from`) whose cells name all `required` keys; columns for every spec found in it. */
export function findHeader<K extends string>(table: Table, specs: readonly ColumnSpec<K>[], required: readonly K[], from = 0): HeaderMatch<K> | undefined {
  for (let r = from; r < table.rows.length; r++) {
    const cells = compactCells(table.rows[r]!.cells);
    if (!required.every((k) => mayName(cells, specs, k))) continue;
    const columns = columnsOf(cells, specs);
    if (required.every((k) => columns[k] !== undefined)) return { rowIndex: r, columns, cells: [...cells] };
  }
  return undefined;
}

/**
 * The values of a data row for the value columns right of `fromCol`. When the row's filled cells sit exactly
 * under the header's value columns, by position; when a merged or missing cell shifted them but their count
 * equals the header's, in order ("绩效指标" tables exported with one extra empty cell).
 */
export function alignValues<K extends string>(row: Row, header: HeaderMatch<K>, valueKeys: readonly K[], fromCol: number): Partial<Record<K, string>> {
  const keys = valueKeys.filter((k) => header.columns[k] !== undefined).sort((a, b) => header.columns[a]! - header.columns[b]!);
  const out: Partial<Record<K, string>> = {};
  const positional = keys.map((k) => row.cells[header.columns[k]!] ?? '');
  const filled = row.cells.slice(fromCol + 1).filter((c) => c !== '');
  const positionalFilled = positional.filter((c) => c !== '').length;
  const useOrder = filled.length === keys.length && positionalFilled < filled.length;
  keys.forEach((k, i) => {
    const v = useOrder ? filled[i]! : positional[i]!;
    if (v) out[k] = v;
  });
  return out;
}

/**
 * A row's number in a 序号 column ("1", "12", "3.", "（3）", "一", "二、"): it numbers the row, it does not label a part
 * of the form, so a filled cell of this kind left of a table's name column does not end the table.
 */
export function isSequenceNumber(text: string): boolean {
  return /^[（(]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)]?[.．、]?$/.test(compactLabel(text));
}
