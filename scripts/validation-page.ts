/** docs/validation.md, from the rows of validation-checks.ts and their runs. */
import { CHECKS, type CheckResult, COMPARISONS, evaluate, type Runs } from './validation-checks.js';

const num = (x: number, unit: string) => {
  if (unit === 'share') return `${(100 * x).toFixed(1)}%`;
  if (unit === 'USD/kg')
    return x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return Math.round(x).toLocaleString('en-US');
};
const tolerance = (r: CheckResult) =>
  r.check.band
    ? `${num(r.check.band[0], 'share')}–${num(r.check.band[1], 'share')}`
    : `±${Math.round(100 * r.check.tolerance!)}%`;
const status = (r: CheckResult) =>
  r.within ? 'within' : r.check.expected === 'gap' ? '**outside (known gap)**' : '**outside**';

/** Published figures for years the model does not run (reference only, not checks). */
const HISTORY = [
  ['World mine production, t REO', '—', '280,000', '300,000', '350,000 (376,000 in MCS 2025)'],
  [
    'China mine production (= quota), t REO',
    '140,000',
    '168,000',
    '210,000',
    '240,000 (255,000 in MCS 2025)',
  ],
  ['US mine production, t REO', '—', '42,400', '42,500', '41,600'],
  ['NdPr oxide, USD/kg', '—', '92', '124', '75'],
  ['Dy oxide, USD/kg', '261', '410', '382', '330'],
  ['Tb oxide, USD/kg', '670', '1,340', '2,050', '1,300'],
];

export function validationPage(runs: Runs): string {
  const results = CHECKS.map((c) => evaluate(c, runs));
  const groups = [...new Set(CHECKS.map((c) => c.group))];
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  line('# Validation');
  line();
  line(
    'The default data and the model against what was reported. Written by `npm run validation`' +
      ' (scripts/validation.ts) from the rows in scripts/validation-checks.ts; test/calibration.test.ts reads the' +
      ' same rows, so every check below is a test, and the test fails when this page is out of date.',
  );
  line();
  line(
    '- **Checks** compare the model with sourced actuals, each within its tolerance. The model runs the' +
      ' baseline (scenarios/baseline.yaml) over 2024–2025, the years the dataset describes; one trade check runs' +
      ' china-controls-2025-04 over 2025. A row marked *known gap* is expected to miss, for the reason given: its' +
      ' test fails if it starts to match, so that the row is updated.',
  );
  line(
    '- **Compare** sets published outlooks beside the model’s own numbers (the baseline to 2050, on its central' +
      ' supply paths). They are outputs to read side by side, not pass or fail, and nothing in the data is fitted' +
      ' to them.',
  );
  line();
  const passed = results.filter((r) => r.within).length;
  const gaps = results.filter((r) => !r.within && r.check.expected === 'gap').length;
  line(`${passed} of ${results.length} checks within tolerance; ${gaps} known gap(s).`);
  line();
  for (const group of groups) {
    line(`## ${group}`);
    line();
    line('| check | year | actual | model | unit | tolerance | status | source |');
    line('|---|---:|---:|---:|---|---|---|---|');
    for (const r of results.filter((x) => x.check.group === group)) {
      const c = r.check;
      line(
        `| ${c.what} | ${c.year} | ${num(c.actual, c.unit)} | ${num(r.model, c.unit)} | ${c.unit === 'share' ? '' : c.unit} | ${tolerance(r)} | ${status(r)} | ${c.source} |`,
      );
    }
    for (const r of results.filter((x) => x.check.group === group && x.check.why))
      line(`\nKnown gap, ${r.check.what} (${r.check.year}): ${r.check.why}`);
    line();
  }
  line('## 2020–2023: reported, not modelled');
  line();
  line(
    'The dataset describes 2024 onward (capacities, demand and costs), so the model does not run earlier years.' +
      ' Reproducing them would need the history of each facility and of demand. The reported figures, for reference' +
      ' (USGS Mineral Commodity Summaries 2022–2026, via facts.md and the summaries at' +
      ' [Investing News](https://investingnews.com/rare-earth-metal-production/4-australia) and' +
      ' [Mining Europe](https://miningeurope.news/top-10-countries-for-rare-earth-metal-production/)):',
  );
  line();
  line('| | 2020 | 2021 | 2022 | 2023 |');
  line('|---|---:|---:|---:|---:|');
  for (const [what, ...years] of HISTORY) line(`| ${what} | ${years.join(' | ')} |`);
  line();
  line(
    'The model’s prices are China’s marginal costs, calibrated to 2024–2025 (NdPr 62, Dy 245, Tb 900 USD/kg);' +
      ' the 2021–2023 peaks came from a market the model does not price (scarcity and speculation).',
  );
  line();
  line('## Compare: published outlooks beside the model');
  line();
  line('| source | what | year | published | model (baseline unless named) |');
  line('|---|---|---|---|---|');
  for (const c of COMPARISONS)
    line(`| ${c.source} | ${c.what} | ${c.year} | ${c.published} | ${c.model(runs)} |`);
  line();
  for (const c of COMPARISONS.filter((x) => x.note)) line(`- ${c.what} (${c.year}): ${c.note}`);
  line(
    '- Outlooks state gaps before the market responds. The undersupply rows show scenarios/announced-capacity.yaml,' +
      ' which is that view (no demand response, no substitution), and the baseline (committed projects only, US' +
      ' policies and stockpiles, demand curves and substitution on): its undersupply counts demand met by substitution' +
      ' or given up on the demand curves, what the market did about the gap. Benchmark Mineral Intelligence publishes no' +
      ' figures openly, and the IEA states demand, not a gap.',
  );
  line();
  line('## Updating');
  line();
  line(
    'Change a row in scripts/validation-checks.ts (the actual, its source and tolerance, or a known gap and why),' +
      ' then `npm run validation` to rewrite this page and `npx vitest run test/calibration.test.ts` to check it.',
  );
  return `${out.join('\n')}\n`;
}
