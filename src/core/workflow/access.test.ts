import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EDITING, FIELD_GROUPS, canEdit, canSee, editableBy, frozenFields, isEvaluationFrozen, visibleVersions } from './access.ts';
import { ROLES } from './roles.ts';
import { EVALUATION_STATES, SUBMITTED_STATES } from './states.ts';
import { ACTORS, OTHER_DEPARTMENT, OTHER_REGION, OTHER_TASK_ID, OUTSIDERS, ref } from './testing.ts';

test('a department sees all its own evaluations, and another department’s only once published', () => {
  for (const state of EVALUATION_STATES) {
    for (const role of ['preparer', 'department-head'] as const) {
      assert.equal(canSee(ACTORS[role], ref(state)), true, `${role} own ${state}`);
      assert.equal(canSee(ACTORS[role], ref(state, { departmentId: OTHER_DEPARTMENT })), state === 'published', `${role} other ${state}`);
    }
  }
});

test('a reviewer sees its region’s from submission on; a third party the same, of its assigned tasks only', () => {
  for (const state of EVALUATION_STATES) {
    const afterSubmission = state !== 'draft';
    assert.equal(canSee(ACTORS.reviewer, ref(state)), afterSubmission, `reviewer ${state}`);
    assert.equal(canSee(ACTORS.reviewer, ref(state, { regionId: OTHER_REGION })), state === 'published');
    assert.equal(canSee(ACTORS['third-party-reviewer'], ref(state)), afterSubmission, `third party ${state}`);
    assert.equal(canSee(ACTORS['third-party-reviewer'], ref(state, { taskId: OTHER_TASK_ID })), state === 'published');
    assert.equal(canSee(ACTORS.admin, ref(state)), true);
    assert.equal(canSee(OUTSIDERS.admin, ref(state)), state === 'published');
  }
});

test('versions: the department and administrators see every version; reviewers and the public only submitted ones', () => {
  assert.equal(visibleVersions(ACTORS.preparer, ref('returned')), 'all');
  assert.equal(visibleVersions(ACTORS.admin, ref('draft')), 'all');
  assert.equal(visibleVersions(ACTORS.reviewer, ref('returned')), 'submitted');
  assert.equal(visibleVersions(ACTORS['third-party-reviewer'], ref('under-review')), 'submitted');
  assert.equal(visibleVersions(OUTSIDERS.preparer, ref('published')), 'submitted');
  assert.equal(visibleVersions(ACTORS.reviewer, ref('draft')), 'none');
  assert.equal(visibleVersions(OUTSIDERS.preparer, ref('approved')), 'none');
});

test('what the preparer entered is frozen in every submitted state and editable only in draft and returned', () => {
  for (const state of EVALUATION_STATES) {
    const frozen = frozenFields(state);
    const submitted = SUBMITTED_STATES.includes(state);
    assert.equal(frozen.includes('evaluation'), submitted, state);
    assert.equal(frozen.includes('attachments'), submitted, state);
    assert.equal(isEvaluationFrozen(state), submitted);
  }
  assert.deepEqual(frozenFields('published'), [...FIELD_GROUPS]);
  assert.deepEqual(frozenFields('draft'), ['review-opinions', 'result-use']);
});

test('reviewers add opinions and never edit the preparer’s figures', () => {
  for (const state of EVALUATION_STATES) {
    for (const role of ['reviewer', 'third-party-reviewer', 'admin'] as const) {
      const groups = editableBy(ACTORS[role], ref(state));
      assert.ok(!groups.includes('evaluation') && !groups.includes('attachments'), `${role} ${state}`);
    }
  }
  assert.deepEqual(editableBy(ACTORS.reviewer, ref('under-review')), ['review-opinions']);
  assert.deepEqual(editableBy(ACTORS['third-party-reviewer'], ref('under-review')), ['review-opinions']);
  assert.deepEqual(editableBy(ACTORS['third-party-reviewer'], ref('recommended')), []);
  assert.deepEqual(editableBy(ACTORS.reviewer, ref('recommended')), ['review-opinions']);
  assert.deepEqual(editableBy(ACTORS.reviewer, ref('approved')), ['result-use']);
  assert.deepEqual(editableBy(ACTORS.preparer, ref('draft')), ['evaluation', 'attachments']);
  assert.deepEqual(editableBy(ACTORS['department-head'], ref('returned')), ['evaluation', 'attachments']);
});

test('editableBy agrees with the EDITING table for every state × role, and gives nothing outside scope or when archived', () => {
  for (const state of EVALUATION_STATES) {
    for (const role of ROLES) {
      const expected = FIELD_GROUPS.filter((g) => EDITING[state][g]?.includes(role));
      assert.deepEqual(editableBy(ACTORS[role], ref(state)), expected, `${state} ${role}`);
      assert.deepEqual(editableBy(OUTSIDERS[role], ref(state)), [], `outsider ${state} ${role}`);
      assert.deepEqual(editableBy(ACTORS[role], ref(state, { taskState: 'archived' })), []);
      for (const g of FIELD_GROUPS) assert.equal(canEdit(ACTORS[role], ref(state), g).ok, expected.includes(g));
    }
  }
});

test('a refused save says why: frozen, another role’s part, out of scope, archived', () => {
  const code = (r: ReturnType<typeof canEdit>) => (r.ok ? 'ok' : r.problem.code);
  assert.equal(code(canEdit(ACTORS.preparer, ref('submitted'), 'evaluation')), 'workflow-frozen');
  assert.equal(code(canEdit(ACTORS.reviewer, ref('under-review'), 'evaluation')), 'workflow-frozen');
  assert.equal(code(canEdit(ACTORS.reviewer, ref('draft'), 'evaluation')), 'workflow-not-editable-by-role');
  assert.equal(code(canEdit(ACTORS.preparer, ref('under-review'), 'review-opinions')), 'workflow-not-editable-by-role');
  assert.equal(code(canEdit(OUTSIDERS.preparer, ref('draft'), 'evaluation')), 'workflow-other-department');
  assert.equal(code(canEdit(ACTORS.preparer, ref('draft', { taskState: 'archived' }), 'evaluation')), 'workflow-task-archived');
});
