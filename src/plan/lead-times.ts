/** A candidate whose first output would fall after the horizon is bad input: its lead time is beyond it. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Problem } from '../dataset/problems.js';
import type { Dataset } from '../dataset/types.js';
import type { Scenario } from '../schema/scenario.js';
import { offeredCandidates } from './candidates.js';

export function checkLeadTimes(dataset: Dataset, scenario: Scenario): void {
  const file = 'candidates.csv';
  const lines = candidateLines(dataset);
  const problems: Problem[] = offeredCandidates(dataset).flatMap((c) => {
    const first = Math.max(c.earliest_start, scenario.horizon.start + c.lead_time);
    if (first <= scenario.horizon.end) return [];
    const field = c.earliest_start > scenario.horizon.end ? 'earliest_start' : 'lead_time';
    const message = `candidate "${c.id}" could first produce in ${first}, after the horizon ends (${scenario.horizon.end})`;
    return [{ severity: 'error' as const, file, line: lines.get(c.id), field, message }];
  });
  if (problems.length > 0) throw new InputError(problems);
}

/** The line of each candidate in the dataset's candidates.csv, when it is a file on disk. */
function candidateLines(dataset: Dataset): Map<string, number> {
  const path = join(dataset.location, 'candidates.csv');
  const lines = new Map<string, number>();
  if (!existsSync(path)) return lines;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const id = line.split(',')[0]!;
      if (!lines.has(id)) lines.set(id, i + 1);
    });
  return lines;
}
