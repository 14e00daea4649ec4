/**
 * A small, hand-made run whose flows are known, for the report's unit tests; and a writer that
 * lays it out as a run folder (the CSV tables and run.json that `lodestone run --out` writes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Measure } from '../../src/analysis/self-sufficiency.js';
import { CHINA } from '../../src/model/taint.js';
import type { McData, McSummaryRow, RunData } from '../../src/report/types.js';
import { TABLES, type TableName } from '../../src/run-folder/tables.js';

const prod = (
  period: string,
  facility: string,
  region: string,
  stage: string,
  material: string,
  tag: string,
  amount: number,
  unit = 't REO',
) => ({
  period,
  facility,
  region,
  stage,
  material,
  tag,
  amount,
  unit,
});
const trade = (
  period: string,
  material: string,
  tag: string,
  from_region: string,
  to_region: string,
  amount: number,
  unit = 't REO',
) => ({
  period,
  material,
  tag,
  from_region,
  to_region,
  amount,
  unit,
});
const dem = (
  period: string,
  region: string,
  application: string,
  demand: number,
  served_free: number,
  served_cn: number,
  destroyed = 0,
) => ({
  period,
  region,
  application,
  material: 'magnet',
  demand,
  served_free,
  served_cn,
  substituted: 0,
  destroyed,
  short: demand - served_free - served_cn - destroyed,
  unit: 't magnet',
});
const ir = (period: string, region: string, material: string, stock_change: number) => ({
  period,
  region,
  material,
  production: 0,
  imports: 0,
  exports: 0,
  stock_change,
  apparent_consumption: 1,
  nir: 0,
  unit: 't REO; nir share',
});
const price = (period: string, region: string, material: string, tag: string, p: number) => ({
  period,
  region,
  material,
  tag,
  price: p,
  unit: 'USD/kg (t REO)',
});
const cap = (
  period: string,
  facility: string,
  region: string,
  stage: string,
  capacity: number,
  used: number,
  value = 0,
) => ({
  period,
  facility,
  region,
  stage,
  capacity,
  used,
  unit: stage === 'magnet' ? 't magnet (magnet)' : 't REO (conc-a)',
  value,
  value_unit: 'USD/kg',
});
const conc = (period: string, stage: string, taint_share: number) => ({
  period,
  stage,
  output: 100,
  taint_share,
  top1_country: 'CN',
  top1_share: taint_share,
  top3_share: 1,
  hhi: 10000 * taint_share ** 2,
  unit: 'output t REO; shares 0-1; HHI 0-10000',
});
const ss = (period: string, bloc: string, stage: string, ratio: number, measure?: Measure) => ({
  period,
  bloc,
  stage,
  measure: measure ?? (stage === 'chain' ? 'potential' : 'capacity'),
  supply: 100 * ratio,
  demand: 100,
  ratio,
  unit: 't of demand served China-free',
});

/**
 * 2030: US and Chinese concentrate is separated in China; Australian concentrate is cracked in
 * Australia and the intermediate (mrec) separated in Malaysia, whose NdPr oxide goes to China by
 * way of Japan (a re-export); China also recycles and draws oxide from stock; La-Ce oxide is a
 * surplus co-product (price 0). China makes all the magnets, and ships 50 t to the US.
 * 2031: China alone, nothing short.
 */
