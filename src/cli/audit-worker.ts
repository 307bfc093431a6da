/** Worker thread for `jixiao audit`: audits one file, posts the JSON-able result back. */
import { parentPort } from 'node:worker_threads';
import { type AuditOptions, auditFile } from '../ingest/audit-file.ts';
import { problemToJson } from '../ingest/report.ts';

export interface AuditJob extends AuditOptions {
  readonly file: string;
}

parentPort?.on('message', (job: AuditJob) => {
  auditFile(job.file, job).then(
    (r) => parentPort?.postMessage(r),
    (e: unknown) => parentPort?.postMessage({ ok: false, file: job.file, problems: [problemToJson({ code: 'import-failed', path: [], params: { detail: (e as Error).message } }, job.lang)] }),
  );
});
