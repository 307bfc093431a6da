/**
 * Roles and their scopes (SPEC §8): 填报人 and 部门负责人 act for one department, 绩效科审核人 for one region,
 * 第三方评价机构 for the tasks it is assigned (one grant per task), the administrator everywhere (or in one region). The
 * roles and what each may do are the core workflow's (src/core/workflow/roles.ts); the store keeps who holds which
 * role where, and turns a user's grants into the core's actors.
 */
import type { Actor, Role } from '../core/workflow/roles.ts';
import type { StoreContext } from './context.ts';
import type { UserRole } from './database.ts';
import { isId, newId } from './ids.ts';

export { ROLES, type Role } from '../core/workflow/roles.ts';

/** A role with the scope it needs: the database refuses a grant whose scope does not fit its role. */
export type RoleGrant =
  | { readonly role: 'preparer' | 'department-head'; readonly departmentId: string }
  | { readonly role: 'reviewer'; readonly regionId: string }
  | { readonly role: 'third-party-reviewer'; readonly taskId: string }
  | { readonly role: 'admin'; readonly regionId?: string };

function scopeColumns(grant: RoleGrant): { departmentId: string | null; regionId: string | null; taskId: string | null } {
  switch (grant.role) {
    case 'preparer':
    case 'department-head':
      return { departmentId: grant.departmentId, regionId: null, taskId: null };
    case 'reviewer':
      return { departmentId: null, regionId: grant.regionId, taskId: null };
    case 'third-party-reviewer':
      return { departmentId: null, regionId: null, taskId: grant.taskId };
    case 'admin':
      return { departmentId: null, regionId: grant.regionId ?? null, taskId: null };
  }
}

export interface RoleFilter {
  readonly role?: Role;
  readonly departmentId?: string;
  readonly regionId?: string;
  readonly taskId?: string;
}

export function rolesRepository({ db, clock }: StoreContext) {
  return {
    grant(userId: string, grant: RoleGrant, grantedBy?: string): Promise<UserRole> {
      return db
        .insertInto('userRoles')
        .values({ id: newId(), userId, role: grant.role, ...scopeColumns(grant), grantedBy: grantedBy ?? null, createdAt: clock() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Returns false when there was no such grant. The activity log, not this table, remembers past grants. */
    async revoke(roleId: string): Promise<boolean> {
      if (!isId(roleId)) return false;
      const r = await db.deleteFrom('userRoles').where('id', '=', roleId).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },

    async forUser(userId: string): Promise<UserRole[]> {
      if (!isId(userId)) return [];
      return db.selectFrom('userRoles').selectAll().where('userId', '=', userId).orderBy('role').orderBy('createdAt').orderBy('id').execute();
    },

    /** The user's grants as the core's actors (what the server checks every request against). */
    async actorsOf(userId: string): Promise<Actor[]> {
      if (!isId(userId)) return [];
      const grants = await db.selectFrom('userRoles').selectAll().where('userId', '=', userId).orderBy('role').orderBy('createdAt').orderBy('id').execute();
      return actorsOf(userId, grants);
    },

    /** Who holds a role in a scope, e.g. the department heads of one department. */
    list(filter: RoleFilter = {}): Promise<UserRole[]> {
      const { role, departmentId, regionId, taskId } = filter;
      let q = db.selectFrom('userRoles').selectAll();
      if (role !== undefined) q = q.where('role', '=', role);
      if (departmentId !== undefined) q = q.where('departmentId', '=', departmentId);
      if (regionId !== undefined) q = q.where('regionId', '=', regionId);
      if (taskId !== undefined) q = q.where('taskId', '=', taskId);
      return q.orderBy('createdAt').orderBy('id').execute();
    },
  };
}

/**
 * A user's grants as the core's actors: one per department, region or admin grant, and one third-party reviewer
 * holding every task it is assigned.
 */
export function actorsOf(userId: string, grants: readonly UserRole[]): Actor[] {
  const out: Actor[] = [];
  const assigned: string[] = [];
  for (const g of grants) {
    if (g.userId !== userId) continue;
    if ((g.role === 'preparer' || g.role === 'department-head') && g.departmentId) out.push({ role: g.role, userId, departmentId: g.departmentId });
    else if (g.role === 'reviewer' && g.regionId) out.push({ role: 'reviewer', userId, regionId: g.regionId });
    else if (g.role === 'third-party-reviewer' && g.taskId) assigned.push(g.taskId);
    else if (g.role === 'admin') out.push(g.regionId ? { role: 'admin', userId, regionId: g.regionId } : { role: 'admin', userId });
  }
  if (assigned.length > 0) out.push({ role: 'third-party-reviewer', userId, assignedTaskIds: assigned });
  return out;
}

export type RolesRepository = ReturnType<typeof rolesRepository>;