export function toyRun(): RunData {
  return {
    manifest: {
      scenario: { name: 'toy', file: 'toy.yaml' },
      dataset: { name: 'toy-data', dir: '/data/toy', hash: 'ab'.repeat(32) },
      taint: CHINA,
      lodestone_version: '9.9.9',
      periods: [
        { period: '2030', status: 'optimal', objective: 1234.5, objective_unit: 'thousand USD' },
        { period: '2031', status: 'optimal', objective: 2000, objective_unit: 'thousand USD' },
      ],
    },
    production: [
      prod('2030', 'us-mine', 'US', 'mining', 'conc-a', 'free', 100),
      prod('2030', 'au-mine', 'AU', 'mining', 'conc-b', 'free', 50),
      prod('2030', 'cn-mine', 'CN', 'mining', 'conc-a', 'cn', 400),
      prod('2030', 'cn-sep', 'CN', 'separation', 'ndpr-oxide', 'cn', 120),
      prod('2030', 'cn-sep', 'CN', 'separation', 'lace-oxide', 'cn', 380),
      prod('2030', 'au-crack', 'AU', 'separation', 'mrec', 'free', 48),
      prod('2030', 'my-sep', 'MY', 'separation', 'ndpr-oxide', 'free', 12),
      prod('2030', 'cn-metal', 'CN', 'metal', 'ndpr-metal', 'cn', 100, 't metal'),
      prod('2030', 'cn-magnet', 'CN', 'magnet', 'magnet', 'cn', 300, 't magnet'),
      prod('2030', 'cn-magnet', 'CN', 'magnet', 'swarf', 'cn', 90, 't scrap'),
      prod('2030', 'cn-recycle', 'CN', 'recycling', 'ndpr-oxide', 'cn', 10),
      prod('2031', 'cn-mine', 'CN', 'mining', 'conc-a', 'cn', 400),
      prod('2031', 'cn-sep', 'CN', 'separation', 'ndpr-oxide', 'cn', 100),
      prod('2031', 'cn-metal', 'CN', 'metal', 'ndpr-metal', 'cn', 80, 't metal'),
      prod('2031', 'cn-magnet', 'CN', 'magnet', 'magnet', 'cn', 250, 't magnet'),
    ],
    trade: [
      trade('2030', 'conc-a', 'free', 'US', 'CN', 100),
      trade('2030', 'mrec', 'free', 'AU', 'MY', 48),
      trade('2030', 'ndpr-oxide', 'free', 'MY', 'JP', 12),
      trade('2030', 'ndpr-oxide', 'free', 'JP', 'CN', 12),
      trade('2030', 'magnet', 'cn', 'CN', 'US', 50, 't magnet'),
      trade('2030', 'swarf', 'cn', 'CN', 'US', 5, 't scrap'),
    ],
    demand: [
      dem('2030', 'CN', 'ev', 280, 0, 250),
      dem('2030', 'US', 'ev', 80, 0, 50),
      dem('2030', 'US', 'defense', 10, 0, 0),
      dem('2031', 'CN', 'ev', 250, 0, 250),
    ],
    prices: [
      price('2030', 'CN', 'lace-oxide', 'cn', 0),
      price('2030', 'CN', 'ndpr-oxide', 'cn', 50),
      price('2030', 'CN', 'ndpr-oxide', 'free', 49.9),
    ],
    capacity: [
      cap('2030', 'cn-magnet', 'CN', 'magnet', 320, 300),
      cap('2030', 'us-magnet', 'US', 'magnet', 20, 0),
      cap('2030', 'cn-sep', 'CN', 'separation', 500, 500, 12.5),
      cap('2031', 'cn-magnet', 'CN', 'magnet', 320, 250),
      cap('2031', 'us-magnet', 'US', 'magnet', 60, 0),
    ],
    concentration: [
      conc('2030', 'magnet', 1),
      conc('2030', 'mining', 0.727273),
      conc('2030', 'separation', 0.9),
      conc('2030', 'recycling', 1),
      conc('2031', 'mining', 1),
      conc('2031', 'separation', 1),
      conc('2031', 'magnet', 1),
    ],
    priceBenchmarks: [
      {
        year: 2024,
        material: 'ndpr-oxide',
        region: 'CN',
        low: 48,
        high: 55,
        unit: 'USD/kg (t REO)',
        basis: 'test range',
        source_ids: 'src-a;src-b',
      },
    ],
    substitution: [],
    importReliance: [ir('2030', 'CN', 'ndpr-oxide', 8), ir('2030', 'CN', 'lace-oxide', -200)],
    selfSufficiency: [
      ss('2030', 'US', 'magnet', 1),
      ss('2030', 'US', 'chain', 0.1, 'served'),
      ss('2031', 'US', 'chain', 0.2, 'served'),
      ss('2030', 'US', 'chain', 0.5),
      ss('2031', 'US', 'chain', 1 - 1e-12),
      ss('2030', 'US', 'chain', 0.9, 'upper_bound'),
      ss('2031', 'US', 'chain', 1, 'upper_bound'),
      ss('2030', 'US+allies', 'chain', 0.05, 'served'),
      ss('2031', 'US+allies', 'chain', 0.1, 'served'),
      ss('2030', 'US+allies', 'chain', 0.2),
      ss('2031', 'US+allies', 'chain', 0.3),
      ss('2030', 'US+allies', 'chain', 0.6, 'upper_bound'),
      ss('2031', 'US+allies', 'chain', 1, 'upper_bound'),
    ],
    bottlenecks: [
      {
        period: '2030',
        kind: 'capacity',
        rank: 2,
        item: 'cn-mine',
        region: 'CN',
        stage: 'mining',
        value: 1.5,
        unit: 'USD/kg',
      },
      {
        period: '2030',
        kind: 'capacity',
        rank: 1,
        item: 'cn-sep',
        region: 'CN',
        stage: 'separation',
        value: 12.5,
        unit: 'USD/kg',
      },
      {
        period: '2030',
        kind: 'china-free premium',
        rank: 1,
        item: 'US magnet',
        region: 'US',
        stage: '',
        value: 3.25,
        unit: 'USD/kg',
      },
      {
        period: '2031',
        kind: 'capacity',
        rank: 1,
        item: 'cn-mine',
        region: 'CN',
        stage: 'mining',
        value: 2,
        unit: 'USD/kg',
      },
    ],
    policies: [
      { period: '2031', policy: 'contract us-ev', metric: 'delivered', value: 40, unit: 't' },
      { period: '2031', policy: 'contract us-ev', metric: 'fulfilment', value: 0.8, unit: 'share' },
    ],
    benchmarks: [
      {
        period: '2030',
        benchmark: 'extraction share of consumption',
        value: 0.05,
        target: 0.1,
        met: false,
        unit: 'share of consumption',
      },
      {
        period: '2031',
        benchmark: 'extraction share of consumption',
        value: 0.12,
        target: 0.1,
        met: true,
        unit: 'share of consumption',
      },
      {
        period: '2030',
        benchmark: 'largest third-country share, magnet',
        value: 1,
        target: 0.65,
        met: false,
        unit: 'share of consumption',
      },
      {
        period: '2031',
        benchmark: 'largest third-country share, magnet',
        value: 0.5,
        target: 0.65,
        met: true,
        unit: 'share of consumption',
      },
    ],
    missingOptional: [],
  };
}

