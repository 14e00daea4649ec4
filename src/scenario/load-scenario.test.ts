import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../dataset/problems.js';
import { loadScenario, scenarioFromObject } from './disk.js';
import { prepareRun } from './prepare-run.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'scenarios');
const work = mkdtempSync(join(tmpdir(), 'lodestone-sc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function problems(file: string): string[] {
  try {
    prepareRun(file);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}
function scenarioFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

describe('scenario files', () => {
  it('extend a parent: fields replaced, lists appended, the dataset found from the parent', () => {
    const { scenario, patch, datasetDir } = loadScenario(join(FIXTURES, 'mini-delayed.yaml'));
    expect(scenario.name).toBe('mini-delayed');
    expect(scenario.horizon).toEqual({ start: 2025, end: 2027 });
    expect(datasetDir).toBe(join(FIXTURES, '..', 'mini-dataset'));
    expect(patch.add.map((a) => a.value.table)).toEqual(['policies', 'policies', 'capacity_steps']);
    expect(patch.removePolicies.map((r) => r.value)).toEqual(['us-defense']);
    expect(scenario.delays).toEqual([
      expect.objectContaining({ statuses: ['planned', 'construction'], years: 2 }),
    ]);
  });

  it('held in memory (library use) merge with what they extend as a file does', () => {
    const fromFile = loadScenario(join(FIXTURES, 'mini-delayed.yaml'));
    const inMemory = scenarioFromObject({ name: 'mini-delayed-2', extends: 'mini-delayed.yaml' }, FIXTURES);
    expect(inMemory.scenario.name).toBe('mini-delayed-2');
    expect(inMemory.scenario.horizon).toEqual(fromFile.scenario.horizon);
    expect(inMemory.scenario.delays).toEqual(fromFile.scenario.delays);
    expect(inMemory.datasetDir).toBe(fromFile.datasetDir);
    expect(inMemory.patch.add.map((a) => a.value.table)).toEqual(
      fromFile.patch.add.map((a) => a.value.table),
    );
    expect(() => scenarioFromObject({ name: 'x', extends: 'missing.yaml' }, FIXTURES)).toThrow(InputError);
  });

  it('change the dataset: policies added and removed, records overridden and added, starts delayed', () => {
    const embargo = prepareRun(join(FIXTURES, 'mini-embargo.yaml')).dataset;
    expect(embargo.policies.map((p) => p.id)).toEqual(['cn-embargo', 'us-defense']);
    expect(embargo.facilities.find((f) => f.id === 'us-magnet')).toMatchObject({
      start_year: 2026,
      status: 'construction',
    });
    expect(embargo.capacity_steps.filter((s) => s.facility === 'us-sep')).toHaveLength(1);
    const delayed = prepareRun(join(FIXTURES, 'mini-delayed.yaml')).dataset;
    expect(delayed.policies.map((p) => p.id)).toEqual(['cn-embargo']);
    // us-magnet (construction, 2026) and us-sep (construction, 2026) slip two years, their steps too.
    expect(delayed.facilities.find((f) => f.id === 'us-magnet')!.start_year).toBe(2028);
    expect(delayed.facilities.find((f) => f.id === 'us-sep')!.start_year).toBe(2028);
    expect(delayed.capacity_steps.find((s) => s.facility === 'us-sep')!.year).toBe(2029);
    // Operating plants keep their start.
    expect(delayed.facilities.find((f) => f.id === 'us-mine')!.start_year).toBeUndefined();
  });

  it('choose supply paths per group, the child’s choice over its parent’s, each with its line', () => {
    const parent = scenarioFile(
      'paths-parent.yaml',
      `name: p\nextends: ${join(FIXTURES, 'mini.yaml')}\nsupply_paths: { china: low, rest: high }\n`,
    );
    const child = scenarioFile(
      'paths-child.yaml',
      `name: c\nextends: ${parent}\nsupply_paths:\n  china: high\n`,
    );
    const { scenario, supplyPathsAt } = loadScenario(child);
    expect(scenario.supply_paths).toEqual({ china: 'high', rest: 'high' });
    expect(supplyPathsAt).toEqual({ china: { file: child, line: 4 }, rest: { file: parent, line: 3 } });
  });

  it('cancel the facilities they select', () => {
    const file = scenarioFile(
      'cancel.yaml',
      `name: committed\nextends: ${join(FIXTURES, 'mini.yaml')}\ncancel:\n  - { statuses: [planned], exclude_regions: [CN] }\n`,
    );
    const { dataset } = prepareRun(file);
    expect(dataset.facilities.filter((f) => f.status === 'closed').map((f) => f.id)).toEqual(['us-magnet']);
  });

  it('report problems in added records at the scenario line that wrote them', () => {
    const file = scenarioFile(
      'bad-policy.yaml',
      `name: bad
extends: ${join(FIXTURES, 'mini.yaml')}
policies:
  - type: export_control
    id: x
    exporter: XX
    licensed_share: 2
    start: 2025-13
    source_ids: [test]
    confidence: high
  - type: nonsense
    id: y
overrides:
  - { table: facilities, id: nope, set: { capacity: 1 } }
remove_policies: [ghost]
`,
    );
    // Every problem at once; a record that fails its schema is not cross-checked as well.
    expect(problems(file)).toEqual([
      `${file}:14: overrides.id: no record "nope" in facilities`,
      `${file}:15: remove_policies: no policy "ghost" to remove`,
      `${file}:4: licensed_share: expected a share between 0 and 1`,
      `${file}:4: start: expected a month as YYYY-MM (or a year)`,
      `${file}:11: type: expected a policy type: export_control, tariff, price_floor, origin_requirement, stockpile, cost_shift, collection_target, recycled_content`,
    ]);
    const cross = scenarioFile(
      'bad-refs.yaml',
      `name: bad
extends: ${join(FIXTURES, 'mini.yaml')}
policies:
  - { type: export_control, id: x, exporter: XX, licensed_share: 0, start: 2025, source_ids: [test], confidence: high }
`,
    );
    expect(problems(cross)).toEqual([
      `${cross}:4: exporter: unknown region "XX"; expected an id from regions`,
      `${cross}:4: elements: expected elements or materials to control`,
    ]);
  });

  it('names a missing horizon, a missing parent and a cycle', () => {
    expect(
      problems(
        scenarioFile('no-horizon.yaml', `name: x\ndataset: ${join(FIXTURES, '..', 'mini-dataset')}\n`),
      ),
    ).toEqual([
      `${join(work, 'no-horizon.yaml')}: horizon: missing; expected { start, end } here or in a scenario it extends`,
    ]);
    expect(problems(scenarioFile('orphan.yaml', 'name: x\nextends: nowhere.yaml\n'))).toEqual([
      `${join(work, 'orphan.yaml')}:2: extends: scenario "nowhere.yaml" not found (looked in ${join(work, 'nowhere.yaml')})`,
    ]);
    scenarioFile('a.yaml', 'name: a\nextends: b.yaml\n');
    scenarioFile('b.yaml', 'name: b\nextends: a.yaml\n');
    expect(problems(join(work, 'a.yaml'))[0]).toMatch(/extends: scenarios extend each other in a cycle/);
  });
});
