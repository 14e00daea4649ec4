/** Creates the tables on first start and adds the columns later versions use; safe on every start. */
import type { Kysely } from 'kysely';
import type { Dialect } from './connect.js';
import { migrateMcDraws } from './mc-draws.js';
import type { Database } from './schema.js';

export async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('datasets')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('dir', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('dataset_files')
    .ifNotExists()
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_files_pk', ['dataset_id', 'name'])
    .execute();
  await db.schema
    .createTable('scenarios')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('extends', 'text')
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('runs')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('scenario_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'integer', (c) => c.notNull())
    .addColumn('progress_total', 'integer', (c) => c.notNull())
    .addColumn('progress_label', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await addMissingColumns(db, 'runs', ['owner', 'heartbeat_at', 'cancel_requested_at']);
  await db.schema
    .createTable('run_files')
    .ifNotExists()
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('run_files_pk', ['run_id', 'name'])
    .execute();
  await migrateExposures(db);
  await migrateMcDraws(db, dialect);
}

/** Company exposure files (private to their owner's token) and the columns that make runs private. */
async function migrateExposures(db: Kysely<Database>): Promise<void> {
  await addMissingColumns(db, 'runs', ['access_owner', 'exposure_id']);
  await db.schema
    .createTable('exposures')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

/** Text columns added since a table was first made: stores made before get them on their next start. */
async function addMissingColumns(db: Kysely<Database>, table: string, columns: readonly string[]) {
  const have = (await db.introspection.getTables()).find((t) => t.name === table)?.columns ?? [];
  for (const column of columns)
    if (!have.some((c) => c.name === column))
      await db.schema.alterTable(table).addColumn(column, 'text').execute();
}
