/** Every problem code the workflow uses has a Chinese and an English message, and every parameter it names is filled. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { MESSAGES, formatProblem } from '../messages.ts';
import type { Problem } from '../problem.ts';
import { FIELD_GROUPS, canEdit } from './access.ts';
import { ROLES } from './roles.ts';
import { EVALUATION_STATES, TASK_STATES } from './states.ts';
import { TASK_ACTIONS, canTask } from './task.ts';
import { ACTORS, NOW, OUTSIDERS, TASK, permissive, ref } from './testing.ts';
import { ACTIONS, can } from './transitions.ts';

const here = new URL('./', import.meta.url);
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'testing.ts');

test('every workflow code in the sources has zh and en messages, and they are named workflow-…', () => {
  const codes = new Set<string>();
  for (const f of sources) for (const m of readFileSync(new URL(f, here), 'utf8').matchAll(/problem\(\s*'([a-z-]+)'/g)) codes.add(m[1]!);
  assert.ok(codes.size >= 25, `found only ${codes.size} codes`);
  for (const c of codes) {
    assert.match(c, /^workflow-/);
    assert.ok(MESSAGES[c]?.zh && MESSAGES[c]?.en, `${c} lacks a message`);
    assert.match(MESSAGES[c]!.zh, /[\u4e00-\u9fff]/, `${c}: the zh message is Chinese`);
  }
});

test('every refusal the tables give reads whole in both languages', () => {
  const problems: Problem[] = [];
  const contexts = [permissive(), permissive({ reasons: [], reason: '', findings: [{ severity: 'error' }] }), permissive({ task: { ...TASK, state: 'closed' } })];
  for (const state of EVALUATION_STATES) {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        for (const actor of [ACTORS[role], OUTSIDERS[role]]) {
          for (const c of contexts) {
            const r = can(actor, action, state, c);
            if (!r.ok) problems.push(r.problem);
          }
        }
      }
    }
    for (const role of ROLES) for (const g of FIELD_GROUPS) for (const actor of [ACTORS[role], OUTSIDERS[role]]) {
      const r = canEdit(actor, ref(state), g);
      if (!r.ok) problems.push(r.problem);
    }
  }
  for (const state of TASK_STATES) for (const action of TASK_ACTIONS) for (const role of ROLES) {
    const r = canTask(ACTORS[role], action, { ...TASK, state, opensOn: '2024-04-01' }, { now: NOW, newClosesOn: '2024-01-01', evaluationStates: ['under-review'] });
    if (!r.ok) problems.push(r.problem);
  }
  const seen = new Set(problems.map((p) => p.code));
  assert.ok(seen.size >= 12, `only ${seen.size} codes exercised`);
  for (const p of problems) {
    for (const lang of ['zh', 'en'] as const) {
      const text = formatProblem(p, lang);
      assert.doesNotMatch(text, /\{\w+\}/, `${p.code} (${lang}) leaves a parameter unfilled: ${text}`);
      assert.ok(!text.startsWith(p.code), `${p.code} has no ${lang} message`);
    }
  }
  const roleRefusal = problems.find((p) => p.code === 'workflow-role-not-allowed')!;
  assert.equal(formatProblem(roleRefusal, 'zh'), '绩效科审核人不能对评价“提交”；可以操作的是：填报人、部门负责人');
  assert.equal(formatProblem(roleRefusal, 'en'), 'the reviewer role cannot submit this evaluation; who may: preparer, department head');
  const late = can(ACTORS.preparer, 'submit', 'draft', permissive({ now: new Date('2024-04-02T02:00:00Z') }));
  assert.ok(!late.ok);
  assert.equal(formatProblem(late.problem, 'zh'), '任务已于 2024-03-31 截止，不能再提交（今天是 2024-04-02）（如需补交，请联系财政局延期）');
});
