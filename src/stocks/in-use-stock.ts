/**
 * An in-use stock built from cohorts, as inflow-driven dynamic MFA models do (ODYM, flodym). A
 * cohort enters at the start of its period; at the start of period t (time T, length L) the stock is
 * S(t) = Σ_c I(c)·sf(T − τ_c) and the outflow during the period before it is
 * O(t) = Σ_c I(c)·[sf(T − L − τ_c) − sf(T − τ_c)], so S(t) = S(t−1) + I(t) − O(t) on any grid of
 * contiguous periods, yearly or quarterly, and a history of yearly cohorts before them.
 */
export interface Cohort {
  /** Entry time, fractional years. */
  readonly time: number;
  readonly inflow: number;
}

export class InUseStock {
  private readonly cohorts: Cohort[] = [];

  constructor(
    private readonly sf: (age: number) => number,
    history: readonly Cohort[] = [],
  ) {
    for (const c of history) this.cohorts.push(c);
  }

  /** Stock in use at time T, counting cohorts that entered at or before T. */
  stockAt(time: number): number {
    let s = 0;
    for (const c of this.cohorts) if (c.time <= time) s += c.inflow * this.sf(time - c.time);
    return s;
  }

  /** Outflow over [time − length, time) of the cohorts present: what reaches end of life. */
  outflow(time: number, length: number): number {
    let o = 0;
    for (const c of this.cohorts)
      if (c.time < time) o += c.inflow * (this.sf(time - length - c.time) - this.sf(time - c.time));
    return o;
  }

  /** Adds a cohort entering at `time`. */
  add(time: number, inflow: number): void {
    if (inflow !== 0) this.cohorts.push({ time, inflow });
  }
}
