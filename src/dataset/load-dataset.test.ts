import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset.js';
import { formatProblem, InputError } from './problems.js';

const MINI = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'mini-dataset');
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A copy of the mini dataset with some files replaced or edited. */
function variant(edit: Record<string, string | ((text: string) => string) | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-ds-'));
  temps.push(dir);
  cpSync(MINI, dir, { recursive: true });
  for (const [file, change] of Object.entries(edit)) {
    const path = join(dir, file);
    if (change === null) rmSync(path);
    else writeFileSync(path, typeof change === 'string' ? change : change(readFileSync(path, 'utf8')));
  }
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadDataset(dir);
  } catch (e) {
    if (e instanceof InputError) return e.problems.filter((p) => p.severity === 'error').map(formatProblem);
    throw e;
  }
  return [];
}

describe('loadDataset on a valid folder', () => {
  const { dataset, warnings } = loadDataset(MINI);

  it('reads every table without warnings', () => {
    expect(warnings).toEqual([]);
    expect(dataset.meta.name).toBe('mini');
    expect(dataset.facilities.map((f) => f.id)).toEqual([
      'cn-mine',
      'cn-sep',
      'cn-magnet',
      'us-mine',
      'us-sep',
      'us-magnet',
    ]);
  });

  it('converts capacities to units of activity, through the capacity basis', () => {
    const cap = (id: string) => dataset.facilities.find((f) => f.id === id)!;
    expect(cap('cn-mine').capacity).toBe(200_000); // 200 kt REO
    // 40 kt NdPr oxide at 0.19 t oxide per t REO of concentrate fed.
    expect(cap('cn-sep').capacity).toBeCloseTo(40_000 / 0.19, 6);
    expect(cap('cn-sep').capacity_unit).toBe('t REO (conc)');
    expect(cap('us-magnet').unit_cost).toBe(35);
    expect(cap('cn-magnet').unit_cost).toBe(20); // the process's cost
  });

  it('converts money and mass units once', () => {
    expect(dataset.applications.find((a) => a.id === 'defense')!.voll).toBe(2000); // 2,000,000 USD/t
    expect(dataset.demand.find((d) => d.region === 'CN')!.amount).toBe(150_000); // 150 kt magnet
    expect(dataset.capacity_steps[0]!.capacity).toBe(10_000); // 10 kt magnet
  });

  it('reads CSV lists and compact recipes', () => {
    expect(dataset.regions.find((r) => r.id === 'US')!.blocs).toEqual(['allies']);
    expect(dataset.processes.find((p) => p.id === 'make-magnet')!.inputs).toEqual([
      { material: 'ndpr-oxide', amount: 0.45, unit: 't REO' },
    ]);
  });

  it('hashes the files so runs can say which data they used', () => {
    expect(dataset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loadDataset(variant({ 'demand.csv': (t) => t.replace('7000', '7001') })).dataset.hash).not.toBe(
      dataset.hash,
    );
  });
});

