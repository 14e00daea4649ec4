import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_PLAN_YAML, miniPlanFiles } from '../../test/fixtures/plan-dataset.js';
import { openWorkbench, SHORT_YAML, type Workbench, waitForRun } from '../../test/fixtures/workbench.js';
import { registerDataset } from './library.js';

const MINI = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'mini-dataset');

/** Folders of this machine a path in a response would give away. */
const MACHINE_PATH =
  /(^|[\s"'(=,:;])\/(tmp|root|home|work|usr|var|etc|opt|srv|mnt|proc|dev|private|Users|nix)(\/|$)/;
const OWN = [process.cwd(), realpathSync(tmpdir()), tmpdir()].map((p) => `${p}/`);
const leaks = (s: string) => MACHINE_PATH.test(s) || OWN.some((p) => s.includes(p));

/** Every string in a JSON value, with where it is. */
function* strings(v: unknown, at = ''): Generator<[string, string]> {
  if (typeof v === 'string') yield [at, v];
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* strings(x, `${at}[${i}]`);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) yield* strings(x, `${at}.${k}`);
}

describe('responses', () => {
  let wb: Workbench;
  let folder: string;
  beforeAll(async () => {
    wb = await openWorkbench('sqlite');
    folder = mkdtempSync(join(tmpdir(), 'lodestone-paths-'));
    cpSync(MINI, join(folder, 'folder-set'), { recursive: true });
    await registerDataset(wb.ctx, join(folder, 'folder-set'));
    const files = Object.fromEntries(readdirSync(MINI).map((f) => [f, readFileSync(join(MINI, f), 'utf8')]));
    const post = (url: string, payload: object) => wb.app.inject({ method: 'POST', url, payload });
    expect((await post('/api/datasets', { id: 'uploaded', files })).statusCode).toBe(201);
    expect((await post('/api/scenarios', { id: 'short', yaml: SHORT_YAML })).statusCode).toBe(201);
    // A plan, whose results are its own routes (/plan, /plan/scenario) and tables, not a report.
    expect((await post('/api/datasets', { id: 'mini-plan', files: miniPlanFiles() })).statusCode).toBe(201);
    const planYaml = `${MINI_PLAN_YAML}dataset: mini-plan\n`;
    expect((await post('/api/scenarios', { id: 'mini-plan', yaml: planYaml })).statusCode).toBe(201);
    for (const body of [
      { scenario: 'short' },
      { scenario: 'short', kind: 'mc', draws: 2, workers: 1, blocs: [] },
      { scenario: 'mini-plan', kind: 'plan', plan: { by: 2028, project_values: true } },
    ]) {
      const run = await waitForRun(wb.app, (await post('/api/runs', body)).json().id);
      expect(run.status, String(run.error)).toBe('done');
    }
  }, 120_000);
  afterAll(async () => {
    await wb.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const getJson = async (url: string) => (await wb.app.inject({ method: 'GET', url })).json() as unknown;

  /** Whether a run of this kind answers the route: a plan has the plan routes and tables, other runs the report, trace and metrics. */
  const fits = (route: string, kind: string | undefined) => {
    if (kind === undefined || !route.startsWith('/api/runs/:id/') || route.includes('/tables')) return true;
    return route.startsWith('/api/runs/:id/plan') === (kind === 'plan');
  };

  /** Values for a route's parameters: every stored id, and a few of each kind of thing under it. */
  async function urlsOf(route: string): Promise<string[]> {
    if (!route.includes(':')) return [route];
    const [head] = route.split('/:');
    const records = (await getJson(head!)) as { id: string; kind?: string }[];
    const ids = records.filter((x) => fits(route, x.kind)).map((x) => x.id);
    const urls: string[] = [];
    for (const id of ids) {
      const withId = route.replace(':id', id);
      if (withId.includes(':facility')) {
        const fs = (await getJson(`/api/datasets/${id}/facilities`)) as { id: string }[];
        urls.push(withId.replace(':facility', fs[0]!.id));
      } else if (withId.startsWith('/api/datasets/') && withId.includes(':name')) {
        for (const f of (await getJson(`/api/datasets/${id}/files`)) as { name: string }[])
          urls.push(withId.replace(':name', f.name));
      } else if (withId.includes(':name')) {
        for (const t of (await getJson(`/api/runs/${id}/tables`)) as { name: string }[])
          urls.push(withId.replace(':name', t.name));
      } else urls.push(withId);
    }
    return urls;
  }

  it('never give away a path of the server machine', async () => {
    const gets = wb.routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/'));
    expect(gets.length).toBeGreaterThan(15);
    const runIds = ((await getJson('/api/runs')) as { id: string; kind: string }[])
      .filter((r) => r.kind !== 'plan')
      .map((r) => r.id);
    const found: string[] = [];
    let checked = 0;
    for (const route of gets) {
      const urls =
        route.url === '/api/compare' ? [`/api/compare?runs=${runIds.join(',')}`] : await urlsOf(route.url);
      for (const url of urls) {
        const res = await wb.app.inject({ method: 'GET', url });
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
        checked++;
        const type = String(res.headers['content-type']);
        if (type.includes('json')) {
          for (const [at, s] of strings(res.json())) if (leaks(s)) found.push(`${url} ${at}: ${s}`);
        } else if (type.includes('spreadsheetml')) {
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
          book.eachSheet((sheet) =>
            sheet.eachRow((row) => {
              for (const v of [row.values].flat(2))
                if (typeof v === 'string' && leaks(v)) found.push(`${url} ${sheet.name}: ${v}`);
            }),
          );
        } else if (leaks(res.body)) found.push(`${url}: ${res.body.split('\n').find(leaks)}`);
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(found).toEqual([]);
  });
});
