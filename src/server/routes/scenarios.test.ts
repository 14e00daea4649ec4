import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  openWorkbench,
  SHORT_YAML,
  type Workbench,
  waitForRun,
} from '../../../test/fixtures/workbench.js';
import { registerDataset } from '../library.js';

describe.each(BACKENDS)('scenario routes (%s)', (backend) => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench(backend);
  });
  afterAll(() => wb.close());
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    wb.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('imports the scenario library on first start', async () => {
    const list = (await send('GET', '/api/scenarios')).json() as { id: string; extends: string | null }[];
    const ids = list.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['baseline', 'china-controls-2025-04', 'allied-buildout']));
    expect(list.find((s) => s.id === 'china-controls-2025-04')!.extends).toBe('baseline');
    const baseline = (await send('GET', '/api/scenarios/baseline')).json() as { yaml: string; name: string };
    expect(baseline.name).toBe('baseline');
    expect(baseline.yaml).toContain('horizon');
  });

  it('creates, reads, replaces and deletes a scenario', async () => {
    const created = await send('POST', '/api/scenarios', { id: 'short', yaml: SHORT_YAML });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'short', name: 'short', extends: 'baseline' });
    expect((await send('POST', '/api/scenarios', { id: 'short', yaml: SHORT_YAML })).statusCode).toBe(409);

    const replaced = await send('PUT', '/api/scenarios/short', {
      yaml: SHORT_YAML.replace('name: short', 'name: shorter'),
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().name).toBe('shorter');
    expect((await send('GET', '/api/scenarios/short')).json().yaml).toContain('name: shorter');

    const child = await send('POST', '/api/scenarios', {
      id: 'short-child',
      yaml: 'name: c\nextends: short\n',
    });
    expect(child.statusCode).toBe(201);
    const blocked = await send('DELETE', '/api/scenarios/short');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toContain('short-child');
    expect((await send('DELETE', '/api/scenarios/short-child')).statusCode).toBe(204);
    expect((await send('DELETE', '/api/scenarios/short')).statusCode).toBe(204);
    expect((await send('GET', '/api/scenarios/short')).statusCode).toBe(404);
    expect((await send('PUT', '/api/scenarios/short', { yaml: SHORT_YAML })).statusCode).toBe(404);
  });

  it('rejects an invalid scenario with every problem and the line the author wrote', async () => {
    const yaml = [
      'name: broken',
      'extends: baseline',
      'delays:',
      '  - facilities: [mp-mountain-pass-mine]',
      '    years: soon',
      'overrides:',
      '  - { table: facilities, id: no-such-plant, set: { capacity: 1 } }',
    ].join('\n');
    const res = await send('POST', '/api/scenarios', { id: 'broken', yaml });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: string; problems: { file: string; line: number; field: string }[] };
    expect(body.error).toBe('invalid_scenario');
    expect(body.problems[0]).toMatchObject({ file: 'scenarios/broken', line: 5, field: 'delays.0.years' });
    expect((await send('GET', '/api/scenarios/broken')).statusCode).toBe(404);

    const unknownKey = await send('POST', '/api/scenarios/validate', {
      yaml: 'name: x\nextends: baseline\ncolour: red\n',
    });
    expect(unknownKey.json()).toMatchObject({
      ok: false,
      problems: [{ line: 3, field: 'colour', message: 'unknown field "colour"' }],
    });
    const missingParent = await send('POST', '/api/scenarios/validate', {
      yaml: 'name: x\n\nextends: nowhere\n',
    });
    expect(missingParent.json()).toMatchObject({
      ok: false,
      problems: [{ file: 'scenarios/draft', line: 3, field: 'extends' }],
    });
    const override = await send('POST', '/api/scenarios/validate', {
      id: 'mine',
      yaml: 'name: x\nextends: baseline\noverrides:\n  - { table: facilities, id: no-such-plant, set: { capacity: 1 } }\n',
    });
    expect(override.json()).toMatchObject({ ok: false, problems: [{ file: 'scenarios/mine', line: 4 }] });
    expect((await send('POST', '/api/scenarios/validate', { yaml: SHORT_YAML })).json()).toMatchObject({
      ok: true,
    });
  });

  it('runs scenarios on a registered dataset named in `dataset:`', async () => {
    const id = await registerDataset(
      wb.ctx,
      join(import.meta.dirname, '../../../test/fixtures/mini-dataset'),
    );
    expect(id).toBe('mini-dataset');
    const datasets = (await send('GET', '/api/datasets')).json() as { id: string }[];
    expect(datasets.map((d) => d.id)).toEqual(['default', 'mini-dataset']);
    const yaml = 'name: on-mini\ndataset: mini-dataset\nhorizon: { start: 2025, end: 2026 }\n';
    expect((await send('POST', '/api/scenarios', { id: 'on-mini', yaml })).statusCode).toBe(201);
    const unknown = await send('POST', '/api/scenarios/validate', {
      yaml: 'name: x\n\ndataset: elsewhere\n',
    });
    expect(unknown.json()).toMatchObject({
      ok: false,
      problems: [
        {
          file: 'scenarios/draft',
          line: 3,
          field: 'dataset',
          message: expect.stringContaining('"elsewhere"'),
        },
      ],
    });
    const run = (await send('POST', '/api/runs', { scenario: 'on-mini' })).json() as { id: string };
    const done = await waitForRun(wb.app, run.id);
    expect(done.status).toBe('done');
    const demand = (await send('GET', `/api/runs/${run.id}/tables/demand?limit=1`)).json() as {
      total: number;
    };
    expect(demand.total).toBeGreaterThan(0);
  });

  it('answers bad requests with a 4xx naming the field', async () => {
    const badId = await send('POST', '/api/scenarios', { id: '../etc', yaml: SHORT_YAML });
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toMatchObject({ error: 'bad_request', problems: [{ field: 'id' }] });
    const extra = await send('POST', '/api/scenarios', { id: 'x', yaml: SHORT_YAML, colour: 'red' });
    expect(extra.statusCode).toBe(400);
    const notJson = await wb.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { 'content-type': 'application/json' },
      payload: '{"id": "x", ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toBe('bad_request');
    const tooLarge = await send('POST', '/api/scenarios', {
      id: 'big',
      yaml: `name: big\n#${'x'.repeat(1_100_000)}`,
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toBe('too_large');
    const tooLong = await send('POST', '/api/scenarios/validate', { yaml: `#${'x'.repeat(300_000)}` });
    expect(tooLong.statusCode).toBe(400);
  });
});
