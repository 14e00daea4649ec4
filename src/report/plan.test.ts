import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLAN, SUMMARY, SWEEP, VALUES } from '../../test/report/plan-fixture.js';
import { toyRun, writeRunFolder } from '../../test/report/run-fixture.js';
import { InputError } from '../dataset/problems.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildReport } from './model.js';
import { planModel, readPlan } from './plan.js';
import { readRun } from './read-run.js';
import { ReportModel } from './schema.js';

const work = mkdtempSync(join(tmpdir(), 'lodestone-report-plan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const files = (texts: Record<string, string>) => ({
  path: (n: string) => `dir/${n}`,
  read: (n: string) => texts[n],
});
const planOf = (texts: Record<string, string>) => readPlan(files(texts))!;

describe('readPlan', () => {
  it('finds no plan in a folder without plan files', () => {
    expect(readPlan(files({}))).toBeUndefined();
  });

  it('reads the plan files back, an empty cost as undefined', () => {
    const plan = planOf({ 'plan.csv': PLAN, 'plan_summary.csv': SUMMARY, 'project_value.csv': VALUES });
    expect(plan.builds).toHaveLength(3);
    expect(plan.builds[1]).toMatchObject({ candidate: 'us-magnet-new', year: 2028, capex_usd: 750_000_000 });
    expect(plan.projectValues![0]).toMatchObject({
      cost_if_cancelled_usd: 52_000_000,
      cost_if_two_years_late_usd: undefined,
    });
    expect(plan.sweep).toBeUndefined();
  });

  it('names the file, line and column of a value that does not read', () => {
    const bad = PLAN.replace('2027,2026,3000', '2027,2026,lots').replace('capex_usd', 'capex');
    try {
      readPlan(files({ 'plan.csv': bad, 'plan_sweep.csv': SWEEP.replace('0.5,2030', 'half,2030') }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const problems = (e as InputError).problems.map((p) => [p.file, p.line, p.field, p.message]);
      expect(problems).toEqual([
        ['dir/plan.csv', 1, 'capex_usd', 'column missing'],
        ['dir/plan_sweep.csv', 4, 'target', 'expected a number, got "half"'],
      ]);
    }
  });
});

describe('planModel', () => {
  const model = planModel(
    planOf({
      'plan.csv': PLAN,
      'plan_summary.csv': SUMMARY,
      'project_value.csv': VALUES,
      'plan_sweep.csv': SWEEP,
    }),
  );
  const chart = (id: string) => model.charts.find((c) => c.id === id)!;
  const table = (id: string) => model.tables.find((t) => t.id === id)!;

  it('says what was planned, and which policy the plan does not apply as run', () => {
    expect(model.line).toBe(
      'US served 50% free of the taint set from 2028 (target scope node, discount rate 0.07, solver Optimal)',
    );
    expect(model.notes).toEqual([
      'Policies us-stockpile, eu-stockpile (stockpile: left out: its release depends on earlier periods).',
      'Policy cn-controls (export_control: in, with its caps fixed).',
    ]);
  });

  it('stacks the capex by year of first output and stage, in M USD', () => {
    const c = chart('chart-plan-builds');
    expect(c.kind).toBe('plan-builds');
    const option = c.option as { xAxis: { data: string[] }; series: { name: string; data: unknown[] }[] };
    expect(option.xAxis.data).toEqual(['2027', '2028', '2030']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['separation', [180, null, null]],
      ['magnet', [null, 750, 150]],
    ]);
    expect(c.points).toBe(3);
  });

  it('draws the premium of each target, a line per year, with no point where the target is out of reach', () => {
    const c = chart('chart-plan-sweep');
    const option = c.option as { xAxis: { data: string[] }; series: { name: string; data: unknown[] }[] };
    expect(option.xAxis.data).toEqual(['50%', '100%']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['by 2028', [20, null]],
      ['by 2030', [10, 150]],
    ]);
    expect(c.caption).toContain('1 of 4 points are out of reach');
  });

  it('bars what each announced project is worth: cancelled, and two years late, in M USD', () => {
    const c = chart('chart-plan-project-values');
    expect(c.kind).toBe('plan-project-values');
    const option = c.option as { yAxis: { data: string[] }; series: { name: string; data: unknown[] }[] };
    expect(option.yAxis.data).toEqual(['project-vulcan']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['if cancelled', [52]],
      ['if two years late', [null]],
    ]);
    expect(c.points).toBe(1);
    expect(model.charts.map((x) => x.id)).toEqual([
      'chart-plan-builds',
      'chart-plan-project-values',
      'chart-plan-sweep',
    ]);
  });

  it('tables the builds, the summary in M USD, the project values and the sweep', () => {
    expect(table('table-plan-builds').rows[0]).toEqual([
      'us-sep-new',
      'greenfield',
      'US',
      'separation',
      '2027',
      '2026',
      '3,000',
      't oxide/yr',
      '180',
    ]);
    const summary = table('table-plan-summary').rows;
    expect(summary).toContainEqual(['premium', '400', 'M USD']);
    expect(summary).toContainEqual(['by', '2028', 'year']);
    expect(summary).toContainEqual([
      'cost_per_free_tonne',
      '12,000',
      'USD/t (premium per extra tonne served free)',
    ]);
    expect(summary.some((r) => r[0] === 'policy_not_as_run')).toBe(false);
    expect(table('table-plan-project-values').rows).toEqual([
      ['project-vulcan', 'US', 'make-magnet', '10,000', 't magnet/yr', '52', '–'],
    ]);
    expect(table('table-plan-sweep').rows).toEqual([
      ['2028', '20', 'Infeasible'],
      ['2030', '10', '150'],
    ]);
  });

  it('shows a sweep alone: its line, chart and table', () => {
    const sweep = planModel(planOf({ 'plan_sweep.csv': SWEEP }));
    expect(sweep.line).toBe('Sweep: US served 50–100% free of the taint set by 2028, 2030');
    expect(sweep.charts.map((c) => c.id)).toEqual(['chart-plan-sweep']);
    expect(sweep.tables.map((t) => t.id)).toEqual(['table-plan-sweep']);
  });
});

