/**
 * The tables as Kysely sees them (docs/storage.md describes each). Columns are snake_case in the database and
 * camelCase here (Kysely's CamelCasePlugin translates). Types read the same on both dialects (dialects/type-parsers.ts):
 * numeric → exact decimal string, bigint → safe number, bytea → Uint8Array, date → "YYYY-MM-DD", timestamptz → Date,
 * jsonb → parsed JSON.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Category, Finding, Severity } from '../core/audit/types.ts';
import type { ReturnReason } from '../core/workflow/reasons.ts';
import type { Role } from '../core/workflow/roles.ts';
import type { EvaluationState, TaskState } from '../core/workflow/states.ts';
import type { Action } from '../core/workflow/transitions.ts';

/** JSON text of a value of type T: what a jsonb column takes on insert (see json.ts for why text). */
export type JsonText<T> = string & { readonly __json?: T };

/** A jsonb column holding T: read as T, written as its JSON text. */
export type Jsonb<T> = ColumnType<T, JsonText<T>, JsonText<T>>;
export type JsonbOrNull<T> = ColumnType<T | null, JsonText<T> | null, JsonText<T> | null>;

/** JSON as stored: what `JSON.parse` gives. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** An exact decimal as text, e.g. "12345678901234567890.123456789012" (numeric column). */
export type DecimalText = string;

/** 财政局 — a finance bureau and the region it serves (province, city, district). */
export interface RegionTable {
  id: string;
  /** 行政区划代码, when known. */
  code: string | null;
  name: string;
  parentId: string | null;
  createdAt: Date;
}

/** 一级预算部门 (parentId null) or 下属单位 (parentId its department). */
export interface DepartmentTable {
  id: string;
  regionId: string;
  parentId: string | null;
  /** 单位编码, when known. */
  code: string | null;
  name: string;
  createdAt: Date;
}

