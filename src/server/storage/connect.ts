/**
 * Opens the workbench's database: embedded SQLite (a file, created on first start) by default, or
 * PostgreSQL when given a postgres:// URL. The same Kysely queries run on both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where it lives, for messages (a file path, or the URL without its password). */
  readonly location: string;
  close(): Promise<void>;
}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** `target` is a SQLite file path (":memory:" for tests) or a postgres:// URL. */
export async function openStore(target: string): Promise<Store> {
  let db: Kysely<Database>;
  let dialect: Dialect;
  let location = target;
  if (isPostgres(target)) {
    dialect = 'postgres';
    const pool = new pg.Pool({ connectionString: target, max: 5 });
    // An idle connection the server ends (a restart, an administrator's command) is an 'error' event
    // on the pool, which would stop the process if nothing listened: the pool drops that connection
    // and opens a new one for the next query, so there is nothing more to do.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    location = target.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  } else {
    dialect = 'sqlite';
    if (target !== ':memory:') mkdirSync(dirname(target), { recursive: true });
    const sqlite = new SQLite(target);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  try {
    await migrate(db, dialect);
  } catch (e) {
    await db.destroy();
    throw new Error(`cannot open the database at ${location}: ${(e as Error).message}`);
  }
  return { db, dialect, location, close: () => db.destroy() };
}
