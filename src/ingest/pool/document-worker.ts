/** A worker of the document pool (documents.ts): runs one job and returns its plain result. */
import { auditSource } from '../audit-file.ts';
import { importSource, importSourceOutcome, loadEvaluationOrDocument, loadedFromOutcome } from '../document-file.ts';
import type { DocumentJob } from './documents.ts';

export default async function run(job: DocumentJob): Promise<unknown> {
  switch (job.op) {
    case 'import':
      return importSource(job.source, job.lang);
    case 'audit':
      return auditSource(job.source, job.options);
    case 'load': {
      if (!job.audit) return loadEvaluationOrDocument(job.source);
      // A review letter needs the evaluation and its audit: the document is read once for both.
      const outcome = await importSourceOutcome(job.source);
      const loaded = loadedFromOutcome(outcome);
      return loaded.ok ? { ...loaded, audit: await auditSource(job.source, job.audit, outcome) } : loaded;
    }
  }
}
