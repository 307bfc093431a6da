/**
 * Shapes that cross the wire between the server and the web app, declared once here (both import the core; neither
 * imports the other): what a task's summary lists of a version, a row of the ranked task list, and one problem of a
 * refused request.
 */

/** What a task's summary lists of a version, computed once when it is saved. Scores are exact decimal text. */
export interface VersionSummary {
  readonly department: string | null;
  readonly year: number | null;
  readonly documentKind: string;
  readonly rubric: string | null;
  readonly selfScore: string | null;
  readonly computedScore: string | null;
  readonly maxScore: string | null;
  readonly grade: string | null;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** 预算执行率 as a percentage with two decimals ("98.12"), by the layout's formula; absent in versions saved before. */
  readonly executionRate?: string | null;
}

/** One row of a task's ranked list (GET /api/tasks/{id}/evaluations). */
export interface SummaryRow {
  readonly rank: number;
  readonly evaluationId: string;
  readonly departmentId: string;
  readonly department: string;
  readonly state: string;
  readonly stateZh: string;
  readonly stateEn: string;
  /** The version these figures are of (the newest the caller may read); 0 when none. */
  readonly version: number;
  readonly updatedAt: string;
  /** When it was first submitted (or received by the bureau); null while never submitted. */
  readonly submittedAt: string | null;
  /**
   * Calendar days past the task's closing date (in the task's zone) at the first submission — or, while still not
   * submitted, today; 0 when on time or not yet due.
   */
  readonly daysLate: number;
  readonly summary: VersionSummary | null;
}

/** One problem of a refused request (problem details `errors[]`), at its field ("budget.actualSpending.value"). */
export interface ProblemItem {
  readonly code: string;
  readonly path: string;
  readonly zh: string;
  readonly en: string;
  readonly fixZh?: string;
  readonly fixEn?: string;
}
