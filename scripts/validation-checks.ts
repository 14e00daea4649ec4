/**
 * The validation of the default data, as one table: the model against sourced actuals (`CHECKS`:
 * each with its tolerance, each a test in test/calibration.test.ts) and beside published outlooks
 * (`COMPARISONS`: outputs set side by side, never pass or fail, never fitted to). scripts/validation.ts
 * writes both into docs/validation.md, so the page and the tests read the same rows.
 */
import { join } from 'node:path';
import { defaultBlocs } from '../src/analysis/blocs.js';
import { concentration } from '../src/analysis/concentration.js';
import { stageSelfSufficiency } from '../src/analysis/self-sufficiency.js';
import { NDFEB, NDPR_OXIDE, type UndersupplyRow, undersupply } from '../src/analysis/undersupply.js';
import type { Dataset } from '../src/dataset/types.js';
import { CHINA, taintOf } from '../src/model/taint.js';
import type { PeriodResult, RunResult } from '../src/results/types.js';
import { prepareRun } from '../src/scenario/prepare-run.js';
import { simulate } from '../src/simulate/simulate.js';

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');

/** The runs the rows read. */
export interface Runs {
  readonly dataset: Dataset;
  /** The baseline over the years the data describe, 2024–2025. */
  readonly history: RunResult;
  /** The baseline over its horizon (2025–2050). */
  readonly baseline: RunResult;
  /** The April 2025 controls over 2025. */
  readonly controls: RunResult;
  /** The allied build-out's dataset and its first year of US magnet capacity covering US demand. */
  readonly alliedUsMagnets: string;
  /** undersupply.csv of the baseline and of announced-capacity (the outlooks' view), 2025–2050. */
  readonly undersupply: {
    readonly baseline: readonly UndersupplyRow[];
    readonly announced: readonly UndersupplyRow[];
  };
}

export async function validationRuns(): Promise<Runs> {
  const base = prepareRun(join(SCENARIOS, 'baseline.yaml'));
  const scenario = base.loaded.scenario;
  const controls = prepareRun(join(SCENARIOS, 'china-controls-2025-04.yaml'));
  const allied = prepareRun(join(SCENARIOS, 'allied-buildout.yaml'));
  const blocs = defaultBlocs(allied.dataset).filter((b) => b.id === 'US');
  const usMagnets = stageSelfSufficiency(
    allied.dataset,
    allied.loaded.scenario,
    blocs,
    taintOf(allied.dataset, allied.loaded.scenario),
  ).find((r) => r.stage === 'magnet' && r.ratio >= 1);
  const announced = prepareRun(join(SCENARIOS, 'announced-capacity.yaml'));
  const baseline = await simulate(base.dataset, scenario);
  return {
    dataset: base.dataset,
    history: await simulate(base.dataset, { ...scenario, horizon: { start: 2024, end: 2025 } }),
    baseline,
    undersupply: {
      baseline: undersupply(baseline, base.dataset),
      announced: undersupply(await simulate(announced.dataset, announced.loaded.scenario), announced.dataset),
    },
    controls: await simulate(controls.dataset, {
      ...controls.loaded.scenario,
      horizon: { start: 2025, end: 2025 },
    }),
    alliedUsMagnets: usMagnets?.period ?? 'not by 2050',
  };
}

// --- What the rows measure, from a run ---

const at = (run: RunResult, year: number) => {
  const p = run.periods.find((x) => x.period.label === String(year));
  if (!p) throw new Error(`internal: no period ${year} in ${run.scenario.name}`);
  return p;
};
const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
const reo = (d: Dataset, material: string) => d.materials.find((m) => m.id === material)!.reo_per_unit;
const form = (d: Dataset, material: string) => d.materials.find((m) => m.id === material)!.form;
/** NdFeB magnets (not their swarf or scrap). */
const isNdfeb = (material: string) => material.startsWith('ndfeb-') && !/swarf|scrap/.test(material);

