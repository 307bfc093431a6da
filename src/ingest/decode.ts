/**
 * Bytes → text for the files people save on Windows and receive by mail, deciding the encoding per file from
 * evidence, in this order:
 *
 * 1. a byte-order mark: UTF-8, UTF-16 LE/BE (Notepad's "Unicode");
 * 2. valid UTF-8 without NUL bytes: UTF-8 (the common case, one native decode);
 * 3. NUL bytes nearly all at odd (or even) offsets: UTF-16 LE (BE) without a mark;
 * 4. otherwise line by line: a line whose non-ASCII bytes are mostly valid UTF-8 sequences is UTF-8 with a few
 *    damaged bytes (read as U+FFFD, with a warning naming the line and byte offset); the other lines are in a
 *    legacy encoding, chosen by how many of the characters each candidate decodes to are common Chinese
 *    characters (`hanzi.ts`): GB18030/GBK (simplified, what a Chinese Windows saves) or Big5 (traditional).
 *    A file of UTF-8 and GBK lines is read line by line with a warning naming the GBK lines. Japanese (Shift_JIS,
 *    EUC-JP) and Korean (EUC-KR) text, told by its kana or Hangul, and anything else that no candidate decodes
 *    with confidence, is refused with a message naming the encoding it seems to be (chardet's guess beside our
 *    own figures) and how to save it as UTF-8: never silent garbage.
 *
 * Line numbers count "\n" from 1, as the text reader does; byte offsets are 0-based from the file's first byte.
 */
import { TextDecoder } from 'node:util';
import { analyse } from 'chardet';
import type { Problem } from '../core/problem.ts';
import { isCommonHanzi, isHangul, isHanzi, isKana } from './hanzi.ts';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface DecodeOptions {
  /**
   * Read bytes that are invalid in the file's encoding as U+FFFD, and lines in a second encoding as such, with a
   * warning saying where (the default, for documents). False refuses such a file instead (for data files, where a
   * replaced byte would silently change a value).
   */
  readonly repair?: boolean;
}

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: Encoding; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problem: Problem };

/** How an encoding is named to a person. */
export const ENCODING_NAMES: Readonly<Record<Encoding, string>> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030/GBK', big5: 'Big5' };

/** Bytes of legacy-encoded lines examined to choose their encoding; enough for thousands of characters. */
const SAMPLE_BYTES = 256 * 1024;
/** Bytes examined for the NUL pattern of UTF-16 without a mark. */
const NUL_SAMPLE_BYTES = 1024 * 1024;
/** Line numbers listed in a warning before "…". */
const LISTED_LINES = 10;

const decoders = new Map<string, TextDecoder>();

/** One decoder per encoding and mode, reused: a file of many damaged lines decodes them one by one. */
function decoder(encoding: string, fatal: boolean): TextDecoder {
  const key = `${encoding}${fatal ? '!' : ''}`;
  let d = decoders.get(key);
  if (!d) decoders.set(key, (d = new TextDecoder(encoding, { fatal, ignoreBOM: true })));
  return d;
}

function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return decoder(encoding, true).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Decodes with U+FFFD for what the encoding cannot read. */
const lenient = (bytes: Uint8Array, encoding: string): string => decoder(encoding, false).decode(bytes);

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const repair = options.repair ?? true;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 2, 'utf-16le', repair, undefined);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 2, 'utf-16be', repair, undefined);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const hasNul = bytes.indexOf(0, bom) >= 0;
  if (!hasNul) {
    const text = tryDecode(bytes.subarray(bom), 'utf-8');
    if (text !== undefined) return { ok: true, text, encoding: 'utf-8', warnings: [] };
  } else if (bom === 0) {
    const utf16 = utf16ByNulPattern(bytes);
    if (utf16) return decodeUtf16(bytes, 0, utf16, repair, `NUL ${utf16 === 'utf-16le' ? 'odd' : 'even'}`);
  }
  return decodeUnmarked(bytes, bom, repair);
}

