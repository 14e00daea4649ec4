import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../dataset/problems.js';
import { prepareRun } from './prepare-run.js';

const MINI = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'scenarios', 'mini.yaml');
const work = mkdtempSync(join(tmpdir(), 'lodestone-dr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A scenario on the mini dataset with a two-block EV curve (reference 60, blocks at 80 and 120). */
function scenarioFile(name: string, text: string, parent = MINI): string {
  const file = join(work, name);
  writeFileSync(file, `name: ${name}\nextends: ${parent}\n${text}`);
  return file;
}
const CURVE = scenarioFile(
  'curve.yaml',
  [
    'add:',
    '  demand_curves:',
    '    - { application: ev, step: 1, share: 0.1, price: 80, reference_price: 60, elasticity: -0.3, source_ids: [test], confidence: estimate }',
    '    - { application: ev, step: 2, share: 0.2, price: 120, reference_price: 60, elasticity: -0.3, source_ids: [test], confidence: estimate }',
    '',
  ].join('\n'),
);
const prices = (file: string) => prepareRun(file).dataset.demand_curves.map((s) => s.price);

describe('a scenario’s demand_response', () => {
  it('runs the dataset’s curves by default', () => {
    expect(prices(CURVE)).toEqual([80, 120]);
  });

  it('switches the curves off with false', () => {
    expect(prices(scenarioFile('off.yaml', 'demand_response: false\n', CURVE))).toEqual([]);
  });

  it('scales every elasticity: twice as elastic gives up the same blocks at half the premium', () => {
    const doubled = scenarioFile('double.yaml', 'demand_response: { elasticity_scale: 2 }\n', CURVE);
    expect(prices(doubled)).toEqual([70, 90]);
    // A child turning response back on keeps its parent's scale.
    const child = scenarioFile('child.yaml', 'demand_response: true\n', doubled);
    expect(prices(child)).toEqual([70, 90]);
  });

  it('refuses a scale of 0, naming the file, line and field', () => {
    const file = scenarioFile('zero.yaml', 'demand_response:\n  elasticity_scale: 0\n', CURVE);
    let problems: string[] = [];
    try {
      prepareRun(file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems = e.problems.map(formatProblem);
    }
    expect(problems).toEqual([
      `${file}:4: demand_response.elasticity_scale: expected an elasticity scale from 0.01 to 100`,
    ]);
  });
});
