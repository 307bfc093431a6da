/**
 * Any document → lines of cells: the format is decided by the content (magic bytes), not the file name, so a PDF
 * renamed .docx is still read (with a warning) and a renamed binary is refused with a clear message.
 */
import type { Problem } from '../../core/problem.ts';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult } from '../source.ts';
import { readText } from './text.ts';
import { looksLikeZip, sniffOle } from './zip.ts';

export type SniffedFormat = 'pdf' | 'docx' | 'xlsx' | 'zip' | 'ole' | 'text';

function containsAscii(bytes: Uint8Array, needle: string, limit = bytes.length): boolean {
  const n = Buffer.from(needle, 'latin1');
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(limit, bytes.length)).includes(n);
}

function sniffFormat(bytes: Uint8Array): SniffedFormat {
  // %PDF may follow a few bytes of junk that some mailers prepend.
  if (containsAscii(bytes, '%PDF-', 1024)) return 'pdf';
  if (looksLikeZip(bytes)) {
    // ZIP entry names are stored uncompressed in the local and central headers.
    if (containsAscii(bytes, 'word/document.xml') || containsAscii(bytes, 'word/document2.xml')) return 'docx';
    if (containsAscii(bytes, 'xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  return sniffOle(bytes) ? 'ole' : 'text';
}

const EXT_FORMAT: Readonly<Record<string, SniffedFormat>> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.docm': 'docx',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.html': 'text',
  '.htm': 'text',
  '.csv': 'text',
  '.tsv': 'text',
  '.doc': 'ole',
  '.xls': 'ole',
  '.wps': 'ole',
  '.et': 'ole',
};

export const IMPORTABLE_EXTENSIONS = Object.keys(EXT_FORMAT).filter((e) => EXT_FORMAT[e] !== 'ole');

const FORMAT_NAMES: Readonly<Record<SniffedFormat, string>> = { pdf: 'PDF', docx: 'DOCX', xlsx: 'XLSX', zip: 'ZIP', ole: 'OLE (.doc/.xls)', text: '文本 text' };

function extOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

export async function readDocument(bytes: Uint8Array, fileName: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, problems: [{ code: 'empty-file', path: [], params: {} }] };
  if (bytes.length > limits.maxInputBytes) {
    return { ok: false, problems: [{ code: 'file-too-large', path: [], params: { size: `${(bytes.length / 1048576).toFixed(1)} MB`, limit: `${Math.round(limits.maxInputBytes / 1048576)} MB` } }] };
  }
  const ext = extOf(fileName);
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') return { ok: false, problems: [{ code: 'already-an-evaluation', path: [], params: {} }] };
  const format = sniffFormat(bytes);
  const expected = EXT_FORMAT[ext];
  const warnings: Problem[] = [];
  if (expected && expected !== format && !(expected === 'text' && format === 'text') && format !== 'ole' && format !== 'zip') {
    warnings.push({ code: 'wrong-extension', path: [], params: { ext, actual: FORMAT_NAMES[format] } });
  }
  let result: ReadResult;
  switch (format) {
    case 'pdf': {
      const { readPdf } = await import('./pdf.ts');
      result = await readPdf(bytes, limits);
      break;
    }
    case 'docx': {
      const { readDocx } = await import('./docx.ts');
      result = readDocx(bytes, limits);
      break;
    }
    case 'xlsx': {
      const { readXlsx } = await import('./xlsx.ts');
      result = readXlsx(bytes, limits);
      break;
    }
    case 'zip':
      return { ok: false, problems: [{ code: 'not-a-document', path: [], params: {} }] };
    case 'ole':
      return { ok: false, problems: [sniffOle(bytes)!] };
    case 'text':
      if (expected && expected !== 'text' && !isMostlyText(bytes)) return { ok: false, problems: [{ code: 'not-a-document', path: [], params: {} }] };
      if (!expected && ext && !isMostlyText(bytes)) return { ok: false, problems: [{ code: 'unsupported-document-type', path: [], params: { ext } }] };
      result = readText(bytes, limits);
      break;
  }
  return result.ok ? { ...result, warnings: [...warnings, ...result.warnings] } : result;
}

/** A quick look at the first 4 KB: few control bytes means text. */
function isMostlyText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) bad++;
  }
  return bad <= n * 0.01;
}
