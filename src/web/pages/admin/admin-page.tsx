/**
 * 系统管理 (administration): users and their roles, regions and departments, tasks, rubrics. An administrator sees all
 * four; the bureau's reviewer (绩效科) runs tasks and rubrics. The server checks every request; this page only spares
 * a person the screens they cannot use.
 */
import { Button, Result } from 'antd';
import { useT } from '../../lib/i18n.tsx';
import { navigate } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { hasRole } from '../../lib/types.ts';
import { NotFound } from '../not-found.tsx';
import { DepartmentsSection } from './departments.tsx';
import { RubricsSection } from './rubrics.tsx';
import { TasksSection } from './tasks.tsx';
import { UsersSection } from './users.tsx';

export default function AdminPage({ section }: { section: string }) {
  const { t } = useT();
  const { me } = useSession();
  const admin = hasRole(me, 'admin');
  const runsTasks = admin || hasRole(me, 'reviewer');
  const noAccess = (
    <Result
      status="403"
      title={t('无权使用此页面', 'Not yours to use')}
      subTitle={admin ? undefined : t('此页面供系统管理员使用；如需开通，请联系系统管理员。', 'This page is for administrators; ask one if you need it.')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('回到我的任务', 'Back to my tasks')}
        </Button>
      }
    />
  );
  switch (section) {
    case 'users':
      return admin ? <UsersSection /> : noAccess;
    case 'departments':
      return admin ? <DepartmentsSection /> : noAccess;
    case 'tasks':
      return runsTasks ? <TasksSection /> : noAccess;
    case 'rubrics':
      return runsTasks ? <RubricsSection /> : noAccess;
    default:
      return <NotFound />;
  }
}
