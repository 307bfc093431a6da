import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { deflateSync, strToU8, zipSync } from 'fflate';
import { DEFAULT_LIMITS, type ReadLimits } from '../source.ts';
import { crc32, formatByteLimit, inflateCapped, openOfficeZip, openZip, readEntry, readRelationships, resolveTarget, sniffOle, type ZipArchive } from './zip.ts';

const MB = 1024 * 1024;
const limits = (maxUnzippedBytes: number): ReadLimits => ({ ...DEFAULT_LIMITS, maxUnzippedBytes });

interface RawEntry {
  name: string;
  /** Bytes as stored in the archive (already compressed for method 8). */
  stored: Uint8Array;
  method: number;
  crc: number;
  /** What the headers claim the uncompressed size is. */
  declaredSize: number;
  flags?: number;
}

/** A hand-made ZIP, so headers can say whatever a test needs them to (lie about sizes, odd methods). */
function rawZip(entries: readonly RawEntry[], options: { zip64Locator?: boolean } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((e.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.stored.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE((e.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.stored.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.stored));
    centrals.push(central, name);
    offset += 30 + name.length + e.stored.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  const locator = Buffer.alloc(options.zip64Locator ? 20 : 0);
  if (options.zip64Locator) locator.writeUInt32LE(0x07064b50, 0);
  return new Uint8Array(Buffer.concat([...locals, cd, locator, eocd]));
}

function deflated(name: string, data: Uint8Array, declaredSize = data.length): RawEntry {
  return { name, stored: deflateSync(data), method: 8, crc: zlibCrc32(data), declaredSize };
}

function open(bytes: Uint8Array, l: ReadLimits = DEFAULT_LIMITS): ZipArchive {
  const r = openZip(bytes, l);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.zip;
}

function entryText(zip: ZipArchive, name: string): string {
  const r = readEntry(zip, name);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problem));
  return new TextDecoder().decode(r.data);
}

test('reads stored and deflated entries written by fflate, names in Chinese too', () => {
  const bytes = zipSync({
    'a.txt': [strToU8('你好，世界'), { level: 0 }],
    'word/document.xml': [strToU8('<w:document/>'.repeat(100)), { level: 9 }],
    '目录/说明.txt': strToU8('部门整体支出'),
  });
  const zip = open(bytes);
  assert.deepEqual([...zip.entries.keys()].sort(), ['a.txt', 'word/document.xml', '目录/说明.txt'].sort());
  assert.equal(zip.entries.get('a.txt')?.method, 0);
  assert.equal(zip.entries.get('word/document.xml')?.method, 8);
  assert.equal(entryText(zip, 'a.txt'), '你好，世界');
  assert.equal(entryText(zip, 'word/document.xml'), '<w:document/>'.repeat(100));
  assert.equal(entryText(zip, '目录/说明.txt'), '部门整体支出');
  // Why: OPC part names are case-insensitive; some tools write "Word\Document.xml".
  assert.equal(entryText(zip, 'WORD/Document.xml'), '<w:document/>'.repeat(100));
  assert.equal(zip.unzipped.bytes, 15 + 1300 + 18 + 1300);
});

test('an empty archive opens with no entries; a missing entry is a problem, not a throw', () => {
  const zip = open(zipSync({}));
  assert.equal(zip.entries.size, 0);
  const r = readEntry(zip, 'word/document.xml');
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.problem.code, 'zip-corrupt');
});

test('an archive comment holding the end-record signature does not mislead the reader', () => {
  const inner = Buffer.from(zipSync({ 'x.xml': strToU8('<x/>') }));
  const comment = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(30, 0xff)]);
  inner.writeUInt16LE(comment.length, inner.length - 2);
  const zip = open(new Uint8Array(Buffer.concat([inner, comment])));
  assert.equal(entryText(zip, 'x.xml'), '<x/>');
});

test('a self-extractor stub before the archive is tolerated', () => {
  const inner = zipSync({ 'x.xml': strToU8('<x/>') });
  const zip = open(new Uint8Array(Buffer.concat([Buffer.alloc(1000, 0x90), inner])));
  assert.equal(entryText(zip, 'x.xml'), '<x/>');
});

test('zip bomb: 50 MB of zeros (~50 KB deflated) is refused under a 10 MB limit (time as a diagnostic only)', (t) => {
  const bytes = rawZip([deflated('word/document.xml', new Uint8Array(50 * MB))]);
  assert.ok(bytes.length < 200 * 1024, `${bytes.length} bytes`);
  const started = performance.now();
  const zip = open(bytes, limits(10 * MB));
  const r = readEntry(zip, 'word/document.xml');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problem, { code: 'zip-bomb', path: [], params: { limit: '10 MB' } });
  t.diagnostic(`${(performance.now() - started).toFixed(0)} ms to refuse it`);
});

test('zip bomb: a header that lies about the uncompressed size does not help', () => {
  const zeros = new Uint8Array(30 * MB);
  const zip = open(rawZip([deflated('word/document.xml', zeros, 100)]), limits(10 * MB));
  const r = readEntry(zip, 'word/document.xml');
  assert.equal(!r.ok && r.problem.code, 'zip-bomb');
});

test('zip bomb: the limit is on the total of all entries read', () => {
  const six = new Uint8Array(6 * MB).fill(7);
  const zip = open(rawZip([deflated('a', six), deflated('b', six)]), limits(10 * MB));
  assert.equal(readEntry(zip, 'a').ok, true);
  const r = readEntry(zip, 'b');
  assert.equal(!r.ok && r.problem.code, 'zip-bomb');
  // Stored entries count too.
  const stored = open(rawZip([{ name: 's', stored: six, method: 0, crc: zlibCrc32(six), declaredSize: 1 }]), limits(5 * MB));
  assert.equal(((r) => !r.ok && r.problem.code)(readEntry(stored, 's')), 'zip-bomb');
});

