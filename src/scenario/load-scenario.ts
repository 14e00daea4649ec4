/**
 * Reads a scenario file (and the files it `extends`), validates each with line numbers, merges
 * them, and gathers what they change in the dataset into a patch that the dataset loader applies.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError, ProblemList } from '../dataset/problems.js';
import { DEFAULT_TAINT, type Scenario, ScenarioFile } from '../schema/scenario.js';
import { defaultDatasetDir } from './package-root.js';

/** A record that comes from a scenario file, with where it was written. */
export interface PatchItem<T> {
  readonly value: T;
  readonly file: string;
  readonly line: number | undefined;
}

/** What a scenario changes in its dataset: added records (policies too), overrides, removals. */
export interface DatasetPatch {
  readonly add: readonly PatchItem<{ table: string; record: Record<string, unknown> }>[];
  readonly overrides: readonly PatchItem<{ table: string; id: string; set: Record<string, unknown> }>[];
  readonly removePolicies: readonly PatchItem<string>[];
}

export const EMPTY_PATCH: DatasetPatch = { add: [], overrides: [], removePolicies: [] };

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly file: string | undefined;
  /** Absolute path of the dataset folder. */
  readonly datasetDir: string;
  readonly patch: DatasetPatch;
  /** Where the scenario's taint set is chosen (its file, and line when written), for messages. */
  readonly taintAt?: { readonly file: string; readonly line: number | undefined };
}

interface ParsedFile {
  /** As the user named it (for messages). */
  readonly file: string;
  readonly absolute: string;
  readonly value: ScenarioFile;
  lineAt(path: readonly (string | number)[]): number | undefined;
}

export function loadScenario(file: string): LoadedScenario {
  const chain = readChain(resolve(file), file, []);
  const problems = new ProblemList();
  const last = chain[chain.length - 1]!;
  // The child (first in chain) wins for single fields; lists run from the root parent down.
  const pick = <K extends keyof ScenarioFile>(key: K) => chain.find((c) => c.value[key] !== undefined);
  const horizonFrom = pick('horizon');
  if (!horizonFrom) {
    problems.error(
      chain[0]!.file,
      undefined,
      'horizon',
      'missing; expected { start, end } here or in a scenario it extends',
    );
  }
  const datasetFrom = pick('dataset');
  const datasetDir = datasetFrom
    ? resolveDataset(datasetFrom.value.dataset!, datasetFrom.absolute)
    : defaultDatasetDir();
  if (!existsSync(datasetDir)) {
    problems.error(
      datasetFrom?.file ?? last.file,
      datasetFrom?.lineAt(['dataset']),
      'dataset',
      `dataset folder "${datasetFrom?.value.dataset}" not found (looked in ${datasetDir})`,
    );
  }
  problems.throwIfErrors();

  const root = [...chain].reverse();
  const scenario: Scenario = {
    name: chain[0]!.value.name,
    description: chain[0]!.value.description,
    dataset: datasetFrom?.value.dataset ?? 'default',
    horizon: horizonFrom!.value.horizon!,
    period: pick('period')?.value.period ?? 'year',
    taint: pick('taint')?.value.taint ?? DEFAULT_TAINT,
    solver: {
      time_limit: chain.find((c) => c.value.solver?.time_limit !== undefined)?.value.solver?.time_limit,
      method: chain.find((c) => c.value.solver?.method !== undefined)?.value.solver?.method ?? 'choose',
    },
    delays: root.flatMap((c) => c.value.delays),
    cancel: root.flatMap((c) => c.value.cancel),
  };
  const patch: DatasetPatch = {
    add: root.flatMap((c) => [
      ...c.value.policies.map((record, i) => ({
        value: { table: 'policies', record },
        file: c.file,
        line: c.lineAt(['policies', i]),
      })),
      ...c.value.uncertainty.map((record, i) => ({
        value: { table: 'uncertainty', record },
        file: c.file,
        line: c.lineAt(['uncertainty', i]),
      })),
      ...Object.entries(c.value.add).flatMap(([table, records]) =>
        records.map((record, i) => ({
          value: { table, record },
          file: c.file,
          line: c.lineAt(['add', table, i]),
        })),
      ),
    ]),
    overrides: root.flatMap((c) =>
      c.value.overrides.map((o, i) => ({ value: o, file: c.file, line: c.lineAt(['overrides', i]) })),
    ),
    removePolicies: root.flatMap((c) =>
      c.value.remove_policies.map((id, i) => ({
        value: id,
        file: c.file,
        line: c.lineAt(['remove_policies', i]),
      })),
    ),
  };
  const taintFrom = pick('taint');
  const taintAt = { file: (taintFrom ?? chain[0]!).file, line: taintFrom?.lineAt(['taint']) };
  return { scenario, file, datasetDir, patch, taintAt };
}

