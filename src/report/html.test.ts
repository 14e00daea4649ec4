import { describe, expect, it } from 'vitest';
import { toyRun } from '../../test/report/run-fixture.js';
import { InputError } from '../dataset/problems.js';
import { escapeHtml, inlineScript, renderHtml, scriptJson } from './html.js';
import { buildReport } from './model.js';

const FAKE_ECHARTS = 'window.echarts = { marker: "</script><b>" };';

describe('report.html', () => {
  const model = buildReport(toyRun());
  const html = renderHtml(model, FAKE_ECHARTS);

  it('is one page with the scenario, the dataset (name, hash) and the Lodestone version', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>Lodestone run report: toy</title>');
    expect(html).toContain('Dataset <strong>toy-data</strong>');
    expect(html).toContain(`sha256 ${'ab'.repeat(32)}`);
    expect(html).toContain('Lodestone 9.9.9');
  });

  it('loads nothing from the network: no external URLs, and a policy that forbids them', () => {
    expect(html).not.toMatch(/\b(src|href)="(?!data:)/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("default-src 'none'");
  });

  it('inlines the page script without letting it close its script element', () => {
    expect(html).toContain('window.echarts = { marker: "<\\/script><b>" };');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // data, page script (ECharts and the chart module)
    expect(inlineScript('a</SCRIPT>b<!--c')).toBe('a<\\/SCRIPT>b<\\!--c');
  });

  it('embeds the chart data as JSON that round-trips', () => {
    const json = html.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]!;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ charts: model.charts })));
    expect(scriptJson({ s: '</script>&\u2028' })).toBe('{"s":"\\u003c/script\\u003e\\u0026\\u2028"}');
  });

  it('has a container per chart exposing its number of data points', () => {
    const boxes = [
      ...html.matchAll(/<div class="chart-box" id="([^"]+)" data-chart="([^"]+)" data-points="(\d+)"/g),
    ];
    expect(boxes.map((b) => [b[1], b[2], Number(b[3])])).toEqual([
      ['chart-sankey', 'sankey', 11],
      ['chart-capacity', 'capacity', 8],
      ['chart-china-share', 'china-share', 7],
      ['chart-shortfall', 'shortfall', 6],
      ['chart-destroyed', 'destroyed', 2], // nothing given up: the short line alone, 2 periods
      ['chart-price-ndpr-oxide', 'prices', 2], // the model's 2030 price and the published 2024 range
    ]);
    expect(html).toContain('<option value="2030" selected>2030</option><option value="2031">2031</option>');
  });

  it('has the headline answers, the tables and print styles', () => {
    expect(html).toContain('<span class="value">2031</span>');
    expect(html).toContain('<span class="value">Not within the horizon (2030–2031)</span>');
    expect(html).toContain('<td>US</td><td class="num">90</td>');
    expect(html).toContain('id="table-benchmarks"');
    expect(html).toContain('@media print');
  });

  it('escapes text from the run', () => {
    const run = toyRun();
    const evil = {
      ...run,
      manifest: { ...run.manifest, scenario: { name: '<img src=x onerror=alert(1)>' } },
    };
    const page = renderHtml(buildReport(evil), '');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('refuses a period the run does not have, listing those it has', () => {
    expect(() => buildReport(toyRun(), '1999')).toThrow(InputError);
    expect(() => buildReport(toyRun(), '1999')).toThrow(
      /period "1999" is not in this run; it has 2030, 2031/,
    );
  });
});
