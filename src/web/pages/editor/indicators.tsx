/**
 * 绩效指标: the three-level indicator table (一级 / 二级 / 三级指标, 指标性质, 指标值, 单位, 完成值, 分值, 自评得分,
 * 偏差原因), with rows added and removed and the keyboard of a spreadsheet: Tab moves to the next cell, Enter to the
 * same column of the next row (Shift+Enter back up). The completion rate the core computes shows beside 完成值.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Tooltip, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { ChoiceField, TextField, useEditor } from './fields.tsx';
import { FigureValue } from './figure.tsx';
import { SectionFindings } from './findings.tsx';
import { type Live, figureAt } from './live.ts';
import { append, getIn, isRecord, removeAt } from './paths.ts';

/** Enter / Shift+Enter: the same column one row down / up, as in a spreadsheet. */
export function onGridKeyDown(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
  const el = e.target as HTMLElement;
  if (el.tagName === 'TEXTAREA' && !e.ctrlKey && !e.metaKey) return;
  if (el.tagName !== 'INPUT' && el.tagName !== 'TEXTAREA') return;
  const td = el.closest('td');
  const tr = td?.closest('tr');
  const body = tr?.parentElement;
  if (!td || !tr || !body) return;
  const rows = [...body.querySelectorAll(':scope > tr')].filter((r) => !r.classList.contains('ant-table-measure-row') && !r.getAttribute('aria-hidden'));
  const i = rows.indexOf(tr);
  const next = rows[i + (e.shiftKey ? -1 : 1)] as HTMLTableRowElement | undefined;
  e.preventDefault();
  if (!next) {
    (el.closest('.jx-grid')?.querySelector('.jx-grid-add') as HTMLElement | null)?.focus();
    return;
  }
  const cell = (next as HTMLTableRowElement).cells[td.cellIndex];
  const input = cell?.querySelector('input,textarea') as HTMLInputElement | null;
  if (input) {
    input.focus();
    input.select?.();
  }
}

