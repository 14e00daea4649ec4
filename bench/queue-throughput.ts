/**
 * Monte Carlo through the queue (issue #20) against local mc, on this machine: the whole `lodestone
 * mc` command (process start and loading included), locally on K threads and through `--queue` with
 * 1…N `lodestone worker` processes of one thread each, started and warm before the run. Needs `npm
 * run build` (the CLI and the worker threads run dist/) and a Redis (QUEUE_BENCH_REDIS, default
 * redis://127.0.0.1:6379); its keys live under a prefix of their own and are deleted after.
 *
 *   npx tsx bench/queue-throughput.ts [draws=64] [maxWorkers=2]
 *
 * prints a Markdown table; `npm run bench` runs it (queueThroughput) with 64 draws and up to 4 workers.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { packageRoot } from '../src/scenario/package-root.js';

const REDIS = process.env.QUEUE_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const SCENARIO = join(import.meta.dirname, 'scenarios', 'baseline-2040.yaml');
const CLI = join(packageRoot(), 'bin', 'lodestone.js');
const env = { ...process.env, CI: 'true' };

export interface QueueThroughput {
  readonly draws: number;
  readonly load_average: readonly number[];
  /** run, wall s, draws/s, note (against the local run with as many threads, at most 2). */
  readonly rows: readonly (readonly string[])[];
  /** Wall time through the queue with 2 worker processes over local mc on 2 threads, − 1. */
  readonly overhead_2: number | undefined;
}

/** Local mc on 1 and 2 threads, then through the queue with 1…maxWorkers worker processes. */
export async function queueThroughput(draws = 64, maxWorkers = 2): Promise<QueueThroughput> {
  const prefix = `lodestone-bench-${process.pid}`;
  const work = mkdtempSync(join(tmpdir(), 'lodestone-queue-bench-'));
  function mc(out: string, ...more: string[]): number {
    const args = [CLI, 'mc', SCENARIO, '--draws', String(draws), '--seed', '1', '--out', out, ...more];
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
  let overhead2: number | undefined;
  const load0 = loadavg()[0]!;
  try {
    const local1 = mc(join(work, 'local-1'), '--workers', '1');
    rows.push(['local mc, 1 thread', local1.toFixed(1), (draws / local1).toFixed(2), '']);
    const local2 = mc(join(work, 'local-2'), '--workers', '2');
    rows.push(['local mc, 2 threads', local2.toFixed(1), (draws / local2).toFixed(2), '']);
    const workers: ChildProcess[] = [];
    for (let n = 1; n <= maxWorkers; n++) {
      workers.push(await startWorker());
      const out = join(work, `queue-${n}`);
      const s = mc(out, '--queue', REDIS, '--queue-prefix', prefix);
      const same = summary(out) === summary(join(work, 'local-1')) ? 'identical' : 'DIFFERS';
      const against = n === 1 ? local1 : local2;
      if (n === 2) overhead2 = (s - local2) / local2;
      rows.push([
        `--queue, ${n} worker process(es)`,
        s.toFixed(1),
        (draws / s).toFixed(2),
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
  return { draws, load_average: [load0, loadavg()[0]!], rows, overhead_2: overhead2 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await queueThroughput(Number(process.argv[2] ?? 64), Number(process.argv[3] ?? 2));
  console.log(
    `${r.draws} draws of bench/scenarios/baseline-2040.yaml; load average ${r.load_average.map((l) => l.toFixed(1)).join(' → ')}\n`,
  );
  console.log('| run | wall s | draws/s | note |\n|---|---|---|---|');
  for (const row of r.rows) console.log(`| ${row.join(' | ')} |`);
}
