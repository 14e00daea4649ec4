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
      probability: 0,
      draws: 64,
    };
    const form = formOf(options);
    expect(form).toMatchObject({ bloc: 'EU', target: 50, by: 2032, scope: 'bloc', integer: true });
    expect([...form.stages]).toEqual(['separation']);
    expect(form.regions.size).toBe(0);
    expect(form.probability).toBeUndefined();
    expect(planOptionsOf({ ...form, regions: new Set(REGIONS) }, REGIONS)).toEqual({
      ...options,
      regions: undefined,
      stages: ['separation'],
      probability: undefined,
      draws: undefined,
    });
  });

  it('offers the regions of the dataset the scenario names, else the default’s', () => {
    expect(datasetOf('name: x\ndataset: mini-plan\nhorizon: {}\n')).toBe('mini-plan');
    expect(datasetOf("name: x\ndataset: 'uploaded' # a comment\n")).toBe('uploaded');
    expect(datasetOf('name: x\nextends: baseline\n')).toBe('default');
    expect(datasetOf('notes: "dataset: not-this"\n')).toBe('default');
  });

  it('asks for a probability, with its draws, only when one is given and not with a sweep', () => {
    const form = { ...formOf(), regions: new Set(REGIONS), probability: 90, draws: 20 };
    expect(planOptionsOf(form, REGIONS)).toMatchObject({ probability: 0.9, draws: 20 });
    expect(planOptionsOf({ ...form, sweep: true }, REGIONS)).not.toHaveProperty('probability');
    expect(formOf({ probability: 0.9, draws: 20 })).toMatchObject({ probability: 90, draws: 20 });
  });
});
