import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openWorkbench, type Workbench } from '../../test/fixtures/workbench.js';

/** PostgreSQL refuses NUL in text: such input must be a 4xx naming the field, never a 500. */
describe.each(BACKENDS)('NUL in a request (%s)', (backend) => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench(backend);
  });
  afterAll(() => wb.close());

  const expectRefused = (res: { statusCode: number; body: string }, what: string) => {
    expect(res.statusCode, `${what}: ${res.body}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(500);
    expect(JSON.parse(res.body), what).toMatchObject({
      error: expect.any(String),
      message: expect.any(String),
    });
  };

  it('in any path parameter of any route is a 4xx', async () => {
    const withParams = wb.routes.filter((r) => r.url.includes(':') && r.method !== 'HEAD');
    expect(withParams.length).toBeGreaterThan(10);
    for (const r of withParams) {
      for (const fill of ['%00', 'a%00b']) {
        const url = r.url.replace(/:\w+/g, fill);
        const res = await wb.app.inject({
          method: r.method as 'GET',
          url,
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        });
        expectRefused(res, `${r.method} ${url}`);
      }
    }
  });

  it('in a query parameter is a 4xx', async () => {
    for (const url of [
      '/api/runs?scenario=%00',
      '/api/compare?runs=a%00,b%00',
      '/api/datasets/default/facilities?region=%00',
    ])
      expect((await wb.app.inject({ method: 'GET', url })).statusCode, url).toBeLessThan(500);
    const runs = await wb.app.inject({ method: 'GET', url: '/api/runs?scenario=%00' });
    expectRefused(runs, 'runs');
  });

  it('in a scenario, a run or an upload is a 400 that says so', async () => {
    const yaml = 'name: nul\nextends: baseline\ndescription: "a\u0000b"\n';
    const bodies: [string, string, object][] = [
      ['POST', '/api/scenarios', { id: 'nul', yaml }],
      ['POST', '/api/scenarios', { id: 'nul', yaml: `${yaml}# \u0000\n` }],
      ['POST', '/api/scenarios', { id: 'nul\u0000', yaml: 'name: nul\n' }],
      ['PUT', '/api/scenarios/baseline', { yaml }],
      ['POST', '/api/scenarios/validate', { yaml }],
      ['POST', '/api/runs', { scenario: 'baseline\u0000' }],
      ['POST', '/api/runs', { scenario: 'baseline', kind: 'mc', draws: 1, blocs: ['US\u0000'] }],
      ['POST', '/api/datasets', { id: 'nul', files: { 'dataset.yaml': 'name: "a\u0000"\n' } }],
      ['POST', '/api/datasets', { id: 'nul', files: { 'a\u0000.csv': 'x\n' } }],
    ];
    for (const [method, url, payload] of bodies) {
      const res = await wb.app.inject({ method: method as 'POST', url, payload });
      expectRefused(res, `${method} ${url} ${JSON.stringify(payload)}`);
    }
    const res = await wb.app.inject({ method: 'POST', url: '/api/scenarios', payload: { id: 'nul', yaml } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('NUL');
    expect((await wb.app.inject({ method: 'GET', url: '/api/scenarios/nul' })).statusCode).toBe(404);
  });
});
