/**
 * Test helpers for the audit rules, imported only by the `*.test.ts` files beside it (not shipped logic). Pure like
 * the rest of the core: no node:, no console, no assert — a case's `run` returns what was found beside what was
 * expected, and the test compares the two with `assert.deepStrictEqual`, so a failure shows a readable diff.
 *
 * Every rule has a table of made-up cases (`ruleCases`): at least one where it must stay silent and one where it must
 * fire, with the severity, printed and computed values and the places the finding must name. coverage.test.ts reads
 * the test files for `ruleCases('<code>'` and fails when a code of the registry has none. Figures and names are
 * invented; none is a seed's.
 */
import type { Evaluation } from '../../model/evaluation.ts';
import type { Source } from '../../model/money.ts';
import { parseEvaluation } from '../../model/parse.ts';
import { parseRubric } from '../../rubric/parse.ts';
import type { Rubric } from '../../rubric/schema.ts';
import { extractFacts } from '../../text/facts.ts';
import { fromSource } from '../context.ts';
import { audit } from '../index.ts';
import type { AuditInput, Finding, FindingLocation, Passage, Severity } from '../types.ts';

/** The made-up document every located figure of these cases was "printed" in. */
export const FILE = '样例区文化馆-自评.txt';
export const DEPARTMENT = '样例市样例区文化馆';

/** A made-up evaluation from file data (the YAML a person writes); a bad builder is a programmer error. */
export function evaluation(data: Record<string, unknown>): Evaluation {
  const r = parseEvaluation({ department: { name: DEPARTMENT }, year: 2024, ...data });
  if (!r.ok) throw new Error(`made-up evaluation does not parse: ${JSON.stringify(r.problems)}`);
  return r.value;
}

/** Where a figure was printed: a line of the made-up document, with the text as it stood. */
export function src(line: number, text: string, more: Partial<Source> = {}): Source {
  return { file: FILE, line, text, ...more };
}

/** An amount as the importer writes it: `{ value, source }` (the unit comes from the table or the file). */
export function fig(value: string | number, line: number, text: string, more: Partial<Source> = {}): { value: string | number; source: Source } {
  return { value, source: src(line, text, more) };
}

/** A printed rate with where it was printed. */
export function printed(text: string, line: number, sourceText = text): { value: string; source: Source } {
  return { value: text, source: src(line, sourceText) };
}

/** A narrative passage printed on `line`: its facts, and a locator giving that line and the sentence around a span. */
export function passage(text: string, line: number, isTarget = false): Passage {
  return {
    text,
    facts: extractFacts(text),
    isTarget,
    locate: (start, end) => {
      const from = Math.max(0, text.lastIndexOf('。', start - 1) + 1);
      const stop = text.indexOf('。', end);
      return fromSource({ file: FILE, line, text: text.slice(from, stop < 0 ? text.length : stop + 1) });
    },
  };
}

/** A made-up rubric; a bad builder is a programmer error. */
export function rubric(raw: Record<string, unknown>): Rubric {
  const r = parseRubric({ id: 'made-up', name: '样例评分表', precision: 2, ...raw });
  if (!r.ok) throw new Error(`made-up rubric does not parse: ${JSON.stringify(r.problems)}`);
  return r.value;
}

/** What the audit receives beside the evaluation (rubric, importer passages, missing fields, hasFigures). */
export type Extra = Omit<AuditInput, 'evaluation'>;

export interface CleanCase {
  /** What the example shows, as a reviewer would say it. */
  readonly name: string;
  /** The evaluation as file data (department and year are added). */
  readonly data: Record<string, unknown>;
  readonly with?: Extra;
}

export type ExpectedLocation = { readonly [K in keyof FindingLocation]?: FindingLocation[K] | undefined };

export interface Expected {
  readonly severity: Severity;
  readonly printed?: string;
  readonly computed?: string;
  /** Tested against the Chinese message. */
  readonly message?: RegExp;
  /** Each listed place, compared on the keys given, in order (`line: undefined`: the place has no line). */
  readonly locations?: readonly ExpectedLocation[];
}

export interface FaultyCase extends CleanCase {
  /** One finding, or one per finding in the audit's order. */
  readonly expect: Expected | readonly Expected[];
}

export interface RuleCases {
  readonly rule: string;
  readonly clean: readonly [CleanCase, ...CleanCase[]];
  readonly faulty: readonly [FaultyCase, ...FaultyCase[]];
}

/** The examples of one rule: the types make a clean and a faulty case both required. */
export function ruleCases(rule: string, cases: Omit<RuleCases, 'rule'>): RuleCases {
  return { rule, ...cases };
}

export interface CaseRun {
  readonly actual: unknown;
  readonly expected: unknown;
}

export interface CaseTest {
  readonly name: string;
  readonly run: () => CaseRun;
}

