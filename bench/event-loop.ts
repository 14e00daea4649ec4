/**
 * How long one heavy request stops the server answering others: a 30 MB dataset upload and a
 * scenario validation on the default dataset, each sent while a ticker measures the longest gap
 * of the event loop. Run: npx tsx bench/event-loop.ts (after npm run build: the loading thread is
 * the compiled module).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDatasetDir } from '../src/scenario/package-root.js';
import { buildServer } from '../src/server/app.js';
import { openStore } from '../src/server/storage/connect.js';

/** Resolves to the longest gap (ms) between ticks of a 1 ms timer while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stall: number; total: number }> {
  let last = performance.now();
  let stall = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  await work();
  const total = performance.now() - t0;
  clearInterval(ticker);
  return { stall, total };
}

const store = await openStore(':memory:');
const { app } = await buildServer({ store });
const files: Record<string, string> = {};
for (const f of readdirSync(defaultDatasetDir()))
  files[f] = readFileSync(join(defaultDatasetDir(), f), 'utf8');
// 30 MB of comment lines at the end of demand.csv: parsed (and skipped) like any other line.
files['demand.csv'] += `${'# padding to make the upload big, skipped by the CSV reader\n'.repeat(500_000)}`;
const bytes = Object.values(files).reduce((s, t) => s + t.length, 0);
const payload = JSON.stringify({ id: 'big', files });

const results: Record<string, { stall: number; total: number; status: number }> = {};
for (const [name, send] of [
  [
    'upload',
    () =>
      app.inject({
        method: 'POST',
        url: '/api/datasets',
        payload,
        headers: { 'content-type': 'application/json' },
      }),
  ],
  [
    'validate',
    () =>
      app.inject({
        method: 'POST',
        url: '/api/scenarios/validate',
        payload: { yaml: 'name: x\nextends: baseline\n' },
      }),
  ],
] as const) {
  let status = 0;
  const r = await longestStall(async () => {
    status = (await send()).statusCode;
  });
  results[name] = { ...r, status };
}
console.log(`upload of ${(bytes / 1e6).toFixed(1)} MB`);
for (const [name, r] of Object.entries(results))
  console.log(
    `${name}: HTTP ${r.status}, ${r.total.toFixed(0)} ms in all, longest event-loop stall ${r.stall.toFixed(0)} ms`,
  );
await app.close();
await store.close();
