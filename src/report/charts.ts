/**
 * ECharts options for the report's charts: pure functions of the run's tables. Every option is
 * plain JSON (no functions), so it can be embedded in the page; the page adds tooltip formatters.
 */

import { buildFlows, type Flows } from './flows.js';
import { baseUnit, fmtAmount } from './format.js';
import { sortStages } from './headline.js';
import type { RunData } from './types.js';

export type ChartKind =
  | 'sankey'
  | 'capacity'
  | 'china-share'
  | 'shortfall'
  | 'destroyed'
  | 'prices'
  | 'fan'
  | 'mc-probability'
  | 'tornado';

export interface ChartSpec {
  /** The id of the chart's container in the page. */
  readonly id: string;
  readonly kind: ChartKind;
  readonly title: string;
  readonly caption: string;
  /** The ECharts option, JSON only. */
  readonly option: Record<string, unknown>;
  /** Data items drawn: links for the Sankey, data values summed over series otherwise. */
  readonly points: number;
  /** Unit of the values, for tooltips ("%" for shares). */
  readonly unit: string;
  /** Height on screen in px, where the default (380) is too small. */
  readonly height?: number;
}

/** The Sankey for every period, so the page can switch between them; `period` is the one shown first. */
export interface SankeySpec extends ChartSpec {
  readonly kind: 'sankey';
  readonly period: string;
  /** The run's periods, in order (keys of `byPeriod`). */
  readonly periods: readonly string[];
  readonly byPeriod: Readonly<
    Record<string, { readonly option: Record<string, unknown>; readonly points: number }>
  >;
}

const CHINA = '#c62828';
const PALETTE = [
  '#1565c0',
  '#2e7d32',
  '#6a1b9a',
  '#ef6c00',
  '#00838f',
  '#795548',
  '#ad1457',
  '#9e9d24',
  '#546e7a',
  '#5e35b1',
  '#00695c',
  '#f9a825',
];
const STOCK = '#9e9e9e';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** One colour per region, the same in every chart; China in red. */
export function regionColors(run: RunData): Map<string, string> {
  const regions = [
    ...new Set([
      ...run.production.map((r) => r.region),
      ...run.demand.map((r) => r.region),
      ...run.capacity.map((r) => r.region),
      ...run.trade.flatMap((t) => [t.from_region, t.to_region]),
    ]),
  ].sort();
  const colors = new Map<string, string>();
  let i = 0;
  for (const r of regions) colors.set(r, r === 'CN' ? CHINA : PALETTE[i++ % PALETTE.length]!);
  return colors;
}

export const base = () => ({
  animation: false,
  textStyle: { fontFamily: FONT },
  tooltip: { trigger: 'axis', confine: true },
  legend: { top: 0, type: 'plain' },
});

const countSeries = (series: readonly { data: readonly unknown[] }[]) =>
  series.reduce((s, x) => s + x.data.length, 0);

const periodsOf = (run: RunData) => run.manifest.periods.map((p) => p.period);

// --- (a) Sankey ---------------------------------------------------------------------------------

export function sankeyOption(flows: Flows, colors: ReadonlyMap<string, string>): Record<string, unknown> {
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'item', confine: true },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 110,
        top: 8,
        bottom: 8,
        nodeWidth: 14,
        nodeGap: 10,
        nodeAlign: 'left',
        layoutIterations: 64,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        label: {
          fontSize: 11,
          position: 'right',
          color: '#1f2328',
          textBorderColor: '#fff',
          textBorderWidth: 3,
        },
        lineStyle: { color: 'source', opacity: 0.4, curveness: 0.5 },
        data: flows.nodes.map((n) => ({
          name: n.name,
          depth: n.depth,
          itemStyle: { color: n.stage === 'stock' ? STOCK : (colors.get(n.region) ?? STOCK) },
        })),
        links: flows.links.map((l) => ({
          source: l.source,
          target: l.target,
          value: l.value,
          unit: l.unit,
          materials: l.materials,
        })),
      },
    ],
  };
}

