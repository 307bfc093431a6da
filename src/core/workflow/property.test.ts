/**
 * Property tests: random sequences of moves and saves by random actors (in and out of scope), in tasks of random
 * state, at random times. Whatever is allowed follows a declared row; nothing reaches an undeclared state; what the
 * preparer entered never changes between a submission and the next return; every refusal has a message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MESSAGES, formatProblem } from '../messages.ts';
import type { Problem } from '../problem.ts';
import { FIELD_GROUPS, type FieldGroup, canEdit, editableBy } from './access.ts';
import { ROLES } from './roles.ts';
import { EVALUATION_STATES, type EvaluationState, SUBMITTED_STATES, TASK_STATES } from './states.ts';
import { ACTORS, OUTSIDERS, TASK, permissive, ref } from './testing.ts';
import { ACTIONS, TRANSITIONS, isCorrection, transition, type HistoryEntry } from './transitions.ts';

const step = fc.record({
  /** 'table': one of the declared moves from the current state, by one of its roles; 'move': any action by any role. */
  kind: fc.constantFrom('table', 'table', 'table', 'move', 'save'),
  pick: fc.nat(),
  role: fc.constantFrom(...ROLES),
  inScope: fc.boolean(),
  action: fc.constantFrom(...ACTIONS),
  group: fc.constantFrom(...FIELD_GROUPS),
  taskState: fc.constantFrom(...TASK_STATES, 'issued', 'issued', 'closed'),
  /** Days after 2024-02-25 (the task is open 2024-03-01 … 2024-03-31): mostly inside the window. */
  day: fc.oneof(fc.integer({ min: 5, max: 35 }), fc.integer({ min: 0, max: 60 })),
  errors: fc.integer({ min: 0, max: 2 }),
  overrideReason: fc.constantFrom(undefined, '', '口径不同，无误'),
  reasons: fc.constantFrom([], [{ text: '' }], [{ text: '缺佐证', path: ['budget'] }]),
  reason: fc.constantFrom(undefined, '', '金额有误'),
});

function assertMessage(p: Problem): void {
  assert.ok(MESSAGES[p.code]?.zh && MESSAGES[p.code]?.en, `no message for ${p.code}`);
  for (const lang of ['zh', 'en'] as const) assert.doesNotMatch(formatProblem(p, lang), /\{\w+\}/, `${p.code} leaves a parameter unfilled`);
}

test('random sequences of moves never leave the table, and frozen fields never change after submission', () => {
  const reached = new Set<EvaluationState>();
  fc.assert(
    fc.property(fc.array(step, { minLength: 20, maxLength: 60 }), (steps) => {
      let state: EvaluationState = 'draft';
      const history: HistoryEntry[] = [];
      const data: Record<FieldGroup, number> = { evaluation: 0, attachments: 0, 'review-opinions': 0, 'result-use': 0 };
      let handedIn: { evaluation: number; attachments: number } | undefined;
      for (const s of steps) {
        const rows = TRANSITIONS.filter((r) => r.from === state);
        const row = rows[s.pick % rows.length]!;
        const role = s.kind === 'table' ? row.roles[s.pick % row.roles.length]! : s.role;
        const action = s.kind === 'table' ? row.action : s.action;
        const actor = (s.inScope ? ACTORS : OUTSIDERS)[role];
        const task = { ...TASK, state: s.taskState };
        if (s.kind === 'save') {
          const evaluationRef = ref(state, { taskState: s.taskState });
          const r = canEdit(actor, evaluationRef, s.group);
          assert.equal(r.ok, editableBy(actor, evaluationRef).includes(s.group));
          if (r.ok) data[s.group]++;
          else assertMessage(r.problem);
        } else {
          const context = permissive({
            task,
            now: new Date(Date.UTC(2024, 1, 25 + s.day, 2)),
            findings: Array.from({ length: s.errors }, () => ({ severity: 'error' as const })),
            reasons: s.reasons,
            isCorrection: isCorrection(history),
            ...(s.overrideReason !== undefined ? { overrideReason: s.overrideReason } : {}),
            ...(s.reason !== undefined ? { reason: s.reason } : {}),
          });
          const r = transition(actor, action, state, context);
          if (r.ok) {
            const row = TRANSITIONS.find((x) => x.from === state && x.action === action);
            assert.ok(row, `undeclared move ${state} ${action}`);
            reached.add(r.state);
            assert.equal(r.state, row.to);
            assert.ok(row.roles.includes(actor.role));
            assert.ok(s.inScope, 'an outsider moved an evaluation');
            assert.notEqual(s.taskState, 'archived');
            history.push(r.entry);
            state = r.state;
          } else {
            assertMessage(r.problem);
          }
        }
        assert.ok(EVALUATION_STATES.includes(state));
        if (SUBMITTED_STATES.includes(state)) {
          handedIn ??= { evaluation: data.evaluation, attachments: data.attachments };
          assert.deepEqual({ evaluation: data.evaluation, attachments: data.attachments }, handedIn, `the preparer's entry changed in ${state}`);
        } else {
          handedIn = undefined;
        }
      }
      for (let i = 1; i < history.length; i++) assert.equal(history[i]!.from, history[i - 1]!.to, 'the history is a chain');
    }),
    { numRuns: 400 },
  );
  // The walk must get everywhere, or it proves little.
  assert.deepEqual([...reached].sort(), [...EVALUATION_STATES].sort());
});

test('from any reachable state, the happy path goes on to published', () => {
  const path: [EvaluationState, (typeof ACTIONS)[number], keyof typeof ACTORS][] = [
    ['draft', 'submit', 'preparer'],
    ['submitted', 'sign-off', 'department-head'],
    ['signed-off', 'start-review', 'third-party-reviewer'],
    ['under-review', 'recommend', 'third-party-reviewer'],
    ['recommended', 'approve', 'reviewer'],
    ['approved', 'publish', 'admin'],
  ];
  let state: EvaluationState = 'draft';
  for (const [from, action, role] of path) {
    assert.equal(state, from);
    const r = transition(ACTORS[role], action, state, permissive());
    assert.ok(r.ok, `${from} ${action}: ${JSON.stringify(!r.ok && r.problem)}`);
    state = r.state;
  }
  assert.equal(state, 'published');
});
