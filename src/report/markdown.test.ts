import { describe, expect, it } from 'vitest';
import { toyRun } from '../../test/report/run-fixture.js';
import { markdownTable, mdEscape, renderMarkdown } from './markdown.js';
import { buildReport } from './model.js';

describe('report.md', () => {
  const md = renderMarkdown(buildReport(toyRun()));

  it('names the scenario, the dataset with its hash, and the Lodestone version', () => {
    expect(md).toMatch(/^# Lodestone run report: toy\n/);
    expect(md).toContain(`- Dataset: **toy-data** (sha256 \`${'ab'.repeat(32)}\`)`);
    expect(md).toContain('- Lodestone 9.9.9');
  });

  it('gives the headline answers and points to report.html for the charts', () => {
    expect(md).toContain(
      '- **When can all US demand be served China-free, without taking supply from other regions?** 2031.',
    );
    expect(md).toContain(
      '**When can all US+allies demand be served China-free, without taking supply from other regions?** Not within the horizon (2030–2031).',
    );
    // Each measure explained in one sentence.
    expect(md).toContain('_Served: the share of the bloc');
    expect(md).toContain('_Potential: the most of the bloc');
    expect(md).toContain('_Upper bound: the share the bloc could be served');
    expect(md).toContain('**Total shortfall, 2030–2031** 70 t magnet (11% of demand).');
    expect(md).toContain('`report.html`');
  });

  it('has every table, with numeric columns right-aligned', () => {
    for (const title of [
      '### Demand and how it was served, 2030',
      '### Top bottlenecks: capacity, 2030',
      '### Top bottlenecks: China-free premium, 2030',
      '### Policy and contract metrics',
      '### EU Critical Raw Materials Act benchmarks',
      '### Periods solved',
    ]) {
      expect(md).toContain(title);
    }
    expect(md).toContain(
      '| region | demand | served China-free | served China-touched | given up | short | short share | unit |\n| :--- | ---: | ---: | ---: | ---: | ---: | ---: | :--- |',
    );
    expect(md).toContain('| US | 90 | 0 | 50 | 0 | 40 | 44% | t magnet |');
  });

  it('shows another period’s tables when asked', () => {
    expect(renderMarkdown(buildReport(toyRun(), '2031'))).toContain('### Demand and how it was served, 2031');
  });

  it('escapes cell text and says when a table is empty', () => {
    expect(mdEscape('a|b *c* <d>')).toBe('a\\|b \\*c\\* \\<d\\>');
    const t = markdownTable({
      id: 'x',
      title: 'T',
      caption: 'c',
      columns: [{ label: 'a' }],
      rows: [],
      empty: 'Nothing.',
    });
    expect(t).toBe('### T\n\nc\n\n_Nothing._\n');
  });

  it('has no blank-line runs and ends with one newline', () => {
    expect(md).not.toMatch(/\n\n\n/);
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });
});
