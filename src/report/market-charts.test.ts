import { describe, expect, it } from 'vitest';
import { toyRun, toySubstitution } from '../../test/report/run-fixture.js';
import { destroyedChart, marketCharts, priceCharts, substitutionChart } from './market-charts.js';
import type { PriceRow, RunData } from './types.js';

type Series = { name: string; type: string; stack?: string; data: unknown[] };
const seriesOf = (option: Record<string, unknown>) => option.series as Series[];
const price = (period: string, region: string, material: string, tag: string, p: number): PriceRow => ({
  period,
  region,
  material,
  tag,
  price: p,
  unit: 'USD/kg (t REO)',
});

describe('price charts', () => {
  const run: RunData = {
    ...toyRun(),
    prices: [
      price('2030', 'CN', 'dy-oxide', 'cn', 250),
      price('2031', 'CN', 'dy-oxide', 'cn', 940),
      price('2030', 'EU', 'dy-oxide', 'free', 300),
      price('2031', 'EU', 'dy-oxide', 'free', 960),
      price('2030', 'CN', 'dy-oxide', 'free', 251), // not charted: China's China-free hub
    ],
    priceBenchmarks: [
      {
        year: 2024,
        material: 'dy-oxide',
        region: 'CN',
        low: 257,
        high: 257,
        unit: 'USD/kg (t REO)',
        basis: 'FOB',
        source_ids: 'a',
      },
      {
        year: 2030,
        material: 'dy-oxide',
        region: 'EU',
        low: 700,
        high: 1000,
        unit: 'USD/kg (t REO)',
        basis: 'spot',
        source_ids: 'b;a',
      },
    ],
  };

  it('draws the model’s China and Europe paths beside the published ranges, one chart per oxide in the run', () => {
    const charts = priceCharts(run);
    expect(charts.map((c) => c.id)).toEqual(['chart-price-dy-oxide']);
    const c = charts[0]!;
    expect((c.option.xAxis as { data: string[] }).data).toEqual(['2024', '2030', '2031']);
    expect((c.option.yAxis as { type: string }).type).toBe('log');
    expect(seriesOf(c.option).map((s) => [s.name, s.type, s.data])).toEqual([
      ['model: China', 'line', [null, 250, 940]],
      ['model: Europe, China-free', 'line', [null, 300, 960]],
      ['published: China', 'candlestick', [[257, 257, 257, 257], '-', '-']],
      ['published: Europe', 'candlestick', ['-', [700, 1000, 700, 1000], '-']],
    ]);
    expect(c.points).toBe(6);
    expect(c.caption).toContain('sources: a, b');
  });

  it('draws nothing for an oxide the run has no price of', () => {
    expect(priceCharts({ ...run, prices: [] })).toEqual([]);
  });
});

describe('the destroyed-demand chart', () => {
  it('stacks demand given up by application, beside the demand left short', () => {
    const toy = toyRun();
    const run = {
      ...toy,
      demand: toy.demand.map((d) =>
        d.period === '2030' && d.region === 'CN' ? { ...d, destroyed: 20, short: 10 } : d,
      ),
    };
    const c = destroyedChart(run);
    expect(seriesOf(c.option).map((s) => [s.name, s.stack, s.data])).toEqual([
      ['ev', 'destroyed', [20, 0]],
      ['short (all applications)', undefined, [50, 0]], // CN 10 + US 40 in 2030
    ]);
    expect(c.caption).toContain('20 t magnet given up and 50 t magnet short');
  });
});

describe('the substitution chart', () => {
  it('stacks demand met by substitution by option, grouped by kind, beside the demand given up', () => {
    const toy = toyRun();
    const run = {
      ...toy,
      substitution: toySubstitution(),
      demand: toy.demand.map((d) => (d.period === '2031' ? { ...d, destroyed: 7, short: 0 } : d)),
    };
    const c = substitutionChart(run)!;
    expect(c.kind).toBe('substitution');
    expect(seriesOf(c.option).map((s) => [s.name, s.type, s.stack, s.data])).toEqual([
      ['ev-grade (grade)', 'bar', 'substituted', [0, 8]],
      ['ev-thrift (thrift)', 'bar', 'substituted', [14, 25]],
      ['ev-ferrite (technology)', 'bar', 'substituted', [6, 0]],
      ['given up because of price', 'line', undefined, [0, 7]],
    ]);
    expect(c.points).toBe(8);
    expect(c.unit).toBe('t magnet');
    expect(c.caption).toContain(
      '53 t magnet substituted over all periods (grade 8, thrift 39, technology 6)',
    );
    expect(marketCharts(run).map((x) => x.id)).toEqual([
      'chart-destroyed',
      'chart-substitution',
      'chart-price-ndpr-oxide',
    ]);
  });

  it('is left out when the run substituted nothing', () => {
    expect(substitutionChart(toyRun())).toBeUndefined();
    expect(marketCharts(toyRun()).map((x) => x.id)).toEqual(['chart-destroyed', 'chart-price-ndpr-oxide']);
  });
});
