/**
 * 基本信息 (department, year, unit, preparer, the overall target and what became of it) and 问题与改进措施 (problems,
 * measures, use of results): plain fields and lists of text.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Input, Row, Select, Space, Tooltip, Typography } from 'antd';
import { MONEY_UNITS } from '../../../core/amount.ts';
import { documentKindLabel } from '../../../core/model/evaluation.ts';
import { ProblemLine, TextField, useEditor, useMarks } from './fields.tsx';
import { SectionFindings } from './findings.tsx';
import { type PathSegment, append, formatPath, getIn, removeAt } from './paths.ts';

function Label({ children }: { children: string }) {
  return (
    <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 2 }}>
      {children}
    </Typography.Text>
  );
}

/** The year as a number when it is four digits (the model also takes "2022 年度"). */
function YearField() {
  const ed = useEditor();
  const raw = getIn(ed.data, ['year']);
  const { status, marks } = useMarks('year');
  return (
    <div className="jx-field">
      <Input
        size="small"
        data-field="year"
        style={{ width: 100 }}
        value={raw === undefined ? '' : String(raw)}
        status={status}
        disabled={ed.readOnly}
        onChange={(e) => {
          const v = e.target.value.trim();
          ed.set(['year'], /^\d{4}$/.test(v) ? Number(v) : v === '' ? undefined : v);
        }}
      />
      {marks}
      <ProblemLine k="year" />
    </div>
  );
}

function UnitField() {
  const ed = useEditor();
  const raw = getIn(ed.data, ['unit']);
  return (
    <div className="jx-field" data-field="unit" tabIndex={-1}>
      <Select
        size="small"
        style={{ width: 100 }}
        disabled={ed.readOnly}
        value={typeof raw === 'string' ? raw : undefined}
        placeholder={ed.t('万元（默认）', '万元 (default)')}
        allowClear
        options={MONEY_UNITS.map((u) => ({ value: u, label: u }))}
        onChange={(v) => ed.set(['unit'], v ?? undefined)}
      />
    </div>
  );
}

export function BasicSection({ onGo }: { onGo: (field: string) => void }) {
  const ed = useEditor();
  const { t, lang } = ed;
  const kind = getIn(ed.data, ['documentKind']);
  const rubric = getIn(ed.data, ['rubric']);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('基本信息', 'Basic information')}>
        <Row gutter={[16, 12]}>
          <Col xs={24} md={12}>
            <Label>{t('部门（单位）名称', 'Department name')}</Label>
            <TextField path={['department', 'name']} />
          </Col>
          <Col xs={12} md={4}>
            <Label>{t('评价年度', 'Year')}</Label>
            <YearField />
          </Col>
          <Col xs={12} md={4}>
            <Label>{t('金额单位', 'Money unit')}</Label>
            <UnitField />
          </Col>
          <Col xs={24} md={8}>
            <Label>{t('填报人', 'Preparer')}</Label>
            <TextField path={['preparer', 'name']} />
          </Col>
          <Col xs={24} md={8}>
            <Label>{t('联系电话', 'Phone')}</Label>
            <TextField path={['preparer', 'phone']} />
          </Col>
          <Col xs={24} md={8}>
            <Label>{t('填报日期', 'Date')}</Label>
            <TextField path={['preparer', 'date']} placeholder="2026-03-31" />
          </Col>
        </Row>
        <Descriptions size="small" column={2} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('文件版式', 'Layout')}>{typeof kind === 'string' ? documentKindLabel(kind, lang) : t('未指定', 'not set')}</Descriptions.Item>
          <Descriptions.Item label={t('评分标准', 'Rubric')}>{typeof rubric === 'string' ? rubric : t('按任务的评分标准', "the task's rubric")}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('绩效目标与完成情况', 'Targets and results')}>
        <Label>{t('总体绩效目标（预期目标）', 'Overall target')}</Label>
        <TextField path={['overallTarget']} area rows={3} />
        <div style={{ height: 12 }} />
        <Label>{t('目标完成情况', 'Overall result')}</Label>
        <TextField path={['overallResult']} area rows={4} />
        <div style={{ height: 12 }} />
        <Label>{t('部门整体绩效', 'Overall performance')}</Label>
        <TextField path={['performanceNarrative']} area rows={4} />
      </Card>
      <SectionFindings prefixes={['department', 'year', 'unit', 'preparer', 'overallTarget', 'overallResult', 'performanceNarrative', 'functions']} onGo={onGo} />
    </Space>
  );
}

/** A list of texts (问题, 措施), each its own paragraph. */
function TextList({ path, title, addLabel, empty }: { path: readonly PathSegment[]; title: string; addLabel: string; empty: string }) {
  const ed = useEditor();
  const list = getIn(ed.data, path);
  const items = Array.isArray(list) ? list : [];
  return (
    <Card size="small" title={title} data-field={formatPath(path)} tabIndex={-1}>
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : null}
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {items.map((_, i) => (
          <div key={i} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
            <Typography.Text type="secondary" style={{ paddingTop: 4, minWidth: 20 }}>
              {i + 1}.
            </Typography.Text>
            <div style={{ flex: 1 }}>
              <TextField path={[...path, i]} area rows={2} required />
            </div>
            {!ed.readOnly ? (
              <Tooltip title={ed.t('删除', 'Remove')}>
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={ed.t('删除', 'Remove')} onClick={() => ed.update((d) => removeAt(d, path, i))} />
              </Tooltip>
            ) : null}
          </div>
        ))}
      </Space>
      {!ed.readOnly ? (
        <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => ed.update((d) => append(d, path, ''))}>
          {addLabel}
        </Button>
      ) : null}
    </Card>
  );
}

export function ProblemsSection({ onGo }: { onGo: (field: string) => void }) {
  const { t } = useEditor();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <TextList path={['problems']} title={t('存在问题', 'Problems')} addLabel={t('添加问题', 'Add a problem')} empty={t('还没有写存在的问题', 'No problems written yet')} />
        </Col>
        <Col xs={24} lg={12}>
          <TextList path={['measures']} title={t('改进措施', 'Improvement measures')} addLabel={t('添加措施', 'Add a measure')} empty={t('还没有写改进措施', 'No measures written yet')} />
        </Col>
      </Row>
      <Card size="small" title={t('结果应用', 'Use of results')}>
        <TextField path={['resultUse']} area rows={3} />
      </Card>
      <SectionFindings prefixes={['problems', 'measures', 'resultUse']} onGo={onGo} />
    </Space>
  );
}
