/**
 * The draws of a Monte Carlo run saved as they finish, so that a crash (kill -9, power loss) loses at
 * most the batches in flight and `mc --resume` runs only the missing draws. One JSON object a line:
 * first a header saying which job the draws belong to, then each finished draw (the objects
 * mc_draws.jsonl.gz holds), appended and fsynced batch by batch. A crash can tear the last line; it
 * is dropped on resume. The file is removed once the run's outputs are written complete.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { InputError, type Problem } from '../dataset/problems.js';
import type { DrawResult } from '../uncertainty/draw.js';

export const PARTIAL_DRAWS_FILE = 'mc_draws.partial.jsonl';

/** What makes two runs' draws interchangeable: the same inputs, seed, draw count, blocs and code. */
export const PartialDrawsHeader = z.strictObject({
  lodestone_mc_draws: z.literal(1),
  lodestone_version: z.string(),
  scenario_file: z.string(),
  dataset_hash: z.string(),
  /** `inputsHash`: the scenario, the scenarios it extends, and the dataset's files. */
  inputs_hash: z.string(),
  seed: z.number().int(),
  /** --sampling; draws saved before it existed were random. */
  sampling: z.enum(['random', 'lhs', 'sobol']).default('random'),
  /** --precision, when the run draws until the intervals are narrow enough (draws_requested is then the cap). */
  precision: z.number().optional(),
  draws_requested: z.number().int(),
  /** Ids of the blocs tracked, in the dataset's order. */
  blocs: z.array(z.string()),
});
export type PartialDrawsHeader = z.infer<typeof PartialDrawsHeader>;

const DrawLine = z.object({
  draw: z.number().int().nonnegative(),
  values: z.record(z.string(), z.number()),
  metrics: z.record(z.string(), z.array(z.number())),
});

/** The open file of saved draws. */
export interface PartialDraws {
  readonly path: string;
  /** Appends a finished batch and flushes it to disk. */
  append(draws: readonly DrawResult[]): void;
  close(): void;
  /** Closes and deletes the file (the run's outputs now hold every draw). */
  remove(): void;
}

/** Writes one JSON object a line and flushes them to disk. */
function writeLines(fd: number, objects: readonly unknown[]): void {
  writeFileSync(fd, objects.map((o) => `${JSON.stringify(o)}\n`).join(''));
  fsyncSync(fd);
}

function open(path: string, fd: number): PartialDraws {
  let closed = false;
  const close = () => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  return {
    path,
    append: (draws) => writeLines(fd, draws),
    close,
    remove() {
      close();
      rmSync(path, { force: true });
    },
  };
}

/** Opens the file at `path` anew, its header written and flushed before any draw. */
function create(path: string, header: PartialDrawsHeader): PartialDraws {
  const fd = openSync(path, 'w');
  writeLines(fd, [header]);
  // The folder's entry for the new file, flushed too.
  const folder = openSync(dirname(path), 'r');
  fsyncSync(folder);
  closeSync(folder);
  return open(path, fd);
}

/**
 * Starts saving the draws of a new run in `dir` (which must exist). Refuses when the folder already
 * holds the draws of a run that did not finish, rather than overwrite them.
 */
export function startPartialDraws(dir: string, header: PartialDrawsHeader): PartialDraws {
  const path = join(dir, PARTIAL_DRAWS_FILE);
  if (existsSync(path))
    throw new InputError([
      {
        severity: 'error',
        file: path,
        message:
          'holds the draws of an earlier run that did not finish: add --resume to complete it, or delete the file to start afresh',
      },
    ]);
  return create(path, header);
}

/**
 * Reads back the draws a run saved in `dir` and reopens the file to append the rest. Refuses (an
 * InputError naming each difference) when they were made for another job than `header` describes.
 */
