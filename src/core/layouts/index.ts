/**
 * The layout registry (版式登记表). Every layout jixiao reads is one entry here; ingest, compute, audit and render
 * look a document's layout up by id and read what they need from the entry. Order matters only for ties.
 */
import { executionScoreForm } from './execution-score-form.ts';
import { BASE_FIELDS } from './fields.ts';
import { frameworkReport } from './framework-report.ts';
import { fundingStructureForm } from './funding-structure-form.ts';
import { gzForm } from './gz-form.ts';
import { gzReport } from './gz-report.ts';
import { longgangReport } from './longgang-report.ts';
import { projectForm } from './project-form.ts';
import { proseReport } from './prose-report.ts';
import { systemExport } from './system-export.ts';
import type { Layout, LayoutSubject } from './types.ts';
import { weightedSectionForm } from './weighted-section-form.ts';

export type { Layout, LayoutSubject, LocalText } from './types.ts';

export const LAYOUTS: readonly Layout[] = [
  gzForm,
  gzReport,
  frameworkReport,
  longgangReport,
  projectForm,
  fundingStructureForm,
  executionScoreForm,
  weightedSectionForm,
  systemExport,
  proseReport,
];

/** A document no entry recognises: read with the general rules, checked on the base fields. */
export const UNKNOWN_LAYOUT: Layout = {
  id: 'unknown',
  label: { zh: '其他版式', en: 'other layout' },
  region: null,
  subject: 'department',
  description: { zh: '未识别的版式：按通用规则读取。', en: 'Layout not recognised: read with the general rules.' },
  formulas: { basis: 'common' },
  expected: BASE_FIELDS,
  rules: {},
  template: 'gz-report',
  markers: [],
};

/** Every id an evaluation file may name as its documentKind (`unknown`, then the registry's). */
export const LAYOUT_IDS: readonly [string, ...string[]] = [UNKNOWN_LAYOUT.id, ...LAYOUTS.map((l) => l.id)];

export const LAYOUTS_BY_ID: ReadonlyMap<string, Layout> = new Map([...LAYOUTS, UNKNOWN_LAYOUT].map((l) => [l.id, l]));

/** The entry of a layout id as stored (an unknown or missing id reads as the other layout). */
export function layoutById(id: string | undefined): Layout {
  return (id !== undefined && LAYOUTS_BY_ID.get(id)) || UNKNOWN_LAYOUT;
}

/** The layout's name in a language, for reports in every shell. */
export function layoutLabel(id: string | undefined, lang: 'zh' | 'en'): string {
  return layoutById(id).label[lang];
}

/** The least marker weight a document must carry to be read as a layout. */
export const MIN_MARKER_SCORE = 5;

/**
 * How markers are looked for in one pass: every literal a marker must start with (a plain-word marker is its own
 * literal; "项目名称.{2,80}?主管部门" needs "项目名称" where it starts) is found by one scan of the text, and a pattern
 * is tried, anchored, only where one of its literals stands. Exact: a match starts where one of its literals does.
 * A marker with no such literal ("[①-⑳]=…") or with flags is tested over the whole text as before.
 */
interface MarkerTest {
  /** The marker as plain text, when it has no pattern in it. */
  readonly word?: string;
  /** Literal starts, one per top-level alternative, and the pattern anchored (sticky) to try where they stand. */
  readonly starts?: readonly string[];
  readonly sticky?: RegExp;
}

const META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);

/** The top-level alternatives of a pattern's source, or undefined when its brackets cannot be followed simply. */
function alternatives(source: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0 || inClass) return undefined;
  out.push(source.slice(from));
  return out;
}

/** The literal text an alternative must start with: its plain characters up to the first pattern character. */
function literalStart(alt: string): string {
  let end = 0;
  while (end < alt.length && !META.has(alt[end]!)) end++;
  // A quantifier after the run makes its last character optional or repeated: not part of what must stand there.
  const next = alt[end];
  if (next === '?' || next === '*' || next === '{') end--;
  return alt.slice(0, Math.max(0, end));
}

function markerTest(re: RegExp): MarkerTest {
  // Flags change what a literal means (i, u, y, g with lastIndex): such a marker is always run as a pattern.
  if (re.flags !== '') return {};
  if ([...re.source].every((c) => !META.has(c))) return { word: re.source };
  const starts = alternatives(re.source)?.map(literalStart);
  return starts && starts.every((w) => w.length > 0) ? { starts, sticky: new RegExp(re.source, 'y') } : {};
}

