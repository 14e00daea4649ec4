/**
 * Net import reliance, as USGS defines it: (imports − exports ± stock change) / apparent
 * consumption, where apparent consumption = production + imports − exports ± stock change and a
 * stock drawdown counts as supply. Per region and material, summed over origin tags.
 */
import type { PeriodResult } from '../results/types.js';

export interface ImportRelianceRow {
  readonly period: string;
  readonly region: string;
  readonly material: string;
  readonly production: number;
  readonly imports: number;
  readonly exports: number;
  /** Stocks drawn down (+) or built up (−) in the period. */
  readonly stock_change: number;
  readonly apparent_consumption: number;
  /** Net import reliance, a share of apparent consumption; negative for a net exporter. */
  readonly nir: number;
}

export function importReliance(p: PeriodResult): ImportRelianceRow[] {
  type Acc = { production: number; imports: number; exports: number; stock: number };
  const acc = new Map<string, Acc>();
  const at = (region: string, material: string) => {
    const k = `${region}|${material}`;
    const a = acc.get(k) ?? { production: 0, imports: 0, exports: 0, stock: 0 };
    acc.set(k, a);
    return a;
  };
  for (const r of p.production) at(r.region, r.material).production += r.amount;
  for (const t of p.trade) {
    at(t.to, t.material).imports += t.amount;
    at(t.from, t.material).exports += t.amount;
  }
  for (const s of p.openingStock) at(s.region, s.material).stock += s.amount;
  for (const s of p.inventory) at(s.region, s.material).stock -= s.amount;
  for (const f of p.policyFlows) at(f.region, f.material).stock += f.amount;
  const rows: ImportRelianceRow[] = [];
  for (const [k, a] of acc) {
    const [region, material] = k.split('|') as [string, string];
    const consumption = a.production + a.imports - a.exports + a.stock;
    if (consumption <= 1e-9) continue;
    rows.push({
      period: p.period.label,
      region,
      material,
      production: a.production,
      imports: a.imports,
      exports: a.exports,
      stock_change: a.stock,
      apparent_consumption: consumption,
      nir: (a.imports - a.exports + a.stock) / consumption,
    });
  }
  return rows;
}
