/** 一级预算部门 and their 下属单位 (a department whose parent is another department of the same region). */
import type { StoreContext } from './context.ts';
import type { Department } from './database.ts';
import { isId, newId } from './ids.ts';

export interface NewDepartment {
  readonly regionId: string;
  readonly name: string;
  /** 单位编码, unique within the region. */
  readonly code?: string;
  /** For a subordinate unit: its department (same region; the database refuses another). */
  readonly parentId?: string;
}

export interface DepartmentFilter {
  readonly regionId?: string;
  /** null: first-level departments only; an id: that department's subordinate units. */
  readonly parentId?: string | null;
}

export function departmentsRepository({ db, clock }: StoreContext) {
  return {
    create(input: NewDepartment): Promise<Department> {
      return db
        .insertInto('departments')
        .values({ id: newId(), regionId: input.regionId, name: input.name, code: input.code ?? null, parentId: input.parentId ?? null, createdAt: clock() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async get(id: string): Promise<Department | undefined> {
      if (!isId(id)) return undefined;
      return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    },

    list(filter: DepartmentFilter = {}): Promise<Department[]> {
      const { regionId, parentId } = filter;
      let q = db.selectFrom('departments').selectAll();
      if (regionId !== undefined) q = q.where('regionId', '=', regionId);
      if (parentId === null) q = q.where('parentId', 'is', null);
      else if (parentId !== undefined) q = q.where('parentId', '=', parentId);
      return q.orderBy('name').orderBy('id').execute();
    },
  };
}

export type DepartmentsRepository = ReturnType<typeof departmentsRepository>;
