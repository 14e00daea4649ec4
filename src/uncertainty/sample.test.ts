import { describe, expect, it } from 'vitest';
import { editedDataset, errorsOf, MINI_DATASET } from '../../test/fixtures/dataset-files.js';
import { loadDatasetFiles } from '../dataset/load-dataset.js';
import type { Dataset } from '../dataset/types.js';
import { applyInputs, sampleInputs } from './sample.js';

const STEPS = [
  'facility,year,capacity,unit,ramp_years,path_group,path,source_ids,confidence',
  'cn-mine,2030,210,kt REO,0,china,low,test,estimate',
  'cn-mine,2030,300,kt REO,0,china,central,test,estimate',
  'cn-mine,2030,400,kt REO,0,china,high,test,estimate',
].join('\n');

const load = (uncertainty: string) =>
  loadDatasetFiles(
    editedDataset(MINI_DATASET, { 'capacity_steps.csv': STEPS, 'uncertainty.yaml': uncertainty }),
  ).dataset;

const draws = (d: Dataset, n: number) => Array.from({ length: n }, (_, i) => sampleInputs(d, 7, i));

describe('a supply_path input', () => {
  const d = load(
    '- { id: cn-path, target: supply_path, group: china, paths: [low, central, high], distribution: { type: discrete, values: [0, 1, 2], weights: [1, 0, 3] }, source_ids: [test], confidence: estimate }\n',
  );

  it('draws the paths with their weights, and each draw runs its path', () => {
    const values = draws(d, 400).map((x) => x.values['cn-path']!);
    expect(values.filter((v) => v === 1)).toEqual([]);
    expect(values.filter((v) => v === 2).length / values.length).toBeGreaterThan(0.68);
    expect(values.filter((v) => v === 2).length / values.length).toBeLessThan(0.82);
    const capacity = (v: number) =>
      applyInputs(d, { values: { 'cn-path': v } }, 2025).capacity_steps.find((s) => s.facility === 'cn-mine')!
        .capacity;
    expect([0, 1, 2].map(capacity)).toEqual([210_000, 300_000, 400_000]);
  });
});

describe('a start_probability input', () => {
  const spec = (p: string) =>
    `- { id: starts, target: start_probability, statuses: [planned, construction], each: true, distribution: ${p}, source_ids: [test], confidence: estimate }\n`;

  it('cancels each project it selects with probability 1 − p', () => {
    const d = load(spec('{ type: fixed, value: 0.3 }'));
    const started = draws(d, 1000).map((x) => x.values['starts:us-magnet']!);
    expect(new Set(started)).toEqual(new Set([0, 1]));
    expect(started.filter((v) => v === 1).length / started.length).toBeGreaterThan(0.25);
    expect(started.filter((v) => v === 1).length / started.length).toBeLessThan(0.35);
    const status = (v: number) =>
      applyInputs(d, { values: { 'starts:us-magnet': v, 'starts:us-sep': 1 } }, 2025).facilities.find(
        (f) => f.id === 'us-magnet',
      )!.status;
    expect([status(0), status(1)]).toEqual(['closed', 'planned']);
  });

  it('refuses a probability that can exceed 1, naming the line', () => {
    const files = (u: string) =>
      editedDataset(MINI_DATASET, { 'capacity_steps.csv': STEPS, 'uncertainty.yaml': u });
    expect(errorsOf(files(spec('{ type: uniform, min: 0.5, max: 1.2 }')))).toEqual([
      'uncertainty.yaml:1: distribution: expected a start probability from 0 to 1 (a fixed value, or a distribution bounded by 0 and 1)',
    ]);
  });
});

