/**
 * First start: registers the embedded default dataset and imports the scenario library
 * (scenarios/*.yaml, each under its file name) so a new workbench has something to run.
 * Every start: the default dataset is stored again if the package's copy changed, and runs a
 * previous server left unfinished are marked failed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { readDatasetFolder, sameFiles, sortByName } from '../dataset/dataset-files.js';
import { defaultDatasetDir, packageRoot } from '../scenario/package-root.js';
import type { Context } from './services/context.js';
import { storeDataset } from './services/datasets.js';
import { getDataset, getDatasetFiles, listDatasetFiles, listDatasets } from './storage/datasets.js';
import { failInterrupted } from './storage/runs.js';
import { insertScenario, listScenarios } from './storage/scenarios.js';
import { describeYaml } from './stored-inputs.js';

export async function seedLibrary(ctx: Context): Promise<void> {
  const now = new Date().toISOString();
  // The default dataset follows the installed package: stored again when its files changed.
  await syncFolder(ctx, 'default', defaultDatasetDir());
  // Stores made before datasets kept their files: copy them from their folders while those exist.
  for (const d of await listDatasets(ctx.db))
    if (existsSync(d.dir) && (await listDatasetFiles(ctx.db, d.id)).length === 0)
      await syncFolder(ctx, d.id, d.dir);
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
 * Registers a dataset folder under its folder name: its files are validated (a bad dataset is an
 * InputError naming its files and lines) and stored; scenarios then name it in `dataset:`.
 */
export async function registerDataset(ctx: Context, folder: string): Promise<string> {
  const dir = resolve(folder);
  const id = basename(dir).replace(/[^A-Za-z0-9_-]/g, '-');
  await syncFolder(ctx, id, dir);
  return id;
}

/** Stores the folder's files under `id` unless the store holds the same files from the same folder. */
async function syncFolder(ctx: Context, id: string, dir: string): Promise<void> {
  const { files } = readDatasetFolder(dir);
  const existing = await getDataset(ctx.db, id);
  const stored = await getDatasetFiles(ctx.db, id);
  if (existing?.dir === dir && sameFiles(files, sortByName(stored))) return;
  await storeDataset(ctx, id, dir, files);
}
