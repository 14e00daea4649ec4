/**
 * The scenario library on the default dataset: every scenario loads and solves, its in-use stocks
 * close and equals share shortfalls pro rata; the April 2025 controls cut China's magnet exports in
 * the months they apply.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndfebMaterials, requirementPerUnit, undersupply } from '../src/analysis/undersupply.js';
import { rationingGroups } from '../src/lp/rationing.js';
import { buildNetwork } from '../src/model/network.js';
import { taintOf } from '../src/model/taint.js';
import { runTables } from '../src/results/tables.js';
import type { PeriodResult, RunResult } from '../src/results/types.js';
import { type RowOf, TABLES } from '../src/run-folder/tables.js';
import { prepareRun } from '../src/scenario/prepare-run.js';
import { simulate } from '../src/simulate/simulate.js';

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));

async function run(file: string) {
  const { loaded, dataset } = prepareRun(join(SCENARIOS, file));
  return { dataset, taint: taintOf(dataset, loaded.scenario), run: await simulate(dataset, loaded.scenario) };
}

/** Magnets shipped out of China in a period, t. */
const chinaMagnetExports = (p: PeriodResult, magnets: ReadonlySet<string>) =>
  p.trade.filter((t) => t.from === 'CN' && magnets.has(t.material)).reduce((s, t) => s + t.amount, 0);

