/**
 * The reviewer's desk and the review view in a real browser: the demo task's evaluations with their scores, sorting
 * by the recomputed score (compared exactly as shares of full marks), the department search, the charts, a batch
 * upload followed to completion, the review view's findings with their excerpts (highlighted in the original text),
 * an adjusted item score and opinion that are stored, a return with reasons, an approval and the review letter, and
 * a third party kept out of a task it is not assigned to.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { type Exact, cmp, div, parseExact } from '../src/core/exact.ts';
import { ROOT } from './helpers.ts';
import { STEP_TIMEOUT_MS, VIEWPORTS, type WebWorld, pageAs, screenshot, startWeb } from './web-helpers.ts';

interface Row {
  evaluationId: string;
  department: string;
  state: string;
  summary: { computedScore: string | null; maxScore: string | null; selfScore: string | null } | null;
}

let world: WebWorld;
let taskId: string;
/** The demo's evaluations under review and signed off, noted before the upload adds more. */
let underReviewId: string;
let signedOffId: string;
before(async () => {
  world = await startWeb();
});
after(async () => {
  await world?.close();
});

const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
  const res = await request.get(path);
  assert.equal(res.status(), 200, `${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
};

/** Waits until `get` gives `expected` (the page updates on its own time; no deadline unless JIXIAO_E2E_TIMEOUT_MS is set). */
async function until<T>(page: Page, get: () => Promise<T>, expected: T): Promise<void> {
  const start = Date.now();
  for (;;) {
    const got = await get();
    if (JSON.stringify(got) === JSON.stringify(expected)) return;
    if (STEP_TIMEOUT_MS && Date.now() - start > STEP_TIMEOUT_MS) assert.deepEqual(got, expected);
    await page.waitForTimeout(100);
  }
}

const share = (r: Row): Exact | undefined => {
  const c = r.summary?.computedScore ? parseExact(r.summary.computedScore) : undefined;
  const m = r.summary?.maxScore ? parseExact(r.summary.maxScore) : undefined;
  return c && m ? div(c, m) : undefined;
};
/** The expected order by recomputed share; rows without one last, in either direction. */
function byShare(rows: readonly Row[], dir: 1 | -1): string[] {
  return [...rows]
    .map((r, i) => ({ r, i, s: share(r) }))
    .sort((a, b) => (a.s && b.s ? dir * cmp(a.s, b.s) || a.i - b.i : a.s ? -1 : b.s ? 1 : a.i - b.i))
    .map((x) => x.r.department);
}

async function openDesk(login: string, viewport: { width: number; height: number } = VIEWPORTS.laptop) {
  const { context, page } = await pageAs(world, login, '/', viewport);
  await page.getByTestId('open-desk').first().click();
  await page.getByTestId('desk-row').first().waitFor();
  taskId = page.url().split('/tasks/')[1]!;
  return { context, page };
}

test('desk: the demo task’s evaluations with scores; sorting by 复核分, search, charts, keyboard', async () => {
  const { context, page } = await openDesk('demo-reviewer');
  const rows = await getJson<Row[]>(context.request, `/api/tasks/${taskId}/evaluations`);
  assert.ok(rows.length >= 4, 'the demo task has evaluations the reviewer sees');
  assert.ok(!rows.some((r) => r.state === 'draft'), 'a reviewer never sees drafts');
  underReviewId = rows.find((r) => r.state === 'under-review')!.evaluationId;
  signedOffId = rows.find((r) => r.state === 'signed-off')!.evaluationId;
  await until(page, () => page.getByTestId('desk-row').count(), rows.length);
  const names = await page.getByTestId('desk-department').allInnerTexts();
  assert.deepEqual(names, rows.map((r) => r.department), 'first in the server’s ranking order');
  const shown = await page.getByTestId('computed-score').allInnerTexts();
  const expected = rows.filter((r) => r.summary?.computedScore).map((r) => r.summary!.computedScore!);
  assert.deepEqual(shown.map((s) => s.split('/')[0]!.trim()), expected, 'the recomputed scores as the server sent them');
  const differs = rows.filter((r) => r.summary?.computedScore && r.summary.selfScore && cmp(parseExact(r.summary.computedScore)!, parseExact(r.summary.selfScore)!) !== 0).length;
  assert.equal(await page.locator('[data-testid="computed-score"][data-differs="true"]').count(), differs, 'scores that differ from the self-score are marked');

  // Sorting by 复核分: ascending, then descending, by share of full marks (rows without a score stay last).
  const header = page.locator('th', { hasText: '复核分' });
  await header.click();
  const asc = byShare(rows, 1);
  await until(page, () => page.getByTestId('desk-department').allInnerTexts(), asc);
  assert.notDeepEqual(asc, names, 'the demo data is not already in ascending order, so the click visibly reorders');
  await header.click();
  const desc = byShare(rows, -1);
  await until(page, () => page.getByTestId('desk-department').allInnerTexts(), desc);

  // Search by department name.
  const target = rows.find((r) => r.state === 'under-review')!;
  const term = target.department.slice(0, Math.min(6, target.department.length));
  const matching = rows.filter((r) => r.department.toLowerCase().includes(term.toLowerCase()));
  await page.getByPlaceholder('按部门名称搜索').fill(term);
  await until(page, () => page.getByTestId('desk-row').count(), matching.length);
  assert.ok(matching.length < rows.length, 'the search narrows the table');
  assert.match(await page.getByTestId('desk-count').innerText(), new RegExp(`显示 ${matching.length} / ${rows.length}`));
  await page.getByPlaceholder('按部门名称搜索').fill('没有这样的部门名称');
  await page.getByText('没有符合筛选条件的评价').waitFor();
  await page.getByPlaceholder('按部门名称搜索').fill('');
  await until(page, () => page.getByTestId('desk-row').count(), rows.length);

  // The charts: ECharts canvases with the series they drew.
  for (const name of ['distribution', 'execution', 'grades']) {
    const chart = page.locator(`[data-chart="${name}"][data-ready="true"]`);
    await chart.waitFor();
    assert.equal(await chart.locator('canvas').count(), 1, `${name} draws on a canvas`);
    assert.ok(Number(await chart.getAttribute('data-series')) >= 1, `${name} has a series`);
  }
  const scored = rows.filter((r) => share(r)).length;
  const bars = await page.locator('[data-chart="distribution"]').getAttribute('data-points');
  assert.equal(Number(bars), 10, 'ten bands of 10 points');
  assert.ok(scored > 0);
  assert.equal(await page.locator('[data-chart="execution"]').getAttribute('data-series-names'), '正常|自评得分率高于执行率 10 个百分点以上', 'the legend explains the red points');
  const grades = new Set(rows.map((r) => (r.summary as { grade?: string | null } | null)?.grade ?? 'none'));
  assert.equal(Number(await page.locator('[data-chart="grades"]').getAttribute('data-points')), grades.size, 'one slice per grade present');
  await page.getByText('本地区没有更早年度的任务，无法比较').waitFor();
  await page.mouse.move(0, 0);
  await screenshot(page, 'desk');

  // Keyboard: Tab reaches a row, Enter opens its review.
  await page.getByTestId('desk-row').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/review\//);
  assert.ok(page.url().endsWith(`/review/${rows[0]!.evaluationId}`));
  await context.close();

  const wide = await openDesk('demo-reviewer', VIEWPORTS.wide);
  await wide.page.locator('[data-chart="grades"][data-ready="true"]').waitFor();
  await wide.page.mouse.move(0, 0);
  await screenshot(wide.page, 'desk-wide');
  await wide.context.close();
});

test('batch upload: two seed texts are followed to completion and the table grows', async () => {
  const { context, page } = await openDesk('demo-reviewer');
  const before = (await getJson<Row[]>(context.request, `/api/tasks/${taskId}/evaluations`)).length;
  await until(page, () => page.getByTestId('desk-row').count(), before);
  const seeds = readdirSync(join(ROOT, 'examples', 'seeds')).filter((f) => f.endsWith('.txt')).sort().slice(0, 2);
  assert.equal(seeds.length, 2);
  await page.getByTestId('open-upload').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(seeds.map((f) => join(ROOT, 'examples', 'seeds', f)));
  await dialog.getByTestId('upload-start').click();
  await dialog.locator('[data-testid="upload-progress"][data-finished="true"]').waitFor();
  assert.match(await dialog.getByTestId('upload-counts').innerText(), /共 2 份：已完成 2，失败 0/);
  const results = dialog.getByTestId('upload-results');
  await results.waitFor();
  for (const f of seeds) await results.getByText(f).waitFor();
  assert.ok((await results.getByText('已导入').count()) >= 1, 'at least one document was imported');
  await page.keyboard.press('Escape');
  const after = (await getJson<Row[]>(context.request, `/api/tasks/${taskId}/evaluations`)).length;
  assert.ok(after > before, 'the server has a new evaluation');
  await until(page, () => page.getByTestId('desk-row').count(), after);
  await context.close();
});

test('review view: findings with excerpts; the excerpt is highlighted in the original text', async () => {
  const { context } = await pageAs(world, 'demo-reviewer', '/');
  const rows = await getJson<Row[]>(context.request, `/api/tasks/${taskId}/evaluations`);
  let imported: { id: string; findings: { locations: { line?: number; text?: string; file?: string }[] }[] } | undefined;
  for (const r of rows) {
    const docs = await getJson<unknown[]>(context.request, `/api/evaluations/${r.evaluationId}/documents`);
    if (docs.length) imported = { id: r.evaluationId, ...(await getJson<{ findings: never[] }>(context.request, `/api/evaluations/${r.evaluationId}`)) };
  }
  assert.ok(imported, 'the uploaded evaluation has its document');
  await context.close();

  const { context: c2, page } = await pageAs(world, 'demo-reviewer', `/review/${imported.id}`);
  await page.getByTestId('document-text').locator('[data-line="1"]').waitFor();
  const index = imported.findings.findIndex((f) => f.locations.some((l) => l.line && l.file));
  assert.ok(index >= 0, 'a finding of the upload points at a line of its file');
  const line = imported.findings[index]!.locations.find((l) => l.line && l.file)!.line!;
  await page.getByTestId('finding').nth(index).click();
  await page.locator(`[data-line="${line}"][data-marked="true"]`).waitFor();
  // Start the review (the bureau's upload leaves it signed off).
  await page.getByTestId('action-start-review').click();
  await page.getByTestId('review-state').getByText('审核中').waitFor();
  await page.mouse.move(0, 0);
  await screenshot(page, 'review');
  await c2.close();
});

test('review view: the under-review evaluation’s findings; an adjusted item with its reason and the opinion are stored; a return needs a reason', async () => {
  const { context, page } = await pageAs(world, 'demo-reviewer', '/');
  const target = { evaluationId: underReviewId };
  const view = await getJson<{ findings: { message: { zh: string }; locations: { text?: string }[] }[]; currentVersion: number }>(context.request, `/api/evaluations/${target.evaluationId}`);
  await page.goto(`/review/${target.evaluationId}`);
  await page.getByTestId('finding').first().waitFor();
  assert.equal(await page.getByTestId('finding').count(), view.findings.length);
  const excerpt = view.findings.flatMap((f) => f.locations.flatMap((l) => (l.text ? [l.text] : [])))[0];
  assert.ok(excerpt, 'the demo evaluation’s findings quote their source');
  await page.getByTestId('finding-excerpt').filter({ hasText: excerpt.slice(0, 12) }).first().waitFor();

  // Scores: an adjusted score without a reason is refused in the page; with one it is stored.
  await page.getByRole('tab', { name: '评分与意见' }).click();
  const row = page.getByTestId('score-row').first();
  await row.waitFor();
  const item = (await row.getAttribute('data-item'))!;
  const weight = (await row.locator('td').nth(1).innerText()).trim();
  await row.getByTestId('adjust-score').fill(weight);
  await page.getByTestId('opinion').fill('复核意见：预算执行率按决算数重算。');
  await page.getByTestId('save-review').click();
  await page.getByTestId('review-form-error').waitFor();
  assert.deepEqual(await getJson<unknown[]>(context.request, `/api/evaluations/${target.evaluationId}/reviews`), [], 'nothing saved without a reason');
  await row.getByTestId('adjust-reason').fill('按决算数复核');
  await page.getByTestId('save-review').click();
  await page.getByText('审核意见已保存').waitFor();
  const reviews = await getJson<{ overallOpinion: string; itemScores: { rubricItemId: string; adjustedScore: string; reason: string }[] }[]>(context.request, `/api/evaluations/${target.evaluationId}/reviews`);
  assert.equal(reviews.length, 1);
  assert.equal(reviews[0]!.overallOpinion, '复核意见：预算执行率按决算数重算。');
  assert.equal(reviews[0]!.itemScores.length, 1);
  assert.equal(reviews[0]!.itemScores[0]!.rubricItemId, item);
  assert.equal(cmp(parseExact(reviews[0]!.itemScores[0]!.adjustedScore)!, parseExact(weight)!), 0);
  assert.equal(reviews[0]!.itemScores[0]!.reason, '按决算数复核');

  // Return: the dialog wants a reason; with one the state becomes 已退回.
  await page.getByTestId('action-return').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('return-confirm').click();
  await dialog.getByText('请写明退回理由').waitFor();
  await dialog.getByTestId('return-reason').fill('请按决算数重新填写实际支出');
  await dialog.getByTestId('return-confirm').click();
  await page.getByTestId('review-state').getByText('已退回').waitFor();
  const moved = await getJson<{ state: string; history: { action: string; reasons?: { text: string }[] }[] }>(context.request, `/api/evaluations/${target.evaluationId}`);
  assert.equal(moved.state, 'returned');
  assert.equal(moved.history.at(-1)?.reasons?.[0]?.text, '请按决算数重新填写实际支出');
  await context.close();
});

test('approve the signed-off evaluation and download its review letter', async () => {
  const { context, page } = await pageAs(world, 'demo-reviewer', '/');
  const target = { evaluationId: signedOffId };
  assert.equal((await getJson<{ state: string }>(context.request, `/api/evaluations/${signedOffId}`)).state, 'signed-off');
  await page.goto(`/review/${target.evaluationId}`);
  await page.getByTestId('action-start-review').click();
  await page.getByTestId('review-state').getByText('审核中').waitFor();
  await page.getByTestId('action-approve').click();
  await page.getByRole('button', { name: /确\s*定/ }).click();
  await page.getByTestId('review-state').getByText('已通过').waitFor();
  assert.equal((await getJson<{ state: string }>(context.request, `/api/evaluations/${target.evaluationId}`)).state, 'approved');

  await page.getByTestId('downloads').hover();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('letter-docx').click()]);
  const bytes = readFileSync((await download.path())!);
  assert.ok(bytes.length > 1000, 'a real document');
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a DOCX is a ZIP');
  assert.match(download.suggestedFilename(), /\.docx$/);
  await context.close();
});

test('a third party sees its assigned task, and the not-found page for a task it is not assigned to', async () => {
  const reviewer = await pageAs(world, 'demo-reviewer', '/');
  const session = await getJson<{ csrfToken: string; roles: { role: string; regionId?: string }[] }>(reviewer.context.request, '/api/session');
  const regionId = session.roles.find((r) => r.role === 'reviewer')!.regionId!;
  const created = await reviewer.context.request.post('/api/tasks', {
    headers: { 'x-csrf-token': session.csrfToken, origin: world.url },
    data: { regionId, year: 2030, title: '未委托第三方的任务', layoutId: 'gz-report', rubricId: 'mof-2020', opensOn: '2031-01-01', closesOn: '2031-03-31', departmentIds: [] },
  });
  assert.equal(created.status(), 201, await created.text());
  const other = (await created.json()) as { id: string };
  // Its desk compares with the demo task, the region's latest earlier one; no department is in both.
  const demo = await getJson<{ year: number }>(reviewer.context.request, `/api/tasks/${taskId}`);
  await reviewer.page.goto(`/tasks/${other.id}`);
  await reviewer.page.getByText(`${demo.year} 年度任务中没有与本任务相同的部门`).waitFor();
  await reviewer.page.getByText('还没有可审核的评价').waitFor();
  await reviewer.context.close();

  const { context, page } = await pageAs(world, 'demo-thirdparty', `/tasks/${taskId}`);
  await page.getByTestId('desk-row').first().waitFor();
  assert.equal(await page.getByTestId('open-upload').count(), 0, 'a third party does not upload for the bureau');
  await page.goto(`/tasks/${other.id}`);
  await page.getByText('找不到，或无权查看').waitFor();
  await context.close();
});
