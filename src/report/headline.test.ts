import { describe, expect, it } from 'vitest';
import { toyRun, toySubstitution } from '../../test/report/run-fixture.js';
import { headline, headlineItems, sortStages } from './headline.js';

describe('headline', () => {
  const h = headline(toyRun());

  it('finds the first period each bloc’s potential reaches all its demand, or none, beside served and upper bound', () => {
    expect(h.shown).toEqual(['2030', '2031']);
    expect(h.chain).toEqual([
      // 2031's potential is 1 − 1e-12: met, within the analysis' tolerance.
      {
        bloc: 'US',
        first: '2031',
        shares: { served: [0.1, 0.2], potential: [0.5, 1 - 1e-12], upper_bound: [0.9, 1] },
      },
      // The upper bound reaches 100% in 2031, but it is not the answer.
      {
        bloc: 'US+allies',
        first: undefined,
        shares: { served: [0.05, 0.1], potential: [0.2, 0.3], upper_bound: [0.6, 1] },
      },
    ]);
  });

  it('reads only the "chain" stage for that answer', () => {
    // The US magnet stage is at 100% in 2030, but the chain is not.
    expect(h.chain.find((c) => c.bloc === 'US')?.first).toBe('2031');
  });

  it('gives the taint set’s share per stage in the first and last period, in chain order', () => {
    expect(h.taintShare).toEqual([
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
        destroyed: 0,
        substituted: 0,
        last: { demand: 250, short: 0, destroyed: 0, substituted: 0 },
        byRegion: [
          { region: 'US', short: 40 },
          { region: 'CN', short: 30 },
        ],
      },
    ]);
  });

  it('says how much demand substitution and demand response absorbed, in the last period and over the horizon', () => {
    const toy = toyRun();
    const run = {
      ...toy,
      substitution: toySubstitution(),
      demand: toy.demand.map((d) =>
        d.period === '2031' ? { ...d, served_cn: 200, destroyed: 12, short: 5 } : d,
      ),
    };
    const h = headline(run);
    expect(h.shortfall[0]).toMatchObject({
      substituted: 53,
      destroyed: 12,
      short: 75,
      last: { demand: 250, substituted: 33, destroyed: 12, short: 5 },
    });
    const items = headlineItems(h);
    const item = items.find((i) => i.question.startsWith('How much magnet demand'))!;
    expect(item.answer).toBe('2031: 33 (13%) substituted, 12 (4.8%) given up, 5 (2%) short t magnet');
    expect(item.detail).toMatch(
      /^Over 2030–2031: 53 \(8\.5%\) substituted, 12 \(1\.9%\) given up, 75 \(12%\) short t magnet/,
    );
    // A run with neither substitution nor demand given up has no such item.
    expect(headlineItems(headline(toy)).some((i) => i.question.startsWith('How much magnet demand'))).toBe(
      false,
    );
  });

  it('says how much demand was given up because of price, apart from the shortfall', () => {
    const toy = toyRun();
    const run = {
      ...toy,
      demand: toy.demand.map((d) =>
        d.period === '2030' && d.region === 'CN' ? { ...d, destroyed: 30, short: 0 } : d,
      ),
    };
    const item = headlineItems(headline(run)).find((i) => i.question.startsWith('Total shortfall'))!;
    expect(item.answer).toBe('40 t magnet (6.5% of demand)');
    expect(item.detail).toBe(
      'Demand left unserved over all periods; most in US 40 t magnet. A further 30 t magnet (4.8% of demand) was given up because of price, on the demand curves.',
    );
  });

  it('words the answers', () => {
    const items = headlineItems(h);
    expect(items.map((i) => i.answer)).toEqual([
      '2031',
      'Not within the horizon (2030–2031)',
      'mining 73% → 100%; separation 90% → 100%; magnet 100% → 100%; recycling 100% → –',
      '70 t magnet (11% of demand)',
    ]);
    expect(items[1]!.question).toBe(
      'When can all US+allies demand be served China-free, without taking supply from other regions?',
    );
    expect(items[1]!.detail).toBe(
      'Served China-free in the run: 5% (2030), 10% (2031). ' +
        'Potential, while every other region keeps its China-free supply: 20% (2030), 30% (2031). ' +
        'Upper bound, with first call on all China-free capacity in the world (not additive across blocs): 60% (2030), 100% (2031).',
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
