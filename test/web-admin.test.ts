/**
 * The administration screens in a real browser, as the demo administrator: add a user (the generated password is
 * shown once and really logs in), grant a role and revoke it; see a rubric's tree, import a rubric file that is refused (its
 * problem shown with its line) and one that is stored (it appears in the list); draft a task with that rubric, issue
 * it, and see it in the list with its state.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { localDate } from '../src/core/workflow/task.ts';
import { type WebWorld, newContext, pageAs, screenshot, startWeb } from './web-helpers.ts';

let world: WebWorld;
before(async () => {
  world = await startWeb();
});
after(async () => {
  await world?.close();
});

/**
 * Waits until `check` holds (the page is updated by the server's answer, whenever it comes). No deadline: a slow
 * machine only waits longer; every minute it says what it waits for and saves the screen, so that a wait that never
 * ends can be told from a slow one.
 */
async function until(page: Page, check: () => Promise<boolean>, what = 'a condition'): Promise<void> {
  for (let i = 1; !(await check()); i++) {
    await page.waitForTimeout(50);
    if (i % 1200 === 0) {
      process.stderr.write(`web-admin: still waiting for ${what} after ${i / 20} s at ${page.url()}\n`);
      await page.screenshot({ path: join(tmpdir(), `jixiao-web-admin-wait-${i}.png`) }).catch(() => undefined);
    }
  }
}

/**
 * Waits for dialogs to be gone and the page at its top, and hides the passing messages ("已授予"), so a screenshot
 * shows the screen itself. Why hidden rather than waited for: a message leaves by an animation whose end a loaded
 * machine may not report, and its leaving says nothing about the screen.
 */
async function settled(page: Page): Promise<void> {
  await until(page, async () => (await page.locator('.ant-modal-wrap:visible').count()) === 0, 'dialogs to close');
  await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.evaluate('window.scrollTo(0, 0)');
}

/** Text without its white space, for comparing what a Select shows with the option chosen. */
const bare = (text: string) => text.replace(/\s+/g, '');

/**
 * Chooses in an antd Select or TreeSelect found by its form label: the option whose title starts with `title` (the
 * first option without), or with `tree` the first leaf of the tree. Returns the text chosen.
 *
 * Done when the field itself shows the choice and no dropdown is open, whatever happened on the way: a click that
 * lands during the opening animation chooses nothing, a dropdown may stay open after the choice (it would lie over the
 * dialog's buttons). So each round looks at the page and does the one step that moves it on — open the dropdown, click
 * the option, or close a dropdown left open — and no step waits on the page for ever: a click that cannot act within a
 * second is given up and the next round looks again. A slow machine only takes more rounds.
 */
async function choose(page: Page, label: string, { title, tree = false }: { title?: string; tree?: boolean } = {}): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  // An open dropdown, not one leaving by its closing animation.
  const open = page.locator('.ant-select-dropdown:visible:not([class*="-leave"])');
  const option = open.locator(tree ? '.ant-select-tree-treenode-leaf .ant-select-tree-node-content-wrapper' : `.ant-select-item-option${title ? `[title^="${title}"]` : ''}`).first();
  let wanted = '';
  await until(
    page,
    async () => {
      // What the field shows as its value (antd 6: the title of its content with a value).
      const showing = bare((await input.evaluate((e) => e.closest('.ant-select')?.querySelector('.ant-select-content-has-value')?.getAttribute('title') ?? '').catch(() => '')) as string);
      const isOpen = (await open.count()) > 0;
      if (wanted && showing === wanted) {
        if (!isOpen) return true;
        await page.keyboard.press('Escape');
      } else if (isOpen && (await option.isVisible())) {
        const text = bare(await option.innerText().catch(() => ''));
        if (text) {
          wanted = text;
          await option.click({ timeout: 1000 }).catch(() => undefined);
        }
      } else if (!isOpen) {
        await input.click({ timeout: 1000 }).catch(() => undefined);
      }
      return false;
    },
    `${label} to show ${title ?? (wanted || 'a choice')} with its dropdown closed`,
  );
  return wanted;
}

