/**
 * DOCX → lines: each body paragraph is a line with one cell; each table row is a line with one cell per grid
 * column, so a figure keeps its column whatever the merges.
 *
 * Why read the body one element at a time: a reviewer's document can hold long tables; building only the
 * paragraph or table being read keeps memory near the output size. Headers, footers, footnotes and comments are
 * not read: self-evaluation figures live in the body.
 *
 * List numbers Word generates (numbering.xml: "一、", "（一）", "1.") are not in the text; numbering.ts works them
 * out in body order, table cells included, and each numbered paragraph's line starts with its label.
 */
import { problem, type Problem } from '../../core/problem.ts';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, type SourceLine } from '../source.ts';
import { type ListLabeler, type NumberingDefinitions, createListLabeler, readNumberingDefinitions } from './numbering.ts';
import { type XmlElement, firstChild, streamXml, textContent } from './xml.ts';
import { hasEntry, openOfficeZip, packageMentions, readPartText, readRelationships, relatedPart } from './zip.ts';

const NAMESPACES = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
};

/** Word allows 63 columns; a larger span or grid offset is hostile or broken, and would only allocate. */
const MAX_SPAN = 64;

/** Elements whose content is not body text: properties, deletions, field instructions, ruby (pinyin) guides. */
const SKIPPED = new Set([
  'w:pPr',
  'w:rPr',
  'w:sectPr',
  'w:tblPr',
  'w:tblGrid',
  'w:trPr',
  'w:tcPr',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:instrText',
  'w:delInstrText',
  'w:rt',
  'mc:Fallback',
]);

/**
 * Of each properties element, the children a reader here looks at (numbering, merges, deleted rows, content-control
 * placeholders); the rest of a properties element (borders, fonts, spacing …) and run properties whole are not built.
 */
const PROPERTIES_READ: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['w:pPr', new Set(['w:numPr', 'w:pStyle'])],
  ['w:tcPr', new Set(['w:gridSpan', 'w:vMerge'])],
  ['w:trPr', new Set(['w:del', 'w:gridBefore', 'w:gridAfter'])],
  ['w:sdtPr', new Set(['w:showingPlcHdr'])],
]);
const PRUNED = new Set(['w:rPr', 'w:tblPr', 'w:tblGrid', 'w:sectPr']);

function pruned(name: string, parent: string): boolean {
  if (PRUNED.has(name)) return true;
  const read = PROPERTIES_READ.get(parent);
  return read !== undefined && !read.has(name);
}

// ---- Inline content: one paragraph's text --------------------------------------------------------------------

interface InlineState {
  text: string;
  /** Open complex fields: false while in the instruction, true once past "separate" (the displayed result). */
  readonly fields: boolean[];
  /** Text boxes met in the paragraph; read as the lines that follow it. */
  readonly boxes: XmlElement[];
}

function showingResult(st: InlineState): boolean {
  return st.fields.every(Boolean);
}

function onFieldChar(el: XmlElement, st: InlineState): void {
  const type = el.attrs['w:fldCharType'];
  if (type === 'begin') st.fields.push(false);
  else if (type === 'separate' && st.fields.length > 0) st.fields[st.fields.length - 1] = true;
  else if (type === 'end') st.fields.pop();
}

/** The branch of mc:AlternateContent to read: the first Choice, else the Fallback (never both: same content). */
function alternative(el: XmlElement): XmlElement | undefined {
  return firstChild(el, 'mc:Choice') ?? firstChild(el, 'mc:Fallback');
}

/** A content control's content, unless it still shows its placeholder ("单击或点击此处输入文字。"). */
function sdtContent(el: XmlElement): XmlElement | undefined {
  const pr = firstChild(el, 'w:sdtPr');
  if (pr && firstChild(pr, 'w:showingPlcHdr')) return undefined;
  return firstChild(el, 'w:sdtContent');
}

function inline(node: XmlElement, st: InlineState): void {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    switch (child.name) {
      case 'w:t':
      case 'm:t':
        if (showingResult(st)) st.text += textContent(child);
        break;
      case 'w:tab':
      case 'w:ptab':
        // A tab of a body paragraph parts cells, as in a text file ("项目名称⇥某项目"); inside a table cell it is a space.
        if (showingResult(st)) st.text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (showingResult(st)) st.text += '\n';
        break;
      case 'w:noBreakHyphen':
        if (showingResult(st)) st.text += '-';
        break;
      case 'w:fldChar':
        onFieldChar(child, st);
        break;
      case 'w:txbxContent':
        st.boxes.push(child);
        break;
      case 'mc:AlternateContent':
        inlineOptional(alternative(child), st);
        break;
      case 'w:sdt':
        inlineOptional(sdtContent(child), st);
        break;
      default:
        if (!SKIPPED.has(child.name)) inline(child, st);
    }
  }
}

