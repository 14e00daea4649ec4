/**
 * The report's plan section: what `lodestone plan --out DIR` writes (plan.csv, plan_summary.csv,
 * project_value.csv, plan_sweep.csv; src/plan/plan-output.ts) read back, and shown as charts (the
 * builds' capex by year and stage, the projects' values, the sweep's premium curves) and tables. The workbench's planner
 * page shows the same model (GET /api/runs/{id}/plan).
 */
import { parse } from 'csv-parse/sync';
import { InputError, type Problem } from '../dataset/problems.js';
import { STAGES } from '../schema/process.js';
import { base, legendTop, round } from './charts.js';
import { fmtAmount, fmtShare } from './format.js';
import type { RunFiles } from './read-run.js';
import type { ChartSpec, PlanModel, TableModel } from './schema.js';

export type { PlanModel };

export interface PlanBuildRow {
  readonly candidate: string;
  readonly kind: string;
  readonly region: string;
  readonly stage: string;
  readonly process: string;
  readonly year: number;
  readonly decision_year: number;
  readonly size: number;
  readonly unit: string;
  readonly capex_usd: number;
}

export interface PlanSummaryRow {
  readonly metric: string;
  readonly value: string;
  readonly unit: string;
}

export interface ProjectValueRow {
  readonly project: string;
  readonly facility: string;
  readonly region: string;
  readonly process: string;
  readonly built: number;
  readonly unit: string;
  /** USD; undefined when the target cannot be met that way. */
  readonly cost_if_cancelled_usd: number | undefined;
  readonly cost_if_two_years_late_usd: number | undefined;
  readonly note: string;
}

export interface SweepRow {
  readonly bloc: string;
  readonly target: number;
  readonly by: number;
  readonly status: string;
  readonly total_capex_usd: number | undefined;
  readonly npv_usd: number | undefined;
  readonly premium_usd: number | undefined;
}

/** A plan folder's outputs; each file may be missing (a sweep has no plan.csv, a plan no plan_sweep.csv). */
export interface PlanData {
  readonly builds: readonly PlanBuildRow[];
  readonly summary: readonly PlanSummaryRow[];
  readonly projectValues?: readonly ProjectValueRow[];
  readonly sweep?: readonly SweepRow[];
}

export const PLAN_FILES = ['plan.csv', 'plan_summary.csv', 'project_value.csv', 'plan_sweep.csv'] as const;

type Kind = 'text' | 'number' | 'optional number';

/** Parses a plan CSV against its columns: a missing column or a value that is not a number is a problem. */
function parsePlanCsv(
  text: string,
  file: string,
  columns: Record<string, Kind>,
  problems: Problem[],
): Record<string, string | number | undefined>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    problems.push({ severity: 'error', file, message: `not a CSV table: ${(e as Error).message}` });
    return [];
  }
  const header = Object.keys(records[0] ?? {});
  const firstLine = text.split('\n')[0] ?? '';
  const missing = Object.keys(columns).filter((c) =>
    records.length > 0 ? !header.includes(c) : !firstLine.split(',').includes(c),
  );
  if (missing.length > 0) {
    for (const field of missing)
      problems.push({ severity: 'error', file, line: 1, field, message: 'column missing' });
    return [];
  }
  return records.map((r, i) =>
    Object.fromEntries(
      Object.entries(columns).map(([c, kind]) => {
        const raw = r[c] ?? '';
        if (kind === 'text') return [c, raw];
        if (raw === '' && kind === 'optional number') return [c, undefined];
        const n = Number(raw);
        if (raw === '' || !Number.isFinite(n))
          problems.push({
            severity: 'error',
            file,
            line: i + 2,
            field: c,
            message: `expected a number, got "${raw}"`,
          });
        return [c, n];
      }),
    ),
  );
}

/**
 * Reads the plan outputs among a folder's files: undefined when there are none. Throws an
 * InputError naming each file, line and column that does not read.
 */
