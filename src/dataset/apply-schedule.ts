/**
 * Applies a scenario's schedule changes: delayed starts (and capacity steps, of every supply path),
 * cancelled facilities, the supply path each group runs, and demand response (on, off or scaled).
 */
import type { Cancel, Delay, FacilitySelector, SubstitutionChoice } from '../schema/scenario.js';
import { applyDemandResponse, type DemandResponse } from './demand-response.js';
import { InputError } from './problems.js';
import { type ChoiceSource, selectSupplyPaths } from './supply-paths.js';
import type { Dataset, LoadedFacility } from './types.js';

export interface Schedule {
  readonly delays?: readonly Delay[];
  readonly cancel?: readonly Cancel[];
  /** Path per supply-path group (default central). */
  readonly supply_paths?: Readonly<Record<string, string>>;
  /** Where each group's path was chosen, for messages. */
  readonly supply_paths_at?: Readonly<Record<string, ChoiceSource>>;
  /** Substitutions switched off. */
  readonly substitutions?: SubstitutionChoice | undefined;
  /** Demand curves on or off, and a scale of their elasticities (default: on, as the data say). */
  readonly demand_response?: DemandResponse;
}

export function applySchedule(d: Dataset, schedule: Schedule): Dataset {
  const paths = selectSupplyPaths(
    shiftAndCancel(d, schedule),
    schedule.supply_paths,
    schedule.supply_paths_at,
  );
  const curves = applyDemandResponse(paths.demand_curves, schedule.demand_response);
  const withCurves = curves === paths.demand_curves ? paths : { ...paths, demand_curves: curves };
  return switchOff(withCurves, schedule.substitutions);
}

/** The dataset without the substitutions a scenario switches off (an unknown id is an input error). */
function switchOff(d: Dataset, choice: SubstitutionChoice | undefined): Dataset {
  if (!choice) return d;
  if (choice.off === 'all') return { ...d, substitutions: [] };
  const known = new Set(d.substitutions.map((s) => s.id));
  const unknown = choice.off.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new InputError(
      unknown.map((id) => ({
        severity: 'error' as const,
        file: choice.file ?? 'scenario',
        line: choice.line,
        field: 'substitutions.disable',
        message: `no substitution "${id}" in the dataset; expected one of ${[...known].join(', ') || '(none)'}`,
      })),
    );
  const off = new Set(choice.off);
  return { ...d, substitutions: d.substitutions.filter((s) => !off.has(s.id)) };
}

function shiftAndCancel(d: Dataset, { delays = [], cancel = [] }: Schedule): Dataset {
  if (delays.length === 0 && cancel.length === 0) return d;
  const stage = new Map(d.processes.map((p) => [p.id, p.stage]));
  const selects = (s: FacilitySelector, f: LoadedFacility) => {
    if (s.exclude_regions.includes(f.region)) return false;
    if (s.facilities.includes(f.id)) return true;
    const hasFilter = s.statuses.length + s.regions.length + s.stages.length > 0;
    return (
      hasFilter &&
      (s.statuses.length === 0 || s.statuses.includes(f.status)) &&
      (s.regions.length === 0 || s.regions.includes(f.region)) &&
      (s.stages.length === 0 || s.stages.includes(stage.get(f.process)!))
    );
  };
  const shift = new Map<string, number>();
  for (const delay of delays) {
    for (const f of d.facilities)
      if (selects(delay, f)) shift.set(f.id, (shift.get(f.id) ?? 0) + delay.years);
  }
  const shifted = <S extends { facility: string; year: number }>(s: S): S =>
    shift.has(s.facility) ? { ...s, year: s.year + shift.get(s.facility)! } : s;
  const cancelled = new Set(d.facilities.filter((f) => cancel.some((c) => selects(c, f))).map((f) => f.id));
  return {
    ...d,
    facilities: d.facilities.map((f) => {
      if (cancelled.has(f.id)) return { ...f, status: 'closed' };
      // An operating plant keeps its start; its expansions (capacity steps) slip.
      const years = shift.get(f.id);
      return years !== undefined && f.start_year !== undefined && f.status !== 'operating'
        ? { ...f, start_year: f.start_year + years }
        : f;
    }),
    capacity_steps: d.capacity_steps.map(shifted),
    path_steps: d.path_steps?.map(shifted),
  };
}
