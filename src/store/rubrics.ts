/**
 * Imported rubrics (评分规则, schema 3): the file as uploaded and the data read from it. Checking the rubric is the
 * core's and the ingest's work (the server does it before `create`); the store keeps what passed. Built-in rubrics
 * live in the package (rubrics/), not here.
 */
import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { StoreContext } from './context.ts';
import type { JsonText, JsonValue } from './database.ts';
import { dataToJson } from './json.ts';

/** One imported rubric. `id` is the rubric's own id (`shenzhen-2025`), as tasks and evaluations name it. */
export interface RubricTable {
  id: string;
  name: string;
  /** The uploaded file's name (`深圳-2025.yaml`), for people; the text is in `source`. */
  fileName: string;
  /** The file's text exactly as uploaded (YAML or JSON), comments included. */
  source: string;
  /** The data read from the file (the rubric before the core parses it): what GET /api/rubrics/:id gives. */
  data: ColumnType<JsonValue, JsonText<JsonValue>, JsonText<JsonValue>>;
  createdBy: string | null;
  createdAt: Date;
}

export type StoredRubric = Selectable<RubricTable>;

export interface NewRubric {
  readonly id: string;
  readonly name: string;
  readonly fileName: string;
  readonly source: string;
  readonly data: unknown;
  readonly createdBy?: string;
}

export function rubricsRepository({ db: base, clock }: StoreContext) {
  // The table is declared here rather than in database.ts: the rubric rows belong to this file alone.
  const db = base.withTables<{ rubrics: RubricTable }>();
  return {
    /** Stores a rubric; a second one with the same id is refused by the database (isUniqueViolation). */
    create(input: NewRubric): Promise<StoredRubric> {
      const row: Insertable<RubricTable> = {
        id: input.id,
        name: input.name,
        fileName: input.fileName,
        source: input.source,
        data: dataToJson(input.data),
        createdBy: input.createdBy ?? null,
        createdAt: clock(),
      };
      return db.insertInto('rubrics').values(row).returningAll().executeTakeFirstOrThrow();
    },

    get(id: string): Promise<StoredRubric | undefined> {
      return db.selectFrom('rubrics').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Every imported rubric, by id. */
    list(): Promise<StoredRubric[]> {
      return db.selectFrom('rubrics').selectAll().orderBy('id').execute();
    },
  };
}

export type RubricsRepository = ReturnType<typeof rubricsRepository>;
