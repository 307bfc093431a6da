// The command as users run it: `bin/jixiao.js` loads dist/bundle/main.js, our code with zod and yaml in a few files.
// Why a bundle beside tsc's dist/: Node 20 spends most of a command's start-up resolving and compiling ~300 small
// modules (zod and yaml alone ~150 ms); one bundle per command brings `--help` and `compute` close to a bare Node start
// (bench: start-up). The large libraries that only some commands load (pdf.js, docx, exceljs, piscina …) stay
// external: each loads from node_modules when a command first needs it, as before.
// Layout: every output file sits in dist/bundle/, two levels below the package root, like the modules of dist/ — so
// `new URL('../../', import.meta.url)` finds rubrics/ and examples/, and the pool finds ./document-worker.js.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const outdir = new URL('../dist/bundle/', import.meta.url);

/**
 * zod's 40 message locales are 366 KB of the bundle that jixiao never shows (its own zh/en catalogue, messages.ts,
 * words every problem); V8 compiles them at every start. zod sets English up from its own en.js, which stays.
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) => (args.importer.includes('/node_modules/zod/') ? { path: 'zod-locales', namespace: 'jixiao-empty' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'jixiao-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  entryPoints: { main: 'src/cli/main.ts', 'document-worker': 'src/ingest/pool/document-worker.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  // PGlite loads its WebAssembly and data files from beside its own module: it must stay in node_modules.
  external: ['pdfjs-dist', 'piscina', 'exceljs', 'docx', 'parse5', 'csv-parse', 'chardet', 'fflate', '@electric-sql/pglite', 'pg', '@hono/node-server'],
  // Why: yaml's Node build is CommonJS and calls require(); ESM output has no require of its own.
  banner: { js: "import { createRequire as __jixiaoCreateRequire } from 'node:module'; const require = __jixiaoCreateRequire(import.meta.url);" },
  legalComments: 'none',
  plugins: [withoutZodLocales],
  logLevel: 'warning',
});
