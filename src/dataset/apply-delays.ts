/** Shifts the start and capacity steps of the facilities a scenario's delays select. */
import type { Delay } from '../schema/scenario.js';
import type { Dataset } from './types.js';

export function applyDelays(d: Dataset, delays: readonly Delay[]): Dataset {
  if (delays.length === 0) return d;
  const stage = new Map(d.processes.map((p) => [p.id, p.stage]));
  const shift = new Map<string, number>();
  for (const delay of delays) {
    const hasFilter = delay.statuses.length + delay.regions.length + delay.stages.length > 0;
    for (const f of d.facilities) {
      const named = delay.facilities.includes(f.id);
      const selected =
        hasFilter &&
        (delay.statuses.length === 0 || delay.statuses.includes(f.status)) &&
        (delay.regions.length === 0 || delay.regions.includes(f.region)) &&
        (delay.stages.length === 0 || delay.stages.includes(stage.get(f.process)!));
      if ((named || selected) && !delay.exclude_regions.includes(f.region))
        shift.set(f.id, (shift.get(f.id) ?? 0) + delay.years);
    }
  }
  return {
    ...d,
    // An operating plant keeps its start; its expansions (capacity steps) slip.
    facilities: d.facilities.map((f) =>
      shift.has(f.id) && f.start_year !== undefined && f.status !== 'operating'
        ? { ...f, start_year: f.start_year + shift.get(f.id)! }
        : f,
    ),
    capacity_steps: d.capacity_steps.map((s) =>
      shift.has(s.facility) ? { ...s, year: s.year + shift.get(s.facility)! } : s,
    ),
  };
}
