/**
 * A company's exposure under scenarios: each scenario is run over the exposure's years with the
 * company's demand as its own nodes (carve.ts), measured (measure.ts), compared with the first
 * scenario (the baseline), optionally re-run over Monte Carlo draws for the probability and
 * expectation of a shortfall, and the scenarios ranked by the harm they do. Alternative suppliers
 * come from the same runs (alternatives.ts). No I/O: the CLI and the job kind share it.
 */
import type { Dataset } from '../dataset/types.js';
import type { RunResult } from '../results/types.js';
import type { Scenario } from '../schema/scenario.js';
import { prepareModel, simulate } from '../simulate/simulate.js';
import { applyInputs, sampleInputs } from '../uncertainty/sample.js';
import { type AlternativeRow, alternativeSuppliers } from './alternatives.js';
import { carveExposure } from './carve.js';
import { measureExposure, type NodeYear, type OriginRow } from './measure.js';
import { type Inventory, tonnesIn } from './schema.js';
import type { Exposure } from './validate.js';

export interface ExposureScenario {
  readonly name: string;
  readonly dataset: Dataset;
  readonly scenario: Scenario;
}

export interface ExposureOptions {
  /** Monte Carlo draws per scenario (0: deterministic only). */
  readonly draws?: number | undefined;
  readonly seed?: number | undefined;
  /** Called as each scenario's run or draw ends. */
  readonly onStep?: ((label: string, done: number, total: number) => void) | undefined;
}

/** "*" in line or supplier: the total over lines or suppliers. */
export interface ExposureRow {
  readonly scenario: string;
  readonly year: number;
  readonly line: string;
  readonly supplier: string;
  readonly demand_t: number;
  readonly served_t: number;
  /** Supply at risk: demand the scenario leaves unserved, t. */
  readonly at_risk_t: number;
  readonly at_risk_share: number;
  /** Share of served supply touched by the run's taint set (origin tag: any stage). */
  readonly covered_share: number;
  readonly covered_share_mining: number;
  readonly covered_share_separation: number;
  readonly covered_share_metal: number;
  readonly covered_share_magnet: number;
  readonly cost_usd: number;
  readonly cost_change_usd: number;
  readonly shortfall_probability?: number | undefined;
  readonly expected_shortfall_t?: number | undefined;
  readonly inventory_t: number;
  /** Days the inventory covers the shortfall (inventory / daily shortfall); undefined without a shortfall. */
  readonly days_of_cover?: number | undefined;
}

export interface RankingRow {
  readonly rank: number;
  readonly scenario: string;
  readonly critical_at_risk_t: number;
  readonly at_risk_t: number;
  readonly at_risk_share: number;
  readonly expected_shortfall_t?: number | undefined;
  readonly max_shortfall_probability?: number | undefined;
  readonly cost_change_usd: number;
  readonly covered_share: number;
  readonly worst_year?: number | undefined;
}

export interface ExposureResult {
  readonly company: string;
  readonly region: string;
  readonly years: { readonly start: number; readonly end: number };
  readonly draws: number;
  readonly rows: readonly ExposureRow[];
  readonly ranking: readonly RankingRow[];
  readonly alternatives: readonly AlternativeRow[];
  readonly origins: readonly (OriginRow & { readonly scenario: string })[];
  readonly runs: ReadonlyMap<string, RunResult>;
}

/** A shortfall smaller than this (t) is solver noise, not a shortfall. */
const SHORTFALL_EPSILON = 1e-3;

