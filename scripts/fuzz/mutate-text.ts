/**
 * Mutations that know what the documents look like: lines that are table rows with tab-separated cells, headings
 * numbered "一、" "（二）" "3.", amounts in 元 or 万元, rates with %, Chinese punctuation and spaces. They work on a
 * string, so the same ones serve text files, HTML, DOCX/XLSX text nodes and cell values.
 */
import type { Mutated } from './mutate-bytes.ts';
import type { Rng } from './rng.ts';

type TextMutator = (rng: Rng, s: string, other: string) => Mutated<string>;

const NUMBER = /\d+(?:[.,]\d+)*/g;

/** Replaces one match of `re` (chosen at random among the first 20,000) with `fn(match)`; undefined when none. */
function replaceOne(rng: Rng, s: string, re: RegExp, fn: (m: string) => string): { value: string; from: string; to: string } | undefined {
  const hits: { i: number; m: string }[] = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = g.exec(s); m && hits.length < 20_000; m = g.exec(s)) {
    hits.push({ i: m.index, m: m[0] });
    if (m[0] === '') g.lastIndex++;
  }
  if (!hits.length) return undefined;
  const h = rng.pick(hits);
  const to = fn(h.m);
  return { value: s.slice(0, h.i) + to + s.slice(h.i + h.m.length), from: h.m, to };
}

