import { describe, expect, it } from 'vitest';
import { MINI_PLAN_YAML, miniPlanDataset } from '../../test/fixtures/plan-dataset.js';
import { PlanInfeasible } from '../plan/plan.js';
import type { RunInputs } from '../scenario/inputs.js';
import { prepareInputs } from '../scenario/prepare-run.js';
import { JobCancelled, type JobEvent } from './job.js';
import { runJob } from './pipeline.js';
import { planOptionProblem } from './plan-job.js';

const inputs: RunInputs = {
  chain: [{ file: 'scenarios/mini-plan', text: MINI_PLAN_YAML }],
  dataset: miniPlanDataset(),
};
const spec = { kind: 'plan', inputs, bloc: 'US', target: 1, by: 2028 } as const;

describe('the plan job', () => {
  it('reports preparing and each solve, and returns the plan folder’s files', async () => {
    const events: JobEvent[] = [];
    const job = await runJob(spec, { onEvent: (e) => events.push(e) });
    const labels = events.map((e) => e.label);
    expect(labels[0]).toBe('preparing');
    expect(labels).toContain("preparing: the scenario's run, period 6 of 6");
    expect(labels.slice(-2)).toEqual(['solving 1 of 2', 'solving 2 of 2']);
    expect(events.at(-1)).toMatchObject({ type: 'plan', stage: 'solving', done: 2, total: 3 });
    expect(job.files().map((f) => f.name)).toEqual(['plan.csv', 'plan_summary.csv', 'plan.yaml']);
    expect(job.plan!.builds.some((b) => b.candidate.id === 'us-magnet-new')).toBe(true);
    const yaml = String(job.files().find((f) => f.name === 'plan.yaml')!.content);
    expect(yaml).toContain('extends: mini-plan\n');
  });

  it('sweeps point by point, 13 solves on a horizon to 2030 (two years × six targets, and none)', async () => {
    const events: JobEvent[] = [];
    const job = await runJob({ ...spec, sweep: true }, { onEvent: (e) => events.push(e) });
    const sweep = events.filter((e) => e.type === 'plan' && e.stage === 'sweep');
    expect(sweep.map((e) => e.label)).toEqual(Array.from({ length: 13 }, (_, i) => `sweep ${i + 1} of 13`));
    expect(sweep.at(-1)).toMatchObject({ done: 13, total: 14 });
    expect(job.sweep).toHaveLength(12);
    expect(job.files().map((f) => f.name)).toEqual(['plan_sweep.csv']);
  });

  it('stops between solves once its signal is aborted', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = runJob(
      { ...spec, sweep: true },
      {
        signal: controller.signal,
        onEvent: (e) => {
          seen.push(e.label);
          if (e.label === 'sweep 3 of 13') controller.abort();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(JobCancelled);
    expect(seen.at(-1)).toBe('sweep 3 of 13');
  });

  it('fails with the planner’s reason when the target is out of reach', async () => {
    const run = runJob({ ...spec, by: 2025 });
    await expect(run).rejects.toBeInstanceOf(PlanInfeasible);
    await expect(run).rejects.toThrow(/the target cannot be met: US served 100% free from 2025/);
  });

  it('names the option that does not fit the scenario or the dataset', () => {
    const prepared = prepareInputs(inputs);
    expect(planOptionProblem({ ...spec, bloc: 'Mars' }, prepared)).toEqual({
      field: 'bloc',
      message: 'unknown bloc "Mars"; expected some of US',
    });
    expect(planOptionProblem({ ...spec, by: 2031 }, prepared)).toEqual({
      field: 'by',
      message: 'expected a year of the horizon (2025–2030)',
    });
    expect(planOptionProblem(spec, prepared)).toBeUndefined();
  });
});
