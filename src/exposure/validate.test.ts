import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chain } from '../../test/fixtures/tiny-dataset.js';
import { formatProblem } from '../dataset/problems.js';
import { packageRoot, scenarioFileFor } from '../scenario/package-root.js';
import { prepareRun } from '../scenario/prepare-run.js';
import { loadExposureText } from './validate.js';

const messages = (text: string) =>
  loadExposureText(text, 'exposure.yaml', chain()).problems.map(formatProblem);

describe('exposure file validation', () => {
  it('accepts a valid file and resolves its suppliers', () => {
    const loaded = loadExposureText(
      `company: Test Motors
region: US
horizon: { start: 2025, end: 2026 }
product_lines:
  - id: motors
    application: ev
    grade: magnet
    tonnes: { 2025: 10, 2026: 20 }
    suppliers:
      - { facility: us-mag, share: 0.5 }
      - { company: owner, share: 0.25 }
      - { country: CN, share: 0.15 }
      - { unnamed: true, share: 0.1 }
contracts:
  - { id: c1, line: motors, facility: us-mag, tonnes: 5 }
inventory: { days: 30 }
`,
      'exposure.yaml',
      chain(),
    );
    expect(loaded.problems).toEqual([]);
    expect(loaded.exposure!.years).toEqual({ start: 2025, end: 2026 });
    expect(loaded.exposure!.suppliers[0]!.map((s) => s.source.kind)).toEqual([
      'facilities',
      'facilities',
      'country',
      'unnamed',
    ]);
  });

  it('still checks a line’s grade and suppliers when its tonnes are bad', () => {
    expect(
      messages(`company: Test Motors
region: US
horizon: { start: 2025, end: 2026 }
product_lines:
  - id: motors
    application: ev
    grade: unobtainium
    tonnes: -5
    suppliers:
      - { facility: nowhere-mag, share: 0.5 }
      - { facility: us-mag, share: 0.3 }
`),
    ).toEqual([
      'exposure.yaml:8: product_lines.0.tonnes: expected tonnes from 0 to 1e9 (negative tonnes are not allowed)',
      expect.stringMatching(
        /^exposure\.yaml:7: product_lines\.0\.grade: the dataset has no magnet grade "unobtainium"/,
      ),
      'exposure.yaml:10: product_lines.0.suppliers: supplier shares sum to 0.8, expected 1 (add an { unnamed: true } share for the rest)',
      'exposure.yaml:10: product_lines.0.suppliers.0.facility: unknown supplier facility "nowhere-mag" (facilities.csv)',
    ]);
  });

  it('reports every problem at once, each with its line', () => {
    const found = messages(`company: Test Motors
region: US
horizon: { start: 2025, end: 2026 }
product_lines:
  - id: motors
    application: ev
    grade: magnet
    tonnes: 20
    suppliers:
      - { facility: nowhere-mag, share: 0.5 }
      - { country: CN, share: 0.3 }
  - id: pumps
    application: ev
    grade: unobtainium
    tonnes: 5
    suppliers:
      - { facility: us-mag, share: 1 }
  - id: fans
    application: ev
    grade: magnet
    tonnes: -3
    suppliers:
      - { facility: us-mag, share: 1 }
  - id: drives
    application: ev
    grade: magnet
    tonnes: 10
    suppliers:
      - { company: Nobody Inc, share: 1 }
`);
    expect(found).toEqual(
      expect.arrayContaining([
        'exposure.yaml:21: product_lines.2.tonnes: expected tonnes from 0 to 1e9 (negative tonnes are not allowed)',
        'exposure.yaml:10: product_lines.0.suppliers.0.facility: unknown supplier facility "nowhere-mag" (facilities.csv)',
        'exposure.yaml:10: product_lines.0.suppliers: supplier shares sum to 0.8, expected 1 (add an { unnamed: true } share for the rest)',
        'exposure.yaml:14: product_lines.1.grade: the dataset has no magnet grade "unobtainium" (it has magnet)',
        'exposure.yaml:29: product_lines.3.suppliers.0.company: unknown supplier company "Nobody Inc" (no facility of facilities.csv has that owner)',
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('refuses tonnes beyond the demand they are carved out of, and a supplier that does not make the grade', () => {
    const found = messages(`company: Test Motors
region: US
horizon: { start: 2025, end: 2025 }
product_lines:
  - id: motors
    application: ev
    grade: magnet
    tonnes: 80
    suppliers:
      - { facility: us-sep, share: 1 }
contracts:
  - { agreement: missing }
`);
    expect(found).toEqual([
      'exposure.yaml:10: product_lines.0.suppliers.0.facility: facility "us-sep" does not make magnet',
      "exposure.yaml:8: product_lines.0.tonnes: 80 t of magnet from named suppliers in 2025 exceed the US ev demand for it (50 t) that the company's demand is carved out of",
      'exposure.yaml:12: contracts.0.agreement: unknown agreement "missing" (agreements.csv)',
    ]);
  });

  it('reports unknown fields, a missing horizon and bad YAML by line', () => {
    expect(
      messages(
        'company: X\nregion: US\nproduct_lines:\n  - id: a\n    application: ev\n    grade: magnet\n    tonnes: 1\n    supplier: []\n',
      ),
    ).toEqual(
      expect.arrayContaining(['exposure.yaml:8: product_lines.0.supplier: unknown field "supplier"']),
    );
    expect(messages('company: [\n')[0]).toMatch(/^exposure\.yaml:\d+: not valid YAML/);
  });
});

describe('the example exposure files', () => {
  it('are valid against the default dataset', () => {
    const { dataset } = prepareRun(scenarioFileFor('baseline'));
    const dir = join(packageRoot(), 'examples', 'exposure');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.sort()).toEqual(['automaker.yaml', 'defence-prime.yaml', 'motor-maker.yaml']);
    for (const f of files) {
      const loaded = loadExposureText(readFileSync(join(dir, f), 'utf8'), f, dataset);
      expect(loaded.problems.map(formatProblem), f).toEqual([]);
    }
  });
});
