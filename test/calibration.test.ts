/**
 * Calibration and validation of the baseline on the default dataset (issues #3, #17): every row of
 * scripts/validation-checks.ts is a test (within its tolerance, or a known gap still outside it),
 * and docs/validation.md, written from the same rows, is up to date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, evaluate, type Runs, validationRuns } from '../scripts/validation-checks.js';
import { validationPage } from '../scripts/validation-page.js';

let runs: Runs;
beforeAll(async () => {
  runs = await validationRuns();
}, 300_000);

describe.each([...new Set(CHECKS.map((c) => c.group))])('%s against what was reported', (group) => {
  it.each(CHECKS.filter((c) => c.group === group).map((c) => [c.id, c] as const))('%s', (_, check) => {
    const { model, within } = evaluate(check, runs);
    const shown = `${check.what} ${check.year}: model ${model}, reported ${check.actual}`;
    // A known gap that starts to match is news too: the row (and docs/validation.md) must say so.
    expect(within, shown).toBe(check.expected === 'pass');
  });
});

describe('docs/validation.md', () => {
  it('is what `npm run validation` writes from these rows and runs', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'validation.md'), 'utf8');
    expect(committed, 'docs/validation.md is out of date: run `npm run validation`').toBe(
      validationPage(runs),
    );
  });
});