export async function assessExposure(
  exposure: Exposure,
  scenarios: readonly ExposureScenario[],
  options: ExposureOptions = {},
): Promise<ExposureResult> {
  const e = exposure.value;
  const lines = new Map(e.product_lines.map((l) => [l.id, l]));
  const tonnesOf = (line: string, year: number) => tonnesIn(lines.get(line)!.tonnes, year);
  const draws = options.draws ?? 0;
  const total = scenarios.length * (1 + draws);
  let done = 0;
  const measured: { name: string; rows: readonly NodeYear[]; mc?: Map<string, Shortfalls> }[] = [];
  const alternatives: AlternativeRow[] = [];
  const origins: (OriginRow & { scenario: string })[] = [];
  const runs = new Map<string, RunResult>();
  for (const s of scenarios) {
    const scenario: Scenario = { ...s.scenario, horizon: { ...exposure.years } };
    const carved = carveExposure(s.dataset, exposure);
    const model = await prepareModel(carved.dataset, scenario);
    try {
      const run = await simulate(carved.dataset, scenario, { prepared: model });
      runs.set(s.name, run);
      const m = measureExposure(run, carved.dataset, carved.nodes, tonnesOf);
      origins.push(...m.origins.map((o) => ({ scenario: s.name, ...o })));
      alternatives.push(...alternativeSuppliers(s.name, run, carved.dataset, exposure, carved.nodes));
      options.onStep?.(s.name, ++done, total);
      let mc: Map<string, Shortfalls> | undefined;
      if (draws > 0) {
        mc = new Map();
        for (let d = 0; d < draws; d++) {
          const inputs = sampleInputs(s.dataset, options.seed ?? 1, d);
          const drawn = carveExposure(applyInputs(s.dataset, inputs, scenario.horizon.start), exposure);
          const r = await simulate(drawn.dataset, scenario, { prepared: model });
          const rows = measureExposure(r, drawn.dataset, drawn.nodes, tonnesOf, { trace: false }).rows;
          for (const row of withTotals(rows)) {
            const k = keyOf(row);
            const acc = mc.get(k) ?? { hits: 0, sum: 0, n: 0 };
            acc.n++;
            acc.sum += row.short;
            if (row.short > SHORTFALL_EPSILON) acc.hits++;
            mc.set(k, acc);
          }
          options.onStep?.(`${s.name} draw ${d + 1}`, ++done, total);
        }
      }
      measured.push({ name: s.name, rows: m.rows, ...(mc ? { mc } : {}) });
    } finally {
      model.solver.dispose();
    }
  }

  const base = new Map(withTotals(measured[0]!.rows).map((r) => [keyOf(r), r]));
  const rows: ExposureRow[] = [];
  for (const m of measured) {
    for (const r of withTotals(m.rows)) {
      const served = r.served_free + r.served_covered;
      const inventory = inventoryOf(e, r, exposure, tonnesOf);
      const stage = (s: string) => (served > 0 ? (r.covered_by_stage[s] ?? 0) / served : 0);
      const mc = m.mc?.get(keyOf(r));
      rows.push({
        scenario: m.name,
        year: r.year,
        line: r.line,
        supplier: r.supplier,
        demand_t: r.demand,
        served_t: served,
        at_risk_t: r.short,
        at_risk_share: r.demand > 0 ? r.short / r.demand : 0,
        covered_share: served > 0 ? r.served_covered / served : 0,
        covered_share_mining: stage('mining'),
        covered_share_separation: stage('separation'),
        covered_share_metal: stage('metal'),
        covered_share_magnet: stage('magnet'),
        cost_usd: r.cost,
        cost_change_usd: r.cost - (base.get(keyOf(r))?.cost ?? 0),
        shortfall_probability: mc ? mc.hits / mc.n : undefined,
        expected_shortfall_t: mc ? mc.sum / mc.n : undefined,
        inventory_t: inventory,
        days_of_cover: r.short > SHORTFALL_EPSILON ? inventory / (r.short / 365) : undefined,
      });
    }
  }
  return {
    company: e.company,
    region: e.region,
    years: exposure.years,
    draws,
    rows,
    ranking: rankScenarios(
      rows,
      e.product_lines.filter((l) => l.critical).map((l) => l.id),
    ),
    alternatives,
    origins,
    runs,
  };
}

interface Shortfalls {
  hits: number;
  sum: number;
  n: number;
}

const keyOf = (r: { year: number; line: string; supplier: string }) => `${r.year}|${r.line}|${r.supplier}`;

