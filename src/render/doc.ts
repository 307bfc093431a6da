/**
 * The layout document: what a template makes of an evaluation, before any file format. Templates (gz-form,
 * gz-report, scorecard, review) build it; the format writers (DOCX, XLSX, HTML → PDF) only lay it out, so every
 * figure in every format comes from one place.
 *
 * Like HTML, a table row lists only the cells that start in it: a position covered by a cell above with rowSpan > 1
 * is skipped. `layoutGrid` turns rows into positioned cells for the writers.
 *
 * Pure: no file system, no console. Figures are exact (`Exact`), formatted here once (`cellText`) for every writer.
 */
import { type MoneyUnit } from '../core/amount.ts';
import { type Exact, toFixed } from '../core/exact.ts';
import { groupThousands } from '../core/amount.ts';

/** The four typefaces of Chinese government documents (GB/T 9704): writers map them to font names with fallbacks. */
export type Face = 'song' | 'fangsong' | 'hei' | 'kai';

export interface Run {
  readonly text: string;
  readonly bold?: boolean;
}
export type Inline = string | Run;

export type Align = 'left' | 'center' | 'right' | 'justify';

export type Block =
  /** The document title, centred (小标宋/黑体 2号); `lines` are printed one under the other. */
  | { readonly kind: 'title'; readonly lines: readonly string[] }
  /** 一、 (黑体) · （一） (楷体) · 1. (仿宋 bold) · （1） (仿宋). The text includes its number. */
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly text: string }
  /**
   * Body text (仿宋 3号), first line indented two characters unless `indent` is false. `generated` marks a sentence
   * written from the figures (SPEC: restated figures are never typed), with the figures it restates.
   */
  | {
      readonly kind: 'paragraph';
      readonly runs: readonly Inline[];
      readonly align?: Align;
      readonly indent?: boolean;
      readonly generated?: boolean;
    }
  /** A small line right above a table or under it: "单位：万元", "注：…". */
  | { readonly kind: 'note'; readonly text: string; readonly align?: Align }
  /** `formats` limits where the table appears (a key-figures sheet only a workbook needs); all when absent. */
  | { readonly kind: 'table'; readonly table: Table; readonly formats?: readonly OutputFormat[] }
  | { readonly kind: 'pageBreak' };

/** A column: its key (formulas refer to it), its width in Chinese characters at body table size, its alignment. */
export interface Column {
  readonly key: string;
  readonly width: number;
  readonly align?: Align;
}

/** A reference to another cell for a formula: a column key and, when not the same row, a row key. */
export interface Ref {
  readonly col: string;
  readonly row?: string;
}

/**
 * A formula a spreadsheet user expects in the cell (XLSX writes it live; other formats show the value). The template
 * only attaches one when the cell's value is what the formula gives, so a formula never changes a figure.
 */
export type Formula =
  /** Σ of the cells — a total row. */
  | { readonly op: 'sum'; readonly cells: readonly Ref[] }
  /** 调整后 = 年初 + 调增 − 调减. */
  | { readonly op: 'adjusted'; readonly initial: Ref; readonly increase: Ref; readonly decrease: Ref }
  /** num ÷ den shown as a percentage; "—" when den is 0 (支出率, 占比). */
  | { readonly op: 'ratio'; readonly num: Ref; readonly den: Ref }
  /** a − b (a difference, a change on last year). */
  | { readonly op: 'difference'; readonly a: Ref; readonly b: Ref };