function inlineOptional(el: XmlElement | undefined, st: InlineState): void {
  if (el) inline(el, st);
}

// ---- Block content: paragraphs and tables -------------------------------------------------------------------

interface BlockSink {
  paragraph(text: string): void;
  table(tbl: XmlElement): void;
  /** The document's list labels, when it has numbering. */
  readonly label: ListLabeler | undefined;
}

function walkBlocks(el: XmlElement, sink: BlockSink): void {
  for (const child of el.children) if (typeof child !== 'string') walkBlock(child, sink);
}

function walkBlock(el: XmlElement, sink: BlockSink): void {
  switch (el.name) {
    case 'w:p': {
      // Why before the text boxes: the paragraph comes first in body order, which is the order Word counts in.
      const label = sink.label ? sink.label(el) : '';
      const st: InlineState = { text: '', fields: [], boxes: [] };
      inline(el, st);
      sink.paragraph(label === '' ? st.text : st.text === '' ? label.trimEnd() : label + st.text);
      for (const box of st.boxes) walkBlocks(box, sink);
      return;
    }
    case 'w:tbl':
      sink.table(el);
      return;
    case 'w:sdt': {
      const content = sdtContent(el);
      if (content) walkBlocks(content, sink);
      return;
    }
    case 'mc:AlternateContent': {
      const branch = alternative(el);
      if (branch) walkBlocks(branch, sink);
      return;
    }
    default:
      // Why: w:customXml, w:ins, w:moveTo and unknown wrappers hold paragraphs and tables to read.
      if (!SKIPPED.has(el.name)) walkBlocks(el, sink);
  }
}

// ---- Tables -------------------------------------------------------------------------------------------------

function intAttr(el: XmlElement | undefined, name: string, fallback: number): number {
  const value = el ? Number.parseInt(el.attrs[name] ?? '', 10) : NaN;
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), MAX_SPAN) : fallback;
}

function isDeletedRow(tr: XmlElement): boolean {
  const pr = firstChild(tr, 'w:trPr');
  return pr !== undefined && firstChild(pr, 'w:del') !== undefined;
}

/** Rows of a table, looking through row-level content controls and custom XML. */
function collectRows(el: XmlElement, rows: XmlElement[]): void {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.name === 'w:tr') {
      if (!isDeletedRow(child)) rows.push(child);
    } else if (child.name === 'w:sdt') {
      const content = sdtContent(child);
      if (content) collectRows(content, rows);
    } else if (child.name === 'mc:AlternateContent') {
      const branch = alternative(child);
      if (branch) collectRows(branch, rows);
    } else if (!SKIPPED.has(child.name)) {
      collectRows(child, rows);
    }
  }
}

/** A nested table's text, row by row, for the cell that holds it. */
function flattenTable(tbl: XmlElement, label: ListLabeler | undefined): string[] {
  const rows: XmlElement[] = [];
  collectRows(tbl, rows);
  return rows.map((tr) => rowCells(tr, label).filter((c) => c !== '').join(' '));
}

function cellText(tc: XmlElement, label: ListLabeler | undefined): string {
  const paragraphs: string[] = [];
  walkBlocks(tc, {
    paragraph: (text) => paragraphs.push(text.replace(/\t/g, ' ')),
    table: (tbl) => paragraphs.push(...flattenTable(tbl, label)),
    label,
  });
  // Why: Word keeps an empty paragraph after a nested table and often at a cell's end; it is not content.
  while (paragraphs.length > 0 && paragraphs[paragraphs.length - 1] === '') paragraphs.pop();
  return paragraphs.join('\n');
}

function pushCell(tc: XmlElement, cells: string[], label: ListLabeler | undefined): void {
  const pr = firstChild(tc, 'w:tcPr');
  const span = Math.max(1, intAttr(pr && firstChild(pr, 'w:gridSpan'), 'w:val', 1));
  const vMerge = pr && firstChild(pr, 'w:vMerge');
  const continuation = vMerge !== undefined && vMerge.attrs['w:val'] !== 'restart';
  cells.push(continuation ? '' : cellText(tc, label));
  for (let k = 1; k < span; k++) cells.push('');
}

