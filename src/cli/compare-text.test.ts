import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../analysis/compare.js';
import type { Io } from './commands.js';
import { comparisonText, WIDTH } from './compare-text.js';
import { main } from './main.js';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'scenarios');
const work = mkdtempSync(join(tmpdir(), 'lodestone-compare-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function lodestone(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), tty: false };
  const code = await main(['node', 'lodestone', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const fits = (text: string) => text.split('\n').every((l) => l.length <= WIDTH);
/** The lines of the block that starts with `head`. */
const block = (text: string, head: string) => {
  const start = text.split('\n').findIndex((l) => l.startsWith(head));
  const rest = text.split('\n').slice(start);
  return rest.slice(0, rest.indexOf(''));
};

describe('lodestone compare in a terminal', () => {
  const [mini, delayed, embargo] = ['mini', 'mini-delayed', 'mini-embargo'].map((n) =>
    join(SCENARIOS, `${n}.yaml`),
  );

  it('prints per scenario the key figures at each period that differs, within 100 columns', async () => {
    const dir = join(work, 'three');
    const r = await lodestone('compare', mini!, delayed!, embargo!, '--out', dir);
    expect(r.code).toBe(0);
    expect(fits(r.stdout)).toBe(true);
    expect(r.stdout).toMatch(
      /^Compared with mini: 18 of 64 key outputs differ\.\nPer scenario, each period that differs: shortfall \(t magnet\) and China-free share by region\.\n\n/,
    );
    // The base's own figures at every period any scenario differs in.
    expect(block(r.stdout, 'mini (the base)')).toEqual([
      'mini (the base):',
      'period   short  short by region    China-free share',
      '------  ------  -----------------  ----------------',
      '2025    68,389  CN 61.4k, US 7k    -',
      '2026    80,686  CN 73.1k, US 7.6k  -',
      '2027    93,221  CN 84.9k, US 8.3k  US 6%',
    ]);
    // The delayed US magnet plant: nothing differs in 2025; the US goes short, and its China-free share drops.
    const lines = block(r.stdout, 'mini-delayed against mini');
    expect(lines[1]).toMatch(
      /^period\s+short\s+Δ short\s+short by region\s+China-free share, Δ pp\s+others differ$/,
    );
    expect(lines.slice(3)).toEqual([
      expect.stringMatching(/^2026\s+81,241\s+556\s+CN 73\.4k, US 7\.9k\s+-\s+5$/),
      expect.stringMatching(/^2027\s+94,888\s+1,667\s+CN 86\.1k, US 8\.8k\s+US −6\s+6$/),
    ]);
    expect(block(r.stdout, 'mini-embargo against mini').map((l) => l.slice(0, 4))).toEqual([
      'mini',
      'peri',
      '----',
      '2025',
      '2026',
      '2027',
    ]);
    // The full table stays in compare.csv: every key output, not only those that differ.
    const csv = join(dir, 'compare.csv');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      `Every key output, side by side with the differences: ${csv}`,
    );
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(1 + 64);
    expect(r.stderr).toBe(`wrote 2 files to ${dir}\n`);
  });

  it('prints every fifth year with --all, whether it differs or not', async () => {
    const r = await lodestone('compare', mini!, delayed!, '--all');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Compared with mini: 16 of 64 key outputs differ\.\nPer scenario, every fifth year: /,
    );
    expect(block(r.stdout, 'mini-delayed against mini')).toEqual([
      'mini-delayed against mini:',
      expect.stringMatching(/^period/),
      expect.stringMatching(/^------/),
      expect.stringMatching(/^2025\s+68,389\s+0\s+CN 61\.4k, US 7k\s+-\s+0$/),
    ]);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Every key output, side by side with the differences: --out DIR writes compare.csv.',
    );
  });

  it('says so when nothing differs', async () => {
    const r = await lodestone('compare', mini!, mini!);
    expect(r.stdout).toMatch(
      /\nmini \(the base\):\n {2}no scenario differs from it\.\n\nmini against mini:\n {2}no key output differs from mini\.\n/,
    );
  });
});

describe('comparisonText', () => {
  it('cuts its text columns to one width (marked …) so every line fits 100 columns', () => {
    // Twelve regions with long names, each short and with a China-free share that moves.
    const regions = Array.from({ length: 12 }, (_, k) => `Region-with-a-long-name-${k}`);
    const rows: ComparisonRow[] = regions.flatMap((region, k) => [
      {
        period: '2030',
        group: 'short',
        item: `${region} ev magnet`,
        unit: 't magnet',
        values: [0, 1000 * (k + 1)],
      },
      {
        period: '2030',
        group: 'China-free share',
        item: region,
        unit: 'share',
        values: [0.5, 0.5 - 0.01 * k],
      },
    ]);
    const text = comparisonText(
      ['a-base-scenario-with-a-long-name', 'another-scenario-with-a-long-name'],
      rows,
    );
    expect(fits(text)).toBe(true);
    const line = text.split('\n').find((l) => l.startsWith('2030') && l.includes('78,000'))!;
    expect(line).toMatch(
      /^2030\s+78,000\s+78,000\s+Region-with-a-long-name-11 1…\s+Region-with-a-long-name-11 −…\s+0$/,
    );
  });

  it('adds demand given up and substituted, when any scenario has them, beside the shortfall', () => {
    const row = (period: string, group: string, item: string, values: number[]): ComparisonRow => ({
      period,
      group,
      item,
      unit: group === 'China-free share' ? 'share' : 't magnet',
      values,
    });
    const rows = [
      row('2035', 'short', 'US ev magnet', [288, 900]),
      row('2035', 'destroyed', 'US ev magnet', [2502, 4100]),
      row('2035', 'substituted', 'US ev', [1200, 0]),
      row('2035', 'China-free share', 'US', [0.19, 0.19]),
      row('2035', 'price', 'US magnet cn', [80, 95]),
    ];
    const text = comparisonText(['baseline', 'no-substitution'], rows);
    expect(fits(text)).toBe(true);
    expect(text.split('\n').slice(1, 3)).toEqual([
      'Per scenario, each period that differs: shortfall (t magnet) and China-free share by region.',
      'given up: priced out on the demand curves; substituted: met by substitution (t magnet, all regions).',
    ]);
    expect(block(text, 'baseline (the base)').slice(1, 2)).toEqual([
      expect.stringMatching(/^period\s+short\s+given up\s+substituted\s+short by region\s+China-free share$/),
    ]);
    const lines = block(text, 'no-substitution against baseline');
    expect(lines[1]).toMatch(
      /^period\s+short\s+Δ short\s+Δ given up\s+Δ subst\.\s+short by region\s+China-free share, Δ pp\s+others differ$/,
    );
    // Only the price counts among the others: shortfall, given up and substituted have their columns.
    expect(lines[3]).toMatch(/^2035\s+900\s+612\s+1,598\s+-1,200\s+US 900\s+-\s+1$/);
  });
});
