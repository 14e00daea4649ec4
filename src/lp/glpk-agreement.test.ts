/**
 * Agreement with an independent solver: each period's LP, exported as MPS, is solved again by GLPK
 * (glpsol from Debian's glpk-utils, which .ci/run installs) and its optimal objective must match
 * HiGHS's within 1e-6 relative, on random networks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { randomDataset, START_YEAR } from '../../test/fixtures/random-dataset.js';
import { scenario } from '../../test/fixtures/tiny-dataset.js';
import { simulate } from '../simulate/simulate.js';

const work = mkdtempSync(join(tmpdir(), 'lodestone-glpk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function glpkObjective(mpsFile: string): { status: string; objective: number } {
  const sol = `${mpsFile}.sol`;
  try {
    execFileSync('glpsol', ['--freemps', mpsFile, '-w', sol], { stdio: 'pipe' });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT')
      throw new Error('glpsol not found: install it with `apt-get install -y glpk-utils` (.ci/run does)');
    throw e;
  }
  // Solution line: "s bas ROWS COLS primal-status dual-status objective"; f = feasible.
  const line = readFileSync(sol, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('s '))!;
  const [, , , , primal, dual, objective] = line.trim().split(/\s+/);
  return { status: `${primal}${dual}`, objective: Number(objective) };
}

describe('HiGHS against GLPK on exported LPs', () => {
  it('finds the same optimal objective on random networks', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(randomDataset, async (d) => {
        const dir = join(work, `run-${run++}`);
        const result = await simulate(d, scenario(START_YEAR, START_YEAR + 1), {
          exportLp: { dir, format: 'mps' },
        });
        for (const p of result.periods) {
          const glpk = glpkObjective(join(dir, `period-${p.period.label}.mps`));
          expect(glpk.status).toBe('ff');
          expect(Math.abs(glpk.objective - p.objective)).toBeLessThanOrEqual(
            1e-6 * Math.max(1, Math.abs(p.objective)),
          );
        }
      }),
      { numRuns: 30, seed: 42 },
    );
  });
});