const sub = (
  period: string,
  region: string,
  option: string,
  kind: 'grade' | 'thrift' | 'technology',
  volume: number,
  to = kind === 'technology' ? 'ferrite motor' : 'magnet-gbd',
) => ({
  period,
  region,
  application: 'ev',
  option,
  kind,
  from: 'magnet',
  to,
  volume,
  substitute: kind === 'technology' ? 0 : volume,
  unit: 't magnet',
  cost: volume * 12,
  cost_unit: 'thousand USD',
  allowed_share: 0.1,
});

/**
 * Substitution for the toy run (toyRun has none): 2030, a thrift in CN and the US and a technology
 * switch in the US; 2031, the thrift in CN grows and a grade switch starts. 53 t substituted in all.
 */
export function toySubstitution(): RunData['substitution'] {
  return [
    sub('2030', 'CN', 'ev-thrift', 'thrift', 10),
    sub('2030', 'US', 'ev-thrift', 'thrift', 4),
    sub('2030', 'US', 'ev-ferrite', 'technology', 6),
    sub('2031', 'CN', 'ev-thrift', 'thrift', 25),
    sub('2031', 'CN', 'ev-grade', 'grade', 8, 'magnet-n35'),
  ];
}

const FILES: [keyof RunData, TableName][] = [
  ['production', 'production'],
  ['trade', 'trade'],
  ['demand', 'demand'],
  ['prices', 'prices'],
  ['capacity', 'capacity'],
  ['concentration', 'concentration'],
  ['importReliance', 'import_reliance'],
  ['selfSufficiency', 'self_sufficiency'],
  ['bottlenecks', 'bottlenecks'],
  ['policies', 'policies'],
  ['benchmarks', 'benchmarks'],
  ['priceBenchmarks', 'price_benchmarks'],
  ['substitution', 'substitution'],
];

/**
 * A table's CSV in the spec's columns, numbers written in full (the run writer rounds to six
 * decimals; the fixtures check the reader keeps whatever precision it finds).
 */
