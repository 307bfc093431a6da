/**
 * A small XML reader for the parts of DOCX and XLSX: a linear-time tokenizer and a tree builder that can build
 * only the subtrees a reader asks for (one paragraph, one table, one spreadsheet row at a time), so memory
 * follows the largest such element, not the part.
 *
 * Why our own: OOXML parts are machine-written, namespaced XML without DTDs; a general parser would add weight
 * and, with DTD entity expansion, a way to blow up. Malformed input gives an 'xml-corrupt' problem, never a throw
 * or a loop: every step of the scanner moves forward through the text.
 *
 * Names: an element or attribute in a namespace the caller lists gets the caller's prefix ("w:p" whatever
 * prefix the file used, and also for Strict OOXML's namespace URIs); others keep the name as written.
 */
import { problem, type Problem } from '../../core/problem.ts';

export interface XmlElement {
  readonly name: string;
  /** Null-prototype record, so names like "__proto__" in hostile input are plain keys. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

/** Namespace URI → the prefix the caller wants in names. */
export type NamespaceAliases = Readonly<Record<string, string>>;

export type XmlResult = { readonly ok: true; readonly root: XmlElement } | { readonly ok: false; readonly problem: Problem };

export interface XmlStreamOptions {
  readonly namespaces?: NamespaceAliases;
  /** Whether the element `name` (depth 0 = root), child of `parent`, is the root of a subtree to build. */
  readonly select: (name: string, parent: string | undefined, depth: number) => boolean;
  /** Receives each selected subtree when it closes; returning false stops reading. */
  readonly onElement: (element: XmlElement) => boolean | void;
  /**
   * Whether the element `name`, inside a selected subtree and child of `parent`, is left out of it with all it
   * holds. Why: OOXML carries far more formatting (borders, fonts, spacing) than text; a reader that never looks
   * at it is spared building it, and the scanner checks its markup without decoding its attributes.
   */
  readonly prune?: (name: string, parent: string) => boolean;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/**
 * Deepest nesting accepted. Why: readers walk subtrees recursively; real OOXML stays far below this (a table
 * nested in a table adds three levels), while a hostile file could nest until the stack overflows.
 */
export const MAX_DEPTH = 512;

/** Bytes of a part → text. Why: XML allows UTF-16 with a BOM; OOXML writers otherwise use UTF-8. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY_RE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g;

function decodeEntity(match: string, body: string): string {
  if (body.charCodeAt(0) !== 0x23 /* # */) return Object.hasOwn(NAMED_ENTITIES, body) ? (NAMED_ENTITIES[body] ?? match) : match;
  const hex = body[1] === 'x' || body[1] === 'X';
  const code = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : '\ufffd';
}

/** Entity references decoded; unknown named entities are kept as written (tolerated, not fatal). */
export function decodeEntities(text: string): string {
  return text.indexOf('&') === -1 ? text : text.replace(ENTITY_RE, decodeEntity);
}

/** Character data as XML defines it: line ends normalised to "\n" before references are decoded. */
function decodeText(raw: string): string {
  const text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  return decodeEntities(text);
}

interface ScanHandler {
  /** `attrs` alternates raw names and decoded values. */
  open(name: string, attrs: string[], selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
  /** Set by the handler to stop scanning: an error detail, or '' to stop without error. */
  halt: string | undefined;
  /** Set by the handler while nothing read is kept: attributes are checked but not decoded (`attrs` stays empty). */
  skipping: boolean;
  /** Set by the handler while character data is kept; when false, text is not decoded. */
  wantsText: boolean;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function fail(zh: string, en: string, at: number): string {
  return `第 ${at} 个字符处${zh} / ${en} at character ${at}`;
}

/** Parses a start tag from `<` at `lt`; returns the index after `>` or an error detail. */
function scanStartTag(s: string, lt: number, h: ScanHandler): number | string {
  const n = s.length;
  let j = lt + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (isSpace(c) || c === 0x2f || c === 0x3e) break;
    j++;
  }
  if (j === lt + 1) return fail('标签无名称', 'a tag has no name', lt);
  const name = s.slice(lt + 1, j);
  const attrs: string[] = [];
  for (;;) {
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    if (j >= n) return fail('标签未结束', 'unterminated tag', lt);
    const c = s.charCodeAt(j);
    if (c === 0x3e) {
      h.open(name, attrs, false);
      return j + 1;
    }
    if (c === 0x2f) {
      if (s.charCodeAt(j + 1) !== 0x3e) return fail('标签格式错误', 'malformed tag', j);
      h.open(name, attrs, true);
      return j + 2;
    }
    const nameStart = j;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (isSpace(d) || d === 0x3d || d === 0x3e || d === 0x2f) break;
      j++;
    }
    const attrName = s.slice(nameStart, j);
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    if (attrName === '' || s.charCodeAt(j) !== 0x3d) return fail('属性格式错误', 'malformed attribute', j);
    j++;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    const quote = s[j];
    if (quote !== '"' && quote !== "'") return fail('属性值缺少引号', 'attribute value without quotes', j);
    const close = s.indexOf(quote, j + 1);
    if (close === -1) return fail('属性值未结束', 'unterminated attribute value', j);
    if (!h.skipping) attrs.push(attrName, decodeEntities(s.slice(j + 1, close)));
    j = close + 1;
  }
}

