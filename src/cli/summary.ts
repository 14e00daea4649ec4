/** The run summary printed after `lodestone run`: per period and region, how demand was met. */
import type { Analysis } from '../analysis/analyse.js';
import { firstSelfSufficient } from '../analysis/self-sufficiency.js';
import type { TraceRow } from '../analysis/trace.js';
import type { RunResult } from '../results/types.js';
import type { MonteCarloResult } from '../uncertainty/monte-carlo.js';
import type { ProbabilityRow, SensitivityRow } from '../uncertainty/summarise.js';
import { textTable } from './text-table.js';

export function runSummary(run: RunResult, analysis?: Analysis): string {
  const rows: (string | number)[][] = [];
  for (const p of run.periods) {
    const byRegion = new Map<string, { demand: number; free: number; cn: number; short: number }>();
    for (const d of p.demand) {
      const key = `${d.region}\u0000${d.unit}`;
      const r = byRegion.get(key) ?? { demand: 0, free: 0, cn: 0, short: 0 };
      r.demand += d.demand;
      r.free += d.served_free;
      r.cn += d.served_cn;
      r.short += d.short;
      byRegion.set(key, r);
    }
    for (const [key, r] of byRegion) {
      const [region, unit] = key.split('\u0000') as [string, string];
      const freeShare = r.demand > 0 ? `${Math.round((100 * r.free) / r.demand)}%` : '-';
      rows.push([p.period.label, region, r.demand, r.free, r.cn, r.short, freeShare, unit]);
    }
  }
  const head = `Scenario ${run.scenario.name} on dataset ${run.dataset.name} (Lodestone ${run.version})`;
  const table = textTable(
    [
      'period',
      'region',
      'demand',
      'served China-free',
      'served China-touched',
      'short',
      'China-free share',
      'unit',
    ],
    rows,
  );
  const cost = run.periods.reduce((s, p) => s + p.objective, 0);
  const total = `Total system cost: ${(cost / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} million USD over ${run.periods.length} period(s).`;
  return `${head}\nDemand and how it was served:\n${table}\n${total}\n${analysis ? analysisSummary(run, analysis) : ''}`;
}

const pct = (x: number | undefined) => (x === undefined ? '-' : `${Math.round(100 * x)}%`);

/** China's share per stage, and when each bloc's demand can be met without China. */
function analysisSummary(run: RunResult, a: Analysis): string {
  const periods = run.periods.map((p) => p.period.label);
  const shown = [
    ...new Set([periods[0]!, periods[Math.floor(periods.length / 2)]!, periods[periods.length - 1]!]),
  ];
  const stages = ['mining', 'separation', 'metal', 'magnet', 'recycling'].filter((s) =>
    a.concentration.some((c) => c.stage === s),
  );
  const share = textTable(
    ['stage', ...shown],
    stages.map((s) => [
      s,
      ...shown.map((p) => pct(a.concentration.find((c) => c.stage === s && c.period === p)?.china_share)),
    ]),
  );
  const blocs = a.blocs.map((b) => {
    const chain = a.selfSufficiency.filter((r) => r.bloc === b.id && r.stage === 'chain');
    const first = firstSelfSufficient(a.selfSufficiency, b.id, 'chain');
    const magnets = firstSelfSufficient(a.selfSufficiency, b.id, 'magnet');
    return [
      b.id,
      ...shown.map((p) => pct(chain.find((r) => r.period === p)?.ratio)),
      first ?? `not by ${periods[periods.length - 1]}`,
      magnets ?? `not by ${periods[periods.length - 1]}`,
    ];
  });
  const selfTable = textTable(
    [
      'bloc',
      ...shown.map((p) => `China-free ${p}`),
      'China-free chain meets demand',
      'magnet capacity meets demand',
    ],
    blocs,
  );
  return `\nChina's share of each stage's output:\n${share}\n\nDemand that a supply chain never touching China could serve:\n${selfTable}\n`;
}

/** A region's supply by country at each stage, per period, demand-weighted over applications. */
export function traceText(
  region: string,
  application: string | undefined,
  rows: readonly TraceRow[],
): string {
  // Each served application counts once per period and stage.
  const apps = new Map<string, Set<string>>();
  for (const r of rows)
    apps.set(`${r.period}|${r.stage}`, (apps.get(`${r.period}|${r.stage}`) ?? new Set()).add(r.application));
  const cells = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const k = `${r.period}|${r.stage}`;
    const m = cells.get(k) ?? new Map<string, number>();
    m.set(r.country, (m.get(r.country) ?? 0) + r.share / apps.get(k)!.size);
    cells.set(k, m);
  }
  const body = [...cells]
    .map(([k, shares]) => {
      const [period, stage] = k.split('|') as [string, string];
      const top = [...shares].sort((a, b) => b[1] - a[1]).filter(([, s]) => s >= 0.005);
      return [period, stage, top.map(([c, s]) => `${c} ${Math.round(100 * s)}%`).join(', ')];
    })
    .filter((row) => row[2] !== '');
  const what = application ? `${region} ${application}` : `${region} (served applications, equally weighted)`;
  return `Where the supply of ${what} comes from, by stage:\n${textTable(['period', 'stage', 'shares by country'], body)}\n`;
}

/** Monte Carlo summary: probabilities of China-free self-sufficiency, and the inputs that matter most. */
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
      ...periods.map((p) => pct(probabilities.find((x) => x.region === b && x.period === p)?.probability)),
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
  return `${head}\nProbability that a chain never touching China can serve all of the bloc's demand, by year:\n${table}\n${sensText}`;
}
