/**
 * 评价任务: every task the caller runs with its state and submission window; drafting a task (region, year, title,
 * layout from the core's registry, rubric — built-in or imported —, dates, the departments in scope); and the task's
 * moves (下达, 延期, 截止, 归档) as the core's task table offers them from its state, each confirmed first.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, useState } from 'react';
import { LAYOUTS } from '../../../core/layouts/index.ts';
import { TASK_STATE_INFO, type TaskState } from '../../../core/workflow/states.ts';
import { TASK_ACTION_INFO, TASK_TRANSITIONS, type TaskAction } from '../../../core/workflow/task.ts';
import { api } from '../../lib/api.ts';
import { type Lang, pick, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import type { Task } from '../../lib/types.ts';
import { useLoad } from '../../lib/use-load.ts';
import { ProblemResult } from '../../lib/ui/problem-result.tsx';
import { type Department, type Region, type RubricListItem, departmentTree, errorText, showFieldErrors } from './shared.tsx';

const DONE_EN: Record<TaskAction, string> = { issue: 'The task is issued', extend: 'The task is extended', close: 'The task is closed', archive: 'The task is archived' };

const STATE_COLORS: Record<TaskState, string> = { draft: 'default', issued: 'blue', closed: 'orange', archived: 'default' };

/** Layouts a department-wide task can name (the registry's department layouts). */
const TASK_LAYOUTS = LAYOUTS.filter((l) => l.subject === 'department');

const layoutName = (id: string | null, lang: Lang) => {
  const l = LAYOUTS.find((x) => x.id === id);
  return l ? pick(lang, l.label.zh, l.label.en) : (id ?? '—');
};

interface Directory {
  readonly tasks: Task[];
  readonly regions: Region[];
  readonly departments: Department[];
  readonly rubrics: RubricListItem[];
}

