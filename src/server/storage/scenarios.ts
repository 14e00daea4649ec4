/** Stored scenarios: the YAML text as written, with its name and parent pulled out for listing. */
import type { Kysely } from 'kysely';
import type { Database, ScenarioTable } from './schema.js';

export type StoredScenario = ScenarioTable;
export type ScenarioSummary = Omit<ScenarioTable, 'yaml'>;

export const listScenarios = (db: Kysely<Database>): Promise<ScenarioSummary[]> =>
  db
    .selectFrom('scenarios')
    .select(['id', 'name', 'description', 'extends', 'created_at', 'updated_at'])
    .orderBy('id')
    .execute();

/** Every scenario's id and text. */
export const scenarioTexts = (db: Kysely<Database>): Promise<{ id: string; yaml: string }[]> =>
  db.selectFrom('scenarios').select(['id', 'yaml']).orderBy('id').execute();

export const getScenario = (db: Kysely<Database>, id: string): Promise<StoredScenario | undefined> =>
  db.selectFrom('scenarios').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertScenario(db: Kysely<Database>, s: StoredScenario): Promise<void> {
  await db.insertInto('scenarios').values(s).execute();
}

export async function updateScenario(
  db: Kysely<Database>,
  id: string,
  s: Pick<StoredScenario, 'name' | 'description' | 'extends' | 'yaml' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('scenarios').set(s).where('id', '=', id).execute();
}

export async function deleteScenario(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('scenarios').where('id', '=', id).execute();
}

/** Scenarios that extend this one (they would break if it went). */
export async function childrenOf(db: Kysely<Database>, id: string): Promise<string[]> {
  const rows = await db.selectFrom('scenarios').select('id').where('extends', '=', id).execute();
  return rows.map((r) => r.id);
}
