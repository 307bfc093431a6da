/**
 * Reads YAML or JSON text (JSON is read by the YAML 1.2 parser too, so both get line and column positions).
 * No file system here: the CLI reads the bytes, this turns text into data and a locator for error messages.
 *
 * Numbers are read as text where a float would change them: a number whose JS value is not exactly the decimal the
 * file wrote (99999999999.999999, 12345678901234567890) reaches the data as the text written, so the money parser
 * reads its exact digits and checks their count; counts, years and every other number stay numbers.
 *
 * Fast path: most files are plain YAML, read by js-yaml without positions (`yaml-fast.ts`); only when a problem has
 * to be placed (`locate`) is the file read again by the `yaml` library, which gives positions and reads everything
 * the fast path declines.
 */
import { LineCounter, type Document, type Node, type ScalarTag, type Tags, isNode, isScalar, parseDocument } from 'yaml';
import type { PathSegment, Problem } from '../core/problem.ts';
import { UNSUPPORTED, numberOrSource, readYamlFast } from './yaml-fast.ts';

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

const isScalarTag = (t: Tags[number]): t is ScalarTag => typeof t === 'object' && !('collection' in t && t.collection) && 'resolve' in t;

/**
 * The core schema's number tags, each resolving to the number or, when the float is not the decimal written, to
 * the text written (see numberOrSource).
 */
function numbersAsWritten(tags: Tags): Tags {
  return tags.map((t) => {
    if (!isScalarTag(t) || (t.tag !== 'tag:yaml.org,2002:int' && t.tag !== 'tag:yaml.org,2002:float')) return t;
    const resolve = t.resolve.bind(t);
    return {
      ...t,
      resolve: (str: string, onError: (message: string) => void, options: Parameters<ScalarTag['resolve']>[2]) => {
        const r = resolve(str, onError, options);
        const value = isScalar(r) ? r.value : r;
        if (typeof value !== 'number') return r;
        const kept = numberOrSource(str, value);
        return typeof kept === 'number' ? r : kept;
      },
    } satisfies ScalarTag;
  });
}

const OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, customTags: numbersAsWritten } as const;

function parseWithPositions(body: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(body, { ...OPTIONS, lineCounter }), lineCounter };
}

/** Finds a path's position in a parsed document. */
function locator(doc: Document.Parsed, lineCounter: LineCounter): DataText['locate'] {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && (node as Node).range) {
        const pos = lineCounter.linePos((node as Node).range![0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
}

/**
 * A locator for a file the fast path read: it reads the file again with positions on its first use (a file without
 * problems never needs one), and gives exactly what the full reader's positions give.
 */
function lazyLocator(body: string): DataText['locate'] {
  let locate: DataText['locate'] | undefined;
  return (path) => {
    if (!locate) {
      const { doc, lineCounter } = parseWithPositions(body);
      locate = locator(doc, lineCounter);
    }
    return locate(path);
  };
}

export interface ReadOptions {
  /** Try the fast reader first (default); false reads every file with the full YAML library. */
  readonly fast?: boolean;
}

export function readDataText(text: string, fileName: string, options: ReadOptions = {}): DataTextResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return { ok: false, problems: [{ code: 'empty-file', path: [], params: {}, file: fileName }] };
  }
  const fast = options.fast === false ? UNSUPPORTED : readYamlFast(body);
  if (fast !== UNSUPPORTED) return { ok: true, value: { data: fast, locate: lazyLocator(body) } };
  const { doc, lineCounter } = parseWithPositions(body);
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
    const aliases = /alias/i.test((e as Error).message);
    return { ok: false, problems: [aliases ? { code: 'yaml-too-many-aliases', path: [], params: { limit: MAX_ALIAS_COUNT }, file: fileName } : { code: 'syntax-error', path: [], params: { detail: (e as Error).message }, file: fileName }] };
  }
  return { ok: true, value: { data, locate: locator(doc, lineCounter) } };
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
