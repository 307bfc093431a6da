/**
 * 系统管理: regions (财政局), departments and their units, user accounts and their role grants, and the activity log.
 * An administrator without a region manages everything; one with a region, only that region.
 */
import { ROLES } from '../../core/workflow/roles.ts';
import { type Department, type RoleGrant, isForeignKeyViolation, isUniqueViolation } from '../../store/index.ts';
import { generatePassword, hashPassword, passwordProblem } from '../auth/password.ts';
import { adminRegions, adminsRegion, isGlobalAdmin, requireAnyAdmin, requireRegionAdmin, runsRegion, seesDepartment } from '../access.ts';
import type { Services } from '../app.ts';
import { IdParam, type App, type Ctx, json, op, valid, z } from '../openapi.ts';
import { apiError } from '../problems.ts';
import { activity, defined } from '../services.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const uuid = z.string().uuid();

const RegionBody = z.object({ name: text(100), code: z.string().trim().max(20).optional(), parentId: uuid.optional() }).openapi('NewRegion');
const Region = z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), parentId: z.string().nullable() }).openapi('Region');
const DepartmentBody = z.object({ regionId: uuid, name: text(200), code: z.string().trim().max(40).optional(), parentId: uuid.optional() }).openapi('NewDepartment');
const DepartmentSchema = z.object({ id: z.string(), regionId: z.string(), name: z.string(), code: z.string().nullable(), parentId: z.string().nullable() }).openapi('Department');
const DepartmentQuery = z.object({ regionId: uuid.optional() });
const UserBody = z
  .object({ login: z.string().trim().min(2).max(64).regex(/^[\p{L}\p{N}._@-]+$/u), displayName: text(100), password: z.string().max(200).optional() })
  .openapi('NewUser');
const UserSchema = z.object({ id: z.string(), login: z.string(), displayName: z.string(), isActive: z.boolean() }).openapi('User');
const GrantBody = z
  .object({ role: z.enum(ROLES), departmentId: uuid.optional(), regionId: uuid.optional(), taskId: uuid.optional() })
  .openapi('RoleGrant');
