/**
 * CSV → lines: each record a line of cells, located at the line where the record starts. Parsed by csv-parse:
 * quoted fields may hold the delimiter, line breaks and doubled quotes. The delimiter is the one of `,` `;` tab
 * `|` that splits the first records most consistently (Excel in a German or French locale saves `;`), or the one
 * Excel's `sep=;` first line names.
 *
 * Why a first pass of our own: csv-parse builds each record whole, so a hostile record of millions of fields
 * (or one unclosed quote swallowing the rest of the file) would cost millions of strings. The first pass finds
 * record boundaries in linear time; records within the limits go to csv-parse in long runs, a record past a limit
 * is cut here (with a warning naming its line), and an unclosed quote is read as a literal quote from there on.
 */
import { parse } from 'csv-parse/sync';
import type { Problem } from '../../core/problem.ts';
import type { ReadLimits, SourceLine } from '../source.ts';
import { LimitNotes } from './limits.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Records and characters looked at to choose the delimiter. */
const SNIFF_RECORDS = 50;
const SNIFF_CHARS = 64 * 1024;

/** Counts each candidate delimiter outside quotes, per record, over the first records. */
export function detectDelimiter(text: string): string {
  const counts = CANDIDATES.map(() => [] as number[]);
  let current = CANDIDATES.map(() => 0);
  let inQuote = false;
  let fieldStart = true;
  const n = Math.min(text.length, SNIFF_CHARS);
  for (let i = 0; i < n && counts[0]!.length < SNIFF_RECORDS; i++) {
    const c = text.charCodeAt(i);
    if (inQuote) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuote = false;
      }
      continue;
    }
    if (c === QUOTE && fieldStart) {
      inQuote = true;
      fieldStart = false;
      continue;
    }
    if (c === LF) {
      if (current.some((x) => x > 0) || counts[0]!.length > 0) current.forEach((x, k) => counts[k]!.push(x));
      current = CANDIDATES.map(() => 0);
      fieldStart = true;
      continue;
    }
    const k = CANDIDATES.indexOf(text[i] as (typeof CANDIDATES)[number]);
    fieldStart = k >= 0;
    if (k >= 0) current[k]!++;
  }
  if (current.some((x) => x > 0)) current.forEach((x, k) => counts[k]!.push(x));
  // Score: records whose count is the candidate's most frequent non-zero count (a consistent column count).
  let best = ',';
  let bestScore = 0;
  CANDIDATES.forEach((d, k) => {
    const freq = new Map<number, number>();
    for (const x of counts[k]!) if (x > 0) freq.set(x, (freq.get(x) ?? 0) + 1);
    let score = 0;
    for (const [count, records] of freq) score = Math.max(score, records + count / 1000);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  });
  return best;
}

interface Piece {
  /** Text csv-parse reads, starting at source line `line` (quotes read as quotes or, after an unclosed one, as text)… */
  readonly text?: string;
  readonly quote?: boolean;
  /** …with the line each of its records starts on (csv-parse counts a CRLF inside quotes as two lines)… */
  readonly starts?: number[];
  /** …or one record cut here. */
  readonly cells?: string[];
  readonly line: number;
}

/**
 * The first pass: record boundaries (quote-aware), records past the limits cut into cells here, runs of the
 * others kept as text for csv-parse. An unclosed quote ends the quoted reading: from its record on, the rest is
 * read with quotes as literal characters.
 */
function split(text: string, from: number, firstLine: number, delimiter: string, notes: LimitNotes, quotes = true): { pieces: Piece[]; unclosedAt?: number } {
  const { maxCellsPerLine, maxLineChars } = notes.limits;
  const delim = delimiter.charCodeAt(0);
  const pieces: Piece[] = [];
  let runStart = from;
  let runLine = firstLine;
  let starts: number[] = [];
  let line = firstLine;
  let recStart = from;
  let recLine = firstLine;
  let fields = 1;
  let inQuote = false;
  let fieldStart = true;
  const n = text.length;
  const endRecord = (end: number) => {
    if (fields > maxCellsPerLine || end - recStart > maxLineChars) {
      if (recStart > runStart) pieces.push({ text: text.slice(runStart, recStart), line: runLine, quote: quotes, starts });
      pieces.push({ cells: cutRecord(text, recStart, end, delim, recLine, notes, quotes), line: recLine });
      starts = [];
      runStart = end + 1;
      runLine = line + 1;
    } else starts.push(recLine);
  };
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inQuote) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuote = false;
      } else if (c === LF) line++;
      continue;
    }
    if (c === QUOTE && fieldStart && quotes) {
      inQuote = true;
      fieldStart = false;
    } else if (c === delim) {
      fields++;
      fieldStart = true;
    } else if (c === LF) {
      endRecord(i > recStart && text.charCodeAt(i - 1) === CR ? i - 1 : i);
      line++;
      recStart = i + 1;
      recLine = line;
      fields = 1;
      fieldStart = true;
    } else fieldStart = false;
  }
  if (inQuote) {
    // Everything from the record with the unclosed quote on is read again with quotes as plain characters.
    if (recStart > runStart) pieces.push({ text: text.slice(runStart, recStart), line: runLine, starts });
    const rest = split(text, recStart, recLine, delimiter, notes, false);
    return { pieces: [...pieces, ...rest.pieces], unclosedAt: recLine };
  }
  // Why: after the last line end there is no record (csv-parse gives none).
  if (n > recStart) endRecord(n);
  if (n > runStart) pieces.push({ text: text.slice(runStart), line: runLine, quote: quotes, starts });
  return { pieces };
}

