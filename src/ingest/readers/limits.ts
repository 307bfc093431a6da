/**
 * The per-line limits of `ReadLimits` as the text, CSV and HTML readers apply them: each cut is noted with its
 * line, and a document gives one warning per kind of cut, naming the first lines and the limit (a hostile file
 * with a million long lines gets three warnings, not a million).
 */
import type { Problem } from '../../core/problem.ts';
import type { ReadLimits } from '../source.ts';

export type LimitCode = 'line-too-many-cells' | 'line-too-long' | 'cell-too-long' | 'too-many-lines';

const LISTED = 10;

export class LimitNotes {
  private readonly lines = new Map<LimitCode, { first: number[]; count: number; last: number }>();

  constructor(readonly limits: ReadLimits) {}

  /** Records that `line` (1-based, as the reader locates it) was cut by the limit `code`. */
  note(code: LimitCode, line: number): void {
    let entry = this.lines.get(code);
    if (!entry) this.lines.set(code, (entry = { first: [], count: 0, last: -1 }));
    if (entry.last === line || entry.first.includes(line)) return;
    entry.last = line;
    entry.count++;
    if (entry.first.length < LISTED) entry.first.push(line);
  }

  /** A cell's text, cut to `maxCellChars` (noted) when longer. */
  cell(text: string, line: number): string {
    if (text.length <= this.limits.maxCellChars) return text;
    this.note('cell-too-long', line);
    return text.slice(0, this.limits.maxCellChars);
  }

  warnings(): Problem[] {
    const out: Problem[] = [];
    for (const [code, entry] of this.lines) {
      // Readers may note lines out of order (CSV cuts a record before it parses the ones before it).
      const first = [...entry.first].sort((a, b) => a - b);
      const count = entry.count;
      const limit = LIMIT_OF[code](this.limits);
      if (code === 'too-many-lines') out.push({ code, path: [], params: { limit } });
      else out.push({ code, path: [], params: { limit, lines: count > first.length ? `${first.join(', ')}, …` : first.join(', '), lineCount: count }, line: first[0]! });
    }
    return out;
  }
}

const LIMIT_OF: Readonly<Record<LimitCode, (l: ReadLimits) => number>> = {
  'line-too-many-cells': (l) => l.maxCellsPerLine,
  'line-too-long': (l) => l.maxLineChars,
  'cell-too-long': (l) => l.maxCellChars,
  'too-many-lines': (l) => l.maxLines,
};
