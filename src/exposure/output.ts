/**
 * What `lodestone exposure --out` writes, the same whoever writes it (the CLI, the exposure job):
 * exposure.csv (per scenario, year, product line and supplier; "*" rows total over suppliers or
 * lines), exposure_ranking.csv (scenarios by harm), exposure_alternatives.csv (other plants per line
 * and scenario), exposure_origins.csv (the traced origins of what the company got) and
 * exposure_summary.txt (the text the CLI prints). Columns are documented in EXPOSURE_COLUMNS.
 */
import { stringify as csv } from 'csv-stringify/sync';
import type { OutputFile } from '../results/write-run.js';
import type { RowOf, TableSpec } from '../run-folder/columns.js';
import type { ExposureResult } from './exposure.js';

/** Each file's columns and what they hold (units in the names: _t tonnes of magnet, _usd US dollars). */
export const EXPOSURE_COLUMNS = {
  'exposure.csv': {
    scenario: 'scenario name',
    year: 'year',
    line: 'product line id ("*" = all lines)',
    supplier: 'supplier as the file names it: facility id, company, country, "unnamed" ("*" = all suppliers)',
    demand_t: 't magnet the company needs',
    served_t: 't magnet it gets in the run',
    at_risk_t: 'supply at risk: t not served (left short or given up at the price)',
    at_risk_share: 'at_risk_t / demand_t',
    covered_share: 'share of served supply that touched the run’s taint set at any stage (origin tag)',
    covered_share_mining: 'share of served supply traced to a covered country at mining',
    covered_share_separation: 'same, at separation',
    covered_share_metal: 'same, at metal making',
    covered_share_magnet: 'same, at magnet making',
    cost_usd: 'served × price at the company node’s hub (USD)',
    cost_change_usd: 'cost_usd minus the baseline’s (the first scenario) for the same row',
    shortfall_probability: 'share of Monte Carlo draws with a shortfall (empty without --draws)',
    expected_shortfall_t: 'mean shortfall over the draws, t (empty without --draws)',
    inventory_t: 't on hand (days × daily need, or tonnes)',
    days_of_cover: 'days the inventory lasts at the shortfall rate (empty: no shortfall)',
  },
  'exposure_ranking.csv': {
    rank: '1 = hurts the company most',
    scenario: 'scenario name',
    critical_at_risk_t: 't at risk over the years in critical lines',
    at_risk_t: 't at risk over the years, all lines',
    at_risk_share: 'at_risk_t / demand over the years',
    expected_shortfall_t: 'Monte Carlo mean shortfall over the years, t (empty without --draws)',
    max_shortfall_probability: 'highest yearly shortfall probability (empty without --draws)',
    cost_change_usd: 'cost change over the years vs the baseline, USD',
    covered_share: 'served-weighted covered share over the years',
    worst_year: 'year with the most supply at risk (empty: none)',
  },
  'exposure_alternatives.csv': {
    scenario: 'scenario whose run the capacities come from',
    line: 'product line id',
    grade: 'magnet grade',
    rank: '1 = best: most spare free capacity, then cheapest delivered, then nearest',
    facility: 'facility id',
    name: 'facility name',
    owner: 'owner',
    region: 'region of the plant',
    covered: 'true if the plant is in a region of the taint set',
    current_supplier: 'true if the company already buys the line from it',
    spare_t: 'capacity the run left unused, mean over the years, t magnet a year',
    spare_free_t: 'spare_t if the plant is outside the taint set, else 0',
    spare_last_t: 'unused capacity in the last year, t',
    output_free_share:
      'share of what the plant made of the grade in the run that was free of the taint set (empty: it made none)',
    unit_cost_usd_per_kg: 'the plant’s variable cost, USD/kg',
    transport_usd_per_kg: 'shipping to the home region, USD/kg',
    distance_km: 'great-circle distance from the plant (or its region’s point) to the home region’s point',
  },
  'exposure_origins.csv': {
    scenario: 'scenario name',
    year: 'year',
    line: 'product line id',
    supplier: 'supplier',
    stage: 'traced stage: mining, separation, metal, magnet',
    country: 'region the supply passed through at that stage ("unknown": stocks, scrap)',
    amount_t: 't magnet served from that country at that stage',
  },
} as const;

const n = 'number' as const;
const text = 'text' as const;
const bool = 'boolean' as const;
const int = 'integer' as const;

/**
 * The CSV files as run-folder table specs (src/run-folder/columns.ts): each column's kind, in file
 * order (the order of EXPOSURE_COLUMNS, a test checks), so readers get typed rows (`RowOf`).
 */
