/**
 * The report's uncertainty section, from the Monte Carlo outputs of `lodestone mc --out` written into
 * the run folder: fan charts (p5–p95 and p25–p75 bands, median line), the probability that each bloc's
 * potential free share (all its demand, without taking others' supply) reaches 100% by year, and a tornado of the inputs' rank correlations with one
 * headline output. Pure functions; every option is plain JSON.
 */
import { base, type ChartSpec, legendTop, round } from './charts.js';
import { fmtAmount, fmtShare } from './format.js';
import type { TableModel } from './tables.js';
import type { McData, McManifest, McSelfSufficiencyRow, McSensitivityRow, McSummaryRow } from './types.js';

/** A fan chart: the percentiles per period, as drawn (shares already in %), for the page's tooltip. */
export type FanSpec = ChartSpec & { readonly kind: 'fan'; readonly fan: NonNullable<ChartSpec['fan']> };

import type { McModel } from './schema.js';

export type { McModel };

const OUTER = '#90caf9';
const INNER = '#42a5f5';
const MEDIAN = '#0d47a1';
const POSITIVE = '#c62828';
const NEGATIVE = '#1565c0';
const BLOC_COLORS = ['#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#795548', '#ad1457'];

/** Periods in run order (the run's periods first), then any others the MC tables name, sorted. */
export function mcPeriods(runPeriods: readonly string[], rows: readonly { period: string }[]): string[] {
  const seen = new Set(rows.map((r) => r.period));
  return [
    ...runPeriods.filter((p) => seen.has(p)),
    ...[...seen].filter((p) => !runPeriods.includes(p)).sort(),
  ];
}

const isShare = (unit: string) => unit.startsWith('share');

/** Line: "6 of 6 draws (complete), seed 1, 2 workers, 1.1 s". */
export function mcLine(m: McManifest): string {
  const draws =
    m.draws_finished === undefined
      ? 'draws: unknown'
      : `${m.draws_finished}${m.draws_requested !== undefined ? ` of ${m.draws_requested}` : ''} draws`;
  const partial =
    m.partial === true
      ? ' (partial: stopped before every draw finished; read the percentiles with care)'
      : m.partial === false
        ? ' (complete)'
        : '';
  return [
    `${draws}${partial}`,
    m.seed !== undefined ? `seed ${m.seed}` : undefined,
    m.workers !== undefined ? `${m.workers} worker${m.workers === 1 ? '' : 's'}` : undefined,
    m.seconds !== undefined ? `${m.seconds.toFixed(1)} s` : undefined,
    m.scenario !== undefined ? `scenario ${m.scenario}` : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(', ');
}

/**
 * A fan chart of one metric for one region (or bloc): the p5–p95 band, the p25–p75 band inside it
 * and the median as a line, over the periods. Shares are drawn in %. Bands are drawn as stacked
 * areas on an invisible lower edge, so each band series holds its width (p95 − p5, p75 − p25).
 */
export function fanChart(
  rows: readonly McSummaryRow[],
  metric: string,
  region: string,
  periods: readonly string[],
  text: { id: string; title: string; caption: string },
): FanSpec {
  const mine = rows.filter((r) => r.metric === metric && r.region === region);
  const rawUnit = mine[0]?.unit ?? '';
  const share = isShare(rawUnit);
  const unit = share ? '%' : rawUnit;
  const scale = share ? 100 : 1;
  const at = (p: string) => mine.find((r) => r.period === p);
  const col = (f: (r: McSummaryRow) => number) =>
    periods.map((p) => {
      const r = at(p);
      return r === undefined ? null : round(scale * f(r));
    });
  const p5 = col((r) => r.p5);
  const p25 = col((r) => r.p25);
  const p50 = col((r) => r.p50);
  const p75 = col((r) => r.p75);
  const p95 = col((r) => r.p95);
  const width = (hi: (number | null)[], lo: (number | null)[]) =>
    hi.map((h, i) => (h === null || lo[i] === null ? null : round(h - lo[i]!)));
  const edge = (name: string, stack: string, data: (number | null)[]) => ({
    name,
    type: 'line',
    stack,
    stackStrategy: 'all',
    symbol: 'none',
    silent: true,
    lineStyle: { opacity: 0 },
    tooltip: { show: false },
    data,
  });
  const band = (name: string, stack: string, color: string, opacity: number, data: (number | null)[]) => ({
    name,
    type: 'line',
    stack,
    stackStrategy: 'all',
    symbol: 'none',
    lineStyle: { opacity: 0 },
    itemStyle: { color },
    areaStyle: { color, opacity },
    data,
  });
  const series = [
    edge('p5', 'outer', p5),
    band('p5–p95', 'outer', OUTER, 0.45, width(p95, p5)),
    edge('p25', 'inner', p25),
    band('p25–p75', 'inner', INNER, 0.55, width(p75, p25)),
    {
      name: 'median',
      type: 'line',
      symbolSize: 6,
      lineStyle: { width: 3, color: MEDIAN },
      itemStyle: { color: MEDIAN },
      data: p50,
    },
  ];
  const legend = ['p5–p95', 'p25–p75', 'median'];
  return {
    id: text.id,
    kind: 'fan',
    title: text.title,
    caption: text.caption,
    option: {
      ...base(),
      legend: { top: 0, type: 'plain', data: legend },
      grid: { left: 8, right: 16, top: legendTop(legend), bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis: share
        ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }
        : { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
      series,
    },
    points: series.reduce((s, x) => s + x.data.filter((v) => v !== null).length, 0),
    unit,
    fan: { periods, p5, p25, p50, p75, p95 },
  };
}

/** Regions (or blocs) of a metric, largest mean over the periods first (ties by name). */
function regionsOf(rows: readonly McSummaryRow[], metric: string): string[] {
  const total = new Map<string, number>();
  for (const r of rows.filter((x) => x.metric === metric))
    total.set(r.region, (total.get(r.region) ?? 0) + r.mean);
  return [...total].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r]) => r);
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

