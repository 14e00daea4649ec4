/**
 * The run's tidy long tables, one row per fact, each with its unit: what `--out` writes as CSV
 * and what the API serves. Their columns are in src/run-folder/tables.ts.
 */
import type { Analysis } from '../analysis/analyse.js';
import { ORIGIN_TAG } from '../analysis/trace.js';
import { undersupply } from '../analysis/undersupply.js';
import type { Dataset } from '../dataset/types.js';
import { freeLabel, taintText, touchedLabel } from '../model/taint.js';
import { type RowOf, TABLES, type TableRows } from '../run-folder/tables.js';
import { round6 } from '../run-folder/write.js';
import type { RunResult } from './types.js';

/**
 * The in-use stock rows, with end of life printed as what closes the printed stocks: in_use(t) =
 * in_use(t−1) + inflow(t) − eol(t) holds in the file as it does in the model, not only to the
 * rounding of three numbers (eol differs from the model's by less than 2e-6).
 */
function stockRows(run: RunResult): RowOf<'stocks'>[] {
  const before = new Map<string, number>();
  return run.periods.flatMap((p) =>
    p.stocks.map((r) => {
      const key = `${r.region}|${r.application}`;
      const [in_use, inflow] = [round6(r.in_use), round6(r.inflow)];
      const prior = before.get(key);
      before.set(key, in_use);
      const eol = prior === undefined ? round6(r.eol) : round6(prior + inflow - in_use);
      return { ...r, period: p.period.label, in_use, inflow, eol };
    }),
  );
}

/** The run's tables, as the model gives them: the writer picks each spec's columns and rounds numbers to six decimals. */
export function runTables(run: RunResult, dataset: Dataset): TableRows[] {
  const unit = new Map(dataset.materials.map((m) => [m.id, m.unit]));
  const facilities = new Map(dataset.facilities.map((f) => [f.id, f]));
  const u = (material: string) => unit.get(material) ?? '';
  const each = <T, R>(
    pick: (p: RunResult['periods'][number]) => readonly T[],
    row: (period: string, x: T) => R,
  ) => run.periods.flatMap((p) => pick(p).map((x) => row(p.period.label, x)));

  return [
    {
      name: 'production',
      rows: each(
        (p) => p.production,
        (period, r) => ({ ...r, period, unit: u(r.material) }),
      ),
    },
    {
      name: 'trade',
      rows: each(
        (p) => p.trade,
        (period, r) => ({ ...r, period, from_region: r.from, to_region: r.to, unit: u(r.material) }),
      ),
    },
    {
      name: 'demand',
      rows: run.periods.flatMap((p) => {
        // Demand met by substitution (grade, thrift or technology switches), per demand node.
        const substituted = new Map<string, number>();
        for (const s of p.substitution) {
          const node = `${s.region}|${s.application}|${s.material}`;
          substituted.set(node, (substituted.get(node) ?? 0) + s.volume);
        }
        return p.demand.map((r) => ({
          ...r,
          period: p.period.label,
          substituted: substituted.get(`${r.region}|${r.application}|${r.material}`) ?? 0,
          unit: u(r.material),
        }));
      }),
    },
    {
      name: 'prices',
      rows: each(
        (p) => p.prices,
        (period, r) => ({ ...r, period, unit: `USD/kg (${u(r.material)})` }),
      ),
    },
    {
      name: 'inventory',
      rows: each(
        (p) => p.inventory,
        (period, r) => ({ ...r, period, unit: u(r.material) }),
      ),
    },
    { name: 'stocks', rows: stockRows(run) },
    {
      name: 'policies',
      rows: each(
        (p) => p.policies,
        (period, r) => ({ ...r, period }),
      ),
    },
    {
      name: 'substitution',
      // Only what was used: every option stands on every node it applies to, each period.
      rows: each(
        (p) => p.substitution.filter((r) => r.volume > 0),
        (period, r) => ({
          period,
          region: r.region,
          application: r.application,
          option: r.option,
          kind: r.kind,
          from: r.material,
          to: r.to,
          volume: r.volume,
          substitute: r.consumed_free + r.consumed_cn,
          unit: u(r.material),
          cost: r.cost,
          cost_unit: 'thousand USD',
          allowed_share: r.allowed_share,
        }),
      ),
    },
    {
      name: 'capacity',
      rows: each(
        (p) => p.capacity,
        (period, c) => ({
          ...c,
          period,
          unit: facilities.get(c.facility)?.capacity_unit ?? '',
          value_unit: 'USD/kg',
        }),
      ),
    },
    // Demand against what the chain supplied, as outlooks state a gap (src/analysis/undersupply.ts).
    { name: 'undersupply', rows: undersupply(run, dataset) },
    // Published prices (dataset), written beside the model's so the report can chart both.
    {
      name: 'price_benchmarks',
      rows: dataset.price_benchmarks.map((b) => ({
        year: b.year,
        material: b.material,
        region: b.region,
        low: b.low,
        high: b.high,
        unit: `USD/kg (${u(b.material)})`,
        basis: b.basis,
        source_ids: b.source_ids.join(';'),
      })),
    },
  ];
}

/** The analyses' tables: trace, concentration, import reliance, benchmarks, self-sufficiency, bottlenecks. */
export function analysisTables(a: Analysis, dataset: Dataset): TableRows[] {
  const units = new Map(dataset.materials.map((m) => [m.id, m.unit]));
  const free = freeLabel(a.taint);
  return [
    {
      name: 'trace',
      rows: a.trace.map((r) => ({
        ...r,
        unit: `${r.stage === ORIGIN_TAG ? 'share of demand' : "share of the tag's supply"}; amount, total: ${r.unit}`,
      })),
    },
    {
      name: 'concentration',
      rows: a.concentration.map((r) => ({
        ...r,
        unit: `output t REO; taint_share: made in ${taintText(a.taint)}; shares 0-1; HHI 0-10000`,
      })),
    },
    {
      name: 'import_reliance',
      rows: a.importReliance.map((r) => ({ ...r, unit: `${units.get(r.material) ?? ''}; nir share` })),
    },
    {
      name: 'benchmarks',
      rows: a.benchmarks.map((r) => ({ ...r, unit: TABLES.benchmarks.unit })),
    },
    {
      name: 'self_sufficiency',
      rows: a.selfSufficiency.map((r) => ({
        ...r,
        unit:
          r.stage === 'chain'
            ? `t of demand served ${free}`
            : `t REO of the binding magnet elements (Nd+Pr or Dy+Tb); ${free} capacity`,
      })),
    },
    { name: 'bottlenecks', rows: a.bottlenecks.map((r) => ({ ...r, unit: TABLES.bottlenecks.unit })) },
    {
      name: 'recycled_share',
      rows: a.recycledShare.map((r) => ({ ...r, unit: TABLES.recycled_share.unit })),
    },
  ];
}

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