// ---- UTF-16 -------------------------------------------------------------------------------------------------

/**
 * UTF-16 without a mark: ASCII characters (digits, tabs, line ends) have a zero high byte, so NULs gather at odd
 * offsets (LE) or even offsets (BE). A NUL or two in a damaged UTF-8 file do not make a pattern.
 */
function utf16ByNulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, NUL_SAMPLE_BYTES) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = bytes.indexOf(0); i >= 0 && i < n; i = bytes.indexOf(0, i + 1)) {
    if (i & 1) odd++;
    else even++;
  }
  const enough = Math.max(4, n / 2 / 200);
  if (odd >= enough && even * 4 <= odd) return 'utf-16le';
  if (even >= enough && odd * 4 <= even) return 'utf-16be';
  return undefined;
}

/** Code units that do not occur in text: unpaired surrogates and C0 controls other than whitespace and ESC. */
function utf16Errors(bytes: Uint8Array, start: number, le: boolean): { errors: number[]; controls: number; units: number } {
  const errors: number[] = [];
  let controls = 0;
  const end = start + ((bytes.length - start) & ~1);
  const unit = (i: number) => (le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  for (let i = start; i < end; i += 2) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 2 < end) {
        const next = unit(i + 2);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i += 2;
          continue;
        }
      }
      errors.push(i);
    } else if (u >= 0xdc00 && u <= 0xdfff) errors.push(i);
    else if (u < 0x20 && u !== 0x09 && u !== 0x0a && u !== 0x0d && u !== 0x0c && u !== 0x0b && u !== 0x1b) controls++;
  }
  if (end < bytes.length) errors.push(end);
  return { errors, controls, units: (end - start) / 2 };
}

function decodeUtf16(bytes: Uint8Array, start: number, encoding: 'utf-16le' | 'utf-16be', repair: boolean, guessedBy: string | undefined): Decoded {
  const { errors, controls, units } = utf16Errors(bytes, start, encoding === 'utf-16le');
  // Why: random bytes that happen to start with FF FE decode to something; text has few controls or broken pairs.
  if (units > 0 && (controls + errors.length) * 20 > units + 20) return { ok: false, problem: { code: 'not-a-document', path: [], params: {} } };
  const text = lenient(bytes.subarray(start), encoding);
  const warnings: Problem[] = [];
  if (guessedBy !== undefined) warnings.push({ code: 'text-encoding-guessed', path: [], params: { encoding: ENCODING_NAMES[encoding], evidence: guessedBy } });
  if (errors.length > 0) {
    // Line of each error: count line feeds in the text before it (code unit index = (offset - start) / 2).
    const lines: number[] = [];
    let line = 1;
    let unitIndex = 0;
    for (const offset of errors) {
      const target = (offset - start) / 2;
      for (; unitIndex < target && unitIndex < text.length; unitIndex++) if (text.charCodeAt(unitIndex) === 0x0a) line++;
      if (lines[lines.length - 1] !== line) lines.push(line);
    }
    const w = invalidBytesWarning(ENCODING_NAMES[encoding], errors.length, lines, errors[0]!);
    if (!repair) return { ok: false, problem: w };
    warnings.push(w);
  }
  return { ok: true, text, encoding, warnings };
}

// ---- UTF-8, line by line ------------------------------------------------------------------------------------

interface ByteLine {
  /** 1-based line number. */
  readonly line: number;
  /** Byte range of the line, without its "\n". */
  readonly start: number;
  readonly end: number;
  /** Bytes that are not part of a valid UTF-8 sequence (NUL included), counted as TextDecoder replaces them. */
  readonly invalid: number;
  readonly firstInvalid: number;
  /** Bytes in valid multi-byte UTF-8 sequences. */
  readonly validMulti: number;
}

