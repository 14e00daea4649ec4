/** `lodestone plan --stages/--regions`: the candidates offered, and a clear error for a filter that names nothing. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI_PLAN_YAML, miniPlanDataset } from '../../test/fixtures/plan-dataset.js';
import { main } from './main.js';

const work = mkdtempSync(join(tmpdir(), 'lodestone-plan-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, 'data'));
for (const f of miniPlanDataset().files) writeFileSync(join(work, 'data', f.name), f.content);
const scenario = join(work, 'scenario.yaml');
writeFileSync(scenario, `${MINI_PLAN_YAML}dataset: data\n`);

async function plan(...args: string[]) {
  let err = '';
  const io = {
    out: () => {},
    err: (s: string) => {
      err += s;
    },
    tty: false,
  };
  const code = await main(['node', 'lodestone', 'plan', scenario, '--by', '2028', ...args], io);
  return { code, err };
}

describe('lodestone plan --stages --regions', () => {
  it('plans with the candidates of the stages and regions given', async () => {
    const out = join(work, 'out');
    expect((await plan('--stages', 'separation,magnet', '--regions', 'US', '--out', out)).code).toBe(0);
    expect(readFileSync(join(out, 'plan.csv'), 'utf8')).toContain('us-magnet-new');
  });

  it('cannot meet the target without the magnet plant (exit 1)', async () => {
    const { code, err } = await plan('--stages', 'separation');
    expect(code).toBe(1);
    expect(err).toMatch(/the target cannot be met/);
  });

  it('refuses a stage or region the dataset does not know (exit 2)', async () => {
    const region = await plan('--regions', 'US,Atlantis');
    expect(region.code).toBe(2);
    expect(region.err).toMatch(/^error: --regions: unknown region Atlantis; the dataset has /);
    const stage = await plan('--stages', 'smelting');
    expect(stage.code).toBe(2);
    expect(stage.err).toContain('--stages: unknown stage smelting; expected mining, separation');
  });
});
