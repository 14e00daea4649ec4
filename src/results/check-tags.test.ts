import { describe, expect, it } from 'vitest';
import { chain, scenario, testProvenance } from '../../test/fixtures/tiny-dataset.js';
import { CHINA } from '../scenario/taint.js';
import { simulate } from '../simulate/simulate.js';
import { CheckError } from './check-balance.js';
import { assertTagsConsistent, tagRules, tagViolations } from './check-tags.js';
import type { PeriodResult } from './types.js';

// China makes no magnets and half of US demand must be China-free: the US magnet plant runs on
// Chinese oxide (cn) and on oxide from the US mine and separation (free).
const d = {
  ...chain({ cnMagnetCap: 0 }),
  policies: [
    {
      type: 'origin_requirement' as const,
      set: 'china',
      id: 'half-free',
      region: 'US',
      applications: [],
      materials: [],
      share: 0.5,
      start: 2025,
      ...testProvenance,
    },
  ],
};
const period = (await simulate(d, scenario())).periods[0]!;
const rules = tagRules(d, CHINA);

describe('the origin-tag check', () => {
  it('passes a solved period', () => {
    const made = (tag: string) =>
      period.production.find((p) => p.facility === 'us-mag' && p.tag === tag)?.amount;
    expect([made('free'), made('cn')]).toEqual([expect.closeTo(15, 6), expect.closeTo(25, 6)]);
    expect(tagViolations(period, rules)).toEqual([]);
  });

  it('sees China-free material made or processed in a tainting region', () => {
    const broken: PeriodResult = {
      ...period,
      production: period.production.map((p) => (p.facility === 'cn-sep' ? { ...p, tag: 'free' } : p)),
      consumption: period.consumption.map((c) => (c.facility === 'cn-sep' ? { ...c, tag: 'free' } : c)),
    };
    expect(tagViolations(broken, rules).map((v) => v.what)).toEqual([
      'China-free oxide made at cn-sep in tainting region CN',
      'China-free conc processed at cn-sep in tainting region CN',
    ]);
    expect(() => assertTagsConsistent(broken, rules)).toThrow(CheckError);
    expect(() => assertTagsConsistent(broken, rules)).toThrow(
      /period 2025: origin tags inconsistent: China-free oxide/,
    );
  });

  it('sees a plant outside China relabel its input: China-free magnets from China-touched oxide', () => {
    const broken: PeriodResult = {
      ...period,
      production: period.production.map((p) => (p.facility === 'us-mag' ? { ...p, tag: 'free' } : p)),
    };
    const v = tagViolations(broken, rules);
    expect(v.map((x) => x.what)).toEqual([
      expect.stringMatching(
        /^us-mag free: its inputs and outputs do not match its recipe \(activity 15 to 40\)/,
      ),
      expect.stringMatching(
        /^us-mag cn: its inputs and outputs do not match its recipe \(activity 0 to 25\)/,
      ),
    ]);
  });

  it('sees output out of proportion to the recipe', () => {
    const broken: PeriodResult = {
      ...period,
      consumption: period.consumption.map((c) =>
        c.facility === 'us-sep' ? { ...c, amount: c.amount * 0.9 } : c,
      ),
    };
    expect(tagViolations(broken, rules).map((v) => v.what)).toEqual([
      expect.stringMatching(/^us-sep free: its inputs and outputs do not match its recipe/),
    ]);
  });
});
