/**
 * List labels Word generates from word/numbering.xml: "一、", "（二）", "1.", "①" are not in a paragraph's text but
 * are what a reader sees, and Chinese government templates number their headings this way. The segmenter finds
 * sections by those markers, so the DOCX reader puts each numbered paragraph's label in front of its text.
 *
 * How Word numbers (ECMA-376 §17.9, as Word behaves): a paragraph's numbering is its w:numPr (numId, ilvl) or its
 * paragraph style's, along the w:basedOn chain; numId 0 switches numbering off. A w:num points to a w:abstractNum
 * holding up to nine levels. Counters belong to the abstract definition, so every w:num over one abstractNum
 * continues one sequence; a w:num carrying a w:lvlOverride restarts that level the first time it is used (how
 * Word's "restart at 1" is stored). Using a level restarts the deeper levels (unless their w:lvlRestart says
 * otherwise). A level's w:lvlText shows counters ("%1、", "（%2）", "%1.%2"), each in its own level's format.
 *
 * Malformed numbering never throws or loops: anything missing, cyclic or out of range gives no label.
 */
import { type ZipArchive, hasEntry, readPartText, readRelationships, relatedPart, relsPartName } from './zip.ts';
import { type NamespaceAliases, type XmlElement, childrenNamed, firstChild, streamXml } from './xml.ts';

const NAMESPACES: NamespaceAliases = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
};

/** Word has nine list levels, ilvl 0–8. */
const LEVELS = 9;
/** Largest start value honoured. Why: a hostile start of 10^300 would only make unreadable labels. */
export const MAX_START = 10_000;
/** Longest style basedOn chain and numStyleLink indirection followed; cycles stop there too. */
const MAX_STYLE_DEPTH = 16;
const MAX_LINK_DEPTH = 4;
/** Longest label kept. Why: lvlText comes from the file; a megabyte of it per paragraph would only waste memory. */
const MAX_LABEL = 64;

type Suffix = 'tab' | 'space' | 'nothing';

interface ListLevel {
  readonly start: number;
  /** w:numFmt value ("decimal", "chineseCounting", …); a custom "001, 002, …" format is "decimal" with `pad`. */
  readonly format: string;
  readonly pad: number;
  /** w:lvlText; Word shows no label when it is absent. */
  readonly text: string;
  readonly suffix: Suffix;
  /** w:lvlRestart as written (1-based level; 0 = never); undefined = restart after any shallower level. */
  readonly restart: number | undefined;
  /** w:isLgl: every counter in this level's label is shown in Arabic digits. */
  readonly legal: boolean;
  /** w:pStyle: the paragraph style this level belongs to. */
  readonly style: string | undefined;
}

interface AbstractNum {
  readonly levels: readonly (ListLevel | undefined)[];
  /** w:numStyleLink: the levels are those of the numbering style's own list. */
  readonly styleLink: string | undefined;
}

interface NumInstance {
  readonly abstractId: number;
  /** Per level: the value the level restarts at when this instance first uses it (w:startOverride). */
  readonly restarts: readonly (number | undefined)[];
  /** Per level: a replacement level definition (w:lvlOverride/w:lvl). */
  readonly levels: readonly (ListLevel | undefined)[];
}

interface StyleNumbering {
  readonly numId: number | undefined;
  readonly ilvl: number | undefined;
}

interface StyleDef extends StyleNumbering {
  readonly basedOn: string | undefined;
}

/** What numbering.xml and styles.xml say, parsed once per document. */
export interface NumberingDefinitions {
  readonly abstracts: ReadonlyMap<number, AbstractNum>;
  readonly nums: ReadonlyMap<number, NumInstance>;
  readonly styles: ReadonlyMap<string, StyleDef>;
  /** The paragraph style of a paragraph that names none. */
  readonly defaultStyle: string | undefined;
}

/** Gives each paragraph (a w:p element), in body order, the label to put before its text ('' when none). */
export type ListLabeler = (paragraph: XmlElement) => string;

