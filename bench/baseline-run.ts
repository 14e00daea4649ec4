/**
 * The baseline as a user runs it, against issue 17's target of 10 s: `node bin/lodestone.js run
 * scenarios/baseline.yaml --out DIR` (the compiled CLI: `npm run build` first), which solves the
 * horizon, runs the analyses (with their per-bloc re-solves) and writes the run folder. Each run is
 * a fresh process timed by GNU time (/usr/bin/time), which gives its wall time and the CPU time of
 * all its threads; without it only the wall time is measured. The machine may be shared, so the
 * best run stands for the code and the median for what a user meets; CPU time moves less with the
 * load than wall time.
 *
 * `npx tsx bench/baseline-run.ts [REPEATS]` prints the runs on their own; `npm run bench` includes them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultScenarioFile, packageRoot } from '../src/scenario/package-root.js';

export const BASELINE_RUN_TARGET_S = 10;
const TIME = '/usr/bin/time';

export interface TimedRun {
  readonly exit_code: number;
  readonly wall_s: number;
  /** CPU seconds in user and kernel mode, all threads (undefined without GNU time). */
  readonly user_s?: number | undefined;
  readonly sys_s?: number | undefined;
  readonly rss_mib?: number | undefined;
}

export interface BaselineRuns {
  readonly target_s: number;
  readonly command: string;
  readonly runs: readonly TimedRun[];
  /** The run with the least wall time, and the median wall and user CPU time. */
  readonly best_wall_s: number;
  readonly median_wall_s: number;
  readonly median_user_s?: number | undefined;
  readonly load_average: readonly [number, number];
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export function baselineRuns(repeats: number): BaselineRuns {
  const work = mkdtempSync(join(tmpdir(), 'lodestone-baseline-run-'));
  const root = packageRoot();
  const cli = join(root, 'bin', 'lodestone.js');
  const args = [cli, 'run', defaultScenarioFile(), '--out', join(work, 'out')];
  const gnuTime = existsSync(TIME);
  const loadBefore = loadavg()[0]!;
  const runs: TimedRun[] = [];
  try {
    for (let i = 0; i < repeats; i++) {
      const stats = join(work, `time-${i}.txt`);
      const t = performance.now();
      const r = gnuTime
        ? spawnSync(TIME, ['-f', '%e %U %S %M', '-o', stats, process.execPath, ...args], {
            stdio: 'ignore',
            cwd: root,
          })
        : spawnSync(process.execPath, args, { stdio: 'ignore', cwd: root });
      const wall = (performance.now() - t) / 1000;
      if (!gnuTime) {
        runs.push({ exit_code: r.status ?? 1, wall_s: wall });
        continue;
      }
      // GNU time's last line holds the format (a failed command adds a line before it).
      const [e, u, s, m] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      runs.push({ exit_code: r.status ?? 1, wall_s: e!, user_s: u, sys_s: s, rss_mib: m! / 1024 });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const ok = runs.filter((r) => r.exit_code === 0);
  const users = ok.flatMap((r) => (r.user_s === undefined ? [] : [r.user_s]));
  return {
    target_s: BASELINE_RUN_TARGET_S,
    command: 'node bin/lodestone.js run scenarios/baseline.yaml --out DIR',
    runs,
    best_wall_s: ok.length > 0 ? Math.min(...ok.map((r) => r.wall_s)) : Number.NaN,
    median_wall_s: ok.length > 0 ? median(ok.map((r) => r.wall_s)) : Number.NaN,
    median_user_s: users.length > 0 ? median(users) : undefined,
    load_average: [loadBefore, loadavg()[0]!],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const b = baselineRuns(Number(process.argv[2] ?? 5));
  for (const r of b.runs)
    console.log(
      `exit ${r.exit_code}  wall ${r.wall_s.toFixed(2)} s  user ${r.user_s?.toFixed(2) ?? '–'} s  sys ${r.sys_s?.toFixed(2) ?? '–'} s  RSS ${r.rss_mib?.toFixed(0) ?? '–'} MiB`,
    );
  console.log(
    `best wall ${b.best_wall_s.toFixed(2)} s, median wall ${b.median_wall_s.toFixed(2)} s, median user ${b.median_user_s?.toFixed(2) ?? '–'} s; target ${b.target_s} s; load ${b.load_average.map((l) => l.toFixed(2)).join(' → ')}`,
  );
}
