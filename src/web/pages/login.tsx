/** The login page: login name and password; a refused login says why (wrong password, too many tries …). */
import { Alert, Button, Input, Typography } from 'antd';
import { Panel } from '../lib/ui/panel.tsx';
import { type FormEvent, useContext, useState } from 'react';
import { ApiProblem, api } from '../lib/api.ts';
import { LangContext, useT } from '../lib/i18n.tsx';
import type { Me } from '../lib/types.ts';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const { t, lang } = useT();
  const { setLang } = useContext(LangContext);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ login?: boolean; password?: boolean }>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const m = { login: !login.trim(), password: !password };
    setMissing(m);
    if (m.login || m.password) return;
    const v = { login: login.trim(), password };
    setBusy(true);
    setError(undefined);
    try {
      onLoggedIn(await api.post<Me>('/api/session', v));
    } catch (e) {
      setError(e instanceof ApiProblem ? e.text(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(180deg,#e9eef6,#f5f6f8)' }}>
      <Panel style={{ width: 380, padding: 16, boxShadow: '0 2px 12px rgba(0,0,0,.06)' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('部门整体支出绩效自评与审核', 'Department-wide performance self-evaluation and review')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('请使用财政局分配的账户登录。', 'Log in with the account your finance bureau gave you.')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <form onSubmit={submit} noValidate>
          <label htmlFor="login" style={{ display: 'block', marginBottom: 6 }}>{t('登录名', 'Login name')}</label>
          <Input id="login" autoFocus autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} status={missing.login ? 'error' : ''} />
          <div style={{ color: '#d4380d', minHeight: 22, fontSize: 13 }}>{missing.login ? t('请输入登录名', 'Enter your login name') : ''}</div>
          <label htmlFor="password" style={{ display: 'block', marginBottom: 6 }}>{t('密码', 'Password')}</label>
          <Input.Password id="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} status={missing.password ? 'error' : ''} />
          <div style={{ color: '#d4380d', minHeight: 22, fontSize: 13 }}>{missing.password ? t('请输入密码', 'Enter your password') : ''}</div>
          <Button type="primary" htmlType="submit" block loading={busy} style={{ marginTop: 4 }}>
            {t('登录', 'Log in')}
          </Button>
        </form>
        <div style={{ marginTop: 16, textAlign: 'right' }}>
          <Button type="link" size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
        </div>
      </Panel>
    </div>
  );
}