export function IndicatorsSection({ live, onGo }: { live: Live; onGo: (field: string) => void }) {
  const ed = useEditor();
  const { t } = ed;
  const list = getIn(ed.data, ['indicators']);
  const rows = Array.isArray(list) ? list.map((r, i) => ({ i, r: isRecord(r) ? r : {} })) : [];
  const p = (i: number, f: string) => ['indicators', i, f];
  const text = (f: string, width?: number, placeholder?: string) => (_: unknown, row: { i: number }) => <TextField path={p(row.i, f)} width={width ?? '100%'} {...(placeholder ? { placeholder } : {})} />;
  const columns = [
    { title: '#', key: 'n', width: 40, render: (_: unknown, row: { i: number }) => <Typography.Text type="secondary">{row.i + 1}</Typography.Text> },
    { title: t('一级指标', 'Level 1'), key: 'level1', width: 110, render: text('level1', undefined, t('产出指标', 'outputs')) },
    { title: t('二级指标', 'Level 2'), key: 'level2', width: 136, render: text('level2', undefined, t('数量指标', 'quantity')) },
    { title: t('三级指标', 'Indicator'), key: 'name', width: 176, render: (_: unknown, row: { i: number }) => <TextField path={p(row.i, 'name')} required placeholder={t('指标名称', 'name')} /> },
    {
      title: t('指标性质', 'Direction'),
      key: 'direction',
      width: 104,
      render: (_: unknown, row: { i: number }) => (
        <ChoiceField
          path={p(row.i, 'direction')}
          width={84}
          placeholder={t('自动', 'auto')}
          options={[
            { value: 'gte', label: '≥' },
            { value: 'lte', label: '≤' },
            { value: 'eq', label: '=' },
            { value: 'qualitative', label: t('定性', 'qualitative') },
          ]}
        />
      ),
    },
    { title: t('指标值', 'Target'), key: 'target', width: 110, render: text('target', undefined, '≥100%') },
    { title: t('单位', 'Unit'), key: 'unitOfMeasure', width: 64, render: text('unitOfMeasure') },
    {
      title: t('完成值', 'Actual'),
      key: 'actual',
      width: 150,
      render: (_: unknown, row: { i: number }) => (
        <div>
          <TextField path={p(row.i, 'actual')} />
          <div style={{ fontSize: 12 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('完成率 ', 'completion ')}
            </Typography.Text>
            <FigureValue figure={figureAt(live.figures, `indicators[${row.i}]`, 'indicatorCompletion')} testId={`figure-indicators-${row.i}`} emptyText={t('填写指标值与完成值后计算', 'computed once target and actual are filled in')} />
          </div>
        </div>
      ),
    },
    { title: t('分值', 'Weight'), key: 'weight', width: 70, render: text('weight') },
    { title: t('自评得分', 'Self-score'), key: 'score', width: 80, render: text('score') },
    { title: t('偏差原因', 'Deviation reason'), key: 'deviationReason', width: 170, render: (_: unknown, row: { i: number }) => <TextField path={p(row.i, 'deviationReason')} area rows={1} /> },
    {
      title: '',
      key: 'ops',
      width: 40,
      render: (_: unknown, row: { i: number }) =>
        ed.readOnly ? null : (
          <Tooltip title={t('删除此行', 'Remove this row')}>
            <Button size="small" type="text" tabIndex={-1} icon={<DeleteOutlined />} aria-label={t('删除此行', 'Remove this row')} data-testid="indicator-remove" onClick={() => ed.update((d) => removeAt(d, ['indicators'], row.i))} />
          </Tooltip>
        ),
    },
  ];
  const addRow = () => {
    const last = rows[rows.length - 1]?.r;
    // A new row continues the group above it: the same 一级 and 二级 指标.
    const seed: Record<string, unknown> = { name: '' };
    if (last && typeof last.level1 === 'string') seed.level1 = last.level1;
    if (last && typeof last.level2 === 'string') seed.level2 = last.level2;
    ed.update((d) => append(d, ['indicators'], seed));
    window.setTimeout(() => {
      const inputs = document.querySelectorAll<HTMLInputElement>(`input[data-field="indicators[${rows.length}].name"]`);
      inputs[0]?.focus();
    }, 0);
  };
  return (
    <Card size="small" title={t('绩效指标表（三级指标）', 'Performance indicators (three levels)')} extra={<Typography.Text type="secondary">{t(`${rows.length} 项`, `${rows.length} rows`)}</Typography.Text>}>
      <div className="jx-grid" onKeyDown={onGridKeyDown}>
        {rows.length ? (
          <Table size="small" rowKey="i" pagination={false} columns={columns} dataSource={rows} scroll={{ x: 1240 }} className="jx-indicator-table" data-testid="indicator-table" />
        ) : (
          <Empty description={t('还没有绩效指标。按年初设定的绩效目标逐项添加：一级、二级、三级指标，指标值与完成值。', 'No indicators yet. Add them from the year’s performance targets: three levels, target and actual.')} />
        )}
        <div style={{ display: 'flex', gap: 16, alignItems: 'center', marginTop: 8 }}>
          {!ed.readOnly ? (
            <Button size="small" icon={<PlusOutlined />} className="jx-grid-add" data-testid="indicator-add" onClick={addRow}>
              {t('添加指标', 'Add an indicator')}
            </Button>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('Tab 到下一格，Enter 到下一行同一列（Shift+Enter 向上）。指标性质不填时按指标值（≥、≤、=）推断。', 'Tab: next cell. Enter: same column, next row (Shift+Enter: up). Direction left empty is read from the target (≥, ≤, =).')}
          </Typography.Text>
        </div>
      </div>
      <SectionFindings prefixes={['indicators', 'printedIndicatorCounts']} onGo={onGo} />
    </Card>
  );
}
