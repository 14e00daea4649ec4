/**
 * `npm run soak`: a bounded load and a crash, on SQLite and on PostgreSQL (issue #14). For each:
 *   1. start `lodestone serve` in its own process on a fresh store;
 *   2. load it: CLIENTS keep-alive clients for SECONDS on the read routes, some of them also
 *      submitting short runs and creating scenarios;
 *   3. kill -9 it while runs are queued and running, start it again on the same store;
 *   4. check nothing is lost: every scenario and run the server accepted is there, runs that
 *      finished kept their results, and every run left unfinished by the crash ends failed
 *      ("interrupted") once its lease expires — none stays queued or running.
 * Prints the figures (requests/s, latency, statuses, runs) and exits 1 if anything was lost or
 * any request got a 5xx. Needs dist/ (`npm run build`) and PostgreSQL on 127.0.0.1:5432.
 *
 *   npm run soak                     # 100 clients, 20 s per backend
 *   CLIENTS=50 SECONDS=10 npm run soak
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgres } from '../test/fixtures/postgres.js';

const CLIENTS = Number(process.env.CLIENTS ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 20);
/** Of each client's requests, this share submits a run and as many create a scenario. */
const WRITE_SHARE = 0.01;
/** How long a crashed server's runs may stay unfinished: the lease (30 s) and a heartbeat or two. */
const RECOVERY_MS = 60_000;
const ROOT = join(import.meta.dirname, '..');
const SHORT = 'name: soak\nextends: baseline\nhorizon: { start: 2025, end: 2026 }\n';

interface Response {
  readonly status: number;
  readonly body: string;
}

function request(
  base: string,
  agent: http.Agent,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${base}${path.replace(/^\//, '')}`,
      {
        method,
        agent,
        timeout: 30_000,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    // A refused or dropped connection (the server is down) is status 0, not an exception.
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => req.destroy());
    if (payload) req.write(payload);
    req.end();
  });
}

async function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'lodestone.js'), 'serve', '--port', '0', '--db', db, '--no-first-run'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Lodestone workbench: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { child, url };
}

const kill9 = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

interface Load {
  readonly latencies: number[];
  readonly statuses: Record<string, number>;
  readonly runs: string[];
  readonly scenarios: string[];
}

/** CLIENTS loops for SECONDS: reads mostly, a few run submissions and scenario creations. */
async function load(base: string): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const out: Load = { latencies: [], statuses: {}, runs: [], scenarios: [] };
  const stop = Date.now() + SECONDS * 1000;
  let n = 0;
  const reads = [
    '/api/health',
    '/api/scenarios',
    '/api/datasets',
    '/api/runs',
    '/api/scenarios/baseline',
    '/api/datasets/default/facilities',
  ];
  const client = async (c: number) => {
    for (let i = 0; Date.now() < stop; i++) {
      const t0 = performance.now();
      const roll = ((c * 7919 + i * 104729) % 1000) / 1000; // spread writes evenly, reproducibly
      let res: Response;
      if (roll < WRITE_SHARE) {
        res = await request(base, agent, 'POST', '/api/runs', { scenario: 'baseline', kind: 'run' });
        if (res.status === 202) out.runs.push((JSON.parse(res.body) as { id: string }).id);
      } else if (roll < 2 * WRITE_SHARE) {
        const id = `soak-${c}-${i}`;
        res = await request(base, agent, 'POST', '/api/scenarios', {
          id,
          yaml: SHORT.replace('name: soak', `name: ${id}`),
        });
        if (res.status === 201) out.scenarios.push(id);
      } else res = await request(base, agent, 'GET', reads[n++ % reads.length]!);
      out.latencies.push(performance.now() - t0);
      out.statuses[res.status] = (out.statuses[res.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  agent.destroy();
  out.latencies.sort((a, b) => a - b);
  return out;
}

interface RunRow {
  id: string;
  status: string;
  error: string | null;
  has_results: boolean;
}

async function soak(backend: string, db: string): Promise<{ ok: boolean; report: string }> {
  let server = await startServer(db);
  const agent = new http.Agent({ keepAlive: true });
  const t0 = performance.now();
  const l = await load(server.url);
  const seconds = (performance.now() - t0) / 1000;
  const before = JSON.parse((await request(server.url, agent, 'GET', '/api/runs')).body) as RunRow[];
  const unfinished = before.filter((r) => r.status === 'queued' || r.status === 'running').length;
  await kill9(server.child);
  const killedAt = performance.now();
  server = await startServer(db);
  // Wait until no run is queued or running: the crashed server's leases expire and are failed.
  let runs: RunRow[] = [];
  for (;;) {
    runs = JSON.parse((await request(server.url, agent, 'GET', '/api/runs')).body) as RunRow[];
    if (!runs.some((r) => r.status === 'queued' || r.status === 'running')) break;
    if (performance.now() - killedAt > RECOVERY_MS) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const recovered = (performance.now() - killedAt) / 1000;
  const scenarios = new Set(
    (JSON.parse((await request(server.url, agent, 'GET', '/api/scenarios')).body) as { id: string }[]).map(
      (s) => s.id,
    ),
  );
  const byId = new Map(runs.map((r) => [r.id, r]));
  const lostRuns = l.runs.filter((id) => !byId.has(id));
  const lostScenarios = l.scenarios.filter((id) => !scenarios.has(id));
  const stuck = runs.filter((r) => r.status === 'queued' || r.status === 'running');
  const doneWithout = runs.filter((r) => r.status === 'done' && !r.has_results);
  const failedOther = runs.filter((r) => r.status === 'failed' && !/interrupted|lease/i.test(r.error ?? ''));
  const count = (s: string) => runs.filter((r) => r.status === s).length;
  server.child.kill('SIGINT');
  await new Promise((r) => server.child.once('exit', r));
  agent.destroy();

  const q = (p: number) =>
    l.latencies[Math.min(l.latencies.length - 1, Math.floor(p * l.latencies.length))]!.toFixed(0);
  const fivexx = Object.entries(l.statuses)
    .filter(([s]) => Number(s) >= 500)
    .reduce((s, [, n]) => s + n, 0);
  const ok =
    fivexx === 0 &&
    lostRuns.length + lostScenarios.length + stuck.length + doneWithout.length + failedOther.length === 0;
  const report = [
    `${backend}: ${CLIENTS} clients, ${seconds.toFixed(0)} s: ${l.latencies.length} requests (${(l.latencies.length / seconds).toFixed(0)}/s), p50 ${q(0.5)} ms, p99 ${q(0.99)} ms; statuses ${JSON.stringify(l.statuses)}`,
    `  accepted ${l.runs.length} runs and ${l.scenarios.length} scenarios; ${unfinished} runs unfinished at kill -9`,
    `  after restart (${recovered.toFixed(0)} s): runs done ${count('done')}, failed ${count('failed')} (interrupted), cancelled ${count('cancelled')}; lost runs ${lostRuns.length}, lost scenarios ${lostScenarios.length}, stuck ${stuck.length}, done without results ${doneWithout.length}, failed otherwise ${failedOther.length}; 5xx ${fivexx}`,
    `  ${ok ? 'PASS' : 'FAIL'}`,
  ].join('\n');
  return { ok, report };
}

const dir = mkdtempSync(join(tmpdir(), 'lodestone-soak-'));
const pg = await freshPostgres();
try {
  const results = [await soak('SQLite', join(dir, 'soak.db')), await soak('PostgreSQL', pg.url)];
  process.stdout.write(`${results.map((r) => r.report).join('\n')}\n`);
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
} finally {
  await pg.drop();
  rmSync(dir, { recursive: true, force: true });
}