interface Utf8Scan {
  /** The lines with a byte above 0x7F or a NUL; pure ASCII lines read the same in every encoding here. */
  readonly lines: ByteLine[];
  readonly invalid: number;
  readonly validMulti: number;
  /** C0 control bytes other than whitespace and ESC, NUL included: evidence of a binary file. */
  readonly controls: number;
}

/**
 * One pass over the bytes with the WHATWG UTF-8 decoder's state machine, so that "invalid" counts exactly the
 * U+FFFD TextDecoder will emit, per line.
 */
function scanUtf8(bytes: Uint8Array, from: number): Utf8Scan {
  const lines: ByteLine[] = [];
  let invalidTotal = 0;
  let validTotal = 0;
  let controls = 0;
  let line = 1;
  let lineStart = from;
  let high = false;
  let invalid = 0;
  let firstInvalid = -1;
  let validMulti = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  const error = (at: number) => {
    invalid++;
    if (firstInvalid < 0) firstInvalid = at;
  };
  const endLine = (end: number) => {
    if (high) lines.push({ line, start: lineStart, end, invalid, firstInvalid, validMulti });
    invalidTotal += invalid;
    validTotal += validMulti;
    line++;
    lineStart = end + 1;
    high = false;
    invalid = 0;
    firstInvalid = -1;
    validMulti = 0;
  };
  const n = bytes.length;
  for (let i = from; i < n; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b < 0x80) {
        if (b === 0x0a) endLine(i);
        else if (b < 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) {
          controls++;
          if (b === 0) {
            // Why: NUL is valid UTF-8 but never text; it is read as U+FFFD like an invalid byte.
            high = true;
            error(i);
          }
        }
        continue;
      }
      high = true;
      if (b >= 0xc2 && b <= 0xdf) needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        else if (b === 0xed) upper = 0x9f;
        needed = 2;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        else if (b === 0xf4) upper = 0x8f;
        needed = 3;
      } else error(i);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one error; the byte is read again as the start of the next.
      error(i - seen - 1);
      needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    if (++seen === needed) {
      validMulti += needed + 1;
      needed = seen = 0;
    }
  }
  if (needed > 0) error(n - seen - 1);
  endLine(n);
  return { lines, invalid: invalidTotal, validMulti: validTotal, controls };
}

// ---- Legacy encodings: which one ----------------------------------------------------------------------------

interface Figures {
  readonly han: number;
  readonly common: number;
  readonly kana: number;
  readonly hangul: number;
  readonly nonAscii: number;
  readonly replaced: number;
}

function figures(text: string): Figures {
  let han = 0;
  let common = 0;
  let kana = 0;
  let hangul = 0;
  let nonAscii = 0;
  let replaced = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) replaced++;
    else if (isHanzi(c)) {
      han++;
      if (isCommonHanzi(c)) common++;
    } else if (isKana(c)) kana++;
    else if (isHangul(c)) hangul++;
  }
  return { han, common, kana, hangul, nonAscii, replaced };
}

function commonCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isCommonHanzi(text.charCodeAt(i))) n++;
  return n;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** `known`: recognised as text in a language read elsewhere (Japanese, Korean); otherwise only chardet's guess. */
type Verdict =
  | { readonly kind: 'chinese'; readonly encoding: 'gb18030' | 'big5' | 'utf-16le' | 'utf-16be'; readonly confident: boolean; readonly evidence: string }
  | { readonly kind: 'other'; readonly name: string; readonly evidence: string; readonly known: boolean };

function chardetBest(sample: Uint8Array): { name: string; confidence: number } | undefined {
  return analyse(sample.subarray(0, 64 * 1024))[0];
}

function chardetSays(sample: Uint8Array): string {
  const best = chardetBest(sample);
  return best ? `chardet ${best.name} ${best.confidence}` : 'chardet —';
}

