/**
 * The run inputs in Redis: stored once per job by their hash (a batch job names them instead of
 * carrying megabytes), as gzipped JSON with each dataset file's bytes in base64.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { RunInputs } from '../scenario/inputs.js';
import { KEEP_SECONDS, redisKeys } from './names.js';

interface StoredInputs {
  readonly chain: RunInputs['chain'];
  readonly dataset: { location: string; name: string; files: { name: string; content: string }[] };
}

export function encodeInputs(inputs: RunInputs): Buffer {
  const stored: StoredInputs = {
    chain: inputs.chain,
    dataset: {
      location: inputs.dataset.location,
      name: inputs.dataset.name,
      files: inputs.dataset.files.map((f) => ({
        name: f.name,
        content: Buffer.from(f.content).toString('base64'),
      })),
    },
  };
  return gzipSync(JSON.stringify(stored));
}

export function decodeInputs(bytes: Buffer): RunInputs {
  const stored = JSON.parse(gunzipSync(bytes).toString('utf8')) as StoredInputs;
  return {
    chain: stored.chain,
    dataset: {
      ...stored.dataset,
      files: stored.dataset.files.map((f) => ({
        name: f.name,
        content: new Uint8Array(Buffer.from(f.content, 'base64')),
      })),
    },
  };
}

export async function storeInputs(redis: Redis, prefix: string, hash: string, inputs: RunInputs) {
  await redis.set(redisKeys(prefix).inputs(hash), encodeInputs(inputs), 'EX', KEEP_SECONDS);
}

/** The inputs stored under `hash`, or undefined when none are (never stored, or expired). */
export async function loadInputs(redis: Redis, prefix: string, hash: string): Promise<RunInputs | undefined> {
  const bytes = await redis.getBuffer(redisKeys(prefix).inputs(hash));
  return bytes ? decodeInputs(bytes) : undefined;
}
