import { describe, expect, it } from 'vitest';
import { toyRun } from '../../test/report/run-fixture.js';
import { headline, headlineItems, sortStages } from './headline.js';

describe('headline', () => {
  const h = headline(toyRun());

  it('finds the first period a China-free chain meets each bloc’s demand, or none', () => {
    expect(h.chain).toEqual([
      // 2031's ratio is 1 − 1e-12: met, within the analysis' tolerance.
      { bloc: 'US', first: '2031', firstRatio: 0.5, lastRatio: 1 - 1e-12 },
      { bloc: 'US+allies', first: undefined, firstRatio: 0.2, lastRatio: 0.3 },
    ]);
  });

  it('reads only the "chain" stage for that answer', () => {
    // The US magnet stage is at 100% in 2030, but the chain is not.
    expect(h.chain.find((c) => c.bloc === 'US')?.first).toBe('2031');
  });

  it('gives China’s share per stage in the first and last period, in chain order', () => {
    expect(h.chinaShare).toEqual([
      { stage: 'mining', first: 0.727273, last: 1 },
      { stage: 'separation', first: 0.9, last: 1 },
      { stage: 'magnet', first: 1, last: 1 },
      { stage: 'recycling', first: 1, last: undefined },
    ]);
  });

  it('totals the shortfall over all periods, with the regions short, largest first', () => {
    // 2030: CN 30, US 30 + 10; 2031: nothing short.
    expect(h.shortfall).toEqual([
      {
        unit: 't magnet',
        demand: 620,
        short: 70,
        byRegion: [
          { region: 'US', short: 40 },
          { region: 'CN', short: 30 },
        ],
      },
    ]);
  });

  it('words the answers', () => {
    const items = headlineItems(h);
    expect(items.map((i) => i.answer)).toEqual([
      '2031',
      'Not within the horizon (2030–2031)',
      'mining 73% → 100%; separation 90% → 100%; magnet 100% → 100%; recycling 100% → –',
      '70 t magnet (11% of demand)',
    ]);
    expect(items[1]!.detail).toBe(
      'A China-free chain could serve 20% of US+allies demand in 2030 and 30% in 2031.',
    );
    expect(items[3]!.detail).toContain('most in US 40, CN 30 t magnet');
  });

  it('says when nothing was short and when no bloc was analysed', () => {
    const run = toyRun();
    const items = headlineItems(
      headline({ ...run, demand: run.demand.map((d) => ({ ...d, short: 0 })), selfSufficiency: [] }),
    );
    expect(items[0]!.answer).toBe('Not reported');
    expect(items.at(-1)!.detail).toBe('All demand was served in every period.');
  });
});

describe('sortStages', () => {
  it('orders stages along the chain, unknown ones last', () => {
    expect(sortStages(['magnet', 'zeta', 'mining', 'recycling', 'metal', 'separation', 'magnet'])).toEqual([
      'mining',
      'separation',
      'metal',
      'magnet',
      'recycling',
      'zeta',
    ]);
  });
});
