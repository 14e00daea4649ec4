/**
 * Invariants over random valid networks, checked from the LP itself (matrix × solution), not from
 * the result rows the production check uses: every hub balances, no capacity is exceeded, demand
 * is served or short, and no flow is negative.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomDataset, START_YEAR } from '../../test/fixtures/random-dataset.js';
import { scenario } from '../../test/fixtures/tiny-dataset.js';
import { makePeriods } from '../time/periods.js';
import { prepareModel } from './prepare-model.js';
import { simulate } from './simulate.js';
import { type StepHooks, startRun, step } from './step.js';

describe('random networks', () => {
  it('balance every hub within 1e-6, respect every capacity and serve or short all demand', async () => {
    const yearly = scenario(START_YEAR, START_YEAR + 2, 'year');
    await fc.assert(
      fc.asyncProperty(randomDataset, async (d) => {
        const model = await prepareModel(d, yearly);
        const f = model.formulation;
        const { network } = f;
        // Row activities recomputed from the CSC matrix and the primal values, after each solve.
        let solved = 0;
        const lpHolds: StepHooks = {
          afterSolve: (_period, inputs, opening, s) => {
            solved++;
            const activity = new Float64Array(f.lp.numRows);
            for (let j = 0; j < f.lp.numCols; j++) {
              expect(s.colValue[j]!).toBeGreaterThanOrEqual(-1e-9);
              for (let k = f.lp.starts[j]!; k < f.lp.starts[j + 1]!; k++)
                activity[f.lp.indices[k]!]! += f.lp.values[k]! * s.colValue[j]!;
            }
            for (let i = 0; i < network.hubs.length; i++) {
              expect(Math.abs(activity[i]! + opening[i]!)).toBeLessThanOrEqual(1e-6);
            }
            for (const [i, c] of inputs.capacity.entries()) {
              expect(activity[f.layout.capacityRow + i]!).toBeLessThanOrEqual(c + 1e-6);
            }
            for (const [i, dem] of inputs.demand.entries()) {
              expect(Math.abs(activity[f.layout.demandRow + i]! - dem)).toBeLessThanOrEqual(1e-6);
            }
          },
        };
        try {
          const started = startRun(model, d, yearly);
          let carried = started.carried;
          for (const period of makePeriods(START_YEAR, START_YEAR + 2, 'year'))
            carried = step(started.run, period, carried, lpHolds).carried;
          expect(solved).toBe(3);
        } finally {
          model.solver.dispose();
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
