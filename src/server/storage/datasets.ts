/** Datasets: a name, where they came from, and a copy of their files. */
import { type Kysely, sql } from 'kysely';
import type { Database, DatasetTable } from './schema.js';

export type StoredDataset = DatasetTable;

export interface DatasetFile {
  readonly name: string;
  readonly content: Buffer;
}

export const listDatasets = (db: Kysely<Database>): Promise<StoredDataset[]> =>
  db.selectFrom('datasets').selectAll().orderBy('id').execute();

export const getDataset = (db: Kysely<Database>, id: string): Promise<StoredDataset | undefined> =>
  db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();

/** Adds the dataset with its files, or replaces an existing id's record and files. */
export async function putDataset(
  db: Kysely<Database>,
  d: StoredDataset,
  files: readonly DatasetFile[],
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('datasets')
      .values(d)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ name: d.name, description: d.description, dir: d.dir }),
      )
      .execute();
    await tx.deleteFrom('dataset_files').where('dataset_id', '=', d.id).execute();
    if (files.length > 0)
      await tx
        .insertInto('dataset_files')
        .values(files.map((f) => ({ dataset_id: d.id, name: f.name, content: f.content })))
        .execute();
  });
}

export const getDatasetFiles = (db: Kysely<Database>, id: string): Promise<DatasetFile[]> =>
  db
    .selectFrom('dataset_files')
    .select(['name', 'content'])
    .where('dataset_id', '=', id)
    .orderBy('name')
    .execute();

/** Names and sizes of a dataset's files, without their contents. */
export const listDatasetFiles = (
  db: Kysely<Database>,
  id: string,
): Promise<{ name: string; bytes: number }[]> =>
  db
    .selectFrom('dataset_files')
    .select(['name', sql<number>`length(content)`.as('bytes')])
    .where('dataset_id', '=', id)
    .orderBy('name')
    .execute()
    .then((rows) => rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) })));

export const getDatasetFile = (
  db: Kysely<Database>,
  id: string,
  name: string,
): Promise<DatasetFile | undefined> =>
  db
    .selectFrom('dataset_files')
    .select(['name', 'content'])
    .where('dataset_id', '=', id)
    .where('name', '=', name)
    .executeTakeFirst();

export async function deleteDataset(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('dataset_files').where('dataset_id', '=', id).execute();
    await tx.deleteFrom('datasets').where('id', '=', id).execute();
  });
}
