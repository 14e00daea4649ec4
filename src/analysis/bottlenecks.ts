/**
 * Bottlenecks: binding capacities ranked by the value of one more unit (the capacity dual), and
 * the premium of China-free over China-touched material at each hub that has both.
 */
import type { PeriodResult } from '../results/types.js';

export interface BottleneckRow {
  readonly period: string;
  readonly kind: 'capacity' | 'china-free premium';
  /** Facility id, or "region material" for a premium. */
  readonly item: string;
  readonly region: string;
  readonly stage: string;
  /** USD/kg: of one more unit of capacity, or free price − cn price. */
  readonly value: number;
  readonly rank: number;
}

export function bottlenecks(p: PeriodResult, minValue = 1e-6): BottleneckRow[] {
  const capacity = p.capacity
    .filter((c) => c.value > minValue)
    .sort((a, b) => b.value - a.value)
    .map(
      (c, i): BottleneckRow => ({
        period: p.period.label,
        kind: 'capacity',
        item: c.facility,
        region: c.region,
        stage: c.stage,
        value: c.value,
        rank: i + 1,
      }),
    );
  const cn = new Map(
    p.prices.filter((x) => x.tag === 'cn').map((x) => [`${x.region}|${x.material}`, x.price]),
  );
  const premium = p.prices
    .filter((x) => x.tag === 'free' && cn.has(`${x.region}|${x.material}`))
    .map((x) => ({ x, value: x.price - cn.get(`${x.region}|${x.material}`)! }))
    .filter(({ value }) => value > 1e-3)
    .sort((a, b) => b.value - a.value)
    .map(
      ({ x, value }, i): BottleneckRow => ({
        period: p.period.label,
        kind: 'china-free premium',
        item: `${x.region} ${x.material}`,
        region: x.region,
        stage: '',
        value,
        rank: i + 1,
      }),
    );
  return [...capacity, ...premium];
}