/**
 * The encoding of bytes that are not UTF-8. Chinese first: the candidate whose decoded characters are most often
 * common characters, when that share is high; then Japanese by kana, Korean by Hangul; then GB18030 if it reads
 * every byte (the Windows default, for short texts with too few characters to judge); else chardet's guess.
 */
function judgeLegacy(sample: Uint8Array, utf16Too: boolean): Verdict {
  const candidates: ('gb18030' | 'big5' | 'utf-16le' | 'utf-16be')[] = ['gb18030', 'big5'];
  if (utf16Too && sample.length % 2 === 0) candidates.push('utf-16le', 'utf-16be');
  const scored = candidates.map((encoding) => {
    const f = figures(lenient(sample, encoding));
    // Why: a candidate that cannot decode the bytes is out, whatever characters it happens to give.
    const usable = f.replaced * 100 <= f.nonAscii;
    return { encoding, f, ratio: usable ? share(f.common, f.han) : 0 };
  });
  scored.sort((a, b) => b.ratio - a.ratio || b.f.han - a.f.han);
  const best = scored[0]!;
  const shares = scored
    .filter((s) => !s.encoding.startsWith('utf-16') || s === best)
    .map((s) => `${ENCODING_NAMES[s.encoding]} ${pct(s.ratio)}`)
    .join(' · ');
  if ((best.f.han >= 2 && best.ratio >= 0.5) || (best.f.han >= 20 && best.ratio >= 0.4)) {
    return { kind: 'chinese', encoding: best.encoding, confident: true, evidence: `${shares}; ${chardetSays(sample)}` };
  }
  for (const [encoding, name] of [
    ['shift_jis', 'Shift_JIS'],
    ['euc-jp', 'EUC-JP'],
  ] as const) {
    const f = figures(lenient(sample, encoding));
    if (f.replaced === 0 && f.nonAscii >= 2 && share(f.kana, f.nonAscii) >= 0.2) {
      return { kind: 'other', name, known: true, evidence: `${name} かな ${pct(share(f.kana, f.nonAscii))}; ${chardetSays(sample)}` };
    }
  }
  const kr = figures(lenient(sample, 'euc-kr'));
  if (kr.replaced === 0 && kr.nonAscii >= 2 && share(kr.hangul, kr.nonAscii) >= 0.6) {
    return { kind: 'other', name: 'EUC-KR', known: true, evidence: `EUC-KR 한글 ${pct(share(kr.hangul, kr.nonAscii))}; ${chardetSays(sample)}` };
  }
  const gb = scored.find((s) => s.encoding === 'gb18030')!;
  if (gb.f.replaced === 0) return { kind: 'chinese', encoding: 'gb18030', confident: false, evidence: `${shares}; ${chardetSays(sample)}` };
  return { kind: 'other', name: chardetBest(sample)?.name ?? '?', known: false, evidence: `${shares}; ${chardetSays(sample)}` };
}

// ---- Files without a mark that are not valid UTF-8 ---------------------------------------------------------

function listLines(lines: readonly number[]): string {
  const shown = lines.slice(0, LISTED_LINES).join(', ');
  return lines.length > LISTED_LINES ? `${shown}, …` : shown;
}

function invalidBytesWarning(encoding: string, count: number, lines: readonly number[], offset: number): Problem {
  return { code: 'text-invalid-bytes', path: [], params: { encoding, count, lines: listLines(lines), lineCount: lines.length, offset }, line: lines[0]! };
}

const NEWLINE = new Uint8Array([0x0a]);

/** The first SAMPLE_BYTES of the given lines, one after another. */
function sampleOf(bytes: Uint8Array, lines: readonly ByteLine[]): Uint8Array {
  let size = 0;
  const parts: Uint8Array[] = [];
  for (const l of lines) {
    if (size >= SAMPLE_BYTES) break;
    const part = bytes.subarray(l.start, Math.min(l.end, l.start + SAMPLE_BYTES - size));
    parts.push(part, NEWLINE);
    size += part.length + 1;
  }
  return Buffer.concat(parts);
}

