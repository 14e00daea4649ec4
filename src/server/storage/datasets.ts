/** Registered datasets: a name and the folder the loader reads. */
import type { Kysely } from 'kysely';
import type { Database, DatasetTable } from './schema.js';

export type StoredDataset = DatasetTable;

export const listDatasets = (db: Kysely<Database>): Promise<StoredDataset[]> =>
  db.selectFrom('datasets').selectAll().orderBy('id').execute();

export const getDataset = (db: Kysely<Database>, id: string): Promise<StoredDataset | undefined> =>
  db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();

/** Adds the dataset, or points an existing id at a (possibly moved) folder. */
export async function upsertDataset(db: Kysely<Database>, d: StoredDataset): Promise<void> {
  await db
    .insertInto('datasets')
    .values(d)
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: d.name, description: d.description, dir: d.dir }))
    .execute();
}
