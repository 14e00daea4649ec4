/** The report's tables, as plain rows of text that the HTML and Markdown renderers both draw. */
import { freeLabel, touchedLabel } from '../model/taint.js';
import { fmtAmount, fmtPercent, fmtShare, fmtValue } from './format.js';
import type { Column, TableModel } from './schema.js';
import type { RunData } from './types.js';

export type { Column, TableModel };

const n = (label: string): Column => ({ label, numeric: true });
const t = (label: string): Column => ({ label });

type DemandSums = { demand: number; free: number; cn: number; destroyed: number; short: number };
const noDemand = (): DemandSums => ({ demand: 0, free: 0, cn: 0, destroyed: 0, short: 0 });

/** Demand, served free of the taint set and touched by it, given up because of price, and short, by region, in one period. */
export function demandTable(run: RunData, period: string): TableModel {
  const byRegion = new Map<string, DemandSums>();
  for (const d of run.demand.filter((r) => r.period === period)) {
    const k = `${d.region}\u0000${d.unit}`;
    const a = byRegion.get(k) ?? noDemand();
    a.demand += d.demand;
    a.free += d.served_free;
    a.cn += d.served_cn;
    a.destroyed += d.destroyed;
    a.short += d.short;
    byRegion.set(k, a);
  }
  const row = (region: string, unit: string, a: DemandSums) => [
    region,
    fmtAmount(a.demand),
    fmtAmount(a.free),
    fmtAmount(a.cn),
    fmtAmount(a.destroyed),
    fmtAmount(a.short),
    fmtShare(a.demand > 0 ? a.short / a.demand : 0),
    unit,
  ];
  const entries = [...byRegion].sort(([a], [b]) => a.localeCompare(b));
  const rows = entries.map(([k, a]) => {
    const [region, unit] = k.split('\u0000') as [string, string];
    return row(region, unit, a);
  });
  for (const unit of new Set(entries.map(([k]) => k.split('\u0000')[1]!))) {
    const total = noDemand();
    for (const [k, a] of entries) {
      if (!k.endsWith(`\u0000${unit}`)) continue;
      total.demand += a.demand;
      total.free += a.free;
      total.cn += a.cn;
      total.destroyed += a.destroyed;
      total.short += a.short;
    }
    if (entries.length > 1) rows.push(row('all regions', unit, total));
  }
  const taint = run.manifest.taint;
  return {
    id: 'table-demand',
    title: `Demand and how it was served, ${period}`,
    caption: `Per region, summed over applications (demand.csv). ${touchedLabel(taint)}: some stage of its chain ran in ${taint.regions.join(', ')}. Given up: demand priced out on the demand curves; short: left unserved beyond them.`,
    columns: [
      t('region'),
      n('demand'),
      n(`served ${freeLabel(taint)}`),
      n(`served ${touchedLabel(taint)}`),
      n('given up'),
      n('short'),
      n('short share'),
      t('unit'),
    ],
    rows,
    empty: `No demand in ${period}.`,
  };
}

/** The most valuable capacity (capacity duals) and the largest premiums of free over touched material, in one period. */
export function bottleneckTables(run: RunData, period: string, top = 10): [TableModel, TableModel] {
  const free = freeLabel(run.manifest.taint);
  const rows = run.bottlenecks.filter((b) => b.period === period).sort((a, b) => a.rank - b.rank);
  const capacity = rows.filter((b) => b.kind === 'capacity').slice(0, top);
  const premium = rows.filter((b) => b.kind !== 'capacity').slice(0, top);
  return [
    {
      id: 'table-capacity-value',
      title: `Top bottlenecks: capacity, ${period}`,
      caption:
        'Value to the system of one more unit of a facility’s capacity (its capacity dual, bottlenecks.csv), largest first.',
      columns: [n('rank'), t('facility'), t('region'), t('stage'), n('value'), t('unit')],
      rows: capacity.map((b) => [String(b.rank), b.item, b.region, b.stage, fmtValue(b.value), b.unit]),
      empty: `No capacity was binding in ${period}.`,
    },
    {
      id: 'table-premium',
      title: `Top bottlenecks: ${free} premium, ${period}`,
      caption: `Price of ${free} over ${touchedLabel(run.manifest.taint)} material per regional hub (bottlenecks.csv), largest first.`,
      columns: [n('rank'), t('hub'), t('region'), n('premium'), t('unit')],
      rows: premium.map((b) => [String(b.rank), b.item, b.region, fmtValue(b.value), b.unit]),
      empty: `No ${free} premium in ${period}.`,
    },
  ];
}

/** At most this many period columns in a table (it has to fit a printed page). */
export const MAX_PERIOD_COLUMNS = 12;

/**
 * Columns for the periods in the run (in run order) that have a row: all of them, or if there are
 * too many, evenly spaced ones from the first to the last, always with `keep`.
 */
