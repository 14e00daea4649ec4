import { describe, expect, it } from 'vitest';
import { toyRun } from '../../test/report/run-fixture.js';
import { blocAnswers } from './answers.js';

describe('blocAnswers', () => {
  it('gives each bloc its served, potential and upper-bound shares per period, and when its potential reaches 100%', () => {
    const run = toyRun();
    expect(blocAnswers(run.selfSufficiency, ['2030', '2031', '2032'])).toEqual([
      {
        bloc: 'US',
        served: [0.1, 0.2, null],
        potential: [0.5, 1 - 1e-12, null],
        upper_bound: [0.9, 1, null],
        fully_served: '2031',
      },
      // The upper bound reaches 100% in 2031; the potential never does.
      {
        bloc: 'US+allies',
        served: [0.05, 0.1, null],
        potential: [0.2, 0.3, null],
        upper_bound: [0.6, 1, null],
        fully_served: null,
      },
    ]);
  });
});
