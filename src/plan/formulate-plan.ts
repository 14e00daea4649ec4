/**
 * One LP over the whole horizon: the period LP of `run` (core and policies, as prepareModel builds
 * it) stacked once per period with that period's numbers, linked through the stocks each period
 * closes with (its hold columns feed the hubs of the next), plus a build column per candidate and
 * year of first output, whose size adds to the candidate's capacity row in that period and every
 * later one. Costs are discounted to the horizon's start:
 *
 *   minimise Σ_t d_t · (period t's operating cost, incl. value of lost load)
 *          + Σ_{c,o} size(c,o) · Σ_{t ≥ o} d_t · len_t · (capex_c · crf(r, life_c) + fixed_opex_c)
 *   s.t.     period blocks; Σ_o size(c,o) ≤ max_size_c;
 *            serve(i, free, t) ≥ target · demand(i, t) for each demand node i of the bloc, t ≥ by
 *            (or, with scope `bloc`, the same summed over the bloc's nodes).
 *
 * Costs are in thousand USD (t × USD/kg), as in the period LP; capex is annuitised (capital recovery
 * factor) and charged each period from the first output to the horizon's end, so builds late in the
 * horizon pay only for the years they serve.
 *
 * Planning under uncertainty (chance.ts) stacks several worlds: the scenario's own numbers and those
 * of Monte Carlo draws. Each world has its own period blocks and target rows; the build columns are
 * shared (one capacity serves every world, so a build must suit them all) and paid once, and each
 * world's operating cost counts with weight 1/W, their sample average.
 */
import type { LoadedCandidate } from '../dataset/types.js';
import type { Formulation, PeriodNumbers } from '../lp/formulate.js';
import { type LinearProgram, LpBuilder } from '../lp/linear-program.js';
import type { Period } from '../time/periods.js';
import { BUILD_PREFIX } from './candidates.js';

/** One period of the horizon: its numbers as `run` sets them, and what arrives at its hubs from outside. */
export interface PeriodBlock {
  readonly period: Period;
  readonly inputs: PeriodNumbers;
  /**
   * Stock entering each hub from outside the LP: the opening stocks in the first period, then the
   * end-of-life scrap collected (from the in-use stocks of the run the numbers came from).
   */
  readonly inflow: Float64Array;
  /** The stock each hub closed the period with in that run. */
  readonly closing: Float64Array;
}

export interface PlanSettings {
  /** Regions whose demand the target covers. */
  readonly regions: readonly string[];
  /** Share of the bloc's demand to serve free of the taint set. */
  readonly target: number;
  /** First year the target holds. */
  readonly by: number;
  readonly discountRate: number;
  /**
   * `node`: each demand node of the bloc served free at least the target share (the rule an origin
   * requirement enforces, which plan.yaml carries); `bloc`: the bloc's demand as a whole.
   */
  readonly scope: 'node' | 'bloc';
  /** Sizes in whole units of the candidate's min_size (a MILP). */
  readonly integer: boolean;
  /**
   * Stocks carried between periods at most as the run carried them: operations as myopic as
   * `run`'s, which never makes ahead for a later period, so the builds are what a run needs.
   * Without it the plan may make ahead and hold (perfect foresight), and build less.
   */
  readonly myopicStocks: boolean;
  /**
   * Cost (thousand USD per t) of each tonne the target is missed by: with it the target may be
   * missed (an elastic target, to measure how far it can be reached); without it, it must be met.
   * A draw's world (every world after the first) is always elastic, at GAP_PENALTY at least, so
   * that a draw no build can suit shows as a gap instead of making the whole plan infeasible.
   */
  readonly gapPenalty?: number | undefined;
}

export interface BuildColumn {
  readonly col: number;
  readonly candidate: LoadedCandidate;
  /** Period of first output. */
  readonly online: Period;
  /** Capacity (units of activity a year) per unit of the column. */
  readonly unit: number;
}

export interface TargetRow {
  /** The period's target rows: one for the bloc, or one per demand node. */
  readonly rows: readonly number[];
  readonly period: Period;
  /** The bloc's demand in the period. */
  readonly demand: number;
  /** Columns serving the bloc free of the taint set. */
  readonly serveCols: readonly number[];
  /** The columns of the tonnes each row may miss the target by (an elastic target), else none. */
  readonly gapCols: readonly number[];
}

