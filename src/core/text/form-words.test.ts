/** Column words of the forms: the quick look at a cell's last character never turns a column word away. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { HEADER_PATTERNS, headerKind, headerKindOfWord, headerWord } from './form-words.ts';

/** Every string a pattern of literals, groups, alternatives, optional parts and one-character classes matches. */
function expand(source: string): string[] {
  let i = 0;
  const alternatives = (): string[] => {
    const out: string[] = [];
    let seq = sequence();
    out.push(...seq);
    while (source[i] === '|') {
      i++;
      seq = sequence();
      out.push(...seq);
    }
    return out;
  };
  const sequence = (): string[] => {
    let words = [''];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      let atom: string[];
      if (source.startsWith('(?:', i)) {
        i += 3;
        atom = alternatives();
        i++; // ')'
      } else if (source[i] === '[') {
        const end = source.indexOf(']', i);
        atom = [...source.slice(i + 1, end)];
        i = end + 1;
      } else if (source[i] === '^' || source[i] === '$') {
        i++;
        continue;
      } else atom = [source[i++]!];
      if (source[i] === '?') {
        i++;
        atom = ['', ...atom];
      }
      words = words.flatMap((w) => atom.map((a) => w + a));
    }
    return words;
  };
  return alternatives();
}

const WORDS = [...new Set(HEADER_PATTERNS.flatMap((re) => expand(re.source)))];

test('every column word of the patterns is found through the quick look, bare and as forms print it', () => {
  assert.ok(WORDS.length > 100, `${WORDS.length} words`);
  for (const w of WORDS) {
    const kind = headerKindOfWord(w);
    assert.notEqual(kind, undefined, w);
    for (const printed of [w, `${w}（万元）`, `${w}(A)`, `${w}（10分）`, `${w}(%)`, `${w}：`, ` ${w} `, `${w.slice(0, 1)} ${w.slice(1)}`]) {
      assert.equal(headerKind(printed), kind, printed);
    }
  }
});

test('fuzz: the quick look gives what the full reading gives, on words, their pieces and other text', () => {
  const piece = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom('（万元）', '(元)', '（A）', '(B/A)', '（20分）', '（%）', '：', ' ', '　', '\t', '合计', '1'), fc.string({ maxLength: 3 }));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 4 }), (parts) => {
      const cell = parts.join('');
      assert.equal(headerKind(cell), headerKindOfWord(headerWord(cell)), JSON.stringify(cell));
    }),
    { numRuns: 3000 },
  );
});
