/**
 * Finished Monte Carlo draws, kept in the store while their job runs (the migration and the queries
 * are one file, apart from the other tables, so that this table stays an addition). A server killed
 * mid-job loses no finished draw: the same job submitted again, to any server on the store, reuses
 * them, whether its batches ran on the server's threads or on `lodestone worker`s (and whatever
 * happened to Redis meanwhile). Once a job completes, its draws are dropped.
 */
import type { Kysely } from 'kysely';
import type { DrawResult } from '../../uncertainty/draw.js';
import type { Dialect } from './connect.js';
import type { Database } from './schema.js';

export interface McDrawTable {
  /** What the draws depend on besides their index (keptDrawsKey). */
  job_key: string;
  draw: number;
  /** The DrawResult, as JSON. */
  result: string;
}

/** Migration "mc_draws": creates the table on a store made before it; safe on every start. */
export async function migrateMcDraws(db: Kysely<Database>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('mc_draws')
    .ifNotExists()
    .addColumn('job_key', 'text', (c) => c.notNull())
    .addColumn('draw', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mc_draws_pk', ['job_key', 'draw'])
    .execute();
}

/** Keeps a batch's draws; a draw kept already (a batch run twice) stays as it was (they are equal). */
export async function keepDraws(db: Kysely<Database>, key: string, draws: readonly DrawResult[]) {
  if (draws.length === 0) return;
  await db
    .insertInto('mc_draws')
    .values(draws.map((d) => ({ job_key: key, draw: d.draw, result: JSON.stringify(d) })))
    .onConflict((oc) => oc.columns(['job_key', 'draw']).doNothing())
    .execute();
}

/** The draws kept under `key` with an index below `below`, in draw order. */
export async function keptDraws(db: Kysely<Database>, key: string, below: number): Promise<DrawResult[]> {
  const rows = await db
    .selectFrom('mc_draws')
    .select('result')
    .where('job_key', '=', key)
    .where('draw', '<', below)
    .orderBy('draw')
    .execute();
  return rows.map((r) => JSON.parse(r.result) as DrawResult);
}

export async function dropDraws(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('mc_draws').where('job_key', '=', key).execute();
}