// ---- Parsing ------------------------------------------------------------------------------------------------

function val(el: XmlElement | undefined, child: string): string | undefined {
  return el ? firstChild(el, child)?.attrs['w:val'] : undefined;
}

function toInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[+-]?\d{1,12}\s*$/.test(text)) return undefined;
  return Number.parseInt(text, 10);
}

/** An OOXML on/off value: absent means on. */
function isTrue(v: string | undefined): boolean {
  return v === undefined || !['0', 'false', 'off'].includes(v.trim());
}

function isOn(el: XmlElement | undefined): boolean {
  return el !== undefined && isTrue(el.attrs['w:val']);
}

function clampStart(n: number | undefined): number | undefined {
  return n === undefined ? undefined : Math.min(Math.max(n, 0), MAX_START);
}

interface NumFmt {
  readonly format: string;
  readonly pad: number;
}

function numFmtOf(el: XmlElement | undefined): NumFmt | undefined {
  const fmt = el && firstChild(el, 'w:numFmt');
  const value = fmt?.attrs['w:val'];
  if (!fmt || value === undefined) return undefined;
  if (value !== 'custom') return { format: value, pad: 1 };
  // Why: Word 2010+ stores "001, 002, 003, ..." as a custom format (with a decimalZero fallback beside it).
  const zeros = /^\s*(0*)1\s*(?:,|$)/.exec(fmt.attrs['w:format'] ?? '');
  return zeros ? { format: 'decimal', pad: Math.min((zeros[1] ?? '').length + 1, 8) } : undefined;
}

/** The level's number format, also when Word wrapped it in mc:AlternateContent (newer formats, with a fallback). */
function levelFormat(lvl: XmlElement): NumFmt {
  const direct = numFmtOf(lvl);
  if (direct) return direct;
  for (const alt of childrenNamed(lvl, 'mc:AlternateContent')) {
    const found = numFmtOf(firstChild(alt, 'mc:Choice')) ?? numFmtOf(firstChild(alt, 'mc:Fallback'));
    if (found) return found;
  }
  return { format: 'decimal', pad: 1 };
}

function parseLevel(lvl: XmlElement): ListLevel {
  const { format, pad } = levelFormat(lvl);
  const suff = val(lvl, 'w:suff');
  return {
    // Why 0: ECMA-376 says an omitted w:start is zero, and Word shows it so.
    start: clampStart(toInt(val(lvl, 'w:start'))) ?? 0,
    format,
    pad,
    text: (firstChild(lvl, 'w:lvlText')?.attrs['w:val'] ?? '').slice(0, MAX_LABEL),
    suffix: suff === 'space' || suff === 'nothing' ? suff : 'tab',
    restart: toInt(val(lvl, 'w:lvlRestart')),
    legal: isOn(firstChild(lvl, 'w:isLgl')),
    style: val(lvl, 'w:pStyle'),
  };
}

function levelIndex(el: XmlElement): number | undefined {
  const i = toInt(el.attrs['w:ilvl']);
  return i !== undefined && i >= 0 && i < LEVELS ? i : undefined;
}

function parseAbstract(el: XmlElement): AbstractNum {
  const levels: (ListLevel | undefined)[] = new Array<ListLevel | undefined>(LEVELS).fill(undefined);
  for (const lvl of childrenNamed(el, 'w:lvl')) {
    const i = levelIndex(lvl);
    if (i !== undefined && levels[i] === undefined) levels[i] = parseLevel(lvl);
  }
  return { levels, styleLink: val(el, 'w:numStyleLink') };
}

