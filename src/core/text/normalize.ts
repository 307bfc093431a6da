/**
 * Normalisation of document text before anything reads figures from it. Pure string functions, no I/O.
 *
 * What real documents carry (seen in published self-evaluations): `<p>` and `<b>` fragments and `**bold**` from
 * web pages; HTML entities; full-width digits and letters (３２８６．８０); ideographic and no-break spaces;
 * zero-width characters; PDF line-wrap spaces inside numbers ("1086. 40", "97. 25%"); OCR confusions inside figures
 * and units (1O0.5, 2l.3, 万兀) where the reading is certain. Chinese punctuation
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

/**
 * Radical code points a PDF's font maps its glyphs to (Chromium's and some Word PDFs print 项⽬ and 部⻔): Kangxi
 * radicals (U+2F00–U+2FD5) have a compatibility decomposition (NFKC gives 目); the CJK Radicals Supplement
 * (U+2E80–U+2EF3) mostly has none, so its simplified forms are mapped to the character they stand for here.
 */
const RADICAL = /[\u2e80-\u2fd5]/;
const RADICALS = /[\u2e80-\u2fd5]/g;
const SUPPLEMENT: Readonly<Record<string, string>> = {
  '⺠': '民', '⺟': '母', '⺩': '王', '⺮': '竹', '⺼': '肉', '⻁': '虎', '⻄': '西', '⻅': '见', '⻆': '角', '⻈': '讠',
  '⻉': '贝', '⻊': '足', '⻋': '车', '⻑': '長', '⻓': '长', '⻔': '门', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页',
  '⻛': '风', '⻜': '飞', '⻝': '食', '⻟': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤',
  '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻫': '齐', '⻬': '齐', '⻭': '齿', '⻮': '齿', '⻯': '龙', '⻰': '龙', '⻳': '龟',
  '⺒': '巳', '⺓': '幺', '⺜': '日', '⺝': '月', '⺞': '歹', '⺗': '心', '⺬': '示', '⺯': '糸', '⺰': '纟', '⻐': '钅',
};

export function foldRadicals(s: string): string {
  if (!RADICAL.test(s)) return s;
  return s.replace(RADICALS, (ch) => (ch >= '\u2f00' ? ch.normalize('NFKC') : (SUPPLEMENT[ch] ?? ch)));
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

/**
 * OCR confusions inside a figure, repaired only where the reading is certain: O/o → 0 and I/l → 1 when the letter
 * stands where a digit of a number must be — the run of digits, confusable letters and one decimal point starts and
 * ends with a real digit, is bounded by neither a letter nor a digit, and holds at least two real digits ("1O0.5" →
 * "100.5", "2l.3" → "21.3"). "10O", "O.5", "ISO9001" and "l0" stay as written (see `uncertainNumbers`).
 */
export function repairOcrDigits(s: string): string {
  // Why the tests first: this runs on every cell, and most have no Latin letter at all, let alone one touching a digit.
  if (!OCR_LETTER.test(s) || !OCR_NEAR_DIGIT.test(s)) return s;
  return s.replace(OCR_RUN, (run: string) => {
    if (!/[OoIl]/.test(run) || !/^\d/.test(run) || !/\d$/.test(run) || (run.match(/\d/g) ?? []).length < 2 || (run.match(/\./g) ?? []).length > 1) return run;
    return run.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
  });
}

const OCR_LETTER = /[OoIl]/;
/** A confusable letter touching a digit (the quick test before `OCR_RUN`). */
export const OCR_NEAR_DIGIT = /\d[OoIl.]*[OoIl]|[OoIl][OoIl.]*\d/;
/** A run of digits, confusable letters and inner decimal points, bounded by neither letter nor digit. */
export const OCR_RUN = /(?<![A-Za-z0-9_])[0-9OoIl](?:[0-9OoIl]|\.(?=[0-9OoIl]))*(?![A-Za-z0-9_])/g;

/**
 * 兀 (wù) for 元 in a unit's place, an OCR confusion of two near-identical glyphs: after a figure ("120兀", "5.2 万兀"),
 * in a unit note or header ("单位：万兀", "金额（兀）"). 兀 in words (突兀, 兀自, 兀立) stays.
 */
export function repairYuan(s: string): string {
  if (!s.includes('兀')) return s;
  return s
    .replace(/([万亿])兀(?![自立然兀鹫])/g, '$1元')
    .replace(/(\d ?)兀(?![自立然兀鹫])/g, '$1元')
    .replace(/(单位\s*[：:]\s*)兀/g, '$1元')
    .replace(/([（(]\s*)兀(\s*[）)])/g, '$1元$2');
}

/**
 * Figures a PDF-to-text or OCR step spaced or punctuated, joined where the reading is certain:
 * - a full-width comma as thousands separator, "1，234.56" → "1,234.56", when the figure has decimals, two or more
 *   groups ("12，345，678") or a money unit right after it ("1，620万元"), and no figure follows it after another comma
 *   (a list);
 * - a space as thousands separator or a break inside a figure, "1 234.56" → "1234.56", only when the cell is that
 *   figure (with perhaps its unit): in running text "任务1 234.56" may be a label's number and an amount;
 * - a space before the decimal point, "1234 .50" → "1234.50" (a figure never starts with a point).
 * Anything else that looks like a broken figure ("1 234", "1，234") is left as written; `uncertainNumbers` finds it.
 */
export function joinSplitFigures(s: string): string {
  let t = s;
  // Why the narrow tests: Chinese prose is full of "，" and spaces; the replacements run only where digits touch them.
  if (t.includes('，') && /\d，\d/.test(t)) {
    t = t.replace(/(?<![\d.,，])(\d{1,3})((?:，\d{3})+)(\.\d+)?(?![\d，,.]|[，,]\d)(?=( ?(?:万元|亿元|元))?)/g, (all, head: string, groups: string, frac: string | undefined, money: string | undefined) =>
      frac !== undefined || groups.length >= 8 || money !== undefined ? `${head}${groups.replace(/，/g, ',')}${frac ?? ''}` : all,
    );
  }
  if (t.includes(' .')) t = t.replace(/(?<![\d.])(\d{2,}) \. ?(\d)/g, '$1.$2');
  if (t.includes(' ') && WHOLE_SPACED_FIGURE.test(t)) t = t.replace(/(\d) (?=\d{3}(?!\d))/g, '$1');
  return t;
}

const WHOLE_SPACED_FIGURE = /^[-+]?\d{1,3}(?: \d{3})+\.\d+ ?(?:%|万元|元|亿元)?$/;

/** What `repairOcrDigits`, `repairYuan` and `joinSplitFigures` look for; joining spaces adds none. */
const MAY_NEED_REPAIR = /\d[OoIl]|[OoIl]\d|兀|\d，\d|\d\s+[\d.]/;

/** White space as `\s` sees it (what `trim` removes). */
function isWhite(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** O o I l: letters OCR confuses with digits. */
const isConfusable = (c: number): boolean => c === 0x4f || c === 0x6f || c === 0x49 || c === 0x6c;

/**
 * Whether any step of `normalizeFully` could change the text: markup, entities, foldable or radical code points,
 * white space to collapse or trim, a digit touching a confusable letter, a space, a full-width comma or a spaced
 * decimal point, 兀. Most cells of a document (plain Chinese text, a plain figure) hold none of it. One pass over the
 * characters, most of them CJK and decided by one comparison: cheaper than the steps' own tests one after another.
 */
export function mayNeedNormalizing(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  if (isWhite(s.charCodeAt(0)) || isWhite(s.charCodeAt(n - 1))) return true;
  let prev = 0;
  let dotAfterDigit = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      if (c === 0x5140) return true; // 兀
      prev = c;
      dotAfterDigit = false;
      continue;
    }
    if (c === 0x3c || c === 0x26 || c === 0x2a || c === 0x5f || (c >= 0x09 && c <= 0x0d)) return true; // < & * _ and control white space
    if (c >= 0xff01 && c <= 0xff5e) {
      // Full-width forms: those foldWidth folds, and a full-width comma after a digit.
      if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || c === 0xff05 || c === 0xff0e || c === 0xff0b || c === 0xff0d) return true;
      if (c === 0xff0c && isDigit(prev)) return true;
    } else if (c === 0x3000 || c === 0xa0 || c === 0x2002 || c === 0x2003 || c === 0x2009 || c === 0x202f || (c >= 0x200b && c <= 0x200d) || c === 0xfeff || c === 0xad || (c >= 0x2e80 && c <= 0x2fd5)) {
      return true;
    } else if (c === 0x20) {
      if (prev === 0x20 || isDigit(prev) || dotAfterDigit) return true;
    } else if (isConfusable(c)) {
      if (isDigit(prev)) return true;
    } else if (isDigit(c)) {
      if (isConfusable(prev)) return true;
    }
    dotAfterDigit = c === 0x2e && isDigit(prev);
    prev = c;
  }
  return false;
}

