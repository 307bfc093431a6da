/**
 * Role checks that are not an evaluation's workflow (those are the core's `can` and `canSee`): who administers a
 * region, who runs its tasks, who may see a department's records. Every route calls one of these on the server; the
 * web app's hiding of buttons is a courtesy, never the check.
 */
import type { Actor } from '../core/workflow/roles.ts';
import type { Caller } from './context.ts';
import { apiError } from './problems.ts';

/** An administrator for everything (no region). */
export const isGlobalAdmin = (caller: Caller): boolean => caller.actors.some((a) => a.role === 'admin' && !a.regionId);

/** An administrator of the region (or of everything). */
export const adminsRegion = (caller: Caller, regionId: string): boolean => caller.actors.some((a) => a.role === 'admin' && (!a.regionId || a.regionId === regionId));

/** Runs the region's tasks: its reviewer (绩效科) or administrator. */
export const runsRegion = (caller: Caller, regionId: string): boolean => adminsRegion(caller, regionId) || caller.actors.some((a) => a.role === 'reviewer' && a.regionId === regionId);

/** Sees the department's records: its own preparer or head, or whoever runs its region. */
export const seesDepartment = (caller: Caller, department: { readonly id: string; readonly regionId: string }): boolean =>
  runsRegion(caller, department.regionId) || caller.actors.some((a) => (a.role === 'preparer' || a.role === 'department-head') && a.departmentId === department.id);

/** Sees the task: its region's reviewers and admins, the departments in its scope (once issued), its third party. */
export function seesTask(caller: Caller, task: { readonly id: string; readonly regionId: string; readonly state: string }, scope: readonly string[]): boolean {
  if (runsRegion(caller, task.regionId)) return true;
  return caller.actors.some((a: Actor) => {
    if (a.role === 'third-party-reviewer') return a.assignedTaskIds.includes(task.id);
    if (a.role === 'preparer' || a.role === 'department-head') return task.state !== 'draft' && scope.includes(a.departmentId);
    return false;
  });
}

export function requireAnyAdmin(caller: Caller): void {
  if (!caller.actors.some((a) => a.role === 'admin')) throw apiError(403, 'api-admin-only');
}

export function requireRegionAdmin(caller: Caller, regionId: string): void {
  if (!adminsRegion(caller, regionId)) throw apiError(403, 'api-admin-only');
}

/** The regions the caller administers: undefined for all. */
export function adminRegions(caller: Caller): readonly string[] | undefined {
  if (isGlobalAdmin(caller)) return undefined;
  return caller.actors.flatMap((a) => (a.role === 'admin' && a.regionId ? [a.regionId] : []));
}
