/** `lodestone exposure` end to end, in process, on the default dataset with short horizons. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../scenario/package-root.js';
import { main } from './main.js';

const work = mkdtempSync(join(tmpdir(), 'lodestone-exposure-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function exposure(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'lodestone', 'exposure', ...args], {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    tty: false,
  });
  return { code, out, err };
}

describe('lodestone exposure', () => {
  it('runs an example and writes its files', async () => {
    const out = join(work, 'motor');
    const example = join(packageRoot(), 'examples', 'exposure', 'motor-maker.yaml');
    const r = await exposure(example, '--scenarios', 'baseline', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Exposure of Industrial motor maker');
    expect(r.out).toContain('Scenarios by harm');
    const csv = readFileSync(join(out, 'exposure.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe(
      'scenario,year,line,supplier,demand_t,served_t,at_risk_t,at_risk_share,covered_share,covered_share_mining,covered_share_separation,covered_share_metal,covered_share_magnet,cost_usd,cost_change_usd,shortfall_probability,expected_shortfall_t,inventory_t,days_of_cover',
    );
    // 5 years × (3 suppliers + the line + the company).
    expect(csv.filter((l) => l.startsWith('baseline,'))).toHaveLength(25);
    for (const f of [
      'exposure_ranking.csv',
      'exposure_alternatives.csv',
      'exposure_origins.csv',
      'exposure_summary.txt',
    ])
      expect(readFileSync(join(out, f), 'utf8').length).toBeGreaterThan(0);
  });

  it('gives shortfall probabilities over Monte Carlo draws', async () => {
    const file = join(work, 'one-year.yaml');
    writeFileSync(
      file,
      `company: One Year
region: US
horizon: { start: 2026, end: 2026 }
product_lines:
  - id: traction
    application: ev-traction
    grade: ndfeb-gbd
    tonnes: 100
    suppliers:
      - { facility: evac-sumter, share: 1 }
`,
    );
    const out = join(work, 'mc');
    const r = await exposure(file, '--scenarios', 'baseline', '--draws', '2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Monte Carlo: 2 draws per scenario');
    const [header, ...rows] = readFileSync(join(out, 'exposure.csv'), 'utf8').trim().split('\n');
    const col = header!.split(',').indexOf('shortfall_probability');
    for (const row of rows) expect(Number(row.split(',')[col])).toBeGreaterThanOrEqual(0);
    expect(rows.every((row) => row.split(',')[col] !== '')).toBe(true);
  });

  it('refuses a bad file with exit code 2 and every problem by file:line', async () => {
    const file = join(work, 'bad.yaml');
    writeFileSync(
      file,
      `company: Bad
region: US
horizon: { start: 2026, end: 2026 }
product_lines:
  - id: traction
    application: ev-traction
    grade: ndfeb-n99
    tonnes: 100
    suppliers:
      - { facility: no-such-plant, share: 0.5 }
      - { company: MP Materials, share: 0.4 }
  - id: aux
    application: other-automotive
    grade: ndfeb-n42
    tonnes: -5
    suppliers:
      - { company: Noveon, share: 1 }
`,
    );
    const r = await exposure(file, '--scenarios', 'baseline');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:7: product_lines.0.grade: the dataset has no magnet grade "ndfeb-n99"`);
    expect(r.err).toContain(
      `${file}:10: product_lines.0.suppliers.0.facility: unknown supplier facility "no-such-plant"`,
    );
    expect(r.err).toContain(`${file}:10: product_lines.0.suppliers: supplier shares sum to 0.9, expected 1`);
    expect(r.err).toContain(`${file}:15: product_lines.1.tonnes: expected tonnes from 0 to 1e9`);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a missing file and bad options with exit code 2', async () => {
    expect((await exposure(join(work, 'none.yaml'))).code).toBe(2);
    const example = join(packageRoot(), 'examples', 'exposure', 'motor-maker.yaml');
    const r = await exposure(example, '--draws', 'many');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--draws: expected a whole number ≥ 0, got "many"');
  });
});