describe('a demand_growth input with from_year', () => {
  it('adds its growth from that year on', () => {
    const d = loadDatasetFiles(
      editedDataset(MINI_DATASET, {
        'demand.csv': (t) => `${t.trimEnd()}\nUS,ev,magnet,2040,20000,t magnet,,test,estimate\n`,
        'uncertainty.yaml':
          '- { id: late, target: demand_growth, from_year: 2030, distribution: { type: fixed, value: 0.1 }, source_ids: [test], confidence: estimate }\n',
      }),
    ).dataset;
    const grown = applyInputs(d, sampleInputs(d, 1, 0), 2025);
    const amount = (x: Dataset, year: number) =>
      x.demand.find((r) => r.region === 'US' && r.application === 'ev' && r.year === year)!.amount;
    expect(amount(grown, 2025)).toBe(7000);
    expect(amount(grown, 2040)).toBeCloseTo(20_000 * 1.1 ** 10, 6);
  });
});

describe('substitution inputs', () => {
  const SUBSTITUTIONS = [
    'id,kind,application,from,technology,cost,max_share,ramp,source_ids,confidence',
    'eesm,technology,ev,magnet,EESM,100,0.8,0.05,test,estimate',
    'ferrite,technology,ev,magnet,ferrite,80,0.2,0.05,test,estimate',
  ].join('\n');
  const d = loadDatasetFiles(
    editedDataset(MINI_DATASET, {
      'substitutions.csv': SUBSTITUTIONS,
      'uncertainty.yaml': [
        '- { id: share, target: substitution_share, substitutions: [eesm], distribution: { type: uniform, min: 0.5, max: 1.5 }, source_ids: [test], confidence: estimate }',
        '- { id: cost, target: substitution_cost, each: true, distribution: { type: uniform, min: 0.5, max: 2 }, source_ids: [test], confidence: estimate }',
        '',
      ].join('\n'),
    }),
  ).dataset;

  it('scale the maximum share of those named (capped at 1) and the cost of each', () => {
    expect(Object.keys(sampleInputs(d, 7, 0).values)).toEqual(['share', 'cost:eesm', 'cost:ferrite']);
    const drawn = applyInputs(d, { values: { share: 1.5, 'cost:eesm': 2, 'cost:ferrite': 0.5 } }, 2025);
    expect(drawn.substitutions.map((s) => [s.id, s.max_share, s.cost])).toEqual([
      ['eesm', 1, 200],
      ['ferrite', 0.2, 40],
    ]);
  });
});

describe('an elasticity input', () => {
  const CURVES = [
    'application,step,share,price,reference_price,elasticity,unit,source_ids,confidence',
    'ev,1,0.1,80,60,-0.3,USD/kg,test,estimate',
    'ev,2,0.2,120,60,-0.3,USD/kg,test,estimate',
    'defense,1,0.1,100,60,-0.05,USD/kg,test,estimate',
  ].join('\n');
  const files = (spec: string) =>
    editedDataset(MINI_DATASET, { 'demand_curves.csv': CURVES, 'uncertainty.yaml': spec });

  it('scales the elasticities of the applications it selects, each its own draw', () => {
    const d = loadDatasetFiles(
      files(
        '- { id: el, target: elasticity, applications: [ev], each: true, distribution: { type: uniform, min: 0.5, max: 2 }, source_ids: [test], confidence: estimate }\n',
      ),
    ).dataset;
    const values = draws(d, 200).map((x) => x.values['el:ev']!);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...values)).toBeLessThanOrEqual(2);
    const scaled = applyInputs(d, { values: { 'el:ev': 2 } }, 2025).demand_curves;
    // Twice as elastic: the same blocks at half the premium over 60; defense is not selected.
    expect(scaled.map((s) => [s.application, s.price])).toEqual([
      ['defense', 100],
      ['ev', 70],
      ['ev', 90],
    ]);
  });

  it('refuses a multiplier that can reach 0, naming the line', () => {
    expect(
      errorsOf(
        files(
          '- { id: el, target: elasticity, distribution: { type: uniform, min: 0, max: 2 }, source_ids: [test], confidence: estimate }\n',
        ),
      ),
    ).toEqual([
      'uncertainty.yaml:1: distribution: expected an elasticity multiplier above 0 (a distribution bounded below by a positive number, or lognormal)',
    ]);
  });
});