export function TasksSection() {
  const { t, lang } = useT();
  const { message, modal } = App.useApp();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  const dir = useLoad<Directory>(async () => {
    const [tasks, regions, departments, rubrics] = await Promise.all([api.get<Task[]>('/api/tasks'), api.get<Region[]>('/api/regions'), api.get<Department[]>('/api/departments'), api.get<RubricListItem[]>('/api/rubrics')]);
    return { tasks, regions, departments, rubrics };
  }, []);
  const [drafting, setDrafting] = useState(false);
  const [extending, setExtending] = useState<Task>();
  const regionName = useMemo(() => new Map(dir.data?.regions.map((r) => [r.id, r.name])), [dir.data]);
  const rubricName = useMemo(() => new Map(dir.data?.rubrics.map((r) => [r.id, r.name])), [dir.data]);
  if (dir.error) return <ProblemResult problem={dir.error} retry={dir.reload} />;
  // Tasks the caller runs (its regions'); a department's own tasks are on 我的任务.
  const tasks = (dir.data?.tasks ?? []).filter((x) => regionName.has(x.regionId)).sort((a, b) => b.year - a.year || b.opensOn.localeCompare(a.opensOn));

  const act = async (task: Task, action: TaskAction, body: object = {}) => {
    try {
      await api.post<Task>(`/api/tasks/${task.id}/actions/${action}`, body);
      message.success(t(`任务已${TASK_ACTION_INFO[action].label.zh}`, DONE_EN[action]));
      await dir.reload();
    } catch (e) {
      message.error(errorText(e, lang));
      throw e;
    }
  };

  const confirmText: Record<Exclude<TaskAction, 'extend'>, (task: Task) => { title: string; content: string }> = {
    issue: (task) => ({
      title: t(`下达“${task.title}”？`, `Issue “${task.title}”?`),
      content: t('下达后，范围内的每个部门都会收到一份空白评价，在填报期内可以填报和提交；任务的版式、评分规则和范围不再更改。', 'Every department in scope gets an empty evaluation to fill in and submit during the window; layout, rubric and scope stay as they are.'),
    }),
    close: (task) => ({
      title: t(`截止“${task.title}”？`, `Close “${task.title}”?`),
      content: t('截止后各部门不能再首次提交；审核照常进行，退回的评价仍可修改后重新提交。需要时可以再延期重新开放。', 'Departments can no longer submit for the first time; review goes on and returned evaluations may be resubmitted. You can extend it again later.'),
    }),
    archive: (task) => ({
      title: t(`归档“${task.title}”？`, `Archive “${task.title}”?`),
      content: t('归档后任务及其全部评价只读，不可撤销。', 'The task and all its evaluations become read-only. This cannot be undone.'),
    }),
  };

  const onAction = (task: Task, action: TaskAction) => {
    if (action === 'extend') return setExtending(task);
    const { title, content } = confirmText[action](task);
    modal.confirm({ title, content, okText: pick(lang, TASK_ACTION_INFO[action].label.zh, TASK_ACTION_INFO[action].label.en), okButtonProps: { danger: action === 'archive' }, cancelText: t('取消', 'Cancel'), onOk: () => act(task, action).catch(() => undefined) });
  };

  return (
    <div data-testid="admin-tasks">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('评价任务', 'Tasks')}
      </Typography.Title>
      <Card size="small">
        <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text type="secondary">{t('拟定的任务在下达前各部门看不到。下达后在审核台跟踪填报与审核。', 'Departments do not see a task until it is issued. Follow it on its review desk after that.')}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)} disabled={!dir.data?.regions.length} data-testid="draft-task">
            {t('拟定任务', 'Draft a task')}
          </Button>
        </Space>
        <Table<Task>
          rowKey="id"
          size="middle"
          loading={dir.loading}
          dataSource={tasks}
          pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('还没有任务。点“拟定任务”开始。', 'No tasks yet. Use “Draft a task”.') }}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: t('任务', 'Task'),
              key: 'title',
              render: (_: unknown, x) => (
                <div>
                  <Link to={`/tasks/${x.id}`} data-testid="task-link">
                    {x.title}
                  </Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {regionName.get(x.regionId)}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
            {
              title: t('状态', 'State'),
              dataIndex: 'state',
              width: 90,
              render: (s: string) => {
                const info = TASK_STATE_INFO[s as TaskState];
                return info ? (
                  <Tooltip title={pick(lang, info.description.zh, info.description.en)}>
                    <Tag color={STATE_COLORS[s as TaskState]} data-state={s}>
                      {pick(lang, info.label.zh, info.label.en)}
                    </Tag>
                  </Tooltip>
                ) : (
                  s
                );
              },
            },
            {
              title: t('填报期', 'Window'),
              key: 'window',
              width: 220,
              render: (_: unknown, x) => (
                <div>
                  <div style={{ whiteSpace: 'nowrap' }}>
                    {x.opensOn} ~ {x.closesOn}
                  </div>
                  {x.window && x.state !== 'draft' ? (
                    <Tag color={x.window.isOpen ? ((x.window.remainingDays ?? 99) <= 7 ? 'orange' : 'green') : 'default'} style={{ marginTop: 2 }}>
                      {pick(lang, x.window.label.zh, x.window.label.en)}
                    </Tag>
                  ) : null}
                </div>
              ),
            },
            {
              title: t('版式与评分规则', 'Layout and rubric'),
              key: 'rules',
              width: 260,
              render: (_: unknown, x) => (
                <div style={{ fontSize: 13 }}>
                  <div>{layoutName(x.layoutId, lang)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: rubricName.get(x.rubricId ?? '') ?? x.rubricId }}>
                    {rubricName.get(x.rubricId ?? '') ?? x.rubricId}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('操作', 'Actions'),
              key: 'actions',
              width: 200,
              render: (_: unknown, x) => (
                <Space size={4} wrap>
                  {TASK_TRANSITIONS.filter((r) => r.from === x.state).map((r) => (
                    <Button key={r.action} size="small" type={r.action === 'issue' ? 'primary' : 'default'} danger={r.action === 'archive'} onClick={() => onAction(x, r.action)} data-testid={`task-${r.action}`}>
                      {pick(lang, TASK_ACTION_INFO[r.action].label.zh, TASK_ACTION_INFO[r.action].label.en)}
                    </Button>
                  ))}
                  {x.state !== 'draft' ? (
                    <Link to={`/tasks/${x.id}`} style={{ fontSize: 13 }}>
                      {t('审核台', 'Desk')} →
                    </Link>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {drafting && dir.data ? (
        <DraftTaskModal
          dir={dir.data}
          onClose={() => setDrafting(false)}
          onDrafted={() => {
            setDrafting(false);
            void dir.reload();
          }}
        />
      ) : null}
      {extending ? <ExtendModal task={extending} onClose={() => setExtending(undefined)} onExtend={(date) => act(extending, 'extend', { newClosesOn: date }).then(() => setExtending(undefined))} /> : null}
    </div>
  );
}

function ExtendModal({ task, onClose, onExtend }: { task: Task; onClose: () => void; onExtend: (date: string) => Promise<void> }) {
  const { t } = useT();
  const [date, setDate] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t(`延期：${task.title}`, `Extend: ${task.title}`)}
      okText={t('延期', 'Extend')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ disabled: !date }}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        await onExtend(date!).catch(() => undefined);
        setBusy(false);
      }}
    >
      <Typography.Paragraph>
        {task.state === 'closed' ? t(`任务已截止（原截止日期 ${task.closesOn}）。延期将重新开放填报，请选择新的截止日期：`, `The task is closed (it closed on ${task.closesOn}). Extending opens it again; choose the new closing date:`) : t(`现截止日期为 ${task.closesOn}，请选择更晚的新截止日期：`, `It closes on ${task.closesOn}; choose a later date:`)}
      </Typography.Paragraph>
      <DatePicker aria-label={t('新截止日期', 'New closing date')} disabledDate={(d) => !d.isAfter(dayjs(task.closesOn), 'day') || d.isBefore(dayjs(), 'day')} onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : undefined)} />
    </Modal>
  );
}

