/** Checks that every id a record names exists, ids are unique, and compositions add up. */
import type { Row } from '../schema/tables.js';
import type { ProblemList } from './problems.js';
import { ANY_ID } from './raw-record.js';
import { fieldLine, type Located } from './validate-rows.js';

export interface RawDataset {
  sources: Located<Row<'sources'>>[];
  regions: Located<Row<'regions'>>[];
  taint_sets: Located<Row<'taint_sets'>>[];
  materials: Located<Row<'materials'>>[];
  processes: Located<Row<'processes'>>[];
  facilities: Located<Row<'facilities'>>[];
  capacity_steps: Located<Row<'capacity_steps'>>[];
  applications: Located<Row<'applications'>>[];
  demand: Located<Row<'demand'>>[];
  transport: Located<Row<'transport'>>[];
  inventory: Located<Row<'inventory'>>[];
  agreements: Located<Row<'agreements'>>[];
  policies: Located<Row<'policies'>>[];
  collection: Located<Row<'collection'>>[];
  uncertainty: Located<Row<'uncertainty'>>[];
}

const ids = <T extends { id: string }>(rows: Located<T>[]) => new Set(rows.map((r) => r.row.id));

export function checkUniqueIds<T extends { id: string }>(rows: Located<T>[], problems: ProblemList): void {
  const first = new Map<string, Located<T>>();
  for (const r of rows) {
    const prev = first.get(r.row.id);
    if (prev)
      problems.error(
        r.file,
        fieldLine(r, 'id'),
        'id',
        `duplicate id "${r.row.id}" (first at line ${prev.line ?? '?'})`,
      );
    else first.set(r.row.id, r);
  }
}

/**
 * `declared` holds the ids of every record in the files, valid or not, so that a record which
 * failed validation is reported once, not again by each record that names it. A table that could
 * not be read declares ANY_ID, and then no reference into it is reported.
 */
export function checkCrossReferences(
  d: RawDataset,
  problems: ProblemList,
  declared: Partial<Record<string, Set<string>>> = {},
): void {
  for (const table of [
    d.sources,
    d.regions,
    d.taint_sets,
    d.materials,
    d.processes,
    d.facilities,
    d.applications,
    d.agreements,
  ]) {
    checkUniqueIds(table as Located<{ id: string }>[], problems);
  }
  const known = {
    source: declared.sources ?? ids(d.sources),
    region: declared.regions ?? ids(d.regions),
    'taint set': declared.taint_sets ?? ids(d.taint_sets),
    material: declared.materials ?? ids(d.materials),
    process: declared.processes ?? ids(d.processes),
    facility: declared.facilities ?? ids(d.facilities),
    application: declared.applications ?? ids(d.applications),
    policy: declared.policies ?? ids(d.policies),
  };
  const ref = (
    r: Located<unknown>,
    field: string,
    kind: keyof typeof known,
    value: string | undefined,
    wildcard = false,
  ) => {
    if (value === undefined || (wildcard && value === '*') || known[kind].has(value)) return;
    if (known[kind].has(ANY_ID)) return; // its table could not be read: that is the problem to fix
    const table =
      { facility: 'facilities', process: 'processes', policy: 'policies', 'taint set': 'taint_sets' }[
        kind as string
      ] ?? `${kind}s`;
    problems.error(
      r.file,
      fieldLine(r, field),
      field,
      `unknown ${kind} "${value}"; expected an id from ${table}`,
    );
  };

  const all = Object.values(d).flat() as Located<{ source_ids?: string[] }>[];
  for (const r of all) {
    for (const s of r.row.source_ids ?? []) ref(r, 'source_ids', 'source', s);
  }
  for (const r of d.materials) checkComposition(r, problems);
  for (const r of d.processes) {
    const flows = [...r.row.inputs, ...r.row.outputs];
    for (const side of ['inputs', 'outputs'] as const) {
      r.row[side].forEach((f, i) => {
        ref(r, `${side}.${i}.material`, 'material', f.material);
      });
    }
    const refFlows = flows.filter((f) => f.material === r.row.reference);
    if (refFlows.length !== 1 || !(refFlows[0]!.amount > 0)) {
      problems.error(
        r.file,
        fieldLine(r, 'reference'),
        'reference',
        `expected the reference material "${r.row.reference}" once among the inputs or outputs, with an amount > 0`,
      );
    }
  }
  const processById = new Map(d.processes.map((p) => [p.row.id, p.row]));
  for (const r of d.facilities) {
    ref(r, 'region', 'region', r.row.region);
    ref(r, 'process', 'process', r.row.process);
    const process = processById.get(r.row.process);
    const basis = r.row.capacity_basis;
    if (process && basis && ![...process.inputs, ...process.outputs].some((f) => f.material === basis)) {
      problems.error(
        r.file,
        fieldLine(r, 'capacity_basis'),
        'capacity_basis',
        `"${basis}" is not in the recipe of process "${process.id}"`,
      );
    }
    if (r.row.start_year !== undefined && r.row.end_year !== undefined && r.row.end_year < r.row.start_year) {
      problems.error(r.file, fieldLine(r, 'end_year'), 'end_year', 'expected end_year ≥ start_year');
    }
  }
  for (const r of d.capacity_steps) ref(r, 'facility', 'facility', r.row.facility);
  for (const r of d.demand) {
    ref(r, 'region', 'region', r.row.region);
    ref(r, 'application', 'application', r.row.application);
    ref(r, 'material', 'material', r.row.material);
  }
  for (const r of d.transport) {
    ref(r, 'from', 'region', r.row.from, true);
    ref(r, 'to', 'region', r.row.to, true);
    ref(r, 'material', 'material', r.row.material, true);
  }
  checkDistances(d, problems);
  for (const r of d.inventory) {
    ref(r, 'region', 'region', r.row.region);
    ref(r, 'material', 'material', r.row.material);
  }
  for (const r of d.agreements) {
    ref(r, 'supplier', 'facility', r.row.supplier);
    ref(r, 'buyer_region', 'region', r.row.buyer_region);
    ref(r, 'buyer_application', 'application', r.row.buyer_application);
    ref(r, 'buyer_facility', 'facility', r.row.buyer_facility);
    ref(r, 'material', 'material', r.row.material);
  }
  for (const r of d.policies) {
    const p = r.row;
    const each = (field: string, kind: Parameters<typeof ref>[2], values: readonly string[]) =>
      values.forEach((v, i) => {
        ref(r, `${field}.${i}`, kind, v);
      });
    if (p.type === 'export_control') {
      ref(r, 'exporter', 'region', p.exporter);
      each('materials', 'material', p.materials);
      each('destinations.regions', 'region', p.destinations.regions);
      if (p.elements.length + p.materials.length === 0)
        problems.error(r.file, r.line, 'elements', 'expected elements or materials to control');
    } else if (p.type === 'tariff') {
      ref(r, 'importer', 'region', p.importer);
      each('exporters', 'region', p.exporters);
      each('materials', 'material', p.materials);
    } else if (p.type === 'price_floor') {
      each('producers', 'facility', p.producers);
      ref(r, 'material', 'material', p.material);
    } else if (p.type === 'origin_requirement') {
      ref(r, 'region', 'region', p.region);
      ref(r, 'set', 'taint set', p.set);
      each('applications', 'application', p.applications);
      each('materials', 'material', p.materials);
    } else if (p.type === 'stockpile') {
      ref(r, 'region', 'region', p.region);
      ref(r, 'material', 'material', p.material);
    } else if (p.type === 'cost_shift') {
      each('regions', 'region', p.regions);
      each('facilities', 'facility', p.facilities);
    } else if (p.type === 'collection_target') {
      ref(r, 'region', 'region', p.region);
      each('applications', 'application', p.applications);
    } else {
      ref(r, 'region', 'region', p.region);
    }
    if (p.type === 'stockpile' && p.build_priority >= p.release_price) {
      problems.error(
        r.file,
        fieldLine(r, 'build_priority'),
        'build_priority',
        'expected a build priority below the release price (else the stock would churn)',
      );
    }
  }
  for (const r of d.taint_sets)
    r.row.regions.forEach((v, i) => {
      ref(r, `regions.${i}`, 'region', v);
    });
  for (const r of d.applications) ref(r, 'eol_material', 'material', r.row.eol_material);
  for (const r of d.collection) {
    ref(r, 'region', 'region', r.row.region, true);
    ref(r, 'application', 'application', r.row.application, true);
  }
  for (const r of d.uncertainty) {
    const s = r.row;
    for (const v of s.facilities) ref(r, 'facilities', 'facility', v);
    for (const v of [...s.regions, ...s.exclude_regions]) ref(r, 'regions', 'region', v);
    for (const v of s.applications) ref(r, 'applications', 'application', v);
    for (const v of s.policies) ref(r, 'policies', 'policy', v);
  }
  checkDuplicateDemand(d, problems);
}

