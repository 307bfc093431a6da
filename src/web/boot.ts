/**
 * A script of its own, before the app's (index.html): the first screen's requests start while the browser is still
 * compiling the app, instead of after it. api.ts takes these answers the first time the same GET is made;
 * an answer that is not OK (not logged in yet) is dropped and the request is made again then.
 */
const FIRST_SCREEN = ['/api/session', '/api/tasks', '/api/rubrics'];

const early = new Map<string, Promise<Response>>();
(window as unknown as { __jixiaoEarly: typeof early }).__jixiaoEarly = early;
for (const path of FIRST_SCREEN) {
  const p = fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  p.catch(() => undefined);
  early.set(path, p);
}
