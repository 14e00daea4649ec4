/**
 * The planner on the mini dataset with two candidates (a separation plant and a magnet plant in the
 * US): its plan meets the target, agrees with GLPK on the exported LP (and MILP), re-simulates
 * through `run` to meet the target, and says why when the target is out of reach.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { readRunInputs } from '../scenario/disk.js';
import { prepareRun } from '../scenario/prepare-run.js';
import { simulate } from '../simulate/simulate.js';
import { PlanInfeasible, planBuilds, sweepPlans } from './plan.js';
import { planScenario, planYaml } from './plan-output.js';
import { exportPlan, solvePlan } from './solve-plan.js';

const MINI = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'mini-dataset');
const work = mkdtempSync(join(tmpdir(), 'lodestone-plan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CANDIDATES = `id,name,kind,region,process,size_unit,size_basis,min_size,max_size,unit_capex,fixed_opex,variable_cost,lead_time,earliest_start,source_ids,confidence
us-sep-new,US separation,greenfield,US,separate,t oxide,ndpr-oxide,200,20000,60000,3000,9,1,2026,test,estimate
us-magnet-new,US magnets,greenfield,US,make-magnet,t magnet,,1000,50000,150000,7500,30,2,2027,test,estimate
`;
cpSync(MINI, join(work, 'data'), { recursive: true });
writeFileSync(join(work, 'data', 'candidates.csv'), CANDIDATES);
// China's demand within its own supply: in the mini dataset as it is, the world is short of oxide and
// every tonne serves some EV demand at the same value of lost load, so a run may give the US's new
// capacity to China's demand whatever the US requires (see the README on re-running a plan).
const demandFile = join(work, 'data', 'demand.csv');
writeFileSync(
  demandFile,
  readFileSync(demandFile, 'utf8').replace('CN,ev,magnet,2025,150,kt', 'CN,ev,magnet,2025,50,kt'),
);
const scenarioFile = join(work, 'scenario.yaml');
writeFileSync(
  scenarioFile,
  'name: mini-plan\ndataset: data\nhorizon: { start: 2025, end: 2030 }\nperiod: year\n',
);
const { loaded, dataset } = prepareRun(scenarioFile);
const US = { id: 'US', regions: ['US'] };
const request = { bloc: US, target: 1, by: 2028, discountRate: 0.07, integer: false };

function glpsolObjective(file: string): number {
  const sol = `${file}.sol`;
  execFileSync('glpsol', ['--lp', file, '-w', sol], { stdio: 'pipe' });
  // "s bas ROWS COLS primal dual objective" (LP) or "s mip ROWS COLS status objective" (MIP).
  const line = readFileSync(sol, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('s '))!;
  const fields = line.trim().split(/\s+/);
  expect(fields.slice(4, -1).every((s) => s === 'f' || s === 'o')).toBe(true);
  return Number(fields.at(-1));
}

describe('planBuilds on the mini dataset', async () => {
  const result = await planBuilds(dataset, loaded.scenario, request);

  it('serves the bloc free of the taint set from the target year, building what it needs', () => {
    expect(result.served.map((s) => s.period.year)).toEqual([2028, 2029, 2030]);
    for (const s of result.served) expect(s.free).toBeGreaterThanOrEqual(s.demand * (1 - 1e-9));
    expect(result.builds.some((b) => b.candidate.id === 'us-magnet-new' && b.year <= 2028)).toBe(true);
    // Nothing produces before its lead time allows (decisions from 2025).
    for (const b of result.builds) expect(b.year).toBeGreaterThanOrEqual(2025 + b.candidate.lead_time);
    expect(result.summary.premium).toBeGreaterThan(0);
    expect(result.summary.totalCapex).toBeCloseTo(
      result.builds.reduce((s, b) => s + b.size * b.candidate.unit_capex, 0),
      0,
    );
  });

  it('holds a target below 1 for each demand node, or for the bloc as a whole with scope bloc', async () => {
    const half = { ...request, target: 0.5 };
    const perNode = await planBuilds(dataset, loaded.scenario, half);
    const whole = await planBuilds(dataset, loaded.scenario, { ...half, scope: 'bloc' as const });
    for (const s of [...perNode.served, ...whole.served])
      expect(s.free).toBeGreaterThanOrEqual(0.5 * s.demand * (1 - 1e-9));
    // Each node at half is one way to serve the bloc half: the bloc-wide target costs no more.
    expect(whole.summary.npv).toBeLessThanOrEqual(perNode.summary.npv * (1 + 1e-9));
    expect(perNode.plan.targets[0]!.rows.length).toBe(2);
    expect(whole.plan.targets[0]!.rows.length).toBe(1);
  });

  it('finds the objective GLPK finds on the exported LP', async () => {
    const file = join(work, 'plan.lp');
    writeFileSync(file, await exportPlan(result.plan.lp, undefined, 'lp'));
    const highs = result.summary.npv / 1000;
    expect(Math.abs(glpsolObjective(file) - highs)).toBeLessThanOrEqual(1e-6 * Math.abs(highs));
  });

  it('finds the objective GLPK finds on the MILP (sizes in whole units)', async () => {
    const milp = await planBuilds(dataset, loaded.scenario, { ...request, integer: true });
    for (const b of milp.builds)
      expect(
        Math.abs(b.size / b.candidate.min_size - Math.round(b.size / b.candidate.min_size)),
      ).toBeLessThan(1e-6);
    const file = join(work, 'plan-milp.lp');
    writeFileSync(file, await exportPlan(milp.plan.lp, milp.plan.integrality, 'lp'));
    const exact = await solvePlan(milp.plan.lp, { integrality: milp.plan.integrality, mipGap: 0 });
    expect(Math.abs(glpsolObjective(file) - exact.objective)).toBeLessThanOrEqual(
      1e-6 * Math.abs(exact.objective),
    );
    expect(milp.summary.npv).toBeGreaterThanOrEqual(result.summary.npv * (1 - 1e-9));
  });

  it('re-simulates through run, as plan.yaml, and meets the target', async () => {
    const file = join(work, 'out', 'plan.yaml');
    execFileSync('mkdir', ['-p', join(work, 'out')]);
    writeFileSync(file, planYaml(planScenario(result, dataset, loaded.scenario, '../scenario.yaml')));
    const rerun = prepareRun(file);
    const run = await simulate(rerun.dataset, rerun.loaded.scenario);
    for (const p of run.periods.filter((x) => x.period.year >= 2028)) {
      const us = p.demand.filter((d) => d.region === 'US');
      const free = us.reduce((s, d) => s + d.served_free, 0);
      const demand = us.reduce((s, d) => s + d.demand, 0);
      expect(free / demand).toBeGreaterThanOrEqual(1 - 1e-6);
    }
  });

  it('says how far the target can be reached when it cannot be met', async () => {
    const late = { ...request, by: 2026 };
    const error = await planBuilds(dataset, loaded.scenario, late).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanInfeasible);
    const e = error as PlanInfeasible;
    expect(e.reachable[0]!.period).toBe('2026');
    expect(e.reachable[0]!.share).toBeLessThan(1);
    expect(e.message).toMatch(/the target cannot be met: US served 100% free from 2026/);
    // The magnet candidate produces from 2027 at the earliest (lead time 2 from 2025).
    // The mini dataset has candidates for separation and magnets only; the magnet plant produces
    // from 2027 at the earliest (lead time 2 from 2025), separation from 2026.
    expect(e.lateStages).toEqual([
      { stage: 'mining', earliest: undefined },
      { stage: 'metal', earliest: undefined },
      { stage: 'magnet', earliest: 2027 },
      { stage: 'recycling', earliest: undefined },
    ]);
    const io = { out: () => {}, err: () => {}, tty: false };
    expect(await main(['node', 'lodestone', 'plan', scenarioFile, '--by', '2026'], io)).toBe(1);
  });

  it('keeps export controls, with the caps of the scenario’s run', async () => {
    const file = join(work, 'embargo.yaml');
    writeFileSync(
      file,
      [
        'name: embargo',
        'extends: scenario.yaml',
        'policies:',
        '  - { type: export_control, id: cn-embargo, exporter: CN, materials: [ndpr-oxide, magnet], destinations: { mode: only, regions: [US] }, licensed_share: 0, start: 2026, source_ids: [test], confidence: estimate }',
      ].join('\n'),
    );
    const embargo = prepareRun(file);
    const closed = await planBuilds(embargo.dataset, embargo.loaded.scenario, request);
    expect(closed.skipped).toEqual([
      { id: 'cn-embargo', type: 'export_control', reason: expect.stringMatching(/^in, with its caps/) },
    ]);
    // Without China's magnets the US pays more for the same target.
    expect(closed.summary.npv).toBeGreaterThan(result.summary.npv);
  });

  it('values an announced project: the plan costs more without it than with it late, and more late than on time', async () => {
    const dir = join(work, 'project');
    cpSync(join(work, 'data'), join(dir, 'data'), { recursive: true });
    const header = CANDIDATES.split('\n')[0]!;
    writeFileSync(
      join(dir, 'data', 'candidates.csv'),
      `${header.replace('process,', 'process,facility,')}
us-sep-new,US separation,greenfield,US,separate,,t oxide,ndpr-oxide,200,20000,60000,3000,9,1,2026,test,estimate
us-magnet-new,US magnets,greenfield,US,make-magnet,,t magnet,,1000,50000,250000,12500,30,2,2027,test,estimate
us-magnet-project,US magnet project,project,US,make-magnet,us-magnet,t magnet,,0,,100000,5000,30,1,2027,test,estimate
`,
    );
    writeFileSync(
      join(dir, 'scenario.yaml'),
      'name: project\ndataset: data\nhorizon: { start: 2025, end: 2030 }\ncancel:\n  - { facilities: [us-magnet] }\n',
    );
    const run = prepareRun(join(dir, 'scenario.yaml'));
    const valued = await planBuilds(run.dataset, run.loaded.scenario, { ...request, projectValues: true });
    expect(valued.projectValues!.map((v) => v.candidate.id)).toEqual(['us-magnet-project']);
    const [v] = valued.projectValues!;
    // The project is cheaper per t/yr than the greenfield plant, so the plan builds it to its size (1,000 t).
    expect(v!.built).toBeCloseTo(1000, 6);
    expect(v!.ifTwoYearsLate!).toBeGreaterThan(0);
    expect(v!.ifCancelled!).toBeGreaterThan(v!.ifTwoYearsLate!);
  });

  it('sweeps targets and years: the premium grows with the share and is the single plan’s where they meet', async () => {
    const points = await sweepPlans(dataset, loaded.scenario, request, [0.5, 1], [2026, 2028, 2031]);
    // 2031 is beyond the horizon; in 2026 no new magnet plant can produce yet.
    expect(points.map((p) => [p.target, p.by, p.status])).toEqual([
      [0.5, 2026, 'infeasible'],
      [1, 2026, 'infeasible'],
      [0.5, 2028, 'optimal'],
      [1, 2028, 'optimal'],
    ]);
    const [half, full] = points.slice(2);
    expect(full!.premium!).toBeGreaterThan(half!.premium!);
    expect(full!.npv!).toBeCloseTo(result.summary.npv, -2);
    expect(full!.premium!).toBeCloseTo(result.summary.premium, -2);
  });

  it('refuses a candidate that could not produce within the horizon, naming file, line and field', async () => {
    const dir = join(work, 'late');
    cpSync(join(work, 'data'), join(dir, 'data'), { recursive: true });
    writeFileSync(
      join(dir, 'data', 'candidates.csv'),
      CANDIDATES.replace('150000,7500,30,2,2027', '150000,7500,30,9,2027'),
    );
    writeFileSync(
      join(dir, 'scenario.yaml'),
      'name: late\ndataset: data\nhorizon: { start: 2025, end: 2030 }\n',
    );
    let err = '';
    const io = {
      out: () => {},
      err: (s: string) => {
        err += s;
      },
      tty: false,
    };
    expect(await main(['node', 'lodestone', 'plan', join(dir, 'scenario.yaml')], io)).toBe(2);
    expect(err).toContain(
      'candidates.csv:3: lead_time: candidate "us-magnet-new" could first produce in 2034, after the horizon ends (2030)',
    );
  });

  it('writes the plan, its summary, its scenario and the project values from the CLI', async () => {
    const out = join(work, 'cli-out');
    let text = '';
    const io = {
      out: (s: string) => {
        text += s;
      },
      err: () => {},
      tty: false,
    };
    const args = [
      'node',
      'lodestone',
      'plan',
      scenarioFile,
      '--by',
      '2028',
      '--stock-foresight',
      '--project-values',
    ];
    expect(await main([...args, '--out', out], io)).toBe(0);
    expect(text).toMatch(/^plan: US served 100% free from 2028/);
    expect(readFileSync(join(out, 'plan_summary.csv'), 'utf8')).toMatch(/\ntarget_scope,node,/);
    expect(readFileSync(join(out, 'plan.yaml'), 'utf8')).toMatch(/extends: \.\.\/scenario\.yaml/);
    expect(readFileSync(join(out, 'project_value.csv'), 'utf8')).toMatch(/^project,facility,region/);
    expect(await main(['node', 'lodestone', 'plan', scenarioFile, '--sweep', '--out', out], io)).toBe(0);
    expect(readFileSync(join(out, 'plan_sweep.csv'), 'utf8').split('\n')[0]).toBe(
      'bloc,target,by,status,total_capex_usd,npv_usd,premium_usd',
    );
  });

  it('names --data in plan.yaml, so its re-run reads the same dataset', async () => {
    const out = join(work, 'data-out');
    const io = { out: () => {}, err: () => {}, tty: false };
    const args = ['node', 'lodestone', 'plan', scenarioFile, '--by', '2028', '--data', join(work, 'data')];
    expect(await main([...args, '--out', out], io)).toBe(0);
    const yaml = readFileSync(join(out, 'plan.yaml'), 'utf8');
    expect(yaml).toMatch(/\ndataset: \.\.\/data\n/);
    expect(readRunInputs(join(out, 'plan.yaml')).dataset.files.map((f) => f.name)).toContain(
      'candidates.csv',
    );
  });

  it('refuses a probability outside (0, 1), or with a sweep, with exit code 2', async () => {
    let err = '';
    const io = {
      out: () => {},
      err: (s: string) => {
        err += s;
      },
      tty: false,
    };
    const plan = ['node', 'lodestone', 'plan', scenarioFile, '--by', '2028'];
    expect(await main([...plan, '--probability', '1'], io)).toBe(2);
    expect(err).toContain('error: --probability: expected a share between 0 and 1 (say 0.9), got "1"');
    expect(await main([...plan, '--probability', '0.9', '--draws', '2.5'], io)).toBe(2);
    expect(err).toContain('--draws: expected a whole number from 1 to 10000, got "2.5"');
    expect(await main([...plan, '--probability', '0.9', '--sweep'], io)).toBe(2);
    expect(err).toContain('a sweep plans without draws');
  });

  it('refuses an unknown bloc with exit code 2', async () => {
    let err = '';
    const io = {
      out: () => {},
      err: (s: string) => {
        err += s;
      },
      tty: false,
    };
    expect(await main(['node', 'lodestone', 'plan', scenarioFile, '--bloc', 'Mars'], io)).toBe(2);
    expect(err).toContain('unknown bloc "Mars"');
  });
});
