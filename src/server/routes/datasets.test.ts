import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openWorkbench, type Workbench, waitForRun } from '../../../test/fixtures/workbench.js';
import { registerDataset } from '../library.js';

const MINI = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'mini-dataset');
/** The mini dataset's files as an upload body. */
const miniFiles = (): Record<string, string> =>
  Object.fromEntries(readdirSync(MINI).map((f) => [f, readFileSync(join(MINI, f), 'utf8')]));

describe.each(BACKENDS)('dataset routes (%s)', (backend) => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench(backend);
  });
  afterAll(() => wb.close());
  const get = (url: string) => wb.app.inject({ method: 'GET', url });

  it('lists the embedded default dataset with its counts', async () => {
    const res = await get('/api/datasets');
    expect(res.statusCode).toBe(200);
    const [d] = res.json() as { id: string; counts: Record<string, number> }[];
    expect(d!.id).toBe('default');
    expect(d).toMatchObject({ from: 'default (embedded)' });
    expect(d!.counts.facilities).toBeGreaterThan(50);
    expect(d!.counts.sources).toBeGreaterThan(50);
    const one = (await get('/api/datasets/default')).json() as { meta: { name: string }; hash: string };
    expect(one.meta.name).toBeTruthy();
    expect(one.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters facilities and gives each its stage and canonical capacity unit', async () => {
    const all = (await get('/api/datasets/default/facilities')).json() as { stage: string; unit: string }[];
    const magnets = (await get('/api/datasets/default/facilities?stage=magnet&status=operating')).json() as {
      stage: string;
      status: string;
      unit: string;
    }[];
    expect(magnets.length).toBeGreaterThan(3);
    expect(magnets.length).toBeLessThan(all.length);
    for (const f of magnets) {
      expect(f.stage).toBe('magnet');
      expect(f.status).toBe('operating');
      expect(f.unit).toBe('t magnet/year');
    }
  });

  it('traces a facility to the sources its records cite', async () => {
    const res = await get('/api/datasets/default/facilities/mp-mountain-pass-mine');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      facility: { source_ids: string[] };
      sources: { id: string; url?: string }[];
      process: { stage: string };
    };
    expect(body.process.stage).toBe('mining');
    expect(body.sources.map((s) => s.id)).toEqual(expect.arrayContaining(body.facility.source_ids));
  });

  it('serves regions, agreements, policies, substitutions and sources', async () => {
    for (const path of [
      'regions',
      'materials',
      'processes',
      'agreements',
      'policies',
      'substitutions',
      'sources',
    ]) {
      const res = await get(`/api/datasets/default/${path}`);
      expect(res.statusCode, path).toBe(200);
      expect((res.json() as unknown[]).length, path).toBeGreaterThan(0);
    }
  });

  it('answers unknown ids and parameters with a 4xx that names them', async () => {
    const ds = await get('/api/datasets/nope/facilities');
    expect(ds.statusCode).toBe(404);
    expect(ds.json()).toMatchObject({ error: 'not_found', message: 'no dataset "nope"' });
    const f = await get('/api/datasets/default/facilities/nope');
    expect(f.statusCode).toBe(404);
    expect(f.json().message).toBe('no facility "nope"');
    const q = await get('/api/datasets/default/facilities?colour=red');
    expect(q.statusCode).toBe(400);
    expect(q.json().error).toBe('bad_request');
  });

  it('stores an uploaded dataset, serves its records and files, and runs a scenario on it', async () => {
    const up = await wb.app.inject({
      method: 'POST',
      url: '/api/datasets',
      payload: { id: 'mini', files: miniFiles() },
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ id: 'mini', from: 'upload', counts: { regions: 2 } });
    const files = (await get('/api/datasets/mini/files')).json() as { name: string; bytes: number }[];
    expect(files.map((f) => f.name)).toEqual(readdirSync(MINI).sort());
    const csv = await get('/api/datasets/mini/files/regions.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toBe(readFileSync(join(MINI, 'regions.csv'), 'utf8'));
    expect((await get('/api/datasets/mini/facilities')).json()).toHaveLength(
      (await get('/api/datasets/mini')).json().counts.facilities,
    );

    const yaml = 'name: on-mini\ndataset: mini\nhorizon: { start: 2025, end: 2026 }\n';
    const created = await wb.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: { id: 'on-mini', yaml },
    });
    expect(created.statusCode, created.body).toBe(201);
    const started = await wb.app.inject({
      method: 'POST',
      url: '/api/runs',
      payload: { scenario: 'on-mini' },
    });
    expect(started.statusCode, started.body).toBe(202);
    const run = await waitForRun(wb.app, started.json().id);
    expect(run.status, String(run.error)).toBe('done');

    // A dataset a scenario names stays; once the scenario is gone it can be deleted.
    const refused = await wb.app.inject({ method: 'DELETE', url: '/api/datasets/mini' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('on-mini');
    await wb.app.inject({ method: 'DELETE', url: '/api/scenarios/on-mini' });
    expect((await wb.app.inject({ method: 'DELETE', url: '/api/datasets/mini' })).statusCode).toBe(204);
    expect((await get('/api/datasets/mini')).statusCode).toBe(404);
  });

  it('refuses a bad upload with the file and line of each problem', async () => {
    const files = miniFiles();
    files['demand.csv'] = files['demand.csv']!.replace(/\n(\w+),/, '\nXX,');
    const bad = await wb.app.inject({
      method: 'POST',
      url: '/api/datasets',
      payload: { id: 'broken', files },
    });
    expect(bad.statusCode).toBe(422);
    const problems = bad.json().problems as { file: string; line?: number; field?: string }[];
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'datasets/broken/demand.csv', line: 2, field: 'region' }),
    );
    expect((await get('/api/datasets/broken')).statusCode).toBe(404);

    const named = await wb.app.inject({
      method: 'POST',
      url: '/api/datasets',
      payload: { id: 'x', files: { '../regions.csv': 'id\n' } },
    });
    expect(named.statusCode).toBe(400);
    const taken = await wb.app.inject({
      method: 'POST',
      url: '/api/datasets',
      payload: { id: 'default', files: miniFiles() },
    });
    expect(taken.statusCode).toBe(409);
    expect((await get('/api/datasets/default/files/nope.csv')).statusCode).toBe(404);
  });

  it('reads a registered folder from its stored copy, whatever happens to the folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lodestone-reg-')), 'folder-set');
    cpSync(MINI, dir, { recursive: true });
    try {
      expect(await registerDataset(wb.ctx, dir)).toBe('folder-set');
      const before = (await get('/api/datasets/folder-set')).json();
      expect(before.from).toBe('registered folder folder-set');
      writeFileSync(join(dir, 'facilities.csv'), 'broken');
      rmSync(join(dir, 'regions.csv'));
      wb.ctx.datasets.clear();
      const after = await get('/api/datasets/folder-set');
      expect(after.statusCode).toBe(200);
      expect(after.json().hash).toBe(before.hash);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });
});
