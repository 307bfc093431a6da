/**
 * A defensive ZIP reader for DOCX/XLSX, plus the container sniffing every Office reader needs first.
 *
 * Why our own central-directory parser: DOCX and XLSX arrive from strangers by e-mail. The reader must refuse a
 * truncated download, a zip bomb or an old .doc renamed to .docx with a problem a person understands, never by
 * throwing or hanging. Only the parts a reader asks for are inflated, and the real output is counted as it is
 * produced, because the sizes written in ZIP headers are not to be trusted.
 */
import { Inflate } from 'fflate';
import { problem, type Problem } from '../../core/problem.ts';
import { DEFAULT_LIMITS, type ReadLimits } from '../source.ts';
import { childrenNamed, decodeXml, parseXml } from './xml.ts';

export interface ZipEntry {
  /** Normalised name: "/" separators, no leading "/". */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** As declared by the archive; only a hint, never trusted. */
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
}

export interface ZipArchive {
  readonly bytes: Uint8Array;
  readonly entries: ReadonlyMap<string, ZipEntry>;
  readonly limits: ReadLimits;
  /**
   * Uncompressed bytes already handed out. Why mutable: the zip-bomb limit is on the total a reader expands,
   * across every part it reads, so the count must travel with the archive.
   */
  readonly unzipped: { bytes: number };
}

export type OpenZipResult = { readonly ok: true; readonly zip: ZipArchive } | { readonly ok: false; readonly problems: readonly Problem[] };
export type EntryResult = { readonly ok: true; readonly data: Uint8Array } | { readonly ok: false; readonly problem: Problem };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
/** Compressed bytes fed to the inflater at a time. Why: one push can expand ~1032×, so this bounds the overshoot. */
const INFLATE_CHUNK = 32 * 1024;

function corrupt(zh: string, en: string): Problem {
  return problem('zip-corrupt', [], { detail: `${zh} / ${en}` });
}

