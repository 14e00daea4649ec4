/**
 * The run's tidy long tables, one row per fact, each with its unit: what `--out` writes as CSV
 * and what the API will serve.
 */
import type { Analysis } from '../analysis/analyse.js';
import { ORIGIN_TAG } from '../analysis/trace.js';
import type { Dataset } from '../dataset/types.js';
import { freeLabel, taintText, touchedLabel } from '../model/taint.js';
import type { RunResult } from './types.js';

export type Cell = string | number;
export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: Cell[][];
}

/** Six decimals: enough for tonnes and USD/kg, and free of solver noise like 29.999999999. */
const num = (x: number): number => {
  const r = Number(x.toFixed(6));
  return Object.is(r, -0) ? 0 : r;
};

/**
 * The in-use stock rows, with end of life printed as what closes the printed stocks: in_use(t) =
 * in_use(t−1) + inflow(t) − eol(t) holds in the file as it does in the model, not only to the
 * rounding of three numbers (eol differs from the model's by less than 2e-6).
 */
function stockRows(run: RunResult): Cell[][] {
  const before = new Map<string, number>();
  return run.periods.flatMap((p) =>
    p.stocks.map((r) => {
      const key = `${r.region}|${r.application}`;
      const [inUse, inflow] = [num(r.in_use), num(r.inflow)];
      const prior = before.get(key);
      before.set(key, inUse);
      const eol = prior === undefined ? num(r.eol) : num(prior + inflow - inUse);
      return [
        p.period.label,
        r.region,
        r.application,
        inUse,
        inflow,
        eol,
        num(r.collected),
        num(r.recycled),
        r.unit,
      ];
    }),
  );
}

export function runTables(run: RunResult, dataset: Dataset): Table[] {
  const unit = new Map(dataset.materials.map((m) => [m.id, m.unit]));
  const facilities = new Map(dataset.facilities.map((f) => [f.id, f]));
  const u = (material: string) => unit.get(material) ?? '';
  const table = (name: string, columns: string[], rows: Cell[][]): Table => ({ name, columns, rows });
  const each = <T>(
    pick: (p: RunResult['periods'][number]) => readonly T[],
    row: (label: string, x: T) => Cell[],
  ) => run.periods.flatMap((p) => pick(p).map((x) => row(p.period.label, x)));

  return [
    table(
      'production',
      ['period', 'facility', 'region', 'stage', 'material', 'tag', 'amount', 'unit'],
      each(
        (p) => p.production,
        (period, r) => [
          period,
          r.facility,
          r.region,
          r.stage,
          r.material,
          r.tag,
          num(r.amount),
          u(r.material),
        ],
      ),
    ),
    table(
      'trade',
      ['period', 'material', 'tag', 'from_region', 'to_region', 'amount', 'unit'],
      each(
        (p) => p.trade,
        (period, r) => [period, r.material, r.tag, r.from, r.to, num(r.amount), u(r.material)],
      ),
    ),
    table(
      'demand',
      [
        'period',
        'region',
        'application',
        'material',
        'demand',
        'served_free',
        'served_cn',
        'destroyed',
        'short',
        'unit',
      ],
      each(
        (p) => p.demand,
        (period, r) => [
          period,
          r.region,
          r.application,
          r.material,
          num(r.demand),
          num(r.served_free),
          num(r.served_cn),
          num(r.destroyed),
          num(r.short),
          u(r.material),
        ],
      ),
    ),
    table(
      'prices',
      ['period', 'region', 'material', 'tag', 'price', 'unit'],
      each(
        (p) => p.prices,
        (period, r) => [period, r.region, r.material, r.tag, num(r.price), `USD/kg (${u(r.material)})`],
      ),
    ),
    table(
      'inventory',
      ['period', 'region', 'material', 'tag', 'amount', 'unit'],
      each(
        (p) => p.inventory,
        (period, r) => [period, r.region, r.material, r.tag, num(r.amount), u(r.material)],
      ),
    ),
    table(
      'stocks',
      ['period', 'region', 'application', 'in_use', 'inflow', 'eol', 'collected', 'recycled', 'unit'],
      stockRows(run),
    ),
    table(
      'policies',
      ['period', 'policy', 'metric', 'value', 'unit'],
      each(
        (p) => p.policies,
        (period, r) => [period, r.policy, r.metric, num(r.value), r.unit],
      ),
    ),
    table(
      'capacity',
      ['period', 'facility', 'region', 'stage', 'capacity', 'used', 'unit', 'value', 'value_unit'],
      run.periods.flatMap((p) =>
        p.capacity.map((c) => [
          p.period.label,
          c.facility,
          c.region,
          c.stage,
          num(c.capacity),
          num(c.used),
          facilities.get(c.facility)?.capacity_unit ?? '',
          num(c.value),
          'USD/kg',
        ]),
      ),
    ),
    // Published prices (dataset), written beside the model's so the report can chart both.
    table(
      'price_benchmarks',
      ['year', 'material', 'region', 'low', 'high', 'unit', 'basis', 'source_ids'],
      dataset.price_benchmarks.map((b) => [
        b.year,
        b.material,
        b.region,
        num(b.low),
        num(b.high),
        `USD/kg (${u(b.material)})`,
        b.basis,
        b.source_ids.join(';'),
      ]),
    ),
  ];
}

