/** Writes a Monte Carlo run: summary, self-sufficiency probabilities, sensitivity, every draw, and a manifest. */
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import { METRIC_UNITS } from '../uncertainty/draw.js';
import type { MonteCarloResult } from '../uncertainty/monte-carlo.js';
import type { ProbabilityRow, SensitivityRow, SummaryRow } from '../uncertainty/summarise.js';
import { type OutputFile, writeFiles } from './write-run.js';

const num = (x: number) => Number(x.toFixed(6));

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
      stringify([
        ['metric', 'period', 'region', 'mean', 'p5', 'p25', 'p50', 'p75', 'p95', 'unit'],
        ...o.summary.map((r) => [
          r.metric,
          r.period,
          r.region,
          ...[r.mean, r.p5, r.p25, r.p50, r.p75, r.p95].map(num),
          METRIC_UNITS[r.metric] ?? '',
        ]),
      ]),
    ],
    [
      'mc_self_sufficiency.csv',
      stringify([
        ['region', 'period', 'probability'],
        ...o.probabilities.map((r) => [r.region, r.period, num(r.probability)]),
      ]),
    ],
    [
      'mc_sensitivity.csv',
      stringify([
        ['input', 'output', 'rank_correlation'],
        ...o.sensitivity.map((r) => [r.input, r.output, num(r.rank_correlation)]),
      ]),
    ],
    // Every draw, one JSON object a line: its inputs and its outputs per period.
    ['mc_draws.jsonl.gz', gzipSync(o.result.draws.map((d) => JSON.stringify(d)).join('\n'))],
    ['mc.json', `${JSON.stringify(o.manifest, null, 2)}\n`],
  ];
  return files.map(([name, content]) => ({ name, content }));
}

export const writeMonteCarlo = (o: MonteCarloOutput, dir: string): string[] =>
  writeFiles(dir, monteCarloFiles(o));
