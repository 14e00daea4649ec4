import { describe, expect, it } from 'vitest';
import { chain, testProvenance as prov, scenario } from '../../test/fixtures/tiny-dataset.js';
import { simulate } from '../simulate/simulate.js';
import { compareRuns, differs } from './compare.js';

describe('compareRuns', () => {
  it('sets key outputs side by side and flags what differs', async () => {
    const base = await simulate(chain(), scenario());
    const rule = await simulate(
      {
        ...chain(),
        policies: [
          {
            type: 'origin_requirement',
            id: 'free',
            region: 'US',
            set: 'china',
            applications: [],
            materials: [],
            share: 1,
            start: 2025,
            ...prov,
          },
        ],
      },
      scenario(),
    );
    const rows = compareRuns([base, rule], new Set(['oxide']));
    const short = rows.find((r) => r.group === 'short' && r.item === 'US ev magnet')!;
    expect(short.values.map((v) => Math.round(v))).toEqual([0, 10]);
    expect(differs(short)).toBe(true);
    const share = rows.find((r) => r.group === 'China-free share' && r.item === 'US')!;
    expect(share.values[1]).toBeCloseTo(0.8, 6);
    const price = rows.find((r) => r.group === 'price' && r.item === 'US magnet cn')!;
    expect(price.values[0]).toBeCloseTo(15.5, 6);
  });
});
