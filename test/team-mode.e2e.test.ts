/**
 * Team mode (issue #20, item 3): two `serve` processes on one PostgreSQL database and one Redis,
 * sharing two `lodestone worker` processes. Runs and plans go to the workers whole, Monte Carlo jobs
 * as batches of draws; every job ends with the tables an embedded server makes, a job is seen from
 * either server, and a cancel sent to the other server stops a job on its worker. Then (item 2) a
 * server killed mid-job loses no finished draw: they are kept in PostgreSQL, and the same job sent
 * again after Redis lost them runs only the missing draws.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_QUEUE, JOB_QUEUE } from '../src/queue/names.js';
import { MINI_PLAN_YAML, miniPlanFiles } from './fixtures/plan-dataset.js';
import { freshPostgres } from './fixtures/postgres.js';
import { openWorkbench, SHORT_YAML, type Workbench } from './fixtures/workbench.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'lodestone.js');
const REDIS = process.env.LODESTONE_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const prefix = `lodestone-test-${process.pid}-${Date.now()}-team`;

interface Proc {
  readonly child: ChildProcess;
  readonly log: () => string;
}
const procs: Proc[] = [];
let db: { url: string; drop: () => Promise<void> };
let local: Workbench;

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
  let log = '';
  child.stdout!.on('data', (b) => (log += b));
  child.stderr!.on('data', (b) => (log += b));
  const proc = { child, log: () => log };
  procs.push(proc);
  return proc;
}

async function startWorker(): Promise<Proc> {
  const w = start([
    'worker',
    '--redis',
    REDIS,
    '--prefix',
    prefix,
    '--concurrency',
    '1',
    '--lock-seconds',
    '5',
  ]);
  await expect.poll(() => /Ctrl-C stops/.test(w.log()), { timeout: 30_000 }).toBe(true);
  return w;
}

/** A team-mode server: its base URL once it listens. */
async function startServer(queuePrefix = prefix): Promise<Proc & { url: string }> {
  const s = start([
    'serve',
    '--port',
    '0',
    '--db',
    db.url,
    '--redis',
    REDIS,
    '--queue-prefix',
    queuePrefix,
    '--no-first-run',
  ]);
  let url: string | undefined;
  await expect
    .poll(
      () => {
        url = /Lodestone workbench: (http:\/\/\S+)/.exec(s.log())?.[1];
        return url !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return { ...s, url: url! };
}

/** The API of a spawned server, or of the embedded one, the same way. */
interface Api {
  get(path: string): Promise<{ status: number; body: string }>;
  post(path: string, payload?: object): Promise<{ status: number; body: string }>;
}
const http = (base: string): Api => ({
  async get(path) {
    const r = await fetch(`${base}${path.slice(1)}`);
    return { status: r.status, body: await r.text() };
  },
  async post(path, payload = {}) {
    const r = await fetch(`${base}${path.slice(1)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    return { status: r.status, body: await r.text() };
  },
});
const injected = (wb: Workbench): Api => ({
  async get(url) {
    const r = await wb.app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.body };
  },
  async post(url, payload = {}) {
    const r = await wb.app.inject({ method: 'POST', url, payload });
    return { status: r.statusCode, body: r.body };
  },
});

type Run = { id: string; status: string; error: string | null; progress: { label: string } };
const runOf = async (api: Api, id: string) => JSON.parse((await api.get(`/api/runs/${id}`)).body) as Run;

async function submit(api: Api, payload: object): Promise<string> {
  const r = await api.post('/api/runs', payload);
  expect(r.status, r.body).toBe(202);
  return (JSON.parse(r.body) as Run).id;
}

async function waitDone(api: Api, id: string, timeoutMs = 240_000): Promise<Run> {
  const t0 = Date.now();
  for (;;) {
    const run = await runOf(api, id);
    if (run.status !== 'queued' && run.status !== 'running') return run;
    if (Date.now() - t0 > timeoutMs) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const table = async (api: Api, id: string, name: string) =>
  (await api.get(`/api/runs/${id}/tables/${name}?format=csv`)).body;

async function setUp(api: Api) {
  expect((await api.post('/api/datasets', { id: 'mini-plan', files: miniPlanFiles() })).status).toBe(201);
  const plan = `${MINI_PLAN_YAML}dataset: mini-plan\n`;
  expect((await api.post('/api/scenarios', { id: 'mini-plan', yaml: plan })).status).toBe(201);
  expect((await api.post('/api/scenarios', { id: 'short', yaml: SHORT_YAML })).status).toBe(201);
}

const JOBS = {
  run: { scenario: 'short', kind: 'run' },
  plan: { scenario: 'mini-plan', kind: 'plan', plan: { bloc: 'US', target: 1, by: 2028 } },
  mc: { scenario: 'short', kind: 'mc', draws: 4, seed: 7, workers: 1, blocs: [] },
} as const;
/** A table of each kind's results, compared with the embedded server's. */
const TABLES = { run: 'key_outputs', plan: 'plan', mc: 'mc_summary' } as const;

/** Draws the workers ran, from their logs. */
const drawsRun = (logs: string) =>
  [...logs.matchAll(/draws (\d+)–(\d+) done/g)].reduce((n, m) => n + Number(m[2]) - Number(m[1]) + 1, 0);

beforeAll(async () => {
  db = await freshPostgres();
  local = await openWorkbench('sqlite');
  await setUp(injected(local));
}, 60_000);

afterAll(async () => {
  for (const p of procs) p.child.kill('SIGKILL');
  await local?.close();
  await db?.drop();
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

let team: Promise<{ workers: Proc[]; apiA: Api; apiB: Api }> | undefined;
/** The two workers and two servers, started once for the file (the store set up through server A). */
function theTeam() {
  team ??= (async () => {
    const workers = [await startWorker(), await startWorker()];
    const [a, b] = [await startServer(), await startServer()];
    const apiA = http(a.url);
    await setUp(apiA);
    return { workers, apiA, apiB: http(b.url) };
  })();
  return team;
}

describe('team mode: serve on PostgreSQL with --redis', () => {
  it('runs runs, plans and Monte Carlo jobs from two servers on two workers, to the embedded tables', async () => {
    const { workers, apiA, apiB } = await theTeam();
    const embedded = injected(local);
    const expected: Record<string, string> = {};
    for (const [kind, job] of Object.entries(JOBS)) {
      const id = await submit(embedded, job);
      const run = await waitDone(embedded, id);
      expect(run.status, String(run.error)).toBe('done');
      expected[kind] = await table(embedded, id, TABLES[kind as keyof typeof TABLES]);
      expect(expected[kind]!.split('\n').length).toBeGreaterThan(2);
    }

    const submitted: { kind: keyof typeof JOBS; id: string; on: Api; other: Api }[] = [];
    for (const kind of Object.keys(JOBS) as (keyof typeof JOBS)[]) {
      submitted.push({ kind, id: await submit(apiA, JOBS[kind]), on: apiA, other: apiB });
      submitted.push({ kind, id: await submit(apiB, JOBS[kind]), on: apiB, other: apiA });
    }
    // Each job seen from the server it was not sent to: the list, its progress, its end and tables.
    const listed = JSON.parse((await apiB.get('/api/runs')).body) as { id: string }[];
    for (const s of submitted) expect(listed.map((r) => r.id)).toContain(s.id);
    for (const s of submitted) {
      const run = await waitDone(s.other, s.id);
      expect(run.status, `${s.kind}: ${run.error}`).toBe('done');
      expect(run.progress.label).toBe('done');
      expect(await table(s.other, s.id, TABLES[s.kind]), s.kind).toBe(expected[s.kind]);
    }
    const logs = workers.map((w) => w.log());
    // Runs and plans ran whole on the workers, Monte Carlo draws in batches (each drawn once).
    const whole = logs.join('').match(/job \S+: (run|plan) done/g) ?? [];
    expect(whole.length).toBe(4);
    expect(drawsRun(logs.join(''))).toBeLessThanOrEqual(8);
    expect(drawsRun(logs.join(''))).toBeGreaterThan(0);

    // A worker's failure is the job's, with the planner's reason.
    const unreachable = { ...JOBS.plan, plan: { bloc: 'US', target: 1, by: 2025 } };
    const failedHere = await waitDone(embedded, await submit(embedded, unreachable));
    const failedThere = await waitDone(apiB, await submit(apiB, unreachable));
    expect(failedHere.status).toBe('failed');
    expect(failedThere.status).toBe('failed');
    expect(failedThere.error).toBe(failedHere.error);

    // A cancel reaches a run its server sent to a worker: the worker stops it at its next period.
    const long = await submit(apiA, { scenario: 'baseline', kind: 'run' });
    await expect
      .poll(async () => (await runOf(apiB, long)).status, { timeout: 60_000, interval: 100 })
      .toBe('running');
    await expect
      .poll(() => workers.some((w) => w.log().includes(`job ${long}: run started`)), {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(true);
    expect((await apiA.post(`/api/runs/${long}/cancel`)).status).toBe(202);
    const cancelled = await waitDone(apiB, long, 60_000);
    expect(cancelled.status, String(cancelled.error)).toBe('cancelled');
    expect(workers.map((w) => w.log()).join('')).toContain(`job ${long}: cancelled`);
  }, 600_000);

  it('keeps a killed server’s finished draws in PostgreSQL: the job sent again runs only the rest', async () => {
    const { workers } = await theTeam();
    const job = { scenario: 'short', kind: 'mc', draws: 12, seed: 11, workers: 1, blocs: [] };
    const embedded = injected(local);
    const reference = await submit(embedded, job);
    expect((await waitDone(embedded, reference)).status).toBe('done');

    const store = new pg.Client({ connectionString: db.url });
    // The database is dropped after the file: a connection still open then must not fail the run.
    store.on('error', () => {});
    await store.connect();
    const count = async () => Number((await store.query('SELECT count(*) AS n FROM mc_draws')).rows[0].n);

    const c = await startServer();
    const apiC = http(c.url);
    const first = await submit(apiC, job);
    // Killed once it has stored some draws (its progress runs ahead of the store's writes).
    await expect.poll(count, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(4);
    c.child.kill('SIGKILL');
    await new Promise((r) => c.child.once('exit', r));

    // The batches it queued still finish on the workers, into Redis; then Redis loses them.
    const redis = new Redis(REDIS);
    const queue = new Queue(BATCH_QUEUE, { connection: redis, prefix });
    await expect
      .poll(
        async () => Object.values(await queue.getJobCounts('waiting', 'active')).reduce((n, k) => n + k, 0),
        {
          timeout: 60_000,
          interval: 200,
        },
      )
      .toBe(0);
    await queue.close();
    const drawKeys = await redis.keys(`${prefix}:mc:*`);
    if (drawKeys.length > 0) await redis.del(...drawKeys);
    await redis.quit();
    const kept = await count();
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(12);

    const before = workers.map((w) => w.log().length);
    const d = await startServer();
    const apiD = http(d.url);
    const again = await submit(apiD, job);
    const run = await waitDone(apiD, again);
    expect(run.status, String(run.error)).toBe('done');
    expect(await table(apiD, again, 'mc_summary')).toBe(await table(embedded, reference, 'mc_summary'));
    const ranAgain = drawsRun(workers.map((w, i) => w.log().slice(before[i])).join(''));
    expect(ranAgain).toBe(12 - kept);
    // The job complete, its kept draws are dropped; the killed one ended as interrupted, not running.
    expect(await count()).toBe(0);
    await store.end();
    const killed = await runOf(apiD, first);
    expect(['running', 'failed']).toContain(killed.status);
  }, 600_000);

  it('cancels a run still waiting in the queue for a worker', async () => {
    const idle = `${prefix}-idle`;
    await theTeam(); // the store holds the scenarios
    const e = await startServer(idle);
    const apiE = http(e.url);
    const id = await submit(apiE, JOBS.run);
    const redis = new Redis(REDIS);
    const queue = new Queue(JOB_QUEUE, { connection: redis, prefix: idle });
    await expect
      .poll(() => queue.getJobCounts('waiting').then((c) => c.waiting), { timeout: 30_000 })
      .toBe(1);
    expect((await apiE.post(`/api/runs/${id}/cancel`)).status).toBe(202);
    expect((await waitDone(apiE, id, 30_000)).status).toBe('cancelled');
    const left = await queue.getJobCounts('waiting', 'active');
    expect(left.waiting! + left.active!).toBe(0);
    await queue.close();
    await redis.quit();
  }, 120_000);
});