export function periodColumns(
  run: RunData,
  present: ReadonlySet<string>,
  keep?: string,
  max = MAX_PERIOD_COLUMNS,
): { shown: string[]; of: number } {
  const all = run.manifest.periods.map((p) => p.period).filter((p) => present.has(p));
  if (all.length <= max) return { shown: all, of: all.length };
  const picked = new Set(
    Array.from({ length: max }, (_, i) => Math.round((i * (all.length - 1)) / (max - 1))),
  );
  const k = keep === undefined ? -1 : all.indexOf(keep);
  if (k >= 0 && !picked.has(k)) {
    // Swap the nearest pick (never the first or last) for the period kept.
    const nearest = [...picked]
      .filter((i) => i !== 0 && i !== all.length - 1)
      .sort((a, b) => Math.abs(a - k) - Math.abs(b - k))[0]!;
    picked.delete(nearest);
    picked.add(k);
  }
  return { shown: [...picked].sort((a, b) => a - b).map((i) => all[i]!), of: all.length };
}

const subsetNote = (c: { shown: string[]; of: number }, file: string) =>
  c.shown.length < c.of
    ? ` ${c.shown.length} of ${c.of} periods shown, evenly spaced; all are in ${file}.`
    : '';

/** Policy and contract metrics: one row per policy and metric, one column per period. */
export function policyTable(run: RunData, period?: string): TableModel {
  const cols = periodColumns(run, new Set(run.policies.map((r) => r.period)), period);
  const periods = cols.shown;
  const key = (r: { policy: string; metric: string; unit: string }) =>
    `${r.policy}\u0000${r.metric}\u0000${r.unit}`;
  const keys = [...new Set(run.policies.map(key))];
  const value = new Map(run.policies.map((r) => [`${key(r)}\u0000${r.period}`, r.value]));
  const missing = run.missingOptional.includes('policies.csv');
  return {
    id: 'table-policies',
    title: 'Policy and contract metrics',
    caption: `What each policy and contract did, per period (policies.csv); a dash: the policy was not in force.${subsetNote(cols, 'policies.csv')}`,
    columns: [t('policy'), t('metric'), t('unit'), ...periods.map(n)],
    rows: keys.map((k) => {
      const [policy, metric, unit] = k.split('\u0000') as [string, string, string];
      return [
        policy,
        metric,
        unit,
        ...periods.map((p) => {
          const v = value.get(`${k}\u0000${p}`);
          return v === undefined ? '–' : unit === 'share' ? fmtShare(v) : fmtAmount(v);
        }),
      ];
    }),
    empty: missing
      ? 'policies.csv is not in the run folder.'
      : 'No policies or contracts were in force in this scenario.',
  };
}

/** The EU Critical Raw Materials Act benchmarks, met or not, per period; undefined when the run has none. */
export function benchmarkTable(run: RunData, period?: string): TableModel | undefined {
  if (run.benchmarks.length === 0) return undefined;
  const cols = periodColumns(run, new Set(run.benchmarks.map((r) => r.period)), period);
  const periods = cols.shown;
  const names = [...new Set(run.benchmarks.map((r) => r.benchmark))];
  const byKey = new Map(run.benchmarks.map((r) => [`${r.benchmark}\u0000${r.period}`, r]));
  return {
    id: 'table-benchmarks',
    title: 'EU Critical Raw Materials Act benchmarks',
    caption:
      'Extraction ≥ 10%, processing ≥ 40% and recycling ≥ 25% of EU consumption, counted in the REO content of the ' +
      'magnet rare earths (Nd, Pr, Dy, Tb) on both sides; no stage more than 65% of the EU’s supply from one third ' +
      `country (origin tracing). Each cell: the value, the target, ✓ met or ✗ not met (benchmarks.csv).${subsetNote(cols, 'benchmarks.csv')}`,
    columns: [t('benchmark'), t('target'), ...periods.map(n)],
    rows: names.map((b) => {
      const rows = run.benchmarks.filter((r) => r.benchmark === b);
      // A ceiling when a value above its target is what fails it.
      const ceiling = rows.some((r) => (r.value > r.target && !r.met) || (r.value < r.target && r.met));
      const target = `${ceiling ? '≤' : '≥'} ${fmtPercent(rows[0]!.target)}`;
      return [
        b,
        target,
        ...periods.map((p) => {
          const r = byKey.get(`${b}\u0000${p}`);
          return r === undefined ? '–' : `${fmtPercent(r.value)} of ${target} ${r.met ? '✓' : '✗'}`;
        }),
      ];
    }),
    empty: '',
  };
}

const MEASURE_LABELS = [
  ['served', 'served'],
  ['potential', 'potential'],
  ['upper_bound', 'upper bound'],
] as const;

