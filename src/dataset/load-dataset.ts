/**
 * Loads a dataset folder: reads every table, validates every row and cross-reference, converts
 * units, and either returns the dataset with its warnings or throws an InputError listing every
 * problem at once.
 */

import { DatasetMeta } from '../schema/dataset-meta.js';
import { TABLES, type TableName } from '../schema/tables.js';
import { applyPatch, type DatasetPatch } from './apply-patch.js';
import { applySchedule, type Schedule } from './apply-schedule.js';
import { toCanonical } from './canonical.js';
import { checkCrossReferences, type RawDataset } from './cross-references.js';
import { type DatasetFiles, datasetHash, readDatasetFolder } from './dataset-files.js';
import { decodeUtf8 } from './decode.js';
import { parseYaml } from './parse-yaml.js';
import { type Problem, ProblemList } from './problems.js';
import { findTableFile, type RawTable, readTable, TABLE_EXTENSIONS } from './read-table.js';
import { checkSupplyPaths } from './supply-paths.js';
import type { Dataset } from './types.js';
import { validateRows } from './validate-rows.js';

export interface LoadResult {
  readonly dataset: Dataset;
  readonly warnings: readonly Problem[];
}

export interface LoadOptions {
  /** A scenario's changes to the dataset. */
  readonly patch?: DatasetPatch;
  /** A scenario's delays and cancellations. */
  readonly schedule?: Schedule;
}

/** Loads a dataset folder from disk (see `loadDatasetFiles`). */
export function loadDataset(dir: string, options: LoadOptions = {}): LoadResult {
  return loadDatasetFiles(readDatasetFolder(dir), options);
}

/** Loads a dataset from its files in memory: no I/O, so the CLI, the server and workers share it. */
export function loadDatasetFiles(input: DatasetFiles, options: LoadOptions = {}): LoadResult {
  const problems = new ProblemList();
  const contents = new Map(input.files.map((f) => [f.name, f.content]));
  const names = new Set(contents.keys());
  const meta = readMeta(input, contents, problems);
  const tableNames = Object.keys(TABLES) as TableName[];
  const tables = new Map<string, RawTable>();
  for (const name of tableNames) {
    const file = findTableFile(names, name, problems);
    if (file !== undefined) tables.set(name, readTable(file, contents.get(file)!, problems));
    else {
      if (TABLES[name].required) {
        problems.error(
          `${name}.csv`,
          undefined,
          undefined,
          `missing table; expected ${name}.csv or ${name}.yaml in ${input.location}`,
        );
      }
      tables.set(name, { file: `${name}.yaml`, records: [] });
    }
  }
  if (options.patch) applyPatch(tables, options.patch, problems);
  const raw = {} as RawDataset;
  const declared: Record<string, Set<string>> = {};
  for (const name of tableNames) {
    const table = tables.get(name)!;
    declared[name] = new Set(
      table.records.map((r) => r.value.id).filter((v): v is string => typeof v === 'string'),
    );
    (raw as unknown as Record<string, unknown>)[name] = validateRows(table, TABLES[name].schema, problems);
  }
  warnUnknownFiles(names, tableNames, problems);
  checkCrossReferences(raw, problems, declared);
  checkSupplyPaths(raw, problems);
  // Units are checked even when other problems were found, so one pass reports them all.
  const canonical = toCanonical(raw, problems);
  problems.throwIfErrors();
  warnUnusedSources(raw, problems);

  const dataset: Dataset = applySchedule(
    {
      location: input.location,
      hash: datasetHash(input.files),
      meta,
      sources: raw.sources.map((r) => r.row),
      regions: raw.regions.map((r) => r.row),
      taint_sets: raw.taint_sets.map((r) => r.row),
      ...canonical,
    },
    options.schedule ?? {},
  );
  return { dataset, warnings: problems.items.filter((p) => p.severity === 'warning') };
}

function readMeta(
  input: DatasetFiles,
  contents: ReadonlyMap<string, Uint8Array>,
  problems: ProblemList,
): DatasetMeta {
  const file = ['dataset.yaml', 'dataset.yml'].find((f) => contents.has(f));
  if (!file) return { name: input.name };
  const text = decodeUtf8(file, contents.get(file)!, problems);
  const yaml = text === undefined ? undefined : parseYaml(text, file, problems);
  if (!yaml) return { name: 'dataset' };
  const parsed = DatasetMeta.safeParse(yaml.value ?? {});
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const node = yaml.doc.getIn(issue.path as PropertyKey[], true) as { range?: [number] } | undefined;
    const line = yaml.lineAt(node?.range?.[0] ?? yaml.doc.contents?.range?.[0]) ?? 1;
    problems.error(file, line, issue.path.join('.') || undefined, issue.message);
  }
  return { name: 'dataset' };
}

function warnUnknownFiles(files: Iterable<string>, names: readonly string[], problems: ProblemList): void {
  for (const f of files) {
    const ext = TABLE_EXTENSIONS.find((e) => f.endsWith(e));
    if (!ext || f.startsWith('dataset.')) continue;
    if (!names.includes(f.slice(0, -ext.length))) {
      problems.warn(
        f,
        undefined,
        undefined,
        `not a table Lodestone reads (expected one of: ${names.join(', ')}); ignored`,
      );
    }
  }
}

function warnUnusedSources(raw: RawDataset, problems: ProblemList): void {
  const used = new Set<string>();
  for (const rows of Object.values(raw) as { row: { source_ids?: string[] } }[][]) {
    for (const r of rows) for (const s of r.row.source_ids ?? []) used.add(s);
  }
  for (const s of raw.sources) {
    if (!used.has(s.row.id))
      problems.warn(s.file, s.line, 'id', `source "${s.row.id}" is not used by any record`);
  }
}
