/**
 * Schema version 1: every table of docs/storage.md. A migration is frozen once released: a later change is a new
 * file (0002_…), never an edit here, because stores in the field already ran this one.
 *
 * Workflow states are not checked here: their closed set belongs to the core (src/core/workflow) and may grow; a
 * database check would have to follow it migration by migration. Roles, subjects, severities and job statuses are.
 */
import { type Kysely, sql } from 'kysely';

/** SQLSTATE of the append-only refusal (a user-defined code, so callers can tell it from other errors). */
export const APPEND_ONLY_SQLSTATE = 'JX001';

const now = sql`now()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('regions.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('region_id', 'uuid', (c) => c.notNull().references('regions.id'))
    .addColumn('parent_id', 'uuid')
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('departments_region_code_unique', ['region_id', 'code'])
    .addUniqueConstraint('departments_region_id_unique', ['region_id', 'id'])
    // A subordinate unit belongs to its department's region: the pair, not the parent alone, is the key.
    .addForeignKeyConstraint('departments_parent_fk', ['region_id', 'parent_id'], 'departments', ['region_id', 'id'])
    .execute();
  await db.schema.createIndex('departments_region_idx').on('departments').columns(['region_id', 'name']).execute();
  await db.schema.createIndex('departments_parent_idx').on('departments').column('parent_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('region_id', 'uuid', (c) => c.notNull().references('regions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('layout_id', 'text', (c) => c.notNull())
    .addColumn('rubric_id', 'text', (c) => c.notNull())
    // Calendar dates in the task's zone (src/core/workflow/task.ts): the closing date is the last day to submit.
    .addColumn('opens_on', 'date', (c) => c.notNull())
    .addColumn('closes_on', 'date', (c) => c.notNull())
    .addColumn('utc_offset_minutes', 'integer', (c) => c.notNull().defaultTo(480))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('tasks_subject_check', sql`subject in ('department', 'project')`)
    .addCheckConstraint('tasks_dates_check', sql`closes_on >= opens_on`)
    .execute();
  await db.schema.createIndex('tasks_region_year_idx').on('tasks').columns(['region_id', 'year']).execute();

  await db.schema
    .createTable('task_departments')
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('tasks.id'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('departments.id'))
    .addPrimaryKeyConstraint('task_departments_pk', ['task_id', 'department_id'])
    .execute();
  await db.schema.createIndex('task_departments_department_idx').on('task_departments').column('department_id').execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('region_id', 'uuid', (c) => c.references('regions.id'))
    .addColumn('task_id', 'uuid', (c) => c.references('tasks.id'))
    .addColumn('granted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // The scope a role needs, and only that: a department for 填报人 and 部门负责人, a region for 绩效科, a task for
    // 第三方; the administrator everywhere, or in one region when it has one.
    .addCheckConstraint(
      'user_roles_scope_check',
      sql`(role in ('preparer', 'department-head') and department_id is not null and region_id is null and task_id is null)
       or (role = 'reviewer' and region_id is not null and department_id is null and task_id is null)
       or (role = 'third-party-reviewer' and task_id is not null and department_id is null and region_id is null)
       or (role = 'admin' and department_id is null and task_id is null)`,
    )
    .addUniqueConstraint('user_roles_unique', ['user_id', 'role', 'department_id', 'region_id', 'task_id'], (u) => u.nullsNotDistinct())
    .execute();
  await db.schema.createIndex('user_roles_user_idx').on('user_roles').column('user_id').execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('tasks.id'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('departments.id'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('evaluations_task_department_unique', ['task_id', 'department_id'])
    // Only a department in the task's scope has an evaluation in it.
    .addForeignKeyConstraint('evaluations_scope_fk', ['task_id', 'department_id'], 'task_departments', ['task_id', 'department_id'])
    .addCheckConstraint('evaluations_version_check', sql`current_version >= 0`)
    .execute();
  await db.schema.createIndex('evaluations_department_idx').on('evaluations').column('department_id').execute();

  await db.schema
    .createTable('evaluation_versions')
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull().references('evaluations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('changed_paths', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_versions_pk', ['evaluation_id', 'version'])
    .addCheckConstraint('evaluation_versions_version_check', sql`version >= 1`)
    .execute();

  await db.schema
    .createTable('transitions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull().references('evaluations.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('at_version', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'jsonb')
    .addColumn('reason', 'text')
    .addColumn('error_count', 'integer')
    .addColumn('override_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('transitions_evaluation_idx').on('transitions').columns(['evaluation_id', 'id']).execute();

  await db.schema
    .createTable('documents')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text')
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('extraction_report', 'jsonb')
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('documents_hash_check', sql`hash ~ '^[0-9a-f]{64}$'`)
    .addCheckConstraint('documents_size_check', sql`size_bytes = octet_length(bytes)`)
    .execute();

  await db.schema
    .createTable('evaluation_documents')
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull().references('evaluations.id'))
    .addColumn('document_hash', 'text', (c) => c.notNull().references('documents.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('added_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('evaluation_documents_pk', ['evaluation_id', 'document_hash'])
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint('findings_version_fk', ['evaluation_id', 'version'], 'evaluation_versions', ['evaluation_id', 'version'])
    .addCheckConstraint('findings_severity_check', sql`severity in ('error', 'warning', 'info')`)
    .execute();
  await db.schema.createIndex('findings_version_idx').on('findings').columns(['evaluation_id', 'version']).execute();

  await db.schema
    .createTable('review_opinions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('overall_opinion', 'text', (c) => c.notNull())
    .addColumn('rectifications', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint('review_opinions_version_fk', ['evaluation_id', 'version'], 'evaluation_versions', ['evaluation_id', 'version'])
    .execute();
  await db.schema.createIndex('review_opinions_evaluation_idx').on('review_opinions').columns(['evaluation_id', 'version']).execute();

  await db.schema
    .createTable('review_item_scores')
    .addColumn('opinion_id', 'uuid', (c) => c.notNull().references('review_opinions.id'))
    .addColumn('rubric_item_id', 'text', (c) => c.notNull())
    // numeric without precision or scale: any exact decimal, never rounded by the column.
    .addColumn('adjusted_score', 'numeric', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_item_scores_pk', ['opinion_id', 'rubric_item_id'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('result', 'jsonb')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint('jobs_status_check', sql`status in ('queued', 'running', 'done', 'failed')`)
    .addCheckConstraint('jobs_attempts_check', sql`attempts >= 0 and max_attempts >= 1`)
    .execute();
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['status', 'run_at', 'id']).execute();
  await db.schema.createIndex('jobs_batch_idx').on('jobs').columns(['batch_id', 'status']).execute();

  await db.schema
    .createTable('activity_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('activity_log_subject_idx').on('activity_log').columns(['subject_type', 'subject_id', 'id']).execute();
  await db.schema.createIndex('activity_log_actor_idx').on('activity_log').columns(['actor_id', 'id']).execute();

  // Append-only tables: the API has no update or delete for them, and the database refuses both (and TRUNCATE), so
  // not even a hand-written statement rewrites history. The same plpgsql runs on PGlite and on PostgreSQL.
  await sql`create function jixiao_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'jixiao: 只可追加的记录不可修改或删除 / append-only rows cannot be changed (% on %)', tg_op, tg_table_name
        using errcode = 'JX001';
    end
  $$`.execute(db);
  for (const table of ['activity_log', 'evaluation_versions', 'transitions'] as const) {
    await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function jixiao_refuse_change()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function jixiao_refuse_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'activity_log',
    'jobs',
    'review_item_scores',
    'review_opinions',
    'findings',
    'evaluation_documents',
    'documents',
    'transitions',
    'evaluation_versions',
    'evaluations',
    'user_roles',
    'task_departments',
    'tasks',
    'users',
    'departments',
    'regions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function jixiao_refuse_change()`.execute(db);
}