export type CellValue =
  | { readonly type: 'text'; readonly text: string }
  /** Money with the decimals to show (at least 2; more when the figure has them — money is never rounded). */
  | { readonly type: 'money'; readonly value: Exact; readonly unit: MoneyUnit; readonly decimals: number }
  /** A share or rate as a fraction (0.9294), shown ×100 with `decimals` and "%". */
  | { readonly type: 'percent'; readonly value: Exact; readonly decimals: number }
  /** A count or a score. */
  | { readonly type: 'number'; readonly value: Exact; readonly decimals: number }
  /**
   * A horizontal bar filling `share` (0…1, clamped) of its cell: a chart made of table cells, so every writer can
   * lay it out (HTML/PDF a shaded box, DOCX a shaded cell of a nested table, XLSX block characters in its colour).
   * It has no text: the figure it draws sits in a cell beside it. `tone`: `alert` (red: the row has errors), `muted`
   * (pale: a stand-in figure), else the normal blue.
   */
  | { readonly type: 'bar'; readonly share: Exact; readonly tone?: BarTone }
  | { readonly type: 'empty' };

export type BarTone = 'normal' | 'alert' | 'muted';

export interface Cell {
  readonly value: CellValue;
  readonly colSpan?: number;
  readonly rowSpan?: number;
  readonly bold?: boolean;
  readonly align?: Align;
  /** A header-like label cell inside the body (shaded lightly, bold in forms). */
  readonly label?: boolean;
  readonly formula?: Formula;
  /** A remark for the preparer (XLSX comment; HTML title; not printed in DOCX). */
  readonly comment?: string;
}

export interface Row {
  readonly cells: readonly Cell[];
  /** Row key for formulas of other rows (`Ref.row`). */
  readonly key?: string;
  readonly kind?: 'total';
  /** A row the reader should look at first (a score that differs, a document with errors): shaded pale orange. */
  readonly flagged?: boolean;
}

export interface Table {
  /** A stable id: tests and formulas find the table by it. */
  readonly id: string;
  /** The sheet name in XLSX (≤ 31 characters, no []:*?/\). */
  readonly sheet: string;
  /** A caption printed above the table ("表 2：部门预算按经济分类执行情况"). */
  readonly caption?: string;
  /** "单位：万元" printed above the table, right-aligned. */
  readonly unitNote?: string;
  readonly columns: readonly Column[];
  /** Header rows: repeated at the top of every page and frozen in XLSX. */
  readonly header: readonly Row[];
  readonly body: readonly Row[];
  /** Table text size: forms use 五号 (10.5 pt), wide data tables 小五 (9 pt). */
  readonly size?: 'normal' | 'small';
  /** Printed on its own landscape A4 page(s) in DOCX/PDF/HTML (a wide table in a portrait report); the XLSX sheet is set to landscape. */
  readonly landscape?: boolean;
}

