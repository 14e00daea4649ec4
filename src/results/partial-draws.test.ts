import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../dataset/problems.js';
import type { DrawResult } from '../uncertainty/draw.js';
import {
  PARTIAL_DRAWS_FILE,
  type PartialDrawsHeader,
  resumePartialDraws,
  startPartialDraws,
} from './partial-draws.js';

const work = mkdtempSync(join(tmpdir(), 'lodestone-partial-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;
const folder = () => {
  const dir = join(work, String(folders++));
  mkdirSync(dir);
  return dir;
};

const header: PartialDrawsHeader = {
  lodestone_mc_draws: 1,
  lodestone_version: '0.1.0',
  scenario_file: 'scenarios/x.yaml',
  dataset_hash: 'd'.repeat(64),
  inputs_hash: 'i'.repeat(64),
  seed: 3,
  sampling: 'random',
  draws_requested: 5,
  blocs: ['US', 'EU'],
};
const draw = (i: number): DrawResult => ({
  draw: i,
  values: { demand: 1 + i / 10, 'delay:us-sep': 0.1 * i },
  metrics: { 'short|US': [i, 0.1 + i], 'chain_self_sufficiency|US': [1 / 3, 2 / 7] },
});

/** The problems an InputError carries, formatted as the CLI prints them. */
function refusal(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError)
      return e.problems.map((p) => [p.line, p.field, p.message].filter((x) => x !== undefined).join(': '));
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('partial draws', () => {
  it('reads back what was saved, batch by batch, and appends the rest after it', () => {
    const dir = folder();
    const file = startPartialDraws(dir, header);
    file.append([draw(2), draw(0)]);
    file.append([draw(4)]);
    file.close();
    const resumed = resumePartialDraws(dir, header);
    expect(resumed.draws).toEqual([draw(2), draw(0), draw(4)]);
    resumed.file.append([draw(1), draw(3)]);
    resumed.file.close();
    expect(resumePartialDraws(dir, header).draws.map((d) => d.draw)).toEqual([2, 0, 4, 1, 3]);
  });

  it('drops a line torn by a crash, and appends after the last whole one', () => {
    const dir = folder();
    const file = startPartialDraws(dir, header);
    file.append([draw(0), draw(1)]);
    file.close();
    const path = join(dir, PARTIAL_DRAWS_FILE);
    appendFileSync(path, JSON.stringify(draw(2)).slice(0, 30));
    const resumed = resumePartialDraws(dir, header);
    expect(resumed.draws).toEqual([draw(0), draw(1)]);
    resumed.file.append([draw(2)]);
    resumed.file.close();
    const rows = readFileSync(path, 'utf8').split('\n');
    expect(rows.length).toBe(5); // header, 3 draws, and the empty string after the last newline
    expect(JSON.parse(rows[3]!)).toEqual(draw(2));
  });

  it('starts again when even the header was torn', () => {
    const dir = folder();
    writeFileSync(join(dir, PARTIAL_DRAWS_FILE), '{"lodestone_mc_dr');
    const resumed = resumePartialDraws(dir, header);
    expect(resumed.draws).toEqual([]);
    resumed.file.close();
    expect(resumePartialDraws(dir, header).draws).toEqual([]);
  });

  it('prints draws back exactly as they were written', () => {
    const dir = folder();
    const file = startPartialDraws(dir, header);
    const odd = { draw: 0, values: { b: 0.1 + 0.2, a: 1e-300 }, metrics: { 'z|1': [-0.5, 5e21] } };
    file.append([odd]);
    file.close();
    const [back] = resumePartialDraws(dir, header).draws;
    expect(JSON.stringify(back)).toBe(JSON.stringify(odd));
  });

  it('refuses to overwrite the draws of a run that did not finish', () => {
    const dir = folder();
    startPartialDraws(dir, header).close();
    expect(refusal(() => startPartialDraws(dir, header))).toEqual([
      'holds the draws of an earlier run that did not finish: add --resume to complete it, or delete the file to start afresh',
    ]);
  });

  it('names every difference from the job the saved draws belong to', () => {
    const dir = folder();
    startPartialDraws(dir, header).close();
    const other = {
      ...header,
      seed: 4,
      sampling: 'lhs' as const,
      draws_requested: 9,
      blocs: ['US'],
      inputs_hash: 'j'.repeat(64),
    };
    expect(refusal(() => resumePartialDraws(dir, other))).toEqual([
      '1: inputs_hash: the saved draws were made from another text of the scenario (or of a scenario it extends)',
      '1: seed: the saved draws were made with --seed 3, this run asks for 4',
      '1: sampling: the saved draws were made with --sampling random, this run asks for lhs',
      '1: draws_requested: the saved draws were made for --draws 5, this run asks for 9',
      '1: blocs: the saved draws were made tracking blocs US,EU, this run asks for US',
    ]);
    expect(
      refusal(() =>
        resumePartialDraws(dir, { ...header, dataset_hash: 'e'.repeat(64), lodestone_version: '0.2.0' }),
      ),
    ).toEqual([
      '1: lodestone_version: the saved draws were made by Lodestone 0.1.0, this is 0.2.0 (numbers may differ between versions)',
      "1: dataset_hash: the saved draws were made on another dataset (sha256 dddddddddddd…, this run's is eeeeeeeeeeee…)",
    ]);
  });

  it('reads draws saved before --sampling existed as random ones', () => {
    const dir = folder();
    const { sampling: _, ...older } = header;
    writeFileSync(join(dir, PARTIAL_DRAWS_FILE), `${JSON.stringify(older)}\n${JSON.stringify(draw(1))}\n`);
    const saved = resumePartialDraws(dir, header);
    saved.file.close();
    expect(saved.draws.map((d) => d.draw)).toEqual([1]);
  });

  it('refuses a file that is not saved draws, naming the line', () => {
    const dir = folder();
    const path = join(dir, PARTIAL_DRAWS_FILE);
    writeFileSync(path, '{"hello": 1}\n');
    expect(refusal(() => resumePartialDraws(dir, header))).toEqual([
      '1: expected the header of a Lodestone Monte Carlo draws file',
    ]);
    writeFileSync(
      path,
      `${JSON.stringify(header)}\n${JSON.stringify(draw(1))}\n{"draw": 2}\n${JSON.stringify(draw(3))}\n`,
    );
    expect(refusal(() => resumePartialDraws(dir, header))).toEqual([
      '3: expected a draw: {"draw", "values", "metrics"}',
    ]);
    writeFileSync(
      path,
      `${JSON.stringify(header)}\n${JSON.stringify(draw(1))}\n${JSON.stringify(draw(1))}\n`,
    );
    expect(refusal(() => resumePartialDraws(dir, header))).toEqual(['3: draw 1 is saved twice']);
  });

  it('has nothing to resume without the file', () => {
    expect(refusal(() => resumePartialDraws(folder(), header))).toEqual([
      '--resume: not found: nothing to resume (a run that finished removes it); run without --resume',
    ]);
  });
});
