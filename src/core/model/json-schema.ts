/**
 * JSON Schemas of the file formats, for editor completion (VS Code: `# yaml-language-server: $schema=…`).
 * They describe what a person writes (the input side of each schema), generated from the zod schemas.
 */
import { z } from 'zod';
import { rubricSchema } from '../rubric/schema.ts';
import { evaluationSchema } from './evaluation.ts';

function exportSchema(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref', reused: 'ref' }) as Record<string, unknown>;
  return { ...json, $id: id, title };
}

export function evaluationJsonSchema(): Record<string, unknown> {
  return exportSchema(evaluationSchema, 'https://jixiao.invalid/schema/evaluation.schema.json', 'jixiao 部门整体支出绩效自评 evaluation file');
}

export function rubricJsonSchema(): Record<string, unknown> {
  return exportSchema(rubricSchema, 'https://jixiao.invalid/schema/rubric.schema.json', 'jixiao 评分标准 rubric file');
}
