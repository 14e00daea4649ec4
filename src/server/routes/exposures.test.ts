import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openWorkbench, type Workbench } from '../../../test/fixtures/workbench.js';
import { packageRoot } from '../../scenario/package-root.js';

const ALICE = 'alice-secret';
const BOB = 'bob-secret';
const AUTOMAKER = readFileSync(join(packageRoot(), 'examples', 'exposure', 'automaker.yaml'), 'utf8');
/** Two years, so a run takes seconds. */
const SHORT_AUTOMAKER = AUTOMAKER.replace(
  'horizon: { start: 2026, end: 2030 }',
  'horizon: { start: 2026, end: 2027 }',
);
const COMPANY = 'Automaker (GM-like, illustrative)';

interface Run {
  id: string;
  status: string;
  kind: string;
  error: string | null;
}

describe.each(BACKENDS)('exposure files and runs, private per token (%s)', (backend) => {
  let wb: Workbench;
  let id: string;
  let runId: string;
  beforeAll(async () => {
    wb = await openWorkbench(backend, { token: `${ALICE}, ${BOB}` });
  });
  afterAll(() => wb.close());
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string, payload?: object) =>
    wb.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const waitFor = async (run: string, token: string): Promise<Run> => {
    for (let t0 = Date.now(); Date.now() - t0 < 120_000; ) {
      const r = (await send('GET', `/api/runs/${run}`, token)).json() as Run;
      if (r.status !== 'queued' && r.status !== 'running') return r;
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error(`run ${run} did not finish`);
  };

  it('refuses a bad file with every problem by line, and stores a good one for its token', async () => {
    const bad = AUTOMAKER.replace(
      'share: 0.4 }\n      - { company: VAC',
      'share: 0.5 }\n      - { company: VAC',
    ).replace('tonnes: 150', 'tonnes: -150');
    const refused = await send('POST', '/api/exposures', ALICE, { yaml: bad });
    expect(refused.statusCode).toBe(422);
    const problems = refused.json().problems as { line?: number; field?: string; message: string }[];
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.every((p) => typeof p.line === 'number')).toBe(true);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/negative tonnes/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/sum to 1/);

    const noToken = await send('POST', '/api/exposures', undefined, { yaml: AUTOMAKER });
    expect(noToken.statusCode).toBe(401);
    const created = await send('POST', '/api/exposures', ALICE, { yaml: SHORT_AUTOMAKER });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ company: COMPANY, yaml: SHORT_AUTOMAKER });
    id = created.json().id;
    expect((await send('GET', '/api/exposures', ALICE)).json()).toMatchObject([{ id, company: COMPANY }]);
    const check = await send('POST', '/api/exposures/validate', ALICE, { yaml: bad });
    expect(check.json()).toMatchObject({ ok: false });
  });

  it('hides the file from other tokens: 404 to read, change, delete or run it; 401 without a token', async () => {
    expect((await send('GET', '/api/exposures', BOB)).json()).toEqual([]);
    expect((await send('GET', `/api/exposures/${id}`, BOB)).statusCode).toBe(404);
    expect((await send('PUT', `/api/exposures/${id}`, BOB, { yaml: AUTOMAKER })).statusCode).toBe(404);
    expect((await send('DELETE', `/api/exposures/${id}`, BOB)).statusCode).toBe(404);
    expect(
      (await send('POST', `/api/exposures/${id}/runs`, BOB, { scenarios: ['baseline'] })).statusCode,
    ).toBe(404);
    expect((await send('GET', `/api/exposures/${id}/runs`, BOB)).statusCode).toBe(404);
    expect((await send('GET', `/api/exposures/${id}`)).statusCode).toBe(401);
    // A token the server does not know is refused, not treated as a new owner.
    expect((await send('GET', `/api/exposures/${id}`, 'mallory')).statusCode).toBe(401);
    // Still there, unchanged, for its owner.
    expect((await send('GET', `/api/exposures/${id}`, ALICE)).json().yaml).toBe(SHORT_AUTOMAKER);
    const edited = SHORT_AUTOMAKER.replace('tonnes: 150', 'tonnes: 160');
    expect((await send('PUT', `/api/exposures/${id}`, ALICE, { yaml: edited })).statusCode).toBe(200);
    expect((await send('GET', `/api/exposures/${id}`, ALICE)).json().yaml).toContain('tonnes: 160');
  });

  it('runs it as a private job: its owner reads the tables, other tokens and the public list see nothing', async () => {
    const started = await send('POST', `/api/exposures/${id}/runs`, ALICE, { scenarios: ['baseline'] });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ kind: 'exposure', status: 'queued' });
    runId = started.json().id;
    const done = await waitFor(runId, ALICE);
    expect(done).toMatchObject({ status: 'done', error: null });

    const tables = (await send('GET', `/api/runs/${runId}/tables`, ALICE)).json() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['exposure', 'exposure_alternatives', 'exposure_origins', 'exposure_ranking']),
    );
    const rows = (await send('GET', `/api/runs/${runId}/tables/exposure?line=*&supplier=*`, ALICE)).json();
    expect(rows.rows.length).toBe(2); // one scenario × two years
    // Typed as the run folder's tables are (EXPOSURE_TABLES): numbers as numbers.
    expect(rows.columns.slice(0, 2)).toEqual(['scenario', 'year']);
    expect(rows.rows[0].slice(0, 2)).toEqual(['baseline', 2026]);
    expect((await send('GET', `/api/exposures/${id}/runs`, ALICE)).json()).toMatchObject([{ id: runId }]);

    for (const token of [BOB, undefined]) {
      expect((await send('GET', `/api/runs/${runId}`, token)).statusCode).toBe(404);
      expect((await send('GET', `/api/runs/${runId}/tables/exposure`, token)).statusCode).toBe(404);
      expect((await send('GET', `/api/runs/${runId}/export.xlsx`, token)).statusCode).toBe(404);
      expect((await send('DELETE', `/api/runs/${runId}`, token)).statusCode).toBe(token ? 404 : 401);
    }
    const publicRuns = (await send('GET', '/api/runs', BOB)).json() as Run[];
    expect(publicRuns.map((r) => r.id)).not.toContain(runId);
    // Nor does it stand in for the baseline's latest run in the answers.
    const answers = (await send('GET', '/api/answers', BOB)).json() as { run: { id: string } | null }[];
    expect(answers.map((a) => a.run?.id)).not.toContain(runId);
  });

  it('deletes the file with its runs and their results', async () => {
    expect((await send('DELETE', `/api/exposures/${id}`, ALICE)).statusCode).toBe(204);
    expect((await send('GET', `/api/exposures/${id}`, ALICE)).statusCode).toBe(404);
    expect((await send('GET', `/api/runs/${runId}`, ALICE)).statusCode).toBe(404);
    const left = await wb.ctx.db.selectFrom('run_files').select('name').where('run_id', '=', runId).execute();
    expect(left).toEqual([]);
    const exposures = await wb.ctx.db.selectFrom('exposures').selectAll().execute();
    expect(exposures).toEqual([]);
  });
});

