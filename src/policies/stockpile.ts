/**
 * Strategic stockpiles: bought towards a target at a build rate (as long as the hub price stays
 * below the build priority), released when the hub price would rise above the release price —
 * that is, when the region runs short. Levels carry over between periods.
 */
import type { Stockpile } from '../schema/policy.js';
import { coverage } from './time.js';
import { type BuildContext, current, INF, type PolicyFlow, type PolicyPart } from './types.js';

export function stockpile(p: Stockpile, ctx: BuildContext): PolicyPart {
  const { b } = ctx;
  const hub = ctx.hubRow(p.region, p.material, p.tag)!;
  const plan = b.addRow(`stock_plan(${p.id})`);
  const available = b.addRow(`stock_available(${p.id})`);
  const build = b.addCol(`stock_build(${p.id})`, 0, [
    [hub, -1],
    [plan, 1],
    [available, -1],
  ]);
  const release = b.addCol(`stock_release(${p.id})`, p.release_price, [
    [hub, 1],
    [available, 1],
  ]);
  b.addCol(`stock_build_short(${p.id})`, p.build_priority, [[plan, 1]]);
  const key = `stockpile ${p.id}`;
  let levelIn = 0;
  return {
    id: p.id,
    prepare(pc) {
      p = current(pc, p);
      const { period, inputs, state } = pc;
      levelIn = state.get(key) ?? p.initial;
      const active = coverage(period, p.start, p.end);
      const planned = Math.min(p.build_rate * period.length * active, Math.max(0, p.target - levelIn));
      inputs.rowLower[plan] = planned;
      inputs.rowUpper[plan] = planned;
      inputs.rowLower[available] = -INF;
      inputs.rowUpper[available] = levelIn;
      inputs.colUpper[release] = active > 0 ? INF : 0;
    },
    report(_ctx, s) {
      return [
        { policy: p.id, metric: 'bought', value: s.colValue[build]!, unit: 't' },
        { policy: p.id, metric: 'released', value: s.colValue[release]!, unit: 't' },
        {
          policy: p.id,
          metric: 'stock level',
          value: levelIn + s.colValue[build]! - s.colValue[release]!,
          unit: 't',
        },
      ];
    },
    flows(s): PolicyFlow[] {
      return [
        {
          region: p.region,
          material: p.material,
          tag: p.tag,
          amount: s.colValue[release]! - s.colValue[build]!,
          what: `stockpile ${p.id}`,
        },
      ];
    },
    carry({ state }, s) {
      state.set(key, Math.max(0, levelIn + s.colValue[build]! - s.colValue[release]!));
    },
  };
}