export function readPlan(files: RunFiles): PlanData | undefined {
  const texts = new Map(PLAN_FILES.map((f) => [f, files.read(f)] as const));
  if ([...texts.values()].every((t) => t === undefined)) return undefined;
  const problems: Problem[] = [];
  const read = (name: (typeof PLAN_FILES)[number], columns: Record<string, Kind>) => {
    const text = texts.get(name);
    return text === undefined ? undefined : parsePlanCsv(text, files.path(name), columns, problems);
  };
  const builds = read('plan.csv', {
    candidate: 'text',
    kind: 'text',
    region: 'text',
    stage: 'text',
    process: 'text',
    year: 'number',
    decision_year: 'number',
    size: 'number',
    unit: 'text',
    capex_usd: 'number',
  });
  const summary = read('plan_summary.csv', { metric: 'text', value: 'text', unit: 'text' });
  const projectValues = read('project_value.csv', {
    project: 'text',
    facility: 'text',
    region: 'text',
    process: 'text',
    built: 'number',
    unit: 'text',
    cost_if_cancelled_usd: 'optional number',
    cost_if_two_years_late_usd: 'optional number',
    note: 'text',
  });
  const sweep = read('plan_sweep.csv', {
    bloc: 'text',
    target: 'number',
    by: 'number',
    status: 'text',
    total_capex_usd: 'optional number',
    npv_usd: 'optional number',
    premium_usd: 'optional number',
  });
  if (problems.length > 0) throw new InputError(problems);
  return {
    builds: (builds ?? []) as unknown as PlanBuildRow[],
    summary: (summary ?? []) as unknown as PlanSummaryRow[],
    ...(projectValues ? { projectValues: projectValues as unknown as ProjectValueRow[] } : {}),
    ...(sweep ? { sweep: sweep as unknown as SweepRow[] } : {}),
  };
}

const musd = (usd: number | undefined) => (usd === undefined ? undefined : round(usd / 1e6));
const fmtMusd = (usd: number | undefined) => fmtAmount(musd(usd));
const STAGE_COLORS: Record<string, string> = {
  mining: '#8d6e63',
  separation: '#1565c0',
  metal: '#6a1b9a',
  magnet: '#c62828',
  recycling: '#2e7d32',
};

/** Summary metrics by name. */
const metrics = (plan: PlanData) => new Map(plan.summary.map((r) => [r.metric, r.value]));

/** What was planned, in a line: "US served 50% free of the taint set from 2030 (…)". */
export function planLine(plan: PlanData): string {
  const m = metrics(plan);
  if (m.has('bloc')) {
    const target = Number(m.get('target'));
    const extras = [
      `target scope ${m.get('target_scope') ?? 'node'}`,
      `discount rate ${m.get('discount_rate')}`,
      ...(m.get('integer') === 'true' ? ['integer sizes'] : []),
      `solver ${m.get('solver_status')}`,
    ];
    const line = `${m.get('bloc')} served ${fmtShare(target)} free of the taint set from ${m.get('by')} (${extras.join(', ')})`;
    // Under uncertainty (--probability): how often the plan met the target on fresh draws.
    if (!m.has('probability_reached')) return line;
    const share = (k: string) => fmtShare(Number(m.get(k)));
    return (
      `${line}; asked in ${share('probability')} of Monte Carlo draws, fitted on ${m.get('fitting_draws')}, ` +
      `met in ${share('probability_reached')} of ${m.get('check_draws')} fresh draws (95% interval ` +
      `${share('probability_ci_low')}–${share('probability_ci_high')})`
    );
  }
  const s = plan.sweep ?? [];
  const years = [...new Set(s.map((r) => r.by))];
  return `Sweep: ${s[0]?.bloc ?? ''} served 50–100% free of the taint set by ${years.join(', ')}`;
}

/** The plan's capex by year of first output, stacked by stage (M USD). */
export function planBuildsChart(plan: PlanData): ChartSpec {
  const years = [...new Set(plan.builds.map((b) => b.year))].sort((a, b) => a - b);
  const stages = STAGES.filter((s) => plan.builds.some((b) => b.stage === s));
  const series = stages.map((stage) => ({
    name: stage,
    type: 'bar',
    stack: 'capex',
    itemStyle: { color: STAGE_COLORS[stage] },
    data: years.map((y) => {
      const sum = plan.builds
        .filter((b) => b.year === y && b.stage === stage)
        .reduce((s, b) => s + b.capex_usd, 0);
      return sum > 0 ? musd(sum) : null;
    }),
  }));
  return {
    id: 'chart-plan-builds',
    kind: 'plan-builds',
    title: 'The plan’s builds: capex by year of first output and stage',
    caption:
      'Capital cost of each build the plan chooses (plan.csv), undiscounted, in the year its capacity first ' +
      'produces (the decision comes its lead time earlier), stacked by stage.',
    option: {
      ...base(),
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: stages },
      grid: { left: 16, right: 16, top: legendTop(stages), bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: 'M USD' },
      series,
    },
    points: series.reduce((n, s) => n + s.data.filter((d) => d !== null).length, 0),
    unit: 'M USD',
  };
}

