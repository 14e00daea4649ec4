/**
 * Stored exposure files, each kept with its owner (a hash of the token that stored it): every query
 * here names the owner, so another token's file is never read, changed or deleted, only "not found".
 */
import type { Kysely } from 'kysely';
import { getRun, type RunRecord } from './runs.js';
import type { Database, ExposureTable } from './schema.js';

export type StoredExposure = ExposureTable;
export type ExposureSummary = Omit<ExposureTable, 'yaml' | 'owner'>;

export const listExposures = (db: Kysely<Database>, owner: string): Promise<ExposureSummary[]> =>
  db
    .selectFrom('exposures')
    .select(['id', 'company', 'created_at', 'updated_at'])
    .where('owner', '=', owner)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();

export const getExposure = (
  db: Kysely<Database>,
  owner: string,
  id: string,
): Promise<StoredExposure | undefined> =>
  db.selectFrom('exposures').selectAll().where('id', '=', id).where('owner', '=', owner).executeTakeFirst();

export async function insertExposure(db: Kysely<Database>, e: StoredExposure): Promise<void> {
  await db.insertInto('exposures').values(e).execute();
}

export async function updateExposure(
  db: Kysely<Database>,
  owner: string,
  id: string,
  set: Pick<StoredExposure, 'company' | 'yaml' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('exposures').set(set).where('id', '=', id).where('owner', '=', owner).execute();
}

/** Deletes the file and its runs with their results, in one transaction. */
export async function deleteExposure(db: Kysely<Database>, owner: string, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const runs = tx
      .selectFrom('runs')
      .select('id')
      .where('exposure_id', '=', id)
      .where('access_owner', '=', owner);
    await tx.deleteFrom('run_files').where('run_id', 'in', runs).execute();
    await tx.deleteFrom('runs').where('exposure_id', '=', id).where('access_owner', '=', owner).execute();
    await tx.deleteFrom('exposures').where('id', '=', id).where('owner', '=', owner).execute();
  });
}

/** The runs of an exposure, newest first. */
export async function exposureRuns(db: Kysely<Database>, owner: string, id: string): Promise<RunRecord[]> {
  const rows = await db
    .selectFrom('runs')
    .select('id')
    .where('exposure_id', '=', id)
    .where('access_owner', '=', owner)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const runs = await Promise.all(rows.map((r) => getRun(db, r.id)));
  return runs.filter((r): r is RunRecord => r !== undefined);
}

/** Who may see a run: null for a public run, else its owner's hash; undefined when there is no such run. */
export async function runAccess(db: Kysely<Database>, id: string): Promise<string | null | undefined> {
  const r = await db.selectFrom('runs').select('access_owner').where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : (r.access_owner ?? null);
}
