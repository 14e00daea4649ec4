import { describe, expect, it } from 'vitest';
import { type Row, TABLES, type TableName } from '../schema/tables.js';
import { checkCrossReferences, type RawDataset } from './cross-references.js';
import { formatProblem, ProblemList } from './problems.js';

const prov = { source_ids: ['s'], confidence: 'estimate' as const };
/** Records of a table, valid by its schema (with provenance where it has any), one a line from line 2. */
const rows = <N extends TableName>(name: N, records: Record<string, unknown>[]) =>
  records.map((record, i) => ({
    row: TABLES[name].schema.parse(
      name === 'sources' || name === 'regions' ? record : { ...prov, ...record },
    ) as Row<N>,
    file: `${name}.yaml`,
    line: i + 2,
    lineOf: () => i + 2,
  }));
const empty = (): RawDataset => ({
  sources: rows('sources', [{ id: 's', title: 'S' }]),
  regions: rows('regions', [{ id: 'US', name: 'US' }]),
  taint_sets: [],
  materials: [],
  processes: [],
  facilities: [],
  capacity_steps: [],
  applications: [],
  demand: [],
  transport: [],
  inventory: [],
  agreements: [],
  policies: [],
  collection: [],
  substitutions: [],
  uncertainty: [],
  demand_curves: [],
  price_benchmarks: [],
  candidates: [],
});
const problems = (d: RawDataset) => {
  const list = new ProblemList();
  checkCrossReferences(d, list);
  return list.items.map(formatProblem);
};

describe('checkCrossReferences', () => {
  it("checks each policy type's own foreign keys, and its ids are unique", () => {
    const d = empty();
    d.policies = rows('policies', [
      { type: 'recycled_content', id: 'rc', region: 'EU', share: 0.1, start: 2025 },
      { type: 'tariff', id: 't', importer: 'US', exporters: ['US', 'XX'], per_kg: 1, start: 2025 },
      { type: 'tariff', id: 't', importer: 'US', per_kg: 1, start: 2025 },
    ]);
    expect(problems(d)).toEqual([
      'policies.yaml:4: id: duplicate id "t" (first at line 3)',
      'policies.yaml:2: region: unknown region "EU"; expected an id from regions',
      'policies.yaml:3: exporters.1: unknown region "XX"; expected an id from regions',
    ]);
  });

  it('follows nested and listed fields, and lets wildcards through', () => {
    const d = empty();
    d.processes = rows('processes', [
      {
        id: 'p',
        name: 'p',
        stage: 'magnet',
        reference: 'magnet',
        inputs: [{ material: 'oxide', amount: 1 }],
        outputs: [{ material: 'magnet', amount: 1 }],
      },
    ]);
    d.transport = rows('transport', [{ from: '*', to: 'US', material: '*', cost: 1 }]);
    d.uncertainty = rows('uncertainty', [
      {
        id: 'u',
        target: 'capacity',
        exclude_regions: ['US', 'XX'],
        distribution: { type: 'fixed', value: 1 },
      },
    ]);
    expect(problems(d)).toEqual([
      'processes.yaml:2: inputs.0.material: unknown material "oxide"; expected an id from materials',
      'processes.yaml:2: outputs.0.material: unknown material "magnet"; expected an id from materials',
      'uncertainty.yaml:2: exclude_regions.1: unknown region "XX"; expected an id from regions',
    ]);
  });
});
