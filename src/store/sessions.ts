/**
 * Login sessions and login attempts, kept in the database so that any server instance can serve any request (the
 * server holds no state of its own). The cookie carries a random token; the table keeps its SHA-256, so reading the
 * table does not log anyone in. Expiry is absolute (`expiresAt`, moved forward on use by the server's idle rule).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StoreContext } from './context.ts';
import type { Session, User } from './database.ts';

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  readonly userId: string;
  readonly expiresAt: Date;
  readonly ip?: string;
  readonly userAgent?: string;
}

export interface SessionWithUser {
  readonly session: Session;
  readonly user: User;
}

export function sessionsRepository({ db, clock }: StoreContext) {
  return {
    /** A new session; returns the token for the cookie (kept nowhere else) and the stored row. */
    async create(input: NewSession): Promise<{ readonly token: string; readonly session: Session }> {
      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const session = await db
        .insertInto('sessions')
        .values({ id: tokenHash(token), userId: input.userId, csrfToken: randomBytes(24).toString('base64url'), createdAt: now, lastSeenAt: now, expiresAt: input.expiresAt, ip: input.ip ?? null, userAgent: input.userAgent ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { token, session };
    },

    /** The live session of a token with its user; undefined when unknown, expired or the account is disabled. */
    async byToken(token: string): Promise<SessionWithUser | undefined> {
      if (!token || token.length > 200) return undefined;
      const now = clock();
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.userId')
        .selectAll('sessions')
        .select(['users.login', 'users.displayName', 'users.passwordHash', 'users.isActive', 'users.createdAt as userCreatedAt', 'users.updatedAt as userUpdatedAt'])
        .where('sessions.id', '=', tokenHash(token))
        .where('sessions.expiresAt', '>', now)
        .executeTakeFirst();
      if (!row || !row.isActive) return undefined;
      const { login, displayName, passwordHash, isActive, userCreatedAt, userUpdatedAt, ...session } = row;
      return { session, user: { id: session.userId, login, displayName, passwordHash, isActive, createdAt: userCreatedAt, updatedAt: userUpdatedAt } };
    },

    /** Records use and moves the expiry (the idle limit); cheap enough to call at most once a minute per session. */
    async touch(id: string, expiresAt: Date): Promise<void> {
      await db.updateTable('sessions').set({ lastSeenAt: clock(), expiresAt }).where('id', '=', id).execute();
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    /** Logs a user out everywhere (password changed, account disabled). */
    async deleteForUser(userId: string): Promise<number> {
      const r = await db.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** Removes expired sessions and attempts older than `attemptsBefore`. */
    async prune(attemptsBefore: Date): Promise<void> {
      await db.deleteFrom('sessions').where('expiresAt', '<=', clock()).execute();
      await db.deleteFrom('loginAttempts').where('at', '<', attemptsBefore).execute();
    },

    async recordAttempt(login: string, ip: string | undefined, succeeded: boolean): Promise<void> {
      await db.insertInto('loginAttempts').values({ login: login.slice(0, 200), ip: ip ?? null, at: clock(), succeeded }).execute();
    },

    /** Failed attempts since `since` for this login and from this address (the rate limit counts both). */
    async failuresSince(login: string, ip: string | undefined, since: Date): Promise<{ readonly byLogin: number; readonly byIp: number }> {
      const count = async (column: 'login' | 'ip', value: string): Promise<number> => {
        const r = await db
          .selectFrom('loginAttempts')
          .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
          .where(column, '=', value)
          .where('succeeded', '=', false)
          .where('at', '>=', since)
          .executeTakeFirstOrThrow();
        return r.n;
      };
      return { byLogin: await count('login', login.slice(0, 200)), byIp: ip ? await count('ip', ip) : 0 };
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
