/**
 * The editor works on the plain data the server stores (the JSON of one version). These helpers read and write it
 * by field path, immutably: a change copies only the objects on the way to the field, so every other field —
 * shown by the form or not — stays exactly as it was.
 */
import type { z } from 'zod';
import { evaluationSchema } from '../../../core/model/evaluation.ts';
import { defOf, shapeOf } from '../../../core/model/schema-walk.ts';
import { type PathSegment, formatPath } from '../../../core/problem.ts';
import { parsePath } from '../../../core/workflow/reasons.ts';

export type Data = Record<string, unknown>;
export { formatPath, parsePath };
export type { PathSegment };

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function getIn(obj: unknown, path: readonly PathSegment[]): unknown {
  let cur = obj;
  for (const seg of path) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isRecord(cur) ? cur[seg] : undefined;
  }
  return cur;
}

const isEmptyRecord = (v: unknown) => isRecord(v) && Object.keys(v).length === 0;

/**
 * `obj` with the value at `path` replaced; `undefined` removes the field (and an object left empty by it, so that
 * clearing a figure does not leave `{}` behind). Missing objects and arrays on the way are created.
 */
export function setIn<T>(obj: T, path: readonly PathSegment[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  if (typeof head === 'number') {
    const arr = Array.isArray(obj) ? [...(obj as unknown[])] : [];
    arr[head] = setIn(arr[head], rest, value);
    return arr as T;
  }
  const rec: Record<string, unknown> = isRecord(obj) ? { ...obj } : {};
  const next = setIn(rec[head], rest, value);
  if (next === undefined || (rest.length > 0 && isEmptyRecord(next) && !isEmptyRecord(rec[head]))) delete rec[head];
  else rec[head] = next;
  return rec as T;
}

/** A list with one element removed or added, at the path of the list. */
export function removeAt<T>(obj: T, listPath: readonly PathSegment[], index: number): T {
  const list = getIn(obj, listPath);
  if (!Array.isArray(list)) return obj;
  const next = list.filter((_, i) => i !== index);
  return setIn(obj, listPath, next.length ? next : undefined);
}
export function append<T>(obj: T, listPath: readonly PathSegment[], item: unknown): T {
  const list = getIn(obj, listPath);
  return setIn(obj, listPath, [...(Array.isArray(list) ? list : []), item]);
}

/** Whether field key `k` is `base` or lies inside it ("budget.actualSpending.value" inside "budget.actualSpending"). */
export const within = (k: string, base: string): boolean => k === base || k.startsWith(`${base}.`) || k.startsWith(`${base}[`);

// ---------------------------------------------------------------------------------------------------------------
// Field labels from the schema's descriptions ("中文 / English").

/** The description of a field schema, looked for on its wrappers and on what they wrap. */
function describe(s: z.ZodType): string | undefined {
  let cur: z.ZodType | undefined = s;
  for (let i = 0; i < 8 && cur; i++) {
    const d = (cur as unknown as { description?: string }).description;
    if (d) return d;
    const def = defOf(cur);
    cur = def.innerType ?? (def.type === 'lazy' && def.getter ? def.getter() : undefined);
  }
  return undefined;
}

/** The field schema under `seg`, and its description (read before the wrappers are stripped: .meta sits outside). */
function step(s: z.ZodType, seg: PathSegment): z.ZodType | undefined {
  for (let i = 0; i < 16; i++) {
    const def = defOf(s);
    if (def.type === 'object') return typeof seg === 'string' ? shapeOf(s)[seg] : undefined;
    if (def.type === 'array') return typeof seg === 'number' ? def.element : undefined;
    if (def.type === 'record') return def.valueType;
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly') && def.innerType) s = def.innerType;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'union') {
      // A figure: { value, unit, source } is the object branch.
      const options = (s as unknown as { def: { options: z.ZodType[] } }).def.options;
      const obj = options.find((o) => defOf(o).type === 'object');
      if (!obj) return undefined;
      s = obj;
    } else return undefined;
  }
  return undefined;
}

