/** Writes a run's tables as CSV files and its manifest as run.json into a folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Analysis } from '../analysis/analyse.js';
import type { Dataset } from '../dataset/types.js';
import { analysisTables, runManifest, runTables, type Table } from './tables.js';
import type { RunResult } from './types.js';

export function tableCsv(t: Table): string {
  return stringify([t.columns as string[], ...t.rows]);
}

/** Returns the files written. */
export function writeRun(run: RunResult, dataset: Dataset, dir: string, analysis?: Analysis): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const t of [...runTables(run, dataset), ...(analysis ? analysisTables(analysis, dataset) : [])]) {
    const file = join(dir, `${t.name}.csv`);
    writeFileSync(file, tableCsv(t));
    files.push(file);
  }
  const manifest = join(dir, 'run.json');
  writeFileSync(manifest, `${JSON.stringify(runManifest(run), null, 2)}\n`);
  files.push(manifest);
  return files;
}
