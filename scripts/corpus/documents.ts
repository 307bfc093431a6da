/**
 * The Word and PDF versions of corpus texts (test/fixtures/corpus), made by LibreOffice as a person would make them:
 * text → HTML (a run of TAB lines is one bordered table; a page footer or blank line inside the run is a page break
 * that splits the table in two Word tables, as a page break does in an office file; other lines are paragraphs) →
 * `soffice --convert-to docx:"MS Word 2007 XML"` → `soffice --convert-to pdf` (so the PDF looks Word-printed).
 *
 * Why one soffice call per format for all files: LibreOffice takes seconds to start; it converts a list of files in
 * one run. Each run has a user profile of its own (`-env:UserInstallation`), so it never clashes with another soffice.
 * Results are cached under os.tmpdir()/jixiao-corpus by the hash of the text (and of this converter's version), so a
 * second run converts nothing; files enter the cache by rename, so two runs at once never see half a file.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bump when the HTML below changes, so that cached conversions of the old HTML are not reused. */
const CONVERTER_VERSION = 'corpus-html-2';

export const CACHE_DIR = join(tmpdir(), 'jixiao-corpus');

export type OfficeFormat = 'docx' | 'pdf';

/** A page footer or running page line that PDF-to-text leaves in the body: "— 3 —", "- 3 -", "第 2 页 共 5 页". */
const FOOTER = /^\s*(?:[—–-]{1,2}\s*\d{1,3}\s*[—–-]{1,2}|第\s*\d{1,3}\s*页\s*(?:[，,]?\s*共\s*\d{1,3}\s*页)?)\s*$/;

const FONT_CSS = '"Noto Serif CJK SC", "Noto Sans CJK SC"';

/** Short numbers and percentages stay on one line (as a Word author widens the column). */
const NUMERIC = /^[-+]?[\d,０-９，]+(?:[.．]\s?[\d０-９]+)?\s?[%％]?$/;

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: string[][] } | { kind: 'break' };

/** Text → paragraphs, tables and page breaks. A footer or blank line splits a table only when another row follows. */
export function blocksOf(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: Block[] = [];
  let table: string[][] | undefined;
  let pendingBreak = false;
  for (const line of lines) {
    if (line.includes('\t')) {
      if (table && pendingBreak) {
        out.push({ kind: 'break' });
        table = undefined;
      }
      pendingBreak = false;
      if (!table) {
        table = [];
        out.push({ kind: 'table', rows: table });
      }
      table.push(line.split('\t').map((c) => c.trim()));
      continue;
    }
    const isFooter = FOOTER.test(line);
    if (line.trim() === '' || isFooter) {
      // Inside a table run: a page break if the run goes on; elsewhere a blank line separates paragraphs and a
      // footer is the page's, not the body's.
      if (table) pendingBreak = true;
      continue;
    }
    table = undefined;
    pendingBreak = false;
    out.push({ kind: 'p', text: line });
  }
  return out;
}

export function htmlOf(text: string): string {
  const blocks = blocksOf(text);
  const title = blocks.find((b): b is { kind: 'p'; text: string } => b.kind === 'p')?.text ?? 'document';
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>',
    `body, p, td {font-family: ${FONT_CSS};}`,
    'body, p {font-size: 10.5pt;} td {font-size: 9pt; vertical-align: top;}',
    'table {border-collapse: collapse; width: 100%;}',
    '</style></head><body>',
  ];
  for (const b of blocks) {
    // Spaces kept as typed (a text pasted into Word keeps its runs of spaces; HTML would fold them into one).
    if (b.kind === 'p') parts.push(`<p>${escapeHtml(b.text).replace(/ {2,}/g, (m) => '&nbsp;'.repeat(m.length - 1) + ' ').replace(/^ /, '&nbsp;')}</p>`);
    // A paragraph carrying the page break between the two halves of a table: Word keeps two tables apart only with
    // a paragraph between them, and LibreOffice drops an empty one.
    else if (b.kind === 'break') parts.push('<p style="page-break-before: always">&nbsp;</p>');
    else {
      const n = Math.max(...b.rows.map((r) => r.length));
      parts.push('<table border="1" cellspacing="0" cellpadding="3" width="100%">');
      for (const r of b.rows) {
        const cells = [...r, ...Array<string>(n - r.length).fill('')];
        parts.push(`<tr>${cells.map((c) => `<td${NUMERIC.test(c) ? ' nowrap' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`);
      }
      parts.push('</table>');
    }
  }
  parts.push('</body></html>');
  return `${parts.join('\n')}\n`;
}

const keyOf = (text: string): string => createHash('sha256').update(CONVERTER_VERSION).update('\0').update(text).digest('hex').slice(0, 24);

function soffice(profile: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const argv = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck', ...args];
    // A generous limit so that a hung soffice cannot hang a test run for ever; a loaded machine converts in minutes.
    execFile('soffice', argv, { cwd, timeout: 30 * 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`soffice ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve();
    });
  });
}

