/**
 * Throughput of GET /api/runs/:id/report under load (issue 14 item 6): starts `lodestone serve` on a
 * fresh SQLite store in its own process, waits for its first baseline run, then keeps CLIENTS
 * keep-alive requests in flight for SECONDS and prints requests/s and latency percentiles.
 *
 *   npx tsx bench/report-route.ts            # 100 clients, 10 s
 *   CLIENTS=50 SECONDS=20 npx tsx bench/report-route.ts
 *   ROUTE=/api/datasets npx tsx bench/report-route.ts   # another route, for comparison
 *
 * Needs dist/ (npm run build): the server's jobs run the compiled worker. Not part of npm test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLIENTS = Number(process.env.CLIENTS ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 10);
/** A request slower than this counts as a timeout (as the measurement did). */
const TIMEOUT_MS = 10_000;

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'lodestone-bench-report-'));
const server = spawn(
  process.execPath,
  [join(root, 'bin', 'lodestone.js'), 'serve', '--port', '0', '--db', join(work, 'w.db')],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);

try {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d) => {
      out += d;
      const m = /Lodestone workbench: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const runId = await firstRunDone(url);
  // ROUTE=/api/health etc. measures another route on the same server, for comparison.
  const path = process.env.ROUTE
    ? `${url}${process.env.ROUTE.replace(/^\//, '')}`
    : `${url}api/runs/${runId}/report`;
  const first = await get(path, new http.Agent());
  console.log(`report of run ${runId}: ${first.bytes} bytes`);
  await load(path, 2, 2); // warm-up
  const r = await load(path, CLIENTS, SECONDS);
  const q = (p: number) => r.ms[Math.min(r.ms.length - 1, Math.floor(p * r.ms.length))]?.toFixed(0);
  console.log(
    `${CLIENTS} clients, ${SECONDS} s: ${(r.ms.length / SECONDS).toFixed(0)} req/s, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, ${r.errors} errors, ${r.timeouts} timeouts`,
  );
} finally {
  server.kill('SIGINT');
  await new Promise((r) => server.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}

async function firstRunDone(url: string): Promise<string> {
  for (;;) {
    const runs = JSON.parse((await get(`${url}api/runs`, new http.Agent())).body) as {
      id: string;
      status: string;
    }[];
    const run = runs[0];
    if (run?.status === 'done') return run.id;
    if (run && run.status !== 'queued' && run.status !== 'running') throw new Error(`run ${run.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function get(url: string, agent: http.Agent): Promise<{ status: number; body: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: body.toString('utf8'), bytes: body.length });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Reads a response without keeping it (the load loop must not spend its time on our side). */
function drain(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** CLIENTS loops, each one request at a time on its own keep-alive connection, until the time is up. */
async function load(url: string, clients: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const ms: number[] = [];
  let errors = 0;
  let timeouts = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          const status = await drain(url, agent);
          if (status === 200) ms.push(performance.now() - t0);
          else errors++;
        } catch (e) {
          if ((e as Error).message === 'timeout') timeouts++;
          else errors++;
        }
      }
    }),
  );
  agent.destroy();
  return { ms: ms.sort((a, b) => a - b), errors, timeouts };
}
