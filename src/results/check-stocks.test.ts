import { describe, expect, it } from 'vitest';
import { CheckError } from './check-balance.js';
import { assertStocksClose, stockViolations } from './check-stocks.js';
import type { InUseRow } from './types.js';

const row = (application: string, in_use: number, inflow: number, eol: number): InUseRow => ({
  region: 'US',
  application,
  in_use,
  inflow,
  eol,
  collected: 0,
  recycled: 0,
  unit: 't magnet',
});

const before = [row('ev', 1000, 100, 20), row('wind', 5000, 300, 50)];

describe('the in-use stock check', () => {
  it('passes stocks that change by inflow − end of life', () => {
    expect(stockViolations(before, [row('ev', 1070, 100, 30), row('wind', 5250, 300, 50)])).toEqual([]);
  });

  it('sees a stock that moves by more than its flows, to 1e-9 of the stock', () => {
    const after = [row('ev', 1070 + 1e-5, 100, 30), row('wind', 5250, 300, 50 + 1e-3)];
    const v = stockViolations(before, after);
    expect(v.map((x) => x.what)).toEqual(['in-use stock US ev', 'in-use stock US wind']);
    expect(v[0]!.excess).toBeCloseTo(1e-5, 12);
    expect(v[1]!.excess).toBeCloseTo(1e-3, 12);
    expect(() => assertStocksClose('2026', before, after)).toThrow(CheckError);
    expect(() => assertStocksClose('2026', before, after)).toThrow(
      /^period 2026: in-use stocks do not close: in-use stock US ev off by 1\.000e-5/,
    );
  });

  it('sees a stock that appears from nowhere', () => {
    const after = [row('ev', 1070, 100, 30), row('wind', 5250, 300, 50), row('defense', 10, 10, 0)];
    expect(stockViolations(before, after).map((x) => x.what)).toEqual([
      'in-use stock US defense (no row the period before)',
    ]);
  });
});
