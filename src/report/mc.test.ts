import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toyMc, toyRun, writeMcFiles, writeRunFolder } from '../../test/report/run-fixture.js';
import { InputError } from '../dataset/problems.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import {
  fanChart,
  mcLine,
  mcModel,
  mcPeriods,
  probabilityChart,
  shortfallFans,
  topInputs,
  tornadoChart,
  tornadoOutput,
} from './mc.js';
import { buildReport } from './model.js';
import { readRun } from './read-run.js';
import type { McSummaryRow } from './types.js';

const series = (o: Record<string, unknown>) =>
  o.series as {
    name: string;
    stack?: string;
    data: (number | null | { value: number; itemStyle: { color: string } })[];
  }[];

const row = (
  period: string,
  p: number[],
  unit = 't magnet',
  region = 'US',
  metric = 'short',
): McSummaryRow => ({
  metric,
  period,
  region,
  mean: p[2]!,
  p5: p[0]!,
  p25: p[1]!,
  p50: p[2]!,
  p75: p[3]!,
  p95: p[4]!,
  p50_ci_low: p[1]!,
  p50_ci_high: p[3]!,
  unit,
});

describe('fanChart', () => {
  const rows = [
    row('2030', [10, 20, 30, 45, 80]),
    row('2031', [12, 25, 40, 50, 90]),
    row('2030', [1, 2, 3, 4, 5], 't magnet', 'CN'),
  ];
  const fan = fanChart(rows, 'short', 'US', ['2030', '2031', '2032'], { id: 'f', title: 't', caption: 'c' });

  it('draws the bands as widths stacked on invisible lower edges, and the median as a line', () => {
    const s = series(fan.option);
    expect(s.map((x) => x.name)).toEqual(['p5', 'p5–p95', 'p25', 'p25–p75', 'median']);
    expect(s[0]!.data).toEqual([10, 12, null]); // lower edge of the outer band
    expect(s[1]!.data).toEqual([70, 78, null]); // p95 − p5
    expect(s[2]!.data).toEqual([20, 25, null]);
    expect(s[3]!.data).toEqual([25, 25, null]); // p75 − p25
    expect(s[4]!.data).toEqual([30, 40, null]);
    expect(s[0]!.stack).toBe(s[1]!.stack);
    expect(s[2]!.stack).toBe(s[3]!.stack);
    expect(s[0]!.stack).not.toBe(s[2]!.stack);
    expect(fan.points).toBe(10); // a period without a row draws nothing
    expect(fan.unit).toBe('t magnet');
    expect(fan.fan).toMatchObject({ p5: [10, 12, null], p50: [30, 40, null], p95: [80, 90, null] });
    expect((fan.option.legend as { data: string[] }).data).toEqual(['p5–p95', 'p25–p75', 'median']);
  });

  it('draws shares in percent on a 0–100 axis', () => {
    const share = fanChart(
      [row('2030', [0, 0.1, 0.25, 0.4, 0.5], 'share of demand', 'US', 'chain_self_sufficiency')],
      'chain_self_sufficiency',
      'US',
      ['2030'],
      { id: 'f', title: 't', caption: 'c' },
    );
    expect(share.unit).toBe('%');
    expect(series(share.option).map((x) => x.data[0])).toEqual([0, 50, 10, 30, 25]);
    expect(share.option.yAxis).toMatchObject({ min: 0, max: 100 });
  });

  it('keeps the outer band right where the lower edge is negative', () => {
    const f = fanChart([row('2030', [-2, -1, 0, 1, 3])], 'short', 'US', ['2030'], {
      id: 'f',
      title: 't',
      caption: 'c',
    });
    expect(series(f.option)[1]!.data).toEqual([5]);
    expect((series(f.option)[1] as unknown as { stackStrategy: string }).stackStrategy).toBe('all');
  });
});

