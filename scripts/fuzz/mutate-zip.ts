/**
 * DOCX and XLSX: the package is unzipped (fflate), the XML of a part mutated, and the package zipped again, so a
 * mutation reaches the XML reader and the extractors instead of dying at the ZIP checksum. Package-level
 * mutations too (a part dropped, stored instead of deflated, relationships broken), and Word list numbering
 * (numbering.xml) added with odd formats, so the numbering code is reached.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { type XmlVocabulary, mergeDocx, mergeXlsx, mutateXml } from './mutate-xml.ts';
import type { Mutated } from './mutate-bytes.ts';
import type { Rng } from './rng.ts';

type Parts = Record<string, Uint8Array>;

const DOCX_VOCAB: XmlVocabulary = { blocks: ['w:tr', 'w:tc', 'w:p', 'w:r', 'w:tbl'], texts: ['w:t'], merge: mergeDocx };
const SHEET_VOCAB: XmlVocabulary = { blocks: ['row', 'c'], texts: ['v', 'is'], merge: mergeXlsx };
const STRINGS_VOCAB: XmlVocabulary = { blocks: ['si', 'r'], texts: ['t'] };
const NUMBERING_VOCAB: XmlVocabulary = { blocks: ['w:abstractNum', 'w:num', 'w:lvl', 'w:style'], texts: ['w:t'] };
const OTHER_VOCAB: XmlVocabulary = { blocks: ['Relationship', 'sheet', 'xf', 'numFmt', 'w:style', 'Override', 'Default'], texts: ['t'] };

const NUM_FORMATS = ['decimal', 'chineseCounting', 'chineseCountingThousand', 'ideographTraditional', 'ideographZodiac', 'japaneseCounting', 'decimalEnclosedCircle', 'decimalEnclosedCircleChinese', 'decimalFullWidth', 'upperRoman', 'lowerRoman', 'upperLetter', 'lowerLetter', 'bullet', 'none', 'decimalZero', 'ordinal', 'cardinalText', 'taiwaneseCountingThousand', 'bogus', ''];
const LVL_TEXTS = ['%1、', '（%1）', '(%1)', '%1.', '%1.%2', '%1.%2.%3', '第%1部分', '%1', '%2', '%9', '%0', '%10', '%%1', '', '%1.%2.%3.%4.%5.%6.%7.%8.%9', '', '一、', '%1、%1、%1、%1、%1、%1、%1、%1、%1、%1、'];
const STARTS = ['1', '0', '2', '-1', '10000', '10001', '99999999999', 'x', ''];

/** A numbering.xml with a few lists of random levels (formats, texts, starts, restarts, overrides, style links). */
function numberingXml(rng: Rng): { xml: string; numIds: number[] } {
  const abstracts = rng.small(4);
  let xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">';
  for (let a = 0; a < abstracts; a++) {
    xml += `<w:abstractNum w:abstractNumId="${a}">`;
    if (rng.chance(0.1)) xml += `<w:numStyleLink w:val="${rng.pick(['List1', 'Heading1', 'TextBody', 'x'])}"/>`;
    const levels = rng.range(1, 10);
    for (let l = 0; l < levels; l++) {
      const ilvl = rng.chance(0.9) ? l : rng.pick([-1, 9, 100, l]);
      xml += `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${rng.pick(STARTS)}"/><w:numFmt w:val="${rng.pick(NUM_FORMATS)}"${rng.chance(0.1) ? ' w:format="001, 002, 003, ..."' : ''}/>`;
      if (rng.chance(0.2)) xml += `<w:lvlRestart w:val="${rng.pick(['0', '1', '5', '-3', '99'])}"/>`;
      if (rng.chance(0.1)) xml += `<w:pStyle w:val="${rng.pick(['Heading1', 'TextBody', 'TableContents'])}"/>`;
      if (rng.chance(0.1)) xml += '<w:isLgl/>';
      xml += `<w:suff w:val="${rng.pick(['tab', 'space', 'nothing', 'x'])}"/><w:lvlText w:val="${rng.pick(LVL_TEXTS)}"/></w:lvl>`;
    }
    xml += '</w:abstractNum>';
  }
  const numIds: number[] = [];
  const nums = rng.range(1, 6);
  for (let n = 1; n <= nums; n++) {
    numIds.push(n);
    xml += `<w:num w:numId="${n}"><w:abstractNumId w:val="${rng.chance(0.9) ? rng.int(abstracts) : rng.pick([-1, 99])}"/>`;
    if (rng.chance(0.3)) xml += `<w:lvlOverride w:ilvl="${rng.int(9)}"><w:startOverride w:val="${rng.pick(STARTS)}"/></w:lvlOverride>`;
    xml += '</w:num>';
  }
  return { xml: `${xml}</w:numbering>`, numIds };
}

