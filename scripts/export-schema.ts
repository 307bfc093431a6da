// npm run schema: writes schema/*.schema.json from the zod schemas (a test checks they are up to date).
import { writeFileSync } from 'node:fs';
import { evaluationJsonSchema, rubricJsonSchema } from '../src/core/model/json-schema.ts';

const write = (file: string, value: unknown) => writeFileSync(new URL(`../schema/${file}`, import.meta.url), `${JSON.stringify(value, null, 2)}\n`);
write('evaluation.schema.json', evaluationJsonSchema());
write('rubric.schema.json', rubricJsonSchema());
console.log('schema/evaluation.schema.json, schema/rubric.schema.json written');