/** Whether LibreOffice is on the PATH. */
export function hasSoffice(): boolean {
  const path = process.env['PATH'] ?? '';
  return path.split(':').some((d) => d && existsSync(join(d, 'soffice')));
}

/**
 * The DOCX and/or PDF of each text (by the caller's key), converted with at most one soffice call per format for all
 * texts not yet in the cache. Returns key → format → file path in the cache.
 */
export async function officeVersions(texts: ReadonlyMap<string, string>, formats: readonly OfficeFormat[] = ['docx', 'pdf']): Promise<Map<string, Partial<Record<OfficeFormat, string>>>> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const hashes = new Map([...texts].map(([k, t]) => [k, keyOf(t)] as const));
  const cached = (h: string, f: OfficeFormat) => join(CACHE_DIR, `${h}.${f}`);
  const unique = new Map([...texts].map(([k, t]) => [hashes.get(k)!, t] as const));
  // A PDF is made from the DOCX, so a missing PDF needs its DOCX too.
  const want = new Set<OfficeFormat>(formats.includes('pdf') ? ['docx', 'pdf'] : formats);
  const work = mkdtempSync(join(CACHE_DIR, 'run-'));
  try {
    const profile = join(work, 'profile');
    if (want.has('docx')) {
      const missing = [...unique.keys()].filter((h) => !existsSync(cached(h, 'docx')));
      if (missing.length) {
        const src = join(work, 'html');
        const out = join(work, 'docx');
        mkdirSync(src);
        mkdirSync(out);
        for (const h of missing) writeFileSync(join(src, `${h}.html`), htmlOf(unique.get(h)!));
        // "HTML (StarWriter)" opens the page in Writer rather than Writer/Web, which has no DOCX export filter.
        await soffice(profile, ['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', out, ...missing.map((h) => join(src, `${h}.html`))], work);
        collect(out, missing, 'docx', cached);
      }
    }
    if (want.has('pdf')) {
      const missing = [...unique.keys()].filter((h) => !existsSync(cached(h, 'pdf')));
      if (missing.length) {
        const src = join(work, 'pdf-in');
        const out = join(work, 'pdf');
        mkdirSync(src);
        mkdirSync(out);
        for (const h of missing) copyFileSync(cached(h, 'docx'), join(src, `${h}.docx`));
        await soffice(profile, ['--convert-to', 'pdf', '--outdir', out, ...missing.map((h) => join(src, `${h}.docx`))], work);
        collect(out, missing, 'pdf', cached);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const result = new Map<string, Partial<Record<OfficeFormat, string>>>();
  for (const [k] of texts) {
    const h = hashes.get(k)!;
    result.set(k, Object.fromEntries(formats.map((f) => [f, cached(h, f)])) as Partial<Record<OfficeFormat, string>>);
  }
  return result;
}

function collect(out: string, hashes: readonly string[], format: OfficeFormat, cached: (h: string, f: OfficeFormat) => string): void {
  const made = new Set(readdirSync(out));
  const lost = hashes.filter((h) => !made.has(`${h}.${format}`));
  if (lost.length) throw new Error(`soffice made no ${format} for ${lost.length} of ${hashes.length} files`);
  for (const h of hashes) renameSync(join(out, `${h}.${format}`), cached(h, format));
}
