import { describe, expect, it } from 'vitest';
import type { Problem } from '../dataset/problems.js';
import { CHINA } from '../scenario/taint.js';
import { McManifest, parseManifestText, RunManifest } from './manifest.js';

const run = {
  scenario: { name: 'baseline', file: 'scenarios/baseline.yaml' },
  dataset: { name: 'default', hash: 'abc' },
  lodestone_version: '0.1.0',
  periods: [{ period: '2030', status: 'Optimal', objective: 12.5, objective_unit: 'thousand USD', lp: {} }],
};

describe('run-folder manifests', () => {
  it('reads run.json, China for a run written before taint sets', () => {
    const m = parseManifestText(RunManifest, JSON.stringify(run), 'run.json', []);
    expect(m?.taint).toEqual(CHINA);
    expect(m?.periods).toEqual([
      { period: '2030', status: 'Optimal', objective: 12.5, objective_unit: 'thousand USD' },
    ]);
  });

  it('names each missing field, indexes included', () => {
    const problems: Problem[] = [];
    const text = JSON.stringify({ ...run, dataset: undefined, periods: [{ period: '2030' }] });
    expect(parseManifestText(RunManifest, text, 'runs/r1/run.json', problems)).toBeUndefined();
    expect(problems.map((p) => `${p.file} ${p.field}: ${p.message}`)).toEqual([
      'runs/r1/run.json dataset.name: expected the dataset name',
      'runs/r1/run.json dataset.hash: expected the dataset sha256',
      'runs/r1/run.json periods[0].status: expected the solver status',
    ]);
  });

  it('leaves out mc.json fields of the wrong type', () => {
    const text = JSON.stringify({ scenario: 'baseline', seed: '7', draws_finished: 40, partial: true });
    expect(parseManifestText(McManifest, text, 'mc.json', [])).toEqual({
      scenario: 'baseline',
      draws_finished: 40,
      partial: true,
    });
  });
});
