/** The rubrics' names by id (GET /api/rubrics, fetched once per page load): a task shows its rubric's name, not its id. */
import { useEffect, useState } from 'react';
import { api } from './api.ts';

let names: Promise<Map<string, string>> | undefined;
export function rubricNames(): Promise<Map<string, string>> {
  names ??= api
    .get<{ id: string; name: string }[]>('/api/rubrics')
    .then((list) => new Map(list.map((r) => [r.id, r.name])))
    .catch(() => {
      names = undefined;
      return new Map<string, string>();
    });
  return names;
}
/** Forgets the list (after a rubric is imported). */
export const forgetRubricNames = () => {
  names = undefined;
};

export function useRubricName(id: string | null | undefined): string | undefined {
  const [name, setName] = useState<string>();
  useEffect(() => {
    if (!id) return;
    let live = true;
    void rubricNames().then((m) => live && setName(m.get(id) ?? id));
    return () => {
      live = false;
    };
  }, [id]);
  return id ? (name ?? id) : undefined;
}
