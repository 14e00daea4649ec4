/**
 * Independent check of the in-use stocks from their rows: from one period to the next, each
 * region × application stock changes by exactly what entered and what reached end of life,
 * in_use(t) = in_use(t−1) + inflow(t) − eol(t), so nothing enters or leaves use unaccounted.
 */

import { type BalanceViolation, CheckError } from './check-balance.js';
import type { InUseRow } from './types.js';

/** Violations of the stock identity between two consecutive periods' rows, each within `relTol` of the stock. */
export function stockViolations(
  previous: readonly InUseRow[],
  current: readonly InUseRow[],
  relTol = 1e-9,
): BalanceViolation[] {
  const before = new Map(previous.map((r) => [`${r.region}|${r.application}`, r.in_use]));
  const out: BalanceViolation[] = [];
  for (const r of current) {
    const prior = before.get(`${r.region}|${r.application}`);
    if (prior === undefined) {
      out.push({
        what: `in-use stock ${r.region} ${r.application} (no row the period before)`,
        excess: r.in_use,
      });
      continue;
    }
    const gap = r.in_use - (prior + r.inflow - r.eol);
    if (Math.abs(gap) > relTol * Math.max(1, Math.abs(r.in_use), Math.abs(prior)))
      out.push({ what: `in-use stock ${r.region} ${r.application}`, excess: gap });
  }
  return out;
}

export function assertStocksClose(
  period: string,
  previous: readonly InUseRow[],
  current: readonly InUseRow[],
): void {
  const v = stockViolations(previous, current);
  if (v.length > 0) throw new CheckError('in-use stocks do not close', period, v);
}
