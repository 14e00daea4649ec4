import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  openWorkbench,
  SHORT_YAML,
  type Workbench,
  waitForRun,
} from '../../../test/fixtures/workbench.js';

interface Run {
  id: string;
  status: string;
  kind: string;
  progress: { done: number; total: number; label: string };
  error: string | null;
  has_results: boolean;
}

describe.each(BACKENDS)('run and result routes (%s)', (backend) => {
  let wb: Workbench;
  let base: Run;
  let controls: Run;
  beforeAll(async () => {
    wb = await openWorkbench(backend);
    await post('/api/scenarios', { id: 'short', yaml: SHORT_YAML });
    await post('/api/scenarios', {
      id: 'short-controls',
      yaml: 'name: short-controls\nextends: china-controls-2025-04\nhorizon: { start: 2025, end: 2026 }\n',
    });
  });
  afterAll(() => wb.close());
  const get = (url: string) => wb.app.inject({ method: 'GET', url });
  const post = (url: string, payload?: object) =>
    wb.app.inject({ method: 'POST', url, payload: payload ?? {} });

  it('runs a scenario asynchronously and keeps its tables', async () => {
    const started = await post('/api/runs', { scenario: 'short' });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ scenario: 'short', kind: 'run', status: 'queued' });
    base = (await waitForRun(wb.app, started.json().id)) as unknown as Run;
    expect(base.status).toBe('done');
    expect(base.progress).toMatchObject({ label: 'done' });
    expect(base.progress.done).toBe(base.progress.total);
    expect(base.has_results).toBe(true);

    const tables = (await get(`/api/runs/${base.id}/tables`)).json() as { name: string; rows: number }[];
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['production', 'trade', 'demand', 'trace', 'key_outputs']));
    expect(tables.find((t) => t.name === 'demand')!.rows).toBeGreaterThan(0);
    const list = (await get('/api/runs?scenario=short')).json() as Run[];
    expect(list.map((r) => r.id)).toContain(base.id);
  });

  it('serves a table as filtered JSON rows and as CSV', async () => {
    const res = await get(`/api/runs/${base.id}/tables/demand?region=US&period=2026&limit=5`);
    expect(res.statusCode).toBe(200);
    const t = res.json() as { columns: string[]; rows: (string | number)[][]; total: number };
    expect(t.rows.length).toBe(Math.min(5, t.total));
    const [period, region, demand] = ['period', 'region', 'demand'].map((c) => t.columns.indexOf(c));
    for (const r of t.rows) {
      expect(r[period!]).toBe('2026');
      expect(r[region!]).toBe('US');
      expect(typeof r[demand!]).toBe('number');
    }
    const csv = await get(`/api/runs/${base.id}/tables/demand?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe(
      'period,region,application,material,demand,served_free,served_cn,substituted,destroyed,short,unit',
    );
    const us = (await get(`/api/runs/${base.id}/tables/demand?region=US`)).json() as { total: number };
    const filteredCsv = (await get(`/api/runs/${base.id}/tables/demand?format=csv&region=US`)).body
      .trim()
      .split('\n');
    expect(filteredCsv.length - 1).toBe(us.total);
    expect(filteredCsv.slice(1).every((l) => l.split(',')[1] === 'US')).toBe(true);

    expect((await get(`/api/runs/${base.id}/tables/nope`)).statusCode).toBe(404);
    const badColumn = await get(`/api/runs/${base.id}/tables/demand?colour=red`);
    expect(badColumn.statusCode).toBe(400);
    expect(badColumn.json().message).toContain('no column "colour"');
  });

  it('builds the report model with charts that hold data', async () => {
    const res = await get(`/api/runs/${base.id}/report?period=2026`);
    expect(res.statusCode).toBe(200);
    const r = res.json() as { period: string; charts: { kind: string; points: number }[]; items: unknown[] };
    expect(r.period).toBe('2026');
    expect(r.charts.map((c) => c.kind)).toEqual([
      'sankey',
      'capacity',
      'china-share',
      'shortfall',
      'destroyed',
      'prices', // NdPr, Dy and Tb oxide
      'prices',
      'prices',
    ]);
    for (const c of r.charts.slice(0, 3)) expect(c.points, c.kind).toBeGreaterThan(0);
    expect(r.items.length).toBeGreaterThan(0);
    // Served from bytes built once per run and period, with an ETag a client can revalidate.
    const again = await get(`/api/runs/${base.id}/report?period=2026`);
    expect(again.body).toBe(res.body);
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(again.headers.etag).toBe(res.headers.etag);
    expect((await get(`/api/runs/${base.id}/report`)).headers.etag).not.toBe(res.headers.etag);
    const unchanged = await wb.app.inject({
      method: 'GET',
      url: `/api/runs/${base.id}/report?period=2026`,
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    const bad = await get(`/api/runs/${base.id}/report?period=1999`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().problems[0]).toMatchObject({ field: 'period' });
  });

  it('exports every table as XLSX', async () => {
    const res = await get(`/api/runs/${base.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('demand')!;
    expect(sheet.getRow(1).values).toContain('served_free');
    expect(typeof sheet.getRow(2).getCell(5).value).toBe('number');
    expect(book.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['run', 'production', 'trace']),
    );
  });

  it('traces supply by region and compares runs side by side', async () => {
    const trace = (await get(`/api/runs/${base.id}/trace?region=US&period=2026`)).json() as {
      region: string;
      stage: string;
      share: number;
    }[];
    expect(trace.length).toBeGreaterThan(0);
    expect(trace.every((t) => t.region === 'US')).toBe(true);
    const metrics = (await get(`/api/runs/${base.id}/metrics?period=2026`)).json() as {
      period: string;
      group: string;
      value: number;
      unit: string;
    }[];
    expect([...new Set(metrics.map((m) => m.group))]).toEqual(
      expect.arrayContaining(['short', 'China-free share', 'price']),
    );
    expect(metrics.every((m) => m.period === '2026' && typeof m.value === 'number' && m.unit !== '')).toBe(
      true,
    );
    expect((await get(`/api/runs/${base.id}/metrics?colour=red`)).statusCode).toBe(400);

    controls = (await waitForRun(
      wb.app,
      (await post('/api/runs', { scenario: 'short-controls' })).json().id,
    )) as unknown as Run;
    expect(controls.status).toBe('done');
    const cmp = await get(`/api/compare?runs=${base.id},${controls.id}`);
    expect(cmp.statusCode).toBe(200);
    const body = cmp.json() as { runs: { scenario: string }[]; rows: { values: (number | null)[] }[] };
    expect(body.runs.map((r) => r.scenario)).toEqual(['short', 'short-controls']);
    expect(body.rows.some((r) => r.values[0] !== r.values[1])).toBe(true);
    expect((await get(`/api/compare?runs=${base.id}`)).statusCode).toBe(400);
    expect((await get(`/api/compare?runs=${base.id},nope`)).statusCode).toBe(404);
  });

  it('runs a Monte Carlo job whose report has fan charts', async () => {
    const started = await post('/api/runs', {
      scenario: 'short',
      kind: 'mc',
      draws: 3,
      seed: 7,
      workers: 1,
      blocs: ['US'],
    });
    expect(started.statusCode).toBe(202);
    const mc = (await waitForRun(wb.app, started.json().id)) as unknown as Run;
    expect(mc).toMatchObject({ status: 'done', kind: 'mc' });
    const r = (await get(`/api/runs/${mc.id}/report`)).json() as {
      mc: { line: string; charts: { kind: string }[] };
    };
    expect(r.mc.line).toContain('3 of 3 draws');
    expect(r.mc.charts.map((c) => c.kind)).toContain('fan');
    const names = ((await get(`/api/runs/${mc.id}/tables`)).json() as { name: string }[]).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['mc_summary', 'mc_self_sufficiency']));
    // Only the bloc asked for is tracked.
    const ss = (await get(`/api/runs/${mc.id}/tables/mc_self_sufficiency`)).json() as { rows: string[][] };
    expect(new Set(ss.rows.map((r) => r[0]))).toEqual(new Set(['US']));
  });

  it('cancels queued and running jobs, and refuses what cannot be done', async () => {
    const first = (await post('/api/runs', { scenario: 'short' })).json() as Run;
    const second = (await post('/api/runs', { scenario: 'short' })).json() as Run;
    const cancelQueued = await post(`/api/runs/${second.id}/cancel`);
    expect(cancelQueued.statusCode).toBe(202);
    expect(cancelQueued.json().status).toBe('cancelled');
    expect((await post(`/api/runs/${first.id}/cancel`)).statusCode).toBe(202);
    expect(await waitForRun(wb.app, first.id)).toMatchObject({ status: 'cancelled', has_results: false });
    expect((await get(`/api/runs/${first.id}/report`)).statusCode).toBe(409);
    expect((await post(`/api/runs/${first.id}/cancel`)).statusCode).toBe(409);

    expect((await post('/api/runs', { scenario: 'nope' })).statusCode).toBe(404);
    const badDraws = await post('/api/runs', { scenario: 'short', kind: 'mc', draws: 0 });
    expect(badDraws.statusCode).toBe(400);
    expect(badDraws.json().problems[0].field).toBe('draws');
    expect((await post('/api/runs', { scenario: 'short', draws: 5 })).statusCode).toBe(400);
    const badBloc = await post('/api/runs', { scenario: 'short', kind: 'mc', draws: 2, blocs: ['Mars'] });
    expect(badBloc.statusCode).toBe(400);
    expect(badBloc.json().message).toBe('blocs: unknown bloc "Mars"; expected some of US, US+allies, EU');
    expect((await get('/api/runs/nope')).statusCode).toBe(404);
  });

  it('deletes a finished run and its results', async () => {
    const done = (await waitForRun(
      wb.app,
      (await post('/api/runs', { scenario: 'short' })).json().id,
    )) as unknown as Run;
    expect((await wb.app.inject({ method: 'DELETE', url: `/api/runs/${done.id}` })).statusCode).toBe(204);
    expect((await get(`/api/runs/${done.id}`)).statusCode).toBe(404);
    expect((await get(`/api/runs/${done.id}/tables`)).statusCode).toBe(404);
  });
});
