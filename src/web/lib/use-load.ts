/** Loads something from the API for a page: data, the problem if it failed, and reload. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from './api.ts';

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], initial?: T): { data: T | undefined; error: ApiProblem | undefined; loading: boolean; reload: () => Promise<void>; set: (t: T) => void } {
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<ApiProblem>();
  const [loading, setLoading] = useState(initial === undefined);
  const seq = useRef(0);
  // Data given at first render (preloaded) is not loaded again on mount; a reload or a change of deps loads.
  const skipFirst = useRef(initial !== undefined);
  const reload = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const d = await load();
      if (n === seq.current) {
        setData(d);
        setError(undefined);
      }
    } catch (e) {
      if (n === seq.current) setError(e instanceof ApiProblem ? e : new ApiProblem(0, 'client', String(e), String(e), undefined, undefined, [], {}));
    } finally {
      if (n === seq.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    void reload();
  }, [reload]);
  return { data, error, loading, reload, set: setData };
}
