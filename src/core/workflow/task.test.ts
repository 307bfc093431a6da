import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROLES } from './roles.ts';
import { TASK_STATES } from './states.ts';
import { TASK_ACTIONS, TASK_PRECONDITIONS, TASK_PRECONDITION_IDS, TASK_TRANSITIONS, type Task, canTask, dayNumber, localDate, remainingDays, taskTransition, taskWindow } from './task.ts';
import { ACTORS, NOW, OUTSIDERS, TASK } from './testing.ts';

const at = (iso: string) => new Date(iso);

describe('dates and days left, in the task’s time zone', () => {
  test('dayNumber reads real calendar dates only', () => {
    assert.equal(dayNumber('1970-01-02'), 1);
    assert.equal(dayNumber('2024-02-29'), dayNumber('2024-03-01')! - 1);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-3-1', '2024-03-31T00:00', '', '二〇二四年']) assert.equal(dayNumber(bad), undefined, bad);
  });

  test('the local date turns at midnight China time, not UTC or the machine’s zone', () => {
    assert.equal(localDate(at('2024-03-31T15:59:59Z')), '2024-03-31');
    assert.equal(localDate(at('2024-03-31T16:00:00Z')), '2024-04-01');
    assert.equal(localDate(at('2024-03-31T16:00:00Z'), 0), '2024-03-31');
  });

  test('remaining days: closing date minus today — 0 on the closing day, negative after', () => {
    assert.equal(remainingDays(TASK, NOW), 16);
    assert.equal(remainingDays(TASK, at('2024-03-30T16:00:00Z')), 0);
    assert.equal(remainingDays(TASK, at('2024-03-31T15:59:59Z')), 0);
    assert.equal(remainingDays(TASK, at('2024-04-01T02:00:00Z')), -1);
    assert.equal(remainingDays(TASK, at('2024-04-01T16:00:00Z')), -2);
    assert.equal(remainingDays({ closesOn: '2024-03-31', utcOffsetMinutes: 0 }, at('2024-03-31T16:00:00Z')), 0);
    assert.equal(remainingDays({ closesOn: 'soon' }, NOW), undefined);
  });

  test('the window says whether departments may submit and what a task list shows', () => {
    const w = (task: Task, now: Date) => {
      const x = taskWindow(task, now);
      return [x.phase, x.isOpen, x.label.zh, x.label.en];
    };
    assert.deepEqual(w(TASK, NOW), ['open', true, '剩余 16 天', '16 days left']);
    assert.deepEqual(w(TASK, at('2024-03-30T02:00:00Z')), ['open', true, '剩余 1 天', '1 day left']);
    assert.deepEqual(w(TASK, at('2024-03-31T02:00:00Z')), ['open', true, '今日截止', 'closes today']);
    assert.deepEqual(w(TASK, at('2024-04-02T02:00:00Z')), ['past-closing-date', false, '已截止（2024-03-31）', 'closed (2024-03-31)']);
    assert.deepEqual(w(TASK, at('2024-02-27T02:00:00Z')), ['not-yet-open', false, '3 天后开始（2024-03-01）', 'opens in 3 days (2024-03-01)']);
    assert.deepEqual(w({ ...TASK, state: 'draft' }, NOW).slice(0, 3), ['not-issued', false, '草拟中']);
    assert.deepEqual(w({ ...TASK, state: 'closed' }, NOW).slice(0, 3), ['closed', false, '已截止']);
    assert.deepEqual(w({ ...TASK, state: 'archived' }, NOW).slice(0, 2), ['archived', false]);
    assert.deepEqual(w({ ...TASK, opensOn: '2024-04-01' }, NOW).slice(0, 2), ['bad-dates', false]);
    assert.equal(taskWindow(TASK, at('2024-02-27T02:00:00Z')).daysToOpening, 3);
  });
});

