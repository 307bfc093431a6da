/**
 * Import: a document's bytes → an evaluation in the file format, with an extraction report (every field found,
 * where, from which text; the expected fields not found; warnings). Works on text, HTML, DOCX, PDF and XLSX.
 * No file system here: the CLI reads bytes and writes the results.
 */
import type { Evaluation } from '../core/model/evaluation.ts';
import { EVALUATION_SCHEMA_ID } from '../core/model/evaluation.ts';
import { parseEvaluation } from '../core/model/parse.ts';
import { formatPath, type Problem } from '../core/problem.ts';
import { type NarrativeFact, extractFacts } from '../core/text/facts.ts';
import { type Draft, type ExtractContext, type Found, getPath, numbersOf, sourceAt, sourceInParagraph } from './extract/context.ts';
import { EXTRACTORS } from './extract/index.ts';
import { type KindSpec, recognizeKind } from './kinds.ts';
import { readDocument } from './readers/read.ts';
import { type Paragraph, type Row, type Section, type Segmented, lineAt, segment } from './segment.ts';
import { MAX_DECIMAL_DIGITS, MAX_WHOLE_DIGITS } from '../core/exact.ts';
import { tooManyDigits } from '../core/model/money.ts';
import { fromSource } from '../core/audit/context.ts';
import type { Passage } from '../core/audit/types.ts';
import { DEFAULT_LIMITS, type DocumentFormat, type ReadLimits, type SourceDocument } from './source.ts';
import type { Source } from '../core/model/money.ts';
import type { Rubric } from '../core/rubric/schema.ts';

export interface ImportReport {
  readonly file: string;
  readonly format: DocumentFormat;
  readonly encoding?: string;
  readonly kind: KindSpec;
  /** Marker score per kind, so a reviewer can see why a kind was chosen. */
  readonly kindScores: Readonly<Record<string, number>>;
  readonly found: readonly Found[];
  /** Expected fields of this kind that were not found. */
  readonly missing: readonly string[];
  readonly warnings: readonly Problem[];
  /** Numeric facts of the narrative (subject, number, unit, location), for the audit to compare. */
  readonly facts: readonly (NarrativeFact & { readonly source: Source })[];
  /** The same narrative as passages for the audit: text, facts and a locator (not serialised). */
  readonly passages: readonly Passage[];
  readonly lines: number;
}

export type ImportOutcome =
  | {
      readonly ok: true;
      /** The evaluation as file data (YAML/JSON-ready), every imported figure with its `source`. */
      readonly data: Record<string, unknown>;
      /** The checked evaluation, when the data is a valid evaluation (it is not when no year was found). */
      readonly evaluation?: Evaluation;
      readonly report: ImportReport;
    }
  | { readonly ok: false; readonly file: string; readonly problems: readonly Problem[] };

export interface ImportOptions {
  readonly limits?: ReadLimits;
  /** Rubrics a scorecard may be matched to and one may be chosen from (the CLI passes the built-in ones). */
  readonly rubrics?: readonly Rubric[];
}

export async function importDocument(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const read = await readDocument(bytes, fileName, options.limits ?? DEFAULT_LIMITS);
  if (!read.ok) return { ok: false, file: fileName, problems: read.problems.map((p) => ({ ...p, file: fileName })) };
  return importSource(read.document, fileName, read.warnings, options.rubrics ?? []);
}

