/**
 * Bytes → text for files people save on Windows: UTF-8 (with or without BOM), UTF-16 with a BOM (Notepad's
 * "Unicode"), or GB18030/GBK (what a Chinese Windows saves by default). Anything else is not text.
 */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false };

function tryDecode(bytes: Uint8Array, encoding: Encoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = tryDecode(bytes.subarray(2), 'utf-16le');
    return text === undefined ? { ok: false } : { ok: true, text, encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = tryDecode(bytes.subarray(2), 'utf-16be');
    return text === undefined ? { ok: false } : { ok: true, text, encoding: 'utf-16be' };
  }
  // Why: a NUL byte never appears in UTF-8 or GB18030 text, only in binary files.
  if (bytes.includes(0)) return { ok: false };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = tryDecode(hasBom ? bytes.subarray(3) : bytes, 'utf-8');
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8' };
  const gb = tryDecode(bytes, 'gb18030');
  return gb === undefined ? { ok: false } : { ok: true, text: gb, encoding: 'gb18030' };
}