/** Skips `<!DOCTYPE …>`, including an internal subset in brackets; its entity declarations are not honoured. */
function skipDoctype(s: string, lt: number): number {
  const gt = s.indexOf('>', lt);
  const bracket = s.indexOf('[', lt);
  if (bracket === -1 || (gt !== -1 && gt < bracket)) return gt === -1 ? -1 : gt + 1;
  const closeBracket = s.indexOf(']', bracket);
  if (closeBracket === -1) return -1;
  const end = s.indexOf('>', closeBracket);
  return end === -1 ? -1 : end + 1;
}

/** Scans markup at `lt` that is not a start tag; returns the next index or an error detail. */
function scanOther(s: string, lt: number, h: ScanHandler): number | string {
  const c = s.charCodeAt(lt + 1);
  if (c === 0x2f /* </ */) {
    const gt = s.indexOf('>', lt + 2);
    if (gt === -1) return fail('结束标签未结束', 'unterminated end tag', lt);
    h.close(s.slice(lt + 2, gt).trim());
    return gt + 1;
  }
  if (c === 0x3f /* <? */) {
    const end = s.indexOf('?>', lt + 2);
    return end === -1 ? fail('处理指令未结束', 'unterminated processing instruction', lt) : end + 2;
  }
  if (s.startsWith('!--', lt + 1)) {
    const end = s.indexOf('-->', lt + 4);
    return end === -1 ? fail('注释未结束', 'unterminated comment', lt) : end + 3;
  }
  if (s.startsWith('![CDATA[', lt + 1)) {
    const end = s.indexOf(']]>', lt + 9);
    if (end === -1) return fail('CDATA 未结束', 'unterminated CDATA section', lt);
    if (h.wantsText) h.text(s.slice(lt + 9, end));
    return end + 3;
  }
  if (s.startsWith('!DOCTYPE', lt + 1)) {
    const end = skipDoctype(s, lt);
    return end === -1 ? fail('DOCTYPE 未结束', 'unterminated DOCTYPE', lt) : end;
  }
  return fail('无法识别的标记', 'unrecognised markup', lt);
}

/** Tokenizes `s`, calling the handler; returns an error detail, or undefined when the text was scanned. */
function scan(s: string, h: ScanHandler): string | undefined {
  const n = s.length;
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    if (h.halt !== undefined) return h.halt || undefined;
    const lt = s.indexOf('<', i);
    if (lt === -1) {
      if (h.wantsText) h.text(decodeText(s.slice(i)));
      break;
    }
    if (lt > i && h.wantsText) h.text(decodeText(s.slice(i, lt)));
    const c = s.charCodeAt(lt + 1);
    const next = c === 0x2f || c === 0x3f || c === 0x21 ? scanOther(s, lt, h) : scanStartTag(s, lt, h);
    if (typeof next === 'string') return next;
    i = next;
  }
  return h.halt || undefined;
}

/** Prefix → namespace URI in force, with a cache of resolved names (scopes change rarely; names repeat). */
interface Scope {
  readonly prefixes: ReadonlyMap<string, string>;
  /** Why two caches: an unprefixed name resolves differently for an element ("t" → "x:t") and an attribute ("t"). */
  readonly elements: Map<string, string>;
  readonly attributes: Map<string, string>;
}

interface Naming {
  readonly aliases: NamespaceAliases;
  /** The prefixes the caller uses, so a file binding one of them to another namespace cannot pass as it. */
  readonly taken: ReadonlySet<string>;
}

function resolveName(qname: string, scope: Scope, naming: Naming, isAttr: boolean): string {
  const cache = isAttr ? scope.attributes : scope.elements;
  const cached = cache.get(qname);
  if (cached !== undefined) return cached;
  const colon = qname.indexOf(':');
  // Why: unprefixed attributes belong to no namespace (XML Namespaces §6.2), unprefixed elements to the default.
  let resolved = qname;
  if (colon !== -1 || !isAttr) {
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const uri = scope.prefixes.get(prefix);
    const alias = uri === undefined ? undefined : Object.hasOwn(naming.aliases, uri) ? naming.aliases[uri] : undefined;
    if (alias !== undefined) resolved = `${alias}:${qname.slice(colon + 1)}`;
    else if (uri !== undefined && naming.taken.has(prefix)) resolved = `{${uri}}${qname.slice(colon + 1)}`;
  }
  cache.set(qname, resolved);
  return resolved;
}

function childScope(parent: Scope, attrs: readonly string[]): Scope {
  let prefixes: Map<string, string> | undefined;
  for (let k = 0; k < attrs.length; k += 2) {
    const name = attrs[k] ?? '';
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    prefixes ??= new Map(parent.prefixes);
    prefixes.set(name === 'xmlns' ? '' : name.slice(6), attrs[k + 1] ?? '');
  }
  return prefixes ? { prefixes, elements: new Map(), attributes: new Map() } : parent;
}

