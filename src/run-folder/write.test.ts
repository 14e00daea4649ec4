/** The CSV writer against csv-stringify, the writer it replaced: the same bytes for awkward cells. */
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { RowOf } from './tables.js';
import { round6, tableCsv } from './write.js';

describe('tableCsv', () => {
  it('writes what csv-stringify writes: quotes only where a cell holds a comma, quote or line break', () => {
    const rows: RowOf<'policies'>[] = [
      { period: '2025', policy: 'plain', metric: 'stock level', value: 1234.5678901, unit: 't' },
      { period: '2025-Q2', policy: 'a, b', metric: 'say "hi"', value: -0.0000001, unit: '' },
      { period: '2026', policy: 'line\nbreak', metric: 'cr\rhere', value: 0, unit: 'USD/kg (t REO)' },
      { period: '2027', policy: '"', metric: ',', value: 1e21, unit: 'share; 0-1' },
      { period: '2028', policy: 'x', metric: 'nan', value: Number.NaN, unit: 'ü €' },
    ];
    const columns = ['period', 'policy', 'metric', 'value', 'unit'] as const;
    const expected = stringify([
      [...columns],
      ...rows.map((r) => columns.map((c) => (typeof r[c] === 'number' ? round6(r[c] as number) : r[c]))),
    ]);
    expect(tableCsv('policies', rows)).toBe(expected);
    expect(tableCsv('policies', [])).toBe('period,policy,metric,value,unit\n');
  });
});
