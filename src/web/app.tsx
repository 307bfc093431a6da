/**
 * The app: language and Ant Design locale, the session (login page until there is one), the frame with the menu
 * for the caller's roles, and the pages. Pages that only some roles open (the desk with its charts, the editor,
 * the administration) load on first use, so the first screen carries only what it shows.
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { api, setCsrfToken, setOnLoggedOut } from './lib/api.ts';
import { type Lang, LangContext, saveLang, savedLang } from './lib/i18n.tsx';
import { match, useLocation } from './lib/router.tsx';
import { SessionContext } from './lib/session.tsx';
import type { Me } from './lib/types.ts';
import { Frame } from './pages/frame.tsx';
import { HomePage } from './pages/home.tsx';
import { LoginPage } from './pages/login.tsx';
import { NotFound } from './pages/not-found.tsx';

const EditorPage = lazy(() => import('./pages/editor/editor-page.tsx'));
const DeskPage = lazy(() => import('./pages/desk/desk-page.tsx'));
const ReviewPage = lazy(() => import('./pages/review/review-page.tsx'));
const AdminPage = lazy(() => import('./pages/admin/admin-page.tsx'));

function Page({ me }: { me: Me }) {
  const { path } = useLocation();
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '') return <HomePage me={me} />;
  if ((m = match('/evaluations/:id', path))) return <EditorPage key={m.id} id={m.id!} />;
  if ((m = match('/tasks/:id', path))) return <DeskPage key={m.id} taskId={m.id!} />;
  if ((m = match('/review/:id', path))) return <ReviewPage key={m.id} id={m.id!} />;
  if ((m = match('/admin/:section', path))) return <AdminPage section={m.section!} />;
  if (path === '/admin') return <AdminPage section="users" />;
  return <NotFound />;
}

/** `initialMe`: the session as loaded before the first render (undefined: not asked yet; null: not logged in). */
export function App({ initialMe }: { initialMe?: Me | null }) {
  const [lang, setLangState] = useState<Lang>(savedLang());
  const [me, setMe] = useState<Me | null | undefined>(initialMe);
  const setLang = useCallback((l: Lang) => {
    saveLang(l);
    setLangState(l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  }, []);

  const refresh = useCallback(async () => {
    try {
      const m = await api.get<Me>('/api/session');
      setCsrfToken(m.csrfToken);
      setMe(m);
    } catch {
      setMe(null);
    }
  }, []);
  const logout = useCallback(async () => {
    await api.del('/api/session').catch(() => undefined);
    setMe(null);
  }, []);
  useEffect(() => {
    setOnLoggedOut(() => setMe(null));
    if (initialMe === undefined) void refresh();
    else if (initialMe) setCsrfToken(initialMe.csrfToken);
  }, [refresh, initialMe]);

  const session = useMemo(() => ({ me: me ?? null, refresh, logout }), [me, refresh, logout]);
  const langValue = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return (
    <LangContext.Provider value={langValue}>
      <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1d5fbf', borderRadius: 4, fontSize: 14 } }}>
        <AntApp>
          <SessionContext.Provider value={session}>
            {me === undefined ? (
              <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
                <Spin size="large" />
              </div>
            ) : me === null ? (
              <LoginPage onLoggedIn={(m) => { setCsrfToken(m.csrfToken); setMe(m); }} />
            ) : (
              <Frame me={me}>
                <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin size="large" /></div>}>
                  <Page me={me} />
                </Suspense>
              </Frame>
            )}
          </SessionContext.Provider>
        </AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}