describe('exposure files on a server without a token (loopback)', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench('sqlite');
  });
  afterAll(() => wb.close());

  it('are owned by whatever bearer token sent them, and documented in the OpenAPI document', async () => {
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const created = await wb.app.inject({
      method: 'POST',
      url: '/api/exposures',
      headers: as('browser-1'),
      payload: { yaml: AUTOMAKER },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const get = (token: string) =>
      wb.app.inject({ method: 'GET', url: `/api/exposures/${id}`, headers: as(token) });
    expect((await get('browser-1')).statusCode).toBe(200);
    expect((await get('browser-2')).statusCode).toBe(404);
    expect((await wb.app.inject({ method: 'GET', url: '/api/exposures' })).statusCode).toBe(401);

    const doc = (await wb.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/exposures', '/api/exposures/{id}', '/api/exposures/{id}/runs']),
    );
    expect(doc.paths['/api/exposures/{id}']!.get!.security).toEqual([{ token: [] }]);
  });
});

describe('the three examples through the API', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench('sqlite', { token: ALICE });
  });
  afterAll(() => wb.close());
  const headers = { authorization: `Bearer ${ALICE}` };

  it.each(['automaker', 'motor-maker', 'defence-prime'])(
    '%s uploads and runs on the baseline',
    async (name) => {
      const yaml = readFileSync(join(packageRoot(), 'examples', 'exposure', `${name}.yaml`), 'utf8');
      const created = await wb.app.inject({
        method: 'POST',
        url: '/api/exposures',
        headers,
        payload: { yaml },
      });
      expect(created.statusCode).toBe(201);
      const started = await wb.app.inject({
        method: 'POST',
        url: `/api/exposures/${created.json().id}/runs`,
        headers,
        payload: { scenarios: ['baseline'] },
      });
      expect(started.statusCode).toBe(202);
      const id = started.json().id as string;
      for (let t0 = Date.now(); ; ) {
        const r = (await wb.app.inject({ method: 'GET', url: `/api/runs/${id}`, headers })).json() as Run;
        if (r.status !== 'queued' && r.status !== 'running') {
          expect(r).toMatchObject({ status: 'done', error: null });
          break;
        }
        if (Date.now() - t0 > 120_000) throw new Error(`run ${id} still ${r.status}`);
        await new Promise((res) => setTimeout(res, 200));
      }
      const ranking = await wb.app.inject({
        method: 'GET',
        url: `/api/runs/${id}/tables/exposure_ranking`,
        headers,
      });
      expect(ranking.json().rows).toHaveLength(1);
    },
  );
});

describe('exposure uploads are never logged', () => {
  let wb: Workbench;
  const lines: string[] = [];
  beforeAll(async () => {
    wb = await openWorkbench('sqlite', {
      token: ALICE,
      logger: { stream: { write: (line: string) => void lines.push(line) }, level: 'trace' },
    });
  });
  afterAll(() => wb.close());

  it('logs the request, not the file: no company name, no tonnes, not the token', async () => {
    const yaml = AUTOMAKER.replace(COMPANY, 'Zyxwv Motors Secret').replace('tonnes: 150', 'tonnes: 149.8765');
    const headers = { authorization: `Bearer ${ALICE}` };
    const created = await wb.app.inject({
      method: 'POST',
      url: '/api/exposures',
      headers,
      payload: { yaml },
    });
    expect(created.statusCode).toBe(201);
    const bad = await wb.app.inject({
      method: 'POST',
      url: '/api/exposures',
      headers,
      payload: { yaml: yaml.replace('tonnes: 149.8765', 'tonnes: -149.8765') },
    });
    expect(bad.statusCode).toBe(422);
    await wb.app.inject({ method: 'GET', url: `/api/exposures/${created.json().id}`, headers });
    const log = lines.join('');
    expect(log).toContain('/api/exposures'); // the requests were logged
    expect(log).not.toContain('Zyxwv');
    expect(log).not.toContain('149.8765');
    expect(log).not.toContain(ALICE);
  });
});
