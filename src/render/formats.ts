/**
 * The format writers as a registry: a layout document → bytes of DOCX, XLSX, HTML or PDF (HTML printed by headless
 * Chromium). Problems are values: a missing Chromium is a message with the install command, never a throw.
 */
import type { Problem } from '../core/problem.ts';
import type { Doc, OutputFormat } from './doc.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { printPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export type Written = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: Problem };

export interface FormatWriter {
  readonly ext: string;
  readonly label: string;
  write(doc: Doc): Promise<Written>;
}

const utf8 = new TextEncoder();

export const FORMATS: Readonly<Record<OutputFormat, FormatWriter>> = {
  docx: { ext: '.docx', label: 'DOCX', write: async (doc) => ({ ok: true, bytes: await renderDocx(doc) }) },
  xlsx: { ext: '.xlsx', label: 'XLSX', write: async (doc) => ({ ok: true, bytes: await renderXlsx(doc) }) },
  html: { ext: '.html', label: 'HTML', write: async (doc) => ({ ok: true, bytes: utf8.encode(renderHtml(doc)) }) },
  pdf: {
    ext: '.pdf',
    label: 'PDF',
    write: async (doc) => {
      const r = await printPdf(renderHtml(doc));
      if (r.ok) return { ok: true, bytes: r.bytes };
      const detail = r.problem.message.zh;
      return { ok: false, problem: { code: r.problem.code, path: [], params: { detail } } };
    },
  },
};