export interface UserTable {
  id: string;
  login: string;
  displayName: string;
  /** A self-describing hash (e.g. scrypt's PHC string) written by the server; null until a password is set. */
  passwordHash: string | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One role held by one user in one scope: a department, a region, or a task (third-party reviewer). */
export interface UserRoleTable {
  id: string;
  userId: string;
  role: Role;
  departmentId: string | null;
  regionId: string | null;
  taskId: string | null;
  grantedBy: string | null;
  createdAt: Date;
}

export const TASK_SUBJECTS = ['department', 'project'] as const;
/** 部门整体 or 项目 self-evaluation. */
export type TaskSubject = (typeof TASK_SUBJECTS)[number];

/**
 * 绩效自评任务: issued by a finance bureau for a year, a rubric and a layout, to the departments in its scope. A row
 * is the core's workflow Task (src/core/workflow/task.ts) by structure, plus title, layout and bookkeeping.
 */
export interface TaskTable {
  id: string;
  regionId: string;
  year: number;
  subject: TaskSubject;
  title: string;
  layoutId: string;
  rubricId: string;
  /** First day of submissions, "YYYY-MM-DD" in the task's zone (a date column, read as text on both dialects). */
  opensOn: string;
  /** Last day of submissions, inclusive. */
  closesOn: string;
  /** The task's zone as minutes east of UTC (480: China Standard Time). */
  utcOffsetMinutes: number;
  state: TaskState;
  createdBy: string | null;
  createdAt: Date;
}

/** The task's scope: the departments it is issued to. */
export interface TaskDepartmentTable {
  taskId: string;
  departmentId: string;
}

/** One department's evaluation within one task; its content lives in immutable versions. */
export interface EvaluationTable {
  id: string;
  taskId: string;
  departmentId: string;
  state: EvaluationState;
  /** The latest version's number; 0 before the first save. */
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Every save of an evaluation: never updated, never deleted (a trigger refuses both). */
export interface EvaluationVersionTable {
  evaluationId: string;
  version: number;
  authorId: string;
  createdAt: Date;
  /** The evaluation model as src/core/model/serialize.ts writes it: amounts as exact decimal strings. */
  data: Jsonb<JsonValue>;
  /** Field paths that differ from the version before, e.g. ["budget.actualSpending", "projects[2].name"]. */
  changedPaths: Jsonb<readonly string[]>;
  /** Scores, grade and finding counts of this version as the server computed them on save (schema 2; null before). */
  summary: ColumnType<VersionSummary | null, JsonText<VersionSummary> | null | undefined, never>;
}

export type { VersionSummary } from '../core/wire.ts';
import type { VersionSummary } from '../core/wire.ts';

/**
 * The evaluation's workflow history: one row per move, append-only. The columns are the core's HistoryEntry
 * (src/core/workflow/transitions.ts), plus the version the evaluation was at.
 */
export interface TransitionTable {
  id: Generated<number>;
  evaluationId: string;
  action: Action;
  fromState: EvaluationState;
  toState: EvaluationState;
  actorId: string;
  actorRole: Role;
  /** The version the evaluation was at when it moved (what was submitted, returned, approved). */
  atVersion: number;
  /** A return's reasons (退回理由), each beside its field or rubric item; null for other moves. */
  reasons: JsonbOrNull<readonly ReturnReason[]>;
  /** Why (withdraw, reopen). */
  reason: string | null;
  /** A submission's error findings that stood, and the preparer's reason for submitting anyway. */
  errorCount: number | null;
  overrideReason: string | null;
  createdAt: Date;
}

/** An uploaded original document, kept once per content (SHA-256 of its bytes, hex). */
export interface DocumentTable {
  hash: string;
  fileName: string;
  mediaType: string | null;
  sizeBytes: number;
  bytes: Uint8Array;
  extractionReport: JsonbOrNull<JsonValue>;
  uploadedBy: string | null;
  createdAt: Date;
}

/** Which documents an evaluation came from (the same bytes may arrive under another name). */
export interface EvaluationDocumentTable {
  evaluationId: string;
  documentHash: string;
  fileName: string;
  addedBy: string | null;
  createdAt: Date;
}

/** One audit finding about one version of an evaluation. */
export interface FindingTable {
  id: string;
  evaluationId: string;
  version: number;
  rule: string;
  severity: Severity;
  category: Category;
  /** The whole finding as the core's audit gives it (message, printed, computed, locations). */
  data: Jsonb<Finding>;
  createdAt: Date;
}

/** 整改要求: one requirement to put right, with the field it concerns when there is one. */
export interface Rectification {
  readonly text: string;
  readonly path?: string;
}

/** 审核意见 on one version: the overall opinion and 整改 requirements; item scores in review_item_scores. */
export interface ReviewOpinionTable {
  id: string;
  evaluationId: string;
  version: number;
  reviewerId: string;
  overallOpinion: string;
  rectifications: Jsonb<readonly Rectification[]>;
  createdAt: Date;
}

/** A reviewer's adjusted score for one rubric item, with the reason. */
export interface ReviewItemScoreTable {
  opinionId: string;
  rubricItemId: string;
  /** Points, exact (numeric). */
  adjustedScore: DecimalText;
  reason: string;
}

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Batch work (import, compute, score, audit one document): claimed by any server instance. */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** Jobs of one upload share a batch id, so its progress can be counted. */
  batchId: string | null;
  payload: Jsonb<JsonValue>;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** Not claimed before this time (a retry waits). */
  runAt: Date;
  lockedBy: string | null;
  lockedUntil: Date | null;
  result: JsonbOrNull<JsonValue>;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** Who did what, when, from where. Append-only: no update or delete path in the API, and a trigger refuses both. */
export interface ActivityTable {
  id: Generated<number>;
  at: Date;
  /** null for the system itself (migrations, the worker). */
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Jsonb<JsonValue>;
  ip: string | null;
  userAgent: string | null;
}

/** A login session (schema 2). The id is the SHA-256 of the cookie's token, never the token itself. */
export interface SessionTable {
  id: string;
  userId: string;
  /** The token a page sends back in the X-CSRF-Token header on every change. */
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** One login attempt, for the rate limit shared by every server instance (schema 2). */
export interface LoginAttemptTable {
  id: Generated<number>;
  login: string;
  ip: string | null;
  at: Date;
  succeeded: boolean;
}

export interface Database {
  regions: RegionTable;
  departments: DepartmentTable;
  users: UserTable;
  userRoles: UserRoleTable;
  tasks: TaskTable;
  taskDepartments: TaskDepartmentTable;
  evaluations: EvaluationTable;
  evaluationVersions: EvaluationVersionTable;
  transitions: TransitionTable;
  documents: DocumentTable;
  evaluationDocuments: EvaluationDocumentTable;
  findings: FindingTable;
  reviewOpinions: ReviewOpinionTable;
  reviewItemScores: ReviewItemScoreTable;
  jobs: JobTable;
  activityLog: ActivityTable;
  sessions: SessionTable;
  loginAttempts: LoginAttemptTable;
}

export type Region = Selectable<RegionTable>;
export type Department = Selectable<DepartmentTable>;
export type User = Selectable<UserTable>;
export type UserRole = Selectable<UserRoleTable>;
export type Task = Selectable<TaskTable>;
export type Evaluation = Selectable<EvaluationTable>;
export type EvaluationVersion = Selectable<EvaluationVersionTable>;
export type Transition = Selectable<TransitionTable>;
export type StoredDocument = Selectable<DocumentTable>;
export type EvaluationDocument = Selectable<EvaluationDocumentTable>;
export type StoredFinding = Selectable<FindingTable>;
export type ReviewOpinion = Selectable<ReviewOpinionTable>;
export type ReviewItemScore = Selectable<ReviewItemScoreTable>;
export type Job = Selectable<JobTable>;
export type Activity = Selectable<ActivityTable>;
export type NewActivity = Insertable<ActivityTable>;
export type Session = Selectable<SessionTable>;
