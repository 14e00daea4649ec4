/**
 * The planner's promise on the default data: the US served 50% FEOC-free from 2030, planned, then
 * re-run period by period through plan.yaml, is served at least that share in every year to 2050 —
 * including the 2040s, when the whole world is short of magnets and the run must ration (plan.yaml's
 * requirement has first call on free supply).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../src/jobs/pipeline.js';
import type { RunResult } from '../src/results/types.js';
import { readRunInputs } from '../src/scenario/disk.js';
import { prepareInputs } from '../src/scenario/prepare-run.js';
import { simulate } from '../src/simulate/simulate.js';

let rerun: RunResult;
beforeAll(async () => {
  const inputs = readRunInputs(join(import.meta.dirname, '..', 'scenarios', 'baseline.yaml'));
  const job = await runJob({ kind: 'plan', inputs, bloc: 'US', target: 0.5, by: 2030 });
  const text = String(job.files().find((f) => f.name === 'plan.yaml')!.content);
  const { loaded, dataset } = prepareInputs({
    ...inputs,
    chain: [{ file: 'plan.yaml', text }, ...inputs.chain],
  });
  rerun = await simulate(dataset, loaded.scenario);
}, 300_000);

describe('a plan re-run on the default data', () => {
  it('serves the US at least 50% FEOC-free in every year from 2030', () => {
    const years = rerun.periods.filter((p) => p.period.year >= 2030);
    expect(years.map((p) => p.period.year)).toEqual(Array.from({ length: 21 }, (_, i) => 2030 + i));
    for (const p of years) {
      const us = p.demand.filter((d) => d.region === 'US');
      const demand = us.reduce((s, d) => s + d.demand, 0);
      const free = us.reduce((s, d) => s + d.served_free, 0);
      // Served free per demand node at the share, or the rows' tolerance.
      expect(free / demand, p.period.label).toBeGreaterThanOrEqual(0.5 - 1e-6);
      expect(p.policies.filter((m) => m.metric === 'first-call shortfall').every((m) => m.value < 1e-6)).toBe(
        true,
      );
    }
  });
});