export function sankeyChart(run: RunData, period: string, colors = regionColors(run)): SankeySpec {
  const byPeriod: Record<string, { option: Record<string, unknown>; points: number }> = {};
  let tallest = 0; // most nodes in one column, in any period
  for (const p of periodsOf(run)) {
    const flows = buildFlows(run, p);
    byPeriod[p] = { option: sankeyOption(flows, colors), points: flows.links.length };
    const perColumn = new Map<number, number>();
    for (const n of flows.nodes) perColumn.set(n.depth, (perColumn.get(n.depth) ?? 0) + 1);
    tallest = Math.max(tallest, ...perColumn.values());
  }
  const shown = byPeriod[period] ?? { option: sankeyOption(buildFlows(run, period), colors), points: 0 };
  return {
    id: 'chart-sankey',
    kind: 'sankey',
    title: 'Flows through the chain',
    caption:
      'Nodes are a stage in a region; each link is material made at one stage and used by the next stage ' +
      'present in the region it reached (directly or through trade), or served to demand there. Origins are ' +
      "traced through each region's stock of a material by proportional mixing, so a re-export counts for " +
      'the stage that made it. Widths are in each material’s own unit (t REO for concentrates and oxides, ' +
      't metal, t magnet; hover a link to see it), so a node’s inflow and outflow need not match. ' +
      '“stock” is opening stock drawn down. Not drawn: material put into stock, surplus co-products (those ' +
      'without a positive price in the region, which are stocked or disposed), and scrap (recycling is shown ' +
      'as a source). Where a region both uses and disposes of a material, its whole local use is drawn as used.',
    option: shown.option,
    points: shown.points,
    unit: '',
    height: Math.max(520, 26 * tallest + 40),
    period,
    periods: periodsOf(run),
    byPeriod,
  };
}

// --- (b) capacity against demand ----------------------------------------------------------------

