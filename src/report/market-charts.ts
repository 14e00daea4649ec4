/**
 * The market's charts: the model's price paths of NdPr, Dy and Tb oxide beside the published
 * 2024–2025 ranges (price_benchmarks.csv), and the demand given up because of price (destroyed,
 * on the demand curves) beside the demand left short, and the demand met by substitution. Plain JSON options, as in charts.ts.
 */
import { base, type ChartSpec, legendTop, round } from './charts.js';
import { fmtAmount } from './format.js';
import type { RunData } from './types.js';

/** The prices the report charts: the oxides magnets are made of. */
export const PRICE_MATERIALS = [
  { id: 'ndpr-oxide', name: 'NdPr oxide' },
  { id: 'dy-oxide', name: 'Dy oxide' },
  { id: 'tb-oxide', name: 'Tb oxide' },
] as const;

/**
 * The model hubs charted: China's price of China-touched material, and Europe's of China-free
 * material at the first European region with a hub of the material (the EU hub holds magnets only
 * in the default data; France and Estonia separate oxides).
 */
const HUBS = [
  { regions: ['CN'], tag: 'cn', name: 'model: China', color: '#c62828' },
  { regions: ['EU', 'FR', 'EE', 'UK'], tag: 'free', name: 'model: Europe, China-free', color: '#1565c0' },
] as const;
const PUBLISHED: Record<string, { name: string; color: string }> = {
  CN: { name: 'published: China', color: '#ef9a9a' },
  EU: { name: 'published: Europe', color: '#90caf9' },
};

const periodsOf = (run: RunData) => run.manifest.periods.map((p) => p.period);
const drawn = (data: readonly unknown[]) => data.filter((v) => v !== null && v !== '-').length;

/** One chart per oxide with prices in the run: the model's paths (lines) and published ranges (boxes). */
export function priceCharts(run: RunData): ChartSpec[] {
  return PRICE_MATERIALS.flatMap((m) => {
    const rows = run.prices.filter((p) => p.material === m.id);
    if (rows.length === 0) return [];
    const ranges = run.priceBenchmarks.filter((b) => b.material === m.id);
    // Published years before the run (2024) come first on the axis; a year the run has is shared.
    const periods = periodsOf(run);
    const extra = [...new Set(ranges.map((b) => String(b.year)))].filter((y) => !periods.includes(y));
    const axis = [...extra, ...periods].sort();
    const hubs = HUBS.flatMap((h) => {
      const region = h.regions.find((g) => rows.some((r) => r.region === g && r.tag === h.tag));
      return region === undefined ? [] : [{ ...h, region }];
    });
    const lines = hubs.map((h) => {
      const price = new Map(
        rows.filter((r) => r.region === h.region && r.tag === h.tag).map((r) => [r.period, r.price]),
      );
      return {
        name: h.region === h.regions[0] ? h.name : `${h.name} (${h.region})`,
        type: 'line',
        symbolSize: 5,
        connectNulls: false,
        itemStyle: { color: h.color },
        data: axis.map((p) => (price.has(p) ? round(price.get(p)!) : null)),
      };
    });
    const boxes = [...new Set(ranges.map((b) => b.region))].sort().map((region) => {
      const style = PUBLISHED[region] ?? { name: `published: ${region}`, color: '#bdbdbd' };
      const byYear = new Map(ranges.filter((b) => b.region === region).map((b) => [String(b.year), b]));
      return {
        name: style.name,
        type: 'candlestick',
        barMaxWidth: 18,
        itemStyle: {
          color: style.color,
          color0: style.color,
          borderColor: style.color,
          borderColor0: style.color,
        },
        // open, close, lowest, highest: a box from low to high; '-' is ECharts' empty item (null breaks a candlestick).
        data: axis.map((p) => {
          const b = byYear.get(p);
          return b ? [b.low, b.high, b.low, b.high] : '-';
        }),
      };
    });
    const series = [...lines, ...boxes];
    const unit = rows[0]!.unit;
    const sources = [...new Set(ranges.flatMap((b) => b.source_ids.split(';')))].join(', ');
    const model = hubs.map((h) => `${h.region} ${h.tag}`).join(' and ') || 'CN cn';
    return [
      {
        id: `chart-price-${m.id}`,
        kind: 'prices' as const,
        title: `${m.name} price: the model beside published prices`,
        caption:
          `The model’s price of ${m.name} (prices.csv: the dual of the ${model} hubs, the cost of one more kg there), ` +
          'and the published ranges of 2024–2025 as boxes from low to high (price_benchmarks.csv' +
          (sources ? `; sources: ${sources}` : '; none in this run folder') +
          '). Log scale. The model’s prices follow its costs until a capacity binds; then they rise to the willingness ' +
          'to pay of the demand given up (demand_curves.csv), or the value of lost load where demand goes short.',
        option: {
          ...base(),
          grid: {
            left: 8,
            right: 16,
            top: legendTop(series.map((x) => x.name)),
            bottom: 8,
            containLabel: true,
          },
          xAxis: { type: 'category', data: axis },
          yAxis: { type: 'log', name: unit, nameTextStyle: { align: 'left' } },
          series,
        },
        points: series.reduce((s, x) => s + drawn(x.data), 0),
        unit: 'USD/kg',
      },
    ];
  });
}

