/** The run summary printed after `lodestone run`: per period and region, how demand was met. */
import type { Analysis } from '../analysis/analyse.js';
import { CHAIN_MEASURES, firstSelfSufficient, type Measure } from '../analysis/self-sufficiency.js';
import { ORIGIN_TAG, type TraceRow } from '../analysis/trace.js';
import { freeLabel, type Taint, taintText, touchedLabel } from '../model/taint.js';
import { fmtPercent } from '../report/format.js';
import type { RunResult } from '../results/types.js';
import type { MonteCarloResult } from '../uncertainty/monte-carlo.js';
import type { ProbabilityRow, SensitivityRow } from '../uncertainty/summarise.js';
import { textTable } from './text-table.js';

export function runSummary(run: RunResult, analysis?: Analysis): string {
  const rows: (string | number)[][] = [];
  for (const p of run.periods) {
    const byRegion = new Map<
      string,
      { demand: number; free: number; cn: number; substituted: number; destroyed: number; short: number }
    >();
    // Demand met by substitution (a grade, thrift or technology switch), per demand node.
    const substituted = new Map<string, number>();
    for (const s of p.substitution) {
      const node = `${s.region}|${s.application}|${s.material}`;
      substituted.set(node, (substituted.get(node) ?? 0) + s.volume);
    }
    for (const d of p.demand) {
      const key = `${d.region}\u0000${d.unit}`;
      const r = byRegion.get(key) ?? { demand: 0, free: 0, cn: 0, substituted: 0, destroyed: 0, short: 0 };
      r.demand += d.demand;
      r.substituted += substituted.get(`${d.region}|${d.application}|${d.material}`) ?? 0;
      r.free += d.served_free;
      r.cn += d.served_cn;
      r.destroyed += d.destroyed;
      r.short += d.short;
      byRegion.set(key, r);
    }
    for (const [key, r] of byRegion) {
      const [region, unit] = key.split('\u0000') as [string, string];
      const freeShare = r.demand > 0 ? `${Math.round((100 * r.free) / r.demand)}%` : '-';
      rows.push([
        p.period.label,
        region,
        r.demand,
        r.free,
        r.cn,
        r.substituted,
        r.destroyed,
        r.short,
        freeShare,
        unit,
      ]);
    }
  }
  const head = `Scenario ${run.scenario.name} on dataset ${run.dataset.name} (Lodestone ${run.version})\n${taintLine(run.taint)}`;
  const free = freeLabel(run.taint);
  const table = textTable(
    [
      'period',
      'region',
      'demand',
      `served ${free}`,
      `served ${touchedLabel(run.taint)}`,
      'substituted',
      'given up',
      'short',
      `${free} share`,
      'unit',
    ],
    rows,
  );
  const cost = run.periods.reduce((s, p) => s + p.objective, 0);
  const total = `Total system cost: ${(cost / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} million USD over ${run.periods.length} period(s).`;
  return `${head}\nDemand and how it was served:\n${table}\n${total}\n${analysis ? analysisSummary(run, analysis) : ''}`;
}

const pct = (x: number | undefined) => (x === undefined ? '-' : `${Math.round(100 * x)}%`);

/** What the run's origin tags mean. */
export function taintLine(t: Taint): string {
  return `Taint set ${taintText(t)}: ${touchedLabel(t)} = some stage of the material's chain ran there; ${freeLabel(t)} = none did.`;
}

export const MEASURE_TEXT: Record<Exclude<Measure, 'capacity'>, string> = {
  served: 'what the run served the bloc',
  potential: 'the most it could be served while every other region keeps the supply it got in the run',
  upper_bound:
    'the bloc with first call on all such capacity in the world: an upper bound, not additive across blocs',
};
const MEASURE_LABEL = { served: 'served', potential: 'potential', upper_bound: 'upper bound' } as const;

/** The taint set's share per stage, each bloc's demand served free three ways, and the EU CRMA benchmarks. */
function analysisSummary(run: RunResult, a: Analysis): string {
  const periods = run.periods.map((p) => p.period.label);
  const last = periods[periods.length - 1];
  const shown = [
    ...new Set([periods[0]!, periods[Math.floor(periods.length / 2)]!, periods[periods.length - 1]!]),
  ];
  const free = freeLabel(a.taint);
  const stages = ['mining', 'separation', 'metal', 'magnet', 'recycling'].filter((s) =>
    a.concentration.some((c) => c.stage === s),
  );
  const share = textTable(
    ['stage', ...shown],
    stages.map((s) => [
      s,
      ...shown.map((p) => pct(a.concentration.find((c) => c.stage === s && c.period === p)?.taint_share)),
    ]),
  );
  const measures = CHAIN_MEASURES.filter((m) => a.selfSufficiency.some((r) => r.measure === m));
  const blocRows = a.blocs.flatMap((b) =>
    measures.map((m) => {
      const rows = a.selfSufficiency.filter((r) => r.bloc === b.id && r.stage === 'chain' && r.measure === m);
      return [
        b.id,
        MEASURE_LABEL[m],
        ...shown.map((p) => pct(rows.find((r) => r.period === p)?.ratio)),
        firstSelfSufficient(a.selfSufficiency, b.id, 'chain', m) ?? `not by ${last}`,
      ];
    }),
  );
  const blocTable = textTable(['bloc', 'measure', ...shown, 'fully served from'], blocRows);
  const legend = measures.map((m) => `  ${MEASURE_LABEL[m]}: ${MEASURE_TEXT[m]}.`).join('\n');
  const firsts = a.blocs
    .map((b) => {
      const measure = measures.includes('potential') ? 'potential' : 'served';
      return `${b.id} ${firstSelfSufficient(a.selfSufficiency, b.id, 'chain', measure) ?? `not by ${last}`}`;
    })
    .join(', ');
  const magnets = a.blocs
    .map((b) => `${b.id} ${firstSelfSufficient(a.selfSufficiency, b.id, 'magnet') ?? `not by ${last}`}`)
    .join(', ');
  return (
    `\n${a.taint.name}'s share of each stage's output (made in ${a.taint.regions.join(', ')}):\n${share}\n` +
    `\nShare of each bloc's demand served ${free}:\n${blocTable}\n${legend}\n` +
    `First year fully served ${free} (potential): ${firsts}.\n` +
    `First year the bloc's own ${free} magnet capacity meets its demand: ${magnets}.\n` +
    benchmarkSummary(a, shown)
  );
}

