/**
 * Monte Carlo through the queue (issue #20) against local mc, on this machine: the whole `lodestone
 * mc` command (process start and loading included), locally on K threads and through `--queue` with
 * 1…N `lodestone worker` processes of one thread each, started and warm before the run. Needs `npm
 * run build` (the CLI and the worker threads run dist/) and a Redis (QUEUE_BENCH_REDIS, default
 * redis://127.0.0.1:6379); its keys live under a prefix of their own and are deleted after.
 *
 *   npx tsx bench/queue-throughput.ts [DRAWS=64] [MAX_WORKERS=2]
 *
 * Not part of `npm run bench` (it would double that run's time); prints a Markdown table.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { packageRoot } from '../src/scenario/package-root.js';

const DRAWS = Number(process.argv[2] ?? 64);
const MAX_WORKERS = Number(process.argv[3] ?? 2);
const REDIS = process.env.QUEUE_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const SCENARIO = join(import.meta.dirname, 'scenarios', 'baseline-2040.yaml');
const CLI = join(packageRoot(), 'bin', 'lodestone.js');
const prefix = `lodestone-bench-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), 'lodestone-queue-bench-'));
const env = { ...process.env, CI: 'true' };

function mc(out: string, ...more: string[]): number {
  const args = [CLI, 'mc', SCENARIO, '--draws', String(DRAWS), '--seed', '1', '--out', out, ...more];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mc ${more.join(' ')} failed:\n${r.stderr}`);
  return (performance.now() - t0) / 1000;
}

function startWorker(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [CLI, 'worker', '--redis', REDIS, '--prefix', prefix, '--concurrency', '1'],
    {
      env,
    },
  );
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (b) => {
      log += b;
      if (/Ctrl-C stops/.test(log)) resolve(child);
    });
    child.on('exit', () => reject(new Error(`worker exited:\n${log}`)));
  });
}

const summary = (dir: string) => readFileSync(join(dir, 'mc_summary.csv'), 'utf8');
const rows: string[][] = [];
const load0 = loadavg()[0]!;
try {
  const local1 = mc(join(work, 'local-1'), '--workers', '1');
  rows.push(['local mc, 1 thread', local1.toFixed(1), (DRAWS / local1).toFixed(2), '']);
  const local2 = mc(join(work, 'local-2'), '--workers', '2');
  rows.push(['local mc, 2 threads', local2.toFixed(1), (DRAWS / local2).toFixed(2), '']);
  const workers: ChildProcess[] = [];
  for (let n = 1; n <= MAX_WORKERS; n++) {
    workers.push(await startWorker());
    const out = join(work, `queue-${n}`);
    const s = mc(out, '--queue', REDIS, '--queue-prefix', prefix);
    const same = summary(out) === summary(join(work, 'local-1')) ? 'identical' : 'DIFFERS';
    const against = n === 1 ? local1 : local2;
    rows.push([
      `--queue, ${n} worker process(es)`,
      s.toFixed(1),
      (DRAWS / s).toFixed(2),
      `${(((s - against) / against) * 100).toFixed(0)}% vs local ${n === 1 ? 1 : 2} thread(s); summary ${same}`,
    ]);
  }
  for (const w of workers) w.kill('SIGTERM');
} finally {
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `${DRAWS} draws of bench/scenarios/baseline-2040.yaml; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}\n`,
);
console.log('| run | wall s | draws/s | note |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
