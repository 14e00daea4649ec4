import { getEventListeners } from 'node:events';
import { join } from 'node:path';
import nodeProcess from 'node:process';
import { describe, expect, it } from 'vitest';
import {
  dataset,
  demand,
  ev,
  facility,
  material,
  process,
  testProvenance as prov,
  scenario,
} from '../../test/fixtures/tiny-dataset.js';
import { monteCarloFiles } from '../results/write-monte-carlo.js';
import { readRunInputs } from '../scenario/disk.js';
import { prepareInputs, prepareRun } from '../scenario/prepare-run.js';
import { disposeDraws, prepareDraws, runDraw } from './draw.js';
import { type BatchExecutor, runMonteCarlo } from './monte-carlo.js';
import { monteCarloOutput } from './output.js';
import { applyInputs, sampleInputs } from './sample.js';
import { selfSufficiencyProbability, spearman, summarise } from './summarise.js';
import runBatch from './worker.js';

const MINI = readRunInputs(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'scenarios', 'mini-uncertain.yaml'),
);

describe('Monte Carlo', () => {
  it('gives identical results in this thread and on two workers, whatever the batch order', async () => {
    const options = { inputs: MINI, draws: 6, seed: 11, blocs: ['US'] };
    const inline = await runMonteCarlo({ ...options, workers: 0 });
    const pooled = await runMonteCarlo({ ...options, workers: 2, batchSize: 1 });
    expect(pooled.draws).toEqual(inline.draws);
    expect(inline.draws.map((d) => d.draw)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(inline.partial).toBe(false);
    // Different draws sample different inputs.
    expect(new Set(inline.draws.map((d) => d.values['us-capacity'])).size).toBe(6);
  });

  it('gives identical LHS and Sobol draws in this thread and on two workers, and differs from random', async () => {
    const options = { inputs: MINI, draws: 6, seed: 11, blocs: [] };
    const random = await runMonteCarlo({ ...options, workers: 0 });
    for (const sampling of [{ method: 'lhs', block: 6 }, { method: 'sobol' }] as const) {
      const inline = await runMonteCarlo({ ...options, sampling, workers: 0 });
      const pooled = await runMonteCarlo({ ...options, sampling, workers: 2, batchSize: 1 });
      expect(pooled.draws).toEqual(inline.draws);
      expect(inline.draws.map((d) => d.values)).not.toEqual(random.draws.map((d) => d.values));
    }
  });

  it('runs its batches through a given executor, in its batch size, to the same draws', async () => {
    const options = { inputs: MINI, draws: 5, seed: 11, blocs: ['US'], workers: 0 };
    const inline = await runMonteCarlo(options);
    const sizes: number[] = [];
    // Runs the batches last first, as workers on other machines might finish them.
    const backwards: BatchExecutor = {
      batchSize: 2,
      async execute(batches, collect) {
        for (const b of [...batches].reverse()) {
          sizes.push(b.draws.length);
          collect(await runBatch(b));
        }
      },
    };
    const run = await runMonteCarlo({ ...options, executor: backwards });
    expect(sizes).toEqual([1, 2, 2]);
    expect(run.draws).toEqual(inline.draws);
    expect(run.partial).toBe(false);
  });

  it('stops when cancelled and keeps the finished draws, marked partial', async () => {
    const controller = new AbortController();
    const run = await runMonteCarlo({
      inputs: MINI,
      draws: 6,
      seed: 1,
      workers: 0,
      blocs: ['US'],
      signal: controller.signal,
      batchSize: 1,
      onProgress: (done) => done === 2 && controller.abort(),
    });
    expect(run.partial).toBe(true);
    expect(run.draws.map((d) => d.draw)).toEqual([0, 1]);
  });

  it('runs only the missing draws when given those an interrupted run finished, to the same files', async () => {
    const options = { inputs: MINI, draws: 7, seed: 5, blocs: ['US'], workers: 0 };
    const whole = await runMonteCarlo(options);
    const ran: number[] = [];
    const resumed = await runMonteCarlo({
      ...options,
      workers: 2,
      batchSize: 2,
      // As read back from disk: in the order batches finished, through JSON.
      finished: JSON.parse(JSON.stringify([whole.draws[4], whole.draws[0], whole.draws[5]])),
      onBatch: (d) => ran.push(...d.map((x) => x.draw)),
    });
    expect(ran.sort()).toEqual([1, 2, 3, 6]);
    expect(resumed.partial).toBe(false);
    const { loaded, dataset: d } = prepareInputs(MINI);
    const files = (r: typeof whole) =>
      monteCarloFiles(monteCarloOutput({ ...r, seconds: 0 }, loaded, d, { seed: 5, workers: 1 }));
    expect(files(resumed)).toEqual(files(whole));
  });

  it('gives the abort signal one listener however many batches, and stops the pool when it fires', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    nodeProcess.on('warning', onWarning);
    const controller = new AbortController();
    const listeners: number[] = [];
    try {
      const run = await runMonteCarlo({
        inputs: MINI,
        draws: 20,
        seed: 1,
        workers: 2,
        blocs: [],
        batchSize: 1,
        signal: controller.signal,
        onProgress: (done) => {
          // A batch may still finish after the abort, when the listener is gone already.
          if (!controller.signal.aborted)
            listeners.push(getEventListeners(controller.signal, 'abort').length);
          if (done === 12) controller.abort();
        },
      });
      expect(run.partial).toBe(true);
      // The batch still running on the other worker may have finished first.
      expect(run.draws.length).toBeGreaterThanOrEqual(12);
      expect(run.draws.length).toBeLessThanOrEqual(13);
      const order = run.draws.map((d) => d.draw);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    } finally {
      nodeProcess.off('warning', onWarning);
    }
    expect(new Set(listeners)).toEqual(new Set([1]));
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('stops the pool and fails when saving a batch fails', async () => {
    let batches = 0;
    const run = runMonteCarlo({
      inputs: MINI,
      draws: 20,
      seed: 1,
      workers: 2,
      blocs: [],
      batchSize: 1,
      onBatch: () => {
        if (++batches === 3) throw new Error('ENOSPC: no space left on device');
      },
    });
    await expect(run).rejects.toThrow(/ENOSPC/);
    expect(batches).toBeLessThanOrEqual(4);
  });

  it('gives the same draws with models reused in any order as with models prepared per draw', async () => {
    const { loaded, dataset: d } = prepareInputs(MINI);
    const setup = { dataset: d, scenario: loaded.scenario, seed: 4, blocs: [{ id: 'US', regions: ['US'] }] };
    const reused = await prepareDraws(setup);
    const fresh = [];
    for (const i of [0, 1, 2, 3]) fresh.push(await runDraw(setup, i));
    for (const i of [3, 1, 0, 2]) expect(await runDraw(reused, i)).toEqual(fresh[i]);
    disposeDraws(reused);
  });

  it('gives the same baseline draws whatever the model solved before', async () => {
    // The default data has degenerate periods (ties between regions' shortfalls), where a warm start
    // from whatever the model last solved could land on another optimum.
    const { loaded, dataset: d } = prepareRun(
      join(import.meta.dirname, '..', '..', 'scenarios', 'baseline.yaml'),
    );
    const setup = await prepareDraws({ dataset: d, scenario: loaded.scenario, seed: 9, blocs: [] });
    const first = [await runDraw(setup, 0), await runDraw(setup, 1), await runDraw(setup, 2)];
    expect(await runDraw(setup, 1)).toEqual(first[1]);
    expect(await runDraw(setup, 0)).toEqual(first[0]);
    expect(await runDraw(setup, 2)).toEqual(first[2]);
    disposeDraws(setup);
  });

  it('samples one value per selected facility with `each`, and applies them', () => {
    const { dataset: d } = prepareInputs(MINI);
    const inputs = sampleInputs(d, 5, 0);
    // us-sep (construction) and us-magnet (planned) each draw a delay.
    expect(Object.keys(inputs.values).sort()).toEqual([
      'delay:us-magnet',
      'delay:us-sep',
      'demand',
      'us-capacity',
    ]);
    const applied = applyInputs(d, inputs, 2025);
    const sep = (x: typeof d) => x.facilities.find((f) => f.id === 'us-sep')!;
    expect(sep(applied).start_year).toBeCloseTo(sep(d).start_year! + inputs.values['delay:us-sep']!, 12);
    expect(sep(applied).capacity).toBeCloseTo(sep(d).capacity * inputs.values['us-capacity']!, 9);
  });

  it('matches a known probability of shortage', async () => {
    // One all-US chain with a 40 t magnet plant; demand 50 t × m, m uniform on [0.5, 1.5]: demand
    // goes short when m > 0.8, with probability 0.7.
    const d = dataset({
      regions: [{ id: 'US', name: 'US', blocs: [] }],
      materials: [material('oxide', 'oxide'), material('magnet', 'magnet')],
      processes: [
        process('mine', 'mining', [], [['oxide', 1]]),
        process('make', 'magnet', [['oxide', 0.5]], [['magnet', 1]]),
      ],
      facilities: [facility('mine', 'US', 'mine', 1000, 1), facility('mag', 'US', 'make', 40, 1)],
      applications: [ev],
      demand: [demand('US', 'ev', 'magnet', 2025, 50)],
      uncertainty: [
        {
          id: 'm',
          target: 'demand',
          facilities: [],
          statuses: [],
          regions: [],
          exclude_regions: [],
          stages: [],
          applications: [],
          policies: [],
          substitutions: [],
          distribution: { type: 'uniform', min: 0.5, max: 1.5 },
          each: false,
          ...prov,
        },
      ],
    });
    const setup = await prepareDraws({ dataset: d, scenario: scenario(), seed: 2, blocs: [] });
    const n = 400;
    let short = 0;
    for (let i = 0; i < n; i++) if ((await runDraw(setup, i)).metrics['short|US']![0]! > 1e-9) short++;
    expect(Math.abs(short / n - 0.7)).toBeLessThan(3 * Math.sqrt((0.7 * 0.3) / n));
  });
});

describe('summaries', () => {
  const draw = (i: number, chain: number[], short: number[]) => ({
    draw: i,
    values: { x: i },
    metrics: { 'chain_self_sufficiency|US': chain, 'short|US': short },
  });
  const draws = [
    draw(0, [0.5, 1], [3, 0]),
    draw(1, [1, 1], [0, 0]),
    draw(2, [0.2, 0.4], [9, 7]),
    draw(3, [0.9, 1], [1, 0]),
  ];

  it('give percentiles per metric and period', () => {
    const rows = summarise(draws, ['2025', '2026']);
    const s = rows.find((r) => r.metric === 'short' && r.period === '2025')!;
    expect(s.mean).toBeCloseTo(13 / 4, 12);
    expect(s.p50).toBeCloseTo(2, 12);
    expect(s.p5).toBeCloseTo(0.15, 12);
    // 4 draws are too few for a 95% interval of the median: it spans them all.
    expect([s.p50_ci_low, s.p50_ci_high]).toEqual([0, 9]);
  });
  it('give the probability of self-sufficiency by each year', () => {
    expect(selfSufficiencyProbability(draws, ['2025', '2026']).map((r) => r.probability)).toEqual([
      0.25, 0.75,
    ]);
    // 1 of 4 draws: the Wilson interval 4.6%–69.9%.
    const first = selfSufficiencyProbability(draws, ['2025', '2026'])[0]!;
    expect([first.ci_low, first.ci_high].map((x) => Number(x.toFixed(4)))).toEqual([0.0456, 0.6994]);
  });
  it('rank-correlate inputs and outputs', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBe(0);
  });
});
