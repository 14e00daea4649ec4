/**
 * Concentration of each stage's output across countries: the share made in the run's taint set
 * (China, for the set china), the top-1 and top-3 shares, and the Herfindahl–Hirschman index
 * HHI = Σ (100·sᵢ)² on 0–10,000.
 */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import type { Taint } from '../scenario/taint.js';
import { stageOutputByRegion } from './stage-output.js';

export interface ConcentrationRow {
  readonly period: string;
  readonly stage: string;
  /** Stage output, t REO content. */
  readonly output: number;
  /** Share made in the regions of the run's taint set. */
  readonly taint_share: number;
  readonly top1_country: string;
  readonly top1_share: number;
  readonly top3_share: number;
  readonly hhi: number;
}

export function hhi(shares: readonly number[]): number {
  return shares.reduce((s, x) => s + (100 * x) ** 2, 0);
}

export function concentration(p: PeriodResult, dataset: Dataset, taint: Taint): ConcentrationRow[] {
  const taints = new Set(taint.regions);
  const rows: ConcentrationRow[] = [];
  for (const [stage, byRegion] of stageOutputByRegion(p, dataset)) {
    const total = [...byRegion.values()].reduce((a, b) => a + b, 0);
    if (total <= 0) continue;
    const ranked = [...byRegion]
      .map(([region, v]) => [region, v / total] as const)
      .sort((a, b) => b[1] - a[1]);
    rows.push({
      period: p.period.label,
      stage,
      output: total,
      taint_share: ranked.filter(([r]) => taints.has(r)).reduce((s, [, x]) => s + x, 0),
      top1_country: ranked[0]![0],
      top1_share: ranked[0]![1],
      top3_share: ranked.slice(0, 3).reduce((s, [, x]) => s + x, 0),
      hhi: hhi(ranked.map(([, x]) => x)),
    });
  }
  return rows;
}
