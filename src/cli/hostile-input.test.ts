/**
 * The CLI on scenarios an attacker or a careless user writes: every one is exit code 2 with a
 * message naming the file, line and field, at once (issue #14, items 2, 3 and 5).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

const work = mkdtempSync(join(tmpdir(), 'lodestone-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

async function validate(...args: string[]): Promise<{ code: number; err: string; ms: number }> {
  let err = '';
  const t0 = performance.now();
  const code = await main(['node', 'lodestone', 'validate', ...args], {
    out: () => {},
    err: (s) => {
      err += s;
    },
    tty: false,
  });
  return { code, err, ms: performance.now() - t0 };
}

const LAUGHS = `name: lol
a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
`;

describe('hostile scenarios on the CLI', () => {
  it('refuses devices, folders and empty names in `extends`, with the line', async () => {
    mkdirSync(join(work, 'folder'), { recursive: true });
    const cases: [string, RegExp][] = [
      ['extends: /dev/zero', /"\/dev\/zero" is not a regular file/],
      ['description: &e /dev/urandom\nextends: *e', /"\/dev\/urandom" is not a regular file/],
      ['extends: folder', /"folder" is a folder/],
      ['extends: ""', /extends: expected non-empty text/],
    ];
    for (const [i, [lines, message]] of cases.entries()) {
      const path = file(`ext-${i}.yaml`, `name: x\n${lines}\n`);
      const { code, err, ms } = await validate(path);
      expect(code).toBe(2);
      expect(err).toMatch(message);
      expect(err).toContain(`${path}:${lines.split('\n').length + 1}: extends:`);
      expect(ms).toBeLessThan(5_000);
    }
  });

  it('refuses a device or a file as the dataset folder', async () => {
    const path = file('dev-data.yaml', 'name: x\nhorizon: { start: 2025, end: 2026 }\ndataset: /dev/zero\n');
    const { code, err } = await validate(path);
    expect(code).toBe(2);
    expect(err).toContain(`${path}:3: dataset: "/dev/zero" is not a folder`);
  });

  it('refuses a folder given as the scenario', async () => {
    const { code, err } = await validate(join(work, 'folder'));
    expect(code).toBe(2);
    expect(err).toMatch(/is a folder; expected a scenario YAML file/);
  });

  it('refuses a billion laughs and deep nesting at once', async () => {
    const laughs = await validate(file('laughs.yaml', LAUGHS));
    expect(laughs.code).toBe(2);
    expect(laughs.err).toMatch(/aliases expand too much/);
    const deep = await validate(
      file('deep.yaml', `name: x\na: ${'['.repeat(40_000)}${']'.repeat(40_000)}\n`),
    );
    expect(deep.code).toBe(2);
    expect(deep.err).toMatch(/deep\.yaml:2: brackets nested deeper than 64 levels/);
    expect(deep.ms).toBeLessThan(1_000);
  });

  it('names the line of an `extends` that closes a cycle', async () => {
    file('a.yaml', 'name: a\nextends: b.yaml\n');
    file('b.yaml', 'name: b\n\nextends: a.yaml\n');
    const { code, err } = await validate(join(work, 'a.yaml'));
    expect(code).toBe(2);
    expect(err).toContain(`${join(work, 'b.yaml')}:3: extends: scenarios extend each other in a cycle`);
  });
});
