/**
 * The fast path (js-yaml) gives exactly what the full `yaml` library gives, or declines: on every YAML file of the
 * project, on data written by the library with every style it has, and on text made of YAML's awkward pieces.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { type ToStringOptions, stringify } from 'yaml';
import { readDataText } from './data-text.ts';
import { UNSUPPORTED, numberOrSource, readYamlFast } from './yaml-fast.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** What the full reader gives: the data, or undefined when the text has errors. */
function full(text: string): unknown {
  const r = readDataText(text, 'x.yaml', { fast: false });
  return r.ok ? r.value.data : undefined;
}

/** Every path into the data (the root, each key, each index), and one that is not there below each. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at, [...at, 'not-there']);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** The fast reader agrees with the full one, data and every position, or declines; true when it read the text. */
function agrees(text: string): boolean {
  const fast = readYamlFast(text);
  if (fast === UNSUPPORTED) return false;
  const want = full(text);
  assert.notEqual(want, undefined, `the fast reader read a text the full reader refuses:\n${text}`);
  assert.deepEqual(fast, want, text);
  const slow = readDataText(text, 'x.yaml', { fast: false });
  const quick = readDataText(text, 'x.yaml');
  assert.ok(slow.ok && quick.ok);
  for (const path of paths(want)) assert.deepEqual(quick.value.locate(path), slow.value.locate(path), `${JSON.stringify(path)} in\n${text}`);
  return true;
}

test('every YAML file of the project reads the same, and fast', () => {
  const files = [
    ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, 'examples', f)),
    ...readdirSync(join(ROOT, 'rubrics')).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, 'rubrics', f)),
  ];
  assert.ok(files.length >= 8);
  for (const f of files) assert.ok(agrees(readFileSync(f, 'utf8').replace(/^\ufeff/, '')), `${f} should take the fast path`);
});

const TRICKY = ['', ' ', 'true', 'False', 'null', '~', '1e3', '0x1F', '0o17', '.5', '-', '- a', ': x', 'a: b', 'a #b', 'a# b', '#c', '"q"', "'s'", 'x\ny', ' lead', 'trail ', '[a]', '{a: 1}', '@x', '%x', '!t', '&a', '*a', '|', '>', '万元', '1,234.56', '95.50%', 'a\tb', '\\', '\u3000全角'];
const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('广州市天河区应急管理局', '“全覆盖、零容忍”', '（23n）', '合计\t48935079.24'));
const key = fc.oneof(fc.constantFrom('name', 'value', 'unit', 'rows', 'source', '部门', 'a b', 'x-y', 'true', '1', '__proto__', 'k:'), fc.string({ minLength: 1, maxLength: 8 }));
const number = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.constantFrom(0, -0, 1e21, 1e-7, 99999999999.999999, 12345678901234567890, 0.1, 2.5));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, number, fc.boolean(), fc.constant(null), tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
}));
const options: fc.Arbitrary<ToStringOptions> = fc.record({
  lineWidth: fc.constantFrom(0, 20, 80),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  flowCollectionPadding: fc.boolean(),
});

test('data written by the yaml library in any style reads the same, or the fast reader declines', () => {
  let read = 0;
  fc.assert(
    fc.property(fc.dictionary(key, value.node, { minKeys: 1, maxKeys: 6 }), options, (data, opts) => {
      let yamlText: string;
      try {
        yamlText = stringify(data, null, opts);
      } catch {
        return;
      }
      if (agrees(yamlText)) read++;
    }),
    { numRuns: 3000 },
  );
  // The test means something only if the fast reader reads a good share of what it is given.
  assert.ok(read > 600, `only ${read} of 3000 documents took the fast path`);
});

const PIECES = ['a: 1', 'a:', 'b: x', '- 1', '- a: 2', '-', '  ', '    ', 'key: "q: #1"', "key: 'it''s'", 'k: |', 'k: >-', '  text', '   more', '', '# note', 'k: v # c', 'k: [1, "a, b", {x: y}]', 'k: {a: 1, b: [2]}', 'k: -5', 'k: 1e400', 'k: .inf', 'a: b: c', '"q": 1', 'k:\tv', '\tk: v', 'k: v\r', '--- ', '? k', 'k: &x 1', 'k: *x', 'a: 1\na: 2', 'k: 0012', 'k: +.5', 'k: 1_000'];

test('text made of awkward YAML pieces reads the same, or the fast reader declines', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(0, 0, 2, 4), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 10 }), (lines) => {
      agrees(lines.map(([indent, piece]) => ' '.repeat(indent) + piece).join('\n'));
    }),
    { numRuns: 5000 },
  );
});

test('a number is kept as the text written when a float would change it; counts and years stay numbers', () => {
  assert.equal(numberOrSource('99999999999.999999', 99999999999.999999), '99999999999.999999');
  assert.equal(numberOrSource('12345678901234567890', 12345678901234567890), '12345678901234567890');
  assert.equal(numberOrSource(`1${'0'.repeat(400)}`, Number.POSITIVE_INFINITY), `1${'0'.repeat(400)}`);
  assert.equal(numberOrSource('2022', 2022), 2022);
  assert.equal(numberOrSource('60.0', 60), 60);
  assert.equal(numberOrSource('1e3', 1000), 1000);
  assert.equal(numberOrSource('0.1', 0.1), 0.1);
  assert.equal(numberOrSource('0x1F', 31), 31);
  assert.ok(Number.isNaN(numberOrSource('.nan', Number.NaN)));
  assert.deepEqual(readYamlFast('a: 99999999999.999999\nb: 2022\n'), { a: '99999999999.999999', b: 2022 });
  assert.deepEqual(full('a: 99999999999.999999\nb: 2022\nc: !!float 1.50\n'), { a: '99999999999.999999', b: 2022, c: 1.5 });
});
