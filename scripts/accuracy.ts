/**
 * npm run accuracy — the importer's field accuracy on each seed against the answer files written by reading the
 * seeds (test/fixtures/answers), for the text seed and for its DOCX, PDF and XLSX renderings.
 * --verbose lists every wrong field.
 */
import { readFileSync } from 'node:fs';
import { summarize } from '../src/core/summary.ts';
import { builtInRubrics } from '../src/ingest/document-file.ts';
import { importDocument } from '../src/ingest/import.ts';
import { type FieldCheck, accuracy, compareSummary, seedCases } from '../test/accuracy.ts';

const verbose = process.argv.includes('--verbose');
const formats = ['text', 'docx', 'pdf', 'xlsx'] as const;
const totals: Record<string, FieldCheck[]> = { text: [], docx: [], pdf: [], xlsx: [] };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

console.log('jixiao accuracy — importer vs answer files (test/fixtures/answers), fields correct / fields\n');
console.log(`${'seed'.padEnd(6)}${formats.map((f) => f.padStart(16)).join('')}`);
const wrong: string[] = [];
for (const c of seedCases()) {
  const cells: string[] = [];
  for (const f of formats) {
    const file = c.files[f];
    if (!file) {
      cells.push('—'.padStart(16));
      continue;
    }
    const r = await importDocument(new Uint8Array(readFileSync(file)), file, { rubrics: builtInRubrics() });
    if (!r.ok || !r.evaluation) {
      cells.push('failed'.padStart(16));
      wrong.push(`${c.id} ${f}: ${r.ok ? 'no evaluation' : r.problems.map((p) => p.code).join(',')}`);
      continue;
    }
    const checks = compareSummary(c.answer, summarize(r.evaluation));
    totals[f]!.push(...checks);
    const ok = checks.filter((x) => x.ok).length;
    cells.push(`${pct(accuracy(checks))} ${ok}/${checks.length}`.padStart(16));
    for (const x of checks) if (!x.ok) wrong.push(`${c.id} ${f} ${x.field}: expected ${JSON.stringify(x.expected)}, got ${JSON.stringify(x.actual)}`);
  }
  console.log(`${c.id.padEnd(6)}${cells.join('')}`);
}
console.log(`${'all'.padEnd(6)}${formats.map((f) => (totals[f]!.length ? `${pct(accuracy(totals[f]!))} ${totals[f]!.filter((x) => x.ok).length}/${totals[f]!.length}` : '—').padStart(16)).join('')}`);
if (verbose || wrong.length <= 12) {
  console.log(wrong.length ? `\nwrong (${wrong.length}):` : '\nno wrong fields');
  for (const w of wrong) console.log(`  ${w}`);
} else console.log(`\n${wrong.length} wrong fields; --verbose lists them`);
