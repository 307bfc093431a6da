/**
 * The fuzz inputs: every input is a pure function of (run seed, index) over the seed documents, so the main thread
 * can make again, for saving, the very bytes a worker ran, and `--replay` can run one input alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Mutated, concat, mutateBytes } from './mutate-bytes.ts';
import { mutatePdf } from './mutate-pdf.ts';
import { mutateText } from './mutate-text.ts';
import { mutatePackage } from './mutate-zip.ts';
import { Rng } from './rng.ts';

export const FORMATS = ['text', 'docx', 'pdf', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SeedFile {
  /** Path relative to the project root, as the recipe names it. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export type Corpus = Readonly<Record<Format, readonly SeedFile[]>>;

/** The real documents: the text seeds (examples/seeds) and their DOCX/PDF/XLSX renderings (test/fixtures/documents). */
export function loadCorpus(root = ROOT): Corpus {
  const list = (dir: string, test: (f: string) => boolean): SeedFile[] =>
    readdirSync(join(root, dir))
      .filter(test)
      .sort()
      .map((f) => ({ path: `${dir}/${f}`, bytes: new Uint8Array(readFileSync(join(root, dir, f))) }));
  const docs = 'test/fixtures/documents';
  return {
    text: list('examples/seeds', (f) => f.endsWith('.txt')),
    docx: list(docs, (f) => /^seed-.*\.docx$/.test(f)),
    pdf: list(docs, (f) => /^seed-.*\.pdf$/.test(f)),
    xlsx: list(docs, (f) => /^seed-.*\.xlsx$/.test(f)),
  };
}

export interface FuzzInput {
  readonly index: number;
  readonly format: Format;
  /** The file name the importer sees (its extension matters: .txt, .html, .csv, .docx, …). */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The seed document it was made from. */
  readonly base: string;
  /** What was done to it, in order. */
  readonly mutations: readonly string[];
}

export interface InputPlan {
  readonly seed: number;
  /** Formats to draw from, with weights (by cost: a PDF takes ~50× a text file). */
  readonly weights: readonly (readonly [Format, number])[];
}

/** Default weights: measured so that on 2 cores a run spends its time roughly evenly over the four formats. */
export const DEFAULT_WEIGHTS: readonly (readonly [Format, number])[] = [
  ['text', 88],
  ['docx', 5],
  ['xlsx', 5.5],
  ['pdf', 1.5],
];

export function makeInput(corpus: Corpus, plan: InputPlan, index: number): FuzzInput {
  const rng = new Rng(plan.seed, index);
  const format = plan.weights.length === 1 ? plan.weights[0]![0] : rng.weighted(plan.weights);
  const seeds = corpus[format];
  const base = rng.pick(seeds);
  const mutations: string[] = [];
  let bytes: Uint8Array;
  let ext: string = format;
  if (format === 'text') {
    const other = new TextDecoder().decode(rng.pick(corpus.text).bytes);
    const r = textInput(rng, new TextDecoder().decode(base.bytes), other, mutations);
    bytes = r.bytes;
    ext = r.ext;
  } else if (format === 'pdf') {
    bytes = base.bytes;
    if (rng.chance(0.6)) {
      const r = mutatePdf(rng, bytes, rng.small(4));
      bytes = r.value;
      mutations.push(...r.notes);
    }
    if (mutations.length === 0 || rng.chance(0.3)) bytes = stackBytes(rng, bytes, mutations);
  } else {
    bytes = base.bytes;
    if (rng.chance(0.88)) {
      const r = mutatePackage(rng, bytes, format, rng.small(5));
      bytes = r.value;
      mutations.push(...r.notes);
    }
    if (mutations.length === 0 || rng.chance(0.08)) bytes = stackBytes(rng, bytes, mutations);
  }
  if (rng.chance(0.005)) {
    // A document under the wrong extension: the reader goes by content and must say so.
    ext = rng.pick(['docx', 'pdf', 'xlsx', 'txt', 'html', 'csv'].filter((e) => e !== ext));
    mutations.push(`named .${ext}`);
  }
  return { index, format, name: `fuzz-${index}.${ext}`, bytes, base: base.path, mutations };
}

function stackBytes(rng: Rng, bytes: Uint8Array, notes: string[]): Uint8Array {
  let b = bytes;
  const n = rng.small(4);
  for (let i = 0; i < n; i++) {
    const r = mutateBytes(rng, b);
    b = r.value;
    notes.push(r.note);
  }
  return b;
}