describe('Monte Carlo charts and tables', () => {
  const mc = toyMc();

  it('shows one shortfall fan per region, largest first, and says why there is no total', () => {
    const fans = shortfallFans(mc, ['2030', '2031']);
    expect(fans.map((f) => f.id)).toEqual(['chart-mc-short-US', 'chart-mc-short-CN']);
    expect(fans[0]!.caption).toContain('not the sum of their percentiles');
    expect(shortfallFans(mc, ['2030', '2031'], 1)[0]!.caption).toContain('1 more are not');
  });

  it('draws the probability of self-sufficiency per bloc in percent', () => {
    const c = probabilityChart(mc, ['2030', '2031']);
    // The line, then its 95% Wilson interval's edges (0 and 10 of 40 draws).
    expect(series(c.option)).toMatchObject([
      { name: 'US', data: [0, 25] },
      { name: 'US', data: [0, 14.19] },
      { name: 'US', data: [8.76, 40.19] },
    ]);
    expect(c.points).toBe(2);
  });

  it('draws the tornado for total shortfall: top inputs by size, bars from 0, negative in another colour', () => {
    expect(tornadoOutput(mc.sensitivity)).toBe('total shortfall');
    expect(tornadoOutput([{ input: 'a', output: 'x', rank_correlation: 1 }])).toBe('x');
    expect(tornadoOutput([])).toBeUndefined();
    expect(topInputs(mc.sensitivity, 'total shortfall', 3).map((r) => r.input)).toEqual([
      'demand',
      'us-capacity',
      'delay:us-magnet',
    ]);
    const t = tornadoChart(mc.sensitivity, 'total shortfall', 3);
    // Largest on top: a category y axis runs from the bottom.
    expect((t.option.yAxis as { data: string[] }).data).toEqual(['delay:us-magnet', 'us-capacity', 'demand']);
    const bars = series(t.option)[0]!.data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.value)).toEqual([0.3, -0.6, 0.9]);
    expect(bars[1]!.itemStyle.color).not.toBe(bars[0]!.itemStyle.color);
    expect(bars[0]!.itemStyle.color).toBe(bars[2]!.itemStyle.color);
    expect(t.option.xAxis).toMatchObject({ min: -1, max: 1 });
    expect(t.points).toBe(3);
    expect(t.caption).toContain('2 more not shown');
  });

  it('describes the run: draws, seed and whether it was partial', () => {
    expect(mcLine(mc.manifest)).toBe(
      '40 of 50 draws (partial: stopped before every draw finished; read the percentiles with care), seed 7, 2 workers, 3.3 s, scenario toy',
    );
    expect(mcLine({ draws_finished: 6, draws_requested: 6, partial: false, seed: 1 })).toBe(
      '6 of 6 draws (complete), seed 1',
    );
    expect(mcLine({})).toBe('draws: unknown');
  });

  it('orders periods as the run does', () => {
    expect(mcPeriods(['2031', '2030'], [{ period: '2030' }, { period: '2031' }, { period: '2029' }])).toEqual(
      ['2031', '2030', '2029'],
    );
  });

  it('builds the section: fans for the bloc, the probability, fans per region, the tornado; tables', () => {
    const m = mcModel(mc, ['2030', '2031'])!;
    expect(m.charts.map((c) => c.id)).toEqual([
      'chart-mc-selfsuff-US',
      'chart-mc-probability',
      'chart-mc-short-US',
      'chart-mc-short-CN',
      'chart-mc-tornado',
    ]);
    expect(m.tables.map((t) => t.id)).toEqual([
      'table-mc-probability',
      'table-mc-fans',
      'table-mc-sensitivity',
    ]);
    expect(m.tables[0]!.rows).toEqual([['US', '0% (0%–8.8%)', '25% (14%–40%)']]);
    expect(m.tables[1]!.rows[0]).toEqual([
      'US: potential free share of demand',
      '2030',
      '0%',
      '10%',
      '20%',
      '30%',
      '50%',
      'share',
    ]);
    expect(m.tables[2]!.rows[1]).toEqual(['us-capacity', '−0.60']);
    expect(m.notes).toEqual([]);
    expect(mcModel(undefined, ['2030'])).toBeUndefined();
    const bare = mcModel({ manifest: {}, summary: [], selfSufficiency: [], sensitivity: [] }, ['2030'])!;
    expect(bare.charts).toEqual([]);
    expect(bare.notes).toHaveLength(3);
  });
});

describe('a run folder with Monte Carlo outputs', () => {
  const work = mkdtempSync(join(tmpdir(), 'lodestone-mc-report-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reads them back and adds the uncertainty section to the HTML and Markdown', () => {
    const dir = join(work, 'with');
    writeRunFolder(dir, toyRun());
    writeMcFiles(dir, toyMc());
    const run = readRun(dir);
    expect(run.mc).toEqual(toyMc());
    const model = buildReport(run);
    const html = renderHtml(model, '/* echarts */');
    expect(html).toContain('<h2>Uncertainty (Monte Carlo)</h2>');
    expect(html).toContain('data-chart="tornado" data-points="5"');
    expect(html).toContain('id="chart-mc-selfsuff-US" data-chart="fan" data-points="10"');
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!,
    );
    expect(data.charts).toHaveLength(model.charts.length + 5);
    const md = renderMarkdown(model);
    expect(md).toContain('## Uncertainty (Monte Carlo)\n\nMonte Carlo: 40 of 50 draws (partial');
    expect(md).toContain('| US | 0% (0%–8.8%) | 25% (14%–40%) |');
    expect(md).toContain('| demand | 0.90 |');
  });

  it('leaves the report as it was without them', () => {
    const dir = join(work, 'without');
    writeRunFolder(dir, toyRun());
    const run = readRun(dir);
    expect(run.mc).toBeUndefined();
    const model = buildReport(run);
    expect(model.mc).toBeUndefined();
    expect(renderHtml(model, '')).not.toContain('Uncertainty');
    expect(renderMarkdown(model)).not.toContain('Uncertainty');
  });

  it('reports a malformed Monte Carlo table like any other', () => {
    const dir = join(work, 'bad');
    writeRunFolder(dir, toyRun());
    writeFileSync(join(dir, 'mc_sensitivity.csv'), 'input,output\nx,y\n');
    let err: unknown;
    try {
      readRun(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]!.message).toContain('missing column(s) rank_correlation');
  });
});