const RUBRIC_ID = 'web-test-2025';
const rubricText = (weight: string, method = 'judgement') => `# 网页导入测试用评分规则
id: ${RUBRIC_ID}
name: 网页导入测试评分规则（2025 年度）
year: 2025
total: 100
items:
  - name: 预算执行
    weight: 40
    items:
      - name: 预算执行率
        id: execution-rate
        weight: ${weight}
        method: ratio
        metric: executionRate
        standard: 预算执行率 × 40 分，最高 40 分
  - name: 综合评价
    id: overall
    weight: 60
    method: ${method}
    standard: 由评价人员综合判断
`;

test('users: add a user, whose generated password is shown once and logs in, and grant a role', async () => {
  const { context, page } = await pageAs(world, 'demo-admin', '/admin/users');
  await page.getByTestId('admin-users').waitFor();
  await page.getByRole('button', { name: '新增用户' }).click();
  await page.getByLabel('登录名', { exact: true }).fill('web-clerk');
  await page.getByLabel('姓名', { exact: true }).fill('网页测试填报员');
  await page.getByRole('button', { name: /^新\s*增$/ }).click();
  const shown = page.getByTestId('initial-password');
  await shown.waitFor();
  const password = (await shown.innerText()).trim();
  assert.ok(password.length >= 10, `a generated password: ${password}`);
  // The password really is the account's.
  const other = await newContext(world);
  const login = await other.request.post('/api/session', { data: { login: 'web-clerk', password }, headers: { origin: world.url } });
  assert.equal(login.status(), 200, await login.text());
  await other.close();
  await page.getByRole('button', { name: '我已记下密码' }).click();
  await shown.waitFor({ state: 'hidden' });

  const row = page.locator('tr', { hasText: 'web-clerk' });
  await row.waitFor();
  assert.match(await row.innerText(), /尚无角色/);
  await row.getByTestId('grant-role').click();
  await choose(page, '角色', { title: '填报人' });
  const department = await choose(page, '部门或单位', { tree: true });
  await page.getByRole('button', { name: /^授\s*予$/ }).click();
  const tag = row.getByTestId('role-tag');
  await tag.waitFor();
  assert.match(await tag.innerText(), new RegExp(`填报人 · ${department.slice(0, 6).replace(/[()（）]/g, '.')}`));
  await settled(page);
  await screenshot(page, 'admin-users');

  // The grant is the server's: the list reloaded from it says so.
  const users = (await (await page.request.get('/api/users')).json()) as { login: string; roles: { role: string }[] }[];
  assert.deepEqual(users.find((u) => u.login === 'web-clerk')?.roles.map((r) => r.role), ['preparer']);

  // Revoked again, after a confirmation.
  await tag.getByLabel('撤销此角色').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /^撤\s*销$/ }).click();
  await until(page, async () => /尚无角色/.test(await row.innerText()), 'the revoked role to leave the row');
  const after = (await (await page.request.get('/api/users')).json()) as { login: string; roles: unknown[] }[];
  assert.deepEqual(after.find((u) => u.login === 'web-clerk')?.roles, []);
  await context.close();
});

