/**
 * The layout corpus (test/fixtures/corpus): invented documents in the shapes of other provinces' forms, each read as
 * text and as the DOCX and PDF LibreOffice makes of it (scripts/corpus/documents.ts; one soffice call per format for
 * all documents, cached between runs). Field accuracy and layout recognition per layout and format, the share of
 * planted faults the audit finds, and the error findings on clean documents must not fall past the levels kept in
 * test/fixtures/corpus/floors.json — a regression guard: raise the floors (`npm run accuracy -- --write-floors`) as
 * extraction improves.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { LAYOUT_IDS } from '../src/core/layouts/index.ts';
import { type OfficeFormat, hasSoffice, officeVersions } from '../scripts/corpus/documents.ts';
import {
  type CorpusCase,
  type CorpusFormat,
  type CorpusLevels,
  type FieldCheck,
  FLOORS_FILE,
  type Floors,
  accuracy,
  auditDocument,
  belowFloors,
  corpusCases,
  measureDocument,
} from './accuracy.ts';
import { ROOT } from './helpers.ts';

const cases = corpusCases();
const floors = JSON.parse(readFileSync(FLOORS_FILE, 'utf8')) as Floors;
const office = hasSoffice();

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Field accuracy and layout recognition per layout for one format; with `audit`, also the share of planted faults
 * found in the faulted twins and the error findings on the clean documents (text only: the twins are texts).
 */
async function measure(format: CorpusFormat, fileOf: (c: CorpusCase) => string, audit = false): Promise<CorpusLevels> {
  const checks = new Map<string, FieldCheck[]>();
  const recognised = new Map<string, number[]>();
  const planted = new Map<string, [number, number]>();
  let cleanFalseErrors = 0;
  for (const c of cases) {
    const file = fileOf(c);
    const m = await measureDocument(new Uint8Array(readFileSync(file)), format === 'text' ? file : `${c.id}.${format}`, c.answer, audit ? [] : undefined);
    checks.set(c.layout, [...(checks.get(c.layout) ?? []), ...m.checks]);
    recognised.set(c.layout, [...(recognised.get(c.layout) ?? []), m.kind === c.answer.documentKind ? 1 : 0]);
    if (!audit) continue;
    cleanFalseErrors += m.audit?.falseErrors.length ?? 0;
    const a = await auditDocument(new Uint8Array(readFileSync(c.faulty)), c.faulty, c.faults);
    const [found, n] = planted.get(c.layout) ?? [0, 0];
    planted.set(c.layout, [found + a.found, n + a.planted]);
  }
  return {
    fields: Object.fromEntries([...checks].map(([l, xs]) => [l, { [format]: accuracy(xs) }])),
    recognition: Object.fromEntries([...recognised].map(([l, xs]) => [l, { [format]: xs.reduce((a, b) => a + b, 0) / xs.length }])),
    auditFound: Object.fromEntries([...planted].map(([l, [found, n]]) => [l, n ? found / n : 1])),
    cleanFalseErrors,
  };
}

describe('layout corpus', () => {
  it('holds at least 22 documents in the 8 layouts of issue 12, each answer naming a registered layout', () => {
    assert.ok(cases.length >= 22, `${cases.length} documents`);
    const layouts = new Set(cases.map((c) => c.layout));
    for (const l of ['project-form', 'funding-structure-form', 'execution-score-form', 'weighted-section-form', 'system-export', 'prose-report', 'gz-form', 'framework-report']) assert.ok(layouts.has(l), l);
    for (const c of cases) {
      assert.equal(c.answer.documentKind, c.layout, c.id);
      assert.ok(LAYOUT_IDS.includes(c.layout), c.id);
      assert.ok(c.faults.length >= 2 && c.faults.length <= 4, `${c.id}: ${c.faults.length} planted faults`);
    }
  });

  it('is what scripts/corpus/make-corpus.py writes (the twins differ only by the planted edits)', { skip: hasPython() ? false : 'python3 not found' }, () => {
    execFileSync('python3', ['scripts/corpus/make-corpus.py', '--check'], { cwd: ROOT, stdio: 'pipe' });
  });

  it('keeps a floor for every layout and format', () => {
    for (const l of new Set(cases.map((c) => c.layout))) {
      for (const f of ['text', 'docx', 'pdf'] as const) {
        assert.ok(floors.fields[l]?.[f] !== undefined, `fields ${l} ${f}`);
        assert.ok(floors.recognition[l]?.[f] !== undefined, `recognition ${l} ${f}`);
      }
      assert.ok(floors.auditFound[l] !== undefined, `auditFound ${l}`);
    }
  });

  it('a level under its floor is reported (the guard can fail)', () => {
    const measured: CorpusLevels = { fields: { 'project-form': { text: 0.5 } }, recognition: { 'project-form': { text: 1 } }, auditFound: { 'project-form': 0.2 }, cleanFalseErrors: 3 };
    const kept: CorpusLevels = { fields: { 'project-form': { text: 0.9 } }, recognition: { 'project-form': { text: 1 } }, auditFound: { 'project-form': 0.5 }, cleanFalseErrors: 1 };
    assert.deepEqual(belowFloors(measured, kept, ['text']), [
      'fields project-form text: 50.0% below the floor 90.0%',
      'auditFound project-form: 20.0% of the planted faults found, below the floor 50.0%',
      'cleanFalseErrors: 3 error findings on clean documents, above the ceiling 1',
    ]);
    assert.deepEqual(belowFloors(kept, kept, ['text']), []);
  });

  it('text: fields, layouts and audit are not below the floors', async () => {
    assert.deepEqual(belowFloors(await measure('text', (c) => c.text, true), floors, ['text']), []);
  });

  describe('office files made by LibreOffice', { skip: office ? false : 'soffice not found' }, () => {
    let files = new Map<string, Partial<Record<OfficeFormat, string>>>();
    before(async () => {
      files = await officeVersions(new Map(cases.map((c) => [c.id, readFileSync(c.text, 'utf8')])), ['docx', 'pdf']);
    });
    for (const format of ['docx', 'pdf'] as const) {
      it(`${format}: fields and layouts are not below the floors`, async () => {
        assert.deepEqual(belowFloors(await measure(format, (c) => files.get(c.id)![format]!), floors, [format]), []);
      });
    }
  });
});
