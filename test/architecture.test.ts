/**
 * The layout tells the architecture: the core imports no file system, network, process, console or UI, and
 * nothing from the shells; shells never import each other's internals the wrong way.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');

test('the core imports no node: module, no shell and no I/O package', () => {
  const offenders: string[] = [];
  for (const f of sources(join(ROOT, 'src/core'))) {
    for (const spec of importsOf(f)) {
      const bad = spec.startsWith('node:') || /^(fs|path|os|http|https|net|child_process|worker_threads)$/.test(spec) || /\.\.\/(cli|ingest|render|store|server|web)\//.test(spec) || /^\.\.\/\.\.\/(cli|ingest)/.test(spec) || spec === 'yaml';
      if (bad) offenders.push(`${relative(ROOT, f)} → ${spec}`);
    }
    const text = readFileSync(f, 'utf8');
    if (/\bconsole\.|\bprocess\./.test(text)) offenders.push(`${relative(ROOT, f)} uses console or process`);
  }
  assert.deepEqual(offenders, []);
});

test('ingest depends on the core, never on the CLI', () => {
  const offenders = sources(join(ROOT, 'src/ingest')).flatMap((f) => importsOf(f).filter((s) => s.includes('/cli/')).map((s) => `${relative(ROOT, f)} → ${s}`));
  assert.deepEqual(offenders, []);
});
