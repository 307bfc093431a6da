/**
 * The exported JSON Schemas are current and describe what people write: every example and rubric file passes
 * them, and a wrong type fails them.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { evaluationJsonSchema, rubricJsonSchema } from '../src/core/model/json-schema.ts';
import { ROOT } from './helpers.ts';

const committed = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schema', name), 'utf8')) as Record<string, unknown>;

test('schema/*.schema.json are up to date with the zod schemas (run npm run schema)', () => {
  assert.deepEqual(committed('evaluation.schema.json'), evaluationJsonSchema());
  assert.deepEqual(committed('rubric.schema.json'), rubricJsonSchema());
});

test('every example passes the evaluation JSON Schema, and a wrong type does not', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(evaluationJsonSchema());
  for (const f of readdirSync(join(ROOT, 'examples')).filter((x) => x.endsWith('.yaml'))) {
    const data: unknown = parse(readFileSync(join(ROOT, 'examples', f), 'utf8'));
    assert.ok(validate(data), `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
  assert.equal(validate({ department: {}, year: true }), false);
  assert.equal(validate({ department: {}, year: 2020, budget: { colour: 1 } }), false);
});

test('every built-in rubric passes the rubric JSON Schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(rubricJsonSchema());
  for (const f of readdirSync(join(ROOT, 'rubrics'))) {
    const data: unknown = parse(readFileSync(join(ROOT, 'rubrics', f), 'utf8'));
    assert.ok(validate(data), `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
});
