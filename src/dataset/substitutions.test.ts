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

const HEADER =
  'id,kind,application,regions,from,to,technology,ratio,cost,cost_unit,max_share,ramp,source_ids,confidence';

/** The mini dataset with a substitutions.csv of these lines (after the header). */
function withSubstitutions(...lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-sub-'));
  temps.push(dir);
  cpSync(MINI, dir, { recursive: true });
  writeFileSync(join(dir, 'substitutions.csv'), [HEADER, ...lines, ''].join('\n'));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    const { warnings } = loadDataset(dir);
    return warnings.map(formatProblem);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
}

describe('substitutions.csv', () => {
  it('reports a duplicate id', () => {
    expect(
      problemsOf(
        withSubstitutions(
          't,technology,ev,,magnet,,EESM,,5,USD/kg,0.5,0.1,test,estimate',
          't,technology,ev,,magnet,,Ferrite,,5,USD/kg,0.5,0.1,test,estimate',
        ),
      ),
    ).toEqual(['substitutions.csv:3: id: duplicate id "t" (first at line 2)']);
  });

  it('loads options with their costs in USD/kg', () => {
    const { dataset, warnings } = loadDataset(
      withSubstitutions(
        'ev-eesm,technology,ev,,magnet,,EESM,,80,USD/kg,0.3,0.05,test,estimate',
        'ev-grade,grade,ev,US,magnet,ndpr-oxide,,,2000,USD/t,0.3,0.05,test,estimate',
      ),
    );
    expect(warnings).toEqual([]);
    expect(dataset.substitutions.map((s) => [s.id, s.cost, s.ratio, s.regions])).toEqual([
      ['ev-eesm', 80, 1, []],
      ['ev-grade', 2, 1, ['US']],
    ]);
  });

  it('names the file, line and field of a substitute that does not exist', () => {
    expect(
      problemsOf(withSubstitutions('g,grade,ev,,magnet,magnet-x,,,5,USD/kg,0.5,0.1,test,estimate')),
    ).toEqual(['substitutions.csv:2: to: unknown material "magnet-x"; expected an id from materials']);
  });

  it('names an unknown application, region or displaced grade', () => {
    expect(
      problemsOf(
        withSubstitutions('t,technology,drones,XX,magnet-y,,Ferrite,,5,USD/kg,0.5,0.1,test,estimate'),
      ),
    ).toEqual([
      'substitutions.csv:2: application: unknown application "drones"; expected an id from applications',
      'substitutions.csv:2: regions.0: unknown region "XX"; expected an id from regions',
      'substitutions.csv:2: from.0: unknown material "magnet-y"; expected an id from materials',
    ]);
  });

  it('rejects a share above 1, a negative cost and a negative ramp', () => {
    expect(
      problemsOf(
        withSubstitutions(
          't1,technology,ev,,magnet,,EESM,,5,USD/kg,1.2,0.1,test,estimate',
          't2,technology,ev,,magnet,,EESM,,-5,USD/kg,0.5,0.1,test,estimate',
          't3,technology,ev,,magnet,,EESM,,5,USD/kg,0.5,-0.1,test,estimate',
        ),
      ),
    ).toEqual([
      'substitutions.csv:2: max_share: expected a share from 0 to 1',
      'substitutions.csv:3: cost: expected a price from 0 to 1e7 USD/kg',
      'substitutions.csv:4: ramp: expected a ramp from 0 to 1 (share of demand per year)',
    ]);
  });

  it('asks a grade switch for its substitute and a technology switch for none', () => {
    expect(
      problemsOf(
        withSubstitutions(
          'g,grade,ev,,magnet,,,,5,USD/kg,0.5,0.1,test,estimate',
          'h,thrift,ev,,magnet,magnet,,,5,USD/kg,0.5,0.1,test,estimate',
          't,technology,ev,,magnet,magnet,,,5,USD/kg,0.5,0.1,test,estimate',
        ),
      ),
    ).toEqual([
      'substitutions.csv:2: to: missing; a grade substitution names the material it switches to',
      'substitutions.csv:3: to: expected a material other than those of `from`',
      'substitutions.csv:4: to: a technology switch consumes no substitute material; leave `to` empty',
      'substitutions.csv:4: technology: missing; expected the design that replaces the magnet',
    ]);
  });

  it('warns of an option no demand can take', () => {
    expect(
      problemsOf(withSubstitutions('t,technology,defense,CN,magnet,,EESM,,5,USD/kg,0.5,0.1,test,estimate')),
    ).toEqual([
      'substitutions.csv:2: from.0: no demand of defense for "magnet" in CN: the substitution never applies there',
    ]);
  });
});
