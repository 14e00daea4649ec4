/**
 * Scenarios and datasets on disk, read into memory for a run: `extends` names a file beside the
 * scenario naming it, `dataset` a folder (or "default", the embedded one). Whatever the YAML that
 * produced a path (an alias included), it is checked here before anything is read: a regular file
 * under the size limit, or a folder.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { type DatasetFiles, readDatasetFolder } from '../dataset/dataset-files.js';
import { decodeUtf8 } from '../dataset/decode.js';
import { InputError, ProblemList } from '../dataset/problems.js';
import type { RunInputs, ScenarioSource, ScenarioText } from './inputs.js';
import {
  datasetRef,
  type LoadedScenario,
  loadScenarioText,
  MAX_SCENARIO_BYTES,
  readChain,
} from './load-scenario.js';
import { defaultDatasetDir } from './package-root.js';

/**
 * Reads a scenario file, to be shown as `shown`; the message says why it cannot be (missing, a
 * folder, a device, too big), naming it `named` when another file named it (in `extends`).
 */
export function readScenarioFile(
  path: string,
  shown = path,
  named?: string,
): ScenarioText | { error: string } {
  const it = named === undefined ? 'it' : `"${named}"`;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      return {
        error: `${it} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}; expected a scenario YAML file`,
      };
    size = stat.size;
  } catch {
    const what = named === undefined ? 'scenario file' : `scenario "${named}"`;
    return { error: `${what} not found (looked in ${resolve(path)})` };
  }
  if (size > MAX_SCENARIO_BYTES)
    return { error: `${it} takes ${size} bytes; a scenario file may take at most ${MAX_SCENARIO_BYTES}` };
  // Read at most the limit and one byte more, whatever the file grew to since.
  const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
  const fd = openSync(path, 'r');
  let length = 0;
  try {
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
  } finally {
    closeSync(fd);
  }
  if (length > MAX_SCENARIO_BYTES)
    return {
      error: `"${named}" takes more than ${MAX_SCENARIO_BYTES} bytes; a scenario file may take at most that`,
    };
  const problems = new ProblemList();
  const text = decodeUtf8(shown, buffer.subarray(0, length), problems);
  if (text === undefined) {
    const p = problems.items[0]!;
    return { error: `${it} is not valid UTF-8 (line ${p.line}); save it as UTF-8` };
  }
  return { file: shown, text };
}

/** `extends` names a file relative to the scenario naming it (an in-memory scenario: relative to `base`). */
export function diskSource(base = process.cwd()): ScenarioSource {
  return {
    parent: (ref, from) => {
      const shown = isAbsolute(ref) ? ref : join(dirname(from.file), ref);
      return readScenarioFile(resolve(base, dirname(from.file), ref), shown, ref);
    },
  };
}

/** The head scenario file, or an InputError naming it. */
function head(file: string): ScenarioText {
  const read = readScenarioFile(file);
  if ('error' in read) throw new InputError([{ severity: 'error', file, message: read.error }]);
  return read;
}

/** The folder a scenario's `dataset` names: "default", or a path relative to the scenario naming it. */
export function datasetFolder(ref: LoadedScenario['datasetRef'], base = process.cwd()): string {
  if (!ref || ref.value === 'default') return defaultDatasetDir();
  return resolve(base, dirname(ref.from.file), ref.value);
}

/** Reads the dataset folder a scenario names; an InputError points at its `dataset` line. */
function readScenarioDataset(ref: LoadedScenario['datasetRef']): DatasetFiles {
  try {
    return readDatasetFolder(datasetFolder(ref), ref?.value);
  } catch (e) {
    if (!(e instanceof InputError) || !ref) throw e;
    const { from, line } = ref;
    const why = e.problems[0]?.message ?? 'not readable';
    const message = `${why} (looked in ${datasetFolder(ref)})`;
    throw new InputError([{ severity: 'error', file: from.file, line, field: 'dataset', message }]);
  }
}

/** A scenario file (and what it extends) with its dataset folder (or `dataDir` instead), read into memory. */
export function readRunInputs(file: string, dataDir?: string): RunInputs {
  const chain = readChain(head(file), diskSource());
  const dataset = dataDir ? readDatasetFolder(dataDir) : readScenarioDataset(datasetRef(chain));
  return { chain: chain.map((c) => c.source), dataset };
}

/** A scenario file merged with what it extends, and the folder of its dataset. */
export function loadScenario(file: string): LoadedScenario & { datasetDir: string } {
  const loaded = loadScenarioText(head(file), diskSource());
  return { ...loaded, datasetDir: datasetFolder(loaded.datasetRef) };
}

/** A scenario held in memory (library use): `extends` and `dataset` are relative to `baseDir`. */
export function scenarioFromObject(
  value: unknown,
  baseDir = process.cwd(),
): LoadedScenario & { datasetDir: string } {
  const loaded = loadScenarioText({ file: 'scenario', text: stringify(value) }, diskSource(baseDir));
  return { ...loaded, datasetDir: datasetFolder(loaded.datasetRef, baseDir) };
}
