/** Reads and validates a scenario file, and finds the dataset it names. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError, ProblemList } from '../dataset/problems.js';
import { Scenario } from '../schema/scenario.js';
import { defaultDatasetDir } from './package-root.js';

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly file: string | undefined;
  /** Absolute path of the dataset folder. */
  readonly datasetDir: string;
}

export function loadScenario(file: string): LoadedScenario {
  if (!existsSync(file))
    throw new InputError([{ severity: 'error', file, message: 'scenario file not found' }]);
  const problems = new ProblemList();
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter, prettyErrors: false });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : counter.linePos(offset).line;
  for (const err of doc.errors)
    problems.error(file, lineAt(err.pos[0]), undefined, `not valid YAML: ${err.message}`);
  problems.throwIfErrors();
  const parsed = Scenario.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const node = doc.getIn(issue.path as PropertyKey[], true) as { range?: [number] } | undefined;
      const missing = issue.code === 'invalid_type' && issue.input === undefined ? 'missing; ' : '';
      problems.error(
        file,
        lineAt(node?.range?.[0]),
        issue.path.join('.') || undefined,
        `${missing}${issue.message}`,
      );
    }
    problems.throwIfErrors();
  }
  const scenario = parsed.data!;
  const datasetDir = resolveDataset(scenario.dataset, file);
  if (!existsSync(datasetDir)) {
    const node = doc.get('dataset', true) as { range?: [number] } | undefined;
    problems.error(
      file,
      lineAt(node?.range?.[0]),
      'dataset',
      `dataset folder "${scenario.dataset}" not found (looked in ${datasetDir})`,
    );
    problems.throwIfErrors();
  }
  return { scenario, file, datasetDir };
}

/** A scenario held in memory (library use); relative dataset paths resolve from `baseDir`. */
export function scenarioFromObject(value: unknown, baseDir = process.cwd()): LoadedScenario {
  const parsed = Scenario.safeParse(value);
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
  return {
    scenario: parsed.data,
    file: undefined,
    datasetDir: resolveDataset(parsed.data.dataset, resolve(baseDir, 'scenario')),
  };
}

function resolveDataset(dataset: string, scenarioFile: string): string {
  if (dataset === 'default') return defaultDatasetDir();
  return isAbsolute(dataset) ? dataset : resolve(dirname(scenarioFile), dataset);
}