/** "200 MB" style text for the zip-bomb message. */
export function formatByteLimit(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Math.round((bytes / mb) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} B`;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** Whether `bytes` contains `text` encoded as UTF-16LE (how OLE directory entries store stream names). */
function containsUtf16le(bytes: Uint8Array, text: string): boolean {
  const pattern: number[] = [];
  for (let i = 0; i < text.length; i++) pattern.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
  const first = pattern[0];
  const last = bytes.length - pattern.length;
  outer: for (let i = 0; i <= last; i++) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < pattern.length; k++) if (bytes[i + k] !== pattern[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * An OLE compound file (D0 CF 11 E0…) is a .doc/.xls/.wps, or a password-protected DOCX/XLSX: Office wraps an
 * encrypted package in OLE with an "EncryptionInfo" stream. Either way it cannot be read; say which.
 */
export function sniffOle(bytes: Uint8Array): Problem | undefined {
  if (!startsWith(bytes, OLE_MAGIC)) return undefined;
  return containsUtf16le(bytes, 'EncryptionInfo') ? problem('office-encrypted') : problem('legacy-office-format');
}

/** A local file header or an empty archive's end record at offset 0. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

/**
 * The end-of-central-directory record. Why prefer one whose comment length reaches the end exactly: a comment
 * may itself contain the signature bytes; trailing junk after a real record is still tolerated as a fallback.
 */
function findEocd(view: DataView): number {
  const len = view.byteLength;
  const stop = Math.max(0, len - EOCD_SIZE - 0xffff);
  let fallback = -1;
  for (let i = len - EOCD_SIZE; i >= stop; i--) {
    if (view.getUint32(i, true) !== SIG_EOCD) continue;
    if (i + EOCD_SIZE + view.getUint16(i + 20, true) === len) return i;
    if (fallback < 0) fallback = i;
  }
  return fallback;
}

export function normalizeEntryName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

interface CentralDirectory {
  readonly start: number;
  readonly size: number;
  readonly count: number;
  /** Bytes prepended to the archive (a self-extractor stub); added to every recorded offset. */
  readonly shift: number;
}

function locateCentralDirectory(view: DataView): CentralDirectory | Problem {
  if (view.byteLength < EOCD_SIZE) return corrupt('文件过短', 'too short to be a ZIP archive');
  const eocd = findEocd(view);
  if (eocd < 0) return corrupt('文件不完整（缺少 ZIP 目录）', 'truncated: the ZIP directory is missing');
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  const zip64 = (eocd >= 20 && view.getUint32(eocd - 20, true) === SIG_ZIP64_LOCATOR) || count === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  if (zip64) return corrupt('不支持 ZIP64 格式', 'ZIP64 archives are not supported');
  if (disk !== 0 || cdDisk !== 0) return corrupt('分卷压缩文件', 'multi-volume archives are not supported');
  if (offset + size > eocd) return corrupt('ZIP 目录位置错误', 'the ZIP directory points outside the file');
  const shift = eocd - (offset + size);
  const at = (o: number): boolean => o + 4 <= eocd && view.getUint32(o, true) === SIG_CENTRAL;
  if (count === 0 || at(offset)) return { start: offset, size, count, shift: 0 };
  if (shift > 0 && at(offset + shift)) return { start: offset + shift, size, count, shift };
  return corrupt('ZIP 目录损坏', 'the ZIP directory is damaged');
}

function readCentralEntries(bytes: Uint8Array, view: DataView, cd: CentralDirectory): Map<string, ZipEntry> | Problem {
  const entries = new Map<string, ZipEntry>();
  const end = cd.start + cd.size;
  let p = cd.start;
  for (let i = 0; i < cd.count; i++) {
    if (p + CENTRAL_SIZE > end || view.getUint32(p, true) !== SIG_CENTRAL) return corrupt('ZIP 目录损坏', 'the ZIP directory is damaged');
    const flags = view.getUint16(p + 8, true);
    const nameLen = view.getUint16(p + 28, true);
    const next = p + CENTRAL_SIZE + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (next > end) return corrupt('ZIP 目录损坏', 'the ZIP directory is damaged');
    const rawName = bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLen);
    // Why: bit 11 marks UTF-8 names; others are CP437, whose ASCII subset is all OOXML part names use.
    const name = normalizeEntryName((flags & 0x800 ? utf8 : latin1).decode(rawName));
    if (name !== '' && !name.endsWith('/') && !entries.has(name)) {
      entries.set(name, {
        name,
        method: view.getUint16(p + 10, true),
        flags,
        crc32: view.getUint32(p + 16, true),
        compressedSize: view.getUint32(p + 20, true),
        declaredSize: view.getUint32(p + 24, true),
        localHeaderOffset: view.getUint32(p + 42, true) + cd.shift,
      });
    }
    p = next;
  }
  return entries;
}

/** Reads the central directory. Nothing is inflated yet. */
export function openZip(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): OpenZipResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cd = locateCentralDirectory(view);
  if ('code' in cd) return { ok: false, problems: [cd] };
  const entries = readCentralEntries(bytes, view, cd);
  if (entries instanceof Map) return { ok: true, zip: { bytes, entries, limits, unzipped: { bytes: 0 } } };
  return { ok: false, problems: [entries] };
}

/** The entry named `name`, matched exactly, then case-insensitively (OPC part names are case-insensitive). */
export function findEntry(zip: ZipArchive, name: string): ZipEntry | undefined {
  const wanted = normalizeEntryName(name);
  const exact = zip.entries.get(wanted);
  if (exact) return exact;
  const lower = wanted.toLowerCase();
  for (const [key, entry] of zip.entries) if (key.toLowerCase() === lower) return entry;
  return undefined;
}

export function hasEntry(zip: ZipArchive, name: string): boolean {
  return findEntry(zip, name) !== undefined;
}

let crcTable: Uint32Array | undefined;
export function crc32(data: Uint8Array): number {
  // Eight tables, eight bytes a step ("slicing by 8"): the same CRC as the byte-at-a-time loop, several times faster on
  // the megabytes of a document's XML, whose checksum every DOCX and XLSX read verifies.
  if (!crcTable) {
    crcTable = new Uint32Array(256 * 8);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
    for (let n = 0; n < 256; n++) {
      for (let t = 1; t < 8; t++) {
        const prev = crcTable[(t - 1) * 256 + n]!;
        crcTable[t * 256 + n] = (crcTable[prev & 0xff]! ^ (prev >>> 8)) >>> 0;
      }
    }
  }
  const T = crcTable;
  let crc = 0xffffffff;
  let i = 0;
  const n8 = data.length - (data.length % 8);
  for (; i < n8; i += 8) {
    const a = (crc ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    crc =
      T[7 * 256 + (a & 0xff)]! ^
      T[6 * 256 + ((a >>> 8) & 0xff)]! ^
      T[5 * 256 + ((a >>> 16) & 0xff)]! ^
      T[4 * 256 + (a >>> 24)]! ^
      T[3 * 256 + data[i + 4]!]! ^
      T[2 * 256 + data[i + 5]!]! ^
      T[256 + data[i + 6]!]! ^
      T[data[i + 7]!]!;
  }
  for (; i < data.length; i++) crc = T[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Inflates raw DEFLATE data, giving up as soon as the real output passes `cap`.
 * Why streaming in small pushes: fflate emits each push's output at once, so the input chunk size bounds how far
 * past the cap memory can grow before we notice, whatever the headers claim.
 */
export function inflateCapped(input: Uint8Array, cap: number): Uint8Array | 'too-big' | 'corrupt' {
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else if (chunk.length > 0) parts.push(chunk);
  });
  try {
    for (let pos = 0; pos < input.length && !over; pos += INFLATE_CHUNK) {
      const end = Math.min(pos + INFLATE_CHUNK, input.length);
      inflater.push(input.subarray(pos, end), end === input.length);
    }
  } catch {
    return 'corrupt';
  }
  return over ? 'too-big' : concat(parts, total);
}

function entryData(zip: ZipArchive, entry: ZipEntry): Uint8Array | Problem {
  const { bytes } = zip;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + LOCAL_SIZE > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) {
    return corrupt(`${entry.name} 的文件头损坏`, `the header of ${entry.name} is damaged`);
  }
  const start = at + LOCAL_SIZE + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return corrupt(`文件不完整（${entry.name} 被截断）`, `truncated: ${entry.name} is cut short`);
  return bytes.subarray(start, end);
}

/** The uncompressed content of one part, counted against `limits.maxUnzippedBytes` for the whole archive. */
export function readEntry(zip: ZipArchive, name: string): EntryResult {
  const entry = findEntry(zip, name);
  if (!entry) return { ok: false, problem: corrupt(`缺少 ${name}`, `${name} is missing`) };
  if (entry.flags & 1) return { ok: false, problem: problem('office-encrypted') };
  const raw = entryData(zip, entry);
  if ('code' in raw) return { ok: false, problem: raw };
  const remaining = zip.limits.maxUnzippedBytes - zip.unzipped.bytes;
  const bomb = problem('zip-bomb', [], { limit: formatByteLimit(zip.limits.maxUnzippedBytes) });
  let data: Uint8Array;
  if (entry.method === 0) {
    if (raw.length > remaining) return { ok: false, problem: bomb };
    data = raw;
  } else if (entry.method === 8) {
    const out = inflateCapped(raw, remaining);
    if (out === 'too-big') return { ok: false, problem: bomb };
    if (out === 'corrupt') return { ok: false, problem: corrupt(`${entry.name} 的压缩数据损坏`, `the compressed data of ${entry.name} is damaged`) };
    data = out;
  } else {
    return { ok: false, problem: corrupt(`${entry.name} 使用了不支持的压缩方式 ${entry.method}`, `${entry.name} uses unsupported compression method ${entry.method}`) };
  }
  if (crc32(data) !== entry.crc32) return { ok: false, problem: corrupt(`${entry.name} 校验失败`, `checksum mismatch in ${entry.name}`) };
  zip.unzipped.bytes += data.length;
  return { ok: true, data };
}

/**
 * Opens bytes that should be an Office Open XML package: refuses OLE files (legacy or encrypted Office) and
 * anything that is not a ZIP with the matching problem.
 */
export function openOfficeZip(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): OpenZipResult {
  const ole = sniffOle(bytes);
  if (ole) return { ok: false, problems: [ole] };
  if (!looksLikeZip(bytes)) return { ok: false, problems: [problem('not-a-document')] };
  return openZip(bytes, limits);
}

// ---- The OPC package layer shared by DOCX and XLSX ------------------------------------------------------------

export type PartText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: Problem };

export function readPartText(zip: ZipArchive, name: string): PartText {
  const entry = readEntry(zip, name);
  return entry.ok ? { ok: true, text: decodeXml(entry.data) } : entry;
}

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Part name the target resolves to (for internal targets). */
  readonly target: string;
  readonly external: boolean;
}

const PACKAGE_RELS_NS = { 'http://schemas.openxmlformats.org/package/2006/relationships': 'pr' };

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; the package itself ("") → "_rels/.rels". */
export function relsPartName(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Resolves a relationship target ("worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml", "../media/a.png"). */
export function resolveTarget(sourcePart: string, target: string): string {
  const clean = safeDecodeUri(target.split('#')[0] ?? '').replace(/\\/g, '/');
  const base = clean.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of clean.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** The relationships of `part` ("" for the package); a missing rels part is no relationships. */
export function readRelationships(zip: ZipArchive, part: string): { readonly ok: true; readonly rels: readonly Relationship[] } | { readonly ok: false; readonly problem: Problem } {
  const name = relsPartName(part);
  if (!hasEntry(zip, name)) return { ok: true, rels: [] };
  const text = readPartText(zip, name);
  if (!text.ok) return text;
  const xml = parseXml(text.text, name, PACKAGE_RELS_NS);
  if (!xml.ok) return xml;
  const rels = childrenNamed(xml.root, 'pr:Relationship').map((el) => {
    const external = el.attrs['TargetMode'] === 'External';
    const target = el.attrs['Target'] ?? '';
    return { id: el.attrs['Id'] ?? '', type: el.attrs['Type'] ?? '', target: external ? target : resolveTarget(part, target), external };
  });
  return { ok: true, rels };
}

/** The part a relationship of this type points to (types differ between Transitional and Strict only by prefix). */
export function relatedPart(rels: readonly Relationship[], typeSuffix: string): string | undefined {
  return rels.find((r) => !r.external && r.type.endsWith(typeSuffix))?.target;
}

/** Whether the package looks like the given kind, by its folder or its declared content types. */
export function packageMentions(zip: ZipArchive, folder: string, contentTypeWord: string): boolean {
  const prefix = folder.toLowerCase();
  for (const name of zip.entries.keys()) if (name.toLowerCase().startsWith(prefix)) return true;
  if (!hasEntry(zip, '[Content_Types].xml')) return false;
  const types = readPartText(zip, '[Content_Types].xml');
  return types.ok && types.text.includes(contentTypeWord);
}