function collectCells(el: XmlElement, cells: string[], label: ListLabeler | undefined): void {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.name === 'w:tc') pushCell(child, cells, label);
    else if (child.name === 'w:sdt') {
      const content = sdtContent(child);
      if (content) collectCells(content, cells, label);
    } else if (child.name === 'mc:AlternateContent') {
      const branch = alternative(child);
      if (branch) collectCells(branch, cells, label);
    } else if (!SKIPPED.has(child.name)) collectCells(child, cells, label);
  }
}

/** One string per grid column: a span is its text then empty cells; a vertical-merge continuation is empty. */
function rowCells(tr: XmlElement, label: ListLabeler | undefined): string[] {
  const pr = firstChild(tr, 'w:trPr');
  const cells: string[] = [];
  for (let k = intAttr(pr && firstChild(pr, 'w:gridBefore'), 'w:val', 0); k > 0; k--) cells.push('');
  collectCells(tr, cells, label);
  for (let k = intAttr(pr && firstChild(pr, 'w:gridAfter'), 'w:val', 0); k > 0; k--) cells.push('');
  return cells;
}

// ---- The document -------------------------------------------------------------------------------------------

interface BodyState {
  readonly lines: SourceLine[];
  readonly maxLines: number;
  tables: number;
  truncated: boolean;
}

function bodySink(state: BodyState, label: ListLabeler | undefined): BlockSink {
  const push = (line: SourceLine): void => {
    if (state.lines.length >= state.maxLines) state.truncated = true;
    else state.lines.push(line);
  };
  return {
    paragraph: (text) => push({ cells: text.includes('\t') ? text.split('\t') : [text], loc: { line: state.lines.length + 1 } }),
    table: (tbl) => {
      const table = state.tables++;
      const rows: XmlElement[] = [];
      collectRows(tbl, rows);
      for (let i = 0; i < rows.length && !state.truncated; i++) {
        const tr = rows[i];
        if (tr) push({ cells: rowCells(tr, label), loc: { line: state.lines.length + 1, table: `表${table + 1}`, row: i + 1 }, table });
      }
    },
    label,
  };
}

/**
 * Reads the body of a main document part's XML (exported for tests and benchmarks), with the labels of numbered
 * paragraphs when the document's numbering definitions are given.
 */
export function readDocumentXml(xml: string, part: string, limits: ReadLimits = DEFAULT_LIMITS, numbering?: NumberingDefinitions): ReadResult {
  const state: BodyState = { lines: [], maxLines: limits.maxLines, tables: 0, truncated: false };
  const sink = bodySink(state, numbering ? createListLabeler(numbering) : undefined);
  let sawBody = false;
  const error = streamXml(xml, part, {
    namespaces: NAMESPACES,
    select: (name, parent) => {
      if (name === 'w:body') sawBody = true;
      return parent === 'w:body';
    },
    prune: pruned,
    onElement: (el) => {
      walkBlock(el, sink);
      return !state.truncated;
    },
  });
  if (error) return { ok: false, problems: [error] };
  if (!sawBody) return { ok: false, problems: [problem('docx-no-body')] };
  const warnings: Problem[] = state.truncated ? [problem('too-many-lines', [], { limit: limits.maxLines })] : [];
  return { ok: true, document: { format: 'docx', lines: state.lines }, warnings };
}

export function readDocx(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): ReadResult {
  const opened = openOfficeZip(bytes, limits);
  if (!opened.ok) return opened;
  const { zip } = opened;
  if (!packageMentions(zip, 'word/', 'wordprocessingml')) return { ok: false, problems: [problem('not-a-document')] };
  // Why: the main part is where the package relationships say; a broken or odd .rels falls back to the usual name.
  const rels = readRelationships(zip, '');
  const declared = rels.ok ? relatedPart(rels.rels, '/officeDocument') : undefined;
  const part = declared !== undefined && hasEntry(zip, declared) ? declared : 'word/document.xml';
  if (!hasEntry(zip, part)) return { ok: false, problems: [problem('docx-no-body')] };
  const text = readPartText(zip, part);
  if (!text.ok) return { ok: false, problems: [text.problem] };
  return readDocumentXml(text.text, part, limits, readNumberingDefinitions(zip, part));
}
