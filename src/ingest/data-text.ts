/**
 * Reads YAML or JSON text (JSON is read by the YAML 1.2 parser too, so both get line and column positions).
 * No file system here: the CLI reads the bytes, this turns text into data and a locator for error messages.
 */
import { LineCounter, type Node, isNode, parseDocument } from 'yaml';
import type { PathSegment, Problem } from '../core/problem.ts';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface DataText {
  readonly data: unknown;
  /** Line and column of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: readonly PathSegment[]): Position | undefined;
}

export type DataTextResult = { ok: true; value: DataText } | { ok: false; problems: Problem[] };

const MAX_ALIAS_COUNT = 1000;

export function readDataText(text: string, fileName: string): DataTextResult {
  const lineCounter = new LineCounter();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return { ok: false, problems: [{ code: 'empty-file', path: [], params: {}, file: fileName }] };
  }
  const doc = parseDocument(body, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 10).map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          code: 'syntax-error',
          path: [],
          params: { detail: e.message.split('\n')[0] ?? e.code },
          file: fileName,
          line: pos.line,
          column: pos.col,
        };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // Why: a YAML "billion laughs" alias bomb is refused by maxAliasCount; say so instead of crashing.
    return { ok: false, problems: [{ code: 'syntax-error', path: [], params: { detail: (e as Error).message }, file: fileName }] };
  }
  const locate = (path: readonly PathSegment[]): Position | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && (node as Node).range) {
        const pos = lineCounter.linePos((node as Node).range![0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
  return { ok: true, value: { data, locate } };
}

/** Adds file, line and column to problems found in data read from `text`. */
export function placeProblems(problems: readonly Problem[], fileName: string, dt: DataText): Problem[] {
  return problems
    .map((p) => {
      // A problem with no path belongs to the whole file (or to the command line), not to its first line.
      const pos = p.path.length ? dt.locate(p.path) : undefined;
      return pos ? { ...p, file: fileName, line: pos.line, column: pos.column } : { ...p, file: fileName };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
