/** Writes a comparison: compare.csv (key outputs side by side, with differences) and demand_diff.csv. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ComparisonRow } from '../analysis/compare.js';
import { round6 } from '../run-folder/write.js';
import type { RunResult } from './types.js';

// A scenario without the row leaves its cell empty.
const num = (x: number) => (Number.isNaN(x) ? '' : round6(x));

export function writeComparison(
  runs: readonly RunResult[],
  rows: readonly ComparisonRow[],
  dir: string,
): string[] {
  mkdirSync(dir, { recursive: true });
  const names = runs.map((r) => r.scenario.name);
  const [base, ...others] = names;
  const diffs = others.map((n) => `${n}_minus_${base}`);
  const compare = join(dir, 'compare.csv');
  writeFileSync(
    compare,
    stringify([
      ['period', 'output', 'item', 'unit', ...names, ...diffs],
      ...rows.map((r) => [
        r.period,
        r.group,
        r.item,
        r.unit,
        ...r.values.map(num),
        ...r.values.slice(1).map((v) => num(v - r.values[0]!)),
      ]),
    ]),
  );
  // Demand served per scenario, for every period, region, application and material.
  const demand = join(dir, 'demand_diff.csv');
  const key = (p: string, d: { region: string; application: string; material: string }) =>
    `${p}|${d.region}|${d.application}|${d.material}`;
  const byKey = new Map<string, { cells: string[]; unit: string; served: number[]; short: number[] }>();
  runs.forEach((run, i) => {
    for (const p of run.periods) {
      for (const d of p.demand) {
        const k = key(p.period.label, d);
        const e = byKey.get(k) ?? {
          cells: [p.period.label, d.region, d.application, d.material],
          unit: d.unit,
          served: runs.map(() => Number.NaN),
          short: runs.map(() => Number.NaN),
        };
        e.served[i] = d.served_free;
        e.short[i] = d.short;
        byKey.set(k, e);
      }
    }
  });
  writeFileSync(
    demand,
    stringify([
      [
        'period',
        'region',
        'application',
        'material',
        'unit',
        ...names.map((n) => `served_free_${n}`),
        ...names.map((n) => `short_${n}`),
        ...others.map((n) => `short_${n}_minus_${base}`),
      ],
      ...[...byKey.values()].map((e) => [
        ...e.cells,
        e.unit,
        ...e.served.map(num),
        ...e.short.map(num),
        ...e.short.slice(1).map((v) => num(v - e.short[0]!)),
      ]),
    ]),
  );
  return [compare, demand];
}
