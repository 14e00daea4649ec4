/**
 * Starts the workbench: opens the store (SQLite file by default, PostgreSQL from DATABASE_URL),
 * builds the server, listens, and queues a baseline run on an empty store so the first visit shows
 * results. Refuses to listen beyond loopback without a token for the write routes.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../dataset/problems.js';
import { connectRedis } from '../queue/connection.js';
import { buildServer } from './app.js';
import { registerDataset } from './library.js';
import type { ZodApp } from './routes/types.js';
import { startRun } from './services/runs.js';
import { removeStaleTemp } from './stale-temp.js';
import { openStore } from './storage/connect.js';
import { listRuns } from './storage/runs.js';
import { getScenario } from './storage/scenarios.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  /** SQLite file or postgres:// URL. */
  readonly db: string;
  readonly token?: string | undefined;
  /** Names a proxy forwards, besides the loopback ones (see ServerOptions.allowHosts). */
  readonly allowHosts?: readonly string[];
  readonly logger?: boolean;
  /** More dataset folders to register, each under its folder name (scenarios name it in `dataset:`). */
  readonly datasets?: readonly string[];
  /** Queue a baseline run when the store has no runs (default true). */
  readonly firstRun?: boolean;
  /** `--redis`: Monte Carlo jobs' draws run on `lodestone worker` processes through a queue there. */
  readonly queue?: { readonly url: string; readonly prefix: string } | undefined;
}

export const defaultDbFile = (): string => join(homedir(), '.lodestone', 'workbench.db');

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** Returns the listening server and its URL; the caller closes it. */
export async function startWorkbench(
  o: ServeOptions,
): Promise<{ app: ZodApp; url: string; storage: string }> {
  if (!isLoopback(o.host) && !o.token) {
    throw new InputError([
      {
        severity: 'error',
        file: 'serve',
        field: '--host',
        message: `listening on ${o.host} exposes the workbench beyond this machine: set LODESTONE_TOKEN to a secret the write routes will require`,
      },
    ]);
  }
  // An unreachable Redis is a bad --redis, said now rather than at the first Monte Carlo job.
  if (o.queue) await (await connectRedis(o.queue.url, { command: 'serve', option: '--redis' })).quit();
  removeStaleTemp();
  const store = await openStore(o.db);
  const { app, ctx } = await buildServer({
    store,
    token: o.token,
    allowHosts: o.allowHosts ?? [],
    logger: o.logger ?? false,
    closeStore: true,
    queue: o.queue,
  });
  for (const dir of o.datasets ?? []) await registerDataset(ctx, dir);
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(`port ${o.port} on ${o.host} is already in use; choose another with --port`);
    throw e;
  }
  if (
    o.firstRun !== false &&
    (await listRuns(ctx.db)).length === 0 &&
    (await getScenario(ctx.db, 'baseline'))
  ) {
    await startRun(ctx, { scenario: 'baseline', kind: 'run' });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const storage = `${store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${store.location}`;
  return { app, url: `http://${host}:${port}/`, storage };
}
