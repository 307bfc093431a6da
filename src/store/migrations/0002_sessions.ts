/**
 * Schema version 2: what the server needs to be stateless apart from the database — login sessions and login
 * attempts (for the rate limit), shared by every server instance over one PostgreSQL. Both are transient: a backup
 * leaves them out (a restored store starts with everyone logged out) and old rows are pruned. And each version's
 * summary (scores, grade, finding counts) written with it, so a task's ranking of hundreds reads one column.
 */
import { type Kysely, sql } from 'kysely';

const now = sql`now()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie's token: a leaked table row does not log anyone in.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('succeeded', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_login_idx').on('login_attempts').columns(['login', 'at']).execute();
  await db.schema.createIndex('login_attempts_ip_idx').on('login_attempts').columns(['ip', 'at']).execute();

  await db.schema.alterTable('evaluation_versions').addColumn('summary', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('evaluation_versions').dropColumn('summary').execute();
  await db.schema.dropTable('login_attempts').execute();
  await db.schema.dropTable('sessions').execute();
}
