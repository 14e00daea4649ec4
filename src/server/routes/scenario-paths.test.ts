/**
 * Scenarios sent to the server can only name stored scenarios and datasets: a path written through
 * a YAML alias, a device, a folder or a hostile YAML costs a 200/422 naming the field, never a
 * read of the server's files, a 500 or a hang (issue #14, item 2 and 3).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../../test/fixtures/workbench.js';

const LAUGHS = [
  'name: lol',
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  '',
].join('\n');

describe('scenario paths on the server', () => {
  let wb: Workbench;
  let folder: string;
  beforeAll(async () => {
    wb = await openWorkbench('sqlite');
    // A folder holding a copy of a valid dataset's name, to show it is never read.
    folder = mkdtempSync(join(tmpdir(), 'lodestone-elsewhere-'));
    writeFileSync(join(folder, 'dataset.yaml'), 'name: elsewhere\n');
  });
  afterAll(async () => {
    await wb.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const validate = async (yaml: string) => {
    const t0 = performance.now();
    const res = await wb.app.inject({ method: 'POST', url: '/api/scenarios/validate', payload: { yaml } });
    return { res, ms: performance.now() - t0, body: res.json() as Record<string, unknown> };
  };
  const problems = (body: Record<string, unknown>) =>
    (body.problems as { field?: string; line?: number; message: string }[]) ?? [];

  it('reads no device or file an alias names in `extends`', async () => {
    for (const path of ['/dev/urandom', '/dev/zero', '/proc/self/status', '/etc/passwd', folder]) {
      const { res, body, ms } = await validate(`name: x\ndescription: &e ${path}\nextends: *e\n`);
      expect(res.statusCode).toBe(200);
      expect(body.ok).toBe(false);
      expect(problems(body)).toEqual([
        expect.objectContaining({
          field: 'extends',
          line: 3,
          message: `no stored scenario "${path}" to extend`,
        }),
      ]);
      expect(ms).toBeLessThan(5_000);
      // Nothing of the file comes back (a key of /proc/self/status, a line of /etc/passwd).
      expect(JSON.stringify(body)).not.toMatch(/VmRSS|root:x:/);
    }
  });

  it('loads no folder an alias names in `dataset`', async () => {
    const { body } = await validate(
      `name: x\nhorizon: { start: 2025, end: 2026 }\ndescription: &d ${folder}\ndataset: *d\n`,
    );
    expect(problems(body)).toEqual([
      expect.objectContaining({
        field: 'dataset',
        line: 4,
        message: `no dataset "${folder}" on this server (see GET /api/datasets)`,
      }),
    ]);
  });

  it('answers a billion laughs with a problem, not a 500', async () => {
    const { res, body } = await validate(LAUGHS);
    expect(res.statusCode).toBe(200);
    expect(problems(body)[0]!.message).toMatch(/aliases expand too much/);
    const created = await wb.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: { id: 'lol', yaml: LAUGHS },
    });
    expect(created.statusCode).toBe(422);
  });

  it('answers deeply nested YAML at once', async () => {
    const { body, ms } = await validate(`name: x\na: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    expect(problems(body)[0]).toMatchObject({ line: 2, message: expect.stringMatching(/nested deeper/) });
    expect(ms).toBeLessThan(1_000);
  });

  it('names an empty or self-naming `extends`, with its line', async () => {
    expect(problems((await validate('name: x\nextends: ""\n')).body)[0]).toMatchObject({
      field: 'extends',
      line: 2,
    });
    const cycle = await validate('name: x\nextends: draft\n');
    expect(problems(cycle.body)[0]).toMatchObject({
      field: 'extends',
      line: 2,
      message: expect.stringContaining('cycle'),
    });
  });
});
