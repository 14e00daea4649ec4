import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toyRun, toySubstitution, writeRunFolder } from '../../test/report/run-fixture.js';
import { InputError } from '../dataset/problems.js';
import { CHINA } from '../model/taint.js';
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
    expect(run.priceBenchmarks).toEqual(toy.priceBenchmarks);
    expect(run.bottlenecks).toEqual(toy.bottlenecks); // an empty stage stays an empty string
    expect(run.benchmarks).toEqual(toy.benchmarks); // met: booleans
    expect(run.selfSufficiency).toEqual(toy.selfSufficiency); // measure and ratio (1 − 1e-12) round-trip
    expect(run.concentration).toEqual(toy.concentration);
    expect(run.missingOptional).toEqual([]);
  });

  it('reads a folder written before taint sets and chain measures: China, and its one chain figure an upper bound', () => {
    const dir = folder();
    const edit = (file: string, f: (s: string) => string) =>
      writeFileSync(join(dir, file), f(readFileSync(join(dir, file), 'utf8')));
    edit('run.json', (s) => {
      const { taint: _, ...old } = JSON.parse(s);
      return JSON.stringify(old);
    });
    edit('concentration.csv', (s) => s.replace('taint_share', 'china_share'));
    edit('self_sufficiency.csv', (s) => {
      const [head = '', ...rows] = s.trimEnd().split('\n');
      const drop = head.split(',').indexOf('measure');
      const cut = (line: string) =>
        line
          .split(',')
          .filter((_, i) => i !== drop)
          .join(',');
      return `${[head, ...rows.filter((r) => r.includes('upper_bound') || !r.includes(',chain,'))].map(cut).join('\n')}\n`;
    });
    const run = readRun(dir);
    expect(run.manifest.taint).toEqual(CHINA);
    expect(run.concentration[0]!.taint_share).toBe(toyRun().concentration[0]!.taint_share);
    expect(new Set(run.selfSufficiency.map((r) => `${r.stage} ${r.measure}`))).toEqual(
      new Set(['magnet capacity', 'chain upper_bound']),
    );
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

  it('reads a run without the optional tables (policies, benchmarks, price benchmarks, substitution)', () => {
    const dir = folder();
    unlinkSync(join(dir, 'policies.csv'));
    unlinkSync(join(dir, 'benchmarks.csv'));
    unlinkSync(join(dir, 'price_benchmarks.csv'));
    unlinkSync(join(dir, 'substitution.csv'));
    const run = readRun(dir);
    expect(run.policies).toEqual([]);
    expect(run.benchmarks).toEqual([]);
    expect(run.priceBenchmarks).toEqual([]);
    expect(run.substitution).toEqual([]);
    expect(run.missingOptional).toEqual([
      'policies.csv',
      'benchmarks.csv',
      'price_benchmarks.csv',
      'substitution.csv',
    ]);
  });

  it('reads substitution.csv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lodestone-read-sub-'));
    writeRunFolder(dir, { ...toyRun(), substitution: toySubstitution() });
    const run = readRun(dir);
    expect(run.substitution).toEqual(toySubstitution());
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a demand table written before demand curves as nothing given up', () => {
    const dir = folder();
    const file = join(dir, 'demand.csv');
    const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const at = header!.split(',').indexOf('destroyed');
    const drop = (line: string) =>
      line
        .split(',')
        .filter((_, i) => i !== at)
        .join(',');
    writeFileSync(file, `${[header!, ...rows].map(drop).join('\n')}\n`);
    const run = readRun(dir);
    expect(run.demand.map((d) => d.destroyed)).toEqual(toyRun().demand.map(() => 0));
    expect(run.demand.map((d) => d.short)).toEqual(toyRun().demand.map((d) => d.short));
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
