/**
 * 我的任务: a department's people see their evaluation in each task with its state and the days left; the bureau,
 * the third party and the administrator see each task with a link to its desk.
 */
import { Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Panel } from '../lib/ui/panel.tsx';
import { useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { rubricNames } from '../lib/rubric-names.ts';
import { pick, useT } from '../lib/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { type Me, type SummaryRow, type Task, hasRole } from '../lib/types.ts';
import { useLoad } from '../lib/use-load.ts';
import { ProblemResult } from '../lib/ui/problem-result.tsx';
import { StateTag } from '../lib/ui/state-tag.tsx';

interface TaskWithRows {
  readonly task: Task;
  readonly rows: readonly SummaryRow[];
}

export interface HomeData {
  readonly tasks: readonly TaskWithRows[];
}

const isDepartmentSide = (me: Me) => hasRole(me, 'preparer', 'department-head') && !hasRole(me, 'reviewer', 'admin', 'third-party-reviewer');

/** What the page shows: the tasks, and for a department its evaluation in each. */
export async function loadHome(me: Me): Promise<HomeData> {
  const tasks = await api.get<Task[]>('/api/tasks');
  return { tasks: await Promise.all(tasks.map(async (task) => ({ task, rows: isDepartmentSide(me) ? await api.get<SummaryRow[]>(`/api/tasks/${task.id}/evaluations`) : [] }))) };
}

/** Loaded before the first render (main.tsx): the first screen is drawn once, complete. Taken by the first page shown. */
let preloaded: HomeData | undefined;
export const preloadHome = (d: HomeData | undefined) => {
  preloaded = d;
};

export function HomePage({ me }: { me: Me }) {
  const { t, lang } = useT();
  const departmentSide = isDepartmentSide(me);
  const [initial] = useState(() => {
    const d = preloaded;
    preloaded = undefined;
    return d;
  });
  const { data, error, loading, reload } = useLoad<HomeData>(() => loadHome(me), [departmentSide], initial);
  // The rubrics' names follow when they come; the tasks do not wait for them.
  const [rubrics, setRubrics] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    void rubricNames().then((m) => live && setRubrics(m));
    return () => {
      live = false;
    };
  }, []);
  if (error) return <ProblemResult problem={error} retry={reload} />;
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('我的任务', 'My tasks')}
      </Typography.Title>
      {loading && !data ? (
        <Panel><Skeleton active /></Panel>
      ) : !data?.tasks.length ? (
        <Panel>
          <Empty description={departmentSide ? t('财政局还没有向本部门下达评价任务', 'The finance bureau has issued no task to your department yet') : t('还没有评价任务。在“评价任务”中拟定并下达一个。', 'No tasks yet. Draft and issue one under “Tasks”.')} />
        </Panel>
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {data.tasks.map(({ task, rows }) => (
            <Panel
              key={task.id}
              data-testid="task-card"
              title={
                <Space wrap>
                  <span>{task.title}</span>
                  <Tag>{t(`${task.year} 年度`, `year ${task.year}`)}</Tag>
                </Space>
              }
              extra={
                task.window ? (
                  <Tag color={task.window.isOpen ? ((task.window.remainingDays ?? 99) <= 7 ? 'orange' : 'blue') : 'default'}>{pick(lang, task.window.label.zh, task.window.label.en)}</Tag>
                ) : null
              }
            >
              <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
                {t(`填报期 ${task.opensOn} 至 ${task.closesOn}`, `Open ${task.opensOn} to ${task.closesOn}`)}
                {task.rubricId ? t(`　评分规则：${rubrics.get(task.rubricId) ?? task.rubricId}`, ` · rubric: ${rubrics.get(task.rubricId) ?? task.rubricId}`) : ''}
              </Typography.Paragraph>
              {departmentSide ? (
                rows.length === 0 ? (
                  <Typography.Text type="secondary">{t('本部门在此任务中没有评价', 'Your department has no evaluation in this task')}</Typography.Text>
                ) : (
                  <div>
                    {rows.map((r) => (
                      <div key={r.evaluationId} data-testid="evaluation-row" style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '10px 0', borderTop: '1px solid #f0f0f0', flexWrap: 'wrap' }}>
                        <Link to={`/evaluations/${r.evaluationId}`} style={{ fontWeight: 500, fontSize: 15 }}>
                          {r.department}
                        </Link>
                        <StateTag state={r.state} />
                        <Typography.Text type="secondary">{t(`第 ${r.version} 版`, `version ${r.version}`)}</Typography.Text>
                        {r.summary?.errors ? <Tag color="red">{t(`${r.summary.errors} 个错误`, `${r.summary.errors} errors`)}</Tag> : null}
                        {r.summary?.warnings ? <Tag color="gold">{t(`${r.summary.warnings} 个提醒`, `${r.summary.warnings} warnings`)}</Tag> : null}
                        <span style={{ flex: 1 }} />
                        <Link to={`/evaluations/${r.evaluationId}`}>{r.state === 'draft' || r.state === 'returned' ? t('继续填报', 'Continue') : t('查看', 'View')} →</Link>
                      </div>
                    ))}
                  </div>
                )
              ) : (
                <Link to={`/tasks/${task.id}`} data-testid="open-desk">
                  {t('打开审核台', 'Open the review desk')} →
                </Link>
              )}
            </Panel>
          ))}
        </Space>
      )}
    </div>
  );
}