export function resumePartialDraws(
  dir: string,
  header: PartialDrawsHeader,
): { file: PartialDraws; draws: DrawResult[] } {
  const path = join(dir, PARTIAL_DRAWS_FILE);
  if (!existsSync(path))
    throw new InputError([
      {
        severity: 'error',
        file: path,
        field: '--resume',
        message: 'not found: nothing to resume (a run that finished removes it); run without --resume',
      },
    ]);
  const text = readFileSync(path, 'utf8');
  // Whatever follows the last newline is a line torn by a crash.
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const rows = complete.split('\n').slice(0, -1);
  // Torn in its header: no draw was saved, start the file again.
  if (rows.length === 0) return { file: create(path, header), draws: [] };
  const problem = (line: number, message: string, field?: string): Problem => ({
    severity: 'error',
    file: path,
    line,
    field,
    message,
  });
  const saved = PartialDrawsHeader.safeParse(parseJson(rows[0]!));
  if (!saved.success)
    throw new InputError([problem(1, 'expected the header of a Lodestone Monte Carlo draws file')]);
  const differences = headerDifferences(saved.data, header).map((d) => problem(1, d.message, d.field));
  if (differences.length > 0) throw new InputError(differences);
  const draws: DrawResult[] = [];
  const seen = new Set<number>();
  rows.slice(1).forEach((row, i) => {
    const json = parseJson(row);
    if (!DrawLine.safeParse(json).success)
      throw new InputError([problem(i + 2, 'expected a draw: {"draw", "values", "metrics"}')]);
    // Kept as parsed, not as zod rebuilds it, so that it prints back the same.
    const draw = json as DrawResult;
    if (draw.draw >= header.draws_requested || seen.has(draw.draw))
      throw new InputError([
        problem(
          i + 2,
          `draw ${draw.draw} is ${seen.has(draw.draw) ? 'saved twice' : 'beyond the draws requested'}`,
        ),
      ]);
    seen.add(draw.draw);
    draws.push(draw);
  });
  const fd = openSync(path, 'r+');
  ftruncateSync(fd, Buffer.byteLength(complete));
  fsyncSync(fd);
  closeSync(fd);
  return { file: open(path, openSync(path, 'a')), draws };
}

function parseJson(row: string): unknown {
  try {
    return JSON.parse(row);
  } catch {
    return undefined;
  }
}

/** What differs between the job the saved draws belong to and the one asked for now. */
export function headerDifferences(
  saved: PartialDrawsHeader,
  now: PartialDrawsHeader,
): { field: string; message: string }[] {
  const was = 'the saved draws were made';
  const out: { field: string; message: string }[] = [];
  if (saved.lodestone_version !== now.lodestone_version)
    out.push({
      field: 'lodestone_version',
      message: `${was} by Lodestone ${saved.lodestone_version}, this is ${now.lodestone_version} (numbers may differ between versions)`,
    });
  if (saved.scenario_file !== now.scenario_file)
    out.push({
      field: 'scenario_file',
      message: `${was} from scenario file "${saved.scenario_file}", this run names "${now.scenario_file}"`,
    });
  if (saved.dataset_hash !== now.dataset_hash)
    out.push({
      field: 'dataset_hash',
      message: `${was} on another dataset (sha256 ${saved.dataset_hash.slice(0, 12)}…, this run's is ${now.dataset_hash.slice(0, 12)}…)`,
    });
  else if (saved.scenario_file === now.scenario_file && saved.inputs_hash !== now.inputs_hash)
    out.push({
      field: 'inputs_hash',
      message: `${was} from another text of the scenario (or of a scenario it extends)`,
    });
  if (saved.seed !== now.seed)
    out.push({ field: 'seed', message: `${was} with --seed ${saved.seed}, this run asks for ${now.seed}` });
  if (saved.sampling !== now.sampling)
    out.push({
      field: 'sampling',
      message: `${was} with --sampling ${saved.sampling}, this run asks for ${now.sampling}`,
    });
  if (saved.precision !== now.precision)
    out.push({
      field: 'precision',
      message: `${was} with ${saved.precision === undefined ? 'no --precision' : `--precision ${saved.precision}`}, this run asks for ${now.precision === undefined ? 'none' : now.precision}`,
    });
  if (saved.draws_requested !== now.draws_requested)
    out.push({
      field: 'draws_requested',
      message: `${was} for --draws ${saved.draws_requested}, this run asks for ${now.draws_requested}`,
    });
  if (saved.blocs.join(',') !== now.blocs.join(','))
    out.push({
      field: 'blocs',
      message: `${was} tracking blocs ${saved.blocs.join(',') || 'none'}, this run asks for ${now.blocs.join(',') || 'none'}`,
    });
  return out;
}
