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
