/** Runs and Monte Carlo jobs: their state while they run, and the files they leave. */
import type { Kysely } from 'kysely';
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

export async function listRuns(db: Kysely<Database>, scenario?: string): Promise<RunRecord[]> {
  let q = selectRuns(db);
  if (scenario !== undefined) q = q.where('scenario_id', '=', scenario);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(record);
}

export async function getRun(db: Kysely<Database>, id: string): Promise<RunRecord | undefined> {
  const r = await selectRuns(db).where('id', '=', id).executeTakeFirst();
  return r && record(r);
}

export async function insertRun(db: Kysely<Database>, run: StoredRun): Promise<void> {
  await db.insertInto('runs').values(run).execute();
}

export async function updateRun(
  db: Kysely<Database>,
  id: string,
  set: Partial<Omit<StoredRun, 'id'>>,
): Promise<void> {
  await db.updateTable('runs').set(set).where('id', '=', id).execute();
}

export async function deleteRun(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('run_files').where('run_id', '=', id).execute();
    await tx.deleteFrom('runs').where('id', '=', id).execute();
  });
}

/** Runs a previous server left queued or running: they will never finish, so say so. */
export async function failInterrupted(db: Kysely<Database>, now: string): Promise<number> {
  const unfinished: RunStatus[] = ['queued', 'running'];
  const result = await db
    .updateTable('runs')
    .set({
      status: 'failed',
      error: 'interrupted: the server stopped before this run finished',
      finished_at: now,
    })
    .where('status', 'in', unfinished)
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
