/** The run summary printed after `lodestone run`: per period and region, how demand was met. */
import type { ComparisonRow } from '../analysis/compare.js';
import type { RunResult } from '../results/types.js';
import { textTable } from './text-table.js';

export function runSummary(run: RunResult): string {
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
  return `${head}\nDemand and how it was served:\n${table}\nTotal system cost: ${(cost / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} million USD over ${run.periods.length} period(s).\n`;
}

/** The comparison table: one column per scenario, then each one's difference from the first. */
export function comparisonText(
  names: readonly string[],
  rows: readonly ComparisonRow[],
  total: number,
  limit?: number,
): string {
  const [base, ...others] = names;
  const header = ['period', 'output', 'item', 'unit', ...names, ...others.map((n) => `${n} − ${base}`)];
  const shown = limit === undefined ? rows : rows.slice(0, limit);
  const body = shown.map((r) => [
    r.period,
    r.group,
    r.item,
    r.unit,
    ...r.values.map((v) => (Number.isNaN(v) ? '-' : v)),
    ...r.values.slice(1).map((v) => (Number.isNaN(v) || Number.isNaN(r.values[0]!) ? '-' : v - r.values[0]!)),
  ]);
  const more =
    rows.length > shown.length
      ? `\n… ${rows.length - shown.length} more rows that differ (see --all, or --out for CSV)`
      : '';
  const title = `Comparing ${names.join(', ')}: ${rows.length} of ${total} key outputs differ${limit === undefined ? '' : ''}\n`;
  return `${title}${textTable(header, body)}${more}\n`;
}
