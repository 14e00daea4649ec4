/** The recycled share of supply: recycling output over mining plus recycling output (REO content), per region and for the world. */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import { stageOutputByRegion } from './stage-output.js';

export interface RecycledShareRow {
  readonly period: string;
  /** A region id, or "world". */
  readonly region: string;
  /** t REO. */
  readonly recycled: number;
  readonly mined: number;
  readonly share: number;
}

export function recycledShare(p: PeriodResult, dataset: Dataset): RecycledShareRow[] {
  const output = stageOutputByRegion(p, dataset);
  const mined = output.get('mining') ?? new Map<string, number>();
  const recycled = output.get('recycling') ?? new Map<string, number>();
  const regions = [...new Set([...mined.keys(), ...recycled.keys()])];
  const row = (region: string, r: number, m: number): RecycledShareRow => ({
    period: p.period.label,
    region,
    recycled: r,
    mined: m,
    share: r + m > 0 ? r / (r + m) : 0,
  });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return [
    ...regions.map((r) => row(r, recycled.get(r) ?? 0, mined.get(r) ?? 0)),
    row('world', sum(recycled), sum(mined)),
  ];
}