function makeAttrs(raw: readonly string[], scope: Scope, naming: Naming): Record<string, string> {
  const attrs = Object.create(null) as Record<string, string>;
  for (let k = 0; k < raw.length; k += 2) {
    const name = resolveName(raw[k] ?? '', scope, naming, true);
    attrs[name] = raw[k + 1] ?? '';
  }
  return attrs;
}

/** A tag name for a message. Why: a hostile name can be megabytes long. */
function short(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

interface OpenElement {
  readonly raw: string;
  readonly name: string;
  readonly scope: Scope;
}

/** Builds the selected subtrees of `text`; returns a problem when the XML is malformed. */
export function streamXml(text: string, part: string, options: XmlStreamOptions): Problem | undefined {
  const aliases = options.namespaces ?? {};
  const naming: Naming = { aliases, taken: new Set(Object.values(aliases)) };
  const rootScope: Scope = { prefixes: new Map([['xml', XML_NS]]), elements: new Map(), attributes: new Map() };
  const open: OpenElement[] = [];
  const building: { name: string; attrs: Record<string, string>; children: XmlNode[] }[] = [];
  const prune = options.prune;
  /** Depth in `open` of the pruned element being skipped, or -1. */
  let pruned = -1;
  let rootClosed = false;
  let rootSeen = false;
  const h: ScanHandler = {
    halt: undefined,
    skipping: false,
    wantsText: false,
    open(raw, rawAttrs, selfClosing) {
      if (rootClosed) {
        h.halt = '根元素之后还有元素 / an element follows the root element';
        return;
      }
      rootSeen = true;
      if (open.length >= MAX_DEPTH) {
        h.halt = `嵌套超过 ${MAX_DEPTH} 层 / nested deeper than ${MAX_DEPTH} levels`;
        return;
      }
      const parent = open[open.length - 1];
      if (pruned >= 0) {
        // Inside a pruned element: only the nesting is kept, to match end tags.
        open.push({ raw, name: '', scope: rootScope });
        if (selfClosing) h.close(raw);
        return;
      }
      const scope = childScope(parent ? parent.scope : rootScope, rawAttrs);
      const name = resolveName(raw, scope, naming, false);
      if (prune && building.length > 0 && parent && prune(name, parent.name)) {
        pruned = open.length;
        h.skipping = true;
        h.wantsText = false;
        open.push({ raw, name, scope });
        if (selfClosing) h.close(raw);
        return;
      }
      if (building.length > 0 || options.select(name, parent?.name, open.length)) {
        const el = { name, attrs: makeAttrs(rawAttrs, scope, naming), children: [] };
        building[building.length - 1]?.children.push(el);
        building.push(el);
        h.wantsText = true;
      }
      open.push({ raw, name, scope });
      if (selfClosing) h.close(raw);
    },
    close(raw) {
      const top = open.pop();
      if (!top) {
        h.halt = `多余的结束标签 </${short(raw)}> / unexpected </${short(raw)}>`;
        return;
      }
      if (top.raw !== raw) {
        h.halt = `结束标签 </${short(raw)}> 与 <${short(top.raw)}> 不匹配 / </${short(raw)}> does not match <${short(top.raw)}>`;
        return;
      }
      if (open.length === 0) rootClosed = true;
      if (pruned >= 0) {
        if (open.length === pruned) {
          pruned = -1;
          h.skipping = false;
          h.wantsText = true;
        }
        return;
      }
      // Why: once a subtree starts, every element opened inside it is built, so the closing one is on top.
      const el = building.pop();
      h.wantsText = building.length > 0;
      if (el && building.length === 0 && options.onElement(el) === false) h.halt = '';
    },
    text(t) {
      const current = building[building.length - 1];
      if (current) current.children.push(t);
    },
  };
  const error = scan(text, h);
  if (error !== undefined) return problem('xml-corrupt', [], { part, detail: error });
  if (h.halt === '') return undefined;
  if (!rootSeen) return problem('xml-corrupt', [], { part, detail: '没有根元素 / no root element' });
  const unclosed = open[open.length - 1];
  if (unclosed) return problem('xml-corrupt', [], { part, detail: `文件不完整（<${short(unclosed.raw)}> 未闭合） / truncated: <${short(unclosed.raw)}> is not closed` });
  return undefined;
}

/** The whole part as one tree (for small parts: workbook, relationships, styles). */
export function parseXml(text: string, part: string, namespaces: NamespaceAliases = {}): XmlResult {
  let root: XmlElement | undefined;
  const error = streamXml(text, part, {
    namespaces,
    select: (_name, _parent, depth) => depth === 0,
    onElement: (el) => {
      root = el;
    },
  });
  if (error) return { ok: false, problem: error };
  if (!root) return { ok: false, problem: problem('xml-corrupt', [], { part, detail: '没有根元素 / no root element' }) };
  return { ok: true, root };
}

// ---- Tree helpers -------------------------------------------------------------------------------------------

export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string') out.push(c);
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) out.push(c);
  return out;
}

/** All character data inside `el`, in order. */
export function textContent(el: XmlElement): string {
  if (el.children.length === 1 && typeof el.children[0] === 'string') return el.children[0];
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : textContent(c);
  return out;
}
