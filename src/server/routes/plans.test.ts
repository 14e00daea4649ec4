/**
 * The planner as a workbench job (kind "plan" of POST /api/runs), on the mini dataset with two
 * candidates (test/fixtures/plan-dataset.ts): a plan solves in well under a second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_PLAN_YAML, miniPlanFiles } from '../../../test/fixtures/plan-dataset.js';
import { BACKENDS, openWorkbench, type Workbench, waitForRun } from '../../../test/fixtures/workbench.js';

interface Run {
  id: string;
  status: string;
  kind: string;
  progress: { done: number; total: number; label: string };
  error: string | null;
  has_results: boolean;
  options: Record<string, unknown>;
}

describe.each(BACKENDS)('plan jobs (%s)', (backend) => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench(backend);
    const files = miniPlanFiles();
    expect((await post('/api/datasets', { id: 'mini-plan', files })).statusCode).toBe(201);
    const yaml = `${MINI_PLAN_YAML}dataset: mini-plan\n`;
    expect((await post('/api/scenarios', { id: 'mini-plan', yaml })).statusCode).toBe(201);
  });
  afterAll(() => wb.close());
  const get = (url: string) => wb.app.inject({ method: 'GET', url });
  const post = (url: string, payload?: object) =>
    wb.app.inject({ method: 'POST', url, payload: payload ?? {} });
  const startPlan = async (plan: object) => {
    const res = await post('/api/runs', { scenario: 'mini-plan', kind: 'plan', plan });
    expect(res.statusCode, res.body).toBe(202);
    return res.json() as Run;
  };
  /** Polls the run's live progress until `until` holds of its label or it ends; the labels seen. */
  const watch = async (id: string, until: (label: string) => boolean = () => false) => {
    const labels: string[] = [];
    for (;;) {
      const run = (await get(`/api/runs/${id}`)).json() as Run;
      if (labels.at(-1) !== run.progress.label) labels.push(run.progress.label);
      if (until(run.progress.label) || (run.status !== 'queued' && run.status !== 'running')) return labels;
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('plans as a job, its options recorded, and serves the plan’s tables', async () => {
    const started = await startPlan({ bloc: 'US', target: 1, by: 2028 });
    expect(started).toMatchObject({ kind: 'plan', status: 'queued' });
    expect(started.options).toMatchObject({
      bloc: 'US',
      target: 1,
      by: 2028,
      target_scope: 'node',
      sweep: false,
    });
    const run = (await waitForRun(wb.app, started.id)) as unknown as Run;
    expect(run.status, String(run.error)).toBe('done');
    expect(run.progress).toEqual({ done: 3, total: 3, label: 'done' });
    expect(run.has_results).toBe(true);

    const names = ((await get(`/api/runs/${run.id}/tables`)).json() as { name: string }[]).map((t) => t.name);
    expect(names).toEqual(['plan', 'plan_summary']);
    const plan = (await get(`/api/runs/${run.id}/tables/plan?candidate=us-magnet-new`)).json() as {
      columns: string[];
      rows: string[][];
    };
    expect(plan.rows.length).toBeGreaterThan(0);
    const year = plan.columns.indexOf('year');
    for (const r of plan.rows) expect(Number(r[year])).toBeLessThanOrEqual(2028);
    const summary = await get(`/api/runs/${run.id}/tables/plan_summary?format=csv`);
    expect(summary.body.split('\n')[0]).toBe('metric,value,unit');
    expect(summary.body).toContain('\nbloc,US,\n');
    expect(summary.body).toContain('\nby,2028,year\n');
    const xlsx = await get(`/api/runs/${run.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const section = (await get(`/api/runs/${run.id}/plan`)).json() as {
      line: string;
      charts: { kind: string }[];
      tables: { id: string; rows: string[][] }[];
    };
    expect(section.line).toMatch(/^US served 100% free of the taint set from 2028/);
    expect(section.charts.map((c) => c.kind)).toEqual(['plan-builds']);
    expect(section.tables.map((t) => t.id)).toEqual(['table-plan-summary', 'table-plan-builds']);
    expect(section.tables[1]!.rows.some((r) => r[0] === 'us-magnet-new')).toBe(true);
    const stored = (await get(`/api/runs/${run.id}/plan/scenario`)).json() as Record<string, string>;
    expect(stored).toMatchObject({ id: 'mini-plan-plan-US-1-by-2028', dataset: 'mini-plan' });
    expect(stored.yaml).toMatch(/^extends: mini-plan$/m);
    const saved = await post('/api/scenarios', { id: stored.id, yaml: stored.yaml });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ extends: 'mini-plan' });
    // The stored plan runs, its builds in the network.
    const rerun = (await post('/api/runs', { scenario: stored.id })).json() as Run;
    expect(((await waitForRun(wb.app, rerun.id)) as unknown as Run).status).toBe('done');
    const capacity = (await get(`/api/runs/${rerun.id}/tables/capacity?facility=build-us-magnet-new`)).json();
    expect((capacity as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    const report = await get(`/api/runs/${run.id}/report`);
    expect(report.statusCode).toBe(409);
    expect(report.json().message).toBe(
      `run "${run.id}" is a plan: it has no run report; its charts and tables are at GET /api/runs/${run.id}/plan, its files at GET /api/runs/${run.id}/tables`,
    );
  });

  it('reports each solve of a sweep as its progress', async () => {
    const started = await startPlan({ sweep: true, by: 2028 });
    const labels = await watch(started.id);
    const run = (await get(`/api/runs/${started.id}`)).json() as Run;
    expect(run.status, String(run.error)).toBe('done');
    // Twelve points (2028 and 2030 × six targets) and the plan without a target, after preparing.
    expect(run.progress).toEqual({ done: 14, total: 14, label: 'done' });
    expect(labels.some((l) => /^sweep \d+ of 13$/.test(l) || l.startsWith('preparing'))).toBe(true);
    const sweep = (await get(`/api/runs/${started.id}/tables/plan_sweep`)).json() as { rows: string[][] };
    expect(sweep.rows).toHaveLength(12);
  });

  it('cancels a running plan before its next solve', async () => {
    const started = await startPlan({ sweep: true, by: 2028 });
    const labels = await watch(started.id, (l) => l.startsWith('sweep'));
    expect(labels.at(-1)).toMatch(/^sweep \d+ of 13$/);
    expect((await post(`/api/runs/${started.id}/cancel`)).statusCode).toBe(202);
    const run = (await waitForRun(wb.app, started.id)) as unknown as Run;
    expect(run).toMatchObject({ status: 'cancelled', has_results: false });
    expect(run.progress.done).toBeLessThan(14);
    expect((await get(`/api/runs/${started.id}/tables`)).statusCode).toBe(409);
  });

  it('fails a target out of reach with the planner’s reason', async () => {
    const started = await startPlan({ target: 1, by: 2025 });
    const run = (await waitForRun(wb.app, started.id)) as unknown as Run;
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^the target cannot be met: US served 100% free from 2025 is out of reach/);
    expect(run.error).not.toMatch(/\n\s+at /);
    expect(run.has_results).toBe(false);
  });

  it('offers only the candidates of the stages and regions asked for', async () => {
    const started = await startPlan({ target: 1, by: 2028, stages: ['separation'], regions: ['US'] });
    expect(started.options).toMatchObject({ stages: ['separation'], regions: ['US'] });
    const run = (await waitForRun(wb.app, started.id)) as unknown as Run;
    // Without the magnet plant the US cannot be served free.
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^the target cannot be met/);
    const unknown = await post('/api/runs', {
      scenario: 'mini-plan',
      kind: 'plan',
      plan: { regions: ['Atlantis'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/^plan\.regions: unknown region Atlantis; the dataset has /);
    const badStage = await post('/api/runs', {
      scenario: 'mini-plan',
      kind: 'plan',
      plan: { stages: ['smelting'] },
    });
    expect(badStage.statusCode).toBe(400);
  });

  it('refuses a bloc, year or option that does not fit, naming it', async () => {
    const bad = async (body: object) => {
      const res = await post('/api/runs', { scenario: 'mini-plan', ...body });
      expect(res.statusCode, res.body).toBe(400);
      return res.json() as { message: string; problems?: { field: string }[] };
    };
    expect((await bad({ kind: 'plan', plan: { bloc: 'Mars' } })).message).toBe(
      'plan.bloc: unknown bloc "Mars"; expected some of US',
    );
    expect((await bad({ kind: 'plan', plan: { by: 2031 } })).message).toBe(
      "plan.by: expected a year of the scenario's horizon (2025–2030), got 2031",
    );
    const target = await bad({ kind: 'plan', plan: { target: 1.5 } });
    expect(JSON.stringify(target)).toContain('target');
    expect((await bad({ kind: 'run', plan: { by: 2028 } })).message).toBe('plan belongs to kind "plan"');
    expect((await bad({ kind: 'plan', draws: 3 })).message).toBe(
      'draws, seed, workers and blocs belong to kind "mc"',
    );
  });

  it('documents kind "plan" and its options in the OpenAPI document', async () => {
    const doc = (await get('/docs/json')).json() as { components: { schemas: Record<string, unknown> } };
    const options = doc.components.schemas.PlanOptions as { properties: Record<string, unknown> };
    expect(Object.keys(options.properties)).toEqual(
      expect.arrayContaining([
        'bloc',
        'target',
        'by',
        'target_scope',
        'integer',
        'discount_rate',
        'time_limit',
      ]),
    );
    expect(JSON.stringify(doc.components.schemas.Run)).toContain('"plan"');
  });
});
