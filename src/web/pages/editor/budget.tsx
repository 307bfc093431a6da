/**
 * 预算执行: the department total, 基本支出 and 项目支出, and the lines by fund source — 年初预算, 调增, 调减,
 * 调整后预算, 实际支出 typed as decimal text with their unit — and beside each line the rates the core computes
 * from them (执行率, 调整率), with the value the document printed.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Table, Tooltip, Typography } from 'antd';
import { FUND_SOURCES } from '../../../core/model/evaluation.ts';
import { AmountField, ProblemLine, TextField, useEditor, useMarks } from './fields.tsx';
import { FigureValue } from './figure.tsx';
import { SectionFindings } from './findings.tsx';
import type { Live } from './live.ts';
import { figureAt } from './live.ts';
import { type PathSegment, append, formatPath, getIn, isRecord, removeAt } from './paths.ts';

interface Row {
  readonly key: string;
  readonly path: readonly PathSegment[];
  readonly label: string;
  readonly fundIndex?: number;
}

const AMOUNT_COLUMNS = [
  ['initialBudget', '年初预算', 'Initial budget'],
  ['increase', '调增', 'Increase'],
  ['decrease', '调减', 'Decrease'],
  ['adjustedBudget', '调整后预算', 'Adjusted budget'],
  ['actualSpending', '实际支出', 'Actual spending'],
] as const;

function FundName({ path }: { path: readonly PathSegment[] }) {
  const ed = useEditor();
  const k = formatPath(path);
  const raw = getIn(ed.data, path);
  const { status, marks } = useMarks(k);
  return (
    <div className="jx-field">
      <AutoComplete
        size="small"
        style={{ width: 112 }}
        value={typeof raw === 'string' ? raw : ''}
        disabled={ed.readOnly}
        status={status}
        options={FUND_SOURCES.map((f) => ({ value: f }))}
        placeholder={ed.t('资金来源', 'fund source')}
        onChange={(v: string) => ed.set(path, v)}
        data-field={k}
      />
      {marks}
      <ProblemLine k={k} />
    </div>
  );
}

/** A rate of the line and, under it, what the document printed (editable: it is part of the data). */
function RateCell({ live, path, family, testId }: { live: Live; path: readonly PathSegment[]; family: 'executionRate' | 'adjustmentRate'; testId: string }) {
  const ed = useEditor();
  const figure = figureAt(live.figures, formatPath(path), family);
  const printedPath = [...path, 'printed', family];
  const hasPrinted = getIn(ed.data, printedPath) !== undefined;
  return (
    <div>
      <FigureValue figure={figure} testId={testId} />
      {hasPrinted || !ed.readOnly ? (
        <div style={{ display: 'flex', alignItems: 'center', gap: 4, marginTop: 2 }}>
          <Tooltip title={ed.t('文件或表中印出的值，用于与计算值核对；没有可不填', 'The value the document printed, checked against the computed one; leave empty if none')}>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {ed.t('印出', 'printed')}
            </Typography.Text>
          </Tooltip>
          <TextField path={printedPath} width={106} placeholder="—" />
        </div>
      ) : null}
    </div>
  );
}

export function BudgetSection({ live, onGo }: { live: Live; onGo: (field: string) => void }) {
  const ed = useEditor();
  const { t } = ed;
  const funds = getIn(ed.data, ['budget', 'fundSources']);
  const fundList = Array.isArray(funds) ? funds : [];
  const rows: Row[] = [
    { key: 'budget', path: ['budget'], label: t('部门合计', 'Department total') },
    { key: 'basic', path: ['budget', 'basic'], label: t('基本支出', 'Basic expenditure') },
    { key: 'project', path: ['budget', 'project'], label: t('项目支出', 'Project expenditure') },
    ...fundList.map((_, i): Row => ({ key: `fund${i}`, path: ['budget', 'fundSources', i], label: '', fundIndex: i })),
  ];
  const columns = [
    {
      title: t('项目', 'Line'),
      key: 'label',
      width: 136,
      fixed: 'left' as const,
      render: (_: unknown, r: Row) =>
        r.fundIndex === undefined ? (
          <Typography.Text strong={r.key === 'budget'}>{r.label}</Typography.Text>
        ) : (
          <div style={{ display: 'flex', alignItems: 'center', gap: 2 }}>
            <FundName path={[...r.path, 'name']} />
            {!ed.readOnly ? (
              <Tooltip title={t('删除此资金来源', 'Remove this fund source')}>
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('删除', 'Remove')} onClick={() => ed.update((d) => removeAt(d, ['budget', 'fundSources'], r.fundIndex!))} />
              </Tooltip>
            ) : null}
          </div>
        ),
    },
    ...AMOUNT_COLUMNS.map(([field, zh, en]) => ({
      title: t(zh, en),
      key: field,
      width: 172,
      render: (_: unknown, r: Row) => <AmountField path={[...r.path, field]} width={154} />,
    })),
    {
      title: t('执行率', 'Execution rate'),
      key: 'exec',
      width: 136,
      render: (_: unknown, r: Row) => <RateCell live={live} path={r.path} family="executionRate" testId={`figure-${r.key}-executionRate`} />,
    },
    {
      title: t('调整率', 'Adjustment rate'),
      key: 'adj',
      width: 136,
      render: (_: unknown, r: Row) => <RateCell live={live} path={r.path} family="adjustmentRate" testId={`figure-${r.key}-adjustmentRate`} />,
    },
  ];
  const adjustedFigure = figureAt(live.figures, 'budget', 'adjustedBudget');
  const unit = isRecord(ed.data) && typeof ed.data.unit === 'string' ? ed.data.unit : '万元';
  return (
    <Card
      size="small"
      title={t('预算执行情况', 'Budget execution')}
      extra={<Typography.Text type="secondary">{t(`金额默认单位：${unit}（可逐项改为元）`, `Default unit: ${unit} (each figure may say 元)`)}</Typography.Text>}
    >
      <Table<Row> size="small" rowKey="key" pagination={false} columns={columns} dataSource={rows} scroll={{ x: 1150 }} className="jx-budget-table" />
      <div style={{ display: 'flex', gap: 16, alignItems: 'center', marginTop: 8, flexWrap: 'wrap' }}>
        {!ed.readOnly ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => ed.update((d) => append(d, ['budget', 'fundSources'], { name: fundList.length ? '' : FUND_SOURCES[0] }))}>
            {t('添加资金来源', 'Add a fund source')}
          </Button>
        ) : null}
        {adjustedFigure && adjustedFigure.comparison === 'differs' ? (
          <Typography.Text type="danger">
            {t('按 年初预算 + 调增 − 调减 算得调整后预算为 ', 'Initial + increase − decrease gives an adjusted budget of ')}
            <FigureValue figure={adjustedFigure} />
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('执行率、调整率在输入时即按国家口径计算；鼠标停在数值上可看公式与取数。', 'Rates are computed as you type; hover a rate for its formula and inputs.')}
        </Typography.Text>
      </div>
      <div style={{ marginTop: 8 }}>
        <TextField path={['budget', 'note']} area rows={2} placeholder={t('说明、偏差原因（可选）', 'Note or deviation reason (optional)')} />
      </div>
      <SectionFindings prefixes={['budget', 'basicExpenditure', 'economicClassification', 'functionalClassification', 'formulaTables', 'management']} onGo={onGo} />
    </Card>
  );
}
