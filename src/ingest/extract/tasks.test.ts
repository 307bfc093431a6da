/**
 * Key tasks: the Guangzhou form's 主要任务 block (任务1…N, each with its key indicators on the rows below its label
 * and one amount) and a report's 年度重点工作任务 table (名称, 主要实施内容, 拟投入的资金, 期望达到的目标).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFormTasks, extractPlannedTasks } from './tasks.ts';
import { FILE, extract, foundAt, row, textDocument, valueAt } from './testing.ts';

interface Task {
  name: string;
  content?: string;
  completion?: string;
  amount?: { value: string; unit: string; source: unknown };
  plannedAmount?: { value: string; unit: string; source: unknown };
  keyIndicators?: { name: string; actual?: string; source: unknown }[];
}
const tasks = (ctx: ReturnType<typeof extract>) => (valueAt(ctx, 'keyTasks') as Task[] | undefined) ?? [];
/** A task as “name (amount): indicator = actual; …”. */
const line = (t: Task) => `${t.name} (${t.amount?.value ?? '—'}): ${(t.keyIndicators ?? []).map((k) => `${k.name} = ${k.actual ?? '—'}`).join('; ')}`;

const FORM_HEADER = row('主要任务', '预期目标', '目标完成情况', '关键指标', '指标完成情况', '任务涉及金额');

describe('form tasks: the clean case', () => {
  it('each task with its text, amount and key indicators, each indicator with its cell', () => {
    const ctx = extract(
      textDocument(
        '单位：万元',
        FORM_HEADER,
        row('任务1', '举办公益展览不少于12场。', '全年举办公益展览14场。', '公益展览场次', '14场', '120.00'),
        row('', '', '', '展览观众人次', '2.1万人次', ''),
        row('任务2', '送戏下乡不少于20场。', '全年送戏下乡24场。', '送戏下乡场次', '24场', '60.50'),
        row('重点项目绩效情况', '“公共文化云平台”项目运行平稳。'),
      ),
      extractFormTasks,
    );
    assert.deepStrictEqual(tasks(ctx).map(line), ['任务1 (120.00): 公益展览场次 = 14场; 展览观众人次 = 2.1万人次', '任务2 (60.50): 送戏下乡场次 = 24场']);
    const [first] = tasks(ctx);
    assert.deepStrictEqual([first!.content, first!.completion], ['举办公益展览不少于12场。', '全年举办公益展览14场。']);
    assert.deepStrictEqual(first!.amount, { value: '120.00', unit: '万元', source: { file: FILE, line: 3, column: 6, text: '任务1 任务涉及金额 120.00' } });
    assert.deepStrictEqual(first!.keyIndicators![1]!.source, { file: FILE, line: 4, column: 4, text: '展览观众人次 2.1万人次' });
    assert.deepStrictEqual(foundAt(ctx, 'keyTasks'), { path: 'keyTasks', value: '2 项任务', source: { file: FILE, line: 3, column: 1, text: '任务1' } });
  });
});

describe('form tasks: odd and faulty forms', () => {
  it('a key-indicator row printed above its task label (a merged cell centred in a PDF) belongs to the first task', () => {
    const ctx = extract(
      textDocument(FORM_HEADER, row('', '', '', '展览观众人次', '2.1万人次', ''), row('任务1', '举办公益展览不少于12场。', '全年举办公益展览14场。', '公益展览场次', '14场', '120.00')),
      extractFormTasks,
    );
    assert.deepStrictEqual(tasks(ctx).map(line), ['任务1 (120.00): 展览观众人次 = 2.1万人次; 公益展览场次 = 14场']);
  });

  it('a garbled amount (12Q.00) leaves the task without an amount; its indicators are kept', () => {
    const ctx = extract(textDocument(FORM_HEADER, row('任务1', '举办公益展览不少于12场。', '全年举办公益展览14场。', '公益展览场次', '14场', '12Q.00')), extractFormTasks);
    assert.deepStrictEqual(tasks(ctx).map(line), ['任务1 (—): 公益展览场次 = 14场']);
  });

  it('a key indicator without a result keeps its name, with no result invented', () => {
    const ctx = extract(textDocument(FORM_HEADER, row('任务一', '举办公益展览不少于12场。', '', '公益展览场次', '', '120.00')), extractFormTasks);
    assert.deepStrictEqual(tasks(ctx).map(line), ['任务一 (120.00): 公益展览场次 = —']);
    assert.equal(tasks(ctx)[0]!.completion, undefined);
  });

  it('a task table without a 关键指标 column is not the form’s task block', () => {
    const ctx = extract(textDocument(row('主要任务', '预期目标', '目标完成情况'), row('任务1', '举办公益展览不少于12场。', '全年举办公益展览14场。')), extractFormTasks);
    assert.equal(valueAt(ctx, 'keyTasks'), undefined);
  });
});

