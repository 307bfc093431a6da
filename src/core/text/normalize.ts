/**
 * Normalisation of document text before anything reads figures from it. Pure string functions, no I/O.
 *
 * What real documents carry (seen in published self-evaluations): `<p>` and `<b>` fragments and `**bold**` from
 * web pages; HTML entities; full-width digits and letters (３２８６．８０); ideographic and no-break spaces;
 * zero-width characters; PDF line-wrap spaces inside numbers ("1086. 40", "97. 25%"). Chinese punctuation
 * (，。：；（）) is kept: it carries sentence and clause boundaries that the extractors need.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  times: '×',
  divide: '÷',
  le: '≤',
  ge: '≥',
  yen: '¥',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
};

/** Decodes named and numeric HTML entities; an unknown or malformed one stays as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (all, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[body.toLowerCase()] ?? all;
  });
}

/**
 * Removes inline markup that web-page copies leave in the text: HTML tags (a tag is `<` + a letter or `/`, so
 * "≤5" or "a < b" survive) and Markdown bold/italic markers around text.
 */
export function stripMarkup(s: string): string {
  let t = s;
  // Markdown markers first: removing them can close up a tag ("<__p>" → "<p>"), which must then go too (the fuzzer's find).
  // Until none is left: removing one can bring two halves together ("_**_" → "__"); each pass shortens the text.
  while (t.includes('**') || t.includes('__')) t = t.replace(/\*\*|__/g, '');
  // Until none is left as well: a tag removed from inside another's brackets leaves a tag ("<A<p>>" → "<A >"). Each
  // pass replaces a tag of 3 or more characters by one space, so the text shortens and the loop ends.
  while (t.includes('<')) {
    const next = t.replace(/<\/?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?\/?>/g, ' ');
    if (next === t) break;
    t = next;
  }
  return t;
}

/**
 * Full-width ASCII forms (U+FF01–U+FF5E) → ASCII for digits, letters and the signs numbers use (％．，＋－),
 * ideographic/no-break/thin spaces → a plain space, zero-width characters removed. Chinese punctuation other
 * than those number signs is kept.
 */
const FOLDABLE = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e\uff0b\uff0d\u3000\u00a0\u2002\u2003\u2009\u202f\u200b-\u200d\ufeff\u00ad]/g;

export function foldWidth(s: string): string {
  // Why a test first: most cells have nothing to fold (Chinese punctuation such as ，is kept), and this runs on all.
  FOLDABLE.lastIndex = 0;
  if (!FOLDABLE.test(s)) return s;
  return s.replace(FOLDABLE, (ch) => {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
    return c === 0x200b || c === 0x200c || c === 0x200d || c === 0xfeff || c === 0x00ad ? '' : ' ';
  });
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Joins a decimal that a PDF line wrap split after its point: "1086. 40" → "1086.40", "宣讲4. 2万次" → "宣讲4.2万次".
 * Why the guard: a list number followed by a figure ("；2. 5%≤比率") has the same shape; it is joined only when the
 * integer part has two or more digits or follows a CJK character or a digit context, never at a clause start.
 */
export function joinSpacedDecimals(s: string): string {
  if (!/\d\. \d/.test(s)) return s;
  return s.replace(/(?<![\d.])(\d+)\. (\d+)/g, (all, int: string, frac: string, offset: number) => {
    const before = offset > 0 ? s[offset - 1]! : '';
    const joinable = int.length >= 2 || (before !== '' && CJK.test(before));
    return joinable ? `${int}.${frac}` : all;
  });
}

/** Collapses runs of spaces and tabs to one space, trims, and keeps line breaks (a DOCX cell's paragraphs). */
export function collapseSpaces(s: string): string {
  if (!/[\t\f\v\r\n]| {2}|^\s|\s$/.test(s)) return s;
  return s.replace(/[ \t\f\v\r]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

/** The full normalisation of one cell or paragraph of document text. */
export function normalizeText(raw: string): string {
  return collapseSpaces(joinSpacedDecimals(foldWidth(decodeEntities(stripMarkup(raw)))));
}

/**
 * A label reduced for matching: no whitespace at all (OCR and PDF wraps put spaces inside words, "部门年初预算 收入")
 * and no trailing colon.
 */
export function compactLabel(s: string): string {
  // Why the checks first: this runs on every cell of every table, and most cells need no change.
  const t = /\s/.test(s) ? s.replace(/\s+/g, '') : s;
  const last = t.charCodeAt(t.length - 1);
  return last === 0x3a || last === 0xff1a ? t.replace(/[:：]+$/, '') : t;
}
