/**
 * One department's evaluation in a task: read it (the newest version the caller may see, its findings, the moves
 * offered, what is editable, the reasons of the last return beside their fields), save a new version (optimistic
 * locking: a stale save is 409 with both versions), move it through the workflow, compare versions, write review
 * opinions, fetch its original documents.
 */
import { diffData } from '../../core/model/diff.ts';
import type { PathSegment, Problem } from '../../core/problem.ts';
import {
  ACTIONS,
  type Action,
  EVALUATION_STATES,
  EVALUATION_STATE_INFO,
  type FieldGroup,
  canEdit,
  editableBy,
  isCorrection,
  isEvaluationFrozen,
  offeredActions,
  placeReasons,
  rubricItemRefs,
  transition,
} from '../../core/workflow/index.ts';
import type { ReturnReason } from '../../core/workflow/reasons.ts';
import { type EvaluationVersion, type Repositories, historyEntryOf } from '../../store/index.ts';
import type { Services } from '../app.ts';
import type { Caller } from '../context.ts';
import { IdParam, type App, type Ctx, json, op, valid, z } from '../openapi.ts';
import { ApiError, apiError } from '../problems.ts';
import { type EvaluationAccess, accessEvaluation, activity, checkEvaluationData, newestReadable, readableVersions, rubricFor, workflowTask } from '../services.ts';

const uuid = z.string().uuid();
/** Editable while the department holds it: draft and returned (the core says which). */
export const EDITABLE_STATES = EVALUATION_STATES.filter((s) => !isEvaluationFrozen(s));

const SaveBody = z
  .object({
    baseVersion: z.number().int().min(0).openapi({ description: '所编辑的版本号（新建时为 0）/ the version this edit starts from (0 for a new one)' }),
    data: z.record(z.string(), z.unknown()).openapi({ description: '评价数据，格式见 schema/evaluation.schema.json / the evaluation, as schema/evaluation.schema.json' }),
  })
  .openapi('SaveEvaluation');

const Reason = z.object({ text: z.string().max(2000), path: z.string().max(200).optional(), rubricItem: z.string().max(200).optional() });
const ActionParams = z.object({ id: uuid, action: z.enum(ACTIONS) });
const ActionBody = z
  .object({
    version: z.number().int().min(0).optional().openapi({ description: '操作针对的版本；其后若有新保存则冲突 / the version acted on; a later save makes it a conflict' }),
    reasons: z.array(Reason).max(200).optional(),
    reason: z.string().max(2000).optional(),
    overrideReason: z.string().max(2000).optional(),
  })
  .openapi('EvaluationAction');
const VersionParams = z.object({ id: uuid, version: z.coerce.number().int().min(1) });
const DiffQuery = z.object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) });
const FindingsQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
const decimal = z.string().regex(/^-?\d{1,6}(\.\d{1,6})?$/, '');
const ReviewBody = z
  .object({
    version: z.number().int().min(1).optional(),
    overallOpinion: z.string().trim().min(1).max(20000),
    rectifications: z.array(z.object({ text: z.string().trim().min(1).max(4000), path: z.string().max(200).optional() })).max(200).default([]),
    itemScores: z.array(z.object({ rubricItemId: z.string().min(1).max(200), adjustedScore: decimal, reason: z.string().trim().min(1).max(4000) })).max(500).default([]),
  })
  .openapi('ReviewOpinion');
const DocParams = z.object({ id: uuid, hash: z.string().regex(/^[0-9a-f]{64}$/) });

/** Which status a refused move or edit answers with: not yours → 403; a reason missing → 422; the state → 409. */
export function statusOf(p: Problem): 403 | 409 | 422 {
  if (p.code === 'workflow-role-not-allowed' || p.code.startsWith('workflow-other-') || p.code === 'workflow-task-not-assigned' || p.code === 'workflow-not-editable-by-role') return 403;
  if (['workflow-return-reason-required', 'workflow-return-reason-empty', 'workflow-reason-required', 'workflow-unresolved-errors'].includes(p.code)) return 422;
  return 409;
}

const versionOut = (v: EvaluationVersion | undefined) => (v ? { version: v.version, authorId: v.authorId, createdAt: v.createdAt.toISOString(), changedPaths: v.changedPaths, data: v.data } : null);

