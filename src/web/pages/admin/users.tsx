/**
 * 用户与角色: every account with its roles and their scope (department, region or task), adding an account (the
 * server makes a password when none is given — shown once, with a copy button), granting and revoking roles, and
 * disabling or enabling an account.
 */
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ROLES, ROLE_INFO, type Role } from '../../../core/workflow/roles.ts';
import { api } from '../../lib/api.ts';
import { pick, useT } from '../../lib/i18n.tsx';
import { useSession } from '../../lib/session.tsx';
import type { Task } from '../../lib/types.ts';
import { useLoad } from '../../lib/use-load.ts';
import { ProblemResult } from '../../lib/ui/problem-result.tsx';
import { type Department, type Grant, type Region, type UserRow, departmentTree, errorText, isGlobalAdmin, showFieldErrors } from './shared.tsx';

interface Directory {
  readonly users: UserRow[];
  readonly regions: Region[];
  readonly departments: Department[];
  readonly tasks: Task[];
}

const ROLE_COLORS: Record<Role, string> = { preparer: 'blue', 'department-head': 'cyan', reviewer: 'purple', 'third-party-reviewer': 'gold', admin: 'red' };

export function UsersSection() {
  const { t, lang } = useT();
  const { me } = useSession();
  const { message, modal } = App.useApp();
  const dir = useLoad<Directory>(async () => {
    const [users, regions, departments, tasks] = await Promise.all([api.get<UserRow[]>('/api/users'), api.get<Region[]>('/api/regions'), api.get<Department[]>('/api/departments'), api.get<Task[]>('/api/tasks')]);
    return { users, regions, departments, tasks };
  }, []);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ login: string; password: string }>();
  const [granting, setGranting] = useState<UserRow>();
  const [filter, setFilter] = useState('');

  const names = useMemo(() => {
    const d = dir.data;
    return {
      region: new Map(d?.regions.map((r) => [r.id, r.name])),
      department: new Map(d?.departments.map((x) => [x.id, x.name])),
      task: new Map(d?.tasks.map((x) => [x.id, x.title])),
    };
  }, [dir.data]);

  if (dir.error) return <ProblemResult problem={dir.error} retry={dir.reload} />;

  const scopeOf = (g: Grant): string => {
    if (g.departmentId) return names.department.get(g.departmentId) ?? t('（其他地区的部门）', '(a department elsewhere)');
    if (g.regionId) return names.region.get(g.regionId) ?? t('（其他地区）', '(another region)');
    if (g.taskId) return names.task.get(g.taskId) ?? t('（其他任务）', '(another task)');
    return t('全部地区', 'all regions');
  };

  const revoke = (user: UserRow, g: Grant) =>
    modal.confirm({
      title: t(`撤销 ${user.displayName} 的角色？`, `Revoke ${user.displayName}'s role?`),
      content: `${pick(lang, ROLE_INFO[g.role].label.zh, ROLE_INFO[g.role].label.en)} · ${scopeOf(g)}`,
      okText: t('撤销', 'Revoke'),
      okButtonProps: { danger: true },
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          await api.del(`/api/roles/${g.id}`);
          message.success(t('已撤销', 'Revoked'));
          await dir.reload();
        } catch (e) {
          message.error(errorText(e, lang));
        }
      },
    });

  const setActive = (user: UserRow, isActive: boolean) =>
    modal.confirm({
      title: isActive ? t(`启用 ${user.displayName} 的账户？`, `Enable ${user.displayName}'s account?`) : t(`停用 ${user.displayName} 的账户？`, `Disable ${user.displayName}'s account?`),
      content: isActive ? t('启用后可以用原密码登录。', 'They can log in with their password again.') : t('停用后立即退出登录，且不能再登录；其填报与审核记录保留。', 'They are logged out at once and cannot log in; their records stay.'),
      okText: isActive ? t('启用', 'Enable') : t('停用', 'Disable'),
      okButtonProps: { danger: !isActive },
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          await api.put(`/api/users/${user.id}/active`, { isActive });
          message.success(isActive ? t('已启用', 'Enabled') : t('已停用', 'Disabled'));
          await dir.reload();
        } catch (e) {
          message.error(errorText(e, lang));
        }
      },
    });

  const q = filter.trim().toLowerCase();
  const users = (dir.data?.users ?? []).filter((u) => !q || u.login.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q));

  return (
    <div data-testid="admin-users">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('用户与角色', 'Users and roles')}
      </Typography.Title>
      <Card size="small">
        <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
          <Input.Search allowClear placeholder={t('按登录名或姓名查找', 'Find by login or name')} style={{ width: 280 }} onChange={(e) => setFilter(e.target.value)} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('新增用户', 'Add a user')}
          </Button>
        </Space>
        <Table<UserRow>
          rowKey="id"
          size="small"
          loading={dir.loading}
          dataSource={users}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: q ? t('没有符合的用户', 'No user matches') : t('还没有用户', 'No users yet') }}
          columns={[
            { title: t('登录名', 'Login'), dataIndex: 'login', width: 170, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('姓名', 'Name'), dataIndex: 'displayName', width: 170 },
            {
              title: t('角色与范围', 'Roles and scope'),
              key: 'roles',
              render: (_: unknown, u) =>
                u.roles.length === 0 ? (
                  <Typography.Text type="secondary">{t('尚无角色：授予角色后才能使用系统', 'No role yet: grant one before they can work')}</Typography.Text>
                ) : (
                  <Space size={[4, 4]} wrap>
                    {u.roles.map((g) => (
                      <Tag
                        key={g.id}
                        color={ROLE_COLORS[g.role]}
                        closable={g.role !== 'admin' || u.id !== me?.user.id}
                        closeIcon={
                          <Tooltip title={t('撤销此角色', 'Revoke this role')}>
                            <CloseOutlined aria-label={t('撤销此角色', 'Revoke this role')} />
                          </Tooltip>
                        }
                        onClose={(e) => {
                          e.preventDefault();
                          revoke(u, g);
                        }}
                        data-testid="role-tag"
                        style={{ marginInlineEnd: 0 }}
                      >
                        {pick(lang, ROLE_INFO[g.role].label.zh, ROLE_INFO[g.role].label.en)} · {scopeOf(g)}
                      </Tag>
                    ))}
                  </Space>
                ),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'isActive',
              width: 90,
              render: (v: boolean) => (v ? <Tag color="green">{t('启用', 'active')}</Tag> : <Tag>{t('已停用', 'disabled')}</Tag>),
            },
            {
              title: t('操作', 'Actions'),
              key: 'actions',
              width: 170,
              render: (_: unknown, u) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setGranting(u)} data-testid="grant-role">
                    {t('授予角色', 'Grant a role')}
                  </Button>
                  {u.id === me?.user.id ? null : (
                    <Button size="small" type="link" danger={u.isActive} onClick={() => setActive(u, !u.isActive)}>
                      {u.isActive ? t('停用', 'Disable') : t('启用', 'Enable')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <AddUserModal
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(user, password) => {
          setAdding(false);
          if (password) setCreated({ login: user.login, password });
          void dir.reload();
        }}
      />
      <Modal
        open={!!created}
        title={t('用户已创建', 'User created')}
        onCancel={() => setCreated(undefined)}
        footer={
          <Button type="primary" onClick={() => setCreated(undefined)}>
            {t('我已记下密码', 'I have noted the password')}
          </Button>
        }
      >
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('初始密码只显示这一次，请复制后告知本人；本人登录后可自行修改。', 'The initial password is shown only this once: copy it and give it to the person, who can change it after logging in.')} />
        <Typography.Paragraph>
          {t('登录名：', 'Login: ')}
          <Typography.Text code>{created?.login}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('初始密码：', 'Initial password: ')}
          <Typography.Text code copyable={{ text: created?.password ?? '', tooltips: [t('复制', 'Copy'), t('已复制', 'Copied')] }} data-testid="initial-password">
            {created?.password}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
      {granting && dir.data ? <GrantModal user={granting} dir={dir.data} onClose={() => setGranting(undefined)} onGranted={() => { setGranting(undefined); void dir.reload(); }} /> : null}
    </div>
  );
}

function AddUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: UserRow, password?: string) => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ login: string; displayName: string; password?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const u = await api.post<UserRow & { initialPassword?: string }>('/api/users', { login: v.login.trim(), displayName: v.displayName.trim(), ...(v.password ? { password: v.password } : {}) });
      message.success(t(`已新增用户 ${u.displayName}`, `Added ${u.displayName}`));
      form.resetFields();
      onCreated(u, u.initialPassword);
    } catch (e) {
      if (!showFieldErrors(form, e, lang, ['login', 'displayName', 'password'])) message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('新增用户', 'Add a user')} okText={t('新增', 'Add')} cancelText={t('取消', 'Cancel')} onOk={submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="login" label={t('登录名', 'Login')} rules={[{ required: true, message: t('请填写登录名', 'Enter a login') }, { pattern: /^[\p{L}\p{N}._@-]{2,64}$/u, message: t('2–64 个字符：字母、数字、. _ @ -', '2–64 characters: letters, digits, . _ @ -') }]}>
          <Input autoComplete="off" placeholder={t('如 zhangsan 或工号', 'e.g. zhangsan or a staff number')} />
        </Form.Item>
        <Form.Item name="displayName" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写姓名', 'Enter a name') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('初始密码', 'Initial password')} extra={t('留空则由系统生成，创建后显示一次。自定密码至少 10 位，含大小写字母、数字、符号中的三类。', 'Leave empty to have one generated and shown once. Your own needs 10+ characters of three kinds.')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The scope each role needs, as the server's grant body takes it. */
const SCOPE_OF: Record<Role, 'departmentId' | 'regionId' | 'taskId' | 'optionalRegion'> = {
  preparer: 'departmentId',
  'department-head': 'departmentId',
  reviewer: 'regionId',
  'third-party-reviewer': 'taskId',
  admin: 'optionalRegion',
};

function GrantModal({ user, dir, onClose, onGranted }: { user: UserRow; dir: Directory; onClose: () => void; onGranted: () => void }) {
  const { t, lang } = useT();
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: Role; departmentId?: string | undefined; regionId?: string | undefined; taskId?: string | undefined }>();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const global = isGlobalAdmin(me);
  const scope = role ? SCOPE_OF[role] : undefined;
  const departmentOptions = dir.regions.map((r) => ({ title: r.name, value: `region:${r.id}`, key: `region:${r.id}`, selectable: false, children: departmentTree(dir.departments, r.id) })).filter((r) => r.children.length > 0);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = { role: v.role, ...(scope === 'departmentId' ? { departmentId: v.departmentId } : {}), ...((scope === 'regionId' || scope === 'optionalRegion') && v.regionId ? { regionId: v.regionId } : {}), ...(scope === 'taskId' ? { taskId: v.taskId } : {}) };
      await api.post(`/api/users/${user.id}/roles`, body);
      message.success(t(`已授予 ${user.displayName} ${ROLE_INFO[v.role].label.zh}`, `${user.displayName} is now ${ROLE_INFO[v.role].label.en}`));
      onGranted();
    } catch (e) {
      if (!showFieldErrors(form, e, lang, ['role', 'departmentId', 'regionId', 'taskId'])) message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t(`授予角色：${user.displayName}（${user.login}）`, `Grant a role: ${user.displayName} (${user.login})`)} okText={t('授予', 'Grant')} cancelText={t('取消', 'Cancel')} onOk={submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="grant-form">
        <Form.Item name="role" label={t('角色', 'Role')} rules={[{ required: true, message: t('请选择角色', 'Choose a role') }]}>
          <Select
            placeholder={t('选择角色', 'Choose a role')}
            options={ROLES.map((r) => ({ value: r, label: `${pick(lang, ROLE_INFO[r].label.zh, ROLE_INFO[r].label.en)} — ${pick(lang, ROLE_INFO[r].scope.zh, ROLE_INFO[r].scope.en)}` }))}
            onChange={() => form.setFieldsValue({ departmentId: undefined, regionId: undefined, taskId: undefined })}
          />
        </Form.Item>
        {scope === 'departmentId' ? (
          <Form.Item name="departmentId" label={t('部门或单位', 'Department or unit')} rules={[{ required: true, message: t('请选择部门', 'Choose a department') }]}>
            <TreeSelect showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder={t('选择部门（可输入名称查找）', 'Choose (type to search)')} treeData={departmentOptions} notFoundContent={t('还没有部门：请先在“地区与部门”中新增', 'No departments yet: add them under “Regions and departments”')} />
          </Form.Item>
        ) : null}
        {scope === 'regionId' || scope === 'optionalRegion' ? (
          <Form.Item
            name="regionId"
            label={t('地区（财政局）', 'Region (finance bureau)')}
            rules={scope === 'regionId' || !global ? [{ required: true, message: t('请选择地区', 'Choose a region') }] : []}
            extra={scope === 'optionalRegion' ? (global ? t('不选地区即为全部地区的管理员。', 'Leave empty for an administrator of every region.') : t('地区管理员只能授予本地区的管理员。', 'A regional administrator grants only its own region.')) : undefined}
          >
            <Select allowClear={scope === 'optionalRegion' && global} placeholder={t('选择地区', 'Choose a region')} options={dir.regions.map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
        ) : null}
        {scope === 'taskId' ? (
          <Form.Item name="taskId" label={t('委托的评价任务', 'The task assigned')} rules={[{ required: true, message: t('请选择任务', 'Choose a task') }]}>
            <Select showSearch optionFilterProp="label" placeholder={t('选择任务', 'Choose a task')} options={dir.tasks.map((x) => ({ value: x.id, label: `${x.title}（${x.year}）` }))} notFoundContent={t('还没有任务', 'No tasks yet')} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
