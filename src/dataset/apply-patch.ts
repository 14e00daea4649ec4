/**
 * Applies a scenario's changes to the raw tables of a dataset, before validation, so that added
 * and overridden records are checked like any other and their problems point at the scenario file.
 */
import type { ProblemList } from './problems.js';
import type { RawRecord, RawTable } from './read-table.js';

/** A record that comes from a scenario file, with where it was written. */
export interface PatchItem<T> {
  readonly value: T;
  readonly file: string;
  readonly line: number | undefined;
}

/** What a scenario changes in its dataset: added records (policies too), overrides, removals. */
export interface DatasetPatch {
  readonly add: readonly PatchItem<{ table: string; record: Record<string, unknown> }>[];
  readonly overrides: readonly PatchItem<{ table: string; id: string; set: Record<string, unknown> }>[];
  readonly removePolicies: readonly PatchItem<string>[];
}

export const EMPTY_PATCH: DatasetPatch = { add: [], overrides: [], removePolicies: [] };

export function applyPatch(tables: Map<string, RawTable>, patch: DatasetPatch, problems: ProblemList): void {
  const table = (name: string, file: string, line: number | undefined, field: string) => {
    const t = tables.get(name);
    if (!t)
      problems.error(
        file,
        line,
        field,
        `unknown table "${name}"; expected one of ${[...tables.keys()].join(', ')}`,
      );
    return t;
  };
  for (const { value, file, line } of patch.add) {
    const t = table(value.table, file, line, `add.${value.table}`);
    t?.records.push(located(value.record, file, line));
  }
  for (const { value, file, line } of patch.overrides) {
    const t = table(value.table, file, line, 'overrides.table');
    if (!t) continue;
    const i = t.records.findIndex((r) => r.value.id === value.id);
    if (i < 0) {
      problems.error(file, line, 'overrides.id', `no record "${value.id}" in ${value.table}`);
      continue;
    }
    t.records[i] = located({ ...t.records[i]!.value, ...value.set }, file, line);
  }
  const policies = tables.get('policies');
  for (const { value, file, line } of patch.removePolicies) {
    const i = policies?.records.findIndex((r) => r.value.id === value) ?? -1;
    if (i < 0) problems.error(file, line, 'remove_policies', `no policy "${value}" to remove`);
    else policies!.records.splice(i, 1);
  }
}

const located = (value: Record<string, unknown>, file: string, line: number | undefined): RawRecord => ({
  value,
  file,
  line,
  lineOf: () => line,
});
