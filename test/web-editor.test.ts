/**
 * The preparer's editor in a real browser, on demo-preparer-1's draft: the core computes and audits in the page as
 * figures are typed (a broken figure is flagged at its field and in the list before anything is saved), the data is
 * saved as versions by itself, a second window's stale save opens the conflict dialog and loses nothing, the history
 * compares versions field by field, an uploaded document prefills with source marks, and submitting with errors asks
 * for an explanation, then freezes the editor.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { ROOT } from './helpers.ts';
import { type WebWorld, pageAs, screenshot, startWeb } from './web-helpers.ts';

let world: WebWorld;
let context: BrowserContext;
let page: Page;
let evaluationId: string;

interface VersionRow {
  version: number;
  changedPaths: string[];
}

/** Polls `f` until it gives a value (a condition, not a deadline). */
async function until<T>(f: () => Promise<T | undefined | false | null>): Promise<T> {
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false && v !== null) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const versions = async (c: BrowserContext = context): Promise<VersionRow[]> => (await (await c.request.get(`/api/evaluations/${evaluationId}/versions`)).json()) as VersionRow[];
const evaluation = async (c: BrowserContext = context) => (await (await c.request.get(`/api/evaluations/${evaluationId}`)).json()) as { currentVersion: number; state: string; version: { data: Record<string, any> } };
const input = (p: Page, field: string) => p.locator(`input[data-field="${field}"], textarea[data-field="${field}"]`).first();
const fieldFinding = (p: Page, field: string, severity = 'error') => p.locator(`[data-testid="field-finding"][data-field="${field}"][data-severity="${severity}"]`);
/** The field key of the focused input. */
const activeField = (p: Page) => p.evaluate<string | null>('document.activeElement && document.activeElement.getAttribute("data-field")');
/** The save status says everything is saved (no change waiting, no save in flight). */
const saved = (p: Page) => p.locator('[data-testid="save-status"][data-state="saved"]').waitFor();

async function openTab(p: Page, key: string): Promise<void> {
  await p.getByTestId(`tab-${key}`).click();
  await p.locator(`.ant-tabs-tab-active [data-testid="tab-${key}"]`).waitFor();
}

before(async () => {
  world = await startWeb();
  ({ context, page } = await pageAs(world, 'demo-preparer-1'));
  const tasks = (await (await context.request.get('/api/tasks')).json()) as { id: string }[];
  for (const t of tasks) {
    const rows = (await (await context.request.get(`/api/tasks/${t.id}/evaluations`)).json()) as { evaluationId: string; state: string }[];
    const draft = rows.find((r) => r.state === 'draft');
    if (draft) evaluationId = draft.evaluationId;
  }
  assert.ok(evaluationId, 'demo-preparer-1 has a draft');
  await page.goto(`/evaluations/${evaluationId}`);
  await page.getByTestId('editor').waitFor();
});
after(async () => {
  await world?.close();
});

