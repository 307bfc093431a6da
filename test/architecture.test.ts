/**
 * The layout tells the architecture: the core imports no file system, network, process, console or UI, and
 * nothing from the shells; each shell imports the core and only the shells below it, never the reverse.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.ts';

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p) ? [p] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+\.[cm]?[jt]sx?)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

/** The top-level parts of src/ and what each may import (besides itself and npm packages). */
const SHELLS = ['core', 'ingest', 'render', 'store', 'server', 'cli', 'web'] as const;
type Part = (typeof SHELLS)[number];
const MAY_IMPORT: Readonly<Record<Part, readonly Part[]>> = {
  core: [],
  ingest: ['core'],
  render: ['core'],
  store: ['core'],
  server: ['core', 'ingest', 'render', 'store'],
  cli: ['core', 'ingest', 'render', 'store', 'server'],
  web: ['core'],
};

/** The part of src/ a relative import lands in, or undefined for a package. */
function partOf(from: string, spec: string): Part | 'outside' | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = relative(join(ROOT, 'src'), resolve(dirname(from), spec));
  const top = target.split(/[\\/]/)[0] ?? '';
  return (SHELLS as readonly string[]).includes(top) ? (top as Part) : 'outside';
}

test('every part of src/ imports only the parts below it', () => {
  const offenders: string[] = [];
  let checked = 0;
  for (const part of SHELLS) {
    for (const f of sources(join(ROOT, 'src', part))) {
      checked++;
      for (const spec of importsOf(f)) {
        const to = partOf(f, spec);
        if (to === undefined || to === part) continue;
        if (to === 'outside' || !MAY_IMPORT[part].includes(to)) offenders.push(`${relative(ROOT, f)} → ${spec}`);
      }
    }
  }
  assert.ok(checked > 50, `only ${checked} source files found`);
  assert.deepEqual(offenders, []);
});

test('the core imports no node: module and no I/O package, and uses no console or process', () => {
  const offenders: string[] = [];
  for (const f of sources(join(ROOT, 'src/core'))) {
    for (const spec of importsOf(f)) {
      const bad = spec.startsWith('node:') || /^(fs|path|os|http|https|net|child_process|worker_threads|yaml|piscina|pg|kysely|@electric-sql\/pglite|hono)$/.test(spec);
      if (bad) offenders.push(`${relative(ROOT, f)} → ${spec}`);
    }
    const text = readFileSync(f, 'utf8');
    if (/\bconsole\.|\bprocess\./.test(text)) offenders.push(`${relative(ROOT, f)} uses console or process`);
  }
  assert.deepEqual(offenders, []);
});

test('the store is reached only through its entry point (src/store/index.ts), never its insides', () => {
  const offenders: string[] = [];
  for (const part of SHELLS) {
    if (part === 'store') continue;
    for (const f of sources(join(ROOT, 'src', part))) {
      for (const spec of importsOf(f)) {
        if (partOf(f, spec) !== 'store') continue;
        const target = relative(join(ROOT, 'src/store'), resolve(dirname(f), spec));
        if (target !== 'index.ts') offenders.push(`${relative(ROOT, f)} → ${spec}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test('the rule above catches a wrong-way import (render → cli)', () => {
  const from = join(ROOT, 'src/render/templates/x.ts');
  const to = partOf(from, '../../cli/main.ts');
  assert.equal(to, 'cli');
  assert.equal(MAY_IMPORT.render.includes(to as Part), false);
  assert.equal(partOf(from, 'docx'), undefined);
});

test('the store is checked too: it may import the core, and the rule refuses store → ingest', () => {
  assert.ok(sources(join(ROOT, 'src/store')).length > 10, 'src/store has its sources where the check looks');
  const from = join(ROOT, 'src/store/evaluations.ts');
  assert.equal(partOf(from, '../core/model/diff.ts'), 'core');
  assert.equal(MAY_IMPORT.store.includes('core'), true);
  const wrong = partOf(from, '../ingest/import.ts');
  assert.equal(wrong, 'ingest');
  assert.equal(MAY_IMPORT.store.includes(wrong as Part), false);
});

test('the web app runs in a browser: no node: module, no server-side package, only the core from src/', () => {
  const files = sources(join(ROOT, 'src/web'));
  assert.ok(files.length >= 8, `only ${files.length} web sources found`);
  const offenders: string[] = [];
  for (const f of files) {
    for (const spec of importsOf(f)) {
      const bad = spec.startsWith('node:') || /^(fs|path|os|http|https|net|child_process|worker_threads|piscina|pg|kysely|@electric-sql\/pglite|hono|@hono\/.*|docx|exceljs|pdfjs-dist|parse5)$/.test(spec);
      if (bad) offenders.push(`${relative(ROOT, f)} → ${spec}`);
      const to = partOf(f, spec);
      if (to !== undefined && to !== 'web' && to !== 'core') offenders.push(`${relative(ROOT, f)} → ${spec}`);
    }
    if (/\bprocess\.(env|argv|exit)/.test(readFileSync(f, 'utf8'))) offenders.push(`${relative(ROOT, f)} uses process`);
  }
  assert.deepEqual(offenders, []);
  // The check reads .tsx too, and would catch a wrong-way import.
  assert.equal(partOf(join(ROOT, 'src/web/pages/x.tsx'), '../../server/app.ts'), 'server');
});
