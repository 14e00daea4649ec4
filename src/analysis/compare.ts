/** Key outputs of several runs side by side, with each run's difference from the first. */
import type { RunResult } from '../results/types.js';
import { type KeyOutput, keyOutputs } from './key-outputs.js';

export interface ComparisonRow {
  readonly period: string;
  readonly group: string;
  readonly item: string;
  readonly unit: string;
  /** One value per run, in the order given; NaN where a run lacks the item. */
  readonly values: readonly number[];
}

export function compareRuns(runs: readonly RunResult[], oxides: ReadonlySet<string>): ComparisonRow[] {
  return compareKeyOutputs(runs.map((run) => keyOutputs(run, oxides)));
}

/** Key outputs of several runs (one list per run, e.g. read back from stored runs), side by side. */
export function compareKeyOutputs(runs: readonly (readonly KeyOutput[])[]): ComparisonRow[] {
  const rows = new Map<string, { row: Omit<ComparisonRow, 'values'>; values: number[] }>();
  runs.forEach((outputs, i) => {
    for (const k of outputs) {
      const key = `${k.period}|${k.group}|${k.item}`;
      const entry = rows.get(key) ?? { row: pick(k), values: runs.map(() => Number.NaN) };
      entry.values[i] = k.value;
      rows.set(key, entry);
    }
  });
  return [...rows.values()].map(({ row, values }) => ({ ...row, values }));
}

const pick = ({ period, group, item, unit }: KeyOutput) => ({ period, group, item, unit });

/** Whether a row is worth showing: the runs differ, or it is a shortfall or China-free share. */
export function differs(row: ComparisonRow, relTol = 1e-6): boolean {
  const [first, ...rest] = row.values;
  return rest.some((v) => {
    if (Number.isNaN(v) !== Number.isNaN(first!)) return true;
    return Math.abs(v - first!) > relTol * Math.max(1, Math.abs(first!));
  });
}
