/**
 * Rubrics (评分规则) as the web app needs them: the list, and one rubric's data as written in its file — the browser
 * parses it with the core's own parser and scores with the core's engine under every keystroke, exactly as the
 * server does on save. Beside the built-in rubrics (rubrics/ in the package), a finance bureau imports its own: the
 * file is checked as the CLI checks it (every problem with its line), stored, and from then on scores like a
 * built-in one (tasks may name it; `rubricById` knows it).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { toPlainString } from '../../core/exact.ts';
import { problem } from '../../core/problem.ts';
import { parseRubric } from '../../core/rubric/parse.ts';
import type { Rubric } from '../../core/rubric/schema.ts';
import { rubricItemRefs } from '../../core/workflow/index.ts';
import { readDataText } from '../../ingest/data-text.ts';
import { builtInRubricFiles } from '../../ingest/files.ts';
import { loadRubricText } from '../../ingest/rubric-file.ts';
import { type Repositories, type StoredRubric, isUniqueViolation } from '../../store/index.ts';
import type { Services } from '../app.ts';
import { type App, type Ctx, json, op, valid, z } from '../openapi.ts';
import { ApiError, apiError, problemItem } from '../problems.ts';
import { activity, isBuiltInRubric, registerRubric, rubricById } from '../services.ts';

const RubricParam = z.object({ id: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/) });

const RubricImportBody = z
  .object({
    fileName: z.string().trim().min(1).max(255).openapi({ example: 'shenzhen-2025.yaml' }),
    text: z.string().max(2_000_000).openapi({ description: '文件全文（UTF-8）/ the whole file as text' }),
  })
  .openapi('RubricImport');

const RubricListItem = z
  .object({
    id: z.string(),
    name: z.string(),
    year: z.number().nullable(),
    total: z.string().nullable(),
    source: z.string().nullable(),
    builtIn: z.boolean(),
    items: z.number(),
    fileName: z.string().optional(),
    createdAt: z.string().optional(),
  })
  .openapi('RubricListItem');

let sources: Map<string, unknown> | undefined;
/** The built-in rubrics' file data by id, read once. */
function builtInSources(): Map<string, unknown> {
  if (sources) return sources;
  sources = new Map();
  for (const f of builtInRubricFiles()) {
    const r = readDataText(readFileSync(f, 'utf8'), f);
    if (r.ok) sources.set(basename(f, extname(f)), r.value.data);
  }
  return sources;
}

/** The rubric of a stored row, parsed by the core (undefined when the core no longer accepts it). */
function parsedRow(row: StoredRubric): Rubric | undefined {
  const known = rubricById(row.id);
  if (known && !isBuiltInRubric(row.id)) return known;
  const r = parseRubric(row.data);
  if (!r.ok) return undefined;
  registerRubric(r.value);
  return r.value;
}

/**
 * Registers every rubric imported into the store with the scoring (serve.ts calls it on start). Returns the ids it
 * could not parse — a rubric the core's rules no longer accept — so the caller can say so.
 */
export async function loadImportedRubrics(store: Repositories): Promise<{ readonly loaded: number; readonly failed: readonly string[] }> {
  const failed: string[] = [];
  let loaded = 0;
  for (const row of await store.rubrics.list()) {
    if (isBuiltInRubric(row.id)) continue;
    const r = parseRubric(row.data);
    if (r.ok) {
      registerRubric(r.value);
      loaded++;
    } else failed.push(row.id);
  }
  return { loaded, failed };
}

const listItem = (r: Rubric, builtIn: boolean, row?: StoredRubric): z.output<typeof RubricListItem> => ({
  id: r.id,
  name: r.name,
  year: r.year ?? null,
  total: toPlainString(r.total),
  source: r.source ?? null,
  builtIn,
  items: rubricItemRefs(r).length,
  ...(row ? { fileName: row.fileName, createdAt: row.createdAt.toISOString() } : {}),
});

/** Who may import: an administrator, or a reviewer (绩效科) of a region. */
const mayImport = (c: Ctx) => c.get('caller').actors.some((a) => a.role === 'admin' || a.role === 'reviewer');

