/**
 * Redis connections for the queue. The first connect fails fast with a clear message (no endless
 * reconnecting to a wrong address); afterwards a connection rides out short outages: a worker keeps
 * trying, a coordinator gives up after about half a minute.
 */
import { Redis } from 'ioredis';
import { InputError } from '../dataset/problems.js';

const CONNECT_TIMEOUT_MS = 3000;

export interface ConnectOptions {
  /** The command and option that named the URL, for messages (`mc`, `--queue`). */
  readonly command: string;
  readonly option: string;
  /** Retry for ever after losing a connection that worked (a worker); else give up after ~30 s. */
  readonly persistent?: boolean;
}

function badUrl(o: ConnectOptions, message: string) {
  return new InputError([{ severity: 'error', file: o.command, field: o.option, message }]);
}

/** A connected client (with `maxRetriesPerRequest: null`, as BullMQ's workers need), or an InputError. */
export async function connectRedis(url: string, o: ConnectOptions): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl(o, `expected a Redis URL such as redis://HOST:6379, got "${url}"`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw badUrl(o, `expected a redis:// or rediss:// URL, got "${url}"`);
  let connected = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => {
      if (!connected) return null;
      if (!o.persistent && times > 30) return null;
      return Math.min(times * 200, 2000);
    },
  });
  // Failures surface through the commands that fail; without a listener ioredis prints each one.
  let lastError: Error | undefined;
  redis.on('error', (e: Error) => {
    lastError = e;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    // The socket's error (ECONNREFUSED…) says more than the "Connection is closed" that follows it.
    const cause = lastError ?? e;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw badUrl(o, `cannot reach Redis at ${redactedUrl(parsed)}: ${why}`);
  }
  connected = true;
  return redis;
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: URL | string): string {
  const u = new URL(String(url));
  if (u.password) u.password = '***';
  return u.toString();
}
