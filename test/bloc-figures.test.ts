/**
 * The analyst's first answers on the default data (baseline): bloc figures that do not count the
 * same free capacity twice, traces that agree with the origin tags, and the DFARS rule on its set.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analysis, analyse } from '../src/analysis/analyse.js';
import { ORIGIN_TAG } from '../src/analysis/trace.js';
import type { RunResult } from '../src/results/types.js';
import { prepareRun } from '../src/scenario/prepare-run.js';
import { simulate } from '../src/simulate/simulate.js';

let run: RunResult;
let analysis: Analysis;
beforeAll(async () => {
  const { loaded, dataset } = prepareRun(join(import.meta.dirname, '..', 'scenarios', 'baseline.yaml'));
  run = await simulate(dataset, loaded.scenario);
  analysis = await analyse(run, dataset, loaded.scenario);
}, 300_000);

const chain = (bloc: string, measure: string, period: string) =>
  analysis.selfSufficiency.find(
    (r) => r.bloc === bloc && r.stage === 'chain' && r.measure === measure && r.period === period,
  )!;

describe('bloc figures on the baseline', () => {
  it('tracks the DFARS covered countries', () => {
    expect(run.taint).toMatchObject({ set: 'feoc', regions: ['CN', 'RU'] });
  });

  it('served ≤ potential ≤ upper bound, for every bloc and period', () => {
    for (const b of analysis.blocs)
      for (const p of run.periods) {
        const [a, pot, ub] = ['served', 'potential', 'upper_bound'].map((m) =>
          chain(b.id, m, p.period.label),
        );
        // Re-solves agree to the solver's tolerance, not to the last digit.
        const slack = 1e-6 * a!.demand;
        expect(a!.supply, `${b.id} ${p.period.label}`).toBeLessThanOrEqual(pot!.supply + slack);
        expect(pot!.supply, `${b.id} ${p.period.label}`).toBeLessThanOrEqual(ub!.supply + slack);
      }
  });

  it('US and its allies together could be served at least what the US alone could (t)', () => {
    // Shares have different denominators (allied demand is four times the US's), so tonnes compare.
    for (const p of run.periods) {
      const us = chain('US', 'potential', p.period.label);
      const allies = chain('US+allies', 'potential', p.period.label);
      expect(allies.supply).toBeGreaterThanOrEqual(us.supply - 1e-6 * allies.demand);
    }
  });

  it('served is what the run served the bloc, with the demand substitution met free', () => {
    for (const p of run.periods) {
      const us = p.demand.filter((d) => d.region === 'US');
      // A technology switch (no magnet) meets its demand free; a grade switch by the free part of its substitute.
      const metFree = p.substitution
        .filter((r) => r.region === 'US')
        .filter((r) => r.volume > 0)
        .map((r) =>
          r.kind === 'technology'
            ? r.volume
            : (r.volume * r.consumed_free) / (r.consumed_free + r.consumed_cn),
        )
        .reduce((s, x) => s + x, 0);
      const met = us.reduce((s, d) => s + d.served_free, 0) + metFree;
      const free = met / us.reduce((s, d) => s + d.demand, 0);
      expect(chain('US', 'served', p.period.label).ratio).toBeCloseTo(free, 12);
    }
  });
});

describe('tracing on the baseline', () => {
  it('traces US defence supply under the DFARS rule to no covered country at any stage', () => {
    const defence = analysis.trace.filter(
      (t) => t.region === 'US' && t.application === 'defense' && Number(t.period) >= 2027,
    );
    const origin = defence.filter((t) => t.stage === ORIGIN_TAG);
    // From 2027 no defence magnet is touched: served free, or short.
    expect(origin.filter((t) => t.tag === 'cn' && t.amount > 1e-6)).toEqual([]);
    const covered = defence.filter(
      (t) => t.stage !== ORIGIN_TAG && ['CN', 'RU'].includes(t.country) && t.share > 1e-9,
    );
    expect(covered).toEqual([]);
  });

  it('weights applications by what they served, agreeing with the run on every free share', () => {
    for (const p of run.periods) {
      for (const region of new Set(p.demand.map((d) => d.region))) {
        const rows = p.demand.filter((d) => d.region === region);
        const demand = rows.reduce((s, d) => s + d.demand, 0);
        const free = rows.reduce((s, d) => s + d.served_free, 0);
        const traced = analysis.trace.filter(
          (t) =>
            t.period === p.period.label && t.region === region && t.stage === ORIGIN_TAG && t.tag === 'free',
        );
        const tracedShare =
          traced.reduce((s, t) => s + t.amount, 0) / traced.reduce((s, t) => s + t.total, 0);
        if (demand > 0) expect(tracedShare).toBeCloseTo(free / demand, 9);
      }
    }
  });
});
