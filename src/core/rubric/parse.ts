/**
 * From plain data to a checked rubric: the schema, then the rules a schema cannot say — weights add up at every
 * level, every method and metric exists, tier and criterion points fit the weight. Every problem is collected.
 */
import { type Exact, eq, gt, sum, toPlainString } from '../exact.ts';
import { FAMILIES } from '../formulas/library.ts';
import { problemsFromIssues } from '../model/parse.ts';
import { type PathSegment, type Problem, type Result, problem } from '../problem.ts';
import { FACTS_BY_ID } from './facts.ts';
import { type Group, type Leaf, METHOD_IDS, type Rubric, type SimpleLeaf, isLeaf, rubricSchema } from './schema.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Before the schema: an unknown `method` gets its own clear problem instead of a union mismatch. */
function findUnknownMethods(raw: unknown, path: PathSegment[], out: Problem[]): void {
  if (Array.isArray(raw)) {
    raw.forEach((x, i) => findUnknownMethods(x, [...path, i], out));
  } else if (isObject(raw)) {
    const m = raw['method'];
    if (m !== undefined && (typeof m !== 'string' || !(METHOD_IDS as readonly string[]).includes(m))) {
      out.push(problem('unknown-method', [...path, 'method'], { method: String(m), known: METHOD_IDS.join(', ') }));
    }
    for (const key of ['items', 'parts']) if (key in raw) findUnknownMethods(raw[key], [...path, key], out);
  }
}

const METRIC_IDS = (): Set<string> => new Set([...FAMILIES, ...[...FACTS_BY_ID.values()].filter((f) => f.kind === 'rate').map((f) => f.id)]);

function checkLeaf(leaf: Leaf | SimpleLeaf, path: PathSegment[], out: Problem[]): void {
  const metrics = METRIC_IDS();
  if ('metric' in leaf && !metrics.has(leaf.metric)) {
    out.push(problem('unknown-metric', [...path, 'metric'], { metric: leaf.metric, known: [...metrics].sort().join(', ') }));
  }
  if ('fact' in leaf && !FACTS_BY_ID.has(leaf.fact)) {
    out.push(problem('unknown-fact', [...path, 'fact'], { fact: leaf.fact, known: [...FACTS_BY_ID.keys()].join(', ') }));
  }
  switch (leaf.method) {
    case 'tiers':
      leaf.tiers.forEach((tier, i) => {
        if (gt(tier.points, leaf.weight)) out.push(problem('points-above-weight', [...path, 'tiers', i, 'points'], { points: toPlainString(tier.points), weight: toPlainString(leaf.weight) }));
      });
      break;
    case 'checklist': {
      const total = sum(leaf.criteria.map((c) => c.points));
      if (!eq(total, leaf.weight)) out.push(problem('weights-do-not-add-up', [...path, 'criteria'], { sum: toPlainString(total), weight: toPlainString(leaf.weight), item: leaf.name }));
      leaf.criteria.forEach((c, i) => {
        if (c.fact && !FACTS_BY_ID.has(c.fact)) out.push(problem('unknown-fact', [...path, 'criteria', i, 'fact'], { fact: c.fact, known: [...FACTS_BY_ID.keys()].join(', ') }));
      });
      break;
    }
    case 'sum': {
      const total = sum(leaf.parts.map((p) => p.weight));
      if (!eq(total, leaf.weight)) out.push(problem('weights-do-not-add-up', [...path, 'parts'], { sum: toPlainString(total), weight: toPlainString(leaf.weight), item: leaf.name }));
      leaf.parts.forEach((p, i) => checkLeaf(p, [...path, 'parts', i], out));
      break;
    }
    case 'veto':
      if (!eq(leaf.weight, { n: 0n, d: 1n })) out.push(problem('veto-has-weight', [...path, 'weight'], { item: leaf.name }));
      break;
    default:
      break;
  }
}

function checkItems(items: readonly (Group | Leaf)[], weight: Exact, name: string, path: PathSegment[], out: Problem[]): void {
  const total = sum(items.map((i) => i.weight));
  if (!eq(total, weight)) out.push(problem('weights-do-not-add-up', path, { sum: toPlainString(total), weight: toPlainString(weight), item: name }));
  const names = new Set<string>();
  items.forEach((it, i) => {
    const p = [...path, i];
    if (names.has(it.name)) out.push(problem('duplicate-item', [...p, 'name'], { item: it.name }));
    names.add(it.name);
    if (isLeaf(it)) checkLeaf(it, p, out);
    else checkItems(it.items, it.weight, it.name, [...p, 'items'], out);
  });
}

export function parseRubric(raw: unknown): Result<Rubric> {
  if (!isObject(raw)) return { ok: false, problems: [problem('not-a-rubric', [], {})] };
  const unknown: Problem[] = [];
  findUnknownMethods(raw['items'], ['items'], unknown);
  if (unknown.length) return { ok: false, problems: unknown };
  const r = rubricSchema.safeParse(raw, { reportInput: true });
  if (!r.success) return { ok: false, problems: problemsFromIssues(r.error.issues) };
  const rubric = r.data as Rubric;
  const problems: Problem[] = [];
  checkItems(rubric.items, rubric.total, rubric.name, ['items'], problems);
  return problems.length ? { ok: false, problems } : { ok: true, value: rubric, warnings: [] };
}