/** A cost per distance needs both ends of the routes it covers placed on the map. */
function checkDistances(d: RawDataset, problems: ProblemList): void {
  const byDistance = d.transport.filter((r) => (r.row.per_1000km ?? 0) > 0);
  if (byDistance.length === 0) return;
  const ends = new Set(byDistance.flatMap((r) => [r.row.from, r.row.to]));
  for (const r of d.regions) {
    if (!ends.has('*') && !ends.has(r.row.id)) continue;
    const missing = (['lat', 'lon'] as const).filter((f) => r.row[f] === undefined);
    if (missing.length === 0) continue;
    const line = byDistance[0]!;
    problems.error(
      r.file,
      r.line,
      missing[0]!,
      `expected ${missing.join(' and ')}: ${line.file} line ${line.line ?? '?'} charges transport per 1,000 km`,
    );
  }
}

function checkComposition(r: Located<Row<'materials'>>, problems: ProblemList): void {
  const sum = Object.values(r.row.composition).reduce((a, b) => a + b, 0);
  const reoBased = r.row.form === 'concentrate' || r.row.form === 'oxide';
  if (reoBased && Math.abs(sum - 1) > 0.01) {
    problems.error(
      r.file,
      fieldLine(r, 'composition'),
      'composition',
      `expected fractions of the REO summing to 1, got ${round(sum)}`,
    );
  } else if (!reoBased && sum > 1 + 1e-9) {
    problems.error(
      r.file,
      fieldLine(r, 'composition'),
      'composition',
      `expected mass fractions summing to at most 1, got ${round(sum)}`,
    );
  }
  if (r.row.form !== 'concentrate' && r.row.grade !== undefined) {
    problems.error(r.file, fieldLine(r, 'grade'), 'grade', 'only concentrates have a grade');
  }
}

function checkDuplicateDemand(d: RawDataset, problems: ProblemList): void {
  const seen = new Map<string, number | undefined>();
  for (const r of d.demand) {
    const key = `${r.row.region}|${r.row.application}|${r.row.material}|${r.row.year}`;
    if (seen.has(key)) {
      problems.error(
        r.file,
        fieldLine(r, 'year'),
        'year',
        `duplicate demand for ${key.replaceAll('|', ' ')} (first at line ${seen.get(key) ?? '?'})`,
      );
    } else seen.set(key, r.line);
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
