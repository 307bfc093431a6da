/**
 * The desk's charts (loaded on demand, so the first screen carries no ECharts): the distribution of recomputed scores,
 * the execution rate against the self-score (marked where the score runs ahead of spending), grades by share, and this
 * year against last. Only the chart types and components used here are bundled (echarts/core). Each chart resizes
 * with its container and exposes what it drew (data-series, data-points) for tests and assistive tools.
 */
import { Card, Col, Empty, Row, Typography } from 'antd';
import { BarChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { toFixed } from '../../../core/exact.ts';
import { useT } from '../../lib/i18n.tsx';
import type { SummaryRow, Task } from '../../lib/types.ts';
import { GRADE_COLORS, GRADE_KEYS, approx, claimsAheadOfSpending, computedShare, executionRate, gradeKey, gradeLabel, selfShare } from './numbers.ts';

echarts.use([BarChart, PieChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.EChartsCoreOption;

/** One chart: initialised once, options replaced on change, resized with its box (window or layout changes). */
function Chart({ name, option }: { name: string; option: Option }) {
  const height = chartHeight();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    const onWindow = () => c.resize();
    window.addEventListener('resize', onWindow);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', onWindow);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    const el = ref.current;
    if (!c || !el) return;
    c.setOption(option, { notMerge: true });
    // What the instance holds now (not what was asked for): the series and their points.
    const series = ((c.getOption() as { series?: { name?: string; data?: unknown[] }[] }).series ?? []);
    el.dataset.series = String(series.length);
    el.dataset.points = String(series.reduce((n, s) => n + (s.data?.length ?? 0), 0));
    el.dataset.seriesNames = series.map((s) => s.name ?? '').join('|');
    el.dataset.ready = 'true';
  }, [option]);
  return <div ref={ref} data-chart={name} style={{ width: '100%', height }} />;
}

function ChartCard({ title, hint, children }: { title: string; hint?: string | undefined; children: ReactNode }) {
  return (
    <Card size="small" title={title} styles={{ body: { padding: 8 } }} extra={hint ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text> : null}>
      {children}
    </Card>
  );
}

function Nothing({ text }: { text: string }) {
  return (
    <div style={{ height: chartHeight(), display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />
    </div>
  );
}

const pct = (n: number) => `${n}%`;
/** Taller charts on a large screen; the desk at 1366×768 keeps the table and the charts in one view. */
const chartHeight = () => (typeof window !== 'undefined' && window.innerWidth >= 1600 && window.innerHeight >= 900 ? 300 : 230);

export interface Previous {
  readonly task: Task;
  readonly rows: readonly SummaryRow[];
}

export default function DeskCharts({ rows, task, previous }: { rows: readonly SummaryRow[]; task: Task; previous: Previous | null | undefined }) {
  const { t, lang } = useT();
  const axisText = { color: '#595959', fontSize: 11 };

  // 1. 复核分分布: recomputed scores as a share of full marks, in bands of 10 points (the top band includes 100).
  const distribution = useMemo(() => {
    const bands = Array.from({ length: 10 }, () => 0);
    let n = 0;
    for (const r of rows) {
      const s = approx(computedShare(r));
      if (s === undefined) continue;
      bands[Math.min(9, Math.max(0, Math.floor(s / 10)))]!++;
      n++;
    }
    const labels = bands.map((_, i) => `${i * 10}–${i === 9 ? 100 : i * 10 + 9}`);
    const colour = (i: number) => (i >= 9 ? GRADE_COLORS['优'] : i >= 8 ? GRADE_COLORS['良'] : i >= 6 ? GRADE_COLORS['中'] : GRADE_COLORS['差']);
    const option: Option = {
      tooltip: { trigger: 'axis', formatter: (p: { name: string; value: number }[]) => t(`复核分占满分 ${p[0]!.name}%：${p[0]!.value} 份`, `${p[0]!.value} with ${p[0]!.name}% of full marks`) },
      grid: { left: 36, right: 12, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: labels, axisLabel: { ...axisText, interval: 0, rotate: 40 }, name: '%', nameGap: 4 },
      yAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
      series: [{ name: t('评价份数', 'evaluations'), type: 'bar', data: bands.map((v, i) => ({ value: v, itemStyle: { color: colour(i) } })), barCategoryGap: '20%' }],
    };
    return { n, option };
  }, [rows, lang]);

  // 2. 执行率与自评得分率: red where the self-score's share runs more than 10 points ahead of the execution rate.
  const scatter = useMemo(() => {
    const normal: { value: [number, number]; name: string }[] = [];
    const ahead: { value: [number, number]; name: string }[] = [];
    let missing = 0;
    for (const r of rows) {
      const flag = claimsAheadOfSpending(r);
      const x = approx(executionRate(r));
      const y = approx(selfShare(r));
      if (flag === undefined || x === undefined || y === undefined) {
        if (r.summary) missing++;
        continue;
      }
      (flag ? ahead : normal).push({ value: [x, y], name: r.department });
    }
    const all = [...normal, ...ahead].flatMap((p) => p.value);
    const lo = Math.max(0, Math.floor((Math.min(100, ...all) - 5) / 10) * 10);
    const hi = Math.max(100, Math.ceil((Math.max(...all, 100) + 1) / 10) * 10);
    const aheadName = t('自评得分率高于执行率 10 个百分点以上', 'self-score share > execution rate + 10 points');
    const option: Option = {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: [number, number]; seriesName: string }) =>
          `${p.name}<br/>${t('执行率', 'execution')} ${p.value[0].toFixed(2)}%　${t('自评得分率', 'self-score share')} ${p.value[1].toFixed(2)}%`,
      },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 }, data: [t('正常', 'consistent'), aheadName] },
      grid: { left: 44, right: 16, top: 16, bottom: 58 },
      xAxis: { type: 'value', name: t('执行率', 'execution'), nameLocation: 'middle', nameGap: 24, min: lo, max: hi, axisLabel: { ...axisText, formatter: pct } },
      yAxis: { type: 'value', name: t('自评得分率', 'self-score'), nameLocation: 'middle', nameGap: 32, min: lo, max: hi, axisLabel: { ...axisText, formatter: pct } },
      series: [
        {
          name: t('正常', 'consistent'),
          type: 'scatter',
          symbolSize: 10,
          itemStyle: { color: '#1d5fbf' },
          data: normal,
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#cf1322', width: 1 },
            label: { formatter: t('+10 个百分点', '+10 points'), fontSize: 10, color: '#cf1322' },
            data: [[{ coord: [lo, lo + 10] }, { coord: [hi - 10, hi] }]],
          },
        },
        { name: aheadName, type: 'scatter', symbolSize: 12, itemStyle: { color: '#cf1322' }, data: ahead },
      ],
    };
    return { n: normal.length + ahead.length, ahead: ahead.length, missing, option };
  }, [rows, lang]);

  // 3. 等级分布.
  const grades = useMemo(() => {
    const counts = new Map<string, number>(GRADE_KEYS.map((g) => [g, 0]));
    for (const r of rows) counts.set(gradeKey(r), (counts.get(gradeKey(r)) ?? 0) + 1);
    const data = GRADE_KEYS.filter((g) => counts.get(g)).map((g) => ({ name: gradeLabel(g, lang), value: counts.get(g)!, itemStyle: { color: GRADE_COLORS[g] } }));
    const option: Option = {
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => t(`${p.name}：${p.value} 份（${p.percent}%）`, `${p.name}: ${p.value} (${p.percent}%)`) },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 }, formatter: (name: string) => { const d = data.find((x) => x.name === name); return d ? t(`${name} ${d.value} 份`, `${name} ${d.value}`) : name; } },
      series: [{ name: t('等级', 'grade'), type: 'pie', radius: ['34%', '70%'], center: ['50%', '45%'], label: { position: 'inside', formatter: '{c}', fontSize: 12, color: '#fff', fontWeight: 600 }, labelLine: { show: false }, data }],
    };
    return { n: rows.length, option };
  }, [rows, lang]);

  // 4. 与上年比较: departments present in the earlier task, recomputed share of full marks then and now.
  const compare = useMemo(() => {
    if (!previous) return undefined;
    const before = new Map(previous.rows.map((r) => [r.departmentId, r]));
    const pairs = rows
      .map((r) => ({ r, p: before.get(r.departmentId) }))
      .filter((x): x is { r: SummaryRow; p: SummaryRow } => !!x.p && (computedShare(x.r) !== undefined || computedShare(x.p) !== undefined));
    const names = pairs.map((x) => x.r.department);
    const share = (r: SummaryRow) => {
      const s = computedShare(r);
      return s ? Number(toFixed(s, 2)) : null;
    };
    const option: Option = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 16, top: 8, bottom: 28, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { ...axisText, formatter: pct } },
      yAxis: { type: 'category', data: names, axisLabel: { ...axisText, width: 110, overflow: 'truncate' } },
      series: [
        { name: t(`上年（${previous.task.year} 年度）`, `last (${previous.task.year})`), type: 'bar', itemStyle: { color: '#bfbfbf' }, data: pairs.map((x) => share(x.p)) },
        { name: t(`本年（${task.year} 年度）`, `this (${task.year})`), type: 'bar', itemStyle: { color: '#1d5fbf' }, data: pairs.map((x) => share(x.r)) },
      ],
    };
    return { n: pairs.length, option };
  }, [rows, previous, task.year, lang]);

  const span = { xs: 24, md: 12, xl: 6 };
  return (
    <Row gutter={[12, 12]} data-testid="desk-charts">
      <Col {...span}>
        <ChartCard title={t('复核分分布', 'Recomputed scores')} hint={t('占满分 %', '% of full marks')}>
          {distribution.n ? <Chart name="distribution" option={distribution.option} /> : <Nothing text={t('还没有可复核计分的评价', 'No recomputed score yet')} />}
        </ChartCard>
      </Col>
      <Col {...span}>
        <ChartCard title={t('执行率与自评得分率', 'Execution vs self-score')} hint={scatter.ahead ? t(`${scatter.ahead} 个预警`, `${scatter.ahead} flagged`) : undefined}>
          {scatter.n ? (
            <Chart name="execution" option={scatter.option} />
          ) : (
            <Nothing text={t('没有同时有自评分和执行率的评价', 'No evaluation has both a self-score and an execution rate')} />
          )}
        </ChartCard>
      </Col>
      <Col {...span}>
        <ChartCard title={t('等级分布', 'Grades')}>{grades.n ? <Chart name="grades" option={grades.option} /> : <Nothing text={t('还没有评价', 'No evaluation yet')} />}</ChartCard>
      </Col>
      <Col {...span}>
        <ChartCard title={t('与上年比较', 'Against last year')} hint={previous ? t(`复核分占满分 %`, '% of full marks') : undefined}>
          {previous === undefined ? (
            <Nothing text={t('正在查找往年任务…', 'Looking for an earlier task…')} />
          ) : previous === null ? (
            <Nothing text={t('本地区没有更早年度的任务，无法比较', 'No earlier task in this region to compare with')} />
          ) : compare?.n ? (
            <Chart name="compare" option={compare.option} />
          ) : (
            <Nothing text={t(`${previous.task.year} 年度任务中没有与本任务相同的部门`, `No department of this task was in the ${previous.task.year} task`)} />
          )}
        </ChartCard>
      </Col>
    </Row>
  );
}
