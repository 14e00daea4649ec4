/**
 * Loads a dataset folder: reads every table, validates every row and cross-reference, converts
 * units, and either returns the dataset with its warnings or throws an InputError listing every
 * problem at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { DatasetPatch } from '../scenario/load-scenario.js';
import { DatasetMeta } from '../schema/dataset-meta.js';
import { TABLES, type TableName } from '../schema/tables.js';
import { applyPatch } from './apply-patch.js';
import { applySchedule, type Schedule } from './apply-schedule.js';
import { toCanonical } from './canonical.js';
import { checkCrossReferences, type RawDataset } from './cross-references.js';
import { InputError, type Problem, ProblemList } from './problems.js';
import { findTableFile, type RawTable, readTable, TABLE_EXTENSIONS } from './read-table.js';
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

export function loadDataset(dirArg: string, options: LoadOptions = {}): LoadResult {
  const dir = resolve(dirArg);
  const problems = new ProblemList();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError([{ severity: 'error', file: dirArg, message: 'dataset folder not found' }]);
  }
  const meta = readMeta(dir, problems);
  const tableNames = Object.keys(TABLES) as TableName[];
  const tables = new Map<string, RawTable>();
  for (const name of tableNames) {
    const file = findTableFile(dir, name, problems);
    if (file !== undefined) tables.set(name, readTable(dir, file, problems));
    else {
      if (TABLES[name].required) {
        problems.error(
          `${name}.csv`,
          undefined,
          undefined,
          `missing table; expected ${name}.csv or ${name}.yaml in ${dirArg}`,
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
  warnUnknownFiles(dir, tableNames, problems);
  checkCrossReferences(raw, problems, declared);
  // Units are checked even when other problems were found, so one pass reports them all.
  const canonical = toCanonical(raw, problems);
  problems.throwIfErrors();
  warnUnusedSources(raw, problems);

  const dataset: Dataset = applySchedule(
    {
      dir,
      hash: hashFolder(dir),
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

function readMeta(dir: string, problems: ProblemList): DatasetMeta {
  const file = ['dataset.yaml', 'dataset.yml'].find((f) => existsSync(join(dir, f)));
  if (!file) return { name: dir.split(/[\\/]/).pop() ?? 'dataset' };
  let data: unknown;
  try {
    data = parseYaml(readFileSync(join(dir, file), 'utf8'));
  } catch (e) {
    problems.error(file, undefined, undefined, `not valid YAML: ${(e as Error).message}`);
    return { name: 'dataset' };
  }
  const parsed = DatasetMeta.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    problems.error(file, undefined, issue.path.join('.') || undefined, issue.message);
  return { name: 'dataset' };
}

function warnUnknownFiles(dir: string, names: readonly string[], problems: ProblemList): void {
  for (const f of readdirSync(dir)) {
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

function hashFolder(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (!statSync(p).isFile()) continue;
    h.update(f).update('\0').update(readFileSync(p)).update('\0');
  }
  return h.digest('hex');
}
