/** The shapes the server's API answers with (docs/api.md), as the web app reads them. */

export type Role = 'preparer' | 'department-head' | 'reviewer' | 'third-party-reviewer' | 'admin';

export interface RoleGrant {
  readonly role: Role;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly departmentId?: string;
  readonly regionId?: string;
  readonly taskIds?: readonly string[];
}

export interface Me {
  readonly user: { readonly id: string; readonly login: string; readonly displayName: string };
  readonly roles: readonly RoleGrant[];
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface TaskWindow {
  readonly phase: string;
  readonly isOpen: boolean;
  readonly today: string;
  readonly remainingDays?: number;
  readonly label: { readonly zh: string; readonly en: string };
}

export interface Task {
  readonly id: string;
  readonly regionId: string;
  readonly year: number;
  readonly subject: string;
  readonly title: string;
  readonly layoutId: string | null;
  readonly rubricId: string | null;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly state: string;
  readonly window?: TaskWindow;
  readonly departmentIds?: readonly string[];
}

import type { VersionSummary } from '../../core/wire.ts';

export type { ProblemItem, SummaryRow, VersionSummary } from '../../core/wire.ts';

export interface OfferedAction {
  readonly action: string;
  readonly label?: { readonly zh: string; readonly en: string };
  readonly problem?: { readonly code: string; readonly params?: Record<string, unknown> };
  readonly needs?: readonly string[];
}

export interface HistoryEntry {
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly actorId?: string;
  readonly at: string;
  readonly atVersion: number;
  readonly reason?: string;
  readonly reasons?: readonly { text: string; path?: unknown; rubricItem?: string }[];
}

export interface StoredVersion {
  readonly version: number;
  readonly authorId: string;
  readonly createdAt: string;
  readonly changedPaths: readonly string[];
  readonly data: Record<string, unknown>;
}

export interface PlacedReason {
  readonly reason: { readonly text: string; readonly path?: unknown; readonly rubricItem?: string };
  readonly index: number;
  readonly at?: string;
  readonly isPresent?: boolean;
}

export interface EvaluationView {
  readonly id: string;
  readonly taskId: string;
  readonly departmentId: string;
  readonly department: string | null;
  readonly state: string;
  readonly currentVersion: number;
  readonly version: StoredVersion | null;
  readonly summary: VersionSummary | null;
  readonly findings: readonly unknown[];
  readonly offeredActions: readonly OfferedAction[];
  readonly editable: readonly string[];
  /** The last return's reasons placed beside their fields and rubric items (src/core/workflow/reasons.ts PlacedReason). */
  readonly returnReasons: { byField: Record<string, readonly PlacedReason[]>; byRubricItem: Record<string, readonly PlacedReason[]>; general: readonly PlacedReason[] } | null;
  readonly history: readonly HistoryEntry[];
  readonly caller: { readonly userId: string };
}

export const hasRole = (me: Me | null | undefined, ...roles: Role[]) => !!me?.roles.some((r) => roles.includes(r.role));
