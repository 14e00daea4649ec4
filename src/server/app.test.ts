import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openWorkbench, SHORT_YAML, type Workbench } from '../../test/fixtures/workbench.js';
import { seedLibrary } from './library.js';
import { startWorkbench } from './serve.js';
import { insertRun } from './storage/runs.js';

describe.each(BACKENDS)('the workbench server (%s)', (backend) => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench(backend);
  });
  afterAll(() => wb.close());

  it('reports its health and storage', async () => {
    const res = await wb.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({ ok: true, storage: backend, auth: false });
  });

  it('documents every API route in an OpenAPI 3.1 document, with its UI at /docs', async () => {
    const doc = (await wb.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'get /api/datasets/{id}/facilities/{facility}',
        'post /api/scenarios',
        'put /api/scenarios/{id}',
        'delete /api/scenarios/{id}',
        'post /api/scenarios/validate',
        'post /api/runs',
        'post /api/runs/{id}/cancel',
        'get /api/runs/{id}/report',
        'get /api/runs/{id}/export.xlsx',
        'get /api/compare',
      ]),
    );
    expect((await wb.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
    // The report model is typed in the document, not an untyped object.
    type Documented = {
      get: { responses: { 200: { content: { 'application/json': { schema: { properties: object } } } } } };
    };
    const report = (doc.paths['/api/runs/{id}/report'] as unknown as Documented).get;
    const schema = report.responses[200].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['manifest', 'headline', 'items', 'tables', 'charts', 'mc']),
    );
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await wb.app.inject({ method: 'GET', url: '/api/nothing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      error: 'not_found',
      message: expect.stringContaining('GET /api/nothing'),
    });
  });

  it('marks runs a previous server left unfinished as failed', async () => {
    const now = new Date().toISOString();
    await insertRun(wb.ctx.db, {
      id: 'orphan',
      scenario_id: 'baseline',
      scenario_name: 'baseline',
      kind: 'run',
      status: 'running',
      options: '{}',
      progress_done: 3,
      progress_total: 12,
      progress_label: '2027',
      error: null,
      created_at: now,
      started_at: now,
      finished_at: null,
    });
    await seedLibrary(wb.ctx);
    const run = (await wb.app.inject({ method: 'GET', url: '/api/runs/orphan' })).json();
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
  });
});

describe('write routes with a token', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench('sqlite', { token: 's3cret' });
  });
  afterAll(() => wb.close());

  it('need the bearer token; reads stay open', async () => {
    const body = { id: 'short', yaml: SHORT_YAML };
    const none = await wb.app.inject({ method: 'POST', url: '/api/scenarios', payload: body });
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toBe('unauthorized');
    const wrong = await wb.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: body,
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await wb.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: body,
      headers: { authorization: 'Bearer s3cret' },
    });
    expect(right.statusCode).toBe(201);
    expect((await wb.app.inject({ method: 'GET', url: '/api/scenarios/short' })).statusCode).toBe(200);
    expect((await wb.app.inject({ method: 'GET', url: '/api/health' })).json().auth).toBe(true);
  });
});

describe('serve', () => {
  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startWorkbench({ host: '0.0.0.0', port: 0, db: ':memory:' })).rejects.toThrow(
      /LODESTONE_TOKEN/,
    );
  });

  it('listens on loopback and serves the API over HTTP', async () => {
    const { app, url } = await startWorkbench({
      host: '127.0.0.1',
      port: 0,
      db: ':memory:',
      firstRun: false,
    });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await fetch(`${url}api/health`);
      expect(await res.json()).toMatchObject({ ok: true, storage: 'sqlite' });
    } finally {
      await app.close();
    }
  });
});