export const EXPOSURE_TABLES = {
  'exposure.csv': {
    columns: {
      scenario: text,
      year: int,
      line: text,
      supplier: text,
      demand_t: n,
      served_t: n,
      at_risk_t: n,
      at_risk_share: n,
      covered_share: n,
      covered_share_mining: n,
      covered_share_separation: n,
      covered_share_metal: n,
      covered_share_magnet: n,
      cost_usd: n,
      cost_change_usd: n,
      shortfall_probability: text,
      expected_shortfall_t: text,
      inventory_t: n,
      days_of_cover: text,
    },
    unit: 't magnet, shares and USD as the column names say; empty cells where a value does not apply',
  },
  'exposure_ranking.csv': {
    columns: {
      rank: int,
      scenario: text,
      critical_at_risk_t: n,
      at_risk_t: n,
      at_risk_share: n,
      expected_shortfall_t: text,
      max_shortfall_probability: text,
      cost_change_usd: n,
      covered_share: n,
      worst_year: text,
    },
    unit: 't magnet over the years, USD',
  },
  'exposure_alternatives.csv': {
    columns: {
      scenario: text,
      line: text,
      grade: text,
      rank: int,
      facility: text,
      name: text,
      owner: text,
      region: text,
      covered: bool,
      current_supplier: bool,
      spare_t: n,
      spare_free_t: n,
      spare_last_t: n,
      output_free_share: text,
      unit_cost_usd_per_kg: n,
      transport_usd_per_kg: n,
      distance_km: n,
    },
    unit: 't magnet a year, USD/kg, km',
  },
  'exposure_origins.csv': {
    columns: {
      scenario: text,
      year: int,
      line: text,
      supplier: text,
      stage: text,
      country: text,
      amount_t: n,
    },
    unit: 't magnet',
  },
} as const satisfies Record<keyof typeof EXPOSURE_COLUMNS, TableSpec>;

/** A row of one of the exposure tables, as a typed reader gives it (optional numbers are text: empty or a number). */
export type ExposureTableRow<F extends keyof typeof EXPOSURE_TABLES> = RowOf<(typeof EXPOSURE_TABLES)[F]>;

const r6 = (x: number) => Number(x.toFixed(6));

function table<F extends keyof typeof EXPOSURE_COLUMNS>(
  file: F,
  rows: readonly Record<string, unknown>[],
): string {
  const columns = Object.keys(EXPOSURE_TABLES[file].columns);
  return csv([columns, ...rows.map((r) => columns.map((c) => cell(r[c])))]);
}

function cell(v: unknown): string | number {
  if (v === undefined) return '';
  if (typeof v === 'number') return r6(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

export function exposureFiles(result: ExposureResult): OutputFile[] {
  return [
    { name: 'exposure.csv', content: table('exposure.csv', result.rows as never) },
    { name: 'exposure_ranking.csv', content: table('exposure_ranking.csv', result.ranking as never) },
    {
      name: 'exposure_alternatives.csv',
      content: table('exposure_alternatives.csv', result.alternatives as never),
    },
    {
      name: 'exposure_origins.csv',
      content: table(
        'exposure_origins.csv',
        result.origins.map((o) => ({ ...o, amount_t: o.amount })),
      ),
    },
    { name: 'exposure_summary.txt', content: exposureSummary(result) },
  ];
}

const t = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
// Rounded first, so a change of a few dollars below zero does not print as -0.0.
const musd = (x: number) => `${(Math.round(x / 1e5) / 10 || 0).toFixed(1)}M USD`;

/** The text the CLI prints: per scenario the company's year by year, the ranking, the best alternatives. */
export function exposureSummary(result: ExposureResult): string {
  const out: string[] = [];
  const { start, end } = result.years;
  out.push(`Exposure of ${result.company} (${result.region}), ${start}–${end}`);
  if (result.draws > 0) out.push(`Monte Carlo: ${result.draws} draws per scenario`);
  const scenarios = [...new Set(result.rows.map((r) => r.scenario))];
  for (const s of scenarios) {
    out.push('', `Scenario ${s}:`);
    const mc = result.draws > 0;
    out.push(
      `  year   demand_t  at_risk_t  at_risk  covered  cost_change${mc ? '  P(short)  E[short]_t' : ''}  days_of_cover`,
    );
    for (const r of result.rows.filter((x) => x.scenario === s && x.line === '*')) {
      out.push(
        `  ${r.year}  ${t(r.demand_t).padStart(8)}  ${t(r.at_risk_t).padStart(9)}  ${pct(r.at_risk_share).padStart(7)}  ${pct(r.covered_share).padStart(7)}  ${musd(r.cost_change_usd).padStart(11)}${
          mc
            ? `  ${pct(r.shortfall_probability ?? 0).padStart(8)}  ${t(r.expected_shortfall_t ?? 0).padStart(10)}`
            : ''
        }  ${r.days_of_cover === undefined ? '-' : r.days_of_cover.toFixed(0)}`,
      );
    }
  }
  out.push('', 'Scenarios by harm (1 = worst):');
  for (const r of result.ranking)
    out.push(
      `  ${r.rank}. ${r.scenario}: ${t(r.at_risk_t)} t at risk (${pct(r.at_risk_share)}; critical lines ${t(r.critical_at_risk_t)} t), cost change ${musd(r.cost_change_usd)}${
        r.worst_year === undefined ? '' : `, worst year ${r.worst_year}`
      }${r.expected_shortfall_t === undefined ? '' : `, expected shortfall ${t(r.expected_shortfall_t)} t`}`,
    );
  const first = scenarios[0];
  out.push('', `Alternative suppliers (spare capacity in ${first}):`);
  const lines = [...new Set(result.alternatives.map((a) => a.line))];
  for (const line of lines) {
    const top = result.alternatives
      .filter((a) => a.scenario === first && a.line === line && !a.current_supplier)
      .slice(0, 3);
    out.push(
      `  ${line}: ${top
        .map(
          (a) =>
            `${a.facility} (${a.region}${a.covered ? ', covered' : ''}, ${t(a.spare_free_t)} t free spare, ${(a.unit_cost_usd_per_kg + a.transport_usd_per_kg).toFixed(2)} USD/kg, ${t(a.distance_km)} km)`,
        )
        .join('; ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}