/** Mine production, t REO (of a region, or the world). */
const mined = (r: Runs, year: number, region?: string) =>
  sum(
    at(r.history, year).production.filter(
      (x) => x.stage === 'mining' && (region === undefined || x.region === region),
    ),
    (x) => x.amount * reo(r.dataset, x.material),
  );
/** China's share of a stage's output (REO, each stage's own product). */
const chinaShare = (r: Runs, year: number, stage: string) =>
  concentration(at(r.history, year), r.dataset, CHINA).find((x) => x.stage === stage)!.taint_share;
/** Output of one material, t, by the facilities given (or a region's). */
const output = (
  p: PeriodResult,
  material: string,
  where: (x: { facility: string; region: string }) => boolean,
) =>
  sum(
    p.production.filter((x) => x.material === material && where(x)),
    (x) => x.amount,
  );
/** Magnets shipped out of a region, t. */
const magnetExports = (r: Runs, run: RunResult, year: number, from: string) =>
  sum(
    at(run, year).trade.filter((t) => t.from === from && form(r.dataset, t.material) === 'magnet'),
    (t) => t.amount,
  );
/** Concentrate shipped out of a region, t REO. */
const concentrateExports = (r: Runs, year: number, from: string) =>
  sum(
    at(r.history, year).trade.filter((t) => t.from === from && form(r.dataset, t.material) === 'concentrate'),
    (t) => t.amount * reo(r.dataset, t.material),
  );
/** The price of a material in China (touched), USD/kg. */
const chinaPrice = (r: Runs, year: number, material: string) =>
  at(r.history, year).prices.find((x) => x.region === 'CN' && x.material === material && x.tag === 'cn')!
    .price;
/** NdFeB demand, t. */
const ndfebDemand = (run: RunResult, year: number) =>
  sum(
    at(run, year).demand.filter((d) => isNdfeb(d.material)),
    (d) => d.demand,
  );
/** NdFeB made, t (of a region, or the world). */
const ndfebMade = (run: RunResult, year: number, region?: string) =>
  sum(
    at(run, year).production.filter(
      (x) => x.stage === 'magnet' && isNdfeb(x.material) && (region === undefined || x.region === region),
    ),
    (x) => x.amount,
  );
/** Separated magnet-element oxide made, t (NdPr, Nd, Pr, Dy, Tb). */
const magnetOxides = (run: RunResult, year: number) =>
  sum(
    at(run, year).production.filter((x) =>
      ['ndpr-oxide', 'nd-oxide', 'pr-oxide', 'dy-oxide', 'tb-oxide'].includes(x.material),
    ),
    (x) => x.amount,
  );
/** Rare-earth element content of NdFeB demand, t (Nd, Pr, Dy, Tb by mass). */
const magnetRee = (r: Runs, year: number) =>
  sum(
    at(r.baseline, year).demand.filter((d) => isNdfeb(d.material)),
    (d) => {
      const c = r.dataset.materials.find((m) => m.id === d.material)!.composition;
      return d.demand * ((c.Nd ?? 0) + (c.Pr ?? 0) + (c.Dy ?? 0) + (c.Tb ?? 0));
    },
  );
const cagr = (from: number, to: number, years: number) => (to / from) ** (1 / years) - 1;

// --- Checks against actuals ---

export interface Check {
  readonly id: string;
  readonly group: string;
  readonly what: string;
  readonly year: number;
  readonly actual: number;
  readonly unit: string;
  /** Within this share of the actual, or within `band` (for shares). */
  readonly tolerance?: number;
  readonly band?: readonly [number, number];
  readonly source: string;
  /** `gap`: known not to match (the test fails when it starts to match, so the table is kept true). */
  readonly expected: 'pass' | 'gap';
  readonly why?: string;
  readonly model: (r: Runs) => number;
}

const USGS = '[USGS MCS 2026](https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-rare-earths.pdf)';
const USGS_HRE =
  '[USGS MCS 2026 (Heavy)](https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-rare-earths-heavy.pdf)';
const IEA =
  '[IEA, 2025-10-23](https://www.iea.org/commentaries/with-new-export-controls-on-critical-minerals-supply-concentration-risks-become-reality)';

