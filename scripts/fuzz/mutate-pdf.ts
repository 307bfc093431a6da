/**
 * PDF mutations that reach pdf.js and the line/table rebuilding instead of dying at a broken stream: the file's
 * objects are read, their Flate streams inflated, the page content (text positions, glyph codes, table rules),
 * the ToUnicode maps (which character a glyph means) or an object's dictionary mutated, and the file written
 * again with correct lengths and a fresh cross-reference table (sometimes left stale on purpose).
 */
import { unzlibSync, zlibSync } from 'fflate';
import { concat, type Mutated } from './mutate-bytes.ts';
import type { Rng } from './rng.ts';

interface PdfObject {
  readonly num: number;
  readonly gen: number;
  dict: string;
  /** Raw (still encoded) stream bytes; absent for an object without a stream. */
  raw?: Uint8Array;
  /** Inflated stream, when the stream is Flate and inflates. */
  data?: Uint8Array;
  changed?: boolean;
}

interface Pdf {
  readonly header: string;
  readonly objects: PdfObject[];
  readonly trailer: string;
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

/** The objects of a classic (non-object-stream) PDF; undefined when the file does not look like one. */
export function parsePdf(bytes: Uint8Array): Pdf | undefined {
  const text = latin1(bytes);
  const header = /^[^\n]*%PDF-[\d.]+/.exec(text)?.[0];
  if (!header) return undefined;
  const objects: PdfObject[] = [];
  const re = /(\d+)\s+(\d+)\s+obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const end = text.indexOf('endobj', bodyStart);
    if (end < 0) break;
    const body = text.slice(bodyStart, end);
    const s = /\bstream\r?\n/.exec(body);
    const obj: PdfObject = { num: Number(m[1]), gen: Number(m[2]), dict: s ? body.slice(0, s.index).trim() : body.trim() };
    if (s) {
      const dataStart = bodyStart + s.index + s[0].length;
      let dataEnd = text.lastIndexOf('endstream', end);
      if (text[dataEnd - 1] === '\n') dataEnd--;
      if (text[dataEnd - 1] === '\r') dataEnd--;
      obj.raw = bytes.slice(dataStart, Math.max(dataStart, dataEnd));
      if (/\/FlateDecode/.test(obj.dict) && !/\/DecodeParms/.test(obj.dict)) {
        try {
          obj.data = unzlibSync(obj.raw);
        } catch {
          // Left encoded: mutated as raw bytes only.
        }
      }
    }
    objects.push(obj);
    re.lastIndex = end + 6;
  }
  const t = text.lastIndexOf('trailer');
  const trailer = t >= 0 ? (/<<[\s\S]*?>>\s*(?=startxref)/.exec(text.slice(t))?.[0] ?? '') : '';
  return objects.length ? { header, objects, trailer } : undefined;
}

/** The file again: objects in their order, direct /Length, a new xref table (unless `staleXref`). */
export function writePdf(pdf: Pdf, staleXref: boolean): Uint8Array {
  const chunks: Uint8Array[] = [bytesOf(`${pdf.header}\n%\xe2\xe3\xcf\xd3\n`)];
  let pos = chunks[0]!.length;
  const offsets = new Map<number, number>();
  for (const o of pdf.objects) {
    let stream: Uint8Array | undefined = o.raw;
    let dict = o.dict;
    if (o.changed && o.data) stream = zlibSync(o.data, { level: 1 });
    if (stream) dict = dict.replace(/\/Length\s+\d+(?:\s+\d+\s+R)?/, `/Length ${stream.length}`);
    const head = bytesOf(`${o.num} ${o.gen} obj\n${dict}\n${stream ? 'stream\n' : ''}`);
    const tail = bytesOf(stream ? '\nendstream\nendobj\n' : 'endobj\n');
    // A later object with the same number wins, as an incremental update would.
    offsets.set(o.num, pos);
    const parts = stream ? [head, stream, tail] : [head, tail];
    for (const p of parts) {
      chunks.push(p);
      pos += p.length;
    }
  }
  const size = Math.max(0, ...offsets.keys()) + 1;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let i = 1; i < size; i++) {
    const at = offsets.get(i);
    // Stale: every offset shifted, as after a careless edit; pdf.js must rebuild the table by scanning.
    xref += at === undefined ? '0000000000 65535 f \n' : `${String(staleXref ? at + 7 : at).padStart(10, '0')} 00000 n \n`;
  }
  const trailer = pdf.trailer.replace(/\/Size\s+\d+/, `/Size ${size}`).replace(/\/Prev\s+\d+/, '') || `<</Size ${size}>>`;
  chunks.push(bytesOf(`${xref}trailer\n${trailer}\nstartxref\n${pos}\n%%EOF\n`));
  return concat(...chunks);
}

