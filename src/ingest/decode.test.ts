import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeText } from './decode.ts';

const TEXT = '部门名称: 示例区应急管理局\nyear: 2022\n';

test('UTF-8 with and without a BOM', () => {
  assert.deepEqual(decodeText(Buffer.from(TEXT, 'utf8')), { ok: true, text: TEXT, encoding: 'utf-8' });
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])), { ok: true, text: TEXT, encoding: 'utf-8' });
});

test('UTF-16 with a BOM, little and big endian (Notepad "Unicode")', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
  assert.deepEqual(decodeText(le), { ok: true, text: TEXT, encoding: 'utf-16le' });
  const be = Buffer.from(le.subarray(2)).swap16();
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { ok: true, text: TEXT, encoding: 'utf-16be' });
});

test('GBK / GB18030 text as a Chinese Windows saves it', () => {
  // "你好 2022" in GBK.
  const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x20, 0x32, 0x30, 0x32, 0x32]);
  assert.deepEqual(decodeText(gbk), { ok: true, text: '你好 2022', encoding: 'gb18030' });
});

test('binary is not text', () => {
  assert.equal(decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).ok, false);
});

test('fuzz: any bytes decode or are refused, never throw; UTF-8 text always round-trips', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => typeof decodeText(bytes).ok === 'boolean'), { numRuns: 3000 });
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => {
      const text = s.replace(/\0/g, '').replace(/^\ufeff/, '');
      const r = decodeText(Buffer.from(text, 'utf8'));
      return r.ok && r.text === text;
    }),
    { numRuns: 1000 },
  );
});
