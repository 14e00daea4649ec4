/**
 * Time to ±1 pp (issue 20, item 6): `lodestone mc scenarios/baseline-2040.yaml --precision 0.01
 * --sampling METHOD --seed 1` (the compiled CLI: `npm run build` first), which draws until every bloc ×
 * year self-sufficiency probability of the 2025–2040 baseline has a 95% Wilson half-width ≤ 0.01, for
 * random, LHS and Sobol sampling. Each run is a fresh process timed by GNU time (wall, CPU of all
 * threads); the draws it took and the widest half-width are read from its output. Target: ≤ 5 minutes
 * on the 2-core machine.
 *
 * `npx tsx bench/precision.ts [random,lhs,sobol] [--workers N]` prints it alone; `npm run bench`
 * includes it. PRECISION_CLI points at another build's bin/lodestone.js (to compare two builds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/scenario/package-root.js';

export const PRECISION_TARGET_S = 300;
export const PRECISION = 0.01;
const TIME = '/usr/bin/time';

export interface PrecisionRun {
  readonly sampling: string;
  readonly exit_code: number;
  readonly draws?: number | undefined;
  readonly reached: boolean;
  readonly half_width?: number | undefined;
  readonly wall_s: number;
  readonly user_s?: number | undefined;
  readonly load_average: readonly [number, number];
}

/** One `mc --precision` run in a fresh process. */
export function precisionRun(sampling: string, workers?: number): PrecisionRun {
  const root = packageRoot();
  const cli = process.env.PRECISION_CLI ?? join(root, 'bin', 'lodestone.js');
  const scenario = join(import.meta.dirname, 'scenarios', 'baseline-2040.yaml');
  const work = mkdtempSync(join(tmpdir(), 'lodestone-precision-'));
  const args = [cli, 'mc', scenario, '--precision', String(PRECISION), '--sampling', sampling, '--seed', '1'];
  if (workers !== undefined) args.push('--workers', String(workers));
  args.push('--out', join(work, 'out'));
  const gnuTime = existsSync(TIME);
  const stats = join(work, 'time.txt');
  const loadBefore = loadavg()[0]!;
  const t = performance.now();
  try {
    const r = gnuTime
      ? spawnSync(TIME, ['-f', '%e %U', '-o', stats, process.execPath, ...args], {
          cwd: root,
          encoding: 'utf8',
        })
      : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const wall = (performance.now() - t) / 1000;
    const user = gnuTime ? Number(readFileSync(stats, 'utf8').trim().split(/\s+/).at(-1)) : undefined;
    // "--precision 0.01: every tracked probability within ±0.01 (95% Wilson) after N draws (widest ±W)"
    const done = /within ±[\d.]+ \(95% Wilson\) after (\d+) draws \(widest ±([\d.]+)\)/.exec(r.stdout ?? '');
    const short = /the widest 95% interval is still ±([\d.]+)/.exec(r.stdout ?? '');
    const drawn = /(\d+) of \d+ draws in/.exec(r.stdout ?? '');
    return {
      sampling,
      exit_code: r.status ?? -1,
      draws: done ? Number(done[1]) : drawn ? Number(drawn[1]) : undefined,
      reached: done !== null,
      half_width: done ? Number(done[2]) : short ? Number(short[1]) : undefined,
      wall_s: wall,
      user_s: user,
      load_average: [loadBefore, loadavg()[0]!],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function precisionRuns(samplings = ['random', 'lhs', 'sobol'], workers?: number): PrecisionRun[] {
  return samplings.map((s) => precisionRun(s, workers));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const w = args.indexOf('--workers');
  const workers = w >= 0 ? Number(args[w + 1]) : undefined;
  const samplings = args.find((a, i) => !a.startsWith('--') && i !== w + 1);
  for (const r of precisionRuns(samplings?.split(','), workers))
    console.log(
      `${r.sampling.padEnd(7)} ${r.reached ? 'reached' : 'NOT reached'} ±${PRECISION} after ${r.draws ?? '?'} draws ` +
        `(widest ±${r.half_width ?? '?'}): ${r.wall_s.toFixed(1)} s wall, ${r.user_s?.toFixed(1) ?? '?'} s CPU user, ` +
        `target ${PRECISION_TARGET_S} s; exit ${r.exit_code}; load ${r.load_average.map((l) => l.toFixed(1)).join(' → ')}`,
    );
}
