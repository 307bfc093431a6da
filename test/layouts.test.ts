/**
 * The layout registry (src/core/layouts) holds together: every entry names a basis the formula library has, a rubric
 * that ships in rubrics/, a template render knows, expected fields the evaluation schema has, and markers that
 * recognise its own words; docs/layouts.md is current.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { z } from 'zod';
import { layoutsMarkdown } from '../scripts/layouts-doc.ts';
import { BASES } from '../src/core/formulas/types.ts';
import { LAYOUTS, LAYOUT_IDS, MIN_MARKER_SCORE, UNKNOWN_LAYOUT, layoutById, recognizeLayout } from '../src/core/layouts/index.ts';
import { evaluationSchema } from '../src/core/model/evaluation.ts';
import { defOf, shapeOf, unwrap } from '../src/core/model/schema-walk.ts';
import { TEMPLATES_BY_ID } from '../src/render/templates/index.ts';
import { ROOT } from './helpers.ts';

/** Whether a dotted path names a field of the evaluation schema (a record's keys and array items are open). */
function hasPath(path: string): boolean {
  let s: z.ZodType = evaluationSchema;
  for (const key of path.split('.')) {
    s = unwrap(s, () => false);
    let def = defOf(s);
    if (def.type === 'array' && def.element) {
      s = unwrap(def.element, () => false);
      def = defOf(s);
    }
    if (def.type === 'record') return true;
    if (def.type !== 'object') return false;
    const next = shapeOf(s)[key];
    if (!next) return false;
    s = next;
  }
  return true;
}

test('layout ids are unique, kebab-case, and `unknown` is not one of the entries', () => {
  const ids = LAYOUTS.map((l) => l.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  assert.ok(!ids.includes(UNKNOWN_LAYOUT.id));
  assert.deepEqual([...LAYOUT_IDS].sort(), [...ids, 'unknown'].sort());
});

test('the path checker can fail: a made-up field is not in the schema', () => {
  assert.equal(hasPath('budget.madeUp'), false);
  assert.equal(hasPath('budget.initialBudget'), true);
});

for (const l of LAYOUTS) {
  test(`layout ${l.id}: basis, rubric, template and expected fields exist`, () => {
    assert.ok((BASES as readonly string[]).includes(l.formulas.basis), `basis ${l.formulas.basis}`);
    if (l.rubric) assert.ok(existsSync(join(ROOT, 'rubrics', `${l.rubric}.yaml`)), `rubrics/${l.rubric}.yaml`);
    assert.ok(TEMPLATES_BY_ID.has(l.template), `template ${l.template}`);
    for (const p of l.expected) assert.ok(hasPath(p), `${l.id} expects ${p}, which the evaluation schema does not have`);
    assert.ok(l.label.zh && l.label.en && l.description.zh && l.description.en);
  });

  test(`layout ${l.id}: its markers can reach the floor together, and no single marker suffices`, () => {
    const total = l.markers.reduce((t, [, w]) => t + w, 0);
    assert.ok(total >= MIN_MARKER_SCORE, `markers add up to ${total} < ${MIN_MARKER_SCORE}: the layout could never be recognised`);
    for (const [re, w] of l.markers) assert.ok(w < MIN_MARKER_SCORE, `${re} alone would decide the layout`);
  });
}

test('text without any layout words is the unknown layout, and an unknown id reads as it', () => {
  assert.equal(recognizeLayout('本单位2024年预算收入100万元，支出90万元。').layout.id, 'unknown');
  assert.equal(layoutById('no-such-layout'), UNKNOWN_LAYOUT);
  assert.equal(layoutById(undefined), UNKNOWN_LAYOUT);
});

test('docs/layouts.md matches the registry (run npm run docs)', () => {
  assert.equal(readFileSync(join(ROOT, 'docs/layouts.md'), 'utf8'), layoutsMarkdown());
});


test('the one-pass marker scan scores every layout as testing each marker on its own does (property, and the seeds)', async () => {
  const fc = (await import('fast-check')).default;
  const naive = (text: string) => Object.fromEntries(LAYOUTS.map((l) => [l.id, l.markers.reduce((s, [re, w]) => (re.test(text) ? s + w : s), 0)]));
  // Pieces of the markers' own words (their CJK runs, whole and cut), so that random texts hit, overlap and near-miss them.
  const words = [...new Set(LAYOUTS.flatMap((l) => l.markers.flatMap(([re]) => re.source.match(/[\u4e00-\u9fa5]+/g) ?? [])))];
  const pieces = [...words, ...words.map((w) => w.slice(0, Math.ceil(w.length / 2))), ...words.map((w) => w.slice(1)), '①=②', '①=②+③', '（10分）', '数量指标（20分）', '0', '1', '%', '：', '其中', '，'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(recognizeLayout(text).scores, naive(text));
    }),
    { numRuns: 3000 },
  );
  const seeds = join(ROOT, 'examples/seeds');
  for (const f of readdirSync(seeds)) {
    const text = readFileSync(join(seeds, f), 'utf8').replace(/\s+/g, '');
    assert.deepEqual(recognizeLayout(text).scores, naive(text), f);
  }
});