/** Each bloc's demand served free of the taint set, per period: served, potential, upper bound. */
export function blocTable(run: RunData, period?: string): TableModel {
  const chain = run.selfSufficiency.filter((r) => r.stage === 'chain');
  const cols = periodColumns(run, new Set(chain.map((r) => r.period)), period);
  const free = freeLabel(run.manifest.taint);
  const blocs = [...new Set(chain.map((r) => r.bloc))];
  const byKey = new Map(chain.map((r) => [`${r.bloc}\u0000${r.measure}\u0000${r.period}`, r.ratio]));
  return {
    id: 'table-blocs',
    title: `Bloc demand served ${free}`,
    caption:
      `Share of each bloc's demand: served ${free} in the run; potential, the most it could be served ${free} while ` +
      `every other region keeps the ${free} supply it got in the run; upper bound, with first call on all ${free} ` +
      `capacity in the world (not additive across blocs). self_sufficiency.csv, stage chain.${subsetNote(cols, 'self_sufficiency.csv')}`,
    columns: [t('bloc'), t('measure'), ...cols.shown.map(n)],
    rows: blocs.flatMap((b) =>
      MEASURE_LABELS.filter(([m]) => chain.some((r) => r.bloc === b && r.measure === m)).map(([m, label]) => [
        b,
        label,
        ...cols.shown.map((p) => fmtShare(byKey.get(`${b}\u0000${m}\u0000${p}`))),
      ]),
    ),
    empty: 'No bloc was analysed (self_sufficiency.csv has no chain rows).',
  };
}

/**
 * The substitution options that displaced the most demand over the horizon: in the period shown, the
 * last period and over all periods, with their cost and the regions that used them most.
 */
export function substitutionTable(run: RunData, period: string, top = 10): TableModel {
  const periods = run.manifest.periods.map((p) => p.period);
  const last = periods[periods.length - 1]!;
  const byOption = new Map<
    string,
    {
      kind: string;
      from: Set<string>;
      to: Set<string>;
      unit: string;
      at: Map<string, number>;
      total: number;
      cost: number;
      regions: Map<string, number>;
      costUnit: string;
    }
  >();
  for (const s of run.substitution) {
    const o = byOption.get(s.option) ?? {
      kind: s.kind,
      from: new Set<string>(),
      to: new Set<string>(),
      unit: s.unit,
      at: new Map<string, number>(),
      total: 0,
      cost: 0,
      regions: new Map<string, number>(),
      costUnit: s.cost_unit,
    };
    o.from.add(s.from);
    o.to.add(s.to);
    o.at.set(s.period, (o.at.get(s.period) ?? 0) + s.volume);
    o.total += s.volume;
    o.cost += s.cost;
    o.regions.set(s.region, (o.regions.get(s.region) ?? 0) + s.volume);
    byOption.set(s.option, o);
  }
  const options = [...byOption]
    .filter(([, o]) => o.total > 0)
    .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  const horizon = periods.length > 1 ? `${periods[0]}–${last}` : last;
  const atCols = period === last ? [last] : [period, last];
  const missing = run.missingOptional.includes('substitution.csv');
  return {
    id: 'table-substitution',
    title: 'Substitution: the options that displaced the most demand',
    caption:
      `Demand met by each substitution option (substitution.csv “volume”, of the grade displaced), summed over regions and ` +
      `applications, in ${atCols.join(' and ')} and over ${horizon}, with its cost over ${horizon} beyond the substitute ` +
      `(thousand USD) and the regions that used it most.` +
      (options.length > top
        ? ` The ${top} largest of ${options.length} options; all are in substitution.csv.`
        : ''),
    columns: [
      t('option'),
      t('kind'),
      t('from → to'),
      ...atCols.map(n),
      n(horizon),
      n('cost'),
      t('unit'),
      t('most in'),
    ],
    rows: options.slice(0, top).map(([option, o]) => [
      option,
      o.kind,
      `${[...o.from].sort().join(', ')} → ${[...o.to].sort().join(', ')}`,
      ...atCols.map((p) => fmtAmount(o.at.get(p) ?? 0)),
      fmtAmount(o.total),
      fmtAmount(o.cost),
      o.unit,
      [...o.regions]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([r]) => r)
        .join(', '),
    ]),
    empty: missing
      ? 'substitution.csv is not in the run folder (written before substitution was modelled).'
      : 'No substitution was used in this scenario.',
  };
}

/** Each period's solver status and objective (run.json). */
export function periodTable(run: RunData): TableModel {
  return {
    id: 'table-periods',
    title: 'Periods solved',
    caption: 'Solver status and objective (system cost) per period, from run.json.',
    columns: [t('period'), t('status'), n('objective'), t('unit')],
    rows: run.manifest.periods.map((p) => [
      p.period,
      p.status,
      p.objective === undefined ? '–' : fmtAmount(p.objective),
      p.objective_unit ?? '',
    ]),
    empty: 'No periods.',
  };
}

export function allTables(run: RunData, period: string): TableModel[] {
  const bench = benchmarkTable(run, period);
  return [
    blocTable(run, period),
    demandTable(run, period),
    ...bottleneckTables(run, period),
    substitutionTable(run, period),
    policyTable(run, period),
    ...(bench ? [bench] : []),
    periodTable(run),
  ];
}
