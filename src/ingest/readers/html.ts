/**
 * Saved web pages → lines, with a real HTML parser (parse5): entities decoded, implied end tags and misnested
 * markup resolved as a browser does, `script`/`style`/`head` skipped. Each block element's text is a line with
 * one cell; each table row is a line with one cell per grid column, laid out as the DOCX reader lays out merged
 * cells: a `colspan` is its text then empty cells, a cell under a `rowspan` is empty, so a figure keeps its column
 * whatever the merges. A table inside a cell is that cell's text, row by row (as in DOCX). The location of a line
 * is the source line of its text (parse5's source locations).
 *
 * Why a bounded tree: parse5 builds the whole document tree, and a hostile page (a row of millions of cells,
 * millions of paragraphs, deep nesting) would build millions of nodes. The tree adapter below drops cells past
 * `maxCellsPerLine`, nodes past a budget derived from `maxLines`, keeps a text node to `maxLineChars` and keeps
 * the tree shallow, so memory stays near the size of what is read and every walk is linear.
 */
import { type DefaultTreeAdapterMap, type DefaultTreeAdapterTypes, type TreeAdapter, defaultTreeAdapter, html, parse } from 'parse5';
import type { Problem } from '../../core/problem.ts';
import type { ReadLimits, SourceLine } from '../source.ts';
import { LimitNotes } from './limits.ts';

type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;
type Node = DefaultTreeAdapterTypes.Node;
type TextNode = DefaultTreeAdapterTypes.TextNode;

