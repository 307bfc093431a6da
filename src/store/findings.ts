/** Audit findings (src/core/audit) about one version of an evaluation. */
import type { ExpressionBuilder } from 'kysely';
import type { Finding } from '../core/audit/types.ts';
import type { StoreContext } from './context.ts';
import { inTransaction } from './context.ts';
import type { Database, StoredFinding } from './database.ts';
import { isId, newId } from './ids.ts';
import { toJson } from './json.ts';

export function findingsRepository({ db, clock }: StoreContext) {
  return {
    /** Replaces the findings of a version with the audit's latest result (a re-audit after new rules replaces them). */
    record(evaluationId: string, version: number, findings: readonly Finding[]): Promise<StoredFinding[]> {
      return inTransaction(db, async (trx) => {
        await trx.deleteFrom('findings').where('evaluationId', '=', evaluationId).where('version', '=', version).execute();
        if (findings.length === 0) return [];
        const now = clock();
        return trx
          .insertInto('findings')
          .values(findings.map((f) => ({ id: newId(), evaluationId, version, rule: f.rule, severity: f.severity, category: f.category, data: toJson(f), createdAt: now })))
          .returningAll()
          .execute();
      });
    },

    /** The findings of one version, in the order the audit gave them; of every version when `version` is left out. */
    async list(evaluationId: string, version?: number): Promise<StoredFinding[]> {
      if (!isId(evaluationId)) return [];
      let q = db.selectFrom('findings').selectAll().where('evaluationId', '=', evaluationId);
      if (version !== undefined) q = q.where('version', '=', version);
      // Severity, then rule: the audit's own order (src/core/audit/index.ts); ids are random and order nothing.
      const rank = (eb: ExpressionBuilder<Database, 'findings'>) => eb.case().when('severity', '=', 'error').then(0).when('severity', '=', 'warning').then(1).else(2).end();
      return q.orderBy('version').orderBy(rank).orderBy('rule').orderBy('id').execute();
    },
  };
}

export type FindingsRepository = ReturnType<typeof findingsRepository>;
