import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openWorkbench, type Workbench } from '../../../test/fixtures/workbench.js';

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

  it('serves regions, agreements, policies and sources', async () => {
    for (const path of ['regions', 'materials', 'processes', 'agreements', 'policies', 'sources']) {
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
});