// ---- Text: plain, HTML and CSV renderings of the text seeds, mutated, in one of the encodings the reader takes ----

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A saved web page of the text: tab-separated lines become table rows (one element per source line). */
function toHtml(text: string): string {
  const out = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><title>自评</title></head><body>'];
  let inTable = false;
  for (const line of text.split('\n')) {
    const cells = line.replace(/\r$/, '').split('\t');
    if (cells.length > 1) {
      if (!inTable) out.push('<table border="1">');
      inTable = true;
      out.push(`<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
    } else {
      if (inTable) out.push('</table>');
      inTable = false;
      out.push(`<p>${escapeHtml(cells[0]!)}</p>`);
    }
  }
  if (inTable) out.push('</table>');
  out.push('</body></html>');
  return out.join('\n');
}

function toCsv(text: string, sep: string): string {
  const quote = (c: string) => (/[",\n\r;]/.test(c) || c.includes(sep) ? `"${c.replace(/"/g, '""')}"` : c);
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, '').split('\t').map(quote).join(sep))
    .join('\r\n');
}

function mutateHtml(rng: Rng, html: string): Mutated<string> {
  const op = rng.pick(['span', 'unclose', 'nest', 'entity', 'br', 'script', 'th'] as const);
  const cells = [...html.matchAll(/<td>/g)];
  const at = cells.length ? rng.pick(cells).index : rng.int(html.length);
  const put = (s: string, len = 0) => html.slice(0, at) + s + html.slice(at + len);
  switch (op) {
    case 'span': {
      const attr = `${rng.pick(['colspan', 'rowspan'])}="${rng.pick(['2', '3', '0', '-1', '1000', '99999999', 'x'])}"`;
      return { value: put(`<td ${attr}>`, 4), note: `html: ${attr} at ${at}` };
    }
    case 'unclose': {
      let n = 0;
      const v = html.replace(/<\/(td|tr|table|p)>/g, (m) => (rng.chance(0.2) ? (n++, '') : m));
      return { value: v, note: `html: ${n} closing tag(s) dropped` };
    }
    case 'nest':
      return { value: put('<td><table><tr><td>1,234.56</td><td>万元</td></tr></table></td>'), note: `html: nested table at ${at}` };
    case 'entity': {
      const e = rng.pick(['&nbsp;', '&#12288;', '&#x2028;', '&ensp;', '&#0;', '&#99999999;', '&amp', '&bogus;', '&yen;', '&#65509;']);
      return { value: put(e), note: `html: ${e} at ${at}` };
    }
    case 'br':
      return { value: put('<td>1,000<br>万元<br/>', 4), note: `html: <br> in a cell at ${at}` };
    case 'script':
      return { value: put('<script>var a = "<td>9999</td>";</script><style>td{}</style><!-- 合计 100 -->'), note: `html: script/style/comment at ${at}` };
    default:
      return { value: html.replace(/<td>/g, (m) => (rng.chance(0.1) ? '<th>' : m)), note: 'html: some cells as <th>' };
  }
}

function textInput(rng: Rng, text: string, other: string, notes: string[]): { bytes: Uint8Array; ext: string } {
  const variant = rng.weighted<'txt' | 'html' | 'csv'>([
    ['txt', 8],
    ['html', 1],
    ['csv', 1],
  ]);
  let s = text;
  const steps = rng.small(6);
  for (let i = 0; i < steps; i++) {
    const r = mutateText(rng, s, other);
    s = r.value;
    notes.push(r.note);
  }
  if (variant === 'html') {
    s = toHtml(s);
    notes.push('as HTML');
    const n = rng.small(3);
    for (let i = 0; i < n; i++) {
      const r = mutateHtml(rng, s);
      s = r.value;
      notes.push(r.note);
    }
  } else if (variant === 'csv') {
    const sep = rng.pick([',', ',', ';', '\t']);
    s = toCsv(s, sep);
    notes.push(`as CSV (${JSON.stringify(sep)})`);
    if (rng.chance(0.3)) {
      const at = rng.int(s.length);
      s = `${s.slice(0, at)}"${s.slice(at)}`;
      notes.push(`csv: stray quote at ${at}`);
    }
  }
  const enc = rng.weighted<string>([
    ['utf-8', 80],
    ['utf-8 BOM', 5],
    ['utf-16le BOM', 5],
    ['utf-16be BOM', 3],
    ['utf-16le', 2],
    ['CRLF', 5],
  ]);
  let bytes: Uint8Array;
  if (enc.startsWith('utf-16')) {
    const le = Buffer.from(enc.endsWith('BOM') ? `\ufeff${s}` : s, 'utf16le');
    if (enc.startsWith('utf-16be')) le.swap16();
    bytes = new Uint8Array(le);
  } else if (enc === 'utf-8 BOM') bytes = concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(s));
  else bytes = new TextEncoder().encode(enc === 'CRLF' ? s.replace(/\r?\n/g, '\r\n') : s);
  if (enc !== 'utf-8') notes.push(`encoded ${enc}`);
  if (rng.chance(0.12)) bytes = stackBytes(rng, bytes, notes);
  return { bytes, ext: variant };
}
