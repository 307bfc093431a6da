/**
 * What an upload holds: the files sent, with every ZIP opened into its documents — each checked before anything is
 * kept: a name reduced to its last part, a size limit per document and for the whole archive (declared sizes are
 * checked before inflating, so a ZIP bomb is refused unread), a count limit, no nested archives, and only the kinds
 * jixiao reads. A file that fails a check is listed with the reason; the others go on.
 */
import { unzipSync } from 'fflate';
import { IMPORTABLE_EXTENSIONS } from '../ingest/readers/read.ts';
import type { Problem } from '../core/problem.ts';
import { problem } from '../core/problem.ts';

export interface UploadLimits {
  readonly maxDocumentBytes: number;
  readonly maxFiles: number;
  /** The most an archive may inflate to in all. */
  readonly maxArchiveBytes: number;
}

export interface UploadedDocument {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly mediaType: string;
}

export interface RejectedFile {
  readonly fileName: string;
  readonly problem: Problem;
}

export interface UnpackedUpload {
  readonly documents: UploadedDocument[];
  readonly rejected: RejectedFile[];
}

const EXTENSIONS = new Set([...IMPORTABLE_EXTENSIONS, '.yaml', '.yml', '.json']);
const MEDIA: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
};

const extOf = (name: string): string => {
  const m = /\.[^.]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
};

/** The last part of a path, without control characters, at most 200 characters: what is shown and stored. */
export function safeName(raw: string): string {
  const last = raw.replace(/\\/g, '/').split('/').filter(Boolean).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (clean.length <= 200) return clean || 'unnamed';
  const ext = extOf(clean);
  return clean.slice(0, 200 - ext.length) + ext;
}

/** A ZIP entry's name: fflate gives Latin-1 when the UTF-8 flag is off; Chinese Windows tools write GBK there. */
function entryName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name)) return name;
  const bytes = Buffer.from(name, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gbk', { fatal: true }).decode(bytes);
    } catch {
      return name;
    }
  }
}

const isZip = (bytes: Uint8Array): boolean => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const isDocxLike = (name: string): boolean => ['.docx', '.xlsx'].includes(extOf(name));

export function unpackUpload(files: readonly { readonly name: string; readonly bytes: Uint8Array }[], limits: UploadLimits): UnpackedUpload {
  const documents: UploadedDocument[] = [];
  const rejected: RejectedFile[] = [];
  const tooMany = () => documents.length >= limits.maxFiles;
  const add = (rawName: string, bytes: Uint8Array, inArchive?: string) => {
    const fileName = safeName(rawName);
    const shown = inArchive ? `${inArchive}/${fileName}` : fileName;
    if (tooMany()) return void rejected.push({ fileName: shown, problem: problem('api-too-many-files', [], { limit: limits.maxFiles }) });
    if (bytes.byteLength === 0) return void rejected.push({ fileName: shown, problem: problem('empty-file') });
    if (bytes.byteLength > limits.maxDocumentBytes) return void rejected.push({ fileName: shown, problem: problem('api-file-too-large', [], { limitMb: Math.round(limits.maxDocumentBytes / 1024 / 1024) }) });
    const ext = extOf(fileName);
    if (!EXTENSIONS.has(ext)) return void rejected.push({ fileName: shown, problem: problem('api-file-kind', [], { ext: ext || '（无）', known: [...EXTENSIONS].join(' ') }) });
    documents.push({ fileName, bytes, mediaType: MEDIA[ext] ?? 'application/octet-stream' });
  };

  for (const f of files) {
    const name = safeName(f.name);
    if (extOf(name) === '.zip' || (isZip(f.bytes) && !isDocxLike(name))) {
      openArchive(name, f.bytes);
      continue;
    }
    add(name, f.bytes);
  }
  return { documents, rejected };

  function openArchive(name: string, bytes: Uint8Array): void {
    let declared = 0;
    let refused: Problem | undefined;
    const skipped: string[] = [];
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes, {
        filter: (info) => {
          const entry = entryName(info.name);
          const base = safeName(entry);
          // Folders, macOS resource forks and hidden files are not documents.
          if (entry.endsWith('/') || /(^|\/)(__MACOSX|\.)/.test(entry) || base.startsWith('~$')) return false;
          if (extOf(base) === '.zip') {
            skipped.push(entry);
            return false;
          }
          if (info.originalSize > limits.maxDocumentBytes) {
            rejected.push({ fileName: `${name}/${base}`, problem: problem('api-file-too-large', [], { limitMb: Math.round(limits.maxDocumentBytes / 1024 / 1024) }) });
            return false;
          }
          declared += info.originalSize;
          if (declared > limits.maxArchiveBytes) {
            refused ??= problem('api-archive-too-large', [], { limitMb: Math.round(limits.maxArchiveBytes / 1024 / 1024) });
            return false;
          }
          if (info.compression !== 0 && info.compression !== 8) {
            rejected.push({ fileName: `${name}/${base}`, problem: problem('api-archive-method', [], { method: info.compression }) });
            return false;
          }
          return true;
        },
      });
    } catch (e) {
      rejected.push({ fileName: name, problem: problem('api-archive-damaged', [], { detail: e instanceof Error ? e.message.slice(0, 200) : String(e) }) });
      return;
    }
    if (refused) {
      rejected.push({ fileName: name, problem: refused });
      return;
    }
    for (const s of skipped) rejected.push({ fileName: `${name}/${safeName(s)}`, problem: problem('api-nested-archive') });
    const names = Object.keys(entries).sort((a, b) => entryName(a).localeCompare(entryName(b), 'zh'));
    for (const raw of names) {
      const bytes = entries[raw]!;
      // A lying header cannot make the entry bigger than declared (fflate inflates into the declared size), but check.
      if (bytes.byteLength > limits.maxDocumentBytes) {
        rejected.push({ fileName: `${name}/${safeName(entryName(raw))}`, problem: problem('api-file-too-large', [], { limitMb: Math.round(limits.maxDocumentBytes / 1024 / 1024) }) });
        continue;
      }
      add(entryName(raw), bytes, name);
    }
  }
}
