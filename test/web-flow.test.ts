/**
 * One evaluation's whole year in the browser, across roles, on one server: the preparer uploads the department's
 * document to prefill the draft, corrects a figure (a finding appears at the field, and goes when it is fixed),
 * submits; the reviewer finds it on the desk, adjusts a rubric item with its reason and returns it with a reason;
 * the preparer sees the reason, fixes, resubmits; the reviewer approves and downloads the review letter. The other
 * screens' details are in web-editor, web-review and web-admin; this is the hand-over between them.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { ROOT } from './helpers.ts';
import { type WebWorld, pageAs, startWeb } from './web-helpers.ts';

let world: WebWorld;
before(async () => {
  world = await startWeb();
});
after(async () => {
  await world?.close();
});

/** Waits until `f` holds (a condition, not a deadline). */
async function until(page: Page, f: () => Promise<boolean>): Promise<void> {
  while (!(await f())) await page.waitForTimeout(100);
}
const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => (await (await request.get(path)).json()) as T;
const input = (p: Page, field: string) => p.locator(`input[data-field="${field}"], textarea[data-field="${field}"]`).first();
const fieldFinding = (p: Page, field: string) => p.locator(`[data-testid="field-finding"][data-field="${field}"][data-severity="error"]`);

async function openTab(p: Page, key: string): Promise<void> {
  await p.getByTestId(`tab-${key}`).click();
  await p.locator(`.ant-tabs-tab-active [data-testid="tab-${key}"]`).waitFor();
}

/** Submits from the editor; when error findings stand, explains them as the dialog asks. */
async function submit(page: Page, explanation: string): Promise<void> {
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  await page.getByTestId('action-submit').click();
  // The dialog asks to confirm; with error findings standing, it also asks for an explanation.
  const confirm = page.getByTestId('submit-confirm');
  await confirm.waitFor();
  if ((await page.getByTestId('override-reason').count()) > 0) await page.getByTestId('override-reason').fill(explanation);
  await confirm.click();
  await page.locator('[data-testid="editor"][data-state="submitted"][data-readonly="true"]').waitFor();
}

/** The department head opens the submitted evaluation and signs it off (盖章). */
async function signOff(id: string): Promise<void> {
  const head = await pageAs(world, 'demo-head-1', `/evaluations/${id}`);
  const h = head.page;
  await h.getByTestId('action-sign-off').click();
  await h.getByRole('dialog').getByRole('button', { name: /盖\s*章/ }).click();
  await h.locator('[data-testid="editor"][data-state="signed-off"]').waitFor();
  await head.context.close();
}

