import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DrawResult } from '../../uncertainty/draw.js';
import { openStore } from './connect.js';
import { dropDraws, keepDraws, keptDraws } from './mc-draws.js';

const dir = mkdtempSync(join(tmpdir(), 'lodestone-draws-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const draw = (i: number, marker = 'a') => ({ draw: i, marker }) as unknown as DrawResult;

describe('kept Monte Carlo draws', () => {
  it('keeps each draw once per job, reads those below a count in order, and drops a job’s', async () => {
    const store = await openStore(join(dir, 'w.db'));
    try {
      await keepDraws(store.db, 'job1', [draw(3), draw(0)]);
      // A batch run twice (a stalled worker finished after all): the first copy stays.
      await keepDraws(store.db, 'job1', [draw(3, 'b'), draw(5)]);
      await keepDraws(store.db, 'job2', [draw(1)]);
      expect(await keptDraws(store.db, 'job1', 10)).toEqual([draw(0), draw(3), draw(5)]);
      expect(await keptDraws(store.db, 'job1', 4)).toEqual([draw(0), draw(3)]);
      await dropDraws(store.db, 'job1');
      expect(await keptDraws(store.db, 'job1', 10)).toEqual([]);
      expect(await keptDraws(store.db, 'job2', 10)).toEqual([draw(1)]);
    } finally {
      await store.close();
    }
  });
});
