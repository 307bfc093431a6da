import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Decoded, decodeText } from './decode.ts';

const TEXT = '部门名称: 示例区应急管理局\nyear: 2022\n';
const FIXTURES = join(import.meta.dirname, '../../test/fixtures/documents');
const SEEDS = join(import.meta.dirname, '../../examples/seeds');
const seed = (id: string) => readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(`${id}_`))!));
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

function text(r: Decoded): string {
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problem));
  return r.text;
}

const codes = (r: Decoded) => (r.ok ? r.warnings.map((w) => w.code) : [r.problem.code]);

test('UTF-8 with and without a BOM', () => {
  assert.deepEqual(decodeText(Buffer.from(TEXT, 'utf8')), { ok: true, text: TEXT, encoding: 'utf-8', warnings: [] });
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])), { ok: true, text: TEXT, encoding: 'utf-8', warnings: [] });
});

test('UTF-16 with a BOM, little and big endian (Notepad "Unicode")', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
  assert.deepEqual(decodeText(le), { ok: true, text: TEXT, encoding: 'utf-16le', warnings: [] });
  const be = Buffer.from(le.subarray(2)).swap16();
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { ok: true, text: TEXT, encoding: 'utf-16be', warnings: [] });
});

test('UTF-16 without a BOM, little and big endian, is told by where its NUL bytes fall', () => {
  for (const id of ['000', '004']) {
    const original = seed(id).toString('utf8');
    const le = Buffer.from(original, 'utf16le');
    const r = decodeText(le);
    assert.equal(text(r), original);
    assert.equal(r.ok && r.encoding, 'utf-16le');
    assert.deepEqual(codes(r), ['text-encoding-guessed']);
    const be = decodeText(Buffer.from(le).swap16());
    assert.equal(text(be), original);
    assert.equal(be.ok && be.encoding, 'utf-16be');
  }
});

test('UTF-16 without a BOM and without ASCII (no NUL bytes) is told by its common characters', () => {
  const original = '部门整体支出绩效自评报告一、部门基本情况本部门主要职责是组织开展全区应急管理工作，年度预算执行情况良好。';
  const r = decodeText(Buffer.from(original, 'utf16le'));
  assert.equal(text(r), original);
  assert.equal(r.ok && r.encoding, 'utf-16le');
});

test('GBK / GB18030 text as a Chinese Windows saves it', () => {
  // "你好 2022" in GBK.
  const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x20, 0x32, 0x30, 0x32, 0x32]);
  assert.deepEqual(decodeText(gbk), { ok: true, text: '你好 2022', encoding: 'gb18030', warnings: [] });
  const r = decodeText(fixture('bad/gbk.txt'));
  assert.equal(text(r), seed('000').toString('utf8'));
  assert.deepEqual(codes(r), []);
});

test('one invalid byte in UTF-8 text: UTF-8 with U+FFFD and a warning naming the line and byte offset', () => {
  const original = seed('001');
  const lines = original.toString('utf8').split('\n');
  // The first byte of the first Chinese character on the first line with one from line 20 on.
  const index = lines.findIndex((l, i) => i >= 19 && /[\u4e00-\u9fff]/.test(l));
  const line = lines[index]!;
  const lineStart = Buffer.byteLength(lines.slice(0, index).map((l) => `${l}\n`).join(''), 'utf8');
  const offset = lineStart + Buffer.byteLength(line.slice(0, line.search(/[\u4e00-\u9fff]/)), 'utf8');
  const damaged = Buffer.from(original);
  damaged[offset] = 0xff;
  const r = decodeText(damaged);
  assert.ok(r.ok);
  assert.equal(r.encoding, 'utf-8');
  assert.deepEqual(r.warnings.map((w) => [w.code, w.line, w.params['encoding'], w.params['offset']]), [['text-invalid-bytes', index + 1, 'UTF-8', offset]]);
  const read = r.text.split('\n');
  assert.equal(read.length, lines.length);
  read.forEach((l, i) => (i === index ? assert.match(l, /\ufffd/) : assert.equal(l, lines[i])));
});