test('draft → prefilled by upload → corrected → submitted → signed off → returned with a reason → fixed → resubmitted → approved', async () => {
  // ── The preparer: from my tasks into the draft.
  const prep = await pageAs(world, 'demo-preparer-1', '/');
  const p = prep.page;
  const row = p.getByTestId('evaluation-row').filter({ has: p.locator('[data-state="draft"]') }).first();
  await row.getByRole('link').first().click();
  await p.getByTestId('editor').waitFor();
  const id = p.url().split('/evaluations/')[1]!;
  const versionOf = async () => (await getJson<{ currentVersion: number }>(prep.context.request, `/api/evaluations/${id}`)).currentVersion;

  // Upload the department's own document: a new version, every imported figure marked with its source.
  const seed = readdirSync(join(ROOT, 'examples', 'seeds')).find((f) => f.startsWith('000_'));
  assert.ok(seed, 'the seed document is bundled');
  const before = await versionOf();
  await p.getByTestId('open-upload').click();
  const upload = p.getByRole('dialog').filter({ hasText: '上传文件预填' });
  await upload.locator('input[type="file"]').setInputFiles(join(ROOT, 'examples', 'seeds', seed));
  await upload.locator('[data-testid="upload-result"][data-status="imported"]').waitFor();
  assert.ok((await versionOf()) > before, 'the import saved a new version');
  await upload.getByRole('button', { name: /完\s*成/ }).click();
  await openTab(p, 'budget');
  await p.locator('[data-testid="source-marker"][data-field="budget.actualSpending"]').waitFor();

  // Correct a figure: a wrong one is flagged at once, in the browser; the right one clears it.
  const actual = input(p, 'budget.actualSpending');
  const imported = await actual.inputValue();
  assert.match(imported, /^\d[\d.,]*$/, `an imported figure: ${imported}`);
  await actual.fill('9999.99');
  await fieldFinding(p, 'budget.actualSpending').waitFor();
  await actual.fill(imported);
  await until(p, async () => (await fieldFinding(p, 'budget.actualSpending').count()) === 0);
  await submit(p, '原文如此，已与决算报表核对');
  const submittedVersion = await versionOf();
  await signOff(id);

  // ── The reviewer: the desk lists it as submitted; open it, review, adjust an item with its reason, return it.
  const rev = await pageAs(world, 'demo-reviewer', '/');
  const r = rev.page;
  await r.getByTestId('open-desk').first().click();
  await r.getByTestId('desk-row').first().waitFor();
  const deskRow = r.getByTestId('desk-row').filter({ has: r.locator('[data-state="signed-off"]') }).filter({ hasText: '示例 000' });
  await deskRow.first().waitFor();
  await deskRow.first().click();
  await r.waitForURL(`**/review/${id}`);
  await r.getByTestId('action-start-review').click();
  await r.getByTestId('review-state').getByText('审核中').waitFor();

  await r.getByRole('tab', { name: '评分与意见' }).click();
  const item = r.getByTestId('score-row').first();
  await item.waitFor();
  const weight = (await item.locator('td').nth(1).innerText()).trim();
  await item.getByTestId('adjust-score').fill(weight);
  await item.getByTestId('adjust-reason').fill('按决算数复核');
  await r.getByTestId('opinion').fill('请补充项目支出明细后重新提交。');
  await r.getByTestId('save-review').click();
  await until(r, async () => (await getJson<unknown[]>(rev.context.request, `/api/evaluations/${id}/reviews`)).length > 0);

  await r.getByTestId('action-return').click();
  const ret = r.getByRole('dialog');
  await ret.getByTestId('return-reason').fill('请补充项目支出明细');
  await ret.getByTestId('return-confirm').click();
  await r.getByTestId('review-state').getByText('已退回').waitFor();

  // ── The preparer again: the reason is shown, the form is editable; fix and resubmit.
  await p.reload();
  await p.getByTestId('editor').waitFor();
  await until(p, async () => (await p.locator('body').innerText()).includes('请补充项目支出明细'));
  await openTab(p, 'budget');
  await input(p, 'budget.note').fill('已补充项目支出明细（见附表）');
  await until(p, async () => (await versionOf()) > submittedVersion);
  await submit(p, '原文如此，已与决算报表核对');
  assert.equal((await getJson<{ state: string }>(prep.context.request, `/api/evaluations/${id}`)).state, 'submitted');
  await signOff(id);

  // ── The reviewer approves the corrected submission and downloads the review letter.
  await r.reload();
  await r.getByTestId('action-start-review').click();
  await r.getByTestId('review-state').getByText('审核中').waitFor();
  await r.getByTestId('action-approve').click();
  await r.getByRole('button', { name: /确\s*定/ }).click();
  await r.getByTestId('review-state').getByText('已通过').waitFor();
  await r.getByTestId('downloads').hover();
  const [download] = await Promise.all([r.waitForEvent('download'), r.getByTestId('letter-docx').click()]);
  const bytes = readFileSync((await download.path())!);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the review letter is a DOCX (a ZIP)');
  assert.ok(bytes.length > 1000);

  const history = (await getJson<{ history: { action: string }[] }>(rev.context.request, `/api/evaluations/${id}`)).history.map((h) => h.action);
  const from = history.indexOf('submit');
  assert.deepEqual(history.slice(from), ['submit', 'sign-off', 'start-review', 'return', 'submit', 'sign-off', 'start-review', 'approve'], `history: ${history.join(', ')}`);
  for (const a of ['submit', 'start-review', 'return', 'approve']) assert.ok(history.includes(a), `${a} in ${history.join(',')}`);
  assert.equal(history.filter((a) => a === 'submit').length, 2, 'submitted twice');
  await prep.context.close();
  await rev.context.close();
});
