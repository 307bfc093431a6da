/**
 * The fast path for the plain YAML that evaluation and rubric files are written in: js-yaml, a kept library that reads
 * a 38 KB file in under a millisecond, where the `yaml` library (which builds a token stream, a syntax tree and a
 * document of nodes with positions before any data comes out) took ten. Positions are only needed when a problem has
 * to be placed; then data-text.ts reads the file again with the `yaml` library.
 *
 * For anything the two libraries might read differently — anchors and aliases (an alias bomb must meet the full
 * reader's alias limit), tags, directives, control characters and tab indentation, hex, octal or .nan numbers, and any
 * text js-yaml refuses (duplicate keys, syntax errors) — this answers UNSUPPORTED and the caller reads the file with
 * the `yaml` library, which reports every error with its line. So this never reports an error and never gives data
 * the full reader would not (test: yaml-fast.test.ts compares both on the project's files and generated documents).
 */
import jsyaml from 'js-yaml';

export const UNSUPPORTED: unique symbol = Symbol('unsupported YAML');

/** Thrown inside js-yaml's constructors, caught at the top. */
class Unsupported extends Error {}

/**
 * A number as the data keeps it: the JS number when it is exactly the decimal the file wrote, else the text the
 * file wrote. Why: `99999999999.999999` is 100000000000 as a float; the money parser must see the digits written
 * (and its digit limit must see them too), not what a float made of them. .nan and .inf stay numbers: the schema
 * names them (`not-a-finite-number`).
 */
export function numberOrSource(source: string, value: number): number | string {
  const written = canonicalDecimal(source);
  // .nan and .inf stay numbers (the schema names them); 1 followed by 400 digits is not infinity but a long number.
  if (!Number.isFinite(value)) return written === undefined ? value : source;
  if (written === undefined) return Number.isSafeInteger(value) ? value : source;
  return written === canonicalDecimal(String(value)) ? value : source;
}

/**
 * "+001.2300e1" → "12.3|0" style canonical form: sign, significant digits and the power of ten of the last one,
 * without building the number (an exponent of a billion stays cheap). Undefined when `text` is not a decimal.
 */
function canonicalDecimal(text: string): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  let digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  // Exponent of the last digit: −(decimals) + e; as a BigInt so that "1e99999999999999999999" is fine too.
  let exponent = BigInt(m[4] ?? '0') - BigInt(fraction.length);
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += BigInt(trailing);
  return `${m[1] === '-' ? '-' : ''}${digits}|${exponent}`;
}

/** A decimal as YAML's core schema writes one; other number forms (0x1F, 0o17, .inf, .nan, 1_000) go the full way. */
const PLAIN_DECIMAL = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

/** The core schema's int and float, each resolving to the number or, when a float would change it, the text written. */
function numberType(tag: 'int' | 'float', base: jsyaml.Type): jsyaml.Type {
  return new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (data: string) => base.resolve(data),
    construct: (data: string) => {
      if (!PLAIN_DECIMAL.test(data)) throw new Unsupported();
      return numberOrSource(data, Number(data));
    },
  });
}

/** js-yaml's own scalar types (exported as `types`, which its type declarations leave out). */
const { types } = jsyaml as unknown as { readonly types: Readonly<Record<'null' | 'bool' | 'int' | 'float', jsyaml.Type>> };

/**
 * A plain scalar the `yaml` library's core schema reads as a number but js-yaml's does not (`+.5`, `.5e3`, `0o17`):
 * tried after js-yaml's own number types, it sends the file the full way rather than keep the text as a string.
 */
const numberLike = new jsyaml.Type('tag:jixiao:number-like', {
  kind: 'scalar',
  resolve: (data: string) => /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(data),
  construct: () => {
    throw new Unsupported();
  },
});

const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [types.null, types.bool, numberType('int', types.int), numberType('float', types.float), numberLike] });

/**
 * What sends a text the full way before js-yaml sees it: a control character, NEL, a line or paragraph separator, a
 * BOM or a lone CR; a tab where indentation or a value starts; and what may be an anchor, alias, tag or directive
 * (a text with "A & B" in it takes the full way too: slower, never wrong).
 */
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]|\r(?!\n)|(?:^|\n) *\t|[:-] *\t|(?:^|[\s[{,])[&*!]|(?:^|\n)%/;

/**
 * Whether every line that is less indented than the one before goes back to the indentation of a line still open
 * above it. Why: js-yaml reads "    -\n  - a" as a list; the `yaml` library (rightly) calls it an error. A text that
 * dedents to a new level goes the full way and gets the error with its line.
 */
function dedentsToOpenLevels(text: string): boolean {
  const open: number[] = [];
  for (const line of text.split('\n')) {
    const body = line.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    const indent = line.length - body.length;
    let dedented = false;
    while (open.length && open[open.length - 1]! > indent) {
      open.pop();
      dedented = true;
    }
    const top = open[open.length - 1];
    if (top === indent) continue;
    // Back to a level no open line has, or below the first line's: for the full reader to name.
    if (dedented) return false;
    open.push(indent);
  }
  return true;
}

/** The data of a plain YAML (or JSON) text, or UNSUPPORTED for the full reader. */
export function readYamlFast(text: string): unknown {
  if (UNSAFE.test(text) || !dedentsToOpenLevels(text)) return UNSUPPORTED;
  try {
    const data = jsyaml.load(text, { schema: SCHEMA, json: false });
    // An empty document (only spaces or comments) is for the full reader to name.
    return data === undefined || data === null ? UNSUPPORTED : data;
  } catch {
    // Refused by js-yaml (a syntax error, a duplicate key) or a number form left to the full reader.
    return UNSUPPORTED;
  }
}
