/**
 * The web app's frame in a real browser: the login page refuses a wrong password with the server's reason, a
 * preparer lands on their tasks, a reviewer on the tasks with the desk link, the language switches, and an unknown
 * path shows the not-found page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD } from '../src/server/demo.ts';
import { type WebWorld, newContext, pageAs, screenshot, startWeb } from './web-helpers.ts';

let world: WebWorld;
before(async () => {
  world = await startWeb();
});
after(async () => {
  await world?.close();
});

test('login: a wrong password is refused with the reason; the right one opens my tasks', async () => {
  const context = await newContext(world);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('登录名').fill('demo-preparer-1');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.match(await error.innerText(), /登录名或密码不正确|密码/);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('heading', { name: '我的任务' }).waitFor();
  const card = page.getByTestId('task-card').first();
  await card.waitFor();
  assert.match(await card.innerText(), /广州市天河区应急管理局/);
  await screenshot(page, 'preparer-tasks');
  await context.close();
});

test('a reviewer sees the task with the desk link; English switches every label', async () => {
  const { context, page } = await pageAs(world, 'demo-reviewer');
  await page.getByTestId('open-desk').first().waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'My tasks' }).waitFor();
  assert.ok(await page.getByTestId('open-desk').first().innerText().then((s) => /review desk/.test(s)));
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '我的任务' }).waitFor();
  await context.close();
});

test('an unknown page says so and leads back', async () => {
  const { context, page } = await pageAs(world, 'demo-reviewer', '/no/such/page');
  await page.getByText('没有这个页面').waitFor();
  await page.getByRole('button', { name: '回到我的任务' }).click();
  await page.getByRole('heading', { name: '我的任务' }).waitFor();
  await context.close();
});

/** Stand-alone Latin words in a page's text (ids, file names and formats aside): English leaking into the Chinese UI. */
const ALLOWED = new Set(['English', 'DOCX', 'XLSX', 'PDF', 'HTML', 'TXT', 'ZIP', 'YAML', 'JSON', 'CSV', 'Tab', 'Enter', 'Shift', 'PGlite', 'PostgreSQL']);
function latinWords(text: string): string[] {
  return [...text.matchAll(/(?<![\w.\-/@])[A-Za-z]{3,}(?![\w.\-/@])/g)].map((m) => m[0]).filter((w) => !ALLOWED.has(w));
}

test('no English leaks into the Chinese interface (home, editor, desk, review, administration)', async () => {
  const leaks: string[] = [];
  const check = async (page: import('playwright-core').Page, where: string, ready: string) => {
    await page.locator(ready).first().waitFor();
    // Let lazy parts (charts, rubric names) settle: wait until the text stops changing between two reads.
    let last = '';
    for (;;) {
      const now = await page.locator('body').innerText();
      if (now === last) break;
      last = now;
      await page.waitForTimeout(300);
    }
    for (const w of latinWords(last)) leaks.push(`${where}: ${w}`);
  };
  const prep = await pageAs(world, 'demo-preparer-1', '/');
  await check(prep.page, 'home (preparer)', '[data-testid="evaluation-row"]');
  await prep.page.getByTestId('evaluation-row').first().getByRole('link').first().click();
  await check(prep.page, 'editor', '[data-testid="editor"]');
  for (const tab of ['budget', 'indicators', 'scores']) {
    const t = prep.page.getByTestId(`tab-${tab}`);
    if ((await t.count()) === 0) continue;
    await t.click();
    await check(prep.page, `editor ${tab}`, '[data-testid="editor"]');
  }
  await prep.context.close();

  const rev = await pageAs(world, 'demo-reviewer', '/');
  await check(rev.page, 'home (reviewer)', '[data-testid="open-desk"]');
  await rev.page.getByTestId('open-desk').first().click();
  await check(rev.page, 'desk', '[data-testid="desk-row"]');
  await rev.page.getByTestId('desk-row').first().click();
  await check(rev.page, 'review', '[data-testid="review-state"]');
  await rev.context.close();

  const admin = await pageAs(world, 'demo-admin', '/admin/users');
  for (const section of ['users', 'departments', 'tasks', 'rubrics']) {
    await admin.page.goto(`/admin/${section}`);
    await check(admin.page, `admin ${section}`, 'h4');
  }
  await admin.context.close();
  assert.deepEqual(leaks, []);
});

test('the leak check finds English words and lets ids, file names and formats pass', () => {
  assert.deepEqual(latinWords('提交 Submit 下载 DOCX mof-2020 000_40816a03.txt 示例 version 3'), ['Submit', 'version']);
});
