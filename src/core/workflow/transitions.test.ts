import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROLES, type Role } from './roles.ts';
import { EVALUATION_STATES, EVALUATION_STATE_INFO } from './states.ts';
import { ACTORS, NOW, OUTSIDERS, TASK, permissive } from './testing.ts';
import { ACTIONS, ACTION_INFO, PRECONDITIONS, PRECONDITION_IDS, TRANSITIONS, can, isCorrection, latestReturn, offeredActions, transition } from './transitions.ts';

const declared = (state: string, action: string, role: Role) => TRANSITIONS.some((r) => r.from === state && r.action === action && r.roles.includes(role));

describe('the transition table', () => {
  test('has one row per (from, action), and names only declared states, actions, roles and preconditions', () => {
    const keys = TRANSITIONS.map((r) => `${r.from} ${r.action}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const r of TRANSITIONS) {
      assert.ok(EVALUATION_STATES.includes(r.from) && EVALUATION_STATES.includes(r.to), `${r.from} → ${r.to}`);
      assert.ok(ACTIONS.includes(r.action));
      assert.ok(r.roles.length > 0 && r.roles.every((x) => ROLES.includes(x)));
      assert.ok(r.preconditions.every((p) => PRECONDITION_IDS.includes(p)));
    }
    assert.deepEqual(Object.keys(PRECONDITIONS).sort(), [...PRECONDITION_IDS].sort());
  });

  test('every action is used, every state is reachable from draft and has a way on (published: reopen)', () => {
    for (const a of ACTIONS) assert.ok(TRANSITIONS.some((r) => r.action === a), a);
    const seen = new Set<string>(['draft']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of TRANSITIONS) if (seen.has(r.from) && !seen.has(r.to)) (seen.add(r.to), (grew = true));
    }
    assert.deepEqual([...seen].sort(), [...EVALUATION_STATES].sort());
    for (const s of EVALUATION_STATES) assert.ok(TRANSITIONS.some((r) => r.from === s), `${s} has no way on`);
  });

  test('the department hands in; only reviewers review; only the bureau reviewer gives the final approval', () => {
    const rolesOf = (action: string) => new Set(TRANSITIONS.filter((r) => r.action === action).flatMap((r) => r.roles));
    assert.deepEqual([...rolesOf('submit')].sort(), ['department-head', 'preparer']);
    assert.deepEqual([...rolesOf('sign-off')], ['department-head']);
    assert.deepEqual([...rolesOf('approve')], ['reviewer']);
    assert.deepEqual([...rolesOf('recommend')], ['third-party-reviewer']);
    assert.deepEqual([...rolesOf('reopen')], ['admin']);
    for (const r of TRANSITIONS) assert.ok(!(r.roles.includes('admin') && ['submit', 'sign-off', 'approve'].includes(r.action)), 'an administrator never fills in, signs or approves');
  });
});

describe('every transition: allowed for its roles, forbidden for the others', () => {
  for (const row of TRANSITIONS) {
    const others = ROLES.filter((r) => !row.roles.includes(r));
    test(`${row.from} —${row.action}→ ${row.to}: ${row.roles.join(', ')} may; ${others.join(', ')} may not`, () => {
      assert.ok(others.length > 0, 'every transition is forbidden to at least one role');
      for (const role of row.roles) {
        const r = transition(ACTORS[role], row.action, row.from, permissive());
        assert.ok(r.ok, `${role}: ${JSON.stringify(!r.ok && r.problem)}`);
        assert.equal(r.state, row.to);
        assert.equal(r.entry.from, row.from);
        assert.equal(r.entry.to, row.to);
        assert.equal(r.entry.role, role);
        assert.equal(r.entry.at, NOW.toISOString());
      }
      for (const role of others) {
        const r = can(ACTORS[role], row.action, row.from, permissive());
        assert.ok(!r.ok);
        assert.equal(r.problem.code, 'workflow-role-not-allowed');
        assert.equal(r.problem.params['role'], role);
      }
    });
  }
});

test('every state × action × role: exactly the declared moves are allowed', () => {
  let allowed = 0;
  let checked = 0;
  for (const state of EVALUATION_STATES) {
    for (const action of ACTIONS) {
      const hasRow = TRANSITIONS.some((r) => r.from === state && r.action === action);
      for (const role of ROLES) {
        checked++;
        const r = can(ACTORS[role], action, state, permissive());
        assert.equal(r.ok, declared(state, action, role), `${state} ${action} ${role}`);
        if (r.ok) allowed++;
        else assert.equal(r.problem.code, hasRow ? 'workflow-role-not-allowed' : 'workflow-action-not-available', `${state} ${action} ${role}`);
      }
    }
  }
  assert.equal(checked, EVALUATION_STATES.length * ACTIONS.length * ROLES.length);
  assert.equal(allowed, TRANSITIONS.reduce((n, r) => n + r.roles.length, 0));
});

test('a role outside its scope is refused even where the role may act', () => {
  const codes: Record<Role, string> = {
    preparer: 'workflow-other-department',
    'department-head': 'workflow-other-department',
    reviewer: 'workflow-other-region',
    'third-party-reviewer': 'workflow-task-not-assigned',
    admin: 'workflow-other-region',
  };
  for (const row of TRANSITIONS) {
    for (const role of row.roles) {
      const r = can(OUTSIDERS[role], row.action, row.from, permissive());
      assert.ok(!r.ok, `${role} outside its scope: ${row.from} ${row.action}`);
      assert.equal(r.problem.code, codes[role]);
    }
  }
});

describe('preconditions', () => {
  const prep = ACTORS.preparer;
  test('first submissions only while the task is open: not before the opening date, not after the closing date', () => {
    const before = can(prep, 'submit', 'draft', permissive({ now: new Date('2024-02-29T15:59:59Z') }));
    assert.ok(!before.ok);
    assert.equal(before.problem.code, 'workflow-task-not-yet-open');
    assert.equal(before.problem.params['today'], '2024-02-29');
    // 2024-03-01 00:00 China time is 2024-02-29 16:00 UTC.
    assert.ok(can(prep, 'submit', 'draft', permissive({ now: new Date('2024-02-29T16:00:00Z') })).ok);
    // The closing day counts through 23:59:59 China time.
    assert.ok(can(prep, 'submit', 'draft', permissive({ now: new Date('2024-03-31T15:59:59Z') })).ok);
    const after = can(prep, 'submit', 'draft', permissive({ now: new Date('2024-03-31T16:00:00Z') }));
    assert.ok(!after.ok);
    assert.equal(after.problem.code, 'workflow-task-closed');
    const closed = can(prep, 'submit', 'draft', permissive({ task: { ...TASK, state: 'closed' } }));
    assert.ok(!closed.ok);
    assert.equal(closed.problem.code, 'workflow-task-closed-early', 'closed by the bureau before the closing date');
  });

  test('a correction may be resubmitted, withdrawn and signed off after the closing date; not once archived', () => {
    const late = { now: new Date('2024-06-01T02:00:00Z'), task: { ...TASK, state: 'closed' as const } };
    assert.ok(can(prep, 'submit', 'returned', permissive(late)).ok);
    assert.ok(can(prep, 'submit', 'draft', permissive({ ...late, isCorrection: true })).ok);
    assert.ok(!can(prep, 'submit', 'draft', permissive(late)).ok);
    assert.ok(can(ACTORS['department-head'], 'sign-off', 'submitted', permissive({ ...late, isCorrection: true })).ok);
    assert.ok(can(prep, 'withdraw', 'submitted', permissive({ ...late, isCorrection: true })).ok);
    const archived = can(prep, 'submit', 'returned', permissive({ ...late, task: { ...TASK, state: 'archived' } }));
    assert.ok(!archived.ok);
    assert.equal(archived.problem.code, 'workflow-task-archived');
  });

  test('nothing moves in an archived task or one not yet issued', () => {
    for (const row of TRANSITIONS) {
      for (const [state, code] of [['archived', 'workflow-task-archived'], ['draft', 'workflow-task-not-issued']] as const) {
        const r = can(ACTORS[row.roles[0]!], row.action, row.from, permissive({ task: { ...TASK, state }, isCorrection: true }));
        assert.ok(!r.ok, `${row.from} ${row.action} in a ${state} task`);
        assert.equal(r.problem.code, code);
      }
    }
  });

  test('error findings block a submission unless a reason is stated; warnings never block; no audit, no submission', () => {
    const errors = [{ severity: 'error' as const }, { severity: 'error' as const }, { severity: 'warning' as const }];
    const blocked = can(prep, 'submit', 'draft', permissive({ findings: errors }));
    assert.ok(!blocked.ok);
    assert.equal(blocked.problem.code, 'workflow-unresolved-errors');
    assert.equal(blocked.problem.params['count'], 2);
    assert.ok(!can(prep, 'submit', 'draft', permissive({ findings: errors, overrideReason: '  ' })).ok);
    const over = transition(prep, 'submit', 'draft', permissive({ findings: errors, overrideReason: ' 印出合计按本地口径，无误 ' }));
    assert.ok(over.ok);
    assert.equal(over.entry.errorCount, 2);
    assert.equal(over.entry.overrideReason, '印出合计按本地口径，无误');
    assert.ok(can(prep, 'submit', 'draft', permissive({ findings: [{ severity: 'warning' }, { severity: 'info' }] })).ok);
    const { findings: _omit, ...noFindings } = permissive();
    const unaudited = can(prep, 'submit', 'returned', noFindings);
    assert.ok(!unaudited.ok);
    assert.equal(unaudited.problem.code, 'workflow-not-audited');
  });

  test('a return needs at least one reason, each with text; the entry keeps them, trimmed', () => {
    const rev = ACTORS.reviewer;
    const none = can(rev, 'return', 'under-review', permissive({ reasons: [] }));
    assert.ok(!none.ok);
    assert.equal(none.problem.code, 'workflow-return-reason-required');
    const empty = can(rev, 'return', 'under-review', permissive({ reasons: [{ text: '缺少佐证' }, { text: ' ', rubricItem: 'x' }] }));
    assert.ok(!empty.ok);
    assert.equal(empty.problem.code, 'workflow-return-reason-empty');
    assert.deepEqual(empty.problem.path, ['reasons', 1, 'text']);
    const ok = transition(ACTORS['third-party-reviewer'], 'return', 'under-review', permissive({ reasons: [{ text: ' 指标值未填 ', path: ['indicators', 2, 'target'] }, { text: '自评偏高', rubricItem: '预算执行率' }] }));
    assert.ok(ok.ok);
    assert.equal(ok.state, 'returned');
    assert.deepEqual(ok.entry.reasons, [{ text: '指标值未填', path: ['indicators', 2, 'target'] }, { text: '自评偏高', rubricItem: '预算执行率' }]);
  });

  test('reopening needs a stated reason, kept in the entry', () => {
    const admin = ACTORS.admin;
    for (const from of ['approved', 'published'] as const) {
      const r = can(admin, 'reopen', from, permissive({ reason: '' }));
      assert.ok(!r.ok);
      assert.equal(r.problem.code, 'workflow-reason-required');
    }
    const ok = transition(admin, 'reopen', 'published', permissive({ reason: '公开后发现金额错误' }));
    assert.ok(ok.ok);
    assert.equal(ok.state, 'under-review');
    assert.equal(ok.entry.reason, '公开后发现金额错误');
  });
});

test('a third party recommends; the bureau reviewer approves or returns what it recommended', () => {
  const tp = ACTORS['third-party-reviewer'];
  const rev = ACTORS.reviewer;
  const approveByTp = can(tp, 'approve', 'under-review', permissive());
  assert.ok(!approveByTp.ok);
  assert.equal(approveByTp.problem.code, 'workflow-role-not-allowed');
  const rec = transition(tp, 'recommend', 'under-review', permissive());
  assert.ok(rec.ok && rec.state === 'recommended');
  assert.ok(!can(tp, 'approve', 'recommended', permissive()).ok);
  assert.ok(!can(tp, 'return', 'recommended', permissive()).ok);
  assert.equal(transition(rev, 'approve', 'recommended', permissive()).ok, true);
  assert.equal(transition(rev, 'return', 'recommended', permissive()).ok, true);
});

test('an unknown action or state is a problem value, not a throw', () => {
  const a = can(ACTORS.preparer, 'delete' as never, 'draft', permissive());
  assert.ok(!a.ok);
  assert.equal(a.problem.code, 'workflow-unknown-action');
  const s = can(ACTORS.preparer, 'submit', 'lost' as never, permissive());
  assert.ok(!s.ok);
  assert.equal(s.problem.code, 'workflow-unknown-state');
});

test('the history tells a correction and its latest return', () => {
  const steps = [
    transition(ACTORS.preparer, 'submit', 'draft', permissive()),
    transition(ACTORS['department-head'], 'sign-off', 'submitted', permissive()),
    transition(ACTORS.reviewer, 'start-review', 'signed-off', permissive()),
    transition(ACTORS.reviewer, 'return', 'under-review', permissive({ reasons: [{ text: '第一次' }] })),
    transition(ACTORS.preparer, 'submit', 'returned', permissive()),
  ];
  const history = steps.map((s) => (assert.ok(s.ok), s.entry));
  assert.equal(isCorrection(history.slice(0, 3)), false);
  assert.equal(isCorrection(history), true);
  assert.deepEqual(latestReturn(history)?.reasons, [{ text: '第一次' }]);
  assert.equal(latestReturn(history.slice(0, 3)), undefined);
});

test('offered actions: a role sees its own moves, with the precondition that fails now; outsiders see none', () => {
  assert.deepEqual(
    offeredActions(ACTORS.reviewer, 'under-review', permissive({ reasons: [] })).map((o) => [o.action, o.problem?.code]),
    [['return', 'workflow-return-reason-required'], ['approve', undefined]],
  );
  assert.deepEqual(offeredActions(ACTORS['third-party-reviewer'], 'under-review', permissive()).map((o) => o.action), ['return', 'recommend']);
  assert.deepEqual(offeredActions(OUTSIDERS.reviewer, 'under-review', permissive()), []);
  assert.deepEqual(offeredActions(ACTORS.preparer, 'under-review', permissive()), []);
});

test('labels exist in both languages for every state and action', () => {
  for (const s of EVALUATION_STATES) assert.ok(EVALUATION_STATE_INFO[s].label.zh && EVALUATION_STATE_INFO[s].label.en);
  for (const a of ACTIONS) assert.ok(ACTION_INFO[a].label.zh && ACTION_INFO[a].label.en);
});
