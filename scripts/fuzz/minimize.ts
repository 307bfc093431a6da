/**
 * Shrinks a failing input (a crash or an invariant break) to a small one that fails the same way, so it can become a
 * regression fixture: delta debugging over lines for text, over body elements (paragraphs, tables, rows) and parts
 * for DOCX/XLSX. Runs in this thread: for crashes and breaks, not for hangs.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type CheckOptions, checkDocument } from './check.ts';
import { elements } from './mutate-xml.ts';
import type { FuzzInput } from './input.ts';

const normalise = (s: string) => s.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 200);

/** How the input fails: the crash or the first invariant break; undefined when it does not. */
export async function failure(bytes: Uint8Array, name: string, options: CheckOptions): Promise<string | undefined> {
  try {
    const r = await checkDocument(bytes, name, options);
    return r.breaks[0] ? `break: ${normalise(r.breaks[0])}` : undefined;
  } catch (e) {
    const err = e as Error;
    return `crash: ${err.name}: ${normalise(err.message)}`;
  }
}

/** Delta debugging: the smallest sublist (1-minimal, within `budget` tests) for which `fails` holds. */
async function ddmin<T>(items: readonly T[], fails: (xs: readonly T[]) => Promise<boolean>, budget: { tests: number }): Promise<T[]> {
  let xs = [...items];
  let n = 2;
  while (xs.length >= 2 && budget.tests > 0) {
    const size = Math.ceil(xs.length / n);
    let reduced = false;
    for (let i = 0; i < xs.length && budget.tests > 0; i += size) {
      const rest = [...xs.slice(0, i), ...xs.slice(i + size)];
      budget.tests--;
      if (rest.length && (await fails(rest))) {
        xs = rest;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= xs.length) break;
      n = Math.min(xs.length, n * 2);
    }
  }
  return xs;
}

/** How an input fails (a signature), or undefined when it does not: `failure` by default. */
export type Probe = (bytes: Uint8Array, name: string) => Promise<string | undefined>;

export async function minimize(input: FuzzInput, options: CheckOptions, log: (m: string) => void, probe: Probe = (b, n) => failure(b, n, options)): Promise<{ bytes: Uint8Array; signature: string } | undefined> {
  const signature = await probe(input.bytes, input.name);
  if (!signature) return undefined;
  log(`fails as: ${signature}`);
  const same = async (b: Uint8Array) => (await probe(b, input.name)) === signature;
  const budget = { tests: 3000 };
  let bytes = input.bytes;
  // By content, as the reader decides (a text input may be named .docx).
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const isPdf = Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
  if (isZip) {
    let parts: Record<string, Uint8Array>;
    try {
      parts = unzipSync(bytes);
    } catch {
      parts = {};
    }
    if (Object.keys(parts).length) {
      // Parts first (whole files the failure does not need), then the elements of each XML part.
      const names = await ddmin(Object.keys(parts), async (keep) => same(zipSync(Object.fromEntries(keep.map((k) => [k, parts[k]!])))), budget);
      parts = Object.fromEntries(names.map((k) => [k, parts[k]!]));
      for (const name of names.filter((k) => k.endsWith('.xml'))) {
        for (const tag of ['w:body>', 'w:tbl', 'w:p', 'w:tr', 'row', 'si', 'c', 'w:r']) {
          const xml = strFromU8(parts[name]!);
          const spans = tag === 'w:body>' ? [] : elements(xml, tag);
          // Top-level elements of that name only (not those nested in another of the list).
          const top = spans.filter((s, i) => !spans.some((o, j) => j !== i && o.start < s.start && o.end >= s.end));
          if (top.length < 2) continue;
          const build = (keep: readonly number[]) => {
            const kept = new Set(keep);
            let out = '';
            let at = 0;
            top.forEach((s, i) => {
              out += xml.slice(at, s.start) + (kept.has(i) ? xml.slice(s.start, s.end) : '');
              at = s.end;
            });
            return out + xml.slice(at);
          };
          const keep = await ddmin(
            top.map((_, i) => i),
            (k) => same(zipSync({ ...parts, [name]: strToU8(build(k)) })),
            budget,
          );
          parts[name] = strToU8(build(keep));
          log(`${name} <${tag}>: ${top.length} → ${keep.length}`);
        }
      }
      bytes = zipSync(parts);
    }
  } else if (!isPdf) {
    // Text: lines, then runs of bytes within what is left.
    const text = Buffer.from(bytes);
    const lines: Buffer[] = [];
    for (let at = 0; at < text.length; ) {
      const nl = text.indexOf(0x0a, at);
      const end = nl < 0 ? text.length : nl + 1;
      lines.push(text.subarray(at, end));
      at = end;
    }
    const kept = await ddmin(lines, (ls) => same(new Uint8Array(Buffer.concat(ls))), budget);
    log(`lines: ${lines.length} → ${kept.length}`);
    bytes = new Uint8Array(Buffer.concat(kept));
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 16) chunks.push(bytes.subarray(at, at + 16));
    if (chunks.length > 1) {
      const k = await ddmin(chunks, (cs) => same(new Uint8Array(Buffer.concat(cs))), budget);
      bytes = new Uint8Array(Buffer.concat(k));
    }
  } else log('PDF: not minimized (the file is kept whole)');
  if (!(await same(bytes))) return { bytes: input.bytes, signature };
  return { bytes, signature };
}