/** Adds Word list numbering: numbering.xml, its relationship, and w:numPr on some paragraphs (their typed "一、" removed). */
function addNumbering(rng: Rng, parts: Parts): string {
  const doc = parts['word/document.xml'];
  if (!doc) return 'no document.xml';
  const { xml, numIds } = numberingXml(rng);
  parts['word/numbering.xml'] = strToU8(xml);
  const relsName = 'word/_rels/document.xml.rels';
  const rels = parts[relsName] ? strFromU8(parts[relsName]) : '';
  if (rels && !rels.includes('/numbering"')) {
    parts[relsName] = strToU8(rels.replace('</Relationships>', '<Relationship Id="rIdFuzzNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>'));
  }
  const text = strFromU8(doc);
  const paragraphs = [...text.matchAll(/<w:p>(?:<w:pPr>)?/g)];
  const share = rng.pick([0.05, 0.2, 0.6, 1]);
  let count = 0;
  // One pass, in chunks (why: rebuilding the whole string per paragraph is quadratic on a long document).
  const out: string[] = [];
  let at = 0;
  for (const p of paragraphs) {
    if (!rng.chance(share)) continue;
    const numId = rng.chance(0.9) ? rng.pick(numIds) : rng.pick([0, 99, -1]);
    const numPr = `<w:numPr><w:ilvl w:val="${rng.chance(0.9) ? rng.int(3) : rng.pick([9, -1, 1000])}"/><w:numId w:val="${numId}"/></w:numPr>`;
    const end = p.index + p[0].length;
    out.push(text.slice(at, end), p[0] === '<w:p>' ? `<w:pPr>${numPr}</w:pPr>` : numPr);
    at = end;
    if (rng.chance(0.5)) {
      // The typed "一、" goes, so the generated label takes its place (as in a document Word numbered).
      const close = text.indexOf('</w:p>', at);
      const body = text.slice(at, close < 0 ? text.length : close);
      const stripped = body.replace(/(<w:t(?:\s[^>]*)?>)(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.])/, '$1');
      out.push(stripped);
      at += body.length;
    }
    count++;
  }
  out.push(text.slice(at));
  parts['word/document.xml'] = strToU8(out.join(''));
  return `numbering.xml added, ${count} of ${paragraphs.length} paragraph(s) numbered`;
}

/** XLSX cell types and values: t="s" ↔ n/str/inlineStr/b/e, shared-string indexes out of range, odd cell references. */
function cellTypes(rng: Rng, xml: string): Mutated<string> {
  const cells = [...xml.matchAll(/<c ([^>]*?)(\/?)>/g)];
  if (!cells.length) return { value: xml, note: 'no cell' };
  const n = rng.chance(0.3) ? rng.small(100) : 1;
  let v = xml;
  const notes: string[] = [];
  for (const c of [...new Set(Array.from({ length: n }, () => rng.pick(cells)))].sort((a, b) => b.index - a.index)) {
    let attrs = c[1]!;
    const op = rng.pick(['type', 'ref', 'style', 'index', 'formula'] as const);
    let after = '';
    if (op === 'type') attrs = attrs.replace(/\s?t="[^"]*"/, '') + ` t="${rng.pick(['s', 'n', 'str', 'inlineStr', 'b', 'e', 'd', 'x'])}"`;
    else if (op === 'ref') attrs = attrs.replace(/r="[^"]*"/, rng.chance(0.2) ? '' : `r="${rng.pick(COL_REFS)}${rng.pick(ROW_REFS)}"`);
    else if (op === 'style') attrs = attrs.replace(/\s?s="[^"]*"/, '') + ` s="${rng.pick(['0', '1', '2', '3', '99', '-1', 'x'])}"`;
    else if (op === 'formula') after = `<f>${rng.pick(['SUM(A1:A9)', 'C2/B2', '1/0', ''])}</f>`;
    if (op === 'index') {
      const at = v.indexOf('<v>', c.index);
      if (at > 0 && at < c.index + c[0].length + 5) {
        const end = v.indexOf('</v>', at);
        v = `${v.slice(0, at + 3)}${rng.pick(['-1', '99999', '4294967296', '1.5', '', 'x', '0'])}${v.slice(end)}`;
      }
      notes.push('index');
      continue;
    }
    v = `${v.slice(0, c.index)}<c ${attrs}${c[2]}>${c[2] ? '' : after}${v.slice(c.index + c[0].length)}`;
    notes.push(op);
  }
  return { value: v, note: `cells ${notes.slice(0, 6).join(',')}${notes.length > 6 ? `… (${notes.length})` : ''}` };
}