describe('loadDataset reports every problem as file:line: field: message', () => {
  it('names malformed values, unknown ids, wrong units and negative capacities at once', () => {
    const dir = variant({
      'facilities.csv': (t) =>
        t
          .replace('us-mine,US mine,Miner,US,mine', 'us-mine,US mine,Miner,XX,mine')
          .replace('1000,t magnet,,1,35', '-5,t magnet,,1,35')
          .replace('40000,t REO', '40000,lb REO'),
      'demand.csv': (t) => t.replace('7000,t magnet', 'lots,t magnet'),
    });
    const problems = problemsOf(dir);
    expect(problems).toContain('facilities.csv:7: capacity: expected a number ≥ 0');
    expect(problems).toContain('demand.csv:2: amount: expected a number');
    expect(problems).toContain('facilities.csv:5: region: unknown region "XX"; expected an id from regions');
    expect(
      problems.some((p) =>
        p.startsWith('facilities.csv:5: capacity_unit: unit "lb REO": expected a mass unit'),
      ),
    ).toBe(true);
  });

  it('reads candidate builds in units of activity, and names their bad fields', () => {
    const header =
      'id,name,kind,region,process,facility,size_unit,size_basis,min_size,max_size,unit_capex,fixed_opex,variable_cost,lead_time,earliest_start,source_ids,confidence';
    const good = `${header}\nus-sep2,US separation,greenfield,US,separate,,t oxide,ndpr-oxide,95,950,100000,5000,9,3,2027,test,estimate\n`;
    const [c] = loadDataset(variant({ 'candidates.csv': good })).dataset.candidates;
    // 950 t NdPr oxide a year at 0.19 t oxide per t of concentrate: 5,000 t of activity.
    expect(c!.max_size).toBeCloseTo(5000, 9);
    expect(c!.min_size).toBeCloseTo(500, 9);
    expect(c!.unit_capex).toBeCloseTo(19000, 9);
    expect(c!.fixed_opex).toBeCloseTo(950, 9);
    expect(c!.size_unit).toBe('t REO (conc)');
    const bad = [
      header,
      'a,A,greenfield,XX,separate,,t REO,,0,10,100,0,1,3,2027,test,estimate',
      'b,B,greenfield,US,smelt,,t REO,,0,10,100,0,1,3,2027,test,estimate',
      'c,C,greenfield,US,separate,,t REO,,0,10,-100,0,1,3,2027,test,estimate',
      'd,D,project,US,separate,,t REO,,20,10,100,0,1,3,2027,test,estimate',
      'e,E,project,US,mine,us-sep,t REO,,0,,100,0,1,3,2027,test,estimate',
    ].join('\n');
    const problems = problemsOf(variant({ 'candidates.csv': bad }));
    expect(problems).toContain('candidates.csv:2: region: unknown region "XX"; expected an id from regions');
    expect(problems).toContain(
      'candidates.csv:3: process: unknown process "smelt"; expected an id from processes',
    );
    expect(problems).toContain('candidates.csv:4: unit_capex: expected a capex from 0 to 1e9 USD per t/yr');
    expect(problems).toContain('candidates.csv:5: min_size: expected min_size ≤ max_size (10)');
    expect(problems).toContain(
      'candidates.csv:5: facility: expected the facility of the announced project (kind project)',
    );
    expect(problems).toContain(
      'candidates.csv:6: facility: facility "us-sep" is separate in US, not mine in US',
    );
  });

  it('asks for the coordinates of regions that a cost per distance reaches', () => {
    const dir = variant({
      'regions.csv': 'id,name,blocs,lat,lon\nCN,China,,31.23,121.47\nUS,United States,allies,,\n',
      'transport.csv': (t) =>
        t.replace('cost,unit', 'cost,per_1000km,unit').replace(/,(\d+(\.\d+)?),USD/g, ',$1,0.025,USD'),
    });
    expect(problemsOf(dir)).toEqual([
      'regions.csv:3: lat: expected lat and lon: transport.csv line 2 charges transport per 1,000 km',
    ]);
  });

  it('points into nested YAML fields and at missing ones', () => {
    const dir = variant({
      'materials.yaml': (t) =>
        t
          .replace('composition: { Nd: 0.75, Pr: 0.25 }', 'composition: { Nd: 0.75, Pr: 1.25 }')
          .replace('  form: magnet\n', ''),
    });
    expect(problemsOf(dir)).toEqual([
      'materials.yaml:12: composition.Pr: expected a share between 0 and 1',
      'materials.yaml:23: form: missing; expected a form: concentrate, oxide, metal, alloy, magnet, scrap',
    ]);
  });

  it('checks recipes, compositions, duplicates and sources', () => {
    const dir = variant({
      'processes.yaml': (t) => t.replace('reference: magnet', 'reference: conc'),
      'materials.yaml': (t) => t.replace('{ La: 0.375, Ce: 0.625 }', '{ La: 0.375, Ce: 0.5 }'),
      'demand.csv': (t) => `${t}US,ev,magnet,2025,1,t magnet,,nosuch,estimate\n`,
    });
    expect(problemsOf(dir)).toEqual([
      'demand.csv:5: source_ids.0: unknown source "nosuch"; expected an id from sources',
      'materials.yaml:19: composition: expected fractions of the REO summing to 1, got 0.875',
      'processes.yaml:23: reference: expected the reference material "conc" once among the inputs or outputs, with an amount > 0',
      'demand.csv:5: year: duplicate demand for US ev magnet 2025 (first at line 2)',
    ]);
  });

  it('requires a source and a confidence on every data record', () => {
    const dir = variant({ 'inventory.csv': 'region,material,tag,amount,unit\nUS,ndpr-oxide,cn,100,t REO\n' });
    expect(problemsOf(dir)).toEqual([
      'inventory.csv:2: source_ids: missing; expected at least one source id',
      'inventory.csv:2: confidence: missing; expected a confidence: high, medium, low or estimate',
    ]);
  });

  it('refuses a unit of the wrong kind for the material', () => {
    const dir = variant({ 'demand.csv': (t) => t.replace('7000,t magnet', '7000,t concentrate') });
    expect(problemsOf(dir)).toEqual([
      'demand.csv:2: unit: unit "t concentrate" is for concentrate, but the material is magnet',
    ]);
  });

  it('names a missing table, a malformed file and an unknown column', () => {
    const dir = variant({
      'regions.csv': null,
      'materials.yaml': '- id: conc\n  name: [unclosed\n',
      'transport.csv': (t) => t.replace('cost,unit', 'cost,currency'),
    });
    const problems = problemsOf(dir);
    expect(problems).toContain(`regions.csv: missing table; expected regions.csv or regions.yaml in ${dir}`);
    expect(problems.some((p) => /^materials\.yaml:\d+: not valid YAML/.test(p))).toBe(true);
    expect(problems).toContain('transport.csv:2: unknown field(s) "currency"');
  });

  it('warns about sources nothing uses and files it does not read', () => {
    const dir = variant({
      'sources.csv': (t) => `${t}unused,An unused source,,,\n`,
      'facilites.csv': 'id\n',
    });
    const { warnings } = loadDataset(dir);
    expect(warnings.map(formatProblem)).toEqual([
      expect.stringMatching(/^facilites\.csv: not a table Lodestone reads/),
      'sources.csv:3: id: source "unused" is not used by any record',
    ]);
  });

  it('reports a folder that does not exist', () => {
    expect(problemsOf('/no/such/folder')).toEqual(['/no/such/folder: dataset folder not found']);
  });
});
