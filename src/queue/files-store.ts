/**
 * A whole job's output files in Redis, from the worker that ran it to the server that queued it:
 * gzipped JSON, each file's bytes in base64 (text files stay text).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { OutputFile } from '../results/write-run.js';
import { RUN_SECONDS, redisKeys } from './names.js';

type StoredFile = { name: string; text: string } | { name: string; base64: string };

export function encodeFiles(files: readonly OutputFile[]): Buffer {
  const stored: StoredFile[] = files.map((f) =>
    typeof f.content === 'string'
      ? { name: f.name, text: f.content }
      : { name: f.name, base64: Buffer.from(f.content).toString('base64') },
  );
  return gzipSync(JSON.stringify(stored));
}

export function decodeFiles(bytes: Buffer): OutputFile[] {
  const stored = JSON.parse(gunzipSync(bytes).toString('utf8')) as StoredFile[];
  return stored.map((f) =>
    'text' in f
      ? { name: f.name, content: f.text }
      : { name: f.name, content: new Uint8Array(Buffer.from(f.base64, 'base64')) },
  );
}

export async function storeJobFiles(redis: Redis, prefix: string, id: string, files: readonly OutputFile[]) {
  await redis.set(redisKeys(prefix).jobFiles(id), encodeFiles(files), 'EX', RUN_SECONDS);
}

/** The job's files (and drops them from Redis), or undefined when none are kept. */
export async function takeJobFiles(
  redis: Redis,
  prefix: string,
  id: string,
): Promise<OutputFile[] | undefined> {
  const key = redisKeys(prefix).jobFiles(id);
  const bytes = await redis.getBuffer(key);
  if (!bytes) return undefined;
  await redis.del(key);
  return decodeFiles(bytes);
}