/** A record past a limit, split here: at most `maxCellsPerLine` cells from its first `maxLineChars` characters. */
function cutRecord(text: string, start: number, end: number, delim: number, line: number, notes: LimitNotes, quotes: boolean): string[] {
  const { maxCellsPerLine, maxLineChars, maxCellChars } = notes.limits;
  const stop = Math.min(end, start + maxLineChars);
  if (end > stop) notes.note('line-too-long', line);
  const cells: string[] = [];
  let cell = '';
  // Why: a cell is cut at maxCellChars while reading, so a giant cell never becomes a giant string.
  let full = false;
  let inQuote = false;
  let fieldStart = true;
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (inQuote) {
      if (c !== QUOTE) {
        if (!full) cell += text[i];
      } else if (text.charCodeAt(i + 1) === QUOTE) {
        if (!full) cell += '"';
        i++;
      } else inQuote = false;
    } else if (c === QUOTE && fieldStart && quotes) {
      inQuote = true;
      fieldStart = false;
    } else if (c === delim) {
      cells.push(notes.cell(cell, line));
      cell = '';
      full = false;
      fieldStart = true;
      if (cells.length === maxCellsPerLine) {
        notes.note('line-too-many-cells', line);
        return cells;
      }
    } else {
      fieldStart = false;
      if (!full) cell += text[i];
    }
    if (cell.length > maxCellChars) full = true;
  }
  cells.push(notes.cell(cell, line));
  return cells;
}

export function csvLines(text: string, limits: ReadLimits): { lines: SourceLine[]; warnings: Problem[]; delimiter: string } {
  const notes = new LimitNotes(limits);
  const warnings: Problem[] = [];
  // Excel's "sep=;" line names the delimiter.
  const sep = /^sep=([^\r\n])\r?\n/i.exec(text);
  const delimiter = sep ? sep[1]! : detectDelimiter(text);
  const { pieces, unclosedAt } = split(text, sep ? sep[0].length : 0, sep ? 2 : 1, delimiter, notes);
  if (unclosedAt !== undefined) warnings.push({ code: 'csv-quote-not-closed', path: [], params: { line: unclosedAt }, line: unclosedAt });

  const lines: SourceLine[] = [];
  let full = false;
  for (const piece of pieces) {
    if (lines.length >= limits.maxLines) {
      full = true;
      break;
    }
    if (piece.cells) {
      lines.push({ cells: piece.cells, loc: { line: piece.line } });
      continue;
    }
    let line = piece.line;
    const counted: number[] = [];
    const records = parse(piece.text ?? '', {
      delimiter,
      quote: piece.quote === false ? false : '"',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: limits.maxLines - lines.length + 1,
      // csv-parse counts the line a record ends on; the next record starts on the line after. Used only when
      // its records are not ours one for one (quoting our first pass reads otherwise).
      on_record: (record: string[], context) => {
        counted.push(line);
        line = piece.line + context.lines;
        return record;
      },
    });
    const starts = piece.starts && piece.starts.length === records.length ? piece.starts : counted;
    for (let k = 0; k < records.length; k++) {
      if (lines.length >= limits.maxLines) {
        full = true;
        break;
      }
      const start = starts[k]!;
      lines.push({ cells: records[k]!.map((c) => notes.cell(c, start)), loc: { line: start } });
    }
  }
  if (full) notes.note('too-many-lines', 0);
  return { lines, warnings: [...warnings, ...notes.warnings()], delimiter };
}
