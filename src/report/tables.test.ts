import { describe, expect, it } from 'vitest';
import { toyRun, toySubstitution } from '../../test/report/run-fixture.js';
import {
  allTables,
  benchmarkTable,
  bottleneckTables,
  demandTable,
  periodTable,
  policyTable,
  substitutionTable,
} from './tables.js';

describe('report tables', () => {
  it('sums demand, served and short by region for the period, with a total', () => {
    const t = demandTable(toyRun(), '2030');
    expect(t.columns.map((c) => c.label)).toEqual([
      'region',
      'demand',
      'served China-free',
      'served China-touched',
      'given up',
      'short',
      'short share',
      'unit',
    ]);
    expect(t.rows).toEqual([
      ['CN', '280', '0', '250', '0', '30', '11%', 't magnet'],
      ['US', '90', '0', '50', '0', '40', '44%', 't magnet'], // ev 80 + defense 10
      ['all regions', '370', '0', '300', '0', '70', '19%', 't magnet'],
    ]);
    expect(demandTable(toyRun(), '2031').rows).toEqual([
      ['CN', '250', '0', '250', '0', '0', '0%', 't magnet'],
    ]);
    // Demand given up because of price is counted apart from demand left short.
    const run = toyRun();
    const priced = {
      ...run,
      demand: run.demand.map((d) =>
        d.region === 'CN' && d.period === '2030' ? { ...d, destroyed: 20, short: 10 } : d,
      ),
    };
    expect(demandTable(priced, '2030').rows[0]).toEqual([
      'CN',
      '280',
      '0',
      '250',
      '20',
      '10',
      '3.6%',
      't magnet',
    ]);
  });

  it('ranks the period’s bottlenecks, capacity and China-free premium apart', () => {
    const [capacity, premium] = bottleneckTables(toyRun(), '2030');
    expect(capacity.rows).toEqual([
      ['1', 'cn-sep', 'CN', 'separation', '12.50', 'USD/kg'],
      ['2', 'cn-mine', 'CN', 'mining', '1.50', 'USD/kg'],
    ]);
    expect(premium.rows).toEqual([['1', 'US magnet', 'US', '3.25', 'USD/kg']]);
    expect(bottleneckTables(toyRun(), '2030', 1)[0].rows).toHaveLength(1);
    expect(bottleneckTables(toyRun(), '2031')[1].rows).toEqual([]);
  });

  it('pivots policy metrics by period, shares as percentages', () => {
    const t = policyTable(toyRun());
    expect(t.columns.map((c) => c.label)).toEqual(['policy', 'metric', 'unit', '2031']);
    expect(t.rows).toEqual([
      ['contract us-ev', 'delivered', 't', '40'],
      ['contract us-ev', 'fulfilment', 'share', '80%'],
    ]);
    expect(policyTable({ ...toyRun(), policies: [] }).empty).toMatch(/No policies/);
    expect(policyTable({ ...toyRun(), policies: [], missingOptional: ['policies.csv'] }).empty).toMatch(
      /not in the run folder/,
    );
  });

  it('shows EU benchmarks met or not, telling floors from ceilings', () => {
    const t = benchmarkTable(toyRun())!;
    expect(t.rows).toEqual([
      ['extraction share of consumption', '≥ 10%', '5% of ≥ 10% ✗', '12% of ≥ 10% ✓'],
      ['largest third-country share, magnet', '≤ 65%', '100% of ≤ 65% ✗', '50% of ≤ 65% ✓'],
    ]);
    expect(benchmarkTable({ ...toyRun(), benchmarks: [] })).toBeUndefined();
  });

  it('shows at most 12 period columns, evenly spaced, keeping the chosen period', () => {
    const run = toyRun();
    const periods = Array.from({ length: 44 }, (_, i) => `${2025 + Math.floor(i / 4)}Q${(i % 4) + 1}`);
    const long = {
      ...run,
      manifest: { ...run.manifest, periods: periods.map((period) => ({ period, status: 'optimal' })) },
      policies: periods.map((period) => ({ period, policy: 'p', metric: 'm', value: 1, unit: 't' })),
    };
    const t = policyTable(long, '2026Q2');
    const shown = t.columns.slice(3).map((c) => c.label);
    expect(shown).toHaveLength(12);
    expect(shown[0]).toBe('2025Q1');
    expect(shown.at(-1)).toBe('2035Q4');
    expect(shown).toContain('2026Q2');
    expect(shown).toEqual([...shown].sort());
    expect(t.caption).toContain('12 of 44 periods shown, evenly spaced; all are in policies.csv.');
    expect(policyTable(toyRun()).caption).not.toContain('periods shown');
  });

  it('lists the substitution options that displaced the most demand, largest first', () => {
    const run = { ...toyRun(), substitution: toySubstitution() };
    const table = substitutionTable(run, '2030');
    expect(table.columns.map((c) => c.label)).toEqual([
      'option',
      'kind',
      'from → to',
      '2030',
      '2031',
      '2030–2031',
      'cost',
      'unit',
      'most in',
    ]);
    expect(table.rows).toEqual([
      ['ev-thrift', 'thrift', 'magnet → magnet-gbd', '14', '25', '39', '468', 't magnet', 'CN, US'],
      ['ev-grade', 'grade', 'magnet → magnet-n35', '0', '8', '8', '96', 't magnet', 'CN'],
      ['ev-ferrite', 'technology', 'magnet → ferrite motor', '6', '0', '6', '72', 't magnet', 'US'],
    ]);
    expect(substitutionTable(run, '2030', 1).caption).toContain('The 1 largest of 3 options');
    expect(substitutionTable(toyRun(), '2030').empty).toBe('No substitution was used in this scenario.');
    expect(substitutionTable({ ...toyRun(), missingOptional: ['substitution.csv'] }, '2030').empty).toMatch(
      /^substitution\.csv is not in the run folder/,
    );
  });

  it('lists each period’s solver status and objective', () => {
    expect(periodTable(toyRun()).rows).toEqual([
      ['2030', 'optimal', '1,235', 'thousand USD'],
      ['2031', 'optimal', '2,000', 'thousand USD'],
    ]);
  });

  it('come in reading order, the benchmarks only when the run has them', () => {
    expect(allTables(toyRun(), '2030').map((t) => t.id)).toEqual([
      'table-blocs',
      'table-demand',
      'table-capacity-value',
      'table-premium',
      'table-substitution',
      'table-policies',
      'table-benchmarks',
      'table-periods',
    ]);
    expect(allTables({ ...toyRun(), benchmarks: [] }, '2030').map((t) => t.id)).not.toContain(
      'table-benchmarks',
    );
  });
});
