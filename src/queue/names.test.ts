import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunInputs } from '../scenario/disk.js';
import { inputsHash } from '../scenario/inputs.js';
import { decodeInputs, encodeInputs } from './inputs-store.js';
import { BatchJobData, mcJobKey } from './names.js';

const MINI = readRunInputs(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'scenarios', 'mini-uncertain.yaml'),
);

describe('the queue’s names and stored inputs', () => {
  it('stores the inputs so that a worker reproduces their hash, in a fraction of their size', () => {
    const bytes = encodeInputs(MINI);
    const back = decodeInputs(bytes);
    expect(inputsHash(back)).toBe(inputsHash(MINI));
    expect(back.dataset.files.map((f) => f.name)).toEqual(MINI.dataset.files.map((f) => f.name));
    const raw = MINI.dataset.files.reduce((n, f) => n + f.content.length, 0);
    expect(bytes.length).toBeLessThan(raw);
  });

  it('gives a job one key per inputs, seed, sampling and blocs (what a draw depends on besides its index)', () => {
    const job = { inputsKey: inputsHash(MINI), seed: 3, blocs: ['US'] };
    const key = mcJobKey(job);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(mcJobKey({ ...job })).toBe(key);
    expect(mcJobKey({ ...job, sampling: { method: 'random' } })).toBe(key);
    const others = [
      { ...job, seed: 4 },
      { ...job, blocs: undefined },
      { ...job, sampling: { method: 'lhs' as const, block: 24 } },
      { ...job, sampling: { method: 'lhs' as const, block: 64 } },
      { ...job, inputsKey: '0'.repeat(64) },
    ].map(mcJobKey);
    expect(new Set([key, ...others]).size).toBe(6);
  });

  it('checks a batch job’s data', () => {
    const data = {
      run: 'r',
      job: 'a'.repeat(64),
      inputs: 'b'.repeat(64),
      version: '0.1.0',
      seed: 1,
      draws: [0, 1],
    };
    expect(BatchJobData.parse(data)).toEqual(data);
    expect(BatchJobData.safeParse({ ...data, draws: [] }).success).toBe(false);
    expect(BatchJobData.safeParse({ ...data, inputs: 'not a hash' }).success).toBe(false);
    expect(BatchJobData.safeParse({ ...data, sampling: { method: 'halton' } }).success).toBe(false);
  });
});
