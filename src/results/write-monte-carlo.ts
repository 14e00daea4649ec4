/** Writes a Monte Carlo run: summary, self-sufficiency probabilities, sensitivity, every draw, and a manifest. */
import { gzipSync } from 'node:zlib';
import { tableCsv } from '../run-folder/write.js';
import { METRIC_UNITS } from '../uncertainty/draw.js';
import type { MonteCarloResult } from '../uncertainty/monte-carlo.js';
import type { ProbabilityRow, SensitivityRow, SummaryRow } from '../uncertainty/summarise.js';
import { type OutputFile, writeFiles } from './write-run.js';

export interface MonteCarloOutput {
  readonly result: MonteCarloResult;
  readonly summary: readonly SummaryRow[];
  readonly probabilities: readonly ProbabilityRow[];
  readonly sensitivity: readonly SensitivityRow[];
  readonly manifest: Record<string, unknown>;
}

/** The files of a Monte Carlo run. */
export function monteCarloFiles(o: MonteCarloOutput): OutputFile[] {
  const files: [string, string | Uint8Array][] = [
    [
      'mc_summary.csv',
      tableCsv(
        'mc_summary',
        o.summary.map((r) => ({ ...r, unit: METRIC_UNITS[r.metric] ?? '' })),
      ),
    ],
    ['mc_self_sufficiency.csv', tableCsv('mc_self_sufficiency', o.probabilities)],
    ['mc_sensitivity.csv', tableCsv('mc_sensitivity', o.sensitivity)],
    // Every draw, one JSON object a line: its inputs and its outputs per period.
    ['mc_draws.jsonl.gz', gzipSync(o.result.draws.map((d) => JSON.stringify(d)).join('\n'))],
    ['mc.json', `${JSON.stringify(o.manifest, null, 2)}\n`],
  ];
  return files.map(([name, content]) => ({ name, content }));
}

export const writeMonteCarlo = (o: MonteCarloOutput, dir: string): string[] =>
  writeFiles(dir, monteCarloFiles(o));