export function capacityChart(run: RunData, colors = regionColors(run)): ChartSpec {
  const periods = periodsOf(run);
  const magnet = run.capacity.filter((c) => c.stage === 'magnet');
  const regions = [...new Set(magnet.filter((c) => c.capacity > 0).map((c) => c.region))].sort();
  const sum = <T extends { period: string }>(rows: readonly T[], p: string, f: (r: T) => number) =>
    rows.filter((r) => r.period === p).reduce((s, r) => s + f(r), 0);
  const capUnits = [...new Set(magnet.map((c) => baseUnit(c.unit)))];
  const demandUnits = [...new Set(run.demand.map((d) => d.unit))];
  const unit = [...new Set([...capUnits, ...demandUnits])].join('; ') || 't magnet';
  const series = [
    ...regions.map((region) => ({
      name: `capacity · ${region}`,
      type: 'bar',
      stack: 'capacity',
      barMaxWidth: 48,
      itemStyle: { color: colors.get(region) },
      data: periods.map((p) => round(sum(magnet, p, (c) => (c.region === region ? c.capacity : 0)))),
    })),
    {
      name: 'magnet demand (all regions)',
      type: 'line',
      symbolSize: 6,
      lineStyle: { width: 3, color: '#212121' },
      itemStyle: { color: '#212121' },
      data: periods.map((p) => round(sum(run.demand, p, (d) => d.demand))),
    },
    {
      name: 'magnets made',
      type: 'line',
      symbolSize: 5,
      lineStyle: { width: 2, type: 'dashed', color: '#757575' },
      itemStyle: { color: '#757575' },
      data: periods.map((p) => round(sum(magnet, p, (c) => c.used))),
    },
  ];
  return {
    id: 'chart-capacity',
    kind: 'capacity',
    title: 'Magnet-making capacity against magnet demand',
    caption:
      `Bars: magnet-stage capacity available in each period, stacked by region (capacity.csv). Line: magnet ` +
      `demand of all regions (demand.csv); dashed: magnets actually made. Unit: ${unit}.`,
    option: {
      ...base(),
      grid: { left: 8, right: 16, top: legendTop(series.map((x) => x.name)), bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
      series,
    },
    points: countSeries(series),
    unit,
  };
}

// --- (c) The taint set's (China's) share per stage ---------------------------------------------

export function chinaShareChart(run: RunData): ChartSpec {
  const taint = run.manifest.taint;
  const periods = periodsOf(run);
  const stages = sortStages(run.concentration.map((c) => c.stage));
  const series = stages.map((stage) => ({
    name: stage,
    type: 'line',
    symbolSize: 6,
    connectNulls: false,
    data: periods.map((p) => {
      const r = run.concentration.find((c) => c.stage === stage && c.period === p);
      return r === undefined ? null : Math.round(1000 * r.taint_share) / 10;
    }),
  }));
  return {
    id: 'chart-china-share',
    kind: 'china-share',
    title: `${taint.name}'s share of each stage's output`,
    caption:
      `Share of each stage’s output (t REO content) made in ${taint.regions.join(', ')} (taint set ${taint.set}), per period (concentration.csv). ` +
      'A gap means the stage made nothing that period.',
    option: {
      ...base(),
      color: ['#8d6e63', '#1565c0', '#6a1b9a', '#c62828', '#2e7d32', '#ef6c00'],
      grid: { left: 8, right: 16, top: legendTop(series.map((x) => x.name)), bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series,
    },
    points: series.reduce((s, x) => s + x.data.filter((v) => v !== null).length, 0),
    unit: '%',
  };
}

// --- (d) shortfalls -----------------------------------------------------------------------------

export function shortfallChart(run: RunData, colors = regionColors(run), maxSeries = 12): ChartSpec {
  const periods = periodsOf(run);
  const unit = [...new Set(run.demand.map((d) => d.unit))].join('; ') || 't magnet';
  // Short per region · application and period.
  const short = new Map<string, { region: string; total: number; byPeriod: Map<string, number> }>();
  for (const d of run.demand) {
    if (d.short <= 0) continue;
    const name = `${d.region} · ${d.application}`;
    const k = short.get(name) ?? { region: d.region, total: 0, byPeriod: new Map<string, number>() };
    k.total += d.short;
    k.byPeriod.set(d.period, (k.byPeriod.get(d.period) ?? 0) + d.short);
    short.set(name, k);
  }
  // The largest get a series each (so the legend stays readable); the rest are summed as "other".
  const ranked = [...short].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, ranked.length > maxSeries ? maxSeries - 1 : maxSeries);
  const rest = ranked.slice(shown.length);
  shown.sort(([a], [b]) => a.localeCompare(b));
  // Shades of the region's colour tell applications of one region apart.
  const shade = new Map<string, number>();
  const bar = (name: string, color: string | undefined, opacity: number, value: (p: string) => number) => ({
    name,
    type: 'bar',
    stack: 'short',
    barMaxWidth: 48,
    itemStyle: { color, opacity },
    data: periods.map((p) => round(value(p))),
  });
  const series = shown.map(([name, k]) => {
    const i = shade.get(k.region) ?? 0;
    shade.set(k.region, i + 1);
    return bar(name, colors.get(k.region), Math.max(0.35, 1 - 0.18 * i), (p) => k.byPeriod.get(p) ?? 0);
  });
  if (rest.length > 0) {
    series.push(
      bar(`other (${rest.length} more)`, STOCK, 1, (p) =>
        rest.reduce((s, [, k]) => s + (k.byPeriod.get(p) ?? 0), 0),
      ),
    );
  }
  if (series.length === 0) series.push(bar('shortfall (none)', STOCK, 1, () => 0));
  const total = ranked.reduce((s, [, k]) => s + k.total, 0);
  return {
    id: 'chart-shortfall',
    kind: 'shortfall',
    title: 'Shortfall by region and application',
    caption:
      total > 0
        ? `Demand left unserved (demand.csv “short”), stacked by region · application` +
          `${rest.length > 0 ? `, the ${shown.length} largest over the run shown apart and the other ${rest.length} summed` : ''}; ` +
          `${fmtAmount(total)} ${unit} over all periods.`
        : 'No demand was left unserved in any period.',
    option: {
      ...base(),
      grid: { left: 8, right: 16, top: legendTop(series.map((x) => x.name)), bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
      series,
    },
    points: countSeries(series),
    unit,
  };
}

/**
 * The top margin of the plot: room for a plain (wrapping) legend of these names above it, laid out
 * as ECharts does for the narrowest width the chart is drawn at (printed on A4), plus the axis name.
 */
export function legendTop(names: readonly string[], width = 640): number {
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = 25 + 5 + 7 * name.length; // icon, gap, ~7 px a character at 12 px
    if (x > 0 && x + w > width) {
      rows++;
      x = 0;
    }
    x += w + 10;
  }
  return 22 * rows + 30;
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function allCharts(run: RunData, period: string): [SankeySpec, ...ChartSpec[]] {
  const colors = regionColors(run);
  return [
    sankeyChart(run, period, colors),
    capacityChart(run, colors),
    chinaShareChart(run),
    shortfallChart(run, colors),
  ];
}
