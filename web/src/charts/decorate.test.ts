import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../api';
import { decorate, substitutionTooltip } from './decorate';

describe('the substitution chart’s tooltip', () => {
  it('lists only the options used in the period, their total, then the demand given up', () => {
    const item = (seriesName: string, seriesType: string, data: number) => ({
      axisValue: '2035',
      marker: '•',
      seriesName,
      seriesType,
      data,
    });
    const text = substitutionTooltip(
      [
        item('ev-thrift (thrift)', 'bar', 1500),
        item('ev-grade (grade)', 'bar', 0),
        item('wind-geared (technology)', 'bar', 2500),
        item('given up because of price', 'line', 900),
      ],
      't magnet',
    );
    expect(text).toBe(
      '2035<br>•ev-thrift (thrift) <b>1,500 t magnet</b><br>•wind-geared (technology) <b>2,500 t magnet</b>' +
        '<br>substituted in all <b>4,000 t magnet</b><br>•given up because of price <b>900 t magnet</b>',
    );
  });
});

describe('the sweep chart’s tooltip', () => {
  it('gives a premium in its unit, and a target out of reach as such', () => {
    const spec = { id: 'chart-plan-sweep', kind: 'plan-sweep', unit: 'M USD', option: {} } as ChartSpec;
    const { tooltip } = decorate(spec, { tooltip: { trigger: 'axis' } }) as {
      tooltip: { trigger: string; valueFormatter: (v: unknown) => string };
    };
    expect(tooltip.trigger).toBe('axis');
    expect(tooltip.valueFormatter(1234.5)).toBe('1,234.5 M USD');
    expect(tooltip.valueFormatter(null)).toBe('out of reach');
  });
});
