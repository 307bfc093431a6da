/**
 * Format-blind mutations of a file's bytes: flips, truncation, random insertions, deleted and repeated ranges,
 * and "interesting" values written over a few bytes. Each returns the new bytes and a note of what it did (the
 * recipe saved beside a finding).
 */
import type { Rng } from './rng.ts';

export interface Mutated<T> {
  readonly value: T;
  readonly note: string;
}

type ByteMutator = (rng: Rng, b: Uint8Array) => Mutated<Uint8Array>;

/** Where in the file: anywhere, or near the start or the end (headers and ZIP/PDF trailers live there). */
function position(rng: Rng, length: number): number {
  if (length === 0) return 0;
  const r = rng.float();
  if (r < 0.15) return rng.int(Math.min(length, 512));
  if (r < 0.3) return Math.max(0, length - 1 - rng.int(Math.min(length, 1024)));
  return rng.int(length);
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const INTERESTING: readonly number[][] = [[0x00], [0xff], [0x7f], [0x80], [0x00, 0x00, 0x00, 0x00], [0xff, 0xff, 0xff, 0xff], [0xff, 0xff, 0xff, 0x7f], [0x00, 0x00, 0x00, 0x80], [0x0a], [0x0d], [0x25], [0x3c], [0xef, 0xbb, 0xbf], [0xe2, 0x80, 0xa8], [0xc2, 0xa0], [0xe3, 0x80, 0x80]];

export const BYTE_MUTATORS: Readonly<Record<string, ByteMutator>> = {
  flip(rng, b) {
    const out = new Uint8Array(b);
    const n = rng.small(64);
    for (let i = 0; i < n && out.length; i++) out[position(rng, out.length)]! ^= 1 << rng.int(8);
    return { value: out, note: `flip ${n} bit(s)` };
  },
  randomBytes(rng, b) {
    const out = new Uint8Array(b);
    const n = rng.small(32);
    for (let i = 0; i < n && out.length; i++) out[position(rng, out.length)] = rng.int(256);
    return { value: out, note: `overwrite ${n} byte(s)` };
  },
  truncate(rng, b) {
    const at = rng.chance(0.5) ? rng.int(b.length) : Math.max(0, b.length - rng.small(Math.max(1, b.length)));
    return { value: b.slice(0, at), note: `truncate at ${at} of ${b.length}` };
  },
  insert(rng, b) {
    const at = position(rng, b.length);
    const n = rng.small(256);
    const junk = new Uint8Array(n);
    for (let i = 0; i < n; i++) junk[i] = rng.int(256);
    return { value: concat(b.subarray(0, at), junk, b.subarray(at)), note: `insert ${n} random byte(s) at ${at}` };
  },
  deleteRange(rng, b) {
    const at = position(rng, b.length);
    const n = Math.min(b.length - at, rng.small(4096));
    return { value: concat(b.subarray(0, at), b.subarray(at + n)), note: `delete ${n} byte(s) at ${at}` };
  },
  repeatRange(rng, b) {
    const at = position(rng, b.length);
    const n = Math.min(b.length - at, rng.small(2048));
    const times = rng.small(16);
    const copies = Array.from({ length: times }, () => b.subarray(at, at + n));
    return { value: concat(b.subarray(0, at + n), ...copies, b.subarray(at + n)), note: `repeat ${n} byte(s) at ${at} ×${times}` };
  },
  interesting(rng, b) {
    const out = new Uint8Array(b);
    const v = rng.pick(INTERESTING);
    const at = position(rng, out.length);
    for (let i = 0; i < v.length && at + i < out.length; i++) out[at + i] = v[i]!;
    return { value: out, note: `write [${v.map((x) => x.toString(16)).join(' ')}] at ${at}` };
  },
};

/** One byte-level mutation chosen at random. */
export function mutateBytes(rng: Rng, b: Uint8Array): Mutated<Uint8Array> {
  const name = rng.weighted<string>([
    ['flip', 4],
    ['randomBytes', 2],
    ['truncate', 2],
    ['insert', 2],
    ['deleteRange', 1],
    ['repeatRange', 1],
    ['interesting', 2],
  ]);
  const r = BYTE_MUTATORS[name]!(rng, b);
  return { value: r.value, note: `bytes.${name}: ${r.note}` };
}

export { concat };
