/** Reads a run folder written by `lodestone run --out DIR`: run.json and the CSV tables the report uses. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Measure } from '../analysis/self-sufficiency.js';
import { InputError, type Problem } from '../dataset/problems.js';
import { McManifest, parseManifestText, RunManifest } from '../run-folder/manifest.js';
import { HOW_TO_WRITE, parseTable } from '../run-folder/read.js';
import type { RowOf, TableName } from '../run-folder/tables.js';
import { type PlanData, readPlan } from './plan.js';
import type { McData, RunData, SelfSufficiencyRow } from './types.js';

/** Monte Carlo tables (`lodestone mc SCENARIO --out DIR`): the report adds an uncertainty section when present. */
const MC_TABLES = [
  'mc_summary',
  'mc_self_sufficiency',
  'mc_sensitivity',
] as const satisfies readonly TableName[];

/** Checks the parts of run.json the report uses. */
export const parseManifest = (text: string, file: string, problems: Problem[]): RunManifest | undefined =>
  parseManifestText(RunManifest, text, file, problems);

/** The parts of mc.json the report shows; fields of the wrong type are left out, not errors. */
export const parseMcManifest = (text: string, file: string, problems: Problem[]): McManifest =>
  parseManifestText(McManifest, text, file, problems) ?? {};

/** A run folder's files, read by name: a folder on disk, or the workbench's stored copy. */
export interface RunFiles {
  /** How a file is named in messages. */
  path(name: string): string;
  /** The file's text; undefined when there is no such file. */
  read(name: string): string | undefined;
}

export function folderFiles(dir: string): RunFiles {
  return {
    path: (name) => join(dir, name),
    read: (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined),
  };
}

/**
 * Reads the Monte Carlo outputs in a run folder: undefined when there are none (no mc_summary.csv,
 * mc_self_sufficiency.csv, mc_sensitivity.csv or mc.json). Any one of them may be missing.
 */
export function readMc(files: RunFiles, problems: Problem[]): McData | undefined {
  const texts = new Map(
    [...MC_TABLES.map((n) => `${n}.csv`), 'mc.json'].map((f) => [f, files.read(f)] as const),
  );
  if ([...texts.values()].every((t) => t === undefined)) return undefined;
  const read = <N extends (typeof MC_TABLES)[number]>(name: N) => {
    const text = texts.get(`${name}.csv`);
    return text === undefined ? [] : parseTable(name, text, files.path(`${name}.csv`), problems);
  };
  const manifest = texts.get('mc.json');
  return {
    manifest: manifest === undefined ? {} : parseMcManifest(manifest, files.path('mc.json'), problems),
    summary: read('mc_summary'),
    selfSufficiency: read('mc_self_sufficiency'),
    sensitivity: read('mc_sensitivity'),
  };
}

/**
 * Reads a run folder. Throws an InputError listing every problem at once: a missing run.json or
 * required CSV (naming the file and how to write it), a missing column, a value that is not a number.
 */
export function readRun(runDir: string): RunData {
  return readRunFiles(folderFiles(runDir), `${runDir} is not a run folder`);
}

/** Self-sufficiency rows with their measure: folders written before it had one chain figure, the upper bound. */
export function withMeasure(rows: readonly RowOf<'self_sufficiency'>[]): SelfSufficiencyRow[] {
  return rows.map((r) => ({
    ...r,
    measure: (r.measure || (r.stage === 'chain' ? 'upper_bound' : 'capacity')) as Measure,
  }));
}

/** `notARun` says what it means that run.json is missing. */
export function readRunFiles(files: RunFiles, notARun = 'not a run folder'): RunData {
  const problems: Problem[] = [];
  const manifestFile = files.path('run.json');
  const manifestText = files.read('run.json');
  let manifest: RunManifest | undefined;
  if (manifestText === undefined) {
    problems.push({
      severity: 'error',
      file: manifestFile,
      message: `run.json not found: ${notARun}; ${HOW_TO_WRITE}`,
    });
  } else {
    manifest = parseManifest(manifestText, manifestFile, problems);
  }
  const missingOptional: string[] = [];
  /** A table's rows; a missing one is a problem when the report needs it. */
  const read = <N extends TableName>(name: N, required = true): RowOf<N>[] => {
    const file = files.path(`${name}.csv`);
    const text = files.read(`${name}.csv`);
    if (text !== undefined) return parseTable(name, text, file, problems);
    if (required) {
      problems.push({
        severity: 'error',
        file,
        message: `${name}.csv not found: the report needs it; ${HOW_TO_WRITE}`,
      });
    } else missingOptional.push(`${name}.csv`);
    return [];
  };
  const run = {
    production: read('production'),
    trade: read('trade'),
    demand: read('demand'),
    prices: read('prices'),
    capacity: read('capacity'),
    concentration: read('concentration'),
    importReliance: read('import_reliance'),
    selfSufficiency: withMeasure(read('self_sufficiency')),
    bottlenecks: read('bottlenecks'),
    policies: read('policies', false),
    benchmarks: read('benchmarks', false),
    priceBenchmarks: read('price_benchmarks', false),
    substitution: read('substitution', false),
  };
  const mc = readMc(files, problems);
  let plan: PlanData | undefined;
  try {
    plan = readPlan(files);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems);
  }
  if (problems.some((p) => p.severity === 'error') || manifest === undefined) throw new InputError(problems);
  return {
    manifest,
    ...run,
    missingOptional,
    ...(mc === undefined ? {} : { mc }),
    ...(plan === undefined ? {} : { plan }),
  };
}
