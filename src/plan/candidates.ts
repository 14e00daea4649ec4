/**
 * The dataset the planner optimises: each candidate build it may choose stands in the network as a
 * facility of zero capacity (its capacity comes from the build columns), and the policies whose
 * effect in a period depends on what earlier periods did are left out (they cannot be stacked yet);
 * export controls stay, with their caps as the scenario's run set them.
 */
import type { Dataset, LoadedCandidate, LoadedFacility } from '../dataset/types.js';
import type { Policy } from '../schema/policy.js';

/** Prefix of the facility a candidate stands for (in the plan's network and in plan.yaml). */
export const BUILD_PREFIX = 'build-';

/** Policy types the plan LP leaves out, and why. */
export const UNSTACKED_POLICIES: Readonly<Record<string, string>> = {
  stockpile:
    'its release and refill in a period depend on the stock levels earlier periods left (state carried between solves)',
};

/**
 * Policy types in the plan LP with bounds fixed at the scenario's run, and how: an export control
 * caps flows at a share of each period's flows without it, which the plan takes from the run.
 */
export const FIXED_POLICIES: Readonly<Record<string, string>> = {
  export_control:
    'its caps are shares of the flows of the scenario’s run without it, fixed in the plan (they do not follow the plan’s own flows)',
};

/**
 * The candidates offered: every greenfield option, and each announced project whose facility the
 * scenario cancels (status closed after the schedule); a project already running in the scenario is
 * in the supply, not a choice.
 */
export function offeredCandidates(d: Dataset): LoadedCandidate[] {
  const status = new Map(d.facilities.map((f) => [f.id, f.status]));
  return d.candidates.filter((c) => c.kind === 'greenfield' || status.get(c.facility ?? '') === 'closed');
}

export interface PlanDataset {
  /** The dataset with a facility per candidate and the stackable policies only. */
  readonly dataset: Dataset;
  readonly candidates: readonly LoadedCandidate[];
  /** The policies left out, or in with fixed bounds, with the reason. */
  readonly skipped: readonly { readonly policy: Policy; readonly reason: string }[];
}

export function planDataset(d: Dataset): PlanDataset {
  const candidates = offeredCandidates(d);
  const unit = new Map(d.processes.map((p) => [p.id, p.reference]));
  const materialUnit = new Map(d.materials.map((m) => [m.id, m.unit]));
  const facilities: LoadedFacility[] = candidates.map((c) => ({
    id: `${BUILD_PREFIX}${c.id}`,
    name: c.name,
    owner: 'planned build',
    region: c.region,
    process: c.process,
    status: 'planned',
    capacity: 0,
    capacity_unit: materialUnit.get(unit.get(c.process) ?? '') ?? c.size_unit,
    ramp_years: 0,
    availability: 1,
    min_utilization: 0,
    unit_cost: c.variable_cost,
    cost_unit: 'USD/kg',
    aggregate: false,
    source_ids: c.source_ids,
    confidence: c.confidence,
  }));
  const skipped = d.policies.flatMap((policy) => {
    const left = UNSTACKED_POLICIES[policy.type];
    const fixed = FIXED_POLICIES[policy.type];
    if (left) return [{ policy, reason: `left out: ${left}` }];
    return fixed ? [{ policy, reason: `in, with ${fixed}` }] : [];
  });
  return {
    dataset: {
      ...d,
      facilities: [...d.facilities, ...facilities],
      policies: d.policies.filter((p) => !UNSTACKED_POLICIES[p.type]),
    },
    candidates,
    skipped,
  };
}
