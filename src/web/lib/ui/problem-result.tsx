/** A page that could not load: what went wrong and what to do (not found, no access, server unreachable). */
import { Button, Space, Typography } from 'antd';
import type { ApiProblem } from '../api.ts';
import { useT } from '../i18n.tsx';
import { navigate } from '../router.tsx';

export function Notice({ title, detail, children, testId }: { title: string; detail?: string; children?: React.ReactNode; testId?: string }) {
  return (
    <div style={{ textAlign: 'center', padding: '64px 16px' }} data-testid={testId} role="alert">
      <div style={{ fontSize: 40, color: '#bfbfbf', lineHeight: 1 }} aria-hidden>
        ⓘ
      </div>
      <Typography.Title level={4}>{title}</Typography.Title>
      {detail ? <Typography.Paragraph type="secondary">{detail}</Typography.Paragraph> : null}
      <Space>{children}</Space>
    </div>
  );
}

export function ProblemResult({ problem, retry }: { problem: ApiProblem; retry?: () => void }) {
  const { t, lang } = useT();
  return (
    <Notice testId="problem" title={problem.status === 404 ? t('找不到，或无权查看', 'Not found, or not yours to see') : t('无法打开', 'Could not open this')} detail={problem.text(lang)}>
      {retry ? <Button onClick={retry}>{t('重试', 'Try again')}</Button> : null}
      <Button type="primary" onClick={() => navigate('/')}>
        {t('回到我的任务', 'Back to my tasks')}
      </Button>
    </Notice>
  );
}
