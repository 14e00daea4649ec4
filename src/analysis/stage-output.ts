/** Output per stage and region, in tonnes of REO content (scrap left out): what concentration measures. */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';

export function stageOutputByRegion(p: PeriodResult, dataset: Dataset): Map<string, Map<string, number>> {
  const materials = new Map(dataset.materials.map((m) => [m.id, m]));
  const out = new Map<string, Map<string, number>>();
  for (const r of p.production) {
    const m = materials.get(r.material)!;
    if (m.form === 'scrap') continue;
    const byRegion = out.get(r.stage) ?? new Map<string, number>();
    byRegion.set(r.region, (byRegion.get(r.region) ?? 0) + r.amount * m.reo_per_unit);
    out.set(r.stage, byRegion);
  }
  return out;
}
