/**
 * An evaluation's workflow state and its history. Which moves are allowed, and for whom, is the core workflow's rule:
 * `transition()` in src/core/workflow gives the new state and its HistoryEntry. The store records that entry in one
 * transaction, and only if the evaluation is still where the caller saw it (the entry's `from` state, and the
 * version when given) — otherwise it returns a conflict and writes nothing.
 */
import type { HistoryEntry } from '../core/workflow/transitions.ts';
import type { StoreContext } from './context.ts';
import { inTransaction } from './context.ts';
import type { Evaluation, Transition } from './database.ts';
import { isId } from './ids.ts';
import { toJson } from './json.ts';

export interface MoveOptions {
  /** The version the actor looked at (a submission names what it submits); the move fails if a save came since. */
  readonly atVersion?: number;
}

export type MoveResult =
  | { readonly kind: 'moved'; readonly transition: Transition; readonly evaluation: Evaluation }
  /** The evaluation is no longer in `entry.from`, or no longer at `atVersion`: nothing was written. */
  | { readonly kind: 'conflict'; readonly evaluation: Evaluation }
  | { readonly kind: 'not-found' };

/** A stored move as the core's history entry (what `latestReturn`, `isCorrection` and the reasons placement read). */
export function historyEntryOf(t: Transition): HistoryEntry {
  return {
    action: t.action,
    from: t.fromState,
    to: t.toState,
    userId: t.actorId,
    role: t.actorRole,
    at: t.createdAt.toISOString(),
    ...(t.reasons !== null ? { reasons: t.reasons } : {}),
    ...(t.reason !== null ? { reason: t.reason } : {}),
    ...(t.errorCount !== null ? { errorCount: t.errorCount } : {}),
    ...(t.overrideReason !== null ? { overrideReason: t.overrideReason } : {}),
  };
}

export function transitionsRepository({ db }: StoreContext) {
  return {
    /** Records the core's HistoryEntry and moves the evaluation to `entry.to`; the entry's `at` is the row's time. */
    move(evaluationId: string, entry: HistoryEntry, options: MoveOptions = {}): Promise<MoveResult> {
      return inTransaction(db, async (trx): Promise<MoveResult> => {
        if (!isId(evaluationId)) return { kind: 'not-found' };
        const current = await trx.selectFrom('evaluations').selectAll().where('id', '=', evaluationId).forUpdate().executeTakeFirst();
        if (!current) return { kind: 'not-found' };
        if (current.state !== entry.from || (options.atVersion !== undefined && current.currentVersion !== options.atVersion)) return { kind: 'conflict', evaluation: current };
        const at = new Date(entry.at);
        const transition = await trx
          .insertInto('transitions')
          .values({
            evaluationId,
            action: entry.action,
            fromState: entry.from,
            toState: entry.to,
            actorId: entry.userId,
            actorRole: entry.role,
            atVersion: current.currentVersion,
            reasons: entry.reasons ? toJson(entry.reasons) : null,
            reason: entry.reason ?? null,
            errorCount: entry.errorCount ?? null,
            overrideReason: entry.overrideReason ?? null,
            createdAt: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const evaluation = await trx.updateTable('evaluations').set({ state: entry.to, updatedAt: at }).where('id', '=', evaluationId).returningAll().executeTakeFirstOrThrow();
        return { kind: 'moved', transition, evaluation };
      });
    },

    /** Every move of the evaluation, oldest first. */
    async history(evaluationId: string): Promise<Transition[]> {
      if (!isId(evaluationId)) return [];
      return db.selectFrom('transitions').selectAll().where('evaluationId', '=', evaluationId).orderBy('id').execute();
    },

    /** The newest return (退回) with its reasons, to show them beside the fields; undefined if never returned. */
    async lastReturn(evaluationId: string): Promise<Transition | undefined> {
      if (!isId(evaluationId)) return undefined;
      return db.selectFrom('transitions').selectAll().where('evaluationId', '=', evaluationId).where('action', '=', 'return').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },
  };
}

export type TransitionsRepository = ReturnType<typeof transitionsRepository>;
