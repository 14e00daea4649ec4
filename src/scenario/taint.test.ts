import { describe, expect, it } from 'vitest';
import { chain, testProvenance as prov, scenario } from '../../test/fixtures/tiny-dataset.js';
import { InputError } from '../dataset/problems.js';
import { freeLabel, taintOf, taintProblems, touchedLabel } from './taint.js';

describe('taintOf', () => {
  const d = {
    ...chain(),
    taint_sets: [
      { id: 'china', name: 'China', regions: ['CN'], ...prov },
      { id: 'feoc', name: 'FEOC', regions: ['CN', 'RU'], ...prov },
    ],
  };
  const requirement = (set: string) => ({
    type: 'origin_requirement' as const,
    id: `${set}-rule`,
    region: 'US',
    applications: [],
    materials: [],
    share: 1,
    set,
    start: 2025,
    ...prov,
  });

  it('gives the set the scenario names, with its labels', () => {
    const t = taintOf(d, { ...scenario(), taint: 'feoc' });
    expect(t).toEqual({ set: 'feoc', name: 'FEOC', regions: ['CN', 'RU'] });
    expect([freeLabel(t), touchedLabel(t)]).toEqual(['FEOC-free', 'FEOC-touched']);
  });

  it('names an unknown set where the scenario chose it, with the sets there are', () => {
    expect(taintProblems(d, { ...scenario(), taint: 'eu' }, { file: 's.yaml', line: 4 })).toEqual([
      {
        severity: 'error',
        file: 's.yaml',
        line: 4,
        field: 'taint',
        message: 'unknown taint set "eu"; the dataset defines "china", "feoc"',
      },
    ]);
    expect(() => taintOf({ ...d, taint_sets: [] }, scenario())).toThrow(/defines none \(add taint_sets/);
  });

  it('refuses a requirement enforcing another set than the run tracks: one set per run', () => {
    const both = { ...d, policies: [requirement('feoc'), requirement('china')] };
    const [p, ...rest] = taintProblems(both, scenario(), { file: 's.yaml', line: undefined });
    expect(rest).toEqual([]);
    expect(p!.message).toBe(
      'the run tracks taint set "china" (the default), but origin requirement "feoc-rule" enforces "feoc"; ' +
        'a run tracks one set: set `taint: feoc`, or remove the requirement (remove_policies), or make it enforce "china"',
    );
    expect(() => taintOf(both, scenario())).toThrow(InputError);
    expect(
      taintProblems({ ...d, policies: [requirement('feoc')] }, { ...scenario(), taint: 'feoc' }),
    ).toEqual([]);
  });
});