/** Looks like a saved web page rather than text with a few `<p>` fragments in it. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).toLowerCase();
  return /<!doctype html|<html[\s>]|<body[\s>]|<table[\s>]/.test(head);
}

/** Elements whose content is not document text. */
const SKIPPED = new Set(['head', 'script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'select', 'textarea', 'colgroup', 'col']);

/** Elements that start and end a line; every other element (span, b, font, Word's o:p …) is inline. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul', 'xmp',
]);

/** Deeper elements are attached to their ancestor at this depth, so no walk recurses deeper. */
const MAX_DEPTH = 64;
/** HTML's own bounds on spans. */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

// ---- The bounded tree ---------------------------------------------------------------------------------------

const isElement = (n: Node): n is Element => defaultTreeAdapter.isElementNode(n);
const isText = (n: Node): n is TextNode => defaultTreeAdapter.isTextNode(n);
const parentOf = (n: ParentNode): ParentNode | null => ('parentNode' in n ? n.parentNode : null);

function startLine(n: Node): number | undefined {
  return 'sourceCodeLocation' in n && n.sourceCodeLocation ? n.sourceCodeLocation.startLine : undefined;
}

function boundedAdapter(limits: ReadLimits, notes: LimitNotes): TreeAdapter<DefaultTreeAdapterMap> {
  const A = defaultTreeAdapter;
  /**
   * The parent of nodes left out of the tree (never one of its children): a node is out when its parent is the
   * sink, and its own children are left out too, so nothing accumulates under it. Why not a WeakSet: a hostile
   * row drops millions of cells, and a weak collection that size costs more than the cells.
   */
  const sink = A.createElement('jixiao-left-out', html.NS.HTML, []);
  const isOut = (n: ParentNode) => n === sink || parentOf(n) === sink;
  const leaveOut = (node: ChildNode): null => {
    node.parentNode = sink;
    return null;
  };
  const cellCount = new WeakMap<Element, number>();
  const maxNodes = Math.max(10_000, limits.maxLines * 10);
  const maxText = limits.maxLineChars + 1;
  let nodes = 0;

  const depth = (n: ParentNode): number => {
    let d = 0;
    for (let p: ParentNode | null = n; p && d <= MAX_DEPTH; p = parentOf(p)) d++;
    return d;
  };

  /** The parent a new child goes under, or null to leave it out. */
  const place = (parent: ParentNode, node: ChildNode): ParentNode | null => {
    if (A.isCommentNode(node) || isOut(parent)) return leaveOut(node);
    if (nodes >= maxNodes) {
      notes.note('too-many-lines', 0);
      return leaveOut(node);
    }
    if (isElement(node) && (node.tagName === 'td' || node.tagName === 'th') && isElement(parent) && parent.tagName === 'tr') {
      const n = (cellCount.get(parent) ?? 0) + 1;
      cellCount.set(parent, n);
      if (n > limits.maxCellsPerLine) {
        notes.note('line-too-many-cells', startLine(parent) ?? startLine(node) ?? 0);
        return leaveOut(node);
      }
    }
    let p = parent;
    while (depth(p) > MAX_DEPTH) p = parentOf(p) ?? p;
    nodes++;
    return p;
  };

  const clip = (text: string) => (text.length > maxText ? text.slice(0, maxText) : text);

  return {
    ...A,
    createCommentNode: () => A.createCommentNode(''),
    appendChild(parent, node) {
      const p = place(parent, node);
      if (p) A.appendChild(p, node);
    },
    insertBefore(parent, node, reference) {
      const p = place(parent, node);
      if (!p) return;
      if (p === parent && reference.parentNode === parent) A.insertBefore(parent, node, reference);
      else A.appendChild(p, node);
    },
    insertText(parent, text) {
      if (isOut(parent)) return;
      const last = parent.childNodes[parent.childNodes.length - 1];
      if (last && isText(last)) {
        if (last.value.length < maxText) last.value = clip(last.value + clip(text));
        return;
      }
      const node = A.createTextNode(clip(text));
      const p = place(parent, node);
      if (p) A.appendChild(p, node);
    },
    insertTextBefore(parent, text, reference) {
      if (isOut(parent)) return;
      const node = A.createTextNode(clip(text));
      const p = place(parent, node);
      if (!p) return;
      if (p === parent && reference.parentNode === parent) A.insertBefore(parent, node, reference);
      else A.appendChild(p, node);
    },
    // Why: the start line is what is used; the first location given is the start (later ones extend a text node).
    setNodeSourceCodeLocation(node, location) {
      if (node && location && startLine(node) === undefined) A.setNodeSourceCodeLocation(node, location);
    },
    updateNodeSourceCodeLocation() {},
    // Why: after text was left out, parse5 asks for the location of a text node that is not there.
    getNodeSourceCodeLocation: (node) => (node ? A.getNodeSourceCodeLocation(node) : undefined),
  };
}

// ---- Text of elements ---------------------------------------------------------------------------------------

/** HTML whitespace (and no-break spaces, which only keep words apart on screen) collapse to one space. */
const collapse = (s: string) => s.replace(/[ \t\n\r\f\u00a0]+/g, ' ').replace(/^ | $/g, '');

function attrOf(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function spanOf(el: Element, name: string, max: number, fallback: number): number {
  const m = /^\s*(\d+)/.exec(attrOf(el, name) ?? '');
  return m ? Math.min(Number(m[1]), max) : fallback;
}

/** The line of a text node's first visible character. */
function textLine(node: TextNode): number | undefined {
  const line = startLine(node);
  if (line === undefined) return undefined;
  const lead = /^[ \t\n\r\f]*/.exec(node.value)?.[0] ?? '';
  let n = 0;
  for (let i = lead.indexOf('\n'); i >= 0; i = lead.indexOf('\n', i + 1)) n++;
  return line + n;
}

const children = (n: ParentNode): readonly ChildNode[] => n.childNodes;

// ---- The walk -----------------------------------------------------------------------------------------------

class Reader {
  readonly lines: SourceLine[] = [];
  private tables = 0;
  private text = '';
  /** The running text has a visible character; textAt is its line. */
  private started = false;
  private textAt = 0;
  /** The last source line seen, for lines whose elements parse5 implied (no tag, no location). */
  private lastLine = 1;
  full = false;

  constructor(
    private readonly limits: ReadLimits,
    private readonly notes: LimitNotes,
  ) {}

  private push(line: SourceLine): void {
    if (this.lines.length >= this.limits.maxLines) {
      this.full = true;
      this.notes.note('too-many-lines', 0);
    } else this.lines.push(line);
  }

  private at(n: Node): number {
    const line = isText(n) ? textLine(n) : startLine(n);
    if (line !== undefined) this.lastLine = line;
    return this.lastLine;
  }

  /** Ends the current line of running text. */
  private flush(): void {
    const t = collapse(this.text);
    this.text = '';
    this.started = false;
    if (t === '') return;
    let cell = t;
    if (cell.length > this.limits.maxLineChars) {
      this.notes.note('line-too-long', this.textAt);
      cell = cell.slice(0, this.limits.maxLineChars);
    }
    this.push({ cells: [this.notes.cell(cell, this.textAt)], loc: { line: this.textAt } });
  }

  walk(node: ParentNode): void {
    for (const child of children(node)) {
      if (this.full) return;
      if (isText(child)) {
        if (!this.started && /[^ \t\n\r\f\u00a0]/.test(child.value)) {
          this.started = true;
          this.textAt = this.at(child);
        }
        this.text += child.value;
        continue;
      }
      if (!isElement(child) || SKIPPED.has(child.tagName)) continue;
      const tag = child.tagName;
      if (tag === 'br') this.flush();
      else if (tag === 'table') {
        this.flush();
        this.table(child);
      } else if (tag === 'pre' || tag === 'listing' || tag === 'xmp') {
        this.flush();
        this.pre(child);
      } else if (BLOCKS.has(tag)) {
        this.flush();
        this.walk(child);
        this.flush();
      } else this.walk(child);
    }
  }

  /** Preformatted text: each of its lines is a line. */
  private pre(el: Element): void {
    let line = this.at(el);
    const raw = rawText(el).replace(/^\r?\n/, '');
    for (const l of raw.split('\n')) {
      const t = collapse(l);
      if (t) this.push({ cells: [this.notes.cell(t.slice(0, this.limits.maxLineChars), line)], loc: { line } });
      line++;
    }
  }

  private table(table: Element): void {
    const index = this.tables++;
    for (const group of rowGroups(table)) {
      if (group.caption) {
        this.textAt = this.at(group.caption);
        this.started = true;
        this.text = cellText(group.caption);
        this.flush();
        continue;
      }
      // Columns still covered by a rowspan from a row above: how many more rows. Rowspans end with the group.
      const covered: number[] = [];
      group.rows.forEach((tr, r) => {
        if (this.full) return;
        const line = this.at(tr);
        const cells: string[] = [];
        const spans: [number, number][] = [];
        const isCovered = (c: number) => (covered[c] ?? 0) > 0;
        let cut = false;
        for (const td of children(tr)) {
          if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
          while (isCovered(cells.length)) cells.push('');
          const colspan = Math.max(1, spanOf(td, 'colspan', MAX_COLSPAN, 1));
          const rowspanAttr = spanOf(td, 'rowspan', MAX_ROWSPAN, 1);
          // rowspan="0" spans the rest of the group.
          const rowspan = rowspanAttr === 0 ? group.rows.length - r : rowspanAttr;
          if (cells.length + colspan > this.limits.maxCellsPerLine) {
            cut = true;
            break;
          }
          const col = cells.length;
          cells.push(this.notes.cell(cellText(td), this.at(td)));
          for (let k = 1; k < colspan; k++) cells.push('');
          if (rowspan > 1) for (let k = 0; k < colspan; k++) spans.push([col + k, rowspan - 1]);
        }
        if (cut) this.notes.note('line-too-many-cells', line);
        // Covered columns after the row's last cell are empty cells too, up to the last one covered.
        let last = covered.length - 1;
        while (last >= cells.length && !isCovered(last)) last--;
        while (cells.length <= last && cells.length < this.limits.maxCellsPerLine) cells.push('');
        for (let c = 0; c < covered.length; c++) if (isCovered(c)) covered[c]!--;
        for (const [c, n] of spans) covered[c] = n;
        if (cells.some((c) => c !== '')) this.push({ cells, loc: { line }, table: index });
      });
    }
  }
}

interface RowGroup {
  readonly rows: Element[];
  readonly caption?: Element;
}

/** A table's captions and row groups (thead/tbody/tfoot, or rows directly under the table) in source order. */
function rowGroups(table: Element): RowGroup[] {
  const groups: RowGroup[] = [];
  let loose: Element[] | undefined;
  for (const child of children(table)) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') {
      if (!loose) groups.push({ rows: (loose = []) });
      loose.push(child);
      continue;
    }
    loose = undefined;
    if (child.tagName === 'caption') groups.push({ rows: [], caption: child });
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      groups.push({ rows: children(child).filter((n): n is Element => isElement(n) && n.tagName === 'tr') });
    }
  }
  return groups;
}

