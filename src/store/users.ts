/** Local accounts. The password hash is written by the server (scrypt or argon2); the store only keeps it. */
import type { StoreContext } from './context.ts';
import type { User } from './database.ts';
import { isId, newId } from './ids.ts';

export interface NewUser {
  readonly login: string;
  readonly displayName: string;
  readonly passwordHash?: string;
}

export function usersRepository({ db, clock }: StoreContext) {
  return {
    create(input: NewUser): Promise<User> {
      const now = clock();
      return db
        .insertInto('users')
        .values({ id: newId(), login: input.login, displayName: input.displayName, passwordHash: input.passwordHash ?? null, isActive: true, createdAt: now, updatedAt: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async get(id: string): Promise<User | undefined> {
      if (!isId(id)) return undefined;
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    getByLogin(login: string): Promise<User | undefined> {
      return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
    },

    list(): Promise<User[]> {
      return db.selectFrom('users').selectAll().orderBy('login').execute();
    },

    /** Returns false when there is no such user. */
    async setPasswordHash(id: string, passwordHash: string | null): Promise<boolean> {
      if (!isId(id)) return false;
      const r = await db.updateTable('users').set({ passwordHash, updatedAt: clock() }).where('id', '=', id).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    /** An account is disabled rather than deleted: its name stays on the versions and the activity it authored. */
    async setActive(id: string, isActive: boolean): Promise<boolean> {
      if (!isId(id)) return false;
      const r = await db.updateTable('users').set({ isActive, updatedAt: clock() }).where('id', '=', id).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
