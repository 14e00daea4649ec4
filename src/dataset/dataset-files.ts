/**
 * A dataset's files in memory: what the loader reads, wherever they came from (a folder on disk, the
 * workbench's store, an upload). Reading a folder is the only I/O here, and it reads only regular
 * files with a dataset file's name, each and all together under a size limit.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { InputError } from './problems.js';

export interface DatasetFile {
  readonly name: string;
  readonly content: Uint8Array;
}

export interface DatasetFiles {
  /** Where the files came from, as the user named it (a folder, `datasets/<id>`): for messages and run.json. */
  readonly location: string;
  /** The dataset's name when its dataset.yaml gives none (the folder's name, the stored id). */
  readonly name: string;
  /** Sorted by name. */
  readonly files: readonly DatasetFile[];
}

/** The files a dataset may hold: its tables, dataset.yaml, and notes. */
export const DATASET_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(csv|ya?ml|json|md|txt)$/;
/** The most a dataset's files may take together. */
export const MAX_DATASET_BYTES = 32 * 1024 * 1024;

const inputError = (file: string, message: string) => new InputError([{ severity: 'error', file, message }]);

/**
 * The dataset files at the top of a folder (sub-folders, links and other files are not read). A
 * problem names the folder `named` when a scenario named it.
 */
export function readDatasetFolder(dirArg: string, named?: string): DatasetFiles {
  const dir = resolve(dirArg);
  let names: string[];
  try {
    if (!statSync(dir).isDirectory())
      throw inputError(dirArg, `${named ? `"${named}" is ` : ''}not a folder; expected a dataset folder`);
    names = readdirSync(dir);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw inputError(dirArg, `dataset folder ${named ? `"${named}" ` : ''}not found`);
  }
  const regular = names.filter((n) => DATASET_FILE_NAME.test(n) && isRegularFile(`${dir}/${n}`)).sort();
  let bytes = 0;
  for (const n of regular) bytes += statSync(`${dir}/${n}`).size;
  if (bytes > MAX_DATASET_BYTES)
    throw inputError(
      dirArg,
      `the dataset's files take ${bytes} bytes; at most ${MAX_DATASET_BYTES} are read`,
    );
  return {
    location: dir,
    name: basename(dir),
    files: regular.map((name) => ({ name, content: readFileSync(`${dir}/${name}`) })),
  };
}

/** A regular file, not a link (a link could point anywhere, such as a device). */
function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Files in the order a dataset keeps them (by name, as code units compare: the same on any machine). */
export const sortByName = <T extends { readonly name: string }>(files: readonly T[]): T[] =>
  [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** sha256 of the files' names and contents: the dataset's identity in run records. */
export function datasetHash(files: readonly DatasetFile[]): string {
  const h = createHash('sha256');
  for (const f of sortByName(files)) h.update(f.name).update('\0').update(f.content).update('\0');
  return h.digest('hex');
}

export const sameFiles = (a: readonly DatasetFile[], b: readonly DatasetFile[]): boolean =>
  a.length === b.length &&
  a.every((f, i) => f.name === b[i]!.name && Buffer.from(f.content).equals(Buffer.from(b[i]!.content)));