function parseNum(el: XmlElement): NumInstance | undefined {
  const abstractId = toInt(val(el, 'w:abstractNumId'));
  if (abstractId === undefined) return undefined;
  const restarts: (number | undefined)[] = new Array<number | undefined>(LEVELS).fill(undefined);
  const levels: (ListLevel | undefined)[] = new Array<ListLevel | undefined>(LEVELS).fill(undefined);
  for (const override of childrenNamed(el, 'w:lvlOverride')) {
    const i = levelIndex(override);
    if (i === undefined) continue;
    const lvl = firstChild(override, 'w:lvl');
    if (lvl) levels[i] = parseLevel(lvl);
    // Why a level override alone restarts too: Word treats an overridden level as a new start for the instance.
    restarts[i] = clampStart(toInt(val(override, 'w:startOverride'))) ?? levels[i]?.start;
  }
  return { abstractId, restarts, levels };
}

function parseStyle(el: XmlElement): StyleDef {
  const pPr = firstChild(el, 'w:pPr');
  const numPr = pPr && firstChild(pPr, 'w:numPr');
  return { basedOn: val(el, 'w:basedOn'), numId: toInt(val(numPr, 'w:numId')), ilvl: toInt(val(numPr, 'w:ilvl')) };
}

/** Calls `each` for the children of the root element named in `names`; false when the XML is malformed. */
function eachTopElement(xml: string, part: string, names: ReadonlySet<string>, each: (el: XmlElement) => void): boolean {
  const error = streamXml(xml, part, {
    namespaces: NAMESPACES,
    select: (name, _parent, depth) => depth === 1 && names.has(name),
    onElement: (el) => {
      each(el);
    },
  });
  return error === undefined;
}

/**
 * Parses numbering.xml (and styles.xml, for numbering inherited from paragraph styles). Undefined when there is
 * no numbering or it cannot be read: the document is then read without labels.
 */
export function parseNumbering(numberingXml: string, stylesXml?: string, numberingPart = 'word/numbering.xml', stylesPart = 'word/styles.xml'): NumberingDefinitions | undefined {
  const abstracts = new Map<number, AbstractNum>();
  const nums = new Map<number, NumInstance>();
  const parsed = eachTopElement(numberingXml, numberingPart, new Set(['w:abstractNum', 'w:num']), (el) => {
    if (el.name === 'w:abstractNum') {
      const id = toInt(el.attrs['w:abstractNumId']);
      if (id !== undefined && !abstracts.has(id)) abstracts.set(id, parseAbstract(el));
    } else {
      const id = toInt(el.attrs['w:numId']);
      const num = parseNum(el);
      if (id !== undefined && num && !nums.has(id)) nums.set(id, num);
    }
  });
  if (!parsed || nums.size === 0) return undefined;
  const styles = new Map<string, StyleDef>();
  let defaultStyle: string | undefined;
  if (stylesXml !== undefined) {
    const found = new Map<string, StyleDef>();
    let foundDefault: string | undefined;
    const ok = eachTopElement(stylesXml, stylesPart, new Set(['w:style']), (el) => {
      const id = el.attrs['w:styleId'];
      const type = el.attrs['w:type'] ?? 'paragraph';
      if (id === undefined || (type !== 'paragraph' && type !== 'numbering') || found.has(id)) return;
      found.set(id, parseStyle(el));
      if (type === 'paragraph' && foundDefault === undefined && isTrue(el.attrs['w:default'] ?? '0')) foundDefault = id;
    });
    // Why keep nothing from broken styles: direct numbering still works; half a style table would mislead.
    if (ok) {
      for (const [id, def] of found) styles.set(id, def);
      defaultStyle = foundDefault;
    }
  }
  return { abstracts, nums, styles, defaultStyle };
}

/**
 * The numbering definitions of a DOCX's main part, found through its relationships; undefined when there are
 * none or they cannot be read (never a refusal: the text is still worth reading without labels).
 */
