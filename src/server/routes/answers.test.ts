import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  openWorkbench,
  SHORT_YAML,
  type Workbench,
  waitForRun,
} from '../../../test/fixtures/workbench.js';

interface Answers {
  scenario: string;
  run: {
    id: string;
    free: string;
    taint: { set: string };
    periods: string[];
    blocs: {
      bloc: string;
      served: number[];
      potential: number[];
      upper_bound: number[];
      fully_served: string | null;
    }[];
  } | null;
  active: { id: string } | null;
  note: string | null;
}

describe.each(BACKENDS)('GET /api/answers (%s)', (backend) => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench(backend);
  });
  afterAll(() => wb.close());
  const get = async <T>(url: string) => (await wb.app.inject({ method: 'GET', url })).json() as T;

  it('lists the library in reading order, saying which scenarios have no finished run', async () => {
    const list = await get<Answers[]>('/api/answers');
    expect(list.slice(0, 3).map((a) => a.scenario)).toEqual([
      'baseline',
      'china-controls-2025-04',
      'china-controls-2025-10',
    ]);
    expect(list.every((a) => a.run === null && a.active === null && a.note === null)).toBe(true);
  });

  it('gives a finished run’s bloc shares, the same as its self_sufficiency table', async () => {
    await wb.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: { id: 'short', yaml: SHORT_YAML },
    });
    const started = await wb.app.inject({ method: 'POST', url: '/api/runs', payload: { scenario: 'short' } });
    const run = await waitForRun(wb.app, started.json().id);
    expect(run.status).toBe('done');
    const short = (await get<Answers[]>('/api/answers')).find((a) => a.scenario === 'short')!;
    expect(short.run).toMatchObject({
      id: run.id,
      free: 'FEOC-free',
      taint: { set: 'feoc' },
      periods: ['2025', '2026'],
    });
    expect(short.run!.blocs.map((b) => b.bloc)).toEqual(['US', 'US+allies', 'EU']);
    const table = await get<{ columns: string[]; rows: (string | number)[][] }>(
      `/api/runs/${run.id}/tables/self_sufficiency?stage=chain&bloc=US&period=2026`,
    );
    const at = (measure: string) => {
      const [m, ratio] = ['measure', 'ratio'].map((c) => table.columns.indexOf(c)) as [number, number];
      return table.rows.find((r) => r[m] === measure)![ratio];
    };
    const us = short.run!.blocs[0]!;
    expect(us.served[1]).toBeCloseTo(at('served') as number, 6);
    expect(us.potential[1]).toBeCloseTo(at('potential') as number, 6);
    expect(us.upper_bound[1]).toBeCloseTo(at('upper_bound') as number, 6);
  });
});