/** The EU CRMA benchmarks in the shown periods: value and target, as percentages. */
function benchmarkSummary(a: Analysis, shown: readonly string[]): string {
  const names = [...new Set(a.benchmarks.map((b) => b.benchmark))];
  if (names.length === 0) return '';
  const body = names.map((name) => {
    const rows = a.benchmarks.filter((b) => b.benchmark === name);
    const target = rows[0]!.target;
    const cap = name.startsWith('largest');
    return [
      name,
      `${cap ? '≤' : '≥'} ${fmtPercent(target)}`,
      ...shown.map((p) => {
        const r = rows.find((x) => x.period === p);
        return r ? `${fmtPercent(r.value)} ${r.met ? 'met' : 'not met'}` : '-';
      }),
    ];
  });
  return `\nEU Critical Raw Materials Act 2030 benchmarks (Nd, Pr, Dy, Tb content; share of EU consumption):\n${textTable(['benchmark', 'target', ...shown], body)}\n`;
}

/**
 * A region's supply by country at each stage, per period and origin tag (free, cn, and all: both,
 * weighted by what each served), summed over the selected applications by amount (so the shares
 * are demand-weighted and agree with the run's). The origin-tag rows split the demand.
 */
export function traceText(
  region: string,
  application: string | undefined,
  rows: readonly TraceRow[],
  taint?: Taint,
): string {
  // Per period, stage and tag: each country's amount, and the pool's total per application (the
  // origin tag's rows share one: the demand).
  const cells = new Map<string, { amounts: Map<string, number>; totals: Map<string, number> }>();
  for (const r of rows) {
    const k = `${r.period}|${r.stage}|${r.stage === ORIGIN_TAG ? 'demand' : r.tag}`;
    const cell = cells.get(k) ?? { amounts: new Map(), totals: new Map() };
    cell.amounts.set(r.country, (cell.amounts.get(r.country) ?? 0) + r.amount);
    cell.totals.set(r.application, r.total);
    cells.set(k, cell);
  }
  const body = [...cells]
    .map(([k, { amounts, totals }]) => {
      const [period, stage, tag] = k.split('|') as [string, string, string];
      const total = [...totals.values()].reduce((s, t) => s + t, 0);
      const top = [...amounts]
        .map(([c, x]) => [c, total > 0 ? x / total : 0] as const)
        .sort((a, b) => b[1] - a[1])
        .filter(([, s]) => s >= 0.005);
      return [period, stage, tag, top.map(([c, s]) => `${c} ${Math.round(100 * s)}%`).join(', ')];
    })
    // "all" repeats the one tag served when only one was.
    .filter((row, _, all) => {
      if (row[3] === '') return false;
      if (row[2] !== 'all') return true;
      const tags = all.filter((r) => r[0] === row[0] && r[1] === row[1] && r[2] !== 'all' && r[3] !== '');
      return tags.length > 1;
    });
  const what = application ? `${region} ${application}` : `${region} (all applications, weighted by demand)`;
  const legend = taint
    ? `${taintLine(taint)}\ntag free: the ${freeLabel(taint)} supply; cn: the ${touchedLabel(taint)} supply; all: both, weighted by what each served (shown when both were); demand: how demand was served.\n`
    : '';
  return `Where the supply of ${what} comes from, by stage:\n${legend}${textTable(['period', 'stage', 'tag', 'shares by country'], body)}\n`;
}

/** Monte Carlo summary: the probability each bloc's potential free share reaches 100%, and the inputs that matter most. */
export function mcText(
  name: string,
  result: MonteCarloResult,
  probabilities: readonly ProbabilityRow[],
  sens: readonly SensitivityRow[],
  periods: readonly string[],
): string {
  const head = `Monte Carlo of ${name}: ${result.draws.length} of ${result.requested} draws${result.partial ? ' (partial: stopped early)' : ''} in ${result.seconds.toFixed(1)} s`;
  const blocs = [...new Set(probabilities.map((p) => p.region))];
  const table = textTable(
    ['bloc', ...periods],
    blocs.map((b) => [
      b,
      ...periods.map((p) => {
        const r = probabilities.find((x) => x.region === b && x.period === p);
        return r === undefined ? '-' : `${pct(r.probability)} (${pct(r.ci_low)}–${pct(r.ci_high)})`;
      }),
    ]),
  );
  // The three strongest inputs for each headline output.
  const top = [...new Set(sens.map((s) => s.output))].flatMap((o) =>
    sens.filter((s) => s.output === o && Math.abs(s.rank_correlation) >= 0.05).slice(0, 3),
  );
  const sensText = top.length
    ? `\nInputs that matter most (Spearman rank correlation):\n${textTable(
        ['input', 'output', 'correlation'],
        top.map((s) => [s.input, s.output, s.rank_correlation.toFixed(2)]),
      )}\n`
    : '';
  return `${head}\nProbability that the bloc's potential free share reaches 100% (all its demand served free of the taint set while every other region keeps its supply), by year, with its 95% Wilson interval in brackets:\n${table}\n${sensText}`;
}