/** Demand given up because of price (destroyed), stacked by application, and the demand left short. */
export function destroyedChart(run: RunData): ChartSpec {
  const periods = periodsOf(run);
  const unit = [...new Set(run.demand.map((d) => d.unit))].join('; ') || 't magnet';
  const byApp = new Map<string, Map<string, number>>();
  let destroyed = 0;
  let short = 0;
  for (const d of run.demand) {
    short += d.short;
    if (d.destroyed <= 0) continue;
    destroyed += d.destroyed;
    const k = byApp.get(d.application) ?? new Map<string, number>();
    k.set(d.period, (k.get(d.period) ?? 0) + d.destroyed);
    byApp.set(d.application, k);
  }
  const palette = ['#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#795548', '#ad1457', '#9e9d24'];
  const series: Record<string, unknown>[] = [...byApp.keys()].sort().map((app, i) => ({
    name: app,
    type: 'bar',
    stack: 'destroyed',
    barMaxWidth: 48,
    itemStyle: { color: palette[i % palette.length] },
    data: periods.map((p) => round(byApp.get(app)!.get(p) ?? 0)),
  }));
  const shortByPeriod = new Map<string, number>();
  for (const d of run.demand) shortByPeriod.set(d.period, (shortByPeriod.get(d.period) ?? 0) + d.short);
  series.push({
    name: 'short (all applications)',
    type: 'line',
    symbolSize: 5,
    itemStyle: { color: '#c62828' },
    data: periods.map((p) => round(shortByPeriod.get(p) ?? 0)),
  });
  return {
    id: 'chart-destroyed',
    kind: 'destroyed',
    title: 'Demand given up because of price, and demand left short',
    caption:
      destroyed > 0
        ? `Demand given up on the demand curves (demand.csv “destroyed”: blocks whose willingness to pay the price exceeded), ` +
          `stacked by application over all regions, and the demand left short beyond the curves (the line). ` +
          `${fmtAmount(destroyed)} ${unit} given up and ${fmtAmount(short)} ${unit} short over all periods.`
        : `No demand was given up because of price in any period; ${fmtAmount(short)} ${unit} short over all periods.`,
    ...overPeriods(periods, unit, series),
  };
}

/** Colours per kind of substitution, one shade per option: grade switches blue, thrift green, technology orange. */
const KIND_SHADES: Record<string, readonly string[]> = {
  grade: ['#1565c0', '#42a5f5', '#90caf9', '#0d47a1'],
  thrift: ['#2e7d32', '#66bb6a', '#a5d6a7', '#1b5e20'],
  technology: ['#ef6c00', '#ffa726', '#ffcc80', '#bf360c', '#8d6e63'],
};

/**
 * Demand displaced by substitution per period, stacked by option (grouped by kind), beside the
 * demand given up because of price; undefined when the run substituted nothing (or predates substitution).
 */
export function substitutionChart(run: RunData): ChartSpec | undefined {
  const rows = run.substitution.filter((s) => s.volume > 0);
  if (rows.length === 0) return undefined;
  const periods = periodsOf(run);
  const unit = [...new Set(rows.map((s) => s.unit))].join('; ');
  const byOption = new Map<string, { kind: string; total: number; at: Map<string, number> }>();
  for (const s of rows) {
    const o = byOption.get(s.option) ?? { kind: s.kind, total: 0, at: new Map<string, number>() };
    o.total += s.volume;
    o.at.set(s.period, (o.at.get(s.period) ?? 0) + s.volume);
    byOption.set(s.option, o);
  }
  const kinds = ['grade', 'thrift', 'technology'];
  const options = [...byOption].sort(
    ([a, x], [b, y]) =>
      kinds.indexOf(x.kind) - kinds.indexOf(y.kind) || y.total - x.total || a.localeCompare(b),
  );
  const used = new Map<string, number>();
  const series: Record<string, unknown>[] = options.map(([option, o]) => {
    const shades = KIND_SHADES[o.kind] ?? ['#757575'];
    const i = used.get(o.kind) ?? 0;
    used.set(o.kind, i + 1);
    return {
      name: `${option} (${o.kind})`,
      type: 'bar',
      stack: 'substituted',
      barMaxWidth: 48,
      itemStyle: { color: shades[i % shades.length] },
      data: periods.map((p) => round(o.at.get(p) ?? 0)),
    };
  });
  const destroyed = new Map<string, number>();
  for (const d of run.demand) destroyed.set(d.period, (destroyed.get(d.period) ?? 0) + d.destroyed);
  series.push({
    name: 'given up because of price',
    type: 'line',
    symbolSize: 5,
    itemStyle: { color: '#6a1b9a' },
    data: periods.map((p) => round(destroyed.get(p) ?? 0)),
  });
  const total = rows.reduce((s, r) => s + r.volume, 0);
  const kindTotals = kinds
    .map((k) => [k, options.filter(([, o]) => o.kind === k).reduce((s, [, o]) => s + o.total, 0)] as const)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${fmtAmount(v)}`);
  return {
    id: 'chart-substitution',
    kind: 'substitution',
    title: 'Demand met by substitution, and demand given up because of price',
    caption:
      'Demand displaced by substitution options (substitution.csv “volume”: magnet demand met by a grade switch, ' +
      'thrift or a design without the magnet), stacked by option over all regions and applications, and the demand ' +
      `given up on the demand curves (the line). ${fmtAmount(total)} ${unit} substituted over all periods ` +
      `(${kindTotals.join(', ')}).`,
    ...overPeriods(periods, unit, series),
  };
}

/** A chart of values per period (stacked bars and a line): its option, data items and unit. */
function overPeriods(periods: readonly string[], unit: string, series: readonly Record<string, unknown>[]) {
  return {
    option: {
      ...base(),
      grid: {
        left: 8,
        right: 16,
        top: legendTop(series.map((x) => String(x.name))),
        bottom: 8,
        containLabel: true,
      },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
      series,
    },
    points: series.reduce((s, x) => s + (x.data as unknown[]).length, 0),
    unit,
  };
}

export function marketCharts(run: RunData): ChartSpec[] {
  const substitution = substitutionChart(run);
  return [destroyedChart(run), ...(substitution ? [substitution] : []), ...priceCharts(run)];
}