/** The analyses' tables: trace, concentration, import reliance, benchmarks, self-sufficiency, bottlenecks. */
export function analysisTables(a: Analysis, dataset: Dataset): Table[] {
  const units = new Map(dataset.materials.map((m) => [m.id, m.unit]));
  /** A table of the rows' fields, and a unit column (fixed, or from the row). */
  const table = <T extends object>(
    name: string,
    rows: readonly T[],
    columns: (keyof T & string)[],
    unit: string | ((r: T) => string),
  ): Table => ({
    name,
    columns: [...columns, 'unit'],
    rows: rows.map((r) => [...columns.map((c) => cell(r[c])), typeof unit === 'string' ? unit : unit(r)]),
  });
  return [
    table(
      'trace',
      a.trace,
      ['period', 'region', 'application', 'stage', 'tag', 'country', 'share', 'amount', 'total'],
      (r) =>
        `${r.stage === ORIGIN_TAG ? 'share of demand' : "share of the tag's supply"}; amount, total: ${r.unit}`,
    ),
    table(
      'concentration',
      a.concentration,
      ['period', 'stage', 'output', 'taint_share', 'top1_country', 'top1_share', 'top3_share', 'hhi'],
      `output t REO; taint_share: made in ${taintText(a.taint)}; shares 0-1; HHI 0-10000`,
    ),
    table(
      'import_reliance',
      a.importReliance,
      [
        'period',
        'region',
        'material',
        'production',
        'imports',
        'exports',
        'stock_change',
        'apparent_consumption',
        'nir',
      ],
      (r) => `${units.get(r.material) ?? ''}; nir share`,
    ),
    table(
      'benchmarks',
      a.benchmarks,
      ['period', 'benchmark', 'value', 'target', 'met'],
      'share (0-1) of consumption, t REO of Nd+Pr+Dy+Tb; third country: share of supply',
    ),
    table(
      'self_sufficiency',
      a.selfSufficiency,
      ['period', 'bloc', 'stage', 'measure', 'supply', 'demand', 'ratio'],
      (r) =>
        r.stage === 'chain'
          ? `t of demand served ${freeLabel(a.taint)}`
          : `t REO of the binding magnet elements (Nd+Pr or Dy+Tb); ${freeLabel(a.taint)} capacity`,
    ),
    table(
      'bottlenecks',
      a.bottlenecks,
      ['period', 'kind', 'rank', 'item', 'region', 'stage', 'value'],
      'USD/kg',
    ),
    table(
      'recycled_share',
      a.recycledShare,
      ['period', 'region', 'recycled', 'mined', 'share'],
      't REO; share of mined + recycled',
    ),
  ];
}

const cell = (v: unknown): Cell => (typeof v === 'number' ? num(v) : String(v));

/** run.json: what was run, on which data, with which version, and how each period solved. */
export function runManifest(run: RunResult) {
  return {
    scenario: run.scenario,
    dataset: run.dataset,
    taint: {
      ...run.taint,
      meaning: `origin tag cn (${touchedLabel(run.taint)}): some stage ran in ${run.taint.regions.join(', ')}; free (${freeLabel(run.taint)}): none did`,
    },
    lodestone_version: run.version,
    units: {
      amounts: 'canonical unit of each material (see the unit columns)',
      prices: 'USD/kg',
      objective: 'thousand USD',
    },
    periods: run.periods.map((p) => ({
      period: p.period.label,
      status: p.status,
      objective: p.objective,
      objective_unit: 'thousand USD',
      lp: p.size,
      iterations: p.iterations,
      seconds: p.seconds,
    })),
  };
}
