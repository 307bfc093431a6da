// Whole-process figures, as a user meets them at the prompt: start-up of `jixiao --help` and `jixiao compute FILE`
// beside a bare `node -e ''`, and a DOCX render of the 001 report beside python-docx building the same document, each
// a fresh process. Runs are interleaved (a, b, c, a, b, c …) so that drift in the machine's speed hits all alike;
// medians are printed with their ratio to the bare start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const bin = join(root, 'bin/jixiao.js');
const example = join(root, 'examples/001-guangzhou-report-2023.yaml');

function timeOnce(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function interleaved(runs, cases) {
  const times = cases.map(() => []);
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => times[k].push(timeOnce(c.cmd, c.args())));
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { median: t[Math.floor(t.length / 2)], best: t[0], worst: t[t.length - 1] };
  });
}

const fmt = (r) => `median ${r.median.toFixed(0)} ms, best ${r.best.toFixed(0)} ms, worst ${r.worst.toFixed(0)} ms`;

export function startupBench({ runs = 15 } = {}) {
  console.log('');
  console.log(`start-up, whole process (${runs} interleaved runs each)`);
  const [bare, help, compute] = interleaved(runs, [
    { cmd: process.execPath, args: () => ['-e', ''] },
    { cmd: process.execPath, args: () => [bin, '--help'] },
    { cmd: process.execPath, args: () => [bin, 'compute', example] },
  ]);
  console.log(`${"node -e ''".padEnd(52)} ${fmt(bare)}`);
  console.log(`${'jixiao --help (target ≤ 2.5× node)'.padEnd(52)} ${fmt(help)}  → ${(help.median / bare.median).toFixed(2)}×`);
  console.log(`${'jixiao compute 001.yaml (target ≤ 4× node)'.padEnd(52)} ${fmt(compute)}  → ${(compute.median / bare.median).toFixed(2)}×`);
}

/** `doc` is the layout document of the 001 report as bench/render-reference.py reads it (JSON blocks). */
export function docxProcessBench(docJson, { runs = 9 } = {}) {
  const py = '/usr/bin/python3';
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-startup-bench-'));
  try {
    const hasDocx = existsSync(py) && spawnSync(py, ['-c', 'import docx'], { stdio: 'ignore' }).status === 0;
    writeFileSync(join(dir, 'doc.json'), JSON.stringify(docJson));
    const cases = [{ cmd: process.execPath, args: () => [bin, 'render', example, '--format', 'docx', '-o', join(dir, 'jixiao.docx'), '--force'] }];
    if (hasDocx) cases.push({ cmd: py, args: () => [new URL('render-reference.py', import.meta.url).pathname, join(dir, 'doc.json'), '0', join(dir, 'python.docx')] });
    const [jx, pd] = interleaved(runs, cases);
    console.log('');
    console.log(`DOCX of the 001 report, whole process (${runs} interleaved runs each)`);
    console.log(`${'jixiao render 001.yaml --format docx'.padEnd(52)} ${fmt(jx)}  (reads YAML, validates, computes, lays out, writes)`);
    if (pd) {
      console.log(`${'python3 render-reference.py (python-docx)'.padEnd(52)} ${fmt(pd)}  (builds the same blocks and tables)`);
      console.log(`${'ratio jixiao ÷ python-docx, whole process'.padEnd(52)} ${(jx.median / pd.median).toFixed(2)}×`);
    } else console.log('python-docx reference: skipped (apt-get install python3-docx)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
