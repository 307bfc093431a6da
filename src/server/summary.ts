/**
 * A task's evaluations as one ranked list — what a reviewer with 300 documents opens first: department, state, the
 * version shown, self-score and recomputed score, grade, and error/warning counts. Read in four queries whatever the
 * number of evaluations (the scores were computed when each version was saved), each row only if the caller sees it.
 */
import { sql } from 'kysely';
import { compareRanking } from '../core/ranking.ts';
import { EVALUATION_STATE_INFO, canSee, remainingDays, visibleVersions } from '../core/workflow/index.ts';
import type { Repositories, Task, VersionSummary } from '../store/index.ts';
import type { SummaryRow } from '../core/wire.ts';
import type { Caller } from './context.ts';
import { refOf } from './services.ts';

export type { SummaryRow };

export async function taskSummary(store: Repositories, caller: Caller, task: Task, now: Date = new Date()): Promise<SummaryRow[]> {
  const evaluations = await store.evaluations.list({ taskId: task.id });
  const visible = evaluations.filter((e) => caller.actors.some((a) => canSee(a, refOf(e, task))));
  if (visible.length === 0) return [];
  const departments = new Map((await store.departments.list({ regionId: task.regionId })).map((d) => [d.id, d.name]));
  const ids = visible.map((e) => e.id);
  const submitted = await store.db
    .selectFrom('transitions')
    .select(['evaluationId', (eb) => eb.fn.max('atVersion').as('version'), (eb) => eb.fn.min('createdAt').as('firstAt')])
    .where('evaluationId', 'in', ids)
    .where('action', 'in', ['submit', 'receive'])
    .groupBy('evaluationId')
    .execute();
  const newestSubmitted = new Map(submitted.map((s) => [s.evaluationId, Number(s.version)]));
  const firstSubmitted = new Map(submitted.map((s) => [s.evaluationId, s.firstAt === null ? null : new Date(s.firstAt as string | Date)]));
  const lateBy = (at: Date) => Math.max(0, -(remainingDays(task, at) ?? 0));
  const shown = new Map(
    visible.map((e) => {
      const all = caller.actors.some((a) => visibleVersions(a, refOf(e, task)) === 'all');
      return [e.id, all ? e.currentVersion : (newestSubmitted.get(e.id) ?? 0)];
    }),
  );
  const pairs = visible.filter((e) => (shown.get(e.id) ?? 0) > 0);
  const summaries = new Map<string, VersionSummary | null>();
  if (pairs.length) {
    // Only the version shown of each (an evaluation saved a hundred times reads one row, not a hundred). The pairs go
    // as two arrays: a list of hundreds of row values is refused by PGlite ("cannot drop portal"), two arrays are not.
    const ids = pairs.map((e) => e.id);
    const versions = pairs.map((e) => shown.get(e.id) ?? 0);
    const rows = await store.db
      .selectFrom('evaluationVersions')
      .select(['evaluationId', 'version', 'summary'])
      .where(sql<boolean>`(${sql.ref('evaluationId')}, ${sql.ref('version')}) in (select * from unnest(${ids}::uuid[], ${versions}::int[]))`)
      .execute();
    for (const r of rows) if (shown.get(r.evaluationId) === r.version) summaries.set(r.evaluationId, r.summary);
  }
  const rows = visible.map((e) => {
    const info = EVALUATION_STATE_INFO[e.state];
    return {
      evaluationId: e.id,
      departmentId: e.departmentId,
      department: departments.get(e.departmentId) ?? '',
      state: e.state,
      stateZh: info.label.zh,
      stateEn: info.label.en,
      version: shown.get(e.id) ?? 0,
      updatedAt: e.updatedAt.toISOString(),
      submittedAt: firstSubmitted.get(e.id)?.toISOString() ?? null,
      daysLate: lateBy(firstSubmitted.get(e.id) ?? now),
      summary: summaries.get(e.id) ?? null,
    };
  });
  const NONE = { computedScore: null, selfScore: null, maxScore: null, errors: 0, warnings: 0 };
  rows.sort((a, b) => compareRanking(a.summary ?? NONE, b.summary ?? NONE) || a.department.localeCompare(b.department, 'zh'));
  return rows.map((r, i) => ({ rank: i + 1, ...r }));
}