const COL_REFS = ['A', 'B', 'C', 'F', 'Z', 'AA', 'XFD', 'XFE', 'ZZZZZ', '', 'a', '1'];
const ROW_REFS = ['1', '2', '5', '0', '-1', '1048576', '1048577', '99999999999', '', 'A'];

/** The XML parts worth mutating in this package, each with the vocabulary of its elements and a weight. */
function targets(parts: Parts, kind: 'docx' | 'xlsx'): (readonly [string, number])[] {
  const names = Object.keys(parts);
  if (kind === 'docx') {
    return names.filter((n) => n.endsWith('.xml') || n.endsWith('.rels')).map((n) => [n, n === 'word/document.xml' ? 20 : n === 'word/numbering.xml' ? 4 : n === 'word/styles.xml' ? 2 : 0.5] as const);
  }
  return names
    .filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))
    .map((n) => [n, n.startsWith('xl/worksheets/') ? 8 : n === 'xl/sharedStrings.xml' ? 6 : n === 'xl/workbook.xml' || n === 'xl/styles.xml' ? 1.5 : 0.5] as const);
}

function vocabFor(name: string): XmlVocabulary {
  if (name.startsWith('word/')) return name === 'word/document.xml' ? DOCX_VOCAB : NUMBERING_VOCAB;
  if (name.startsWith('xl/worksheets/')) return SHEET_VOCAB;
  if (name === 'xl/sharedStrings.xml') return STRINGS_VOCAB;
  return OTHER_VOCAB;
}

function packageMutation(rng: Rng, parts: Parts, kind: 'docx' | 'xlsx'): string {
  const names = Object.keys(parts);
  const op = rng.pick(['drop', 'rename', 'utf16', 'bom', 'empty', 'extra'] as const);
  const name = rng.pick(names);
  switch (op) {
    case 'drop':
      delete parts[name];
      return `drop part ${name}`;
    case 'rename':
      parts[name.replace(/\.xml$/, rng.pick(['.XML', '2.xml', '.xm']))] = parts[name]!;
      delete parts[name];
      return `rename part ${name}`;
    case 'utf16': {
      // A legal but unusual encoding: the XML as UTF-16LE with a BOM (its declaration says so).
      const text = strFromU8(parts[name]!).replace(/encoding="[^"]*"/, 'encoding="UTF-16"');
      parts[name] = new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));
      return `part ${name} as UTF-16`;
    }
    case 'bom':
      parts[name] = new Uint8Array([0xef, 0xbb, 0xbf, ...parts[name]!]);
      return `UTF-8 BOM before ${name}`;
    case 'empty':
      parts[name] = new Uint8Array(0);
      return `empty part ${name}`;
    default: {
      const extra = kind === 'docx' ? 'word/document2.xml' : 'xl/worksheets/sheet99.xml';
      const from = kind === 'docx' ? 'word/document.xml' : (names.find((n) => n.startsWith('xl/worksheets/')) ?? name);
      if (parts[from]) parts[extra] = parts[from]!;
      return `copy ${from} as ${extra}`;
    }
  }
}

/** Mutates a DOCX or XLSX: 1–4 mutations inside the package, then zipped again (sometimes stored, not deflated). */
export function mutatePackage(rng: Rng, bytes: Uint8Array, kind: 'docx' | 'xlsx', steps: number): Mutated<Uint8Array> & { notes: string[] } {
  const parts: Parts = unzipSync(bytes);
  const notes: string[] = [];
  for (let s = 0; s < steps; s++) {
    const r = rng.float();
    if (kind === 'docx' && r < 0.1) notes.push(`docx.${addNumbering(rng, parts)}`);
    else if (r < 0.15) notes.push(`package.${packageMutation(rng, parts, kind)}`);
    else {
      const list = targets(parts, kind).filter(([n]) => parts[n]);
      if (!list.length) continue;
      const name = rng.weighted(list);
      const xml = strFromU8(parts[name]!);
      const m = kind === 'xlsx' && name.startsWith('xl/worksheets/') && rng.chance(0.25) ? cellTypes(rng, xml) : mutateXml(rng, xml, vocabFor(name));
      parts[name] = strToU8(m.value);
      notes.push(`${name}: ${m.note}`);
    }
  }
  const level = rng.chance(0.3) ? 0 : 6;
  const zipped = zipSync(parts as Zippable, { level });
  return { value: zipped, note: notes.join(' | '), notes: [...notes, `zip level ${level}`] };
}