describe('the scenario library', () => {
  it('has the scenarios the issue lists', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'baseline.yaml',
        'china-controls-2025-04.yaml',
        'china-controls-2025-10.yaml',
        'suspension-2025-11.yaml',
        'heavy-re-embargo.yaml',
        'allied-buildout.yaml',
        'allied-buildout-delayed.yaml',
        'price-floor-low.yaml',
        'price-floor-high.yaml',
        'announced-capacity.yaml',
      ]),
    );
  });

  it.each(files)(
    '%s loads and solves every period; stocks close; equals are short by the same fraction',
    async (file) => {
      const { dataset, taint, run: result } = await run(file);
      expect(result.periods.length).toBeGreaterThan(0);
      expect(result.periods.every((p) => p.status === 'optimal')).toBe(true);
      expect(worstStockGap(result)).toBeLessThanOrEqual(1e-9);
      // Demand rows follow the network's demand nodes.
      const groups = rationingGroups(buildNetwork(dataset, taint));
      expect(groups.length).toBeGreaterThan(0);
      for (const p of result.periods) {
        for (const members of groups) {
          const fractions = members
            .map((i) => p.demand[i]!)
            .map((d) => (d.demand > 0 ? d.short / d.demand : 0));
          expect(Math.max(...fractions) - Math.min(...fractions)).toBeLessThanOrEqual(1e-9);
        }
      }
    },
  );

  it('writes a stocks.csv that closes on the baseline: in_use(t) = in_use(t−1) + inflow(t) − eol(t)', async () => {
    const { dataset, run: result } = await run('baseline.yaml');
    const stocks = runTables(result, dataset).find((t) => t.name === 'stocks')!;
    const before = new Map<string, number>();
    let steps = 0;
    for (const r of stocks.rows as readonly RowOf<'stocks'>[]) {
      const key = `${r.region}|${r.application}`;
      const prior = before.get(key);
      if (prior !== undefined) {
        const gap = r.in_use - (prior + r.inflow - r.eol);
        expect(Math.abs(gap)).toBeLessThanOrEqual(1e-9 * Math.max(1, r.in_use));
        steps++;
      }
      before.set(key, r.in_use);
    }
    // Every region × application with demand (68 in the default data), every period after the first.
    expect(steps).toBe(68 * (result.periods.length - 1));
  });

  it('announced capacity: every project runs, no policy; undersupply.csv sets NdFeB short and the NdPr oxide it implies against demand', async () => {
    const { dataset, run: result } = await run('announced-capacity.yaml');
    expect(dataset.policies).toEqual([]);
    // Projects outside China that have not reached a decision run too (the baseline cancels them).
    for (const status of ['feasibility', 'announced'])
      expect(dataset.facilities.some((f) => f.status === status && f.region !== 'CN')).toBe(true);
    expect(result.periods.map((p) => p.period.label)).toEqual(
      Array.from({ length: 26 }, (_, i) => String(2025 + i)),
    );
    const table = runTables(result, dataset).find((t) => t.name === 'undersupply')!;
    expect(Object.keys(TABLES.undersupply.columns)).toEqual([
      'period',
      'material',
      'demand',
      'supply',
      'undersupply',
      'unit',
    ]);
    expect(table.rows).toHaveLength(2 * 26);
    const rows = undersupply(result, dataset);
    const ndfeb = ndfebMaterials(dataset);
    const oxidePerUnit = requirementPerUnit(dataset, 'ndpr-oxide');
    result.periods.forEach((p, i) => {
      const [magnets, oxide] = [rows[2 * i]!, rows[2 * i + 1]!];
      expect(magnets).toMatchObject({ period: p.period.label, material: 'ndfeb', unit: 't magnet' });
      expect(oxide).toMatchObject({ period: p.period.label, material: 'ndpr-oxide', unit: 't REO' });
      const short = p.demand.filter((d) => ndfeb.has(d.material)).reduce((s, d) => s + d.short, 0);
      expect(magnets.undersupply).toBeCloseTo(short, 6);
      // No stock to draw on: the NdPr made falls short of demand by exactly what the short magnets need.
      const implied = p.demand.reduce((s, d) => s + d.short * oxidePerUnit(d.material), 0);
      expect(Math.abs(oxide.undersupply - implied)).toBeLessThanOrEqual(1e-9 * oxide.demand);
    });
    const gap = (year: number) => rows.find((r) => r.material === 'ndfeb' && r.period === String(year))!;
    // Announced projects and China's central paths cover demand to 2033; the gap opens in 2034 and grows.
    expect(gap(2030).undersupply).toBe(0);
    expect(gap(2034).undersupply).toBeGreaterThan(0);
    expect(gap(2050).undersupply).toBeGreaterThan(gap(2040).undersupply);
    expect(gap(2040).undersupply).toBeGreaterThan(gap(2035).undersupply);
  });

  it('shares the US shortfall of each magnet grade between EV traction and other automotive (both 500 USD/kg) under the heavy-RE embargo', async () => {
    // Without the market's response (their demand curves and substitution options differ), what is
    // short is what rationing shares: the embargo, priced at the value of lost load.
    const dir = mkdtempSync(join(tmpdir(), 'lodestone-rationing-'));
    const file = join(dir, 'embargo-no-response.yaml');
    writeFileSync(
      file,
      `name: embargo-no-response\nextends: ${JSON.stringify(join(SCENARIOS, 'heavy-re-embargo.yaml'))}\ndemand_response: false\nsubstitutions: false\n`,
    );
    const { loaded, dataset } = prepareRun(file);
    rmSync(dir, { recursive: true, force: true });
    const result = await simulate(dataset, loaded.scenario);
    const short = (p: PeriodResult, application: string, material: string) => {
      const d = p.demand.find(
        (x) => x.region === 'US' && x.application === application && x.material === material,
      )!;
      return d.short / d.demand;
    };
    const gbd = result.periods.map((p) => short(p, 'ev-traction', 'ndfeb-gbd'));
    expect(gbd.some((x) => x > 0.1)).toBe(true);
    result.periods.forEach((p, i) => {
      expect(short(p, 'other-automotive', 'ndfeb-gbd')).toBeCloseTo(gbd[i]!, 9);
      expect(short(p, 'other-automotive', 'ndfeb-n42sh')).toBeCloseTo(
        short(p, 'ev-traction', 'ndfeb-n42sh'),
        9,
      );
    });
  });

  it('the April 2025 controls cut China’s magnet exports in the months they apply', async () => {
    const controls = await run('china-controls-2025-04-quarterly.yaml');
    const magnets = new Set(controls.dataset.materials.filter((m) => m.form === 'magnet').map((m) => m.id));
    // The same quarters without the controls.
    const { loaded, dataset } = prepareRun(join(SCENARIOS, 'baseline.yaml'));
    const base = await simulate(dataset, {
      ...loaded.scenario,
      horizon: { start: 2025, end: 2026 },
      period: 'quarter',
    });
    const drop = (q: number) =>
      1 -
      chinaMagnetExports(controls.run.periods[q]!, magnets) / chinaMagnetExports(base.periods[q]!, magnets);
    expect(Math.abs(drop(0))).toBeLessThan(1e-6); // Q1 2025: before the controls
    expect(drop(1)).toBeGreaterThan(0.1); // Q2 2025: April and May without licences
    expect(drop(2)).toBeGreaterThan(0); // Q3 2025: licences for part of the flow
    expect(drop(2)).toBeLessThan(drop(1));
  });
});

/** The largest break of in_use(t) = in_use(t−1) + inflow(t) − eol(t), relative to the stock. */
function worstStockGap(run: RunResult): number {
  let worst = 0;
  run.periods.forEach((p, t) => {
    if (t === 0) return;
    const before = new Map(run.periods[t - 1]!.stocks.map((r) => [`${r.region}|${r.application}`, r.in_use]));
    for (const r of p.stocks) {
      const prior = before.get(`${r.region}|${r.application}`)!;
      worst = Math.max(worst, Math.abs(r.in_use - (prior + r.inflow - r.eol)) / Math.max(1, r.in_use));
    }
  });
  return worst;
}