export function evaluationRoutes(app: App, services: Services): void {
  const { store, clock } = services;

  /** Refuses an edit of `group` unless one of the caller's actors may make it now. */
  function requireEdit(access: EvaluationAccess, group: FieldGroup): void {
    let problem: Problem | undefined;
    for (const a of access.actors) {
      const r = canEdit(a, access.ref, group);
      if (r.ok) return;
      problem ??= r.problem;
    }
    throw new ApiError(problem ? statusOf(problem) : 403, problem ? [problem] : []);
  }

  async function readable(tx: Repositories, access: EvaluationAccess, version: number): Promise<void> {
    const r = await readableVersions(tx, access);
    if (version !== 0 && r !== 'all' && !r.has(version)) throw apiError(404, 'api-version-not-found', { version });
  }

  async function view(caller: Caller, access: EvaluationAccess) {
    const { evaluation, task } = access;
    const version = await newestReadable(store, access);
    const history = (await store.transitions.history(evaluation.id)).map(historyEntryOf);
    const findings = version ? await store.findings.list(evaluation.id, version.version) : [];
    const context = { departmentId: evaluation.departmentId, task: workflowTask(task), now: clock(), findings: findings.map((f) => ({ severity: f.severity })), isCorrection: isCorrection(history) };
    const offered = new Map<Action, ReturnType<typeof offeredActions>[number]>();
    for (const a of access.actors) for (const o of offeredActions(a, evaluation.state, context)) if (!offered.has(o.action) || !o.problem) offered.set(o.action, o);
    const editable = [...new Set(access.actors.flatMap((a) => editableBy(a, access.ref)))];
    const lastReturn = [...history].reverse().find((h) => h.action === 'return');
    const rubric = rubricFor(version?.data as { rubric?: string } | undefined, task.rubricId);
    const placed = lastReturn?.reasons && version ? placeReasons(lastReturn.reasons, version.data, rubric ? rubricItemRefs(rubric) : []) : undefined;
    const department = await store.departments.get(evaluation.departmentId);
    return {
      id: evaluation.id,
      taskId: task.id,
      departmentId: evaluation.departmentId,
      department: department?.name ?? null,
      state: evaluation.state,
      currentVersion: access.versions === 'all' ? evaluation.currentVersion : (version?.version ?? 0),
      version: versionOut(version),
      summary: version?.summary ?? null,
      findings: findings.map((f) => f.data),
      offeredActions: [...offered.values()],
      editable,
      returnReasons: placed
        ? { byField: Object.fromEntries(placed.byField), byRubricItem: Object.fromEntries(placed.byRubricItem), general: placed.general }
        : null,
      history,
      caller: { userId: caller.user.id },
    };
  }

  op(app, { method: 'get', path: '/api/evaluations/:id', summary: '评价详情 / an evaluation', tags: ['evaluations'], params: IdParam, response: z.unknown() }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    const caller = c.get('caller');
    return json(c, await view(caller, await accessEvaluation(store, caller, id)));
  });

  op(app, { method: 'put', path: '/api/evaluations/:id', summary: '保存新版本 / save a new version', tags: ['evaluations'], roles: '本部门填报人、部门负责人（填报中或已退回）/ the department’s preparer or head, while draft or returned', params: IdParam, body: SaveBody, response: z.unknown(), errors: [409] }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    const body = valid(c, 'json', SaveBody);
    const caller = c.get('caller');
    const access = await accessEvaluation(store, caller, id);
    requireEdit(access, 'evaluation');
    const checked = checkEvaluationData(body.data, access.task.rubricId);
    const result = await store.transaction(async (tx) => {
      const r = await tx.evaluations.save(id, body.baseVersion, checked.data, caller.user.id, { editableStates: EDITABLE_STATES, summary: checked.summary });
      if (r.kind !== 'saved') return r;
      await tx.findings.record(id, r.version.version, checked.findings);
      await activity(tx, caller, 'evaluation.save', 'evaluation', id, { version: r.version.version, changedPaths: [...r.version.changedPaths].slice(0, 200) });
      return r;
    });
    if (result.kind === 'not-found') throw apiError(404, 'api-evaluation-not-found', { id });
    if (result.kind === 'frozen') {
      const info = EVALUATION_STATE_INFO[result.state];
      throw apiError(409, 'workflow-frozen', { group: 'evaluation', groupZh: '填报内容', groupEn: 'evaluation data', state: result.state, stateZh: info.label.zh, stateEn: info.label.en });
    }
    if (result.kind === 'conflict') {
      const theirs = result.current;
      const base = result.base;
      throw new ApiError(409, { code: 'api-version-conflict', path: [], params: { base: body.baseVersion, current: theirs.version } }, {
        baseVersion: body.baseVersion,
        currentVersion: theirs.version,
        current: versionOut(theirs),
        base: versionOut(base),
        // What the other save changed since the caller's base, and what the caller's own data changes: the client
        // merges or redoes its edit, and nothing the caller typed is lost (it is sent back as `yours`).
        theirChanges: diffData(base?.data ?? {}, theirs.data),
        yours: checked.data,
      });
    }
    return json(c, { version: result.version.version, createdAt: result.version.createdAt.toISOString(), changedPaths: result.version.changedPaths, summary: checked.summary, counts: checked.counts, findings: checked.findings });
  });

  op(app, { method: 'post', path: '/api/evaluations/:id/actions/:action', summary: '提交、盖章、审核、退回、通过、公开… / submit, sign off, review, return, approve, publish…', tags: ['evaluations'], roles: '见 docs/workflow.md 的流转表 / see the transition table in docs/workflow.md', params: ActionParams, body: ActionBody, response: z.unknown(), errors: [409] }, async (c: Ctx) => {
    const { id, action } = valid(c, 'param', ActionParams);
    const body = valid(c, 'json', ActionBody);
    const caller = c.get('caller');
    const access = await accessEvaluation(store, caller, id);
    const { evaluation, task } = access;
    if ((action === 'submit' || action === 'receive') && evaluation.currentVersion === 0) throw apiError(422, 'api-nothing-to-submit');
    if (body.version !== undefined && body.version !== evaluation.currentVersion && access.versions === 'all') throw apiError(409, 'api-version-conflict', { base: body.version, current: evaluation.currentVersion });
    const history = (await store.transitions.history(id)).map(historyEntryOf);
    const findings = evaluation.currentVersion > 0 ? await store.findings.list(id, evaluation.currentVersion) : [];
    const reasons: ReturnReason[] | undefined = body.reasons?.map((r) => ({ text: r.text, ...(r.path ? { path: parsePathText(r.path) } : {}), ...(r.rubricItem ? { rubricItem: r.rubricItem } : {}) }));
    const context = {
      departmentId: evaluation.departmentId,
      task: workflowTask(task),
      now: clock(),
      findings: findings.map((f) => ({ severity: f.severity })),
      isCorrection: isCorrection(history),
      ...(reasons ? { reasons } : {}),
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(body.overrideReason !== undefined ? { overrideReason: body.overrideReason } : {}),
    };
    let problem: Problem | undefined;
    for (const actor of access.actors) {
      const r = transition(actor, action, evaluation.state, context);
      if (!r.ok) {
        // The most telling refusal: a precondition of a role that may act beats "your role may not".
        if (!problem || (statusOf(problem) === 403 && statusOf(r.problem) !== 403)) problem = r.problem;
        continue;
      }
      const moved = await store.transaction(async (tx) => {
        const m = await tx.transitions.move(id, r.entry, { atVersion: evaluation.currentVersion });
        if (m.kind === 'moved') await activity(tx, caller, `evaluation.${action}`, 'evaluation', id, { from: r.entry.from, to: r.entry.to, version: m.transition.atVersion });
        return m;
      });
      if (moved.kind === 'not-found') throw apiError(404, 'api-evaluation-not-found', { id });
      if (moved.kind === 'conflict') throw apiError(409, 'api-evaluation-changed');
      return json(c, await view(caller, await accessEvaluation(store, caller, id)));
    }
    throw new ApiError(problem ? statusOf(problem) : 403, problem ? [problem] : []);
  });

  op(app, { method: 'get', path: '/api/evaluations/:id/versions', summary: '版本列表 / versions', tags: ['evaluations'], params: IdParam, response: z.unknown() }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    const access = await accessEvaluation(store, c.get('caller'), id);
    const r = await readableVersions(store, access);
    const list = (await store.evaluations.versions(id)).filter((v) => r === 'all' || r.has(v.version));
    return json(c, list.map((v) => ({ version: v.version, authorId: v.authorId, createdAt: v.createdAt.toISOString(), changedPaths: v.changedPaths, summary: v.summary })));
  });

  op(app, { method: 'get', path: '/api/evaluations/:id/versions/:version', summary: '某一版本 / one version', tags: ['evaluations'], params: VersionParams, response: z.unknown() }, async (c: Ctx) => {
    const { id, version } = valid(c, 'param', VersionParams);
    const access = await accessEvaluation(store, c.get('caller'), id);
    await readable(store, access, version);
    const v = await store.evaluations.version(id, version);
    if (!v) throw apiError(404, 'api-version-not-found', { version });
    return json(c, versionOut(v));
  });

  op(app, { method: 'get', path: '/api/evaluations/:id/diff', summary: '比较两个版本 / compare two versions', tags: ['evaluations'], params: IdParam, query: DiffQuery, response: z.unknown() }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    const { from, to } = valid(c, 'query', DiffQuery);
    const access = await accessEvaluation(store, c.get('caller'), id);
    await readable(store, access, from);
    await readable(store, access, to);
    const d = await store.evaluations.diffVersions(id, from, to);
    if (!d) throw apiError(404, 'api-version-not-found', { version: `${from}/${to}` });
    return json(c, d);
  });

  op(app, { method: 'get', path: '/api/evaluations/:id/findings', summary: '审核发现 / findings', tags: ['evaluations'], params: IdParam, query: FindingsQuery, response: z.unknown() }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    const { version } = valid(c, 'query', FindingsQuery);
    const access = await accessEvaluation(store, c.get('caller'), id);
    const v = version ?? (await newestReadable(store, access))?.version ?? 0;
    await readable(store, access, v);
    return json(c, v ? (await store.findings.list(id, v)).map((f) => f.data) : []);
  });

  op(app, { method: 'get', path: '/api/evaluations/:id/reviews', summary: '审核意见 / review opinions', tags: ['reviews'], params: IdParam, response: z.unknown() }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    await accessEvaluation(store, c.get('caller'), id);
    return json(c, await store.reviews.list(id));
  });

  op(app, { method: 'post', path: '/api/evaluations/:id/reviews', summary: '填写审核意见 / write a review opinion', tags: ['reviews'], roles: '审核中：绩效科审核人、受托第三方；待终审：绩效科审核人 / reviewer or assigned third party', params: IdParam, body: ReviewBody, response: z.unknown(), status: 201, errors: [409] }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    const body = valid(c, 'json', ReviewBody);
    const caller = c.get('caller');
    const access = await accessEvaluation(store, caller, id);
    requireEdit(access, 'review-opinions');
    const version = body.version ?? (await newestReadable(store, access))?.version;
    if (!version) throw apiError(422, 'api-nothing-to-review');
    await readable(store, access, version);
    const reviewed = await store.evaluations.version(id, version);
    const rubric = rubricFor(reviewed?.data as { rubric?: string } | undefined, access.task.rubricId);
    const known = new Set(rubric ? rubricItemRefs(rubric).flatMap((r) => [r.id, r.name, r.path.join('/')]) : []);
    const unknown = body.itemScores.findIndex((s) => rubric && !known.has(s.rubricItemId));
    if (unknown >= 0) throw apiError(422, 'api-unknown-rubric-item', { item: body.itemScores[unknown]!.rubricItemId }, ['itemScores', unknown, 'rubricItemId']);
    const opinion = await store.transaction(async (tx) => {
      const o = await tx.reviews.create({
        evaluationId: id,
        version,
        reviewerId: caller.user.id,
        overallOpinion: body.overallOpinion,
        rectifications: body.rectifications.map((r) => ({ text: r.text, ...(r.path ? { path: r.path } : {}) })),
        itemScores: body.itemScores,
      });
      await activity(tx, caller, 'evaluation.review', 'evaluation', id, { version, opinionId: o.id });
      return o;
    });
    return json(c, opinion, 201);
  });

  op(app, { method: 'get', path: '/api/evaluations/:id/documents', summary: '原件列表 / the original documents', tags: ['evaluations'], params: IdParam, response: z.unknown() }, async (c: Ctx) => {
    const { id } = valid(c, 'param', IdParam);
    await accessEvaluation(store, c.get('caller'), id);
    const docs = await store.documents.forEvaluation(id);
    const out = [];
    for (const d of docs) {
      const info = await store.documents.info(d.documentHash);
      out.push({ hash: d.documentHash, fileName: d.fileName, sizeBytes: info?.sizeBytes ?? null, mediaType: info?.mediaType ?? null, addedAt: d.createdAt.toISOString(), extractionReport: info?.extractionReport ?? null });
    }
    return json(c, out);
  });

  op(app, { method: 'get', path: '/api/evaluations/:id/documents/:hash', summary: '下载原件 / download an original document', tags: ['evaluations'], params: DocParams, produces: ['application/octet-stream'] }, async (c: Ctx) => {
    const { id, hash } = valid(c, 'param', DocParams);
    await accessEvaluation(store, c.get('caller'), id);
    const link = (await store.documents.forEvaluation(id)).find((d) => d.documentHash === hash);
    const doc = link ? await store.documents.get(hash) : undefined;
    if (!link || !doc) throw apiError(404, 'api-document-not-found');
    return new Response(doc.bytes, { headers: { 'content-type': doc.mediaType ?? 'application/octet-stream', 'content-disposition': contentDisposition(link.fileName), 'x-content-type-options': 'nosniff' } });
  });
}

/** "indicators[3].actual" → ["indicators", 3, "actual"]. */
function parsePathText(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** An attachment header that carries a Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const safe = fileName.replace(/[\r\n"\\/]/g, '_');
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
