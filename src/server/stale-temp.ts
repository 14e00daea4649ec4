/**
 * Servers before 0.2 wrote scenarios, dataset copies and run outputs to temporary folders, which a
 * crash left behind (up to 64 MB each). This server writes none; at start it removes those an
 * earlier server left, once they are an hour old (an older server still running keeps its own).
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STALE = /^lodestone-(run|scenario|datasets)-/;
const AGE_MS = 60 * 60 * 1000;

/** Removes the stale folders; returns how many. */
export function removeStaleTemp(dir = tmpdir(), now = Date.now()): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!STALE.test(name)) continue;
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (!stat.isDirectory() || now - stat.mtimeMs < AGE_MS) continue;
      rmSync(path, { recursive: true, force: true });
      removed++;
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
