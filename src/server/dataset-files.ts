/**
 * A dataset's files between folders and the store: the store keeps a copy of every file a dataset
 * was registered or uploaded with, and runs read that copy written out to a temporary folder, so a
 * dataset's numbers cannot change under the runs made from it.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { InputError, type Problem } from '../dataset/problems.js';
import type { DatasetFile } from './storage/datasets.js';

/** The files a dataset folder may hold: its tables, dataset.yaml, and notes. */
export const DATASET_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(csv|ya?ml|json|md|txt)$/;
/** The most a dataset's files may take together. */
export const MAX_DATASET_BYTES = 32 * 1024 * 1024;

/** The dataset files at the top of a folder (others, such as sub-folders, are not part of a dataset). */
export function readDatasetFolder(dir: string): DatasetFile[] {
  const files = readdirSync(dir)
    .filter((name) => DATASET_FILE_NAME.test(name) && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => ({ name, content: readFileSync(join(dir, name)) }));
  const bytes = files.reduce((s, f) => s + f.content.length, 0);
  if (bytes > MAX_DATASET_BYTES)
    throw new InputError([
      {
        severity: 'error',
        file: dir,
        message: `the dataset's files take ${bytes} bytes; at most ${MAX_DATASET_BYTES} are stored`,
      },
    ]);
  return files;
}

/** A folder for a server's dataset copies; the server removes it when it closes. */
export const makeCopiesRoot = (): string => mkdtempSync(join(tmpdir(), 'lodestone-datasets-'));

/** Writes the files into a new folder under `root` and returns it. */
export function writeDatasetCopy(root: string, id: string, files: readonly DatasetFile[]): string {
  const dir = mkdtempSync(join(root, `${id}-`));
  for (const f of files) writeFileSync(join(dir, f.name), f.content);
  return dir;
}

export const sameFiles = (a: readonly DatasetFile[], b: readonly DatasetFile[]): boolean =>
  a.length === b.length && a.every((f, i) => f.name === b[i]!.name && f.content.equals(b[i]!.content));

/** Problems found in a copy name `datasets/<id>/<file>` (the loader names files relative to the folder). */
export function mapDatasetProblems(problems: readonly Problem[], dir: string, id: string): Problem[] {
  const where = `datasets/${id}`;
  return problems.map((p) => {
    if (p.file === dir || p.file.startsWith(`${dir}/`))
      return { ...p, file: where + p.file.slice(dir.length) };
    return isAbsolute(p.file) ? p : { ...p, file: `${where}/${p.file}` };
  });
}
