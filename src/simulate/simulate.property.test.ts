/**
 * Invariants over random valid networks, checked from the LP itself (matrix × solution), not from
 * the result rows the production check uses: every hub balances, no capacity is exceeded, demand
 * is served or short, and no flow is negative.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomDataset, START_YEAR } from '../../test/fixtures/random-dataset.js';
import { scenario } from '../../test/fixtures/tiny-dataset.js';
import { formulate, periodInputs } from '../lp/formulate.js';
import { PersistentLp } from '../lp/highs-solver.js';
import { buildNetwork } from '../model/network.js';
import { makePeriods } from '../model/periods.js';
import { taintOf } from '../model/taint.js';
import { simulate } from './simulate.js';

describe('random networks', () => {
  it('balance every hub within 1e-6, respect every capacity and serve or short all demand', async () => {
    await fc.assert(
      fc.asyncProperty(randomDataset, async (d) => {
        const network = buildNetwork(d, taintOf(d, scenario()));
        const f = formulate(network);
        const lp = await PersistentLp.create(f.lp);
        try {
          let carried = new Float64Array(network.hubs.length);
          for (const inv of d.inventory)
            carried[network.hubIndex(inv.region, inv.material, inv.tag)!]! += inv.amount;
          for (const period of makePeriods(START_YEAR, START_YEAR + 2, 'year')) {
            const inputs = periodInputs(f, period, carried);
            lp.setRowBounds(inputs.rowLower, inputs.rowUpper);
            lp.setCosts(inputs.colCost);
            lp.setCoefficients(f.layout.rationing, inputs.coefficients);
            const s = lp.solve(period.label);
            // Row activities recomputed from the CSC matrix and the primal values.
            const activity = new Float64Array(f.lp.numRows);
            for (let j = 0; j < f.lp.numCols; j++) {
              expect(s.colValue[j]!).toBeGreaterThanOrEqual(-1e-9);
              for (let k = f.lp.starts[j]!; k < f.lp.starts[j + 1]!; k++)
                activity[f.lp.indices[k]!]! += f.lp.values[k]! * s.colValue[j]!;
            }
            for (let i = 0; i < network.hubs.length; i++) {
              expect(Math.abs(activity[i]! + carried[i]!)).toBeLessThanOrEqual(1e-6);
            }
            for (const [i, c] of inputs.capacity.entries()) {
              expect(activity[f.layout.capacityRow + i]!).toBeLessThanOrEqual(c + 1e-6);
            }
            for (const [i, dem] of inputs.demand.entries()) {
              expect(Math.abs(activity[f.layout.demandRow + i]! - dem)).toBeLessThanOrEqual(1e-6);
            }
            carried = Float64Array.from(
              s.colValue.subarray(f.layout.hold, f.layout.hold + network.hubs.length),
              (v) => Math.max(0, v),
            );
          }
        } finally {
          lp.dispose();
        }
      }),
      { numRuns: 60, seed: 20251126 },
    );
  });

  it('pass the production mass-balance check in simulate', async () => {
    const quarterly = scenario(START_YEAR, START_YEAR + 2, 'quarter');
    await fc.assert(
      fc.asyncProperty(randomDataset, async (d) => {
        const run = await simulate(d, quarterly);
        expect(run.periods).toHaveLength(12);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
