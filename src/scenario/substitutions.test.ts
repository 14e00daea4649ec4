import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../dataset/problems.js';
import { prepareRun } from './prepare-run.js';

const MINI = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'mini-dataset');
const work = mkdtempSync(join(tmpdir(), 'lodestone-sub-sc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A scenario on the mini dataset that adds two substitutions, then says `choice`. */
function scenario(name: string, choice: string): string {
  const file = join(work, `${name}.yaml`);
  const option = (id: string, technology: string) =>
    `    - { id: ${id}, kind: technology, application: ev, from: [magnet], technology: ${technology}, cost: 80, max_share: 0.3, ramp: 0.05, source_ids: [test], confidence: estimate }`;
  writeFileSync(
    file,
    [
      `name: ${name}`,
      `dataset: ${MINI}`,
      'horizon: { start: 2025, end: 2026 }',
      'add:',
      '  substitutions:',
      option('eesm', 'EESM'),
      option('induction', 'induction'),
      choice,
      '',
    ].join('\n'),
  );
  return file;
}

const ids = (file: string) => prepareRun(file).dataset.substitutions.map((s) => s.id);

describe('a scenario switches substitutions off', () => {
  it('runs them all by default', () => {
    expect(ids(scenario('all', ''))).toEqual(['eesm', 'induction']);
    expect(ids(scenario('all-true', 'substitutions: true'))).toEqual(['eesm', 'induction']);
  });

  it('switches off those named', () => {
    expect(ids(scenario('some', 'substitutions: { disable: [eesm] }'))).toEqual(['induction']);
  });

  it('switches off all with false', () => {
    expect(ids(scenario('none', 'substitutions: false'))).toEqual([]);
  });

  it('names the file and line of an unknown id', () => {
    const file = scenario('unknown', 'substitutions: { disable: [ferrite] }');
    try {
      prepareRun(file);
      expect.unreachable();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      expect(e.problems.map(formatProblem)).toEqual([
        `${file}:8: substitutions.disable: no substitution "ferrite" in the dataset; expected one of eesm, induction`,
      ]);
    }
  });

  it('rejects anything but true, false or { disable }', () => {
    const file = scenario('bad', 'substitutions: { off: [eesm] }');
    expect(() => prepareRun(file)).toThrow(/substitutions/);
  });
});
