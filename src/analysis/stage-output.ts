/**
 * Output per stage and region, in tonnes of REO content: what concentration measures. Only each
 * stage's own product counts (concentrate from mining, oxide from separation, metal and alloy from
 * metal making, magnets from magnet making; anything but scrap from recycling), so intermediates
 * such as a cracked concentrate are not counted twice.
 */
import type { Dataset, LoadedMaterial } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import type { Form } from '../units/units.js';

const PRODUCT: Record<string, readonly Form[]> = {
  mining: ['concentrate'],
  separation: ['oxide'],
  metal: ['metal', 'alloy'],
  magnet: ['magnet'],
  recycling: ['concentrate', 'oxide', 'metal', 'alloy', 'magnet'],
};

/** `content` counts another measure than t REO per canonical unit (e.g. the magnet elements' REO only). */
export function stageOutputByRegion(
  p: PeriodResult,
  dataset: Dataset,
  content: (m: LoadedMaterial) => number = (m) => m.reo_per_unit,
): Map<string, Map<string, number>> {
  const materials = new Map(dataset.materials.map((m) => [m.id, m]));
  const out = new Map<string, Map<string, number>>();
  for (const r of p.production) {
    const m = materials.get(r.material)!;
    if (!PRODUCT[r.stage]?.includes(m.form as Form)) continue;
    const byRegion = out.get(r.stage) ?? new Map<string, number>();
    byRegion.set(r.region, (byRegion.get(r.region) ?? 0) + r.amount * content(m));
    out.set(r.stage, byRegion);
  }
  return out;
}