const tableText = (name: TableName, rows: readonly object[]) => {
  const columns = Object.keys(TABLES[name].columns);
  return stringify([
    columns,
    ...rows.map((r) => columns.map((c) => String((r as Record<string, unknown>)[c]))),
  ]);
};

/** Writes a run as a run folder (every table, even an empty one, with its header). */
export function writeRunFolder(dir: string, run: RunData): void {
  mkdirSync(dir, { recursive: true });
  for (const [key, name] of FILES)
    writeFileSync(join(dir, `${name}.csv`), tableText(name, run[key] as readonly object[]));
  writeFileSync(join(dir, 'run.json'), `${JSON.stringify(run.manifest, null, 2)}\n`);
}

const mcRow = (
  metric: string,
  period: string,
  region: string,
  [p5, p25, p50, p75, p95]: readonly number[],
  unit: string,
): McSummaryRow => ({
  metric,
  period,
  region,
  mean: p50!,
  p5: p5!,
  p25: p25!,
  p50: p50!,
  p75: p75!,
  p95: p95!,
  p50_ci_low: p25!,
  p50_ci_high: p75!,
  unit,
});

/**
 * Hand-made Monte Carlo outputs (as `lodestone mc --out` writes them) over two or more periods: the
 * US chain's self-sufficiency widening over time, shortfalls in CN (small) and US (large), and five
 * inputs' rank correlations with total shortfall (one negative).
 */
export function toyMc(periods: readonly string[] = ['2030', '2031']): McData {
  const summary: McSummaryRow[] = [];
  periods.forEach((p, i) => {
    summary.push(
      mcRow(
        'chain_self_sufficiency',
        p,
        'US',
        [0.1 * i, 0.1 + 0.1 * i, 0.2 + 0.1 * i, 0.3 + 0.1 * i, 0.5 + 0.1 * i],
        'share of demand',
      ),
    );
    summary.push(mcRow('short', p, 'US', [100, 150, 200 + 10 * i, 260, 400], 't magnet'));
    summary.push(mcRow('short', p, 'CN', [0, 0, 5, 10, 20], 't magnet'));
    summary.push(mcRow('price', p, 'US ndpr-oxide free', [90, 95, 100, 105, 110], 'USD/kg'));
  });
  return {
    manifest: {
      scenario: 'toy',
      seed: 7,
      draws_requested: 50,
      draws_finished: 40,
      partial: true,
      workers: 2,
      seconds: 3.25,
    },
    summary,
    selfSufficiency: periods.map((period, i) => ({
      region: 'US',
      period,
      probability: Math.min(1, 0.25 * i),
      // Wilson intervals for 0, 10, 20 and 30 of 40 draws.
      ci_low: [0, 0.1419, 0.352, 0.5981][i] ?? 0.9124,
      ci_high: [0.0876, 0.4019, 0.648, 0.8581][i] ?? 1,
    })),
    sensitivity: [
      { input: 'demand', output: 'total shortfall', rank_correlation: 0.9 },
      { input: 'us-capacity', output: 'total shortfall', rank_correlation: -0.6 },
      { input: 'delay:us-magnet', output: 'total shortfall', rank_correlation: 0.3 },
      { input: 'delay:us-sep', output: 'total shortfall', rank_correlation: 0.05 },
      { input: 'licensed', output: 'total shortfall', rank_correlation: 0 },
      { input: 'demand', output: 'US China-free share, last period', rank_correlation: -0.2 },
    ],
  };
}

/** Writes Monte Carlo outputs into a run folder: mc_summary.csv, mc_self_sufficiency.csv, mc_sensitivity.csv, mc.json. */
export function writeMcFiles(dir: string, mc: McData): void {
  writeFileSync(join(dir, 'mc_summary.csv'), tableText('mc_summary', mc.summary));
  writeFileSync(join(dir, 'mc_self_sufficiency.csv'), tableText('mc_self_sufficiency', mc.selfSufficiency));
  writeFileSync(join(dir, 'mc_sensitivity.csv'), tableText('mc_sensitivity', mc.sensitivity));
  writeFileSync(join(dir, 'mc.json'), `${JSON.stringify(mc.manifest, null, 2)}\n`);
}
