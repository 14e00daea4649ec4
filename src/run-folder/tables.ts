/**
 * Every table of a run folder, by file name (without .csv): its columns in file order, with their
 * kinds, and the rule of its unit column. The writer (run-folder/write.ts, fed by results/tables.ts
 * and results/write-monte-carlo.ts), the readers (report, server, CLI) and the web app's types all
 * come from this list.
 *
 * To add a table: add one entry below (its name is the file name), then build its rows where the
 * run's tables are made (results/tables.ts, or write-monte-carlo.ts for Monte Carlo). They are typed
 * `RowOf<'name'>`, and every writer and reader knows the file. Describe it in the README's table of
 * run-folder files.
 * To add a column: add it here, in its place in the file; so that folders written before it still
 * read, give it a value in `older.added` (say `older: { added: { destroyed: 0 } }`).
 */
import { oneOf, type RowOf as RowOfSpec, type TableSpec } from './columns.js';

export const TABLES = {
  // The run: flows, prices, stocks and policies, per period.
  production: {
    columns: {
      period: 'text',
      facility: 'text',
      region: 'text',
      stage: 'text',
      material: 'text',
      tag: 'text',
      amount: 'number',
      unit: 'text',
    },
    unit: "the material's unit",
  },
  trade: {
    columns: {
      period: 'text',
      material: 'text',
      tag: 'text',
      from_region: 'text',
      to_region: 'text',
      amount: 'number',
      unit: 'text',
    },
    unit: "the material's unit",
  },
  demand: {
    columns: {
      period: 'text',
      region: 'text',
      application: 'text',
      material: 'text',
      demand: 'number',
      served_free: 'number',
      served_cn: 'number',
      // Met by a substitution (substitution.csv); given up because of price (the demand curves);
      // short: left unserved beyond them.
      substituted: 'number',
      destroyed: 'number',
      short: 'number',
      unit: 'text',
    },
    unit: "the material's unit",
    // Folders written before substitution and demand curves: nothing substituted or given up.
    older: { added: { substituted: 0, destroyed: 0 } },
  },
  prices: {
    columns: { period: 'text', region: 'text', material: 'text', tag: 'text', price: 'number', unit: 'text' },
    unit: "USD/kg (the material's unit)",
  },
  inventory: {
    columns: {
      period: 'text',
      region: 'text',
      material: 'text',
      tag: 'text',
      amount: 'number',
      unit: 'text',
    },
    unit: "the material's unit",
  },
  stocks: {
    columns: {
      period: 'text',
      region: 'text',
      application: 'text',
      in_use: 'number',
      inflow: 'number',
      eol: 'number',
      collected: 'number',
      recycled: 'number',
      unit: 'text',
    },
    unit: 'the stock model’s unit (t magnet)',
  },
  policies: {
    columns: { period: 'text', policy: 'text', metric: 'text', value: 'number', unit: 'text' },
    unit: "the metric's unit, as the policy reports it",
  },
  substitution: {
    columns: {
      period: 'text',
      region: 'text',
      application: 'text',
      option: 'text',
      kind: oneOf('grade', 'thrift', 'technology'),
      from: 'text',
      to: 'text',
      volume: 'number',
      substitute: 'number',
      unit: 'text',
      cost: 'number',
      cost_unit: 'text',
      allowed_share: 'number',
    },
    unit: "volume (of `from` displaced) and substitute (of `to` taken): the material's unit; cost: cost_unit (thousand USD); allowed_share: a share",
  },
  capacity: {
    columns: {
      period: 'text',
      facility: 'text',
      region: 'text',
      stage: 'text',
      capacity: 'number',
      used: 'number',
      unit: 'text',
      value: 'number',
      value_unit: 'text',
    },
    unit: "capacity, used: the facility's capacity unit; value (of one more unit of capacity): value_unit, USD/kg",
  },
  undersupply: {
    columns: {
      period: 'text',
      material: 'text',
      demand: 'number',
      supply: 'number',
      undersupply: 'number',
      unit: 'text',
    },
    unit: 'ndfeb (every NdFeB grade): t magnet; ndpr-oxide: t REO',
  },
  // The dataset's published price ranges, for the report to chart beside the model's prices.
  price_benchmarks: {
    columns: {
      year: 'integer',
      material: 'text',
      region: 'text',
      low: 'number',
      high: 'number',
      unit: 'text',
      basis: 'text',
      source_ids: 'text',
    },
    unit: "USD/kg (the material's unit)",
  },
  key_outputs: {
    columns: { period: 'text', group: 'text', item: 'text', value: 'number', unit: 'text' },
    unit: "the item's unit (what `compare` sets side by side)",
  },

  // The analyses (absent from a run written with --no-analysis).
  trace: {
    columns: {
      period: 'text',
      region: 'text',
      application: 'text',
      stage: 'text',
      tag: oneOf('free', 'cn', 'all', 'short'),
      country: 'text',
      share: 'number',
      amount: 'number',
      total: 'number',
      unit: 'text',
    },
    unit: "share: of demand (origin tag rows) or of the tag's supply; amount, total: the demand's unit",
  },
  concentration: {
    columns: {
      period: 'text',
      stage: 'text',
      output: 'number',
      taint_share: 'number',
      top1_country: 'text',
      top1_share: 'number',
      top3_share: 'number',
      hhi: 'number',
      unit: 'text',
    },
    unit: 'output t REO; taint_share: share made in the taint set; shares 0-1; HHI 0-10000',
    older: { renamed: { china_share: 'taint_share' } },
  },
  import_reliance: {
    columns: {
      period: 'text',
      region: 'text',
      material: 'text',
      production: 'number',
      imports: 'number',
      exports: 'number',
      stock_change: 'number',
      apparent_consumption: 'number',
      nir: 'number',
      unit: 'text',
    },
    unit: "the material's unit; nir a share",
  },
  benchmarks: {
    columns: {
      period: 'text',
      benchmark: 'text',
      value: 'number',
      target: 'number',
      met: 'boolean',
      unit: 'text',
    },
    unit: 'share (0-1) of consumption, t REO of Nd+Pr+Dy+Tb; third country: share of supply',
  },
  self_sufficiency: {
    columns: {
      period: 'text',
      bloc: 'text',
      stage: 'text',
      measure: 'text',
      supply: 'number',
      demand: 'number',
      ratio: 'number',
      unit: 'text',
    },
    unit: 'chain: t of demand served free of the taint set; stages: t REO of the binding magnet elements',
    // Older folders have one chain measure, the upper bound (report/read-run.ts withMeasure).
    older: { added: { measure: '' } },
  },
  bottlenecks: {
    columns: {
      period: 'text',
      kind: 'text',
      rank: 'integer',
      item: 'text',
      region: 'text',
      stage: 'text',
      value: 'number',
      unit: 'text',
    },
    unit: 'USD/kg',
  },
  recycled_share: {
    columns: {
      period: 'text',
      region: 'text',
      recycled: 'number',
      mined: 'number',
      share: 'number',
      unit: 'text',
    },
    unit: 't REO; share of mined + recycled',
  },

  // Monte Carlo (`lodestone mc --out`, or a workbench Monte Carlo run).
  mc_summary: {
    columns: {
      metric: 'text',
      period: 'text',
      region: 'text',
      mean: 'number',
      p5: 'number',
      p25: 'number',
      p50: 'number',
      p75: 'number',
      p95: 'number',
      // 95% distribution-free interval for the median (order statistics).
      p50_ci_low: 'number',
      p50_ci_high: 'number',
      unit: 'text',
    },
    unit: "the metric's unit (uncertainty/draw.ts METRIC_UNITS)",
    // Folders written before the intervals have none.
    older: { added: { p50_ci_low: Number.NaN, p50_ci_high: Number.NaN } },
  },
  mc_self_sufficiency: {
    // ci_low, ci_high: the probability's 95% Wilson score interval.
    columns: { region: 'text', period: 'text', probability: 'number', ci_low: 'number', ci_high: 'number' },
    unit: 'probability 0-1',
    older: { added: { ci_low: Number.NaN, ci_high: Number.NaN } },
  },
  mc_sensitivity: {
    columns: { input: 'text', output: 'text', rank_correlation: 'number' },
    unit: 'Spearman rank correlation, -1 to 1',
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

/** A row of a run-folder table, say `RowOf<'demand'>`. */
export type RowOf<N extends TableName> = RowOfSpec<(typeof TABLES)[N]>;

/** A table with its rows, as the writer takes it. */
export type TableRows = {
  readonly [N in TableName]: { readonly name: N; readonly rows: readonly RowOf<N>[] };
}[TableName];

export const isTableName = (name: string): name is TableName => Object.hasOwn(TABLES, name);
