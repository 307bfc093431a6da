/**
 * Schema version 3: rubrics (评分规则) a finance bureau imports beside the built-in ones (rubrics/ in the package). A
 * row keeps the file as it was uploaded (`source`, with its name) and the data read from it (`data`), from which the
 * server parses the rubric again on start. Ids are the rubric's own (`mof-2020`), never a built-in one's.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rubrics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rubrics').execute();
}
