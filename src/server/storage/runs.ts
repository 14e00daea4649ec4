/** Runs and Monte Carlo jobs: their state while they run, and the files they leave. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, RunStatus, RunTable } from './schema.js';

export type StoredRun = RunTable;
/** A run as read back, with whether it kept results (a cancelled Monte Carlo keeps its finished draws). */
export type RunRecord = StoredRun & { readonly has_results: boolean };

function selectRuns(db: Kysely<Database>) {
  return db
    .selectFrom('runs')
    .selectAll('runs')
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('run_files').select('run_files.name').whereRef('run_files.run_id', '=', 'runs.id'),
        )
        .as('has_results'),
    );
}

// SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
const record = <T extends { has_results: unknown }>(r: T) => ({ ...r, has_results: Boolean(r.has_results) });

/** The public runs (a private run, of an exposure, is listed only to its owner: see exposureRuns). */
export async function listRuns(db: Kysely<Database>, scenario?: string): Promise<RunRecord[]> {
  let q = selectRuns(db).where('access_owner', 'is', null);
  if (scenario !== undefined) q = q.where('scenario_id', '=', scenario);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(record);
}

export async function getRun(db: Kysely<Database>, id: string): Promise<RunRecord | undefined> {
  const r = await selectRuns(db).where('id', '=', id).executeTakeFirst();
  return r && record(r);
}

export async function insertRun(db: Kysely<Database>, run: Insertable<RunTable>): Promise<void> {
  await db.insertInto('runs').values(run).execute();
}

const UNFINISHED: RunStatus[] = ['queued', 'running'];

/**
 * Changes a run that is still queued or running: a finished run never changes, and one another server
 * failed (its lease had expired) stays failed. Returns whether it changed.
 */
export async function updateRun(
  db: Kysely<Database>,
  id: string,
  set: Partial<Omit<StoredRun, 'id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('runs')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', UNFINISHED)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A job lease lasts this long without a heartbeat (its server renews it every few seconds). */
export const LEASE_MS = 30_000;

/** Whether the run's lease has expired: nobody has said they hold it for `expireMs`. */
export const leaseExpired = (r: Pick<StoredRun, 'heartbeat_at'>, now: Date, expireMs = LEASE_MS): boolean =>
  r.heartbeat_at === null || Date.parse(r.heartbeat_at) < now.getTime() - expireMs;

/** The owner still holds its unfinished runs as of `now`. */
export async function renewLeases(db: Kysely<Database>, owner: string, now: string): Promise<void> {
  await db
    .updateTable('runs')
    .set({ heartbeat_at: now })
    .where('owner', '=', owner)
    .where('status', 'in', UNFINISHED)
    .execute();
}

/** Asks the server holding the run to cancel it (it looks on its next heartbeat). */
export async function requestCancel(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db
    .updateTable('runs')
    .set({ cancel_requested_at: now })
    .where('id', '=', id)
    .where('status', 'in', UNFINISHED)
    .execute();
}

/** The owner's unfinished runs someone asked to cancel. */
export async function cancelRequests(db: Kysely<Database>, owner: string): Promise<string[]> {
  const rows = await db
    .selectFrom('runs')
    .select('id')
    .where('owner', '=', owner)
    .where('status', 'in', UNFINISHED)
    .where('cancel_requested_at', 'is not', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function deleteRun(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('run_files').where('run_id', '=', id).execute();
    await tx.deleteFrom('runs').where('id', '=', id).execute();
  });
}

/**
 * Runs whose server stopped (crashed, killed, or a previous run of this one) without finishing them:
 * queued or running, and nobody has renewed their lease for `expireMs`. They will never finish, so
 * say so. Live servers' runs, on this database too, are left alone.
 */
export async function failInterrupted(
  db: Kysely<Database>,
  now: string,
  expireMs = LEASE_MS,
): Promise<number> {
  const expiredBefore = new Date(Date.parse(now) - expireMs).toISOString();
  const result = await db
    .updateTable('runs')
    .set({
      status: 'failed',
      error: 'interrupted: the server stopped before this run finished',
      finished_at: now,
    })
    .where('status', 'in', UNFINISHED)
    .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', expiredBefore)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function saveRunFiles(
  db: Kysely<Database>,
  runId: string,
  files: readonly { name: string; content: Buffer }[],
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('run_files').where('run_id', '=', runId).execute();
    for (const f of files)
      await tx
        .insertInto('run_files')
        .values({ run_id: runId, ...f })
        .execute();
  });
}

export const runFileNames = async (db: Kysely<Database>, runId: string): Promise<string[]> =>
  (await db.selectFrom('run_files').select('name').where('run_id', '=', runId).orderBy('name').execute()).map(
    (r) => r.name,
  );

export async function readRunFiles(db: Kysely<Database>, runId: string): Promise<Map<string, Buffer>> {
  const rows = await db
    .selectFrom('run_files')
    .select(['name', 'content'])
    .where('run_id', '=', runId)
    .execute();
  return new Map(rows.map((r) => [r.name, Buffer.from(r.content)]));
}
