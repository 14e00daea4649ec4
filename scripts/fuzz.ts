/**
 * `npm run fuzz [CASES] [SEED]`: the long form of the fuzz suite, 10,000 cases by default, spread
 * over scenario files (CLI), dataset files (loader) and API requests (SQLite and PostgreSQL). Prints
 * what each target found and exits 1 if anything was.
 */
import { formatReports, runFuzz } from '../test/fuzz/run-fuzz.js';

const total = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 1);
if (!Number.isInteger(total) || total < 4 || !Number.isInteger(seed)) {
  process.stderr.write('usage: npm run fuzz [CASES ≥ 4] [SEED]\n');
  process.exit(2);
}
// Scenario cases solve a model, so they get fewer; dataset cases are cheap.
const counts = {
  scenarios: Math.round(total * 0.15),
  datasets: Math.round(total * 0.45),
  sqlite: Math.round(total * 0.25),
  postgres: Math.round(total * 0.15),
};
const reports = await runFuzz(counts, seed);
process.stdout.write(`fuzz, seed ${seed}:\n${formatReports(reports)}\n`);
process.exit(reports.some((r) => Object.keys(r.findings).length > 0) ? 1 : 0);