const MINES: Record<string, [number, number]> = {
  world: [380_000, 390_000],
  CN: [270_000, 270_000],
  US: [45_500, 51_000],
  AU: [29_000, 29_000],
  MM: [27_000, 22_000],
  TH: [2_100, 4_800],
  IN: [2_900, 2_900],
  MG: [1_400, 2_700],
  RU: [2_600, 2_600],
  BR: [560, 2_000],
  NG: [1_500, 1_500],
};

/** NdFeB demand not served: given up on the demand curve (destroyed) or short. */
const ndfebShort = (run: RunResult, year: number) =>
  sum(
    at(run, year).demand.filter((d) => isNdfeb(d.material)),
    (d) => d.destroyed + d.short,
  );

export const CHECKS: readonly Check[] = [
  ...Object.entries(MINES).flatMap(([region, values]) =>
    values.map(
      (actual, i): Check => ({
        id: `mine-${region}-${2024 + i}`,
        group: 'Mine production',
        what: `${region === 'world' ? 'World' : region} mine production`,
        year: 2024 + i,
        actual,
        unit: 't REO',
        tolerance: 0.05,
        source: USGS,
        expected: 'pass',
        model: (r) => mined(r, 2024 + i, region === 'world' ? undefined : region),
      }),
    ),
  ),
  ...[2024, 2025].flatMap((year): Check[] => [
    {
      id: `share-mining-${year}`,
      group: 'Stage shares',
      what: 'China’s share of mining (REO)',
      year,
      actual: year === 2024 ? 270 / 380 : 270 / 390,
      unit: 'share',
      band: year === 2024 ? [0.68, 0.74] : [0.66, 0.72],
      source: `${USGS} (China over world, derived)`,
      expected: 'pass',
      model: (r) => chinaShare(r, year, 'mining'),
    },
    {
      id: `share-separation-${year}`,
      group: 'Stage shares',
      what: 'China’s share of separation (REO of separated oxides)',
      year,
      actual: 0.91,
      unit: 'share',
      band: [0.85, 0.95],
      source: `${IEA} (91% in 2024)`,
      expected: 'pass',
      model: (r) => chinaShare(r, year, 'separation'),
    },
    {
      id: `share-magnet-${year}`,
      group: 'Stage shares',
      what: 'China’s share of magnet making',
      year,
      actual: 0.94,
      unit: 'share',
      band: [0.88, 0.96],
      source: `${IEA} (94% in 2024)`,
      expected: 'pass',
      model: (r) => chinaShare(r, year, 'magnet'),
    },
  ]),
  ...[2024, 2025].map(
    (year): Check => ({
      id: `ndfeb-not-served-${year}`,
      group: 'Output',
      what: 'NdFeB demand not served (given up because of price on the demand curves, or short)',
      year,
      actual: 0,
      unit: 't',
      tolerance: 0,
      source:
        '[Argus via Metalnomist, 2025-10](https://www.metalnomist.com/2025/10/global-rare-earth-magnet-production-set.html) (output 270,000 t in 2023 and 310,000 t in 2025e; no shortage reported): the demand curves must not bite at 2024–2025 prices',
      expected: 'pass',
      model: (r) => ndfebShort(r.history, year),
    }),
  ),
  {
    id: 'china-ndpr-oxide-2024',
    group: 'Output',
    what: 'China’s NdPr oxide output (from quotas and imported feed)',
    year: 2024,
    actual: 65_500,
    unit: 't',
    tolerance: 0.15,
    source:
      '[Metalnomist, 2024-08](https://metalnomist.com/2024/08/increased-supplies-and-weak-demand.html) (44,500–45,500 t from quotas + 20,000–21,000 t from imported feed, 2024e)',
    expected: 'pass',
    model: (r) =>
      sum(
        at(r.history, 2024).production.filter(
          (x) => x.material === 'ndpr-oxide' && x.region === 'CN' && x.stage === 'separation',
        ),
        (x) => x.amount,
      ),
  },
  {
    id: 'china-magnets-2024',
    group: 'Output',
    what: 'China’s NdFeB output, finished (260,000 t of blanks × 0.71–0.75)',
    year: 2024,
    actual: 190_000,
    unit: 't',
    tolerance: 0.1,
    source:
      '[SMM, 2024-06](https://news.metal.com/newscontent/102788751/smm-ndfeb-production-to-continue-rising-in-2024-outlook-for-rare-earth-demand-in-automobiles-wind-power-and-home-appliances) (260,000 t expected); finished per blank from JL Mag (the dataset’s conversion)',
    expected: 'pass',
    model: (r) => ndfebMade(r.history, 2024, 'CN'),
  },
  {
    id: 'mp-ndpr-2024',
    group: 'Output',
    what: 'MP Materials NdPr oxide',
    year: 2024,
    actual: 1_294,
    unit: 't',
    tolerance: 0.15,
    source:
      '[MP FY2024](https://mpmaterials.com/articles/mp-materials-reports-fourth-quarter-and-full-year-2024-results)',
    expected: 'pass',
    model: (r) =>
      output(at(r.history, 2024), 'ndpr-oxide', (x) => x.facility === 'mp-mountain-pass-separation'),
  },
  {
    id: 'mp-ndpr-2025',
    group: 'Output',
    what: 'MP Materials NdPr oxide',
    year: 2025,
    actual: 2_599,
    unit: 't',
    tolerance: 0.15,
    source:
      '[MP FY2025](https://investingnews.com/mp-materials-reports-fourth-quarter-and-full-year-2025-results/)',
    expected: 'pass',
    model: (r) =>
      output(at(r.history, 2025), 'ndpr-oxide', (x) => x.facility === 'mp-mountain-pass-separation'),
  },
  {
    id: 'lynas-ndpr-2025',
    group: 'Output',
    what: 'Lynas NdPr oxide (FY2025, July 2024–June 2025, against calendar 2025)',
    year: 2025,
    actual: 6_558,
    unit: 't',
    tolerance: 0.15,
    source:
      '[Middle.news on Lynas FY25](https://www.middle.news/articles/2025/08/27/lynas-accelerates-rare-earths-growth-with-record-production-and-750m-raise)',
    expected: 'pass',
    model: (r) => output(at(r.history, 2025), 'ndpr-oxide', (x) => x.facility.startsWith('lynas-')),
  },
  {
    id: 'cn-magnet-exports-2024',
    group: 'Trade',
    what: 'China’s magnet exports',
    year: 2024,
    actual: 58_152,
    unit: 't',
    tolerance: 0.2,
    source:
      '[Adamas Intelligence](https://www.adamasintel.com/record-rare-earth-magnet-exports-from-china-in-2024/)',
    expected: 'pass',
    model: (r) => magnetExports(r, r.history, 2024, 'CN'),
  },
  {
    id: 'cn-magnet-exports-2025-controls',
    group: 'Trade',
    what: 'China’s magnet exports under the April 2025 controls (scenario china-controls-2025-04); January–July annualised',
    year: 2025,
    actual: Math.round((27_897 * 12) / 7),
    unit: 't',
    tolerance: 0.25,
    source:
      '[Reuters via yliwu.com](https://www.yliwu.com/article/53483.html) (27,897 t in January–July; × 12/7 is an estimate)',
    expected: 'pass',
    model: (r) => magnetExports(r, r.controls, 2025, 'CN'),
  },
  {
    id: 'us-concentrate-exports-2024',
    group: 'Trade',
    what: 'US exports of ores and compounds (concentrate)',
    year: 2024,
    actual: 37_500,
    unit: 't REO',
    tolerance: 0.2,
    source: USGS,
    expected: 'pass',
    model: (r) => concentrateExports(r, 2024, 'US'),
  },
  {
    id: 'us-concentrate-exports-2025',
    group: 'Trade',
    what: 'US exports of ores and compounds (concentrate)',
    year: 2025,
    actual: 14_000,
    unit: 't REO',
    tolerance: 0.2,
    source: USGS,
    expected: 'gap',
    why: 'MP Materials stopped selling concentrate to China in July 2025, a decision the baseline does not make (it has no policy or contract keeping the concentrate home).',
    model: (r) => concentrateExports(r, 2025, 'US'),
  },
  ...(
    [
      ['ndpr-oxide', 'NdPr oxide', 55, 69, USGS],
      ['dy-oxide', 'Dy oxide', 257, 239, USGS_HRE],
      ['tb-oxide', 'Tb oxide', 812, 1_010, USGS_HRE],
    ] as const
  ).flatMap(([material, name, y2024, y2025, source]) =>
    [y2024, y2025].map(
      (actual, i): Check => ({
        id: `price-${material}-${2024 + i}`,
        group: 'Prices',
        what: `${name} price (model: China, touched)`,
        year: 2024 + i,
        actual,
        unit: 'USD/kg',
        tolerance: 0.15,
        source,
        expected: 'pass',
        model: (r) => chinaPrice(r, 2024 + i, material),
      }),
    ),
  ),
];

