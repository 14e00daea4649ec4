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

/**
 * Cohorts that entered before a run, with their sums remembered: the same history serves every
 * run of a dataset (and a Monte Carlo draw's bloc re-solves), and dominates the sums.
 */
export class CohortHistory {
  private readonly outflows = new Map<number, Map<number, number>>();
  private readonly stocks = new Map<number, number>();

  constructor(
    readonly sf: (age: number) => number,
    readonly cohorts: readonly Cohort[],
  ) {}

  stockAt(time: number): number {
    let s = this.stocks.get(time);
    if (s === undefined) {
      s = 0;
      for (const c of this.cohorts) if (c.time <= time) s += c.inflow * this.sf(time - c.time);
      this.stocks.set(time, s);
    }
    return s;
  }

  outflow(time: number, length: number): number {
    let byLength = this.outflows.get(time);
    if (!byLength) {
      byLength = new Map();
      this.outflows.set(time, byLength);
    }
    let o = byLength.get(length);
    if (o === undefined) {
      o = 0;
      for (const c of this.cohorts)
        if (c.time < time) o += c.inflow * (this.sf(time - length - c.time) - this.sf(time - c.time));
      byLength.set(length, o);
    }
    return o;
  }
}

export class InUseStock {
  private readonly history: CohortHistory;
  /** Cohorts added during the run, after the history. */
  private readonly cohorts: Cohort[] = [];

  constructor(
    private readonly sf: (age: number) => number,
    history: readonly Cohort[] | CohortHistory = [],
  ) {
    this.history = history instanceof CohortHistory ? history : new CohortHistory(sf, history);
  }

  /** Stock in use at time T, counting cohorts that entered at or before T. */
  stockAt(time: number): number {
    // Continues the history's sum, so the result is the same as one sum over all cohorts in order.
    let s = this.history.stockAt(time);
    for (const c of this.cohorts) if (c.time <= time) s += c.inflow * this.sf(time - c.time);
    return s;
  }

  /** Outflow over [time − length, time) of the cohorts present: what reaches end of life. */
  outflow(time: number, length: number): number {
    let o = this.history.outflow(time, length);
    for (const c of this.cohorts)
      if (c.time < time) o += c.inflow * (this.sf(time - length - c.time) - this.sf(time - c.time));
    return o;
  }

  /** Adds a cohort entering at `time`. */
  add(time: number, inflow: number): void {
    if (inflow !== 0) this.cohorts.push({ time, inflow });
  }
}
