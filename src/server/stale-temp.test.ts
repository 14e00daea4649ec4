import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTemp } from './stale-temp.js';

const root = mkdtempSync(join(tmpdir(), 'lodestone-stale-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('stale temporary folders', () => {
  it('removes what an earlier server left an hour ago or more, and nothing else', () => {
    const make = (name: string, hoursAgo: number) => {
      const dir = join(root, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'production.csv'), 'x');
      const t = (Date.now() - hoursAgo * 3600_000) / 1000;
      utimesSync(dir, t, t);
      return dir;
    };
    const old = [
      make('lodestone-run-abc', 2),
      make('lodestone-scenario-def', 5),
      make('lodestone-datasets-ghi', 25),
    ];
    const young = make('lodestone-run-new', 0.1);
    const other = make('lodestone-wb-keep', 48);
    expect(removeStaleTemp(root)).toBe(3);
    for (const d of old) expect(existsSync(d)).toBe(false);
    expect(existsSync(young)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });
});
