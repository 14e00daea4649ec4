import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset.js';
import { formatProblem, InputError } from './problems.js';

const MINI = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'mini-dataset');
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

const HEADER = 'application,step,share,price,reference_price,elasticity,unit,source_ids,confidence';

/** The mini dataset with a demand_curves.csv of these rows (after the header). */
function withCurves(rows: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-curves-'));
  temps.push(dir);
  cpSync(MINI, dir, { recursive: true });
  writeFileSync(join(dir, 'demand_curves.csv'), [HEADER, ...rows].join('\n'));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadDataset(dir);
  } catch (e) {
    if (e instanceof InputError) return e.problems.filter((p) => p.severity === 'error').map(formatProblem);
    throw e;
  }
  return [];
}

describe('the default demand curves', () => {
  it('lie on q = q0 (p/p0)^elasticity at each step’s price, as their header says', () => {
    const DEFAULT = join(import.meta.dirname, '..', '..', 'data', 'default');
    const steps = loadDataset(DEFAULT).dataset.demand_curves;
    expect(new Set(steps.map((s) => s.application)).size).toBe(7);
    const cumulative = new Map<string, number>();
    for (const s of steps) {
      const given = (cumulative.get(s.application) ?? 0) + s.share;
      cumulative.set(s.application, given);
      expect(given).toBeCloseTo(1 - (s.price / s.reference_price) ** s.elasticity, 3);
    }
    // Nothing is given up below 75 USD/kg of magnet, above every 2025 magnet price of the model (at most 63).
    expect(Math.min(...steps.map((s) => s.price))).toBe(75);
  });
});

describe('demand_curves.csv', () => {
  it('loads a curve, prices in USD/kg, in step order', () => {
    const { dataset } = loadDataset(
      withCurves([
        'ev,2,0.2,120000,60000,-0.3,USD/t,test,estimate',
        'ev,1,0.1,80000,60000,-0.3,USD/t,test,estimate',
      ]),
    );
    expect(dataset.demand_curves.map((s) => [s.step, s.share, s.price, s.reference_price, s.unit])).toEqual([
      [1, 0.1, 80, 60, 'USD/kg'],
      [2, 0.2, 120, 60, 'USD/kg'],
    ]);
  });

  it('is optional: without the file there is no demand response', () => {
    expect(loadDataset(MINI).dataset.demand_curves).toEqual([]);
  });

  it('refuses a curve that is not monotone, naming file, line and field', () => {
    const problems = problemsOf(
      withCurves(['ev,1,0.1,100,60,-0.3,USD/kg,test,estimate', 'ev,2,0.1,90,60,-0.3,USD/kg,test,estimate']),
    );
    expect(problems).toEqual([
      'demand_curves.csv:3: price: the curve of "ev" is not monotone: step 2 has price 90, expected above 100 (step 1, line 2)',
    ]);
  });

  it('refuses a share above 1 and shares summing above 1', () => {
    expect(problemsOf(withCurves(['ev,1,1.5,100,60,-0.3,USD/kg,test,estimate']))).toEqual([
      'demand_curves.csv:2: share: expected a share between 0 and 1',
    ]);
    const problems = problemsOf(
      withCurves([
        'ev,1,0.5,80,60,-0.3,USD/kg,test,estimate',
        'ev,2,0.4,100,60,-0.3,USD/kg,test,estimate',
        'ev,3,0.3,120,60,-0.3,USD/kg,test,estimate',
      ]),
    );
    expect(problems).toEqual([
      'demand_curves.csv:4: share: the shares of the curve of "ev" sum to 1.2, expected at most 1',
    ]);
  });

  it('refuses gaps, duplicates, prices at or below the reference or at the value of lost load, and unknown applications', () => {
    const problems = problemsOf(
      withCurves([
        'ev,1,0.1,80,60,-0.3,USD/kg,test,estimate',
        'ev,3,0.1,100,60,-0.3,USD/kg,test,estimate',
        'defense,1,0.1,50,60,-0.1,USD/kg,test,estimate',
        'defense,2,0.1,2500,60,-0.1,USD/kg,test,estimate',
        'ev,4,0.1,600,60,-0.3,USD/kg,test,estimate',
        'wind,1,0.1,80,60,-0.3,USD/kg,test,estimate',
        'ev,5,0.1,700,60,0.3,USD/kg,test,estimate',
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'demand_curves.csv:3: step: expected step 2 of the curve of "ev" (steps are numbered 1, 2, … without gaps)',
        'demand_curves.csv:4: price: expected a price above the reference price (60): no demand is given up below it',
        'demand_curves.csv:6: price: expected a price below the value of lost load of "ev" (500 USD/kg)',
        'demand_curves.csv:5: price: expected a price below the value of lost load of "defense" (2000000 USD/t)',
        'demand_curves.csv:7: application: unknown application "wind"; expected an id from applications',
        'demand_curves.csv:8: elasticity: expected a price elasticity from -10 to 0 (demand falls as price rises)',
      ]),
    );
  });
});