test('property: every single-byte change of a UTF-8 seed still reads as UTF-8, the other lines intact', () => {
  const original = seed('000');
  const lines = original.toString('utf8').split('\n');
  fc.assert(
    fc.property(fc.nat(original.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
      const bytes = Buffer.from(original);
      const was = bytes[at]!;
      bytes[at] = (was + delta) & 0xff;
      const r = decodeText(bytes);
      if (!r.ok || r.encoding !== 'utf-8') return false;
      if (r.warnings.some((w) => w.code !== 'text-invalid-bytes')) return false;
      // A byte changed into or out of a line feed moves the lines after it; compare the lines before it then.
      const line = original.subarray(0, at).filter((b) => b === 0x0a).length;
      const read = r.text.split('\n');
      const compared = was === 0x0a || bytes[at] === 0x0a ? line : lines.length;
      for (let i = 0; i < compared; i++) if (i !== line && read[i] !== lines[i]) return false;
      const warned = r.warnings[0];
      return warned === undefined || warned.line === line + 1 || bytes[at] === 0x0a;
    }),
    { numRuns: 200, seed: 20240101 },
  );
});

test('mixed GBK and UTF-8 lines: each line in its own encoding, with a warning naming the GBK lines', () => {
  // bad/gbk.txt is seed 000 in GB18030, line for line: take every fourth line with Chinese from it.
  const utf8 = seed('000');
  const gbk = fixture('bad/gbk.txt');
  const splitBytes = (b: Buffer) => {
    const out: Buffer[] = [];
    for (let s = 0, e = b.indexOf(0x0a); ; s = e + 1, e = b.indexOf(0x0a, s)) {
      out.push(b.subarray(s, e < 0 ? b.length : e));
      if (e < 0) return out;
    }
  };
  const u = splitBytes(utf8);
  const g = splitBytes(gbk);
  assert.equal(u.length, g.length);
  const gbkLines: number[] = [];
  const mixed = Buffer.concat(
    u.flatMap((line, i) => {
      const useGbk = line.some((b) => b >= 0x80) && gbkLines.length < 50 && i % 4 === 2;
      if (useGbk) gbkLines.push(i + 1);
      return [useGbk ? g[i]! : line, ...(i < u.length - 1 ? [Buffer.from('\n')] : [])];
    }),
  );
  assert.ok(gbkLines.length >= 5);
  const r = decodeText(mixed);
  assert.equal(text(r), utf8.toString('utf8'));
  assert.ok(r.ok);
  assert.equal(r.encoding, 'utf-8');
  const w = r.warnings.find((x) => x.code === 'text-mixed-encoding');
  assert.equal(w?.params['encoding'], 'GB18030/GBK');
  assert.equal(w?.line, gbkLines[0]);
  assert.equal(w?.params['lineCount'], gbkLines.length);
  assert.ok(String(w?.params['lines']).startsWith(gbkLines.slice(0, 3).join(', ')));
});

test('Big5 (traditional Chinese) reads correctly, with a warning saying the encoding was judged from content', () => {
  const r = decodeText(fixture('encodings/traditional.big5.txt'));
  assert.equal(text(r), fixture('encodings/traditional.utf8.txt').toString('utf8'));
  assert.ok(r.ok);
  assert.equal(r.encoding, 'big5');
  assert.deepEqual(codes(r), ['text-encoding-guessed']);
  assert.match(String(r.warnings[0]?.params['evidence']), /^Big5 \d+% · GB18030\/GBK \d+%; chardet Big5/);
});

test('Shift_JIS and EUC-KR are refused with a message naming the encoding, never read as GB18030 garbage', () => {
  const ja = decodeText(fixture('encodings/japanese.sjis.txt'));
  assert.equal(ja.ok, false);
  assert.equal(!ja.ok && ja.problem.code, 'text-encoding-unsupported');
  assert.equal(!ja.ok && ja.problem.params['encoding'], 'Shift_JIS');
  const ko = decodeText(fixture('encodings/korean.euc-kr.txt'));
  assert.equal(!ko.ok && ko.problem.params['encoding'], 'EUC-KR');
});

test('repair: false refuses damaged or mixed text instead of replacing bytes (for data files)', () => {
  const damaged = Buffer.from(TEXT, 'utf8');
  damaged[3] = 0xff;
  const r = decodeText(damaged, { repair: false });
  assert.equal(!r.ok && r.problem.code, 'text-invalid-bytes');
  assert.equal(!r.ok && r.problem.line, 1);
  assert.equal(decodeText(Buffer.from(TEXT, 'utf8'), { repair: false }).ok, true);
});

test('binary is not text', () => {
  assert.equal(decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).ok, false);
  assert.equal(decodeText(fixture('bad/garbage.bin')).ok, false);
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