const MARKER_TESTS = new Map<RegExp, MarkerTest>(LAYOUTS.flatMap((l) => l.markers.map(([re]) => [re, markerTest(re)] as const)));

/** Every literal the scan looks for. */
const LITERALS = [...new Set([...MARKER_TESTS.values()].flatMap((t) => (t.word !== undefined ? [t.word] : (t.starts ?? []))))].sort((a, b) => b.length - a.length);
/** The literals by their first character (longest first), and which characters start one: the scan's index. */
const BY_FIRST = new Map<number, string[]>();
for (const w of LITERALS) {
  const c = w.charCodeAt(0);
  const list = BY_FIRST.get(c);
  if (list) list.push(w);
  else BY_FIRST.set(c, [w]);
}
const STARTS = new Uint8Array(0x10000);
for (const c of BY_FIRST.keys()) STARTS[c] = 1;

/**
 * Where each literal starts in the text: every literal standing at each position, overlapping ones included. Why by
 * first character: one pass that looks further only where a literal can start — a pattern of all the literals tried
 * at every position cost more than the rest of recognising the layout.
 */
function literalPositions(text: string): Map<string, number[]> {
  const at = new Map<string, number[]>();
  for (let i = 0; i < text.length; i++) {
    if (STARTS[text.charCodeAt(i)] !== 1) continue;
    for (const w of BY_FIRST.get(text.charCodeAt(i))!) {
      if (!text.startsWith(w, i)) continue;
      const list = at.get(w);
      if (list) list.push(i);
      else at.set(w, [i]);
    }
  }
  return at;
}

function carries(text: string, re: RegExp, t: MarkerTest | undefined, at: Map<string, number[]>): boolean {
  if (t?.word !== undefined) return at.has(t.word);
  if (!t?.starts || !t.sticky) return re.test(text);
  const sticky = t.sticky;
  for (const w of t.starts) {
    for (const p of at.get(w) ?? []) {
      sticky.lastIndex = p;
      if (sticky.test(text)) return true;
    }
  }
  return false;
}

/** How far into the compacted text a title is looked for (a web page's navigation line may come first). */
const OPENING_CHARS = 240;

/**
 * What the document's title says it evaluates, when only one of the two: the department as a whole (部门整体支出, 整体
 * 支出绩效) or a project (项目支出绩效自评表 / 评价). Undefined when the opening names neither or both.
 */
function subjectOfOpening(compactText: string): LayoutSubject | undefined {
  const opening = compactText.slice(0, OPENING_CHARS);
  const department = /部门(?:[（(]单位[）)])?整体支出|整体支出绩效/.test(opening);
  const project = /项目支出绩效(?:自评|评价)/.test(opening);
  return department === project ? undefined : department ? 'department' : 'project';
}

/** The layout whose markers the compacted text (no whitespace) carries most, or the unknown layout. */
export function recognizeLayout(compactText: string): { layout: Layout; score: number; scores: Record<string, number> } {
  const scores: Record<string, number> = {};
  let best: { layout: Layout; score: number } = { layout: UNKNOWN_LAYOUT, score: 0 };
  const said = subjectOfOpening(compactText);
  const at = literalPositions(compactText);
  // A marker several layouts share is looked for once.
  const seen = new Map<RegExp, boolean>();
  for (const l of LAYOUTS) {
    let score = 0;
    for (const [re, w] of l.markers) {
      let hit = seen.get(re);
      if (hit === undefined) {
        hit = carries(compactText, re, MARKER_TESTS.get(re) ?? markerTest(re), at);
        seen.set(re, hit);
      }
      if (hit) score += w;
    }
    scores[l.id] = score;
    // A title that says what is evaluated ("部门整体支出绩效自评表") rules out the layouts of the other subject, whose
    // table words (年度资金总额, 上年结转资金) a department's system export shares. (Their marker scores are still reported.)
    if (said && l.subject !== said) continue;
    if (score > best.score) best = { layout: l, score };
  }
  return best.score >= MIN_MARKER_SCORE ? { ...best, scores } : { layout: UNKNOWN_LAYOUT, score: best.score, scores };
}
