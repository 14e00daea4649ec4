/**
 * Planning with a probability on the mini dataset, whose US demand is uncertain (×0.8–1.4 in each
 * draw): the plan on the scenario's own numbers misses the target in the draws with more demand;
 * stacking draws into the LP builds more, until enough fitting draws pass; fresh draws say how often
 * the plan meets the target; and draws no build can suit are named when they are too many.
 */
import { describe, expect, it } from 'vitest';
import { MINI_PLAN_YAML, miniPlanDataset } from '../../test/fixtures/plan-dataset.js';
import type { DatasetFiles } from '../dataset/dataset-files.js';
import { runJob } from '../jobs/pipeline.js';
import type { RunInputs } from '../scenario/inputs.js';
import { prepareInputs } from '../scenario/prepare-run.js';
import { ChanceOutOfReach, fittingNeed, planWithProbability } from './chance.js';
import { planBuilds, planInputs } from './plan.js';

const US_DEMAND = `- id: us-demand
  target: demand
  regions: [US]
  distribution: { type: uniform, min: 0.8, max: 1.4 }
  source_ids: [test]
  confidence: estimate
`;

function withFiles(d: DatasetFiles, files: Record<string, string | ((t: string) => string)>): DatasetFiles {
  const map = new Map(d.files.map((f) => [f.name, Buffer.from(f.content).toString('utf8')]));
  for (const [name, edit] of Object.entries(files))
    map.set(name, typeof edit === 'string' ? edit : edit(map.get(name)!));
  const sorted = [...map].sort(([a], [b]) => (a < b ? -1 : 1));
  return { ...d, files: sorted.map(([name, text]) => ({ name, content: Buffer.from(text) })) };
}

function inputsWith(files: Record<string, string | ((t: string) => string)>): RunInputs {
  return {
    chain: [{ file: 'scenarios/mini-plan', text: MINI_PLAN_YAML }],
    dataset: withFiles(miniPlanDataset(), { 'uncertainty.yaml': US_DEMAND, ...files }),
  };
}

const US = { id: 'US', regions: ['US'] };
const request = { bloc: US, target: 1, by: 2028, discountRate: 0.07, integer: false };
const chance = { probability: 0.8, draws: 20, checkDraws: 40, seed: 7, maxStacked: 8 };
const magnets = (builds: readonly { candidate: { id: string }; size: number }[]) =>
  builds.filter((b) => b.candidate.id === 'us-magnet-new').reduce((s, b) => s + b.size, 0);

describe('a plan with a probability', async () => {
  const inputs = inputsWith({});
  const { loaded, dataset } = prepareInputs(inputs);
  const prepared = await planInputs(dataset, loaded.scenario);
  const central = await planBuilds(dataset, loaded.scenario, request, prepared);
  const result = await planWithProbability(inputs, dataset, loaded.scenario, request, chance, prepared);

  it('needs p·N fitting draws with a one-sided 95% margin', () => {
    expect(fittingNeed(0.8, 20)).toBe(19);
    expect(fittingNeed(0.9, 64)).toBe(62);
    expect(fittingNeed(0.5, 4)).toBe(4);
  });

  it('stacks failing draws until enough fitting draws pass, building more than the plan on the scenario alone', () => {
    // The first round is the plan on the scenario's own numbers: it fails the draws with more demand.
    expect(result.rounds[0]!.stacked).toEqual([]);
    expect(result.rounds[0]!.met).toBeLessThan(19);
    expect(result.reached).toBe(true);
    expect(result.fitted).toEqual({
      draws: 20,
      need: 19,
      met: result.checks.fitting.filter((c) => c.met).length,
    });
    expect(result.fitted.met).toBeGreaterThanOrEqual(19);
    expect(result.stacked.length).toBeGreaterThan(0);
    expect(magnets(result.plan.builds)).toBeGreaterThan(magnets(central.builds) * 1.1);
    // Its cost is the average over the worlds it holds: dearer than the scenario's plan.
    expect(result.plan.summary.totalCapex).toBeGreaterThan(central.summary.totalCapex);
  });

  it('reports the probability it reaches on fresh draws, with a Wilson interval', () => {
    expect(result.checks.fresh.map((c) => c.draw)).toEqual(Array.from({ length: 40 }, (_, i) => 20 + i));
    const met = result.checks.fresh.filter((c) => c.met).length;
    expect(result.check).toMatchObject({ draws: 40, met, probability: met / 40 });
    expect(result.check.low).toBeLessThan(result.check.probability);
    expect(result.check.high).toBeGreaterThan(result.check.probability);
    // Sized for all but the top 1 in 20 of demand draws: most fresh draws pass, the plan alone's fewer.
    expect(result.check.probability).toBeGreaterThanOrEqual(0.75);
    for (const c of result.checks.fresh) expect(c.met).toBe(c.shortfall <= 1e-3);
  });

  it('gives the same plan for the same seed', async () => {
    const again = await planWithProbability(inputs, dataset, loaded.scenario, request, chance, prepared);
    expect(again.stacked).toEqual(result.stacked);
    expect(magnets(again.plan.builds)).toBeCloseTo(magnets(result.plan.builds), 6);
  });

  it('says which draws no build can suit when they are more than the probability allows', async () => {
    // Demand up to ×3 and a magnet plant of at most 12,000 t: the biggest draws are out of reach.
    const tight = inputsWith({
      'uncertainty.yaml': US_DEMAND.replace('max: 1.4', 'max: 3'),
      'candidates.csv': (t) => t.replace(',1000,50000,150000,', ',1000,12000,150000,'),
    });
    const p = prepareInputs(tight);
    const pi = await planInputs(p.dataset, p.loaded.scenario);
    const run = planWithProbability(tight, p.dataset, p.loaded.scenario, request, chance, pi);
    await expect(run).rejects.toBeInstanceOf(ChanceOutOfReach);
    await expect(run).rejects.toThrow(
      /the target cannot be met with probability 0\.8: US served 100% free from 2028 is out of reach of every build in \d+ of 20 draws/,
    );
  });
});

describe('the plan job with a probability', () => {
  it('checks its draws as it goes and writes plan_draws.csv', async () => {
    const labels: string[] = [];
    const job = await runJob(
      { kind: 'plan', inputs: inputsWith({}), bloc: 'US', target: 1, by: 2028, probability: 0.5, draws: 4 },
      { onEvent: (e) => labels.push(e.label) },
    );
    expect(labels).toContain('checking draws 4 of 4');
    const names = job.files().map((f) => f.name);
    expect(names).toEqual(['plan.csv', 'plan_summary.csv', 'plan_draws.csv', 'plan.yaml']);
    const draws = String(job.files().find((f) => f.name === 'plan_draws.csv')!.content)
      .trim()
      .split('\n');
    expect(draws[0]).toBe('draw,role,met,largest_shortfall,in_plan_lp');
    // 4 fitting draws (0–3), then as many fresh ones (4–7).
    expect(draws.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      ...[0, 1, 2, 3].map((d) => `${d},fitting`),
      ...[4, 5, 6, 7].map((d) => `${d},check`),
    ]);
    const summary = String(job.files().find((f) => f.name === 'plan_summary.csv')!.content);
    expect(summary).toMatch(/\nprobability,0\.5,/);
    expect(summary).toMatch(/\nprobability_reached,[0-9.]+,share of fresh draws met/);
  });
});
