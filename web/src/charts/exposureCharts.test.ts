import { describe, expect, it } from 'vitest';
import { originsSankey, records, riskHeatmap } from './exposureCharts';

const exposure = records({
  columns: ['scenario', 'year', 'line', 'supplier', 'at_risk_share'],
  rows: [
    ['baseline', '2026', '*', '*', '0'],
    ['baseline', '2027', '*', '*', '0'],
    ['controls', '2026', '*', '*', '0.14032'],
    ['controls', '2027', '*', '*', '0.089689'],
    ['controls', '2027', 'ev', '*', '0.5'], // a line's total: not the company's
  ],
});

describe('the exposure charts', () => {
  it('puts the company’s at-risk share in a cell per scenario × year', () => {
    const o = riskHeatmap(exposure) as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      series: { data: number[][] }[];
    };
    expect(o.xAxis.data).toEqual(['2026', '2027']);
    expect(o.yAxis.data).toEqual(['baseline', 'controls']);
    expect(o.series[0]!.data).toContainEqual([0, 1, 0.1403]);
    expect(o.series[0]!.data).toHaveLength(4);
  });

  it('traces origins stage by stage to the supplier and the line, each stage summing to what was delivered', () => {
    const origins = records({
      columns: ['scenario', 'year', 'line', 'supplier', 'stage', 'country', 'amount_t'],
      rows: [
        ...['mining', 'separation', 'metal'].flatMap((stage) => [
          ['s', '2026', 'ev', 'mp', stage, 'US', '60'],
          ['s', '2026', 'ev', 'mp', stage, 'CN', '40'],
        ]),
        ['s', '2026', 'ev', 'mp', 'magnet', 'US', '100'],
        ['s', '2027', 'ev', 'mp', 'magnet', 'US', '999'], // another year
      ],
    });
    const o = originsSankey(origins, 's', 2026) as {
      series: { links: { source: string; target: string; value: number }[] }[];
    };
    const links = o.series[0]!.links;
    const into = (target: string) =>
      links.filter((l) => l.target === target).reduce((a, l) => a + l.value, 0);
    expect(into('Supplier · mp')).toBeCloseTo(100);
    expect(into('Line · ev')).toBeCloseTo(100);
    expect(into('Separation · CN')).toBeCloseTo(40);
    expect(into('Magnet · US')).toBeCloseTo(100);
  });
});