type Kind = 'content' | 'cmap' | 'font' | 'other';

function kindOf(o: PdfObject): Kind {
  if (!o.data) return 'other';
  if (/\/Length1|\/Length2|\/Subtype\s*\/(?:Type1C|CIDFontType0C|OpenType)/.test(o.dict)) return 'font';
  const head = latin1(o.data.subarray(0, 2000));
  if (head.includes('begincmap')) return 'cmap';
  if (/\bBT\b|\bre\b|\bTd\b/.test(head)) return 'content';
  return 'other';
}

const UNICODE_TARGETS = ['0030', '0031', '0035', '0039', 'FF10', 'FF11', 'FF19', '3000', '00A0', '2028', '2029', '200B', 'FEFF', '4E07', '5143', '0025', 'FF05', '002E', 'FF0E', '002C', '0009', '000A', '0000', 'D800', 'FFFF', '00300030', '4E074E07', '0020'];

/** Content stream mutations: positions, deleted/duplicated/shuffled blocks, rules removed or added, glyphs, text state. */
function mutateContent(rng: Rng, s: string): { value: string; note: string } {
  const op = rng.weighted<string>([
    ['numbers', 4],
    ['dropLines', 2],
    ['shuffleBlocks', 2],
    ['repeatBlock', 1],
    ['dropRules', 2],
    ['addRules', 2],
    ['glyphs', 3],
    ['textState', 2],
  ]);
  const lines = s.split('\n');
  switch (op) {
    case 'numbers': {
      const nums = [...s.matchAll(/-?\d+\.?\d*/g)];
      if (!nums.length) return { value: s, note: 'no number' };
      const n = rng.small(60);
      const scale = rng.pick([0.5, 3, 20, 200, 1e6]);
      let v = s;
      for (const m of [...new Set(Array.from({ length: n }, () => rng.pick(nums)))].sort((a, b) => b.index - a.index)) {
        const x = Number(m[0]) + (rng.float() * 2 - 1) * scale;
        v = v.slice(0, m.index) + (Number.isInteger(Number(m[0])) && scale < 1 ? m[0] : x.toFixed(rng.int(4))) + v.slice(m.index + m[0].length);
      }
      return { value: v, note: `move ${n} operand(s) by up to ±${scale}` };
    }
    case 'dropLines': {
      const n = rng.small(200);
      const at = rng.int(lines.length);
      lines.splice(at, n);
      return { value: lines.join('\n'), note: `drop ${n} content line(s) at ${at}` };
    }
    case 'shuffleBlocks': {
      const blocks = s.split(/(?<=\nQ)\n/);
      const at = rng.int(blocks.length);
      const n = Math.min(blocks.length - at, rng.small(40));
      blocks.splice(at, n, ...rng.shuffle(blocks.slice(at, at + n)));
      return { value: blocks.join('\n'), note: `shuffle ${n} q…Q block(s) at ${at}` };
    }
    case 'repeatBlock': {
      const blocks = s.split(/(?<=\nQ)\n/);
      const at = rng.int(blocks.length);
      // At most ~2 MB added (a block may be the whole stream when it has no q…Q structure).
      const times = Math.max(1, Math.min(rng.small(rng.chance(0.1) ? 2000 : 10), Math.floor(2_000_000 / (blocks[at]!.length || 1))));
      blocks.splice(at, 0, ...Array.from({ length: times }, () => blocks[at]!));
      return { value: blocks.join('\n'), note: `repeat q…Q block ${at} ×${times}` };
    }
    case 'dropRules': {
      const all = rng.chance(0.3);
      let dropped = 0;
      const v = s.replace(/q [\d.]+ w 0 J 1 j\n[-\d.]+ [-\d.]+ m\n[-\d.]+ [-\d.]+ l S\nQ\n?/g, (m) => (all || rng.chance(0.3) ? (dropped++, '') : m));
      return { value: v, note: `drop ${dropped} rule(s)${all ? ' (all)' : ''}` };
    }
    case 'addRules': {
      const n = rng.small(80);
      let add = '';
      for (let i = 0; i < n; i++) {
        const x = rng.range(0, 600);
        const y = rng.range(0, 850);
        const r = rng.float();
        if (r < 0.4) add += `q 0.75 w 0 J 1 j\n${x} ${y} m\n${x} ${rng.range(0, 850)} l S\nQ\n`;
        else if (r < 0.8) add += `q 0.75 w 0 J 1 j\n${x} ${y} m\n${rng.range(0, 600)} ${y} l S\nQ\n`;
        else add += `${x} ${y} ${rng.range(-50, 600)} ${rng.range(-50, 800)} re f\n`;
      }
      return { value: rng.chance(0.5) ? add + s : s + '\n' + add, note: `add ${n} rule(s)/rectangle(s)` };
    }
    case 'glyphs': {
      const shows = [...s.matchAll(/<([0-9A-Fa-f]+)>/g)];
      if (!shows.length) return { value: s, note: 'no glyph string' };
      const codes = [...new Set(shows.flatMap((m) => m[1]!.match(/../g) ?? []))];
      const n = rng.small(30);
      let v = s;
      for (const m of [...new Set(Array.from({ length: n }, () => rng.pick(shows)))].sort((a, b) => b.index - a.index)) {
        const hex = m[1]!.match(/../g) ?? [];
        const i = rng.int(hex.length);
        const c = rng.float();
        if (c < 0.6) hex[i] = rng.pick(codes);
        else if (c < 0.8) hex.splice(i, 0, ...Array.from({ length: rng.small(20) }, () => rng.pick(codes)));
        else hex.splice(i, 1);
        v = `${v.slice(0, m.index)}<${hex.join('')}>${v.slice(m.index + m[0].length)}`;
      }
      return { value: v, note: `change glyphs in ${n} string(s)` };
    }
    default: {
      const ops = ['0 1 -1 0 0 0 Tm', '1 0 0.5 1 0 0 Tm', '-1 0 0 -1 500 700 Tm', '200 Tz', '5 Tz', '20 Tc', '-3 Tc', '50 Tw', '3 Tr', '7 Ts', '0.001 0 0 0.001 0 0 cm', '1 0 0 1 0 -400 cm', '0 0 0 0 0 0 Tm'];
      const o = rng.pick(ops);
      let count = 0;
      const v = s.replace(/BT\n/g, (m) => (rng.chance(0.1) ? (count++, `${m}${o}\n`) : m));
      return { value: v, note: `insert "${o}" in ${count} text block(s)` };
    }
  }
}

