/**
 * Reading documents through the one worker pool: import (the evaluation data and its extraction report), audit (the
 * audit report), and load (an evaluation to summarise or render, with its audit when a review letter needs it).
 * Evaluation files (YAML/JSON, our own format, read with size and alias limits) load in the calling thread: starting a
 * worker for them would only slow `summary` and `render` down.
 */
import { extname } from 'node:path';
import type { Lang } from '../../core/messages.ts';
import type { Problem } from '../../core/problem.ts';
import type { AuditOptions, AuditResultJson } from '../audit-file.ts';
import type { LoadedAny } from '../document-file.ts';
import { type DocumentSource, sourceName } from '../document-source.ts';
import { problemToJson } from '../report.ts';
import type { ImportResultJson } from '../report.ts';
import { type PoolLimits, type RunOptions, type Settled, WorkerPool, limitsFromEnv, workerUrl } from './pool.ts';

export type DocumentJob =
  | { readonly op: 'import'; readonly source: DocumentSource; readonly lang: Lang }
  | { readonly op: 'audit'; readonly source: DocumentSource; readonly options: AuditOptions }
  | { readonly op: 'load'; readonly source: DocumentSource; readonly audit?: AuditOptions };

export type LoadedWithAudit = LoadedAny & { readonly audit?: AuditResultJson };

const DATA_EXT = new Set(['.yaml', '.yml', '.json']);

export class DocumentPool {
  private readonly pool: WorkerPool<DocumentJob, unknown>;

  constructor(limits: PoolLimits = limitsFromEnv()) {
    this.pool = new WorkerPool(workerUrl('document-worker', import.meta.url), limits);
  }

  get limits(): PoolLimits {
    return this.pool.limits;
  }

  async import(source: DocumentSource, lang: Lang, options?: RunOptions): Promise<ImportResultJson> {
    const r = (await this.pool.run({ op: 'import', source, lang }, options)) as Settled<ImportResultJson>;
    return r.ok ? r.value : { ok: false, file: sourceName(source), problems: [problemToJson({ ...r.problem, file: sourceName(source) }, lang)] };
  }

  async audit(source: DocumentSource, options: AuditOptions, run?: RunOptions): Promise<AuditResultJson> {
    const r = (await this.pool.run({ op: 'audit', source, options }, run)) as Settled<AuditResultJson>;
    return r.ok ? r.value : { ok: false, file: sourceName(source), problems: [problemToJson({ ...r.problem, file: sourceName(source) }, options.lang)] };
  }

  /** An evaluation file (here) or a document (on a worker), and its audit when `audit` is given. */
  async load(source: DocumentSource, audit?: AuditOptions, run?: RunOptions): Promise<LoadedWithAudit> {
    const name = sourceName(source);
    const named = (p: Problem): Problem => ({ ...p, file: p.file ?? name });
    if ('file' in source && DATA_EXT.has(extname(source.file).toLowerCase())) {
      const { loadEvaluationFile } = await import('../files.ts');
      const r = loadEvaluationFile(source.file);
      const loaded: LoadedAny = r.ok ? { ok: true, evaluation: r.evaluation, warnings: [] } : { ok: false, problems: r.problems.map(named) };
      if (!loaded.ok || !audit) return loaded;
      return { ...loaded, audit: await this.audit(source, audit, run) };
    }
    const r = (await this.pool.run({ op: 'load', source, ...(audit ? { audit } : {}) }, run)) as Settled<LoadedWithAudit>;
    return r.ok ? r.value : { ok: false, problems: [named(r.problem)] };
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

/** Runs `fn` with a pool that is destroyed afterwards, whatever happens. */
export async function withDocumentPool<T>(limits: PoolLimits | undefined, fn: (pool: DocumentPool) => Promise<T>): Promise<T> {
  const pool = new DocumentPool(limits);
  try {
    return await fn(pool);
  } finally {
    await pool.destroy();
  }
}
