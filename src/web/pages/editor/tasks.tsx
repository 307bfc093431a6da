/**
 * 重点任务与项目: the year's key tasks (content, completion, amounts, key indicators) and the project table with
 * each project's execution rate computed as it is typed.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Space, Table, Tooltip, Typography } from 'antd';
import { AmountField, TextField, YesNoField, useEditor } from './fields.tsx';
import { FigureValue } from './figure.tsx';
import { SectionFindings } from './findings.tsx';
import { onGridKeyDown } from './indicators.tsx';
import { type Live, figureAt } from './live.ts';
import { append, getIn, isRecord, removeAt } from './paths.ts';

function RemoveButton({ onClick, label }: { onClick: () => void; label: string }) {
  const { readOnly } = useEditor();
  if (readOnly) return null;
  return (
    <Tooltip title={label}>
      <Button size="small" type="text" tabIndex={-1} icon={<DeleteOutlined />} aria-label={label} onClick={onClick} />
    </Tooltip>
  );
}

function KeyIndicators({ task, live }: { task: number; live: Live }) {
  const ed = useEditor();
  const { t } = ed;
  const list = getIn(ed.data, ['keyTasks', task, 'keyIndicators']);
  const rows = Array.isArray(list) ? list.map((_, j) => ({ j })) : [];
  const base = (j: number) => ['keyTasks', task, 'keyIndicators', j];
  return (
    <div className="jx-grid" onKeyDown={onGridKeyDown}>
      {rows.length ? (
        <Table
          size="small"
          rowKey="j"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('关键指标', 'Key indicator'), key: 'name', render: (_: unknown, r: { j: number }) => <TextField path={[...base(r.j), 'name']} required /> },
            { title: t('指标值', 'Target'), key: 'target', width: 150, render: (_: unknown, r: { j: number }) => <TextField path={[...base(r.j), 'target']} /> },
            { title: t('完成情况', 'Actual'), key: 'actual', width: 220, render: (_: unknown, r: { j: number }) => <TextField path={[...base(r.j), 'actual']} /> },
            {
              title: t('完成率', 'Completion'),
              key: 'rate',
              width: 100,
              render: (_: unknown, r: { j: number }) => <FigureValue figure={figureAt(live.figures, `keyTasks[${task}].keyIndicators[${r.j}]`, 'indicatorCompletion')} />,
            },
            { title: '', key: 'ops', width: 40, render: (_: unknown, r: { j: number }) => <RemoveButton label={t('删除此指标', 'Remove')} onClick={() => ed.update((d) => removeAt(d, ['keyTasks', task, 'keyIndicators'], r.j))} /> },
          ]}
        />
      ) : null}
      {!ed.readOnly ? (
        <Button size="small" type="dashed" className="jx-grid-add" icon={<PlusOutlined />} style={{ marginTop: 6 }} onClick={() => ed.update((d) => append(d, ['keyTasks', task, 'keyIndicators'], { name: '' }))}>
          {t('添加关键指标', 'Add a key indicator')}
        </Button>
      ) : null}
    </div>
  );
}

function KeyTasks({ live }: { live: Live }) {
  const ed = useEditor();
  const { t } = ed;
  const list = getIn(ed.data, ['keyTasks']);
  const tasks = Array.isArray(list) ? list : [];
  return (
    <Card size="small" title={t('年度重点工作任务', 'Key tasks of the year')} extra={<Typography.Text type="secondary">{t(`${tasks.length} 项`, `${tasks.length} tasks`)}</Typography.Text>}>
      {tasks.length === 0 ? <Empty description={t('还没有重点任务。', 'No key tasks yet.')} /> : null}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {tasks.map((_, i) => (
          <Card
            key={i}
            size="small"
            type="inner"
            title={
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <Typography.Text type="secondary">{t(`任务 ${i + 1}`, `Task ${i + 1}`)}</Typography.Text>
                <TextField path={['keyTasks', i, 'name']} required width={360} placeholder={t('任务名称', 'task name')} />
              </div>
            }
            extra={<RemoveButton label={t('删除此任务', 'Remove this task')} onClick={() => ed.update((d) => removeAt(d, ['keyTasks'], i))} />}
          >
            <Row gutter={[16, 8]}>
              <Col xs={24} lg={12}>
                <Typography.Text type="secondary">{t('主要实施内容 / 预期目标', 'Content / expected result')}</Typography.Text>
                <TextField path={['keyTasks', i, 'content']} area rows={3} />
              </Col>
              <Col xs={24} lg={12}>
                <Typography.Text type="secondary">{t('目标完成情况', 'Completion')}</Typography.Text>
                <TextField path={['keyTasks', i, 'completion']} area rows={3} />
              </Col>
              <Col>
                <Space size={16} wrap>
                  <span>
                    <Typography.Text type="secondary">{t('拟投入资金 ', 'Planned ')}</Typography.Text>
                    <AmountField path={['keyTasks', i, 'plannedAmount']} width={150} />
                  </span>
                  <span>
                    <Typography.Text type="secondary">{t('任务涉及金额 ', 'Amount ')}</Typography.Text>
                    <AmountField path={['keyTasks', i, 'amount']} width={150} />
                  </span>
                </Space>
              </Col>
              <Col span={24}>
                <KeyIndicators task={i} live={live} />
              </Col>
            </Row>
          </Card>
        ))}
      </Space>
      {!ed.readOnly ? (
        <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => ed.update((d) => append(d, ['keyTasks'], { name: t(`任务${tasks.length + 1}`, `Task ${tasks.length + 1}`) }))}>
          {t('添加重点任务', 'Add a key task')}
        </Button>
      ) : null}
    </Card>
  );
}

function Projects({ live }: { live: Live }) {
  const ed = useEditor();
  const { t } = ed;
  const list = getIn(ed.data, ['projects', 'rows']);
  const rows = Array.isArray(list) ? list.map((r, i) => ({ i, r: isRecord(r) ? r : {} })) : [];
  const p = (i: number, f: string) => ['projects', 'rows', i, f];
  return (
    <Card size="small" title={t('项目支出', 'Projects')} extra={<Typography.Text type="secondary">{t(`${rows.length} 个项目`, `${rows.length} projects`)}</Typography.Text>}>
      <div className="jx-grid" onKeyDown={onGridKeyDown}>
        {rows.length ? (
          <Table
            size="small"
            rowKey="i"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 1100 }}
            columns={[
              { title: t('项目名称', 'Project'), key: 'name', width: 220, render: (_: unknown, r: { i: number }) => <TextField path={p(r.i, 'name')} required /> },
              { title: t('实施单位', 'Unit'), key: 'implementingUnit', width: 120, render: (_: unknown, r: { i: number }) => <TextField path={p(r.i, 'implementingUnit')} /> },
              { title: t('重点项目', 'Key project'), key: 'isKeyProject', width: 96, render: (_: unknown, r: { i: number }) => <YesNoField path={p(r.i, 'isKeyProject')} width={72} /> },
              { title: t('年初预算', 'Initial budget'), key: 'initialBudget', width: 176, render: (_: unknown, r: { i: number }) => <AmountField path={p(r.i, 'initialBudget')} width={158} /> },
              { title: t('调整后预算', 'Adjusted budget'), key: 'adjustedBudget', width: 176, render: (_: unknown, r: { i: number }) => <AmountField path={p(r.i, 'adjustedBudget')} width={158} /> },
              { title: t('实际支出', 'Actual spending'), key: 'actualSpending', width: 176, render: (_: unknown, r: { i: number }) => <AmountField path={p(r.i, 'actualSpending')} width={158} /> },
              {
                title: t('执行率', 'Execution rate'),
                key: 'exec',
                width: 130,
                render: (_: unknown, r: { i: number }) => (
                  <div>
                    <FigureValue figure={figureAt(live.figures, `projects.rows[${r.i}]`, 'executionRate')} testId={`figure-project-${r.i}`} />
                    <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('印出', 'printed')}
                      </Typography.Text>
                      <TextField path={[...p(r.i, 'printed'), 'executionRate']} width={92} placeholder="—" />
                    </div>
                  </div>
                ),
              },
              { title: '', key: 'ops', width: 40, render: (_: unknown, r: { i: number }) => <RemoveButton label={t('删除此项目', 'Remove this project')} onClick={() => ed.update((d) => removeAt(d, ['projects', 'rows'], r.i))} /> },
            ]}
          />
        ) : (
          <Empty description={t('还没有项目。', 'No projects yet.')} />
        )}
        {!ed.readOnly ? (
          <Button size="small" className="jx-grid-add" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => ed.update((d) => append(d, ['projects', 'rows'], { name: '' }))}>
            {t('添加项目', 'Add a project')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}

export function TasksSection({ live, onGo }: { live: Live; onGo: (field: string) => void }) {
  const { t } = useEditor();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <KeyTasks live={live} />
      <Projects live={live} />
      <Card size="small" title={t('重点项目绩效情况', 'Key project performance')}>
        <TextField path={['keyProjectNarrative']} area rows={4} />
      </Card>
      <SectionFindings prefixes={['keyTasks', 'projects', 'keyProjectNarrative', 'project', 'projectEvaluations']} onGo={onGo} />
    </Space>
  );
}
