/**
 * Problems are values (STYLE: zod's habit): a code from a closed set, a path into the input, structured params.
 * Message text lives in the locale catalogues (`messages/`), never here.
 */

export type PathSegment = string | number;

export interface Problem {
  readonly code: string;
  /** Where in the input: field path, e.g. ["budget", "initialBudget"]. */
  readonly path: readonly PathSegment[];
  readonly params: Readonly<Record<string, string | number>>;
  /** Filled in by the shell that knows the file: name, line and column. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export type Result<T> = { readonly ok: true; readonly value: T; readonly warnings: readonly Problem[] } | { readonly ok: false; readonly problems: readonly Problem[] };

export function problem(code: string, path: readonly PathSegment[] = [], params: Record<string, string | number> = {}): Problem {
  return { code, path, params };
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