describe('the evaluation editor', () => {
  test('typing a figure that breaks the budget flags it at the field and in the list, in the browser, before any save', async () => {
    // Saves are held back: whatever appears comes from the core in the page, not from the server.
    const held: Route[] = [];
    await page.route('**/api/evaluations/*', async (route) => {
      if (route.request().method() === 'PUT') held.push(route);
      else await route.continue();
    });
    const before = (await versions()).length;
    await openTab(page, 'budget');
    const rate = page.getByTestId('figure-budget-executionRate');
    const rateBefore = await rate.innerText();
    assert.match(rateBefore, /^\d+\.\d{2}%$/);
    assert.equal(await fieldFinding(page, 'budget.actualSpending').count(), 0);

    const actual = input(page, 'budget.actualSpending');
    const original = await actual.inputValue();
    await actual.fill('3300.00');
    await fieldFinding(page, 'budget.actualSpending').waitFor();
    await until(async () => (await rate.innerText()) !== rateBefore);
    assert.match(await rate.innerText(), /^\d+\.\d{2}%$/);
    // Typed digit by digit, the rate follows each keystroke.
    await actual.fill('');
    await actual.pressSequentially('3250');
    const at3250 = await rate.innerText();
    await actual.pressSequentially('0');
    await until(async () => (await rate.innerText()) !== at3250);
    await actual.fill('3300.00');
    await fieldFinding(page, 'budget.actualSpending').waitFor();

    // In the findings list, with its place; a click there goes to the field.
    await page.getByTestId('open-findings').click();
    const drawer = page.getByTestId('findings-panel');
    const listed = drawer.locator('[data-testid="finding"][data-severity="error"][data-fields~="budget.actualSpending"]');
    await listed.waitFor();
    assert.ok(Number(await page.getByTestId('findings-counts').getAttribute('data-errors')) >= 1);
    await listed.getByTestId('finding-go').first().click();
    await until(async () => (await activeField(page))?.startsWith('budget.'));
    await drawer.waitFor({ state: 'hidden' });
    assert.equal((await versions()).length, before, 'nothing was saved meanwhile');

    await page.evaluate('window.scrollTo(0, 150)');
    await screenshot(page, 'editor');

    // Fixed, the finding goes, at the field and in the list.
    await actual.fill(original);
    await until(async () => (await fieldFinding(page, 'budget.actualSpending').count()) === 0);
    assert.equal(await rate.innerText(), rateBefore);
    await page.getByTestId('open-findings').click();
    await drawer.waitFor();
    assert.equal(await drawer.locator('[data-testid="finding"][data-severity="error"]').count(), 0);
    await page.locator('.jx-findings-drawer .ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    assert.equal((await versions()).length, before, 'still nothing saved');
    const w = await page.evaluate<{ last: number; count: number } | undefined>('window.__jixiaoRecompute');
    assert.ok(w && w.count > 3 && w.last >= 0);

    await page.unroute('**/api/evaluations/*');
    // A held save the page gave up meanwhile (a newer save supersedes it, a request is cancelled) is already handled:
    // there is nothing left to let through. Any other failure is the test's.
    for (const r of held) await r.continue().catch((e: unknown) => {
      if (!/already handled/i.test(String(e))) throw e;
    });
  });

  test('autosave stores the edit as a new version', async () => {
    const before = await versions();
    await openTab(page, 'budget');
    await input(page, 'budget.note').fill('执行率偏低原因：部分项目跨年支付');
    await until(async () => (await versions()).length > before.length && (await evaluation()).version.data.budget?.note === '执行率偏低原因：部分项目跨年支付');
    await saved(page);
    const list = await versions();
    const newest = list.reduce((a, b) => (a.version > b.version ? a : b));
    assert.ok(newest.changedPaths.some((p) => p.startsWith('budget.note')), newest.changedPaths.join(','));
    assert.match(await page.getByTestId('save-status').innerText(), new RegExp(`已自动保存 第 ${newest.version} 版`));
  });

  test('a second window saving from an old version gets the conflict dialog, and merging keeps both edits', async () => {
    const other = await pageAs(world, 'demo-preparer-1', `/evaluations/${evaluationId}`);
    const b = other.page;
    await b.getByTestId('editor').waitFor();
    await saved(b);
    const start = (await evaluation()).currentVersion;

    // The first window saves a change.
    await openTab(page, 'budget');
    await input(page, 'budget.note').fill('甲：执行率偏低原因已核实');
    await until(async () => (await evaluation()).currentVersion > start);
    await saved(page);

    // The second, still on the old version, types elsewhere.
    await input(b, 'preparer.name').fill('张三');
    const dialog = b.getByRole('dialog').filter({ hasText: '版本冲突' });
    await dialog.waitFor();
    await dialog.locator('[data-testid="change-path"][data-path="budget.note"]').first().waitFor();
    await dialog.locator('[data-testid="change-path"][data-path="preparer.name"], [data-testid="change-path"][data-path="preparer"]').first().waitFor();
    assert.equal(await input(b, 'preparer.name').inputValue(), '张三', 'what was typed is still there');
    await screenshot(b, 'editor-conflict');

    await dialog.getByTestId('conflict-merge').click();
    await dialog.waitFor({ state: 'hidden' });
    await until(async () => (await evaluation()).version.data.preparer?.name === '张三');
    const data = (await evaluation()).version.data;
    assert.equal(data.budget.note, '甲：执行率偏低原因已核实', "the other window's edit is kept");
    await saved(b);
    await other.context.close();
    // The first window catches up with the merged version.
    await page.reload();
    await page.getByTestId('editor').waitFor();
  });

  test('the history compares two versions field by field', async () => {
    await page.getByTestId('open-history').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '历史版本' });
    await drawer.getByTestId('version-row').first().waitFor();
    await drawer.getByRole('button', { name: '比较最近两个版本' }).click();
    const row = drawer.locator('[data-testid="change-path"][data-path^="preparer"]').first();
    await row.waitFor();
    assert.match(await row.innerText(), /填报人/);
    assert.match(await drawer.innerText(), /张三/);
    await drawer.locator('.ant-drawer-close').click();
  });

  test('uploading the department’s document prefills a new version with source marks to confirm', async () => {
    await openTab(page, 'budget');
    // The figure typed over earlier has no source any more.
    assert.equal(await page.locator('[data-testid="source-marker"][data-field="budget.actualSpending"]').count(), 0);
    const before = (await evaluation()).currentVersion;
    const seed = readdirSync(join(ROOT, 'examples', 'seeds')).find((f) => f.startsWith('000_'));
    assert.ok(seed);
    await page.getByTestId('open-upload').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '上传文件预填' });
    await dialog.locator('input[type="file"]').setInputFiles(join(ROOT, 'examples', 'seeds', seed));
    await dialog.locator('[data-testid="upload-result"][data-status="imported"]').waitFor();
    assert.ok((await evaluation()).currentVersion > before);
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await openTab(page, 'budget');
    const marker = page.locator('[data-testid="source-marker"][data-field="budget.actualSpending"]');
    await marker.waitFor();
    await marker.hover();
    const confirm = page.locator('[data-testid="source-confirm"]:visible').first();
    await confirm.click();
    await page.locator('[data-testid="source-marker"][data-field="budget.actualSpending"][data-checked="true"]').waitFor();
  });

  test('the indicator table takes rows, moves with Enter and computes completion', async () => {
    await openTab(page, 'indicators');
    await page.getByTestId('indicator-add').click();
    await input(page, 'indicators[0].name').fill('执法检查企业数');
    await input(page, 'indicators[0].level1').fill('产出指标');
    await input(page, 'indicators[0].level2').fill('数量指标');
    await input(page, 'indicators[0].target').fill('≥2000');
    await input(page, 'indicators[0].unitOfMeasure').fill('家');
    await input(page, 'indicators[0].actual').fill('1800');
    await input(page, 'indicators[0].deviationReason').fill('下半年企业停产整顿，检查数减少');
    await page.getByTestId('indicator-add').click();
    await input(page, 'indicators[1].name').fill('群众满意度');
    await input(page, 'indicators[1].level1').fill('满意度指标');
    await input(page, 'indicators[1].level2').fill('服务对象满意度指标');
    await input(page, 'indicators[1].target').fill('≥90%');
    await input(page, 'indicators[1].actual').fill('95%');
    await input(page, 'indicators[0].actual').press('Enter');
    assert.equal(await activeField(page), 'indicators[1].actual');
    await page.keyboard.press('Shift+Enter');
    assert.equal(await activeField(page), 'indicators[0].actual');
    await until(async () => (await page.getByTestId('figure-indicators-0').innerText()) === '90.00%');
    await screenshot(page, 'editor-indicators');
    await until(async () => ((await evaluation()).version.data.indicators?.length ?? 0) === 2);
    await saved(page);
  });

  test('submitting with errors asks for an explanation, then the editor is read-only', async () => {
    await openTab(page, 'budget');
    await input(page, 'budget.actualSpending').fill('3300.00');
    await fieldFinding(page, 'budget.actualSpending').waitFor();
    await page.getByTestId('action-submit').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '审核发现' });
    await dialog.getByTestId('submit-error').first().waitFor();
    assert.equal(await dialog.getByTestId('submit-confirm').isDisabled(), true, 'an explanation is required');
    await dialog.getByTestId('override-reason').fill('实际支出以决算报表为准，印出的执行率为初稿数');
    await dialog.getByTestId('submit-confirm').click();
    await page.locator('[data-testid="editor"][data-state="submitted"][data-readonly="true"]').waitFor();
    assert.match(await page.getByTestId('editor-state').innerText(), /已提交/);
    assert.match(await page.getByTestId('readonly-alert').innerText(), /已提交，等待审核；如需修改请撤回/);
    assert.equal(await input(page, 'budget.actualSpending').isDisabled(), true);
    assert.equal((await evaluation()).state, 'submitted');
  });
});
