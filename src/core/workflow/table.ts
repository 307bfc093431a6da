/**
 * The machinery both transition tables share (evaluations and tasks): a row is declared data — from, action, to, the
 * roles that may take it, the preconditions by id — and one pure `decide` looks a move up in a table. A forbidden move
 * is a value (a Problem with a code from the catalogue), never a thrown error.
 */
import type { LocalText } from '../formulas/types.ts';
import { type Problem, problem } from '../problem.ts';
import { type Actor, type Role, roleParams, rolesText } from './roles.ts';

export interface TransitionRow<S extends string, A extends string, P extends string> {
  readonly from: S;
  readonly action: A;
  readonly to: S;
  /** The roles that may take it (each within its scope: see roles.ts). */
  readonly roles: readonly Role[];
  /** Precondition ids, checked in order after role and scope. */
  readonly preconditions: readonly P[];
  /** Why the row is as it is, for docs/workflow.md. */
  readonly note?: LocalText;
}

export interface PreconditionInfo<C> {
  readonly description: LocalText;
  /** undefined when it holds, else the problem to show. */
  readonly check: (context: C) => Problem | undefined;
}

export type Decision<R> = { readonly ok: true; readonly row: R } | { readonly ok: false; readonly problem: Problem };

export interface TableLabels<S extends string, A extends string> {
  readonly subject: LocalText;
  readonly states: Readonly<Record<S, { readonly label: LocalText }>>;
  readonly actions: Readonly<Record<A, { readonly label: LocalText }>>;
}

/** The row of (from, action), or undefined. Tables are checked to hold at most one (see the tests). */
export function rowOf<S extends string, A extends string, P extends string>(table: readonly TransitionRow<S, A, P>[], from: S, action: A): TransitionRow<S, A, P> | undefined {
  return table.find((r) => r.from === from && r.action === action);
}

/**
 * Whether `actor` may take `action` from state `from`: the row must exist, the role be one the row names, the subject
 * lie in the actor's scope (`scope` is that check's result), and every precondition hold — checked in this order, so
 * the problem names the first thing that stands in the way.
 */
export function decide<S extends string, A extends string, P extends string, C>(
  table: readonly TransitionRow<S, A, P>[],
  labels: TableLabels<S, A>,
  preconditions: Readonly<Record<P, PreconditionInfo<C>>>,
  actor: Actor,
  action: A,
  from: S,
  scope: () => Problem | undefined,
  context: C,
): Decision<TransitionRow<S, A, P>> {
  const base = { subjectZh: labels.subject.zh, subjectEn: labels.subject.en };
  const actionInfo = labels.actions[action] as { readonly label: LocalText } | undefined;
  if (!actionInfo) return { ok: false, problem: problem('workflow-unknown-action', [], { ...base, action: String(action) }) };
  const act = { action, actionZh: actionInfo.label.zh, actionEn: actionInfo.label.en };
  const stateInfo = labels.states[from] as { readonly label: LocalText } | undefined;
  if (!stateInfo) return { ok: false, problem: problem('workflow-unknown-state', [], { ...base, state: String(from) }) };
  const row = rowOf(table, from, action);
  if (!row) return { ok: false, problem: problem('workflow-action-not-available', [], { ...base, ...act, state: from, stateZh: stateInfo.label.zh, stateEn: stateInfo.label.en }) };
  if (!row.roles.includes(actor.role)) {
    return { ok: false, problem: problem('workflow-role-not-allowed', [], { ...base, ...act, ...roleParams(actor.role), allowedZh: rolesText(row.roles, 'zh'), allowedEn: rolesText(row.roles, 'en') }) };
  }
  const outOfScope = scope();
  if (outOfScope) return { ok: false, problem: outOfScope };
  for (const id of row.preconditions) {
    const failed = preconditions[id].check(context);
    if (failed) return { ok: false, problem: failed };
  }
  return { ok: true, row };
}

/** Non-empty after trimming. */
export const hasText = (s: string | undefined): s is string => s !== undefined && s.trim().length > 0;
