import { describe, expect, it } from 'vitest';
import { toyRun } from '../../test/report/run-fixture.js';
import {
  allCharts,
  capacityChart,
  chinaShareChart,
  legendTop,
  regionColors,
  sankeyChart,
  shortfallChart,
} from './charts.js';

type Series = { name: string; type: string; stack?: string; data: (number | null)[] };
const seriesOf = (option: Record<string, unknown>) => option.series as Series[];

describe('chart options', () => {
  it('are plain JSON, so they can be embedded in the page', () => {
    for (const c of allCharts(toyRun(), '2030')) {
      expect(JSON.parse(JSON.stringify(c))).toEqual(c);
      expect(c.option.animation).toBe(false); // drawn at once, for print and screenshots
    }
  });

  it('colour China red and every region the same in every chart', () => {
    const colors = regionColors(toyRun());
    expect(colors.get('CN')).toBe('#c62828');
    expect(new Set(colors.values()).size).toBe(colors.size);
    expect([...colors.keys()]).toEqual(['AU', 'CN', 'JP', 'MY', 'US']);
  });

  it('Sankey: nodes and links of the chosen period, and of every period to switch to', () => {
    const s = sankeyChart(toyRun(), '2030');
    const series = (
      s.option.series as { type: string; data: { name: string; depth: number }[]; links: unknown[] }[]
    )[0]!;
    expect(series.type).toBe('sankey');
    expect(series.links).toHaveLength(11);
    expect(s.points).toBe(11);
    expect(series.data.find((n) => n.name === 'demand · US')?.depth).toBe(5);
    expect(series.links).toContainEqual({
      source: 'mining · US',
      target: 'separation · CN',
      value: 100,
      unit: 't REO',
      materials: ['conc-a'],
    });
    expect(s.periods).toEqual(['2030', '2031']);
    expect(Object.keys(s.byPeriod)).toEqual(['2030', '2031']);
    expect(s.byPeriod['2031']!.points).toBe(4);
    expect(sankeyChart(toyRun(), '2031').option).toEqual(s.byPeriod['2031']!.option);
    expect(s.height).toBe(520); // at most 3 nodes a column: the default height
  });

  it('Sankey: grows taller when a column holds many nodes', () => {
    const run = toyRun();
    const many = Array.from({ length: 30 }, (_, i) => ({
      period: '2030',
      facility: `mine-${i}`,
      region: `R${i}`,
      stage: 'mining',
      material: 'conc-a',
      tag: 'free',
      amount: 10,
      unit: 't REO',
    }));
    const trade = many.map((m) => ({ ...m, from_region: m.region, to_region: 'CN' }));
    expect(
      sankeyChart(
        { ...run, production: [...run.production, ...many], trade: [...run.trade, ...trade] },
        '2030',
      ).height,
    ).toBe(
      26 * 33 + 40, // 30 + AU, CN and US in the mining column
    );
  });

  it('capacity: magnet capacity stacked by region against total magnet demand and output', () => {
    const c = capacityChart(toyRun());
    const s = seriesOf(c.option);
    expect(s.map((x) => [x.name, x.type, x.data])).toEqual([
      ['capacity · CN', 'bar', [320, 320]],
      ['capacity · US', 'bar', [20, 60]],
      ['magnet demand (all regions)', 'line', [370, 250]],
      ['magnets made', 'line', [300, 250]],
    ]);
    expect(s.filter((x) => x.type === 'bar').every((x) => x.stack === 'capacity')).toBe(true);
    expect(c.points).toBe(8);
    expect(c.unit).toBe('t magnet');
  });

  it('China’s share: one line per stage in chain order, in percent, with gaps where a stage made nothing', () => {
    const c = chinaShareChart(toyRun());
    expect(seriesOf(c.option).map((x) => [x.name, x.data])).toEqual([
      ['mining', [72.7, 100]],
      ['separation', [90, 100]],
      ['magnet', [100, 100]],
      ['recycling', [100, null]],
    ]);
    expect(c.points).toBe(7);
    expect(c.unit).toBe('%');
  });

  it('shortfall: stacked bars per region × application that was ever short', () => {
    const c = shortfallChart(toyRun());
    expect(seriesOf(c.option).map((x) => [x.name, x.stack, x.data])).toEqual([
      ['CN · ev', 'short', [30, 0]],
      ['US · defense', 'short', [10, 0]],
      ['US · ev', 'short', [30, 0]],
    ]);
    expect(c.points).toBe(6);
    expect(c.caption).toContain('70 t magnet over all periods');
  });

  it('shortfall: keeps the legend readable, summing all but the largest as "other"', () => {
    const c = shortfallChart(toyRun(), undefined, 2);
    // Over the run: CN · ev 30, US · ev 30, US · defense 10; room for one apart and "other".
    expect(seriesOf(c.option).map((x) => [x.name, x.data])).toEqual([
      ['CN · ev', [30, 0]],
      ['other (2 more)', [40, 0]],
    ]);
    expect(c.caption).toContain('the 1 largest over the run shown apart and the other 2 summed');
    expect(seriesOf(shortfallChart(toyRun(), undefined, 3).option)).toHaveLength(3);
  });

  it('shortfall: says so when nothing was short, still with a data point per period', () => {
    const run = toyRun();
    const c = shortfallChart({ ...run, demand: run.demand.map((d) => ({ ...d, short: 0 })) });
    expect(seriesOf(c.option).map((x) => x.data)).toEqual([[0, 0]]);
    expect(c.caption).toBe('No demand was left unserved in any period.');
  });

  it('leaves room above the plot for every row of a wrapping legend', () => {
    expect(legendTop(['a', 'b'])).toBe(52);
    const many = Array.from({ length: 25 }, (_, i) => `Region${i} · electronics`);
    expect(legendTop(many)).toBeGreaterThan(22 * 6);
    expect(legendTop(many, 2000)).toBeLessThan(legendTop(many));
  });
});