export const OUTPUT_FORMATS = ['docx', 'xlsx', 'pdf', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface DocMeta {
  /** Document title (DOCX core properties, HTML <title>, PDF title). */
  readonly title: string;
  readonly subject?: string;
  /** Who made the file: "jixiao". */
  readonly creator?: string;
  readonly orientation?: 'portrait' | 'landscape';
  /** The language of the text (the HTML page's `lang`); Chinese when absent. DOCX marks Latin text en-US, CJK zh-CN anyway. */
  readonly lang?: 'zh' | 'en';
  /**
   * `report`: GB/T 9704 margins (top 37, bottom 35, left 28, right 26 mm), body 仿宋 三号 (16 pt) with 28 pt line spacing.
   * `form`: a form made of tables, margins 20 mm, body text at table size (五号, 10.5 pt).
   */
  readonly layout: 'report' | 'form';
}

export interface Doc {
  readonly meta: DocMeta;
  readonly blocks: readonly Block[];
}

// ---- Text of a value ---------------------------------------------------------------------------------------

/** The text every writer shows for a value: thousands separators for money, "92.94%" for rates. */
export function cellText(v: CellValue): string {
  switch (v.type) {
    case 'text':
      return v.text;
    case 'money':
      return groupThousands(toFixed(v.value, v.decimals));
    case 'percent':
      return `${toFixed({ n: v.value.n * 100n, d: v.value.d }, v.decimals)}%`;
    case 'number':
      return toFixed(v.value, v.decimals);
    case 'bar':
    case 'empty':
      return '';
  }
}

/** The part of its cell a bar fills, clamped to 0…1, as a fraction of 10 000 (for widths and shares; never arithmetic on figures). */
export function barBasisPoints(v: Extract<CellValue, { type: 'bar' }>): number {
  const { n, d } = v.share;
  if (d <= 0n || n <= 0n) return 0;
  if (n >= d) return 10_000;
  return Number((n * 10_000n + d / 2n) / d);
}

/** The colour of a bar's tone (RGB hex, no #): the same in every format. */
export const BAR_COLOURS: Readonly<Record<BarTone, string>> = { normal: '2F6DB5', alert: 'C62828', muted: 'A9C1E0' };
/** The pale orange of a flagged row. */
export const FLAG_COLOUR = 'FFF1DC';

export function inlineText(runs: readonly Inline[]): string {
  return runs.map((r) => (typeof r === 'string' ? r : r.text)).join('');
}

export function isNumeric(v: CellValue): boolean {
  return v.type === 'money' || v.type === 'percent' || v.type === 'number';
}

// ---- Grid --------------------------------------------------------------------------------------------------

export interface PlacedCell {
  readonly cell: Cell;
  /** Index into header rows then body rows (header first). */
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export interface Grid {
  readonly columns: number;
  readonly rows: number;
  readonly headerRows: number;
  /** Placed cells in reading order. */
  readonly cells: readonly PlacedCell[];
  /** For each row, for each column: the placed cell covering it (undefined for a hole). */
  readonly at: readonly (readonly (PlacedCell | undefined)[])[];
  /** Row key → row index. */
  readonly rowIndex: ReadonlyMap<string, number>;
  /** Column key → column index. */
  readonly colIndex: ReadonlyMap<string, number>;
}

/** Positions of every cell; throws on a row wider than the columns (a template bug, caught by tests). */
export function layoutGrid(t: Table): Grid {
  const rows = [...t.header, ...t.body];
  const width = t.columns.length;
  const at: (PlacedCell | undefined)[][] = rows.map(() => new Array<PlacedCell | undefined>(width).fill(undefined));
  const cells: PlacedCell[] = [];
  const rowIndex = new Map<string, number>();
  rows.forEach((row, r) => {
    if (row.key !== undefined) rowIndex.set(row.key, r);
    let c = 0;
    for (const cell of row.cells) {
      while (c < width && at[r]![c] !== undefined) c++;
      const colSpan = Math.max(1, cell.colSpan ?? 1);
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, rows.length - r));
      if (c + colSpan > width) throw new Error(`table ${t.id}: row ${r + 1} is wider than its ${width} columns`);
      const placed: PlacedCell = { cell, row: r, col: c, rowSpan, colSpan };
      cells.push(placed);
      for (let i = r; i < r + rowSpan; i++) for (let j = c; j < c + colSpan; j++) at[i]![j] = placed;
      c += colSpan;
    }
  });
  return { columns: width, rows: rows.length, headerRows: t.header.length, cells, at, rowIndex, colIndex: new Map(t.columns.map((col, i) => [col.key, i])) };
}

// ---- Builders ------------------------------------------------------------------------------------------------

export const text = (s: string, extra: Omit<Cell, 'value'> = {}): Cell => ({ value: { type: 'text', text: s }, ...extra });
export const empty = (extra: Omit<Cell, 'value'> = {}): Cell => ({ value: { type: 'empty' }, ...extra });
export const label = (s: string, extra: Omit<Cell, 'value'> = {}): Cell => ({ value: { type: 'text', text: s }, label: true, ...extra });
export const para = (runs: string | readonly Inline[], extra: { align?: Align; indent?: boolean; generated?: boolean } = {}): Block => ({
  kind: 'paragraph',
  runs: typeof runs === 'string' ? [runs] : runs,
  ...extra,
});