export interface CheckResult {
  readonly check: Check;
  readonly model: number;
  readonly within: boolean;
}

export function evaluate(check: Check, runs: Runs): CheckResult {
  const model = check.model(runs);
  const within = check.band
    ? model >= check.band[0] && model <= check.band[1]
    : Math.abs(model - check.actual) <= check.tolerance! * Math.abs(check.actual);
  return { check, model, within };
}

// --- Published outlooks, beside the model's numbers ---

export interface Comparison {
  readonly source: string;
  readonly what: string;
  readonly year: string;
  readonly published: string;
  readonly model: (r: Runs) => string;
  /** What the comparison means (an input the model shares, a definition that differs). */
  readonly note?: string;
}

const t = (x: number) => `${Math.round(x).toLocaleString('en-US')} t`;
/** Undersupply of a material in a year (undersupply.csv), announced-capacity first, then the baseline. */
const gap = (r: Runs, material: string, year: number) => {
  const of = (rows: readonly UndersupplyRow[]) =>
    rows.find((x) => x.material === material && x.period === String(year))!.undersupply;
  return `${t(of(r.undersupply.announced))} (baseline ${t(of(r.undersupply.baseline))})`;
};
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ADAMAS_2040 =
  '[Adamas, outlook to 2040 (Q3 2024)](https://adamasintel.com/rare-earth/rare-earth-magnet-market-outlook-to-2040)';
