/** 财政局 and the regions they serve. */
import type { StoreContext } from './context.ts';
import type { Region } from './database.ts';
import { isId, newId } from './ids.ts';

export interface NewRegion {
  readonly name: string;
  /** 行政区划代码. */
  readonly code?: string;
  /** The region above (a city for a district). */
  readonly parentId?: string;
}

export function regionsRepository({ db, clock }: StoreContext) {
  return {
    create(input: NewRegion): Promise<Region> {
      return db
        .insertInto('regions')
        .values({ id: newId(), name: input.name, code: input.code ?? null, parentId: input.parentId ?? null, createdAt: clock() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async get(id: string): Promise<Region | undefined> {
      if (!isId(id)) return undefined;
      return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    list(): Promise<Region[]> {
      return db.selectFrom('regions').selectAll().orderBy('name').orderBy('id').execute();
    },
  };
}

export type RegionsRepository = ReturnType<typeof regionsRepository>;