/** The file and its ancestors, child first. */
function readChain(absolute: string, shown: string, seen: string[]): ParsedFile[] {
  if (seen.includes(absolute)) {
    throw new InputError([
      {
        severity: 'error',
        file: shown,
        field: 'extends',
        message: `scenarios extend each other in a cycle: ${[...seen, absolute].join(' → ')}`,
      },
    ]);
  }
  const parsed = parseFile(absolute, shown);
  if (parsed.value.extends === undefined) return [parsed];
  const parent = resolve(dirname(absolute), parsed.value.extends);
  if (!existsSync(parent)) {
    throw new InputError([
      {
        severity: 'error',
        file: shown,
        line: parsed.lineAt(['extends']),
        field: 'extends',
        message: `scenario "${parsed.value.extends}" not found (looked in ${parent})`,
      },
    ]);
  }
  return [parsed, ...readChain(parent, join(dirname(shown), parsed.value.extends), [...seen, absolute])];
}

function parseFile(absolute: string, shown: string): ParsedFile {
  if (!existsSync(absolute))
    throw new InputError([{ severity: 'error', file: shown, message: 'scenario file not found' }]);
  const problems = new ProblemList();
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(absolute, 'utf8'), { lineCounter: counter, prettyErrors: false });
  const lineAt = (path: readonly (string | number)[]) => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number] } | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  for (const err of doc.errors)
    problems.error(shown, counter.linePos(err.pos[0]).line, undefined, `not valid YAML: ${err.message}`);
  problems.throwIfErrors();
  const parsed = ScenarioFile.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as (string | number)[];
      // An unknown key is reported where it is written, one problem per key.
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const at = [...path, key];
          problems.error(shown, lineAt(at), at.join('.'), `unknown field "${key}"`);
        }
        continue;
      }
      const missing = issue.code === 'invalid_type' && issue.input === undefined ? 'missing; ' : '';
      problems.error(shown, lineAt(path), path.join('.') || undefined, `${missing}${issue.message}`);
    }
    problems.throwIfErrors();
  }
  return { file: shown, absolute, value: parsed.data!, lineAt };
}

/** A scenario held in memory (library use); relative dataset paths resolve from `baseDir`. */
export function scenarioFromObject(value: unknown, baseDir = process.cwd()): LoadedScenario {
  const parsed = ScenarioFile.safeParse(value);
  const fail = (field: string, message: string) =>
    new InputError([{ severity: 'error', file: 'scenario', field, message }]);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((i) => ({
        severity: 'error' as const,
        file: 'scenario',
        field: i.path.join('.'),
        message: i.message,
      })),
    );
  }
  const v = parsed.data;
  if (v.extends !== undefined)
    throw fail('extends', 'in-memory scenarios cannot extend files; load the file instead');
  if (!v.horizon) throw fail('horizon', 'missing; expected { start, end }');
  const item = <T>(value: T) => ({ value, file: 'scenario', line: undefined });
  return {
    scenario: {
      name: v.name,
      description: v.description,
      dataset: v.dataset ?? 'default',
      horizon: v.horizon,
      period: v.period ?? 'year',
      taint: v.taint ?? DEFAULT_TAINT,
      solver: { time_limit: v.solver?.time_limit, method: v.solver?.method ?? 'choose' },
      delays: v.delays,
      cancel: v.cancel,
    },
    file: undefined,
    datasetDir: resolveDataset(v.dataset ?? 'default', resolve(baseDir, 'scenario')),
    patch: {
      add: [
        ...v.policies.map((record) => item({ table: 'policies', record })),
        ...v.uncertainty.map((record) => item({ table: 'uncertainty', record })),
        ...Object.entries(v.add).flatMap(([table, records]) =>
          records.map((record) => item({ table, record })),
        ),
      ],
      overrides: v.overrides.map(item),
      removePolicies: v.remove_policies.map(item),
    },
  };
}

function resolveDataset(dataset: string, scenarioFile: string): string {
  if (dataset === 'default') return defaultDatasetDir();
  return isAbsolute(dataset) ? dataset : resolve(dirname(scenarioFile), dataset);
}
