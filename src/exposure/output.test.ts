import { describe, expect, it } from 'vitest';
import { chain, scenario } from '../../test/fixtures/tiny-dataset.js';
import { assessExposure } from './exposure.js';
import { EXPOSURE_COLUMNS, EXPOSURE_TABLES, exposureFiles } from './output.js';
import { loadExposureText } from './validate.js';

describe('exposure files', () => {
  it('describe every column of their specs, in file order', () => {
    for (const [file, spec] of Object.entries(EXPOSURE_TABLES))
      expect(Object.keys(spec.columns), file).toEqual(
        Object.keys(EXPOSURE_COLUMNS[file as keyof typeof EXPOSURE_COLUMNS]),
      );
  });

  it('write the spec’s header and one row per result row', async () => {
    const dataset = chain();
    const exposure = loadExposureText(
      `company: T
region: US
horizon: { start: 2025, end: 2025 }
product_lines:
  - { id: m, application: ev, grade: magnet, tonnes: 10, suppliers: [{ facility: us-mag, share: 1 }] }
`,
      'e.yaml',
      dataset,
    ).exposure!;
    const result = await assessExposure(exposure, [
      { name: 'baseline', dataset, scenario: scenario(2025, 2025) },
    ]);
    const files = new Map(exposureFiles(result).map((f) => [f.name, String(f.content)]));
    for (const [file, spec] of Object.entries(EXPOSURE_TABLES)) {
      const lines = files.get(file)!.trim().split('\n');
      expect(lines[0], file).toBe(Object.keys(spec.columns).join(','));
    }
    // The node, its line and the company: three rows for the one year.
    expect(files.get('exposure.csv')!.trim().split('\n')).toHaveLength(4);
    expect(files.get('exposure_summary.txt')).toContain('Exposure of T (US), 2025–2025');
  });
});
