/**
 * The desk's table: every evaluation of the task the caller may see, ranked by the server; sortable by any column
 * (scores compared exactly as shares of full marks), filtered by state, grade and a department search. A row opens
 * the review view on click or Enter (rows take the keyboard focus with Tab).
 */
import { Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, type KeyboardEvent, type ReactNode, useMemo, useState } from 'react';
import { EVALUATION_STATES, EVALUATION_STATE_INFO, type EvaluationState } from '../../../core/workflow/states.ts';
import { pick, useT } from '../../lib/i18n.tsx';
import { navigate } from '../../lib/router.tsx';
import type { SummaryRow } from '../../lib/types.ts';
import { StateTag } from '../../lib/ui/state-tag.tsx';
import { GRADE_COLORS, GRADE_KEYS, cmpOptional, computedShare, executionRate, exact, gradeKey, gradeLabel, percentText, scoreDelta, scoreDiffers, selfShare } from './numbers.ts';

const stateOrder = (s: string) => {
  const i = EVALUATION_STATES.indexOf(s as EvaluationState);
  return i < 0 ? 99 : i;
};

export function DeskTable({ rows, loading, extra }: { rows: readonly SummaryRow[]; loading: boolean; extra?: ReactNode }) {
  const { t, lang } = useT();
  const [search, setSearch] = useState('');
  const [states, setStates] = useState<string[]>([]);
  const [grades, setGrades] = useState<string[]>([]);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return rows.filter((r) => (!q || r.department.toLowerCase().includes(q) || (r.summary?.department ?? '').toLowerCase().includes(q)) && (!states.length || states.includes(r.state)) && (!grades.length || grades.includes(gradeKey(r))));
  }, [rows, search, states, grades]);
  const presentStates = useMemo(() => [...new Set(rows.map((r) => r.state))].sort((a, b) => stateOrder(a) - stateOrder(b)), [rows]);

  const open = (r: SummaryRow) => navigate(`/review/${r.evaluationId}`);
  const num = (v: string | null | undefined) => v ?? <Typography.Text type="secondary">—</Typography.Text>;

  const columns: ColumnsType<SummaryRow> = [
    { title: t('排名', 'Rank'), dataIndex: 'rank', key: 'rank', width: 70, align: 'right', fixed: 'left', sorter: (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9), render: (v: number | null) => v ?? '—' },
    {
      title: t('部门', 'Department'),
      dataIndex: 'department',
      key: 'department',
      fixed: 'left',
      width: 280,
      ellipsis: { showTitle: false },
      sorter: (a, b) => a.department.localeCompare(b.department, 'zh-CN'),
      render: (v: string, r) => (
        <Tooltip title={v} placement="topLeft">
          <a href={`/review/${r.evaluationId}`} onClick={(e) => { e.preventDefault(); }} tabIndex={-1} data-testid="desk-department">
            {v || r.summary?.department || t('（未写部门名称）', '(no department name)')}
          </a>
        </Tooltip>
      ),
    },
    { title: t('状态', 'State'), dataIndex: 'state', key: 'state', width: 96, sorter: (a, b) => stateOrder(a.state) - stateOrder(b.state), render: (s: string, r) => <StateTag state={s} zh={r.stateZh} en={r.stateEn} /> },
    {
      title: t('自评分', 'Self-score'),
      key: 'self',
      width: 96,
      align: 'right',
      sorter: (a, b, o) => cmpOptional(selfShare(a), selfShare(b), o),
      render: (_: unknown, r) => num(r.summary?.selfScore),
    },
    {
      title: (
        <Tooltip title={t('按评分规则从数据重算的得分；排序按占满分的比例', 'Recomputed from the data by the rubric; sorted by share of full marks')}>
          {t('复核分', 'Recomputed')}
        </Tooltip>
      ),
      key: 'computed',
      width: 110,
      align: 'right',
      sorter: (a, b, o) => cmpOptional(computedShare(a), computedShare(b), o),
      render: (_: unknown, r) => {
        const c = r.summary?.computedScore;
        if (!c) return num(c);
        const max = r.summary?.maxScore;
        const outOf = max && exact(max) && max !== '100' ? <Typography.Text type="secondary">{` / ${max}`}</Typography.Text> : null;
        if (!scoreDiffers(r)) return <span data-testid="computed-score">{c}{outOf}</span>;
        return (
          <Tooltip title={t(`与自评分 ${r.summary?.selfScore} 不同（${scoreDelta(r)}）`, `differs from the self-score ${r.summary?.selfScore} (${scoreDelta(r)})`)}>
            <span data-testid="computed-score" data-differs="true" style={{ color: '#cf1322', fontWeight: 600 }}>
              {c}
              {outOf}
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: t('等级', 'Grade'),
      key: 'grade',
      width: 76,
      align: 'center',
      sorter: (a, b) => GRADE_KEYS.indexOf(gradeKey(a) as never) - GRADE_KEYS.indexOf(gradeKey(b) as never),
      render: (_: unknown, r) => {
        const g = gradeKey(r);
        return g === 'none' ? <Typography.Text type="secondary">{gradeLabel(g, lang)}</Typography.Text> : <Tag color={GRADE_COLORS[g] ?? 'default'}>{gradeLabel(g, lang)}</Tag>;
      },
    },
    { title: t('错误', 'Errors'), key: 'errors', width: 70, align: 'right', sorter: (a, b) => (a.summary?.errors ?? -1) - (b.summary?.errors ?? -1), render: (_: unknown, r) => (r.summary ? r.summary.errors ? <Typography.Text type="danger" strong>{r.summary.errors}</Typography.Text> : 0 : '—') },
    { title: t('提醒', 'Warnings'), key: 'warnings', width: 70, align: 'right', sorter: (a, b) => (a.summary?.warnings ?? -1) - (b.summary?.warnings ?? -1), render: (_: unknown, r) => (r.summary ? r.summary.warnings ? <Typography.Text type="warning">{r.summary.warnings}</Typography.Text> : 0 : '—') },
    { title: t('执行率', 'Execution'), key: 'rate', width: 92, align: 'right', sorter: (a, b, o) => cmpOptional(executionRate(a), executionRate(b), o), render: (_: unknown, r) => percentText(executionRate(r)) },
    {
      title: t('逾期天数', 'Days late'),
      key: 'late',
      width: 90,
      align: 'right',
      sorter: (a, b) => (a.daysLate ?? 0) - (b.daysLate ?? 0),
      render: (_: unknown, r) => (r.daysLate ? <Typography.Text type="danger">{r.daysLate}</Typography.Text> : r.daysLate === 0 ? 0 : '—'),
    },
  ];

  const onKey = (e: KeyboardEvent<HTMLElement>, r: SummaryRow) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(r);
    }
  };

  return (
    <div>
      <Space wrap style={{ marginBottom: 10 }}>
        <Input.Search
          allowClear
          placeholder={t('按部门名称搜索', 'Search departments')}
          aria-label={t('按部门名称搜索', 'Search departments')}
          data-testid="desk-search"
          style={{ width: 220 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ minWidth: 160 }}
          placeholder={t('全部状态', 'All states')}
          aria-label={t('按状态筛选', 'Filter by state')}
          data-testid="desk-state-filter"
          value={states}
          onChange={setStates}
          options={presentStates.map((s) => {
            const info = EVALUATION_STATE_INFO[s as EvaluationState];
            return { value: s, label: info ? pick(lang, info.label.zh, info.label.en) : s };
          })}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ minWidth: 140 }}
          placeholder={t('全部等级', 'All grades')}
          aria-label={t('按等级筛选', 'Filter by grade')}
          data-testid="desk-grade-filter"
          value={grades}
          onChange={setGrades}
          options={GRADE_KEYS.map((g) => ({ value: g, label: gradeLabel(g, lang) }))}
        />
        <Typography.Text type="secondary" data-testid="desk-count">
          {shown.length === rows.length ? t(`共 ${rows.length} 份`, `${rows.length} in all`) : t(`显示 ${shown.length} / ${rows.length} 份`, `${shown.length} of ${rows.length} shown`)}
        </Typography.Text>
        {extra}
      </Space>
      <Table<SummaryRow>
        data-testid="desk-table"
        size="small"
        rowKey="evaluationId"
        loading={loading}
        columns={columns}
        dataSource={shown as SummaryRow[]}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200] } : false}
        scroll={{ x: 1150 }}
        showSorterTooltip={false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={rows.length ? t('没有符合筛选条件的评价，请清除搜索或筛选', 'No evaluation matches; clear the search or filters') : t('还没有可审核的评价：部门提交后、或用“批量导入”上传材料后显示在这里', 'Nothing to review yet: evaluations appear here once departments submit, or after a batch upload')}
            />
          ),
        }}
        onRow={(r) => ({
          tabIndex: 0,
          role: 'link',
          'aria-label': t(`打开 ${r.department} 的审核`, `Open the review of ${r.department}`),
          'data-testid': 'desk-row',
          style: { cursor: 'pointer' },
          onClick: () => open(r),
          onKeyDown: (e: KeyboardEvent<HTMLElement>) => onKey(e, r),
        }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