export interface PlanLp {
  readonly lp: LinearProgram;
  /** 1 for integer columns (the build columns with `integer`), else absent. */
  readonly integrality?: Int32Array;
  readonly builds: readonly BuildColumn[];
  /** The target rows of the first world (the scenario's own numbers). */
  readonly targets: readonly TargetRow[];
  /** The target rows of every world, the first's first. */
  readonly worldTargets: readonly (readonly TargetRow[])[];
  /** Columns serving the bloc's demand free of the taint set, in every period of the first world. */
  readonly blocFree: readonly number[];
  /** Columns and rows of one period block; period t's start at t × these. */
  readonly blockCols: number;
  readonly blockRows: number;
}

/** Discounted cost of a tonne the target is missed by, thousand USD (1e5 USD/kg: above any value of lost load). */
export const GAP_PENALTY = 1e5;

/** Capital recovery factor: the yearly payment, per unit of capex, that repays it over `years` at rate `r`. */
export function capitalRecovery(r: number, years: number): number {
  if (years <= 0) return 1;
  return r === 0 ? 1 / years : r / (1 - (1 + r) ** -years);
}

/** Discount factor of a period: its start, in years after the horizon's. */
export const discountFactor = (r: number, start: number, p: Period) => (1 + r) ** -(p.start - start);

