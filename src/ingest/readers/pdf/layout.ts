/**
 * The shapes the PDF reader works with, from pdf.js's runs of text and drawn rules to the lines of one page.
 * Everything is in the page's reading frame: x to the right, y downwards (see `geometry.ts`).
 */

/** A run of text from getTextContent, in the page's reading frame: x to the right, y (baseline) downwards. */
export interface Run {
  readonly str: string;
  readonly left: number;
  readonly right: number;
  readonly y: number;
  /** Font size along y; the height of a line of this text. */
  readonly size: number;
  /** Whitespace-only runs are where pdf.js saw a space; they separate words but are not text. */
  readonly space: boolean;
}

/** A vertical rule drawn on the page, in the reading frame. */
export interface Rule {
  readonly x: number;
  readonly top: number;
  readonly bottom: number;
}

/** A horizontal rule drawn on the page, in the reading frame. */
export interface HorizontalRule {
  readonly y: number;
  readonly left: number;
  readonly right: number;
}

export interface Rules {
  /** Vertical strokes and thin filled bars: the rules tables are built from. */
  readonly vertical: Rule[];
  readonly horizontal: HorizontalRule[];
  /** Vertical edges of wider filled areas (shading); with `vertical`, they separate cells of lines outside tables. */
  readonly fillEdges: Rule[];
}

export interface Grid {
  /** Outer left and right rules of a ruled grid of ≥ 2 columns. */
  readonly left: number;
  readonly right: number;
}

export interface PageLine {
  readonly cells: string[];
  /** 1-based visual line of the page where the line (a table row: its first visual line) starts. */
  readonly line: number;
  /** The ruled grid the line sits in, when it is a table row. */
  readonly grid?: Grid;
  /** The line is the next row of the same table as the line above (same table on this page). */
  readonly joinsAbove?: boolean;
}

/**
 * What the page shows, in reading order: a line of text or a table row. Why one shape for both: rows and lines
 * interleave on a page, and page numbers and line numbering treat them alike.
 */
export interface Unit {
  readonly cells: string[];
  /** Where it starts (y, downwards): the order on the page. */
  readonly top: number;
  /** Lowest baseline, for telling running page numbers (top or bottom margin) from content. */
  readonly y: number;
  /** Middle of the (first) line's text height, where rules are looked for. */
  readonly mid: number;
  /** Largest font size. */
  readonly size: number;
  /** Visual lines it takes on the page. */
  readonly count: number;
  readonly grid?: Grid;
  /** The ruled table (index among the page's tables) it is a row of. */
  readonly table?: number;
}

/** Outer rules this close (pt) are the same frame: the next row of a table, on this page or the next. */
export const FRAME_TOLERANCE = 2;
