/** `lodestone serve`: runs the workbench until Ctrl-C. */
import { InputError } from '../dataset/problems.js';
import { defaultDbFile, startWorkbench } from '../server/serve.js';
import type { Io } from './commands.js';
import { EXIT } from './exit-codes.js';

export interface ServeCliOptions {
  port: string;
  host: string;
  db?: string;
  data?: string[];
  allowHost?: string[];
  firstRun?: boolean;
  redis?: string;
  queuePrefix: string;
}

export async function serveCommand(opts: ServeCliOptions, io: Io): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError([
      {
        severity: 'error',
        file: 'serve',
        field: '--port',
        message: `expected a port 0–65535, got "${opts.port}"`,
      },
    ]);
  }
  const db = opts.db ?? process.env.DATABASE_URL ?? defaultDbFile();
  // Listen for Ctrl-C before announcing the URL: a signal right after it must stop cleanly too.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const { app, url, storage } = await startWorkbench({
    host: opts.host,
    port,
    db,
    token: process.env.LODESTONE_TOKEN || undefined,
    allowHosts: [
      ...(opts.allowHost ?? []),
      ...(process.env.LODESTONE_ALLOW_HOSTS ?? '').split(',').map((h) => h.trim()),
    ].filter(Boolean),
    firstRun: opts.firstRun,
    datasets: opts.data ?? [],
    queue: opts.redis ? { url: opts.redis, prefix: opts.queuePrefix } : undefined,
  });
  io.out(`Lodestone workbench: ${url}\n`);
  io.err(`storage: ${storage}; API docs: ${url}docs; Ctrl-C stops\n`);
  await stopped;
  io.err('stopping\n');
  await app.close();
  return EXIT.ok;
}
