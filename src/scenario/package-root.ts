import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Lodestone's package.json (works from src/ under tsx and from dist/src/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json of lodestone not found');
    dir = up;
  }
  return dir;
}

export function lodestoneVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** The embedded default dataset: the sourced rare-earth magnet supply chain in data/default. */
export const defaultDatasetDir = (): string => join(packageRoot(), 'data', 'default');

/** The scenario `lodestone run` runs when none is named. */
export const defaultScenarioFile = (): string => join(packageRoot(), 'scenarios', 'baseline.yaml');

/**
 * The scenario file a command line names: the file itself when it exists, else a library scenario by
 * its name (`baseline` is scenarios/baseline.yaml), else the name as given (its loader then says
 * it was not found); none named is the baseline.
 */
export function scenarioFileFor(arg: string | undefined): string {
  if (arg === undefined) return defaultScenarioFile();
  if (existsSync(arg) || !/^[A-Za-z0-9._-]+$/.test(arg)) return arg;
  const library = join(packageRoot(), 'scenarios', arg.endsWith('.yaml') ? arg : `${arg}.yaml`);
  return existsSync(library) ? library : arg;
}
