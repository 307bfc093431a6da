/**
 * 审核台 (the reviewer's desk) of one task: the task's header and moves, the ranked table of its evaluations, the
 * bureau's batch upload, the summary downloads, and the charts (loaded after the table, on demand).
 */
import { useRubricName } from '../../lib/rubric-names.ts';
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Dropdown, Modal, Popconfirm, Skeleton, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Suspense, lazy, useState } from 'react';
import { TASK_STATE_INFO } from '../../../core/workflow/states.ts';
import { TASK_ACTION_INFO } from '../../../core/workflow/task.ts';
import { ApiProblem, api } from '../../lib/api.ts';
import { pick, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { type SummaryRow, type Task, hasRole } from '../../lib/types.ts';
import { useLoad } from '../../lib/use-load.ts';
import { ProblemResult } from '../../lib/ui/problem-result.tsx';
import type { Previous } from './desk-charts.tsx';
import { DeskTable } from './desk-table.tsx';
import { UploadButton } from './desk-upload.tsx';

const DeskCharts = lazy(() => import('./desk-charts.tsx'));

/** The latest earlier task of the same region (the year before, or the nearest earlier year) and its rows. */
async function previousOf(task: Task): Promise<Previous | null> {
  const tasks = await api.get<Task[]>('/api/tasks');
  const earlier = tasks.filter((x) => x.id !== task.id && x.regionId === task.regionId && x.year < task.year && x.subject === task.subject).sort((a, b) => b.year - a.year || b.closesOn.localeCompare(a.closesOn));
  const prev = earlier[0];
  if (!prev) return null;
  return { task: prev, rows: await api.get<SummaryRow[]>(`/api/tasks/${prev.id}/evaluations`) };
}

export default function DeskPage({ taskId }: { taskId: string }) {
  const { t } = useT();
  const { me } = useSession();
  const task = useLoad(() => api.get<Task>(`/api/tasks/${taskId}`), [taskId]);
  const rows = useLoad(() => api.get<SummaryRow[]>(`/api/tasks/${taskId}/evaluations`), [taskId]);
  const previous = useLoad(async () => (task.data ? previousOf(task.data) : undefined), [task.data?.id, task.data?.year]);

  if (task.error) return <ProblemResult problem={task.error} retry={task.reload} />;
  if (!task.data) return <Card><Skeleton active /></Card>;
  const tk = task.data;
  // The server lists the scope only for those who run the task's region: the bureau's reviewer and the administrator.
  const runsTask = tk.departmentIds !== undefined && hasRole(me, 'reviewer', 'admin');

  return (
    <div data-testid="desk">
      <TaskHeader task={tk} runsTask={runsTask} onChanged={(x) => task.set(x)} />
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 8 } }}>
        {rows.error ? (
          <ProblemResult problem={rows.error} retry={rows.reload} />
        ) : (
          <DeskTable
            rows={rows.data ?? []}
            loading={rows.loading}
            extra={
              <Space wrap>
                {runsTask ? <UploadButton taskId={taskId} onImported={() => void rows.reload()} /> : null}
                <Dropdown
                  menu={{
                    items: (['xlsx', 'docx', 'pdf', 'html'] as const).map((f) => ({
                      key: f,
                      label: (
                        <a href={`/api/tasks/${taskId}/summary/${f}`} {...(f === 'html' ? { target: '_blank', rel: 'noopener' } : { download: '' })} data-testid={`summary-${f}`}>
                          {f === 'html' ? t('在新窗口查看（HTML）', 'Open in a new window (HTML)') : t(`下载 ${f.toUpperCase()}`, `Download ${f.toUpperCase()}`)}
                        </a>
                      ),
                    })),
                  }}
                >
                  <Button icon={<DownloadOutlined />}>{t('审核汇总', 'Summary')}</Button>
                </Dropdown>
              </Space>
            }
          />
        )}
      </Card>
      {rows.data ? (
        <Suspense fallback={<Card size="small"><div style={{ height: 240, display: 'flex', alignItems: 'center', justifyContent: 'center' }}><Spin /></div></Card>}>
          <DeskCharts rows={rows.data} task={tk} previous={previous.error ? null : previous.data} />
        </Suspense>
      ) : null}
    </div>
  );
}

function TaskHeader({ task, runsTask, onChanged }: { task: Task; runsTask: boolean; onChanged: (t: Task) => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const rubricName = useRubricName(task.rubricId);
  const [extendOpen, setExtendOpen] = useState(false);
  const [newDate, setNewDate] = useState<string>();
  const [busy, setBusy] = useState(false);
  const state = TASK_STATE_INFO[task.state as keyof typeof TASK_STATE_INFO];
  const act = async (action: 'extend' | 'close', body: object = {}) => {
    setBusy(true);
    try {
      onChanged(await api.post<Task>(`/api/tasks/${task.id}/actions/${action}`, body));
      message.success(action === 'extend' ? t('已延期', 'Extended') : t('任务已截止', 'The task is closed'));
      setExtendOpen(false);
    } catch (e) {
      message.error(e instanceof ApiProblem ? e.text(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };
  const open = task.state === 'issued';
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 12 }} data-testid="desk-header">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {task.title}
      </Typography.Title>
      <Space size={4} wrap>
        <Tag>{t(`${task.year} 年度`, `year ${task.year}`)}</Tag>
        <Tag color={open ? 'blue' : 'default'}>{state ? pick(lang, state.label.zh, state.label.en) : task.state}</Tag>
        {task.window ? <Tag color={task.window.isOpen ? ((task.window.remainingDays ?? 99) <= 7 ? 'orange' : 'green') : 'default'}>{pick(lang, task.window.label.zh, task.window.label.en)}</Tag> : null}
      </Space>
      <Typography.Text type="secondary">
        {t(`填报期 ${task.opensOn} 至 ${task.closesOn}`, `open ${task.opensOn} to ${task.closesOn}`)}
        {rubricName ? t(`　评分规则：${rubricName}`, ` · rubric: ${rubricName}`) : ''}
      </Typography.Text>
      <span style={{ flex: 1 }} />
      {runsTask && open ? (
        <Space>
          <Button size="small" onClick={() => setExtendOpen(true)}>
            {pick(lang, TASK_ACTION_INFO.extend.label.zh, TASK_ACTION_INFO.extend.label.en)}
          </Button>
          <Popconfirm
            title={t('截止后各部门不能再提交。确定截止？', 'Departments cannot submit after closing. Close now?')}
            okText={t('截止', 'Close')}
            cancelText={t('取消', 'Cancel')}
            onConfirm={() => act('close')}
          >
            <Button size="small" danger loading={busy}>
              {pick(lang, TASK_ACTION_INFO.close.label.zh, TASK_ACTION_INFO.close.label.en)}
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
      <Link to="/">{t('← 我的任务', '← My tasks')}</Link>
      <Modal
        open={extendOpen}
        title={t('延长填报期', 'Extend the task')}
        okText={t('延期', 'Extend')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ disabled: !newDate, loading: busy }}
        onOk={() => act('extend', { newClosesOn: newDate })}
        onCancel={() => setExtendOpen(false)}
      >
        <Typography.Paragraph>{t(`现截止日期为 ${task.closesOn}，请选择更晚的新截止日期：`, `It closes on ${task.closesOn}; choose a later date:`)}</Typography.Paragraph>
        <DatePicker
          aria-label={t('新截止日期', 'New closing date')}
          disabledDate={(d) => !d.isAfter(dayjs(task.closesOn), 'day')}
          onChange={(d) => setNewDate(d ? d.format('YYYY-MM-DD') : undefined)}
        />
      </Modal>
    </div>
  );
}