/** The extraction itself, on a document already read (synchronous; what the text benchmark measures). */
export function importSource(doc: SourceDocument, fileName: string, readerWarnings: readonly Problem[] = [], rubrics: readonly Rubric[] = []): ImportOutcome {
  const seg = segment(doc);
  const compact = seg.lines.map((l) => l.cells.join('')).join('').replace(/\s+/g, '');
  const recognized = recognizeKind(compact);
  const draft: Draft = {};
  const ctx: ExtractContext = { file: fileName, doc, seg, kind: recognized.spec.id, rubrics, draft, found: [], warnings: [...readerWarnings] };
  for (const ex of EXTRACTORS) ex.run(ctx);
  ctx.warnings.push(...overlongNumbers(seg), ...seg.notes);

  const isTarget = targetPassages(seg);
  const passages: Passage[] = seg.paragraphs.map((p) => ({
    text: p.text,
    facts: extractFacts(p.text, numbersOf(p)),
    isTarget: isTarget(p),
    locate: (start: number, end: number) => fromSource(sourceInParagraph(ctx, p, start, end)),
  }));
  const facts = seg.paragraphs.flatMap((p, i) => passages[i]!.facts.map((f) => ({ ...f, source: sourceAt(ctx, lineAt(p, f.start), undefined, f.clause) })));
  const data = toFileData(draft, recognized.spec);
  const checked = checkData(data, ctx.warnings);
  const missing = recognized.spec.expected.filter((path) => isEmpty(getPath(checked.data, path)));
  const hasFigures = ctx.found.some((f) => f.path.startsWith('budget') || f.path.startsWith('projects') || f.path.startsWith('indicators') || f.path.startsWith('keyTasks') || f.path.startsWith('selfScores') || f.path.startsWith('project.'));
  if (!hasFigures) {
    // One warning that says what is wrong, instead of one per missing field.
    const i = ctx.warnings.findIndex((w) => w.code === 'year-not-in-document');
    if (i >= 0) ctx.warnings.splice(i, 1);
    ctx.warnings.push({ code: 'no-figures-found', path: [], params: {}, file: fileName });
  }
  const report: ImportReport = {
    file: fileName,
    format: doc.format,
    ...(doc.encoding ? { encoding: doc.encoding } : {}),
    kind: recognized.spec,
    kindScores: recognized.scores,
    found: everyField(ctx.found, checked.data),
    missing,
    warnings: ctx.warnings.map((w) => ({ ...w, file: fileName })),
    facts,
    passages,
    lines: doc.lines.length,
  };
  return { ok: true, data: checked.data, ...(checked.evaluation ? { evaluation: checked.evaluation } : {}), report };
}

/**
 * Every field found: the extractors' entries (a whole table says "14 个项目") followed, under each, by every figure
 * inside it that carries a source — each project row's amounts, each indicator — so the report shows them all.
 */
function everyField(found: readonly Found[], data: Record<string, unknown>): Found[] {
  const leaves: Found[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o['source'] && typeof o['source'] === 'object') {
        const shown = 'value' in o ? `${String(o['value'])}${typeof o['unit'] === 'string' ? ` ${o['unit']}` : ''}` : String(o['name'] ?? o['item'] ?? '');
        leaves.push({ path, value: shown, source: o['source'] as Source });
      }
      for (const [k, x] of Object.entries(o)) if (k !== 'source') walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(data, '');
  // Each leaf goes under the longest found path that is its prefix (one pass over each leaf's prefixes).
  const byPath = new Map<string, Found[]>(found.map((f) => [f.path, []]));
  const orphans: Found[] = [];
  for (const l of leaves) {
    let home: Found[] | undefined;
    for (let i = l.path.length - 1; i > 0 && !home; i--) {
      const c = l.path[i];
      if ((c === '.' || c === '[') && byPath.has(l.path.slice(0, i))) home = byPath.get(l.path.slice(0, i));
    }
    if (home) home.push(l);
    else if (!byPath.has(l.path)) orphans.push(l);
  }
  return [...found.flatMap((f) => [f, ...byPath.get(f.path)!]), ...orphans];
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

/** The draft in the order a person reads an evaluation file. */
function toFileData(draft: Draft, kind: KindSpec): Record<string, unknown> {
  const { department, year, ...rest } = draft;
  return {
    schema: EVALUATION_SCHEMA_ID,
    department: department ?? {},
    ...(year !== undefined ? { year } : {}),
    documentKind: kind.id,
    unit: '万元',
    ...rest,
  };
}

/**
 * Validates the data as an evaluation. A field the schema refuses is dropped with a warning naming it (an
 * importer must not lose the whole document over one odd cell). A missing year leaves the data unvalidated.
 */
function checkData(data: Record<string, unknown>, warnings: Problem[]): { data: Record<string, unknown>; evaluation?: Evaluation } {
  let current = data;
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = parseEvaluation(current);
    if (r.ok) return { data: current, evaluation: r.value };
    const droppable = r.problems.filter((p) => p.path.length > 0 && !(p.path.length === 1 && p.path[0] === 'year'));
    if (droppable.length === 0) {
      // Only the year is missing — the document states none anywhere (identity.ts infers one wherever a year is
      // printed): the file is written for the person to complete, and the warning says how.
      if (r.problems.every((p) => p.path[0] === 'year')) warnings.push({ code: 'year-not-in-document', path: ['year'], params: {} });
      else warnings.push(...r.problems);
      return { data: current };
    }
    for (const p of droppable) warnings.push({ code: 'import-dropped-field', path: p.path, params: { field: formatPath(p.path), reason: p.code } });
    current = without(current, droppable.map((p) => p.path));
  }
  return { data: current };
}

