/**
 * The exposure page's charts, built from a run's exposure tables (src/exposure/output.ts): the share
 * of supply at risk by scenario × year as a heatmap, and the traced origins of the company's supply
 * as a Sankey. Pure functions of the rows, so they are tested without a browser.
 */
import type { EChartsCoreOption } from 'echarts/core';

/** A table as the API returns it: columns, and rows of cells in that order. */
export interface TableJson {
  columns: string[];
  rows: (string | number | boolean)[][];
}

/** The rows as objects of text (exposure tables come as text; numbers are read where used). */
export function records(t: TableJson): Record<string, string>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, String(r[i] ?? '')])));
}

const num = (s: string | undefined) => (s === undefined || s === '' ? Number.NaN : Number(s));

/** Scenarios in the order the table first names them. */
export const scenariosOf = (rows: readonly Record<string, string>[]) => [
  ...new Set(rows.map((r) => r.scenario!)),
];
export const yearsOf = (rows: readonly Record<string, string>[]) =>
  [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);

/** At-risk share of all the company's supply (line * and supplier *) by scenario × year. */
export function riskHeatmap(exposure: readonly Record<string, string>[]): EChartsCoreOption {
  const totals = exposure.filter((r) => r.line === '*' && r.supplier === '*');
  const scenarios = scenariosOf(totals);
  const years = yearsOf(totals);
  const data = totals.map((r) => [
    years.indexOf(Number(r.year)),
    scenarios.indexOf(r.scenario!),
    Number(num(r.at_risk_share).toFixed(4)),
  ]);
  const max = Math.max(0.01, ...data.map((d) => d[2]!));
  return {
    tooltip: {
      formatter: (p: { value: number[] }) =>
        `${scenarios[p.value[1]!]} ${years[p.value[0]!]}: ${(p.value[2]! * 100).toFixed(1)}% at risk`,
    },
    grid: { left: 190, right: 20, top: 10, bottom: 80 },
    xAxis: { type: 'category', data: years.map(String), splitArea: { show: true } },
    yAxis: { type: 'category', data: scenarios, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f7fbff', '#fdae61', '#d7191c'] },
      formatter: (v: number) => `${(v * 100).toFixed(0)}%`,
    },
    series: [
      {
        type: 'heatmap',
        name: 'at-risk share',
        data,
        label: { show: true, formatter: (p: { value: number[] }) => `${(p.value[2]! * 100).toFixed(1)}%` },
      },
    ],
  };
}

const STAGES = ['mining', 'separation', 'metal', 'magnet'] as const;
const STAGE_LABEL: Record<string, string> = {
  mining: 'Mining',
  separation: 'Separation',
  metal: 'Metal',
  magnet: 'Magnet',
};

/**
 * The traced origins of what the company got in one scenario and year: countries at each stage →
 * the named suppliers → the product lines. The table gives each stage's mix per line × supplier, not
 * which mine fed which refinery, so consecutive stages are joined in proportion (each column still
 * sums to what the supplier delivered).
 */
export function originsSankey(
  origins: readonly Record<string, string>[],
  scenario: string,
  year: number,
): EChartsCoreOption {
  const rows = origins.filter((r) => r.scenario === scenario && Number(r.year) === year);
  const links = new Map<string, number>();
  const add = (source: string, target: string, value: number) => {
    if (!(value > 1e-9)) return;
    const key = `${source}\u0000${target}`;
    links.set(key, (links.get(key) ?? 0) + value);
  };
  const groups = new Map<string, Record<string, string>[]>();
  for (const r of rows) {
    const key = `${r.line}\u0000${r.supplier}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, group] of groups) {
    const [line, supplier] = key.split('\u0000') as [string, string];
    const mix = STAGES.map((stage) => {
      const m = new Map<string, number>();
      for (const r of group.filter((g) => g.stage === stage))
        m.set(r.country!, (m.get(r.country!) ?? 0) + num(r.amount_t));
      return m;
    });
    const node = (stage: number, country: string) => `${STAGE_LABEL[STAGES[stage]!]} · ${country}`;
    for (let s = 0; s + 1 < STAGES.length; s++) {
      const from = mix[s]!;
      const to = mix[s + 1]!;
      const total = [...to.values()].reduce((a, b) => a + b, 0);
      if (total <= 0) continue;
      for (const [a, va] of from)
        for (const [b, vb] of to) add(node(s, a), node(s + 1, b), (va * vb) / total);
    }
    const supplierNode = `Supplier · ${supplier}`;
    for (const [country, v] of mix[3]!) add(node(3, country), supplierNode, v);
    const delivered = [...mix[3]!.values()].reduce((a, b) => a + b, 0);
    add(supplierNode, `Line · ${line}`, delivered);
  }
  const data = [...new Set([...links.keys()].flatMap((k) => k.split('\u0000')))].map((name) => ({ name }));
  return {
    // Drawn at once: the page (and its screenshot) shows every column, not a half-grown chart.
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number }) => `${p.name}: ${p.value.toFixed(1)} t`,
    },
    series: [
      {
        type: 'sankey',
        data,
        links: [...links.entries()].map(([k, value]) => {
          const [source, target] = k.split('\u0000');
          return { source, target, value: Number(value.toFixed(3)) };
        }),
        emphasis: { focus: 'adjacency' },
        nodeGap: 6,
        label: { fontSize: 11 },
        lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.4 },
      },
    ],
  };
}
