/**
 * Return reasons (退回理由) beside the fields they concern. A reviewer returns an evaluation with one or more reasons;
 * each may name a field of the evaluation (a path, as problems and findings name one) and/or a rubric item. The
 * preparer's form shows each reason at its field, the scorecard at its rubric item, and the rest at the top.
 */
import { type PathSegment, formatPath } from '../problem.ts';
import type { Group, Leaf, Rubric } from '../rubric/schema.ts';

export interface ReturnReason {
  readonly text: string;
  /** The field concerned, e.g. ["budget", "actualSpending"] or ["indicators", 3, "actual"]. */
  readonly path?: readonly PathSegment[];
  /** The rubric item concerned: its id (or name, or "二级/三级" path) in the task's rubric. */
  readonly rubricItem?: string;
}

/** A rubric item as the placement needs it: id, name and names from 一级 down. */
export interface RubricItemRef {
  readonly id: string;
  readonly name: string;
  readonly path: readonly string[];
}

/** Every item of a rubric, groups and leaves, with the id the rubric engine gives it (its id, else its path). */
export function rubricItemRefs(rubric: Pick<Rubric, 'items'>): RubricItemRef[] {
  const out: RubricItemRef[] = [];
  const walk = (items: readonly (Group | Leaf)[], prefix: readonly string[]) => {
    for (const node of items) {
      const path = [...prefix, node.name];
      out.push({ id: node.id ?? path.join('/'), name: node.name, path });
      if ('items' in node) walk(node.items, path);
    }
  };
  walk(rubric.items, []);
  return out;
}

export interface PlacedReason {
  readonly reason: ReturnReason;
  /** Its index among the return's reasons (to number them as the reviewer did). */
  readonly index: number;
  /** The field key (formatPath of the path) it is shown at; the self-score entry for a rubric item. */
  readonly at?: string;
  /** Whether that field holds a value in this version (a reason may ask for a field that is still empty). */
  readonly isPresent: boolean;
}

export interface PlacedReasons {
  /** By field key, e.g. "budget.actualSpending", "indicators[3].actual", "selfScores.items[2]". */
  readonly byField: ReadonlyMap<string, readonly PlacedReason[]>;
  /** By rubric item id (when the rubric is known) or as the reviewer wrote it. */
  readonly byRubricItem: ReadonlyMap<string, readonly PlacedReason[]>;
  /** Reasons about the evaluation as a whole: no field, no rubric item. */
  readonly general: readonly PlacedReason[];
}

/** "indicators[3].actual" → ["indicators", 3, "actual"]; the inverse of formatPath. */
export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

const isFilled = (v: unknown): boolean => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The rubric item a reviewer named, by id, name, full path "一级/二级/三级" or a path suffix. */
function findItem(items: readonly RubricItemRef[], key: string): RubricItemRef | undefined {
  const k = key.trim();
  const segs = k.split('/').map((s) => s.trim()).filter(Boolean);
  return (
    items.find((i) => i.id === k) ??
    items.find((i) => i.name === k) ??
    items.find((i) => segs.length > 1 && i.path.slice(-segs.length).join('/') === segs.join('/'))
  );
}

/** The index of the self-score entry (selfScores.items[i]) that scores the rubric item, if any. */
function selfScoreIndex(evaluation: unknown, item: RubricItemRef | undefined, key: string): number | undefined {
  const entries = valueAt(evaluation, ['selfScores', 'items']);
  if (!Array.isArray(entries)) return undefined;
  const names = new Set([key.trim(), ...(item ? [item.id, item.name, item.path.join('/')] : [])]);
  const i = entries.findIndex((e) => {
    const name = (e as { item?: unknown } | null)?.item;
    if (typeof name !== 'string') return false;
    const n = name.trim();
    return names.has(n) || (item !== undefined && n.includes('/') && item.path.join('/').endsWith(n));
  });
  return i < 0 ? undefined : i;
}

/**
 * Places a return's reasons onto an evaluation version (plain data as stored) and, when given, the task's rubric
 * items. A reason with a path shows at that field — present or not, since a reason may ask for an empty field; a
 * reason with a rubric item shows at that item and at the self-score entry scoring it; a reason with neither is
 * general. Nothing is dropped: every reason lands in at least one place.
 */
export function placeReasons(reasons: readonly ReturnReason[], evaluation: unknown, rubricItems: readonly RubricItemRef[] = []): PlacedReasons {
  const byField = new Map<string, PlacedReason[]>();
  const byRubricItem = new Map<string, PlacedReason[]>();
  const general: PlacedReason[] = [];
  const add = (m: Map<string, PlacedReason[]>, key: string, p: PlacedReason) => m.set(key, [...(m.get(key) ?? []), p]);
  reasons.forEach((reason, index) => {
    let placed = false;
    if (reason.path?.length) {
      const at = formatPath(reason.path);
      add(byField, at, { reason, index, at, isPresent: isFilled(valueAt(evaluation, reason.path)) });
      placed = true;
    }
    if (reason.rubricItem?.trim()) {
      const item = findItem(rubricItems, reason.rubricItem);
      const selfIndex = selfScoreIndex(evaluation, item, reason.rubricItem);
      const at = selfIndex === undefined ? undefined : formatPath(['selfScores', 'items', selfIndex]);
      const p: PlacedReason = { reason, index, ...(at ? { at } : {}), isPresent: at !== undefined };
      add(byRubricItem, item?.id ?? reason.rubricItem.trim(), p);
      if (at && !byField.get(at)?.some((x) => x.index === index)) add(byField, at, p);
      placed = true;
    }
    if (!placed) general.push({ reason, index, isPresent: true });
  });
  return { byField, byRubricItem, general };
}

/** The reasons shown at exactly this field. */
export function reasonsAt(placed: PlacedReasons, path: readonly PathSegment[]): readonly PlacedReason[] {
  return placed.byField.get(formatPath(path)) ?? [];
}

/**
 * The reasons at this field or anywhere under it — for a section or table heading ("3 条退回理由"). The empty path
 * gives every reason placed at a field.
 */
export function reasonsUnder(placed: PlacedReasons, path: readonly PathSegment[]): readonly PlacedReason[] {
  const key = formatPath(path);
  const out: PlacedReason[] = [];
  const seen = new Set<number>();
  for (const [at, list] of placed.byField) {
    if (key === '' || at === key || at.startsWith(`${key}.`) || at.startsWith(`${key}[`)) {
      for (const p of list) if (!seen.has(p.index)) (seen.add(p.index), out.push(p));
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
