/**
 * One Monte Carlo draw: values for every uncertain input, from the draw's own random stream, and
 * the dataset with those values applied. The stream is consumed in a fixed order (shared factors by
 * id, then specs in dataset order, then the records each spec selects), so a draw is the same
 * wherever and whenever it runs.
 */
import { scaleElasticity } from '../dataset/demand-response.js';
import { runPath } from '../dataset/supply-paths.js';
import type { Dataset, LoadedFacility } from '../dataset/types.js';
import { POLICY_TARGETS, withDraw } from '../policies/index.js';
import type { UncertaintySpec } from '../schema/uncertainty.js';
import { normalCdf, normalQuantile } from '../stats/special.js';
import { quantile } from './distributions.js';
import { pointStream, RANDOM, type Sampling } from './sampling.js';

export interface DrawInputs {
  /** Sampled value per input: "spec" or "spec:record" when each record draws its own. */
  readonly values: Record<string, number>;
}

const FACILITY_TARGETS = new Set(['start_delay', 'capacity', 'utilisation', 'cost', 'start_probability']);
const SUBSTITUTION_TARGETS = new Set(['substitution_share', 'substitution_cost']);

/** The record ids a spec selects. */
export function selected(spec: UncertaintySpec, d: Dataset): string[] {
  if (FACILITY_TARGETS.has(spec.target)) {
    const stage = new Map(d.processes.map((p) => [p.id, p.stage]));
    const filtered = spec.statuses.length + spec.regions.length + spec.stages.length > 0;
    return d.facilities
      .filter(
        (f) =>
          !spec.exclude_regions.includes(f.region) &&
          (spec.facilities.includes(f.id) ||
            (filtered &&
              (spec.statuses.length === 0 || spec.statuses.includes(f.status)) &&
              (spec.regions.length === 0 || spec.regions.includes(f.region)) &&
              (spec.stages.length === 0 || spec.stages.includes(stage.get(f.process)!))) ||
            (!filtered && spec.facilities.length === 0)),
      )
      .map((f) => f.id);
  }
  if (POLICY_TARGETS.includes(spec.target)) return spec.policies;
  if (spec.target === 'supply_path') return [spec.group!];
  if (SUBSTITUTION_TARGETS.has(spec.target))
    return d.substitutions
      .filter((s) => spec.substitutions.length === 0 || spec.substitutions.includes(s.id))
      .map((s) => s.id);
  if (spec.target === 'elasticity') {
    const withCurve = [...new Set(d.demand_curves.map((s) => s.application))];
    return spec.applications.length === 0
      ? withCurve
      : withCurve.filter((a) => spec.applications.includes(a));
  }
  const keys = new Set<string>();
  for (const r of d.demand) {
    if (spec.exclude_regions.includes(r.region)) continue;
    if (spec.regions.length > 0 && !spec.regions.includes(r.region)) continue;
    if (spec.applications.length > 0 && !spec.applications.includes(r.application)) continue;
    keys.add(`${r.region}/${r.application}`);
  }
  return [...keys];
}

/**
 * The inputs of draw `index`. The uniforms are taken in a fixed order, one dimension each: factors,
 * then per spec (and per record it selects) one for the value and, for a start probability, one
 * for whether the project starts. Their number depends on the dataset alone, so LHS and Sobol
 * sampling (sampling.ts) give each dimension its own stratified coordinate.
 */
export function sampleInputs(
  d: Dataset,
  seed: number,
  index: number,
  sampling: Sampling = RANDOM,
): DrawInputs {
  const u = pointStream(seed, index, sampling);
  const factors = new Map<string, number>();
  for (const id of [...new Set(d.uncertainty.flatMap((s) => (s.factor ? [s.factor.id] : [])))].sort()) {
    factors.set(id, normalQuantile(u()));
  }
  const values: Record<string, number> = {};
  for (const spec of d.uncertainty) {
    const drawn = () => {
      if (!spec.factor) return quantile(spec.distribution, u());
      const w = spec.factor.weight;
      const z = w * factors.get(spec.factor.id)! + Math.sqrt(1 - w * w) * normalQuantile(u());
      return quantile(spec.distribution, normalCdf(z));
    };
    // A start probability draws p, then whether the project starts: 1 if it does, 0 if cancelled.
    const one = spec.target === 'start_probability' ? () => (u() < drawn() ? 1 : 0) : drawn;
    if (spec.each) for (const key of selected(spec, d)) values[`${spec.id}:${key}`] = one();
    else values[spec.id] = one();
  }
  return { values };
}