const refusal = (code: string, params: Record<string, string | number> = {}): Decoded => ({ ok: false, problem: { code, path: [], params } });

function decodeUnmarked(bytes: Uint8Array, bom: number, repair: boolean): Decoded {
  const scan = scanUtf8(bytes, bom);
  const size = bytes.length - bom;
  if (scan.controls >= 2 && scan.controls * 100 > size) {
    // Control bytes: binary, unless UTF-16 without a mark or an ASCII character (code units like 0x4E1A).
    const verdict = bom === 0 ? judgeLegacy(bytes.subarray(0, SAMPLE_BYTES), true) : undefined;
    if (verdict?.kind === 'chinese' && verdict.confident && (verdict.encoding === 'utf-16le' || verdict.encoding === 'utf-16be')) {
      return decodeUtf16(bytes, 0, verdict.encoding, repair, verdict.evidence);
    }
    return refusal('not-a-document');
  }
  // Why: in UTF-8 with a few damaged bytes nearly every odd byte is in a valid sequence; GBK or Big5 bytes form
  // one only by accident (about one character in eight).
  const mostlyLegacy = scan.invalid > scan.validMulti;
  const legacyLooking = scan.lines.filter((l) => l.invalid > l.validMulti);

  let legacy: 'gb18030' | 'big5' | undefined;
  let guessed: Problem | undefined;
  if (legacyLooking.length > 0) {
    const wholeHead = mostlyLegacy && bom === 0;
    const sample = wholeHead ? bytes.subarray(0, SAMPLE_BYTES) : sampleOf(bytes, legacyLooking);
    const verdict = judgeLegacy(sample, wholeHead);
    if (verdict.kind === 'chinese') {
      if (verdict.encoding === 'utf-16le' || verdict.encoding === 'utf-16be') return decodeUtf16(bytes, 0, verdict.encoding, repair, verdict.evidence);
      // Why: among UTF-8 lines a line is only read as GBK/Big5 on clear evidence; a file that is mostly not
      // UTF-8 falls back to GB18030 when that reads every byte.
      if (verdict.confident || mostlyLegacy) {
        legacy = verdict.encoding;
        if (legacy === 'big5' || !verdict.confident) guessed = { code: 'text-encoding-guessed', path: [], params: { encoding: ENCODING_NAMES[legacy], evidence: verdict.evidence } };
      }
    } else {
      const legacyBytes = legacyLooking.reduce((n, l) => n + (l.end - l.start), 0);
      const refuse = verdict.known ? mostlyLegacy || legacyBytes * 5 >= scan.validMulti : mostlyLegacy && scan.invalid * 20 > size;
      if (refuse) return refusal('text-encoding-unsupported', { encoding: verdict.name, evidence: verdict.evidence });
    }
  }

  // Which lines are in the legacy encoding: in a file mostly in it, every line that does not look like UTF-8;
  // otherwise lines with invalid UTF-8. A line that could be either is read in the encoding that gives it more
  // common characters (ties go to the encoding of most of the file).
  const lines = scan.lines;
  const isLegacy = new Uint8Array(lines.length);
  if (legacy) {
    for (let k = 0; k < lines.length; k++) {
      const l = lines[k]!;
      if (mostlyLegacy ? l.invalid > l.validMulti : l.invalid === 0) {
        isLegacy[k] = mostlyLegacy ? 1 : 0;
        continue;
      }
      const raw = bytes.subarray(l.start, l.end);
      const cL = commonCount(lenient(raw, legacy));
      const cU = commonCount(lenient(raw, 'utf-8'));
      isLegacy[k] = cL > cU || (cL === cU && (mostlyLegacy || l.invalid > l.validMulti)) ? 1 : 0;
    }
  }

  // Read by runs of lines in one encoding (the ASCII lines between go with either), one decode per run.
  const pieces: string[] = [];
  const legacyLines: number[] = [];
  const utf8Lines: number[] = [];
  const repaired: ByteLine[] = [];
  const legacyDamaged: { line: number; offset: number; count: number }[] = [];
  let legacyBytes = 0;
  let utf8Bytes = 0;
  let runStart = bom;
  let runLegacy = false;
  let runFirst = 0;
  const endRun = (end: number, next: number) => {
    if (end > runStart) {
      const raw = bytes.subarray(runStart, end);
      let text = lenient(raw, runLegacy && legacy ? legacy : 'utf-8');
      if (runLegacy && legacy && text.includes('\ufffd')) {
        // Rare: bytes the legacy encoding cannot read either; find them line by line.
        for (let k = runFirst; k < next; k++) {
          const l = lines[k]!;
          if (!isLegacy[k]) continue;
          const count = countOf(lenient(bytes.subarray(l.start, l.end), legacy), '\ufffd');
          if (count > 0) legacyDamaged.push({ line: l.line, offset: l.start, count });
        }
      }
      if (text.includes('\0')) text = text.replace(/\0/g, '\ufffd');
      pieces.push(text);
    }
    runStart = end;
    runFirst = next;
  };
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    const inLegacy = isLegacy[k] === 1;
    if (inLegacy !== runLegacy) {
      endRun(l.start, k);
      runLegacy = inLegacy;
    }
    if (inLegacy) {
      legacyLines.push(l.line);
      legacyBytes += l.end - l.start;
    } else {
      if (l.invalid > 0) repaired.push(l);
      if (l.validMulti > 0) utf8Lines.push(l.line);
      utf8Bytes += l.end - l.start;
    }
  }
  endRun(bytes.length, lines.length);

  // The file's encoding is the one most of its non-ASCII bytes are in.
  const encoding: Encoding = legacy && legacyBytes > utf8Bytes ? legacy : 'utf-8';
  const warnings: Problem[] = [];
  if (guessed && encoding === legacy) warnings.push(guessed);
  if (legacy && legacyLines.length > 0 && utf8Lines.length > 0) {
    // The lines in the minority encoding are named.
    const [minority, name, other] = encoding === legacy ? [utf8Lines, 'UTF-8', ENCODING_NAMES[legacy]] : [legacyLines, ENCODING_NAMES[legacy], 'UTF-8'];
    warnings.push({ code: 'text-mixed-encoding', path: [], params: { encoding: name, other, lines: listLines(minority), lineCount: minority.length }, line: minority[0]! });
  }
  if (repaired.length > 0) {
    warnings.push(invalidBytesWarning('UTF-8', repaired.reduce((n, l) => n + l.invalid, 0), repaired.map((l) => l.line), repaired[0]!.firstInvalid));
  }
  const firstDamaged = legacyDamaged[0];
  if (legacy && firstDamaged) {
    const offset = firstDamaged.offset + firstLegacyError(bytes.subarray(firstDamaged.offset), legacy);
    warnings.push(invalidBytesWarning(ENCODING_NAMES[legacy], legacyDamaged.reduce((n, d) => n + d.count, 0), legacyDamaged.map((d) => d.line), offset));
  }
  if (!repair) {
    const damage = warnings.find((w) => w.code === 'text-invalid-bytes' || w.code === 'text-mixed-encoding');
    if (damage) return { ok: false, problem: damage };
  }
  return { ok: true, text: pieces.join(''), encoding, warnings };
}

/**
 * Offset within `raw` of the first byte the legacy decoder cannot read: fed one byte at a time, a fatal streaming
 * decoder throws at that byte. Looks at the first 64 KB only (the warning needs one offset, not a slow search).
 */
function firstLegacyError(raw: Uint8Array, encoding: string): number {
  const d = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const n = Math.min(raw.length, 64 * 1024);
  for (let i = 0; i < n; i++) {
    try {
      d.decode(raw.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return 0;
}