interface DraftValues {
  regionId: string;
  year: number;
  title: string;
  layoutId: string;
  rubricId: string;
  window: [Dayjs, Dayjs];
  departmentIds: string[];
}

function DraftTaskModal({ dir, onClose, onDrafted }: { dir: Directory; onClose: () => void; onDrafted: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DraftValues>();
  const [busy, setBusy] = useState(false);
  const regionId = Form.useWatch('regionId', form);
  const tree = regionId ? departmentTree(dir.departments, regionId) : [];
  const inRegion = dir.departments.filter((d) => d.regionId === regionId);
  const lastYear = new Date().getFullYear() - 1;

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const task = await api.post<Task>('/api/tasks', {
        regionId: v.regionId,
        year: v.year,
        title: v.title.trim(),
        layoutId: v.layoutId,
        rubricId: v.rubricId,
        opensOn: v.window[0].format('YYYY-MM-DD'),
        closesOn: v.window[1].format('YYYY-MM-DD'),
        departmentIds: v.departmentIds,
      });
      message.success(t(`已拟定“${task.title}”，核对后点“下达”`, `Drafted “${task.title}”; check it and issue it`));
      onDrafted();
    } catch (e) {
      const mapped = showFieldErrors(form, e, lang, ['regionId', 'year', 'title', 'layoutId', 'rubricId', 'departmentIds']);
      if (!mapped) message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open width={720} title={t('拟定评价任务', 'Draft a task')} okText={t('保存为草拟任务', 'Save the draft')} cancelText={t('取消', 'Cancel')} onOk={submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form<DraftValues>
        form={form}
        layout="vertical"
        data-testid="draft-form"
        initialValues={{ year: lastYear, title: `${lastYear} 年度部门整体支出绩效自评`, ...(dir.regions.length === 1 ? { regionId: dir.regions[0]!.id } : {}) }}
        onValuesChange={(changed: Partial<DraftValues>, all) => {
          // The title follows the year until someone writes their own.
          if (changed.year !== undefined && /^\d{4} 年度部门整体支出绩效自评$/.test(all.title ?? '')) form.setFieldValue('title', `${changed.year} 年度部门整体支出绩效自评`);
          // A layout's own rubric is the natural choice until one is chosen.
          if (changed.layoutId && !all.rubricId) {
            const own = LAYOUTS.find((l) => l.id === changed.layoutId)?.rubric;
            if (own && dir.rubrics.some((r) => r.id === own)) form.setFieldValue('rubricId', own);
          }
          if (changed.regionId) form.setFieldValue('departmentIds', []);
        }}
      >
        <Space.Compact block style={{ gap: 12, display: 'flex' }}>
          <Form.Item name="regionId" label={t('地区（财政局）', 'Region (finance bureau)')} rules={[{ required: true, message: t('请选择地区', 'Choose a region') }]} style={{ flex: 2 }}>
            <Select placeholder={t('选择地区', 'Choose a region')} options={dir.regions.map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
          <Form.Item name="year" label={t('评价年度', 'Year evaluated')} rules={[{ required: true, message: t('请填写年度', 'Enter the year') }]} style={{ flex: 1 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="title" label={t('任务名称', 'Title')} rules={[{ required: true, whitespace: true, message: t('请填写任务名称', 'Enter a title') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block style={{ gap: 12, display: 'flex' }}>
          <Form.Item name="layoutId" label={t('文件版式', 'Document layout')} rules={[{ required: true, message: t('请选择版式', 'Choose a layout') }]} style={{ flex: 1 }} extra={t('各部门上传的自评文件按此版式读取。', 'Departments’ documents are read in this layout.')}>
            <Select
              placeholder={t('选择版式', 'Choose a layout')}
              options={TASK_LAYOUTS.map((l) => ({ value: l.id, label: `${pick(lang, l.label.zh, l.label.en)}${l.region ? `（${pick(lang, l.region.zh, l.region.en)}）` : ''}` }))}
            />
          </Form.Item>
          <Form.Item name="rubricId" label={t('评分规则', 'Rubric')} rules={[{ required: true, message: t('请选择评分规则', 'Choose a rubric') }]} style={{ flex: 1 }} extra={t('可在“评分规则”中导入本地的规则。', 'Import your own under “Rubrics”.')}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('选择评分规则', 'Choose a rubric')}
              options={dir.rubrics.map((r) => ({ value: r.id, label: `${r.name}${r.builtIn ? '' : t('（导入）', ' (imported)')}` }))}
              data-testid="rubric-select"
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="window" label={t('填报期（开始日期 ~ 截止日期，含当日）', 'Window (opening ~ closing date, inclusive)')} rules={[{ required: true, message: t('请选择开始和截止日期', 'Choose the opening and closing dates') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} placeholder={[t('开始日期', 'Opening date'), t('截止日期', 'Closing date')]} data-testid="task-window" />
        </Form.Item>
        <Form.Item
          name="departmentIds"
          label={
            <Space>
              {t('下达范围（部门）', 'Departments in scope')}
              {regionId && inRegion.length ? (
                <Button size="small" type="link" onClick={() => form.setFieldValue('departmentIds', inRegion.map((d) => d.id))} data-testid="all-departments">
                  {t(`全选（${inRegion.length}）`, `All (${inRegion.length})`)}
                </Button>
              ) : null}
            </Space>
          }
          rules={[{ required: true, type: 'array', min: 1, message: t('至少选择一个部门', 'Choose at least one department') }]}
        >
          <TreeSelect
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_ALL}
            treeCheckStrictly={false}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            maxTagCount="responsive"
            disabled={!regionId}
            placeholder={regionId ? t('选择部门（可输入名称查找）', 'Choose departments (type to search)') : t('先选择地区', 'Choose a region first')}
            treeData={tree}
            notFoundContent={t('这个地区还没有部门：先在“地区与部门”中新增', 'No departments here: add them under “Regions and departments”')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
