/** What the administration screens share: the shapes of the admin API, loaders, and error text for messages. */
import type { FormInstance } from 'antd';
import { ApiProblem } from '../../lib/api.ts';
import type { Lang } from '../../lib/i18n.tsx';
import type { Me, Role } from '../../lib/types.ts';

export interface Region {
  readonly id: string;
  readonly name: string;
  readonly code: string | null;
  readonly parentId: string | null;
}

export interface Department {
  readonly id: string;
  readonly regionId: string;
  readonly name: string;
  readonly code: string | null;
  readonly parentId: string | null;
}

export interface Grant {
  readonly id: string;
  readonly role: Role;
  readonly departmentId: string | null;
  readonly regionId: string | null;
  readonly taskId: string | null;
}

export interface UserRow {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly isActive: boolean;
  readonly roles: readonly Grant[];
}

export interface RubricListItem {
  readonly id: string;
  readonly name: string;
  readonly year: number | null;
  readonly total: string | null;
  readonly source: string | null;
  readonly builtIn: boolean;
  readonly items: number;
  readonly fileName?: string;
  readonly createdAt?: string;
}

/** A refused request as one line in the user's language (title and what to do). */
export const errorText = (e: unknown, lang: Lang): string => (e instanceof ApiProblem ? e.text(lang) : String(e));

/** An administrator of everything (no region): may add regions and grant global roles. */
export const isGlobalAdmin = (me: Me | null): boolean => !!me?.roles.some((r) => r.role === 'admin' && !r.regionId);

/**
 * Puts each field problem of a refused form beside its field (the server names it by path: "rubricId",
 * "departmentIds[2]"); true when at least one found its field.
 */
export function showFieldErrors(form: FormInstance, e: unknown, lang: Lang, fields: readonly string[]): boolean {
  if (!(e instanceof ApiProblem)) return false;
  const byField = new Map<string, string[]>();
  for (const item of e.errors) {
    const field = item.path.split(/[.[]/)[0] ?? '';
    if (!fields.includes(field)) continue;
    const text = lang === 'zh' ? item.zh : item.en || item.zh;
    byField.set(field, [...(byField.get(field) ?? []), text]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}

/** Departments of a region as a tree: departments first, their units beneath (for Tree and TreeSelect). */
export interface DepartmentNode {
  readonly title: string;
  readonly value: string;
  readonly key: string;
  readonly children?: DepartmentNode[];
}

export function departmentTree(departments: readonly Department[], regionId: string): DepartmentNode[] {
  const inRegion = departments.filter((d) => d.regionId === regionId);
  const label = (d: Department) => (d.code ? `${d.name}（${d.code}）` : d.name);
  const childrenOf = (parentId: string): DepartmentNode[] =>
    inRegion.filter((d) => d.parentId === parentId).map((d) => ({ title: label(d), value: d.id, key: d.id, ...(inRegion.some((x) => x.parentId === d.id) ? { children: childrenOf(d.id) } : {}) }));
  return inRegion.filter((d) => d.parentId === null || !inRegion.some((x) => x.id === d.parentId)).map((d) => {
    const children = childrenOf(d.id);
    return { title: label(d), value: d.id, key: d.id, ...(children.length ? { children } : {}) };
  });
}
