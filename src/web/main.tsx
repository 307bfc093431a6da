import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { api } from './lib/api.ts';
import { match } from './lib/router.tsx';
import type { Me } from './lib/types.ts';
import { loadHome, preloadHome } from './pages/home.tsx';

performance.mark('jixiao-app-start');
// The session (and, on the home page, its tasks) is asked for before the first render — the requests were started
// by boot.ts while the app compiled — so the first screen is drawn once, complete, rather than spinner, skeleton, page.
const root = createRoot(document.getElementById('root')!);
(async () => {
  let me: Me | null = null;
  try {
    me = await api.get<Me>('/api/session');
  } catch {
    me = null;
  }
  if (me && match('/', location.pathname)) preloadHome(await loadHome(me).catch(() => undefined));
  root.render(<App initialMe={me} />);
})();