/** One fan per bloc of its potential free share: the most of its demand a free chain could serve without taking others' supply. */
export function selfSufficiencyFans(mc: McData, periods: readonly string[]): FanSpec[] {
  return regionsOf(mc.summary, 'chain_self_sufficiency')
    .sort()
    .map((bloc) =>
      fanChart(mc.summary, 'chain_self_sufficiency', bloc, periods, {
        id: `chart-mc-selfsuff-${slug(bloc)}`,
        title: `${bloc}: potential free share of demand (Monte Carlo)`,
        caption:
          `The most of ${bloc}'s demand that could be served free of the taint set while every other region keeps ` +
          "the free supply it got in the draw's run, per period, over the draws (mc_summary.csv, " +
          'chain_self_sufficiency): dark line the median, darker band the middle half (p25–p75), light band p5–p95.',
      }),
    );
}

/**
 * One fan per region of its shortfall, largest first (at most `max`). The summary has no total over
 * regions (percentiles of a sum are not the sum of percentiles), so each region is shown on its own.
 */
export function shortfallFans(mc: McData, periods: readonly string[], max = 6): FanSpec[] {
  const regions = regionsOf(mc.summary, 'short');
  const shown = regions.slice(0, max);
  const more = regions.length - shown.length;
  return shown.map((region) =>
    fanChart(mc.summary, 'short', region, periods, {
      id: `chart-mc-short-${slug(region)}`,
      title: `${region}: shortfall (Monte Carlo)`,
      caption:
        `Demand left unserved in ${region}, summed over its applications, per period over the draws ` +
        '(mc_summary.csv, short): median line, p25–p75 and p5–p95 bands. Regions are shown one by one ' +
        'because the percentiles of a total over regions are not the sum of their percentiles' +
        `${more > 0 ? `; the ${shown.length} regions with the largest mean shortfall are shown, ${more} more are not` : ''}.`,
    }),
  );
}

