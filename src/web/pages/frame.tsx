/**
 * The frame around every page: product name, the sections the caller's roles open, language, account and logout.
 * Plain links and buttons (no menu component): the frame is on the first screen, which loads only what it shows.
 */
import { Button, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useContext } from 'react';
import { LangContext, useT } from '../lib/i18n.tsx';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { type Me, hasRole } from '../lib/types.ts';

const navStyle = (active: boolean): React.CSSProperties => ({
  padding: '0 12px',
  height: 52,
  display: 'inline-flex',
  alignItems: 'center',
  color: active ? '#1d5fbf' : '#333',
  borderBottom: active ? '2px solid #1d5fbf' : '2px solid transparent',
  whiteSpace: 'nowrap',
});

export function Frame({ me, children }: { me: Me; children: ReactNode }) {
  const { t, lang } = useT();
  const { setLang } = useContext(LangContext);
  const { logout } = useSession();
  const { path } = useLocation();
  const items: { to: string; label: string }[] = [{ to: '/', label: t('我的任务', 'My tasks') }];
  if (hasRole(me, 'admin')) {
    items.push(
      { to: '/admin/users', label: t('用户与角色', 'Users and roles') },
      { to: '/admin/departments', label: t('地区与部门', 'Regions and departments') },
      { to: '/admin/tasks', label: t('评价任务', 'Tasks') },
      { to: '/admin/rubrics', label: t('评分规则', 'Rubrics') },
    );
  } else if (hasRole(me, 'reviewer')) {
    items.push({ to: '/admin/tasks', label: t('评价任务', 'Tasks') }, { to: '/admin/rubrics', label: t('评分规则', 'Rubrics') });
  }
  const active = (to: string) => (to === '/' ? path === '/' || path.startsWith('/tasks/') || path.startsWith('/evaluations/') || path.startsWith('/review/') : path.startsWith(to));
  const roles = [...new Set(me.roles.map((r) => (lang === 'zh' ? r.labelZh : r.labelEn)))].join(lang === 'zh' ? '、' : ', ');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '0 20px', background: '#fff', borderBottom: '1px solid #e8e8e8', height: 52, lineHeight: '52px', position: 'sticky', top: 0, zIndex: 10 }}>
        <Link to="/" style={{ color: 'inherit', whiteSpace: 'nowrap' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('部门整体支出绩效自评与审核', 'Performance self-evaluation and review')}
          </Typography.Text>
        </Link>
        <nav style={{ flex: 1, minWidth: 0, display: 'flex', overflowX: 'auto' }} aria-label={t('主菜单', 'Main menu')}>
          {items.map((i) => (
            <Link key={i.to} to={i.to} style={navStyle(active(i.to))} aria-current={active(i.to) ? 'page' : undefined}>
              {i.label}
            </Link>
          ))}
        </nav>
        <Space size="small">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} data-testid="account" title={roles}>
            {me.user.displayName}
            <span style={{ marginLeft: 6, fontSize: 12 }}>（{roles}）</span>
          </Typography.Text>
          <Button size="small" type="text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
          <Button size="small" onClick={() => void logout().then(() => navigate('/', true))}>
            {t('退出', 'Log out')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: '16px 20px', maxWidth: 1600, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
    </Layout>
  );
}
