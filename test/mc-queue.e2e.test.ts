/**
 * `mc --queue` with `lodestone worker` processes on this machine, through the Redis on 127.0.0.1
 * (issue #20): the files equal a local run's byte for byte; a worker killed mid-batch has its batch
 * retried by another; Ctrl-C removes the queued batches and --resume skips the finished ones; a
 * worker with other data is refused; an unreachable Redis is a clear error. Each test has its own
 * key prefix, and every key is deleted after.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = join(import.meta.dirname, '..');
const REDIS = process.env.LODESTONE_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const SCENARIO = join('test', 'fixtures', 'scenarios', 'mini-uncertain.yaml');
const DRAWS = 24;
const work = mkdtempSync(join(tmpdir(), 'lodestone-mc-queue-'));
const redis = new Redis(REDIS, { maxRetriesPerRequest: 1 });
const prefixes: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
  rmSync(work, { recursive: true, force: true });
});

/** A key prefix of the test's own. */
function uniquePrefix(name: string): string {
  const prefix = `lodestone-test-${process.pid}-${Date.now()}-${name}`;
  prefixes.push(prefix);
  return prefix;
}

interface Running {
  child: ChildProcess;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function start(args: string[]): Running {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'lodestone.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b) => (stdout += b));
  child.stderr!.on('data', (b) => (stderr += b));
  const exit = new Promise<Awaited<Running['exit']>>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, stderr: () => stderr, exit };
}

/** A worker of one thread, started and listening. */
async function worker(prefix: string, ...more: string[]): Promise<Running> {
  const w = start(['worker', '--redis', REDIS, '--prefix', prefix, '--concurrency', '1', ...more]);
  await until(() => /Ctrl-C stops/.test(w.stderr()), 'a worker to start', w);
  return w;
}

async function until(test: () => boolean, what: string, running?: Running, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}\n${running?.stderr() ?? ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The CLI in this process. */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'lodestone', ...args], {
    out: (s) => {
      stdout += s;
    },
    err: (s) => {
      stderr += s;
    },
    tty: false,
  });
  return { code, stdout, stderr };
}

const mc = (out: string, ...more: string[]) => [
  'mc',
  SCENARIO,
  '--draws',
  String(DRAWS),
  '--seed',
  '3',
  '--out',
  out,
  ...more,
];
const queued = (out: string, prefix: string, ...more: string[]) =>
  mc(out, '--queue', REDIS, '--queue-prefix', prefix, ...more);

/** The files a local and a queued run must share byte for byte (mc.json also says how it ran). */
function outputs(dir: string): Record<string, string> {
  const files = ['mc_summary.csv', 'mc_self_sufficiency.csv', 'mc_sensitivity.csv'];
  return {
    ...Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')])),
    draws: gunzipSync(readFileSync(join(dir, 'mc_draws.jsonl.gz'))).toString('utf8'),
  };
}

const local = join(work, 'local');
let localRun: Promise<Record<string, string>> | undefined;
/** The local run every queued run is compared with (made once). */
function localOutputs(): Promise<Record<string, string>> {
  localRun ??= inProcess(mc(local, '--workers', '0')).then((r) => {
    expect(r.code).toBe(0);
    return outputs(local);
  });
  return localRun;
}

/** `batch <id>: draws a–b started|done` lines of a worker's log. */
const batches = (log: string, state: 'started' | 'done') =>
  [...log.matchAll(new RegExp(`batch (\\S+): draws (\\d+)–(\\d+) ${state}`, 'g'))].map((m) => ({
    id: m[1]!,
    draws: Number(m[3]) - Number(m[2]) + 1,
  }));

