/**
 * The activity log: who did what, when, from where. Append-only — this module has no update and no delete, and the
 * database's trigger refuses both (and TRUNCATE) from anywhere else.
 */
import type { StoreContext } from './context.ts';
import type { Activity, JsonValue } from './database.ts';
import { toJson } from './json.ts';

export interface NewActivity {
  /** undefined for the system itself (the worker, first-start set-up). */
  readonly actorId?: string;
  /** What was done, e.g. "evaluation.save", "evaluation.return", "user.login". */
  readonly action: string;
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly detail?: JsonValue;
  /** The client's address as the server saw it. */
  readonly ip?: string;
  readonly userAgent?: string;
}

export interface ActivityFilter {
  readonly actorId?: string;
  readonly subjectType?: string;
  readonly subjectId?: string;
  /** Entries before this id (paging backwards). */
  readonly beforeId?: number;
  /** At most this many, newest first (default 100). */
  readonly limit?: number;
}

export function activityRepository({ db, clock }: StoreContext) {
  return {
    append(entry: NewActivity): Promise<Activity> {
      return db
        .insertInto('activityLog')
        .values({
          at: clock(),
          actorId: entry.actorId ?? null,
          action: entry.action,
          subjectType: entry.subjectType ?? null,
          subjectId: entry.subjectId ?? null,
          detail: toJson(entry.detail ?? {}),
          ip: entry.ip ?? null,
          userAgent: entry.userAgent ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Newest first. */
    list(filter: ActivityFilter = {}): Promise<Activity[]> {
      let q = db.selectFrom('activityLog').selectAll();
      if (filter.actorId !== undefined) q = q.where('actorId', '=', filter.actorId);
      if (filter.subjectType !== undefined) q = q.where('subjectType', '=', filter.subjectType);
      if (filter.subjectId !== undefined) q = q.where('subjectId', '=', filter.subjectId);
      if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId);
      return q.orderBy('id', 'desc').limit(filter.limit ?? 100).execute();
    },
  };
}

export type ActivityRepository = ReturnType<typeof activityRepository>;