/**
 * A cell's text: its blocks and line breaks as "\n" (as a DOCX cell joins its paragraphs), a table inside it as
 * one line per row of the row's non-empty cells.
 */
function cellText(cell: Element): string {
  const parts: string[] = [];
  let run = '';
  const end = () => {
    const t = collapse(run);
    if (t) parts.push(t);
    run = '';
  };
  const visit = (node: ParentNode) => {
    for (const child of children(node)) {
      if (isText(child)) run += child.value;
      else if (!isElement(child) || SKIPPED.has(child.tagName)) continue;
      else if (child.tagName === 'br') end();
      else if (child.tagName === 'table') {
        end();
        for (const group of rowGroups(child)) {
          if (group.caption) parts.push(collapse(cellText(group.caption)));
          for (const tr of group.rows) {
            const row = children(tr)
              .filter((n): n is Element => isElement(n) && (n.tagName === 'td' || n.tagName === 'th'))
              .map((td) => cellText(td).replace(/\n/g, ' '))
              .filter((t) => t !== '')
              .join(' ');
            if (row) parts.push(row);
          }
        }
      } else if (BLOCKS.has(child.tagName)) {
        end();
        visit(child);
        end();
      } else visit(child);
    }
  };
  visit(cell);
  end();
  return parts.filter((p) => p !== '').join('\n');
}

