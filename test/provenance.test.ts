/**
 * The examples' provenance is true: every `source.text` is found in the seed document it came from (whitespace,
 * <p> and ** markup aside; "……" marks an elision, a tab a cell boundary), and every `source.file` exists.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { EXAMPLES } from './helpers.ts';

const norm = (s: string) => s.normalize('NFKC').replace(/<\/?p>|\*\*|<\/?b>/g, '').replace(/\s+/g, '');

interface Src {
  file?: string;
  text?: string;
}

function sources(v: unknown, out: Src[] = []): Src[] {
  if (Array.isArray(v)) v.forEach((x) => sources(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o['source'] && typeof o['source'] === 'object') out.push(o['source'] as Src);
    Object.values(o).forEach((x) => sources(x, out));
  }
  return out;
}

// Examples entered from a seed are numbered like it (000-…); an invented example (project-form-example.yaml) has none.
for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml') && /^\d{3}-/.test(f))) {
  test(`${name}: every source text is in its seed document`, () => {
    const seed = readdirSync(join(EXAMPLES, 'seeds')).find((s) => s.startsWith(name.slice(0, 3)));
    assert.ok(seed, `no seed for ${name}`);
    const doc = norm(readFileSync(join(EXAMPLES, 'seeds', seed), 'utf8'));
    const srcs = sources(parse(readFileSync(join(EXAMPLES, name), 'utf8')));
    assert.ok(srcs.length >= 5, `${name} records provenance`);
    for (const s of srcs) {
      if (s.file) assert.ok(existsSync(join(EXAMPLES, s.file)), s.file);
      if (!s.text) continue;
      for (const part of s.text.split(/……|…|\t/).map(norm).filter(Boolean)) assert.ok(doc.includes(part), `${name}: "${part}" not in ${seed}`);
    }
  });
}