function mutateCmap(rng: Rng, s: string): { value: string; note: string } {
  const maps = [...s.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>(?!\s*<)/g)];
  if (!maps.length || rng.chance(0.1)) {
    const v = rng.chance(0.5) ? s.replace(/begincmap[\s\S]*?endcmap/, 'begincmap\nendcmap') : s.replace(/\d+ beginbf(char|range)/, (_, k: string) => `${rng.pick(['0', '99999', '-1'])} beginbf${k}`);
    return { value: v, note: 'ToUnicode map emptied or its count changed' };
  }
  const n = rng.small(20);
  let v = s;
  const to: string[] = [];
  for (const m of [...new Set(Array.from({ length: n }, () => rng.pick(maps)))].sort((a, b) => b.index - a.index)) {
    const u = rng.pick(UNICODE_TARGETS);
    to.push(u);
    const at = m.index + m[0].lastIndexOf('<') + 1;
    v = v.slice(0, at) + u + v.slice(at + m[2]!.length);
  }
  return { value: v, note: `ToUnicode: ${to.length} glyph(s) now mean U+${to.slice(0, 5).join(' U+')}${to.length > 5 ? ' …' : ''}` };
}

function mutateDict(rng: Rng, pdf: Pdf): string {
  const pages = pdf.objects.filter((o) => /\/Type\s*\/Page\b/.test(o.dict));
  const tree = pdf.objects.find((o) => /\/Type\s*\/Pages\b/.test(o.dict));
  const op = rng.pick(['mediabox', 'rotate', 'kidsLoop', 'count', 'contentsMissing', 'resources'] as const);
  const page = pages.length ? rng.pick(pages) : undefined;
  if (op === 'mediabox' && page) {
    const box = rng.pick(['[0 0 0 0]', '[0 0 -595 -842]', '[0 0 99999999 99999999]', '[0 0 595]', '[595 842 0 0]', '[0 0 1e308 1]']);
    page.dict = /\/MediaBox/.test(page.dict) ? page.dict.replace(/\/MediaBox\s*\[[^\]]*\]/, `/MediaBox${box}`) : page.dict.replace('<<', `<</MediaBox${box}`);
    return `page ${page.num} MediaBox ${box}`;
  }
  if (op === 'rotate' && page) {
    const r = rng.pick(['90', '180', '270', '45', '-90', '99999']);
    page.dict = page.dict.replace('<<', `<</Rotate ${r}`);
    return `page ${page.num} Rotate ${r}`;
  }
  if (op === 'kidsLoop' && tree) {
    tree.dict = tree.dict.replace(/\/Kids\s*\[/, `/Kids[${tree.num} 0 R `);
    return `page tree ${tree.num} lists itself as a kid`;
  }
  if (op === 'count' && tree) {
    const c = rng.pick(['0', '-1', '99999999', '1']);
    tree.dict = tree.dict.replace(/\/Count\s+\d+/, `/Count ${c}`);
    return `page count ${c}`;
  }
  if (op === 'contentsMissing' && page) {
    page.dict = page.dict.replace(/\/Contents\s+\d+\s+\d+\s+R/, `/Contents ${rng.pick(['9999 0 R', '[]', 'null', `${page.num} 0 R`])}`);
    return `page ${page.num} contents broken`;
  }
  if (page) {
    page.dict = page.dict.replace(/\/Resources\s+\d+\s+\d+\s+R/, '/Resources<<>>');
    return `page ${page.num} resources emptied`;
  }
  return 'no page';
}