export function readNumberingDefinitions(zip: ZipArchive, documentPart: string): NumberingDefinitions | undefined {
  const rels = hasEntry(zip, relsPartName(documentPart)) ? readRelationships(zip, documentPart) : undefined;
  const declared = rels?.ok ? rels.rels : undefined;
  const folder = documentPart.slice(0, documentPart.lastIndexOf('/') + 1);
  // Why the usual names when the relationships are missing or unreadable: the same leniency as for the main part.
  const numberingPart = declared ? relatedPart(declared, '/numbering') : `${folder}numbering.xml`;
  if (numberingPart === undefined || !hasEntry(zip, numberingPart)) return undefined;
  const numbering = readPartText(zip, numberingPart);
  if (!numbering.ok) return undefined;
  const stylesPart = declared ? relatedPart(declared, '/styles') : `${folder}styles.xml`;
  const styles = stylesPart !== undefined && hasEntry(zip, stylesPart) ? readPartText(zip, stylesPart) : undefined;
  return parseNumbering(numbering.text, styles?.ok ? styles.text : undefined, numberingPart, stylesPart);
}

// ---- Number formats -----------------------------------------------------------------------------------------

const CN_DIGITS = '〇一二三四五六七八九';
const CN_UNITS = ['', '十', '百', '千'] as const;
const CN_LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const CN_LEGAL_UNITS = ['', '拾', '佰', '仟'] as const;
const TW_LEGAL_DIGITS = '零壹貳參肆伍陸柒捌玖';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

interface CountingStyle {
  readonly digits: string;
  readonly units: readonly string[];
  readonly myriad: string;
  /** Zero written between digits ("一百零一"); '' for Japanese ("百一"). */
  readonly zero: string;
  /** "十" for 10–19 (not "一十"). */
  readonly bareTen: boolean;
  /** Japanese: no "一" before any unit ("百", "千"). */
  readonly bareUnits: boolean;
}

const CHINESE: CountingStyle = { digits: CN_DIGITS, units: CN_UNITS, myriad: '万', zero: '零', bareTen: true, bareUnits: false };
const CHINESE_LEGAL: CountingStyle = { digits: CN_LEGAL_DIGITS, units: CN_LEGAL_UNITS, myriad: '万', zero: '零', bareTen: false, bareUnits: false };
const TRADITIONAL_LEGAL: CountingStyle = { digits: TW_LEGAL_DIGITS, units: CN_LEGAL_UNITS, myriad: '萬', zero: '零', bareTen: false, bareUnits: false };
const JAPANESE: CountingStyle = { digits: CN_DIGITS, units: CN_UNITS, myriad: '万', zero: '', bareTen: true, bareUnits: true };

/** 1–9999 in a counting system; `inner` when it follows 万, so 10–19 keep their "一" ("一万零一十"). */
function counting4(n: number, style: CountingStyle, inner: boolean): string {
  let out = '';
  let gap = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      gap = out !== '';
      continue;
    }
    if (gap) out += style.zero;
    gap = false;
    const bare = i > 0 && d === 1 && (style.bareUnits || (style.bareTen && i === 1 && n < 20 && !inner));
    out += (bare ? '' : (style.digits[d] ?? '')) + (style.units[i] ?? '');
  }
  return out;
}

function counting(n: number, style: CountingStyle): string {
  if (n === 0) return style.digits[0] ?? '0';
  if (n >= 100_000_000) return String(n);
  if (n < 10_000) return counting4(n, style, false);
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  const lowText = low === 0 ? '' : (low < 1000 ? style.zero : '') + counting4(low, style, true);
  return counting4(high, style, false) + style.myriad + lowText;
}

function fromTable(n: number, table: string): string {
  const ch = n >= 1 && n <= table.length ? table[n - 1] : undefined;
  return ch ?? String(n);
}

/** ①…⑳ and the like: `count` consecutive code points from `first`, Arabic digits beyond (as Word shows them). */
function enclosed(n: number, first: number, count: number): string {
  return n >= 1 && n <= count ? String.fromCodePoint(first + n - 1) : String(n);
}

