// Developer aid: node --import tsx scripts/check-example.ts FILE — validates an evaluation file and prints problems.
import { readFileSync } from 'node:fs';
import { formatPath } from '../src/core/problem.ts';
import { loadEvaluationText } from '../src/ingest/evaluation-file.ts';

for (const file of process.argv.slice(2)) {
  const r = loadEvaluationText(readFileSync(file, 'utf8'), file);
  if (r.ok) console.log(`${file}: OK`);
  else for (const p of r.problems) console.log(`${file}:${p.line ?? '?'}:${p.column ?? '?'} ${p.code} ${formatPath(p.path)} ${JSON.stringify(p.params)}`);
}
