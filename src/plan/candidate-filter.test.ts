import { describe, expect, it } from 'vitest';
import type { Dataset } from '../dataset/types.js';
import { candidateFilterProblem, filterCandidates } from './candidate-filter.js';

// The fields the filter reads: processes (their stage), regions, candidates.
const dataset = {
  regions: [{ id: 'US' }, { id: 'AU' }],
  processes: [
    { id: 'separate', stage: 'separation' },
    { id: 'make-magnet', stage: 'magnet' },
  ],
  candidates: [
    { id: 'us-sep', region: 'US', process: 'separate' },
    { id: 'us-mag', region: 'US', process: 'make-magnet' },
    { id: 'au-sep', region: 'AU', process: 'separate' },
  ],
} as unknown as Dataset;
const ids = (d: Dataset) => d.candidates.map((c) => c.id);

describe('filterCandidates', () => {
  it('keeps every candidate without a filter, or with empty lists', () => {
    expect(filterCandidates(dataset, {})).toBe(dataset);
    expect(filterCandidates(dataset, { stages: [], regions: [] })).toBe(dataset);
  });

  it('keeps the candidates of the stages and regions given, both when both are', () => {
    expect(ids(filterCandidates(dataset, { stages: ['separation'] }))).toEqual(['us-sep', 'au-sep']);
    expect(ids(filterCandidates(dataset, { regions: ['US'] }))).toEqual(['us-sep', 'us-mag']);
    expect(ids(filterCandidates(dataset, { stages: ['separation'], regions: ['AU'] }))).toEqual(['au-sep']);
    expect(ids(filterCandidates(dataset, { stages: ['mining'] }))).toEqual([]);
  });

  it('names a stage or region the dataset does not know', () => {
    expect(candidateFilterProblem(dataset, { stages: ['separation', 'smelting'] })).toEqual({
      field: 'stages',
      message: 'unknown stage smelting; expected mining, separation, metal, magnet, recycling',
    });
    expect(candidateFilterProblem(dataset, { regions: ['US', 'Mars'] })).toEqual({
      field: 'regions',
      message: 'unknown region Mars; the dataset has US, AU',
    });
    expect(candidateFilterProblem(dataset, { stages: ['magnet'], regions: ['AU'] })).toBeUndefined();
  });
});
