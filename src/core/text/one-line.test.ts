import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneLine } from './one-line.ts';

test('a name with line breaks and controls becomes one line with visible escapes', () => {
  assert.equal(oneLine('自评\nmanagement:\r\n  x\t1\u2028y\u0000'), '自评\\nmanagement:\\r\\n  x\\t1\\u2028y\\u0000');
  assert.equal(oneLine('报告 2023（终稿）.docx'), '报告 2023（终稿）.docx');
  assert.ok(!/[\n\r\u2028\u2029]/.test(oneLine('a\u2029b\u0085c')));
});