test('rubrics: a rubric’s tree; an invalid file is refused with its line; a valid one is listed', async () => {
  const { context, page } = await pageAs(world, 'demo-admin', '/admin/rubrics');
  const tree = page.getByTestId('rubric-tree');
  await tree.waitFor();
  // A built-in rubric's items, with weights and methods, nested under their groups.
  await until(page, async () => (await tree.locator('tbody tr').count()) > 2);
  const treeText = await tree.innerText();
  assert.match(treeText, /分值/);
  assert.match(treeText, /评分方法/);

  // A file whose method is unknown: refused, the problem at its line.
  const bad = rubricText('40', 'guess');
  const badLine = bad.split('\n').findIndex((l) => l.includes('method: guess')) + 1;
  const input = page.locator('input[type=file]');
  await input.setInputFiles({ name: 'bad-rubric.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
  const problems = page.getByTestId('import-problems');
  await problems.waitFor();
  const problemText = await problems.innerText();
  assert.match(problemText, /bad-rubric\.yaml/);
  assert.match(problemText, new RegExp(`第 ${badLine} 行`));
  assert.match(problemText, /guess/);
  assert.equal(await page.locator(`[data-testid="rubric-row"][data-id="${RUBRIC_ID}"]`).count(), 0, 'not listed');

  // The corrected file: stored, listed, shown.
  await input.setInputFiles({ name: 'good-rubric.yaml', mimeType: 'text/yaml', buffer: Buffer.from(rubricText('40')) });
  await page.locator(`[data-testid="rubric-row"][data-id="${RUBRIC_ID}"]`).waitFor();
  await problems.waitFor({ state: 'detached' });
  await until(page, async () => (await page.getByTestId('rubric-title').innerText()).includes('网页导入测试评分规则'));
  await until(page, async () => (await page.getByTestId('rubric-tree').innerText()).includes('预算执行率'));
  const shownTree = await page.getByTestId('rubric-tree').innerText();
  assert.match(shownTree, /预算执行率/);
  assert.match(shownTree, /比率 × 分值/);
  assert.match(shownTree, /酌情评分/);
  assert.match(await page.locator(`[data-testid="rubric-row"][data-id="${RUBRIC_ID}"]`).locator('xpath=ancestor::tr').innerText(), /导入/);
  // The screenshot shows a fuller rubric: a built-in one with groups, methods and standards.
  await page.locator('[data-testid="rubric-row"][data-id="longgang-2020"]').click();
  await until(page, async () => (await page.getByTestId('rubric-title').innerText()).includes('龙岗'));
  await settled(page);
  await screenshot(page, 'admin-rubric');
  await context.close();
});

test('tasks: draft a task with the imported rubric, issue it, and see it in the list', async () => {
  const { context, page } = await pageAs(world, 'demo-admin', '/admin/tasks');
  await page.getByTestId('admin-tasks').waitFor();
  await page.getByTestId('draft-task').click();
  const form = page.getByTestId('draft-form');
  await form.waitFor();
  const title = '网页测试任务（导入规则）';
  await page.getByLabel('任务名称', { exact: true }).fill(title);
  await choose(page, '文件版式');
  await choose(page, '评分规则', { title: '网页导入测试评分规则' });
  const opens = localDate(new Date());
  const closes = localDate(new Date(Date.now() + 30 * 86_400_000));
  await page.getByPlaceholder('开始日期').click();
  await page.getByPlaceholder('开始日期').fill(opens);
  await page.getByPlaceholder('开始日期').press('Enter');
  await page.getByPlaceholder('截止日期').fill(closes);
  await page.getByPlaceholder('截止日期').press('Enter');
  await page.getByTestId('all-departments').click();
  await page.getByRole('button', { name: '保存为草拟任务' }).click();

  const row = page.locator('tr', { hasText: title });
  await row.waitFor();
  await until(page, async () => (await row.locator('[data-state]').getAttribute('data-state')) === 'draft');
  assert.match(await row.innerText(), /网页导入测试评分规则/);
  await row.getByTestId('task-issue').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /^下\s*达$/ }).click();
  await until(page, async () => (await row.locator('[data-state]').getAttribute('data-state')) === 'issued');
  assert.match(await row.innerText(), /已下达/);
  assert.match(await row.innerText(), new RegExp(`${opens} ~ ${closes}`));
  await settled(page);
  await screenshot(page, 'admin-tasks');

  const tasks = (await (await page.request.get('/api/tasks')).json()) as { id: string; title: string; rubricId: string; state: string; opensOn: string; closesOn: string }[];
  const made = tasks.find((x) => x.title === title);
  assert.ok(made);
  assert.deepEqual({ rubricId: made.rubricId, state: made.state, opensOn: made.opensOn, closesOn: made.closesOn }, { rubricId: RUBRIC_ID, state: 'issued', opensOn: opens, closesOn: closes });
  assert.equal(await row.getByTestId('task-link').getAttribute('href'), `/tasks/${made.id}`);
  await context.close();
});