export function rubricRoutes(app: App, { store }: Services): void {
  op(app, { method: 'get', path: '/api/rubrics', summary: '评分规则列表（内置与导入）/ rubrics, built-in and imported', tags: ['rubrics'], response: z.array(RubricListItem) }, async (c: Ctx) => {
    const builtIn = [...builtInSources().keys()].flatMap((id) => {
      const r = rubricById(id);
      return r ? [listItem(r, true)] : [];
    });
    // Read from the store on every call: an instance learns here of a rubric another instance imported.
    const imported = (await store.rubrics.list()).flatMap((row): z.output<typeof RubricListItem>[] => {
      if (isBuiltInRubric(row.id)) return [];
      const r = parsedRow(row);
      return r ? [listItem(r, false, row)] : [{ id: row.id, name: row.name, year: null, total: null, source: null, builtIn: false, items: 0, fileName: row.fileName, createdAt: row.createdAt.toISOString() }];
    });
    return json(c, [...builtIn, ...imported]);
  });

  op(app, { method: 'get', path: '/api/rubrics/:id', summary: '一个评分规则（文件内容）/ one rubric, as its file has it', tags: ['rubrics'], params: RubricParam, response: z.unknown() }, async (c: Ctx) => {
    const { id } = valid(c, 'param', RubricParam);
    const data = builtInSources().get(id);
    const r = rubricById(id);
    if (data !== undefined && r) return json(c, { id: r.id, name: r.name, builtIn: true, data });
    const row = await store.rubrics.get(id);
    if (!row) throw apiError(404, 'api-rubric-not-found', { id });
    parsedRow(row);
    return json(c, { id: row.id, name: row.name, builtIn: false, data: row.data, fileName: row.fileName, createdAt: row.createdAt.toISOString() });
  });

  op(
    app,
    {
      method: 'post',
      path: '/api/rubrics',
      summary: '导入评分规则文件（YAML 或 JSON）/ import a rubric file (YAML or JSON)',
      tags: ['rubrics'],
      roles: '系统管理员、绩效科审核人 / admin, reviewer',
      body: RubricImportBody,
      response: RubricListItem,
      status: 201,
      errors: [409],
    },
    async (c: Ctx) => {
      const caller = c.get('caller');
      if (!mayImport(c)) throw apiError(403, 'api-rubric-import-forbidden');
      const { fileName, text } = valid(c, 'json', RubricImportBody);
      const ext = extname(fileName).toLowerCase();
      if (!['.yaml', '.yml', '.json'].includes(ext)) throw apiError(422, 'api-rubric-file-type', { ext: ext || fileName }, ['fileName']);
      const loaded = loadRubricText(text, fileName);
      if (!loaded.ok) {
        // Each problem with the line (and column) of the file it is at: the page lists them as the CLI prints them.
        const errors = loaded.problems.map((p) => ({ ...problemItem(p), ...(p.line !== undefined ? { line: p.line } : {}), ...(p.column !== undefined ? { column: p.column } : {}) }));
        throw new ApiError(422, problem('api-rubric-invalid', [], { file: fileName, count: loaded.problems.length }), { errors });
      }
      const rubric = loaded.rubric;
      if (isBuiltInRubric(rubric.id)) throw apiError(409, 'api-rubric-builtin-id', { id: rubric.id }, ['id']);
      const read = readDataText(text, fileName);
      if (!read.ok) throw new ApiError(422, read.problems);
      const existing = await store.rubrics.get(rubric.id);
      if (existing) throw apiError(409, 'api-rubric-exists', { id: rubric.id, name: existing.name }, ['id']);
      let row: StoredRubric;
      try {
        row = await store.transaction(async (tx) => {
          const stored = await tx.rubrics.create({ id: rubric.id, name: rubric.name, fileName, source: text, data: read.value.data, createdBy: caller.user.id });
          await activity(tx, caller, 'rubric.import', 'rubric', rubric.id, { name: rubric.name, fileName });
          return stored;
        });
      } catch (e) {
        // Two imports of one id at once: the second meets the primary key.
        if (isUniqueViolation(e)) throw apiError(409, 'api-rubric-exists', { id: rubric.id, name: rubric.name }, ['id']);
        throw e;
      }
      registerRubric(rubric);
      return json(c, listItem(rubric, false, row), 201);
    },
  );
}
