import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readRunInputs } from '../scenario/disk.js';
import { JobCancelled, type JobEvent } from './job.js';
import { runJob } from './pipeline.js';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'scenarios');
// Three yearly periods (2025–2027) on the mini dataset, with uncertain delays, capacities and demand.
const MINI = readRunInputs(join(SCENARIOS, 'mini-uncertain.yaml'));

const RUN_TABLES = [
  'production.csv',
  'trade.csv',
  'demand.csv',
  'prices.csv',
  'inventory.csv',
  'stocks.csv',
  'policies.csv',
  'substitution.csv',
  'capacity.csv',
  'undersupply.csv',
  'price_benchmarks.csv', // the dataset's published price ranges, for the report
];
const ANALYSIS_TABLES = [
  'trace.csv',
  'concentration.csv',
  'import_reliance.csv',
  'benchmarks.csv',
  'self_sufficiency.csv',
  'bottlenecks.csv',
  'recycled_share.csv',
];
const MC_FILES = [
  'mc_summary.csv',
  'mc_self_sufficiency.csv',
  'mc_sensitivity.csv',
  'mc_draws.jsonl.gz',
  'mc.json',
];

/** An event as a short line: its kind and where the whole job stands. */
const line = (e: JobEvent) => `${e.type} ${e.done}/${e.total} ${e.label}`;
const text = (content: string | Uint8Array) =>
  typeof content === 'string' ? content : gunzipSync(content).toString('utf8');

describe('the job pipeline', () => {
  it('runs a scenario: an event per period, then the analysis, and the run folder’s files', async () => {
    const events: JobEvent[] = [];
    const job = await runJob({ kind: 'run', inputs: MINI }, { onEvent: (e) => events.push(e) });
    expect(events.map(line)).toEqual([
      'period 1/4 2025',
      'period 2/4 2026',
      'period 3/4 2027',
      'analysis 3/4 analysis',
    ]);
    expect(events[0]).toMatchObject({ type: 'period', index: 0, periods: 3 });
    expect(job.files().map((f) => f.name)).toEqual([
      ...RUN_TABLES,
      ...ANALYSIS_TABLES,
      'key_outputs.csv',
      'run.json',
    ]);
    expect(job.partial).toBe(false);
    expect(job.run.periods.map((p) => p.period.label)).toEqual(['2025', '2026', '2027']);
    expect(job.analysis?.trace.length).toBeGreaterThan(0);
  });

  it('skips the analysis when asked (--no-analysis): no analysis event, no analysis tables', async () => {
    const events: JobEvent[] = [];
    const job = await runJob(
      { kind: 'run', inputs: MINI, analysis: false },
      { onEvent: (e) => events.push(e) },
    );
    expect(events.map(line)).toEqual(['period 1/3 2025', 'period 2/3 2026', 'period 3/3 2027']);
    expect(job.files().map((f) => f.name)).toEqual([...RUN_TABLES, 'key_outputs.csv', 'run.json']);
    expect(job.analysis).toBeUndefined();
  });

  it('stops a run at the next period once its signal is aborted, with JobCancelled', async () => {
    const controller = new AbortController();
    const events: JobEvent[] = [];
    const job = runJob(
      { kind: 'run', inputs: MINI },
      {
        signal: controller.signal,
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'period' && e.index === 0) controller.abort();
        },
      },
    );
    await expect(job).rejects.toBeInstanceOf(JobCancelled);
    expect(events.map(line)).toEqual(['period 1/4 2025']);
  });

  it('runs Monte Carlo draws: one event per batch, saved draws not run again, the draws’ files', async () => {
    const spec = { kind: 'mc', inputs: MINI, draws: 3, seed: 5, workers: 0, blocs: [] } as const;
    const events: JobEvent[] = [];
    const whole = await runJob(spec, { onEvent: (e) => events.push(e) });
    // On this thread three draws are one batch.
    expect(events.map(line)).toEqual(['draws 3/3 draw 3 of 3']);
    expect(events[0]).toMatchObject({ finished: 3, requested: 3 });
    expect(events[0]?.type === 'draws' && events[0].batch.map((d) => d.draw)).toEqual([0, 1, 2]);
    expect(whole.files().map((f) => f.name)).toEqual(MC_FILES);
    expect(whole.mc.manifest).toMatchObject({ seed: 5, workers: 0, draws_finished: 3, partial: false });
    expect(whole.scenario).toBeUndefined();

    // Resumed with the first draw already finished: only the two others run, to the same draws.
    const resumed = await runJob({ ...spec, finished: whole.mc.result.draws.slice(0, 1) });
    expect(resumed.mc.result.draws).toEqual(whole.mc.result.draws);
    const draws = (j: typeof whole) => text(j.files().find((f) => f.name === 'mc_draws.jsonl.gz')!.content);
    expect(draws(resumed)).toBe(draws(whole));
  });

  it('runs the workbench’s Monte Carlo: the scenario’s run first, its files, then the draws’', async () => {
    const events: JobEvent[] = [];
    const job = await runJob(
      { kind: 'mc', inputs: MINI, draws: 2, seed: 5, workers: 0, blocs: [], withRun: true },
      { onEvent: (e) => events.push(e) },
    );
    expect(events.map(line)).toEqual([
      'period 1/6 2025',
      'period 2/6 2026',
      'period 3/6 2027',
      'analysis 3/6 analysis',
      'draws 6/6 draw 2 of 2',
    ]);
    expect(job.files().map((f) => f.name)).toEqual([
      ...RUN_TABLES,
      ...ANALYSIS_TABLES,
      'key_outputs.csv',
      'run.json',
      ...MC_FILES,
    ]);
    expect(job.scenario?.run.periods).toHaveLength(3);
  });

  it('stops Monte Carlo draws at the next batch once aborted, keeping the finished ones (partial)', async () => {
    const controller = new AbortController();
    const events: JobEvent[] = [];
    // Twelve draws on this thread are batches of 8 and 4: the abort after the first keeps 8.
    const job = await runJob(
      { kind: 'mc', inputs: MINI, draws: 12, seed: 5, workers: 0, blocs: [] },
      {
        signal: controller.signal,
        onEvent: (e) => {
          events.push(e);
          controller.abort();
        },
      },
    );
    expect(events.map(line)).toEqual(['draws 8/12 draw 8 of 12']);
    expect(job.partial).toBe(true);
    expect(job.mc.result.draws.map((d) => d.draw)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const manifest = JSON.parse(text(job.files().find((f) => f.name === 'mc.json')!.content)) as object;
    expect(manifest).toMatchObject({ draws_requested: 12, draws_finished: 8, partial: true });
  });

  it('stops the workbench’s Monte Carlo during its run with JobCancelled, before any draw', async () => {
    const controller = new AbortController();
    const events: string[] = [];
    const job = runJob(
      { kind: 'mc', inputs: MINI, draws: 2, seed: 5, workers: 0, blocs: [], withRun: true },
      {
        signal: controller.signal,
        onEvent: (e) => {
          events.push(line(e));
          if (e.type === 'analysis') controller.abort();
        },
      },
    );
    await expect(job).rejects.toBeInstanceOf(JobCancelled);
    expect(events.at(-1)).toBe('analysis 3/6 analysis');
  });
});
