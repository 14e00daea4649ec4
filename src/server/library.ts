/**
 * First start: registers the embedded default dataset and imports the scenario library
 * (scenarios/*.yaml, each under its file name) so a new workbench has something to run.
 * Every start: runs a previous server left unfinished are marked failed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadDataset } from '../dataset/load-dataset.js';
import { defaultDatasetDir, packageRoot } from '../scenario/package-root.js';
import { describeYaml } from './scenario-files.js';
import type { Context } from './services/context.js';
import { getDataset, upsertDataset } from './storage/datasets.js';
import { failInterrupted } from './storage/runs.js';
import { insertScenario, listScenarios } from './storage/scenarios.js';

export async function seedLibrary(ctx: Context): Promise<void> {
  const now = new Date().toISOString();
  const dir = defaultDatasetDir();
  const existing = await getDataset(ctx.db, 'default');
  if (existing?.dir !== dir) {
    const { meta } = loadDataset(dir).dataset;
    await upsertDataset(ctx.db, {
      id: 'default',
      name: meta.name,
      description: meta.description ?? '',
      dir,
      created_at: now,
    });
  }
  if ((await listScenarios(ctx.db)).length === 0) {
    const folder = join(packageRoot(), 'scenarios');
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const yaml = readFileSync(join(folder, file), 'utf8');
      await insertScenario(ctx.db, {
        id: file.slice(0, -'.yaml'.length),
        yaml,
        ...describeYaml(yaml),
        created_at: now,
        updated_at: now,
      });
    }
  }
  await failInterrupted(ctx.db, now);
}

/**
 * Registers a dataset folder under its folder name (validated first: a bad dataset is an InputError
 * naming its files and lines); scenarios then name it in `dataset:`.
 */
export async function registerDataset(ctx: Context, folder: string): Promise<string> {
  const dir = resolve(folder);
  const id = basename(dir).replace(/[^A-Za-z0-9_-]/g, '-');
  const { meta } = loadDataset(dir).dataset;
  await upsertDataset(ctx.db, {
    id,
    name: meta.name,
    description: meta.description ?? '',
    dir,
    created_at: new Date().toISOString(),
  });
  ctx.datasets.delete(id);
  return id;
}
