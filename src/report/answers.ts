/**
 * The answers an analyst reads first, per bloc and period: the share of its demand served free of
 * the taint set in the run, the potential share (without taking free supply from other regions),
 * the upper bound, and the first period the potential reaches all of its demand.
 */
import type { SelfSufficiencyRow } from './types.js';

export interface BlocAnswer {
  readonly bloc: string;
  /** One share per period (null where the run has no figure). */
  readonly served: readonly (number | null)[];
  readonly potential: readonly (number | null)[];
  readonly upper_bound: readonly (number | null)[];
  /** The first period the potential reaches 100%, if any. */
  readonly fully_served: string | null;
}

const REACHED = 1 - 1e-9;

export function blocAnswers(rows: readonly SelfSufficiencyRow[], periods: readonly string[]): BlocAnswer[] {
  const chain = rows.filter((r) => r.stage === 'chain');
  const ratio = new Map(chain.map((r) => [`${r.bloc}\u0000${r.measure}\u0000${r.period}`, r.ratio]));
  const series = (bloc: string, measure: string) =>
    periods.map((p) => ratio.get(`${bloc}\u0000${measure}\u0000${p}`) ?? null);
  return [...new Set(chain.map((r) => r.bloc))].map((bloc) => {
    const potential = series(bloc, 'potential');
    const first = potential.findIndex((x) => x !== null && x >= REACHED);
    return {
      bloc,
      served: series(bloc, 'served'),
      potential,
      upper_bound: series(bloc, 'upper_bound'),
      fully_served: first < 0 ? null : periods[first]!,
    };
  });
}
