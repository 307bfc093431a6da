import { Button } from 'antd';
import { useT } from '../lib/i18n.tsx';
import { navigate } from '../lib/router.tsx';
import { Notice } from '../lib/ui/problem-result.tsx';

export function NotFound() {
  const { t } = useT();
  return (
    <Notice testId="not-found" title={t('没有这个页面', 'No such page')} detail={t('地址可能输错了，或者您没有查看它的权限。', 'The address may be mistyped, or it is not yours to see.')}>
      <Button type="primary" onClick={() => navigate('/')}>
        {t('回到我的任务', 'Back to my tasks')}
      </Button>
    </Notice>
  );
}
