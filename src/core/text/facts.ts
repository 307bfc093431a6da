/**
 * Numeric facts of a narrative: "区指挥部共启动应急响应 40 次" → { subject: 区指挥部共启动应急响应, value 40, unit 次 }.
 * The audit compares facts with the same subject and unit stated in two places; this only finds them. Pure.
 *
 * Skipped: dates (2022 年 9 月 29 日), years, list numbers, percentages of change (同比下降 20%), and figures
 * inside document titles 《…》 or codes.
 */
import { type Exact, toDecimalString } from '../exact.ts';
import { type NumberToken, scanNumbers } from './numbers.ts';
import { SENTENCE_REACH } from './reach.ts';

export interface NarrativeFact {
  /** The words before the number in its clause, trimmed of connectors: what the number counts. */
  readonly subject: string;
  readonly value: Exact;
  /** Value as printed (without a 万 multiplier), e.g. "1.29". */
  readonly printed: string;
  readonly unit: string;
  readonly multiplier?: '万' | '亿';
  readonly isApproximate: boolean;
  /** Offsets of the number in the text, and the clause it sits in. */
  readonly start: number;
  readonly end: number;
  readonly clause: string;
}

const DATE_UNITS = new Set(['年', '月', '日', '天', '周', '个月', '小时', '分', '级']);
/** Characters that end a clause, by code: the scan below asks of every character of a text, so a table, not a regex. */
const CLAUSE_BREAK = new Uint8Array(0x10000);
for (const c of '，,。；;！？、：:\n（）()') CLAUSE_BREAK[c.charCodeAt(0)] = 1;
const OPEN_TITLE = '《'.charCodeAt(0);
const LEADING = /^(?:[一二三四五六七八九十]是|其中|同时|另外|此外|以及|并且|并|且|共计|共|累计|合计|总计|全年|全区|全市|今年以来|年内|已|达到?|为|是|有|约|近|超过|均)+/;
const TRAILING = /(?:共计|共|累计|合计|总计|达到?|为|是|约|近|超过|逾|了|有)+$/;

/**
 * Every counted figure in `text` with its subject.
 *
 * One pass: the tokens come in order, so the clause start, the clause end and the open title 《 are carried along
 * instead of searched for again from each figure (a long text full of figures stays linear). A clause longer than
 * SENTENCE_REACH is cut to that many characters on each side of the figure.
 */
export function extractFacts(text: string, tokens: readonly NumberToken[] = scanNumbers(text)): NarrativeFact[] {
  const out: NarrativeFact[] = [];
  if (!tokens.length) return out;
  const hasTitles = text.includes('《');
  let scanned = 0;
  let lastBreak = -1;
  let lastOpen = -1;
  let closeOfOpen = -1;
  let nextBreak = -1;
  for (const t of tokens) {
    // Carry the last clause break and the last 《 up to this figure.
    for (; scanned < t.start; scanned++) {
      const c = text.charCodeAt(scanned);
      if (CLAUSE_BREAK[c]) lastBreak = scanned;
      else if (c === OPEN_TITLE) lastOpen = scanned;
    }
    if (!t.unit || t.unit === '%' || DATE_UNITS.has(t.unit)) continue;
    const after = text.slice(t.end, t.end + 2);
    if (/^[月日号]/.test(after)) continue;
    // A figure inside 《…》 is part of a title.
    if (hasTitles && lastOpen >= 0) {
      if (closeOfOpen < lastOpen) {
        const close = text.indexOf('》', lastOpen);
        closeOfOpen = close < 0 ? text.length : close;
      }
      if (closeOfOpen < text.length && closeOfOpen > t.start) continue;
    }
    const s = Math.max(lastBreak + 1, t.start - SENTENCE_REACH);
    const subject = text.slice(s, t.start).replace(/\s+/g, '').replace(LEADING, '').replace(TRAILING, '');
    if (subject.length < 2 || /^[\d.]+$/.test(subject)) continue;
    // "一是…", "1." list numbers are not facts.
    if (/^(?:第)$/.test(subject)) continue;
    if (nextBreak < t.end) {
      nextBreak = t.end;
      while (nextBreak < text.length && !CLAUSE_BREAK[text.charCodeAt(nextBreak)]) nextBreak++;
    }
    const e = Math.min(nextBreak, t.end + SENTENCE_REACH);
    const fact: { -readonly [K in keyof NarrativeFact]: NarrativeFact[K] } = {
      subject,
      value: t.value,
      printed: toDecimalString(t.printed, t.decimals),
      unit: t.unit,
      isApproximate: t.isApproximate,
      start: t.start,
      end: t.end,
      clause: text.slice(s, e),
    };
    if (t.multiplier) fact.multiplier = t.multiplier;
    out.push(fact);
  }
  return out;
}
