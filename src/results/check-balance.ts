/**
 * Independent check of a solved period, from the result rows rather than the LP matrix: every hub
 * balances (opening stock + production + imports + downgrades in = consumption + exports + served
 * + substitutes consumed + closing stock + disposal + downgrades out), every demand is met (served +
 * substituted + short), and no facility exceeds its capacity.
 */
import type { PeriodResult } from './types.js';

export interface BalanceViolation {
  readonly what: string;
  readonly excess: number;
}

/** A solved period that breaks one of the independent checks is wrong: the CLI reports it as a model failure. */
export class CheckError extends Error {
  constructor(
    readonly check: string,
    readonly period: string,
    readonly violations: readonly BalanceViolation[],
  ) {
    const list = violations.slice(0, 10).map((v) => `${v.what} off by ${v.excess.toExponential(3)}`);
    super(`period ${period}: ${check}: ${list.join('; ')}${violations.length > 10 ? '; …' : ''}`);
    this.name = 'CheckError';
  }
}

export class BalanceError extends CheckError {
  constructor(period: string, violations: readonly BalanceViolation[]) {
    super('mass balance broken', period, violations);
    this.name = 'BalanceError';
  }
}

/** The hubs of a network, to total flows by hub index instead of by name (see assertBalanced). */
export interface HubIndex {
  readonly hubs: readonly { readonly region: string; readonly material: string; readonly tag: string }[];
  hubIndex(region: string, material: string, tag: 'free' | 'cn'): number | undefined;
}

/**
 * Returns the violations. A hub's tolerance is `relTol` times its throughput (at least 1), so
 * the check is as strict for 10 t as for 300,000 t. With `network`, flows into its hubs are totalled
 * by index (faster; the same sums, in the same order).
 */
export function balanceViolations(r: PeriodResult, relTol = 1e-6, network?: HubIndex): BalanceViolation[] {
  const n = network?.hubs.length ?? 0;
  const hubNet = new Float64Array(n);
  const hubScale = new Float64Array(n);
  const met = new Uint8Array(n);
  const net = new Map<string, number>();
  const scale = new Map<string, number>();
  // Hubs in the order first met, as indices (network hubs) or names (any other).
  const order: (number | string)[] = [];
  const add = (region: string, material: string, tag: 'free' | 'cn', amount: number) => {
    const i = network?.hubIndex(region, material, tag);
    if (i !== undefined) {
      if (met[i] === 0) {
        met[i] = 1;
        order.push(i);
      }
      hubNet[i]! += amount;
      hubScale[i]! += Math.abs(amount);
      return;
    }
    const k = `${region} ${material} ${tag}`;
    if (!net.has(k)) order.push(k);
    net.set(k, (net.get(k) ?? 0) + amount);
    scale.set(k, (scale.get(k) ?? 0) + Math.abs(amount));
  };
  for (const s of r.openingStock) add(s.region, s.material, s.tag, s.amount);
  for (const p of r.production) add(p.region, p.material, p.tag, p.amount);
  for (const c of r.consumption) add(c.region, c.material, c.tag, -c.amount);
  for (const t of r.trade) {
    add(t.from, t.material, t.tag, -t.amount);
    add(t.to, t.material, t.tag, t.amount);
  }
  for (const g of r.downgrade) {
    add(g.region, g.material, 'free', -g.amount);
    add(g.region, g.material, 'cn', g.amount);
  }
  for (const d of r.demand) {
    add(d.region, d.material, 'free', -d.served_free);
    add(d.region, d.material, 'cn', -d.served_cn);
  }
  for (const f of r.policyFlows) add(f.region, f.material, f.tag, f.amount);
  // Grade switches and thrift consume their substitute where the demand they serve is.
  const substituted = new Map<string, number>();
  for (const s of r.substitution ?? []) {
    if (s.consumed_free > 0) add(s.region, s.to, 'free', -s.consumed_free);
    if (s.consumed_cn > 0) add(s.region, s.to, 'cn', -s.consumed_cn);
    const k = `${s.region}|${s.application}|${s.material}`;
    substituted.set(k, (substituted.get(k) ?? 0) + s.volume);
  }
  for (const s of r.inventory) add(s.region, s.material, s.tag, -s.amount);
  for (const s of r.disposal) add(s.region, s.material, s.tag, -s.amount);

  const out: BalanceViolation[] = [];
  for (const k of order) {
    if (typeof k === 'string') {
      const v = net.get(k)!;
      if (Math.abs(v) > relTol * Math.max(1, scale.get(k)!)) out.push({ what: `hub ${k}`, excess: v });
      continue;
    }
    const v = hubNet[k]!;
    if (Math.abs(v) > relTol * Math.max(1, hubScale[k]!)) {
      const h = network!.hubs[k]!;
      out.push({ what: `hub ${h.region} ${h.material} ${h.tag}`, excess: v });
    }
  }
  for (const c of r.capacity) {
    if (c.used > c.capacity + relTol * Math.max(1, c.capacity))
      out.push({ what: `capacity of ${c.facility}`, excess: c.used - c.capacity });
  }
  for (const d of r.demand) {
    const gap =
      d.served_free +
      d.served_cn +
      d.destroyed +
      d.short +
      (substituted.get(`${d.region}|${d.application}|${d.material}`) ?? 0) -
      d.demand;
    if (Math.abs(gap) > relTol * Math.max(1, d.demand))
      out.push({ what: `demand ${d.region} ${d.application} ${d.material}`, excess: gap });
  }
  return out;
}

export function assertBalanced(r: PeriodResult, network?: HubIndex): void {
  const v = balanceViolations(r, 1e-6, network);
  if (v.length > 0) throw new BalanceError(r.period.label, v);
}
