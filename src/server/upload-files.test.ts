import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { safeName, unpackUpload } from './upload-files.ts';

const LIMITS = { maxDocumentBytes: 1024, maxFiles: 3, maxArchiveBytes: 4096 };
const enc = (s: string) => new TextEncoder().encode(s);

/** A ZIP whose entry name is GBK without the UTF-8 flag, as Chinese Windows tools write it. */
function gbkZip(): Uint8Array {
  const zip = zipSync({ 'XXXX.txt': enc('内容') });
  const gbk = [0xb3, 0xc7, 0xb9, 0xdc]; // 城管
  for (let i = 0; i + 4 <= zip.length; i++) if (zip[i] === 0x58 && zip[i + 1] === 0x58 && zip[i + 2] === 0x58 && zip[i + 3] === 0x58) zip.set(gbk, i);
  return zip;
}

test('a GBK entry name (no UTF-8 flag) is read as Chinese', () => {
  const r = unpackUpload([{ name: 'batch.zip', bytes: gbkZip() }], LIMITS);
  assert.deepEqual(r.documents.map((d) => d.fileName), ['城管.txt']);
  assert.equal(new TextDecoder().decode(r.documents[0]!.bytes), '内容');
});

test('names are cut to their last part and cleaned; kinds, sizes and counts are checked file by file', () => {
  assert.equal(safeName('..\\..\\windows\\自评表.docx'), '自评表.docx');
  assert.equal(safeName('a/b/\u202ecod.txt'), 'cod.txt');
  assert.equal(safeName(`${'长'.repeat(300)}.pdf`).length, 200);
  const r = unpackUpload(
    [
      { name: 'a.txt', bytes: enc('a') },
      { name: 'b.exe', bytes: enc('b') },
      { name: 'c.txt', bytes: new Uint8Array(2048) },
      { name: 'd.txt', bytes: new Uint8Array(0) },
      { name: 'e.md', bytes: enc('e') },
      { name: 'f.csv', bytes: enc('f') },
      { name: 'g.txt', bytes: enc('g') },
    ],
    LIMITS,
  );
  assert.deepEqual(r.documents.map((d) => d.fileName), ['a.txt', 'e.md', 'f.csv']);
  assert.deepEqual(r.rejected.map((x) => [x.fileName, x.problem.code]), [
    ['b.exe', 'api-file-kind'],
    ['c.txt', 'api-file-too-large'],
    ['d.txt', 'empty-file'],
    ['g.txt', 'api-too-many-files'],
  ]);
});

test('archives: folders and hidden files skipped, nested archives and bombs refused, damage reported', () => {
  const ok = unpackUpload([{ name: 'x.zip', bytes: zipSync({ 'dir/a.txt': enc('a'), '__MACOSX/._a.txt': enc('m'), '.DS_Store': enc('d'), 'in.zip': zipSync({ 'b.txt': enc('b') }) }) }], LIMITS);
  assert.deepEqual(ok.documents.map((d) => d.fileName), ['a.txt']);
  assert.deepEqual(ok.rejected.map((x) => x.problem.code), ['api-nested-archive']);
  const bomb = unpackUpload([{ name: 'bomb.zip', bytes: zipSync({ a: new Uint8Array(1000), b: new Uint8Array(1000), c: new Uint8Array(1000), d: new Uint8Array(1000), e: new Uint8Array(1000) }, { level: 9 }) }], LIMITS);
  assert.deepEqual(bomb.rejected.map((x) => x.problem.code), ['api-archive-too-large']);
  assert.equal(bomb.documents.length, 0);
  const damaged = unpackUpload([{ name: 'd.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9]) }], LIMITS);
  assert.equal(damaged.rejected[0]?.problem.code, 'api-archive-damaged');
  // A DOCX is a ZIP too, and stays a document.
  const docx = unpackUpload([{ name: 'form.docx', bytes: zipSync({ 'word/document.xml': enc('<w/>') }) }], LIMITS);
  assert.deepEqual(docx.documents.map((d) => d.fileName), ['form.docx']);
});
