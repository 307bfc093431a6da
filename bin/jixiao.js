#!/usr/bin/env node
// The jixiao command. Runs the compiled CLI (npm install builds it via the prepare script).
import { existsSync } from 'node:fs';

// The bundle (scripts/bundle.mjs) starts in a fraction of the time of the ~300 modules of dist/cli/.
const entry = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('✗ jixiao 尚未构建：请在项目目录运行 npm install（或 npm run build）\n  jixiao is not built yet: run npm install (or npm run build) in the project folder\n');
  process.exit(1);
}
// Why: `jixiao … | head` closes the pipe early; that is the reader's choice, not a fault.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
