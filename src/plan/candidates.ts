/**
 * The dataset the planner optimises: each candidate build it may choose stands in the network as a
 * facility of zero capacity (its capacity comes from the build columns), and the policies whose
 * effect in a period depends on what earlier periods did are left out (they cannot be stacked yet).
 */
import type { Dataset, LoadedCandidate, LoadedFacility } from '../dataset/types.js';
import type { Policy } from '../schema/policy.js';

/** Prefix of the facility a candidate stands for (in the plan's network and in plan.yaml). */
export const BUILD_PREFIX = 'build-';

/** Policy types the plan LP leaves out, and why. */
export const UNSTACKED_POLICIES: Readonly<Record<string, string>> = {
  stockpile:
    'its release and refill in a period depend on the stock levels earlier periods left (state carried between solves)',
  export_control:
    'its caps are shares of each period’s flows without it (a reference solve per period), which one LP over the horizon does not have',
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
  /** The policies left out, with the reason. */
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
    const reason = UNSTACKED_POLICIES[policy.type];
    return reason ? [{ policy, reason }] : [];
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
