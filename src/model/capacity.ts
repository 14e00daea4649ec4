/**
 * A facility's capacity over time, from its status, start and end years, ramp-up and capacity
 * steps. Rates are per year, in units of activity; a period's capacity is the rate at its midpoint
 * times its length and the facility's availability.
 */
import type { LoadedFacility } from '../dataset/types.js';
import type { CapacityStep } from '../schema/facility.js';
import { midpoint, type Period } from '../time/periods.js';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Capacity rate (per year) at time t (fractional years). */
export function capacityRate(f: LoadedFacility, steps: readonly CapacityStep[], t: number): number {
  if (f.status === 'idle' || f.status === 'closed') return 0;
  if (f.start_year !== undefined && t < f.start_year) return 0;
  if (f.end_year !== undefined && t >= f.end_year + 1) return 0;
  let level = f.capacity;
  for (const s of steps) {
    if (t < s.year) break;
    const progress = s.ramp_years > 0 ? clamp01((t - s.year) / s.ramp_years) : 1;
    level += (s.capacity - level) * progress;
  }
  const ramp =
    f.start_year !== undefined && f.ramp_years > 0 ? clamp01((t - f.start_year) / f.ramp_years) : 1;
  return level * ramp;
}

/** Capacity available in a period, in units of activity. */
export function periodCapacity(f: LoadedFacility, steps: readonly CapacityStep[], p: Period): number {
  return capacityRate(f, steps, midpoint(p)) * f.availability * p.length;
}
