/**
 * Runs the fuzz targets with fast-check, seeded, and counts what each case showed. Used by the
 * short form in `npm test` (fuzz.test.ts) and the long form `npm run fuzz` (scripts/fuzz.ts).
 */
import fc from 'fast-check';
import { buildServer } from '../../src/server/app.js';
import { openStore } from '../../src/server/storage/connect.js';
import { freshPostgres } from '../fixtures/postgres.js';
import {
  apiCase,
  apiRoutes,
  type CaseResult,
  caseFolder,
  checkApi,
  checkDataset,
  checkScenario,
  datasetCase,
  dropFolder,
  scenarioCase,
} from './cases.js';

export interface FuzzCounts {
  readonly scenarios: number;
  readonly datasets: number;
  readonly sqlite: number;
  readonly postgres: number;
}

export interface TargetReport {
  readonly target: string;
  readonly cases: number;
  readonly seconds: number;
  /** How the cases ended: exit codes, loaded or rejected, HTTP statuses. */
  readonly outcomes: Record<string, number>;
  /** Findings by kind (crash, 5xx, stack trace, exit 1, unlocated, hang…), with up to 3 examples each. */
  readonly findings: Record<string, { count: number; examples: string[] }>;
}

function tally(target: string, cases: number, t0: number, results: readonly CaseResult[]): TargetReport {
  const outcomes: Record<string, number> = {};
  const findings: TargetReport['findings'] = {};
  for (const r of results) {
    outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    for (const f of r.findings) {
      findings[f.kind] ??= { count: 0, examples: [] };
      const k = findings[f.kind]!;
      k.count++;
      if (k.examples.length < 3) k.examples.push(f.detail);
    }
  }
  return { target, cases, seconds: (performance.now() - t0) / 1000, outcomes, findings };
}

/** Runs `cases` of `arb` through `check`; never stops at a finding (it counts them all). */
async function fuzz<T>(
  arb: fc.Arbitrary<T>,
  cases: number,
  seed: number,
  check: (c: T) => CaseResult | Promise<CaseResult>,
): Promise<CaseResult[]> {
  const all: CaseResult[] = [];
  if (cases <= 0) return all;
  await fc.assert(
    fc.asyncProperty(arb, async (c) => {
      all.push(await check(c));
    }),
    { seed, numRuns: cases },
  );
  return all;
}

export async function runFuzz(counts: FuzzCounts, seed: number): Promise<TargetReport[]> {
  const reports: TargetReport[] = [];
  const dir = caseFolder();
  try {
    let t0 = performance.now();
    const scen = await fuzz(scenarioCase(), counts.scenarios, seed, (c) => checkScenario(c, dir));
    reports.push(tally('scenario files (CLI run)', counts.scenarios, t0, scen));
    t0 = performance.now();
    const data = await fuzz(datasetCase(), counts.datasets, seed, (c) => checkDataset(c));
    reports.push(tally('dataset files (loader)', counts.datasets, t0, data));
  } finally {
    dropFolder(dir);
  }
  for (const backend of ['sqlite', 'postgres'] as const) {
    const cases = counts[backend];
    if (cases <= 0) continue;
    const t0 = performance.now();
    const pg = backend === 'postgres' ? await freshPostgres() : undefined;
    const store = await openStore(pg?.url ?? ':memory:');
    const { app } = await buildServer({ store });
    try {
      await app.ready();
      const routes = apiRoutes(app);
      const found = await fuzz(apiCase(), cases, seed, (c) => checkApi(app, routes, c));
      reports.push(tally(`API requests (${backend})`, cases, t0, found));
    } finally {
      await app.close();
      await store.close();
      await pg?.drop();
    }
  }
  return reports;
}

export function formatReports(reports: readonly TargetReport[]): string {
  const lines = reports.map((r) => {
    const kinds = Object.entries(r.findings).map(([k, v]) => `${k} ${v.count}`);
    const ends = Object.entries(r.outcomes)
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    return `${r.target}: ${r.cases} cases in ${r.seconds.toFixed(1)} s (${ends}); ${kinds.length ? kinds.join(', ') : 'no findings'}`;
  });
  const examples = reports.flatMap((r) =>
    Object.entries(r.findings).flatMap(([k, v]) => v.examples.map((e) => `  [${r.target} / ${k}] ${e}`)),
  );
  return [...lines, ...examples].join('\n');
}