/** The full normalisation of one cell or paragraph of document text. */
export function normalizeText(raw: string): string {
  if (!mayNeedNormalizing(raw)) return raw;
  return normalizeFully(raw);
}

/** `normalizeText` without the quick test (the test compares the two). */
export function normalizeFully(raw: string): string {
  // Why this order: each step only finds what the ones before it left, so normalising twice changes nothing — OCR
  // digits first (a repaired run may then join: "1O2 .5" → "102 .5" → "102.5"), spaces collapsed before anything
  // looks for "one space" ("3286.  80", "2  兀").
  // Markup again after entities: "<O&nbsp;>" is a tag only once "&nbsp;" is a space (found by the fuzzer).
  const text = decodeEntities(stripMarkup(raw));
  const folded = foldRadicals(foldWidth(text.includes('<') ? stripMarkup(text) : text));
  // Why one test for the three figure repairs: most cells need none, and this runs on every cell.
  if (!MAY_NEED_REPAIR.test(folded)) return joinSpacedDecimals(collapseSpaces(folded));
  return joinSplitFigures(repairYuan(joinSpacedDecimals(collapseSpaces(repairOcrDigits(folded)))));
}

/**
 * A running page header or footer a PDF export or a converter leaves in the text: "— 3 —", "- 3 -", "-3-",
 * "第 2 页 共 5 页", "第2页", "共5页 第2页", "Page 3 of 12" — `certain`: no data line has these shapes. "3/12" and
 * "3 / 12" (page of pages) are `possible`: the caller drops them only where a page break stands next to them.
 * A bare number is neither: without the page's geometry it may be a figure.
 */
export function pageNumberLine(text: string): 'certain' | 'possible' | undefined {
  if (text.length > 24 || !/\d/.test(text)) return undefined;
  const t = text.replace(/\s+/g, '');
  if (/^[-‐‑‒–—―－~～_·•]+\d{1,4}[-‐‑‒–—―－~～_·•]+$/.test(t)) return 'certain';
  if (/^[-—－]*(?:第\d{1,4}页(?:[,，、/／]?共\d{1,4}页)?|共\d{1,4}页[,，、/／]?第\d{1,4}页)[-—－]*$/.test(t)) return 'certain';
  if (/^page\d{1,4}(?:of\d{1,4})?$/i.test(t)) return 'certain';
  const m = /^(\d{1,4})[/／](\d{1,4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2])) return 'possible';
  return undefined;
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
