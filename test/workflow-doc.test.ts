/** docs/workflow.md is written from the workflow's tables and is current. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { workflowMarkdown } from '../scripts/workflow-doc.ts';
import { ACTIONS, EVALUATION_STATES, EVALUATION_STATE_INFO, ROLES, TASK_TRANSITIONS, TRANSITIONS } from '../src/core/workflow/index.ts';
import { ROOT } from './helpers.ts';

test('docs/workflow.md matches the workflow tables (run npm run docs)', () => {
  assert.equal(readFileSync(join(ROOT, 'docs/workflow.md'), 'utf8'), workflowMarkdown());
});

test('docs/workflow.md names every state, action, role and transition, in Chinese and English', () => {
  const doc = workflowMarkdown();
  for (const s of EVALUATION_STATES) assert.ok(doc.includes(`| \`${s}\` | ${EVALUATION_STATE_INFO[s].label.zh} · ${EVALUATION_STATE_INFO[s].label.en} |`), s);
  for (const a of ACTIONS) assert.ok(doc.includes(`| \`${a}\` |`), a);
  for (const r of ROLES) assert.ok(doc.includes(`| \`${r}\` |`), r);
  for (const r of [...TRANSITIONS, ...TASK_TRANSITIONS]) assert.ok(doc.includes(`\`${r.from}\` | `) && new RegExp(`\`${r.from}\` \\| [^|]*\`${r.action}\` \\| [^|]*\`${r.to}\``).test(doc), `${r.from} ${r.action} ${r.to}`);
  assert.match(doc, /```mermaid\nstateDiagram-v2/);
});

test('npm run docs writes docs/workflow.md', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(pkg.scripts['docs'] ?? '', /scripts\/workflow-doc\.ts/);
});