describe('the task’s transition table', () => {
  const good = { now: NOW, newClosesOn: '2024-04-15', evaluationStates: ['approved', 'published', 'draft', 'returned'] as const };
  const inState = (state: Task['state']): Task => ({ ...TASK, state });

  test('has one row per (from, action) over declared states, actions and preconditions', () => {
    const keys = TASK_TRANSITIONS.map((r) => `${r.from} ${r.action}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const r of TASK_TRANSITIONS) {
      assert.ok(TASK_STATES.includes(r.from) && TASK_STATES.includes(r.to));
      assert.ok(r.preconditions.every((p) => TASK_PRECONDITION_IDS.includes(p)));
    }
    for (const a of TASK_ACTIONS) assert.ok(TASK_TRANSITIONS.some((r) => r.action === a), a);
    assert.deepEqual(Object.keys(TASK_PRECONDITIONS).sort(), [...TASK_PRECONDITION_IDS].sort());
  });

  for (const row of TASK_TRANSITIONS) {
    const others = ROLES.filter((r) => !row.roles.includes(r));
    test(`${row.from} —${row.action}→ ${row.to}: ${row.roles.join(', ')} may; ${others.join(', ')} may not`, () => {
      assert.ok(others.length > 0);
      for (const role of row.roles) {
        const r = taskTransition(ACTORS[role], row.action, inState(row.from), good);
        assert.ok(r.ok, `${role}: ${JSON.stringify(!r.ok && r.problem)}`);
        assert.equal(r.task.state, row.to);
        assert.equal(r.entry.userId, ACTORS[role].userId);
        const outside = canTask(OUTSIDERS[role], row.action, inState(row.from), good);
        assert.ok(!outside.ok);
        assert.equal(outside.problem.code, 'workflow-other-region');
      }
      for (const role of others) {
        const r = canTask(ACTORS[role], row.action, inState(row.from), good);
        assert.ok(!r.ok);
        assert.equal(r.problem.code, 'workflow-role-not-allowed');
      }
    });
  }

  test('every state × action × role: exactly the declared moves are allowed', () => {
    for (const state of TASK_STATES) {
      for (const action of TASK_ACTIONS) {
        const row = TASK_TRANSITIONS.find((r) => r.from === state && r.action === action);
        for (const role of ROLES) {
          const r = canTask(ACTORS[role], action, inState(state), good);
          assert.equal(r.ok, row?.roles.includes(role) ?? false, `${state} ${action} ${role}`);
          if (!r.ok) assert.equal(r.problem.code, row ? 'workflow-role-not-allowed' : 'workflow-action-not-available');
        }
      }
    }
  });

  test('issuing needs real dates in order, a rubric and departments', () => {
    const code = (task: Task) => {
      const r = canTask(ACTORS.reviewer, 'issue', { ...task, state: 'draft' }, good);
      return r.ok ? 'ok' : `${r.problem.code} ${r.problem.path.join('.')}`;
    };
    assert.equal(code(TASK), 'ok');
    assert.equal(code({ ...TASK, opensOn: '2024-02-30' }), 'workflow-not-a-date opensOn');
    assert.equal(code({ ...TASK, closesOn: '' }), 'workflow-not-a-date closesOn');
    assert.equal(code({ ...TASK, opensOn: '2024-04-01' }), 'workflow-task-dates-reversed closesOn');
    const { rubricId: _r, ...noRubric } = TASK;
    assert.equal(code(noRubric), 'workflow-task-no-rubric rubricId');
    assert.equal(code({ ...TASK, departmentIds: [] }), 'workflow-task-no-departments departmentIds');
  });

  test('extending moves the closing date later, not into the past; the entry records both dates', () => {
    const code = (task: Task, newClosesOn: string | undefined, now = NOW) => {
      const r = canTask(ACTORS.admin, 'extend', task, { now, ...(newClosesOn ? { newClosesOn } : {}) });
      return r.ok ? 'ok' : r.problem.code;
    };
    assert.equal(code(TASK, undefined), 'workflow-context-missing');
    assert.equal(code(TASK, '2024-04-31'), 'workflow-not-a-date');
    assert.equal(code(TASK, '2024-03-31'), 'workflow-task-not-later');
    const closed = inState('closed');
    assert.equal(code(closed, '2024-04-10', at('2024-04-20T02:00:00Z')), 'workflow-task-date-past');
    assert.equal(code(closed, '2024-04-20', at('2024-04-20T02:00:00Z')), 'ok');
    const r = taskTransition(ACTORS.reviewer, 'extend', closed, { now: NOW, newClosesOn: '2024-04-15' });
    assert.ok(r.ok);
    assert.equal(r.task.state, 'issued');
    assert.equal(r.task.closesOn, '2024-04-15');
    assert.deepEqual(r.entry.closesOn, { from: '2024-03-31', to: '2024-04-15' });
    assert.equal(taskWindow(r.task, at('2024-04-10T02:00:00Z')).isOpen, true);
  });

  test('archiving waits for the bureau’s pending reviews and needs to know them', () => {
    const closed = inState('closed');
    const pending = canTask(ACTORS.admin, 'archive', closed, { now: NOW, evaluationStates: ['approved', 'under-review', 'signed-off', 'returned'] });
    assert.ok(!pending.ok);
    assert.equal(pending.problem.code, 'workflow-task-review-pending');
    assert.equal(pending.problem.params['count'], 2);
    const unknown = canTask(ACTORS.admin, 'archive', closed, { now: NOW });
    assert.ok(!unknown.ok);
    assert.equal(unknown.problem.code, 'workflow-context-missing');
    assert.ok(canTask(ACTORS.admin, 'archive', closed, { now: NOW, evaluationStates: [] }).ok);
  });
});
