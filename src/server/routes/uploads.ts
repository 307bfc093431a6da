/**
 * Uploads: one document or many, or ZIP archives of hundreds, into a task. Every file is checked (kind, size, count,
 * archive limits), kept by content hash and queued as one job of a batch — all in one transaction — and the worker
 * imports, computes, scores and audits each in the pool. Progress is read from the database (any instance may serve
 * it), as JSON or as a stream of Server-Sent Events.
 */
import { streamSSE } from 'hono/streaming';
import { randomUUID } from 'node:crypto';
import { ApiError, apiError } from '../problems.ts';
import type { Actor } from '../../core/workflow/roles.ts';
import type { JsonValue } from '../../store/index.ts';
import { runsRegion, seesTask } from '../access.ts';
import type { Services } from '../app.ts';
import { IdParam, type App, type Ctx, json, op, valid, z } from '../openapi.ts';
import { activity } from '../services.ts';
import { unpackUpload } from '../upload-files.ts';
import { IMPORT_JOB, type ImportJobPayload } from '../worker.ts';
import { problemItem } from '../problems.ts';

const BatchParams = z.object({ id: z.string().uuid() });

export function uploadRoutes(app: App, services: Services): void {
  const { store, settings } = services;

  op(
    app,
    {
      method: 'post',
      path: '/api/tasks/:id/uploads',
      summary: '上传文件或 ZIP 批量导入 / upload documents or ZIP archives',
      tags: ['uploads'],
      roles: '本部门填报人、部门负责人（导入本部门评价，一次一份）；本地区绩效科审核人、系统管理员（批量）/ a department for its own evaluation (one document), the bureau in batches',
      params: IdParam,
      rawBody: { mediaTypes: ['multipart/form-data', 'application/zip'], description: '字段 file（可多个）：.docx .pdf .xlsx .txt .md .html .csv .yaml .json 或 .zip / field "file" (repeatable)' },
      response: z.unknown(),
      status: 202,
      errors: [413, 415],
    },
    async (c: Ctx) => {
      const caller = c.get('caller');
      const { id } = valid(c, 'param', IdParam);
      const task = await store.tasks.get(id);
      const scope = task ? await store.tasks.scope(id) : [];
      if (!task) throw apiError(404, 'api-task-not-found', { id });
      const bureau = caller.actors.find((a) => (a.role === 'reviewer' || a.role === 'admin') && runsRegion({ ...caller, actors: [a] }, task.regionId));
      const department = caller.actors.find((a): a is Extract<Actor, { departmentId: string }> => (a.role === 'preparer' || a.role === 'department-head') && scope.includes(a.departmentId));
      // Who does not see the task learns nothing of it (404); who sees it but may not upload is told so (403).
      if (!bureau && (!department || task.state === 'draft')) throw seesTask(caller, task, scope) ? apiError(403, 'api-upload-not-allowed') : apiError(404, 'api-task-not-found', { id });
      if (task.state === 'archived') throw apiError(409, 'workflow-task-archived', { taskState: 'archived' });

      const type = (c.req.header('content-type') ?? '').toLowerCase();
      let files: { name: string; bytes: Uint8Array }[];
      if (type.startsWith('multipart/form-data')) {
        let form: Record<string, unknown>;
        try {
          form = await c.req.parseBody({ all: true });
        } catch {
          throw apiError(400, 'api-bad-multipart');
        }
        const raw = form['file'] ?? form['files'];
        const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => f instanceof File);
        files = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      } else if (type.startsWith('application/zip') || type.startsWith('application/octet-stream')) {
        const name = decodeURIComponent(c.req.header('x-file-name') ?? (type.startsWith('application/zip') ? 'upload.zip' : 'upload'));
        files = [{ name, bytes: new Uint8Array(await c.req.arrayBuffer()) }];
      } else {
        throw apiError(415, 'api-unsupported-media-type', { expected: 'multipart/form-data, application/zip' });
      }
      if (files.length === 0) throw apiError(422, 'api-no-files', {}, ['file']);

      const unpacked = unpackUpload(files, { maxDocumentBytes: settings.maxDocumentBytes, maxFiles: settings.maxUploadFiles, maxArchiveBytes: settings.maxUploadBytes * 4 });
      const rejected = unpacked.rejected.map((r) => ({ fileName: r.fileName, ...problemItem(r.problem) }));
      if (!bureau && unpacked.documents.length > 1) throw apiError(422, 'api-one-document-per-department', { count: unpacked.documents.length }, ['file']);
      if (unpacked.documents.length === 0) throw new ApiError(422, unpacked.rejected.length ? unpacked.rejected.map((r) => ({ ...r.problem, file: r.fileName })) : [{ code: 'api-no-files', path: ['file'], params: {} }], { rejected });

      const batchId = randomUUID();
      const actor: Actor = (bureau ?? department)!;
      const accepted = await store.transaction(async (tx) => {
        const out = [];
        for (const d of unpacked.documents) {
          const { document } = await tx.documents.put({ bytes: d.bytes, fileName: d.fileName, mediaType: d.mediaType, uploadedBy: caller.user.id });
          const payload: ImportJobPayload = { taskId: id, hash: document.hash, fileName: d.fileName, uploaderId: caller.user.id, actor, ...(bureau ? {} : { departmentId: department!.departmentId }) };
          const job = await tx.jobs.enqueue({ kind: IMPORT_JOB, batchId, payload: payload as unknown as JsonValue, maxAttempts: 3 });
          out.push({ jobId: job.id, fileName: d.fileName, hash: document.hash, sizeBytes: d.bytes.byteLength });
        }
        await activity(tx, caller, 'task.upload', 'task', id, { batchId, files: out.length, rejected: rejected.length });
        return out;
      });
      services.onQueued();
      return json(c, { batchId, accepted, rejected, progressUrl: `/api/batches/${batchId}`, eventsUrl: `/api/batches/${batchId}/events` }, 202);
    },
  );

  /** The batch's task, if the caller uploaded it or runs its region. */
  async function visibleBatch(c: Ctx, batchId: string) {
    const caller = c.get('caller');
    const first = (await store.jobs.list({ batchId }))[0];
    const payload = first?.payload as unknown as ImportJobPayload | undefined;
    const task = payload ? await store.tasks.get(payload.taskId) : undefined;
    if (!first || !payload || !task || (payload.uploaderId !== caller.user.id && !runsRegion(caller, task.regionId))) throw apiError(404, 'api-batch-not-found', { id: batchId });
    return task;
  }

  const progressOf = async (batchId: string) => {
    const p = await store.jobs.progress(batchId);
    return { ...p, finished: p.queued + p.running === 0 };
  };

  op(app, { method: 'get', path: '/api/batches/:id', summary: '批量导入进度与结果 / a batch’s progress and results', tags: ['uploads'], params: BatchParams, response: z.unknown() }, async (c: Ctx) => {
    const { id } = valid(c, 'param', BatchParams);
    await visibleBatch(c, id);
    const jobs = await store.jobs.list({ batchId: id });
    return json(c, {
      batchId: id,
      progress: await progressOf(id),
      items: jobs.map((j) => ({ jobId: j.id, fileName: (j.payload as unknown as ImportJobPayload).fileName, status: j.status, attempts: j.attempts, result: j.result, lastError: j.status === 'failed' ? j.lastError : null })),
    });
  });

  op(app, { method: 'get', path: '/api/batches/:id/events', summary: '批量导入进度（SSE）/ a batch’s progress as Server-Sent Events', tags: ['uploads'], params: BatchParams, produces: ['text/event-stream'] }, async (c: Ctx) => {
    const { id } = valid(c, 'param', BatchParams);
    await visibleBatch(c, id);
    return streamSSE(c, async (stream) => {
      let last = '';
      let alive = true;
      stream.onAbort(() => {
        alive = false;
      });
      for (let n = 0; alive; n++) {
        const p = await progressOf(id);
        const data = JSON.stringify(p);
        // A change is sent at once; an unchanged state every 15 s, so proxies keep the connection open.
        if (data !== last || n % 30 === 0) await stream.writeSSE({ event: p.finished ? 'done' : 'progress', data, id: String(n) });
        last = data;
        if (p.finished) break;
        await stream.sleep(500);
      }
    });
  });
}