function letters(n: number, upper: boolean): string {
  // Why the cap: Word writes 27 as "AA", 53 as "AAA"; thousands of letters help no one.
  if (n < 1 || n > 26 * 20) return String(n);
  const letter = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

const ROMAN: readonly (readonly [number, string])[] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(n: number, upper: boolean): string {
  if (n < 1 || n > 3999) return String(n);
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return upper ? out : out.toLowerCase();
}

function ordinal(n: number): string {
  const tens = n % 100;
  const units = n % 10;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : units === 1 ? 'st' : units === 2 ? 'nd' : units === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/**
 * A counter value as a w:numFmt shows it. Unknown formats show Arabic digits; "bullet" and "none" show nothing.
 * `pad` is the width of a zero-padded custom format ("001").
 */
export function formatNumber(value: number, format: string, pad = 1): string {
  const n = Math.max(0, Math.floor(value));
  switch (format) {
    case 'none':
    case 'bullet':
      return '';
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return counting(n, CHINESE);
    case 'chineseLegalSimplified':
      return counting(n, CHINESE_LEGAL);
    case 'ideographLegalTraditional':
      return counting(n, TRADITIONAL_LEGAL);
    case 'japaneseCounting':
      return counting(n, JAPANESE);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return [...String(n)].map((d) => CN_DIGITS[Number(d)] ?? d).join('');
    case 'ideographTraditional':
      return fromTable(n, HEAVENLY_STEMS);
    case 'ideographZodiac':
      return fromTable(n, EARTHLY_BRANCHES);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 0x2460, 20);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20);
    case 'ideographEnclosedCircle':
      return enclosed(n, 0x3280, 10);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'upperRoman':
      return roman(n, true);
    case 'lowerRoman':
      return roman(n, false);
    case 'ordinal':
      return ordinal(n);
    default:
      return String(n).padStart(pad, '0');
  }
}

// ---- Labels -------------------------------------------------------------------------------------------------

/**
 * A bullet's own text kept as a label: only when it is itself a section marker ("（一）", "一、", "①"), which some
 * templates fake with a bullet. Ordinary bullets (•, ■, Wingdings glyphs) carry no structure.
 */
const MARKER_BULLET = /^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[、．.]|[\u2460-\u2473])$/;

/** Arabic digits for isLgl, except where a level shows nothing. */
function legalFormat(format: string): string {
  return format === 'none' || format === 'bullet' ? format : 'decimal';
}

/**
 * The label and what follows it. Word puts a tab or a space after the label; in text, a label that ends in
 * punctuation ("一、", "（一）", "1.", "①") reads best joined to the title, one that ends in a letter, digit or
 * ideograph ("1.1", "第一章") needs a space.
 */
function withSeparator(label: string, suffix: Suffix): string {
  if (label === '' || suffix === 'nothing') return label;
  return /[A-Za-z0-9\u3007\u3400-\u4dbf\u4e00-\u9fff]$/.test(label) ? `${label} ` : label;
}

interface Resolved {
  /** Counters are kept per abstract definition. */
  readonly key: number;
  readonly levels: readonly (ListLevel | undefined)[];
  readonly restarts: readonly (number | undefined)[];
}

/** Whether level `k` (its definition `level`) restarts when level `used` (shallower) is used. */
function restartsAfter(level: ListLevel | undefined, k: number, used: number): boolean {
  const r = level?.restart;
  if (r === undefined || r < 0 || r > k) return true;
  return r === 0 ? false : used <= r - 1;
}