/**
 * The data without the values at `paths`: one copy, whatever their number (a copy per path made a table of many
 * refused cells quadratic). Array elements go from the highest index down, so each path names the element it named
 * in the data given.
 */
function without(data: Record<string, unknown>, paths: readonly (readonly (string | number)[])[]): Record<string, unknown> {
  const clone = structuredClone(data);
  const splices: { array: unknown[]; index: number }[] = [];
  for (const path of paths) {
    let o: unknown = clone;
    for (const k of path.slice(0, -1)) o = (o as Record<string | number, unknown> | undefined)?.[k];
    const last = path[path.length - 1]!;
    if (Array.isArray(o) && typeof last === 'number') splices.push({ array: o, index: last });
    else if (o && typeof o === 'object') delete (o as Record<string | number, unknown>)[last];
  }
  splices.sort((a, b) => b.index - a.index);
  const done = new Map<unknown[], Set<number>>();
  for (const { array, index } of splices) {
    const seen = done.get(array) ?? new Set<number>();
    if (seen.has(index)) continue;
    seen.add(index);
    done.set(array, seen);
    array.splice(index, 1);
  }
  return clone;
}

/** How many `import-number-too-long` warnings a document gets at most; the rest are counted in the last one. */
const MAX_LONG_NUMBER_WARNINGS = 20;
const LONG_DIGITS = new RegExp(`\\d[\\d,]{${MAX_WHOLE_DIGITS},}(?:\\.\\d*)?|\\d*\\.\\d{${MAX_DECIMAL_DIGITS + 1},}`, 'g');

/**
 * A number with more digits than a figure has (exact.ts) is not read as one anywhere (scanNumbers, cellNumber skip
 * it): say where each is, so the person can check the document. One warning per line, at most 20.
 */
function overlongNumbers(seg: Segmented): Problem[] {
  const out: Problem[] = [];
  let more = 0;
  for (const line of seg.lines) {
    for (const cell of line.cells) {
      if (cell.length <= MAX_DECIMAL_DIGITS) continue;
      LONG_DIGITS.lastIndex = 0;
      let hit: Record<string, string | number> | undefined;
      for (let m = LONG_DIGITS.exec(cell); m && !hit; m = LONG_DIGITS.exec(cell)) hit = tooManyDigits(m[0]);
      if (!hit) continue;
      const at = line.loc.line ?? line.loc.row ?? line.index + 1;
      if (out.length < MAX_LONG_NUMBER_WARNINGS) out.push({ code: 'import-number-too-long', path: [], params: { ...hit, line: at }, line: at });
      else more++;
      break;
    }
  }
  if (more) {
    const last = out[out.length - 1]!;
    out[out.length - 1] = { ...last, code: 'import-numbers-too-long', params: { ...last.params, more } };
  }
  return out;
}

const TARGET_HEADER = /预期目标|年度目标|绩效目标|指标值|计划|改进措施|下一步/;
const TARGET_SECTION = /绩效目标|改进措施|下一步|工作计划|工作打算|工作思路/;

/** For each line that is part of a table row: the row's index in its table (the first row that has the line). */
function rowsByLine(seg: Segmented): Map<number, number> {
  const out = new Map<number, number>();
  for (const table of seg.tables) table.rows.forEach((row, r) => row.lines.forEach((l) => out.has(l) || out.set(l, r)));
  return out;
}

