import { describe, expect, it } from 'vitest';
import { editedDataset, errorsOf, MINI_DATASET } from '../../test/fixtures/dataset-files.js';
import { capacityRate } from '../model/capacity.js';
import { prepareInputs } from '../scenario/prepare-run.js';
import { loadDatasetFiles } from './load-dataset.js';
import { formatProblem, InputError } from './problems.js';
import { runPath } from './supply-paths.js';
import type { Dataset } from './types.js';

/** China's mine on three paths from 2030 (200 kt REO before). */
const PATHS = [
  'cn-mine,2030,210,kt REO,0,china,low,test,estimate',
  'cn-mine,2030,300,kt REO,0,china,central,test,estimate',
  'cn-mine,2030,400,kt REO,0,china,high,test,estimate',
];
const STEPS = [
  'facility,year,capacity,unit,ramp_years,path_group,path,source_ids,confidence',
  'us-magnet,2029,10,kt magnet,2,,,test,estimate',
  ...PATHS,
].join('\n');
const withSteps = (steps = STEPS, edits: Record<string, string> = {}) =>
  editedDataset(MINI_DATASET, { 'capacity_steps.csv': steps, ...edits });

/** China's mine capacity in 2031, kt REO. */
const cnMine = (d: Dataset) => {
  const f = d.facilities.find((x) => x.id === 'cn-mine')!;
  return (
    capacityRate(
      f,
      d.capacity_steps.filter((s) => s.facility === 'cn-mine'),
      2031,
    ) / 1000
  );
};

const errorsIn = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
};

const scenario = (text: string, dataset = withSteps()) =>
  prepareInputs({ chain: [{ file: 's.yaml', text }], dataset });

describe('supply paths', () => {
  it('run central unless the scenario chooses another path', () => {
    expect(cnMine(loadDatasetFiles(withSteps()).dataset)).toBe(300);
    const high = scenario('name: s\nhorizon: { start: 2025, end: 2035 }\nsupply_paths: { china: high }\n');
    expect(cnMine(high.dataset)).toBe(400);
    // Steps of no path always run; every path step is kept for Monte Carlo.
    expect(high.dataset.capacity_steps.map((s) => s.facility)).toEqual(['cn-mine', 'us-magnet']);
    expect(high.dataset.path_steps).toHaveLength(3);
    expect(cnMine(runPath(high.dataset, 'china', 'low'))).toBe(210);
  });

  it('refuse a path or group the dataset does not have, naming the scenario line', () => {
    const text =
      'name: s\nhorizon: { start: 2025, end: 2035 }\nsupply_paths:\n  china: hihg\n  europe: low\n';
    expect(errorsIn(() => scenario(text))).toEqual([
      's.yaml:4: supply_paths.china: no path "hihg" in supply-path group "china"; expected one of "low", "central", "high"',
      's.yaml:5: supply_paths.europe: unknown supply-path group "europe"; the dataset\'s capacity steps have "china"',
    ]);
  });

  it('need a central path in every group, and path_group with path', () => {
    const steps = [
      STEPS.split('\n')[0],
      PATHS[0],
      PATHS[2],
      'us-magnet,2029,10,kt magnet,2,us,,test,estimate',
    ];
    expect(errorsOf(withSteps(steps.join('\n')))).toEqual([
      'capacity_steps.csv:4: path: missing; expected path_group and path together (a step of a supply path), or neither',
      'capacity_steps.csv:2: path: supply-path group "china" has no central path (it has "low", "high"); expected steps with path central, the path a scenario runs unless it chooses another',
    ]);
  });

  it('shift every path of a delayed facility', () => {
    const delayed = scenario(
      'name: s\nhorizon: { start: 2025, end: 2035 }\ndelays: [{ facilities: [cn-mine], years: 2 }]\n',
    );
    expect(delayed.dataset.path_steps!.map((s) => s.year)).toEqual([2032, 2032, 2032]);
    expect(cnMine(delayed.dataset)).toBe(200);
  });

  it('are checked where an uncertain input draws them', () => {
    const spec = (group: string, paths: string) =>
      `- { id: cn-path, target: supply_path, group: ${group}, paths: [${paths}], distribution: { type: discrete, values: [0, 1] }, source_ids: [test], confidence: estimate }\n`;
    expect(errorsOf(withSteps(STEPS, { 'uncertainty.yaml': spec('china', 'low, medium') }))).toEqual([
      'uncertainty.yaml:1: paths.1: no path "medium" in supply-path group "china"; expected one of "low", "central", "high"',
    ]);
    expect(errorsOf(withSteps(STEPS, { 'uncertainty.yaml': spec('europe', 'low, high') }))).toEqual([
      'uncertainty.yaml:1: group: unknown supply-path group "europe"; the dataset\'s capacity steps have "china"',
    ]);
  });
});