/** Mutates a PDF: `steps` structure-aware mutations, then the file written again. Raw byte mutations are elsewhere. */
export function mutatePdf(rng: Rng, bytes: Uint8Array, steps: number): Mutated<Uint8Array> & { notes: string[] } {
  const pdf = parsePdf(bytes);
  if (!pdf) return { value: bytes, note: 'not a classic PDF', notes: ['pdf: not a classic PDF (unchanged)'] };
  const notes: string[] = [];
  const byKind = (k: Kind) => pdf.objects.filter((o) => kindOf(o) === k);
  for (let s = 0; s < steps; s++) {
    const what = rng.weighted<string>([
      ['content', 6],
      ['cmap', 2],
      ['font', 0.5],
      ['dict', 1],
      ['stream-bytes', 1],
    ]);
    if (what === 'dict') {
      notes.push(`pdf.dict: ${mutateDict(rng, pdf)}`);
      continue;
    }
    const pool = what === 'stream-bytes' ? pdf.objects.filter((o) => o.data) : byKind(what === 'content' ? 'content' : what === 'cmap' ? 'cmap' : 'font');
    if (!pool.length) continue;
    const o = rng.pick(pool);
    if (what === 'content' || what === 'cmap') {
      const r = what === 'content' ? mutateContent(rng, latin1(o.data!)) : mutateCmap(rng, latin1(o.data!));
      o.data = bytesOf(r.value);
      notes.push(`pdf.${what} obj ${o.num}: ${r.note}`);
    } else {
      const d = new Uint8Array(o.data!);
      const n = rng.small(64);
      for (let i = 0; i < n && d.length; i++) d[rng.int(d.length)] = rng.int(256);
      o.data = d;
      notes.push(`pdf.${what} obj ${o.num}: ${n} inflated byte(s) overwritten`);
    }
    o.changed = true;
  }
  const stale = rng.chance(0.1);
  if (stale) notes.push('pdf: cross-reference table left stale');
  return { value: writePdf(pdf, stale), note: notes.join(' | '), notes };
}