describe('the report of a run folder holding a plan', () => {
  const dir = join(work, 'run');
  writeRunFolder(dir, toyRun());
  writeFileSync(join(dir, 'plan.csv'), PLAN);
  writeFileSync(join(dir, 'plan_summary.csv'), SUMMARY);
  writeFileSync(join(dir, 'plan_sweep.csv'), SWEEP);
  const model = buildReport(readRun(dir));

  it('has a plan section that fits the report schema', () => {
    expect(ReportModel.parse(model).plan?.charts.map((c) => c.kind)).toEqual(['plan-builds', 'plan-sweep']);
    expect(buildReport(toyRun()).plan).toBeUndefined();
  });

  it('renders it in report.html, its charts among those the page draws, and in report.md', () => {
    const html = renderHtml(model, '/* page script */');
    expect(html).toContain('<section class="plan" id="plan">');
    expect(html).toContain('id="chart-plan-sweep" data-chart="plan-sweep"');
    expect(html).toMatch(/"id":"chart-plan-builds"/);
    const md = renderMarkdown(model);
    expect(md).toContain('## Plan\n\nUS served 50% free of the taint set from 2028');
    expect(md).toContain('### Builds');
    expect(md).toContain('| 2028 | 20 | Infeasible |');
  });
});

describe('a plan under uncertainty', () => {
  it('says how often it met the target on fresh draws', () => {
    const extra = [
      'probability,0.9,share of draws the plan must meet the target in',
      'fitting_draws,20,draws',
      'check_draws,40,fresh draws',
      'probability_reached,0.925,share of fresh draws met',
      'probability_ci_low,0.801,95% Wilson',
      'probability_ci_high,0.974,95% Wilson',
    ].join('\n');
    const model = planModel(planOf({ 'plan_summary.csv': `${SUMMARY}${extra}\n` }));
    expect(model.line).toMatch(
      /; asked in 90% of Monte Carlo draws, fitted on 20, met in 93% of 40 fresh draws \(95% interval 80%–97%\)$/,
    );
  });
});
