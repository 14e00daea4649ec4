import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, editedDataset, errorsOf, MINI_DATASET } from '../../test/fixtures/dataset-files.js';
import { loadDataset } from './load-dataset.js';

const HEADER = 'material,year,region,low,high,unit,basis,source_ids,confidence';

describe('price_benchmarks.csv', () => {
  it('holds the published 2024–2025 NdPr, Dy and Tb oxide ranges of the default data, in USD/kg', () => {
    const rows = loadDataset(DEFAULT_DATASET).dataset.price_benchmarks;
    const range = (material: string, year: number, region: string) =>
      rows
        .filter((r) => r.material === material && r.year === year && r.region === region)
        .map((r) => [r.low, r.high]);
    expect(range('ndpr-oxide', 2024, 'CN')).toEqual([[48, 55]]);
    expect(range('dy-oxide', 2025, 'CN')).toEqual([[192, 239]]);
    expect(range('tb-oxide', 2025, 'EU')).toEqual([[2000, 4000]]);
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set(['USD/kg']));
  });

  it('refuses a range whose high is below its low, and unknown materials and regions', () => {
    const files = editedDataset(MINI_DATASET, {
      'price_benchmarks.csv': [
        HEADER,
        'ndpr-oxide,2025,CN,70,60,USD/kg,FOB,test,estimate',
        'unobtainium,2025,XX,1,2,USD/kg,FOB,test,estimate',
      ].join('\n'),
    });
    expect(errorsOf(files)).toEqual([
      'price_benchmarks.csv:2: high: expected high ≥ low (70)',
      'price_benchmarks.csv:3: material: unknown material "unobtainium"; expected an id from materials',
      'price_benchmarks.csv:3: region: unknown region "XX"; expected an id from regions',
    ]);
  });
});
