/**
 * The short, seeded form of the fuzz suite (the long form: `npm run fuzz`): hostile scenario files,
 * dataset files and API requests, each case checked for crashes, 5xx, stack traces, wrong exit
 * codes, unlocated problems and hangs.
 */
import { describe, expect, it } from 'vitest';
import { formatReports, runFuzz } from './run-fuzz.js';

describe('fuzz (short form)', () => {
  it('finds no crash, 5xx, stack trace, wrong exit code, unlocated problem or hang', async () => {
    const reports = await runFuzz({ scenarios: 60, datasets: 300, sqlite: 150, postgres: 60 }, 20261130);
    const findings = reports.flatMap((r) => Object.keys(r.findings));
    expect(findings, formatReports(reports)).toEqual([]);
  }, 300_000);
});