const ActiveBody = z.object({ isActive: z.boolean() });
const ActivityQuery = z.object({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(100).optional(),
  actorId: uuid.optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const regionOut = (r: { id: string; name: string; code: string | null; parentId: string | null }) => ({ id: r.id, name: r.name, code: r.code, parentId: r.parentId });
const departmentOut = (d: Department) => ({ id: d.id, regionId: d.regionId, name: d.name, code: d.code, parentId: d.parentId });

export function adminRoutes(app: App, { store }: Services): void {
  op(app, { method: 'get', path: '/api/regions', summary: '地区（财政局）列表 / regions', tags: ['admin'], response: z.array(Region) }, async (c: Ctx) => {
    const caller = c.get('caller');
    const all = await store.regions.list();
    const visible = isGlobalAdmin(caller) ? all : all.filter((r) => runsRegion(caller, r.id));
    return json(c, visible.map(regionOut));
  });

  op(app, { method: 'post', path: '/api/regions', summary: '新增地区 / add a region', tags: ['admin'], roles: '系统管理员（全局）/ global admin', body: RegionBody, response: Region, status: 201, errors: [409] }, async (c: Ctx) => {
    const caller = c.get('caller');
    if (!isGlobalAdmin(caller)) throw apiError(403, 'api-admin-only');
    const body = valid(c, 'json', RegionBody);
    try {
      const region = await store.transaction(async (tx) => {
        const r = await tx.regions.create({ name: body.name, ...(body.code ? { code: body.code } : {}), ...(body.parentId ? { parentId: body.parentId } : {}) });
        await activity(tx, caller, 'region.create', 'region', r.id, { name: r.name });
        return r;
      });
      return json(c, regionOut(region), 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw apiError(409, 'api-duplicate', { whatZh: '地区编码', whatEn: 'the region code' }, ['code']);
      if (isForeignKeyViolation(e)) throw apiError(422, 'api-unknown-reference', {}, ['parentId']);
      throw e;
    }
  });

  op(app, { method: 'get', path: '/api/departments', summary: '部门列表 / departments', tags: ['admin'], query: DepartmentQuery, response: z.array(DepartmentSchema) }, async (c: Ctx) => {
    const caller = c.get('caller');
    const { regionId } = valid(c, 'query', DepartmentQuery);
    const all = await store.departments.list(regionId ? { regionId } : {});
    return json(c, all.filter((d) => seesDepartment(caller, d)).map(departmentOut));
  });

  op(app, { method: 'post', path: '/api/departments', summary: '新增部门或下属单位 / add a department or unit', tags: ['admin'], roles: '本地区系统管理员 / the region’s admin', body: DepartmentBody, response: DepartmentSchema, status: 201, errors: [409] }, async (c: Ctx) => {
    const caller = c.get('caller');
    const body = valid(c, 'json', DepartmentBody);
    requireRegionAdmin(caller, body.regionId);
    try {
      const d = await store.transaction(async (tx) => {
        const d = await tx.departments.create({ regionId: body.regionId, name: body.name, ...(body.code ? { code: body.code } : {}), ...(body.parentId ? { parentId: body.parentId } : {}) });
        await activity(tx, caller, 'department.create', 'department', d.id, { name: d.name });
        return d;
      });
      return json(c, departmentOut(d), 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw apiError(409, 'api-duplicate', { whatZh: '单位编码', whatEn: 'the unit code' }, ['code']);
      if (isForeignKeyViolation(e)) throw apiError(422, 'api-unknown-reference', {}, body.parentId ? ['parentId'] : ['regionId']);
      throw e;
    }
  });

  op(app, { method: 'get', path: '/api/users', summary: '用户列表 / users', tags: ['admin'], roles: '系统管理员 / admin', response: z.array(UserSchema.extend({ roles: z.array(z.unknown()) })) }, async (c: Ctx) => {
    const caller = c.get('caller');
    requireAnyAdmin(caller);
    const regions = adminRegions(caller);
    const users = await store.users.list();
    const grants = await store.roles.list();
    const departments = new Map((await store.departments.list()).map((d) => [d.id, d]));
    const tasks = new Map((await store.tasks.list()).map((t) => [t.id, t]));
    const regionOfGrant = (g: (typeof grants)[number]) => g.regionId ?? (g.departmentId ? departments.get(g.departmentId)?.regionId : g.taskId ? tasks.get(g.taskId)?.regionId : undefined);
    const out = users
      .map((u) => ({ id: u.id, login: u.login, displayName: u.displayName, isActive: u.isActive, roles: grants.filter((g) => g.userId === u.id).map((g) => ({ id: g.id, role: g.role, departmentId: g.departmentId, regionId: g.regionId, taskId: g.taskId })) }))
      // A regional admin sees the accounts that hold a role in its region, and those with none yet.
      .filter((u) => !regions || u.roles.length === 0 || grants.some((g) => g.userId === u.id && regions.includes(regionOfGrant(g) ?? '')));
    return json(c, out);
  });

  op(app, { method: 'post', path: '/api/users', summary: '新增用户 / add a user', tags: ['admin'], roles: '系统管理员 / admin', body: UserBody, response: UserSchema.extend({ initialPassword: z.string().optional() }), status: 201, errors: [409] }, async (c: Ctx) => {
    const caller = c.get('caller');
    requireAnyAdmin(caller);
    const body = valid(c, 'json', UserBody);
    const generated = body.password ? undefined : generatePassword();
    const password = body.password ?? generated!;
    const weak = passwordProblem(password);
    if (weak) throw apiError(422, weak, {}, ['password']);
    try {
      const user = await store.transaction(async (tx) => {
        const u = await tx.users.create({ login: body.login, displayName: body.displayName, passwordHash: await hashPassword(password) });
        await activity(tx, caller, 'user.create', 'user', u.id, { login: u.login });
        return u;
      });
      return json(c, { id: user.id, login: user.login, displayName: user.displayName, isActive: user.isActive, ...(generated ? { initialPassword: generated } : {}) }, 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw apiError(409, 'api-duplicate', { whatZh: '登录名', whatEn: 'the login' }, ['login']);
      throw e;
    }
  });

  op(app, { method: 'put', path: '/api/users/:id/active', summary: '停用或启用账户 / disable or enable an account', tags: ['admin'], roles: '系统管理员 / admin', params: IdParam, body: ActiveBody, status: 204 }, async (c: Ctx) => {
    const caller = c.get('caller');
    requireAnyAdmin(caller);
    const { id } = valid(c, 'param', IdParam);
    const { isActive } = valid(c, 'json', ActiveBody);
    if (id === caller.user.id && !isActive) throw apiError(422, 'api-cannot-disable-self');
    await manageableUser(caller, id);
    await store.transaction(async (tx) => {
      await tx.users.setActive(id, isActive);
      if (!isActive) await tx.sessions.deleteForUser(id);
      await activity(tx, caller, isActive ? 'user.enable' : 'user.disable', 'user', id);
    });
    return c.body(null, 204);
  });

  op(app, { method: 'post', path: '/api/users/:id/roles', summary: '授予角色 / grant a role', tags: ['admin'], roles: '系统管理员 / admin', params: IdParam, body: GrantBody, status: 201, errors: [409] }, async (c: Ctx) => {
    const caller = c.get('caller');
    requireAnyAdmin(caller);
    const { id } = valid(c, 'param', IdParam);
    const body = valid(c, 'json', GrantBody);
    if (!(await store.users.get(id))) throw apiError(404, 'api-user-not-found');
    const grant = await grantOf(body);
    try {
      const row = await store.transaction(async (tx) => {
        const g = await tx.roles.grant(id, grant, caller.user.id);
        await activity(tx, caller, 'role.grant', 'user', id, { role: g.role, departmentId: g.departmentId, regionId: g.regionId, taskId: g.taskId });
        return g;
      });
      return json(c, { id: row.id, role: row.role, departmentId: row.departmentId, regionId: row.regionId, taskId: row.taskId }, 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw apiError(409, 'api-duplicate', { whatZh: '该角色授权', whatEn: 'the role grant' });
      if (isForeignKeyViolation(e)) throw apiError(422, 'api-unknown-reference');
      throw e;
    }

    /** The grant with its scope, if the caller administers that scope. */
    async function grantOf(b: typeof body): Promise<RoleGrant> {
      const need = (field: 'departmentId' | 'regionId' | 'taskId') => {
        const v = b[field];
        if (!v) throw apiError(422, 'api-role-scope-required', { role: b.role, field }, [field]);
        return v;
      };
      switch (b.role) {
        case 'preparer':
        case 'department-head': {
          const d = await store.departments.get(need('departmentId'));
          if (!d) throw apiError(422, 'api-unknown-reference', {}, ['departmentId']);
          requireRegionAdmin(caller, d.regionId);
          return { role: b.role, departmentId: d.id };
        }
        case 'reviewer': {
          const regionId = need('regionId');
          requireRegionAdmin(caller, regionId);
          return { role: 'reviewer', regionId };
        }
        case 'third-party-reviewer': {
          const t = await store.tasks.get(need('taskId'));
          if (!t) throw apiError(422, 'api-unknown-reference', {}, ['taskId']);
          requireRegionAdmin(caller, t.regionId);
          return { role: 'third-party-reviewer', taskId: t.id };
        }
        case 'admin':
          if (!isGlobalAdmin(caller) && (!b.regionId || !adminsRegion(caller, b.regionId))) throw apiError(403, 'api-admin-only');
          return b.regionId ? { role: 'admin', regionId: b.regionId } : { role: 'admin' };
      }
    }
  });

  op(app, { method: 'delete', path: '/api/roles/:id', summary: '撤销角色 / revoke a role', tags: ['admin'], roles: '系统管理员 / admin', params: IdParam, status: 204 }, async (c: Ctx) => {
    const caller = c.get('caller');
    requireAnyAdmin(caller);
    const { id } = valid(c, 'param', IdParam);
    const grant = (await store.roles.list()).find((g) => g.id === id);
    if (!grant) throw apiError(404, 'api-role-not-found');
    const regionId = grant.regionId ?? (grant.departmentId ? (await store.departments.get(grant.departmentId))?.regionId : grant.taskId ? (await store.tasks.get(grant.taskId))?.regionId : undefined);
    if (regionId ? !adminsRegion(caller, regionId) : !isGlobalAdmin(caller)) throw apiError(403, 'api-admin-only');
    if (grant.userId === caller.user.id && grant.role === 'admin') throw apiError(422, 'api-cannot-revoke-own-admin');
    await store.transaction(async (tx) => {
      await tx.roles.revoke(id);
      await activity(tx, caller, 'role.revoke', 'user', grant.userId, { role: grant.role, departmentId: grant.departmentId, regionId: grant.regionId, taskId: grant.taskId });
    });
    return c.body(null, 204);
  });

  op(app, { method: 'get', path: '/api/activity', summary: '操作日志 / activity log', tags: ['admin'], roles: '系统管理员（全局）/ global admin', query: ActivityQuery, response: z.array(z.unknown()) }, async (c: Ctx) => {
    const caller = c.get('caller');
    // The whole log spans regions: a regional administrator reads an evaluation's own history instead.
    if (!isGlobalAdmin(caller)) throw apiError(403, 'api-admin-only');
    const q = valid(c, 'query', ActivityQuery);
    const rows = await store.activity.list(defined(q));
    return json(c, rows);
  });

  /** A regional admin manages accounts that hold roles only in its region (or none). */
  async function manageableUser(caller: Parameters<typeof adminRegions>[0], userId: string): Promise<void> {
    if (!(await store.users.get(userId))) throw apiError(404, 'api-user-not-found');
    const regions = adminRegions(caller);
    if (!regions) return;
    const grants = await store.roles.forUser(userId);
    for (const g of grants) {
      const regionId = g.regionId ?? (g.departmentId ? (await store.departments.get(g.departmentId))?.regionId : g.taskId ? (await store.tasks.get(g.taskId))?.regionId : undefined);
      if (!regionId || !regions.includes(regionId)) throw apiError(403, 'api-admin-only');
    }
  }
}
