/**
 * The report's exposure section: what `lodestone exposure --out DIR` writes (exposure.csv,
 * exposure_ranking.csv, exposure_alternatives.csv, exposure_summary.txt; src/exposure/output.ts)
 * read back, and shown as a chart (the share of the company's supply at risk by scenario × year)
 * and tables (the scenarios by harm, the company's supply year by year, the alternative suppliers).
 */
import { InputError, type Problem } from '../dataset/problems.js';
import { EXPOSURE_TABLES, type ExposureTableRow } from '../exposure/output.js';
import { parseWithSpec } from '../run-folder/read.js';
import { base } from './charts.js';
import { fmtShare } from './format.js';
import type { RunFiles } from './read-run.js';
import type { ChartSpec, ExposureModel, TableModel } from './schema.js';

export type { ExposureModel };

export interface ExposureData {
  /** The summary's first line: the company, its region and years. */
  readonly title: string;
  readonly rows: readonly ExposureTableRow<'exposure.csv'>[];
  readonly ranking: readonly ExposureTableRow<'exposure_ranking.csv'>[];
  readonly alternatives: readonly ExposureTableRow<'exposure_alternatives.csv'>[];
}

export const EXPOSURE_FILES = ['exposure.csv', 'exposure_ranking.csv', 'exposure_alternatives.csv'] as const;

/** The exposure outputs in a folder; undefined when it holds none. A file that does not read is an InputError. */
export function readExposure(files: RunFiles): ExposureData | undefined {
  const texts = EXPOSURE_FILES.map((f) => files.read(f));
  if (texts.every((t) => t === undefined)) return undefined;
  const problems: Problem[] = [];
  const read = <F extends (typeof EXPOSURE_FILES)[number]>(file: F, i: number) => {
    const text = texts[i];
    if (text === undefined) {
      problems.push({
        severity: 'error',
        file: files.path(file),
        message: 'missing: an exposure folder has it',
      });
      return [];
    }
    return parseWithSpec(EXPOSURE_TABLES[file], text, files.path(file), problems) as ExposureTableRow<F>[];
  };
  const data = {
    title: files.read('exposure_summary.txt')?.split('\n')[0]?.trim() || 'Company exposure',
    rows: read('exposure.csv', 0),
    ranking: read('exposure_ranking.csv', 1),
    alternatives: read('exposure_alternatives.csv', 2),
  };
  if (problems.some((p) => p.severity === 'error')) throw new InputError(problems);
  return data;
}

const totalsOf = (d: ExposureData) => d.rows.filter((r) => r.line === '*' && r.supplier === '*');
const round = (x: number, digits: number) => Number(x.toFixed(digits));
const musd = (usd: number) => `${round(usd / 1e6, 1)}`;

/** The share of the company's supply at risk (all lines, all suppliers) by scenario × year. */
export function riskChart(d: ExposureData): ChartSpec {
  const totals = totalsOf(d);
  const scenarios = [...new Set(totals.map((r) => r.scenario))];
  const years = [...new Set(totals.map((r) => r.year))].sort((a, b) => a - b);
  const data = totals.map((r) => [
    years.indexOf(r.year),
    scenarios.indexOf(r.scenario),
    round(100 * r.at_risk_share, 2),
  ]);
  const max = Math.max(1, ...data.map((x) => x[2]!));
  return {
    id: 'chart-exposure-risk',
    kind: 'exposure-risk',
    title: 'The company’s supply at risk, by scenario and year',
    caption:
      'Share of all its lines’ demand that its suppliers could not serve, or that it gave up at the price ' +
      '(exposure.csv, line and supplier "*"), in each scenario’s run.',
    option: {
      ...base(),
      grid: { left: 16, right: 16, top: 8, bottom: 72, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'category', data: scenarios },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#f7fbff', '#fdae61', '#d7191c'] },
      },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: '{@[2]}%' } }],
    },
    points: data.length,
    unit: '%',
  };
}

