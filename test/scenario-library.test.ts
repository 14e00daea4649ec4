/**
 * The scenario library on the default dataset: every scenario loads and solves, and the April 2025
 * controls cut China's magnet exports in the months they apply.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PeriodResult } from '../src/results/types.js';
import { prepareRun } from '../src/scenario/prepare-run.js';
import { simulate } from '../src/simulate/simulate.js';

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));

async function run(file: string) {
  const { loaded, dataset } = prepareRun(join(SCENARIOS, file));
  return { dataset, run: await simulate(dataset, loaded.scenario) };
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
      ]),
    );
  });

  it.each(files)('%s loads and solves every period', async (file) => {
    const { run: result } = await run(file);
    expect(result.periods.length).toBeGreaterThan(0);
    expect(result.periods.every((p) => p.status === 'optimal')).toBe(true);
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
