import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgres } from '../../../test/fixtures/postgres.js';
import { BACKENDS } from '../../../test/fixtures/workbench.js';
import { openStore } from './connect.js';
import { failInterrupted, getRun, insertRun } from './runs.js';

const LEASE_COLUMNS = ['owner', 'heartbeat_at', 'cancel_requested_at'];

describe.each(BACKENDS)('a store made before job leases (%s)', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('gets their columns on its next start, its runs kept (and failed as interrupted)', async () => {
    let target: string;
    if (backend === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'lodestone-migrate-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      target = join(dir, 'old.db');
    } else {
      const pg = await freshPostgres();
      cleanups.push(pg.drop);
      target = pg.url;
    }
    // The store as the previous version left it: runs without the lease columns, one left running.
    const old = await openStore(target);
    for (const c of LEASE_COLUMNS) await sql`alter table runs drop column ${sql.ref(c)}`.execute(old.db);
    const now = new Date().toISOString();
    await sql`insert into runs (id, scenario_id, scenario_name, kind, status, options, progress_done,
      progress_total, progress_label, created_at) values ('old', 'baseline', 'baseline', 'run', 'running',
      '{}', 1, 3, '2025', ${now})`.execute(old.db);
    await old.close();

    const store = await openStore(target);
    try {
      const columns = (await store.db.introspection.getTables()).find((t) => t.name === 'runs')!.columns;
      expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(LEASE_COLUMNS));
      expect(await getRun(store.db, 'old')).toMatchObject({
        status: 'running',
        owner: null,
        heartbeat_at: null,
      });
      // Nobody holds its lease: the next start fails it, as before leases.
      expect(await failInterrupted(store.db, new Date().toISOString())).toBe(1);
      expect((await getRun(store.db, 'old'))?.status).toBe('failed');
      await insertRun(store.db, {
        id: 'new',
        scenario_id: 'baseline',
        scenario_name: 'baseline',
        kind: 'run',
        status: 'running',
        options: '{}',
        progress_done: 0,
        progress_total: 1,
        progress_label: 'starting',
        created_at: now,
        owner: 'live-server',
        heartbeat_at: new Date().toISOString(),
      });
      expect(await failInterrupted(store.db, new Date().toISOString())).toBe(0);
    } finally {
      await store.close();
    }
  });
});
