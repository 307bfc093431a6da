/** Which lines are rows of one ruled table: the `table` index of a PDF's lines, running on across page breaks. */
import { FRAME_TOLERANCE, type Grid, type PageLine } from './layout.ts';

/**
 * Consecutive lines inside one ruled grid share a table index: on a page, when the grid's left border runs on from
 * the row above; across a page break, when the first line of the page sits in a grid with the same outer borders as
 * the last line of the page before (the running page number between them is dropped). Why the outer borders only:
 * inner rules change from row to row with merged cells, the outer frame does not.
 */
export class TableNumbering {
  private count = 0;
  private last: (Grid & { readonly index: number }) | undefined;

  next(line: PageLine, pageStart: boolean): number | undefined {
    const { grid } = line;
    const previous = this.last;
    if (!grid) {
      this.last = undefined;
      return undefined;
    }
    const sameFrame = previous !== undefined && Math.abs(previous.left - grid.left) <= FRAME_TOLERANCE && Math.abs(previous.right - grid.right) <= FRAME_TOLERANCE;
    if (sameFrame && (pageStart || line.joinsAbove === true)) return previous.index;
    this.last = { index: this.count++, left: grid.left, right: grid.right };
    return this.last.index;
  }

  /** A page without text between two table rows means they are not known to be one table. */
  reset(): void {
    this.last = undefined;
  }
}
