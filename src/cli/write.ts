/**
 * Every file a command writes goes through here: an existing file is never replaced unless the user said --force, and
 * a file is written whole or not at all (to a temporary name beside it, then renamed), so an interrupted run never
 * leaves half a review letter or an evaluation file cut in the middle — nor destroys the input it was read from.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type Written = { readonly ok: true } | { readonly ok: false; readonly reason: 'exists' | 'failed'; readonly detail?: string };

export function writeOutput(path: string, data: string | Uint8Array, options: { readonly force: boolean }): Written {
  if (!options.force && existsSync(path)) return { ok: false, reason: 'exists' };
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    return { ok: true };
  } catch (e) {
    rmSync(temp, { force: true });
    return { ok: false, reason: 'failed', detail: (e as Error).message };
  }
}
