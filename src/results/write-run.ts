/** A run's tables as CSV files, its key outputs, and its manifest as run.json: in memory, or written to a folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analysis } from '../analysis/analyse.js';
import { keyOutputs } from '../analysis/key-outputs.js';
import type { Dataset } from '../dataset/types.js';
import { tableFile } from '../run-folder/write.js';
import { analysisTables, runManifest, runTables } from './tables.js';
import type { RunResult } from './types.js';

/** One file of a run folder. */
export interface OutputFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** The files of a run folder, the same whoever writes them (the CLI, the workbench). */
export function runFiles(run: RunResult, dataset: Dataset, analysis?: Analysis): OutputFile[] {
  const tables = [...runTables(run, dataset), ...(analysis ? analysisTables(analysis, dataset) : [])];
  const oxides = new Set(dataset.materials.filter((m) => m.form === 'oxide').map((m) => m.id));
  return [
    ...tables.map(tableFile),
    tableFile({ name: 'key_outputs', rows: keyOutputs(run, oxides) }),
    { name: 'run.json', content: `${JSON.stringify(runManifest(run), null, 2)}\n` },
  ];
}

/** Writes the files into `dir` (created if need be); returns their paths. */
export function writeFiles(dir: string, files: readonly OutputFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.content);
    return path;
  });
}

/** Returns the files written. */
export function writeRun(run: RunResult, dataset: Dataset, dir: string, analysis?: Analysis): string[] {
  return writeFiles(dir, runFiles(run, dataset, analysis));
}
