import { describe, expect, it } from 'vitest';
import { datasetOf, formOf, planOptionsOf } from './planForm';

const REGIONS = ['US', 'AU', 'CN'];

describe('the planner form', () => {
  it('starts at US, 100% by 2030, every stage, and sends no filter while all are chosen', () => {
    const form = { ...formOf(), scenario: 'baseline', regions: new Set(REGIONS) };
    expect(planOptionsOf(form, REGIONS)).toEqual({
      bloc: 'US',
      target: 1,
      by: 2030,
      target_scope: 'node',
      integer: false,
      project_values: false,
      sweep: false,
    });
  });

  it('sends the target as a share, and the stages and regions kept when some are left out', () => {
    const form = {
      ...formOf(),
      target: 33,
      stages: new Set(['magnet', 'mining']),
      regions: new Set(['AU', 'US']),
    };
    expect(planOptionsOf(form, REGIONS)).toMatchObject({
      target: 0.33,
      stages: ['mining', 'magnet'],
      regions: ['US', 'AU'],
    });
  });

  it('takes a plan’s recorded options back into the form', () => {
    const options = {
      bloc: 'EU',
      target: 0.5,
      by: 2032,
      target_scope: 'bloc',
      integer: true,
      project_values: true,
      sweep: false,
      stages: ['separation'],
      regions: [],
    };
    const form = formOf(options);
    expect(form).toMatchObject({ bloc: 'EU', target: 50, by: 2032, scope: 'bloc', integer: true });
    expect([...form.stages]).toEqual(['separation']);
    expect(form.regions.size).toBe(0);
    expect(planOptionsOf({ ...form, regions: new Set(REGIONS) }, REGIONS)).toEqual({
      ...options,
      regions: undefined,
      stages: ['separation'],
    });
  });

  it('offers the regions of the dataset the scenario names, else the default’s', () => {
    expect(datasetOf('name: x\ndataset: mini-plan\nhorizon: {}\n')).toBe('mini-plan');
    expect(datasetOf("name: x\ndataset: 'uploaded' # a comment\n")).toBe('uploaded');
    expect(datasetOf('name: x\nextends: baseline\n')).toBe('default');
    expect(datasetOf('notes: "dataset: not-this"\n')).toBe('default');
  });
});