const PLAN_HEADER = row('年度重点工作任务', '名称', '主要实施内容', '拟投入的资金（万元）', '期望达到的目标');

describe('planned tasks: the clean case', () => {
  it('each task with its content, goal and planned amount, with the amount’s cell', () => {
    const ctx = extract(
      textDocument(
        '（二）年度重点工作任务',
        PLAN_HEADER,
        row('', '公共文化云平台', '完成平台二期建设', '620.00', '平台访问量10万人次'),
        row('', '送戏下乡', '深入基层演出', '60.50', '不少于20场'),
        row('其他需完成的任务（可选填）', '', '', '', ''),
      ),
      extractPlannedTasks,
    );
    assert.deepStrictEqual(
      tasks(ctx).map((t) => [t.name, t.content, t.plannedAmount?.value, t.plannedAmount?.unit]),
      [
        ['公共文化云平台', '完成平台二期建设；期望目标：平台访问量10万人次', '620.00', '万元'],
        ['送戏下乡', '深入基层演出；期望目标：不少于20场', '60.50', '万元'],
      ],
    );
    assert.deepStrictEqual(tasks(ctx)[0]!.plannedAmount!.source, { file: FILE, line: 3, section: '（二）年度重点工作任务', column: 4, text: '公共文化云平台 拟投入资金 620.00' });
  });
});

describe('planned tasks: odd tables', () => {
  it('an amount column headed in 元 is read in 元', () => {
    const ctx = extract(textDocument(row('名称', '主要实施内容', '拟投入资金（元）'), row('送戏下乡', '深入基层演出', '605000')), extractPlannedTasks);
    assert.deepStrictEqual([tasks(ctx)[0]!.plannedAmount!.value, tasks(ctx)[0]!.plannedAmount!.unit], ['605000', '元']);
  });

  it('an amount that is not a number (待定) is left out, the task kept', () => {
    const ctx = extract(textDocument(PLAN_HEADER, row('', '送戏下乡', '深入基层演出', '待定', '不少于20场')), extractPlannedTasks);
    assert.deepStrictEqual(tasks(ctx).map((t) => [t.name, t.plannedAmount]), [['送戏下乡', undefined]]);
  });

  it('a 序号 column before 名称 does not end the table', () => {
    const ctx = extract(textDocument(row('序号', '名称', '主要实施内容', '拟投入的资金（万元）'), row('1', '送戏下乡', '深入基层演出', '60.50'), row('2', '公共文化云平台', '完成平台二期建设', '620.00')), extractPlannedTasks);
    assert.deepStrictEqual(tasks(ctx).map((t) => t.name), ['送戏下乡', '公共文化云平台']);
  });

  it('the form’s tasks, read first, are not replaced', () => {
    const ctx = extract(textDocument(PLAN_HEADER, row('', '送戏下乡', '深入基层演出', '60.50', '不少于20场')), extractPlannedTasks, { draft: { keyTasks: [{ name: '任务1' }] } });
    assert.deepStrictEqual(valueAt(ctx, 'keyTasks'), [{ name: '任务1' }]);
    assert.equal(foundAt(ctx, 'keyTasks'), undefined);
  });
});

describe('form tasks: other provinces name their tasks', () => {
  it('a task named by its subject (not 任务N) on a row with a key indicator or an amount; the next part of the form ends them', () => {
    const ctx = extract(
      textDocument(
        FORM_HEADER,
        row('公益展览', '举办公益展览不少于12场。', '全年举办公益展览14场。', '公益展览场次', '14场', '120.00'),
        row('', '', '', '展览观众人次', '2.1万人次', ''),
        row('送戏下乡', '送戏下乡不少于20场。', '全年送戏下乡24场。', '送戏下乡场次', '24场', '60.50'),
        row('重点项目绩效情况', '“公共文化云平台”项目运行平稳。'),
        row('存在问题', '部分乡镇场地不足。'),
      ),
      extractFormTasks,
    );
    assert.deepStrictEqual(tasks(ctx).map(line), ['公益展览 (120.00): 公益展览场次 = 14场; 展览观众人次 = 2.1万人次', '送戏下乡 (60.50): 送戏下乡场次 = 24场']);
  });
});