/**
 * Whether each passage of one document states targets or plans (see `isTargetPassage`), with what it needs worked out
 * once per document: each section's verdict, each table's filled-cell counts, each short header cell's verdict.
 */
function targetPassages(seg: Segmented): (p: Paragraph) => boolean {
  const rowOfLine = rowsByLine(seg);
  const sections = new Map<Section, boolean>();
  const filled = new Map<number, number[]>();
  const headers = new Map<string, boolean | undefined>();
  const inTargetSection = (s: Section) => {
    let v = sections.get(s);
    if (v === undefined) {
      v = s.path.some((h) => TARGET_SECTION.test(h) && !/完成|自评|情况分析/.test(h));
      sections.set(s, v);
    }
    return v;
  };
  const filledOf = (ti: number, table: Segmented['tables'][number]) => {
    let f = filled.get(ti);
    if (!f) {
      f = table.rows.map((row) => row.cells.reduce((n, c) => (c ? n + 1 : n), 0));
      filled.set(ti, f);
    }
    return f;
  };
  /** A header cell's verdict: false for a result column (完成, 实际, 情况), true for a target's, undefined for neither. */
  const headerVerdict = (h: string) => {
    if (headers.has(h)) return headers.get(h);
    const v = /完成|实际|情况/.test(h) ? false : TARGET_HEADER.test(h) ? true : undefined;
    headers.set(h, v);
    return v;
  };
  // The first column of a row holding exactly a text: by a map made once per row for a long row (each of its
  // thousands of cells asks), so such a row stays linear.
  const byText = new Map<Row, Map<string, number>>();
  const columnOf = (row: Row, text: string) => {
    if (row.cells.length <= 16) return row.cells.indexOf(text);
    let m = byText.get(row);
    if (!m) {
      m = new Map();
      for (let i = row.cells.length - 1; i >= 0; i--) m.set(row.cells[i]!, i);
      byText.set(row, m);
    }
    return m.get(text) ?? -1;
  };
  return (p) => isTargetPassage(seg, rowOfLine, p, { inTargetSection, filledOf, headerVerdict, columnOf });
}

interface TargetMemo {
  readonly inTargetSection: (s: Section) => boolean;
  readonly filledOf: (ti: number, table: Segmented['tables'][number]) => readonly number[];
  readonly headerVerdict: (h: string) => boolean | undefined;
  readonly columnOf: (row: Row, text: string) => number;
}


/**
 * A passage that states targets or plans, not results: a cell under a 预期目标 / 指标值 header or in a row so
 * labelled, or a paragraph in a section on targets or next steps. Its figures are not compared with results.
 * Rows are found by index (`rowOfLine`), not by a search per cell: a table of 50,000 rows stays linear.
 */
function isTargetPassage(seg: Segmented, rowOfLine: ReadonlyMap<number, number>, p: Paragraph, memo: TargetMemo): boolean {
  const line = p.pieces[0]?.line ?? 0;
  const section = seg.sectionOfLine[line];
  if (section && memo.inTargetSection(section)) return true;
  const ti = seg.tableOfLine.get(line);
  if (ti === undefined) return false;
  const table = seg.tables[ti];
  if (!table) return false;
  const r = rowOfLine.get(line) ?? -1;
  const row = table.rows[r];
  if (!row) return false;
  const col = memo.columnOf(row, p.text);
  if (col < 0) return false;
  const filled = memo.filledOf(ti, table);
  // The column's own header first: "年度总体目标 | 预期目标 | 实际完成情况" — the 实际完成情况 column states results although
  // its row is labelled with the target.
  for (let k = r - 1; k >= 0 && k >= r - 40; k--) {
    // A row of another shape starts another block of the form: its header is not this cell's.
    if (Math.abs(filled[k]! - filled[r]!) > 1) break;
    const h = table.rows[k]!.cells[col] ?? '';
    if (h.length > 20) continue;
    const v = memo.headerVerdict(h);
    if (v !== undefined) return v;
  }
  return col > 0 && TARGET_HEADER.test(row.cells[0] ?? '') && !/完成/.test(row.cells[0] ?? '');
}
