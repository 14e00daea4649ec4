/** End-to-end: the real `lodestone` executable (bin/lodestone.js → dist), as a user runs it. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SCENARIOS = join(ROOT, 'test', 'fixtures', 'scenarios');
const work = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function lodestone(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'lodestone.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const noStackTrace = (s: string) => expect(s).not.toMatch(/^\s+at /m);
const csv = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

describe('lodestone run', () => {
  const out = join(work, 'mini');
  const run = lodestone('run', join(SCENARIOS, 'mini.yaml'), '--out', out);

  it('solves every period and prints the summary per period and region', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Scenario mini on dataset mini/);
    expect(run.stdout).toMatch(
      /period\s+region\s+demand\s+served China-free\s+served China-touched\s+substituted\s+given up\s+short/,
    );
    expect(run.stdout.match(/^20(25|26|27)\s+(CN|US)\s/gm)).toHaveLength(6);
  });

  it('writes tidy CSV tables with unit columns and a run manifest', () => {
    expect(readdirSync(out).sort()).toEqual([
      'benchmarks.csv',
      'bottlenecks.csv',
      'capacity.csv',
      'concentration.csv',
      'demand.csv',
      'import_reliance.csv',
      'inventory.csv',
      'key_outputs.csv',
      'policies.csv',
      'price_benchmarks.csv',
      'prices.csv',
      'production.csv',
      'recycled_share.csv',
      'run.json',
      'self_sufficiency.csv',
      'stocks.csv',
      'substitution.csv',
      'trace.csv',
      'trade.csv',
      'undersupply.csv',
    ]);
    expect(csv(join(out, 'trace.csv'))[0]).toBe(
      'period,region,application,stage,tag,country,share,amount,total,unit',
    );
    expect(csv(join(out, 'concentration.csv'))[0]).toBe(
      'period,stage,output,taint_share,top1_country,top1_share,top3_share,hhi,unit',
    );
    expect(csv(join(out, 'self_sufficiency.csv'))[0]).toBe(
      'period,bloc,stage,measure,supply,demand,ratio,unit',
    );
    // 2025 mining: China's mine runs full (200 kt REO), the US mine makes the rest (10.5 kt): 95%.
    expect(csv(join(out, 'concentration.csv'))).toContainEqual(
      expect.stringMatching(/^2025,mining,210526\.315789,0\.95,CN,/),
    );
    expect(csv(join(out, 'policies.csv'))[0]).toBe('period,policy,metric,value,unit');
    // The mini dataset's one contract, from 2027.
    expect(csv(join(out, 'policies.csv'))).toContain('2027,contract us-magnet-ev,contracted,500,t');
    expect(csv(join(out, 'production.csv'))[0]).toBe('period,facility,region,stage,material,tag,amount,unit');
    expect(csv(join(out, 'trade.csv'))[0]).toBe('period,material,tag,from_region,to_region,amount,unit');
    expect(csv(join(out, 'demand.csv'))[0]).toBe(
      'period,region,application,material,demand,served_free,served_cn,substituted,destroyed,short,unit',
    );
    expect(csv(join(out, 'prices.csv'))[0]).toBe('period,region,material,tag,price,unit');
    expect(csv(join(out, 'inventory.csv'))[0]).toBe('period,region,material,tag,amount,unit');
    // The Chinese mine's output in 2025 is China-touched concentrate, in t REO.
    expect(csv(join(out, 'production.csv'))).toContainEqual(
      expect.stringMatching(/^2025,cn-mine,CN,mining,conc,cn,[0-9.]+,t REO$/),
    );
    const demand = csv(join(out, 'demand.csv'))
      .slice(1)
      .map((l) => l.split(','));
    for (const [, , , , d, free, cn, substituted, destroyed, short] of demand)
      expect(Number(free) + Number(cn) + Number(substituted) + Number(destroyed) + Number(short)).toBeCloseTo(
        Number(d),
        4,
      );
  });

  it('records scenario, dataset hash, taint set, version and each period’s solve in run.json', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(manifest.scenario.name).toBe('mini');
    expect(manifest.taint).toMatchObject({ set: 'china', name: 'China', regions: ['CN'] });
    expect(manifest.dataset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.lodestone_version).toBe(
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    );
    expect(manifest.periods.map((p: { period: string; status: string }) => [p.period, p.status])).toEqual([
      ['2025', 'optimal'],
      ['2026', 'optimal'],
      ['2027', 'optimal'],
    ]);
    expect(manifest.periods[0].lp.rows).toBeGreaterThan(0);
    expect(manifest.periods[0].objective).toBeGreaterThan(0);
  });

  it('gives the same tables on a second run', () => {
    const again = join(work, 'mini-again');
    expect(lodestone('run', join(SCENARIOS, 'mini.yaml'), '--out', again).code).toBe(0);
    for (const f of ['production.csv', 'trade.csv', 'demand.csv', 'prices.csv', 'inventory.csv']) {
      expect(readFileSync(join(again, f), 'utf8'), f).toBe(readFileSync(join(out, f), 'utf8'));
    }
  });

  it('prints the whole result as JSON with --json', () => {
    const r = lodestone('run', join(SCENARIOS, 'mini-quarterly.yaml'), '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.periods.map((p: { period: { label: string } }) => p.period.label)).toEqual([
      '2026Q1',
      '2026Q2',
      '2026Q3',
      '2026Q4',
    ]);
  });

  it('exports each period’s LP for other solvers', () => {
    const dir = join(work, 'lp');
    const r = lodestone('run', join(SCENARIOS, 'mini.yaml'), '--export-lp', dir, '--lp-format', 'mps');
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['period-2025.mps', 'period-2026.mps', 'period-2027.mps']);
    expect(readFileSync(join(dir, 'period-2025.mps'), 'utf8')).toMatch(/^ROWS$/m);
  });

  it('runs the embedded default scenario with no arguments', () => {
    const r = lodestone('run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Scenario baseline on dataset /);
  });
});

describe('lodestone trace', () => {
  it('reads a run folder and shows shares by country at each stage', () => {
    const r = lodestone('trace', join(work, 'mini'), '--region', 'US', '--application', 'defense');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Where the supply of US defense comes from, by stage:/);
    expect(r.stdout).toMatch(/^Taint set china \(CN\): China-touched = /m);
    expect(r.stdout).toMatch(/^2025\s+magnet\s+cn\s+CN 100%$/m);
    expect(r.stdout).toMatch(/^2025\s+origin tag\s+demand\s+China-touched 100%$/m);
  });

  it('runs a scenario when given one, and names a region with nothing to trace', () => {
    expect(lodestone('trace', join(SCENARIOS, 'mini.yaml'), '--region', 'US').code).toBe(0);
    const r = lodestone('trace', join(SCENARIOS, 'mini.yaml'), '--region', 'XX');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--region: no supply traced to region "XX"/);
  });
});

describe('lodestone report', () => {
  it('writes report.html and report.md from a run folder', () => {
    const dir = join(work, 'report');
    const r = lodestone('report', join(work, 'mini'), '--out', dir, '--period', '2026');
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.md']);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# Lodestone run report: mini/m);
  });
  it('names what is missing in a folder that is not a run', () => {
    const r = lodestone('report', work);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run\.json not found/);
    noStackTrace(r.stderr);
  });
});

describe('lodestone mc', () => {
  it('runs draws on workers and writes the summaries', () => {
    const dir = join(work, 'mc');
    const r = lodestone(
      'mc',
      join(SCENARIOS, 'mini-uncertain.yaml'),
      '--draws',
      '4',
      '--seed',
      '7',
      '--workers',
      '2',
      '--blocs',
      'US',
      '--out',
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Monte Carlo of mini-uncertain: 4 of 4 draws/);
    expect(readdirSync(dir).sort()).toEqual([
      'mc.json',
      'mc_draws.jsonl.gz',
      'mc_self_sufficiency.csv',
      'mc_sensitivity.csv',
      'mc_summary.csv',
    ]);
    expect(csv(join(dir, 'mc_summary.csv'))[0]).toBe(
      'metric,period,region,mean,p5,p25,p50,p75,p95,p50_ci_low,p50_ci_high,unit',
    );
    expect(csv(join(dir, 'mc_self_sufficiency.csv'))[0]).toBe('region,period,probability,ci_low,ci_high');
    // Each probability with its Wilson interval: k of 4 draws.
    expect(r.stdout).toMatch(
      /^US\s+(0% \(0%–49%\)|25% \(5%–70%\)|50% \(15%–85%\)|75% \(30%–95%\)|100% \(51%–100%\))/m,
    );
    expect(JSON.parse(readFileSync(join(dir, 'mc.json'), 'utf8'))).toMatchObject({
      seed: 7,
      sampling: 'random',
      draws_finished: 4,
      partial: false,
    });
  });
  it('draws until --precision is reached and says how many draws it took', () => {
    const scenario = join(SCENARIOS, 'mini-uncertain.yaml');
    const args = ['--workers', '0', '--blocs', 'US', '--sampling', 'lhs'];
    const r = lodestone('mc', scenario, '--precision', '0.3', '--draws', '8', ...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^--precision 0\.3: every tracked probability within ±0\.3 \(95% Wilson\) after 8 draws/m,
    );
  });
  it('refuses a --precision outside (0, 0.5) and an unknown --sampling', () => {
    for (const p of ['0', '0.5', 'tight']) {
      const r = lodestone('mc', '--precision', p, '--blocs', 'none');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `--precision: expected a half-width between 0 and 0.5 (exclusive), say 0.01 for ±1 pp; got "${p}"`,
      );
      noStackTrace(r.stderr);
    }
    const r = lodestone('mc', '--draws', '2', '--sampling', 'halton');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sampling: expected one of random, lhs, sobol, got "halton"');
  });
  it('refuses a bad draw count', () => {
    const r = lodestone('mc', join(SCENARIOS, 'mini-uncertain.yaml'), '--draws', 'many');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--draws: expected a whole number ≥ 1, got "many"/);
  });
  it('tracks the blocs asked for, none, or refuses an unknown one', () => {
    const scenario = join(SCENARIOS, 'mini-uncertain.yaml');
    const bad = lodestone('mc', scenario, '--draws', '2', '--blocs', 'US,Mars');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--blocs: unknown bloc "Mars"; expected some of US, or none/);
    noStackTrace(bad.stderr);
    const dir = join(work, 'mc-none');
    const none = lodestone('mc', scenario, '--draws', '2', '--workers', '0', '--blocs', 'none', '--out', dir);
    expect(none.code).toBe(0);
    expect(csv(join(dir, 'mc_self_sufficiency.csv'))).toEqual(['region,period,probability,ci_low,ci_high']);
    expect(csv(join(dir, 'mc_summary.csv')).some((l) => l.startsWith('short,'))).toBe(true);
  });
});

describe('lodestone compare', () => {
  it('sets scenarios side by side and writes the differences', () => {
    const dir = join(work, 'compare');
    const r = lodestone(
      'compare',
      join(SCENARIOS, 'mini.yaml'),
      join(SCENARIOS, 'mini-delayed.yaml'),
      '--out',
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Compared with mini: \d+ of \d+ key outputs differ/);
    expect(r.stdout).toMatch(/^mini-delayed against mini:$/m);
    expect(r.stdout).toMatch(/^2027\s+94,888\s+1,667\s+CN 86\.1k, US 8\.8k\s+US −6\s+6$/m);
    expect(readdirSync(dir).sort()).toEqual(['compare.csv', 'demand_diff.csv']);
    expect(csv(join(dir, 'compare.csv'))[0]).toBe(
      'period,output,item,unit,mini,mini-delayed,mini-delayed_minus_mini',
    );
  });

  it('needs at least two scenarios', () => {
    const r = lodestone('compare', join(SCENARIOS, 'mini.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected at least two scenarios/);
  });
});

describe('lodestone validate', () => {
  it('accepts a valid dataset and scenario', () => {
    const r = lodestone('validate', join(SCENARIOS, 'mini.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: dataset "mini" .*6 facilities/);
    expect(r.stdout).toMatch(/ok: scenario "mini"/);
  });

  it('validates the embedded default dataset', () => {
    expect(lodestone('validate').code).toBe(0);
  });

  it('finds a library scenario by its name', () => {
    const r = lodestone('validate', 'heavy-re-embargo');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok: scenario "heavy-re-embargo"/);
    expect(lodestone('validate', 'no-such-scenario').stderr).toMatch(
      /no-such-scenario: scenario file not found/,
    );
  });
});

describe('bad input gets a clear message and exit code 2, never a stack trace', () => {
  it.each([
    [
      'a scenario naming a missing dataset',
      ['run', join(SCENARIOS, 'missing-dataset.yaml')],
      /missing-dataset\.yaml:3: dataset: dataset folder "\.\.\/no-such-dataset" not found/,
    ],
    [
      'a scenario with bad fields',
      ['run', join(SCENARIOS, 'bad-horizon.yaml')],
      /bad-horizon\.yaml:3: horizon\.end: expected end ≥ start[\s\S]*bad-horizon\.yaml:4: period: expected year or quarter/,
    ],
    ['a scenario file that does not exist', ['run', 'nope.yaml'], /nope\.yaml: scenario file not found/],
    [
      'a dataset folder that does not exist',
      ['validate', '--data', 'nowhere'],
      /nowhere: dataset folder not found/,
    ],
    [
      'a scenario naming an unknown taint set',
      ['run', join(SCENARIOS, 'unknown-taint.yaml')],
      /unknown-taint\.yaml:5: taint: unknown taint set "feoc"; the dataset defines "china"/,
    ],
    [
      'a scenario tracking one taint set while an origin requirement enforces another',
      ['run', join(SCENARIOS, 'two-taint-sets.yaml')],
      /two-taint-sets\.yaml:5: taint: the run tracks taint set "china", but origin requirement "us-dfars-magnets" enforces "feoc"; a run tracks one set: set `taint: feoc`/,
    ],
    [
      'an origin requirement naming an unknown taint set',
      ['run', join(SCENARIOS, 'unknown-requirement-set.yaml')],
      /unknown-requirement-set\.yaml:6: set: unknown taint set "nope"; expected an id from taint_sets/,
    ],
    ['an unknown option', ['run', '--frobnicate'], /unknown option '--frobnicate'/],
    ['a bad LP format', ['run', '--lp-format', 'xml'], /argument 'xml' is invalid/],
  ])('%s', (_, args, message) => {
    const r = lodestone(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStackTrace(r.stderr);
  });

  it('names a taint set listing an unknown region, at its line', () => {
    const data = join(work, 'mini-bad-set');
    cpSync(join(ROOT, 'test', 'fixtures', 'mini-dataset'), data, { recursive: true });
    writeFileSync(
      join(data, 'taint_sets.csv'),
      'id,name,regions,source_ids,confidence\nchina,China,CN;XX,test,estimate\n',
    );
    const r = lodestone('validate', '--data', data);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /taint_sets\.csv:2: regions\.1: unknown region "XX"; expected an id from regions/,
    );
    noStackTrace(r.stderr);
  });

  it('reports a solver failure with its status and exit code 1', () => {
    const r = lodestone('run', join(SCENARIOS, 'time-limit.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: period 2025: solver status "time limit"\n');
  });
});

describe('help', () => {
  it.each([
    [['--help']],
    [['run', '--help']],
    [['validate', '--help']],
    [['compare', '--help']],
    [['trace', '--help']],
    [['report', '--help']],
    [['mc', '--help']],
    [['exposure', '--help']],
  ])('%j prints usage and exits 0', (args) => {
    const r = lodestone(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: lodestone/);
  });
  it('has a built CLI', () => expect(existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))).toBe(true));
});