test('inflateCapped stops at the cap and reports corrupt streams', () => {
  assert.equal(inflateCapped(deflateSync(new Uint8Array(3 * MB)), MB), 'too-big');
  assert.equal(inflateCapped(new Uint8Array([0xff, 0xff, 0xff, 0xff]), MB), 'corrupt');
  const ok = inflateCapped(deflateSync(strToU8('abc'.repeat(1000))), MB);
  assert.ok(ok instanceof Uint8Array && ok.length === 3000);
  assert.equal(formatByteLimit(200 * MB), '200 MB');
  assert.equal(formatByteLimit(1536), '1.5 KB');
});

test('a wrong checksum, an unsupported method, an encrypted entry, ZIP64: clear problems', () => {
  const data = strToU8('<w:document/>');
  const badCrc = open(rawZip([{ ...deflated('d.xml', data), crc: 1234 }]));
  assert.equal(((r) => !r.ok && r.problem.code)(readEntry(badCrc, 'd.xml')), 'zip-corrupt');
  const bzip2 = open(rawZip([{ name: 'd.xml', stored: data, method: 12, crc: zlibCrc32(data), declaredSize: data.length }]));
  const r = readEntry(bzip2, 'd.xml');
  assert.equal(!r.ok && r.problem.code, 'zip-corrupt');
  assert.match(String(!r.ok && r.problem.params['detail']), /method 12/);
  const encrypted = open(rawZip([{ ...deflated('d.xml', data), flags: 1 }]));
  assert.equal(((r) => !r.ok && r.problem.code)(readEntry(encrypted, 'd.xml')), 'office-encrypted');
  const zip64 = openZip(rawZip([deflated('d.xml', data)], { zip64Locator: true }));
  assert.equal(zip64.ok, false);
  assert.match(String(!zip64.ok && zip64.problems[0]?.params['detail']), /ZIP64/);
});

test('truncated archives are zip-corrupt, at every cut', () => {
  const bytes = zipSync({ 'word/document.xml': strToU8('<w:document>'.repeat(500)), 'a.txt': strToU8('x') });
  for (let cut = 0; cut < bytes.length; cut += 7) {
    const part = bytes.subarray(0, cut);
    const opened = openZip(part);
    if (!opened.ok) {
      assert.equal(opened.problems[0]?.code, 'zip-corrupt');
      continue;
    }
    // Why: a cut inside the EOCD comment could still leave a readable directory; entries must then read or fail cleanly.
    for (const name of opened.zip.entries.keys()) readEntry(opened.zip, name);
  }
  const r = openZip(bytes.subarray(0, bytes.length - 30));
  assert.equal(!r.ok && r.problems[0]?.code, 'zip-corrupt');
});

test('fuzz: random bytes and damaged archives never throw', () => {
  const valid = zipSync({ 'word/document.xml': strToU8('<w:document><w:body/></w:document>'.repeat(20)), '[Content_Types].xml': strToU8('<Types/>') });
  const readAll = (bytes: Uint8Array): boolean => {
    const r = openZip(bytes, limits(MB));
    if (r.ok) for (const name of r.zip.entries.keys()) readEntry(r.zip, name);
    return typeof r.ok === 'boolean';
  };
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), readAll), { numRuns: 3000 });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
      const bytes = new Uint8Array(valid);
      for (const [at, value] of edits) bytes[at] = value;
      return readAll(bytes);
    }),
    { numRuns: 3000 },
  );
});

test('OLE sniffing: legacy .doc/.xls, and password-protected Office files', () => {
  const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const legacy = new Uint8Array(Buffer.concat([Buffer.from(header), Buffer.alloc(2000), Buffer.from('WordDocument', 'utf16le')]));
  assert.equal(sniffOle(legacy)?.code, 'legacy-office-format');
  const encrypted = new Uint8Array(Buffer.concat([Buffer.from(header), Buffer.alloc(1500), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(100)]));
  assert.equal(sniffOle(encrypted)?.code, 'office-encrypted');
  assert.equal(sniffOle(zipSync({})), undefined);
  const opened = openOfficeZip(encrypted);
  assert.equal(!opened.ok && opened.problems[0]?.code, 'office-encrypted');
  const notZip = openOfficeZip(strToU8('%PDF-1.7 not a zip'));
  assert.equal(!notZip.ok && notZip.problems[0]?.code, 'not-a-document');
});

test('relationship targets: relative, absolute, with .. and escapes', () => {
  assert.equal(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml'), 'xl/worksheets/sheet1.xml');
  assert.equal(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet1.xml'), 'xl/worksheets/sheet1.xml');
  assert.equal(resolveTarget('xl/worksheets/sheet1.xml', '../drawings/d1.xml'), 'xl/drawings/d1.xml');
  assert.equal(resolveTarget('', 'word/document.xml'), 'word/document.xml');
  assert.equal(resolveTarget('word/document.xml', 'media/a%20b.png'), 'word/media/a b.png');
  const zip = open(
    zipSync({
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document.xml"/><Relationship Id="rId2" Type="x/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>',
      ),
    }),
  );
  const rels = readRelationships(zip, '');
  assert.ok(rels.ok);
  assert.deepEqual(rels.rels, [
    { id: 'rId1', type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument', target: 'word/document.xml', external: false },
    { id: 'rId2', type: 'x/hyperlink', target: 'https://example.org', external: true },
  ]);
});

test('crc32 (eight bytes a step) is the standard CRC-32 for any bytes and any length', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.equal(crc32(bytes), zlibCrc32(bytes));
    }),
  );
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
});