/** The findings of `rule` on a case, through the whole audit (the registry as the CLI runs it). */
export function findingsOf(rule: string, c: CleanCase): Finding[] {
  return audit({ evaluation: evaluation(c.data), file: FILE, ...(c.with ?? {}) }).findings.filter((f) => f.rule === rule);
}

function pick(l: FindingLocation, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (l as Record<string, unknown>)[k];
  return out;
}

/** A finding seen through what a case expects of it: the keys it names, the message as the pattern when it matches. */
function project(f: Finding | undefined, x: Expected | undefined): Record<string, unknown> {
  if (!f) return { missing: 'no finding' };
  const out: Record<string, unknown> = { severity: f.severity };
  if (!x || 'printed' in x) out['printed'] = f.printed;
  if (!x || 'computed' in x) out['computed'] = f.computed;
  if (x?.message) out['message'] = x.message.test(f.message.zh) ? String(x.message) : f.message.zh;
  else if (!x) out['message'] = f.message.zh;
  if (x?.locations) {
    out['locations'] = f.locations.map((l, i) => {
      const want = x.locations![i];
      return want ? pick(l, Object.keys(want)) : l;
    });
  }
  return out;
}

function expected(x: Expected): Record<string, unknown> {
  const out: Record<string, unknown> = { severity: x.severity };
  if ('printed' in x) out['printed'] = x.printed;
  if ('computed' in x) out['computed'] = x.computed;
  if (x.message) out['message'] = String(x.message);
  if (x.locations) out['locations'] = x.locations.map((l) => ({ ...l }));
  return out;
}

/** The tests of one rule's table: each clean case gives no finding of the rule, each faulty case exactly those expected. */
export function caseTests(rc: RuleCases): CaseTest[] {
  const clean = rc.clean.map((c) => ({
    name: `stays silent: ${c.name}`,
    run: (): CaseRun => ({ actual: findingsOf(rc.rule, c).map((f) => `${f.severity}: ${f.message.zh}`), expected: [] }),
  }));
  const faulty = rc.faulty.map((c) => ({
    name: `fires: ${c.name}`,
    run: (): CaseRun => {
      const list: readonly Expected[] = Array.isArray(c.expect) ? c.expect : [c.expect as Expected];
      const found = findingsOf(rc.rule, c);
      const n = Math.max(found.length, list.length);
      return {
        actual: Array.from({ length: n }, (_, i) => project(found[i], list[i])),
        expected: Array.from({ length: n }, (_, i) => (list[i] ? expected(list[i]!) : { missing: 'no finding' })),
      };
    },
  }));
  return [...clean, ...faulty];
}

export type Cells = readonly (string | null)[];

/**
 * A made-up funding-structure table (资金结构表) whose header prints ③=①+②, ⑤=④/③, ⑥=③−④, ⑦=⑥/③; every figure
 * adds up (项目支出 510 of 600 = 85%, 基本支出 705 of 750 = 94%, 财政资金小计 = 项目 + 基本, 合计 = 小计 + 其他收入).
 */
export const COLUMNS = [
  { label: '年初安排', mark: '①', output: 'money' },
  { label: '年中调整', mark: '②', output: 'money' },
  { label: '小计', mark: '③', formula: '①+②', output: 'money' },
  { label: '拨付', mark: '④', output: 'money' },
  { label: '支出实现率', mark: '⑤', formula: '④/③', output: 'rate' },
  { label: '结余', mark: '⑥', formula: '③-④', output: 'money' },
  { label: '结余率', mark: '⑦', formula: '⑥/③', output: 'rate' },
] as const;

export const CLEAN_ROWS: readonly (readonly [string, Cells])[] = [
  ['财政资金小计', ['1,200.00', '150.00', '1,350.00', '1,215.00', '90.00%', '135.00', '10.00%']],
  ['项目支出', ['500.00', '100.00', '600.00', '510.00', '85.00%', '90.00', '15.00%']],
  ['基本支出', ['700.00', '50.00', '750.00', '705.00', '94.00%', '45.00', '6.00%']],
  ['其他收入', ['80.00', '0.00', '80.00', '72.00', '90.00%', '8.00', '10.00%']],
  ['合计', ['1,280.00', '150.00', '1,430.00', '1,287.00', '90.00%', '143.00', '10.00%']],
];

/** The table as the importer writes it, rows printed from line 11 on; `change` replaces one row's cells. */
export function fundingTable(change: Record<string, Cells> = {}, columns: readonly Record<string, string>[] = COLUMNS) {
  return {
    title: '部门整体支出资金结构表',
    unit: '万元',
    columns,
    rows: CLEAN_ROWS.map(([name, cells], i) => {
      const row = change[name] ?? cells;
      return { name, cells: row, source: src(11 + i, [name, ...row.map((c) => c ?? '')].join(' | '), { table: '部门整体支出资金结构表' }) };
    }),
    source: src(10, '年初安排① | 年中调整② | 小计③=①+② | 拨付④ | 支出实现率⑤=④/③ | 结余⑥=③−④ | 结余率⑦=⑥/③'),
  };
}