/** The rows, then per line and year their total over suppliers ("*"), then per year the company's. */
function withTotals(rows: readonly NodeYear[]): NodeYear[] {
  const sums = new Map<string, NodeYear>();
  const add = (k: { year: number; line: string; supplier: string }, r: NodeYear) => {
    const key = keyOf(k);
    const prev = sums.get(key);
    sums.set(key, {
      ...k,
      demand: (prev?.demand ?? 0) + r.demand,
      served_free: (prev?.served_free ?? 0) + r.served_free,
      served_covered: (prev?.served_covered ?? 0) + r.served_covered,
      short: (prev?.short ?? 0) + r.short,
      cost: (prev?.cost ?? 0) + r.cost,
      covered_by_stage: Object.fromEntries(
        Object.entries(r.covered_by_stage).map(([s, v]) => [s, (prev?.covered_by_stage[s] ?? 0) + v]),
      ),
    });
  };
  for (const r of rows) {
    add({ year: r.year, line: r.line, supplier: '*' }, r);
    add({ year: r.year, line: '*', supplier: '*' }, r);
  }
  return [...rows, ...sums.values()];
}

/** Tonnes on hand for a row: a line's own inventory (or the company's) in t; "*" rows sum their lines. */
function inventoryOf(
  e: Exposure['value'],
  r: { year: number; line: string; supplier: string },
  exposure: Exposure,
  tonnesOf: (line: string, year: number) => number,
): number {
  const lineTonnes = (lineId: string) => {
    const line = e.product_lines.find((l) => l.id === lineId)!;
    const inv: Inventory | undefined = line.inventory ?? e.inventory;
    if (!inv) return 0;
    return inv.tonnes !== undefined ? inv.tonnes : (inv.days! * tonnesOf(lineId, r.year)) / 365;
  };
  if (r.line === '*') return e.product_lines.reduce((s, l) => s + lineTonnes(l.id), 0);
  if (r.supplier === '*') return lineTonnes(r.line);
  // A supplier's rows hold the line's inventory in proportion to its share.
  const li = e.product_lines.findIndex((l) => l.id === r.line);
  const share = exposure.suppliers[li]!.find((s) => s.label === r.supplier)?.supplier.share ?? 0;
  return lineTonnes(r.line) * share;
}

/** Scenarios by harm: critical lines' supply at risk, then all supply at risk, then expected shortfall, then cost. */
export function rankScenarios(rows: readonly ExposureRow[], critical: readonly string[]): RankingRow[] {
  const names = [...new Set(rows.map((r) => r.scenario))];
  const out = names.map((scenario) => {
    const company = rows.filter((r) => r.scenario === scenario && r.line === '*');
    const lineTotals = rows.filter(
      (r) => r.scenario === scenario && r.supplier === '*' && critical.includes(r.line),
    );
    const sum = (xs: readonly ExposureRow[], f: (r: ExposureRow) => number) =>
      xs.reduce((s, r) => s + f(r), 0);
    const demand = sum(company, (r) => r.demand_t);
    const served = sum(company, (r) => r.served_t);
    const mc = company.some((r) => r.expected_shortfall_t !== undefined);
    const worst = [...company].sort((a, b) => b.at_risk_t - a.at_risk_t)[0];
    return {
      rank: 0,
      scenario,
      critical_at_risk_t: sum(lineTotals, (r) => r.at_risk_t),
      at_risk_t: sum(company, (r) => r.at_risk_t),
      at_risk_share: demand > 0 ? sum(company, (r) => r.at_risk_t) / demand : 0,
      expected_shortfall_t: mc ? sum(company, (r) => r.expected_shortfall_t ?? 0) : undefined,
      max_shortfall_probability: mc
        ? Math.max(...company.map((r) => r.shortfall_probability ?? 0))
        : undefined,
      cost_change_usd: sum(company, (r) => r.cost_change_usd),
      covered_share: served > 0 ? sum(company, (r) => r.covered_share * r.served_t) / served : 0,
      worst_year: worst && worst.at_risk_t > SHORTFALL_EPSILON ? worst.year : undefined,
    };
  });
  const tol = (a: number, b: number) => (Math.abs(a - b) > 1e-6 ? b - a : 0);
  out.sort(
    (a, b) =>
      tol(a.critical_at_risk_t, b.critical_at_risk_t) ||
      tol(a.at_risk_t, b.at_risk_t) ||
      tol(a.expected_shortfall_t ?? 0, b.expected_shortfall_t ?? 0) ||
      tol(a.cost_change_usd, b.cost_change_usd),
  );
  return out.map((r, i) => ({ ...r, rank: i + 1 }));
}
