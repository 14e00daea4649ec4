import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toyRun, writeRunFolder } from '../../test/report/run-fixture.js';
import { InputError } from '../dataset/problems.js';
import { readRun } from './read-run.js';

const work = mkdtempSync(join(tmpdir(), 'lodestone-read-run-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const folder = () => {
  const dir = join(work, `run-${n++}`);
  writeRunFolder(dir, toyRun());
  return dir;
};
const problemsOf = (dir: string) => {
  try {
    readRun(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError');
};

describe('readRun', () => {
  it('reads a run folder back into typed rows', () => {
    const run = readRun(folder());
    const toy = toyRun();
    expect(run.manifest).toEqual(toy.manifest);
    expect(run.production).toEqual(toy.production);
    expect(run.demand).toEqual(toy.demand);
    expect(run.bottlenecks).toEqual(toy.bottlenecks); // an empty stage stays an empty string
    expect(run.benchmarks).toEqual(toy.benchmarks); // met: booleans
    expect(run.selfSufficiency[2]!.ratio).toBe(1 - 1e-12);
    expect(run.missingOptional).toEqual([]);
  });

  it('says run.json is missing, naming the file and how to write it', () => {
    const dir = folder();
    unlinkSync(join(dir, 'run.json'));
    const [p, ...rest] = problemsOf(dir);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ severity: 'error', file: join(dir, 'run.json') });
    expect(p!.message).toMatch(/run\.json not found/);
    expect(p!.message).toContain('lodestone run SCENARIO --out DIR');
  });

  it('lists every missing table at once', () => {
    const dir = folder();
    unlinkSync(join(dir, 'trade.csv'));
    unlinkSync(join(dir, 'self_sufficiency.csv'));
    const problems = problemsOf(dir);
    expect(problems.map((p) => p.file)).toEqual([join(dir, 'trade.csv'), join(dir, 'self_sufficiency.csv')]);
    expect(problems[0]!.message).toMatch(
      /^trade\.csv not found: the report needs it; write the run folder with `lodestone run SCENARIO --out DIR`$/,
    );
    expect(String(new InputError(problems).message)).toContain('self_sufficiency.csv');
  });

  it('reads a run without the optional tables (policies, benchmarks)', () => {
    const dir = folder();
    unlinkSync(join(dir, 'policies.csv'));
    unlinkSync(join(dir, 'benchmarks.csv'));
    const run = readRun(dir);
    expect(run.policies).toEqual([]);
    expect(run.benchmarks).toEqual([]);
    expect(run.missingOptional).toEqual(['policies.csv', 'benchmarks.csv']);
  });

  it('points at a missing column and at a value that is not a number', () => {
    const dir = folder();
    writeFileSync(join(dir, 'demand.csv'), 'period,region,demand,unit\n2030,CN,1,t magnet\n');
    writeFileSync(
      join(dir, 'trade.csv'),
      'period,material,tag,from_region,to_region,amount,unit\n2030,x,cn,CN,US,lots,t REO\n',
    );
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: join(dir, 'demand.csv'),
        line: 1,
        message: expect.stringMatching(/missing column\(s\) application, material, served_free/),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: join(dir, 'trade.csv'),
        line: 2,
        field: 'amount',
        message: 'expected a number, got "lots"',
      }),
    );
  });

  it('checks the parts of run.json it uses', () => {
    const dir = folder();
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ scenario: { name: 's' }, periods: [] }));
    const fields = problemsOf(dir).map((p) => p.field);
    expect(fields).toEqual(['dataset.name', 'dataset.hash', 'lodestone_version', 'periods']);
    writeFileSync(join(dir, 'run.json'), '{ not json');
    expect(problemsOf(dir)[0]!.message).toMatch(/^not valid JSON/);
  });
});
