/** The comparison's chart: one line per run over the periods, for one item of a group or their sum. */
import type { EChartsCoreOption } from 'echarts/core';
import type { Comparison } from '../api';
import { fmt } from '../format';

const COLORS = ['#1f2328', '#c62828', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f'];

/** Whether a group's items add up: amounts do; shares and prices (per unit of something) do not. */
export const additive = (unit: string) => unit !== 'share' && !unit.includes('/');

/** `item` undefined sums the group's items (for an additive unit). */
export function compareOption(
  comparison: Comparison,
  group: string,
  item: string | undefined,
): EChartsCoreOption {
  const rows = comparison.rows.filter((r) => r.group === group && (item === undefined || r.item === item));
  const periods = [...new Set(comparison.rows.map((r) => r.period))];
  const unit = rows[0]?.unit ?? '';
  const share = unit === 'share';
  const series = comparison.runs.map((run, i) => ({
    name: `${run.scenario_name || run.scenario} (${run.id})`,
    type: 'line',
    symbolSize: 6,
    lineStyle: { width: i === 0 ? 3 : 2 },
    itemStyle: { color: COLORS[i % COLORS.length] },
    data: periods.map((p) => {
      const values = rows.filter((r) => r.period === p).map((r) => r.values[i]);
      const known = values.filter((v): v is number => typeof v === 'number');
      if (known.length === 0) return null;
      const total = known.reduce((s, v) => s + v, 0);
      return share ? Math.round(1000 * total) / 10 : total;
    }),
  }));
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: unknown) => (share ? `${fmt(v)}%` : `${fmt(v)} ${unit}`),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: periods, boundaryGap: false },
    yAxis: share
      ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }
      : { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
    series,
  };
}