/** The probability, per bloc, that its potential free share has reached 100%, by period. */
export function probabilityChart(mc: McData, periods: readonly string[]): ChartSpec {
  const blocs = [...new Set(mc.selfSufficiency.map((r) => r.region))].sort();
  const at = (bloc: string, p: string, pick: (r: McSelfSufficiencyRow) => number) => {
    const r = mc.selfSufficiency.find((x) => x.region === bloc && x.period === p);
    return r === undefined || !Number.isFinite(pick(r)) ? null : round(100 * pick(r));
  };
  const series = blocs.map((bloc, i) => ({
    name: bloc,
    type: 'line',
    symbolSize: 7,
    lineStyle: { width: 3 },
    itemStyle: { color: BLOC_COLORS[i % BLOC_COLORS.length] },
    data: periods.map((p) => at(bloc, p, (r) => r.probability)),
  }));
  // Each bloc's 95% Wilson interval: thin dashed edges in its colour, toggled with it in the legend.
  const intervals = blocs.flatMap((bloc, i) =>
    (['ci_low', 'ci_high'] as const).map((edge) => ({
      name: bloc,
      type: 'line',
      symbol: 'none',
      lineStyle: { width: 1, type: 'dashed' },
      itemStyle: { color: BLOC_COLORS[i % BLOC_COLORS.length] },
      data: periods.map((p) => at(bloc, p, (r) => r[edge])),
    })),
  );
  return {
    id: 'chart-mc-probability',
    kind: 'mc-probability',
    title: 'Probability that all of a bloc’s demand can be served free, by year',
    caption:
      "Per bloc, the share of draws in which all of the bloc's demand could be served free of the taint set, " +
      'without taking free supply from other regions (its potential), in that period or an earlier one ' +
      '(mc_self_sufficiency.csv). Dashed: its 95% Wilson interval, how far the share may be from what ' +
      'unlimited draws would give.',
    option: {
      ...base(),
      grid: { left: 8, right: 16, top: legendTop(blocs), bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [...series, ...intervals],
    },
    points: series.reduce((s, x) => s + x.data.filter((v) => v !== null).length, 0),
    unit: '%',
  };
}

/** The headline output the tornado shows: total shortfall when present, else the first output named. */
export function tornadoOutput(rows: readonly McSensitivityRow[]): string | undefined {
  if (rows.some((r) => r.output === 'total shortfall')) return 'total shortfall';
  return rows[0]?.output;
}

/** The inputs with the largest |rank correlation| with `output`, largest first (ties by name). */
export function topInputs(rows: readonly McSensitivityRow[], output: string, n = 10): McSensitivityRow[] {
  return rows
    .filter((r) => r.output === output)
    .sort(
      (a, b) => Math.abs(b.rank_correlation) - Math.abs(a.rank_correlation) || a.input.localeCompare(b.input),
    )
    .slice(0, n);
}

/** Horizontal bars from 0 of each input's rank correlation with the output: negative left, largest on top. */
export function tornadoChart(rows: readonly McSensitivityRow[], output: string, n = 10): ChartSpec {
  const top = topInputs(rows, output, n);
  const others = rows.filter((r) => r.output === output).length - top.length;
  const shown = [...top].reverse(); // a category y axis runs bottom-up
  const series = [
    {
      name: `rank correlation with ${output}`,
      type: 'bar',
      barMaxWidth: 28,
      label: { show: true, position: 'right', formatter: '{c}' },
      data: shown.map((r) => ({
        value: round(r.rank_correlation),
        itemStyle: { color: r.rank_correlation < 0 ? NEGATIVE : POSITIVE },
        label: { position: r.rank_correlation < 0 ? 'left' : 'right' },
      })),
    },
  ];
  return {
    id: 'chart-mc-tornado',
    kind: 'tornado',
    title: `Inputs that matter most for ${output}`,
    caption:
      `Spearman rank correlation over the draws of each uncertain input with ${output} (mc_sensitivity.csv)` +
      `, the ${top.length} largest in size${others > 0 ? ` (${others} more not shown)` : ''}. Red: a higher ` +
      'input goes with a higher output; blue: with a lower one. Rank correlation measures association over ' +
      'the draws, not cause.',
    option: {
      ...base(),
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
      legend: { show: false },
      grid: { left: 16, right: 40, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: -1, max: 1 },
      yAxis: { type: 'category', data: shown.map((r) => r.input), axisTick: { show: false } },
      series,
    },
    points: shown.length,
    unit: '',
    height: Math.max(220, 34 * shown.length + 60),
  };
}

/** Probability of self-sufficiency, blocs by periods. */
export function probabilityTable(mc: McData, periods: readonly string[]): TableModel {
  const blocs = [...new Set(mc.selfSufficiency.map((r) => r.region))].sort();
  return {
    id: 'table-mc-probability',
    title: 'Probability that all of a bloc’s demand can be served free',
    caption:
      "Share of draws in which all of the bloc's demand could be served free of the taint set without taking free " +
      'supply from other regions (its potential), by that period (mc_self_sufficiency.csv); in brackets, its ' +
      '95% Wilson interval.',
    columns: [{ label: 'bloc' }, ...periods.map((p) => ({ label: p, numeric: true }))],
    rows: blocs.map((bloc) => [
      bloc,
      ...periods.map((p) => {
        const r = mc.selfSufficiency.find((x) => x.region === bloc && x.period === p);
        if (r === undefined) return '–';
        return Number.isFinite(r.ci_low) && Number.isFinite(r.ci_high)
          ? `${fmtShare(r.probability)} (${fmtShare(r.ci_low)}–${fmtShare(r.ci_high)})`
          : fmtShare(r.probability);
      }),
    ]),
    empty: 'mc_self_sufficiency.csv has no rows.',
  };
}

/** The fans' numbers, for report.md (which has no charts). */
export function fanTable(fans: readonly FanSpec[]): TableModel {
  const rows: string[][] = [];
  for (const f of fans) {
    f.fan.periods.forEach((p, i) => {
      if (f.fan.p50[i] === null) return;
      const v = (x: number | null) => (x === null ? '–' : f.unit === '%' ? fmtShare(x / 100) : fmtAmount(x));
      rows.push([
        f.title.replace(/ \(Monte Carlo\)$/, ''),
        p,
        v(f.fan.p5[i]!),
        v(f.fan.p25[i]!),
        v(f.fan.p50[i]!),
        v(f.fan.p75[i]!),
        v(f.fan.p95[i]!),
        f.unit === '%' ? 'share' : f.unit,
      ]);
    });
  }
  const n = (label: string) => ({ label, numeric: true });
  return {
    id: 'table-mc-fans',
    title: 'Percentiles over the draws',
    caption: 'The numbers behind the fan charts (mc_summary.csv): p5, p25, median, p75 and p95 per period.',
    columns: [
      { label: 'what' },
      { label: 'period' },
      n('p5'),
      n('p25'),
      n('median'),
      n('p75'),
      n('p95'),
      { label: 'unit' },
    ],
    rows,
    empty: 'mc_summary.csv has no self-sufficiency or shortfall rows.',
  };
}

/** The tornado's numbers. */
export function sensitivityTable(rows: readonly McSensitivityRow[], output: string, n = 10): TableModel {
  return {
    id: 'table-mc-sensitivity',
    title: `Inputs that matter most for ${output}`,
    caption: `Spearman rank correlation with ${output} over the draws (mc_sensitivity.csv), largest in size first.`,
    columns: [{ label: 'input' }, { label: 'rank correlation', numeric: true }],
    rows: topInputs(rows, output, n).map((r) => [
      r.input,
      `${r.rank_correlation < 0 ? '−' : ''}${Math.abs(r.rank_correlation).toFixed(2)}`,
    ]),
    empty: `No sensitivity rows for ${output}.`,
  };
}

/** The uncertainty section, or undefined when the run folder has no Monte Carlo outputs. */
export function mcModel(mc: McData | undefined, runPeriods: readonly string[]): McModel | undefined {
  if (mc === undefined) return undefined;
  const periods = mcPeriods(runPeriods, [...mc.summary, ...mc.selfSufficiency]);
  const ssFans = selfSufficiencyFans(mc, periods);
  const shortFans = shortfallFans(mc, periods);
  const fans = [...ssFans, ...shortFans];
  const charts: ChartSpec[] = [...ssFans];
  const tables: TableModel[] = [];
  const notes: string[] = [];
  if (mc.selfSufficiency.length > 0) {
    charts.push(probabilityChart(mc, periods));
    tables.push(probabilityTable(mc, periods));
  } else notes.push('No mc_self_sufficiency.csv rows: the probability of self-sufficiency is not shown.');
  charts.push(...shortFans);
  if (fans.length > 0) tables.push(fanTable(fans));
  else notes.push('mc_summary.csv has no chain_self_sufficiency or short rows: no fan charts.');
  const output = tornadoOutput(mc.sensitivity);
  if (output !== undefined) {
    charts.push(tornadoChart(mc.sensitivity, output));
    tables.push(sensitivityTable(mc.sensitivity, output));
  } else
    notes.push('No mc_sensitivity.csv rows (rank correlations need at least 3 draws): no tornado chart.');
  return { line: mcLine(mc.manifest), charts, tables, notes };
}