/** Segments named here rather than by the schema (the schema's words are for a file's author). */
const OWN_LABELS: Record<string, [string, string]> = {
  value: ['数值', 'value'],
  unit: ['单位', 'unit'],
  source: ['出处', 'source'],
  executionRate: ['印出的执行率', 'printed execution rate'],
  adjustmentRate: ['印出的调整率', 'printed adjustment rate'],
  printed: ['', ''],
};
const SEG_LABELS: Record<string, [string, string]> = {
  department: ['部门信息', 'department'],
  selfScores: ['自评得分', 'self-scores'],
  items: ['评分项', 'items'],
  rows: ['明细', 'rows'],
  keyIndicators: ['关键指标', 'key indicators'],
};

const labelCache = new Map<string, string>();

/**
 * "budget.fundSources[0].actualSpending" → "部门预算总体情况 › 按资金来源 第 1 项 › 实际支出（决算数）", from the
 * schema's own descriptions; segments the schema does not describe are shown as they are.
 */
export function fieldLabel(pathText: string, lang: 'zh' | 'en'): string {
  const key = `${lang}|${pathText}`;
  const hit = labelCache.get(key);
  if (hit !== undefined) return hit;
  const parts: string[] = [];
  let s: z.ZodType | undefined = evaluationSchema;
  for (const seg of parsePath(pathText)) {
    const next: z.ZodType | undefined = s ? step(s, seg) : undefined;
    if (typeof seg === 'number') {
      parts.push(lang === 'zh' ? `第 ${seg + 1} 项` : `#${seg + 1}`);
    } else {
      const d = next ? describe(next) : undefined;
      const [zh, en] = OWN_LABELS[seg] ?? (d?.includes(' / ') ? (d.split(' / ') as [string, string]) : (SEG_LABELS[seg] ?? [seg, seg]));
      const label = lang === 'zh' ? zh.replace(/（.*$/, '') || zh : en;
      if (label) parts.push(label);
    }
    s = next;
  }
  const out = parts.join(' › ') || (lang === 'zh' ? '全部内容' : 'everything');
  labelCache.set(key, out);
  return out;
}

/** A stored value as one short line: an amount as "3229.91 万元", a list or object abbreviated (its members named by the schema when `at` gives its path). */
export function shortValue(v: unknown, lang: 'zh' | 'en', at?: string): string {
  if (v === undefined) return lang === 'zh' ? '（空）' : '(empty)';
  if (v === null) return '—';
  if (typeof v === 'string') return v.length > 120 ? `${v.slice(0, 120)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isRecord(v) && 'value' in v && (typeof v.value === 'string' || typeof v.value === 'number')) return `${v.value}${typeof v.unit === 'string' ? ` ${v.unit}` : ''}`;
  const cut = (x: string) => (x.length > 160 ? `${x.slice(0, 160)}…` : x);
  if (Array.isArray(v)) {
    const names = v.map((x) => (isRecord(x) && typeof x.name === 'string' ? x.name || (lang === 'zh' ? '（未命名）' : '(unnamed)') : shortValue(x, lang)));
    return cut(`${lang === 'zh' ? `${v.length} 项：` : `${v.length}: `}${names.join(lang === 'zh' ? '；' : '; ')}`);
  }
  if (isRecord(v)) {
    return cut(
      Object.entries(v)
        .filter(([k]) => k !== 'source')
        .map(([k, x]) => {
          const sub = at ? `${at}.${k}` : undefined;
          const name = sub ? (fieldLabel(sub, lang).split(' › ').pop() ?? k) : k;
          return `${name}${lang === 'zh' ? '：' : ': '}${typeof x === 'object' && x !== null ? shortValue(x, lang, sub) : String(x)}`;
        })
        .join(lang === 'zh' ? '；' : '; '),
    );
  }
  return cut(JSON.stringify(v));
}

export const pathKey = (path: readonly PathSegment[]) => formatPath(path);
