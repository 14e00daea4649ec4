/**
 * `serve --redis` (issue #20, item 3 in part): the workbench's Monte Carlo jobs run their draws on
 * `lodestone worker` processes through the queue, to the same tables as a job run on its own threads,
 * and a cancel reaches a job whose batches wait for a worker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkbench, SHORT_YAML, type Workbench, waitForRun } from './fixtures/workbench.js';

const ROOT = join(import.meta.dirname, '..');
const REDIS = process.env.LODESTONE_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const prefix = `lodestone-test-${process.pid}-${Date.now()}-serve`;
const benches: Workbench[] = [];
let worker: ChildProcess | undefined;
let log = '';

afterAll(async () => {
  worker?.kill('SIGKILL');
  for (const b of benches) await b.close();
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function startWorker() {
  worker = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'lodestone.js'), 'worker', '--redis', REDIS, '--prefix', prefix, '--concurrency', '1'],
    { cwd: ROOT, env: { ...process.env, CI: 'true' } },
  );
  worker.stderr!.on('data', (b) => (log += b));
  await expect.poll(() => /Ctrl-C stops/.test(log), { timeout: 30_000 }).toBe(true);
}

async function mcJob(bench: Workbench, draws: number): Promise<string> {
  const post = (url: string, payload: object) => bench.app.inject({ method: 'POST', url, payload });
  expect((await post('/api/scenarios', { id: 'short', yaml: SHORT_YAML })).statusCode).toBe(201);
  const r = await post('/api/runs', { scenario: 'short', kind: 'mc', draws, seed: 7, workers: 1, blocs: [] });
  expect(r.statusCode, r.body).toBe(202);
  return r.json().id as string;
}

const summary = async (bench: Workbench, id: string) =>
  (await bench.app.inject({ method: 'GET', url: `/api/runs/${id}/tables/mc_summary?format=csv` })).body;

describe('serve --redis', () => {
  it('cancels a Monte Carlo job whose batches wait for a worker', async () => {
    const queued = await openWorkbench('sqlite', { queue: { url: REDIS, prefix } });
    benches.push(queued);
    const id = await mcJob(queued, 8);
    await expect
      .poll(async () => (await queued.app.inject({ method: 'GET', url: `/api/runs/${id}` })).json().status, {
        timeout: 60_000,
      })
      .toBe('running');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await queued.app.inject({ method: 'POST', url: `/api/runs/${id}/cancel` })).statusCode).toBe(202);
    const run = await waitForRun(queued.app, id, 30_000);
    expect(run.status).not.toBe('running');
  });

  it('runs a Monte Carlo job’s draws on the workers, to the same summary as on its own threads', async () => {
    await startWorker();
    const queued = await openWorkbench('sqlite', { queue: { url: REDIS, prefix } });
    const local = await openWorkbench('sqlite');
    benches.push(queued, local);
    const [a, b] = [await mcJob(queued, 6), await mcJob(local, 6)];
    const [ra, rb] = [await waitForRun(queued.app, a), await waitForRun(local.app, b)];
    expect(ra.status, JSON.stringify(ra)).toBe('done');
    expect(rb.status, JSON.stringify(rb)).toBe('done');
    const done = [...log.matchAll(/draws (\d+)–(\d+) done/g)].reduce(
      (n, m) => n + Number(m[2]) - Number(m[1]) + 1,
      0,
    );
    expect(done).toBe(6);
    const s = await summary(queued, a);
    expect(s).toMatch(/^metric,period/);
    expect(s).toBe(await summary(local, b));
  });
});