export function rankingTable(d: ExposureData): TableModel {
  const n = (label: string) => ({ label, numeric: true });
  return {
    id: 'table-exposure-ranking',
    title: 'Scenarios by harm to the company',
    caption:
      'Over the years of the exposure (exposure_ranking.csv): tonnes at risk in critical lines and in all, the ' +
      'Monte Carlo expected shortfall (with --draws), the cost change against the baseline, and the worst year.',
    columns: [
      n('rank'),
      { label: 'scenario' },
      n('critical at risk t'),
      n('at risk t'),
      n('at risk'),
      n('expected shortfall t'),
      n('cost change M USD'),
      n('covered share'),
      { label: 'worst year' },
    ],
    rows: d.ranking.map((r) => [
      String(r.rank),
      r.scenario,
      String(round(r.critical_at_risk_t, 0)),
      String(round(r.at_risk_t, 0)),
      fmtShare(r.at_risk_share),
      r.expected_shortfall_t || '–',
      musd(r.cost_change_usd),
      fmtShare(r.covered_share),
      r.worst_year || '–',
    ]),
    empty: 'No scenario.',
  };
}

export function yearsTable(d: ExposureData): TableModel {
  const n = (label: string) => ({ label, numeric: true });
  return {
    id: 'table-exposure-years',
    title: 'The company’s supply, year by year',
    caption:
      'All lines and suppliers (exposure.csv, rows "*"): demand, supply at risk, the share of what it got that ' +
      'touched the taint set, the cost change against the baseline, and the days its inventory lasts at the shortfall.',
    columns: [
      { label: 'scenario' },
      n('year'),
      n('demand t'),
      n('at risk t'),
      n('at risk'),
      n('covered share'),
      n('cost change M USD'),
      n('shortfall probability'),
      n('days of cover'),
    ],
    rows: totalsOf(d).map((r) => [
      r.scenario,
      String(r.year),
      String(round(r.demand_t, 0)),
      String(round(r.at_risk_t, 0)),
      fmtShare(r.at_risk_share),
      fmtShare(r.covered_share),
      musd(r.cost_change_usd),
      r.shortfall_probability === '' ? '–' : fmtShare(Number(r.shortfall_probability)),
      r.days_of_cover === '' ? '–' : String(round(Number(r.days_of_cover), 0)),
    ]),
    empty: 'No rows.',
  };
}

/** The alternatives in the first scenario (the baseline), the best five per line. */
export function alternativesTable(d: ExposureData): TableModel {
  const n = (label: string) => ({ label, numeric: true });
  const scenario = d.alternatives[0]?.scenario;
  return {
    id: 'table-exposure-alternatives',
    title: `Where else to buy${scenario ? ` (spare capacity in ${scenario})` : ''}`,
    caption:
      'Plants making each line’s grade, ranked by spare capacity free of the taint set in the run, then delivered ' +
      'cost, then distance (exposure_alternatives.csv; the best five per line here, all of them in the file).',
    columns: [
      { label: 'line' },
      n('rank'),
      { label: 'facility' },
      { label: 'owner' },
      { label: 'region' },
      { label: 'covered' },
      { label: 'supplies it now' },
      n('spare free t/yr'),
      n('USD/kg delivered'),
      n('km'),
    ],
    rows: d.alternatives
      .filter((r) => r.scenario === scenario && r.rank <= 5)
      .map((r) => [
        r.line,
        String(r.rank),
        r.facility,
        r.owner,
        r.region,
        r.covered ? 'yes' : 'no',
        r.current_supplier ? 'yes' : 'no',
        String(round(r.spare_free_t, 0)),
        String(round(r.unit_cost_usd_per_kg + r.transport_usd_per_kg, 2)),
        String(round(r.distance_km, 0)),
      ]),
    empty: 'No plant makes the grades.',
  };
}

export function exposureModel(d: ExposureData): ExposureModel {
  return {
    line: d.title,
    charts: totalsOf(d).length > 0 ? [riskChart(d)] : [],
    tables: [rankingTable(d), yearsTable(d), alternativesTable(d)],
    notes: [
      'The traced origins by stage are in exposure_origins.csv, and drawn as a Sankey on the workbench’s exposure page.',
    ],
  };
}
