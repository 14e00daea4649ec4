import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgres } from '../../../test/fixtures/postgres.js';
import { openStore } from './connect.js';

describe('a PostgreSQL store', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('outlives the server ending its idle connections, and answers the next query', async () => {
    const { url, drop } = await freshPostgres();
    cleanups.push(drop);
    const store = await openStore(url);
    cleanups.push(() => store.close());
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from runs`.execute(store.db)).rows[0]!.n);
    expect(await count()).toBe(0);

    // What a server restart or an administrator's command does to the pool's idle connections.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const ended = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await admin.end();
    expect(ended.rowCount).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200)); // the pool hears of it

    expect(await count()).toBe(0);
  });
});