/** The dataset with a draw's values applied (the base dataset is not changed). */
export function applyInputs(d: Dataset, inputs: DrawInputs, startYear: number): Dataset {
  const valueFor = (spec: UncertaintySpec, key: string) =>
    inputs.values[spec.each ? `${spec.id}:${key}` : spec.id];
  // Paths first, so that capacity and delays apply to the steps of the paths that run.
  let paths = d;
  for (const spec of d.uncertainty.filter((s) => s.target === 'supply_path')) {
    const path = spec.paths![valueFor(spec, spec.group!)!]!;
    paths = runPath(paths, spec.group!, path);
  }
  let facilities = d.facilities;
  let steps = paths.capacity_steps;
  let demand = d.demand;
  let policies = d.policies;
  let substitutions = d.substitutions;
  let curves = d.demand_curves;
  for (const spec of d.uncertainty) {
    if (spec.target === 'supply_path') continue;
    if (spec.target === 'elasticity') {
      const keys = new Set(selected(spec, d));
      curves = scaleElasticity(curves, (app) => (keys.has(app) ? valueFor(spec, app)! : 1));
      continue;
    }
    const keys = new Set(selected(spec, d));
    if (SUBSTITUTION_TARGETS.has(spec.target)) {
      substitutions = substitutions.map((s) => {
        if (!keys.has(s.id)) return s;
        const v = valueFor(spec, s.id)!;
        return spec.target === 'substitution_share'
          ? { ...s, max_share: Math.min(1, Math.max(0, s.max_share * v)) }
          : { ...s, cost: Math.max(0, s.cost * v) };
      });
    } else if (FACILITY_TARGETS.has(spec.target)) {
      // A facility the draw has no value for (one the sampled dataset lacks) keeps its own.
      const change = (f: LoadedFacility): LoadedFacility => {
        const v = valueFor(spec, f.id);
        if (v === undefined) return f;
        if (spec.target === 'capacity') return { ...f, capacity: f.capacity * v };
        if (spec.target === 'utilisation') return { ...f, availability: Math.min(1, f.availability * v) };
        if (spec.target === 'cost') return { ...f, unit_cost: f.unit_cost * v };
        if (spec.target === 'start_probability') return v === 1 ? f : { ...f, status: 'closed' };
        return f.start_year === undefined || f.status === 'operating'
          ? f
          : { ...f, start_year: f.start_year + v };
      };
      facilities = facilities.map((f) => (keys.has(f.id) ? change(f) : f));
      if (spec.target === 'capacity' || spec.target === 'start_delay') {
        steps = steps.map((s) => {
          const v = keys.has(s.facility) ? valueFor(spec, s.facility) : undefined;
          if (v === undefined) return s;
          return spec.target === 'capacity' ? { ...s, capacity: s.capacity * v } : { ...s, year: s.year + v };
        });
      }
    } else if (POLICY_TARGETS.includes(spec.target)) {
      policies = policies.map((p) => (keys.has(p.id) ? withDraw(p, spec.target, valueFor(spec, p.id)!) : p));
    } else {
      demand = demand.map((r) => {
        const key = `${r.region}/${r.application}`;
        if (!keys.has(key)) return r;
        const v = valueFor(spec, key)!;
        if (spec.target === 'demand') return { ...r, amount: r.amount * v };
        const years = Math.max(0, r.year - Math.max(startYear, spec.from_year ?? startYear));
        return {
          ...r,
          amount: r.amount * (1 + v) ** years,
          cagr: r.cagr === undefined ? r.cagr : (1 + r.cagr) * (1 + v) - 1,
        };
      });
    }
  }
  return { ...d, facilities, capacity_steps: steps, demand, policies, substitutions, demand_curves: curves };
}