const ADAMAS_2023 =
  'Adamas, 2023 outlook, via [Investors Hangout](https://investorshangout.com/post/view?id=6573326) (low)';
const ADAMAS_2020 =
  '[Adamas, 2020, via Green Car Congress](https://www.greencarcongress.com/2020/08/20200818-admas.html)';
const ADAMAS_2022 =
  '[Adamas, outlook to 2035 (2022), via Green Car Congress](https://www.greencarcongress.com/2022/04/20220420-adamas.html)';
const NDFEB_GAP =
  'NdFeB undersupply (Adamas: alloy and powder, before machining losses; model: undersupply.csv, finished magnets, announced-capacity)';
const NDPR_GAP = 'NdPr (didymium) oxide undersupply (model: undersupply.csv, t REO, announced-capacity)';
const ARGUS =
  '[Argus via Metalnomist, 2025-10](https://www.metalnomist.com/2025/10/global-rare-earth-magnet-production-set.html)';
const IEA_GCMO = '[IEA GCMO 2024 via SEAISI](https://seaisi.org/details/24787?type=news-rooms)';
const MCKINSEY =
  '[McKinsey via Stocknews24](https://stocknews24.com/2025/07/31/rare-earth-demand-to-triple-by-2035-can-the-u-s-catch-up-with-china)';

