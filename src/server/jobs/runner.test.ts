import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres } from '../../../test/fixtures/postgres.js';
import { SHORT_YAML, waitForRun } from '../../../test/fixtures/workbench.js';
import { buildServer } from '../app.js';
import type { ZodApp } from '../routes/types.js';
import { openStore, type Store } from '../storage/connect.js';
import { getRun, insertRun } from '../storage/runs.js';

/** Short leases, so a test sees one expire: renewed every 200 ms, expired after 2 s. */
const lease = { heartbeatMs: 200, expireMs: 2_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two servers on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  let url: string;
  const servers: { app: ZodApp; store: Store }[] = [];
  const start = async () => {
    const store = await openStore(url);
    const { app } = await buildServer({ store, lease });
    servers.push({ app, store });
    return { app, store };
  };
  beforeAll(async () => {
    ({ url, drop } = await freshPostgres());
  });
  afterAll(async () => {
    for (const s of servers.reverse()) {
      await s.app.close();
      await s.store.close();
    }
    await drop();
  });

  it('leave each other’s live jobs alone, cancel them through the store, and fail those of a server gone', async () => {
    const one = await start();
    const post = (app: ZodApp, url: string, payload: object = {}) =>
      app.inject({ method: 'POST', url, payload });
    expect((await post(one.app, '/api/scenarios', { id: 'short', yaml: SHORT_YAML })).statusCode).toBe(201);
    const long = await post(one.app, '/api/runs', {
      scenario: 'short',
      kind: 'mc',
      draws: 500,
      workers: 1,
      blocs: [],
    });
    expect(long.statusCode, long.body).toBe(202);
    const id = long.json().id as string;
    await expect
      .poll(async () => (await getRun(one.store.db, id))?.status, { timeout: 60_000 })
      .toBe('running');

    // A second server starts, and keeps running long past a lease: the first one's job stays its own.
    const two = await start();
    await sleep(lease.expireMs * 2);
    expect(await getRun(two.store.db, id)).toMatchObject({ status: 'running', error: null });

    // Cancelled through the second server: the first picks the request up on its next heartbeat.
    const cancel = await post(two.app, `/api/runs/${id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(202);
    const run = await waitForRun(two.app, id, 60_000);
    expect(run).toMatchObject({ status: 'cancelled' });

    // A job whose server stopped renewing its lease is failed by the server still alive.
    const now = new Date().toISOString();
    await insertRun(two.store.db, {
      id: 'orphan',
      scenario_id: 'short',
      scenario_name: 'short',
      kind: 'run',
      status: 'running',
      options: '{}',
      progress_done: 1,
      progress_total: 3,
      progress_label: '2025',
      error: null,
      created_at: now,
      started_at: now,
      finished_at: null,
      owner: 'a-server-that-died',
      heartbeat_at: now,
    });
    await sleep(lease.heartbeatMs * 2);
    expect((await getRun(two.store.db, 'orphan'))?.status).toBe('running');
    await expect
      .poll(async () => getRun(two.store.db, 'orphan'), { timeout: lease.expireMs * 3 })
      .toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
  }, 120_000);
});