export function formulatePlan(
  f: Formulation,
  worlds: readonly (readonly PeriodBlock[])[],
  candidates: readonly LoadedCandidate[],
  s: PlanSettings,
): PlanLp {
  const base = f.lp;
  const { layout, network } = f;
  const n = base.numCols;
  const m = base.numRows;
  const b = new LpBuilder();
  const blocks = worlds[0]!;
  const periods = blocks.length;
  const start = blocks[0]?.period.start ?? 0;
  const df = blocks.map((x) => discountFactor(s.discountRate, start, x.period));
  // Each world's operating cost counts once in their average; the builds are paid once.
  const weight = 1 / worlds.length;
  // The matrix entries whose value changes each period (rationing), by position in the CSC arrays.
  const changing = new Map<number, number>();
  layout.rationing.forEach((e, k) => {
    for (let p = base.starts[e.col]!; p < base.starts[e.col + 1]!; p++)
      if (base.indices[p] === e.row) changing.set(p, k);
  });
  const colNames = base.colNames;
  const rowNames = base.rowNames;
  // Block t of world w holds rows (w·T + t)·m … and columns (w·T + t)·n …
  worlds.forEach((world, w) => {
    if (world.length !== periods) throw new Error('internal: the worlds of a plan differ in periods');
    const suffix = w === 0 ? '' : `#${w}`;
    world.forEach(({ period, inputs, inflow, closing }, t) => {
      const rowOffset = (w * periods + t) * m;
      for (let i = 0; i < m; i++) {
        const hub = i < network.hubs.length;
        b.addRow(
          `${rowNames[i]}@${period.label}${suffix}`,
          hub ? -inflow[i]! : inputs.rowLower[i],
          hub ? -inflow[i]! : inputs.rowUpper[i],
        );
      }
      const holdCap = (j: number) => {
        const i = j - layout.hold;
        return s.myopicStocks && i >= 0 && i < network.hubs.length
          ? Math.min(inputs.colUpper[j]!, closing[i]!)
          : inputs.colUpper[j];
      };
      for (let j = 0; j < n; j++) {
        const entries: [number, number][] = [];
        for (let p = base.starts[j]!; p < base.starts[j + 1]!; p++) {
          const k = changing.get(p);
          entries.push([
            rowOffset + base.indices[p]!,
            k === undefined ? base.values[p]! : inputs.coefficients[k]!,
          ]);
        }
        b.addCol(
          `${colNames[j]}@${period.label}${suffix}`,
          inputs.colCost[j]! * df[t]! * weight,
          entries,
          inputs.colLower[j],
          holdCap(j),
        );
      }
    });
    // What a period holds at its close opens the next.
    for (let t = 0; t + 1 < periods; t++)
      for (let i = 0; i < network.hubs.length; i++)
        b.addEntry((w * periods + t + 1) * m + i, (w * periods + t) * n + layout.hold + i, 1);
  });

  const builds: BuildColumn[] = [];
  const facilityIndex = new Map(network.dataset.facilities.map((x, i) => [x.id, i]));
  for (const c of candidates) {
    const fi = facilityIndex.get(`${BUILD_PREFIX}${c.id}`);
    if (fi === undefined) throw new Error(`internal: no facility for candidate ${c.id}`);
    const unit = s.integer && c.min_size > 0 ? c.min_size : 1;
    const yearly = c.unit_capex * capitalRecovery(s.discountRate, c.lifetime) + c.fixed_opex;
    const first = Math.max(c.earliest_start, Math.floor(start) + c.lead_time);
    const cols: number[] = [];
    blocks.forEach(({ period }, o) => {
      // A build counts from the first period of its year of first output.
      if (period.year < first || (o > 0 && blocks[o - 1]!.period.year === period.year)) return;
      let cost = 0;
      const entries: [number, number][] = [];
      for (let t = o; t < periods; t++) {
        const len = blocks[t]!.period.length;
        cost += (df[t]! * len * yearly * unit) / 1000;
        for (let w = 0; w < worlds.length; w++)
          entries.push([(w * periods + t) * m + layout.capacityRow + fi, -len * unit]);
      }
      const col = b.addCol(`build(${c.id},${period.label})`, cost, entries);
      builds.push({ col, candidate: c, online: period, unit });
      cols.push(col);
    });
    if (cols.length > 0 && Number.isFinite(c.max_size)) {
      const row = b.addRow(`max_size(${c.id})`, Number.NEGATIVE_INFINITY, c.max_size);
      for (const col of cols) b.addEntry(row, col, unit);
    }
  }

  const inBloc = new Set(s.regions);
  const nodes = network.demands.flatMap((d, i) => (inBloc.has(d.region) ? [i] : []));
  const blocFree = blocks.flatMap((_, t) => nodes.map((i) => t * n + layout.serve + 2 * i));
  const worldTargets = worlds.map((world, w) => {
    const targets: TargetRow[] = [];
    const suffix = w === 0 ? '' : `#${w}`;
    world.forEach(({ period, inputs }, t) => {
      if (period.year < s.by) return;
      const demand = nodes.reduce((sum, i) => sum + inputs.demand[i]!, 0);
      if (demand <= 0) return;
      const serve = (i: number) => (w * periods + t) * n + layout.serve + 2 * i;
      // The whole bloc in one row, or each demand node in its own (as an origin requirement holds it).
      const groups =
        s.scope === 'bloc' ? [nodes] : nodes.filter((i) => inputs.demand[i]! > 0).map((i) => [i]);
      const penalty = w > 0 ? Math.max(s.gapPenalty ?? 0, GAP_PENALTY) : s.gapPenalty;
      const gapCols: number[] = [];
      const rows = groups.map((members) => {
        const need = s.target * members.reduce((sum, i) => sum + inputs.demand[i]!, 0);
        const d = network.demands[members[0]!]!;
        const name =
          s.scope === 'bloc'
            ? `target(${period.label}${suffix})`
            : `target(${d.region},${d.application},${d.material},${period.label}${suffix})`;
        const row = b.addRow(name, need, Number.POSITIVE_INFINITY);
        for (const i of members) b.addEntry(row, serve(i), 1);
        if (penalty !== undefined)
          gapCols.push(b.addCol(`target_gap(${name})`, penalty * df[t]! * weight, [[row, 1]]));
        return row;
      });
      targets.push({ rows, period, demand, serveCols: nodes.map(serve), gapCols });
    });
    return targets;
  });

  const lp = b.build();
  const integrality = s.integer ? new Int32Array(lp.numCols) : undefined;
  if (integrality) for (const x of builds) integrality[x.col] = 1;
  return {
    lp,
    ...(integrality ? { integrality } : {}),
    builds,
    targets: worldTargets[0]!,
    worldTargets,
    blocFree,
    blockCols: n,
    blockRows: m,
  };
}