describe('lodestone mc --queue', () => {
  it('gives the same files as a local run, byte for byte', async () => {
    const prefix = uniquePrefix('same');
    const w = await worker(prefix);
    const out = join(work, 'same');
    const r = await inProcess(queued(out, prefix));
    expect(r.stderr).toMatch(/queue: batches go to redis:\/\/127\.0\.0\.1:6379/);
    expect(r.code).toBe(0);
    expect(outputs(out)).toEqual(await localOutputs());
    expect(JSON.parse(readFileSync(join(out, 'mc.json'), 'utf8'))).toMatchObject({
      draws_finished: DRAWS,
      partial: false,
    });
    // Six batches of 4 (the queue's default), each run once.
    expect(batches(w.stderr(), 'done').map((b) => b.draws)).toEqual([4, 4, 4, 4, 4, 4]);
    // The run's draws were dropped from Redis once its files were written.
    expect(await redis.keys(`${prefix}:mc:*`)).toEqual([]);
  });

  it('retries the batch of a worker killed mid-batch on another: no draw lost, none counted twice', async () => {
    const prefix = uniquePrefix('kill');
    const workers = await Promise.all([1, 2, 3].map(() => worker(prefix, '--lock-seconds', '2')));
    const victim = workers[0]!;
    const out = join(work, 'kill');
    const run = inProcess(queued(out, prefix, '--batch-size', '3'));
    await until(() => batches(victim.stderr(), 'started').length > 0, 'the victim to start a batch', victim);
    victim.child.kill('SIGKILL');
    const killed = batches(victim.stderr(), 'started').at(-1)!;
    expect(batches(victim.stderr(), 'done').map((b) => b.id)).not.toContain(killed.id);
    const r = await run;
    expect(r.code).toBe(0);
    expect(outputs(out)).toEqual(await localOutputs());
    const others = workers.slice(1).flatMap((w) => batches(w.stderr(), 'done').map((b) => b.id));
    expect(others).toContain(killed.id);
  });

  it('removes the queued batches on Ctrl-C, and --resume runs only the draws not finished', async () => {
    const prefix = uniquePrefix('resume');
    const w = await worker(prefix);
    const out = join(work, 'resume');
    const coordinator = start(queued(out, prefix, '--batch-size', '2'));
    await until(() => batches(w.stderr(), 'done').length >= 2, 'two batches done', w);
    coordinator.child.kill('SIGINT');
    const stopped = await coordinator.exit;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/the same command with --resume completes the run/);
    const partial = JSON.parse(readFileSync(join(out, 'mc.json'), 'utf8'));
    expect(partial.partial).toBe(true);
    // No batch is left waiting; the worker finishes at most the one it held.
    const queue = new Queue('mc-batches', { connection: redis, prefix });
    const left = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'paused');
    expect(Object.values(left)).toEqual([0, 0, 0, 0]);
    await queue.close();
    await new Promise((r) => setTimeout(r, 500));
    const ranBefore = batches(w.stderr(), 'done').reduce((n, b) => n + b.draws, 0);
    expect(ranBefore).toBeLessThan(DRAWS);

    const resumed = await inProcess(queued(out, prefix, '--batch-size', '2', '--resume'));
    expect(resumed.code).toBe(0);
    expect(outputs(out)).toEqual(await localOutputs());
    // Every draw ran once in all: the resumed run skipped those kept in Redis.
    const ranInAll = batches(w.stderr(), 'done').reduce((n, b) => n + b.draws, 0);
    expect(ranInAll).toBe(DRAWS);
    expect(resumed.stderr).toMatch(/resum/);
  });

  it('fails the batches of a worker whose dataset differs, naming both hashes, and exits 1', async () => {
    const prefix = uniquePrefix('other-data');
    const other = join(work, 'other-dataset');
    cpSync(join(ROOT, 'test', 'fixtures', 'mini-dataset'), other, { recursive: true });
    const table = readdirSync(other).find((f) => f.endsWith('.csv'))!;
    appendFileSync(join(other, table), '\n');
    await worker(prefix, '--data', other);
    const r = await inProcess(queued(join(work, 'other'), prefix));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error: a worker failed the batch of draws \d+–\d+: refusing the batch: its dataset and scenario hash to [0-9a-f]{64}, but this worker's inputs \(dataset .*other-dataset\) hash to [0-9a-f]{64}/,
    );
  });
});

describe('lodestone mc --queue and worker, bad input', () => {
  it('stops at once with exit 2 when Redis cannot be reached (mc, worker, serve)', async () => {
    const t0 = Date.now();
    const m = await inProcess(mc(join(work, 'unreachable'), '--queue', 'redis://127.0.0.1:1'));
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(
      /mc: --queue: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/,
    );
    const w = await inProcess(['worker', '--redis', 'redis://127.0.0.1:1', '--concurrency', '1']);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/worker: --redis: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    const serve = await inProcess([
      'serve',
      '--port',
      '0',
      '--db',
      ':memory:',
      '--redis',
      'redis://127.0.0.1:1',
    ]);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toMatch(/serve: --redis: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('refuses a bad --concurrency or URL with exit 2', async () => {
    for (const k of ['0', 'two', '1.5']) {
      const r = await inProcess(['worker', '--redis', REDIS, '--concurrency', k]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`worker: --concurrency: expected a whole number from 1 to 256, got "${k}"`),
      );
    }
    const url = await inProcess(['worker', '--redis', 'http://127.0.0.1:6379']);
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(/expected a redis:\/\/ or rediss:\/\/ URL/);
  });
});