/** The sweep's premium over the plan without a target, against the target share: a line per year. */
export function sweepChart(sweep: readonly SweepRow[]): ChartSpec {
  const targets = [...new Set(sweep.map((r) => r.target))].sort((a, b) => a - b);
  const years = [...new Set(sweep.map((r) => r.by))].sort((a, b) => a - b);
  const series = years.map((by) => ({
    name: `by ${by}`,
    type: 'line',
    connectNulls: false,
    data: targets.map((t) => musd(sweep.find((r) => r.by === by && r.target === t)?.premium_usd) ?? null),
  }));
  const names = series.map((s) => s.name);
  const out = sweep.filter((r) => r.premium_usd === undefined).length;
  return {
    id: 'chart-plan-sweep',
    kind: 'plan-sweep',
    title: 'What the target costs: premium by target share and year',
    caption:
      'Premium of each target (plan_sweep.csv): the NPV of the system’s cost with the target over the same plan ' +
      'without one, for each share of the bloc’s demand served free from each year.' +
      (out > 0 ? ` ${out} of ${sweep.length} points are out of reach (no point drawn).` : ''),
    option: {
      ...base(),
      legend: { top: 0, data: names },
      grid: { left: 16, right: 24, top: legendTop(names), bottom: 8, containLabel: true },
      xAxis: { type: 'category', name: 'target', data: targets.map((t) => fmtShare(t)) },
      yAxis: { type: 'value', name: 'M USD' },
      series,
    },
    points: series.reduce((n, s) => n + s.data.filter((d) => d !== null).length, 0),
    unit: 'M USD',
  };
}

/** What each announced project is worth to the target: the extra cost if cancelled and if two years late. */
export function projectValueChart(rows: readonly ProjectValueRow[]): ChartSpec {
  // Dearest to lose first (ECharts draws a category axis bottom up).
  const valued = [...rows]
    .filter((r) => (r.cost_if_cancelled_usd ?? 0) > 0 || (r.cost_if_two_years_late_usd ?? 0) > 0)
    .sort((a, b) => (a.cost_if_cancelled_usd ?? 0) - (b.cost_if_cancelled_usd ?? 0));
  const names = ['if cancelled', 'if two years late'];
  const series = [
    { name: names[0], type: 'bar', data: valued.map((r) => musd(r.cost_if_cancelled_usd) ?? null) },
    { name: names[1], type: 'bar', data: valued.map((r) => musd(r.cost_if_two_years_late_usd) ?? null) },
  ];
  const unreachable = rows.filter((r) => r.cost_if_cancelled_usd === undefined).length;
  return {
    id: 'chart-plan-project-values',
    kind: 'plan-project-values',
    title: 'What each announced project is worth to the target',
    caption:
      'Extra NPV of meeting the target (project_value.csv) if the project is cancelled, and if it comes two ' +
      `years late; projects worth nothing to the plan are left out (${rows.length - valued.length} of ${rows.length}).` +
      (unreachable > 0 ? ` Without ${unreachable} of them the target cannot be met at all (no bar).` : ''),
    option: {
      ...base(),
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: names },
      grid: { left: 16, right: 24, top: legendTop(names), bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: 'M USD' },
      yAxis: { type: 'category', data: valued.map((r) => r.project) },
      series,
    },
    points: series.reduce((n, x) => n + x.data.filter((d) => d !== null).length, 0),
    unit: 'M USD',
  };
}

export function planBuildsTable(plan: PlanData): TableModel {
  const n = (label: string) => ({ label, numeric: true });
  return {
    id: 'table-plan-builds',
    title: 'Builds',
    caption:
      'Each build the plan chooses (plan.csv): the candidate, its region and stage, the year its capacity first ' +
      'produces and the year it must be decided (its lead time earlier), its size and capex.',
    columns: [
      { label: 'candidate' },
      { label: 'kind' },
      { label: 'region' },
      { label: 'stage' },
      n('first output'),
      n('decided'),
      n('size'),
      { label: 'unit' },
      n('capex M USD'),
    ],
    rows: [...plan.builds]
      .sort((a, b) => a.year - b.year || a.candidate.localeCompare(b.candidate))
      .map((b) => [
        b.candidate,
        b.kind,
        b.region,
        b.stage,
        String(b.year),
        String(b.decision_year),
        fmtAmount(b.size),
        b.unit,
        fmtMusd(b.capex_usd),
      ]),
    empty: 'No builds: the target is met without any.',
  };
}

