import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { guardWrites, type RouteAccess } from './auth.js';
import type { ZodApp } from './routes/types.js';
import { openStore, type Store } from './storage/connect.js';
import { insertRun } from './storage/runs.js';

const TOKEN = 's3cret';
const MINI = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'mini-dataset');
const miniFiles = () =>
  Object.fromEntries(readdirSync(MINI).map((f) => [f, readFileSync(join(MINI, f), 'utf8')]));

/** Sends one raw HTTP/1.1 request (the request line exactly as given) and returns its status. */
function raw(port: number, method: string, target: string, headers: Record<string, string>, body = '') {
  return new Promise<number>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      const head = Object.entries({
        host: `127.0.0.1:${port}`,
        connection: 'close',
        ...(body
          ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
          : {}),
        ...headers,
      })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.end(`${method} ${target} HTTP/1.1\r\n${head}\r\n${body}`);
    });
    let out = '';
    socket.on('data', (d) => {
      out += d;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(out)?.[1] ?? 0)));
  });
}

/** The same path spelled the ways a router may decode, normalise or take from an absolute URL. */
function spellings(path: string, port: number): string[] {
  const [, first, ...rest] = path.split('/');
  const encodeFirst = (s: string) => `%${s.charCodeAt(0).toString(16)}${s.slice(1)}`;
  const variants = [
    path,
    `/${encodeFirst(first!)}/${rest.join('/')}`,
    `/${first}/${encodeFirst(rest[0]!)}${rest.length > 1 ? `/${rest.slice(1).join('/')}` : ''}`,
    `/${first}//${rest.join('/')}`,
    `/${path}`,
    `${path}/`,
    `/${first}/./${rest.join('/')}`,
  ];
  return [...variants, ...variants.map((v) => `http://127.0.0.1:${port}${v}`)];
}

const OVERRIDES = ['x-http-method-override', 'x-http-method', 'x-method-override'];

describe('write routes with a token', () => {
  let store: Store;
  let app: ZodApp;
  let port: number;
  let writes: { method: string; url: string }[];
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        (['scenarios', 'datasets', 'runs'] as const).map((t) =>
          store.db.selectFrom(t).selectAll().orderBy('id').execute(),
        ),
      ),
    );

  beforeAll(async () => {
    store = await openStore(':memory:');
    let routes: readonly RouteAccess[];
    ({ app, routes } = await buildServer({ store, token: TOKEN, closeStore: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    const auth = { authorization: `Bearer ${TOKEN}` };
    const made = await Promise.all([
      app.inject({
        method: 'POST',
        url: '/api/scenarios',
        headers: auth,
        payload: { id: 'victim', yaml: 'name: victim\nextends: baseline\n' },
      }),
      app.inject({
        method: 'POST',
        url: '/api/datasets',
        headers: auth,
        payload: { id: 'victim', files: miniFiles() },
      }),
    ]);
    for (const r of made) expect(r.statusCode, r.body).toBe(201);
    const now = new Date().toISOString();
    await insertRun(store.db, {
      id: 'victim',
      scenario_id: 'victim',
      scenario_name: 'victim',
      kind: 'run',
      status: 'done',
      options: '{}',
      progress_done: 1,
      progress_total: 1,
      progress_label: 'done',
      error: null,
      created_at: now,
      started_at: now,
      finished_at: now,
    });
    // Every route that writes, as the app declared it; each :param filled with a stored id.
    writes = routes
      .filter((r) => r.write)
      .map((r) => ({ method: r.method, url: r.url.replace(/:\w+/g, 'victim') }));
  });
  afterAll(() => app.close());

  /** A body each write would accept, so a bypass would show as a change in the store. */
  const bodyFor = (method: string, url: string): string => {
    if (method === 'DELETE' || url.endsWith('/cancel')) return '';
    if (url === '/api/datasets') return JSON.stringify({ id: 'intruder', files: miniFiles() });
    if (url === '/api/runs') return JSON.stringify({ scenario: 'victim' });
    const yaml = 'name: intruder\nextends: baseline\n';
    return JSON.stringify(method === 'PUT' ? { yaml } : { id: 'intruder', yaml });
  };

  it('are every route that is not a GET', () => {
    expect(writes.map((w) => `${w.method} ${w.url}`)).toEqual(
      expect.arrayContaining(['POST /api/scenarios', 'DELETE /api/runs/victim', 'POST /api/datasets']),
    );
    expect(writes.length).toBeGreaterThanOrEqual(9);
  });

  it('answer 401 without the token however the path is spelled, and change nothing', async () => {
    const before = await snapshot();
    const seen: string[] = [];
    for (const { method, url } of writes) {
      for (const target of spellings(url, port)) {
        const status = await raw(port, method, target, {}, bodyFor(method, url));
        if (target === url || target === `http://127.0.0.1:${port}${url}`) {
          if (status !== 401) seen.push(`${method} ${target} → ${status}`);
        } else if (status !== 401 && status !== 404) seen.push(`${method} ${target} → ${status}`);
      }
    }
    expect(seen).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('answer 401 to a method override without the token, and change nothing', async () => {
    const before = await snapshot();
    const seen: string[] = [];
    for (const { method, url } of writes) {
      const attempts: [string, string, Record<string, string>][] = [
        ...OVERRIDES.flatMap((h): [string, string, Record<string, string>][] => [
          ['GET', url, { [h]: method }],
          ['POST', url, { [h]: method }],
        ]),
        ['GET', `${url}?_method=${method}`, {}],
        ['POST', `${url}?_method=${method}`, {}],
      ];
      for (const [verb, target, headers] of attempts) {
        const status = await raw(port, verb, target, headers, verb === 'POST' ? bodyFor(method, url) : '');
        if (status !== 401) seen.push(`${verb} ${target} ${JSON.stringify(headers)} → ${status}`);
      }
    }
    expect(seen).toEqual([]);
    expect(await snapshot()).toBe(before);
  });
});

describe('a route', () => {
  it('that does not say whether it writes stops the server at start', () => {
    const app = Fastify();
    guardWrites(app, undefined);
    expect(() => app.post('/api/x', () => 'ok')).toThrow(/POST \/api\/x must say whether it writes/);
    expect(() => app.get('/api/y', () => 'ok')).not.toThrow();
    expect(() => app.post('/api/z', { config: { write: false } }, () => 'ok')).not.toThrow();
  });

  it('with the token still refuses a method override', async () => {
    const store = await openStore(':memory:');
    const { app } = await buildServer({ store, token: TOKEN, closeStore: true });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/scenarios/baseline',
        headers: { authorization: `Bearer ${TOKEN}`, 'x-http-method-override': 'DELETE' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('method overrides are not supported');
      expect((await app.inject({ method: 'GET', url: '/api/scenarios/baseline' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