/** Text as written (for `pre`), line breaks included. */
function rawText(node: ParentNode): string {
  let s = '';
  for (const child of children(node)) {
    if (isText(child)) s += child.value;
    else if (isElement(child) && !SKIPPED.has(child.tagName)) s += child.tagName === 'br' ? '\n' : rawText(child);
  }
  return s;
}

// ---- Entry --------------------------------------------------------------------------------------------------

/**
 * Cuts table rows of more than `maxCellsPerLine` cells out of the source before parsing: from the first cell
 * too many to where the row ends (`</tr>`, the next `<tr>`, or a table tag). Why before parse5: a real parser
 * spends time and memory on every tag, so a one-line table of millions of cells would cost seconds and a
 * gigabyte even though the cells are dropped. Linear: one scan over the table tags, one search per cut.
 */
function cutWideRows(source: string, notes: LimitNotes): string {
  const tags = /<(\/?)(table|tr|td|th)(?=[\s/>])/gi;
  const rowEnd = /<\/?(?:tr|table)(?=[\s/>])/gi;
  const cells: number[] = [];
  const kept: string[] = [];
  let from = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (i: number) => {
    for (let k = source.indexOf('\n', counted); k >= 0 && k < i; k = source.indexOf('\n', k + 1)) line++;
    counted = Math.max(counted, i);
    return line;
  };
  for (let m = tags.exec(source); m; m = tags.exec(source)) {
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    const top = cells.length - 1;
    if (tag === 'table') {
      if (closing) cells.pop();
      else cells.push(0);
    } else if (tag === 'tr' && top >= 0) {
      if (!closing) cells[top] = 0;
    } else if (!closing && top >= 0 && ++cells[top]! > notes.limits.maxCellsPerLine) {
      notes.note('line-too-many-cells', lineAt(m.index));
      rowEnd.lastIndex = m.index;
      const end = rowEnd.exec(source)?.index ?? source.length;
      kept.push(source.slice(from, m.index));
      from = end;
      tags.lastIndex = end;
    }
  }
  if (from === 0) return source;
  kept.push(source.slice(from));
  return kept.join('');
}

export function htmlLines(source: string, limits: ReadLimits): { lines: SourceLine[]; warnings: Problem[] } {
  const notes = new LimitNotes(limits);
  const doc = parse(cutWideRows(source, notes), { sourceCodeLocationInfo: true, treeAdapter: boundedAdapter(limits, notes) });
  const reader = new Reader(limits, notes);
  reader.walk(doc);
  return { lines: reader.lines, warnings: notes.warnings() };
}