export const COMPARISONS: readonly Comparison[] = [
  {
    source: ADAMAS_2040,
    what: 'NdFeB demand growth',
    year: '2024–2040',
    published: '8.7%/yr',
    model: (r) => `${pct(cagr(ndfebDemand(r.history, 2024), ndfebDemand(r.baseline, 2040), 16))}/yr`,
    note: 'An input, not a result: demand.csv grows at Adamas’s rate from 2035 to 2040.',
  },
  {
    source: ADAMAS_2040,
    what: 'Magnet rare-earth oxide supply growth (model: NdPr, Nd, Pr, Dy, Tb oxide made)',
    year: '2025–2040',
    published: '5.1%/yr (2024–2040)',
    model: (r) => `${pct(cagr(magnetOxides(r.baseline, 2025), magnetOxides(r.baseline, 2040), 15))}/yr`,
  },
  ...(
    [
      [ADAMAS_2020, 2030, '48,000 t'],
      [ADAMAS_2022, 2030, '66,000 t'],
      [ADAMAS_2022, 2035, '206,000 t'],
      [ADAMAS_2023, 2030, '60,000 t'],
      [ADAMAS_2023, 2040, '246,000 t'],
    ] as const
  ).map(
    ([source, year, published], i): Comparison => ({
      source,
      what: i === 0 ? NDFEB_GAP : 'NdFeB undersupply',
      year: String(year),
      published,
      model: (r) => gap(r, NDFEB, year),
      ...(i === 0
        ? {
            note:
              'Outlooks state a gap as demand against what existing and announced capacity can supply, before the market ' +
              'responds: scenarios/announced-capacity.yaml is that view (every announced project on time, China on its ' +
              'central paths, no policies, no demand response). Adamas counts alloy and powder, about 1.4 t per t of ' +
              'finished magnet (0.72 finished per blank, JL Mag), so its tonnes are larger for the same gap.',
          }
        : {}),
    }),
  ),
  ...(
    [
      [ADAMAS_2020, 2030, '16,000 t'],
      [ADAMAS_2023, 2030, '19,000 t'],
      [ADAMAS_2023, 2040, '90,000 t'],
    ] as const
  ).map(
    ([source, year, published], i): Comparison => ({
      source,
      what: i === 0 ? NDPR_GAP : 'NdPr oxide undersupply',
      year: String(year),
      published,
      model: (r) => gap(r, NDPR_OXIDE, year),
      ...(i === 0
        ? {
            note:
              'The model’s NdPr oxide demand is what the demanded magnets need through the recipes (0.43–0.49 t oxide per t ' +
              'magnet at their yields), its supply the NdPr made in the year as oxide equivalent (separated, recycled); ' +
              'Adamas’s 2020 figure counts Nd, Pr and didymium oxide (or oxide equivalent).',
          }
        : {}),
    }),
  ),
  {
    source: ARGUS,
    what: 'World magnet output (Argus: blanks; model: finished NdFeB ÷ 0.72 finished per blank)',
    year: '2027',
    published: 'more than 330,000 t',
    model: (r) => t(ndfebMade(r.baseline, 2027) / 0.72),
  },
  {
    source: ARGUS,
    what: 'China’s share of magnet output',
    year: '2027',
    published: 'up to 89%',
    model: (r) => pct(ndfebMade(r.baseline, 2027, 'CN') / ndfebMade(r.baseline, 2027)),
  },
  {
    source: IEA_GCMO,
    what: 'Rare-earth elements in magnet demand (APS; model: Nd, Pr, Dy, Tb in NdFeB demand)',
    year: '2030',
    published: '131,000 t',
    model: (r) => t(magnetRee(r, 2030)),
  },
  {
    source: IEA_GCMO,
    what: 'Rare-earth elements in magnet demand (APS)',
    year: '2050',
    published: '181,000 t',
    model: (r) => t(magnetRee(r, 2050)),
    note: 'The model’s demand beyond 2040 is an estimate (+4%/yr); the IEA’s grows 1.6%/yr over 2030–2050.',
  },
  {
    source: MCKINSEY,
    what: 'Rare-earth elements in magnet demand',
    year: '2035',
    published: '176,000 t',
    model: (r) => t(magnetRee(r, 2035)),
  },
  {
    source: 'Adamas via the context article (`context-article`, low)',
    what: 'First year US magnet capacity meets US demand, every announced plant on time (model: allied-buildout, US magnet capacity free of FEOC over US demand)',
    year: '—',
    published: '2028',
    model: (r) => r.alliedUsMagnets,
  },
];