const show = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}…` : s);

function lineBlock(rng: Rng, lines: readonly string[], max: number): [number, number] {
  const start = rng.int(lines.length);
  const n = Math.min(lines.length - start, rng.small(max));
  return [start, n];
}

/** Lines that look like table rows (two or more cells). */
function rowIndexes(lines: readonly string[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.includes('\t')) out.push(i);
  });
  return out;
}

const HEADING_MARKERS = ['一、', '二、', '三、', '十、', '（一）', '（二）', '(一)', '(3)', '1、', '2、', '1.', '2.1', '1.1.1', '①', '②', '第一部分', '第二章', '一.', '(1)', '（1）', 'Ⅰ、', 'A.', '一）', '1）', '十一、', '九十九、', '0、', '99999999999、', '（）', '、'];
const UNITS = ['元', '万元', '亿元', '千元', '%', '‰', '个', '人', '次', '万', '亿', '％', '萬元', '元/人', ''];
const SPACES = ['\u3000', '\u00a0', '\u2028', '\u2029', '\u200b', '\ufeff', ' ', '  ', '\t', '\r', '\v', '\f', '\u2003', '\u202f', '\u0085', '\r\n', ''];
const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const CHINESE_DIGITS = '〇一二三四五六七八九';
const DOMAIN_WORDS = ['合计', '小计', '总计', '预算执行率', '自评得分', '年初预算数', '全年预算数', '全年执行数', '调整预算', '单位：万元', '单位：元', '金额单位：万元', '（万元）', '得分', '分值', '权重', '年度', '2020年', '2023 年度', '部门整体支出绩效自评表', '绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '偏差原因', '项目支出', '基本支出', '政府采购', '≥', '≤', '>', '<', '=', '100%', '—', '-', '/', '／', '≥95%', '按时完成', '是', '否', '无', '0', '-0', '100', '%'];

function hugeNumber(rng: Rng): string {
  return rng.pick([
    () => '9'.repeat(rng.range(16, 400)),
    () => `${rng.range(1, 9)}${'0'.repeat(rng.range(15, 340))}.${'9'.repeat(rng.range(0, 50))}`,
    () => `0.${'0'.repeat(rng.range(10, 400))}1`,
    () => '1e308',
    () => '1e-400',
    () => `-${'9'.repeat(rng.range(16, 60))}`,
    () => '9007199254740993',
    () => '1,' + '000,'.repeat(rng.range(5, 60)) + '000',
    () => `${'1'.repeat(rng.range(1, 5))}.${'3'.repeat(rng.range(20, 200))}%`,
    () => 'Infinity',
    () => 'NaN',
  ])();
}

export const TEXT_MUTATORS: Readonly<Record<string, TextMutator>> = {
  shuffleRows(rng, s) {
    const lines = s.split('\n');
    const [start, n] = lineBlock(rng, lines, 30);
    const block = rng.shuffle(lines.slice(start, start + n));
    lines.splice(start, n, ...block);
    return { value: lines.join('\n'), note: `shuffle lines ${start + 1}–${start + n}` };
  },
  shuffleCells(rng, s) {
    const lines = s.split('\n');
    const rows = rowIndexes(lines);
    if (!rows.length) return { value: s, note: 'no row to shuffle' };
    const i = rng.pick(rows);
    lines[i] = rng.shuffle(lines[i]!.split('\t')).join('\t');
    return { value: lines.join('\n'), note: `shuffle cells of line ${i + 1}` };
  },
  repeatRows(rng, s) {
    const lines = s.split('\n');
    const [start, n] = lineBlock(rng, lines, 8);
    const block = lines.slice(start, start + n);
    // Now and then a document made very long (up to ~400 KB added): slow is fine, a hang or a crash is not.
    const size = block.reduce((k, l) => k + l.length + 1, 0) || 1;
    const times = rng.chance(0.03) ? Math.max(2, Math.min(rng.range(200, 3000), Math.floor(400_000 / size))) : rng.small(30);
    lines.splice(start + n, 0, ...Array.from({ length: times }, () => block).flat());
    return { value: lines.join('\n'), note: `repeat lines ${start + 1}–${start + n} ×${times}` };
  },
  dropLines(rng, s) {
    const lines = s.split('\n');
    const [start, n] = lineBlock(rng, lines, rng.chance(0.1) ? lines.length : 20);
    lines.splice(start, n);
    return { value: lines.join('\n'), note: `drop lines ${start + 1}–${start + n}` };
  },
  duplicateLines(rng, s) {
    const lines = s.split('\n');
    const [start, n] = lineBlock(rng, lines, 20);
    const to = rng.int(lines.length + 1);
    lines.splice(to, 0, ...lines.slice(start, start + n));
    return { value: lines.join('\n'), note: `copy lines ${start + 1}–${start + n} to ${to + 1}` };
  },
  mergeCells(rng, s) {
    const lines = s.split('\n');
    const rows = rowIndexes(lines);
    if (!rows.length) return { value: s, note: 'no row to merge' };
    const i = rng.pick(rows);
    const cells = lines[i]!.split('\t');
    const op = rng.pick(['join', 'split', 'empty', 'drop', 'spread'] as const);
    const at = rng.int(cells.length);
    if (op === 'join' && at + 1 < cells.length) cells.splice(at, 2, `${cells[at]}${cells[at + 1]}`);
    else if (op === 'split') {
      const c = cells[at]!;
      const k = rng.int(c.length + 1);
      cells.splice(at, 1, c.slice(0, k), c.slice(k));
    } else if (op === 'empty') cells.splice(at, 0, ...Array.from({ length: rng.small(12) }, () => ''));
    else if (op === 'drop') cells.splice(at, 1);
    else cells.splice(at, 1, cells[at]!, ...Array.from({ length: rng.small(6) }, () => cells[at]!));
    lines[i] = cells.join('\t');
    return { value: lines.join('\n'), note: `${op} cell ${at + 1} of line ${i + 1}` };
  },
  numbering(rng, s) {
    const r = replaceOne(rng, s, /(?:^|\n)(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+(?:\.\d+)*[、.．]|[①-⑳])/g, (m) => `${m.startsWith('\n') ? '\n' : ''}${rng.pick(HEADING_MARKERS)}`);
    return r ? { value: r.value, note: `numbering ${show(r.from)} → ${show(r.to)}` } : { value: s, note: 'no numbering' };
  },
  digits(rng, s) {
    const op = rng.pick(['change', 'lengthen', 'shorten', 'decimals', 'negate', 'separators', 'point'] as const);
    const r = replaceOne(rng, s, NUMBER, (m) => {
      switch (op) {
        case 'change': {
          const i = rng.int(m.length);
          return /\d/.test(m[i]!) ? m.slice(0, i) + String(rng.int(10)) + m.slice(i + 1) : m;
        }
        case 'lengthen': {
          const i = rng.int(m.length + 1);
          return m.slice(0, i) + Array.from({ length: rng.small(12) }, () => String(rng.int(10))).join('') + m.slice(i);
        }
        case 'shorten':
          return m.slice(0, Math.max(0, m.length - rng.small(m.length)));
        case 'decimals':
          return `${m}${m.includes('.') ? '' : '.'}${Array.from({ length: rng.small(20) }, () => String(rng.int(10))).join('')}`;
        case 'negate':
          return rng.pick(['-', '－', '−', '(', '–']) + m;
        case 'separators':
          return m.replace(/\B(?=(\d{3})+(?!\d))/g, rng.pick([',', '，', ' ', '\u00a0', '\'']));
        case 'point':
          return m.replace('.', rng.pick(['', '..', '。', '．', ',', '·']));
      }
    });
    return r ? { value: r.value, note: `digits.${op} ${show(r.from)} → ${show(r.to)}` } : { value: s, note: 'no number' };
  },
  units(rng, s) {
    const r = replaceOne(rng, s, /万元|亿元|元|%|％|个|人/g, () => rng.pick(UNITS));
    return r ? { value: r.value, note: `unit ${show(r.from)} → ${show(r.to)}` } : { value: s, note: 'no unit' };
  },
  hugeNumber(rng, s) {
    const r = replaceOne(rng, s, NUMBER, () => hugeNumber(rng));
    return r ? { value: r.value, note: `huge number ${show(r.from)} → ${show(r.to)}` } : { value: s, note: 'no number' };
  },
  whitespace(rng, s) {
    const to = rng.pick(SPACES);
    const all = rng.chance(0.2);
    const re = rng.pick([/\t/g, / /g, /\n/g, /：/g, /、/g, /(?<=\d)(?=[万元%])/g, /(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g]);
    if (all) {
      const value = s.replace(re, to);
      return { value, note: `whitespace: every ${re.source} → ${show(to)}` };
    }
    const r = replaceOne(rng, s, re, () => to);
    return r ? { value: r.value, note: `whitespace ${show(r.from)} → ${show(to)}` } : { value: s, note: 'no place for whitespace' };
  },
  fullWidth(rng, s) {
    const r = replaceOne(rng, s, /[^\n]{1,200}/g, (m) =>
      m.replace(/[0-9.%]/g, (c) => (c === '.' ? '．' : c === '%' ? '％' : rng.chance(0.5) ? FULL_WIDTH_DIGITS[Number(c)]! : CHINESE_DIGITS[Number(c)]!)),
    );
    return r ? { value: r.value, note: `full-width or Chinese digits in ${show(r.from)}` } : { value: s, note: 'empty' };
  },
  insertWords(rng, s) {
    const n = rng.small(8);
    let v = s;
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const w = rng.pick(DOMAIN_WORDS);
      const at = rng.int(v.length + 1);
      v = v.slice(0, at) + (rng.chance(0.3) ? '\t' : '') + w + v.slice(at);
      words.push(w);
    }
    return { value: v, note: `insert ${words.map(show).join(' ')}` };
  },
  deleteChars(rng, s) {
    const r = replaceOne(rng, s, /[：:%％。，、（）()\t年度]/g, () => '');
    return r ? { value: r.value, note: `delete ${show(r.from)}` } : { value: s, note: 'nothing to delete' };
  },
  splice(rng, s, other) {
    const a = s.split('\n');
    const b = other.split('\n');
    const [start, n] = lineBlock(rng, b, 60);
    const at = rng.int(a.length + 1);
    a.splice(at, rng.chance(0.5) ? rng.small(20) : 0, ...b.slice(start, start + n));
    return { value: a.join('\n'), note: `splice ${n} line(s) of another seed at line ${at + 1}` };
  },
  controlChars(rng, s) {
    const c = rng.pick(['\u0000', '\u0001', '\u001b', '\ud800', '\udfff', '\uffff', '\ufffd', '\u202e', '\u0300', '𠀀', '\u{10ffff}']);
    const at = rng.int(s.length + 1);
    return { value: s.slice(0, at) + c.repeat(rng.small(20)) + s.slice(at), note: `insert ${show(c)} at ${at}` };
  },
  longLine(rng, s) {
    const lines = s.split('\n');
    const i = rng.int(lines.length);
    const cells = rng.chance(0.5);
    lines[i] = Array.from({ length: rng.range(200, 5000) }, () => rng.pick(DOMAIN_WORDS)).join(cells ? '\t' : '');
    return { value: lines.join('\n'), note: `long line ${i + 1} (${cells ? 'cells' : 'words'})` };
  },
};

const TEXT_WEIGHTS: readonly (readonly [string, number])[] = [
  ['shuffleRows', 2],
  ['shuffleCells', 2],
  ['repeatRows', 2],
  ['dropLines', 2],
  ['duplicateLines', 2],
  ['mergeCells', 3],
  ['numbering', 2],
  ['digits', 5],
  ['units', 3],
  ['hugeNumber', 2],
  ['whitespace', 3],
  ['fullWidth', 1],
  ['insertWords', 2],
  ['deleteChars', 2],
  ['splice', 1],
  ['controlChars', 1],
  ['longLine', 0.3],
];

/** One structure-aware text mutation chosen at random; `other` is another seed's text, for splicing. */
export function mutateText(rng: Rng, s: string, other: string): Mutated<string> {
  const name = rng.weighted(TEXT_WEIGHTS);
  const r = TEXT_MUTATORS[name]!(rng, s, other);
  return { value: r.value, note: `text.${name}: ${r.note}` };
}

/**
 * Mutations for a short piece of text (a DOCX run, an XLSX cell or shared string): those that change numbers,
 * units, whitespace and words, not lines.
 */
export function mutateSnippet(rng: Rng, s: string): Mutated<string> {
  const name = rng.weighted<string>([
    ['digits', 5],
    ['units', 3],
    ['hugeNumber', 2],
    ['whitespace', 3],
    ['fullWidth', 1],
    ['insertWords', 2],
    ['deleteChars', 2],
    ['controlChars', 1],
    ['numbering', 1],
  ]);
  const r = TEXT_MUTATORS[name]!(rng, s, '');
  return { value: r.value, note: `${name}: ${r.note}` };
}
