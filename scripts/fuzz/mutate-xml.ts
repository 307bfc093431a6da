/**
 * Mutations of the XML inside DOCX and XLSX packages: element-aware ones (rows, cells, paragraphs shuffled,
 * repeated or dropped; merged cells; attribute values; text nodes changed with the text mutations) and ones that
 * attack the XML parser itself (deep nesting, entity expansion, bad character references, CDATA, broken markup).
 */
import { mutateSnippet } from './mutate-text.ts';
import type { Mutated } from './mutate-bytes.ts';
import type { Rng } from './rng.ts';

interface Span {
  readonly start: number;
  readonly end: number;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every complete element named `tag` (nesting of the same name respected), in document order of their ends. */
export function elements(xml: string, tag: string, limit = 50_000): Span[] {
  const re = new RegExp(`<${escapeRe(tag)}(?=[\\s/>])[^>]*?(/?)>|</${escapeRe(tag)}\\s*>`, 'g');
  const open: number[] = [];
  const out: Span[] = [];
  for (let m = re.exec(xml); m && out.length < limit; m = re.exec(xml)) {
    if (m[0].startsWith('</')) {
      const s = open.pop();
      if (s !== undefined) out.push({ start: s, end: m.index + m[0].length });
    } else if (m[1] === '/') out.push({ start: m.index, end: m.index + m[0].length });
    else open.push(m.index);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Runs of sibling elements: consecutive elements separated only by whitespace. */
function siblingRuns(xml: string, spans: readonly Span[]): Span[][] {
  const runs: Span[][] = [];
  let run: Span[] = [];
  for (const s of spans) {
    const last = run[run.length - 1];
    if (last && s.start >= last.end && /^\s*$/.test(xml.slice(last.end, s.start))) run.push(s);
    else {
      if (run.length) runs.push(run);
      run = [s];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

function replaceSpan(xml: string, span: Span, by: string): string {
  return xml.slice(0, span.start) + by + xml.slice(span.end);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface XmlVocabulary {
  /** Repeating elements worth shuffling, repeating and dropping (rows, cells, paragraphs, shared strings). */
  readonly blocks: readonly string[];
  /** Elements whose text content is document text (w:t, v, t). */
  readonly texts: readonly string[];
  /** Merged cells: a mutation that adds, changes or removes them. */
  readonly merge?: (rng: Rng, xml: string) => Mutated<string>;
}

const ATTRIBUTE_VALUES = ['', '0', '-1', '1', '2', '9', '64', '65536', '4294967296', '-2147483649', '99999999999999999999', '1e9', 'NaN', 'abc', 'true', 'restart', 'continue', '%', '\u00a0', 'A1', 'XFD1048576', 's', 'n', 'str', 'inlineStr', 'b', 'e', 'd'];

function deepNesting(rng: Rng, depth: number): string {
  const name = rng.pick(['w:r', 'w:p', 'x', 'c', 'w:tbl', 'w:sdt', 'w:sdtContent']);
  return `${`<${name}>`.repeat(depth)}${rng.chance(0.5) ? `</${name}>`.repeat(depth) : ''}`;
}

const PARSER_ATTACKS: readonly ((rng: Rng, xml: string) => Mutated<string>)[] = [
  (rng, xml) => {
    const depth = rng.pick([100, 1000, 10_000, 100_000]);
    const at = insertionPoint(rng, xml);
    return { value: xml.slice(0, at) + deepNesting(rng, depth) + xml.slice(at), note: `nest ${depth} elements at ${at}` };
  },
  (rng, xml) => {
    // Entity expansion ("billion laughs"); the reader must refuse or ignore a DTD, never expand it.
    const levels = rng.range(3, 9);
    let dtd = '<!DOCTYPE d [<!ENTITY e0 "万元万元万元万元万元万元万元万元万元万元">';
    for (let i = 1; i <= levels; i++) dtd += `<!ENTITY e${i} "${`&e${i - 1};`.repeat(10)}">`;
    dtd += ']>';
    const decl = /^<\?xml[^>]*\?>/.exec(xml);
    const head = decl ? decl[0].length : 0;
    let v = xml.slice(0, head) + dtd + xml.slice(head);
    v = v.replace(/(<(?:w:t|t|v)(?:\s[^>]*)?>)/, `$1&e${levels};`);
    return { value: v, note: `DOCTYPE with entity expansion, ${levels} levels` };
  },
  (rng, xml) => {
    const ref = rng.pick(['&#0;', '&#x0;', '&#xD800;', '&#x110000;', '&#99999999999;', '&#12288;', '&#x2028;', '&#xA0;', '&foo;', '&', '&amp', '&#;', '&#x;', '&nbsp;', '&#65279;']);
    const at = textPoint(rng, xml);
    return { value: xml.slice(0, at) + ref + xml.slice(at), note: `character reference ${ref} at ${at}` };
  },
  (rng, xml) => {
    const bit = rng.pick(['<![CDATA[1,234.56万元]]>', '<![CDATA[<w:t>]]>', '<!-- 注释 -->', '<?pi data?>', '<![CDATA[', '<!--', ']]>']);
    const at = textPoint(rng, xml);
    return { value: xml.slice(0, at) + bit + xml.slice(at), note: `insert ${JSON.stringify(bit)} at ${at}` };
  },
  (rng, xml) => {
    const tags = [...xml.matchAll(/<\/?[\w:]+/g)];
    if (!tags.length) return { value: xml, note: 'no tag' };
    const m = rng.pick(tags);
    const op = rng.pick(['drop <', 'drop tag', 'rename', 'unclose'] as const);
    const i = m.index;
    const end = xml.indexOf('>', i);
    let v = xml;
    if (op === 'drop <') v = xml.slice(0, i) + xml.slice(i + 1);
    else if (op === 'drop tag' && end > 0) v = xml.slice(0, i) + xml.slice(end + 1);
    else if (op === 'rename') v = xml.slice(0, i) + m[0].replace(/[\w]+$/, (n) => n + 'x') + xml.slice(i + m[0].length);
    else if (end > 0) v = xml.slice(0, end) + xml.slice(end + 1);
    return { value: v, note: `markup: ${op} ${JSON.stringify(m[0])} at ${i}` };
  },
  (rng, xml) => {
    const at = rng.int(xml.length);
    return { value: xml.slice(0, at), note: `truncate XML at ${at} of ${xml.length}` };
  },
  (rng, xml) => {
    const to = rng.pick(['UTF-16', 'GBK', 'ISO-8859-1', 'bogus', '']);
    return { value: xml.replace(/encoding="[^"]*"/, `encoding="${to}"`), note: `XML declaration encoding → ${JSON.stringify(to)}` };
  },
  (rng, xml) => {
    // Namespace prefix change: the same elements in another prefix, or the namespace URI swapped.
    const v = rng.chance(0.5) ? xml.replace(/xmlns:w="[^"]*"/, 'xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"') : xml.replace(/<(\/?)w:/g, '<$1q:').replace('xmlns:w=', 'xmlns:q=');
    return { value: v, note: 'namespace changed' };
  },
];

/** A position between two tags (inside text content), or anywhere when there is none. */
function textPoint(rng: Rng, xml: string): number {
  const gaps = [...xml.matchAll(/>[^<]+</g)];
  if (!gaps.length) return rng.int(xml.length + 1);
  const g = rng.pick(gaps);
  return g.index + 1 + rng.int(g[0].length - 1);
}

/** Just after a tag: where an element may start. */
function insertionPoint(rng: Rng, xml: string): number {
  const ends = [...xml.matchAll(/>/g)];
  return ends.length ? rng.pick(ends).index + 1 : 0;
}

/** One mutation of an XML part, chosen at random (another is tried when the first finds nothing to change). */
export function mutateXml(rng: Rng, xml: string, vocab: XmlVocabulary): Mutated<string> {
  let r = mutateXmlOnce(rng, xml, vocab);
  for (let i = 0; i < 3 && r.value === xml; i++) r = mutateXmlOnce(rng, xml, vocab);
  return r;
}

function mutateXmlOnce(rng: Rng, xml: string, vocab: XmlVocabulary): Mutated<string> {
  const kind = rng.weighted<string>([
    ['text', 8],
    ['block', 6],
    ['merge', vocab.merge ? 4 : 0],
    ['attribute', 3],
    ['parser', 2],
  ]);
  switch (kind) {
    case 'text': {
      const tag = rng.pick(vocab.texts);
      const spans = elements(xml, tag).filter((s) => !xml.slice(s.start, s.end).endsWith('/>'));
      if (!spans.length) return { value: xml, note: `no <${tag}>` };
      const n = rng.chance(0.2) ? rng.small(50) : 1;
      let v = xml;
      const notes: string[] = [];
      // Last first, so earlier offsets stay valid.
      const chosen = [...new Set(Array.from({ length: n }, () => rng.int(spans.length)))].sort((a, b) => b - a);
      for (const i of chosen) {
        const s = spans[i]!;
        const whole = v.slice(s.start, s.end);
        const open = whole.indexOf('>') + 1;
        const close = whole.lastIndexOf('</');
        const inner = unescapeXml(whole.slice(open, close));
        const r = mutateSnippet(rng, inner);
        // Why sometimes unescaped: a stray "<" or "&" in a text node is how hand-edited XML breaks.
        const text = rng.chance(0.05) ? r.value : escapeXml(r.value);
        v = v.slice(0, s.start) + whole.slice(0, open) + text + whole.slice(close) + v.slice(s.end);
        notes.push(r.note);
      }
      return { value: v, note: `<${tag}> ×${chosen.length}: ${notes.slice(0, 3).join('; ')}${notes.length > 3 ? '; …' : ''}` };
    }
    case 'block': {
      const tag = rng.pick(vocab.blocks);
      const runs = siblingRuns(xml, elements(xml, tag));
      if (!runs.length) return { value: xml, note: `no <${tag}>` };
      const run = rng.pick(runs);
      const op = rng.pick(['shuffle', 'repeat', 'drop', 'swap', 'move'] as const);
      const parts = run.map((s) => xml.slice(s.start, s.end));
      const whole: Span = { start: run[0]!.start, end: run[run.length - 1]!.end };
      const i = rng.int(parts.length);
      let times = 0;
      if (op === 'shuffle') rng.shuffle(parts);
      else if (op === 'repeat') {
        // Now and then very many, but at most ~2 MB added: a long document, not a memory test of the fuzzer.
        times = rng.chance(0.05) ? rng.range(100, 2000) : rng.small(20);
        times = Math.max(1, Math.min(times, Math.floor(2_000_000 / (parts[i]!.length || 1))));
        parts.splice(i + 1, 0, ...Array.from({ length: times }, () => parts[i]!));
      } else if (op === 'drop') parts.splice(i, rng.small(parts.length - i));
      else if (op === 'swap') {
        const j = rng.int(parts.length);
        [parts[i], parts[j]] = [parts[j]!, parts[i]!];
      } else {
        const [p] = parts.splice(i, 1);
        parts.splice(rng.int(parts.length + 1), 0, p!);
      }
      return { value: replaceSpan(xml, whole, parts.join('')), note: `<${tag}> ${op}${times ? ` ×${times}` : ''} in a run of ${run.length} at ${whole.start}` };
    }
    case 'merge':
      return vocab.merge!(rng, xml);
    case 'attribute': {
      const attrs = [...xml.matchAll(/\s([\w:]+)="([^"]*)"/g)].filter((m) => !m[1]!.startsWith('xmlns'));
      if (!attrs.length) return { value: xml, note: 'no attribute' };
      const m = rng.pick(attrs);
      const to = rng.chance(0.1) ? 'x'.repeat(rng.range(1000, 100_000)) : rng.pick(ATTRIBUTE_VALUES);
      const at = m.index + m[0].indexOf('"') + 1;
      return { value: xml.slice(0, at) + to + xml.slice(at + m[2]!.length), note: `attribute ${m[1]}="${m[2]}" → "${to.length > 20 ? `${to.slice(0, 8)}…(${to.length})` : to}"` };
    }
    default: {
      const r = rng.pick(PARSER_ATTACKS)(rng, xml);
      return { value: r.value, note: `parser: ${r.note}` };
    }
  }
}

/** DOCX merged cells: w:gridSpan, w:vMerge, w:hMerge added, changed or removed; the grid's columns changed. */
export function mergeDocx(rng: Rng, xml: string): Mutated<string> {
  const op = rng.pick(['gridSpan', 'vMerge', 'vMergeRestart', 'hMerge', 'removeMerges', 'gridCols'] as const);
  if (op === 'removeMerges') return { value: xml.replace(/<w:(?:gridSpan|vMerge|hMerge)[^>]*\/>/g, ''), note: 'remove every merge' };
  if (op === 'gridCols') {
    const cols = [...xml.matchAll(/<w:gridCol [^>]*\/>/g)];
    if (!cols.length) return { value: xml, note: 'no grid' };
    const c = rng.pick(cols);
    const by = rng.chance(0.5) ? '' : c[0].repeat(rng.small(30));
    return { value: xml.slice(0, c.index) + by + xml.slice(c.index + c[0].length), note: by ? 'repeat a grid column' : 'drop a grid column' };
  }
  const props = [...xml.matchAll(/<w:tcPr>/g)];
  if (!props.length) return { value: xml, note: 'no cell properties' };
  const n = rng.chance(0.3) ? rng.small(40) : 1;
  let v = xml;
  const chosen = [...new Set(Array.from({ length: n }, () => rng.pick(props).index))].sort((a, b) => b - a);
  const val = () => rng.pick(['2', '3', '5', '0', '-1', '50', '1000', '99999999', 'x']);
  const el =
    op === 'gridSpan' ? () => `<w:gridSpan w:val="${val()}"/>` : op === 'vMerge' ? () => '<w:vMerge/>' : op === 'vMergeRestart' ? () => '<w:vMerge w:val="restart"/>' : () => `<w:hMerge${rng.chance(0.5) ? ' w:val="restart"' : ''}/>`;
  for (const at of chosen) v = `${v.slice(0, at + 8)}${el()}${v.slice(at + 8)}`;
  return { value: v, note: `${op} in ${chosen.length} cell(s)` };
}

const COLS = ['A', 'B', 'C', 'E', 'H', 'Z', 'AA', 'XFD', 'XFE', 'ZZZZ', ''];
const ROWS = ['0', '1', '2', '3', '7', '40', '1048576', '1048577', '99999999999', ''];

/** XLSX merged cells: mergeCell ranges added (sane, reversed, huge, malformed) or removed. */
export function mergeXlsx(rng: Rng, xml: string): Mutated<string> {
  if (rng.chance(0.15)) return { value: xml.replace(/<mergeCells[^>]*>.*?<\/mergeCells>|<mergeCells[^>]*\/>/s, ''), note: 'remove merges' };
  const n = rng.chance(0.2) ? rng.small(500) : rng.small(4);
  const refs: string[] = [];
  for (let i = 0; i < n; i++) {
    const sane = rng.chance(0.7);
    const c1 = sane ? String.fromCharCode(65 + rng.int(6)) : rng.pick(COLS);
    const c2 = sane ? String.fromCharCode(65 + rng.int(6)) : rng.pick(COLS);
    const r1 = sane ? String(1 + rng.int(40)) : rng.pick(ROWS);
    const r2 = sane ? String(1 + rng.int(40)) : rng.pick(ROWS);
    refs.push(rng.chance(0.05) ? `${c1}${r1}` : `${c1}${r1}:${c2}${r2}`);
  }
  const cells = refs.map((r) => `<mergeCell ref="${r}"/>`).join('');
  let v: string;
  if (/<mergeCells[^>]*>/.test(xml)) v = xml.replace(/(<mergeCells[^>]*>)/, `$1${cells}`);
  else if (xml.includes('</sheetData>')) v = xml.replace('</sheetData>', `</sheetData><mergeCells count="${refs.length}">${cells}</mergeCells>`);
  else return { value: xml, note: 'no sheet data' };
  return { value: v, note: `merge ${refs.slice(0, 4).join(' ')}${refs.length > 4 ? ` … (${refs.length})` : ''}` };
}