/** A labeler with fresh counters: call it for every paragraph of the document, in body order. */
export function createListLabeler(defs: NumberingDefinitions): ListLabeler {
  const resolvedNums = new Map<number, Resolved | null>();
  const styleNumbering = new Map<string, StyleNumbering>();
  const counters = new Map<number, (number | undefined)[]>();
  /** numId × LEVELS + ilvl of each level an instance has used, for startOverride's "first use". */
  const used = new Set<number>();

  /** numId and ilvl a style gives, each from the nearest style in the basedOn chain that sets it. */
  function fromStyle(id: string | undefined): StyleNumbering {
    if (id === undefined) return { numId: undefined, ilvl: undefined };
    const cached = styleNumbering.get(id);
    if (cached) return cached;
    let numId: number | undefined;
    let ilvl: number | undefined;
    const seen = new Set<string>();
    let at: string | undefined = id;
    for (let depth = 0; at !== undefined && depth < MAX_STYLE_DEPTH && !seen.has(at); depth++) {
      seen.add(at);
      const style = defs.styles.get(at);
      if (!style) break;
      numId ??= style.numId;
      ilvl ??= style.ilvl;
      if (numId !== undefined && ilvl !== undefined) break;
      at = style.basedOn;
    }
    const result: StyleNumbering = { numId, ilvl };
    styleNumbering.set(id, result);
    return result;
  }

  function resolve(numId: number): Resolved | undefined {
    const cached = resolvedNums.get(numId);
    if (cached !== undefined) return cached ?? undefined;
    const num = defs.nums.get(numId);
    let key = num?.abstractId;
    let abstract = key === undefined ? undefined : defs.abstracts.get(key);
    // A list that follows a numbering style (w:numStyleLink) takes that style's list, counters included.
    for (let depth = 0; abstract?.styleLink !== undefined && depth < MAX_LINK_DEPTH; depth++) {
      const linkedNum = fromStyle(abstract.styleLink).numId;
      const linkedKey = linkedNum === undefined ? undefined : defs.nums.get(linkedNum)?.abstractId;
      const linked = linkedKey === undefined ? undefined : defs.abstracts.get(linkedKey);
      if (!linked || linkedKey === key) break;
      key = linkedKey;
      abstract = linked;
    }
    const found: Resolved | null =
      num && abstract && key !== undefined
        ? { key, levels: abstract.levels.map((level, i) => num.levels[i] ?? level), restarts: num.restarts }
        : null;
    resolvedNums.set(numId, found);
    return found ?? undefined;
  }

  function render(r: Resolved, ilvl: number, counts: readonly (number | undefined)[]): string {
    const level = r.levels[ilvl];
    if (!level) return '';
    if (level.format === 'bullet') return MARKER_BULLET.test(level.text) ? level.text : '';
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const shown = r.levels[k];
      if (!shown) return '';
      const value = counts[k] ?? shown.start;
      return formatNumber(value, level.legal ? legalFormat(shown.format) : shown.format, shown.pad);
    });
    return withSeparator(label.slice(0, MAX_LABEL), level.suffix);
  }

  return (paragraph) => {
    const pPr = firstChild(paragraph, 'w:pPr');
    const numPr = pPr && firstChild(pPr, 'w:numPr');
    const styleId = val(pPr, 'w:pStyle') ?? defs.defaultStyle;
    let numId = toInt(val(numPr, 'w:numId'));
    let ilvl = toInt(val(numPr, 'w:ilvl'));
    if (numId === undefined || ilvl === undefined) {
      const inherited = fromStyle(styleId);
      numId ??= inherited.numId;
      ilvl ??= inherited.ilvl;
    }
    if (numId === undefined || numId === 0) return '';
    const r = resolve(numId);
    if (!r) return '';
    // A style's numPr may leave out the level: it is the one that names the style (w:pStyle), else the first.
    if (ilvl === undefined) {
      const linked = styleId === undefined ? -1 : r.levels.findIndex((level) => level?.style === styleId);
      ilvl = linked >= 0 ? linked : 0;
    }
    if (ilvl < 0 || ilvl >= LEVELS) return '';
    const level = r.levels[ilvl];
    if (!level) return '';
    let counts = counters.get(r.key);
    if (!counts) {
      counts = new Array<number | undefined>(LEVELS).fill(undefined);
      counters.set(r.key, counts);
    }
    const firstUse = numId * LEVELS + ilvl;
    const restart = r.restarts[ilvl];
    const current = counts[ilvl];
    if (restart !== undefined && !used.has(firstUse)) counts[ilvl] = restart;
    else counts[ilvl] = current === undefined ? level.start : current + 1;
    used.add(firstUse);
    for (let k = ilvl + 1; k < LEVELS; k++) if (restartsAfter(r.levels[k], k, ilvl)) counts[k] = undefined;
    return render(r, ilvl, counts);
  };
}
