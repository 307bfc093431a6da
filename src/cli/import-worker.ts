/** Worker thread for `jixiao import`: reads one file, imports it, posts the JSON-able result back. */
import { parentPort } from 'node:worker_threads';
import { importFile } from '../ingest/document-file.ts';
import { problemToJson } from '../ingest/report.ts';
import type { ImportJob } from './pool.ts';

parentPort?.on('message', (job: ImportJob) => {
  importFile(job.file, job.lang).then(
    (r) => parentPort?.postMessage(r),
    (e: unknown) => parentPort?.postMessage({ ok: false, file: job.file, problems: [problemToJson({ code: 'import-failed', path: [], params: { detail: (e as Error).message } }, job.lang)] }),
  );
});