/** The summary's cost figures, in million USD where they are USD. */
export function planSummaryTable(plan: PlanData): TableModel {
  const shown = plan.summary.filter((r) => r.metric !== 'policy_not_as_run' && r.value !== '');
  return {
    id: 'table-plan-summary',
    title: 'Plan summary',
    caption:
      'The plan’s cost figures (plan_summary.csv): total capex, the NPV of the system’s cost with the target and ' +
      'without it, the premium between them and the premium per extra tonne served free, and the LP’s size.',
    columns: [{ label: 'metric' }, { label: 'value', numeric: true }, { label: 'unit' }],
    rows: shown.map((r) => {
      const n = Number(r.value);
      if (r.unit.startsWith('USD') && !r.unit.startsWith('USD/') && Number.isFinite(n))
        return [r.metric, fmtMusd(n), `M ${r.unit}`];
      // Years and counts of the LP as written; other numbers formatted.
      const plain = r.unit === 'year' || r.metric.startsWith('lp_');
      return [r.metric, Number.isFinite(n) && r.value !== '' && !plain ? fmtAmount(n) : r.value, r.unit];
    }),
    empty: 'No summary (plan_summary.csv is missing).',
  };
}

export function projectValueTable(rows: readonly ProjectValueRow[]): TableModel {
  const n = (label: string) => ({ label, numeric: true });
  return {
    id: 'table-plan-project-values',
    title: 'What each announced project is worth to the target',
    caption:
      'For each announced project the plan may build (project_value.csv): its size in the plan, and the extra cost ' +
      'of meeting the target if it is cancelled, or if it comes two years late. “–”: the target cannot be met that way.',
    columns: [
      { label: 'project' },
      { label: 'region' },
      { label: 'process' },
      n('built'),
      { label: 'unit' },
      n('if cancelled M USD'),
      n('if two years late M USD'),
    ],
    rows: rows.map((r) => [
      r.project,
      r.region,
      r.process,
      fmtAmount(r.built),
      r.unit,
      fmtMusd(r.cost_if_cancelled_usd),
      fmtMusd(r.cost_if_two_years_late_usd),
    ]),
    empty: 'No announced project is offered to this plan (the scenario cancels none).',
  };
}

/** The sweep as a table: a row per year, the premium of each target share. */
export function sweepTable(sweep: readonly SweepRow[]): TableModel {
  const targets = [...new Set(sweep.map((r) => r.target))].sort((a, b) => a - b);
  const years = [...new Set(sweep.map((r) => r.by))].sort((a, b) => a - b);
  return {
    id: 'table-plan-sweep',
    title: 'Premium of each target, M USD',
    caption:
      'The premium over the plan without a target (plan_sweep.csv) of serving each share of the bloc’s demand ' +
      'free of the taint set from each year; where a point has no premium, the solver’s status.',
    columns: [{ label: 'by' }, ...targets.map((t) => ({ label: fmtShare(t), numeric: true }))],
    rows: years.map((by) => [
      String(by),
      ...targets.map((t) => {
        const r = sweep.find((x) => x.by === by && x.target === t);
        return r?.premium_usd === undefined ? (r?.status ?? '–') : fmtMusd(r.premium_usd);
      }),
    ]),
    empty: 'No sweep.',
  };
}

/** The plan section: its line, charts and tables, and what it does not show. */
export function planModel(plan: PlanData): PlanModel {
  const hasPlan = plan.summary.length > 0 || plan.builds.length > 0;
  const charts: ChartSpec[] = [
    ...(plan.builds.length > 0 ? [planBuildsChart(plan)] : []),
    ...(plan.projectValues && plan.projectValues.length > 0 ? [projectValueChart(plan.projectValues)] : []),
    ...(plan.sweep && plan.sweep.length > 0 ? [sweepChart(plan.sweep)] : []),
  ];
  const tables: TableModel[] = [
    ...(hasPlan ? [planSummaryTable(plan), planBuildsTable(plan)] : []),
    ...(plan.projectValues ? [projectValueTable(plan.projectValues)] : []),
    ...(plan.sweep && plan.sweep.length > 0 ? [sweepTable(plan.sweep)] : []),
  ];
  // One note per reason ("stockpile: left out: …"), naming the policies it applies to.
  const byReason = new Map<string, string[]>();
  for (const r of plan.summary.filter((x) => x.metric === 'policy_not_as_run'))
    byReason.set(r.unit, [...(byReason.get(r.unit) ?? []), r.value]);
  const notes = [...byReason].map(
    ([reason, ids]) => `${ids.length === 1 ? 'Policy' : 'Policies'} ${ids.join(', ')} (${reason}).`,
  );
  return { line: planLine(plan), charts, tables, notes };
}
