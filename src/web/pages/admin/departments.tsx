/**
 * 地区与部门: the regions (财政局; only an administrator of everything adds one) and, per region, its departments
 * (一级预算部门) with their units (下属单位) as a tree; adding a department or a unit under one.
 */
import { ApartmentOutlined, BankOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Space, Table, Tree, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useSession } from '../../lib/session.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { ProblemResult } from '../../lib/ui/problem-result.tsx';
import { type Department, type Region, departmentTree, errorText, isGlobalAdmin, showFieldErrors } from './shared.tsx';

export function DepartmentsSection() {
  const { t } = useT();
  const { me } = useSession();
  const data = useLoad(async () => {
    const [regions, departments] = await Promise.all([api.get<Region[]>('/api/regions'), api.get<Department[]>('/api/departments')]);
    return { regions, departments };
  }, []);
  const [addingRegion, setAddingRegion] = useState(false);
  const [addingDepartment, setAddingDepartment] = useState<{ regionId?: string; parentId?: string }>();
  const [regionId, setRegionId] = useState<string>();
  if (data.error) return <ProblemResult problem={data.error} retry={data.reload} />;
  const regions = data.data?.regions ?? [];
  const departments = data.data?.departments ?? [];
  const shown = regionId && regions.some((r) => r.id === regionId) ? regionId : regions[0]?.id;
  const region = regions.find((r) => r.id === shown);
  const tree = shown ? departmentTree(departments, shown) : [];
  const count = (id: string) => departments.filter((d) => d.regionId === id).length;
  const global = isGlobalAdmin(me);

  return (
    <div data-testid="admin-departments">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('地区与部门', 'Regions and departments')}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={10} xl={9}>
          <Card
            size="small"
            title={
              <Space>
                <BankOutlined />
                {t('地区（财政局）', 'Regions (finance bureaus)')}
              </Space>
            }
            extra={
              global ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingRegion(true)}>
                  {t('新增地区', 'Add a region')}
                </Button>
              ) : null
            }
          >
            <Table<Region>
              rowKey="id"
              size="small"
              loading={data.loading}
              dataSource={regions}
              pagination={false}
              onRow={(r) => ({ onClick: () => setRegionId(r.id), style: { cursor: 'pointer', background: r.id === shown ? '#e6f0fb' : undefined } })}
              locale={{ emptyText: global ? t('还没有地区：先新增一个财政局', 'No regions yet: add a finance bureau first') : t('没有您管理的地区', 'No region of yours') }}
              columns={[
                { title: t('名称', 'Name'), dataIndex: 'name' },
                { title: t('区划代码', 'Code'), dataIndex: 'code', width: 100, render: (v: string | null) => v ?? '—' },
                { title: t('部门数', 'Departments'), key: 'n', width: 80, align: 'right', render: (_: unknown, r) => count(r.id) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={14} xl={15}>
          <Card
            size="small"
            title={
              <Space>
                <ApartmentOutlined />
                {region ? t(`${region.name} 的部门与下属单位`, `Departments and units of ${region.name}`) : t('部门与下属单位', 'Departments and units')}
              </Space>
            }
            extra={
              region ? (
                <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAddingDepartment({ regionId: region.id })}>
                  {t('新增部门', 'Add a department')}
                </Button>
              ) : null
            }
          >
            {tree.length === 0 ? (
              <Empty description={region ? t('这个地区还没有部门。点“新增部门”添加一级预算部门。', 'No departments here yet. Use “Add a department”.') : t('请先新增地区', 'Add a region first')} />
            ) : (
              <Tree
                data-testid="department-tree"
                blockNode
                defaultExpandAll
                selectable={false}
                treeData={tree}
                titleRender={(node) => (
                  <span style={{ display: 'inline-flex', width: '100%', alignItems: 'center', gap: 8 }}>
                    <span style={{ flex: 1 }}>{String(node.title)}</span>
                    {departments.find((d) => d.id === node.key)?.parentId ? null : (
                      <Button
                        size="small"
                        type="link"
                        onClick={(e) => {
                          e.stopPropagation();
                          setAddingDepartment({ regionId: shown!, parentId: String(node.key) });
                        }}
                      >
                        {t('加下属单位', 'Add a unit')}
                      </Button>
                    )}
                  </span>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <RegionModal open={addingRegion} regions={regions} onClose={() => setAddingRegion(false)} onAdded={(r) => { setAddingRegion(false); setRegionId(r.id); void data.reload(); }} />
      {addingDepartment ? (
        <DepartmentModal
          initial={addingDepartment}
          regions={regions}
          departments={departments}
          onClose={() => setAddingDepartment(undefined)}
          onAdded={() => {
            setAddingDepartment(undefined);
            void data.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function RegionModal({ open, regions, onClose, onAdded }: { open: boolean; regions: readonly Region[]; onClose: () => void; onAdded: (r: Region) => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; code?: string; parentId?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api.post<Region>('/api/regions', { name: v.name.trim(), ...(v.code?.trim() ? { code: v.code.trim() } : {}), ...(v.parentId ? { parentId: v.parentId } : {}) });
      message.success(t(`已新增 ${r.name}`, `Added ${r.name}`));
      form.resetFields();
      onAdded(r);
    } catch (e) {
      if (!showFieldErrors(form, e, lang, ['name', 'code', 'parentId'])) message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('新增地区（财政局）', 'Add a region (finance bureau)')} okText={t('新增', 'Add')} cancelText={t('取消', 'Cancel')} onOk={submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写名称，如“某某区财政局”', 'Enter the name, e.g. “XX District Finance Bureau”') }]}>
          <Input placeholder={t('如：某某区财政局', 'e.g. XX District Finance Bureau')} />
        </Form.Item>
        <Form.Item name="code" label={t('行政区划代码', 'Administrative division code')}>
          <Input placeholder={t('6 位数字，可不填', '6 digits, optional')} maxLength={20} />
        </Form.Item>
        <Form.Item name="parentId" label={t('上级地区', 'Region above')}>
          <Select allowClear placeholder={t('无（省级或独立）', 'None')} options={regions.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DepartmentModal({ initial, regions, departments, onClose, onAdded }: { initial: { regionId?: string; parentId?: string }; regions: readonly Region[]; departments: readonly Department[]; onClose: () => void; onAdded: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ regionId: string; parentId?: string; name: string; code?: string }>();
  const regionId = Form.useWatch('regionId', form) ?? initial.regionId;
  const [busy, setBusy] = useState(false);
  const parents = departments.filter((d) => d.regionId === regionId && d.parentId === null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const d = await api.post<Department>('/api/departments', { regionId: v.regionId, name: v.name.trim(), ...(v.code?.trim() ? { code: v.code.trim() } : {}), ...(v.parentId ? { parentId: v.parentId } : {}) });
      message.success(t(`已新增 ${d.name}`, `Added ${d.name}`));
      onAdded();
    } catch (e) {
      if (!showFieldErrors(form, e, lang, ['regionId', 'parentId', 'name', 'code'])) message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={initial.parentId ? t('新增下属单位', 'Add a unit') : t('新增部门', 'Add a department')} okText={t('新增', 'Add')} cancelText={t('取消', 'Cancel')} onOk={submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={initial}>
        <Form.Item name="regionId" label={t('地区', 'Region')} rules={[{ required: true, message: t('请选择地区', 'Choose a region') }]}>
          <Select options={regions.map((r) => ({ value: r.id, label: r.name }))} onChange={() => form.setFieldValue('parentId', undefined)} />
        </Form.Item>
        <Form.Item name="parentId" label={t('所属部门', 'Department above')} extra={t('不选即为一级预算部门；选了则为该部门的下属单位。', 'Leave empty for a department; choose one to add a unit under it.')}>
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('无（一级预算部门）', 'None (a department)')} options={parents.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写部门名称', 'Enter the name') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="code" label={t('单位编码', 'Unit code')}>
          <Input placeholder={t('预算单位编码，可不填', 'budget unit code, optional')} maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
